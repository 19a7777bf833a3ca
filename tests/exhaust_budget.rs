//! Exhaustiveness checking stays linear on long matches and stops with a
//! clean "too complex" error (E0302) where the problem is exponential,
//! never a hang. Work is counted (`calc::sema::exhaust::work_done`, per
//! thread), not timed: each doubling series must grow at most 2.5× per
//! doubling.

use calc::Engine;
use calc::sema::exhaust::{TOO_COMPLEX, work_done};

/// Compiles `source` and returns the exhaustiveness work it took and the
/// codes of its diagnostics.
fn work(source: &str) -> (u64, Vec<&'static str>) {
    let before = work_done();
    let codes = match Engine::new().compile(source, &[]) {
        Ok(_) => Vec::new(),
        Err(e) => e.diagnostics().map(|d| d.code).collect(),
    };
    (work_done() - before, codes)
}

/// Asserts that `make(n)` compiles cleanly for each size of a doubling
/// series and that its work grows at most 2.5× per doubling.
fn linear(what: &str, make: impl Fn(usize) -> String) {
    let mut last: Option<u64> = None;
    for n in [1_000, 2_000, 4_000, 8_000] {
        let (w, codes) = work(&make(n));
        assert!(codes.is_empty(), "{what} at {n}: {codes:?}");
        if let Some(prev) = last {
            assert!(
                w as f64 <= 2.5 * prev as f64,
                "{what}: work {prev} -> {w} when the size doubled to {n}"
            );
        }
        last = Some(w);
    }
}

#[test]
fn many_literal_arms_are_linear() {
    linear("Int literal arms", |n| {
        let arms: String = (0..n).map(|i| format!("{i} => {i}, ")).collect();
        format!("fn f(x: Int) -> Int = match x {{ {arms}_ => 0 }}; f(3)")
    });
    linear("Str literal arms", |n| {
        let arms: String = (0..n).map(|i| format!("\"s{i}\" => {i}, ")).collect();
        format!("fn f(x: Str) -> Int = match x {{ {arms}_ => 0 }}; f(\"a\")")
    });
}

#[test]
fn many_variant_enums_are_linear() {
    linear("one arm per variant", |n| {
        let variants: Vec<String> = (0..n).map(|i| format!("V{i}(Int)")).collect();
        let arms: String = (0..n).map(|i| format!("V{i}(x) => x + {i}, ")).collect();
        format!(
            "enum E {{ {} }}\nfn f(e: E) -> Int = match e {{ {arms} }}; f(V1(2))",
            variants.join(", ")
        )
    });
}

#[test]
fn deep_patterns_are_linear() {
    linear("nested Some", |n| {
        let n = n / 10;
        let pat = format!("{}1{}", "Some(".repeat(n), ")".repeat(n));
        let val = format!("{}2{}", "Some(".repeat(n), ")".repeat(n));
        format!("match {val} {{ {pat} => 1, _ => 0 }}")
    });
    linear("long list pattern", |n| {
        let items: Vec<String> = (0..n).map(|i| i.to_string()).collect();
        format!(
            "match [1, 2] {{ [{}] => 1, [_, ..rest] => 2, [] => 0 }}",
            items.join(", ")
        )
    });
}

#[test]
fn exponential_matches_stop_at_the_budget() {
    // Arms scattered over a wide tuple of Bools: the usefulness matrix
    // blows up exponentially in the width.
    let n = 24;
    let arms: String = (0..2000u64)
        .map(|i| {
            let bits = i.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40;
            let row: Vec<&str> = (0..n)
                .map(|j| if bits >> j & 1 == 1 { "true" } else { "false" })
                .collect();
            format!("({}) => {i}, ", row.join(", "))
        })
        .collect();
    let value = vec!["true"; n].join(", ");
    let source = format!("match ({value}) {{ {arms} }}");
    let (w, codes) = work(&source);
    assert_eq!(codes, [TOO_COMPLEX], "work {w}");
    assert!(
        w <= calc::sema::exhaust::BUDGET + 10_000,
        "stopped at the budget: {w}"
    );
}

#[test]
fn wide_tuples_are_checked_not_assumed_exhaustive() {
    // Past 200 columns the old check gave up and called the match
    // exhaustive; a value it missed then failed at run time.
    let n = 250;
    let value = vec!["false"; n].join(", ");
    let pat = vec!["true"; n].join(", ");
    let (_, codes) = work(&format!("match ({value}) {{ ({pat}) => 1 }}"));
    assert_eq!(codes, ["E0301"]);
}
