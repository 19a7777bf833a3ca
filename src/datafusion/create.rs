//! `CREATE FUNCTION name(arg TYPE, …) [RETURNS TYPE] LANGUAGE calc AS '…'`:
//! the statement DataFusion parsed, turned into a [`CalcUdf`].
//!
//! Owns the mapping of SQL argument types to calc input types and the
//! checks of the statement (a name for every argument, the language, the
//! declared return type). It must not evaluate.

use super::CalcUdf;
use crate::columnar::Kind;
use crate::engine::Engine;
use arrow_schema::DataType;
use datafusion_common::{DataFusionError, Result, ScalarValue};
use datafusion_expr::{CreateFunction, Expr, ScalarUDF};

impl CalcUdf {
    /// The function a `CREATE FUNCTION … LANGUAGE calc AS 'source'`
    /// statement declares: its named arguments are the inputs (integer
    /// types are `Int`, floating-point types `Float`, `BOOLEAN` `Bool`,
    /// string types `Str`); a `RETURNS` type must be the result's column
    /// type. Anything else, and a program calc refuses, is a planning error
    /// with calc's diagnostics.
    pub fn from_create_function(engine: &Engine, statement: &CreateFunction) -> Result<ScalarUDF> {
        let name = &statement.name;
        let plan = |m: String| DataFusionError::Plan(format!("CREATE FUNCTION {name}: {m}"));
        let body = &statement.params;
        match &body.language {
            Some(l) if l.value.eq_ignore_ascii_case("calc") => {}
            _ => return Err(plan("the language must be calc (LANGUAGE calc)".into())),
        }
        let source = match &body.function_body {
            Some(Expr::Literal(v, _)) => literal_text(v),
            _ => None,
        }
        .ok_or_else(|| plan("the body must be a string: AS 'formula'".into()))?;
        let mut inputs = Vec::new();
        for (i, arg) in statement.args.iter().flatten().enumerate() {
            let Some(arg_name) = &arg.name else {
                return Err(plan(format!(
                    "argument {} needs a name, the formula's input",
                    i + 1
                )));
            };
            let Some(kind) = kind_of(&arg.data_type) else {
                return Err(plan(format!(
                    "argument `{}` is {}, which calc has no type for",
                    arg_name.value, arg.data_type
                )));
            };
            inputs.push((arg_name.value.clone(), kind.calc_type()));
        }
        let inputs: Vec<(&str, &str)> = inputs.iter().map(|(n, t)| (n.as_str(), *t)).collect();
        let udf = CalcUdf::new(engine, name, &source, &inputs)?;
        let result = udf.batch.result_kind();
        if let Some(declared) = &statement.return_type
            && kind_of(declared) != Some(result)
        {
            return Err(plan(format!(
                "RETURNS {declared} but the formula is of type {} ({})",
                result.calc_type(),
                result.data_type()
            )));
        }
        Ok(ScalarUDF::new_from_impl(udf))
    }
}

/// The text of a string literal.
fn literal_text(v: &ScalarValue) -> Option<String> {
    v.try_as_str().flatten().map(str::to_string)
}

/// The calc kind an SQL argument of type `t` is given as.
fn kind_of(t: &DataType) -> Option<Kind> {
    use DataType::*;
    match t {
        Int8 | Int16 | Int32 | Int64 | UInt8 | UInt16 | UInt32 => Some(Kind::Int),
        Float16 | Float32 | Float64 => Some(Kind::Float),
        Boolean => Some(Kind::Bool),
        Utf8 | LargeUtf8 | Utf8View => Some(Kind::Str),
        _ => None,
    }
}
