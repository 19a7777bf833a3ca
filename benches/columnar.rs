//! Batch evaluation against its two baselines, on one million rows: the
//! same formula written by hand with Arrow's checked kernels (the floor),
//! and row-by-row evaluation through the engine (what a user would
//! otherwise write). `cargo bench --features arrow --bench columnar`;
//! divide a time by 1,000,000 for ns per row.

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

/// The engine benchmark's formula.
const INT_FORMULA: &str = "(a * 2 + b * 3 - c) * (a + 1) + b * c - a + 7";
/// The formula.
const FLOAT_FORMULA: &str = "price * qty + 0.5";

fn int_columns() -> Vec<ArrayRef> {
    vec![
        Arc::new((0..ROWS).map(|i| i % 1000).collect::<Int64Array>()),
        Arc::new((0..ROWS).map(|i| i % 7).collect::<Int64Array>()),
        Arc::new((0..ROWS).map(|_| 3).collect::<Int64Array>()),
    ]
}

fn float_columns() -> Vec<ArrayRef> {
    vec![
        Arc::new(
            (0..ROWS)
                .map(|i| (i % 1000) as f64 * 0.25)
                .collect::<Float64Array>(),
        ),
        Arc::new((0..ROWS).map(|i| (i % 13) as f64).collect::<Float64Array>()),
    ]
}

const INT_INPUTS: &[(&str, &str)] = &[("a", "Int"), ("b", "Int"), ("c", "Int")];
const FLOAT_INPUTS: &[(&str, &str)] = &[("price", "Float"), ("qty", "Float")];

#[divan::bench(sample_count = 10)]
fn int_batch(bencher: divan::Bencher) {
    let cols = int_columns();
    let p = BatchProgram::compile(&Engine::new(), INT_FORMULA, INT_INPUTS).expect("compiles");
    assert!(p.is_columnar());
    bencher.bench_local(|| p.eval(&cols).expect("no row fails").len());
}

#[divan::bench(sample_count = 10)]
fn int_kernels(bencher: divan::Bencher) {
    let cols = int_columns();
    let (a, b, c) = (&cols[0], &cols[1], &cols[2]);
    let k = |v: i64| Int64Array::new_scalar(v);
    bencher.bench_local(|| {
        // (a * 2 + b * 3 - c) * (a + 1) + b * c - a + 7, checked like calc.
        let l = sub(&add(&mul(a, &k(2))?, &mul(b, &k(3))?)?, c)?;
        let r = add(a, &k(1))?;
        let t = add(&mul(&l, &r)?, &mul(b, c)?)?;
        let out = add(&sub(&t, a)?, &k(7))?;
        Ok::<usize, arrow_schema::ArrowError>(out.len())
    });
}

#[divan::bench(sample_count = 10)]
fn int_rows(bencher: divan::Bencher) {
    let cols = int_columns();
    let p = Engine::new()
        .compile(INT_FORMULA, INT_INPUTS)
        .expect("compiles");
    let ints: Vec<&Int64Array> = cols
        .iter()
        .map(|c| c.as_any().downcast_ref().expect("Int64"))
        .collect();
    let mut ev = p.evaluator();
    bencher.bench_local(|| {
        let mut out = Int64Builder::with_capacity(ROWS as usize);
        for i in 0..ROWS as usize {
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
        out.finish().len()
    });
}

#[divan::bench(sample_count = 10)]
fn float_batch(bencher: divan::Bencher) {
    let cols = float_columns();
    let p = BatchProgram::compile(&Engine::new(), FLOAT_FORMULA, FLOAT_INPUTS).expect("compiles");
    bencher.bench_local(|| p.eval(&cols).expect("no row fails").len());
}

#[divan::bench(sample_count = 10)]
fn float_kernels(bencher: divan::Bencher) {
    let cols = float_columns();
    let half = Float64Array::new_scalar(0.5);
    bencher.bench_local(|| {
        let out = add(&mul(&cols[0], &cols[1])?, &half)?;
        Ok::<usize, arrow_schema::ArrowError>(out.len())
    });
}

#[divan::bench(sample_count = 10)]
fn float_rows(bencher: divan::Bencher) {
    let cols = float_columns();
    let p = Engine::new()
        .compile(FLOAT_FORMULA, FLOAT_INPUTS)
        .expect("compiles");
    let fs: Vec<&Float64Array> = cols
        .iter()
        .map(|c| c.as_any().downcast_ref().expect("Float64"))
        .collect();
    let mut ev = p.evaluator();
    bencher.bench_local(|| {
        let mut out = Float64Builder::with_capacity(ROWS as usize);
        for i in 0..ROWS as usize {
            match ev.eval(&[fs[0].value(i).into(), fs[1].value(i).into()]) {
                Ok(calc::Value::Float(v)) => out.append_value(v),
                _ => out.append_null(),
            }
        }
        out.finish().len()
    });
}
