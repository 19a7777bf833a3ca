//! The embedding API (spec D): compiling with typed inputs, evaluating,
//! values in and out, diagnostics as text and as data, programs shared by
//! threads, and the REPL session over the engine.

use calc::{CompileError, Engine, EvalError, Program, Session, Value};
use std::process::Command;

fn ints(xs: &[i64]) -> Vec<Value> {
    xs.iter().map(|&x| Value::Int(x)).collect()
}

#[test]
fn compile_once_evaluate_with_typed_inputs() {
    let engine = Engine::new();
    let program = engine
        .compile(
            "let total = x * 2; (total, float(total) * rate, tags.map(upper).join(\"+\"))",
            &[("x", "Int"), ("rate", "Float"), ("tags", "[Str]")],
        )
        .expect("compiles");
    assert_eq!(program.result_type(), "(Int, Float, Str)");
    let inputs: Vec<(&str, String)> = program.inputs().collect();
    assert_eq!(inputs[2], ("tags", "[Str]".to_string()));
    let v = program
        .eval(&[21.into(), 0.5.into(), vec!["a", "b"].into()])
        .expect("runs");
    let (total, scaled, tags): (i64, f64, String) = v.to().expect("a triple");
    assert_eq!((total, scaled, tags.as_str()), (42, 21.0, "A+B"));
    // The same program again, through a reused evaluator.
    let mut ev = program.evaluator();
    for x in 0..100 {
        let v = ev
            .eval(&[x.into(), 1.0.into(), Vec::<String>::new().into()])
            .expect("runs");
        assert_eq!(v.to::<(i64, f64, String)>().expect("triple").0, 2 * x);
    }
}

#[test]
fn results_convert_to_rust_types() {
    let engine = Engine::new();
    let eval = |src: &str| engine.compile(src, &[]).expect(src).eval(&[]).expect(src);
    assert_eq!(
        eval("[1, 2, 3].map(|x| x * x)").to::<Vec<i64>>(),
        Ok(vec![1, 4, 9])
    );
    assert_eq!(eval("first([true])").to::<Option<bool>>(), Ok(Some(true)));
    assert_eq!(eval("get([1], 5)").to::<Option<i64>>(), Ok(None));
    assert_eq!(eval("\"é\" ++ \"!\"").to::<String>(), Ok("é!".to_string()));
    assert_eq!(eval("()").to::<()>(), Ok(()));
    let p = eval("struct P { x: Int, y: Str } P { y: \"b\", x: 1 }");
    assert_eq!(p.to_string(), "P { x: 1, y: \"b\" }");
    assert!(matches!(p, Value::Struct { ref fields, .. } if fields[1].0 == "y"));
    let e = eval("enum T { A(Int), B } [A(1), B]");
    assert_eq!(e.to_string(), "[A(1), B]");
    let err = eval("1.5").to::<i64>().expect_err("not an Int");
    assert_eq!(err.to_string(), "expected Int, found Float");
}

#[test]
fn wrong_inputs_are_errors_not_panics() {
    let program = Engine::new()
        .compile("xs.len() + n", &[("xs", "[Option<Int>]"), ("n", "Int")])
        .expect("compiles");
    let count = program.eval(&ints(&[1])).expect_err("one input missing");
    assert_eq!(count.code(), calc::codes::WRONG_INPUT);
    assert!(count.message().contains("takes 2 inputs but 1 were given"));
    let kind = program.eval(&["no".into(), 1.into()]).expect_err("a Str");
    assert_eq!(
        kind.message(),
        "input `xs` is declared [Option<Int>]: expected [Option<Int>], found Str"
    );
    let inner = Value::List(vec![Value::some(Value::Float(1.0))]);
    let nested = program
        .eval(&[inner, 1.into()])
        .expect_err("a Float inside");
    assert!(
        nested.message().contains("expected Int, found Float"),
        "{nested}"
    );
    let ok = Value::List(vec![Value::some(1.into()), Value::none()]);
    assert_eq!(
        program.eval(&[ok, 1.into()]).expect("matches"),
        Value::Int(3)
    );
}

#[test]
fn input_declarations_are_checked() {
    let engine = Engine::new();
    let render = |e: CompileError| e.render(false);
    let bad_type = engine
        .compile("x", &[("x", "Intt")])
        .expect_err("no such type");
    let d = bad_type.diagnostics().next().expect("one diagnostic");
    assert_eq!(d.code, "E0208");
    assert_eq!(d.file.as_deref(), Some("<input x>"));
    assert!(render(bad_type).contains("unknown type `Intt`"));
    let twice = engine.compile("x", &[("x", "Int"), ("x", "Int")]);
    assert!(render(twice.expect_err("twice")).contains("declared twice"));
    let upper = engine
        .compile("1", &[("X", "Int")])
        .expect_err("not a value name");
    assert_eq!(upper.diagnostics().next().map(|d| d.code), Some("E0602"));
    let func = engine
        .compile("1", &[("f", "fn(Int) -> Int")])
        .expect_err("a function");
    assert_eq!(func.diagnostics().next().map(|d| d.code), Some("E0603"));
    let syntax = engine.compile("1", &[("x", "[Int")]).expect_err("unclosed");
    assert!(render(syntax).contains("<input x>"));
}

#[test]
fn a_result_holding_a_function_is_refused_at_compile_time() {
    let engine = Engine::new();
    for src in [
        "|x| x + 1",
        "(1, abs)",
        "Some(|| 1)",
        "struct F { f: fn() -> Int } F { f: || 1 }",
    ] {
        let e = engine.compile(src, &[]).expect_err(src);
        let d = e.diagnostics().last().expect("a diagnostic");
        assert_eq!(d.code, "E0601", "{src}");
        assert!(
            d.message.contains("holds a function"),
            "{src}: {}",
            d.message
        );
    }
    // A phantom type parameter holds no function value: that result is data.
    let phantom = "struct Q<T> { n: Int } let q: Q<fn() -> Int> = Q { n: 1 }; q";
    assert!(engine.compile(phantom, &[]).is_ok());
    // Scripts (what `calc run` runs) may end in a function and print it.
    let script = engine.compile_script("s", "abs").expect("a script");
    let text = script.evaluator().eval_display(&[]).expect("runs");
    assert_eq!(text.as_deref(), Some("<fn abs>"));
}

#[test]
fn every_compile_error_is_reported_and_rendered_as_the_cli_renders_it() {
    let src = "let a = 1 + true;\nlet b: Str = 2;\na\n";
    let e = Engine::new()
        .compile_named("two.expr", src, &[])
        .expect_err("two type errors");
    assert_eq!(e.diagnostics().filter(|d| d.is_error()).count(), 2);
    let dir = std::env::temp_dir().join(format!("calc-engine-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("two.expr");
    std::fs::write(&file, src).expect("written");
    let out = Command::new(env!("CARGO_BIN_EXE_calc"))
        .current_dir(&dir)
        .args(["check", "two.expr"])
        .output()
        .expect("calc runs");
    assert_eq!(String::from_utf8_lossy(&out.stderr), e.render(false));
    assert_eq!(e.to_string(), e.render(false));
}

#[test]
fn diagnostics_are_data_with_file_line_and_column() {
    let e = Engine::new()
        .compile_named("u.expr", "let a = 1;\nlet s = \"üü\" ++ a;\ns", &[])
        .expect_err("Str ++ Int");
    let d = e.diagnostics().next().expect("one error");
    assert_eq!(d.code, "E0202");
    assert_eq!(d.file.as_deref(), Some("u.expr"));
    let span = d.primary_span().expect("a span");
    let at = d.primary_location().expect("located");
    // Columns count Unicode scalar values: each `ü` (two bytes) is one column.
    assert_eq!((at.start.line, at.start.column), (2, 17));
    assert_eq!(at.end.column - at.start.column, span.end - span.start);
    assert!(!d.message.is_empty() && d.labels.iter().any(|l| l.primary));
}

#[test]
fn runtime_errors_carry_their_span_and_render_as_the_cli_does() {
    let src = "fn f(n) = 10 / n;\nf(0)";
    let program = Engine::new().compile_script("<eval>", src).expect("checks");
    let e = program
        .evaluator()
        .eval_display(&[])
        .expect_err("division by zero");
    let EvalError::Runtime(r) = &e else {
        panic!("a runtime error: {e}")
    };
    let d = r.diagnostic();
    assert_eq!(d.code, "E0401");
    let at = d.primary_location().expect("located");
    assert_eq!((at.start.line, at.start.column), (1, 16));
    assert!(d.notes[0].contains("in `f`, called at <eval>:2:1"));
    let out = Command::new(env!("CARGO_BIN_EXE_calc"))
        .args(["eval", src])
        .output()
        .expect("calc runs");
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(String::from_utf8_lossy(&out.stderr), e.render(false));
}

/// A program that exercises closures, lists and strings on every thread.
fn busy_program(engine: &Engine) -> Program {
    engine
        .compile(
            "fn score(w) = w.chars().map(|c| len(c)).sum();
             let scaled = range(0, n).map(|i| i * k).filter(|x| x % 2 == 0);
             (scaled.sum(), words.map(score).sum(), str(n) ++ \"!\")",
            &[("n", "Int"), ("k", "Int"), ("words", "[Str]")],
        )
        .expect("compiles")
}

/// Also run under Miri (`cargo +nightly miri test --test engine eight`),
/// with fewer rounds, to check the `unsafe impl Sync` of the shared unit.
#[test]
fn one_program_evaluated_from_eight_threads() {
    let rounds = if cfg!(miri) { 2 } else { 200 };
    let engine = Engine::new();
    let program = busy_program(&engine);
    let formula = engine
        .compile("a * b - 7", &[("a", "Int"), ("b", "Int")])
        .expect("compiles");
    std::thread::scope(|s| {
        for t in 0..8i64 {
            let (program, formula) = (program.clone(), &formula);
            s.spawn(move || {
                let mut ev = program.evaluator();
                let mut fe = formula.evaluator();
                for round in 0..rounds {
                    let n = 10 + t * 3 + round % 5;
                    let k = t + 1;
                    let words: Vec<String> = (0..t).map(|i| "ab".repeat(i as usize)).collect();
                    let v = ev.eval(&[n.into(), k.into(), words.into()]).expect("runs");
                    let (sum, chars, text): (i64, i64, String) = v.to().expect("triple");
                    let want: i64 = (0..n).map(|i| i * k).filter(|x| x % 2 == 0).sum();
                    assert_eq!(sum, want);
                    assert_eq!(chars, (0..t).map(|i| 2 * i).sum::<i64>());
                    assert_eq!(text, format!("{n}!"));
                    let f = fe.eval(&ints(&[t, round])).expect("runs");
                    assert_eq!(f, Value::Int(t * round - 7));
                }
            });
        }
    });
}

#[test]
fn the_scalar_fast_path_agrees_with_the_general_path() {
    let engine = Engine::new();
    let inputs = [("a", "Int"), ("b", "Int"), ("x", "Float"), ("p", "Bool")];
    let formulas = [
        "a * 2 + b * 3 - (a + 1) * b",
        "a / b + a % b",
        "a ** b",
        "-a + -(-b)",
        "x * 2.5 - x / 3.0 + x % 1.5 + x ** 2.0",
        "if a < b { a } else { b * 2 }",
        "if p && a >= 0 || !p { x } else { -x }",
        "a == b || x != x || (p == false)",
        "x < 0.5 && x <= 1.0 || x > 2.0 && x >= 3.0",
        "{ a + { b } }",
    ];
    let values = [
        (7, 3, 1.25, true),
        (-7, 0, f64::NAN, false),
        (i64::MAX, 2, -0.0, true),
        (i64::MIN, -1, f64::INFINITY, false),
        (2, 70, 3.0, true),
        (0, -1, 0.4, false),
    ];
    for f in formulas {
        let fast = engine.compile(f, &inputs).expect(f);
        // A statement keeps the program off the fast path.
        let general = engine
            .compile(&format!("let r = {f}; r"), &inputs)
            .expect(f);
        for (a, b, x, p) in values {
            let args = [a.into(), b.into(), x.into(), p.into()];
            let one = fast.eval(&args).map_err(|e| e.code());
            let two = general.eval(&args).map_err(|e| e.code());
            match (&one, &two) {
                (Ok(Value::Float(u)), Ok(Value::Float(v))) => {
                    assert_eq!(u.to_bits(), v.to_bits(), "{f} {a} {b} {x}")
                }
                _ => assert_eq!(one, two, "{f} with {a} {b} {x} {p}"),
            }
        }
    }
    // A failure on the fast path is reported by the general one, with its span.
    let e = engine
        .compile("a / b", &inputs)
        .expect("compiles")
        .eval(&[1.into(), 0.into(), 0.0.into(), true.into()])
        .expect_err("division by zero");
    let d = e.diagnostic().expect("a runtime error");
    assert_eq!(
        (d.code, d.primary_span().map(|s| s.start)),
        ("E0401", Some(4))
    );
}

#[test]
fn the_session_is_built_on_the_engine() {
    let mut engine = Engine::new();
    engine
        .register_fn("twice", "fn(Int) -> Int", |args| match args {
            [Value::Int(n)] => Ok(Value::Int(2 * n)),
            _ => Err("one Int".into()),
        })
        .expect("registers");
    let mut s = Session::new(&engine, Box::new(std::io::sink()), false);
    assert_eq!(s.input("1", "let k = twice(4);").output, "k : Int\n");
    assert_eq!(s.input("2", "k.twice()").output, "16 : Int\n");
    // A failing input (type error, then runtime error) changes nothing.
    assert_eq!(s.input("3", "let k = twice(\"x\");").status, 1);
    assert_eq!(s.input("4", "let k = 1 / 0;").status, 3);
    assert_eq!(s.input("5", "k").output, "8 : Int\n");
    s.input("6", ":reset");
    assert_eq!(s.input("7", "twice(1)").output, "2 : Int\n");
    assert_eq!(s.input("8", "k").status, 1);
}

#[test]
fn a_result_sharing_parts_exponentially_is_refused_not_copied() {
    // 2^40 leaves in a few hundred bytes of runtime values: copying it to
    // Rust would exhaust memory, so the copy's size is counted first.
    let engine = Engine::new();
    let program = engine
        .compile(
            "enum T { Leaf(Str), Node(T, T) }
             fn d(t, n) = if n == 0 { t } else { d(Node(t, t), n - 1) };
             d(Leaf(\"a\"), n)",
            &[("n", "Int")],
        )
        .expect("compiles");
    let err = program.eval(&[Value::Int(40)]).expect_err("too large");
    assert_eq!(err.code(), "E0605", "{err}");
    assert!(err.message().contains("parts"), "{err}");
    // A small one is handed over whole.
    let small = program.eval(&[Value::Int(2)]).expect("small");
    assert!(matches!(small, Value::Enum { .. }), "{small:?}");
}
