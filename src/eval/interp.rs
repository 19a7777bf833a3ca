//! The interpreter's state: the value stack, frames, globals and output.
//!
//! Owns [`Interp`] (its construction and the entry point [`Interp::run`]),
//! the current [`Frame`] and unit context [`Cx`], popping the value stack,
//! and reading a resolved slot's value. It must not walk expressions (that
//! is `expr`) or make calls (that is `call`).

use crate::eval::call::TailCall;
use crate::eval::limits::current_stack_limit;
use crate::eval::value::{EnumVal, FnVal, Value};
use crate::eval::{Limits, R, RuntimeError, builtins};
use crate::sema::checked::CheckedUnit;
use crate::sema::resolve::{Resolution, Slot};
use crate::sema::unit::Unit;
use crate::span::Span;
use crate::syntax::ast::Ident;
use std::io::Write;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// The current frame: where its locals start and its function environment.
#[derive(Clone, Copy)]
pub(super) struct Frame<'f> {
    /// Index of the frame's first local on the value stack.
    pub(super) base: usize,
    /// The running function (`None` at a unit's top level).
    pub(super) env: Option<&'f Rc<FnVal>>,
}

/// The unit whose code is running.
pub(super) struct Cx<'a, 'u> {
    /// The unit, for function values made here and for error locations.
    pub(super) unit: &'u Arc<Unit>,
    /// The unit's name resolution.
    pub(super) res: &'a Resolution<'a>,
    /// The unit's field indices from the checker, by NodeId of a field name
    /// ([`Unit::field_slots`]).
    pub(super) fields: &'a [u32],
}

/// The interpreter: a value stack, limits, persistent globals and the output
/// writer. One interpreter can run many units (the REPL).
pub struct Interp {
    /// Locals of every active frame, then the arguments of calls being made.
    pub(super) stack: Vec<Value>,
    /// Nesting of non-tail calls.
    pub(super) depth: u32,
    pub(super) limits: Limits,
    /// Calls left before the fuel limit.
    pub(super) fuel_left: u64,
    /// Bytes of lists and strings left before the memory budget.
    pub(super) mem_left: u64,
    /// Set by Ctrl-C.
    pub(super) interrupt: Arc<AtomicBool>,
    /// Where program output goes.
    pub(super) out: Box<dyn Write>,
    /// Values of persistent globals (REPL), by global index.
    pub(crate) globals: Vec<Value>,
    /// The pending tail call when evaluation returned [`Value::TailCall`].
    pub(super) tail: TailCall,
    /// Lowest native stack address evaluation may reach before it switches
    /// to a fresh stack segment (see [`Interp::stack_low`]).
    pub(super) stack_limit: usize,
}

impl Interp {
    /// An interpreter writing program output to `out`.
    pub fn new(limits: Limits, out: Box<dyn Write>) -> Interp {
        Interp {
            stack: Vec::with_capacity(1024),
            depth: 0,
            fuel_left: limits.fuel.unwrap_or(u64::MAX),
            mem_left: limits.max_memory.unwrap_or(u64::MAX),
            limits,
            interrupt: Arc::new(AtomicBool::new(false)),
            out,
            globals: Vec::new(),
            stack_limit: 0,
            tail: TailCall::none(),
        }
    }

    /// The flag that interrupts evaluation when set (Ctrl-C).
    pub fn interrupt_flag(&self) -> Arc<AtomicBool> {
        self.interrupt.clone()
    }

    /// Flushes program output.
    pub fn flush(&mut self) {
        let _ = self.out.flush();
    }

    /// Runs a checked unit's top level. On success returns the final value
    /// and the values of the unit's top-level bindings (by local slot).
    pub fn run(&mut self, checked: &CheckedUnit) -> R<(Value, Vec<Value>)> {
        let unit = checked.unit();
        self.interrupt.store(false, Ordering::Relaxed);
        self.reset_budgets();
        self.depth = 0;
        self.stack.clear();
        self.stack_limit = current_stack_limit();
        let result = unit.with_compiled(|comp| {
            let cx = Cx {
                unit,
                res: &comp.resolution,
                fields: unit.field_slots(),
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

    /// The display form of `v`, the result of `unit` (strings quoted), held
    /// to the length limit like `str`: a result whose display form would
    /// pass the limit is the `E0504` runtime error at the unit's final
    /// expression, found before more than the limit is written.
    pub fn display_result(&self, unit: &Arc<Unit>, v: &Value) -> Result<String, Box<RuntimeError>> {
        if let Some(text) = v.display_within(true, self.limits.max_len) {
            return Ok(text);
        }
        Err(unit.with_compiled(|comp| {
            let cx = Cx {
                unit,
                res: &comp.resolution,
                fields: unit.field_slots(),
            };
            let span = comp.program.body.tail.map_or(Span::new(0, 0), |t| t.span);
            self.too_long(&cx, span)
        }))
    }

    /// Pops the value stack down to `len`. Looks at each value in place
    /// and only moves out the ones that own something: popping a scalar
    /// would copy it as a 16-byte block just after it was written as two
    /// words (a store-forwarding stall), and `Vec::truncate` calls the drop
    /// glue once per element.
    #[inline]
    pub(super) fn pop_to(&mut self, len: usize) {
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

    /// The value of variable `ident` in `slot`; reading one that is not
    /// defined yet is an error.
    pub(super) fn read(&self, cx: &Cx, fr: Frame, slot: Slot, ident: &Ident) -> R<Value> {
        let v = self.slot_value(cx, fr, slot);
        if let Value::Uninit = v {
            return Err(self.bug(
                cx,
                format_args!("`{}` is used before it is defined", ident.name),
                ident.span,
            ));
        }
        Ok(v)
    }

    /// The value in `slot` of frame `fr`; `Uninit` if it has none (yet).
    pub(super) fn slot_value(&self, cx: &Cx, fr: Frame, slot: Slot) -> Value {
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
            Slot::Builtin(b) => builtins::value(b),
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

    /// Writes program output.
    pub(crate) fn write_out(&mut self, text: &str) {
        let _ = self.out.write_all(text.as_bytes());
    }
}
