//! Owned type declarations: the `struct`s and `enum`s of the prelude and of
//! user units, as the checker keeps them between units and as the
//! exhaustiveness checker reads them.
//!
//! Plain data over owned types ([`SType`]), never borrowing an arena. This
//! module must not infer, resolve names or report diagnostics.

use crate::sema::types::SType;
use std::rc::Rc;

/// A user (or prelude) type declaration, owned.
#[derive(Clone, Debug)]
pub struct TypeDef {
    /// The type's name.
    pub name: Rc<str>,
    /// Type parameter names.
    pub params: Vec<Rc<str>>,
    /// Struct fields or enum variants.
    pub kind: DefKind,
}

/// The body of a declaration.
#[derive(Clone, Debug)]
pub enum DefKind {
    /// Fields in declaration order (types use `SType::Param`).
    Struct(Vec<(Rc<str>, SType)>),
    /// Variants with their field types.
    Enum(Vec<(Rc<str>, Vec<SType>)>),
}
