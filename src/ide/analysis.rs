//! The analysis of one document: its text and arena, and everything the
//! front end computes from them for an editor, rebuilt on each change.
//!
//! Owns [`Analysis`]: the text and the document's one arena (tied to the
//! tree, resolution, type table and name index with `self_cell`, as
//! [`crate::sema::unit::Unit`] does), and the diagnostics an editor shows
//! (the syntax errors, or when there are none the checker's, as
//! `calc check` reports them). A change builds a new analysis in the same
//! arena, reset ([`Analysis::into_arena`]). Nothing here evaluates.

use crate::diag::Diagnostic;
use crate::ide::index::Index;
use crate::ide::position::LineMap;
use crate::sema::check::{Checker, TypeTable};
use crate::sema::resolve::{self, Globals, Resolution};
use crate::syntax::arena::Arena;
use crate::syntax::ast::Program;
use crate::syntax::parser;

/// What an analysis owns.
struct Owner {
    text: String,
    arena: Arena,
}

/// What an analysis computes from its text, borrowing the arena.
pub(crate) struct Analyzed<'a> {
    /// The parsed document.
    pub(crate) program: Program<'a>,
    /// Its name resolution.
    pub(crate) res: Resolution<'a>,
    /// The diagnostics to show.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// The type of every expression and binding.
    pub(crate) types: TypeTable,
    /// Every name and what it refers to.
    pub(crate) index: Index,
}

self_cell::self_cell!(
    /// The cell: text and arena, and the analysis borrowing them.
    struct Cell {
        owner: Owner,
        #[covariant]
        dependent: Analyzed,
    }
);

/// One document, analysed: parsed, resolved and type-checked (never run).
pub struct Analysis {
    cell: Cell,
    lines: LineMap,
}

impl Analysis {
    /// Analyses `text` in `arena` (empty or reset): parse, resolve, check
    /// with a type table, index the names.
    pub fn new(text: String, arena: Arena) -> Analysis {
        let lines = LineMap::new(&text);
        let cell = Cell::new(Owner { text, arena }, |o| {
            let parsed = parser::parse(&o.arena, &o.text);
            let res = resolve::resolve(&parsed.program, &Globals::default());
            let mut checker = Checker::new();
            let (outcome, mut types) = checker.check_with_types(&parsed.program, &res, "", &o.text);
            let index = Index::build(&parsed.program, &res, &outcome.field_slots, &mut types);
            let diagnostics = if !parsed.diagnostics.is_empty() {
                parsed.diagnostics
            } else {
                outcome.diagnostics
            };
            Analyzed {
                program: parsed.program,
                res,
                diagnostics,
                types,
                index,
            }
        });
        Analysis { cell, lines }
    }

    /// The document's text.
    pub fn text(&self) -> &str {
        &self.cell.borrow_owner().text
    }

    /// The document's line starts, for [`crate::ide::position`].
    pub fn lines(&self) -> &LineMap {
        &self.lines
    }

    /// The diagnostics an editor shows: the syntax errors, or (when there
    /// are none) the type errors and warnings, in source order.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.cell.borrow_dependent().diagnostics
    }

    /// Runs `f` over the text and the analysis.
    pub(crate) fn with<T>(&mut self, f: impl for<'a> FnOnce(&'a str, &mut Analyzed<'a>) -> T) -> T {
        self.cell.with_dependent_mut(|o, a| f(&o.text, a))
    }

    /// Gives the arena back, reset, for the document's next analysis.
    pub fn into_arena(self) -> Arena {
        let mut arena = self.cell.into_owner().arena;
        arena.reset();
        arena
    }

    /// Bytes the document's tree takes in its arena.
    pub fn arena_bytes(&self) -> usize {
        self.cell.borrow_owner().arena.allocated_bytes()
    }
}
