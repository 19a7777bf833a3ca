//! The embedding engine's entry points into the evaluator.
//!
//! Owns evaluating a checked unit for an embedder, many times with one
//! interpreter: its value stack and globals are reused, so an evaluation
//! allocates nothing of its own; the caller sets the globals (host
//! functions, then inputs), shares the interrupt flag (a cancel handle) and
//! chooses the output writer and the limits. It must not convert values to
//! the embedder's form or type anything.

use crate::eval::interp::{Cx, Frame};
use crate::eval::limits::current_stack_limit;
use crate::eval::value::Value;
use crate::eval::{Interp, Limits, R, codes};
use crate::sema::checked::CheckedUnit;
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

impl Interp {
    /// Evaluates `checked`'s top level and returns its final value, keeping
    /// none of its bindings. Unlike [`Interp::run`] it does not clear the
    /// interrupt flag first, so a cancel that arrives before the evaluation
    /// starts still stops it; the flag is cleared once the evaluation
    /// reports the interruption.
    pub fn eval_top(&mut self, checked: &CheckedUnit) -> R<Value> {
        self.reset_budgets();
        self.depth = 0;
        self.stack.clear();
        self.stack_limit = current_stack_limit();
        let unit = checked.unit();
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
            self.finish(&cx, fr, v)
        });
        match &result {
            Ok(_) => self.pop_to(0),
            // After an error the stack keeps its values until the next
            // evaluation, as in `run`.
            Err(e) if e.diagnostic.code == codes::INTERRUPTED => {
                self.interrupt.store(false, Ordering::Relaxed);
            }
            Err(_) => {}
        }
        result
    }

    /// The values of the globals a unit reads through `Slot::Global`, by
    /// index: the caller fills them before [`Interp::eval_top`].
    pub fn globals_mut(&mut self) -> &mut Vec<Value> {
        &mut self.globals
    }

    /// Makes `flag` the flag that interrupts evaluation (a cancel handle
    /// shared with other threads).
    pub fn set_interrupt_flag(&mut self, flag: Arc<AtomicBool>) {
        self.interrupt = flag;
    }

    /// Sends program output (`print`, `println`) to `out` from now on.
    pub fn set_output(&mut self, out: Box<dyn Write>) {
        self.out = out;
    }

    /// The limits of the next evaluations.
    pub fn set_limits(&mut self, limits: Limits) {
        self.limits = limits;
    }

    /// The current limits.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }
}
