//! The language server's work after a change, on a 5,000-line document
//! (the shape of the timing test in `src/bin/calc/lsp/tests.rs`): the
//! editor analysis (`Analysis::new` in the document's reset arena: parse,
//! resolve, check with the type table, index the names) against the
//! baseline of the engine's `check` of the same text (parse, resolve,
//! check, no table). The ratio is the cost of what an editor needs beyond
//! diagnostics.
//!
//! Run: `cargo bench --bench ide`.

use calc::Engine;
use calc::ide::Analysis;
use calc::syntax::arena::Arena;

#[path = "../tests/common/document.rs"]
mod document;
use document::big_document as document;

fn main() {
    divan::main();
}

/// Baseline: the engine's check (what `calc check` does).
#[divan::bench]
fn engine_check(bencher: divan::Bencher) {
    let text = document(5000);
    let engine = Engine::new();
    bencher.bench_local(|| {
        let report = engine.check("doc.expr", divan::black_box(&text));
        assert!(report.diagnostics.is_empty());
    });
}

/// The server after a change: a new analysis in the document's arena.
#[divan::bench]
fn analysis_after_a_change(bencher: divan::Bencher) {
    let text = document(5000);
    let mut arena = Some(Arena::new());
    bencher.bench_local(|| {
        let a = Analysis::new(text.clone(), arena.take().unwrap_or_default());
        assert!(a.diagnostics().is_empty());
        arena = Some(a.into_arena());
    });
}
