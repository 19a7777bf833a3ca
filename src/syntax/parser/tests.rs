//! Whole-parser tests: each one runs [`parse`] on source text and checks the
//! tree's shape or the diagnostics (precedence, literal decoding, recovery,
//! node numbering, depth and arena limits).
//!
//! It must not reach into the parser's internals.

use super::*;

/// A compact S-expression view of an expression, for precedence tests.
fn sexp(e: &Expr) -> String {
    match e.kind {
        ExprKind::Int(v) => v.to_string(),
        ExprKind::Float(v) => format!("{v:?}"),
        ExprKind::Bool(b) => b.to_string(),
        ExprKind::Var { name, .. } => name.to_string(),
        ExprKind::Unary(u) => format!(
            "({} {})",
            if u.op == UnaryOp::Neg { "-" } else { "!" },
            sexp(&u.operand)
        ),
        ExprKind::Binary(b) => format!("({} {} {})", b.op.symbol(), sexp(&b.lhs), sexp(&b.rhs)),
        ExprKind::Call(c) => {
            let args: Vec<_> = c.args.iter().map(sexp).collect();
            format!("(call {} {})", sexp(&c.callee), args.join(" "))
        }
        ExprKind::MethodCall(m) => {
            let args: Vec<_> = m.args.iter().map(sexp).collect();
            format!(
                "(.{} {} {})",
                m.method.name,
                sexp(&m.receiver),
                args.join(" ")
            )
        }
        ExprKind::Field(f) => format!("(field {} {})", sexp(&f.expr), f.field.name),
        ExprKind::Closure(c) => format!("(closure {})", sexp(&c.body)),
        _ => "?".to_string(),
    }
}

fn parse_expr(src: &str) -> String {
    let arena = Arena::new();
    let parsed = parse(&arena, src);
    assert!(
        parsed.diagnostics.is_empty(),
        "{src}: {:?}",
        parsed.diagnostics
    );
    sexp(&parsed.program.body.tail.expect("a tail expression"))
}

fn errors(src: &str) -> Vec<&'static str> {
    let arena = Arena::new();
    parse(&arena, src)
        .diagnostics
        .iter()
        .map(|d| d.code)
        .collect()
}

#[test]
fn precedence_table() {
    assert_eq!(parse_expr("1 + 2 * 3"), "(+ 1 (* 2 3))");
    assert_eq!(parse_expr("1 - 2 - 3"), "(- (- 1 2) 3)");
    assert_eq!(parse_expr("-2 ** 2"), "(- (** 2 2))");
    assert_eq!(parse_expr("2 ** -1"), "(** 2 -1)");
    assert_eq!(parse_expr("2 ** 3 ** 2"), "(** 2 (** 3 2))");
    assert_eq!(parse_expr("a ++ b ++ c"), "(++ a (++ b c))");
    assert_eq!(parse_expr("a || b && c"), "(|| a (&& b c))");
    assert_eq!(parse_expr("a == b + 1"), "(== a (+ b 1))");
    assert_eq!(parse_expr("a ++ b == c"), "(== (++ a b) c)");
    assert_eq!(parse_expr("!a && b"), "(&& (! a) b)");
    assert_eq!(parse_expr("-x * y"), "(* (- x) y)");
    assert_eq!(parse_expr("f(1)(2)"), "(call (call f 1) 2)");
    assert_eq!(parse_expr("|x| x + 1"), "(closure (+ x 1))");
    assert_eq!(parse_expr("p.x + 1"), "(+ (field p x) 1)");
}

#[test]
fn minus_and_method_sugar() {
    assert_eq!(parse_expr("-5.abs()"), "(- (.abs 5 ))");
    assert_eq!(parse_expr("-9223372036854775808"), "-9223372036854775808");
    assert_eq!(parse_expr("- 3"), "-3");
    assert_eq!(parse_expr("xs.map(f)"), "(.map xs f)");
}

#[test]
fn integer_range_errors() {
    assert_eq!(errors("9223372036854775808"), vec![codes::INT_OUT_OF_RANGE]);
    assert_eq!(
        errors("-9223372036854775809"),
        vec![codes::INT_OUT_OF_RANGE]
    );
    assert_eq!(
        errors("-(9223372036854775808)"),
        vec![codes::INT_OUT_OF_RANGE]
    );
    assert!(errors("9223372036854775807").is_empty());
    assert!(errors("0xFFFF_FFFF").is_empty());
}

#[test]
fn chained_comparison_is_one_error() {
    assert_eq!(errors("a < b < c"), vec![codes::CHAINED_COMPARISON]);
    assert_eq!(errors("a == b != c"), vec![codes::CHAINED_COMPARISON]);
    assert!(errors("(a < b) == c").is_empty());
}

#[test]
fn one_element_tuple() {
    assert_eq!(errors("(1,)"), vec![codes::ONE_ELEMENT_TUPLE]);
    assert!(errors("(1, 2,)").is_empty());
}

#[test]
fn three_mistakes_three_diagnostics() {
    let src = "let a = 1 +;\nlet b = (2;\nfn f(x) = x * ;\nlet ok = 4;\nok";
    assert_eq!(errors(src).len(), 3, "{:?}", errors(src));
}

#[test]
fn block_like_statements() {
    let arena = Arena::new();
    let p = parse(&arena, "if a { 1 } else { 2 } - 1");
    assert!(p.diagnostics.is_empty());
    assert_eq!(p.program.body.stmts.len(), 1);
    assert_eq!(sexp(&p.program.body.tail.unwrap()), "-1");
    let p = parse(&arena, "match x { _ => 1 }.abs()");
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    assert!(p.program.body.stmts.is_empty());
}

#[test]
fn struct_literal_not_in_condition() {
    assert!(!errors("if x == P { a: 1 } { 1 } else { 2 }").is_empty());
    assert!(errors("if x == (P { a: 1 }) { 1 } else { 2 }").is_empty());
    assert!(errors("match None { None => 1, Some(x) => x }").is_empty());
}

#[test]
fn reserved_words_are_rejected() {
    assert_eq!(errors("let while = 1;"), vec![codes::RESERVED_WORD]);
}

#[test]
fn bad_escapes_each_reported() {
    let arena = Arena::new();
    let p = parse(&arena, r#""a\qb\u{110000}c\u{1F600}""#);
    let spans: Vec<_> = p
        .diagnostics
        .iter()
        .map(|d| d.primary_span().unwrap())
        .collect();
    assert_eq!(spans, vec![Span::new(2, 4), Span::new(5, 15)]);
    let arena = Arena::new();
    let p = parse(&arena, r#""tab\there\u{1F600}""#);
    match p.program.body.tail.unwrap().kind {
        ExprKind::Str(s) => assert_eq!(s.value, "tab\there\u{1F600}"),
        _ => panic!("expected a string"),
    }
}

#[test]
fn node_ids_are_dense() {
    let arena = Arena::new();
    let p = parse(&arena, "fn f(x) = x; let g = |y| f(y); g(1)");
    assert!(p.diagnostics.is_empty());
    // Idents: f x x g y f y g = 8, + fn item + closure + top block = 11.
    assert_eq!(p.program.node_count, 11);
}

fn deep(open: &str, mid: &str, close: &str, n: usize) -> String {
    format!("{}{}{}", open.repeat(n), mid, close.repeat(n))
}

#[test]
fn ten_thousand_deep_nesting_parses() {
    for src in [
        deep("(", "1", ")", 10_000),
        deep("[", "1", "]", 10_000),
        deep("{", "1", "}", 10_000),
        deep("-", "x", "", 10_000),
        deep("if a { 1 } else ", "{ 2 }", "", 10_000),
        format!("1{}", " + 1".repeat(10_000)),
        format!("1{}", " ** 1".repeat(10_000)),
    ] {
        let arena = Arena::new();
        let p = parse(&arena, &src);
        assert!(p.diagnostics.is_empty(), "{:?}", &p.diagnostics[..1]);
    }
}

#[test]
fn one_arena_reset_between_units_stays_flat() {
    let mut arena = Arena::new();
    let unit = "fn f(a, b) = if a < b { a * 2 + b } else { [a, b, a + b].len() + b };\nlet v = f(3, 4) + (17 * 3 - 2) % 5;\n".repeat(50);
    let mut sizes = Vec::new();
    for _ in 0..1000 {
        arena.reset();
        let p = parse(&arena, &unit);
        assert!(p.diagnostics.is_empty());
        sizes.push(arena.allocated_bytes());
    }
    let after_warmup = sizes[10];
    assert!(
        sizes[10..].iter().all(|s| *s == after_warmup),
        "arena grew across units: {:?}",
        &sizes[..20]
    );
}

#[test]
fn absurd_nesting_is_a_clean_error() {
    let arena = Arena::new();
    let src = deep("(", "1", ")", 200_000);
    let p = parse(&arena, &src);
    let codes: Vec<_> = p.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, vec![codes::NESTING_TOO_DEEP]);
}

#[test]
fn brackets_open_at_the_end_are_one_short_diagnostic() {
    let arena = Arena::new();
    let src = "(".repeat(40_000);
    let p = parse(&arena, &src);
    assert_eq!(p.diagnostics.len(), 1);
    let d = &p.diagnostics[0];
    assert_eq!(d.code, codes::UNCLOSED_DELIMITER);
    assert_eq!(d.labels.len(), MAX_OPENER_LABELS);
    assert_eq!(
        d.notes,
        vec!["39993 more delimiters opened before these are not closed either".to_string()]
    );
}

#[test]
fn half_typed_field_access_leaves_a_field_node_right_after_the_dot() {
    let arena = Arena::new();
    let src = "let q = p.\nlet r = 2;\nq";
    let parsed = parse(&arena, src);
    assert_eq!(
        parsed.diagnostics.len(),
        1,
        "one error for the missing name"
    );
    let Stmt::Let(l) = parsed.program.body.stmts[0] else {
        panic!("the first statement is the let");
    };
    let ExprKind::Field(f) = l.value.kind else {
        panic!("`p.` is a field access: {:?}", l.value.kind);
    };
    assert_eq!(
        f.field.span,
        Span::new(10, 10),
        "the name is empty, after the dot"
    );
    assert_eq!(l.value.span, Span::new(8, 10));
}
