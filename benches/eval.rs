//! Evaluator benchmarks: the three workloads of `shared/bench/workloads`
//! (fib(30), a 10M-iteration tail-recursive sum, a 1M-element
//! map/filter/fold pipeline), and three walks over a 1M-element list (with
//! `[x, ..rest]`, with `tail`, by index), each compiled and evaluated per
//! iteration. The first two walks are linear because the rest of a list is
//! a view of its storage; the index loop is the baseline they should stay
//! near.
//! Compare against CPython and Lua with `python3 ../shared/bench/run.py
//! target/release/calc` in the same session.
//!
//! Run: `cargo bench --bench eval`.

use calc::eval::{Interp, Limits};
use calc::sema::check::Checker;
use calc::sema::resolve::Globals;
use calc::sema::unit::Unit;
use calc::syntax::arena::Arena;
use std::rc::Rc;

fn run(src: &str) -> String {
    let unit = Rc::new(Unit::compile(
        "bench".to_string(),
        src.to_string(),
        Arena::new(),
        &Globals::default(),
    ));
    let checked = unit.with_dependent(|_, c| Checker::new().check_unit(&c.program, false));
    unit.set_field_slots(checked.field_slots);
    let mut interp = Interp::new(Limits::default(), Box::new(std::io::sink()));
    match interp.run(&unit) {
        Ok((v, _)) => v.display(true),
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
