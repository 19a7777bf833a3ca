//! Peak memory of checking a large program (issue #16): `Engine::diagnose`,
//! what `calc check` runs, on a generated program of the benchmark's shape
//! (`benches/front.rs`, `shared/bench/gen_parse.py`) must stay within
//! twice what Lua 5.4's `load` of the same program needs: 82 MB for 10 MB
//! of source on the benchmark machine, so at most 16.4 bytes of resident
//! memory per source byte, the text itself included.
//!
//! Its own test binary, so no other test shares the process whose peak
//! resident set (`VmHWM` in `/proc/self/status`) it reads.

#[path = "common/document.rs"]
mod document;
#[path = "common/memory.rs"]
mod memory;
use calc::Engine;
use document::benchmark_program as program;
use memory::status_kb;
use std::sync::Arc;

#[test]
fn checking_a_large_program_needs_at_most_twice_luas_memory() {
    let engine = Engine::new();
    // Warm the engine (its checker and tables) on a small program first.
    assert!(
        engine
            .diagnose("warm", Arc::from(program(10_000)))
            .is_empty()
    );
    let (Some(before), Some(_)) = (status_kb("VmRSS:"), status_kb("VmHWM:")) else {
        eprintln!("no /proc/self/status: nothing to measure on this system");
        return;
    };
    let bytes = 4_000_000;
    let text: Arc<str> = Arc::from(program(bytes));
    let diags = engine.diagnose("big", Arc::clone(&text));
    assert!(diags.is_empty(), "{:?}", diags.first());
    let peak = status_kb("VmHWM:").expect("read before");
    let per_byte = (peak.saturating_sub(before) * 1024) as f64 / text.len() as f64;
    eprintln!("peak {peak} kB, {before} kB before: {per_byte:.1} bytes per source byte");
    assert!(
        per_byte <= 16.4,
        "checking took {per_byte:.1} resident bytes per source byte (at most 16.4)"
    );
}
