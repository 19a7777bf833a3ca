//! The batch walk: a column plan evaluated over one batch of columns.
//!
//! Owns [`run`]: one pass over the plan per batch, a kernel per node,
//! `if`, `&&` and `||` narrowing the set of rows their branches are needed
//! on (so a branch not taken cannot fail), and `Rows` nodes evaluated
//! through the row evaluator on exactly those rows. A failure is reported
//! as the first failing needed row of the failing node; the caller turns
//! it into calc's message. It must not convert Arrow arrays.

use super::column::{Col, collect};
use super::kernels::{self as k, Arg, Fail};
use super::plan::{Kind, Node};
use crate::engine::Value;
use std::cell::RefCell;

/// The input columns of one batch, and the storage of columns the walk
/// is done with, for the next ones.
pub struct Cx<'a> {
    /// Rows in the batch.
    pub n: usize,
    /// One column per input.
    pub inputs: &'a [Col<'a>],
    /// Int columns to reuse.
    pub ints: RefCell<Vec<Vec<i64>>>,
    /// Float columns to reuse.
    pub floats: RefCell<Vec<Vec<f64>>>,
}

/// Evaluates `node` over the batch, needed on the `active` rows (all when
/// `None`).
pub fn run<'a>(cx: &Cx<'a>, node: &Node, active: Option<&[bool]>) -> Result<Col<'a>, Fail> {
    let n = cx.n;
    Ok(match node {
        Node::Lit(l) => Col::Const(l.clone()),
        Node::Input(i) => cx.inputs[*i].clone(),
        Node::Neg(true, x) => k::int_neg(n, k::ints(&run(cx, x, active)?), active)?,
        Node::Neg(false, x) => k::float_neg(n, k::floats(&run(cx, x, active)?)),
        Node::Not(x) => k::not(n, k::bools(&run(cx, x, active)?)),
        Node::Arith(op, kind, x, y) => {
            let (x, y) = (run(cx, x, active)?, run(cx, y, active)?);
            match kind {
                Kind::Int => k::int_arith(*op, n, x, y, active, &mut cx.ints.borrow_mut())?,
                _ => k::float_arith(*op, n, x, y, &mut cx.floats.borrow_mut()),
            }
        }
        Node::Compare(op, kind, x, y) => {
            let (x, y) = (run(cx, x, active)?, run(cx, y, active)?);
            match kind {
                Kind::Int => k::int_compare(*op, n, k::ints(&x), k::ints(&y)),
                Kind::Float => k::float_compare(*op, n, k::floats(&x), k::floats(&y)),
                Kind::Bool => k::bool_compare(*op, n, k::bools(&x), k::bools(&y)),
                Kind::Str => k::str_compare(*op, n, &x, &y),
            }
        }
        Node::And(x, y) | Node::Or(x, y) => {
            let and = matches!(node, Node::And(..));
            let l = run(cx, x, active)?;
            let rest = k::narrow(n, active, k::bools(&l), and);
            if !rest.contains(&true) {
                return Ok(l);
            }
            let r = run(cx, y, Some(&rest))?;
            k::logic(and, n, k::bools(&l), k::bools(&r))
        }
        Node::If(c, t, e) => {
            let c = run(cx, c, active)?;
            let cond = k::bools(&c);
            if let Arg::C(b) = cond {
                return run(cx, if b { t } else { e }, active);
            }
            let on_then = k::narrow(n, active, cond, true);
            let on_else = k::narrow(n, active, cond, false);
            let t = match on_then.contains(&true) {
                true => Some(run(cx, t, Some(&on_then))?),
                false => None,
            };
            let e = match (on_else.contains(&true), t) {
                (true, t) => (t, run(cx, e, Some(&on_else))?),
                (false, Some(t)) => return Ok(t),
                (false, None) => (None, run(cx, e, Some(&on_else))?),
            };
            match e {
                (Some(t), e) => k::select(n, cond, t, e),
                (None, e) => e,
            }
        }
        Node::Rows(program, kind) => {
            let mut ev = program.evaluator();
            let mut values: Vec<Option<Value>> = Vec::with_capacity(n);
            let mut args = Vec::with_capacity(cx.inputs.len());
            for i in 0..n {
                if !k::is_active(active, i) {
                    values.push(None);
                    continue;
                }
                args.clear();
                args.extend(cx.inputs.iter().map(|c| c.value(i)));
                values.push(Some(ev.eval(&args).map_err(|_| i)?));
            }
            collect(*kind, values)
        }
    })
}
