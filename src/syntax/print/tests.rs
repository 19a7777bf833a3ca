use super::*;
use crate::syntax::arena::Arena;
use crate::syntax::parser::parse;

fn reprint(src: &str) -> String {
    let arena = Arena::new();
    let p = parse(&arena, src);
    assert!(p.diagnostics.is_empty(), "{src}: {:?}", p.diagnostics);
    program(&p.program)
}

#[test]
fn parentheses_only_where_needed() {
    for (src, out) in [
        ("(1 + 2) * 3", "(1 + 2) * 3\n"),
        ("1 + (2 * 3)", "1 + 2 * 3\n"),
        ("(1 - 2) - 3", "1 - 2 - 3\n"),
        ("1 - (2 - 3)", "1 - (2 - 3)\n"),
        ("(2 ** 3) ** 2", "(2 ** 3) ** 2\n"),
        ("2 ** (3 ** 2)", "2 ** 3 ** 2\n"),
        ("(a ++ b) ++ c", "(a ++ b) ++ c\n"),
        ("(-2) ** 2", "(-2) ** 2\n"),
        ("-(2 ** 2)", "-2 ** 2\n"),
        ("-(5)", "-(5)\n"),
        ("(-5).abs()", "(-5).abs()\n"),
        ("(a < b) == c", "(a < b) == c\n"),
        ("(|x| x)(1)", "(|x| x)(1)\n"),
        ("(p.f)(1)", "(p.f)(1)\n"),
        ("(|x| x) + 1", "(|x| x) + 1\n"),
        ("a + (|x| x + 1)", "a + |x| x + 1\n"),
        ("(a + |x| x) + 1", "(a + |x| x) + 1\n"),
        (
            "(if a { 1 } else { 2 }) - 1",
            "(if a { 1 } else { 2 }) - 1\n",
        ),
        (
            "let v = if a { 1 } else { 2 } - 1;",
            "let v = if a { 1 } else { 2 } - 1;\n",
        ),
        (
            "if (P { x: 1 }).x == 1 { 2 }",
            "if (P { x: 1 }).x == 1 { 2 }\n",
        ),
    ] {
        assert_eq!(reprint(src), out, "{src}");
    }
}

#[test]
fn statements_keep_their_shape() {
    let src = "fn f(x: Int) -> Int = x * 2;\nif a { 1 } else { 2 };\n;\nstruct P<T> { x: T }\nenum E { A, B(Int, Str) }\nmatch x { Some(y) if y > 0 => y, _ => 0 }";
    assert_eq!(
        reprint(src),
        "fn f(x: Int) -> Int = x * 2;\nif a { 1 } else { 2 };\n;\nstruct P<T> { x: T }\nenum E { A, B(Int, Str) }\nmatch x {\n    Some(y) if y > 0 => y,\n    _ => 0,\n}\n"
    );
}

#[test]
fn strings_and_floats_read_back() {
    assert_eq!(reprint(r#""a\"b\\c\n\u{7}""#), "\"a\\\"b\\\\c\\n\\u{7}\"\n");
    assert_eq!(reprint("1e-7 + 1e100 + 0.5"), "1e-7 + 1e100 + 0.5\n");
}

#[test]
fn long_lists_break_one_item_per_line() {
    let src = format!("[{}]", ["123456789"; 12].join(", "));
    let out = reprint(&src);
    assert!(out.starts_with("[\n    123456789,\n"), "{out}");
    assert!(out.lines().all(|l| l.len() <= WIDTH as usize));
}

#[test]
fn a_long_chain_prints_as_a_short_one_does() {
    let n = 100_000;
    let src = format!("1{}", " + 1".repeat(n - 1));
    let want = format!(
        "1 +{}\n{}    1\n",
        " 1 +".repeat(24),
        "    1 +\n".repeat(n - 26)
    );
    assert_eq!(reprint(&src), want);
    assert_eq!(crate::format_source(&src).as_deref(), Ok(want.as_str()));
}

#[test]
fn comments_in_a_chain_stay_where_they_were() {
    let src = "let a = /* a */ 1 + /* b */ 2 * 3 - /* c */ (4 - 5) + 6; // end\n\
               ((1 < 2) == (3 > 4)) == true && { 1 } + 1 - 2 == 0\n";
    let want = "let a = /* a */ 1 + /* b */ 2 * 3 - (/* c */ 4 - 5) + 6; // end\n\
                ((1 < 2) == (3 > 4)) == true && { 1 } + 1 - 2 == 0\n";
    assert_eq!(crate::format_source(src).as_deref(), Ok(want));
}
