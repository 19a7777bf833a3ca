//! The prelude's functions and constants at run time (A8, B).
//!
//! Owns the table of builtin names ([`BUILTINS`]) and their implementations,
//! with the edge cases A8/A9 decide (scalar-value string lengths, stable sort
//! by IEEE total order, truncating `zip`, `round` half away from zero, …).
//! Types of the builtins live in the checker; this module must not type.

use crate::eval::value::{B8, EnumVal, Value};
use crate::eval::{BuiltinCx, Interp, R, codes};
use crate::sema::descriptor::VariantInfo;
use crate::span::Span;
use std::rc::Rc;

/// Builtin names, by index. `pi` and `e` are constants, the rest functions.
pub const BUILTINS: &[&str] = &[
    "print",
    "println",
    "str",
    "float",
    "int",
    "abs",
    "min",
    "max",
    "sqrt",
    "exp",
    "ln",
    "log10",
    "sin",
    "cos",
    "tan",
    "floor",
    "ceil",
    "round",
    "atan2",
    "pow",
    "pi",
    "e",
    "len",
    "range",
    "map",
    "filter",
    "fold",
    "sum",
    "product",
    "any",
    "all",
    "reverse",
    "sort",
    "zip",
    "contains",
    "head",
    "last",
    "tail",
    "join",
    "split",
    "chars",
    "upper",
    "lower",
    "trim",
    "assert",
    "panic",
    "first",
    "get",
    "parse_int",
    "parse_float",
];

/// The index of a builtin by name.
pub fn index_of(name: &str) -> Option<u16> {
    BUILTINS.iter().position(|n| *n == name).map(|i| i as u16)
}

/// The name of builtin `i`.
pub fn name(i: u16) -> &'static str {
    BUILTINS.get(i as usize).copied().unwrap_or("?")
}

/// The value a builtin name denotes: a constant, or the function itself.
pub fn value(i: u16) -> Value {
    match name(i) {
        "pi" => Value::Float(std::f64::consts::PI),
        "e" => Value::Float(std::f64::consts::E),
        _ => Value::Builtin(usize::from(i)),
    }
}

/// `map(l, f)`: in place when `l` is not shared, else into a new list.
fn map_list(
    it: &mut Interp,
    bcx: &BuiltinCx,
    mut l: Rc<Vec<Value>>,
    f: &Value,
    span: Span,
) -> R<Value> {
    if let Some(items) = Rc::get_mut(&mut l) {
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
    static OPTION: (Rc<VariantInfo>, Rc<VariantInfo>) = {
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

fn float_fn(name: &str, x: f64) -> f64 {
    match name {
        "sqrt" => x.sqrt(),
        "exp" => x.exp(),
        "ln" => x.ln(),
        "log10" => x.log10(),
        "sin" => x.sin(),
        "cos" => x.cos(),
        "tan" => x.tan(),
        "floor" => x.floor(),
        "ceil" => x.ceil(),
        _ => x.round(),
    }
}

/// Calls builtin `i` with `args` (already evaluated, arity checked by the
/// type checker; a mismatch is reported as an internal error).
pub(crate) fn call(
    it: &mut Interp,
    bcx: &BuiltinCx,
    i: u16,
    args: Vec<Value>,
    span: Span,
) -> R<Value> {
    let name = name(i);
    let bad = |it: &Interp| {
        it.builtin_error(
            bcx,
            codes::INTERNAL,
            format!("internal error: `{name}` called with unexpected arguments (the type checker should have rejected this)"),
            span,
        )
    };
    use Value::*;
    // `map` over a list nothing else refers to (a fresh `range`, the result
    // of an earlier `map`) reuses its storage instead of allocating another.
    if name == "map"
        && let [List(_), _] = args.as_slice()
    {
        let mut args = args.into_iter();
        if let (Some(List(l)), Some(f)) = (args.next(), args.next()) {
            return map_list(it, bcx, l, &f, span);
        }
        return Err(bad(it));
    }
    let v = match (name, args.as_slice()) {
        ("print", [v]) => {
            it.write_out(&v.display(false));
            Unit
        }
        ("println", [v]) => {
            let mut s = v.display(false);
            s.push('\n');
            it.write_out(&s);
            Unit
        }
        ("str", [v]) => match v {
            Str(_) => v.clone(),
            _ => Value::str(&v.display(false)),
        },
        ("float", [Int(x)]) => Float(*x as f64),
        ("int", [Float(x)]) => {
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
        ("abs", [Int(x)]) => match x.checked_abs() {
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
        ("abs", [Float(x)]) => Float(x.abs()),
        ("min", [a, b]) => {
            if b.partial_cmp(a).is_some_and(|o| o.is_lt()) {
                b.clone()
            } else {
                a.clone()
            }
        }
        ("max", [a, b]) => {
            if b.partial_cmp(a).is_some_and(|o| o.is_gt()) {
                b.clone()
            } else {
                a.clone()
            }
        }
        (
            "sqrt" | "exp" | "ln" | "log10" | "sin" | "cos" | "tan" | "floor" | "ceil" | "round",
            [Float(x)],
        ) => Float(float_fn(name, *x)),
        ("atan2", [Float(y), Float(x)]) => Float(y.atan2(*x)),
        ("pow", [Float(x), Float(y)]) => Float(x.powf(*y)),
        ("len", [Str(s)]) => Int(s.chars().count() as i64),
        ("len", [List(l)]) => Int(l.len() as i64),
        ("range", [Int(a), Int(b)]) => {
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
        ("filter", [List(l), f]) => {
            let mut out = Vec::new();
            for x in l.iter() {
                if let Bool(B8(true)) = it.call_from_builtin(bcx, f, [x.clone()], span)? {
                    out.push(x.clone());
                }
            }
            Value::list(out)
        }
        ("fold", [List(l), init, f]) => {
            let mut acc = init.clone();
            for x in l.iter() {
                acc = it.call_from_builtin(bcx, f, [acc, x.clone()], span)?;
            }
            acc
        }
        ("sum", [List(l)]) => {
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
        ("product", [List(l)]) => {
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
        ("any", [List(l), f]) => {
            for x in l.iter() {
                if let Bool(B8(true)) = it.call_from_builtin(bcx, f, [x.clone()], span)? {
                    return Ok(Bool(B8(true)));
                }
            }
            Bool(B8(false))
        }
        ("all", [List(l), f]) => {
            for x in l.iter() {
                if let Bool(B8(false)) = it.call_from_builtin(bcx, f, [x.clone()], span)? {
                    return Ok(Bool(B8(false)));
                }
            }
            Bool(B8(true))
        }
        ("reverse", [List(l)]) => Value::list(l.iter().rev().cloned().collect()),
        ("sort", [List(l)]) => {
            let mut v: Vec<Value> = l.to_vec();
            v.sort_by(|a, b| a.total_cmp(b));
            Value::list(v)
        }
        ("zip", [List(a), List(b)]) => Value::list(
            a.iter()
                .zip(b.iter())
                .map(|(x, y)| Tuple(Rc::new(vec![x.clone(), y.clone()])))
                .collect(),
        ),
        ("contains", [List(l), x]) => Bool(B8(l.iter().any(|y| y.equals(x)))),
        ("head" | "last" | "tail", [List(l)]) if l.is_empty() => {
            return Err(it.builtin_error(
                bcx,
                codes::EMPTY_LIST,
                format!("`{name}` of an empty list"),
                span,
            )
            .with_help("match on the list (`[x, ..rest]` / `[]`) or use `first`, which returns an Option"));
        }
        ("head", [List(l)]) => l[0].clone(),
        ("last", [List(l)]) => l[l.len() - 1].clone(),
        ("tail", [List(l)]) => Value::list(l[1..].to_vec()),
        ("join", [List(l), Str(sep)]) => {
            let mut s = String::new();
            for (i, x) in l.iter().enumerate() {
                if i > 0 {
                    s.push_str(sep);
                }
                if let Str(t) = x {
                    s.push_str(t);
                }
            }
            it.builtin_check_len(bcx, s.len(), span)?;
            Value::str(&s)
        }
        ("split", [Str(s), Str(sep)]) => {
            if sep.is_empty() {
                Value::list(
                    s.chars()
                        .map(|c| Value::str(c.encode_utf8(&mut [0; 4])))
                        .collect(),
                )
            } else {
                Value::list(s.split(sep.as_str()).map(Value::str).collect())
            }
        }
        ("chars", [Str(s)]) => Value::list(
            s.chars()
                .map(|c| Value::str(c.encode_utf8(&mut [0; 4])))
                .collect(),
        ),
        ("upper", [Str(s)]) => Value::str(&s.to_uppercase()),
        ("lower", [Str(s)]) => Value::str(&s.to_lowercase()),
        ("trim", [Str(s)]) => Value::str(s.trim()),
        ("assert", [Bool(B8(ok)), Str(msg)]) => {
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
        ("panic", [Str(msg)]) => {
            return Err(it.builtin_error(bcx, codes::PANIC, format!("panic: {msg}"), span));
        }
        ("first", [List(l)]) => l.first().cloned().map_or_else(none, some),
        ("get", [List(l), Int(i)]) => {
            if *i < 0 {
                none()
            } else {
                l.get(*i as usize).cloned().map_or_else(none, some)
            }
        }
        ("parse_int", [Str(s)]) => parse_int(s).map_or_else(none, |v| some(Int(v))),
        ("parse_float", [Str(s)]) => s.parse::<f64>().ok().map_or_else(none, |v| some(Float(v))),
        _ => return Err(bad(it)),
    };
    Ok(v)
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

    #[test]
    fn names_round_trip() {
        for (i, n) in BUILTINS.iter().enumerate() {
            assert_eq!(index_of(n), Some(i as u16));
            assert_eq!(name(i as u16), *n);
        }
    }
}
