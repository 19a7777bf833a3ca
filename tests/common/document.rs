//! A generated, valid calc document of a chosen length, shared by the
//! language server's tests and `benches/ide.rs` (each includes this file
//! with `#[path]`).

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
