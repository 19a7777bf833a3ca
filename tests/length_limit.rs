//! The length limit (`--max-len`) covers every builtin that returns a
//! string or a list: for each one in `Builtin::ALL` whose declared type
//! returns `Str` or `[…]`, a program pushes a result past `--max-len 5`
//! through it and must stop with `E0504`. The match in [`case`] is
//! exhaustive, so a new builtin does not compile until it is given a case,
//! and the test checks each case against the builtin's declared type. No
//! builtin is exempt: lists and strings written literally are not limited,
//! so even a result no longer than an argument (`reverse`, `tail`, `trim`)
//! can pass the limit, and is checked.

mod common;

use calc::sema::prelude::Builtin;

/// How a builtin is held to the length limit.
enum Case {
    /// A program that must fail with `E0504` under `--max-len 5`.
    Exceeds(&'static str),
    /// The builtin returns neither a string nor a list.
    NoListOrStr,
}

fn case(b: Builtin) -> Case {
    use Case::*;
    match b {
        Builtin::Str => Exceeds(r#"str([1, 2, 3])"#),
        Builtin::Range => Exceeds("range(0, 6)"),
        Builtin::Map => Exceeds("map([1, 2, 3, 4, 5, 6], |x| x)"),
        Builtin::Filter => Exceeds("filter([1, 2, 3, 4, 5, 6], |x| x > 0)"),
        Builtin::Reverse => Exceeds("reverse([1, 2, 3, 4, 5, 6])"),
        Builtin::Sort => Exceeds("sort([6, 5, 4, 3, 2, 1])"),
        Builtin::Zip => Exceeds("zip([1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6])"),
        Builtin::Tail => Exceeds("tail([1, 2, 3, 4, 5, 6, 7])"),
        Builtin::Join => Exceeds(r#"join(["abc", "de"], "é")"#),
        Builtin::Split => Exceeds(r#"split(",,,,,", ",")"#),
        Builtin::Chars => Exceeds(r#"chars("abcdef")"#),
        Builtin::Upper => Exceeds(r#"upper("ßßß")"#),
        Builtin::Lower => Exceeds(r#"lower("İİİ")"#),
        Builtin::Trim => Exceeds(r#"trim(" abcdef ")"#),
        Builtin::Print
        | Builtin::Println
        | Builtin::Float
        | Builtin::Int
        | Builtin::Abs
        | Builtin::Min
        | Builtin::Max
        | Builtin::Sqrt
        | Builtin::Exp
        | Builtin::Ln
        | Builtin::Log10
        | Builtin::Sin
        | Builtin::Cos
        | Builtin::Tan
        | Builtin::Floor
        | Builtin::Ceil
        | Builtin::Round
        | Builtin::Atan2
        | Builtin::Pow
        | Builtin::Pi
        | Builtin::E
        | Builtin::Len
        | Builtin::Fold
        | Builtin::Sum
        | Builtin::Product
        | Builtin::Any
        | Builtin::All
        | Builtin::Contains
        | Builtin::Head
        | Builtin::Last
        | Builtin::Assert
        | Builtin::Panic
        | Builtin::First
        | Builtin::Get
        | Builtin::ParseInt
        | Builtin::ParseFloat => NoListOrStr,
    }
}

/// Whether a builtin's declared type returns a string or a list.
fn returns_list_or_str(b: Builtin) -> bool {
    let ret = b.signature().rsplit("-> ").next().unwrap_or("");
    ret == "Str" || ret.starts_with('[')
}

#[test]
fn every_builtin_that_builds_a_list_or_string_is_held_to_the_limit() {
    let mut failures = Vec::new();
    for &b in Builtin::ALL {
        match case(b) {
            Case::Exceeds(prog) => {
                // Under `len`, so the error cannot come from printing the
                // result; the call trace shows the builtin failed.
                let prog = format!("len({prog})");
                let out = common::calc_stdin(&["eval", "--max-len", "5", &prog], b"");
                let stderr = String::from_utf8_lossy(&out.stderr);
                let failed_in = format!("in `{}`, called at", b.name());
                if out.status.code() != Some(3)
                    || !stderr.contains("[E0504]")
                    || !stderr.contains(&failed_in)
                {
                    failures.push(format!("`{}`: `{prog}` gave {stderr}", b.name()));
                }
                if !returns_list_or_str(b) {
                    failures.push(format!("`{}` returns no list or string", b.name()));
                }
            }
            Case::NoListOrStr => {
                if returns_list_or_str(b) {
                    failures.push(format!(
                        "`{}: {}` returns a list or string: give it a program that \
                         passes the limit through it, or exempt it with the reason",
                        b.name(),
                        b.signature()
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn results_within_the_limit_are_built() {
    // The same builtins with results exactly at the limit (`len` keeps
    // the printed result short too).
    for prog in [
        r#"str([123])"#,
        "range(0, 5)",
        "map([1, 2, 3, 4, 5], |x| x)",
        "tail([1, 2, 3, 4, 5, 6])",
        r#"join(["ab", "cd"], "é")"#,
        r#"split(",,,,", ",")"#,
        r#"upper("ßßa")"#,
        r#"lower("İİa")"#,
        r#"trim(" abcde ")"#,
        r#"chars("ééééé")"#,
    ] {
        let prog = format!("len({prog})");
        let out = common::calc_stdin(&["eval", "--max-len", "5", &prog], b"");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).trim(),
            "5",
            "{prog}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn a_repl_result_too_long_to_print_fails_the_input() {
    let limits = calc::Limits {
        max_len: 5,
        ..calc::Limits::default()
    };
    let mut s = calc::Session::new(
        &calc::Engine::with_limits(limits),
        Box::new(std::io::sink()),
        false,
    );
    let r = s.input("1", "let a = 1; [10, 20, 30]");
    assert_eq!(r.status, 3);
    assert!(r.diagnostics.contains("[E0504]"), "{}", r.diagnostics);
    // Like any failed input, it defined nothing.
    assert_eq!(s.input("2", "a").status, 1);
    assert_eq!(s.input("3", "[1]").output, "[1] : [Int]\n");
}
