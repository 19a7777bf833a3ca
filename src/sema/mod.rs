//! Meaning: names, types and exhaustiveness of a parsed unit.
//!
//! Owns the prelude ([`prelude`]: the builtins and their types), the type
//! store ([`types`]), the owned type declarations ([`decls`]), name
//! resolution ([`resolve`]) with the run-time descriptors it builds
//! ([`descriptor`]), the checker ([`check`]), exhaustiveness ([`exhaust`]),
//! the compiled [`unit`](mod@unit) (source + arena + AST + resolution), the
//! proof that a unit passed the checker ([`checked`]) and the types an
//! embedder writes ([`signature`]).
//! Depends on [`crate::syntax`]; must not evaluate. The checker depends on
//! exhaustiveness, never the reverse: both share only [`decls`] and
//! [`types`].

pub mod check;
pub mod checked;
pub mod decls;
pub mod descriptor;
pub mod exhaust;
pub mod prelude;
pub mod resolve;
pub mod signature;
pub mod types;
pub mod unit;
