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

    /// The one marker of an evaluator branch that cannot happen in a
    /// checked program (a value of the wrong kind, a call of a non-function
    /// or with the wrong arity, a name read before it is defined, a `match`
    /// or `let` pattern that nothing matched, a syntax-error node): reaching
    /// it is a soundness bug in calc, reported as [`codes::INTERNAL`] so the
    /// `calc` binary turns it into an internal-compiler-error report (exit
    /// status 101) and the property tests can prove no well-typed program
    /// gets here. Every such branch must go through this function.
    pub(super) fn bug(
        &self,
        cx: &Cx,
        what: impl std::fmt::Display,
        span: Span,
    ) -> Box<RuntimeError> {
        self.error(
            cx,
            codes::INTERNAL,
            format!("internal error: {what} (the type checker should have rejected this program)"),
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

#[cfg(test)]
mod tests {
    use crate::eval::{Interp, Limits, codes};
    use crate::sema::checked::CheckedUnit;
    use crate::sema::resolve::Globals;
    use crate::sema::unit::Unit;
    use crate::syntax::arena::Arena;
    use std::sync::Arc;

    /// Runs `source` without type-checking it.
    fn run_unchecked(source: &str) -> Box<super::RuntimeError> {
        let unit = Unit::compile("t".into(), source.into(), Arena::new(), &Globals::default());
        assert!(unit.diagnostics().is_empty(), "{source} parses");
        let checked = CheckedUnit::unchecked_for_tests(Arc::new(unit));
        let mut it = Interp::new(Limits::default(), Box::new(std::io::sink()));
        match it.run(&checked) {
            Ok(_) => panic!("{source} ran although it is ill-typed"),
            Err(e) => e,
        }
    }

    #[test]
    fn every_cannot_happen_branch_ends_at_the_one_marker() {
        for source in [
            "1 + true",
            "-\"a\"",
            "!1",
            "if 1 { 2 } else { 3 }",
            "let f = 1; f(2)",
            "fn f(x) = x; f(1, 2)",
            "len(1)",
            "sqrt(1)",
            "match 1 { 2 => 0 }",
            "let (a, b) = 1; a",
            "\"a\" ++ 1",
            "get([1], \"a\")",
            "1 < \"a\"",
            "1 == \"a\"",
            "head(3)",
            "sort([1, \"a\"])",
            "contains([1], \"a\")",
            "min(1, \"a\")",
            "(1, 1.0) == (1, \"a\")",
            "(1 == 1) < 2",
        ] {
            let e = run_unchecked(source);
            assert_eq!(
                e.diagnostic.code,
                codes::INTERNAL,
                "{source}: {}",
                e.diagnostic.message
            );
            assert!(
                e.diagnostic.message.starts_with("internal error: "),
                "{source}: {}",
                e.diagnostic.message
            );
        }
    }
}
