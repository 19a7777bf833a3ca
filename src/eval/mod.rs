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
//!
//! This module holds the entry points, the [`Limits`] and the error
//! [`codes`]; the work is split by concern, each child adding its own
//! `impl Interp` block:
//!
//! * `interp`: the interpreter's state, frames, slots, the run entry point;
//! * `expr`: the expression walk, blocks and operators;
//! * `chain`: a chain of operators down their left operands, in a loop;
//! * `call`: calls, the tail-call trampoline, closures and fn groups;
//! * `pattern`: pattern matching;
//! * `limits`: fuel, interrupt, length and native stack checks;
//! * `error`: [`RuntimeError`] and its call trace;
//! * `text`: the prelude's string builders, held to the length limit;
//! * `entry`: the embedding engine's entry points (a reusable evaluation);
//! * `host`: functions of the embedding program ([`HostFn`]);
//! * `scalar`: the fast path for one formula over numbers and truth values;
//! * [`builtins`]: the prelude's functions; [`value`]: runtime values;
//!   [`list`]: list storage and the O(1) views `tail` and `[x, ..rest]` make.

pub(crate) mod builtins;
mod call;
mod chain;
mod entry;
mod error;
mod expr;
mod host;
mod interp;
mod limits;
pub mod list;
mod pattern;
mod scalar;
mod text;
pub mod value;

pub(crate) use call::BuiltinCx;
pub use error::RuntimeError;
pub use host::{HostCall, HostFn};
pub use interp::Interp;
#[cfg(feature = "arrow")]
pub(crate) use scalar::int_op;
pub use scalar::{ScalarKind, scalar_formula};

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
    /// A conversion that has no result (`int(NaN)`, negative exponent).
    pub const INVALID_ARGUMENT: &str = "E0408";
    /// An evaluator branch that cannot happen in a checked program was
    /// reached: a bug in calc (see `Interp::bug`, the one place that makes
    /// it). The `calc` binary reports it as an internal compiler error.
    /// (`E0407`, "no match arm matched", is retired: that case goes through
    /// the same marker, since exhaustiveness checking rules it out.)
    pub const INTERNAL: &str = "E0409";
    /// Call depth limit.
    pub const STACK_OVERFLOW: &str = "E0501";
    /// Fuel (evaluation steps) limit.
    pub const OUT_OF_FUEL: &str = "E0502";
    /// Interrupted by Ctrl-C.
    pub const INTERRUPTED: &str = "E0503";
    /// List or string length limit.
    pub const TOO_LONG: &str = "E0504";
    /// Memory budget of one evaluation.
    pub const OUT_OF_MEMORY: &str = "E0505";
    /// A host function (registered by the embedding program) failed.
    pub const HOST_ERROR: &str = "E0410";
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
    /// Maximum evaluation steps (`None`: unlimited): one per function
    /// call, plus the work of builtins (about n for `range`, `map` or `++`
    /// of n elements, n log n for `sort`), charged before the work is done.
    pub fuel: Option<u64>,
    /// Maximum length of a list or string built at run time.
    pub max_len: usize,
    /// Maximum bytes one unit's syntax tree may take (`None`: unlimited).
    pub max_arena_bytes: Option<usize>,
    /// Maximum bytes of lists and strings one evaluation may allocate, in
    /// total (`None`: unlimited).
    pub max_memory: Option<u64>,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_depth: DEFAULT_MAX_DEPTH,
            fuel: None,
            max_len: DEFAULT_MAX_LEN,
            max_arena_bytes: None,
            max_memory: None,
        }
    }
}

/// The result of an evaluation step: a value, or the error it failed with.
type R<T> = Result<T, Box<RuntimeError>>;
