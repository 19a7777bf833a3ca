//! calc: a small statically typed expression language.
//!
//! The pipeline runs one way, one folder per stage:
//! source → [`syntax`] (lexer, arena AST, parser) → [`sema`] (name
//! resolution, Hindley–Milner checker, exhaustiveness) → [`eval`] (values,
//! the tree-walking evaluator, builtins) → [`session`] (units that share
//! definitions, the REPL's language logic). [`diag`] is the one diagnostic
//! model every stage reports with; [`span`] locates text.
//!
//! The `calc` binary (command line, terminal REPL) sits on top of this
//! library and is built only with the default `cli` feature, so depending on
//! calc as a library does not build clap, rustyline, ctrlc or dirs.
//!
//! The stage modules are internals, public only so the binary, tests,
//! benches and fuzz targets can reach them; they are hidden from the
//! documentation and may change. See `ARCHITECTURE.md` for the map and
//! `docs/guide.md` for the language.

#![deny(unsafe_code)]
#![warn(missing_docs)]

pub mod diag;
mod engine;
#[doc(hidden)]
pub mod eval;
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
