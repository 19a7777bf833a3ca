//! The tree-walking evaluator.
//!
//! Owns evaluation of a resolved unit: frames on one reusable value stack,
//! flat closures, tail calls (a trampoline in [`Interp::call`], so tail
//! recursion runs in constant stack), checked arithmetic, pattern matching,
//! limits (call depth, fuel, interrupt) and runtime errors with a call trace.
//! It walks the arena AST by reference; names were resolved to slots before
//! evaluation ([`crate::sema::resolve`]), so no variable access hashes a string.
//!
//! It never prints: program output goes to the writer the interpreter was
//! given, errors are returned as [`RuntimeError`] values.

pub mod builtins;
pub mod value;

use crate::diag::{self, Diagnostic};
use crate::eval::value::{B8, EnumVal, FnVal, StructVal, Value};
use crate::sema::resolve::{Resolution, Slot};
use crate::sema::unit::Unit;
use crate::span::Span;
use crate::syntax::ast::*;
use std::io::Write;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Runtime error codes.
pub mod codes {
    /// Int division or remainder by zero.
    pub const DIVISION_BY_ZERO: &str = "E0401";
    /// Int overflow (including `i64::MIN / -1`, `abs(i64::MIN)`).
    pub const OVERFLOW: &str = "E0402";
    /// List index out of range.
    pub const INDEX_OUT_OF_RANGE: &str = "E0403";
    /// `head`/`last`/`tail` of an empty list.
    pub const EMPTY_LIST: &str = "E0404";
    /// A failed `assert`.
    pub const ASSERTION_FAILED: &str = "E0405";
    /// A call to `panic`.
    pub const PANIC: &str = "E0406";
    /// No match arm matched.
    pub const NO_MATCH: &str = "E0407";
    /// A conversion that has no result (`int(NaN)`, negative exponent).
    pub const INVALID_ARGUMENT: &str = "E0408";
    /// A value used in a way the checker should have rejected.
    pub const INTERNAL: &str = "E0409";
    /// Call depth limit.
    pub const STACK_OVERFLOW: &str = "E0501";
    /// Fuel (evaluation steps) limit.
    pub const OUT_OF_FUEL: &str = "E0502";
    /// Interrupted by Ctrl-C.
    pub const INTERRUPTED: &str = "E0503";
    /// List or string length limit.
    pub const TOO_LONG: &str = "E0504";
}

/// Default maximum call depth (non-tail calls).
pub const DEFAULT_MAX_DEPTH: u32 = 200_000;

/// Default maximum length of a list or string built at run time: 100
/// million elements (a list that long takes 1.6 GB). Past it, building the
/// value is a runtime error instead of exhausting memory, which would abort
/// the process.
pub const DEFAULT_MAX_LEN: usize = 100_000_000;

/// The limits of E for running programs (the arena limit applies while a
/// unit is parsed; the drivers hand it to the unit's arena).
#[derive(Clone, Debug)]
pub struct Limits {
    /// Maximum nesting of non-tail calls.
    pub max_depth: u32,
    /// Maximum number of function calls (`None`: unlimited).
    pub fuel: Option<u64>,
    /// Maximum length of a list or string built at run time.
    pub max_len: usize,
    /// Maximum bytes one unit's syntax tree may take (`None`: unlimited).
    pub max_arena_bytes: Option<usize>,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_depth: DEFAULT_MAX_DEPTH,
            fuel: None,
            max_len: DEFAULT_MAX_LEN,
            max_arena_bytes: None,
        }
    }
}

/// A runtime error: a diagnostic plus the unit whose source its spans point
/// into.
#[derive(Debug)]
pub struct RuntimeError {
    /// The error, with the failing span and the call trace as a note.
    pub diagnostic: Diagnostic,
    /// The unit whose source the span refers to.
    pub unit: Rc<Unit>,
    trace: Vec<String>,
    more: usize,
}

impl RuntimeError {
    /// Renders the error against its unit's source.
    pub fn render(&self, color: bool) -> String {
        let mut d = self.diagnostic.clone();
        if !self.trace.is_empty() {
            let mut note = String::from("call trace (innermost first):");
            for t in &self.trace {
                note.push_str("\n  ");
                note.push_str(t);
            }
            if self.more > 0 {
                note.push_str(&format!("\n  … {} more", self.more));
            }
            d.notes.push(note);
        }
        diag::render(&[d], self.unit.name(), self.unit.source(), color)
    }

    /// The call trace lines, innermost first.
    pub fn trace(&self) -> &[String] {
        &self.trace
    }
}

/// Frames kept in a trace before eliding.
const TRACE_FRAMES: usize = 10;

type R<T> = Result<T, Box<RuntimeError>>;

/// What evaluating an expression in tail position produced: a value, or
/// [`Value::TailCall`] when a call is pending in [`Interp::tail`] with its
/// arguments on top of the stack. The marker is a value rather than a
/// separate enum so that the common `return self.eval(..)` in tail position
/// hands back the callee's result in place instead of copying it.
type Flow = Value;

/// A call in tail position, waiting to be made by the trampoline.
struct TailCall {
    /// `None`: the function whose frame made the call (a function calling
    /// itself, the common loop), so no function value is made for it.
    callee: Option<Value>,
    nargs: usize,
    span: Span,
}

/// The current frame: where its locals start and its function environment.
#[derive(Clone, Copy)]
struct Frame<'f> {
    base: usize,
    env: Option<&'f Rc<FnVal>>,
}

/// The unit whose code is running.
struct Cx<'a, 'u> {
    unit: &'u Rc<Unit>,
    res: &'a Resolution<'a>,
}

/// The interpreter: a value stack, limits, persistent globals and the output
/// writer. One interpreter can run many units (the REPL).
pub struct Interp {
    stack: Vec<Value>,
    depth: u32,
    limits: Limits,
    fuel_left: u64,
    interrupt: Arc<AtomicBool>,
    out: Box<dyn Write>,
    /// Values of persistent globals (REPL), by global index.
    pub globals: Vec<Value>,
    /// The pending tail call when evaluation returned [`Value::TailCall`].
    tail: TailCall,
    /// Lowest native stack address evaluation may reach before it switches
    /// to a fresh stack segment (see [`Interp::stack_low`]).
    stack_limit: usize,
}

/// A comparison operator (`==` … `>=`) on two values of one type:
/// structural equality, and the order of A5 (NaN compares false).
fn compare(op: BinOp, l: &Value, r: &Value) -> bool {
    match op {
        BinOp::Eq => l.equals(r),
        BinOp::Ne => !l.equals(r),
        BinOp::Lt => l.partial_cmp(r).is_some_and(|o| o.is_lt()),
        BinOp::Le => l.partial_cmp(r).is_some_and(|o| o.is_le()),
        BinOp::Gt => l.partial_cmp(r).is_some_and(|o| o.is_gt()),
        _ => l.partial_cmp(r).is_some_and(|o| o.is_ge()),
    }
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

/// Native stack kept free below the limit for one evaluation step.
const STACK_RED_ZONE: usize = 128 * 1024;
/// Size of each extra native stack segment for deep evaluation.
const STACK_SEGMENT: usize = 8 * 1024 * 1024;

/// The address of a local of the caller's frame: a cheap reading of the
/// native stack pointer.
#[inline(always)]
fn stack_pointer() -> usize {
    let marker = 0u8;
    std::ptr::addr_of!(marker) as usize
}

/// The stack limit for the current native stack segment: the lowest address
/// (stacks grow down) at which [`STACK_RED_ZONE`] bytes still remain. Zero
/// when the platform cannot tell, which disables growing.
fn current_stack_limit() -> usize {
    match stacker::remaining_stack() {
        Some(remaining) => (stack_pointer() - remaining).saturating_add(STACK_RED_ZONE),
        None => 0,
    }
}

impl Interp {
    /// An interpreter writing program output to `out`.
    pub fn new(limits: Limits, out: Box<dyn Write>) -> Interp {
        Interp {
            stack: Vec::with_capacity(1024),
            depth: 0,
            fuel_left: limits.fuel.unwrap_or(u64::MAX),
            limits,
            interrupt: Arc::new(AtomicBool::new(false)),
            out,
            globals: Vec::new(),
            stack_limit: 0,
            tail: TailCall {
                callee: None,
                nargs: 0,
                span: Span::new(0, 0),
            },
        }
    }

    /// Whether the native stack is nearly exhausted. One comparison, so it
    /// can run on every node: `stacker::remaining_stack` costs a call and a
    /// thread-local read.
    #[inline(always)]
    fn stack_low(&self) -> bool {
        stack_pointer() < self.stack_limit
    }

    /// Runs `f` on a fresh native stack segment, with the limit set for that
    /// segment while it runs and restored afterwards.
    #[cold]
    #[inline(never)]
    fn on_new_stack<T>(&mut self, f: impl FnOnce(&mut Interp) -> T) -> T {
        let saved = self.stack_limit;
        let result = stacker::grow(STACK_SEGMENT, || {
            self.stack_limit = current_stack_limit();
            f(self)
        });
        self.stack_limit = saved;
        result
    }

    /// The flag that interrupts evaluation when set (Ctrl-C).
    pub fn interrupt_flag(&self) -> Arc<AtomicBool> {
        self.interrupt.clone()
    }

    /// Flushes program output.
    pub fn flush(&mut self) {
        let _ = self.out.flush();
    }

    /// Runs a unit's top level. On success returns the final value and the
    /// values of the unit's top-level bindings (by local slot).
    pub fn run(&mut self, unit: &Rc<Unit>) -> R<(Value, Vec<Value>)> {
        self.interrupt.store(false, Ordering::Relaxed);
        self.fuel_left = self.limits.fuel.unwrap_or(u64::MAX);
        self.depth = 0;
        self.stack.clear();
        self.stack_limit = current_stack_limit();
        let result = unit.with_dependent(|_, comp| {
            let cx = Cx {
                unit,
                res: &comp.resolution,
            };
            let frame_size = comp.resolution.top_frame as usize;
            self.stack.resize(frame_size, Value::Uninit);
            let fr = Frame { base: 0, env: None };
            let v = self.block_tail(&cx, fr, comp.program.body)?;
            let v = self.finish(&cx, fr, v)?;
            let locals = self.stack[..frame_size].to_vec();
            Ok((v, locals))
        });
        // After an error the stack keeps its values until the next run (or
        // until the interpreter is dropped): freeing a big list value by
        // value takes long enough to delay an interrupt's report.
        if result.is_ok() {
            self.stack.clear();
        }
        let _ = self.out.flush();
        result
    }

    fn error(&self, cx: &Cx, code: &'static str, message: String, span: Span) -> Box<RuntimeError> {
        Box::new(RuntimeError {
            diagnostic: Diagnostic::error(code, message, span),
            unit: cx.unit.clone(),
            trace: Vec::new(),
            more: 0,
        })
    }

    /// Evaluates `e` and, if it is a pending tail call, runs it.
    fn finish(&mut self, cx: &Cx, fr: Frame, flow: Flow) -> R<Value> {
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

    // ----- calls -----

    /// Records a pending tail call.
    #[inline]
    fn set_tail(&mut self, callee: Option<Value>, nargs: usize, span: Span) -> Flow {
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
    fn self_call<'f>(&self, cx: &Cx, fr: Frame<'f>, c: &Call) -> Option<&'f Rc<FnVal>> {
        if let ExprKind::Var(ident) = c.callee.kind
            && let Slot::Sibling(m) = cx.res.slots[ident.id.index()]
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
                        if Rc::ptr_eq(&fv.unit, cx.unit) {
                            self.run_fn(cx, fv, base, span)
                        } else {
                            let fv = fv.clone();
                            let unit = fv.unit.clone();
                            unit.with_dependent(|_, comp| {
                                let cx2 = Cx {
                                    unit: &unit,
                                    res: &comp.resolution,
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
                    Value::Builtin(i) => {
                        let i = *i as u16;
                        self.call_builtin(cx, i, base, span)
                    }
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
                        Err(self.error(
                            cx,
                            codes::INTERNAL,
                            format!("a {kind} value is not a function"),
                            span,
                        ))
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

    /// Counts one step against fuel and checks for an interrupt.
    #[inline]
    fn tick(&mut self, cx: &Cx, span: Span) -> R<()> {
        if self.fuel_left == 0 {
            return Err(self.error(
                cx,
                codes::OUT_OF_FUEL,
                format!(
                    "evaluation step limit exceeded ({} calls)",
                    self.limits.fuel.unwrap_or(0)
                ),
                span,
            ));
        }
        self.fuel_left -= 1;
        if self.interrupt.load(Ordering::Relaxed) {
            return Err(self.error(cx, codes::INTERRUPTED, "interrupted".to_string(), span));
        }
        Ok(())
    }

    /// Runs member `member` of `fv` with its arguments at `stack[base..]`.
    fn run_fn(&mut self, cx: &Cx, fv: &Rc<FnVal>, base: usize, span: Span) -> R<Flow> {
        let info = &cx.res.groups[fv.group as usize].members[fv.member as usize];
        let params = info.code.params();
        let nargs = self.stack.len() - base;
        if nargs != params.len() {
            self.stack.truncate(base);
            return Err(self.error(
                cx,
                codes::INTERNAL,
                format!(
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

    /// Pops the value stack down to `len`. Looks at each value in place
    /// and only moves out the ones that own something: popping a scalar
    /// would copy it as a 16-byte block just after it was written as two
    /// words (a store-forwarding stall), and `Vec::truncate` calls the drop
    /// glue once per element.
    #[inline]
    fn pop_to(&mut self, len: usize) {
        while let Some(top) = self.stack.last()
            && self.stack.len() > len
        {
            if top.is_scalar() {
                let n = self.stack.len() - 1;
                self.stack.truncate(n);
            } else {
                drop(self.stack.pop());
            }
        }
    }

    // ----- slots -----

    fn read(&self, cx: &Cx, fr: Frame, slot: Slot, ident: &Ident) -> R<Value> {
        let v = self.slot_value(cx, fr, slot);
        if let Value::Uninit = v {
            return Err(self.error(
                cx,
                codes::INTERNAL,
                format!("`{}` is used before it is defined", ident.name),
                ident.span,
            ));
        }
        Ok(v)
    }

    /// The value in `slot` of frame `fr`; `Uninit` if it has none (yet).
    fn slot_value(&self, cx: &Cx, fr: Frame, slot: Slot) -> Value {
        match slot {
            Slot::Local(i) => self.stack[fr.base + i as usize].clone(),
            Slot::Capture(i) => match fr.env {
                Some(env) => env.captures[i as usize].clone(),
                None => Value::Uninit,
            },
            Slot::Sibling(m) => match fr.env {
                Some(env) => Value::Fn(env.sibling(m)),
                None => Value::Uninit,
            },
            Slot::Builtin(i) => crate::eval::builtins::value(i),
            Slot::Global(i) => self
                .globals
                .get(i as usize)
                .cloned()
                .unwrap_or(Value::Uninit),
            Slot::Variant(i) => {
                let v = &cx.res.variants[i as usize];
                if v.arity == 0 {
                    Value::Enum(Rc::new(EnumVal {
                        variant: v.clone(),
                        fields: Box::new([]),
                    }))
                } else {
                    Value::Ctor(v.clone())
                }
            }
            Slot::None | Slot::Struct(_) | Slot::Unresolved => Value::Uninit,
        }
    }

    // ----- expressions -----

    /// Evaluates an expression in tail position.
    fn eval_tail(&mut self, cx: &Cx, fr: Frame, mut e: &Expr) -> R<Flow> {
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
                    let callee = self.read(cx, fr, cx.res.slots[m.method.id.index()], m.method)?;
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
                ExprKind::Binary(b) => return self.binary(cx, fr, b, e.span),
                ExprKind::Var(_) => return self.operand(cx, fr, e),
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
            ExprKind::Str(s) => Ok(Value::str(s.value)),
            ExprKind::Unit => Ok(Value::Unit),
            ExprKind::Var(_) => self.operand(cx, fr, e),
            ExprKind::Unary(u) => {
                let v = self.eval(cx, fr, &u.operand)?;
                match (u.op, v) {
                    (UnaryOp::Neg, Value::Int(i)) => match i.checked_neg() {
                        Some(n) => Ok(Value::Int(n)),
                        None => Err(self.overflow(cx, "negation", e.span)),
                    },
                    (UnaryOp::Neg, Value::Float(f)) => Ok(Value::Float(-f)),
                    (UnaryOp::Not, Value::Bool(B8(b))) => Ok(Value::Bool(B8(!b))),
                    (_, v) => Err(self.internal(cx, v.kind_name(), e.span)),
                }
            }
            ExprKind::Binary(b) => self.binary(cx, fr, b, e.span),
            ExprKind::Call(c) => self.call_expr(cx, fr, c, e.span),
            ExprKind::MethodCall(_) => {
                let flow = self.eval_tail(cx, fr, e)?;
                self.finish(cx, fr, flow)
            }
            ExprKind::Field(f) => {
                let v = self.eval(cx, fr, &f.expr)?;
                match &v {
                    Value::Struct(s) => {
                        match s.info.fields.iter().position(|n| &**n == f.field.name) {
                            Some(i) => Ok(s.fields[i].clone()),
                            None => Err(self.internal(cx, "struct without that field", e.span)),
                        }
                    }
                    other => Err(self.internal(cx, other.kind_name(), e.span)),
                }
            }
            ExprKind::Index(ix) => {
                let list = self.eval(cx, fr, &ix.expr)?;
                let index = self.eval(cx, fr, &ix.index)?;
                match (&list, index) {
                    (Value::List(items), Value::Int(i)) => {
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
                    _ => Err(self.internal(cx, list.kind_name(), e.span)),
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
                let group = cx.res.closure_group[c.id.index()];
                Ok(Value::Fn(self.make_group(cx, fr, group)))
            }
            ExprKind::StructLit(s) => {
                let Slot::Struct(i) = cx.res.slots[s.name.id.index()] else {
                    return Err(self.internal(cx, "unknown struct", e.span));
                };
                let info = cx.res.structs[i as usize].clone();
                let mut fields = vec![Value::Unit; info.fields.len()];
                for f in s.fields {
                    let v = self.eval(cx, fr, &f.value)?;
                    if let Some(pos) = info.fields.iter().position(|n| &**n == f.name.name) {
                        fields[pos] = v;
                    }
                }
                Ok(Value::Struct(Rc::new(StructVal {
                    info,
                    fields: fields.into_boxed_slice(),
                })))
            }
            ExprKind::Error => Err(self.internal(cx, "syntax error", e.span)),
        }
    }

    fn make_group(&self, cx: &Cx, fr: Frame, group: u32) -> Rc<FnVal> {
        let g = &cx.res.groups[group as usize];
        let captures: Vec<Value> = g
            .captures
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

    fn block_tail(&mut self, cx: &Cx, fr: Frame, b: &Block) -> R<Flow> {
        // A block without statements has no `fn` items to create either.
        if !b.stmts.is_empty() {
            self.block_stmts(cx, fr, b)?;
        }
        match &b.tail {
            Some(t) => self.eval_tail(cx, fr, t),
            None => Ok(Value::Unit),
        }
    }

    fn block_stmts(&mut self, cx: &Cx, fr: Frame, b: &Block) -> R<()> {
        let fns = cx.res.fns_of(b.id);
        for (i, s) in b.stmts.iter().enumerate() {
            if let Some(bf) = fns
                && bf.create_at as usize == i
            {
                self.create_fns(cx, fr, bf.group, &bf.member_slots);
            }
            match s {
                Stmt::Let(l) => {
                    let v = self.eval(cx, fr, &l.value)?;
                    if !self.bind(cx, fr, &l.pattern, &v) {
                        return Err(self.error(
                            cx,
                            codes::NO_MATCH,
                            format!("the value {} does not match this pattern", v.display(true)),
                            l.pattern.span,
                        ));
                    }
                }
                Stmt::Expr(e) => {
                    self.eval(cx, fr, e)?;
                }
                Stmt::Fn(_) | Stmt::Struct(_) | Stmt::Enum(_) | Stmt::Empty(_) => {}
                Stmt::Error(span) => return Err(self.internal(cx, "syntax error", *span)),
            }
        }
        if let Some(bf) = fns
            && bf.create_at as usize >= b.stmts.len()
        {
            self.create_fns(cx, fr, bf.group, &bf.member_slots);
        }
        Ok(())
    }

    fn create_fns(&mut self, cx: &Cx, fr: Frame, group: u32, slots: &[u32]) {
        let fv = self.make_group(cx, fr, group);
        for (m, slot) in slots.iter().enumerate() {
            self.stack[fr.base + *slot as usize] = Value::Fn(fv.sibling(m as u32));
        }
    }

    fn select_arm<'m>(
        &mut self,
        cx: &Cx,
        fr: Frame,
        m: &'m Match<'m>,
        v: &Value,
        span: Span,
    ) -> R<&'m Arm<'m>> {
        for arm in m.arms {
            if self.arm_matches(cx, fr, arm, v)? {
                return Ok(arm);
            }
        }
        Err(self.error(
            cx,
            codes::NO_MATCH,
            format!("no match arm matches the value {}", v.display(true)),
            span,
        ))
    }

    /// Tries one arm: its pattern, then its guard. For an or-pattern with a
    /// guard, each matching alternative is tried in turn (A9).
    fn arm_matches(&mut self, cx: &Cx, fr: Frame, arm: &Arm, v: &Value) -> R<bool> {
        let Some(guard) = &arm.guard else {
            return Ok(self.bind(cx, fr, &arm.pattern, v));
        };
        let alternatives: &[Pattern] = match arm.pattern.kind {
            PatKind::Or(l) => l.items,
            _ => std::slice::from_ref(&arm.pattern),
        };
        for alt in alternatives {
            if self.bind(cx, fr, alt, v) && self.cond(cx, fr, guard)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Matches `v` against `p`, writing bindings into the frame.
    fn bind(&mut self, cx: &Cx, fr: Frame, p: &Pattern, v: &Value) -> bool {
        match (p.kind, v) {
            (PatKind::Wild, _) => true,
            (PatKind::Bind(ident), _) => {
                if let Slot::Local(s) = cx.res.slots[ident.id.index()] {
                    self.stack[fr.base + s as usize] = v.clone();
                }
                true
            }
            (PatKind::Int(a), Value::Int(b)) => a == *b,
            (PatKind::Float(a), Value::Float(b)) => a == *b,
            (PatKind::Bool(a), Value::Bool(B8(b))) => a == *b,
            (PatKind::Str(a), Value::Str(b)) => a.value == b.as_str(),
            (PatKind::Unit, Value::Unit) => true,
            (PatKind::Tuple(l), Value::Tuple(items)) => {
                l.items.len() == items.len()
                    && l.items
                        .iter()
                        .zip(items.iter())
                        .all(|(q, x)| self.bind(cx, fr, q, x))
            }
            (PatKind::Or(l), _) => l.items.iter().any(|q| self.bind(cx, fr, q, v)),
            (PatKind::List(l), Value::List(items)) => {
                let n = l.items.len();
                let ok_len = match l.rest {
                    Some(_) => items.len() >= n,
                    None => items.len() == n,
                };
                if !ok_len
                    || !l
                        .items
                        .iter()
                        .zip(items.iter())
                        .all(|(q, x)| self.bind(cx, fr, q, x))
                {
                    return false;
                }
                if let Some(Rest {
                    binding: Some(b), ..
                }) = l.rest
                    && let Slot::Local(s) = cx.res.slots[b.id.index()]
                {
                    self.stack[fr.base + s as usize] = Value::list(items[n..].to_vec());
                }
                true
            }
            (PatKind::Ctor(c), Value::Enum(e)) => {
                let Slot::Variant(i) = cx.res.slots[c.name.id.index()] else {
                    return false;
                };
                let want = &cx.res.variants[i as usize];
                want.tag == e.variant.tag
                    && want.enum_name == e.variant.enum_name
                    && c.args
                        .iter()
                        .zip(e.fields.iter())
                        .all(|(q, x)| self.bind(cx, fr, q, x))
            }
            (PatKind::Struct(sp), Value::Struct(s)) => sp.fields.iter().all(|f| {
                match s.info.fields.iter().position(|n| &**n == f.field.name) {
                    Some(i) => self.bind(cx, fr, &f.pattern, &s.fields[i]),
                    None => false,
                }
            }),
            _ => false,
        }
    }

    // ----- operators -----

    fn binary(&mut self, cx: &Cx, fr: Frame, b: &Binary, span: Span) -> R<Value> {
        // Operands of operands are evaluated through `operand`, not `eval`,
        // so a long operator chain recurses here.
        if self.stack_low() {
            return self.on_new_stack(|this| this.binary(cx, fr, b, span));
        }
        match b.op {
            BinOp::And => {
                return Ok(Value::Bool(B8(
                    self.cond(cx, fr, &b.lhs)? && self.cond(cx, fr, &b.rhs)?
                )));
            }
            BinOp::Or => {
                return Ok(Value::Bool(B8(
                    self.cond(cx, fr, &b.lhs)? || self.cond(cx, fr, &b.rhs)?
                )));
            }
            _ => {}
        }
        let l = self.operand(cx, fr, &b.lhs)?;
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
    fn binary_values(&self, cx: &Cx, op: BinOp, l: Value, r: Value, span: Span) -> R<Value> {
        use Value::Float as F;
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
            ) => Value::Bool(B8(compare(op, &l, &r))),
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
            (BinOp::Concat, Value::List(mut x), Value::List(y)) => {
                self.check_len(cx, x.len() + y.len(), span)?;
                Rc::make_mut(&mut x).extend(y.iter().cloned());
                Value::List(x)
            }
            (_, l, _) => return Err(self.internal(cx, l.kind_name(), span)),
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
            _ => Err(self.internal(cx, "Int operands", span)),
        }
    }

    /// Evaluates an operator's operand. Literals and locals are read here,
    /// inline, so the common `n - 1` makes no call.
    #[inline(always)]
    fn operand(&mut self, cx: &Cx, fr: Frame, e: &Expr) -> R<Value> {
        match e.kind {
            ExprKind::Int(i) => Ok(Value::Int(i)),
            ExprKind::Var(ident) => {
                let slot = cx.res.slots[ident.id.index()];
                match (slot, fr.env) {
                    (Slot::Local(i), _) => match &self.stack[fr.base + i as usize] {
                        Value::Int(n) => return Ok(Value::Int(*n)),
                        Value::Uninit => {}
                        v => return Ok(v.clone()),
                    },
                    (Slot::Sibling(m), Some(env)) => return Ok(Value::Fn(env.sibling(m))),
                    _ => {}
                }
                self.read(cx, fr, slot, ident)
            }
            ExprKind::Binary(b) => self.binary(cx, fr, b, e.span),
            ExprKind::Call(c) => self.call_expr(cx, fr, c, e.span),
            _ => self.eval(cx, fr, e),
        }
    }

    /// Evaluates a call in a position that is not a tail.
    #[inline]
    fn call_expr(&mut self, cx: &Cx, fr: Frame, c: &Call, span: Span) -> R<Value> {
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

    /// Evaluates a condition (`if`, guard, `&&`/`||` operand) to a Bool
    /// without building a Value for the common Int comparison.
    #[inline(always)]
    fn cond(&mut self, cx: &Cx, fr: Frame, e: &Expr) -> R<bool> {
        if let ExprKind::Binary(b) = e.kind
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
            return Ok(compare(b.op, &l, &r));
        }
        Ok(matches!(self.eval(cx, fr, e)?, Value::Bool(B8(true))))
    }

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

    fn check_len(&self, cx: &Cx, len: usize, span: Span) -> R<()> {
        if len > self.limits.max_len {
            return Err(self
                .error(
                    cx,
                    codes::TOO_LONG,
                    format!(
                        "length limit exceeded: {len} elements (limit {})",
                        self.limits.max_len
                    ),
                    span,
                )
                .with_help("raise the limit with `--max-len N`"));
        }
        Ok(())
    }

    fn overflow(&self, cx: &Cx, what: &str, span: Span) -> Box<RuntimeError> {
        self.error(
            cx,
            codes::OVERFLOW,
            format!("integer overflow in {what}"),
            span,
        )
        .with_help("Int is 64-bit signed; use Floats for larger magnitudes")
    }

    fn div_zero(&self, cx: &Cx, what: &str, span: Span) -> Box<RuntimeError> {
        self.error(cx, codes::DIVISION_BY_ZERO, format!("{what} by zero"), span)
            .with_primary("this divisor is zero")
    }

    fn internal(&self, cx: &Cx, what: &str, span: Span) -> Box<RuntimeError> {
        self.error(
            cx,
            codes::INTERNAL,
            format!("internal error: unexpected {what} at run time (the type checker should have rejected this)"),
            span,
        )
    }
}

impl RuntimeError {
    /// Sets the `help:` line.
    pub(crate) fn with_help(mut self: Box<Self>, help: &str) -> Box<Self> {
        self.diagnostic.help = Some(help.to_string());
        self
    }

    fn with_primary(mut self: Box<Self>, message: &str) -> Box<Self> {
        self.diagnostic = self.diagnostic.with_primary_message(message);
        self
    }

    /// Records the call that the error propagated out of.
    fn push_frame(&mut self, cx: &Cx, callee: &Value, span: Span) {
        let name = match callee {
            Value::Fn(fv) => fv
                .unit
                .fn_name(fv.group, fv.member)
                .unwrap_or("<closure>")
                .to_string(),
            Value::Builtin(i) => crate::eval::builtins::name(*i as u16).to_string(),
            Value::Ctor(v) => v.name.to_string(),
            _ => "?".to_string(),
        };
        if self.trace.len() >= TRACE_FRAMES {
            self.more += 1;
            return;
        }
        let (line, col) = diag::line_col(cx.unit.source(), span.start);
        self.trace.push(format!(
            "in `{name}`, called at {}:{line}:{col}",
            cx.unit.name()
        ));
    }
}

/// Helper so the builtins module can create errors with the current context.
pub(crate) struct BuiltinCx<'c, 'a, 'u> {
    cx: &'c Cx<'a, 'u>,
}

impl Interp {
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
            Value::Fn(fv) if Rc::ptr_eq(&fv.unit, bcx.cx.unit) => {
                self.call_borrowed(bcx.cx, fv, N, span)
            }
            _ => self.call(bcx.cx, f.clone(), N, span),
        }
    }

    /// Creates a runtime error at `span` from a builtin.
    pub(crate) fn builtin_error(
        &self,
        bcx: &BuiltinCx,
        code: &'static str,
        message: String,
        span: Span,
    ) -> Box<RuntimeError> {
        self.error(bcx.cx, code, message, span)
    }

    /// Fails with the "interrupted" error if Ctrl-C was pressed, for
    /// builtins that loop without calling back into the evaluator.
    pub(crate) fn builtin_check_interrupt(&self, bcx: &BuiltinCx, span: Span) -> R<()> {
        if self.interrupt.load(Ordering::Relaxed) {
            return Err(self.error(bcx.cx, codes::INTERRUPTED, "interrupted".to_string(), span));
        }
        Ok(())
    }

    /// Checks the length limit from a builtin.
    pub(crate) fn builtin_check_len(&self, bcx: &BuiltinCx, len: usize, span: Span) -> R<()> {
        self.check_len(bcx.cx, len, span)
    }

    /// Writes program output.
    pub(crate) fn write_out(&mut self, text: &str) {
        let _ = self.out.write_all(text.as_bytes());
    }

    fn call_builtin(&mut self, cx: &Cx, i: u16, base: usize, span: Span) -> R<Value> {
        let args: Vec<Value> = self.stack.drain(base..).collect();
        let bcx = BuiltinCx { cx };
        crate::eval::builtins::call(self, &bcx, i, args, span)
    }
}
