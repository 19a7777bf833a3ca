//! A compiled program and the per-thread context that evaluates it.
//!
//! Owns [`Program`] (a checked unit frozen for sharing: `Send + Sync +
//! 'static`, cheap to clone, its arena returned to the engine's pool when the
//! last clone goes), [`Evaluator`] (one thread's reusable interpreter: value
//! stack, globals, output and limits kept between evaluations, so evaluating
//! allocates nothing of its own), [`Output`] and [`CancelHandle`]. Values
//! made during an evaluation stay in its thread. It must not parse or check.

use crate::diag::{self, Diagnostic};
use crate::engine::compile::{ArenaPool, HostEntry};
use crate::engine::error::{EvalError, Part, codes};
use crate::engine::value::{MAX_PARTS, Value, from_runtime_within, stype_name, to_runtime};
use crate::eval::value::Value as Rt;
use crate::eval::{HostFn, Interp, Limits, ScalarKind, scalar_formula};
use crate::sema::checked::CheckedUnit;
use crate::sema::types::SType;
use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Where `print` and `println` write.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Output {
    /// Nowhere: printing does nothing (the default).
    #[default]
    Discard,
    /// Into a buffer of at most `max_len` bytes (the length limit; what
    /// passes it is dropped), read with [`Evaluator::take_output`].
    Capture,
}

/// A declared input: its name, type and global slot.
#[derive(Clone, Debug)]
pub(crate) struct Input {
    pub(crate) name: String,
    pub(crate) ty: SType,
    pub(crate) global: u32,
}

/// The checked unit, whose arena goes back to the pool when dropped.
struct Pooled {
    checked: Option<CheckedUnit>,
    pool: Arc<ArenaPool>,
}

impl Drop for Pooled {
    fn drop(&mut self) {
        if let Some(c) = self.checked.take() {
            self.pool.recycle(c.into_unit());
        }
    }
}

/// What a program holds, shared by its clones and evaluators.
pub(crate) struct Shared {
    unit: Pooled,
    pub(crate) inputs: Vec<Input>,
    pub(crate) hosts: Arc<Vec<HostEntry>>,
    pub(crate) limits: Limits,
    pub(crate) output: Output,
    pub(crate) result_type: String,
    pub(crate) warnings: Part,
    /// The result type when the unit is one formula the evaluator's scalar
    /// fast path takes.
    scalar: Option<ScalarKind>,
}

impl Shared {
    /// Freezes `checked` as a program.
    pub(crate) fn new(
        checked: CheckedUnit,
        pool: Arc<ArenaPool>,
        inputs: Vec<Input>,
        hosts: Arc<Vec<HostEntry>>,
        limits: Limits,
        output: Output,
    ) -> Shared {
        let unit = checked.unit();
        let outcome = checked.outcome();
        let warnings = Part::new(unit.name(), unit.source(), outcome.diagnostics.clone());
        let result_type = outcome.result_type.clone().unwrap_or_else(|| "()".into());
        let scalar = scalar_formula(&checked);
        Shared {
            scalar,
            unit: Pooled {
                checked: Some(checked),
                pool,
            },
            inputs,
            hosts,
            limits,
            output,
            result_type,
            warnings,
        }
    }

    fn checked(&self) -> &CheckedUnit {
        self.unit
            .checked
            .as_ref()
            .expect("a program's unit is taken only when it is dropped")
    }
}

/// A compiled, type-checked program: compile once, evaluate many times,
/// from any number of threads at once.
///
/// It owns its source, its arena and its syntax tree (one value, built with
/// `self_cell`), so it is `'static`; it is `Send + Sync`, and cloning it is
/// a reference-count increment. Only [`crate::Engine::compile`] (and its
/// variants) make one, and only from a program that passed the type
/// checker:
///
/// ```compile_fail
/// // A Program cannot be built by hand, so an unchecked one cannot exist.
/// let p = calc::Program { shared: std::sync::Arc::new(()) };
/// ```
///
/// ```compile_fail
/// // A refused program is a CompileError, which cannot be evaluated.
/// let engine = calc::Engine::new();
/// let refused = engine.compile("1 + true", &[]).unwrap_err();
/// refused.eval(&[]);
/// ```
#[derive(Clone)]
pub struct Program {
    pub(crate) shared: Arc<Shared>,
}

const _: fn() = || {
    fn assert<T: Send + Sync + 'static>() {}
    assert::<Program>();
};

impl std::fmt::Debug for Program {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Program({})", self.name())
    }
}

impl Program {
    /// Evaluates the program once with `inputs` (one value per declared
    /// input, in order). Builds a fresh [`Evaluator`]; to evaluate many
    /// times on one thread, make one with [`Program::evaluator`] and reuse
    /// it.
    pub fn eval(&self, inputs: &[Value]) -> Result<Value, EvalError> {
        self.evaluator().eval(inputs)
    }

    /// A reusable evaluation context for this thread, with the engine's
    /// limits and output setting.
    pub fn evaluator(&self) -> Evaluator {
        Evaluator::new(self.clone())
    }

    /// The name diagnostics show for the program.
    pub fn name(&self) -> &str {
        self.shared.checked().unit().name()
    }

    /// The program's source text.
    pub fn source(&self) -> &str {
        self.shared.checked().unit().source()
    }

    /// The declared inputs: names and calc types, in order.
    pub fn inputs(&self) -> impl Iterator<Item = (&str, String)> {
        self.shared
            .inputs
            .iter()
            .map(|i| (i.name.as_str(), stype_name(&i.ty)))
    }

    /// The type of the program's result, as calc prints types (`Int`,
    /// `[(Str, Float)]`).
    pub fn result_type(&self) -> &str {
        &self.shared.result_type
    }

    /// Warnings found while compiling (unreachable match arms), located.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.shared.warnings.diagnostics
    }

    /// The checked unit, for evaluators outside this module that walk its
    /// syntax tree (the columnar evaluator).
    #[cfg_attr(not(feature = "arrow"), allow(dead_code))]
    pub(crate) fn checked(&self) -> &CheckedUnit {
        self.shared.checked()
    }

    /// The global slot of each declared input, in order (what a variable
    /// naming that input resolves to).
    #[cfg_attr(not(feature = "arrow"), allow(dead_code))]
    pub(crate) fn input_globals(&self) -> impl Iterator<Item = u32> + '_ {
        self.shared.inputs.iter().map(|i| i.global)
    }

    /// The warnings rendered as the command line renders them.
    pub fn render_warnings(&self, color: bool) -> String {
        let w = &self.shared.warnings;
        diag::render(&w.diagnostics, &w.file, &w.source, color)
    }

    /// The warnings as JSON lines ([`diag::json`]).
    pub fn render_warnings_json(&self) -> String {
        let w = &self.shared.warnings;
        diag::json::render(&w.diagnostics, &w.file, &w.source)
    }
}

/// Stops an evaluation from another thread: the evaluation fails with the
/// `E0503` "interrupted" runtime error at its next function call or
/// builtin step. A cancel that arrives while no evaluation runs stops the
/// next one; the handle is ready again once an evaluation has reported it.
#[derive(Clone, Debug)]
pub struct CancelHandle(Arc<AtomicBool>);

impl CancelHandle {
    /// Asks the evaluation to stop.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// Program output kept by an evaluator, at most `limit` bytes.
#[derive(Clone)]
struct Captured {
    text: Rc<RefCell<Vec<u8>>>,
    limit: usize,
}

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut text = self.text.borrow_mut();
        let room = self.limit.saturating_sub(text.len());
        text.extend_from_slice(&buf[..buf.len().min(room)]);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// One thread's context for evaluating one program many times.
///
/// It keeps the interpreter's value stack, the globals (host functions and
/// inputs), the output buffer and the limits between evaluations: a program
/// whose inputs and result are numbers evaluates without allocating. It is
/// not `Send` (values made while evaluating are reference-counted for this
/// thread only); make one per thread from the shared [`Program`].
pub struct Evaluator {
    program: Program,
    interp: Interp,
    captured: Option<Captured>,
    cancel: Arc<AtomicBool>,
}

impl Evaluator {
    fn new(program: Program) -> Evaluator {
        let shared = &program.shared;
        let mut interp = Interp::new(shared.limits.clone(), Box::new(std::io::sink()));
        let globals = interp.globals_mut();
        for h in shared.hosts.iter() {
            globals.push(HostFn::value(h.name.clone(), h.call.clone()));
        }
        let slots = shared.inputs.iter().map(|i| i.global as usize + 1);
        globals.resize(slots.max().unwrap_or(0).max(globals.len()), Rt::Unit);
        let cancel = Arc::new(AtomicBool::new(false));
        interp.set_interrupt_flag(cancel.clone());
        let output = shared.output;
        let mut ev = Evaluator {
            program,
            interp,
            captured: None,
            cancel,
        };
        ev.set_output(output);
        ev
    }

    /// Evaluates the program with `inputs` (one value per declared input,
    /// in order, each of its declared type) and returns its result.
    pub fn eval(&mut self, inputs: &[Value]) -> Result<Value, EvalError> {
        let v = self.run(inputs)?;
        if let Rt::Int(i) = v {
            return Ok(Value::Int(i));
        }
        from_runtime_within(&v, MAX_PARTS.min(self.interp.limits().max_len as u64)).map_err(|e| {
            EvalError::Api {
                code: codes::BAD_RESULT,
                message: format!("the result cannot be handed over: {e}"),
            }
        })
    }

    /// Evaluates the program and returns its result in calc's display form
    /// (A7, a string quoted), or `None` when the result is `()`: what `calc
    /// run` prints. Works for a result of any type, a function included.
    /// A result whose printed form would pass the length limit is the
    /// runtime error `E0504`, as in `calc run`.
    pub fn eval_display(&mut self, inputs: &[Value]) -> Result<Option<String>, EvalError> {
        let v = self.run(inputs)?;
        if matches!(v, Rt::Unit) {
            return Ok(None);
        }
        let unit = self.program.shared.checked().unit();
        match self.interp.display_result(unit, &v) {
            Ok(text) => Ok(Some(text)),
            Err(e) => Err(EvalError::runtime(&e)),
        }
    }

    /// Sets the inputs and runs the unit.
    fn run(&mut self, inputs: &[Value]) -> Result<Rt, EvalError> {
        let shared = &self.program.shared;
        let declared = &shared.inputs;
        if inputs.len() != declared.len() {
            return Err(EvalError::input(format!(
                "the program takes {} input{} but {} were given",
                declared.len(),
                if declared.len() == 1 { "" } else { "s" },
                inputs.len()
            )));
        }
        let globals = self.interp.globals_mut();
        for (v, d) in inputs.iter().zip(declared) {
            let slot = &mut globals[d.global as usize];
            let new = match (v, &d.ty) {
                (Value::Int(i), SType::Int) => Rt::Int(*i),
                (Value::Float(x), SType::Float) => Rt::Float(*x),
                _ => to_runtime(v, &d.ty, 0).map_err(|e| {
                    EvalError::input(format!(
                        "input `{}` is declared {}: {e}",
                        d.name,
                        stype_name(&d.ty)
                    ))
                })?,
            };
            let old = std::mem::replace(slot, new);
            // The common previous input is a number: skip its drop glue.
            if old.is_scalar() {
                std::mem::forget(old);
            }
        }
        if let Some(kind) = shared.scalar
            && let Some(v) = self.interp.eval_scalar(shared.checked(), kind)
        {
            return Ok(v);
        }
        self.interp
            .eval_top(shared.checked())
            .map_err(|e| EvalError::runtime(&e))
    }

    /// Changes the limits of this evaluator's next evaluations (the
    /// engine's are the default).
    pub fn set_limits(&mut self, limits: Limits) {
        if let Some(c) = &mut self.captured {
            c.limit = limits.max_len;
        }
        self.interp.set_limits(limits);
    }

    /// Changes where this evaluator's `print` and `println` write.
    pub fn set_output(&mut self, output: Output) {
        match output {
            Output::Discard => {
                self.captured = None;
                self.interp.set_output(Box::new(std::io::sink()));
            }
            Output::Capture => {
                let c = Captured {
                    text: Rc::default(),
                    limit: self.interp.limits().max_len,
                };
                self.captured = Some(c.clone());
                self.interp.set_output(Box::new(c));
            }
        }
    }

    /// Sends this evaluator's `print` and `println` output to `out` (the
    /// command line passes stdout).
    pub fn print_to(&mut self, out: Box<dyn Write>) {
        self.captured = None;
        self.interp.set_output(out);
    }

    /// Flushes output written with [`Evaluator::print_to`].
    pub fn flush(&mut self) {
        self.interp.flush();
    }

    /// The output captured since the last call ([`Output::Capture`]), as
    /// text (invalid UTF-8 cannot occur: calc prints only strings).
    pub fn take_output(&mut self) -> String {
        match &self.captured {
            Some(c) => String::from_utf8_lossy(&c.text.take()).into_owned(),
            None => String::new(),
        }
    }

    /// A handle that cancels this evaluator's evaluation from any thread.
    pub fn cancel_handle(&self) -> CancelHandle {
        CancelHandle(self.cancel.clone())
    }

    /// The program this evaluator runs.
    pub fn program(&self) -> &Program {
        &self.program
    }
}
