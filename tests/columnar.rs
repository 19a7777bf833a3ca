//! Batch evaluation over Arrow columns agrees with the row-by-row engine:
//! values, nulls and the first failing row with its error, for chosen
//! formulas and for random formulas over random columns.

use arrow_array::{
    Array, ArrayRef, BooleanArray, Float64Array, Int64Array, RecordBatch, StringArray,
    StringViewArray,
};
use calc::columnar::{BatchError, BatchProgram};
use calc::{Engine, Value};
use proptest::prelude::*;
use std::sync::Arc;

/// The inputs every formula here may use.
const INPUTS: &[(&str, &str)] = &[
    ("a", "Int"),
    ("b", "Int"),
    ("x", "Float"),
    ("y", "Float"),
    ("p", "Bool"),
    ("s", "Str"),
];

/// One row of the inputs (`None`: null).
#[derive(Clone, Debug)]
struct Row {
    a: Option<i64>,
    b: Option<i64>,
    x: Option<f64>,
    y: Option<f64>,
    p: Option<bool>,
    s: Option<String>,
}

impl Row {
    fn values(&self) -> Option<Vec<Value>> {
        Some(vec![
            Value::Int(self.a?),
            Value::Int(self.b?),
            Value::Float(self.x?),
            Value::Float(self.y?),
            Value::Bool(self.p?),
            Value::Str(self.s.clone()?),
        ])
    }
}

/// The rows as columns; `view` makes the Str column Utf8View.
fn columns(rows: &[Row], view: bool) -> Vec<ArrayRef> {
    let s: ArrayRef = match view {
        true => Arc::new(
            rows.iter()
                .map(|r| r.s.clone())
                .collect::<StringViewArray>(),
        ),
        false => Arc::new(rows.iter().map(|r| r.s.clone()).collect::<StringArray>()),
    };
    vec![
        Arc::new(rows.iter().map(|r| r.a).collect::<Int64Array>()),
        Arc::new(rows.iter().map(|r| r.b).collect::<Int64Array>()),
        Arc::new(rows.iter().map(|r| r.x).collect::<Float64Array>()),
        Arc::new(rows.iter().map(|r| r.y).collect::<Float64Array>()),
        Arc::new(rows.iter().map(|r| r.p).collect::<BooleanArray>()),
        s,
    ]
}

/// Row `i` of a result column as a calc value (`None`: null).
fn cell(col: &dyn Array, i: usize) -> Option<Value> {
    if col.is_null(i) {
        return None;
    }
    let any = col.as_any();
    Some(if let Some(c) = any.downcast_ref::<Int64Array>() {
        Value::Int(c.value(i))
    } else if let Some(c) = any.downcast_ref::<Float64Array>() {
        Value::Float(c.value(i))
    } else if let Some(c) = any.downcast_ref::<BooleanArray>() {
        Value::Bool(c.value(i))
    } else if let Some(c) = any.downcast_ref::<StringArray>() {
        Value::Str(c.value(i).to_string())
    } else {
        panic!("unexpected result column type {}", col.data_type())
    })
}

/// Two values alike, NaN equal to NaN.
fn same(x: &Value, y: &Value) -> bool {
    match (x, y) {
        (Value::Float(a), Value::Float(b)) => {
            a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
        }
        _ => x == y,
    }
}

/// Checks the batch path against the engine row by row; `Err` says how
/// they differ.
fn agree(source: &str, rows: &[Row], view: bool) -> Result<(), String> {
    let engine = Engine::new();
    let program = engine
        .compile(source, INPUTS)
        .map_err(|e| format!("{source}: {e}"))?;
    let batch = BatchProgram::new(&engine, program.clone()).map_err(|e| e.to_string())?;
    let got = batch.eval(&columns(rows, view));
    let mut expected = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        match r.values() {
            None => expected.push(None),
            Some(v) => match program.eval(&v) {
                Ok(v) => expected.push(Some(v)),
                Err(e) => {
                    return match got {
                        Err(BatchError::Row { row, error })
                            if row == i && error.render(false) == e.render(false) =>
                        {
                            Ok(())
                        }
                        other => Err(format!(
                            "{source}: row {i} fails with {}, the batch gave {other:?}",
                            e.render(false)
                        )),
                    };
                }
            },
        }
    }
    let got = got.map_err(|e| format!("{source}: the batch failed: {e}, rows did not"))?;
    if got.len() != rows.len() {
        return Err(format!(
            "{source}: {} rows, expected {}",
            got.len(),
            rows.len()
        ));
    }
    for (i, e) in expected.iter().enumerate() {
        let g = cell(got.as_ref(), i);
        let ok = match (&g, e) {
            (Some(g), Some(e)) => same(g, e),
            (None, None) => true,
            _ => false,
        };
        if !ok {
            return Err(format!("{source}: row {i}: batch {g:?}, rows {e:?}"));
        }
    }
    Ok(())
}

fn row(a: i64, b: i64, x: f64, y: f64, p: bool, s: &str) -> Row {
    Row {
        a: Some(a),
        b: Some(b),
        x: Some(x),
        y: Some(y),
        p: Some(p),
        s: Some(s.to_string()),
    }
}

fn sample() -> Vec<Row> {
    vec![
        row(1, 2, 1.5, -0.5, true, "ab"),
        row(-7, 3, f64::NAN, 2.0, false, ""),
        row(i64::MAX, 0, 0.0, -0.0, true, "zz"),
        row(0, -1, 1e300, 1e300, false, "ab"),
    ]
}

#[test]
fn chosen_formulas_agree_with_the_engine() {
    let formulas = [
        "(a * 2 + b * 3 - b) * (b + 1) + b * b - b + 7",
        "x * y + 0.5",
        "if b != 0 { a / b } else { 0 }",
        "b == 0 || a % b > 1",
        "b != 0 && a / b > 1",
        "-x + y ** 2.0",
        "if p { s } else { \"none\" }",
        "(s < \"b\") == p",
        "len(s) + b",
        "if p { s ++ \"!\" } else { s }",
        "b - { let t = b * 2; t + 1 }",
        "y + match b { 0 => 1.0, _ => x }",
        "x == x",
        "x != x",
        "!p && x < y",
        "a - 1",
    ];
    let engine = Engine::new();
    for f in formulas {
        let batch = BatchProgram::compile(&engine, f, INPUTS).unwrap();
        // Only a formula with top-level statements runs as a whole by rows.
        assert!(batch.is_columnar(), "{f}");
        for view in [false, true] {
            agree(f, &sample(), view).unwrap();
        }
    }
}

#[test]
fn an_overflow_is_an_error_naming_the_row() {
    let engine = Engine::new();
    let batch = BatchProgram::compile(&engine, "a + 1", &[("a", "Int")]).unwrap();
    let a: ArrayRef = Arc::new(Int64Array::from(vec![1, 2, i64::MAX, i64::MAX]));
    let err = batch.eval(&[a]).unwrap_err();
    let BatchError::Row { row, error } = &err else {
        panic!("expected a row error, got {err}")
    };
    assert_eq!(*row, 2);
    assert_eq!(error.code(), "E0402");
    assert!(err.to_string().starts_with("row 2: "), "{err}");
}

#[test]
fn a_division_by_zero_on_a_branch_not_taken_or_a_null_row_is_no_error() {
    let engine = Engine::new();
    let batch = BatchProgram::compile(
        &engine,
        "if d == 0 { 0 } else { n / d }",
        &[("n", "Int"), ("d", "Int")],
    )
    .unwrap();
    assert!(batch.is_columnar());
    let n: ArrayRef = Arc::new(Int64Array::from(vec![Some(6), Some(1), None]));
    let d: ArrayRef = Arc::new(Int64Array::from(vec![Some(3), Some(0), Some(0)]));
    let out = batch.eval(&[n.clone(), d.clone()]).unwrap();
    assert_eq!(cell(out.as_ref(), 0), Some(Value::Int(2)));
    assert_eq!(cell(out.as_ref(), 1), Some(Value::Int(0)));
    assert_eq!(cell(out.as_ref(), 2), None);
    let plain = BatchProgram::compile(&engine, "n / d", &[("n", "Int"), ("d", "Int")]).unwrap();
    let err = plain.eval(&[n, d]).unwrap_err();
    assert!(matches!(err, BatchError::Row { row: 1, .. }), "{err}");
    assert_eq!(err.code(), "E0401");
}

#[test]
fn columns_are_found_by_name_in_a_record_batch() {
    let engine = Engine::new();
    let batch = BatchProgram::compile(
        &engine,
        "price * float(qty)",
        &[("price", "Float"), ("qty", "Int")],
    )
    .unwrap();
    let rb = RecordBatch::try_from_iter([
        ("qty", Arc::new(Int64Array::from(vec![2, 3])) as ArrayRef),
        (
            "price",
            Arc::new(Float64Array::from(vec![1.25, 2.0])) as ArrayRef,
        ),
    ])
    .unwrap();
    let out = batch.eval_batch(&rb).unwrap();
    assert_eq!(cell(out.as_ref(), 1), Some(Value::Float(6.0)));
}

#[test]
fn wrong_columns_and_types_without_columns_are_refused() {
    let engine = Engine::new();
    let batch = BatchProgram::compile(&engine, "a + 1", &[("a", "Int")]).unwrap();
    let f: ArrayRef = Arc::new(Float64Array::from(vec![1.0]));
    let err = batch.eval(&[f]).unwrap_err();
    assert_eq!(err.code(), "E0802");
    assert!(err.to_string().contains("column `a` is Float64"), "{err}");
    assert_eq!(batch.eval(&[]).unwrap_err().code(), "E0802");
    let list = BatchProgram::compile(&engine, "[a]", &[("a", "Int")]).unwrap_err();
    assert!(list.to_string().contains("E0801"), "{list}");
    let input = BatchProgram::compile(&engine, "len(xs)", &[("xs", "[Int]")]).unwrap_err();
    assert!(input.to_string().contains("input `xs`"), "{input}");
}

#[test]
fn a_formula_with_statements_runs_row_by_row() {
    let engine = Engine::new();
    let batch = BatchProgram::compile(&engine, "let t = a * 2; t + 1", &[("a", "Int")]).unwrap();
    assert!(!batch.is_columnar());
    let a: ArrayRef = Arc::new(Int64Array::from(vec![Some(1), None]));
    let out = batch.eval(&[a]).unwrap();
    assert_eq!(cell(out.as_ref(), 0), Some(Value::Int(3)));
    assert_eq!(cell(out.as_ref(), 1), None);
}

// Random formulas, typed by construction.

fn int_expr() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("a".to_string()),
        Just("b".to_string()),
        (-3i64..5).prop_map(|i| i.to_string()),
        Just("9223372036854775807".to_string()),
        Just("len(s)".to_string()),
    ];
    leaf.prop_recursive(4, 24, 3, |inner| {
        prop_oneof![
            (
                inner.clone(),
                prop::sample::select(vec!["+", "-", "*", "/", "%", "**"]),
                inner.clone()
            )
                .prop_map(|(l, op, r)| format!("({l} {op} {r})")),
            inner.clone().prop_map(|e| format!("(-{e})")),
            (bool_leaf(), inner.clone(), inner.clone())
                .prop_map(|(c, t, e)| format!("(if {c} {{ {t} }} else {{ {e} }})")),
            inner
                .clone()
                .prop_map(|e| format!("{{ let t = {e}; t * 2 }}")),
        ]
    })
}

fn float_expr() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("x".to_string()),
        Just("y".to_string()),
        Just("0.5".to_string()),
        Just("0.0".to_string()),
        Just("float(a)".to_string()),
    ];
    leaf.prop_recursive(4, 24, 3, |inner| {
        prop_oneof![
            (
                inner.clone(),
                prop::sample::select(vec!["+", "-", "*", "/", "%", "**"]),
                inner.clone()
            )
                .prop_map(|(l, op, r)| format!("({l} {op} {r})")),
            inner.clone().prop_map(|e| format!("(-{e})")),
            (bool_leaf(), inner.clone(), inner.clone())
                .prop_map(|(c, t, e)| format!("(if {c} {{ {t} }} else {{ {e} }})")),
        ]
    })
}

fn bool_leaf() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("p".to_string()),
        Just("true".to_string()),
        (
            prop::sample::select(vec!["a", "b", "0"]),
            prop::sample::select(vec!["==", "!=", "<", "<=", ">", ">="]),
            prop::sample::select(vec!["a", "b", "1"])
        )
            .prop_map(|(l, op, r)| format!("({l} {op} {r})")),
        (
            prop::sample::select(vec!["x", "y"]),
            prop::sample::select(vec!["==", "!=", "<", ">="])
        )
            .prop_map(|(l, op)| format!("({l} {op} y)")),
        prop::sample::select(vec!["(s == \"ab\")", "(s < \"b\")", "(s >= s)"])
            .prop_map(String::from),
    ]
}

fn bool_expr() -> impl Strategy<Value = String> {
    bool_leaf().prop_recursive(3, 16, 3, |inner| {
        prop_oneof![
            (
                inner.clone(),
                prop::sample::select(vec!["&&", "||", "==", "!="]),
                inner.clone()
            )
                .prop_map(|(l, op, r)| format!("({l} {op} {r})")),
            inner.clone().prop_map(|e| format!("(!{e})")),
            (int_expr(), int_expr()).prop_map(|(l, r)| format!("({l} < {r})")),
            (float_expr(), float_expr()).prop_map(|(l, r)| format!("({l} != {r})")),
        ]
    })
}

fn str_expr() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![Just("s".to_string()), Just("\"ab\"".to_string())];
    leaf.prop_recursive(3, 8, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(l, r)| format!("({l} ++ {r})")),
            (bool_leaf(), inner.clone(), inner.clone())
                .prop_map(|(c, t, e)| format!("(if {c} {{ {t} }} else {{ {e} }})")),
        ]
    })
}

fn formula() -> impl Strategy<Value = String> {
    prop_oneof![int_expr(), float_expr(), bool_expr(), str_expr()]
}

fn rows() -> impl Strategy<Value = Vec<Row>> {
    let int = prop_oneof![
        8 => (-4i64..6).prop_map(Some),
        1 => Just(Some(i64::MAX)),
        1 => Just(Some(i64::MIN)),
        1 => Just(None),
    ];
    let float = prop_oneof![
        8 => (-4i32..6).prop_map(|i| Some(f64::from(i) * 0.75)),
        1 => Just(Some(f64::NAN)),
        1 => Just(None),
    ];
    let truth = prop_oneof![5 => any::<bool>().prop_map(Some), 1 => Just(None)];
    let text = prop_oneof![
        5 => prop::sample::select(vec!["", "ab", "b", "zz"]).prop_map(|s| Some(s.to_string())),
        1 => Just(None),
    ];
    prop::collection::vec(
        (int.clone(), int, float.clone(), float, truth, text).prop_map(|(a, b, x, y, p, s)| Row {
            a,
            b,
            x,
            y,
            p,
            s,
        }),
        0..24,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn random_formulas_agree_with_the_engine(f in formula(), rows in rows(), view in any::<bool>()) {
        if let Err(e) = agree(&f, &rows, view) {
            prop_assert!(false, "{}", e);
        }
    }
}
