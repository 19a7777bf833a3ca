//! calc: a small statically typed expression language, embeddable in Rust.
//!
//! # Embedding
//!
//! An [`Engine`] compiles a calc source whose free variables are typed
//! inputs into a [`Program`]: parsed into an arena, name-resolved and
//! type-checked once, or refused with every diagnostic ([`CompileError`]).
//! A program is `Send + Sync + 'static` and cheap to clone; evaluate it with
//! values for its inputs, from any number of threads, each through its own
//! reusable [`Evaluator`]. Results are owned [`Value`]s that convert to and
//! from Rust types ([`FromCalc`], [`IntoCalc`]); errors carry spans and
//! render exactly as the `calc` command line renders them.
//!
//! ```
//! use calc::{Engine, HostError, Limits, Value};
//!
//! let mut engine = Engine::with_limits(Limits { fuel: Some(100_000), ..Limits::default() });
//! engine.register_fn("vat", "fn(Float) -> Float", |args| match args {
//!     [Value::Float(net)] => Ok(Value::Float(net * 1.2)),
//!     _ => Err(HostError::new("expected a Float")),
//! })?;
//!
//! let program = engine.compile(
//!     "let total = prices.map(float).sum() * qty; (total.vat(), total > 100.0)",
//!     &[("prices", "[Int]"), ("qty", "Float")],
//! )?;
//! assert_eq!(program.result_type(), "(Float, Bool)");
//!
//! let mut evaluator = program.evaluator();
//! let (gross, big): (f64, bool) = evaluator.eval(&[vec![10, 20].into(), 2.0.into()])?.to()?;
//! assert_eq!((gross, big), (72.0, false));
//!
//! // A type error is found at compile time, with its span, as `calc check` shows it.
//! let refused = engine.compile("qty + 1", &[("qty", "Float")]).unwrap_err();
//! assert!(refused.render(false).contains("E0202"));
//!
//! // A runtime error carries its span too.
//! let failing = engine.compile("10 / n", &[("n", "Int")])?;
//! let error = failing.eval(&[0.into()]).unwrap_err();
//! assert_eq!(error.code(), "E0401");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! `docs/guide/embedding.md` explains the API; `examples/*.rs` are complete
//! programs (`cargo run --release --example pricing`).
//!
//! # Inside
//!
//! The pipeline runs one way, one folder per stage:
//! source → [`syntax`] (lexer, arena AST, parser) → [`sema`] (name
//! resolution, Hindley–Milner checker, exhaustiveness) → [`eval`] (values,
//! the tree-walking evaluator, builtins); the engine is the front door that
//! runs them, and [`session`] (units that share definitions, the REPL's
//! language logic) is built on its compile step. [`diag`] is the one
//! diagnostic model every stage reports with; [`span`] locates text.
//!
//! The `calc` binary (command line, terminal REPL) sits on top of this
//! library and is built only with the default `cli` feature, so depending on
//! calc as a library does not build clap, rustyline, ctrlc or dirs.
//!
//! The stage modules are internals, public only so the binary, tests,
//! benches and fuzz targets can reach them; they are hidden from the
//! documentation and may change. See `ARCHITECTURE.md` for the map and
//! `docs/guide/` for the language.

#![deny(unsafe_code)]
#![warn(missing_docs)]

#[cfg(feature = "arrow")]
pub mod columnar;
#[cfg(feature = "datafusion")]
pub mod datafusion;
pub mod diag;
mod engine;
#[doc(hidden)]
pub mod eval;
#[doc(hidden)]
pub mod ide;
#[doc(hidden)]
pub mod sema;
pub mod session;
pub mod span;
#[doc(hidden)]
pub mod syntax;

pub use diag::Diagnostic;
pub use engine::{
    CancelHandle, CheckReport, CompileError, ConvertError, Engine, EvalError, Evaluator, FromCalc,
    HostError, IntoCalc, MAX_NESTING, Output, Program, RuntimeFailure, Value, codes,
};
pub use eval::Limits;
pub use session::{Response, Session};
pub use syntax::format::format_source;

/// The embedding chapter of the guide, whose Rust examples run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../docs/guide/embedding.md")]
pub struct EmbeddingGuide;
