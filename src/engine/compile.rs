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

thread_local! {
    /// This thread's checker for [`Engine::check`](crate::Engine::check),
    /// with the key of the host list it was made for: checking file after
    /// file reuses the checker's tables (as the pool reuses arenas) instead
    /// of building a checker per file. A check commits nothing, so the
    /// checker is the same after each.
    static CHECKER: std::cell::RefCell<Option<(u64, Checker)>> =
        const { std::cell::RefCell::new(None) };
}

/// A key that no other host list has had: engines get a new one when they
/// are made and whenever a host function is registered.
pub(crate) fn new_hosts_key() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Runs `f` with this thread's checker for host list `hosts` (whose key
/// is `key`), made on first use and kept for the next call with that key.
pub(crate) fn with_host_checker<R>(
    key: u64,
    hosts: &[HostEntry],
    f: impl FnOnce(&mut Checker) -> R,
) -> R {
    let cached = CHECKER
        .with(|c| c.borrow_mut().take())
        .filter(|(k, _)| *k == key);
    let mut checker = match cached {
        Some((_, checker)) => checker,
        None => host_checker(hosts),
    };
    let result = f(&mut checker);
    CHECKER.with(|c| *c.borrow_mut() = Some((key, checker)));
    result
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
/// to `max_arena` bytes. Nothing is committed to the checker. The unit
/// shares `source` (a `&str` is copied into a new `Arc`).
pub(crate) fn compile_unit(
    checker: &mut Checker,
    pool: &ArenaPool,
    max_arena: Option<usize>,
    name: &str,
    source: impl Into<Arc<str>>,
) -> Result<CheckedUnit, Box<Rejected>> {
    let arena = pool.take(max_arena);
    let unit = Unit::compile(name.to_string(), source.into(), arena, checker.globals());
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

    fn codes(engine: &Engine, source: &str) -> Vec<&'static str> {
        engine
            .check("f", source)
            .diagnostics
            .iter()
            .map(|d| d.code)
            .collect()
    }

    #[test]
    fn checking_file_after_file_reuses_one_checker_and_keeps_no_state() {
        let mut engine = Engine::new();
        let bad = "let x: Int = \"a\"; x + y";
        let first = codes(&engine, bad);
        assert_eq!(first, ["E0202", "E0201"]);
        // Definitions of one file are not seen by the next.
        assert!(codes(&engine, "fn twice(n) = n * 2; let z = 1; twice(z)").is_empty());
        assert_eq!(codes(&engine, "twice(z)"), ["E0201", "E0201"]);
        assert_eq!(codes(&engine, bad), first, "the same file, the same report");
        // A host registered later is seen: the cached checker is not reused.
        assert_eq!(codes(&engine, "shout(\"a\")"), ["E0201"]);
        engine
            .register_fn("shout", "fn(Str) -> Str", |args| Ok(args[0].clone()))
            .expect("registers");
        assert!(codes(&engine, "shout(\"a\")").is_empty());
        // Another engine on this thread has its own host list.
        assert_eq!(codes(&Engine::new(), "shout(\"a\")"), ["E0201"]);
        assert!(codes(&engine, "shout(\"a\")").is_empty());
    }

    #[test]
    fn diagnose_shares_the_text_and_lists_no_bindings() {
        let engine = Engine::new();
        let source = "fn twice(n) = n * 2;\nlet x: Int = \"a\";\nlet y = twice(2);\ny";
        let text: std::sync::Arc<str> = source.into();
        let diags = engine.diagnose("f", std::sync::Arc::clone(&text));
        let report = engine.check("f", source);
        assert_eq!(diags, report.diagnostics, "the same diagnostics, located");
        assert_eq!(diags.len(), 1);
        assert_eq!(
            std::sync::Arc::strong_count(&text),
            1,
            "the unit let go of the text"
        );
        // `check` still lists the bindings, also after a `diagnose`.
        let report = engine.check("f", "fn twice(n) = n * 2;\nlet y = twice(2);\ny");
        assert_eq!(
            report.bindings,
            [
                ("twice".to_string(), "fn(Int) -> Int".to_string()),
                ("y".to_string(), "Int".to_string())
            ]
        );
    }
}
