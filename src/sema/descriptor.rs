//! Owned descriptors of user and prelude type declarations.
//!
//! Owns [`VariantInfo`] and [`StructInfo`]: the names, tags and field names
//! of `enum` variants and `struct`s, built by name resolution
//! ([`crate::sema::resolve`]) and shared by the values made from them at run
//! time. They hold no arena borrow, so they outlive the unit that declared
//! them (REPL definitions), and only `Arc<str>`, so they are `Send + Sync`.
//! This module must not resolve, type or evaluate anything.

use std::sync::Arc;

/// Declaration data of one enum variant, owned (no arena borrow).
#[derive(Debug)]
pub struct VariantInfo {
    /// The variant's name.
    pub name: Arc<str>,
    /// The enum's name.
    pub enum_name: Arc<str>,
    /// Position in the enum's declaration.
    pub tag: u32,
    /// Number of fields.
    pub arity: u32,
}

/// Declaration data of a struct, owned.
#[derive(Debug)]
pub struct StructInfo {
    /// The struct's name.
    pub name: Arc<str>,
    /// Field names in declaration order.
    pub fields: Box<[Arc<str>]>,
}
