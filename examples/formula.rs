//! The embedding benchmark: compile one formula with three `Int` inputs
//! once, evaluate it N times, print the wrapping sum of the results.
//!
//! `cargo run --release --example formula -- N [THREADS]` prints the sum as
//! its last stdout line (669185487979 for N = 1000000) and `time_s=…
//! evals_per_s=…` on stderr, the format of `shared/bench/peers formula`.
//! With THREADS > 1 the N evaluations are split between that many threads
//! sharing the one compiled program, each with its own evaluator.

use calc::{Engine, Value};
use std::time::Instant;

const FORMULA: &str = "(a * 2 + b * 3 - c) * (a + 1) + b * c - a + 7";

/// The wrapping sum of the formula over `range`, on one evaluator.
fn sum(program: &calc::Program, range: std::ops::Range<i64>) -> i64 {
    let mut evaluator = program.evaluator();
    let mut total = 0i64;
    for i in range {
        let inputs = [Value::Int(i % 1000), Value::Int(i % 7), Value::Int(3)];
        match evaluator.eval(&inputs) {
            Ok(Value::Int(v)) => total = total.wrapping_add(v),
            other => panic!("the formula gave {other:?}"),
        }
    }
    total
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: i64 = args
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let threads: i64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(1).max(1);
    let program = Engine::new()
        .compile(FORMULA, &[("a", "Int"), ("b", "Int"), ("c", "Int")])
        .unwrap_or_else(|e| panic!("{e}"));
    let start = Instant::now();
    let total = std::thread::scope(|s| {
        let chunk = n / threads + 1;
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let program = &program;
                let range = (t * chunk).min(n)..((t + 1) * chunk).min(n);
                s.spawn(move || sum(program, range))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a worker panicked"))
            .fold(0i64, i64::wrapping_add)
    });
    let secs = start.elapsed().as_secs_f64();
    eprintln!("time_s={secs:.4} evals_per_s={:.0}", n as f64 / secs);
    println!("{total}");
}
