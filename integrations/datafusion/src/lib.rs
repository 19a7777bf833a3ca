//! calc inside DataFusion: the pieces that need the full `datafusion`
//! crate, on top of `calc::datafusion` (which needs only `datafusion-expr`
//! and `datafusion-common`).
//!
//! * [`CalcFunctionFactory`]: `CREATE FUNCTION name(arg TYPE, …) RETURNS
//!   TYPE LANGUAGE calc AS 'formula'` on a `SessionContext`.
//! * [`CalcCodec`]: a `PhysicalExtensionCodec` that carries calc functions
//!   in serialised physical plans (their name, input types and source), so
//!   that another process (a Ballista executor) recompiles and runs them.
//! * [`register`]: a formula as a function of a session, for SQL and the
//!   DataFrame API.
//!
//! This crate is a workspace member of its own so that the root crate's
//! `cargo build` and `cargo test` never compile DataFusion. It must not
//! contain language logic.

use async_trait::async_trait;
use calc::Engine;
use calc::datafusion::CalcUdf;
use datafusion::common::{Result, not_impl_err};
use datafusion::execution::TaskContext;
use datafusion::execution::context::{FunctionFactory, RegisterFunction, SessionState};
use datafusion::logical_expr::{CreateFunction, ScalarUDF};
use datafusion::physical_plan::ExecutionPlan;
use datafusion::prelude::SessionContext;
use datafusion_proto::physical_plan::{PhysicalExtensionCodec, PhysicalProtoConverterExtension};
use std::any::Any;
use std::sync::Arc;

/// Registers the calc formula `source` over typed `inputs` as the scalar
/// function `name` of `ctx`, callable from SQL and the DataFrame API
/// (`ctx.udf(name)`). A formula calc refuses is a planning error with its
/// diagnostics.
pub fn register(
    ctx: &SessionContext,
    name: &str,
    source: &str,
    inputs: &[(&str, &str)],
) -> Result<ScalarUDF> {
    let udf = CalcUdf::udf(name, source, inputs)?;
    ctx.register_udf(udf.clone());
    Ok(udf)
}

/// Makes calc functions from `CREATE FUNCTION … LANGUAGE calc` statements.
/// Install it with `SessionContext::with_function_factory`.
#[derive(Debug, Default)]
pub struct CalcFunctionFactory {
    engine: Engine,
}

impl CalcFunctionFactory {
    /// A factory whose functions are compiled by `engine` (its host
    /// functions and limits).
    pub fn new(engine: Engine) -> CalcFunctionFactory {
        CalcFunctionFactory { engine }
    }
}

#[async_trait]
impl FunctionFactory for CalcFunctionFactory {
    async fn create(
        &self,
        _state: &SessionState,
        statement: CreateFunction,
    ) -> Result<RegisterFunction> {
        let udf = CalcUdf::from_create_function(&self.engine, &statement)?;
        Ok(RegisterFunction::Scalar(Arc::new(udf)))
    }
}

/// The first byte of a calc function's encoding in a plan, telling it from
/// the wrapped codec's functions.
const MARK: u8 = b'c';

/// Carries calc functions through serialised physical plans: encoding
/// writes a calc function's name, input types and source; decoding
/// compiles them again with this codec's engine. Plan nodes, and functions
/// that are not calc's, go to the codec it wraps (Ballista's, for its
/// shuffle nodes), if any.
#[derive(Debug, Default)]
pub struct CalcCodec {
    engine: Engine,
    inner: Option<Arc<dyn PhysicalExtensionCodec>>,
}

impl CalcCodec {
    /// A codec whose decoded functions are compiled by `engine`.
    pub fn new(engine: Engine) -> CalcCodec {
        CalcCodec {
            engine,
            inner: None,
        }
    }

    /// This codec, handing plan nodes and functions that are not calc's to
    /// `inner`.
    pub fn wrapping(self, inner: Arc<dyn PhysicalExtensionCodec>) -> CalcCodec {
        CalcCodec {
            inner: Some(inner),
            ..self
        }
    }
}

impl PhysicalExtensionCodec for CalcCodec {
    fn try_decode(
        &self,
        buf: &[u8],
        inputs: &[Arc<dyn ExecutionPlan>],
        ctx: &TaskContext,
        proto_converter: &dyn PhysicalProtoConverterExtension,
    ) -> Result<Arc<dyn ExecutionPlan>> {
        match &self.inner {
            Some(inner) => inner.try_decode(buf, inputs, ctx, proto_converter),
            None => not_impl_err!("the calc codec has no plan nodes of its own"),
        }
    }

    fn try_encode(
        &self,
        node: Arc<dyn ExecutionPlan>,
        buf: &mut Vec<u8>,
        proto_converter: &dyn PhysicalProtoConverterExtension,
    ) -> Result<()> {
        match &self.inner {
            Some(inner) => inner.try_encode(node, buf, proto_converter),
            None => not_impl_err!("the calc codec has no plan nodes of its own"),
        }
    }

    fn try_decode_udf(&self, name: &str, buf: &[u8]) -> Result<Arc<ScalarUDF>> {
        match (buf.split_first(), &self.inner) {
            (Some((&MARK, rest)), _) => {
                let f = CalcUdf::decode(&self.engine, rest)?;
                Ok(Arc::new(ScalarUDF::new_from_impl(f)))
            }
            (_, Some(inner)) => inner.try_decode_udf(name, buf),
            _ => not_impl_err!("`{name}` is not a calc function"),
        }
    }

    fn try_encode_udf(&self, node: &ScalarUDF, buf: &mut Vec<u8>) -> Result<()> {
        let udf: &dyn Any = node.inner().as_ref();
        match (udf.downcast_ref::<CalcUdf>(), &self.inner) {
            (Some(f), _) => {
                buf.push(MARK);
                buf.extend_from_slice(&f.encode());
                Ok(())
            }
            (None, Some(inner)) => inner.try_encode_udf(node, buf),
            (None, None) => Ok(()),
        }
    }
}
