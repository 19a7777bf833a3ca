//! Generated, valid calc programs of a chosen length, shared by tests and
//! benchmarks (each includes this file with `#[path]` and uses some of it):
//! the editor's document (the language server's tests, `benches/ide.rs`)
//! and the front end's benchmark program (`benches/front.rs`,
//! `tests/check_memory.rs`).
#![allow(dead_code)]

/// A valid document of `lines` lines plus a final `v0`: blocks of eight
/// lines (a struct, a function and three `let`s using them), then filler
/// `let`s up to `lines`.
pub fn big_document(lines: usize) -> String {
    let blocks = lines / 8;
    let mut text = String::with_capacity(lines * 48);
    for i in 0..blocks {
        text.push_str(&format!(
            "struct P{i} {{ x: Int, y: Float }}\n\
             fn f{i}(p: P{i}, k) {{\n\
             \x20 let s = float(p.x) * p.y;\n\
             \x20 if k > 0 {{ s + 1.0 }} else {{ s }}\n\
             }}\n\
             let v{i} = f{i}(P{i} {{ x: {i}, y: 0.5 }}, {i});\n\
             let w{i} = [1, 2, 3].map(|n| n * {i}).sum();\n\
             let u{i} = match w{i} {{ 0 => v{i}, _ => v{i} + 1.0 }};\n"
        ));
    }
    for _ in blocks * 8..lines {
        text.push_str("let z = 1;\n");
    }
    text.push_str("v0\n");
    text
}

/// The front end's benchmark program (the calc form of
/// `shared/bench/gen_parse.py`), about `bytes` long: pairs of a
/// two-parameter `fn` item and a `let` calling it, then the last `let`'s
/// name.
pub fn benchmark_program(bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 100);
    let mut i = 0;
    while s.len() < bytes {
        push_benchmark_pair(&mut s, i);
        i += 1;
    }
    s.push_str(&format!("v{}\n", i - 1));
    s
}

/// Appends pair `i` of [`benchmark_program`]: `fn f{i}` and `let v{i}`.
pub fn push_benchmark_pair(s: &mut String, i: usize) {
    s.push_str(&format!(
        "fn f{i}(a, b) = if a < b {{ a * 2 + b }} else {{ [a, b, a + b].len() + b }};\nlet v{i} = f{i}(3, 4) + (17 * 3 - 2) % 5;\n"
    ));
}
