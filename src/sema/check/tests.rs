//! End-to-end tests of the checker: inference, generalisation, rigid type
//! parameters, `fn` item ordering, diagnostics and user types, each through
//! [`Checker::check_unit`].

use super::*;
use crate::syntax::arena::Arena;
use crate::syntax::parser::parse;

fn check(src: &str) -> CheckOutcome {
    let arena = Arena::new();
    let p = parse(&arena, src);
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    Checker::new().check_unit(&p.program, false)
}

fn ty(src: &str) -> String {
    let o = check(src);
    assert!(!o.has_errors(), "{src}: {:?}", o.diagnostics);
    o.result_type.unwrap_or_default()
}

fn codes_of(src: &str) -> Vec<&'static str> {
    check(src).diagnostics.iter().map(|d| d.code).collect()
}

#[test]
fn basic_inference() {
    assert_eq!(ty("1 + 2"), "Int");
    assert_eq!(ty("let id = |x| x; (id(1), id(true))"), "(Int, Bool)");
    assert_eq!(ty("|x| x + x"), "fn(Int) -> Int");
    assert_eq!(ty("[]"), "[a]");
    assert_eq!(ty("map"), "fn([a], fn(a) -> b) -> [b]");
    assert_eq!(ty("[1, 2].map(|x| float(x))"), "[Float]");
    assert_eq!(
        ty(
            "fn even(n) = if n == 0 { true } else { odd(n - 1) }; fn odd(n) = if n == 0 { false } else { even(n - 1) }; odd"
        ),
        "fn(Int) -> Bool"
    );
}

#[test]
fn generalised_bindings_print_with_classes() {
    let o = check("let z = |x| x + x; fn pair(a, b) = (a, b); fn eq(a, b) = a == b;");
    assert_eq!(
        o.bindings,
        vec![
            ("z".to_string(), "fn(a) -> a where a: Num".to_string()),
            ("pair".to_string(), "fn(a, b) -> (a, b)".to_string()),
            ("eq".to_string(), "fn(a, a) -> Bool where a: Eq".to_string()),
        ]
    );
}

#[test]
fn errors_are_independent() {
    let src = "let a = 1 + 2.0;\nlet b = \"x\" - 1;\nlet c = undefined_name;\nlet d = len(5);\nlet e = if true { 1 } else { \"no\" };\n";
    assert_eq!(codes_of(src).len(), 5, "{:?}", check(src).diagnostics);
}

#[test]
fn occurs_check_is_an_error_not_a_crash() {
    assert_eq!(codes_of("|x| x(x)"), vec![codes::INFINITE_TYPE]);
}

#[test]
fn rigid_parameters() {
    let o = check("fn bump<T>(x: T) -> T { x + 1 }");
    assert_eq!(o.diagnostics[0].code, codes::CLASS);
    assert!(o.diagnostics[0].help.as_deref().unwrap().contains("T: Num"));
    assert!(!check("fn add<T: Num>(a: T, b: T) -> T { a + b } add(1, 2)").has_errors());
    assert!(
        check("fn id<T>(x: T) -> T { 1 }").has_errors(),
        "more general than the body"
    );
}

#[test]
fn fn_used_before_captured_let() {
    let o = check("let x = f(); let k = 1; fn f() = k; x");
    assert_eq!(o.diagnostics.len(), 1);
    assert_eq!(o.diagnostics[0].code, codes::DEFINED_LATER);
    assert!(
        o.diagnostics[0]
            .message
            .contains("`f` uses `k`, which is defined later")
    );
    assert!(!check("let k = 1; fn f() = k; f()").has_errors());
}

#[test]
fn did_you_mean() {
    let o = check("let count = 1; cuont + 1");
    assert_eq!(
        o.diagnostics[0].help.as_deref(),
        Some("did you mean `count`?")
    );
}

#[test]
fn user_types() {
    assert_eq!(
        ty("struct P { x: Float, y: Float } let p = P { x: 1.0, y: 2.0 }; p.x"),
        "Float"
    );
    assert_eq!(ty("enum T<A> { L, N(T<A>, A, T<A>) } N(L, 1, L)"), "T<Int>");
    assert_eq!(ty("map([1, 2], Some)"), "[Option<Int>]");
    assert_eq!(ty("struct P { x: Int } |p| p.x"), "fn(P) -> Int");
    assert_eq!(
        codes_of("struct P { x: Int } struct Q { x: Int } |p| p.x"),
        vec![codes::ANNOTATION_NEEDED]
    );
}

#[test]
fn ten_thousand_deep_nesting_checks() {
    let src = format!("{}1{}", "(".repeat(10_000), " + 1)".repeat(10_000));
    assert_eq!(ty(&src), "Int");
}

#[test]
fn an_editor_check_keeps_the_type_of_every_expression_and_binding() {
    let arena = Arena::new();
    let src = "struct P { x: Float }\nlet p = P { x: 1.5 };\nlet id = |v| v;\nid(p).x";
    let p = parse(&arena, src);
    let res = resolve::resolve(&p.program, &Globals::default());
    let (out, mut table) = Checker::new().check_with_types(&p.program, &res, "", src);
    assert!(!out.has_errors(), "{:?}", out.diagnostics);
    let span_of = |text: &str| {
        let start = src.find(text).expect("in the source") as u32;
        crate::span::Span::new(start, start + text.len() as u32)
    };
    assert_eq!(
        table.expr_type(span_of("id(p).x")).as_deref(),
        Some("Float")
    );
    assert_eq!(table.expr_type(span_of("id(p)")).as_deref(), Some("P"));
    assert_eq!(
        table.expr_type(span_of("|v| v")).as_deref(),
        Some("fn(a) -> a")
    );
    assert_eq!(
        table.def_of(span_of("id(p)")),
        Some(2),
        "after Option and Result"
    );
    assert_eq!(
        table.fields_of(span_of("id(p)")),
        vec![("x".to_string(), "Float".to_string())]
    );
    let (span, ty) = table.expr_at(span_of("1.5").start).expect("an expression");
    assert_eq!((span, ty.as_str()), (span_of("1.5"), "Float"));
    let typed: Vec<Option<String>> = (0..res.bindings.len() as u32)
        .map(|b| table.binding_type(resolve::BindingId(b)))
        .collect();
    assert!(typed.contains(&Some("P".to_string())), "{typed:?}");
    assert!(typed.contains(&Some("fn(a) -> a".to_string())), "{typed:?}");
}

/// `let x0 = V; let x1 = (x0, x0); …; xN`.
fn doubling(first: &str, n: usize) -> String {
    let mut s = format!("let x0 = {first};\n");
    for i in 1..=n {
        s.push_str(&format!("let x{i} = (x{}, x{});\n", i - 1, i - 1));
    }
    s.push_str(&format!("x{n}\n"));
    s
}

#[test]
fn types_are_shared_not_copied_by_size() {
    // The type of x40 written out has 2^40 leaves; its nodes are 41.
    let o = check(&doubling("1", 40));
    assert!(!o.has_errors(), "{:?}", o.diagnostics);
    assert!(o.unifier_steps < 1_000, "{} steps", o.unifier_steps);
    let t = o.result_type.expect("a tail");
    assert!(
        t.starts_with("((((((((((") && t.contains("(Int, Int)"),
        "{t}"
    );
    assert!(t.ends_with('…'), "cut: {t}");
    assert!(t.chars().count() <= crate::sema::types::MAX_PRINTED + 1);
}

#[test]
fn a_mismatch_names_a_huge_type_cut() {
    let src = doubling("1", 40).replace("x40\n", "x40 + 1\n");
    let o = check(&src);
    let d = &o.diagnostics[0];
    assert!(d.message.contains('…'), "{}", d.message);
    assert!(
        d.message.len() < 3 * crate::sema::types::MAX_PRINTED,
        "{}",
        d.message.len()
    );
}

#[test]
fn exponential_polymorphic_types_stop_at_the_budget() {
    // Each use of x(i-1) copies its type with fresh variables: x(i) has
    // 2^i distinct variables, and checking stops at the budget.
    let o = check(&doubling("|z| z", 40));
    let codes: Vec<&str> = o.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["E0510"]);
    assert!(o.diagnostics[0].message.contains("type-size budget"));
    // Below the budget it is an ordinary polymorphic program.
    assert!(!check(&doubling("|z| z", 8)).has_errors());
}

/// Two equal doubled values built apart, `a{n}` and `b{n}`, then `tail`.
fn twin_doublings(n: usize, tail: &str) -> String {
    let mut s = String::from("let a0 = 1;\nlet b0 = 1;\n");
    for i in 1..=n {
        let j = i - 1;
        s.push_str(&format!(
            "let a{i} = (a{j}, a{j});\nlet b{i} = (b{j}, b{j});\n"
        ));
    }
    s + tail
}

#[test]
fn equal_types_built_apart_unify_once_per_pair_of_nodes() {
    // The two types are 20 levels of shared parts each: unified part by
    // part, the pair (a19, b19) is met twice, (a18, b18) four times, and
    // so on (2^21 steps; 40 levels never finished).
    let steps = check(&twin_doublings(20, "[a20, b20]\n")).unifier_steps;
    assert!(steps < 2_000, "{steps} unifier steps");
    for tail in [
        "[a40, b40]\n",
        "a40 == b40\n",
        "if true { a40 } else { b40 }\n",
    ] {
        let o = check(&twin_doublings(40, tail));
        assert!(!o.has_errors(), "{tail}: {:?}", o.diagnostics.first());
        assert!(o.unifier_steps < 4_000, "{tail}: {} steps", o.unifier_steps);
    }
    // A difference deep inside is still found.
    let src = twin_doublings(30, "[a30, b30]\n").replace("let b0 = 1;", "let b0 = true;");
    let codes: Vec<&str> = check(&src).diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes.len(), 1, "{codes:?}");
}

#[test]
fn many_uses_of_a_large_generic_value_stop_at_the_unit_budget() {
    // Each use of x13 copies its 2^13 variables, under the budget of one
    // instance; a thousand uses made 25M type nodes (12 s and 3.9 GB for
    // x15) before the unit had a budget of its own.
    let mut src = doubling("|z| z", 13).replace("x13\n", "");
    src.push_str(&format!("[{}]\n", vec!["x13"; 1000].join(", ")));
    let arena = Arena::new();
    let p = parse(&arena, &src);
    let mut c = Checker::new();
    let o = c.check_unit(&p.program, false);
    let codes: Vec<&str> = o.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["E0510"]);
    assert!(
        o.diagnostics[0].message.contains("unit's type-size budget"),
        "{}",
        o.diagnostics[0].message
    );
    let budget = crate::sema::types::unit_instance_budget(p.program.node_count);
    assert!(
        c.scratch.store_len() < budget + 2 * crate::sema::types::MAX_INSTANCE_NODES,
        "{} type nodes",
        c.scratch.store_len()
    );
    // A hundred uses of x8 are an ordinary program.
    let mut src = doubling("|z| z", 8).replace("x8\n", "");
    src.push_str(&format!("[{}]\n", vec!["x8"; 100].join(", ")));
    assert!(!check(&src).has_errors());
}

#[test]
fn a_global_over_the_budget_is_refused_and_not_committed() {
    let arena = Arena::new();
    let (big, small) = (doubling("1", 40), doubling("1", 10));
    let p = parse(&arena, &big);
    let mut c = Checker::new();
    let o = c.check_unit(&p.program, true);
    assert_eq!(
        o.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>(),
        ["E0510"]
    );
    assert!(c.env_listing().is_empty());
    let p = parse(&arena, &small);
    let o = c.check_unit(&p.program, true);
    assert!(!o.has_errors());
    assert_eq!(c.env_listing().len(), 11);
}

/// The unifier's steps for `shape` nested `n` deep.
fn steps_of(shape: fn(usize) -> String, n: usize) -> u64 {
    let src = shape(n);
    let o = check(&src);
    assert!(!o.has_errors(), "{n}: {:?}", o.diagnostics.first());
    o.unifier_steps
}

/// Doubling the depth at most about doubles the unifier's work.
fn grows_linearly(shape: fn(usize) -> String) {
    let mut last = steps_of(shape, 1250);
    for n in [2500, 5000, 10_000] {
        let s = steps_of(shape, n);
        assert!(s as f64 <= 2.5 * last as f64, "{n}: {s} steps after {last}");
        last = s;
    }
}

#[test]
fn nested_generic_calls_are_linear() {
    grows_linearly(|n| {
        format!(
            "fn w(x) = [x]; fn g(y) = {}y{}; g",
            "w(".repeat(n),
            ")".repeat(n)
        )
    });
    grows_linearly(|n| format!("fn w(x) = [x]; {}1{}", "w(".repeat(n), ")".repeat(n)));
}

#[test]
fn nested_if_and_list_shapes_are_linear() {
    grows_linearly(|n| {
        format!(
            "let c = true; fn g(y) = {}y{}; g",
            "if c { [".repeat(n),
            "] } else { [] }".repeat(n)
        )
    });
}

#[test]
fn nested_closure_applications_are_linear() {
    grows_linearly(|n| format!("fn g(y) = {}y{}; g", "(|q| [q])(".repeat(n), ")".repeat(n)));
    grows_linearly(|n| format!("{}1{}", "(|q| [q])(".repeat(n), ")".repeat(n)));
}

#[test]
fn generalising_a_large_type_from_outside_is_linear() {
    // Each `let` generalises the type of `big`, a tuple of lists of the
    // parameter `t`: none of it can be generalised, and walking it each
    // time was quadratic (10,000 lets: 0.7 s).
    grows_linearly(|n| {
        format!(
            "fn f(t) = {{ let big = ({}); {} 0 }}; f(1)",
            vec!["[t]"; n].join(", "),
            (0..n)
                .map(|i| format!("let u{i} = big;"))
                .collect::<String>()
        )
    });
}

/// A struct of `n` fields of type `[T]`, each read once by field access
/// and once by a pattern.
fn wide_struct(n: usize) -> String {
    let decl: Vec<String> = (0..n).map(|i| format!("f{i}: [T]")).collect();
    let uses: Vec<String> = (0..n).map(|i| format!("p.f{i}")).collect();
    let pats: String = (0..n)
        .map(|i| format!("let P {{ f{i}, .. }} = p; "))
        .collect();
    format!(
        "struct P<T> {{ {} }}\nfn g(p: P<Int>) = [{}];\nfn h(p: P<Int>) = {{ {pats}0 }};\n0\n",
        decl.join(", "),
        uses.join(", ")
    )
}

#[test]
fn a_field_of_a_large_struct_costs_the_same_as_of_a_small_one() {
    // Each access and each pattern made the types of all the struct's
    // fields and searched them by name: quadratic in the fields (10,000
    // fields used as often: 2.7 s).
    grows_linearly(wide_struct);
    // A literal missing most fields names the first few and counts the rest.
    let n = 2000;
    let decl: Vec<String> = (0..n).map(|i| format!("f{i}: Int")).collect();
    let o = check(&format!(
        "struct Q {{ {} }}\nQ {{ f3: 1 }}\n",
        decl.join(", ")
    ));
    assert_eq!(o.diagnostics.len(), 1, "{:?}", o.diagnostics);
    let m = &o.diagnostics[0].message;
    assert!(
        m.starts_with("missing fields `f0`, `f1`, `f2`, `f4`"),
        "{m}"
    );
    assert!(m.ends_with(&format!(" and {} more in `Q`", n - 21)), "{m}");
    // A field given twice is reported once as such, known or not.
    let twice = "struct P { x: Int }\nP { x: 1, x: 2, z: 3, z: 4 }\n";
    let messages: Vec<String> = check(twice)
        .diagnostics
        .into_iter()
        .map(|d| d.message)
        .collect();
    assert_eq!(
        messages,
        [
            "field `x` specified more than once",
            "struct `P` has no field named `z`",
            "field `z` specified more than once"
        ]
    );
}

#[test]
fn a_type_parameter_cannot_escape_its_function() {
    let escapes = "fn outer(z) = {\n  fn f<T>(x: T) -> T = { let l = [z, x]; l[0] };\n  f(true)\n};\nif outer(2) { 1 } else { 0 }\n";
    let o = check(escapes);
    let codes: Vec<&str> = o.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["E0219"]);
    assert!(o.diagnostics[0].message.contains("`T`"));
    // Through a type built around it, and from the other side.
    let nested = escapes.replace("[z, x]", "[[z], [x]]");
    assert!(check(&nested).diagnostics.iter().any(|d| d.code == "E0219"));
    let reversed = escapes.replace("[z, x]", "[x, z]");
    assert!(
        check(&reversed)
            .diagnostics
            .iter()
            .any(|d| d.code == "E0219")
    );
    // Passing the outer value as an argument is fine, as are the
    // function's own variables.
    let fine = "fn outer(z) = {\n  fn f<T>(x: T) -> [T] = { let y = x; let l = [x, y]; l };\n  (f(z), f(true))\n};\nouter(2)\n";
    assert!(!check(fine).has_errors(), "{:?}", check(fine).diagnostics);
}

#[test]
fn top_level_statements_leave_only_the_types_of_their_names() {
    let src: String = (0..1000)
        .map(|i| {
            format!(
                "fn f{i}(a, b) = if a < b {{ a * 2 + b }} else {{ [a, b, a + b].len() + b }};\nlet v{i} = f{i}(3, 4) + (17 * 3 - 2) % 5;\n"
            )
        })
        .collect();
    let arena = Arena::new();
    let p = parse(&arena, &src);
    let mut c = Checker::new();
    let o = c.check_unit(&p.program, false);
    assert!(!o.has_errors(), "{:?}", o.diagnostics);
    assert_eq!(o.bindings[0], ("f0".into(), "fn(Int, Int) -> Int".into()));
    assert_eq!(o.bindings[1], ("v0".into(), "Int".into()));
    // Each `fn` keeps one node, its function type; each `let` the shared
    // `Int`; the six shared types come first.
    assert_eq!(c.scratch.store_len(), 6 + 1000);
}

#[test]
fn reclaimed_generic_types_stay_generic() {
    let src = "fn id(x) = x;\nlet a = id(1);\nfn pair<T: Eq>(x: T) = (id(x), [x]);\nlet b = id(true);\nlet p = |y| pair(y);\n(a, b, pair(\"s\"), p(2.5), id)";
    assert_eq!(
        ty(src),
        "(Int, Bool, (Str, [Str]), (Float, [Float]), fn(a) -> a)"
    );
    let arena = Arena::new();
    let mut c = Checker::new();
    let p = parse(
        &arena,
        "fn id(x) = x; fn pair<T: Eq>(x: T) = (id(x), [x]); let q = pair;",
    );
    assert!(!c.check_unit(&p.program, true).has_errors());
    let p = parse(&arena, "(q(1), id(q)) ");
    let o = c.check_unit(&p.program, false);
    assert!(!o.has_errors(), "{:?}", o.diagnostics);
    assert_eq!(
        o.result_scheme.as_deref(),
        Some("((Int, [Int]), fn(a) -> (a, [a])) where a: Eq")
    );
}

/// The source text of each diagnostic's primary span in `src`.
fn error_texts(src: &str) -> Vec<&str> {
    check(src)
        .diagnostics
        .iter()
        .map(|d| {
            let s = d.primary_span().expect("a located diagnostic");
            &src[s.start as usize..s.end as usize]
        })
        .collect()
}

#[test]
fn a_long_chain_types_like_a_short_one() {
    let n = 100_000;
    assert_eq!(ty(&format!("1{}", " + 1".repeat(n))), "Int");
    assert_eq!(
        ty(&format!("true{}", " && true || false".repeat(n))),
        "Bool"
    );
    assert_eq!(ty(&format!("0{} == 0", " - 1 + 1".repeat(n))), "Bool");
    assert_eq!(
        ty(&format!("1.0{} < 2.0", " * 2.0 - 1.0".repeat(n))),
        "Bool"
    );
}

#[test]
fn a_chain_reports_the_operand_that_mismatches_and_only_it() {
    assert_eq!(error_texts("1 + 2 + 3.5 + 4 * 5 + 6"), ["3.5"]);
    assert_eq!(error_texts("1.0 + 2.0 - 3 / 4 + 5.0"), ["3 / 4"]);
    assert_eq!(error_texts("\"a\" ++ \"b\" ++ 1 ++ \"c\""), ["1"]);
    assert_eq!(error_texts("true + 1 + 2 + 3"), ["true"]);
    assert_eq!(error_texts("1 < 2 && 3 || 4 && true"), ["3", "4"]);
    let long = format!("1{} + 2.5{}", " + 1".repeat(50_000), " + 1".repeat(50_000));
    assert_eq!(error_texts(&long), ["2.5"]);
}

#[test]
fn an_editor_check_keeps_the_type_of_every_link_of_a_chain() {
    let arena = Arena::new();
    let src = "let x = 1.5;\nx * 2.0 + 1.0 < 4.0 && true || false";
    let p = parse(&arena, src);
    let res = resolve::resolve(&p.program, &Globals::default());
    let (out, mut table) = Checker::new().check_with_types(&p.program, &res, "", src);
    assert!(!out.has_errors(), "{:?}", out.diagnostics);
    let start = src.find("x *").expect("in the source") as u32;
    let type_of = |table: &mut TypeTable, text: &str| {
        table.expr_type(crate::span::Span::new(start, start + text.len() as u32))
    };
    for (text, want) in [
        ("x", "Float"),
        ("x * 2.0", "Float"),
        ("x * 2.0 + 1.0", "Float"),
        ("x * 2.0 + 1.0 < 4.0", "Bool"),
        ("x * 2.0 + 1.0 < 4.0 && true", "Bool"),
        ("x * 2.0 + 1.0 < 4.0 && true || false", "Bool"),
    ] {
        assert_eq!(type_of(&mut table, text).as_deref(), Some(want), "{text}");
    }
}
