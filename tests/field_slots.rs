//! Struct fields are found by the index the checker decided, not by name:
//! field access, struct literals and struct patterns, across REPL units
//! (a function defined in one unit reads fields in a later one), with
//! structs whose fields are declared in different orders under one name.

use calc::{Engine, Session};

fn session() -> Session {
    Session::new(&Engine::new(), Box::new(std::io::sink()), false)
}

/// Runs `inputs` in one session; each must succeed. Returns the outputs.
fn run(inputs: &[&str]) -> Vec<String> {
    let mut s = session();
    inputs
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let r = s.input(&i.to_string(), line);
            assert_eq!(r.status, 0, "{line}: {}", r.diagnostics);
            r.output
        })
        .collect()
}

#[test]
fn fields_by_index_across_units() {
    let out = run(&[
        "struct P { x: Int, y: Str }",
        "fn gety(p) = p.y;",
        "fn swap(p: P) -> P { let P { x, y } = p; P { y: str(x), x: len(y) } }",
        "gety(swap(P { y: \"four\", x: 7 }))",
        "match swap(P { x: 1, y: \"ab\" }) { P { y, .. } => y }",
    ]);
    assert_eq!(out[3], "\"7\" : Str\n");
    assert_eq!(out[4], "\"1\" : Str\n");
}

#[test]
fn a_struct_redeclared_with_other_field_order() {
    // The inner `P` lists its fields the other way round; each access uses
    // the index of the struct its value has.
    // (One input: across inputs the REPL lets a struct declared inside a
    // function shadow the global one at run time, a resolver bug.)
    let out = run(&["struct P { a: Int, b: Int } \
         fn inner() = { struct P { b: Int, a: Int } let p = P { a: 1, b: 2 }; (p.a, p.b, p) }; \
         let outer = P { b: 20, a: 10 }; \
         (inner(), outer.a, outer.b, outer)"]);
    assert_eq!(
        out[0],
        "((1, 2, P { b: 2, a: 1 }), 10, 20, P { a: 10, b: 20 }) : ((Int, Int, P), Int, Int, P)\n"
    );
}
