//! Meaning: names, types and exhaustiveness of a parsed unit.
//!
//! Owns the prelude ([`prelude`]: the builtins and their types), the type
//! store ([`types`]), the owned type declarations ([`decls`]), name
//! resolution ([`resolve`]) with the run-time descriptors it builds
//! ([`descriptor`]), the checker ([`check`]), exhaustiveness ([`exhaust`])
//! and the compiled [`unit`](mod@unit) (source + arena + AST + resolution).
//! Depends on [`crate::syntax`]; must not evaluate. The checker depends on
//! exhaustiveness, never the reverse: both share only [`decls`] and
//! [`types`].

pub mod check;
pub mod decls;
pub mod descriptor;
pub mod exhaust;
pub mod prelude;
pub mod resolve;
pub mod types;
pub mod unit;
