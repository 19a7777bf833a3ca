//! Meaning: names, types and exhaustiveness of a parsed unit.
//!
//! Owns the prelude ([`prelude`]: the builtins and their types), the type
//! store ([`types`]), name resolution ([`resolve`]) with the declaration
//! descriptors it builds ([`descriptor`]), the checker ([`check`]),
//! exhaustiveness ([`exhaust`]) and the compiled [`unit`] (source + arena +
//! AST + resolution). Depends on [`crate::syntax`]; must not evaluate.

pub mod check;
pub mod descriptor;
pub mod exhaust;
pub mod prelude;
pub mod resolve;
pub mod types;
pub mod unit;
