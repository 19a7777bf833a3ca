//! The scopes of the walk: one [`Namespace`] each for values, types and
//! constructors, and the `did you mean` search ([`suggest`]) over the names
//! in scope.
//!
//! A namespace maps each name, by its dense per-unit symbol
//! ([`Name::sym`](crate::syntax::ast::Name::sym)), to its innermost binding,
//! with an undo log so that leaving a scope pops back to a [`Mark`] in
//! O(bindings popped). It also keeps the head of the chain of every binding
//! in scope (innermost first, each binding recording the one before it), so
//! a later pass can list the names visible at a point recorded during the
//! walk. This module must not walk the AST.

use super::BindingId;

/// A binding for each symbol of a unit, or none: a zero-filled table of
/// the binding plus one (`0`: none), so the pages of a table that few names
/// reach (a unit's types and constructors) are never touched.
pub(super) struct SymTable(Vec<u32>);

impl SymTable {
    /// A table of `names` symbols, each without a binding.
    pub(super) fn new(names: u32) -> SymTable {
        SymTable(vec![0; names as usize])
    }

    /// The binding of symbol `sym`, if it has one.
    #[inline]
    pub(super) fn get(&self, sym: u32) -> Option<BindingId> {
        match self.0.get(sym as usize) {
            Some(&b) if b != 0 => Some(BindingId(b - 1)),
            _ => None,
        }
    }

    /// Gives symbol `sym` binding `b` (`NONE`: no binding); returns the one
    /// it had. The table grows for a symbol the unit did not count.
    #[inline]
    pub(super) fn set(&mut self, sym: u32, b: BindingId) -> Option<BindingId> {
        let i = sym as usize;
        if i >= self.0.len() {
            self.0.resize(i + 1, 0);
        }
        let new = if b.is_some() { b.0 + 1 } else { 0 };
        let old = std::mem::replace(&mut self.0[i], new);
        (old != 0).then(|| BindingId(old - 1))
    }
}

/// A point to pop a namespace back to.
#[derive(Clone, Copy)]
pub(super) struct Mark {
    log: usize,
    head: BindingId,
}

/// One namespace of the walk: innermost binding of each name in scope.
pub(super) struct Namespace {
    /// Innermost binding of each name in scope, by symbol.
    map: SymTable,
    /// Declarations in order, with the binding each one hid (`NONE`: none).
    log: Vec<(BindingId, BindingId)>,
    /// The binding declared last among those in scope.
    pub(super) head: BindingId,
}

impl Namespace {
    /// An empty namespace for a unit of `names` symbols whose chain
    /// continues at `head`.
    pub(super) fn new(head: BindingId, names: u32) -> Namespace {
        Namespace {
            map: SymTable::new(names),
            log: Vec::new(),
            head,
        }
    }

    /// The innermost binding of symbol `sym`, if one is in scope.
    #[inline]
    pub(super) fn get(&self, sym: u32) -> Option<BindingId> {
        self.map.get(sym)
    }

    /// A mark to pop back to with [`Namespace::pop_to`].
    pub(super) fn mark(&self) -> Mark {
        Mark {
            log: self.log.len(),
            head: self.head,
        }
    }

    /// Puts `b` in scope as symbol `sym`; returns the previous chain head
    /// and the binding `b` hides, if any.
    pub(super) fn declare(&mut self, sym: u32, b: BindingId) -> (BindingId, Option<BindingId>) {
        let hidden = self.map.set(sym, b);
        self.log.push((b, hidden.unwrap_or(BindingId::NONE)));
        let prev = std::mem::replace(&mut self.head, b);
        (prev, hidden)
    }

    /// Takes out of scope everything declared since `mark`; `sym_of` gives
    /// the symbol each binding was declared under.
    pub(super) fn pop_to(&mut self, mark: Mark, sym_of: &impl Fn(BindingId) -> u32) {
        while self.log.len() > mark.log {
            let (b, hidden) = self.log.pop().expect("log is longer than the mark");
            self.map.set(sym_of(b), hidden);
        }
        self.head = mark.head;
    }
}

/// The closest candidate for `did you mean`: the rule of
/// `docs/guide/errors.md` is a Damerau–Levenshtein distance of at most a
/// third of the name's length, rounded down, so a name of one or two
/// characters gets no suggestion (any other short name would be one edit
/// away). Ties go to the alphabetically first candidate; never the name
/// itself.
pub fn suggest<'s>(name: &str, candidates: impl Iterator<Item = &'s str>) -> Option<&'s str> {
    let len = name.chars().count();
    let max = len / 3;
    if max == 0 {
        return None;
    }
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        // The distance is at least the difference in length: skip the
        // quadratic computation when that alone is too much.
        if c == name || c.chars().count().abs_diff(len) > max {
            continue;
        }
        let d = strsim::damerau_levenshtein(name, c);
        if d <= max && best.is_none_or(|(bd, bc)| d < bd || (d == bd && c < bc)) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}
