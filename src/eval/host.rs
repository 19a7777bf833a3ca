//! Functions of the embedding program, called like builtins.
//!
//! Owns [`HostFn`] (a named Rust closure over runtime values, `Send +
//! Sync` so one registration serves every thread) and calling one with the
//! arguments on the value stack; a closure's error becomes a runtime error
//! at the call. Conversions between runtime values and the embedder's
//! values are the engine's: this module must not know them, nor type.

use crate::eval::interp::Cx;
use crate::eval::value::Value;
use crate::eval::{Interp, R, codes};
use crate::span::Span;
use std::rc::Rc;
use std::sync::Arc;

/// The closure behind a host function: runtime arguments in, a runtime
/// value or an error message out.
pub type HostCall = dyn Fn(&[Value]) -> Result<Value, String> + Send + Sync;

/// A host function as a runtime value carries it: its name (for printing
/// and call traces) and its closure, shared by every thread.
pub struct HostFn {
    /// The name it was registered under.
    pub name: Arc<str>,
    /// The closure.
    pub call: Arc<HostCall>,
}

impl std::fmt::Debug for HostFn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "HostFn({})", self.name)
    }
}

impl HostFn {
    /// The runtime value of host function `name`.
    pub fn value(name: Arc<str>, call: Arc<HostCall>) -> Value {
        Value::Host(Rc::new(HostFn { name, call }))
    }
}

impl Interp {
    /// Runs host function `h` with its arguments at `stack[base..]`,
    /// popping them; its error is a runtime error at the call.
    pub(super) fn call_host(&mut self, cx: &Cx, h: &HostFn, base: usize, span: Span) -> R<Value> {
        let result = (h.call)(&self.stack[base..]);
        self.pop_to(base);
        result.map_err(|message| {
            self.error(
                cx,
                codes::HOST_ERROR,
                format!("`{}` failed: {message}", h.name),
                span,
            )
        })
    }
}
