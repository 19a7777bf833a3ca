//! calc: a small statically typed expression language.
//!
//! Pipeline (data flows one way): source → [`lexer`] tokens → [`parser`]
//! arena AST ([`ast`], allocated in an [`arena::Arena`]) → [`check`] types →
//! [`eval`] values. [`diag`] renders every stage's diagnostics. The `calc`
//! binary ([`cli`]) and the REPL are thin front ends over this library.
//! See `ARCHITECTURE.md` for the map.

pub mod arena;
pub mod ast;
pub mod builtins;
pub mod check;
pub mod cli;
pub mod diag;
pub mod dump;
pub mod eval;
pub mod exhaust;
pub mod lexer;
pub mod parser;
pub mod prelude;
pub mod repl;
pub mod resolve;
pub mod source;
pub mod span;
pub mod types;
pub mod unit;
pub mod value;
