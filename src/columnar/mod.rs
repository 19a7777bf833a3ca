//! Batch evaluation of a program over Arrow columns (the `arrow` feature).
//!
//! Owns [`BatchProgram`]: a program whose inputs and result are `Int`,
//! `Float`, `Bool` or `Str`, evaluated over whole columns (Int64, Float64,
//! Boolean, Utf8 or Utf8View) into a result column, with the same results
//! and errors as evaluating it row by row through [`Program::eval`]. The
//! formula's syntax tree is turned once into a plan of column operations
//! (`plan`); each batch runs the plan once, a kernel per node (`kernels`,
//! `batch`), and evaluates only subexpressions without a column form row by
//! row. `column` converts between Arrow arrays and the walk's columns.
//!
//! **Nulls.** A row where any input is null is not evaluated: its result
//! is null. Every other row gets the formula's value.
//!
//! **Errors.** When some row fails (an `Int` overflow, a division by zero,
//! a runtime error of a call), the batch fails with the first failing row
//! and calc's error for it, exactly the error evaluating that row alone
//! gives ([`BatchError::Row`]).
//!
//! This module must not print, and must not be used by the stages before
//! the engine.

mod batch;
mod column;
mod kernels;
mod plan;

pub use plan::Kind;

use crate::engine::{CompileError, Engine, EvalError, Program};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_buffer::NullBuffer;
use arrow_schema::DataType;
use batch::Cx;
use column::Col;
use plan::{Node, Planner};
use std::cell::RefCell;
use std::fmt;

/// Diagnostic codes of batch evaluation (`E08xx`).
pub mod codes {
    /// An input or result type without a column type.
    pub const NO_COLUMN_TYPE: &str = "E0801";
    /// Columns that do not match the program's inputs (count, type,
    /// length).
    pub const WRONG_COLUMNS: &str = "E0802";
}

impl Kind {
    /// The Arrow type of a result column of this kind (Str results are
    /// Utf8).
    pub fn data_type(self) -> DataType {
        match self {
            Kind::Int => DataType::Int64,
            Kind::Float => DataType::Float64,
            Kind::Bool => DataType::Boolean,
            Kind::Str => DataType::Utf8,
        }
    }

    /// Whether an input column of Arrow type `t` can be of this kind.
    pub fn accepts(self, t: &DataType) -> bool {
        matches!(
            (self, t),
            (Kind::Int, DataType::Int64)
                | (Kind::Float, DataType::Float64)
                | (Kind::Bool, DataType::Boolean)
                | (Kind::Str, DataType::Utf8 | DataType::Utf8View)
        )
    }

    /// The calc type name of this kind.
    pub fn calc_type(self) -> &'static str {
        match self {
            Kind::Int => "Int",
            Kind::Float => "Float",
            Kind::Bool => "Bool",
            Kind::Str => "Str",
        }
    }
}

/// Why a batch could not be made or evaluated.
#[derive(Debug)]
pub enum BatchError {
    /// The program has an input or result type without a column type
    /// (`E0801`).
    Unsupported(String),
    /// The columns do not match the inputs (`E0802`).
    Columns(String),
    /// Row `row` (counting from 0) failed with `error`, the error of
    /// evaluating that row alone.
    Row {
        /// The failing row.
        row: usize,
        /// calc's error for it.
        error: EvalError,
    },
}

impl BatchError {
    /// The diagnostic code: `E0801`, `E0802`, or the row's own.
    pub fn code(&self) -> &'static str {
        match self {
            BatchError::Unsupported(_) => codes::NO_COLUMN_TYPE,
            BatchError::Columns(_) => codes::WRONG_COLUMNS,
            BatchError::Row { error, .. } => error.code(),
        }
    }
}

impl fmt::Display for BatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BatchError::Unsupported(m) => write!(f, "error[{}]: {m}", codes::NO_COLUMN_TYPE),
            BatchError::Columns(m) => write!(f, "error[{}]: {m}", codes::WRONG_COLUMNS),
            BatchError::Row { row, error } => write!(f, "row {row}: {}", error.render(false)),
        }
    }
}

impl std::error::Error for BatchError {}

/// A compiled program evaluated over whole columns.
///
/// ```
/// use arrow_array::{Array, Float64Array, Int64Array};
/// use calc::Engine;
/// use calc::columnar::BatchProgram;
/// use std::sync::Arc;
///
/// let engine = Engine::new();
/// let formula = BatchProgram::compile(&engine, "price * float(qty) + 0.5", &[("price", "Float"), ("qty", "Int")])?;
/// let price = Arc::new(Float64Array::from(vec![Some(2.0), None, Some(1.5)]));
/// let qty = Arc::new(Int64Array::from(vec![3, 4, 2]));
/// let total = formula.eval(&[price, qty])?;
/// let total = total.as_any().downcast_ref::<Float64Array>().unwrap();
/// assert_eq!((total.value(0), total.is_null(1), total.value(2)), (6.5, true, 3.5));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct BatchProgram {
    program: Program,
    kinds: Vec<Kind>,
    names: Vec<String>,
    result: Kind,
    plan: Node,
}

const _: fn() = || {
    fn assert<T: Send + Sync + 'static>() {}
    assert::<BatchProgram>();
};

impl BatchProgram {
    /// Compiles `source` with typed `inputs` (as [`Engine::compile`]) for
    /// batch evaluation.
    pub fn compile(
        engine: &Engine,
        source: &str,
        inputs: &[(&str, &str)],
    ) -> Result<BatchProgram, CompileOrBatchError> {
        let program = engine.compile(source, inputs)?;
        Ok(BatchProgram::new(engine, program)?)
    }

    /// `program` (compiled by `engine`, whose host functions it may call)
    /// for batch evaluation; refused when an input or the result has no
    /// column type.
    pub fn new(engine: &Engine, program: Program) -> Result<BatchProgram, BatchError> {
        let mut inputs = Vec::new();
        let mut kinds = Vec::new();
        for (name, ty) in program.inputs() {
            let Some(k) = Kind::of(&ty) else {
                return Err(BatchError::Unsupported(format!(
                    "input `{name}` is of type {ty}, which has no column type (Int, Float, Bool, Str)"
                )));
            };
            kinds.push(k);
            inputs.push((name.to_string(), ty));
        }
        let Some(result) = Kind::of(program.result_type()) else {
            return Err(BatchError::Unsupported(format!(
                "the result is of type {}, which has no column type (Int, Float, Bool, Str)",
                program.result_type()
            )));
        };
        let globals: Vec<u32> = program.input_globals().collect();
        let planner = Planner {
            engine,
            source: program.source(),
            inputs: &inputs,
            globals: &globals,
            kinds: &kinds,
        };
        let plan = planner.plan(&program, result);
        Ok(BatchProgram {
            names: inputs.into_iter().map(|(n, _)| n).collect(),
            program,
            kinds,
            result,
            plan,
        })
    }

    /// The program evaluated.
    pub fn program(&self) -> &Program {
        &self.program
    }

    /// The inputs' names and kinds, in order.
    pub fn inputs(&self) -> impl Iterator<Item = (&str, Kind)> {
        self.names
            .iter()
            .map(String::as_str)
            .zip(self.kinds.iter().copied())
    }

    /// The kind of the result column.
    pub fn result_kind(&self) -> Kind {
        self.result
    }

    /// Whether the formula runs as column operations at its top (`false`:
    /// it is evaluated row by row as a whole, having statements or a
    /// construct without a column form at its root).
    pub fn is_columnar(&self) -> bool {
        !matches!(self.plan, Node::Rows(..))
    }

    /// Evaluates the program over `columns` (one per input, in order, all
    /// of one length) into a result column of that length.
    pub fn eval(&self, columns: &[ArrayRef]) -> Result<ArrayRef, BatchError> {
        let arrays: Vec<&dyn Array> = columns.iter().map(|c| c.as_ref()).collect();
        self.eval_arrays(&arrays)
    }

    /// Evaluates the program over the columns of `batch` named as its
    /// inputs.
    pub fn eval_batch(&self, batch: &RecordBatch) -> Result<ArrayRef, BatchError> {
        let mut columns = Vec::with_capacity(self.names.len());
        for name in &self.names {
            match batch.column_by_name(name) {
                Some(c) => columns.push(c.clone()),
                None => {
                    return Err(BatchError::Columns(format!(
                        "the batch has no column `{name}`"
                    )));
                }
            }
        }
        self.eval(&columns)
    }

    /// [`BatchProgram::eval`] over borrowed arrays.
    pub fn eval_arrays(&self, arrays: &[&dyn Array]) -> Result<ArrayRef, BatchError> {
        if arrays.len() != self.kinds.len() {
            return Err(BatchError::Columns(format!(
                "the program takes {} column{} but {} were given",
                self.kinds.len(),
                if self.kinds.len() == 1 { "" } else { "s" },
                arrays.len()
            )));
        }
        let n = arrays.first().map_or(1, |a| a.len());
        let mut cols = Vec::with_capacity(arrays.len());
        for ((a, &k), name) in arrays.iter().zip(&self.kinds).zip(&self.names) {
            if a.len() != n {
                return Err(BatchError::Columns(format!(
                    "column `{name}` has {} rows but the first has {n}",
                    a.len()
                )));
            }
            match Col::from_array(*a, k) {
                Some(c) => cols.push(c),
                None => {
                    return Err(BatchError::Columns(format!(
                        "column `{name}` is {} but the input is declared {}",
                        a.data_type(),
                        k.calc_type()
                    )));
                }
            }
        }
        let nulls = arrays.iter().fold(None, |acc: Option<NullBuffer>, a| {
            NullBuffer::union(acc.as_ref(), a.logical_nulls().as_ref())
        });
        let active: Option<Vec<bool>> = nulls.as_ref().map(|b| b.iter().collect());
        let cx = Cx {
            n,
            inputs: &cols,
            ints: RefCell::default(),
            floats: RefCell::default(),
        };
        match batch::run(&cx, &self.plan, active.as_deref()) {
            Ok(col) => Ok(col.into_array(n, self.result, nulls)),
            Err(row) => self.locate(&cx, active.as_deref(), row, nulls),
        }
    }

    /// The error of the first failing row, found row by row from the
    /// start: the walk failed on row `seen` or before it (a kernel that
    /// wrote in place reports the last row as the bound). If no row fails,
    /// the rows' results are returned (the walk and the rows disagree only
    /// through a bug, and the rows are the reference).
    fn locate(
        &self,
        cx: &Cx,
        active: Option<&[bool]>,
        seen: usize,
        nulls: Option<NullBuffer>,
    ) -> Result<ArrayRef, BatchError> {
        let mut ev = self.program.evaluator();
        let mut values = Vec::with_capacity(cx.n);
        let mut args = Vec::with_capacity(cx.inputs.len());
        for row in 0..cx.n {
            if !kernels::is_active(active, row) {
                values.push(None);
                continue;
            }
            args.clear();
            args.extend(cx.inputs.iter().map(|c| c.value(row)));
            match ev.eval(&args) {
                Ok(v) => values.push(Some(v)),
                Err(error) => return Err(BatchError::Row { row, error }),
            }
            debug_assert!(row < seen, "row {seen} failed in the walk but not alone");
        }
        Ok(column::collect(self.result, values).into_array(cx.n, self.result, nulls))
    }
}

/// A program refused by the compiler, or without column types.
#[derive(Debug)]
pub enum CompileOrBatchError {
    /// The compiler's diagnostics.
    Compile(CompileError),
    /// No column type for an input or the result.
    Batch(BatchError),
}

impl From<CompileError> for CompileOrBatchError {
    fn from(e: CompileError) -> Self {
        CompileOrBatchError::Compile(e)
    }
}

impl From<BatchError> for CompileOrBatchError {
    fn from(e: BatchError) -> Self {
        CompileOrBatchError::Batch(e)
    }
}

impl fmt::Display for CompileOrBatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CompileOrBatchError::Compile(e) => e.fmt(f),
            CompileOrBatchError::Batch(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for CompileOrBatchError {}
