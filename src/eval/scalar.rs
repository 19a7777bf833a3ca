//! The scalar fast path: a formula over numbers and truth values.
//!
//! Owns a lean walk of the arena AST for a unit that is one expression of
//! Int, Float and Bool literals, globals (an embedder's inputs), unary and
//! binary operators (`++` aside), `if`/`else` and statement-free blocks:
//! values stay in registers as [`Scalar`]s, nothing is allocated, no value
//! stack or frame is touched. Whether a unit qualifies is decided once
//! ([`scalar_formula`]); its nesting is bounded there, so the walk needs no
//! stack check. Any failure (overflow, division by zero, a value of another
//! kind) makes the walk give up with `None`, and the caller evaluates the
//! unit again on the general path, which reports the error exactly as
//! always: this module computes only successful results, with the same
//! arithmetic as `expr`. It must not allocate, call functions or report.

use crate::eval::Interp;
use crate::eval::value::{B8, Value};
use crate::sema::checked::CheckedUnit;
use crate::sema::resolve::{Resolution, Slot};
use crate::syntax::ast::{BinOp, Block, Expr, ExprKind, UnaryOp};

/// Deepest expression the fast path takes (its recursion is unguarded).
const MAX_DEPTH: u32 = 64;

/// The type of a scalar formula's result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScalarKind {
    /// `Int`
    Int,
    /// `Float`
    Float,
    /// `Bool`
    Bool,
}

/// The result type of `checked` when it is one scalar formula the fast
/// path can evaluate (no statements, a final expression entirely in the
/// subset above), else `None`.
pub fn scalar_formula(checked: &CheckedUnit) -> Option<ScalarKind> {
    let kind = match checked.outcome().result_type.as_deref()? {
        "Int" => ScalarKind::Int,
        "Float" => ScalarKind::Float,
        "Bool" => ScalarKind::Bool,
        _ => return None,
    };
    checked.unit().with_compiled(|c| {
        let body = c.program.body;
        let tail = body.tail.as_ref()?;
        (body.stmts.is_empty() && in_subset(&c.resolution, tail, 0)).then_some(kind)
    })
}

/// Whether `e` (at nesting `depth`) is in the fast path's subset.
fn in_subset(res: &Resolution, e: &Expr, depth: u32) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    let d = depth + 1;
    match e.kind {
        ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Bool(_) => true,
        ExprKind::Var { id, .. } => matches!(res.slot(id), Slot::Global(_)),
        ExprKind::Unary(u) => in_subset(res, &u.operand, d),
        ExprKind::Binary(b) => {
            b.op != BinOp::Concat && in_subset(res, &b.lhs, d) && in_subset(res, &b.rhs, d)
        }
        ExprKind::If(i) => {
            in_subset(res, &i.cond, d)
                && block_in_subset(res, i.then_branch, d)
                && i.else_branch.as_ref().is_some_and(|x| in_subset(res, x, d))
        }
        ExprKind::Block(b) => block_in_subset(res, b, d),
        _ => false,
    }
}

fn block_in_subset(res: &Resolution, b: &Block, depth: u32) -> bool {
    b.stmts.is_empty() && b.tail.as_ref().is_some_and(|t| in_subset(res, t, depth))
}

/// The expression an `if` branch or a block stands for (the subset has no
/// statements).
#[inline(always)]
fn tail<'e>(b: &'e Block) -> Option<&'e Expr<'e>> {
    b.tail.as_ref()
}

impl Interp {
    /// Evaluates a unit [`scalar_formula`] accepted as `kind`; `None` when
    /// the formula fails (the caller then runs the general path, which
    /// reports the failure).
    pub fn eval_scalar(&self, checked: &CheckedUnit, kind: ScalarKind) -> Option<Value> {
        checked.unit().with_compiled(|c| {
            let res = &c.resolution;
            let e = c.program.body.tail.as_ref()?;
            Some(match kind {
                ScalarKind::Int => Value::Int(self.int(res, e)?),
                ScalarKind::Float => Value::Float(self.float(res, e)?),
                ScalarKind::Bool => Value::Bool(B8(self.truth(res, e)?)),
            })
        })
    }

    /// The global a variable names.
    #[inline(always)]
    fn global(&self, res: &Resolution, e: &Expr) -> Option<&Value> {
        let ExprKind::Var { id, .. } = e.kind else {
            return None;
        };
        match res.slot(id) {
            Slot::Global(i) => self.globals.get(i as usize),
            _ => None,
        }
    }

    /// An Int operand: literals and variables read in place.
    #[inline(always)]
    fn int_operand(&self, res: &Resolution, e: &Expr) -> Option<i64> {
        match e.kind {
            ExprKind::Int(i) => Some(i),
            ExprKind::Var { .. } => match self.global(res, e)? {
                Value::Int(n) => Some(*n),
                _ => None,
            },
            _ => self.int(res, e),
        }
    }

    /// A Float operand: literals and variables read in place.
    #[inline(always)]
    fn float_operand(&self, res: &Resolution, e: &Expr) -> Option<f64> {
        match e.kind {
            ExprKind::Float(x) => Some(x),
            ExprKind::Var { .. } => match self.global(res, e)? {
                Value::Float(x) => Some(*x),
                _ => None,
            },
            _ => self.float(res, e),
        }
    }

    /// An Int-typed expression of the subset.
    fn int(&self, res: &Resolution, e: &Expr) -> Option<i64> {
        match e.kind {
            ExprKind::Binary(b) => {
                let x = self.int_operand(res, &b.lhs)?;
                let y = self.int_operand(res, &b.rhs)?;
                int_op(b.op, x, y)
            }
            ExprKind::Unary(u) => self.int_operand(res, &u.operand)?.checked_neg(),
            ExprKind::If(i) => match self.truth(res, &i.cond)? {
                true => self.int_operand(res, tail(i.then_branch)?),
                false => self.int_operand(res, i.else_branch.as_ref()?),
            },
            ExprKind::Block(b) => self.int_operand(res, tail(b)?),
            ExprKind::Int(_) | ExprKind::Var { .. } => self.int_operand(res, e),
            _ => None,
        }
    }

    /// A Float-typed expression of the subset.
    fn float(&self, res: &Resolution, e: &Expr) -> Option<f64> {
        match e.kind {
            ExprKind::Binary(b) => {
                let x = self.float_operand(res, &b.lhs)?;
                let y = self.float_operand(res, &b.rhs)?;
                float_op(b.op, x, y)
            }
            ExprKind::Unary(u) => Some(-self.float_operand(res, &u.operand)?),
            ExprKind::If(i) => match self.truth(res, &i.cond)? {
                true => self.float_operand(res, tail(i.then_branch)?),
                false => self.float_operand(res, i.else_branch.as_ref()?),
            },
            ExprKind::Block(b) => self.float_operand(res, tail(b)?),
            ExprKind::Float(_) | ExprKind::Var { .. } => self.float_operand(res, e),
            _ => None,
        }
    }

    /// A Bool-typed expression of the subset (`&&` and `||` short-circuit).
    fn truth(&self, res: &Resolution, e: &Expr) -> Option<bool> {
        match e.kind {
            ExprKind::Bool(b) => Some(b),
            ExprKind::Var { .. } => match self.global(res, e)? {
                Value::Bool(B8(b)) => Some(*b),
                _ => None,
            },
            ExprKind::Binary(b) => match b.op {
                BinOp::And => Some(self.truth(res, &b.lhs)? && self.truth(res, &b.rhs)?),
                BinOp::Or => Some(self.truth(res, &b.lhs)? || self.truth(res, &b.rhs)?),
                op => match self.kind(res, &b.lhs)? {
                    ScalarKind::Int => {
                        let x = self.int_operand(res, &b.lhs)?;
                        let y = self.int_operand(res, &b.rhs)?;
                        compare(op, x.partial_cmp(&y))
                    }
                    ScalarKind::Float => {
                        let x = self.float_operand(res, &b.lhs)?;
                        let y = self.float_operand(res, &b.rhs)?;
                        compare(op, x.partial_cmp(&y))
                    }
                    ScalarKind::Bool => {
                        let x = self.truth(res, &b.lhs)?;
                        let y = self.truth(res, &b.rhs)?;
                        match op {
                            BinOp::Eq => Some(x == y),
                            BinOp::Ne => Some(x != y),
                            _ => None,
                        }
                    }
                },
            },
            ExprKind::Unary(u) => Some(!self.truth(res, &u.operand)?),
            ExprKind::If(i) => match self.truth(res, &i.cond)? {
                true => self.truth(res, tail(i.then_branch)?),
                false => self.truth(res, i.else_branch.as_ref()?),
            },
            ExprKind::Block(b) => self.truth(res, tail(b)?),
            _ => None,
        }
    }

    /// The type of a (type-checked) subset expression, found along its
    /// leftmost operands.
    fn kind(&self, res: &Resolution, mut e: &Expr) -> Option<ScalarKind> {
        loop {
            e = match e.kind {
                ExprKind::Int(_) => return Some(ScalarKind::Int),
                ExprKind::Float(_) => return Some(ScalarKind::Float),
                ExprKind::Bool(_) => return Some(ScalarKind::Bool),
                ExprKind::Var { .. } => {
                    return match self.global(res, e)? {
                        Value::Int(_) => Some(ScalarKind::Int),
                        Value::Float(_) => Some(ScalarKind::Float),
                        Value::Bool(_) => Some(ScalarKind::Bool),
                        _ => None,
                    };
                }
                ExprKind::Unary(u) if matches!(u.op, UnaryOp::Not) => {
                    return Some(ScalarKind::Bool);
                }
                ExprKind::Unary(u) => &u.operand,
                ExprKind::Binary(b)
                    if matches!(
                        b.op,
                        BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div | BinOp::Rem | BinOp::Pow
                    ) =>
                {
                    &b.operands().lhs
                }
                ExprKind::Binary(_) => return Some(ScalarKind::Bool),
                ExprKind::If(i) => tail(i.then_branch)?,
                ExprKind::Block(b) => tail(b)?,
                _ => return None,
            }
        }
    }
}

/// Int `x op y` for an arithmetic operator, checked as in `expr` (the
/// columnar evaluator's too).
#[inline(always)]
pub(crate) fn int_op(op: BinOp, x: i64, y: i64) -> Option<i64> {
    match op {
        BinOp::Add => x.checked_add(y),
        BinOp::Sub => x.checked_sub(y),
        BinOp::Mul => x.checked_mul(y),
        BinOp::Div => x.checked_div(y),
        BinOp::Rem => x.checked_rem(y),
        BinOp::Pow => int_pow(x, y),
        _ => None,
    }
}

/// Float `x op y` for an arithmetic operator (IEEE).
#[inline(always)]
fn float_op(op: BinOp, x: f64, y: f64) -> Option<f64> {
    Some(match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::Div => x / y,
        BinOp::Rem => x % y,
        BinOp::Pow => x.powf(y),
        _ => return None,
    })
}

/// A comparison given the operands' order (`None`: unordered, a NaN, which
/// only `!=` holds for).
#[inline(always)]
fn compare(op: BinOp, o: Option<std::cmp::Ordering>) -> Option<bool> {
    Some(match op {
        BinOp::Eq => o.is_some_and(|o| o.is_eq()),
        BinOp::Ne => !o.is_some_and(|o| o.is_eq()),
        BinOp::Lt => o.is_some_and(|o| o.is_lt()),
        BinOp::Le => o.is_some_and(|o| o.is_le()),
        BinOp::Gt => o.is_some_and(|o| o.is_gt()),
        BinOp::Ge => o.is_some_and(|o| o.is_ge()),
        _ => return None,
    })
}

/// Int `x ** y` where it succeeds (a negative exponent or an overflow is
/// `None`), as `expr` computes it.
fn int_pow(x: i64, y: i64) -> Option<i64> {
    if y < 0 {
        return None;
    }
    match u32::try_from(y) {
        Ok(e) => x.checked_pow(e),
        Err(_) => match x {
            0 | 1 => Some(x),
            -1 => Some(if y % 2 == 0 { 1 } else { -1 }),
            _ => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_fails_where_the_general_path_does() {
        assert!(int_op(BinOp::Add, i64::MAX, 1).is_none());
        assert!(int_op(BinOp::Div, 1, 0).is_none());
        assert!(int_op(BinOp::Rem, i64::MIN, -1).is_none());
        assert!(int_op(BinOp::Pow, 2, -1).is_none());
        assert_eq!(int_pow(-1, 1 << 40), Some(1));
        assert_eq!(int_pow(3, 4), Some(81));
        let nan = f64::NAN.partial_cmp(&1.0);
        assert_eq!(compare(BinOp::Lt, nan), Some(false));
        assert_eq!(compare(BinOp::Ne, nan), Some(true));
        assert_eq!(float_op(BinOp::Rem, 5.5, 2.0), Some(1.5));
    }
}
