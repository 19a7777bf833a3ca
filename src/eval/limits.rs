//! Limits enforced while evaluating: fuel, interrupt, length, native stack.
//!
//! Owns the per-call step ([`Interp::tick`]: fuel and Ctrl-C), charging
//! the work and allocation of builtins and operators against fuel and the
//! memory budget ([`Interp::charge`]), the length limit on built lists and
//! strings, and the native stack check that moves
//! deep evaluation onto fresh stack segments. The call depth limit is
//! checked where calls are made (`call`). It must not evaluate.

use crate::eval::interp::Cx;
use crate::eval::{BuiltinCx, Interp, R, RuntimeError, codes};
use crate::span::Span;
use std::sync::atomic::Ordering;

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
pub(super) fn current_stack_limit() -> usize {
    match stacker::remaining_stack() {
        Some(remaining) => (stack_pointer() - remaining).saturating_add(STACK_RED_ZONE),
        None => 0,
    }
}

impl Interp {
    /// Whether the native stack is nearly exhausted. One comparison, so it
    /// can run on every node: `stacker::remaining_stack` costs a call and a
    /// thread-local read.
    #[inline(always)]
    pub(super) fn stack_low(&self) -> bool {
        stack_pointer() < self.stack_limit
    }

    /// Runs `f` on a fresh native stack segment, with the limit set for that
    /// segment while it runs and restored afterwards.
    #[cold]
    #[inline(never)]
    pub(super) fn on_new_stack<T>(&mut self, f: impl FnOnce(&mut Interp) -> T) -> T {
        let saved = self.stack_limit;
        let result = stacker::grow(STACK_SEGMENT, || {
            self.stack_limit = current_stack_limit();
            f(self)
        });
        self.stack_limit = saved;
        result
    }

    /// Counts one step against fuel and checks for an interrupt.
    #[inline]
    pub(super) fn tick(&mut self, cx: &Cx, span: Span) -> R<()> {
        if self.fuel_left == 0 {
            return Err(self.error(
                cx,
                codes::OUT_OF_FUEL,
                format!(
                    "evaluation step limit exceeded ({} steps)",
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

    /// Restores the fuel and the memory budget for a new evaluation.
    pub(super) fn reset_budgets(&mut self) {
        self.fuel_left = self.limits.fuel.unwrap_or(u64::MAX);
        self.mem_left = self.limits.max_memory.unwrap_or(u64::MAX);
    }

    /// Charges work about to be done: `steps` against fuel and `bytes` of
    /// lists and strings against the memory budget. Called before the work,
    /// so a limit stops an operation before it allocates.
    #[inline]
    pub(super) fn charge(&mut self, cx: &Cx, steps: u64, bytes: u64, span: Span) -> R<()> {
        if steps > self.fuel_left {
            self.fuel_left = 0;
            return Err(self.error(
                cx,
                codes::OUT_OF_FUEL,
                format!(
                    "evaluation step limit exceeded ({} steps)",
                    self.limits.fuel.unwrap_or(0)
                ),
                span,
            ));
        }
        self.fuel_left -= steps;
        if bytes > self.mem_left {
            self.mem_left = 0;
            return Err(self
                .error(
                    cx,
                    codes::OUT_OF_MEMORY,
                    format!(
                        "memory limit exceeded: this evaluation may allocate {} bytes of lists and strings",
                        self.limits.max_memory.unwrap_or(0)
                    ),
                    span,
                )
                .with_help("raise the limit with `--max-memory N`"));
        }
        self.mem_left -= bytes;
        Ok(())
    }

    /// [`Interp::charge`] from a builtin.
    pub(crate) fn builtin_charge(
        &mut self,
        bcx: &BuiltinCx,
        steps: u64,
        bytes: u64,
        span: Span,
    ) -> R<()> {
        self.charge(bcx.cx, steps, bytes, span)
    }

    /// Fails if a list or string of `len` elements (string lengths in
    /// Unicode scalar values) would exceed the length limit.
    #[inline]
    pub(super) fn check_len(&self, cx: &Cx, len: usize, span: Span) -> R<()> {
        if len > self.limits.max_len {
            return Err(self.len_error(cx, len.to_string(), span));
        }
        Ok(())
    }

    /// The length-limit error for a list or string that passed the limit
    /// while it was being built, before its full length was known.
    pub(super) fn too_long(&self, cx: &Cx, span: Span) -> Box<RuntimeError> {
        self.len_error(cx, format!("more than {}", self.limits.max_len), span)
    }

    /// The length-limit error for a result of `len` elements.
    #[cold]
    fn len_error(&self, cx: &Cx, len: String, span: Span) -> Box<RuntimeError> {
        self.error(
            cx,
            codes::TOO_LONG,
            format!(
                "length limit exceeded: {len} elements (limit {})",
                self.limits.max_len
            ),
            span,
        )
        .with_help("raise the limit with `--max-len N`")
    }

    /// Fails if the string `s` is longer than the length limit, counting
    /// Unicode scalar values (only when its byte length could pass it).
    pub(super) fn check_str_len(&self, cx: &Cx, s: &str, span: Span) -> R<()> {
        if s.len() > self.limits.max_len {
            self.check_len(cx, s.chars().count(), span)?;
        }
        Ok(())
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

    /// Checks the length limit on a string a builtin built or is about to
    /// return.
    pub(crate) fn builtin_check_str_len(&self, bcx: &BuiltinCx, s: &str, span: Span) -> R<()> {
        self.check_str_len(bcx.cx, s, span)
    }

    /// The length-limit error from a builtin that stopped building its
    /// result as it passed the limit.
    pub(crate) fn builtin_too_long(&self, bcx: &BuiltinCx, span: Span) -> Box<RuntimeError> {
        self.too_long(bcx.cx, span)
    }

    /// The length limit: the most elements a list, or Unicode scalar values
    /// a string, built at run time may have.
    pub(crate) fn max_len(&self) -> usize {
        self.limits.max_len
    }
}
