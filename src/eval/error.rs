//! Runtime errors: the diagnostic, the unit it points into, the call trace.
//!
//! Owns [`RuntimeError`], the constructors the evaluator reports failures
//! with (overflow, division by zero, internal errors) and the rendering of
//! an error with its call trace. It must not evaluate or decide when to fail.

use crate::diag::{self, Diagnostic};
use crate::eval::interp::Cx;
use crate::eval::value::{BuiltinFn, Value};
use crate::eval::{BuiltinCx, Interp, codes};
use crate::sema::unit::Unit;
use crate::span::Span;
use std::sync::Arc;

/// A runtime error: a diagnostic plus the unit whose source its spans point
/// into.
#[derive(Debug)]
pub struct RuntimeError {
    /// The error, with the failing span and the call trace as a note.
    pub diagnostic: Diagnostic,
    /// The unit whose source the span refers to.
    pub unit: Arc<Unit>,
    trace: Vec<String>,
    more: usize,
}

impl RuntimeError {
    /// Renders the error against its unit's source.
    pub fn render(&self, color: bool) -> String {
        let d = self.with_trace();
        diag::render(&[d], self.unit.name(), self.unit.source(), color)
    }

    /// The diagnostic with the call trace added as a note.
    pub fn with_trace(&self) -> Diagnostic {
        let mut d = self.diagnostic.clone();
        if !self.trace.is_empty() {
            let mut note = String::from(diag::TRACE_NOTE);
            for t in &self.trace {
                note.push_str("\n  ");
                note.push_str(t);
            }
            if self.more > 0 {
                note.push_str(&format!("\n  … {} more", self.more));
            }
            d.notes.push(note);
        }
        d
    }

    /// The call trace lines, innermost first.
    pub fn trace(&self) -> &[String] {
        &self.trace
    }
}

/// Frames kept in a trace before eliding.
const TRACE_FRAMES: usize = 10;

/// Characters of a value quoted in an error message before it is cut
/// with `…`.
pub(super) const QUOTED_VALUE_CHARS: usize = 200;

impl Interp {
    /// A runtime error with `code` and `message` at `span` of the running unit.
    pub(super) fn error(
        &self,
        cx: &Cx,
        code: &'static str,
        message: String,
        span: Span,
    ) -> Box<RuntimeError> {
        Box::new(RuntimeError {
            diagnostic: Diagnostic::error(code, message, span),
            unit: cx.unit.clone(),
            trace: Vec::new(),
            more: 0,
        })
    }

    /// Int overflow in the operation `what`.
    pub(super) fn overflow(&self, cx: &Cx, what: &str, span: Span) -> Box<RuntimeError> {
        self.error(
            cx,
            codes::OVERFLOW,
            format!("integer overflow in {what}"),
            span,
        )
        .with_help("Int is 64-bit signed; use Floats for larger magnitudes")
    }

    /// Int `what` (division or remainder) by zero; `span` is the divisor.
    pub(super) fn div_zero(&self, cx: &Cx, what: &str, span: Span) -> Box<RuntimeError> {
        self.error(cx, codes::DIVISION_BY_ZERO, format!("{what} by zero"), span)
            .with_primary("this divisor is zero")
    }

    /// A value of kind `what` where the checker guarantees another: a bug.
    pub(super) fn internal(&self, cx: &Cx, what: &str, span: Span) -> Box<RuntimeError> {
        self.error(
            cx,
            codes::INTERNAL,
            format!("internal error: unexpected {what} at run time (the type checker should have rejected this)"),
            span,
        )
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
}

impl RuntimeError {
    /// Sets the `help:` line.
    pub(crate) fn with_help(mut self: Box<Self>, help: &str) -> Box<Self> {
        self.diagnostic.help = Some(help.to_string());
        self
    }

    /// Sets the label on the failing span.
    fn with_primary(mut self: Box<Self>, message: &str) -> Box<Self> {
        self.diagnostic = self.diagnostic.with_primary_message(message);
        self
    }

    /// Records the call that the error propagated out of.
    pub(super) fn push_frame(&mut self, cx: &Cx, callee: &Value, span: Span) {
        let name = match callee {
            Value::Fn(fv) => fv
                .unit
                .fn_name(fv.group, fv.member)
                .unwrap_or("<closure>")
                .to_string(),
            Value::Builtin(BuiltinFn(b)) => b.name().to_string(),
            Value::Host(h) => h.name.to_string(),
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
