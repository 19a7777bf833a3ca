//! Batch evaluation against its two baselines, on one million rows in
//! batches of 8,192 (DataFusion's default batch size): the same formula
//! written by hand with Arrow's checked kernels (the floor), and row-by-row
//! evaluation through the engine (what a user would otherwise write).
//! `cargo bench --features arrow --bench columnar`; divide a time by
//! 1,000,000 for ns per row.

use arrow_arith::numeric::{add, mul, sub};
use arrow_array::builder::{Float64Builder, Int64Builder};
use arrow_array::{Array, ArrayRef, Float64Array, Int64Array};
use calc::Engine;
use calc::columnar::BatchProgram;
use std::sync::Arc;

fn main() {
    divan::main();
}

const ROWS: i64 = 1_000_000;
/// Rows per batch.
const BATCH: i64 = 8192;

/// `column(i)` over every row, cut into batches.
fn batches(column: impl Fn(i64) -> ArrayRef) -> Vec<ArrayRef> {
    (0..ROWS).step_by(BATCH as usize).map(column).collect()
}

/// Batch `b` of each column.
fn batch(cols: &[Vec<ArrayRef>], b: usize) -> Vec<ArrayRef> {
    cols.iter().map(|c| c[b].clone()).collect()
}

/// The engine benchmark's formula.
const INT_FORMULA: &str = "(a * 2 + b * 3 - c) * (a + 1) + b * c - a + 7";
/// The formula.
const FLOAT_FORMULA: &str = "price * qty + 0.5";

/// The rows `start..` of one batch.
fn rows_from(start: i64) -> std::ops::Range<i64> {
    start..(start + BATCH).min(ROWS)
}

fn int_columns() -> Vec<Vec<ArrayRef>> {
    vec![
        batches(|s| Arc::new(rows_from(s).map(|i| i % 1000).collect::<Int64Array>())),
        batches(|s| Arc::new(rows_from(s).map(|i| i % 7).collect::<Int64Array>())),
        batches(|s| Arc::new(rows_from(s).map(|_| 3).collect::<Int64Array>())),
    ]
}

fn float_columns() -> Vec<Vec<ArrayRef>> {
    vec![
        batches(|s| {
            Arc::new(
                rows_from(s)
                    .map(|i| (i % 1000) as f64 * 0.25)
                    .collect::<Float64Array>(),
            )
        }),
        batches(|s| {
            Arc::new(
                rows_from(s)
                    .map(|i| (i % 13) as f64)
                    .collect::<Float64Array>(),
            )
        }),
    ]
}

/// How many batches the columns hold.
fn count(cols: &[Vec<ArrayRef>]) -> usize {
    cols[0].len()
}

const INT_INPUTS: &[(&str, &str)] = &[("a", "Int"), ("b", "Int"), ("c", "Int")];
const FLOAT_INPUTS: &[(&str, &str)] = &[("price", "Float"), ("qty", "Float")];

#[divan::bench(sample_count = 10)]
fn int_batch(bencher: divan::Bencher) {
    let cols = int_columns();
    let p = BatchProgram::compile(&Engine::new(), INT_FORMULA, INT_INPUTS).expect("compiles");
    assert!(p.is_columnar());
    bencher.bench_local(|| {
        (0..count(&cols))
            .map(|b| p.eval(&batch(&cols, b)).expect("no row fails").len())
            .sum::<usize>()
    });
}

#[divan::bench(sample_count = 10)]
fn int_kernels(bencher: divan::Bencher) {
    let cols = int_columns();
    let k = |v: i64| Int64Array::new_scalar(v);
    let one = |b: usize| {
        let (a, bb, c) = (&cols[0][b], &cols[1][b], &cols[2][b]);
        // (a * 2 + b * 3 - c) * (a + 1) + b * c - a + 7, checked like calc.
        let l = sub(&add(&mul(a, &k(2))?, &mul(bb, &k(3))?)?, c)?;
        let r = add(a, &k(1))?;
        let t = add(&mul(&l, &r)?, &mul(bb, c)?)?;
        let out = add(&sub(&t, a)?, &k(7))?;
        Ok::<usize, arrow_schema::ArrowError>(out.len())
    };
    bencher.bench_local(|| {
        (0..count(&cols))
            .map(|b| one(b).expect("no row overflows"))
            .sum::<usize>()
    });
}

#[divan::bench(sample_count = 10)]
fn int_rows(bencher: divan::Bencher) {
    let cols = int_columns();
    let p = Engine::new()
        .compile(INT_FORMULA, INT_INPUTS)
        .expect("compiles");
    let mut ev = p.evaluator();
    bencher.bench_local(|| {
        let mut rows = 0;
        for b in 0..count(&cols) {
            let columns = batch(&cols, b);
            let ints: Vec<&Int64Array> = columns
                .iter()
                .map(|c| c.as_any().downcast_ref().expect("Int64"))
                .collect();
            let mut out = Int64Builder::with_capacity(ints[0].len());
            for i in 0..ints[0].len() {
                let args = [
                    ints[0].value(i).into(),
                    ints[1].value(i).into(),
                    ints[2].value(i).into(),
                ];
                match ev.eval(&args) {
                    Ok(calc::Value::Int(v)) => out.append_value(v),
                    _ => out.append_null(),
                }
            }
            rows += out.finish().len();
        }
        rows
    });
}

#[divan::bench(sample_count = 10)]
fn float_batch(bencher: divan::Bencher) {
    let cols = float_columns();
    let p = BatchProgram::compile(&Engine::new(), FLOAT_FORMULA, FLOAT_INPUTS).expect("compiles");
    bencher.bench_local(|| {
        (0..count(&cols))
            .map(|b| p.eval(&batch(&cols, b)).expect("no row fails").len())
            .sum::<usize>()
    });
}

#[divan::bench(sample_count = 10)]
fn float_kernels(bencher: divan::Bencher) {
    let cols = float_columns();
    let half = Float64Array::new_scalar(0.5);
    let one = |b: usize| {
        let out = add(&mul(&cols[0][b], &cols[1][b])?, &half)?;
        Ok::<usize, arrow_schema::ArrowError>(out.len())
    };
    bencher.bench_local(|| {
        (0..count(&cols))
            .map(|b| one(b).expect("floats do not fail"))
            .sum::<usize>()
    });
}

#[divan::bench(sample_count = 10)]
fn float_rows(bencher: divan::Bencher) {
    let cols = float_columns();
    let p = Engine::new()
        .compile(FLOAT_FORMULA, FLOAT_INPUTS)
        .expect("compiles");
    let mut ev = p.evaluator();
    bencher.bench_local(|| {
        let mut rows = 0;
        for b in 0..count(&cols) {
            let columns = batch(&cols, b);
            let fs: Vec<&Float64Array> = columns
                .iter()
                .map(|c| c.as_any().downcast_ref().expect("Float64"))
                .collect();
            let mut out = Float64Builder::with_capacity(fs[0].len());
            for i in 0..fs[0].len() {
                match ev.eval(&[fs[0].value(i).into(), fs[1].value(i).into()]) {
                    Ok(calc::Value::Float(v)) => out.append_value(v),
                    _ => out.append_null(),
                }
            }
            rows += out.finish().len();
        }
        rows
    });
}
