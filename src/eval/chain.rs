//! Chains of operators down their left operands: `1 + 2 + 3 + 4` is
//! `((1 + 2) + 3) + 4`, as deep as the source is long.
//!
//! Owns evaluating such a chain in a loop: its first operand, then each
//! operator with its right operand, innermost first, with `&&` and `||`
//! short-circuiting — the order and the values of recursing on the left
//! operand first, without a native stack frame per operator. The operators
//! themselves are `expr`'s; this module must not apply one.

use crate::eval::interp::{Cx, Frame};
use crate::eval::value::{B8, Value};
use crate::eval::{Interp, R};
use crate::syntax::ast::{BinOp, Expr, ExprKind};
use crate::syntax::spine::walk_left_spine;

/// Operators of a chain kept on the native stack; a longer chain is
/// gathered on the heap.
const NEAR: usize = 16;

impl Interp {
    /// Evaluates `e`, an operator expression, and the chain down its left
    /// operands in a loop.
    #[inline(never)]
    pub(super) fn chain(&mut self, cx: &Cx, fr: Frame, e: &Expr) -> R<Value> {
        let mut near = [e; NEAR];
        let mut n = 0;
        let first = walk_left_spine(e, |op, _| {
            near[n] = op;
            n += 1;
            n < NEAR
        });
        if let ExprKind::Binary(_) = first.kind {
            // Longer than `NEAR`: the rest of the chain goes on the heap
            // after the operators already found.
            let mut ops = Vec::with_capacity(4 * NEAR);
            ops.extend_from_slice(&near);
            let first = walk_left_spine(first, |op, _| {
                ops.push(op);
                true
            });
            return self.fold_chain(cx, fr, first, &ops);
        }
        self.fold_chain(cx, fr, first, &near[..n])
    }

    /// Evaluates `first`, then applies the operators `ops` (outermost
    /// first, each the left operand of the one before) from the last.
    fn fold_chain(&mut self, cx: &Cx, fr: Frame, first: &Expr, ops: &[&Expr]) -> R<Value> {
        let mut acc = self.operand(cx, fr, first)?;
        let mut left = first.span;
        for op in ops.iter().rev() {
            let ExprKind::Binary(b) = &op.kind else {
                return Err(self.bug(cx, "a chain link that is not an operator", op.span));
            };
            acc = match b.op {
                BinOp::And => {
                    let l = self.as_bool(cx, acc, left)?;
                    Value::Bool(B8(l && self.cond(cx, fr, &b.rhs)?))
                }
                BinOp::Or => {
                    let l = self.as_bool(cx, acc, left)?;
                    Value::Bool(B8(l || self.cond(cx, fr, &b.rhs)?))
                }
                _ => self.with_left(cx, fr, b, acc, op.span)?,
            };
            left = op.span;
        }
        Ok(acc)
    }
}
