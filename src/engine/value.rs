//! The values an embedder passes in and gets back.
//!
//! Owns [`Value`] (owned, `Send`, no reference into any program), its
//! conversions from and to Rust types ([`IntoCalc`], [`FromCalc`]), and the
//! conversions between it and the evaluator's runtime values: inputs and
//! host function results are converted guided by their declared type (a
//! mismatch is an error, never a panic), results and host function
//! arguments by their shape. It must not evaluate.

use crate::eval::value::{B8, EnumVal, Value as Rt};
use crate::sema::descriptor::VariantInfo;
use crate::sema::prelude;
use crate::sema::resolve::prelude_variants;
use crate::sema::types::SType;
use std::fmt;
use std::rc::Rc;
use std::sync::{Arc, OnceLock};

/// A calc value owned by the host: what a [`crate::Program`] returns, what
/// its inputs and host functions take.
///
/// It holds no function: a program whose result type contains one is refused
/// when it is compiled. `Display` prints the value as calc does (A7: a
/// string at top level raw, quoted inside containers).
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `()`
    Unit,
    /// `Bool`
    Bool(bool),
    /// `Int` (64-bit signed)
    Int(i64),
    /// `Float`
    Float(f64),
    /// `Str`
    Str(String),
    /// `[T]`
    List(Vec<Value>),
    /// A tuple of two or more values.
    Tuple(Vec<Value>),
    /// A value of an enum: `Some(3)`, `None`, `Ok("x")`, or a program's own.
    Enum {
        /// The enum's name (`Option`).
        type_name: String,
        /// The variant's name (`Some`).
        variant: String,
        /// The payload, in declaration order.
        fields: Vec<Value>,
    },
    /// A value of a struct the program declares.
    Struct {
        /// The struct's name.
        name: String,
        /// Field names and values, in declaration order.
        fields: Vec<(String, Value)>,
    },
}

/// Deepest nesting of lists, tuples, enums and structs converted between
/// calc and Rust. Deeper values (a linked list of a million cells) are an
/// error rather than a risk to the host's stack, which converting and
/// dropping them would recurse on.
pub const MAX_NESTING: u32 = 2_000;

/// Why a value could not be converted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConvertError {
    /// What was wanted (`Int`, `[Str]`, …).
    pub expected: String,
    /// What was there.
    pub found: String,
}

impl fmt::Display for ConvertError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "expected {}, found {}", self.expected, self.found)
    }
}

impl std::error::Error for ConvertError {}

impl Value {
    /// The value's kind as calc would name its type, for messages: `Int`,
    /// `[..]`, `Option`, …
    pub fn kind(&self) -> String {
        match self {
            Value::Unit => "()".into(),
            Value::Bool(_) => "Bool".into(),
            Value::Int(_) => "Int".into(),
            Value::Float(_) => "Float".into(),
            Value::Str(_) => "Str".into(),
            Value::List(_) => "a list".into(),
            Value::Tuple(xs) => format!("a tuple of {}", xs.len()),
            Value::Enum { type_name, .. } => type_name.clone(),
            Value::Struct { name, .. } => name.clone(),
        }
    }

    /// Converts to a Rust type: `value.to::<Vec<i64>>()`.
    pub fn to<T: FromCalc>(self) -> Result<T, ConvertError> {
        T::from_calc(self)
    }

    /// `Some(v)` as a calc `Option`.
    pub fn some(v: Value) -> Value {
        Value::enum_value("Option", "Some", vec![v])
    }

    /// `None` as a calc `Option`.
    pub fn none() -> Value {
        Value::enum_value("Option", "None", Vec::new())
    }

    fn enum_value(type_name: &str, variant: &str, fields: Vec<Value>) -> Value {
        Value::Enum {
            type_name: type_name.into(),
            variant: variant.into(),
            fields,
        }
    }

    fn mismatch(&self, expected: impl Into<String>) -> ConvertError {
        ConvertError {
            expected: expected.into(),
            found: self.kind(),
        }
    }

    /// The display form (A7); `quote` quotes a top-level string.
    fn write(&self, f: &mut fmt::Formatter<'_>, quote: bool) -> fmt::Result {
        let seq = |f: &mut fmt::Formatter<'_>, xs: &[Value]| {
            for (i, x) in xs.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                x.write(f, true)?;
            }
            Ok(())
        };
        match self {
            Value::Unit => f.write_str("()"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Int(i) => write!(f, "{i}"),
            Value::Float(x) => write!(f, "{x:?}"),
            Value::Str(s) if quote => write!(f, "{s:?}"),
            Value::Str(s) => f.write_str(s),
            Value::List(xs) => {
                f.write_str("[")?;
                seq(f, xs)?;
                f.write_str("]")
            }
            Value::Tuple(xs) => {
                f.write_str("(")?;
                seq(f, xs)?;
                f.write_str(")")
            }
            Value::Enum {
                variant, fields, ..
            } => {
                f.write_str(variant)?;
                if fields.is_empty() {
                    return Ok(());
                }
                f.write_str("(")?;
                seq(f, fields)?;
                f.write_str(")")
            }
            Value::Struct { name, fields } => {
                write!(f, "{name} {{ ")?;
                for (i, (n, v)) in fields.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{n}: ")?;
                    v.write(f, true)?;
                }
                f.write_str(" }")
            }
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, false)
    }
}

/// A Rust value that becomes a calc [`Value`].
pub trait IntoCalc {
    /// The calc value.
    fn into_calc(self) -> Value;
}

/// A Rust type a calc [`Value`] converts to; a value of another shape is a
/// [`ConvertError`].
pub trait FromCalc: Sized {
    /// The Rust value.
    fn from_calc(v: Value) -> Result<Self, ConvertError>;
}

macro_rules! scalar {
    ($t:ty, $variant:ident, $name:literal) => {
        impl IntoCalc for $t {
            fn into_calc(self) -> Value {
                Value::$variant(self.into())
            }
        }
        impl FromCalc for $t {
            fn from_calc(v: Value) -> Result<Self, ConvertError> {
                match v {
                    Value::$variant(x) => Ok(x),
                    other => Err(other.mismatch($name)),
                }
            }
        }
        impl From<$t> for Value {
            fn from(x: $t) -> Value {
                x.into_calc()
            }
        }
    };
}

scalar!(i64, Int, "Int");
scalar!(f64, Float, "Float");
scalar!(bool, Bool, "Bool");
scalar!(String, Str, "Str");

impl IntoCalc for &str {
    fn into_calc(self) -> Value {
        Value::Str(self.to_string())
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Str(s.to_string())
    }
}

impl IntoCalc for () {
    fn into_calc(self) -> Value {
        Value::Unit
    }
}

impl FromCalc for () {
    fn from_calc(v: Value) -> Result<(), ConvertError> {
        match v {
            Value::Unit => Ok(()),
            other => Err(other.mismatch("()")),
        }
    }
}

impl IntoCalc for Value {
    fn into_calc(self) -> Value {
        self
    }
}

impl FromCalc for Value {
    fn from_calc(v: Value) -> Result<Value, ConvertError> {
        Ok(v)
    }
}

impl<T: IntoCalc> IntoCalc for Vec<T> {
    fn into_calc(self) -> Value {
        Value::List(self.into_iter().map(IntoCalc::into_calc).collect())
    }
}

impl<T: IntoCalc> From<Vec<T>> for Value {
    fn from(xs: Vec<T>) -> Value {
        xs.into_calc()
    }
}

impl<T: FromCalc> FromCalc for Vec<T> {
    fn from_calc(v: Value) -> Result<Self, ConvertError> {
        match v {
            Value::List(xs) => xs.into_iter().map(T::from_calc).collect(),
            other => Err(other.mismatch("a list")),
        }
    }
}

impl<T: IntoCalc> IntoCalc for Option<T> {
    fn into_calc(self) -> Value {
        match self {
            Some(x) => Value::some(x.into_calc()),
            None => Value::none(),
        }
    }
}

impl<T: IntoCalc> From<Option<T>> for Value {
    fn from(x: Option<T>) -> Value {
        x.into_calc()
    }
}

impl<T: FromCalc> FromCalc for Option<T> {
    fn from_calc(v: Value) -> Result<Self, ConvertError> {
        match v {
            Value::Enum {
                type_name,
                variant,
                mut fields,
            } if type_name == "Option" => match (variant.as_str(), fields.pop()) {
                ("Some", Some(x)) if fields.is_empty() => Ok(Some(T::from_calc(x)?)),
                ("None", None) => Ok(None),
                _ => Err(ConvertError {
                    expected: "Option".into(),
                    found: format!("Option::{variant}"),
                }),
            },
            other => Err(other.mismatch("Option")),
        }
    }
}

macro_rules! tuple {
    ($n:literal; $($t:ident $i:tt),+) => {
        impl<$($t: IntoCalc),+> IntoCalc for ($($t,)+) {
            fn into_calc(self) -> Value {
                Value::Tuple(vec![$(self.$i.into_calc()),+])
            }
        }
        impl<$($t: IntoCalc),+> From<($($t,)+)> for Value {
            fn from(x: ($($t,)+)) -> Value {
                x.into_calc()
            }
        }
        impl<$($t: FromCalc),+> FromCalc for ($($t,)+) {
            fn from_calc(v: Value) -> Result<Self, ConvertError> {
                match v {
                    Value::Tuple(xs) if xs.len() == $n => {
                        let mut it = xs.into_iter();
                        Ok(($($t::from_calc(it.next().expect(concat!("tuple field ", stringify!($i))))?,)+))
                    }
                    other => Err(other.mismatch(concat!("a tuple of ", $n))),
                }
            }
        }
    };
}

tuple!(2; A 0, B 1);
tuple!(3; A 0, B 1, C 2);
tuple!(4; A 0, B 1, C 2, D 3);

/// The prelude's variants (`Some`, `None`, `Ok`, `Err`), shared by every
/// conversion.
fn prelude_variant(i: usize) -> Arc<VariantInfo> {
    static VARIANTS: OnceLock<Vec<Arc<VariantInfo>>> = OnceLock::new();
    VARIANTS.get_or_init(prelude_variants)[i].clone()
}

/// A runtime value from `v`, which must have type `t` (a declared input or
/// a host function's declared result). Type variables accept any shape.
pub(crate) fn to_runtime(v: &Value, t: &SType, depth: u32) -> Result<Rt, ConvertError> {
    stacker::maybe_grow(32 * 1024, 1024 * 1024, || to_runtime_inner(v, t, depth))
}

fn to_runtime_inner(v: &Value, t: &SType, depth: u32) -> Result<Rt, ConvertError> {
    if depth > MAX_NESTING {
        return Err(ConvertError {
            expected: format!("a value nested at most {MAX_NESTING} deep"),
            found: "a deeper one".into(),
        });
    }
    let d = depth + 1;
    Ok(match (t, v) {
        (SType::Int, Value::Int(i)) => Rt::Int(*i),
        (SType::Float, Value::Float(x)) => Rt::Float(*x),
        (SType::Bool, Value::Bool(b)) => Rt::Bool(B8(*b)),
        (SType::Str, Value::Str(s)) => Rt::Str(Rc::new(s.clone())),
        (SType::Unit, Value::Unit) => Rt::Unit,
        (SType::List(e), Value::List(xs)) => Rt::list(
            xs.iter()
                .map(|x| to_runtime(x, e, d))
                .collect::<Result<_, _>>()?,
        ),
        (SType::Tuple(ts), Value::Tuple(xs)) if ts.len() == xs.len() => Rt::Tuple(Rc::new(
            xs.iter()
                .zip(ts)
                .map(|(x, t)| to_runtime(x, t, d))
                .collect::<Result<_, _>>()?,
        )),
        (
            SType::Named(def, args),
            Value::Enum {
                type_name,
                variant,
                fields,
            },
        ) if (*def == prelude::OPTION && type_name == "Option")
            || (*def == prelude::RESULT && type_name == "Result") =>
        {
            let (index, payload) = match (variant.as_str(), fields.len()) {
                ("Some", 1) => (0, args.first()),
                ("None", 0) => (1, None),
                ("Ok", 1) => (2, args.first()),
                ("Err", 1) => (3, args.get(1)),
                _ => return Err(v.mismatch(stype_name(t))),
            };
            let fields = match (payload, fields.first()) {
                (Some(pt), Some(x)) => vec![to_runtime(x, pt, d)?],
                _ => Vec::new(),
            };
            Rt::Enum(Rc::new(EnumVal {
                variant: prelude_variant(index),
                fields: fields.into_boxed_slice(),
            }))
        }
        (SType::Var(_) | SType::Error, v) => untyped(v, d)?,
        _ => return Err(v.mismatch(stype_name(t))),
    })
}

/// A runtime value of `v`'s own shape (for a result of generic type).
fn untyped(v: &Value, depth: u32) -> Result<Rt, ConvertError> {
    let t = match v {
        Value::Int(_) => SType::Int,
        Value::Float(_) => SType::Float,
        Value::Bool(_) => SType::Bool,
        Value::Str(_) => SType::Str,
        Value::Unit => SType::Unit,
        Value::List(_) => SType::List(Box::new(SType::Var(0))),
        Value::Tuple(xs) => SType::Tuple(vec![SType::Var(0); xs.len()]),
        Value::Enum { type_name, .. } if type_name == "Option" => {
            SType::Named(prelude::OPTION, vec![SType::Var(0)])
        }
        Value::Enum { type_name, .. } if type_name == "Result" => {
            SType::Named(prelude::RESULT, vec![SType::Var(0), SType::Var(0)])
        }
        other => return Err(other.mismatch("a value of a built-in type")),
    };
    to_runtime(v, &t, depth)
}

/// Most parts (list elements, tuple, enum and struct fields, scalars) an
/// owned copy handed to Rust may have. A runtime value may share one part
/// many times (`(x, x)` built forty times over has 2^40 leaves in a few
/// hundred bytes); its owned copy repeats each shared part, so the copy's
/// size is counted first, through the sharing, and a value past this
/// bound is refused before anything is copied instead of exhausting
/// memory. 16 M parts is about 1 GB of `Value`s.
pub const MAX_PARTS: u64 = 1 << 24;

/// The embedder's copy of runtime value `v` (a result, or a host function's
/// argument): refused when its copy would have more than `max_parts` parts
/// (see [`MAX_PARTS`]).
pub(crate) fn from_runtime_within(v: &Rt, max_parts: u64) -> Result<Value, ConvertError> {
    let mut seen = std::collections::HashMap::new();
    let parts = expanded_parts(v, max_parts, &mut seen, 0);
    if parts > max_parts {
        return Err(ConvertError {
            expected: format!("a value of at most {max_parts} parts once copied"),
            found: "a larger one (shared parts count each time they occur)".into(),
        });
    }
    from_runtime(v, 0)
}

/// The number of parts of `v`'s owned copy, saturating past `cap`; shared
/// parts (an `Rc` held more than once) are counted once per part through
/// `seen`, so this is linear in the distinct parts.
fn expanded_parts(
    v: &Rt,
    cap: u64,
    seen: &mut std::collections::HashMap<usize, u64>,
    depth: u32,
) -> u64 {
    if depth > MAX_NESTING {
        return 1;
    }
    let sum = |xs: &[Rt], seen: &mut std::collections::HashMap<usize, u64>| {
        let mut n = 1u64;
        for x in xs {
            let part = stacker::maybe_grow(32 * 1024, 1024 * 1024, || {
                expanded_parts(x, cap, seen, depth + 1)
            });
            n = n.saturating_add(part);
            if n > cap {
                break;
            }
        }
        n
    };
    fn memo<T: ?Sized>(
        rc: &std::rc::Rc<T>,
        seen: &mut std::collections::HashMap<usize, u64>,
        count: impl FnOnce(&mut std::collections::HashMap<usize, u64>) -> u64,
    ) -> u64 {
        if std::rc::Rc::strong_count(rc) == 1 {
            return count(seen);
        }
        let key = std::rc::Rc::as_ptr(rc).cast::<u8>() as usize;
        if let Some(&n) = seen.get(&key) {
            return n;
        }
        let n = count(seen);
        seen.insert(key, n);
        n
    }
    match v {
        Rt::List(xs) => memo(xs, seen, |seen| sum(xs, seen)),
        Rt::Tuple(xs) => memo(xs, seen, |seen| sum(xs, seen)),
        Rt::Enum(e) => memo(e, seen, |seen| sum(&e.fields, seen)),
        Rt::Struct(s) => memo(s, seen, |seen| sum(&s.fields, seen)),
        _ => 1,
    }
}

/// The embedder's copy of runtime value `v`, which must not share parts
/// beyond what [`from_runtime_within`] allows (use that on values from a
/// program).
pub(crate) fn from_runtime(v: &Rt, depth: u32) -> Result<Value, ConvertError> {
    if depth > MAX_NESTING {
        return Err(ConvertError {
            expected: format!("a value nested at most {MAX_NESTING} deep"),
            found: "a deeper one".into(),
        });
    }
    let d = depth + 1;
    let all = |xs: &[Rt]| -> Result<Vec<Value>, ConvertError> {
        xs.iter()
            .map(|x| stacker::maybe_grow(32 * 1024, 1024 * 1024, || from_runtime(x, d)))
            .collect()
    };
    Ok(match v {
        Rt::Unit => Value::Unit,
        Rt::Bool(B8(b)) => Value::Bool(*b),
        Rt::Int(i) => Value::Int(*i),
        Rt::Float(x) => Value::Float(*x),
        Rt::Str(s) => Value::Str(s.to_string()),
        Rt::List(xs) => Value::List(all(xs)?),
        Rt::Tuple(xs) => Value::Tuple(all(xs)?),
        Rt::Enum(e) => Value::Enum {
            type_name: e.variant.enum_name.to_string(),
            variant: e.variant.name.to_string(),
            fields: all(&e.fields)?,
        },
        Rt::Struct(s) => Value::Struct {
            name: s.info.name.to_string(),
            fields: s
                .info
                .fields
                .iter()
                .map(|n| n.to_string())
                .zip(all(&s.fields)?)
                .collect(),
        },
        Rt::Fn(_) | Rt::Builtin(_) | Rt::Host(_) | Rt::Ctor(_) | Rt::Uninit | Rt::TailCall => {
            return Err(ConvertError {
                expected: "data".into(),
                found: "a function".into(),
            });
        }
    })
}

/// `t` as calc prints a type (type parameters as `T0`, `T1`, …).
pub(crate) fn stype_name(t: &SType) -> String {
    let list = |xs: &[SType]| xs.iter().map(stype_name).collect::<Vec<_>>().join(", ");
    match t {
        SType::Int => "Int".into(),
        SType::Float => "Float".into(),
        SType::Bool => "Bool".into(),
        SType::Str => "Str".into(),
        SType::Unit => "()".into(),
        SType::Error => "_".into(),
        SType::Var(i) | SType::Param(i) => format!("T{i}"),
        SType::List(x) => format!("[{}]", stype_name(x)),
        SType::Tuple(xs) => format!("({})", list(xs)),
        SType::Fn(ps, r) => format!("fn({}) -> {}", list(ps), stype_name(r)),
        SType::Named(d, xs) => {
            let name = if *d == prelude::OPTION {
                "Option"
            } else {
                "Result"
            };
            format!("{name}<{}>", list(xs))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_values_round_trip() {
        let v: Value = (3i64, vec!["a", "b"], Some(2.5)).into();
        assert_eq!(v.to_string(), "(3, [\"a\", \"b\"], Some(2.5))");
        let back: (i64, Vec<String>, Option<f64>) = v.to().expect("same shape");
        assert_eq!(back, (3, vec!["a".to_string(), "b".to_string()], Some(2.5)));
        assert_eq!(Value::from("x").to_string(), "x");
        assert_eq!(Value::Unit.to::<()>(), Ok(()));
        assert_eq!(Value::none().to::<Option<bool>>(), Ok(None));
    }

    #[test]
    fn wrong_shapes_are_errors() {
        let e = Value::Str("x".into()).to::<i64>().expect_err("not an Int");
        assert_eq!(e.to_string(), "expected Int, found Str");
        let e = Value::List(vec![Value::Int(1), Value::Bool(true)])
            .to::<Vec<i64>>()
            .expect_err("a Bool inside");
        assert_eq!(e.found, "Bool");
        assert!(Value::Int(1).to::<(i64, i64)>().is_err());
    }

    #[test]
    fn inputs_follow_their_declared_type() {
        let t = SType::List(Box::new(SType::Named(prelude::OPTION, vec![SType::Int])));
        let ok = Value::List(vec![Value::some(Value::Int(1)), Value::none()]);
        let rt = to_runtime(&ok, &t, 0).expect("matches");
        assert_eq!(rt.display(false), "[Some(1), None]");
        assert_eq!(from_runtime(&rt, 0), Ok(ok));
        let bad = Value::List(vec![Value::some(Value::Str("x".into()))]);
        let e = to_runtime(&bad, &t, 0).expect_err("Str is not Int");
        assert_eq!(e.expected, "Int");
    }

    #[test]
    fn nesting_is_bounded() {
        let mut v = Value::Int(0);
        let mut t = SType::Int;
        for _ in 0..MAX_NESTING + 5 {
            v = Value::List(vec![v]);
            t = SType::List(Box::new(t));
        }
        assert!(to_runtime(&v, &t, 0).is_err());
    }
}
