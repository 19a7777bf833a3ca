//! Peak memory of a long left-deep operator chain (`1 + 1 + … + 1`, which
//! the parser builds as `((1 + 1) + 1) + …`, one level per operator):
//! checking, running, formatting and analysing it for an editor must cost
//! memory proportional to the source, not a native stack frame per operator
//! kept resident. Before the passes walked such a chain in a loop, checking
//! took about 1,400 resident bytes per operator (350 per source byte),
//! running as much, formatting about 700, and the editor's analysis about
//! 260.
//!
//! Its own test binary, so no other test shares the process whose peak
//! resident set (`VmHWM` in `/proc/self/status`) it reads; the peak is
//! reset (`/proc/self/clear_refs`) before each phase.

#[path = "common/memory.rs"]
mod memory;
use calc::Engine;
use calc::Value;
use calc::ide::analysis::Analysis;
use calc::syntax::arena::Arena;
use memory::status_kb;

/// Operators in the chain: 4 source bytes each.
const TERMS: usize = 250_000;

/// Resident bytes per source byte that `phase` added to the peak resident
/// set (over the resident set before it), or `None` where the peak cannot
/// be read or reset.
fn peak_per_byte(source_len: usize, phase: impl FnOnce()) -> Option<f64> {
    std::fs::write("/proc/self/clear_refs", "5").ok()?;
    let before = status_kb("VmRSS:")?;
    phase();
    let peak = status_kb("VmHWM:")?;
    Some((peak.saturating_sub(before) * 1024) as f64 / source_len as f64)
}

/// A phase's name, its bound in resident bytes per source byte, and the
/// phase.
type Phase<'a> = (&'static str, f64, Box<dyn FnOnce() + 'a>);

#[test]
fn a_long_operator_chain_is_checked_run_and_formatted_in_memory_linear_in_its_source() {
    let src = format!("1{}", " + 1".repeat(TERMS - 1));
    let engine = Engine::new();
    let phases: [Phase; 4] = [
        (
            "check",
            40.0,
            Box::new(|| {
                let report = engine.check("chain", &src);
                assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
            }),
        ),
        (
            "run",
            40.0,
            Box::new(|| {
                let program = engine.compile_script("chain", &src).expect("checks");
                let v = program.evaluator().eval(&[]).expect("runs");
                assert!(matches!(v, Value::Int(n) if n == TERMS as i64), "{v:?}");
            }),
        ),
        (
            "fmt",
            120.0,
            Box::new(|| {
                let text = calc::format_source(&src).expect("formats");
                assert!(text.starts_with("1 + 1 + "));
            }),
        ),
        (
            // The language server's analysis (its name index walks the
            // chain), then completion in the first operand (its scope walk
            // goes down the whole chain to reach it).
            "editor",
            40.0,
            Box::new(|| {
                let mut analysis = Analysis::new(src.clone(), Arena::new());
                assert!(analysis.diagnostics().is_empty());
                assert!(!analysis.complete(1).is_empty());
            }),
        ),
    ];
    for (name, bound, phase) in phases {
        let Some(per_byte) = peak_per_byte(src.len(), phase) else {
            eprintln!("no /proc/self peak to read or reset: nothing to measure on this system");
            return;
        };
        eprintln!("{name}: {per_byte:.1} resident bytes per source byte");
        assert!(
            per_byte <= bound,
            "{name} of a {TERMS}-term chain took {per_byte:.1} resident bytes per source byte (at most {bound})"
        );
    }
}
