//! The opt-in side table of inferred types for editors ([`TypeTable`]):
//! the type of every expression by its span and of every binding by its
//! [`BindingId`], printed on demand.
//!
//! Only [`Checker::check_with_types`](super::Checker::check_with_types)
//! keeps one (the language server, per document); the batch checker records
//! nothing, so its memory does not grow. This module must not infer: it
//! reads the unit's finished type store.

use super::cx::{Cx, Typed};
use crate::sema::decls::{DefKind, TypeDef};
use crate::sema::resolve::BindingId;
use crate::sema::types::{Node, Printer, TyId, TypeStore};
use crate::span::Span;

/// The types one unit's check inferred: every expression's (by span) and
/// every binding's (by [`BindingId`]), over the unit's own type store.
#[derive(Default)]
pub struct TypeTable {
    store: TypeStore,
    defs: Vec<TypeDef>,
    /// Each inferred expression's span and type, in the order inference
    /// finished them (an expression after its subexpressions).
    exprs: Vec<(Span, TyId)>,
    /// The type of each binding, if the checker typed it.
    bindings: Vec<Option<TyId>>,
}

impl TypeTable {
    /// The table of a finished check: takes `cx`'s store and reads its
    /// binding types.
    pub(super) fn new(cx: &mut Cx, mut exprs: Vec<(Span, TyId)>) -> TypeTable {
        // Sorted by span for lookups; the stable sort keeps an expression
        // after the subexpressions that share its span.
        exprs.sort_by_key(|(s, _)| (s.start, s.end));
        let bindings = cx
            .typed
            .iter()
            .map(|t| match t {
                Typed::Unset => None,
                Typed::Value(s) => Some(s.ty),
                Typed::InProgress(t) | Typed::Rigid(t) => Some(*t),
            })
            .collect();
        TypeTable {
            store: std::mem::take(&mut cx.store),
            defs: cx.defs.clone(),
            exprs,
            bindings,
        }
    }

    /// The printed type of the innermost expression whose span contains
    /// `offset` (ends included), with the span.
    pub fn expr_at(&mut self, offset: u32) -> Option<(Span, String)> {
        let &(span, t) = self
            .exprs
            .iter()
            .filter(|(s, _)| s.start <= offset && offset <= s.end)
            .min_by_key(|(s, _)| s.end - s.start)?;
        Some((span, self.print(t)))
    }

    /// The printed type of the expression written exactly at `span`.
    pub fn expr_type(&mut self, span: Span) -> Option<String> {
        let t = self.expr_ty(span)?;
        Some(self.print(t))
    }

    /// The printed type of binding `b`, if the checker typed it.
    pub fn binding_type(&mut self, b: BindingId) -> Option<String> {
        let t = (*self.bindings.get(b.index())?)?;
        Some(self.print(t))
    }

    /// The declaration index of the struct or enum that the expression at
    /// `span` has as its type.
    pub fn def_of(&mut self, span: Span) -> Option<u32> {
        let t = self.expr_ty(span)?;
        match self.store.node(t) {
            Node::Named(d, _) => Some(d),
            _ => None,
        }
    }

    /// The fields (name, printed type) of the struct that the expression at
    /// `span` has as its type, in declaration order; empty when it is not a
    /// known struct.
    pub fn fields_of(&mut self, span: Span) -> Vec<(String, String)> {
        let Some(t) = self.expr_ty(span) else {
            return Vec::new();
        };
        let Node::Named(d, args) = self.store.node(t) else {
            return Vec::new();
        };
        let args = self.store.parts(args).to_vec();
        let fields = match self.defs.get(d as usize).map(|d| &d.kind) {
            Some(DefKind::Struct(fields)) => fields.clone(),
            _ => return Vec::new(),
        };
        fields
            .iter()
            .map(|(name, s)| {
                let ft = self.store.from_stype(s, &[], &args);
                (name.to_string(), self.print(ft))
            })
            .collect()
    }

    fn expr_ty(&self, span: Span) -> Option<TyId> {
        let key = (span.start, span.end);
        let i = self.exprs.partition_point(|(s, _)| (s.start, s.end) < key);
        self.exprs
            .get(i)
            .filter(|(s, _)| *s == span)
            .map(|(_, t)| *t)
    }

    fn print(&mut self, t: TyId) -> String {
        let defs = &self.defs;
        let names = |d: u32| {
            defs.get(d as usize)
                .map_or("?".to_string(), |d| d.name.to_string())
        };
        Printer::new(&names).scheme(&mut self.store, t)
    }
}
