//! The front end: bytes to an arena AST.
//!
//! Owns decoding ([`source`]), tokens ([`lexer`]), the per-unit [`arena`],
//! the tree ([`ast`]), the [`parser`] and the stable tree dump ([`dump`]).
//! Depends only on [`crate::span`] and [`crate::diag`]; must not resolve
//! names, type or evaluate.

pub mod arena;
pub mod ast;
pub mod dump;
pub mod lexer;
pub mod parser;
pub mod print;
pub mod source;
