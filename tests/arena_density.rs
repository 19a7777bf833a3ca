//! The parsed tree's density: arena bytes per source byte on a ~1 MB
//! sample of the front-end benchmark's 10 MB program (`benches/front.rs`,
//! `shared/bench/gen_parse.py`): every tenth of its line pairs, so its names
//! are as long as the benchmark's on average and the figure is the
//! benchmark's (a 1 MB prefix has shorter names, and takes about 0.25 bytes
//! per source byte more). It was 15.0 before names were interned and
//! variable uses stored inline; the bound is 10.

#[path = "common/document.rs"]
mod document;

use calc::syntax::arena::Arena;
use calc::syntax::parser::parse;
use document::push_benchmark_pair;

/// Most arena bytes the tree may take per source byte.
const MAX_BYTES_PER_SOURCE_BYTE: f64 = 10.0;

/// Every tenth line pair of the benchmark's 10 MB program (its pairs
/// `0..82_921`), and its final expression.
fn sample() -> String {
    let mut s = String::with_capacity(1_100_000);
    for i in (0..82_921).step_by(10) {
        push_benchmark_pair(&mut s, i);
    }
    s.push_str("v82920\n");
    s
}

#[test]
fn the_tree_takes_at_most_ten_arena_bytes_per_source_byte() {
    let src = sample();
    let mut arena = Arena::new();
    let parsed = parse(&arena, &src);
    assert!(parsed.diagnostics.is_empty());
    assert!(parsed.program.body.stmts.len() > 16_000);
    drop(parsed);
    let per_byte = arena.used_bytes() as f64 / src.len() as f64;
    assert!(
        per_byte <= MAX_BYTES_PER_SOURCE_BYTE,
        "the tree took {per_byte:.2} arena bytes per source byte (at most {MAX_BYTES_PER_SOURCE_BYTE})"
    );
}
