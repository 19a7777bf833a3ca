//! Calls: the tail-call trampoline, function frames, closures, fn groups.
//!
//! Owns calling a function value (user function, builtin or enum
//! constructor) with its arguments on the value stack, the call depth
//! limit, tail calls (a pending [`TailCall`] run by the loop in
//! [`Interp::call`], so tail recursion runs in constant stack), making
//! closures and the function groups of a block, and the bridge the builtins
//! call back into the evaluator through. It must not implement builtins or
//! walk expressions other than a call's callee and arguments.

use crate::eval::interp::{Cx, Frame};
use crate::eval::value::{BuiltinFn, EnumVal, FnVal, Value};
use crate::eval::{Interp, R, builtins, codes};
use crate::sema::prelude::Builtin;

use crate::span::Span;
use crate::syntax::ast::{Call, ExprKind};
use std::rc::Rc;
use std::sync::Arc;

/// What evaluating an expression in tail position produced: a value, or
/// [`Value::TailCall`] when a call is pending in [`Interp::tail`] with its
/// arguments on top of the stack. The marker is a value rather than a
/// separate enum so that the common `return self.eval(..)` in tail position
/// hands back the callee's result in place instead of copying it.
pub(super) type Flow = Value;

/// A call in tail position, waiting to be made by the trampoline.
pub(super) struct TailCall {
    /// `None`: the function whose frame made the call (a function calling
    /// itself, the common loop), so no function value is made for it.
    callee: Option<Value>,
    /// Number of arguments on top of the value stack.
    nargs: usize,
    /// Where the call is, for errors.
    span: Span,
}

impl TailCall {
    /// No pending call (the interpreter's initial state).
    pub(super) fn none() -> TailCall {
        TailCall {
            callee: None,
            nargs: 0,
            span: Span::new(0, 0),
        }
    }
}

/// The context a builtin runs in: what it needs to call back into the
/// evaluator and to report errors at the right place.
pub(crate) struct BuiltinCx<'c, 'a, 'u> {
    /// The unit of the call.
    pub(super) cx: &'c Cx<'a, 'u>,
}

impl Interp {
    /// Makes the pending tail call if `flow` is one; else `flow` is the value.
    pub(super) fn finish(&mut self, cx: &Cx, fr: Frame, flow: Flow) -> R<Value> {
        match flow {
            Value::TailCall => {
                let (callee, nargs, span) = self.take_tail();
                let callee = match (callee, fr.env) {
                    (Some(callee), _) => callee,
                    (None, Some(env)) => Value::Fn(env.clone()),
                    (None, None) => Value::Uninit,
                };
                self.call(cx, callee, nargs, span)
            }
            v => Ok(v),
        }
    }

    /// Records a pending tail call.
    #[inline]
    pub(super) fn set_tail(&mut self, callee: Option<Value>, nargs: usize, span: Span) -> Flow {
        self.tail = TailCall {
            callee,
            nargs,
            span,
        };
        Value::TailCall
    }

    /// Takes the pending tail call.
    #[inline]
    fn take_tail(&mut self) -> (Option<Value>, usize, Span) {
        (self.tail.callee.take(), self.tail.nargs, self.tail.span)
    }

    /// The running function, if call `c` is it calling itself by name.
    #[inline]
    pub(super) fn self_call<'f>(&self, cx: &Cx, fr: Frame<'f>, c: &Call) -> Option<&'f Rc<FnVal>> {
        if let ExprKind::Var { id, .. } = c.callee.kind
            && let Some(m) = cx.res.sibling_slot(id)
            && let Some(env) = fr.env
            && m == env.member
        {
            return Some(env);
        }
        None
    }

    /// Calls `callee` with the `nargs` values on top of the stack, popping
    /// them. Tail calls made by the callee loop here instead of recursing.
    fn call(&mut self, cx: &Cx, mut callee: Value, mut nargs: usize, mut span: Span) -> R<Value> {
        self.depth += 1;
        if self.depth > self.limits.max_depth {
            self.depth -= 1;
            let top = self.stack.len() - nargs;
            self.stack.truncate(top);
            return Err(self
                .error(
                    cx,
                    codes::STACK_OVERFLOW,
                    format!(
                        "stack overflow: call depth exceeded {}",
                        self.limits.max_depth
                    ),
                    span,
                )
                .with_help(
                    "raise the limit with `--max-depth N`, or make the recursion a tail call",
                ));
        }
        // A closure, so the early returns inside still reach the depth
        // bookkeeping below.
        let mut run = || {
            loop {
                if let Err(e) = self.tick(cx, span) {
                    let top = self.stack.len() - nargs;
                    self.stack.truncate(top);
                    return Err(e);
                }
                let base = self.stack.len() - nargs;
                let flow = match &callee {
                    Value::Fn(fv) => {
                        if Arc::ptr_eq(&fv.unit, cx.unit) {
                            self.run_fn(cx, fv, base, span)
                        } else {
                            let fv = fv.clone();
                            let unit = fv.unit.clone();
                            unit.with_compiled(|comp| {
                                let cx2 = Cx {
                                    unit: &unit,
                                    res: &comp.resolution,
                                    fields: unit.field_slots(),
                                };
                                // A tail call out of another unit is finished
                                // inside it, where its code is borrowed.
                                let flow = self.run_fn(&cx2, &fv, base, span)?;
                                match flow {
                                    Value::TailCall => {
                                        let (c, n, s) = self.take_tail();
                                        let c = c.unwrap_or_else(|| Value::Fn(fv.clone()));
                                        self.call(&cx2, c, n, s)
                                    }
                                    v => Ok(v),
                                }
                            })
                        }
                    }
                    Value::Builtin(BuiltinFn(b)) => self.call_builtin(cx, *b, base, span),
                    Value::Host(h) => self.call_host(cx, h, base, span),
                    Value::Ctor(v) => {
                        let fields: Box<[Value]> = self.stack.drain(base..).collect();
                        Ok(Value::Enum(Rc::new(EnumVal {
                            variant: v.clone(),
                            fields,
                        })))
                    }
                    other => {
                        let kind = other.kind_name();
                        self.stack.truncate(base);
                        Err(self.bug(cx, format_args!("a {kind} value is not a function"), span))
                    }
                };
                match flow {
                    Ok(Value::TailCall) => {
                        let (next, n, s) = self.take_tail();
                        // `run_fn` left the arguments at this frame's base.
                        if let Some(next) = next {
                            callee = next;
                        }
                        nargs = n;
                        span = s;
                    }
                    Ok(v) => return Ok(v),
                    Err(mut e) => {
                        self.stack.truncate(base);
                        e.push_frame(cx, &callee, span);
                        return Err(e);
                    }
                }
            }
        };
        let result = run();
        self.depth -= 1;
        result
    }

    /// [`Interp::call`] for a function whose code is in the current unit
    /// (the running function calling itself, a builtin calling a closure):
    /// the first round of the trampoline borrows the function instead of
    /// taking a function value.
    fn call_borrowed(&mut self, cx: &Cx, env: &Rc<FnVal>, nargs: usize, span: Span) -> R<Value> {
        if self.depth >= self.limits.max_depth {
            // The general path reports the limit.
            return self.call(cx, Value::Fn(env.clone()), nargs, span);
        }
        if let Err(e) = self.tick(cx, span) {
            let top = self.stack.len() - nargs;
            self.stack.truncate(top);
            return Err(e);
        }
        self.depth += 1;
        let base = self.stack.len() - nargs;
        let result = self.run_fn(cx, env, base, span);
        self.depth -= 1;
        match result {
            Ok(Value::TailCall) => {
                let (next, n, s) = self.take_tail();
                let next = next.unwrap_or_else(|| Value::Fn(env.clone()));
                self.call(cx, next, n, s)
            }
            Err(mut e) => {
                self.stack.truncate(base);
                e.push_frame(cx, &Value::Fn(env.clone()), span);
                Err(e)
            }
            ok => ok,
        }
    }

    /// Runs member `member` of `fv` with its arguments at `stack[base..]`.
    fn run_fn(&mut self, cx: &Cx, fv: &Rc<FnVal>, base: usize, span: Span) -> R<Flow> {
        let info = &cx.res.members_of(fv.group)[fv.member as usize];
        let params = info.code.params();
        let nargs = self.stack.len() - base;
        if nargs != params.len() {
            self.stack.truncate(base);
            return Err(self.bug(
                cx,
                format_args!(
                    "function takes {} arguments but {nargs} were supplied",
                    params.len()
                ),
                span,
            ));
        }
        // Locals beyond the parameters start uninitialised (most small
        // functions have none, so this is usually no work at all).
        for _ in params.len()..info.frame_size as usize {
            self.stack.push(Value::Uninit);
        }
        let fr = Frame {
            base,
            env: Some(fv),
        };
        let body = info.code.body();
        let flow = self.eval_tail(cx, fr, body);
        match &flow {
            Ok(Value::TailCall) => {
                // Reuse this frame: move the tail call's arguments (on top of
                // the stack) down to the base and drop the rest.
                let n = self.tail.nargs;
                let args_at = self.stack.len() - n;
                for i in 0..n {
                    self.stack.swap(base + i, args_at + i);
                }
                self.pop_to(base + n);
            }
            _ => self.pop_to(base),
        }
        flow
    }

    /// Evaluates a call in a position that is not a tail.
    #[inline]
    pub(super) fn call_expr(&mut self, cx: &Cx, fr: Frame, c: &Call, span: Span) -> R<Value> {
        // A function calling itself: run its code with the environment
        // already at hand, without making a function value for the callee.
        if let Some(env) = self.self_call(cx, fr, c) {
            for a in c.args {
                let v = self.operand(cx, fr, a)?;
                self.stack.push(v);
            }
            return self.call_borrowed(cx, env, c.args.len(), span);
        }
        let callee = self.operand(cx, fr, &c.callee)?;
        for a in c.args {
            let v = self.operand(cx, fr, a)?;
            self.stack.push(v);
        }
        self.call(cx, callee, c.args.len(), span)
    }

    /// Makes function group `group` with its captures read from frame `fr`:
    /// a closure, or the first `fn` item of a block.
    pub(super) fn make_group(&self, cx: &Cx, fr: Frame, group: u32) -> Rc<FnVal> {
        let captures: Vec<Value> = cx
            .res
            .captures_of(group)
            .iter()
            .map(|slot| self.slot_value(cx, fr, *slot))
            .collect();
        Rc::new(FnVal {
            unit: cx.unit.clone(),
            group,
            member: 0,
            captures: captures.into(),
        })
    }

    /// Makes the `fn` items of a block (group `group`) and stores each
    /// member in its local slot.
    pub(super) fn create_fns(&mut self, cx: &Cx, fr: Frame, group: u32, slots: &[u32]) {
        let fv = self.make_group(cx, fr, group);
        for (m, slot) in slots.iter().enumerate() {
            self.stack[fr.base + *slot as usize] = Value::Fn(fv.sibling(m as u32));
        }
    }

    /// Calls a function value from a builtin (`map`, `fold`, …) with `args`.
    pub(crate) fn call_from_builtin<const N: usize>(
        &mut self,
        bcx: &BuiltinCx,
        f: &Value,
        args: [Value; N],
        span: Span,
    ) -> R<Value> {
        for a in args {
            self.stack.push(a);
        }
        match f {
            Value::Fn(fv) if Arc::ptr_eq(&fv.unit, bcx.cx.unit) => {
                self.call_borrowed(bcx.cx, fv, N, span)
            }
            _ => self.call(bcx.cx, f.clone(), N, span),
        }
    }

    /// Runs builtin `b` with its arguments at `stack[base..]`, popping them.
    fn call_builtin(&mut self, cx: &Cx, b: Builtin, base: usize, span: Span) -> R<Value> {
        let args: Vec<Value> = self.stack.drain(base..).collect();
        let bcx = BuiltinCx { cx };
        builtins::call(self, &bcx, b, args, span)
    }
}
