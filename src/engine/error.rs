//! The errors of the embedding API.
//!
//! Owns [`CompileError`] (every diagnostic of a refused program, located,
//! with the texts they point into), [`EvalError`] (a runtime error with its
//! span and call trace, or inputs that do not match the declaration) and
//! [`HostError`] (what a host function returns to fail), plus the
//! embedding's diagnostic [`codes`]. Rendering is [`crate::diag::render`],
//! exactly as the command line renders. It must not compile or evaluate.

use crate::diag::{self, Diagnostic};
use crate::eval::RuntimeError;
use crate::sema::unit::Unit;
use std::fmt;
use std::sync::Arc;

/// Diagnostic codes of the embedding API (`E06xx`).
pub mod codes {
    /// A program's result type holds a function.
    pub const FN_RESULT: &str = "E0601";
    /// Two inputs (or host functions) with one name, or a bad name.
    pub const BAD_NAME: &str = "E0602";
    /// A host function's signature that is not a function type, or an
    /// input type that holds a function or a type parameter.
    pub const BAD_SIGNATURE: &str = "E0603";
    /// Input values that do not match the program's declared inputs.
    pub const WRONG_INPUT: &str = "E0604";
    /// A result that cannot be handed to the host (nested too deep).
    pub const BAD_RESULT: &str = "E0605";
}

/// Diagnostics about one text: the program, or an input's type, or a host
/// function's signature.
#[derive(Clone, Debug)]
pub(crate) struct Part {
    pub(crate) file: String,
    pub(crate) source: String,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl Part {
    /// `diagnostics` about `source` (named `file`), located.
    pub(crate) fn new(file: &str, source: &str, mut diagnostics: Vec<Diagnostic>) -> Part {
        diag::locate_all(&mut diagnostics, file, source);
        Part {
            file: file.to_string(),
            source: source.to_string(),
            diagnostics,
        }
    }
}

/// A program that was refused: every diagnostic (errors and warnings), in
/// the order the command line reports them.
#[derive(Clone, Debug)]
pub struct CompileError {
    pub(crate) parts: Vec<Part>,
}

impl CompileError {
    /// Every diagnostic, each located (its `file` and label positions set).
    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.parts.iter().flat_map(|p| p.diagnostics.iter())
    }

    /// The diagnostics rendered as the command line renders them (ariadne,
    /// with ANSI colours when `color`).
    pub fn render(&self, color: bool) -> String {
        self.parts
            .iter()
            .map(|p| diag::render(&p.diagnostics, &p.file, &p.source, color))
            .collect()
    }

    /// The diagnostics as JSON lines ([`diag::json`]), as
    /// `--error-format=json` writes them.
    pub fn render_json(&self) -> String {
        self.parts
            .iter()
            .map(|p| diag::json::render(&p.diagnostics, &p.file, &p.source))
            .collect()
    }
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

impl std::error::Error for CompileError {}

/// Why an evaluation failed.
#[derive(Debug)]
pub enum EvalError {
    /// The program failed at run time or hit a limit (division by zero,
    /// fuel, memory, a cancel, a host function's error): a diagnostic with
    /// the failing span and the call trace.
    Runtime(Box<RuntimeFailure>),
    /// The values passed in do not match the program's declared inputs
    /// (`E0604`), or the result could not be handed over (`E0605`).
    Api {
        /// `codes::WRONG_INPUT` or `codes::BAD_RESULT`.
        code: &'static str,
        /// What is wrong.
        message: String,
    },
}

/// A runtime error of an evaluation, with the program it points into.
#[derive(Debug)]
pub struct RuntimeFailure {
    diagnostic: Diagnostic,
    unit: Arc<Unit>,
}

impl RuntimeFailure {
    /// The error: code, message, span (located) and the call trace as a
    /// note.
    pub fn diagnostic(&self) -> &Diagnostic {
        &self.diagnostic
    }
}

impl EvalError {
    /// An error from the evaluator, located in its unit.
    pub(crate) fn runtime(e: &RuntimeError) -> EvalError {
        let unit = e.unit.clone();
        let mut diagnostic = e.with_trace();
        let lines = diag::LineIndex::new(unit.source());
        diagnostic.locate(unit.name(), &lines);
        EvalError::Runtime(Box::new(RuntimeFailure { diagnostic, unit }))
    }

    /// Wrong input values.
    pub(crate) fn input(message: String) -> EvalError {
        EvalError::Api {
            code: codes::WRONG_INPUT,
            message,
        }
    }

    /// The stable code: `E0401` … for runtime errors, `E06xx` for misuse.
    pub fn code(&self) -> &'static str {
        match self {
            EvalError::Runtime(r) => r.diagnostic.code,
            EvalError::Api { code, .. } => code,
        }
    }

    /// Whether this is an internal error: the evaluator reached a branch a
    /// checked program cannot reach (`E0409`), a bug in calc to report.
    pub fn is_internal(&self) -> bool {
        self.code() == crate::eval::codes::INTERNAL
    }

    /// The one-line message.
    pub fn message(&self) -> &str {
        match self {
            EvalError::Runtime(r) => &r.diagnostic.message,
            EvalError::Api { message, .. } => message,
        }
    }

    /// The diagnostic of a runtime error (`None` for misuse, which has no
    /// place in the program).
    pub fn diagnostic(&self) -> Option<&Diagnostic> {
        match self {
            EvalError::Runtime(r) => Some(&r.diagnostic),
            EvalError::Api { .. } => None,
        }
    }

    /// True when the evaluation was stopped by its cancel handle.
    pub fn is_cancelled(&self) -> bool {
        self.code() == crate::eval::codes::INTERRUPTED
    }

    /// The error rendered as the command line renders it.
    pub fn render(&self, color: bool) -> String {
        match self {
            EvalError::Runtime(r) => diag::render(
                std::slice::from_ref(&r.diagnostic),
                r.unit.name(),
                r.unit.source(),
                color,
            ),
            EvalError::Api { code, message } => format!("error[{code}]: {message}\n"),
        }
    }

    /// The error as one JSON line ([`diag::json`]), its call trace as
    /// `"trace"`; misuse has no file or span.
    pub fn render_json(&self) -> String {
        match self {
            EvalError::Runtime(r) => diag::json::render(
                std::slice::from_ref(&r.diagnostic),
                r.unit.name(),
                r.unit.source(),
            ),
            EvalError::Api { code, message } => {
                let mut d = Diagnostic::error(code, message.clone(), crate::span::Span::new(0, 0));
                d.labels.clear();
                diag::json::object(&d, None) + "\n"
            }
        }
    }
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

impl std::error::Error for EvalError {}

/// What a host function returns to fail: the evaluation stops with a
/// runtime error (`E0410`) at the call, naming the function and quoting
/// this message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostError(pub String);

impl HostError {
    /// A failure with `message`.
    pub fn new(message: impl Into<String>) -> HostError {
        HostError(message.into())
    }
}

impl fmt::Display for HostError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for HostError {}

impl From<String> for HostError {
    fn from(s: String) -> HostError {
        HostError(s)
    }
}

impl From<&str> for HostError {
    fn from(s: &str) -> HostError {
        HostError(s.to_string())
    }
}

impl From<crate::engine::value::ConvertError> for HostError {
    fn from(e: crate::engine::value::ConvertError) -> HostError {
        HostError(e.to_string())
    }
}
