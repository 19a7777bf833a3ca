//! A compilation unit that can outlive the call that compiled it and be
//! shared between threads.
//!
//! Owns [`Unit`]: one source text, the arena holding its AST, and everything
//! computed from the AST that borrows it (the tree, parse diagnostics, the
//! name resolution the checker and the evaluator share), tied together with
//! `self_cell` so the borrow is checked by the compiler instead of being
//! extended with `unsafe`, plus what the type checker decided for the
//! evaluator (field indices), attached once the unit has been checked.
//!
//! Lifetime: function values ([`crate::eval::value::FnVal`]) and runtime
//! errors hold an `Arc<Unit>`, so a unit's arena stays alive exactly as long
//! as something still points into it, and is freed when the last such handle
//! goes. Code is reached through [`Unit::with_compiled`], never through a
//! stored `&'a` reference.
//!
//! Threads: this module holds the crate's one `unsafe` item, `impl Sync for
//! Unit` (the argument is at the impl). The arena's `Bump` is reachable only
//! inside [`Unit::compile`] (the parser allocates the tree) and by value in
//! [`Unit::into_arena`]; every other method hands out the source, the name
//! or the finished tree, never the arena.
//!
//! This module must not evaluate or type-check; it only builds the cell.
#![allow(unsafe_code)]

use crate::diag::Diagnostic;
use crate::sema::resolve::{self, Globals, Resolution};
use crate::syntax::arena::Arena;
use crate::syntax::ast::Program;
use crate::syntax::parser;
use std::sync::{Arc, OnceLock};

/// What a unit owns: its name (file name or `<repl:N>`), source and arena.
struct UnitOwner {
    name: String,
    source: Arc<str>,
    arena: Arena,
    /// Field indices by NodeId, from the checker (see
    /// [`Unit::set_field_slots`]).
    field_slots: OnceLock<Box<[u32]>>,
}

/// What a unit borrows from its owner.
pub struct Compiled<'a> {
    /// The parsed program.
    pub program: Program<'a>,
    /// Lexical and syntax errors.
    pub diagnostics: Vec<Diagnostic>,
    /// Name resolution: the binding of every name for the checker; slots,
    /// frames and captures for the evaluator.
    pub resolution: Resolution<'a>,
}

self_cell::self_cell!(
    /// The cell: owner + borrowing AST.
    struct UnitCell {
        owner: UnitOwner,
        #[covariant]
        dependent: Compiled,
    }
);

/// A parsed and resolved compilation unit (owner + borrowing AST), `Send +
/// Sync`: many threads may walk one unit's tree at once.
pub struct Unit(UnitCell);

// SAFETY: `Unit` is `!Sync` only because its owner holds a `bumpalo::Bump`,
// which allocates through `&self` without synchronisation. Every other part
// is `Sync`: the name is a `String` and the source an `Arc<str>`, the field indices a
// `OnceLock`, and the dependent
// (`Compiled`: AST nodes, diagnostics, resolution with `Arc` descriptors) is
// plain data that the compiler checks to be `Send + Sync` (see the
// assertion below). The `Bump` is reachable only (1) inside `Unit::compile`,
// where the parser allocates the tree before the unit exists and so before
// it can be shared, and (2) in `Unit::into_arena`, which takes the unit by
// value and so has exclusive access. No method gives out `&UnitOwner`,
// `&Arena` or `&Bump`, so no two threads can ever allocate from (or observe
// the chunk list of) one `Bump` through a shared `&Unit`; what they share is
// arena memory that nothing writes after construction. `Send` needs no
// `unsafe`: `Bump` is `Send`, and so is everything else in the cell.
unsafe impl Sync for Unit {}

const _: fn() = || {
    fn send_sync<T: Send + Sync>() {}
    fn send<T: Send>() {}
    send_sync::<Compiled<'static>>();
    send_sync::<OnceLock<Box<[u32]>>>();
    send::<UnitCell>();
};

impl std::fmt::Debug for Unit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Unit({})", self.name())
    }
}

impl Unit {
    /// Parses and resolves `source` in `arena` (which should be empty or
    /// reset), against names persisted in `globals`. The text is shared,
    /// not copied: a caller that keeps it (to render diagnostics) holds the
    /// same allocation.
    pub fn compile(name: String, source: Arc<str>, arena: Arena, globals: &Globals) -> Unit {
        Unit(UnitCell::new(
            UnitOwner {
                name,
                source,
                arena,
                field_slots: OnceLock::new(),
            },
            |owner| {
                let parsed = parser::parse(&owner.arena, &owner.source);
                let resolution = resolve::resolve(&parsed.program, globals);
                Compiled {
                    program: parsed.program,
                    diagnostics: parsed.diagnostics,
                    resolution,
                }
            },
        ))
    }

    /// Runs `f` with the unit's tree, diagnostics and resolution.
    #[inline]
    pub fn with_compiled<'u, T>(&'u self, f: impl for<'a> FnOnce(&'u Compiled<'a>) -> T) -> T {
        self.0.with_dependent(|_, compiled| f(compiled))
    }

    /// The unit's name as shown in diagnostics.
    pub fn name(&self) -> &str {
        &self.0.borrow_owner().name
    }

    /// The unit's source text.
    pub fn source(&self) -> &str {
        &self.0.borrow_owner().source
    }

    /// Parse diagnostics.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.0.borrow_dependent().diagnostics
    }

    /// The name of member `member` of function group `group`, if it is a
    /// `fn` item (closures have none).
    pub fn fn_name(&self, group: u32, member: u32) -> Option<&str> {
        let res = &self.0.borrow_dependent().resolution;
        if group as usize >= res.groups.len() {
            return None;
        }
        res.members_of(group).get(member as usize)?.code.name()
    }

    /// Attaches the checker's field indices
    /// ([`CheckOutcome::field_slots`](crate::sema::check::CheckOutcome::field_slots)),
    /// which the evaluator reads for field access, struct literals and
    /// struct patterns. Done once, by [`crate::sema::checked::CheckedUnit`]
    /// after the unit type-checks and before it runs; a second call changes
    /// nothing.
    pub fn set_field_slots(&self, slots: Vec<u32>) {
        let _ = self.0.borrow_owner().field_slots.set(slots.into());
    }

    /// The checker's field indices by NodeId; empty if none were attached.
    pub fn field_slots(&self) -> &[u32] {
        self.0.borrow_owner().field_slots.get().map_or(&[], |s| s)
    }

    /// Gives the arena back (for reuse) once nothing else holds the unit.
    pub fn into_arena(self) -> Arena {
        let mut arena = self.0.into_owner().arena;
        arena.reset();
        arena
    }
}
