//! The compile step every front door shares: source → checked unit.
//!
//! Owns the checker a unit is compiled against ([`host_checker`]: its
//! globals are the host functions first, then a program's inputs or a
//! session's definitions), the [`ArenaPool`] units take their arenas from
//! and give them back to, and [`compile_unit`], which parses, resolves and
//! type-checks one unit into a [`CheckedUnit`]. Programs, the
//! REPL session, `calc check` and the snapshot tests all compile through
//! it. It must not evaluate.

use crate::eval::HostCall;
use crate::sema::check::Checker;
use crate::sema::checked::{CheckedUnit, Rejected};
use crate::sema::signature::Signature;
use crate::sema::unit::Unit;
use crate::syntax::arena::Arena;
use std::sync::{Arc, Mutex};

/// A registered host function: its name, its calc type and the closure the
/// evaluator calls (which converts values and checks the result's type).
#[derive(Clone)]
pub(crate) struct HostEntry {
    pub(crate) name: Arc<str>,
    pub(crate) signature: Signature,
    pub(crate) call: Arc<HostCall>,
}

/// A checker whose globals are the host functions `hosts`, in global slots
/// `0..hosts.len()` (names are distinct: registering a name again replaces
/// the function).
pub(crate) fn host_checker(hosts: &[HostEntry]) -> Checker {
    let mut checker = Checker::new();
    for h in hosts {
        checker.declare_global(&h.name, h.signature.scheme.clone());
    }
    checker
}

/// Arenas kept for reuse at most.
const POOL: usize = 16;

/// Arenas of dropped units, reset and kept for the next units, so a host
/// that compiles and drops many programs stops asking the system for
/// memory. Shared by an engine, its programs and its sessions.
#[derive(Default)]
pub(crate) struct ArenaPool {
    arenas: Mutex<Vec<Arena>>,
}

impl ArenaPool {
    /// An empty arena (from the pool if it has one) with the byte limit
    /// `limit`.
    pub(crate) fn take(&self, limit: Option<usize>) -> Arena {
        let mut arena = self
            .arenas
            .lock()
            .map(|mut a| a.pop())
            .ok()
            .flatten()
            .unwrap_or_default();
        arena.set_limit(limit);
        arena
    }

    /// Returns `unit`'s arena to the pool if nothing else refers to the
    /// unit (else the last holder frees it).
    pub(crate) fn recycle(&self, unit: Arc<Unit>) {
        if let Ok(unit) = Arc::try_unwrap(unit) {
            let arena = unit.into_arena();
            if let Ok(mut arenas) = self.arenas.lock()
                && arenas.len() < POOL
            {
                arenas.push(arena);
            }
        }
    }

    /// Number of arenas waiting for reuse.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.arenas.lock().map_or(0, |a| a.len())
    }
}

/// Parses, resolves and type-checks `source` (named `name` in diagnostics)
/// as one unit against `checker`'s globals, in an arena from `pool` limited
/// to `max_arena` bytes. Nothing is committed to the checker.
pub(crate) fn compile_unit(
    checker: &mut Checker,
    pool: &ArenaPool,
    max_arena: Option<usize>,
    name: &str,
    source: &str,
) -> Result<CheckedUnit, Box<Rejected>> {
    let arena = pool.take(max_arena);
    let unit = Unit::compile(
        name.to_string(),
        source.to_string(),
        arena,
        checker.globals(),
    );
    CheckedUnit::check(Arc::new(unit), checker)
}

#[cfg(test)]
mod tests {
    use crate::Engine;

    #[test]
    fn dropped_and_refused_programs_return_their_arenas() {
        let engine = Engine::new();
        let p = engine.compile("1 + 2", &[]).expect("compiles");
        assert_eq!(engine.pool().len(), 0);
        let evaluator = p.evaluator();
        drop(p);
        assert_eq!(engine.pool().len(), 0, "the evaluator still holds it");
        drop(evaluator);
        assert_eq!(engine.pool().len(), 1);
        let q = engine.compile("3", &[]).expect("compiles");
        assert_eq!(engine.pool().len(), 0, "the arena was reused");
        assert!(engine.compile("1 +", &[]).is_err());
        assert_eq!(
            engine.pool().len(),
            1,
            "a refused program's arena comes back"
        );
        drop(q);
        assert_eq!(engine.pool().len(), 2);
    }
}
