//! Arena discipline of the engine: compiling, evaluating and dropping many
//! small programs in one engine keeps memory flat, because each dropped
//! program's arena is reset and reused through the engine's pool.
//!
//! Its own test binary, so no other test shares the process whose peak
//! resident set (`VmHWM` in `/proc/self/status`) it reads. The count is
//! `CALC_RSS_PROGRAMS` (default 30,000); the figure is one million:
//! `CALC_RSS_PROGRAMS=1000000 cargo test --release --test arena_memory`.

use calc::{Engine, Value};

/// Peak resident set size of this process in kB (Linux only).
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

/// Small programs of a few shapes (and arena sizes).
fn source(i: u64) -> String {
    match i % 4 {
        0 => format!("x * {i} + 1"),
        1 => format!(
            "let ys = range(0, x % 10 + {}); ys.map(|y| y * 2).sum()",
            i % 7
        ),
        2 => format!("fn f(n) = if n < 2 {{ n }} else {{ f(n - 1) + {i} }}; f(x % 20)"),
        _ => format!("str(x) ++ \"-{i}\" == \"\" || {} > x", i % 1000),
    }
}

/// Compiles, evaluates once and drops programs `from..to`.
fn churn(engine: &Engine, from: u64, to: u64) {
    for i in from..to {
        let program = engine
            .compile(&source(i), &[("x", "Int")])
            .unwrap_or_else(|e| panic!("{e}"));
        let v = program.eval(&[Value::Int(i as i64)]).expect("runs");
        assert!(!matches!(v, Value::Unit));
    }
}

#[test]
fn compiling_and_dropping_programs_keeps_memory_flat() {
    let Some(_) = peak_rss_kb() else {
        eprintln!("no /proc/self/status here: nothing to measure");
        return;
    };
    let total: u64 = std::env::var("CALC_RSS_PROGRAMS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30_000)
        .max(2_000);
    let engine = Engine::new();
    churn(&engine, 0, 1_000);
    let early = peak_rss_kb().expect("read before");
    churn(&engine, 1_000, total);
    let late = peak_rss_kb().expect("read after");
    eprintln!("peak RSS after 1,000 programs: {early} kB; after {total}: {late} kB");
    assert!(
        late * 10 <= early * 11,
        "peak RSS grew from {early} kB to {late} kB between 1,000 and {total} programs"
    );
}
