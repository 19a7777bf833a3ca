//! Evaluator benchmarks: the three workloads of `shared/bench/workloads`
//! (fib(30), a 10M-iteration tail-recursive sum, a 1M-element
//! map/filter/fold pipeline), three walks over a 1M-element list (with
//! `[x, ..rest]`, with `tail`, by index), each compiled through the engine
//! and evaluated per iteration, and the embedding formula (compiled once,
//! evaluated with three Int inputs). The first two walks are linear because
//! the rest of a list is a view of its storage; the index loop is the
//! baseline they should stay near.
//! Compare against CPython and Lua with `python3 ../shared/bench/run.py
//! target/release/calc` in the same session.
//!
//! Run: `cargo bench --bench eval`.

use calc::Engine;

/// Compiles `src` through the engine and evaluates it once: the result's
/// display form, or the error.
fn run(src: &str) -> String {
    let program = match Engine::new().compile_script("bench", src) {
        Ok(p) => p,
        Err(e) => return e.render(false),
    };
    match program.evaluator().eval_display(&[]) {
        Ok(text) => text.unwrap_or_default(),
        Err(e) => e.render(false),
    }
}

fn main() {
    divan::main();
}

#[divan::bench(sample_count = 5)]
fn fib_30() -> String {
    run("fn fib(n) = if n < 2 { n } else { fib(n - 1) + fib(n - 2) }; fib(30)")
}

#[divan::bench(sample_count = 5)]
fn tail_sum_10m() -> String {
    run("fn go(i, acc) = if i == 0 { acc } else { go(i - 1, acc + i) }; go(10000000, 0)")
}

#[divan::bench(sample_count = 5)]
fn pipeline_1m() -> String {
    run("range(0, 1000000).map(|x| x * 3).filter(|x| x % 2 == 0).fold(0, |a, x| a + x)")
}

#[divan::bench(sample_count = 5)]
fn formula_100k(bencher: divan::Bencher) {
    let program = Engine::new()
        .compile(
            "(a * 2 + b * 3 - c) * (a + 1) + b * c - a + 7",
            &[("a", "Int"), ("b", "Int"), ("c", "Int")],
        )
        .expect("the formula compiles");
    let mut evaluator = program.evaluator();
    bencher.bench_local(|| {
        let mut sum = 0i64;
        for i in 0..100_000i64 {
            let inputs = [(i % 1000).into(), (i % 7).into(), 3.into()];
            if let Ok(calc::Value::Int(v)) = evaluator.eval(&inputs) {
                sum = sum.wrapping_add(v);
            }
        }
        sum
    });
}

#[divan::bench(sample_count = 5)]
fn walk_rest_pattern_1m() -> String {
    run(
        "fn walk(xs, acc) = match xs { [] => acc, [x, ..rest] => walk(rest, acc + x) };
         walk(range(0, 1000000), 0)",
    )
}

#[divan::bench(sample_count = 5)]
fn walk_tail_1m() -> String {
    run(
        "fn walk(xs, acc) = if len(xs) == 0 { acc } else { walk(tail(xs), acc + head(xs)) };
         walk(range(0, 1000000), 0)",
    )
}

#[divan::bench(sample_count = 5)]
fn index_loop_1m() -> String {
    run(
        "fn go(xs, i, n, acc) = if i == n { acc } else { go(xs, i + 1, n, acc + xs[i]) };
         let xs = range(0, 1000000);
         go(xs, 0, len(xs), 0)",
    )
}
