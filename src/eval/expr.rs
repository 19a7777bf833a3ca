//! The expression walk: expressions, blocks and operators.
//!
//! Owns evaluating every expression kind (tail position included, where
//! `if`, blocks and `match` continue a loop instead of recursing), the
//! statements of a block, checked Int arithmetic and the comparison and
//! concatenation operators. A call is handed to `call` (in tail position it
//! is only recorded, for the trampoline) and a pattern to `pattern`; this
//! module must not run functions or match patterns itself.

use crate::eval::call::Flow;
use crate::eval::error::QUOTED_VALUE_CHARS;
use crate::eval::interp::{Cx, Frame};
use crate::eval::list::List;
use crate::eval::value::{B8, KindMismatch, StructVal, Value};
use crate::eval::{Interp, R, codes};
use crate::sema::resolve::Slot;
use crate::span::Span;
use crate::syntax::ast::*;
use std::rc::Rc;

/// A comparison operator (`==` … `>=`) on two values of one type:
/// structural equality, and the order of A5 (NaN compares false).
fn compare(op: BinOp, l: &Value, r: &Value) -> Result<bool, KindMismatch> {
    Ok(match op {
        BinOp::Eq => l.equals(r)?,
        BinOp::Ne => !l.equals(r)?,
        BinOp::Lt => l.partial_cmp(r)?.is_some_and(|o| o.is_lt()),
        BinOp::Le => l.partial_cmp(r)?.is_some_and(|o| o.is_le()),
        BinOp::Gt => l.partial_cmp(r)?.is_some_and(|o| o.is_gt()),
        _ => l.partial_cmp(r)?.is_some_and(|o| o.is_ge()),
    })
}

/// Both operands' Ints, if both are Ints. Takes the values by reference
/// and matches them in place: moving them into a tuple first would copy them
/// as 16-byte blocks right after they were written as two words, a
/// store-forwarding stall on the hottest path of the evaluator.
#[inline(always)]
fn int_pair(l: &Value, r: &Value) -> Option<(i64, i64)> {
    match l {
        Value::Int(x) => match r {
            Value::Int(y) => Some((*x, *y)),
            _ => None,
        },
        _ => None,
    }
}

/// Discards two values known to be Ints. They own nothing, so skipping
/// their destructors changes nothing but the cost: the compiler cannot see
/// the variant there and would call the drop glue for each.
#[inline(always)]
fn forget_ints(l: Value, r: Value) {
    debug_assert!(matches!((&l, &r), (Value::Int(_), Value::Int(_))));
    std::mem::forget(l);
    std::mem::forget(r);
}

impl Interp {
    /// Evaluates an expression in tail position.
    pub(super) fn eval_tail(&mut self, cx: &Cx, fr: Frame, mut e: &Expr) -> R<Flow> {
        if self.stack_low() {
            return self.on_new_stack(|this| this.eval_tail(cx, fr, e));
        }
        // Descending into the tail of an `if`, block or `match` continues
        // this loop instead of recursing.
        loop {
            let block = match e.kind {
                ExprKind::Call(c) => {
                    let callee = match self.self_call(cx, fr, c) {
                        Some(_) => None,
                        None => Some(self.operand(cx, fr, &c.callee)?),
                    };
                    for a in c.args {
                        let v = self.operand(cx, fr, a)?;
                        self.stack.push(v);
                    }
                    return Ok(self.set_tail(callee, c.args.len(), e.span));
                }
                ExprKind::MethodCall(m) => {
                    let recv = self.eval(cx, fr, &m.receiver)?;
                    let callee = self.read(cx, fr, cx.res.slot(m.method.id), &m.method)?;
                    self.stack.push(recv);
                    for a in m.args {
                        let v = self.eval(cx, fr, a)?;
                        self.stack.push(v);
                    }
                    return Ok(self.set_tail(Some(callee), m.args.len() + 1, e.span));
                }
                ExprKind::If(i) => {
                    if self.cond(cx, fr, &i.cond)? {
                        i.then_branch
                    } else {
                        match &i.else_branch {
                            Some(other) => {
                                e = other;
                                continue;
                            }
                            None => return Ok(Value::Unit),
                        }
                    }
                }
                ExprKind::Block(b) => b,
                ExprKind::Match(m) => {
                    let v = self.eval(cx, fr, &m.scrutinee)?;
                    let arm = self.select_arm(cx, fr, m, &v, e.span)?;
                    e = &arm.body;
                    continue;
                }
                ExprKind::Binary(ref b) => return self.binary(cx, fr, b, e.span),
                ExprKind::Var { .. } => return self.operand(cx, fr, e),
                _ => return self.eval(cx, fr, e),
            };
            // A block without statements has no `fn` items to create either.
            if !block.stmts.is_empty() {
                self.block_stmts(cx, fr, block)?;
            }
            match &block.tail {
                Some(t) => e = t,
                None => return Ok(Value::Unit),
            }
        }
    }

    /// Evaluates an expression to a value. Deeply nested expressions grow
    /// the native stack (`stacker`) instead of overflowing it.
    fn eval(&mut self, cx: &Cx, fr: Frame, e: &Expr) -> R<Value> {
        if self.stack_low() {
            return self.on_new_stack(|this| this.eval(cx, fr, e));
        }
        match e.kind {
            ExprKind::Int(i) => Ok(Value::Int(i)),
            ExprKind::Float(f) => Ok(Value::Float(f)),
            ExprKind::Bool(b) => Ok(Value::Bool(B8(b))),
            ExprKind::Str(s) => {
                self.charge(cx, 0, s.value.len() as u64, e.span)?;
                Ok(Value::str(s.value))
            }
            ExprKind::Unit => Ok(Value::Unit),
            ExprKind::Var { .. } => self.operand(cx, fr, e),
            ExprKind::Unary(u) => {
                let v = self.eval(cx, fr, &u.operand)?;
                match (u.op, v) {
                    (UnaryOp::Neg, Value::Int(i)) => match i.checked_neg() {
                        Some(n) => Ok(Value::Int(n)),
                        None => Err(self.overflow(cx, "negation", e.span)),
                    },
                    (UnaryOp::Neg, Value::Float(f)) => Ok(Value::Float(-f)),
                    (UnaryOp::Not, Value::Bool(B8(b))) => Ok(Value::Bool(B8(!b))),
                    (_, v) => Err(self.bug(
                        cx,
                        format_args!("unexpected {} value", v.kind_name()),
                        e.span,
                    )),
                }
            }
            ExprKind::Binary(ref b) => self.binary(cx, fr, b, e.span),
            ExprKind::Call(c) => self.call_expr(cx, fr, c, e.span),
            ExprKind::MethodCall(_) => {
                let flow = self.eval_tail(cx, fr, e)?;
                self.finish(cx, fr, flow)
            }
            ExprKind::Field(f) => {
                let v = self.eval(cx, fr, &f.expr)?;
                match &v {
                    Value::Struct(s) => match self.field_of(cx, f.field, &s.fields) {
                        Some(x) => Ok(x.clone()),
                        None => Err(self.bug(cx, "a struct without that field", e.span)),
                    },
                    other => Err(self.bug(
                        cx,
                        format_args!("unexpected {} value", other.kind_name()),
                        e.span,
                    )),
                }
            }
            ExprKind::Index(ix) => {
                let list = self.eval(cx, fr, &ix.expr)?;
                let index = self.eval(cx, fr, &ix.index)?;
                match (&list, index) {
                    (Value::List(l), Value::Int(i)) => {
                        let items = l.as_slice();
                        if i < 0 || i as usize >= items.len() {
                            Err(self.error(
                                cx,
                                codes::INDEX_OUT_OF_RANGE,
                                format!(
                                    "index out of range: the index is {i} but the length is {}",
                                    items.len()
                                ),
                                e.span,
                            ))
                        } else {
                            Ok(items[i as usize].clone())
                        }
                    }
                    _ => Err(self.bug(
                        cx,
                        format_args!("unexpected {} value", list.kind_name()),
                        e.span,
                    )),
                }
            }
            ExprKind::Tuple(l) => {
                let mut items = Vec::with_capacity(l.items.len());
                for x in l.items {
                    items.push(self.eval(cx, fr, x)?);
                }
                Ok(Value::Tuple(Rc::new(items)))
            }
            ExprKind::List(l) => {
                self.charge(cx, 0, 16 * l.items.len() as u64, e.span)?;
                let mut items = Vec::with_capacity(l.items.len());
                for x in l.items {
                    items.push(self.eval(cx, fr, x)?);
                }
                Ok(Value::list(items))
            }
            ExprKind::Block(_) | ExprKind::If(_) | ExprKind::Match(_) => {
                let flow = self.eval_tail(cx, fr, e)?;
                self.finish(cx, fr, flow)
            }
            ExprKind::Closure(c) => {
                let group = cx.res.closure_group(c.id);
                Ok(Value::Fn(self.make_group(cx, fr, group)))
            }
            ExprKind::StructLit(s) => {
                let Slot::Struct(i) = cx.res.slot(s.name.id) else {
                    return Err(self.bug(cx, "an unknown struct", e.span));
                };
                let info = cx.res.structs[i as usize].clone();
                let mut fields = vec![Value::Unit; info.fields.len()];
                for f in s.fields {
                    let v = self.eval(cx, fr, &f.value)?;
                    let slot = cx.fields.get(f.name.id.index());
                    match slot.and_then(|&i| fields.get_mut(i as usize)) {
                        Some(x) => *x = v,
                        None => return Err(self.bug(cx, "a struct without that field", e.span)),
                    }
                }
                Ok(Value::Struct(Rc::new(StructVal {
                    info,
                    fields: fields.into_boxed_slice(),
                })))
            }
            ExprKind::Error => Err(self.bug(cx, "a syntax error node", e.span)),
        }
    }

    /// The field of a struct's `fields` that the field name `name` denotes,
    /// by the index the checker decided.
    #[inline]
    pub(super) fn field_of<'v>(
        &self,
        cx: &Cx,
        name: &Ident,
        fields: &'v [Value],
    ) -> Option<&'v Value> {
        fields.get(*cx.fields.get(name.id.index())? as usize)
    }

    /// Runs a block's statements, then evaluates its tail in tail position.
    pub(super) fn block_tail(&mut self, cx: &Cx, fr: Frame, b: &Block) -> R<Flow> {
        // A block without statements has no `fn` items to create either.
        if !b.stmts.is_empty() {
            self.block_stmts(cx, fr, b)?;
        }
        match &b.tail {
            Some(t) => self.eval_tail(cx, fr, t),
            None => Ok(Value::Unit),
        }
    }

    /// Runs a block's statements, making each group of its `fn` items at
    /// the point name resolution chose (once the `let`s it needs have run).
    fn block_stmts(&mut self, cx: &Cx, fr: Frame, b: &Block) -> R<()> {
        let fns = cx.res.fns_of(b.id);
        let mut next = 0;
        for (i, s) in b.stmts.iter().enumerate() {
            while let Some(bf) = fns.get(next)
                && bf.create_at as usize == i
            {
                self.create_fns(cx, fr, bf.group, cx.res.member_slots_of(bf));
                next += 1;
            }
            match s {
                Stmt::Let(l) => {
                    let v = self.eval(cx, fr, &l.value)?;
                    if !self.bind(cx, fr, &l.pattern, &v) {
                        return Err(self.bug(
                            cx,
                            format_args!(
                                "the value {} does not match this irrefutable `let` pattern",
                                v.display_clipped(true, QUOTED_VALUE_CHARS)
                            ),
                            l.pattern.span,
                        ));
                    }
                }
                Stmt::Expr(e) => {
                    self.eval(cx, fr, e)?;
                }
                Stmt::Fn(_) | Stmt::Struct(_) | Stmt::Enum(_) | Stmt::Empty(_) => {}
                Stmt::Error(span) => return Err(self.bug(cx, "a syntax error node", *span)),
            }
        }
        for bf in fns.get(next..).unwrap_or_default() {
            self.create_fns(cx, fr, bf.group, cx.res.member_slots_of(bf));
        }
        Ok(())
    }

    /// Evaluates an operator expression (`&&` and `||` short-circuit). A
    /// chain of operators down the left operands is evaluated by `chain`
    /// in a loop, so a chain as long as the source does not recurse once
    /// per operator.
    fn binary(&mut self, cx: &Cx, fr: Frame, b: &Binary, span: Span) -> R<Value> {
        // Right operands of operands are evaluated through `operand`, not
        // `eval`, so a long right-nested expression recurses here.
        if self.stack_low() {
            return self.on_new_stack(|this| this.binary(cx, fr, b, span));
        }
        match b.op {
            BinOp::And => {
                return Ok(Value::Bool(B8(
                    self.left_cond(cx, fr, &b.lhs)? && self.cond(cx, fr, &b.rhs)?
                )));
            }
            BinOp::Or => {
                return Ok(Value::Bool(B8(
                    self.left_cond(cx, fr, &b.lhs)? || self.cond(cx, fr, &b.rhs)?
                )));
            }
            _ => {}
        }
        // A left operand whose own left operand is an operator heads a
        // chain; one operator there (`x % 2 == 0`) is evaluated directly.
        let l = match &b.lhs.kind {
            ExprKind::Binary(lb) if matches!(lb.lhs.kind, ExprKind::Binary(_)) => {
                self.chain(cx, fr, &b.lhs)?
            }
            _ => self.operand(cx, fr, &b.lhs)?,
        };
        self.with_left(cx, fr, b, l, span)
    }

    /// The left operand of `&&` or `||` as a Bool: a `&&` or `||` there
    /// heads a chain, evaluated by `chain`.
    #[inline(always)]
    fn left_cond(&mut self, cx: &Cx, fr: Frame, e: &Expr) -> R<bool> {
        match &e.kind {
            ExprKind::Binary(b) if matches!(b.op, BinOp::And | BinOp::Or) => {
                let v = self.chain(cx, fr, e)?;
                self.as_bool(cx, v, e.span)
            }
            _ => self.cond(cx, fr, e),
        }
    }

    /// The Bool a condition evaluated to.
    #[inline]
    pub(super) fn as_bool(&self, cx: &Cx, v: Value, span: Span) -> R<bool> {
        match v {
            Value::Bool(B8(b)) => Ok(b),
            v => Err(self.bug(
                cx,
                format_args!("a condition of kind {}", v.kind_name()),
                span,
            )),
        }
    }

    /// Finishes an operator other than `&&` and `||` whose left operand
    /// evaluated to `l`: evaluates the right operand and applies the
    /// operator.
    #[inline(always)]
    pub(super) fn with_left(
        &mut self,
        cx: &Cx,
        fr: Frame,
        b: &Binary,
        l: Value,
        span: Span,
    ) -> R<Value> {
        let r = self.operand(cx, fr, &b.rhs)?;
        match int_pair(&l, &r) {
            Some((x, y)) => {
                forget_ints(l, r);
                self.int_binary(cx, b, x, y, span)
            }
            None => self.binary_values(cx, b.op, l, r, span),
        }
    }

    /// An operator on two values other than two Ints.
    fn binary_values(&mut self, cx: &Cx, op: BinOp, l: Value, r: Value, span: Span) -> R<Value> {
        use Value::Float as F;
        match (&l, &r) {
            (Value::Str(x), Value::Str(y)) => {
                let n = (x.len() + y.len()) as u64;
                self.charge(cx, n, n, span)?;
            }
            (Value::List(x), Value::List(y)) => {
                let n = (x.len() + y.len()) as u64;
                self.charge(cx, n, 16 * n, span)?;
            }
            _ => {}
        }
        let v = match (op, l, r) {
            (BinOp::Add, F(x), F(y)) => F(x + y),
            (BinOp::Sub, F(x), F(y)) => F(x - y),
            (BinOp::Mul, F(x), F(y)) => F(x * y),
            (BinOp::Div, F(x), F(y)) => F(x / y),
            (BinOp::Rem, F(x), F(y)) => F(x % y),
            (BinOp::Pow, F(x), F(y)) => F(x.powf(y)),
            (
                op @ (BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge),
                l,
                r,
            ) => match compare(op, &l, &r) {
                Ok(b) => Value::Bool(B8(b)),
                Err(m) => return Err(self.bug(cx, m, span)),
            },
            (BinOp::Concat, Value::Str(x), Value::Str(y)) => {
                // Check before building: the result may be too big to allocate.
                if x.len() + y.len() > self.limits.max_len {
                    self.check_len(cx, x.chars().count() + y.chars().count(), span)?;
                }
                let mut s = String::with_capacity(x.len() + y.len());
                s.push_str(&x);
                s.push_str(&y);
                Value::Str(Rc::new(s))
            }
            (BinOp::Concat, Value::List(x), Value::List(y)) => {
                self.check_len(cx, x.len() + y.len(), span)?;
                Value::List(List::append(x, &y))
            }
            (_, l, _) => {
                return Err(self.bug(cx, format_args!("unexpected {} value", l.kind_name()), span));
            }
        };
        Ok(v)
    }

    /// An operator on two Ints: the common case, kept free of calls and
    /// of the generic comparison.
    #[inline(always)]
    fn int_binary(&self, cx: &Cx, b: &Binary, x: i64, y: i64, span: Span) -> R<Value> {
        let checked = |r: Option<i64>, what: &str| match r {
            Some(v) => Ok(Value::Int(v)),
            None => Err(self.overflow(cx, what, span)),
        };
        match b.op {
            BinOp::Add => checked(x.checked_add(y), "addition"),
            BinOp::Sub => checked(x.checked_sub(y), "subtraction"),
            BinOp::Mul => checked(x.checked_mul(y), "multiplication"),
            BinOp::Div if y == 0 => Err(self.div_zero(cx, "division", b.rhs.span)),
            BinOp::Div => checked(x.checked_div(y), "division"),
            BinOp::Rem if y == 0 => Err(self.div_zero(cx, "remainder", b.rhs.span)),
            BinOp::Rem => checked(x.checked_rem(y), "remainder"),
            BinOp::Pow => self.int_pow(cx, x, y, span).map(Value::Int),
            BinOp::Eq => Ok(Value::Bool(B8(x == y))),
            BinOp::Ne => Ok(Value::Bool(B8(x != y))),
            BinOp::Lt => Ok(Value::Bool(B8(x < y))),
            BinOp::Le => Ok(Value::Bool(B8(x <= y))),
            BinOp::Gt => Ok(Value::Bool(B8(x > y))),
            BinOp::Ge => Ok(Value::Bool(B8(x >= y))),
            _ => Err(self.bug(cx, "operands that are not Ints", span)),
        }
    }

    /// Evaluates an operator's operand. Literals and locals are read here,
    /// inline, so the common `n - 1` makes no call.
    #[inline(always)]
    pub(super) fn operand(&mut self, cx: &Cx, fr: Frame, e: &Expr) -> R<Value> {
        match e.kind {
            ExprKind::Int(i) => Ok(Value::Int(i)),
            ExprKind::Var { name, id } => {
                if let Some(i) = cx.res.local_slot(id) {
                    match &self.stack[fr.base + i as usize] {
                        Value::Int(n) => return Ok(Value::Int(*n)),
                        Value::Uninit => {}
                        v => return Ok(v.clone()),
                    }
                }
                let slot = cx.res.slot(id);
                match (slot, fr.env) {
                    (Slot::Sibling(m), Some(env)) => return Ok(Value::Fn(env.sibling(m))),
                    // An embedder's input or a REPL definition.
                    (Slot::Global(i), _) => match self.globals.get(i as usize) {
                        Some(Value::Int(n)) => return Ok(Value::Int(*n)),
                        Some(Value::Uninit) | None => {}
                        Some(v) => return Ok(v.clone()),
                    },
                    _ => {}
                }
                let ident = Ident {
                    name,
                    span: e.span,
                    id,
                };
                self.read(cx, fr, slot, &ident)
            }
            ExprKind::Binary(ref b) => self.binary(cx, fr, b, e.span),
            ExprKind::Call(c) => self.call_expr(cx, fr, c, e.span),
            _ => self.eval(cx, fr, e),
        }
    }

    /// Evaluates a condition (`if`, guard, `&&`/`||` operand) to a Bool
    /// without building a Value for the common Int comparison.
    #[inline(always)]
    pub(super) fn cond(&mut self, cx: &Cx, fr: Frame, e: &Expr) -> R<bool> {
        if let ExprKind::Binary(b) = &e.kind
            && matches!(
                b.op,
                BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge
            )
        {
            let l = self.operand(cx, fr, &b.lhs)?;
            let r = self.operand(cx, fr, &b.rhs)?;
            if let Some((x, y)) = int_pair(&l, &r) {
                forget_ints(l, r);
                return Ok(match b.op {
                    BinOp::Eq => x == y,
                    BinOp::Ne => x != y,
                    BinOp::Lt => x < y,
                    BinOp::Le => x <= y,
                    BinOp::Gt => x > y,
                    _ => x >= y,
                });
            }
            return compare(b.op, &l, &r).map_err(|m| self.bug(cx, m, e.span));
        }
        let v = self.eval(cx, fr, e)?;
        self.as_bool(cx, v, e.span)
    }

    /// Int `x ** y`: checked, and an error for a negative exponent.
    fn int_pow(&self, cx: &Cx, x: i64, y: i64, span: Span) -> R<i64> {
        if y < 0 {
            return Err(self
                .error(
                    cx,
                    codes::INVALID_ARGUMENT,
                    format!("negative exponent {y} in Int `**`"),
                    span,
                )
                .with_help("use Floats for negative powers, e.g. `2.0 ** -1.0`"));
        }
        let r = match u32::try_from(y) {
            Ok(e) => x.checked_pow(e),
            Err(_) => match x {
                0 | 1 => Some(x),
                -1 => Some(if y % 2 == 0 { 1 } else { -1 }),
                _ => None,
            },
        };
        r.ok_or_else(|| self.overflow(cx, "exponentiation", span))
    }
}
