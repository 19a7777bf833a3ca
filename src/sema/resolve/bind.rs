//! Binding sites: `let` and `match` patterns, parameter lists, type
//! parameters, type annotations and `struct`/`enum` declarations, with the
//! "defined twice" and "bound twice" checks of each.
//!
//! Part of the walk ([`super::walk`]); this module must not walk
//! expressions.

use super::globals::GlobalCtors;
use super::lookup::{Want, key, site_keys, text};
use super::walk::{Place, Resolver};
use super::{BindingId, BindingKind, BoundIn, Duplicate, NameError, TopType, TypeItem};
use crate::sema::descriptor::{StructInfo, VariantInfo};
use crate::syntax::ast::*;
use std::sync::Arc;

/// Type names that are never looked up in scope in annotations.
pub(super) const PRIMS: [&str; 4] = ["Int", "Float", "Bool", "Str"];

/// A pattern's binders: each binding identifier with its binding.
pub(super) type Binders<'a> = Vec<(&'a Ident<'a>, BindingId)>;

/// The pairs `(first, again)` of identifiers among `n` (given by `at`) that
/// repeat an earlier one's name, in source order of the repetition; `_`
/// never counts.
fn twice<'a>(n: usize, at: impl Fn(usize) -> &'a Ident<'a>) -> Vec<(&'a Ident<'a>, &'a Ident<'a>)> {
    let mut out = Vec::new();
    if n < 2 {
        return out;
    }
    if n <= 16 {
        for j in 1..n {
            let again = at(j);
            if text(again) != "_"
                && let Some(first) = (0..j).map(&at).find(|i| text(i) == text(again))
            {
                out.push((first, again));
            }
        }
        return out;
    }
    let mut order: Vec<usize> = (0..n).filter(|&i| text(at(i)) != "_").collect();
    order.sort_by_key(|&i| (text(at(i)), i));
    for w in order.chunk_by(|&x, &y| text(at(x)) == text(at(y))) {
        for &k in &w[1..] {
            out.push((at(w[0]), at(k)));
        }
    }
    out.sort_by_key(|(_, again)| again.span.start);
    out
}

impl<'a> Resolver<'a, '_> {
    /// Reports names bound twice in one list.
    fn bound_twice(&mut self, list: BoundIn, pairs: Vec<(&'a Ident<'a>, &'a Ident<'a>)>) {
        for (first, again) in pairs {
            self.res.errors.push(NameError::BoundTwice {
                list,
                name: text(again),
                first: first.span,
                second: again.span,
            });
        }
    }

    /// Binds the names of `let` pattern `p` (statement `stmt` of the block at
    /// `depth`); at the unit's `top` level, records them as its top-level
    /// values.
    pub(super) fn let_pattern(&mut self, p: &'a Pattern<'a>, depth: u32, stmt: u32, top: bool) {
        let out = self.top_pattern(p, BindingKind::Let, Place::Let { depth, stmt });
        if top {
            for &(ident, b) in &out {
                self.top_binding(ident, b);
            }
        }
        self.binders = out;
    }

    /// Binds the names of a `match` arm's pattern.
    pub(super) fn arm_pattern(&mut self, p: &'a Pattern<'a>) {
        self.binders = self.top_pattern(p, BindingKind::ArmVar, Place::Other);
    }

    /// Binds the names of a whole pattern and checks none is bound twice;
    /// returns its binders in order, in the vector the caller puts back in
    /// `binders`.
    fn top_pattern(&mut self, p: &'a Pattern<'a>, kind: BindingKind, place: Place) -> Binders<'a> {
        let mut out = std::mem::take(&mut self.binders);
        out.clear();
        self.pattern(p, kind, place, None, &mut out);
        let pairs = twice(out.len(), |i| out[i].0);
        self.bound_twice(BoundIn::Pattern, pairs);
        out
    }

    /// Binds the names of `p`, appending its binders to `out`. In a later
    /// alternative of an or-pattern, `first` holds the names of the first
    /// alternative: those share its bindings, and others go out of scope.
    fn pattern(
        &mut self,
        p: &'a Pattern<'a>,
        kind: BindingKind,
        place: Place,
        first: Option<&[(&'a str, BindingId)]>,
        out: &mut Binders<'a>,
    ) {
        match p.kind {
            PatKind::Bind(ident) => self.binder(ident, kind, place, first, out),
            PatKind::Tuple(l) => {
                for q in l.items {
                    self.pattern(q, kind, place, first, out);
                }
            }
            PatKind::Or(l) => {
                let start = out.len();
                let mut names: Vec<(&'a str, BindingId)> = Vec::new();
                for (i, q) in l.items.iter().enumerate() {
                    if i == 0 {
                        self.pattern(q, kind, place, first, out);
                        names = out[start..].iter().map(|(i, b)| (text(i), *b)).collect();
                    } else {
                        let mut alt = Vec::new();
                        self.pattern(q, kind, place, Some(&names), &mut alt);
                        let pairs = twice(alt.len(), |i| alt[i].0);
                        self.bound_twice(BoundIn::Pattern, pairs);
                    }
                }
            }
            PatKind::List(l) => {
                for q in l.items {
                    self.pattern(q, kind, place, first, out);
                }
                if let Some(Rest {
                    binding: Some(b), ..
                }) = l.rest
                {
                    self.binder(b, kind, place, first, out);
                }
            }
            PatKind::Ctor(c) => {
                let b = self.ctor_use(*c.name);
                self.res.binding_of[c.name.id.index()] = b;
                let slot = match self.kind(b) {
                    BindingKind::Variant { desc, .. } => super::Slot::Variant(desc),
                    _ => super::Slot::Unresolved,
                };
                self.res.slots.set(c.name.id, slot);
                for q in c.args {
                    self.pattern(q, kind, place, first, out);
                }
            }
            PatKind::Struct(s) => {
                self.struct_name(s.name);
                for f in s.fields {
                    self.pattern(&f.pattern, kind, place, first, out);
                }
            }
            PatKind::Wild
            | PatKind::Int(_)
            | PatKind::Float(_)
            | PatKind::Bool(_)
            | PatKind::Str(_)
            | PatKind::Unit
            | PatKind::Error => {}
        }
    }

    /// Binds one identifier of a pattern (see [`Resolver::pattern`]).
    fn binder(
        &mut self,
        ident: &'a Ident<'a>,
        kind: BindingKind,
        place: Place,
        first: Option<&[(&'a str, BindingId)]>,
        out: &mut Binders<'a>,
    ) {
        let shared = first.and_then(|ns| ns.iter().find(|(n, _)| *n == text(ident)));
        let b = match shared {
            Some(&(_, b)) => {
                self.res.binding_of[ident.id.index()] = b;
                self.res
                    .slots
                    .set(ident.id, super::Slot::Local(self.info[b.index()].slot));
                b
            }
            None => {
                let b = self.local(ident, kind, place);
                if first.is_none() {
                    self.declare_value(ident, b);
                }
                b
            }
        };
        out.push((ident, b));
    }

    /// Binds a function's parameters in its frame (slots 0, 1, …).
    pub(super) fn params(&mut self, params: &'a [Param<'a>]) {
        for p in params {
            if let Some(t) = &p.ty {
                self.ty(t, false);
            }
            let b = self.local(&p.name, BindingKind::Param, Place::Other);
            self.declare_value(&p.name, b);
        }
        let pairs = twice(params.len(), |i| &params[i].name);
        self.bound_twice(BoundIn::Params, pairs);
    }

    /// Declares the type parameters of `fn` item `f`.
    pub(super) fn item_generics(&mut self, f: &'a FnItem<'a>) {
        for g in f.generics {
            self.type_param(g.name, BindingKind::TypeParam);
        }
        let pairs = twice(f.generics.len(), |i| f.generics[i].name);
        self.bound_twice(BoundIn::TypeParams, pairs);
    }

    /// Declares type parameter `ident`.
    fn type_param(&mut self, ident: &'a Ident<'a>, kind: BindingKind) {
        let b = self.declared(ident, kind);
        self.res.binding_of[ident.id.index()] = b;
        let (prev, hidden) = self.types.declare(key(ident), b);
        self.link_type(b, prev, hidden);
    }

    /// Resolves the type names of annotation `t`; `decl` for the field types
    /// of a declaration, where its parameters come before the primitive
    /// types.
    pub(super) fn ty(&mut self, t: &'a Type<'a>, decl: bool) {
        match t.kind {
            TypeKind::Named { name, args } => {
                self.type_name(name, decl);
                for a in args {
                    self.ty(a, decl);
                }
            }
            TypeKind::List(e) => self.ty(e, decl),
            TypeKind::Tuple(ts) => {
                for x in ts {
                    self.ty(x, decl);
                }
            }
            TypeKind::Fn { params, ret } => {
                for x in params {
                    self.ty(x, decl);
                }
                self.ty(ret, decl);
            }
            TypeKind::Unit | TypeKind::Error => {}
        }
    }

    /// Resolves one type name (a primitive type gets no binding).
    fn type_name(&mut self, ident: &'a Ident<'a>, decl: bool) {
        let found = self.type_binding(ident);
        let b = match found {
            Some(b) if decl && matches!(self.kind(b), BindingKind::DeclParam(_)) => b,
            _ if PRIMS.contains(&text(ident)) => return,
            Some(b) => b,
            None => self.unresolved(*ident, Want::Type),
        };
        self.res.binding_of[ident.id.index()] = b;
    }

    /// Declares a block's `struct`s and `enum`s (bindings from `first` on
    /// are the block's): all names first, visible throughout the block, then
    /// the type names in their bodies.
    pub(super) fn declare_types(&mut self, b: &'a Block<'a>, top: bool, first: BindingId) {
        let start = self.res.type_items.len();
        for s in b.stmts {
            match s {
                Stmt::Struct(item) => self.declare_struct(item, top, first),
                Stmt::Enum(item) => self.declare_enum(item, top, first),
                _ => {}
            }
        }
        for k in start..self.res.type_items.len() {
            let mark = self.types.mark();
            match self.res.type_items[k] {
                TypeItem::Struct(item) => {
                    self.decl_params(item.params);
                    for f in item.fields {
                        self.ty(&f.ty, true);
                    }
                    for (first, again) in twice(item.fields.len(), |i| item.fields[i].name) {
                        self.res.errors.push(NameError::Duplicate {
                            what: Duplicate::Field,
                            name: text(again),
                            first: first.span,
                            second: again.span,
                        });
                    }
                }
                TypeItem::Enum(item) => {
                    self.decl_params(item.params);
                    for v in item.variants {
                        for t in v.fields {
                            self.ty(t, true);
                        }
                    }
                }
            }
            self.types.pop_to(mark, &site_keys(&self.res.bindings));
        }
    }

    /// Declares the parameters of a `struct` or `enum`.
    fn decl_params(&mut self, params: &'a [Ident<'a>]) {
        for (i, p) in params.iter().enumerate() {
            self.type_param(p, BindingKind::DeclParam(i as u32));
        }
        let pairs = twice(params.len(), |i| &params[i]);
        self.bound_twice(BoundIn::TypeParams, pairs);
    }

    /// The next declaration index.
    fn next_def(&self) -> u32 {
        self.res.first_def + self.res.type_items.len() as u32
    }

    /// Binds type name `ident` (a `struct` or `enum`) in the block's type
    /// namespace, unless the block already has a type with that name.
    fn declare_type_name(&mut self, ident: &'a Ident<'a>, kind: BindingKind, first: BindingId) {
        let b = self.declared(ident, kind);
        self.res.binding_of[ident.id.index()] = b;
        match self.types.get(key(ident)).filter(|e| *e >= first) {
            Some(e) => self.res.errors.push(NameError::Duplicate {
                what: Duplicate::Type,
                name: text(ident),
                first: self.site_span(e),
                second: ident.span,
            }),
            None => {
                let (prev, hidden) = self.types.declare(key(ident), b);
                self.link_type(b, prev, hidden);
            }
        }
    }

    /// Binds constructor `ident` (a variant or a struct name) in the block's
    /// constructor namespace, unless the block already has one with that
    /// name; returns its binding.
    fn declare_ctor(
        &mut self,
        ident: &'a Ident<'a>,
        kind: BindingKind,
        first: BindingId,
    ) -> BindingId {
        let b = self.declared(ident, kind);
        match self.ctors.get(key(ident)).filter(|e| *e >= first) {
            Some(e) => {
                let earlier = self.kind(e);
                let what = match (earlier, kind) {
                    (BindingKind::Variant { .. }, BindingKind::Variant { .. }) => {
                        Some(Duplicate::Variant)
                    }
                    (BindingKind::Struct { .. }, BindingKind::Struct { .. }) => None,
                    _ => Some(Duplicate::VariantAndStruct),
                };
                if let Some(what) = what {
                    self.res.errors.push(NameError::Duplicate {
                        what,
                        name: text(ident),
                        first: self.site_span(e),
                        second: ident.span,
                    });
                }
            }
            None => {
                let (prev, _) = self.ctors.declare(key(ident), b);
                self.link(b, prev);
            }
        }
        b
    }

    /// Declares `struct` `item` (a type and a constructor).
    fn declare_struct(&mut self, item: &'a StructItem<'a>, top: bool, first: BindingId) {
        let def = self.next_def();
        let desc = self.res.structs.len() as u32;
        let info = Arc::new(StructInfo {
            name: Arc::from(text(item.name)),
            fields: item
                .fields
                .iter()
                .map(|f| Arc::from(text(f.name)))
                .collect(),
        });
        self.res.structs.push(info.clone());
        self.res.type_items.push(TypeItem::Struct(item));
        let kind = BindingKind::Struct { def, desc };
        self.declare_type_name(item.name, kind, first);
        self.declare_ctor(item.name, kind, first);
        if top {
            self.res.top_types.push(TopType {
                name: Arc::from(text(item.name)),
                def,
                ctors: GlobalCtors::Struct(info),
            });
        }
    }

    /// Declares `enum` `item` (a type) and its variants (constructors).
    fn declare_enum(&mut self, item: &'a EnumItem<'a>, top: bool, first: BindingId) {
        let def = self.next_def();
        self.res.type_items.push(TypeItem::Enum(item));
        self.declare_type_name(item.name, BindingKind::Enum { def }, first);
        let enum_name: Arc<str> = Arc::from(text(item.name));
        let mut descs = Vec::new();
        for (tag, v) in item.variants.iter().enumerate() {
            let desc = self.res.variants.len() as u32;
            let info = Arc::new(VariantInfo {
                name: Arc::from(text(v.name)),
                enum_name: enum_name.clone(),
                tag: tag as u32,
                arity: v.fields.len() as u32,
            });
            self.res.variants.push(info.clone());
            descs.push(info);
            let kind = BindingKind::Variant {
                def,
                index: tag as u32,
                desc,
            };
            let b = self.declare_ctor(v.name, kind, first);
            self.res.binding_of[v.name.id.index()] = b;
        }
        if top {
            self.res.top_types.push(TopType {
                name: Arc::from(text(item.name)),
                def,
                ctors: GlobalCtors::Enum(descs),
            });
        }
    }
}
