//! Columns while a batch is evaluated, and their conversion from and to
//! Arrow arrays.
//!
//! Owns [`Col`] (an Int, Float or Bool column as a plain slice, borrowed
//! from the input array when it can be, or one constant for every row; a
//! Str column as the Arrow array it came from or owned strings), reading
//! one row of a column as a calc [`Value`] and building the result array.
//! It must not evaluate.

use super::plan::{Kind, Lit};
use crate::engine::Value;
use arrow_array::{
    Array, ArrayRef, BooleanArray, Float64Array, Int64Array, StringArray, StringViewArray,
};
use arrow_buffer::NullBuffer;
use std::borrow::Cow;
use std::sync::Arc;

/// Strings of a column.
#[derive(Clone, Debug)]
pub enum Strs<'a> {
    /// An Arrow Utf8 array.
    Utf8(&'a StringArray),
    /// An Arrow Utf8View array.
    View(&'a StringViewArray),
    /// Strings made while evaluating.
    Owned(Vec<String>),
}

impl Strs<'_> {
    /// Row `i` (a null row reads as its placeholder, usually empty).
    #[inline]
    pub fn at(&self, i: usize) -> &str {
        match self {
            Strs::Utf8(a) => a.value(i),
            Strs::View(a) => a.value(i),
            Strs::Owned(v) => &v[i],
        }
    }
}

/// A column of one kind: a value per row, or one constant.
#[derive(Clone, Debug)]
pub enum Col<'a> {
    /// Ints.
    Int(Cow<'a, [i64]>),
    /// Floats.
    Float(Cow<'a, [f64]>),
    /// Truth values.
    Bool(Cow<'a, [bool]>),
    /// Strings.
    Str(Strs<'a>),
    /// The same value on every row.
    Const(Lit),
}

impl<'a> Col<'a> {
    /// Input `array` as a column of `kind`, borrowed where its layout
    /// allows; `None` when the array's type is not `kind`'s.
    pub fn from_array(array: &'a dyn Array, kind: Kind) -> Option<Col<'a>> {
        let any = array.as_any();
        Some(match kind {
            Kind::Int => Col::Int(Cow::Borrowed(&**any.downcast_ref::<Int64Array>()?.values())),
            Kind::Float => Col::Float(Cow::Borrowed(
                &**any.downcast_ref::<Float64Array>()?.values(),
            )),
            Kind::Bool => {
                let b = any.downcast_ref::<BooleanArray>()?.values();
                Col::Bool(Cow::Owned(b.iter().collect()))
            }
            Kind::Str => match any.downcast_ref::<StringArray>() {
                Some(a) => Col::Str(Strs::Utf8(a)),
                None => Col::Str(Strs::View(any.downcast_ref::<StringViewArray>()?)),
            },
        })
    }

    /// Row `i` as a calc value.
    pub fn value(&self, i: usize) -> Value {
        match self {
            Col::Int(v) => Value::Int(v[i]),
            Col::Float(v) => Value::Float(v[i]),
            Col::Bool(v) => Value::Bool(v[i]),
            Col::Str(s) => Value::Str(s.at(i).to_string()),
            Col::Const(l) => lit_value(l),
        }
    }

    /// The column as an Arrow array of `n` rows with `nulls`.
    pub fn into_array(self, n: usize, kind: Kind, nulls: Option<NullBuffer>) -> ArrayRef {
        match (self, kind) {
            (Col::Const(l), _) => Col::broadcast(&l, n).into_array(n, kind, nulls),
            (Col::Int(v), _) => Arc::new(Int64Array::new(v.into_owned().into(), nulls)),
            (Col::Float(v), _) => Arc::new(Float64Array::new(v.into_owned().into(), nulls)),
            (Col::Bool(v), _) => Arc::new(BooleanArray::new(v.iter().copied().collect(), nulls)),
            (Col::Str(s), _) => {
                let values = (0..n).map(|i| match &nulls {
                    Some(b) if b.is_null(i) => None,
                    _ => Some(s.at(i)),
                });
                Arc::new(values.collect::<StringArray>())
            }
        }
    }

    /// A constant written out on `n` rows.
    pub fn broadcast(l: &Lit, n: usize) -> Col<'static> {
        match l {
            Lit::Int(x) => Col::Int(Cow::Owned(vec![*x; n])),
            Lit::Float(x) => Col::Float(Cow::Owned(vec![*x; n])),
            Lit::Bool(x) => Col::Bool(Cow::Owned(vec![*x; n])),
            Lit::Str(x) => Col::Str(Strs::Owned(vec![x.clone(); n])),
        }
    }
}

/// A literal as a calc value.
pub fn lit_value(l: &Lit) -> Value {
    match l {
        Lit::Int(x) => Value::Int(*x),
        Lit::Float(x) => Value::Float(*x),
        Lit::Bool(x) => Value::Bool(*x),
        Lit::Str(x) => Value::Str(x.clone()),
    }
}

/// Row values of `kind` gathered into a column (`None`: a row not
/// evaluated, which gets a placeholder).
pub fn collect(kind: Kind, values: Vec<Option<Value>>) -> Col<'static> {
    match kind {
        Kind::Int => Col::Int(Cow::Owned(
            values
                .into_iter()
                .map(|v| match v {
                    Some(Value::Int(x)) => x,
                    _ => 0,
                })
                .collect(),
        )),
        Kind::Float => Col::Float(Cow::Owned(
            values
                .into_iter()
                .map(|v| match v {
                    Some(Value::Float(x)) => x,
                    _ => 0.0,
                })
                .collect(),
        )),
        Kind::Bool => Col::Bool(Cow::Owned(
            values
                .into_iter()
                .map(|v| matches!(v, Some(Value::Bool(true))))
                .collect(),
        )),
        Kind::Str => Col::Str(Strs::Owned(
            values
                .into_iter()
                .map(|v| match v {
                    Some(Value::Str(s)) => s,
                    _ => String::new(),
                })
                .collect(),
        )),
    }
}
