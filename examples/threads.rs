//! One compiled program evaluated from many threads at once.
//!
//! The program is compiled once; it is `Send + Sync`, so every worker
//! borrows it and makes its own [`calc::Evaluator`] (values made while
//! evaluating stay in their thread). The workers score disjoint slices of
//! the inputs; the sum is checked against one thread's answer. Then a
//! runaway evaluation is cancelled from the main thread.
//!
//! `cargo run --release --example threads -- [ITEMS] [THREADS]` (default
//! 20000 items, 4 threads) prints the total score, the same from one
//! thread, and the cancelled evaluation's error code.

use calc::{Engine, Program, Value};
use std::time::{Duration, Instant};

/// A score per item: a little list work, closures and strings.
const SCORE: &str = r#"
let digits = str(id).chars().map(|c| parse_int(c));
let digit_sum = digits.fold(0, |acc, d| match d { Some(n) => acc + n, None => acc });
let weights = range(1, 6).map(|w| w * (id % 7 + 1));
digit_sum * 10 + weights.sum() + if name.len() > 3 { 1 } else { 0 }
"#;

/// Scores the items `range` on one evaluator.
fn score(program: &Program, range: std::ops::Range<i64>) -> i64 {
    let mut evaluator = program.evaluator();
    let names = ["ann", "bobby", "cy", "dorothea"];
    range
        .map(|id| {
            let inputs = [Value::Int(id), Value::from(names[(id % 4) as usize])];
            match evaluator.eval(&inputs) {
                Ok(Value::Int(s)) => s,
                other => panic!("item {id}: {other:?}"),
            }
        })
        .sum()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let items: i64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(20_000);
    let threads: i64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(4).max(1);
    let engine = Engine::new();
    let program = engine
        .compile(SCORE, &[("id", "Int"), ("name", "Str")])
        .unwrap_or_else(|e| panic!("{e}"));

    let start = Instant::now();
    let chunk = items / threads + 1;
    let total: i64 = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                let program = &program;
                let range = (t * chunk).min(items)..((t + 1) * chunk).min(items);
                s.spawn(move || score(program, range))
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("a worker panicked"))
            .sum()
    });
    let secs = start.elapsed().as_secs_f64();
    let alone = score(&program, 0..items);
    assert_eq!(total, alone, "threads and one thread disagree");
    println!("total score ({threads} threads): {total}");
    println!("total score (1 thread): {alone}");
    eprintln!("time_s={secs:.4} evals_per_s={:.0}", items as f64 / secs);

    // A runaway program, stopped from another thread.
    let runaway = engine
        .compile("fn spin(n) = spin(n + 1); spin(0)", &[])
        .unwrap_or_else(|e| panic!("{e}"));
    let mut evaluator = runaway.evaluator();
    let cancel = evaluator.cancel_handle();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(20));
        cancel.cancel();
    });
    match evaluator.eval(&[]) {
        Err(e) if e.is_cancelled() => println!("runaway: cancelled ({})", e.code()),
        other => panic!("the runaway program was not cancelled: {other:?}"),
    }
}
