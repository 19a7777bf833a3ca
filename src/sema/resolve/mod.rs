//! Name resolution: the one pass that decides what every name means.
//!
//! Every binding site (a `let` or `match` pattern variable, a parameter, a
//! `fn` item, a type parameter, a `struct`, an `enum`, a variant, a prelude
//! builtin or REPL global that the unit uses) gets a dense [`BindingId`] and
//! a [`Binding`] record (its name, kind and defining identifier). Every use
//! of a value, type or constructor name is mapped to its binding in a side
//! table indexed by the use's [`NodeId`] ([`Resolution::binding`]). The
//! checker types bindings by id and keeps no scopes of its own; the
//! evaluator reads the run-time [`Slot`] of every use, frame sizes, capture
//! lists and function groups, computed here from the same bindings.
//!
//! Scoping rules, all decided here:
//!
//! * Values, types and constructors are three namespaces. Types are
//!   `struct` and `enum` names and type parameters (annotations, struct
//!   literals and struct patterns); constructors are variants and `struct`
//!   names (uppercase names in expressions and variant patterns). An
//!   uppercase name that is not a constructor falls back to a
//!   `struct`/`enum` type, so the checker can say "is a type, not a value".
//! * `fn` items and type items are visible throughout their block; a `fn`
//!   item sees the `let`s before it (A9). Two items, types or constructors
//!   with one name in one block are an error, and the first one is the one
//!   in scope.
//! * A name bound twice in one pattern (each or-pattern alternative on its
//!   own), parameter list or type-parameter list is an error. Or-pattern
//!   alternatives share the bindings of the first alternative.
//! * The `fn` items of a block are split into strongly connected components
//!   of their references (`order`): each component is inferred together by
//!   the checker, becomes one function group at run time, and has a *ready
//!   point*, the first statement before which every `let` it needs
//!   (directly or through other items of the block) has run. Using an item
//!   before its ready point is [`NameError::DefinedLater`] (E0211; a use in
//!   another item's body counts at that item's statement, an item's use of
//!   itself never counts); the group is created at that point, so the
//!   checker's rule and the evaluator's creation order are one computation.
//!
//! Problems are returned as data ([`NameError`], unresolved bindings with a
//! `did you mean` candidate for the first [`crate::diag::MAX_SHOWN`] of
//! them); the checker words them as diagnostics. The walk is in `walk`
//! (with `lookup` and `bind`), the order of items in `order`, captures in
//! `layout`. This module must not type or evaluate anything.

mod bind;
mod globals;
mod layout;
mod lookup;
mod order;
mod scope;
mod slots;
#[cfg(test)]
mod tests;
mod walk;

pub use globals::{GlobalCtors, GlobalType, Globals, prelude_variants};
pub use scope::suggest;
pub use slots::SlotTable;

use crate::sema::descriptor::{StructInfo, VariantInfo};
use crate::sema::prelude::Builtin;
use crate::span::Span;
use crate::syntax::ast::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Cow;
use std::sync::Arc;

/// Where a name's value lives at run time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// Not a resolved occurrence (or a binding that binds nothing).
    None,
    /// Local slot `i` of the current frame (also used for binding sites).
    Local(u32),
    /// Captured value `i` of the current function's environment.
    Capture(u32),
    /// Member `i` of the current function's `fn` group.
    Sibling(u32),
    /// Prelude function or constant.
    Builtin(Builtin),
    /// A persistent global from an earlier unit (REPL).
    Global(u32),
    /// Enum variant `i` of this unit's variant table.
    Variant(u32),
    /// Struct `i` of this unit's struct table.
    Struct(u32),
    /// A name the checker rejects; reading it is a runtime error.
    Unresolved,
}

/// A function's code: a `fn` item or a closure.
#[derive(Clone, Copy, Debug)]
pub enum FnCode<'a> {
    /// A named `fn` item.
    Item(&'a FnItem<'a>),
    /// An anonymous closure.
    Closure(&'a Closure<'a>),
}

impl<'a> FnCode<'a> {
    /// The parameters.
    pub fn params(&self) -> &'a [Param<'a>] {
        match self {
            FnCode::Item(f) => f.params,
            FnCode::Closure(c) => c.params,
        }
    }

    /// The body expression.
    pub fn body(&self) -> &'a Expr<'a> {
        match self {
            FnCode::Item(f) => &f.body,
            FnCode::Closure(c) => &c.body,
        }
    }

    /// The name of a `fn` item; `None` for closures.
    pub fn name(&self) -> Option<&'a str> {
        match self {
            FnCode::Item(f) => Some(f.name.name.as_str()),
            FnCode::Closure(_) => None,
        }
    }
}

/// One function of a group.
#[derive(Debug)]
pub struct FnInfo<'a> {
    /// Its code.
    pub code: FnCode<'a>,
    /// Number of local slots its frame needs (parameters first).
    pub frame_size: u32,
}

/// A group of functions sharing one capture environment: a closure, or one
/// strongly connected component of a block's `fn` items.
#[derive(Clone, Copy, Debug)]
pub struct Group {
    /// Its members (one for a closure), as `(start, len)` in
    /// [`Resolution::members`]; read them with [`Resolution::members_of`].
    pub members: (u32, u32),
    /// Where each captured value comes from, in the creating frame, as
    /// `(start, len)` in [`Resolution::captures`]; read them with
    /// [`Resolution::captures_of`].
    pub captures: (u32, u32),
}

/// One group of `fn` items of a block: when to create it, and the local
/// slots of the block's frame that receive the member values.
#[derive(Clone, Copy, Debug)]
pub struct BlockFns {
    /// The group index.
    pub group: u32,
    /// Create the group before statement `create_at` (== `stmts.len()`:
    /// after all statements).
    pub create_at: u32,
    /// Local slot of each member in the enclosing frame, as `(start, len)`
    /// in [`Resolution::member_slots`]; read them with
    /// [`Resolution::member_slots_of`].
    pub member_slots: (u32, u32),
}

/// A dense per-unit identity of a binding site.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BindingId(pub u32);

impl BindingId {
    /// No binding (a node that is not a name use, a primitive type name).
    pub const NONE: BindingId = BindingId(u32::MAX);

    /// The id as a `usize`, for indexing tables.
    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// True unless this is [`BindingId::NONE`].
    pub fn is_some(self) -> bool {
        self != BindingId::NONE
    }
}

/// What a binding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BindingKind {
    /// A name bound by a `let` pattern.
    Let,
    /// A parameter of a `fn` item or a closure.
    Param,
    /// A name bound by a `match` arm's pattern.
    ArmVar,
    /// `fn` item `i` of [`Resolution::items`].
    FnItem(u32),
    /// A prelude function or constant.
    Builtin(Builtin),
    /// A REPL global value, by global index.
    Global(u32),
    /// A type parameter of a `fn` item.
    TypeParam,
    /// Type parameter `i` of a `struct` or `enum` declaration.
    DeclParam(u32),
    /// A `struct`: its declaration index and its run-time descriptor in
    /// [`Resolution::structs`].
    Struct {
        /// Declaration index (the checker's `TypeDef`s).
        def: u32,
        /// Index in [`Resolution::structs`].
        desc: u32,
    },
    /// An `enum`, by declaration index.
    Enum {
        /// Declaration index.
        def: u32,
    },
    /// Variant `index` of enum declaration `def`.
    Variant {
        /// Declaration index of the enum.
        def: u32,
        /// Position in the enum's declaration.
        index: u32,
        /// Index in [`Resolution::variants`].
        desc: u32,
    },
    /// A use that names nothing in scope; `suggestion` indexes
    /// [`Resolution::suggestions`] (`u32::MAX`: nothing close).
    Unresolved {
        /// The closest name in scope, for `did you mean`.
        suggestion: u32,
    },
}

/// One binding: what it is and where it is written (its name is
/// [`Resolution::name`]).
#[derive(Clone, Copy, Debug)]
pub struct Binding<'a> {
    /// What it is.
    pub kind: BindingKind,
    /// The identifier that binds it; `None` for the prelude, REPL globals
    /// and unresolved uses, whose names are in
    /// [`Resolution::external_names`].
    pub site: Option<&'a Ident<'a>>,
}

/// The place of a type-namespace binding in the chain of the types in
/// scope.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TypeLink {
    /// The type binding declared just before it in scope (a chain through
    /// every type visible where it was declared).
    prev: BindingId,
    /// The type binding with the same name that it hides (`NONE`: none).
    shadows: BindingId,
}

/// A `fn` item of the unit.
#[derive(Clone, Copy, Debug)]
pub struct Item<'a> {
    /// Its code.
    pub code: &'a FnItem<'a>,
    /// Its binding.
    pub binding: BindingId,
    /// Its block: the index of the block's entry in [`Resolution::block_fns`].
    pub block: u32,
    /// Its strongly connected component ([`Resolution::scc_members`]).
    pub scc: u32,
}

/// A `struct` or `enum` declaration of the unit, by declaration index.
#[derive(Clone, Copy, Debug)]
pub enum TypeItem<'a> {
    /// A struct.
    Struct(&'a StructItem<'a>),
    /// An enum.
    Enum(&'a EnumItem<'a>),
}

/// A top-level `let` name or `fn` item: what a REPL input defines.
#[derive(Clone, Copy, Debug)]
pub struct TopBinding<'a> {
    /// The name.
    pub name: &'a str,
    /// Its binding.
    pub binding: BindingId,
    /// Its local slot in the unit's top frame.
    pub slot: u32,
}

/// A top-level type declaration: what a REPL input declares.
#[derive(Clone, Debug)]
pub struct TopType {
    /// The type's name.
    pub name: Arc<str>,
    /// Its declaration index.
    pub def: u32,
    /// Its run-time descriptors.
    pub ctors: GlobalCtors,
}

/// What [`NameError::Duplicate`] found twice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Duplicate {
    /// Two `fn` items of one block.
    Fn,
    /// Two types (`struct`/`enum`) of one block.
    Type,
    /// Two variants of one block.
    Variant,
    /// A variant and a struct of one block (both constructors).
    VariantAndStruct,
    /// Two fields of one struct declaration.
    Field,
}

/// Where [`NameError::BoundTwice`] found a name bound twice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoundIn {
    /// One pattern (one or-pattern alternative).
    Pattern,
    /// One parameter list.
    Params,
    /// One type-parameter list.
    TypeParams,
}

/// A scoping error, reported by the checker.
#[derive(Clone, Copy, Debug)]
pub enum NameError<'a> {
    /// `fn` item `item`, used at `used`, needs `var` (bound at `let_span`,
    /// used by the item at `needed`), whose `let` has not run there.
    DefinedLater {
        /// The item's name.
        item: &'a str,
        /// The premature use of the item.
        used: Span,
        /// The variable's name.
        var: &'a str,
        /// Where the variable is bound.
        let_span: Span,
        /// Where the item (or an item it calls) uses the variable.
        needed: Span,
    },
    /// `name` defined at `first` and again at `second`.
    Duplicate {
        /// What kind of definition.
        what: Duplicate,
        /// The name.
        name: &'a str,
        /// The first definition.
        first: Span,
        /// The second definition.
        second: Span,
    },
    /// `name` bound at `first` and again at `second` in one list.
    BoundTwice {
        /// Which kind of list.
        list: BoundIn,
        /// The name.
        name: &'a str,
        /// The first binding.
        first: Span,
        /// The second binding.
        second: Span,
    },
}

/// Everything later stages need to know about names in one unit.
#[derive(Debug)]
pub struct Resolution<'a> {
    /// Every binding of the unit, by [`BindingId`].
    pub bindings: Vec<Binding<'a>>,
    /// The names of the bindings without a site, in binding order (owned
    /// only for REPL globals' type names).
    pub external_names: Vec<(BindingId, Cow<'a, str>)>,
    /// The binding of every name occurrence, by NodeId: for a use, what it
    /// refers to; for a binding site, the binding it introduces; for the
    /// field name of a field access, the innermost type-namespace binding
    /// in scope there (see [`Resolution::structs_in_scope`]).
    pub binding_of: Vec<BindingId>,
    /// The unit's `fn` items (indexed by [`BindingKind::FnItem`]).
    pub items: Vec<Item<'a>>,
    /// Members (indices into `items`, in statement order) of each strongly
    /// connected component of `fn` items, as ranges of `scc_items`.
    pub sccs: Vec<(u32, u32)>,
    /// Item indices grouped by component (see `sccs`).
    pub scc_items: Vec<u32>,
    /// The unit's type declarations, by declaration index minus
    /// `first_def`.
    pub type_items: Vec<TypeItem<'a>>,
    /// Declaration index of the unit's first type item (the number of
    /// declarations known before it).
    pub first_def: u32,
    /// Scoping errors, in the order found.
    pub errors: Vec<NameError<'a>>,
    /// `did you mean` candidates of unresolved uses.
    pub suggestions: Vec<String>,
    /// Slot of every identifier occurrence and binding site, by NodeId
    /// (read it with [`Resolution::slot`]).
    pub slots: SlotTable,
    /// Group of every closure, by the closure's NodeId (read it with
    /// [`Resolution::closure_group`]).
    pub closure_groups: FxHashMap<NodeId, u32>,
    /// Index into `block_fns` of every block with `fn` items, by the
    /// block's NodeId (read it with [`Resolution::block_index`]).
    pub block_indices: FxHashMap<NodeId, u32>,
    /// The groups of `fn` items of each block that has some, as `(start,
    /// len)` in `fns` (read them with [`Resolution::fns_of`]).
    pub block_fns: Vec<(u32, u32)>,
    /// The groups of `fn` items of all blocks, each block's in creation
    /// order (see `block_fns`).
    pub fns: Vec<BlockFns>,
    /// The local slots of the members of every [`BlockFns`].
    pub member_slots: Vec<u32>,
    /// All function groups of the unit.
    pub groups: Vec<Group>,
    /// The members of all groups (see [`Group::members`]).
    pub members: Vec<FnInfo<'a>>,
    /// The capture sources of all groups (see [`Group::captures`]).
    pub captures: Vec<Slot>,
    /// Enum variants visible in the unit: the REPL's (prelude first), then
    /// the unit's.
    pub variants: Vec<Arc<VariantInfo>>,
    /// Structs: the REPL's, then the unit's.
    pub structs: Vec<Arc<StructInfo>>,
    /// Frame size of the unit's top level.
    pub top_frame: u32,
    /// Top-level value names the unit defines, in statement order (an
    /// item's duplicate is left out).
    pub top: Vec<TopBinding<'a>>,
    /// Top-level types the unit declares, in statement order.
    pub top_types: Vec<TopType>,
    /// The chain links of the type-namespace bindings (the few types and
    /// type parameters), for [`Resolution::structs_in_scope`].
    pub(crate) type_links: FxHashMap<BindingId, TypeLink>,
}

/// The part `(start, len)` of one of the resolution's shared lists.
#[inline]
fn range<T>(items: &[T], (start, len): (u32, u32)) -> &[T] {
    &items[start as usize..(start + len) as usize]
}

impl<'a> Resolution<'a> {
    /// The groups of `fn` items of block `id`, in creation order.
    #[inline]
    pub fn fns_of(&self, id: NodeId) -> &[BlockFns] {
        match self.block_index(id) {
            Some(i) => range(&self.fns, self.block_fns[i as usize]),
            None => &[],
        }
    }

    /// The index of block `id` among the blocks with `fn` items.
    #[inline]
    pub fn block_index(&self, id: NodeId) -> Option<u32> {
        if self.block_indices.is_empty() {
            return None;
        }
        self.block_indices.get(&id).copied()
    }

    /// The group of closure `id`.
    #[inline]
    pub fn closure_group(&self, id: NodeId) -> u32 {
        *self
            .closure_groups
            .get(&id)
            .expect("name resolution gives every closure of the unit a group")
    }

    /// The members of group `group`.
    #[inline]
    pub fn members_of(&self, group: u32) -> &[FnInfo<'a>] {
        range(&self.members, self.groups[group as usize].members)
    }

    /// Where each captured value of group `group` comes from.
    #[inline]
    pub fn captures_of(&self, group: u32) -> &[Slot] {
        range(&self.captures, self.groups[group as usize].captures)
    }

    /// The local slot of each member of `fns`, in the block's frame.
    #[inline]
    pub fn member_slots_of(&self, fns: &BlockFns) -> &[u32] {
        range(&self.member_slots, fns.member_slots)
    }

    /// The name of binding `b`.
    pub fn name(&self, b: BindingId) -> &str {
        match self.bindings[b.index()].site {
            Some(site) => site.name.as_str(),
            None => {
                let i = self
                    .external_names
                    .binary_search_by_key(&b, |(e, _)| *e)
                    .expect("a binding without a site has an external name");
                &self.external_names[i].1
            }
        }
    }

    /// The slot of identifier occurrence or binding site `id`.
    #[inline]
    pub fn slot(&self, id: NodeId) -> Slot {
        self.slots.get(id)
    }

    /// The frame index of `id` when its slot is [`Slot::Local`] (the
    /// evaluator's fast path; an overflowed local answers `None` and is
    /// read through [`Resolution::slot`]).
    #[inline(always)]
    pub fn local_slot(&self, id: NodeId) -> Option<u32> {
        self.slots.local(id)
    }

    /// The member index of `id` when its slot is [`Slot::Sibling`].
    #[inline(always)]
    pub fn sibling_slot(&self, id: NodeId) -> Option<u32> {
        self.slots.sibling(id)
    }

    /// The binding of name occurrence `id` ([`BindingId::NONE`] if none).
    #[inline]
    pub fn binding(&self, id: NodeId) -> BindingId {
        self.binding_of
            .get(id.index())
            .copied()
            .unwrap_or(BindingId::NONE)
    }

    /// The kind of the binding of name occurrence `id`, if it has one.
    #[inline]
    pub fn kind_of(&self, id: NodeId) -> Option<BindingKind> {
        let b = self.binding(id);
        self.bindings.get(b.index()).map(|b| b.kind)
    }

    /// The `did you mean` candidate of an unresolved use.
    pub fn suggestion(&self, kind: BindingKind) -> Option<&str> {
        match kind {
            BindingKind::Unresolved { suggestion } => self
                .suggestions
                .get(suggestion as usize)
                .map(String::as_str),
            _ => None,
        }
    }

    /// The items of component `scc`, in statement order.
    pub fn scc_members(&self, scc: u32) -> &[u32] {
        let (start, len) = self.sccs[scc as usize];
        &self.scc_items[start as usize..(start + len) as usize]
    }

    /// The declaration indices of the structs visible (not shadowed) where
    /// field access `field` is written, innermost first.
    pub fn structs_in_scope(&self, field: &Ident) -> Vec<u32> {
        let mut out = Vec::new();
        let mut hidden: FxHashSet<BindingId> = FxHashSet::default();
        let mut b = self.binding(field.id);
        while let Some(binding) = self.bindings.get(b.index()) {
            if !hidden.contains(&b)
                && let BindingKind::Struct { def, .. } = binding.kind
            {
                out.push(def);
            }
            let Some(link) = self.type_links.get(&b) else {
                break;
            };
            if link.shadows.is_some() {
                hidden.insert(link.shadows);
            }
            b = link.prev;
        }
        out
    }
}

/// Resolves a parsed unit against the prelude and the REPL's `globals`.
pub fn resolve<'a>(program: &Program<'a>, globals: &Globals) -> Resolution<'a> {
    walk::Resolver::new(program, globals).run(program)
}
