//! Evaluating chains of operators down their left operands (`a + b + c`
//! is `(a + b) + c`), which the evaluator walks in a loop: operands run
//! left to right, `&&` and `||` short-circuit, and a runtime error names
//! the operator where it happened, for short chains (evaluated directly)
//! and long ones (in a loop, on the native stack or gathered on the heap)
//! alike.

use calc::{Engine, EvalError, Output};

/// Helpers that print their argument and return it.
const PRINTERS: &str = "fn p(n) = { println(n); n };\nfn pb(v) = { println(v); v };\n";

/// The result of running `PRINTERS` then `body`, and what it printed.
fn run(body: &str) -> (Result<String, EvalError>, String) {
    let mut engine = Engine::new();
    engine.set_output(Output::Capture);
    let src = format!("{PRINTERS}{body}");
    let program = engine.compile_script("chain", &src).expect("checks");
    let mut evaluator = program.evaluator();
    let result = evaluator.eval_display(&[]).map(|v| v.unwrap_or_default());
    (result, evaluator.take_output())
}

/// The value `body` evaluates to and what it printed, one line per print.
fn value(body: &str) -> (String, Vec<String>) {
    let (result, out) = run(body);
    let v = result.unwrap_or_else(|e| panic!("{body}: {}", e.render(false)));
    (v, out.lines().map(str::to_string).collect())
}

/// The text the runtime error of `body` points at, and its code.
fn error_at(body: &str) -> (String, &'static str) {
    let (result, _) = run(body);
    let Err(EvalError::Runtime(r)) = result else {
        panic!("{body}: a runtime error, got {result:?}");
    };
    let d = r.diagnostic();
    let span = d.primary_span().expect("located");
    let src = format!("{PRINTERS}{body}");
    (
        src[span.start as usize..span.end as usize].to_string(),
        d.code,
    )
}

/// `n` numbers from 1 joined by operators taken in turn from `ops`, each
/// number printed as it is evaluated.
fn printed_chain(n: usize, ops: &[&str]) -> String {
    let mut s = "p(1)".to_string();
    for i in 2..=n {
        s += &format!(" {} p({i})", ops[i % ops.len()]);
    }
    s
}

#[test]
fn operands_of_a_chain_run_left_to_right() {
    for n in [2, 3, 4, 17, 18, 100, 5_000] {
        let (_, printed) = value(&printed_chain(n, &["+", "-", "*", "+"]));
        let want: Vec<String> = (1..=n).map(|i| i.to_string()).collect();
        assert_eq!(printed, want, "{n} operands");
    }
}

#[test]
fn a_chain_computes_what_its_nesting_says() {
    assert_eq!(value("10 - 3 - 2 * 2 + 1").0, "4");
    assert_eq!(value("100 / 5 / 2 % 7 * 3").0, "9");
    assert_eq!(value("2.0 * 3.0 - 1.0 / 4.0 + 0.5").0, "6.25");
    assert_eq!(value("1 + 2 + 3 == 6 && 2 * 3 > 5 || false").0, "true");
    let n = 200_000;
    assert_eq!(
        value(&format!("0{}", " + 2 - 1".repeat(n))).0,
        n.to_string()
    );
    assert_eq!(value(&format!("1.0{}", " * 1.0".repeat(n))).0, "1.0");
}

#[test]
fn and_and_or_in_a_chain_short_circuit() {
    let (v, printed) = value("pb(false) && pb(true) && pb(true) || pb(true) && pb(false)");
    assert_eq!(v, "false");
    assert_eq!(printed, ["false", "true", "false"]);
    let (v, printed) = value("pb(true) || pb(false) || pb(false) && pb(false)");
    assert_eq!(v, "true");
    assert_eq!(printed, ["true"]);
    let long = format!("pb(true){} || pb(true)", " && pb(false)".repeat(40));
    let (v, printed) = value(&long);
    assert_eq!(v, "true");
    assert_eq!(printed, ["true", "false", "true"]);
    let (v, printed) = value("p(1) + p(2) < 3 && pb(true) || pb(false) && p(4) == 4");
    assert_eq!(v, "false");
    assert_eq!(printed, ["1", "2", "false"]);
}

#[test]
fn a_runtime_error_in_a_chain_points_at_its_operator() {
    // The failing operation is the chain up to and including its operand.
    assert_eq!(
        error_at("1 + 2 + 9223372036854775807 + 4"),
        ("1 + 2 + 9223372036854775807".to_string(), "E0402")
    );
    assert_eq!(error_at("8 / 2 / 2 / 0 / 1").0, "0");
    assert_eq!(error_at("8 / 2 / 2 / 0 / 1").1, "E0401");
    let long = format!("1{} % (1 - 1){}", " + 1".repeat(30), " + 1".repeat(30));
    assert_eq!(error_at(&long).0, "1 - 1");
    let deep = format!(
        "0{} - 9223372036854775807 - 2{}",
        " + 0".repeat(40),
        " + 0".repeat(40)
    );
    let (text, code) = error_at(&deep);
    assert!(text.ends_with("- 9223372036854775807 - 2"), "{text}");
    assert_eq!(code, "E0402");
}
