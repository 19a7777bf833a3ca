//! The parsed tree's density: arena bytes per source byte on a generated
//! ~1 MB program of the front-end benchmark's shape (`benches/front.rs`,
//! `shared/bench/gen_parse.py`). It was 15.0 before names were interned and
//! variable uses stored inline; the bound is 10.

use calc::syntax::arena::Arena;
use calc::syntax::parser::parse;

/// Most arena bytes the tree may take per source byte.
const MAX_BYTES_PER_SOURCE_BYTE: f64 = 10.0;

/// The benchmark's program, about `bytes` long.
fn program(bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 200);
    let mut i = 0;
    while s.len() < bytes {
        s.push_str(&format!(
            "fn f{i}(a, b) = if a < b {{ a * 2 + b }} else {{ [a, b, a + b].len() + b }};\nlet v{i} = f{i}(3, 4) + (17 * 3 - 2) % 5;\n"
        ));
        i += 1;
    }
    s.push_str(&format!("v{}\n", i - 1));
    s
}

#[test]
fn the_tree_takes_at_most_ten_arena_bytes_per_source_byte() {
    let src = program(1_000_000);
    let mut arena = Arena::new();
    let parsed = parse(&arena, &src);
    assert!(parsed.diagnostics.is_empty());
    assert!(parsed.program.body.stmts.len() > 14_000);
    drop(parsed);
    let per_byte = arena.used_bytes() as f64 / src.len() as f64;
    assert!(
        per_byte <= MAX_BYTES_PER_SOURCE_BYTE,
        "the tree took {per_byte:.2} arena bytes per source byte (at most {MAX_BYTES_PER_SOURCE_BYTE})"
    );
}
