//! Meaning: names, types and exhaustiveness of a parsed unit.
//!
//! Owns the prelude's types ([`prelude`]), the type store ([`types`]), name
//! resolution ([`resolve`]), the checker ([`check`]), exhaustiveness
//! ([`exhaust`]) and the compiled [`unit`] (source + arena + AST +
//! resolution). Depends on [`crate::syntax`]; must not evaluate.

pub mod check;
pub mod exhaust;
pub mod prelude;
pub mod resolve;
pub mod types;
pub mod unit;
