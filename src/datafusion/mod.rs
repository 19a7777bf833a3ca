//! calc programs as DataFusion scalar functions (the `datafusion` feature).
//!
//! Owns [`CalcUdf`], a [`BatchProgram`] behind DataFusion's `ScalarUDFImpl`
//! (`datafusion-expr` 55): immutable, `Send + Sync`, its argument types
//! those of its inputs (DataFusion casts other numeric and string types to
//! them), evaluating each batch through the columnar evaluator. Also what
//! the `CREATE FUNCTION … LANGUAGE calc` statement and the extension codec
//! of distributed plans need, with DataFusion's own types only
//! ([`CalcUdf::from_create_function`], [`CalcUdf::encode`],
//! [`CalcUdf::decode`]); the `FunctionFactory` and `PhysicalExtensionCodec`
//! implementations, which need the full `datafusion` crate, are in the
//! `calc-datafusion` workspace member. This module must not print.

mod create;
mod wire;

use crate::columnar::{BatchError, BatchProgram, CompileOrBatchError, Kind};
use crate::engine::Engine;
use arrow_schema::DataType;
use datafusion_common::{DataFusionError, Result};
use datafusion_expr::{
    ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility,
};
use std::hash::{Hash, Hasher};

/// A calc program as a DataFusion scalar function.
///
/// Its arguments are the program's inputs in order; a row with a null
/// argument gives null; a runtime error fails the query with calc's
/// message and the row of the batch.
#[derive(Debug, Clone)]
pub struct CalcUdf {
    name: String,
    inputs: Vec<(String, Kind)>,
    batch: BatchProgram,
    signature: Signature,
}

impl PartialEq for CalcUdf {
    fn eq(&self, other: &CalcUdf) -> bool {
        self.name == other.name && self.inputs == other.inputs && self.source() == other.source()
    }
}

impl Eq for CalcUdf {}

impl Hash for CalcUdf {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.name.hash(state);
        self.inputs.hash(state);
        self.source().hash(state);
    }
}

impl CalcUdf {
    /// The function `name` computing `source` from typed `inputs` (calc
    /// types with a column type: `Int`, `Float`, `Bool`, `Str`), compiled
    /// by `engine`. A program refused by the checker is a planning error
    /// holding calc's rendered diagnostics.
    pub fn new(
        engine: &Engine,
        name: &str,
        source: &str,
        inputs: &[(&str, &str)],
    ) -> Result<CalcUdf> {
        let batch = BatchProgram::compile(engine, source, inputs).map_err(|e| refused(name, &e))?;
        let inputs: Vec<(String, Kind)> = batch.inputs().map(|(n, k)| (n.to_string(), k)).collect();
        let types = inputs.iter().map(|(_, k)| k.data_type()).collect();
        Ok(CalcUdf {
            name: name.to_string(),
            inputs,
            batch,
            signature: Signature::exact(types, Volatility::Immutable),
        })
    }

    /// [`CalcUdf::new`] with a default engine, as a DataFusion function.
    pub fn udf(name: &str, source: &str, inputs: &[(&str, &str)]) -> Result<ScalarUDF> {
        Ok(ScalarUDF::new_from_impl(CalcUdf::new(
            &Engine::new(),
            name,
            source,
            inputs,
        )?))
    }

    /// The program's source.
    pub fn source(&self) -> &str {
        self.batch.program().source()
    }

    /// The inputs: names and kinds, in order.
    pub fn inputs(&self) -> &[(String, Kind)] {
        &self.inputs
    }

    /// The batch program behind the function.
    pub fn batch(&self) -> &BatchProgram {
        &self.batch
    }
}

/// A refused program as a planning error.
fn refused(name: &str, e: &CompileOrBatchError) -> DataFusionError {
    DataFusionError::Plan(format!("calc function `{name}` is refused:\n{e}"))
}

impl ScalarUDFImpl for CalcUdf {
    fn name(&self) -> &str {
        &self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(self.batch.result_kind().data_type())
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let n = args.number_rows;
        let arrays = args
            .args
            .into_iter()
            .map(|a| a.into_array(n))
            .collect::<Result<Vec<_>>>()?;
        match self.batch.eval(&arrays) {
            Ok(out) => Ok(ColumnarValue::Array(out)),
            Err(e @ BatchError::Row { .. }) => Err(DataFusionError::Execution(format!(
                "calc function `{}` failed at {e}",
                self.name
            ))),
            Err(e) => Err(DataFusionError::Execution(format!(
                "calc function `{}`: {e}",
                self.name
            ))),
        }
    }
}
