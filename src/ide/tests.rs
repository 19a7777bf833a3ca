//! The editor features on whole documents, through [`Analysis`]'s public
//! queries (byte offsets in, spans out).

use super::*;
use crate::span::Span;

/// The byte offset of the `n`th (from 0) occurrence of `needle` in `text`,
/// plus `plus`.
fn at(text: &str, needle: &str, n: usize, plus: u32) -> u32 {
    let (i, _) = text
        .match_indices(needle)
        .nth(n)
        .unwrap_or_else(|| panic!("`{needle}` #{n} is not in {text:?}"));
    i as u32 + plus
}

fn slice(text: &str, span: Span) -> &str {
    &text[span.range()]
}

const SHAPES: &str = "struct P { x: Int, y: Int }
enum S { A, B(P) }
let p = P { x: 1, y: 2 };
let s = B(p);
let r = match s { B(q) => q.x, A => p.x };
let y = 3;
let w = P { x: r, y };
fn f(a) = a * 2.0;
f(1.5)";

#[test]
fn hover_shows_the_type_of_names_and_expressions() {
    let mut a =
        Analysis::of("let total = [1, 2].sum();\nlet half = float(total) / 2.0;\ntotal + 1");
    let text = a.text().to_string();
    let h = a.hover(at(&text, "total", 2, 1)).expect("a name");
    assert_eq!(h.code, "total: Int");
    assert_eq!(slice(&text, h.span), "total");
    let h = a.hover(at(&text, "float", 0, 2)).expect("a builtin");
    assert_eq!(h.code, "float: fn(Int) -> Float");
    assert_eq!(h.help.as_deref(), Some("Int to Float"));
    let h = a.hover(at(&text, "/", 0, 0)).expect("an operator");
    assert_eq!(h.code, "Float");
    assert_eq!(slice(&text, h.span), "float(total) / 2.0");
    let h = a.hover(at(&text, "half", 0, 0)).expect("a let");
    assert_eq!(h.code, "half: Float");
}

#[test]
fn hover_on_fields_variants_functions_and_types() {
    let mut a = Analysis::of(SHAPES);
    let text = a.text().to_string();
    assert_eq!(
        a.hover(at(&text, "q.x", 0, 2)).expect("field").code,
        "x: Int"
    );
    assert_eq!(
        a.hover(at(&text, "B(p)", 0, 0)).expect("variant").code,
        "B: fn(P) -> S"
    );
    assert_eq!(
        a.hover(at(&text, "f(1.5)", 0, 0)).expect("fn").code,
        "f: fn(Float) -> Float"
    );
    assert_eq!(
        a.hover(at(&text, "P {", 1, 0)).expect("struct").code,
        "struct P"
    );
    assert_eq!(
        a.hover(at(&text, "(a)", 0, 1)).expect("param").code,
        "a: Float"
    );
}

#[test]
fn hover_on_prelude_variants_and_type_parameters() {
    let mut a = Analysis::of(
        "fn pick<T>(x: T, o: Option<T>) -> T = match o { Some(y) => y, None => x };\npick(1, Some(2))",
    );
    let text = a.text().to_string();
    let h = a.hover(at(&text, "Some(2)", 0, 0)).expect("a variant");
    assert_eq!(h.code, "Some: fn(Int) -> Option<Int>");
    assert_eq!(h.help.as_deref(), Some("a variant of `Option`"));
    let h = a.hover(at(&text, "T,", 0, 0)).expect("a type parameter");
    assert_eq!(h.code, "type parameter T");
    assert_eq!(
        a.hover(at(&text, "x: T", 0, 0)).expect("a param").code,
        "x: T"
    );
    assert_eq!(
        a.definition(at(&text, "T>", 0, 0)).map(|s| s.start),
        Some(at(&text, "T>", 0, 0))
    );
    assert_eq!(
        a.definition(at(&text, "=> y", 0, 3)).map(|s| s.start),
        Some(at(&text, "Some(y)", 0, 5))
    );
}

#[test]
fn definitions_of_every_kind_of_name() {
    let mut a = Analysis::of(SHAPES);
    let text = a.text().to_string();
    let def = |a: &mut Analysis, off: u32| a.definition(off).map(|s| s.start);
    // A `let`, a pattern binding, a parameter, a `fn` item.
    assert_eq!(
        def(&mut a, at(&text, "B(p)", 0, 2)),
        Some(at(&text, "p =", 0, 0))
    );
    assert_eq!(
        def(&mut a, at(&text, "q.x", 0, 0)),
        Some(at(&text, "B(q)", 0, 2))
    );
    assert_eq!(
        def(&mut a, at(&text, "a * 2.0", 0, 0)),
        Some(at(&text, "(a)", 0, 1))
    );
    assert_eq!(
        def(&mut a, at(&text, "f(1.5)", 0, 0)),
        Some(at(&text, "fn f", 0, 3))
    );
    // A type, a variant, a field (through a struct literal, a field access
    // and a shorthand).
    assert_eq!(
        def(&mut a, at(&text, "B(P)", 0, 2)),
        Some(at(&text, "struct P", 0, 7))
    );
    assert_eq!(
        def(&mut a, at(&text, "B(q)", 0, 0)),
        Some(at(&text, "B(P)", 0, 0))
    );
    assert_eq!(
        def(&mut a, at(&text, "p.x", 0, 2)),
        Some(at(&text, "x: Int", 0, 0))
    );
    assert_eq!(
        def(&mut a, at(&text, "x: 1", 0, 0)),
        Some(at(&text, "x: Int", 0, 0))
    );
    assert_eq!(
        def(&mut a, at(&text, "y }", 0, 0)),
        Some(at(&text, "y =", 0, 0))
    );
    let mut b = Analysis::of("[1].sum()");
    assert_eq!(def(&mut b, 5), None, "no builtin in the file");
}

#[test]
fn references_of_a_field_and_of_a_binding() {
    let mut a = Analysis::of(SHAPES);
    let text = a.text().to_string();
    let refs = a.references(at(&text, "x: Int", 0, 0), true);
    let starts: Vec<u32> = refs.iter().map(|s| s.start).collect();
    assert_eq!(
        starts,
        vec![
            at(&text, "x: Int", 0, 0),
            at(&text, "x: 1", 0, 0),
            at(&text, "q.x", 0, 2),
            at(&text, "p.x", 0, 2),
            at(&text, "x: r", 0, 0)
        ]
    );
    let refs = a.references(at(&text, "p =", 0, 0), false);
    assert_eq!(refs.len(), 2, "B(p) and p.x: {refs:?}");
}

#[test]
fn rename_a_binding_keeps_shorthand_fields() {
    let mut a = Analysis::of(SHAPES);
    let text = a.text().to_string();
    let edits = a.rename(at(&text, "y =", 0, 0), "height").expect("renames");
    let mut out = text.clone();
    for (span, new) in edits.iter().rev() {
        out.replace_range(span.range(), new);
    }
    assert!(out.contains("let height = 3;"), "{out}");
    assert!(out.contains("P { x: r, y: height }"), "{out}");
    assert!(
        out.contains("struct P { x: Int, y: Int }"),
        "the field stays: {out}"
    );
    let edits = a
        .rename(at(&text, "y: Int", 0, 0), "h")
        .expect("a field renames");
    let mut out = text.clone();
    for (span, new) in edits.iter().rev() {
        out.replace_range(span.range(), new);
    }
    assert!(out.contains("P { x: r, h: y }"), "{out}");
    assert!(out.contains("P { x: 1, h: 2 }"), "{out}");
    assert!(Analysis::of(&out).diagnostics().is_empty(), "{out}");
}

#[test]
fn rename_refuses_builtins_and_bad_names() {
    let mut a = Analysis::of("let x = [1].sum();\nx");
    let text = a.text().to_string();
    assert_eq!(
        a.rename(at(&text, "sum", 0, 0), "total"),
        Err(RenameError::NothingThere)
    );
    assert!(matches!(
        a.rename(at(&text, "x", 0, 0), "let"),
        Err(RenameError::BadName(_))
    ));
    assert!(matches!(
        a.rename(at(&text, "x", 0, 0), "Big"),
        Err(RenameError::BadName(_))
    ));
    assert!(matches!(
        a.rename(at(&text, "x", 0, 0), "a b"),
        Err(RenameError::BadName(_))
    ));
    assert_eq!(a.rename(at(&text, "x", 1, 0), "y").expect("fine").len(), 2);
    assert_eq!(a.prepare_rename(at(&text, "sum", 0, 1)), None);
}

#[test]
fn completion_after_a_dot_lists_the_fields_with_their_types() {
    let mut a = Analysis::of(
        "struct P { x: Int, name: Str }\nlet p = P { x: 1, name: \"a\" };\nlet n = p.\nn",
    );
    let text = a.text().to_string();
    let items = a.complete(at(&text, "p.\n", 0, 2));
    let fields: Vec<(&str, &str)> = items
        .iter()
        .filter(|c| c.kind == CompletionKind::Field)
        .map(|c| (c.label.as_str(), c.detail.as_str()))
        .collect();
    assert_eq!(fields, vec![("x", "Int"), ("name", "Str")]);
    assert!(items.iter().any(|c| c.label == "len"), "methods too");
    // Half-typed: `p.na`.
    let mut a = Analysis::of("struct P { x: Int, name: Str }\nfn f(p: P) = p.na");
    let text = a.text().to_string();
    let items = a.complete(text.len() as u32);
    assert!(
        items.iter().any(|c| c.label == "name" && c.detail == "Str"),
        "{items:?}"
    );
}

#[test]
fn completion_lists_names_in_scope_keywords_and_the_prelude() {
    let src = "let width = 2.0;\nfn area(h) = width * h;\nlet later = 1;\n";
    let mut a = Analysis::of(&format!("{src}let g = |side| wi"));
    let text = a.text().to_string();
    let items = a.complete(text.len() as u32);
    let find = |l: &str| items.iter().find(|c| c.label == l);
    assert_eq!(find("width").expect("a let").detail, "Float");
    assert_eq!(find("area").expect("a fn").detail, "fn(Float) -> Float");
    assert_eq!(
        find("side").expect("a closure parameter").kind,
        CompletionKind::Variable
    );
    assert!(find("later").is_some());
    assert!(find("h").is_none(), "another function's parameter");
    assert!(find("g").is_none(), "not in scope in its own value");
    assert_eq!(find("sqrt").expect("prelude").detail, "fn(Float) -> Float");
    assert_eq!(
        find("match").expect("keyword").kind,
        CompletionKind::Keyword
    );
}

#[test]
fn inlay_hints_for_unannotated_lets_and_parameters() {
    let mut a = Analysis::of(SHAPES);
    let text = a.text().to_string();
    let hints = a.inlay_hints(Span::new(0, text.len() as u32));
    let shown: Vec<(&str, &str)> = hints
        .iter()
        .map(|h| {
            (
                &text[h.offset as usize - 1..h.offset as usize],
                h.label.as_str(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        vec![
            ("p", ": P"),
            ("s", ": S"),
            ("r", ": Int"),
            ("y", ": Int"),
            ("w", ": P"),
            ("a", ": Float")
        ]
    );
    let annotated =
        Analysis::of("let x: Int = 1; fn g(y: Int) = y; x").inlay_hints(Span::new(0, 99));
    assert!(annotated.is_empty(), "{annotated:?}");
}

#[test]
fn symbols_outline_the_document() {
    let mut a = Analysis::of(
        "struct P { x: Int }\nenum E { A, B }\nfn f(n) {\n  let k = n + 1;\n  k\n}\nlet v = f(1);\nv",
    );
    let syms = a.symbols();
    let names: Vec<(&str, SymbolKind)> = syms.iter().map(|s| (s.name.as_str(), s.kind)).collect();
    assert_eq!(
        names,
        vec![
            ("P", SymbolKind::Struct),
            ("E", SymbolKind::Enum),
            ("f", SymbolKind::Function),
            ("v", SymbolKind::Variable)
        ]
    );
    assert_eq!(syms[0].children[0].name, "x");
    assert_eq!(syms[1].children.len(), 2);
    assert_eq!(syms[2].children[0].name, "k");
    assert_eq!(syms[2].detail.as_deref(), Some("fn(Int) -> Int"));
    assert_eq!(syms[3].detail.as_deref(), Some("Int"));
}

#[test]
fn quick_fixes_for_did_you_mean_and_float() {
    let a = Analysis::of("let total = 1;\ntotl + 1");
    let fixes = a.fixes(Span::new(0, 99));
    assert_eq!(fixes.len(), 1, "{fixes:?}");
    assert_eq!(fixes[0].new_text, "total");
    assert_eq!(&a.text()[fixes[0].span.range()], "totl");
    let a = Analysis::of("let x: Float = 1;\nlet n = 2;\nlet y: Float = n;\nx + y");
    let fixes = a.fixes(Span::new(0, 99));
    let texts: Vec<&str> = fixes.iter().map(|f| f.new_text.as_str()).collect();
    assert_eq!(texts, vec!["float(1)", "1.0", "float(n)"]);
    let a = Analysis::of("let p = 3;\np.xx");
    assert!(a.fixes(Span::new(0, 99)).is_empty(), "no help, no fix");
}

#[test]
fn diagnostics_are_the_syntax_errors_or_else_the_type_errors() {
    let a = Analysis::of("let a = 1 + true;\nlet b = c;\na");
    let codes: Vec<&str> = a.diagnostics().iter().map(|d| d.code).collect();
    assert_eq!(codes, vec!["E0202", "E0201"]);
    let a = Analysis::of("let a = 1 + true;\nlet b = ;\na");
    let codes: Vec<&str> = a.diagnostics().iter().map(|d| d.code).collect();
    assert_eq!(codes, vec!["E0101"], "only the syntax error");
}

#[test]
fn non_ascii_text_before_a_name() {
    let mut a = Analysis::of("let s = \"😀 é\"; let cafe = len(s);\n\"é😀\" ++ str(cafe)");
    let off = a.offset(Position::new(1, 14));
    assert_eq!(a.hover(off).expect("a name").code, "cafe: Int");
    let def = a.definition(off).expect("defined");
    assert_eq!(a.position(def.start), Position::new(0, 20));
    assert_eq!(a.position(def.end), Position::new(0, 24));
}

#[test]
fn one_arena_per_document_reused_across_changes() {
    let mut a = Analysis::of("let x = 1;\nx");
    let mut sizes = Vec::new();
    for i in 0..200 {
        let text = format!("let x = {i};\nlet y = [x, x + 1].sum();\ny");
        a = Analysis::new(text, a.into_arena());
        assert!(a.diagnostics().is_empty());
        sizes.push(a.arena_bytes());
    }
    let settled = sizes[10];
    assert!(
        sizes[10..].iter().all(|&s| s == settled),
        "the arena stays flat: {sizes:?}"
    );
}

#[test]
fn the_editor_analysis_never_reaches_the_evaluator() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ide");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("src/ide is there") {
        let path = entry.expect("a directory entry").path();
        let text = std::fs::read_to_string(&path).expect("a source file");
        for later in [
            "crate::eval",
            "crate::engine",
            "crate::session",
            "crate::Engine",
        ] {
            assert!(
                !text.contains(later) || path.ends_with("tests.rs"),
                "{} uses {later}: ide sits before the evaluator",
                path.display()
            );
        }
        checked += 1;
    }
    assert!(checked >= 10, "the module's files were read");
}
