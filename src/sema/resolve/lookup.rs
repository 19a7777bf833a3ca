//! Bindings and lookups, for the walk ([`super::walk`]): creating
//! bindings and putting them in scope, the global types and constructors
//! every unit starts with, resolving a use of a value or constructor name to
//! its binding and slot, and recording, for A9, the uses of `let`s and items
//! of enclosing blocks.
//!
//! This module must not walk the AST.

use super::bind::PRIMS;
use super::scope::suggest;
use super::walk::{Info, ItemUse, NO, Need, Place, Resolver};
use super::{Binding, BindingId, BindingKind, GlobalCtors, Slot, TopBinding, TypeLink};
use crate::diag::MAX_SHOWN;
use crate::sema::prelude::Builtin;
use crate::span::Span;
use crate::syntax::ast::Ident;
use std::borrow::Cow;

/// The text of an identifier's name: every name the walk reads goes
/// through here or [`key`].
#[inline]
pub(super) fn text<'a>(ident: &Ident<'a>) -> &'a str {
    ident.name.as_str()
}

/// The symbol under which an identifier's name is looked up and declared
/// in a [`super::scope::Namespace`].
#[inline]
pub(super) fn key(ident: &Ident) -> u32 {
    ident.name.sym()
}

/// The symbol each binding of `bindings` in a namespace was declared under
/// (its site's), for [`super::scope::Namespace::pop_to`].
pub(super) fn site_keys<'r>(bindings: &'r [Binding]) -> impl Fn(BindingId) -> u32 + 'r {
    |b| {
        key(bindings[b.index()]
            .site
            .expect("every binding declared in a namespace has a site"))
    }
}

/// Which names in scope an unresolved use is compared with for `did you
/// mean`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Want {
    /// Values, REPL globals and the prelude (a lowercase name).
    Value,
    /// Variants (an uppercase name in an expression or pattern).
    Ctor,
    /// Types, primitive types and variants (an annotation).
    Type,
    /// None (a struct literal's name).
    Nothing,
}

/// An unresolved use waiting for its `did you mean`.
pub(super) struct Pending<'a> {
    /// Its binding.
    binding: BindingId,
    /// The use.
    ident: Ident<'a>,
    /// What it is compared with.
    want: Want,
    /// The heads of the value, type and constructor chains at the use.
    heads: [BindingId; 3],
}

impl<'a> Resolver<'a, '_> {
    /// Declares the global types and constructors (the prelude's first),
    /// later ones hiding earlier ones with the same name.
    pub(super) fn declare_roots(&mut self) {
        let globals = self.globals;
        for g in &globals.types {
            let ty_kind = match &g.ctors {
                GlobalCtors::Struct(s) => {
                    let desc = self.res.structs.len() as u32;
                    self.res.structs.push(s.clone());
                    BindingKind::Struct { def: g.def, desc }
                }
                GlobalCtors::Enum(_) => BindingKind::Enum { def: g.def },
            };
            let b = self.external(Cow::Owned(g.name.to_string()), ty_kind);
            let hidden = self.root_types.insert(&g.name, b);
            self.chain_root(b, hidden, true);
            match &g.ctors {
                GlobalCtors::Struct(_) => {
                    let b = self.external(Cow::Owned(g.name.to_string()), ty_kind);
                    let hidden = self.root_ctors.insert(&g.name, b);
                    self.chain_root(b, hidden, false);
                }
                GlobalCtors::Enum(vs) => {
                    for (i, v) in vs.iter().enumerate() {
                        let desc = self.res.variants.len() as u32;
                        self.res.variants.push(v.clone());
                        let k = BindingKind::Variant {
                            def: g.def,
                            index: i as u32,
                            desc,
                        };
                        let b = self.external(Cow::Owned(v.name.to_string()), k);
                        let hidden = self.root_ctors.insert(&v.name, b);
                        self.chain_root(b, hidden, false);
                    }
                }
            }
        }
    }

    /// Links global binding `b` into the type (`types`) or constructor
    /// chain.
    fn chain_root(&mut self, b: BindingId, hidden: Option<BindingId>, types: bool) {
        if types {
            let prev = std::mem::replace(&mut self.types.head, b);
            self.link_type(b, prev, hidden);
        } else {
            let prev = std::mem::replace(&mut self.ctors.head, b);
            self.link(b, prev);
        }
    }

    /// A new binding without a site, not in any scope (owner: the top
    /// level).
    pub(super) fn external(&mut self, name: Cow<'a, str>, kind: BindingKind) -> BindingId {
        let b = self.new_binding(kind, None, 0, 0, Place::Other);
        self.res.external_names.push((b, name));
        b
    }

    /// A new binding for declaration site `ident` outside any frame (a
    /// type, constructor or type parameter), not yet in scope.
    pub(super) fn declared(&mut self, ident: &'a Ident<'a>, kind: BindingKind) -> BindingId {
        self.new_binding(kind, Some(ident), 0, 0, Place::Other)
    }

    /// A new binding record.
    fn new_binding(
        &mut self,
        kind: BindingKind,
        site: Option<&'a Ident<'a>>,
        owner: u32,
        slot: u32,
        place: Place,
    ) -> BindingId {
        let b = BindingId(self.res.bindings.len() as u32);
        self.res.bindings.push(Binding { kind, site });
        self.info.push(Info::new(owner, slot, place));
        b
    }

    /// A fresh local slot of the current function.
    pub(super) fn new_slot(&mut self) -> u32 {
        let f = self.cur_fn() as usize;
        let s = self.funcs[f].next_slot;
        self.funcs[f].next_slot += 1;
        s
    }

    /// A binding for site `ident` in a fresh local slot of the current
    /// function (not yet in scope); records its slot and binding.
    pub(super) fn local(
        &mut self,
        ident: &'a Ident<'a>,
        kind: BindingKind,
        place: Place,
    ) -> BindingId {
        let slot = self.new_slot();
        let owner = self.cur_fn();
        let b = self.new_binding(kind, Some(ident), owner, slot, place);
        self.res.slots.set(ident.id, Slot::Local(slot));
        self.res.binding_of[ident.id.index()] = b;
        b
    }

    /// Puts value binding `b` in scope under the name of `ident` (`_` binds
    /// nothing).
    pub(super) fn declare_value(&mut self, ident: &'a Ident<'a>, b: BindingId) {
        if text(ident) != "_" {
            let (prev, _) = self.values.declare(key(ident), b);
            self.link(b, prev);
        }
    }

    /// Records `b`'s place in its namespace's chain.
    pub(super) fn link(&mut self, b: BindingId, prev: BindingId) {
        self.info[b.index()].prev = prev;
    }

    /// Records type binding `b`'s place in the chain of types, which the
    /// resolution keeps: `prev` before it, and `hidden`, the type it hides.
    pub(super) fn link_type(&mut self, b: BindingId, prev: BindingId, hidden: Option<BindingId>) {
        self.link(b, prev);
        let shadows = hidden.unwrap_or(BindingId::NONE);
        self.res.type_links.insert(b, TypeLink { prev, shadows });
    }

    /// The type binding of the name of `ident` in scope (the unit's, then a
    /// global one).
    pub(super) fn type_binding(&self, ident: &Ident<'a>) -> Option<BindingId> {
        self.types
            .get(key(ident))
            .or_else(|| self.root_types.get(text(ident)).copied())
    }

    /// The constructor binding of the name of `ident` in scope.
    pub(super) fn ctor_binding(&self, ident: &Ident<'a>) -> Option<BindingId> {
        self.ctors
            .get(key(ident))
            .or_else(|| self.root_ctors.get(text(ident)).copied())
    }

    /// The kind of binding `b`.
    #[inline]
    pub(super) fn kind(&self, b: BindingId) -> BindingKind {
        self.res.bindings[b.index()].kind
    }

    /// The binding site's span of `b` (an empty span for globals).
    pub(super) fn site_span(&self, b: BindingId) -> Span {
        self.res.bindings[b.index()]
            .site
            .map_or(Span::default(), |i| i.span)
    }

    /// A binding for an unresolved use of `ident`, which gets a `did you
    /// mean` from the names of `want` in scope (see
    /// [`Resolver::suggest_pending`]).
    pub(super) fn unresolved(&mut self, ident: Ident<'a>, want: Want) -> BindingId {
        let b = self.external(
            Cow::Borrowed(text(&ident)),
            BindingKind::Unresolved { suggestion: NO },
        );
        if want != Want::Nothing {
            self.pending.push(Pending {
                binding: b,
                ident,
                want,
                heads: [self.values.head, self.types.head, self.ctors.head],
            });
        }
        b
    }

    /// The names along a namespace chain from `head` (every binding that was
    /// in scope there, shadowed ones too) whose kind passes `keep`.
    fn chain(&self, head: BindingId, keep: impl Fn(BindingKind) -> bool) -> Vec<&str> {
        let mut out = Vec::new();
        let mut b = head;
        while let Some(binding) = self.res.bindings.get(b.index()) {
            if keep(binding.kind) {
                out.push(self.res.name(b));
            }
            b = self.info[b.index()].prev;
        }
        out
    }

    /// Finds the `did you mean` of the unresolved uses, the first
    /// [`MAX_SHOWN`] in source order: no more are ever shown, and each
    /// search reads every name in scope.
    pub(super) fn suggest_pending(&mut self) {
        let mut pending = std::mem::take(&mut self.pending);
        pending.sort_by_key(|p| p.ident.span.start);
        let is_variant = |k| matches!(k, BindingKind::Variant { .. });
        for p in pending.iter().take(MAX_SHOWN) {
            let [values, types, ctors] = p.heads;
            let mut names = match p.want {
                Want::Value => {
                    let mut names = self.chain(values, |_| true);
                    names.extend(self.globals.value_names());
                    names.extend(Builtin::ALL.iter().map(|b| b.name()));
                    names
                }
                Want::Ctor => self.chain(ctors, is_variant),
                Want::Nothing => continue,
                Want::Type => {
                    let mut names = PRIMS.to_vec();
                    names.extend(self.chain(types, |_| true));
                    names.extend(self.chain(ctors, is_variant));
                    names
                }
            };
            names.sort_unstable();
            names.dedup();
            if let Some(s) = suggest(text(&p.ident), names.into_iter()) {
                let s = s.to_string();
                self.res.suggestions.push(s);
                let suggestion = (self.res.suggestions.len() - 1) as u32;
                self.res.bindings[p.binding.index()].kind = BindingKind::Unresolved { suggestion };
            }
        }
    }

    /// The value binding a use of lowercase `ident` refers to.
    fn value_binding(&mut self, ident: Ident<'a>) -> BindingId {
        if let Some(b) = self.values.get(key(&ident)) {
            return b;
        }
        let name = text(&ident);
        if let Some(b) = self.externals.get(key(&ident)) {
            return b;
        }
        let kind = if let Some(i) = self.globals.value(name) {
            BindingKind::Global(i)
        } else if let Some(b) = Builtin::from_name(name) {
            BindingKind::Builtin(b)
        } else {
            return self.unresolved(ident, Want::Value);
        };
        let b = self.external(Cow::Borrowed(name), kind);
        self.externals.set(key(&ident), b);
        b
    }

    /// The binding an uppercase name in an expression or pattern refers
    /// to: a constructor, else a `struct`/`enum` type (which the checker
    /// rejects as a value), else an unresolved use.
    pub(super) fn ctor_use(&mut self, ident: Ident<'a>) -> BindingId {
        if let Some(b) = self.ctor_binding(&ident) {
            return b;
        }
        if let Some(b) = self.type_binding(&ident)
            && matches!(
                self.kind(b),
                BindingKind::Struct { .. } | BindingKind::Enum { .. }
            )
        {
            return b;
        }
        self.unresolved(ident, Want::Ctor)
    }

    /// Resolves the use of a value or constructor name (a variable, a
    /// method name, a constructor in an expression).
    pub(super) fn use_name(&mut self, ident: Ident<'a>) {
        let at = ident.id.index();
        if text(&ident).starts_with(|c: char| c.is_ascii_uppercase()) {
            let b = self.ctor_use(ident);
            self.res.binding_of[at] = b;
            let slot = match self.kind(b) {
                BindingKind::Variant { desc, .. } => Slot::Variant(desc),
                _ => Slot::Unresolved,
            };
            self.res.slots.set(ident.id, slot);
            return;
        }
        let b = self.value_binding(ident);
        self.res.binding_of[at] = b;
        let info = self.info[b.index()];
        self.note_use(ident.span, b, info.place());
        let cur = self.cur_fn();
        let slot = match self.kind(b) {
            BindingKind::Builtin(bi) => Slot::Builtin(bi),
            BindingKind::Global(i) if cur == 0 => Slot::Global(i),
            BindingKind::Let
            | BindingKind::Param
            | BindingKind::ArmVar
            | BindingKind::FnItem(_)
                if info.owner == cur =>
            {
                Slot::Local(info.slot)
            }
            BindingKind::Global(_)
            | BindingKind::Let
            | BindingKind::Param
            | BindingKind::ArmVar
            | BindingKind::FnItem(_) => {
                self.deferred.push((ident.id, b, cur));
                Slot::None
            }
            _ => Slot::Unresolved,
        };
        self.res.slots.set(ident.id, slot);
    }

    /// Records, for A9, a use (written at `at`) of a `let` or an item of an
    /// enclosing block.
    fn note_use(&mut self, at: Span, b: BindingId, place: Place) {
        match place {
            Place::Other => {}
            Place::Let { depth, stmt } => {
                let blk = &mut self.blocks[depth as usize];
                if blk.inside != NO {
                    let need = Need { stmt, var: b, at };
                    let i = blk.items[blk.inside as usize].need;
                    if i == NO {
                        blk.items[blk.inside as usize].need = blk.needs.len() as u32;
                        blk.needs.push(need);
                    } else if stmt > blk.needs[i as usize].stmt {
                        blk.needs[i as usize] = need;
                    }
                }
            }
            Place::Item { depth, index } => {
                let blk = &mut self.blocks[depth as usize];
                blk.uses.push(ItemUse {
                    at,
                    item: index,
                    pos: blk.stmt,
                    from: blk.inside,
                });
                if blk.inside != NO {
                    let start = blk.items[blk.inside as usize].edges.0;
                    if blk.edges.len() as u32 == start || blk.edges.last() != Some(&index) {
                        blk.edges.push(index);
                    }
                }
            }
        }
    }

    /// Records a top-level value binding of the unit.
    pub(super) fn top_binding(&mut self, ident: &'a Ident<'a>, b: BindingId) {
        self.res.top.push(TopBinding {
            name: text(ident),
            binding: b,
            slot: self.info[b.index()].slot,
        });
    }
}
