//! The front end: bytes to an arena AST.
//!
//! Owns decoding ([`source`]), tokens ([`lexer`]), the per-unit [`arena`],
//! the tree ([`ast`]) and its interned names ([`name`]), the [`parser`], the stable tree dump ([`dump`]), the
//! canonical printer ([`print`]), the formatter ([`format`]) and the walk
//! down a chain of binary operations ([`spine`]).
//! Depends only on [`crate::span`] and [`crate::diag`]; must not resolve
//! names, type or evaluate.

pub mod arena;
pub mod ast;
pub mod dump;
pub mod format;
pub mod lexer;
pub mod name;
pub mod parser;
pub mod print;
pub mod source;
pub mod spine;
