//! The prelude's functions and constants at run time (A8, B).
//!
//! Owns the implementation of every [`Builtin`], in one exhaustive match, with
//! the edge cases A8/A9 decide (scalar-value string lengths, stable sort by
//! IEEE total order, truncating `zip`, `round` half away from zero, …). The
//! builtins' names and types are declared in [`crate::sema::prelude`]; this
//! module must not type or look a builtin up by name.

use crate::eval::list;
use crate::eval::value::{B8, BuiltinFn, EnumVal, Value};
use crate::eval::{BuiltinCx, Interp, R, RuntimeError, codes, text};
use crate::sema::descriptor::VariantInfo;
use crate::sema::prelude::Builtin;
use crate::span::Span;
use std::rc::Rc;
use std::sync::Arc;

/// The value a builtin name denotes: a constant, or the function itself.
pub(crate) fn value(b: Builtin) -> Value {
    match b {
        Builtin::Pi => Value::Float(std::f64::consts::PI),
        Builtin::E => Value::Float(std::f64::consts::E),
        function => Value::Builtin(BuiltinFn(function)),
    }
}

/// `map(l, f)`: in place when `l` is not shared (for a view, only its own
/// elements), else into a new list.
fn map_list(
    it: &mut Interp,
    bcx: &BuiltinCx,
    mut l: Rc<list::List>,
    f: &Value,
    span: Span,
) -> R<Value> {
    it.builtin_check_len(bcx, l.len(), span)?;
    if let Some(items) = list::List::get_mut(&mut l) {
        for x in items.iter_mut() {
            let v = std::mem::replace(x, Value::Unit);
            *x = it.call_from_builtin(bcx, f, [v], span)?;
        }
        return Ok(Value::List(l));
    }
    let mut out = Vec::with_capacity(l.len());
    for x in l.iter() {
        out.push(it.call_from_builtin(bcx, f, [x.clone()], span)?);
    }
    Ok(Value::list(out))
}

thread_local! {
    static OPTION: (Arc<VariantInfo>, Arc<VariantInfo>) = {
        let v = crate::sema::resolve::prelude_variants();
        (v[0].clone(), v[1].clone())
    };
}

fn some(v: Value) -> Value {
    OPTION.with(|(s, _)| {
        Value::Enum(Rc::new(EnumVal {
            variant: s.clone(),
            fields: Box::new([v]),
        }))
    })
}

fn none() -> Value {
    OPTION.with(|(_, n)| {
        Value::Enum(Rc::new(EnumVal {
            variant: n.clone(),
            fields: Box::new([]),
        }))
    })
}

/// `f` applied to a builtin's one Float argument.
fn float_fn(args: &[Value], f: fn(f64) -> f64) -> Option<Value> {
    match args {
        [Value::Float(x)] => Some(Value::Float(f(*x))),
        _ => None,
    }
}

/// Calls builtin `b` with `args` (already evaluated, arity checked by the
/// type checker; a mismatch is reported as an internal error).
pub(crate) fn call(
    it: &mut Interp,
    bcx: &BuiltinCx,
    b: Builtin,
    args: Vec<Value>,
    span: Span,
) -> R<Value> {
    let (steps, bytes) = cost(b, &args);
    if steps | bytes != 0 {
        it.builtin_charge(bcx, steps, bytes, span)?;
    }
    let bad = |it: &Interp| unexpected(it, bcx, b, span);
    use Value::{Bool, Float, Int, List, Str, Tuple, Unit};
    let v = match b {
        Builtin::Print => {
            let [v] = args.as_slice() else {
                return Err(bad(it));
            };
            let s = display(it, bcx, v, span)?;
            it.write_out(&s);
            Unit
        }
        Builtin::Println => {
            let [v] = args.as_slice() else {
                return Err(bad(it));
            };
            let mut s = display(it, bcx, v, span)?;
            s.push('\n');
            it.write_out(&s);
            Unit
        }
        Builtin::Str => match args.as_slice() {
            // Returned as it is: nothing is built.
            [v @ Str(_)] => v.clone(),
            [v] => Str(Rc::new(display(it, bcx, v, span)?)),
            _ => return Err(bad(it)),
        },
        Builtin::Float => {
            let [Int(x)] = args.as_slice() else {
                return Err(bad(it));
            };
            Float(*x as f64)
        }
        Builtin::Int => {
            let [Float(x)] = args.as_slice() else {
                return Err(bad(it));
            };
            let x = *x;
            if x.is_nan()
                || x.is_infinite()
                || x.trunc() < -9.223_372_036_854_776e18
                || x.trunc() >= 9.223_372_036_854_776e18
            {
                return Err(it.builtin_error(
                    bcx,
                    codes::INVALID_ARGUMENT,
                    format!("cannot convert {} to Int", Float(x).display(false)),
                    span,
                ));
            }
            Int(x.trunc() as i64)
        }
        Builtin::Abs => match args.as_slice() {
            [Int(x)] => match x.checked_abs() {
                Some(a) => Int(a),
                None => {
                    return Err(it.builtin_error(
                        bcx,
                        codes::OVERFLOW,
                        "integer overflow in abs".to_string(),
                        span,
                    ));
                }
            },
            [Float(x)] => Float(x.abs()),
            _ => return Err(bad(it)),
        },
        Builtin::Min => {
            let [a, b] = args.as_slice() else {
                return Err(bad(it));
            };
            if b.partial_cmp(a)
                .map_err(|_| bad(it))?
                .is_some_and(|o| o.is_lt())
            {
                b.clone()
            } else {
                a.clone()
            }
        }
        Builtin::Max => {
            let [a, b] = args.as_slice() else {
                return Err(bad(it));
            };
            if b.partial_cmp(a)
                .map_err(|_| bad(it))?
                .is_some_and(|o| o.is_gt())
            {
                b.clone()
            } else {
                a.clone()
            }
        }
        Builtin::Sqrt => float_fn(&args, f64::sqrt).ok_or_else(|| bad(it))?,
        Builtin::Exp => float_fn(&args, f64::exp).ok_or_else(|| bad(it))?,
        Builtin::Ln => float_fn(&args, f64::ln).ok_or_else(|| bad(it))?,
        Builtin::Log10 => float_fn(&args, f64::log10).ok_or_else(|| bad(it))?,
        Builtin::Sin => float_fn(&args, f64::sin).ok_or_else(|| bad(it))?,
        Builtin::Cos => float_fn(&args, f64::cos).ok_or_else(|| bad(it))?,
        Builtin::Tan => float_fn(&args, f64::tan).ok_or_else(|| bad(it))?,
        Builtin::Floor => float_fn(&args, f64::floor).ok_or_else(|| bad(it))?,
        Builtin::Ceil => float_fn(&args, f64::ceil).ok_or_else(|| bad(it))?,
        Builtin::Round => float_fn(&args, f64::round).ok_or_else(|| bad(it))?,
        Builtin::Atan2 => {
            let [Float(y), Float(x)] = args.as_slice() else {
                return Err(bad(it));
            };
            Float(y.atan2(*x))
        }
        Builtin::Pow => {
            let [Float(x), Float(y)] = args.as_slice() else {
                return Err(bad(it));
            };
            Float(x.powf(*y))
        }
        // Constants: read as values, never called.
        Builtin::Pi | Builtin::E => return Err(bad(it)),
        Builtin::Len => match args.as_slice() {
            [Str(s)] => Int(s.chars().count() as i64),
            [List(l)] => Int(l.len() as i64),
            _ => return Err(bad(it)),
        },
        Builtin::Range => {
            let [Int(a), Int(b)] = args.as_slice() else {
                return Err(bad(it));
            };
            let n = if b > a {
                (*b as i128 - *a as i128) as usize
            } else {
                0
            };
            it.builtin_check_len(bcx, n, span)?;
            let mut items = Vec::new();
            if items.try_reserve_exact(n).is_err() {
                return Err(it.builtin_error(
                    bcx,
                    codes::TOO_LONG,
                    format!("out of memory: cannot build a list of {n} elements"),
                    span,
                ));
            }
            // In steps, so Ctrl-C stops a long one promptly.
            let mut next = *a;
            while next < *b {
                it.builtin_check_interrupt(bcx, span)?;
                let step_end = next.saturating_add(1 << 20).min(*b);
                items.extend((next..step_end).map(Int));
                next = step_end;
            }
            Value::list(items)
        }
        Builtin::Map => {
            // A list nothing else refers to (a fresh `range`, the result of
            // an earlier `map`) is mapped in place.
            let mut args = args.into_iter();
            let (Some(List(l)), Some(f), None) = (args.next(), args.next(), args.next()) else {
                return Err(bad(it));
            };
            return map_list(it, bcx, l, &f, span);
        }
        Builtin::Filter => {
            let [List(l), f] = args.as_slice() else {
                return Err(bad(it));
            };
            let mut out = Vec::new();
            for x in l.iter() {
                if let Bool(B8(true)) = it.call_from_builtin(bcx, f, [x.clone()], span)? {
                    if out.len() == it.max_len() {
                        return Err(it.builtin_too_long(bcx, span));
                    }
                    out.push(x.clone());
                }
            }
            Value::list(out)
        }
        Builtin::Fold => {
            let [List(l), init, f] = args.as_slice() else {
                return Err(bad(it));
            };
            let mut acc = init.clone();
            for x in l.iter() {
                acc = it.call_from_builtin(bcx, f, [acc, x.clone()], span)?;
            }
            acc
        }
        Builtin::Sum => {
            let [List(l)] = args.as_slice() else {
                return Err(bad(it));
            };
            let mut acc: Option<Value> = None;
            for x in l.iter() {
                acc = Some(match (acc, x) {
                    (None, v) => v.clone(),
                    (Some(Int(a)), Int(b)) => Int(a.checked_add(*b).ok_or_else(|| {
                        it.builtin_error(
                            bcx,
                            codes::OVERFLOW,
                            "integer overflow in sum".to_string(),
                            span,
                        )
                    })?),
                    (Some(Float(a)), Float(b)) => Float(a + b),
                    _ => return Err(bad(it)),
                });
            }
            acc.unwrap_or(Int(0))
        }
        Builtin::Product => {
            let [List(l)] = args.as_slice() else {
                return Err(bad(it));
            };
            let mut acc: Option<Value> = None;
            for x in l.iter() {
                acc = Some(match (acc, x) {
                    (None, v) => v.clone(),
                    (Some(Int(a)), Int(b)) => Int(a.checked_mul(*b).ok_or_else(|| {
                        it.builtin_error(
                            bcx,
                            codes::OVERFLOW,
                            "integer overflow in product".to_string(),
                            span,
                        )
                    })?),
                    (Some(Float(a)), Float(b)) => Float(a * b),
                    _ => return Err(bad(it)),
                });
            }
            acc.unwrap_or(Int(1))
        }
        Builtin::Any => {
            let [List(l), f] = args.as_slice() else {
                return Err(bad(it));
            };
            for x in l.iter() {
                if let Bool(B8(true)) = it.call_from_builtin(bcx, f, [x.clone()], span)? {
                    return Ok(Bool(B8(true)));
                }
            }
            Bool(B8(false))
        }
        Builtin::All => {
            let [List(l), f] = args.as_slice() else {
                return Err(bad(it));
            };
            for x in l.iter() {
                if let Bool(B8(false)) = it.call_from_builtin(bcx, f, [x.clone()], span)? {
                    return Ok(Bool(B8(false)));
                }
            }
            Bool(B8(true))
        }
        Builtin::Reverse => {
            let [List(l)] = args.as_slice() else {
                return Err(bad(it));
            };
            it.builtin_check_len(bcx, l.len(), span)?;
            Value::list(l.iter().rev().cloned().collect())
        }
        Builtin::Sort => {
            let [List(l)] = args.as_slice() else {
                return Err(bad(it));
            };
            it.builtin_check_len(bcx, l.len(), span)?;
            let mut v: Vec<Value> = l.to_vec();
            // Elements of one list have one type: every pair is comparable
            // exactly when each element is comparable with the first.
            if let Some(first) = v.first()
                && v.iter().any(|x| x.total_cmp(first).is_err())
            {
                return Err(bad(it));
            }
            v.sort_by(|a, b| a.total_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
            Value::list(v)
        }
        Builtin::Zip => {
            let [List(a), List(b)] = args.as_slice() else {
                return Err(bad(it));
            };
            it.builtin_check_len(bcx, a.len().min(b.len()), span)?;
            Value::list(
                a.iter()
                    .zip(b.iter())
                    .map(|(x, y)| Tuple(Rc::new(vec![x.clone(), y.clone()])))
                    .collect(),
            )
        }
        Builtin::Contains => {
            let [List(l), x] = args.as_slice() else {
                return Err(bad(it));
            };
            let mut found = false;
            for y in l.iter() {
                if y.equals(x).map_err(|_| bad(it))? {
                    found = true;
                    break;
                }
            }
            Bool(B8(found))
        }
        Builtin::Head => non_empty(it, bcx, b, &args, span)?[0].clone(),
        Builtin::Last => {
            let l = non_empty(it, bcx, b, &args, span)?;
            l[l.len() - 1].clone()
        }
        Builtin::Tail => {
            let l = non_empty(it, bcx, b, &args, span)?;
            it.builtin_check_len(bcx, l.len() - 1, span)?;
            Value::List(list::List::skip(l, 1))
        }
        Builtin::Join => {
            let [List(l), Str(sep)] = args.as_slice() else {
                return Err(bad(it));
            };
            return text::join(it, bcx, l, sep, span);
        }
        Builtin::Split => {
            let [Str(s), Str(sep)] = args.as_slice() else {
                return Err(bad(it));
            };
            return text::split(it, bcx, s, sep, span);
        }
        Builtin::Chars => {
            let [Str(s)] = args.as_slice() else {
                return Err(bad(it));
            };
            return text::chars(it, bcx, s, span);
        }
        Builtin::Upper => {
            let [Str(s)] = args.as_slice() else {
                return Err(bad(it));
            };
            return text::upper(it, bcx, s, span);
        }
        Builtin::Lower => {
            let [Str(s)] = args.as_slice() else {
                return Err(bad(it));
            };
            return text::lower(it, bcx, s, span);
        }
        Builtin::Trim => {
            let [Str(s)] = args.as_slice() else {
                return Err(bad(it));
            };
            return text::trim(it, bcx, s, span);
        }
        Builtin::Assert => {
            let [Bool(B8(ok)), Str(msg)] = args.as_slice() else {
                return Err(bad(it));
            };
            if !ok {
                return Err(it.builtin_error(
                    bcx,
                    codes::ASSERTION_FAILED,
                    format!("assertion failed: {msg}"),
                    span,
                ));
            }
            Unit
        }
        Builtin::Panic => {
            let [Str(msg)] = args.as_slice() else {
                return Err(bad(it));
            };
            return Err(it.builtin_error(bcx, codes::PANIC, format!("panic: {msg}"), span));
        }
        Builtin::First => {
            let [List(l)] = args.as_slice() else {
                return Err(bad(it));
            };
            l.first().cloned().map_or_else(none, some)
        }
        Builtin::Get => {
            let [List(l), Int(i)] = args.as_slice() else {
                return Err(bad(it));
            };
            if *i < 0 {
                none()
            } else {
                l.get(*i as usize).cloned().map_or_else(none, some)
            }
        }
        Builtin::ParseInt => {
            let [Str(s)] = args.as_slice() else {
                return Err(bad(it));
            };
            parse_int(s).map_or_else(none, |v| some(Int(v)))
        }
        Builtin::ParseFloat => {
            let [Str(s)] = args.as_slice() else {
                return Err(bad(it));
            };
            s.parse::<f64>().ok().map_or_else(none, |v| some(Float(v)))
        }
    };
    Ok(v)
}

/// Bytes a value takes in a list.
const SLOT: u64 = std::mem::size_of::<Value>() as u64;

/// The work builtin `b` is about to do on `args`, beyond the one step of
/// the call itself: fuel steps (about one per element or byte it visits; n
/// log n for `sort`) and bytes of lists and strings it allocates. Charged
/// before the builtin runs, so `sort(range(0, 10 ** 8))` under a small fuel
/// stops before `range` allocates anything.
fn cost(b: Builtin, args: &[Value]) -> (u64, u64) {
    let list = |i: usize| match args.get(i) {
        Some(Value::List(l)) => l.len() as u64,
        _ => 0,
    };
    let text = |i: usize| match args.get(i) {
        Some(Value::Str(s)) => s.len() as u64,
        _ => 0,
    };
    let n = list(0);
    match b {
        Builtin::Range => {
            let n = match args {
                [Value::Int(a), Value::Int(b)] if b > a => (*b as i128 - *a as i128) as u64,
                _ => 0,
            };
            (n, n.saturating_mul(SLOT))
        }
        Builtin::Map | Builtin::Filter | Builtin::Reverse | Builtin::Tail => (n, n * SLOT),
        Builtin::Fold
        | Builtin::Sum
        | Builtin::Product
        | Builtin::Any
        | Builtin::All
        | Builtin::Contains => (n, 0),
        Builtin::Sort => (n * (u64::BITS - n.leading_zeros()) as u64, n * SLOT),
        Builtin::Zip => {
            let m = n.min(list(1));
            (m, m * 3 * SLOT)
        }
        Builtin::Join => {
            let parts = match args.first() {
                Some(Value::List(l)) => l
                    .iter()
                    .map(|x| match x {
                        Value::Str(s) => s.len() as u64,
                        _ => 0,
                    })
                    .sum(),
                _ => 0,
            };
            let bytes = parts + n.saturating_sub(1) * text(1);
            (n + bytes, bytes)
        }
        Builtin::Split | Builtin::Chars => {
            let len = text(0);
            let pieces = match args {
                [Value::Str(s), Value::Str(sep)] if !sep.is_empty() => s.matches(&**sep).count(),
                [Value::Str(s), ..] => s.chars().count(),
                _ => 0,
            } as u64
                + 1;
            (len, len + pieces * SLOT)
        }
        Builtin::Upper | Builtin::Lower | Builtin::Trim => (text(0), text(0)),
        Builtin::Len => (text(0), 0),
        _ => (0, 0),
    }
}

/// The internal error for builtin `b` called with arguments of the wrong
/// number or kind.
fn unexpected(it: &Interp, bcx: &BuiltinCx, b: Builtin, span: Span) -> Box<RuntimeError> {
    it.bug(
        bcx.cx,
        format_args!("`{}` called with unexpected arguments", b.name()),
        span,
    )
}

/// The items of the list argument of `head`, `last` or `tail` (builtin
/// `b`); an empty list is an error.
fn non_empty<'v>(
    it: &Interp,
    bcx: &BuiltinCx,
    b: Builtin,
    args: &'v [Value],
    span: Span,
) -> R<&'v Rc<list::List>> {
    let [Value::List(l)] = args else {
        return Err(unexpected(it, bcx, b, span));
    };
    if l.is_empty() {
        let help = match b {
            Builtin::Last => {
                "use `get(xs, len(xs) - 1)`, which returns an Option, or check `len(xs) > 0` first"
            }
            Builtin::Tail => {
                "match on the list instead: `[_, ..rest]` binds the tail, `[]` is the empty case"
            }
            _ => "match on the list (`[x, ..rest]` / `[]`) or use `first`, which returns an Option",
        };
        return Err(it
            .builtin_error(
                bcx,
                codes::EMPTY_LIST,
                format!("`{}` of an empty list", b.name()),
                span,
            )
            .with_help(help));
    }
    Ok(l)
}

/// The display form of `v` for `str`, `print` and `println`, held to the
/// length limit: writing stops as soon as it passes the limit.
fn display(it: &Interp, bcx: &BuiltinCx, v: &Value, span: Span) -> R<String> {
    v.display_within(false, it.max_len())
        .ok_or_else(|| it.builtin_too_long(bcx, span))
}

/// `parse_int` (A9): optional sign, then ASCII decimal digits only.
fn parse_int(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<i64>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_int_rules() {
        assert_eq!(parse_int("42"), Some(42));
        assert_eq!(parse_int("+7"), Some(7));
        assert_eq!(parse_int("-9223372036854775808"), Some(i64::MIN));
        for bad in ["", "+", " 1", "1_000", "9223372036854775808", "0x10", "１"] {
            assert_eq!(parse_int(bad), None, "{bad:?}");
        }
    }
}
