//! Column kernels: one operator applied to whole columns, with calc's
//! semantics.
//!
//! Owns the arithmetic (an `Int` overflow, a division by zero or a negative
//! power is a failure, never a wrap; `Float` is IEEE), comparisons (NaN
//! compares false, `!=` true; Bool has equality only, its order compares
//! false as in the row evaluator), negation and selection. Each kernel runs
//! over every row in a tight loop that the compiler vectorises, and only if
//! some row failed looks for the first failing row among the `active` ones
//! (rows whose values are needed: not null, on the taken branch). It
//! returns that row as its error; the caller asks the row evaluator for the
//! message. It must not allocate per row or know about Arrow.

use super::column::{Col, Strs};
use super::plan::Lit;
use crate::eval::int_op;
use crate::syntax::ast::BinOp;
use std::borrow::Cow;
use std::cmp::Ordering;

/// A failing row.
pub type Fail = usize;

/// An operand: a value per row or one for all.
#[derive(Clone, Copy)]
pub enum Arg<'c, T> {
    /// One value per row.
    S(&'c [T]),
    /// The same value on every row.
    C(T),
}

impl<T: Copy> Arg<'_, T> {
    #[inline(always)]
    fn at(self, i: usize) -> T {
        match self {
            Arg::S(v) => v[i],
            Arg::C(c) => c,
        }
    }
}

/// Whether row `i` is needed.
#[inline(always)]
pub fn is_active(active: Option<&[bool]>, i: usize) -> bool {
    active.is_none_or(|m| m[i])
}

/// `f` over the rows of two operands.
#[inline(always)]
fn map2<T: Copy, U: Copy, R>(
    n: usize,
    a: Arg<T>,
    b: Arg<U>,
    mut f: impl FnMut(T, U) -> R,
) -> Vec<R> {
    match (a, b) {
        (Arg::S(a), Arg::S(b)) => a.iter().zip(b).map(|(x, y)| f(*x, *y)).collect(),
        (Arg::S(a), Arg::C(c)) => a.iter().map(|x| f(*x, c)).collect(),
        (Arg::C(c), Arg::S(b)) => b.iter().map(|y| f(c, *y)).collect(),
        (Arg::C(c), Arg::C(d)) => (0..n).map(|_| f(c, d)).collect(),
    }
}

/// `f` over the rows of two operands, into `buf`'s storage (a column
/// freed earlier in the batch, whose pages are already mapped).
#[inline(always)]
fn map2_into<T: Copy, U: Copy, R>(
    buf: Option<Vec<R>>,
    n: usize,
    a: Arg<T>,
    b: Arg<U>,
    mut f: impl FnMut(T, U) -> R,
) -> Vec<R> {
    let Some(mut v) = buf else {
        return map2(n, a, b, f);
    };
    v.clear();
    match (a, b) {
        (Arg::S(a), Arg::S(b)) => v.extend(a.iter().zip(b).map(|(x, y)| f(*x, *y))),
        (Arg::S(a), Arg::C(c)) => v.extend(a.iter().map(|x| f(*x, c))),
        (Arg::C(c), Arg::S(b)) => v.extend(b.iter().map(|y| f(c, *y))),
        (Arg::C(c), Arg::C(d)) => v.extend((0..n).map(|_| f(c, d))),
    }
    v
}

/// The first needed row where `fails` holds.
fn first_fail<T: Copy, U: Copy>(
    n: usize,
    a: Arg<T>,
    b: Arg<U>,
    active: Option<&[bool]>,
    mut fails: impl FnMut(T, U) -> bool,
) -> Option<Fail> {
    (0..n).find(|&i| is_active(active, i) && fails(a.at(i), b.at(i)))
}

/// An Int column operand.
pub fn ints<'c>(c: &'c Col) -> Arg<'c, i64> {
    match c {
        Col::Int(v) => Arg::S(v),
        Col::Const(Lit::Int(x)) => Arg::C(*x),
        _ => Arg::C(0),
    }
}

/// A Float column operand.
pub fn floats<'c>(c: &'c Col) -> Arg<'c, f64> {
    match c {
        Col::Float(v) => Arg::S(v),
        Col::Const(Lit::Float(x)) => Arg::C(*x),
        _ => Arg::C(0.0),
    }
}

/// A Bool column operand.
pub fn bools<'c>(c: &'c Col) -> Arg<'c, bool> {
    match c {
        Col::Bool(v) => Arg::S(v),
        Col::Const(Lit::Bool(x)) => Arg::C(*x),
        _ => Arg::C(false),
    }
}

/// Int `x op y` for an arithmetic operator. With every row needed, `+`,
/// `-` and `*` write over an operand the walk owns instead of allocating
/// (a failure then reports the last row, a bound the caller searches
/// below); a new column takes its storage from `spare`, and an owned
/// operand that is done with goes back there.
pub fn int_arith<'a>(
    op: BinOp,
    n: usize,
    x: Col<'a>,
    y: Col<'a>,
    active: Option<&[bool]>,
    spare: &mut Vec<Vec<i64>>,
) -> Result<Col<'a>, Fail> {
    if active.is_none() && matches!(op, BinOp::Add | BinOp::Sub | BinOp::Mul) {
        let (mut v, other, swapped) = match (x, y) {
            (Col::Int(Cow::Owned(v)), y) => (v, y, false),
            (x, Col::Int(Cow::Owned(v))) => (v, x, true),
            (x, y) => return int_arith_new(op, n, ints(&x), ints(&y), active, spare.pop()),
        };
        let o = ints(&other);
        let bad = match op {
            // Overflow as a sign bit, so the loop has no flags and vectorises.
            BinOp::Add => in_place(&mut v, o, swapped, |x, y| {
                let r = x.wrapping_add(y);
                (r, (x ^ r) & (y ^ r))
            }),
            BinOp::Sub => in_place(&mut v, o, swapped, |x, y| {
                let r = x.wrapping_sub(y);
                (r, (x ^ y) & (x ^ r))
            }),
            _ => in_place(&mut v, o, swapped, |x, y| {
                let (r, o) = x.overflowing_mul(y);
                (r, -i64::from(o))
            }),
        };
        if let Col::Int(Cow::Owned(w)) = other {
            spare.push(w);
        }
        return match bad < 0 {
            true => Err(n.saturating_sub(1)),
            false => Ok(Col::Int(Cow::Owned(v))),
        };
    }
    let out = int_arith_new(op, n, ints(&x), ints(&y), active, spare.pop());
    for c in [x, y] {
        if let Col::Int(Cow::Owned(w)) = c {
            spare.push(w);
        }
    }
    out
}

/// `v[i] = f(v[i], other[i])` (`f(other[i], v[i])` when `swapped`); the
/// OR of the flags `f` returns.
#[inline(always)]
fn in_place<T: Copy, F: Copy + Default + std::ops::BitOrAssign>(
    v: &mut [T],
    other: Arg<T>,
    swapped: bool,
    f: impl Fn(T, T) -> (T, F),
) -> F {
    let mut flags = F::default();
    let g = |d: T, o: T| if swapped { f(o, d) } else { f(d, o) };
    match other {
        Arg::S(s) => {
            for (d, o) in v.iter_mut().zip(s) {
                let (r, b) = g(*d, *o);
                *d = r;
                flags |= b;
            }
        }
        Arg::C(c) => {
            for d in v.iter_mut() {
                let (r, b) = g(*d, c);
                *d = r;
                flags |= b;
            }
        }
    }
    flags
}

/// Int `a op b` into a new column (in `buf` when given); a failure reports
/// the first needed row that fails.
fn int_arith_new(
    op: BinOp,
    n: usize,
    a: Arg<i64>,
    b: Arg<i64>,
    active: Option<&[bool]>,
    buf: Option<Vec<i64>>,
) -> Result<Col<'static>, Fail> {
    let mut bad = 0i64;
    let v = match op {
        BinOp::Add => map2_into(buf, n, a, b, |x, y| {
            let r = x.wrapping_add(y);
            bad |= (x ^ r) & (y ^ r);
            r
        }),
        BinOp::Sub => map2_into(buf, n, a, b, |x, y| {
            let r = x.wrapping_sub(y);
            bad |= (x ^ y) & (x ^ r);
            r
        }),
        BinOp::Mul => map2_into(buf, n, a, b, |x, y| {
            let (r, o) = x.overflowing_mul(y);
            bad |= -i64::from(o);
            r
        }),
        _ => map2_into(buf, n, a, b, |x, y| {
            int_op(op, x, y).unwrap_or_else(|| {
                bad = -1;
                0
            })
        }),
    };
    if bad < 0
        && let Some(i) = first_fail(n, a, b, active, |x, y| int_op(op, x, y).is_none())
    {
        return Err(i);
    }
    Ok(Col::Int(Cow::Owned(v)))
}

/// Float `x op y` for an arithmetic operator (IEEE), written over an
/// operand the walk owns when there is one, else into storage from
/// `spare`; an owned operand that is done with goes back there.
pub fn float_arith<'a>(
    op: BinOp,
    n: usize,
    x: Col<'a>,
    y: Col<'a>,
    spare: &mut Vec<Vec<f64>>,
) -> Col<'a> {
    let (mut v, other, swapped) = match (x, y) {
        (Col::Float(Cow::Owned(v)), y) => (v, y, false),
        (x, Col::Float(Cow::Owned(v))) => (v, x, true),
        (x, y) => return float_arith_new(op, n, floats(&x), floats(&y), spare.pop()),
    };
    let o = floats(&other);
    let ok = |f: fn(f64, f64) -> f64| move |a, b| (f(a, b), 0u8);
    match op {
        BinOp::Add => in_place(&mut v, o, swapped, ok(|a, b| a + b)),
        BinOp::Sub => in_place(&mut v, o, swapped, ok(|a, b| a - b)),
        BinOp::Mul => in_place(&mut v, o, swapped, ok(|a, b| a * b)),
        BinOp::Div => in_place(&mut v, o, swapped, ok(|a, b| a / b)),
        BinOp::Rem => in_place(&mut v, o, swapped, ok(|a, b| a % b)),
        _ => in_place(&mut v, o, swapped, ok(f64::powf)),
    };
    if let Col::Float(Cow::Owned(w)) = other {
        spare.push(w);
    }
    Col::Float(Cow::Owned(v))
}

/// Float `a op b` into a new column (in `buf` when given).
fn float_arith_new(
    op: BinOp,
    n: usize,
    a: Arg<f64>,
    b: Arg<f64>,
    buf: Option<Vec<f64>>,
) -> Col<'static> {
    let v = match op {
        BinOp::Add => map2_into(buf, n, a, b, |x, y| x + y),
        BinOp::Sub => map2_into(buf, n, a, b, |x, y| x - y),
        BinOp::Mul => map2_into(buf, n, a, b, |x, y| x * y),
        BinOp::Div => map2_into(buf, n, a, b, |x, y| x / y),
        BinOp::Rem => map2_into(buf, n, a, b, |x, y| x % y),
        _ => map2_into(buf, n, a, b, f64::powf),
    };
    Col::Float(Cow::Owned(v))
}

/// `a op b` for a comparison of two ordered operands (`<` on NaN false).
fn ordered<T: Copy + PartialOrd>(op: BinOp, n: usize, a: Arg<T>, b: Arg<T>) -> Vec<bool> {
    match op {
        BinOp::Eq => map2(n, a, b, |x, y| x == y),
        BinOp::Ne => map2(n, a, b, |x, y| x != y),
        BinOp::Lt => map2(n, a, b, |x, y| x < y),
        BinOp::Le => map2(n, a, b, |x, y| x <= y),
        BinOp::Gt => map2(n, a, b, |x, y| x > y),
        _ => map2(n, a, b, |x, y| x >= y),
    }
}

/// Int comparison.
pub fn int_compare(op: BinOp, n: usize, a: Arg<i64>, b: Arg<i64>) -> Col<'static> {
    Col::Bool(Cow::Owned(ordered(op, n, a, b)))
}

/// Float comparison (IEEE: NaN is unordered, so only `!=` holds for it).
pub fn float_compare(op: BinOp, n: usize, a: Arg<f64>, b: Arg<f64>) -> Col<'static> {
    Col::Bool(Cow::Owned(ordered(op, n, a, b)))
}

/// Bool comparison: equality, and an order that never holds (the row
/// evaluator has no order on truth values).
pub fn bool_compare(op: BinOp, n: usize, a: Arg<bool>, b: Arg<bool>) -> Col<'static> {
    Col::Bool(Cow::Owned(match op {
        BinOp::Eq => map2(n, a, b, |x, y| x == y),
        BinOp::Ne => map2(n, a, b, |x, y| x != y),
        _ => vec![false; n],
    }))
}

/// Str comparison, by bytes (the row evaluator's order).
pub fn str_compare(op: BinOp, n: usize, a: &Col, b: &Col) -> Col<'static> {
    let at = |c: &Col, i: usize| -> String {
        match c {
            Col::Str(s) => s.at(i).to_string(),
            Col::Const(Lit::Str(s)) => s.clone(),
            _ => String::new(),
        }
    };
    let test = |o: Ordering| match op {
        BinOp::Eq => o.is_eq(),
        BinOp::Ne => o.is_ne(),
        BinOp::Lt => o.is_lt(),
        BinOp::Le => o.is_le(),
        BinOp::Gt => o.is_gt(),
        _ => o.is_ge(),
    };
    let v = match (a, b) {
        (Col::Str(x), Col::Const(Lit::Str(c))) => {
            (0..n).map(|i| test(x.at(i).cmp(c.as_str()))).collect()
        }
        (Col::Const(Lit::Str(c)), Col::Str(y)) => {
            (0..n).map(|i| test(c.as_str().cmp(y.at(i)))).collect()
        }
        (Col::Str(x), Col::Str(y)) => (0..n).map(|i| test(x.at(i).cmp(y.at(i)))).collect(),
        _ => (0..n).map(|i| test(at(a, i).cmp(&at(b, i)))).collect(),
    };
    Col::Bool(Cow::Owned(v))
}

/// `-a` on Ints (`i64::MIN` fails).
pub fn int_neg(n: usize, a: Arg<i64>, active: Option<&[bool]>) -> Result<Col<'static>, Fail> {
    let v = map2(n, a, Arg::C(0), |x, _: i64| x.wrapping_neg());
    if let Some(i) = first_fail(n, a, Arg::C(0), active, |x, _: i64| x == i64::MIN) {
        return Err(i);
    }
    Ok(Col::Int(Cow::Owned(v)))
}

/// `-a` on Floats.
pub fn float_neg(n: usize, a: Arg<f64>) -> Col<'static> {
    Col::Float(Cow::Owned(map2(n, a, Arg::C(0.0), |x, _: f64| -x)))
}

/// `!a`.
pub fn not(n: usize, a: Arg<bool>) -> Col<'static> {
    Col::Bool(Cow::Owned(map2(n, a, Arg::C(false), |x, _: bool| !x)))
}

/// `a && b` (`and`) or `a || b` elementwise.
pub fn logic(and: bool, n: usize, a: Arg<bool>, b: Arg<bool>) -> Col<'static> {
    Col::Bool(Cow::Owned(match and {
        true => map2(n, a, b, |x, y| x && y),
        false => map2(n, a, b, |x, y| x || y),
    }))
}

/// The rows that are `active` and where `cond` is `want`.
pub fn narrow(n: usize, active: Option<&[bool]>, cond: Arg<bool>, want: bool) -> Vec<bool> {
    match active {
        Some(m) => map2(n, Arg::S(m), cond, |m, c| m && c == want),
        None => map2(n, cond, Arg::C(want), |c, w| c == w),
    }
}

/// Rows of `t` where `cond` holds, of `e` elsewhere (both of one kind).
pub fn select<'a>(n: usize, cond: Arg<bool>, t: Col<'a>, e: Col<'a>) -> Col<'a> {
    let c = |i| cond.at(i);
    match (&t, &e) {
        (Col::Int(_), _) | (_, Col::Int(_)) | (Col::Const(Lit::Int(_)), _) => {
            let (x, y) = (ints(&t), ints(&e));
            Col::Int(Cow::Owned(sel(n, cond, x, y)))
        }
        (Col::Float(_), _) | (_, Col::Float(_)) | (Col::Const(Lit::Float(_)), _) => {
            let (x, y) = (floats(&t), floats(&e));
            Col::Float(Cow::Owned(sel(n, cond, x, y)))
        }
        (Col::Bool(_), _) | (_, Col::Bool(_)) | (Col::Const(Lit::Bool(_)), _) => {
            let (x, y) = (bools(&t), bools(&e));
            Col::Bool(Cow::Owned(sel(n, cond, x, y)))
        }
        _ => {
            let at = |col: &Col, i: usize| -> String {
                match col {
                    Col::Str(s) => s.at(i).to_string(),
                    Col::Const(Lit::Str(s)) => s.clone(),
                    _ => String::new(),
                }
            };
            let v = (0..n)
                .map(|i| if c(i) { at(&t, i) } else { at(&e, i) })
                .collect();
            Col::Str(Strs::Owned(v))
        }
    }
}

/// Elementwise `if c { x } else { y }`.
#[inline(always)]
fn sel<T: Copy>(n: usize, cond: Arg<bool>, x: Arg<T>, y: Arg<T>) -> Vec<T> {
    match cond {
        Arg::C(true) => map2(n, x, x, |a, _| a),
        Arg::C(false) => map2(n, y, y, |a, _| a),
        Arg::S(c) => {
            let xy: Vec<(T, T)> = map2(n, x, y, |a, b| (a, b));
            c.iter()
                .zip(xy)
                .map(|(c, (a, b))| if *c { a } else { b })
                .collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int_failures_are_found_only_on_active_rows() {
        let x = [1, i64::MAX, 3];
        let col = |v: &[i64]| Col::Int(Cow::Owned(v.to_vec()));
        let one = || Col::Const(Lit::Int(1));
        let r = int_arith(
            BinOp::Add,
            3,
            Col::Int(Cow::Borrowed(&x)),
            one(),
            None,
            &mut vec![],
        );
        assert_eq!(r.err(), Some(1));
        // Written in place: the failure is bounded by the last row.
        let r = int_arith(BinOp::Add, 3, col(&x), one(), None, &mut vec![]);
        assert_eq!(r.err(), Some(2));
        let skip = [true, false, true];
        let r = int_arith(BinOp::Add, 3, col(&x), one(), Some(&skip), &mut vec![]);
        assert!(matches!(r, Ok(Col::Int(v)) if v[0] == 2 && v[2] == 4));
        let r = int_arith(BinOp::Div, 3, one(), col(&[1, 0, 0]), None, &mut vec![]);
        assert_eq!(r.err(), Some(1));
        let r = int_arith(
            BinOp::Sub,
            2,
            one(),
            col(&[1, 5]),
            None,
            &mut vec![vec![7; 9]],
        );
        assert!(matches!(r, Ok(Col::Int(v)) if *v == [0, -4]));
        assert_eq!(int_neg(1, Arg::S(&[i64::MIN]), None).err(), Some(0));
    }

    #[test]
    fn nan_compares_false_except_not_equal() {
        let x = [f64::NAN, 1.0];
        let Col::Bool(lt) = float_compare(BinOp::Lt, 2, Arg::S(&x), Arg::C(2.0)) else {
            unreachable!("a comparison gives truth values")
        };
        assert_eq!(&*lt, &[false, true]);
        let Col::Bool(ne) = float_compare(BinOp::Ne, 2, Arg::S(&x), Arg::S(&x)) else {
            unreachable!("a comparison gives truth values")
        };
        assert_eq!(&*ne, &[true, false]);
    }
}
