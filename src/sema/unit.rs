//! A compilation unit that can outlive the call that compiled it.
//!
//! Owns [`Unit`]: one source text, the arena holding its AST, and everything
//! computed from the AST that borrows it (the tree, parse diagnostics, the
//! name resolution the checker and the evaluator share), tied together with `self_cell` so the
//! borrow is checked by the compiler instead of being extended with `unsafe`,
//! plus what the type checker decided for the evaluator (field indices),
//! attached once the unit has been checked.
//!
//! Soundness and lifetime: function values ([`crate::eval::value::FnVal`]) hold an
//! `Rc<Unit>`, so a unit's arena stays alive exactly as long as some value
//! (a REPL binding, a closure captured by another unit) still points into it,
//! and is freed when the last such value goes. Code is reached through
//! [`Unit::with_dependent`], never through a stored `&'a` reference.
//!
//! This module must not evaluate or type-check; it only builds the cell.

use crate::diag::Diagnostic;
use crate::sema::resolve::{self, Globals, Resolution};
use crate::syntax::arena::Arena;
use crate::syntax::ast::Program;
use crate::syntax::parser;
use std::cell::OnceCell;

/// What a unit owns: its name (file name or `<repl:N>`), source and arena.
pub struct UnitOwner {
    /// Shown in diagnostics.
    pub name: String,
    /// The source text.
    pub source: String,
    /// The arena holding the AST.
    pub arena: Arena,
    /// Field indices by NodeId, from the checker (see
    /// [`Unit::set_field_slots`]).
    pub field_slots: OnceCell<Box<[u32]>>,
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
    /// A parsed and resolved compilation unit (owner + borrowing AST).
    pub struct Unit {
        owner: UnitOwner,
        #[covariant]
        dependent: Compiled,
    }
);

impl std::fmt::Debug for Unit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Unit({})", self.borrow_owner().name)
    }
}

impl Unit {
    /// Parses and resolves `source` in `arena` (which should be empty or
    /// reset), against names persisted in `globals`.
    pub fn compile(name: String, source: String, arena: Arena, globals: &Globals) -> Unit {
        Unit::new(
            UnitOwner {
                name,
                source,
                arena,
                field_slots: OnceCell::new(),
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
        )
    }

    /// The unit's name as shown in diagnostics.
    pub fn name(&self) -> &str {
        &self.borrow_owner().name
    }

    /// The unit's source text.
    pub fn source(&self) -> &str {
        &self.borrow_owner().source
    }

    /// Parse diagnostics.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.borrow_dependent().diagnostics
    }

    /// The name of member `member` of function group `group`, if it is a
    /// `fn` item (closures have none).
    pub fn fn_name(&self, group: u32, member: u32) -> Option<&str> {
        self.borrow_dependent()
            .resolution
            .groups
            .get(group as usize)?
            .members
            .get(member as usize)?
            .code
            .name()
    }

    /// Attaches the checker's field indices
    /// ([`CheckOutcome::field_slots`](crate::sema::check::CheckOutcome::field_slots)),
    /// which the evaluator reads for field access, struct literals and
    /// struct patterns. Done once, after the unit type-checks and before it
    /// runs; a second call changes nothing.
    pub fn set_field_slots(&self, slots: Vec<u32>) {
        let _ = self.borrow_owner().field_slots.set(slots.into());
    }

    /// The checker's field indices by NodeId; empty if none were attached.
    pub fn field_slots(&self) -> &[u32] {
        self.borrow_owner().field_slots.get().map_or(&[], |s| s)
    }

    /// Gives the arena back (for reuse) once nothing else holds the unit.
    pub fn into_arena(self) -> Arena {
        let mut arena = self.into_owner().arena;
        arena.reset();
        arena
    }
}
