//! The embedding API: the front door to compiling and running calc.
//!
//! Owns [`Engine`] (the prelude, host functions, limits and output setting,
//! and the pool of arenas its programs recycle), compiling a source with
//! typed inputs into a [`Program`] or refusing it with every diagnostic
//! ([`CompileError`]), and checking without compiling ([`CheckReport`]).
//! The command line, the REPL session, the snapshot tests and the benches
//! all compile through here (`compile::compile_unit`); the evaluator runs
//! only units that passed the checker ([`crate::sema::checked`]).
//!
//! Children: `compile` (the shared compile step, scopes, the arena pool),
//! `program` ([`Program`], [`Evaluator`]), `value` ([`Value`] and its Rust
//! conversions), `host` (registering host functions), `error`. This module
//! must not print or touch files: calc programs cannot reach files, the
//! network, the environment or the clock, and neither can the engine.

mod compile;
mod error;
mod host;
mod program;
mod value;

pub(crate) use compile::{
    ArenaPool, HostEntry, compile_unit, host_checker, new_hosts_key, with_host_checker,
};
pub use error::{CompileError, EvalError, HostError, RuntimeFailure, codes};
pub use program::{CancelHandle, Evaluator, Output, Program};
pub use value::{ConvertError, FromCalc, IntoCalc, MAX_NESTING, Value};

use crate::diag::Diagnostic;
use crate::eval::Limits;
use crate::sema::signature::{Signature, contains_fn};
use crate::sema::types::GScheme;
use crate::span::Span;
use error::Part;
use program::{Input, Shared};
use std::sync::Arc;

/// Compiles calc programs and holds what they share: the prelude, the host
/// functions registered with their calc types, the [`Limits`] and [`Output`]
/// their evaluations start with, and a pool of arenas (a dropped program's
/// arena is reset and reused by the next compile, so compiling and dropping
/// programs forever keeps memory flat).
///
/// An engine is `Send + Sync`: compile from any thread.
///
/// ```
/// use calc::{Engine, Value};
///
/// let engine = Engine::new();
/// let program = engine.compile("x * 2 + len(name)", &[("x", "Int"), ("name", "Str")])?;
/// assert_eq!(program.eval(&[20.into(), "ab".into()])?, Value::Int(42));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Engine {
    limits: Limits,
    output: Output,
    hosts: Arc<Vec<HostEntry>>,
    /// Identifies `hosts` for the per-thread checker of [`Engine::check`]:
    /// new when the engine is made and at every registration.
    hosts_key: u64,
    pool: Arc<ArenaPool>,
}

const _: fn() = || {
    fn assert<T: Send + Sync + 'static>() {}
    assert::<Engine>();
};

impl Default for Engine {
    fn default() -> Engine {
        Engine::new()
    }
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("limits", &self.limits)
            .field("output", &self.output)
            .field(
                "hosts",
                &self.hosts.iter().map(|h| &*h.name).collect::<Vec<_>>(),
            )
            .finish()
    }
}

/// What type-checking a source found, whether or not it has errors (for
/// `calc check`, editors and tests).
#[derive(Debug)]
pub struct CheckReport {
    /// Syntax errors, or type errors and warnings, located.
    pub diagnostics: Vec<Diagnostic>,
    /// True when the source parsed (so `diagnostics` come from the checker).
    pub parsed: bool,
    /// Top-level names with their printed types, in order.
    pub bindings: Vec<(String, String)>,
    /// The printed type of the final expression, if it has one.
    pub result_type: Option<String>,
}

impl Engine {
    /// An engine with the default [`Limits`], no host functions and
    /// [`Output::Discard`].
    pub fn new() -> Engine {
        Engine::with_limits(Limits::default())
    }

    /// An engine whose evaluations start with `limits`.
    pub fn with_limits(limits: Limits) -> Engine {
        Engine {
            limits,
            output: Output::Discard,
            hosts: Arc::new(Vec::new()),
            hosts_key: new_hosts_key(),
            pool: Arc::new(ArenaPool::default()),
        }
    }

    /// The limits programs compiled from now on start their evaluations
    /// with (each [`Evaluator`] can change its own).
    pub fn set_limits(&mut self, limits: Limits) -> &mut Engine {
        self.limits = limits;
        self
    }

    /// The current limits.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Where `print` and `println` write in evaluations of programs
    /// compiled from now on (each [`Evaluator`] can change its own).
    pub fn set_output(&mut self, output: Output) -> &mut Engine {
        self.output = output;
        self
    }

    /// Compiles `source` whose free variables are the `inputs`, each a name
    /// and a calc type (`&[("x", "Int"), ("tags", "[Str]")]`). The result
    /// must be data: a program whose result type holds a function is
    /// refused (`E0601`), since a function cannot leave the evaluator.
    pub fn compile(&self, source: &str, inputs: &[(&str, &str)]) -> Result<Program, CompileError> {
        self.compile_named("<program>", source, inputs)
    }

    /// [`Engine::compile`], with `name` shown in diagnostics.
    pub fn compile_named(
        &self,
        name: &str,
        source: &str,
        inputs: &[(&str, &str)],
    ) -> Result<Program, CompileError> {
        self.build(name, source, inputs, true)
    }

    /// Compiles a whole program without inputs whose result may have any
    /// type (functions included), to be run with
    /// [`Evaluator::eval_display`]: what `calc run` does.
    pub fn compile_script(&self, name: &str, source: &str) -> Result<Program, CompileError> {
        self.build(name, source, &[], false)
    }

    /// Type-checks `source` and reports what it found, errors or not;
    /// compiles nothing that could run.
    pub fn check(&self, name: &str, source: &str) -> CheckReport {
        self.check_unit(name, Arc::from(source), true)
    }

    /// The diagnostics of [`Engine::check`] alone, for a caller that keeps
    /// the text (to render them): the unit shares `source` instead of
    /// copying it, and the top-level bindings' types are not printed. On a
    /// large file both cost time and memory that nobody reads. What
    /// `calc check` uses.
    pub fn diagnose(&self, name: &str, source: Arc<str>) -> Vec<Diagnostic> {
        self.check_unit(name, source, false).diagnostics
    }

    /// [`Engine::check`]; `bindings`: print the top-level bindings' types.
    fn check_unit(&self, name: &str, source: Arc<str>, bindings: bool) -> CheckReport {
        let limit = self.limits.max_arena_bytes;
        let compiled = with_host_checker(self.hosts_key, &self.hosts, |checker| {
            checker.set_list_bindings(bindings);
            let compiled = compile_unit(checker, &self.pool, limit, name, Arc::clone(&source));
            checker.set_list_bindings(true);
            compiled
        });
        let (mut report, unit) = match compiled {
            Ok(checked) => {
                let (unit, o) = checked.into_parts();
                let report = CheckReport {
                    diagnostics: o.diagnostics,
                    parsed: true,
                    bindings: o.bindings,
                    result_type: o.result_type,
                };
                (report, unit)
            }
            Err(rejected) => {
                let parsed = rejected.outcome.is_some();
                let outcome = rejected.outcome.unwrap_or_default();
                let report = CheckReport {
                    parsed,
                    diagnostics: rejected.diagnostics,
                    bindings: outcome.bindings,
                    result_type: outcome.result_type,
                };
                (report, rejected.unit)
            }
        };
        self.pool.recycle(unit);
        crate::diag::locate_all(&mut report.diagnostics, name, &source);
        report
    }

    /// Compiles `source` with `inputs`; `data_result`: refuse a result type
    /// holding a function.
    fn build(
        &self,
        name: &str,
        source: &str,
        inputs: &[(&str, &str)],
        data_result: bool,
    ) -> Result<Program, CompileError> {
        let mut declared = self.inputs(inputs)?;
        let mut checker = host_checker(&self.hosts);
        for i in &mut declared {
            let scheme = GScheme {
                classes: Vec::new(),
                ty: i.ty.clone(),
            };
            i.global = checker.declare_global(&i.name, scheme);
        }
        let limit = self.limits.max_arena_bytes;
        let checked = match compile_unit(&mut checker, &self.pool, limit, name, source) {
            Ok(c) => c,
            Err(rejected) => {
                self.pool.recycle(rejected.unit);
                return Err(CompileError {
                    parts: vec![Part::new(name, source, rejected.diagnostics)],
                });
            }
        };
        if data_result && !checked.outcome().result_is_data {
            let mut diags = checked.outcome().diagnostics.clone();
            let ty = checked.outcome().result_type.clone().unwrap_or_default();
            let span = checked
                .unit()
                .with_compiled(|c| c.program.body.tail.map(|t| t.span))
                .unwrap_or_default();
            diags.push(
                Diagnostic::error(
                    codes::FN_RESULT,
                    format!("the program's result has type `{ty}`, which holds a function"),
                    span,
                )
                .with_primary_message("a function cannot be handed to the host")
                .with_help("return data: call the function, or return what it computes"),
            );
            self.pool.recycle(checked.into_unit());
            return Err(CompileError {
                parts: vec![Part::new(name, source, diags)],
            });
        }
        Ok(Program {
            shared: Arc::new(Shared::new(
                checked,
                self.pool.clone(),
                declared,
                self.hosts.clone(),
                self.limits.clone(),
                self.output,
            )),
        })
    }

    /// Parses the declared inputs: valid distinct names, types without
    /// functions or type parameters.
    fn inputs(&self, inputs: &[(&str, &str)]) -> Result<Vec<Input>, CompileError> {
        let mut parts = Vec::new();
        let mut declared = Vec::new();
        for (i, (name, ty)) in inputs.iter().enumerate() {
            let file = format!("<input {name}>");
            if let Err(d) = host::check_name(name, "an input") {
                parts.push(Part::new(&file, name, vec![d]));
                continue;
            }
            if inputs[..i].iter().any(|(n, _)| n == name) {
                let d = Diagnostic::error(
                    codes::BAD_NAME,
                    format!("the input `{name}` is declared twice"),
                    Span::new(0, name.len() as u32),
                );
                parts.push(Part::new(&file, name, vec![d]));
                continue;
            }
            match Signature::parse(ty) {
                Err(diags) => parts.push(Part::new(&file, ty, diags)),
                Ok(sig) if !sig.is_mono() || contains_fn(&sig.scheme.ty) => {
                    let d = Diagnostic::error(
                        codes::BAD_SIGNATURE,
                        format!("the input `{name}` cannot have type `{ty}`"),
                        Span::new(0, ty.len() as u32),
                    )
                    .with_help("an input is data: no functions, no type parameters");
                    parts.push(Part::new(&file, ty, vec![d]));
                }
                Ok(sig) => declared.push(Input {
                    name: name.to_string(),
                    ty: sig.scheme.ty,
                    global: 0,
                }),
            }
        }
        if parts.is_empty() {
            Ok(declared)
        } else {
            Err(CompileError { parts })
        }
    }

    /// The host functions, in global-slot order.
    pub(crate) fn hosts(&self) -> &[HostEntry] {
        &self.hosts
    }

    /// The arena pool.
    pub(crate) fn pool(&self) -> &Arc<ArenaPool> {
        &self.pool
    }
}
