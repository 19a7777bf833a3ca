//! calc functions inside DataFusion: registered and called from SQL and
//! the DataFrame API, declared with `CREATE FUNCTION … LANGUAGE calc`,
//! compared with DataFusion's own arithmetic on the same columns, refused
//! at registration with calc's diagnostics, failing a query with calc's
//! message, carried through a serialised physical plan, and the example.

use calc::datafusion::CalcUdf;
use calc_datafusion::{CalcCodec, CalcFunctionFactory, register};
use datafusion::arrow::array::{Array, ArrayRef, Float64Array, Int64Array, RecordBatch};
use datafusion::arrow::compute::concat;
use datafusion::execution::FunctionRegistry;
use datafusion::logical_expr::{ScalarUDF, Volatility};
use datafusion::physical_plan::collect;
use datafusion::prelude::{CsvReadOptions, SessionContext, col};
use datafusion_proto::bytes::{
    physical_plan_from_bytes_with_extension_codec, physical_plan_to_bytes_with_extension_codec,
};
use datafusion_proto::physical_plan::DefaultPhysicalExtensionCodec;
use std::sync::Arc;

const ORDERS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../examples/data/orders.csv"
);

async fn orders() -> SessionContext {
    let ctx = SessionContext::new().with_function_factory(Arc::new(CalcFunctionFactory::default()));
    ctx.register_csv("orders", ORDERS, CsvReadOptions::new())
        .await
        .expect("the orders CSV is readable");
    ctx
}

/// Column `i` of the query's result, as one array.
async fn column(ctx: &SessionContext, sql: &str, i: usize) -> ArrayRef {
    let batches = ctx
        .sql(sql)
        .await
        .expect("the query plans")
        .collect()
        .await
        .expect("the query runs");
    one_column(&batches, i)
}

fn one_column(batches: &[RecordBatch], i: usize) -> ArrayRef {
    let parts: Vec<&dyn Array> = batches.iter().map(|b| b.column(i).as_ref()).collect();
    concat(&parts).expect("columns of one type")
}

#[test]
fn a_calc_function_is_immutable_send_and_sync() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<CalcUdf>();
    send_sync::<ScalarUDF>();
    let udf = CalcUdf::udf("f", "x + 1", &[("x", "Int")]).unwrap();
    assert_eq!(udf.signature().volatility, Volatility::Immutable);
}

#[tokio::test]
async fn calc_agrees_with_datafusion_arithmetic_on_the_same_columns() {
    let ctx = orders().await;
    register(
        &ctx,
        "net",
        "unit_price * float(quantity) * 1.2 + 0.5",
        &[("unit_price", "Float"), ("quantity", "Int")],
    )
    .unwrap();
    register(
        &ctx,
        "ship",
        "(if express { 12 } else { 5 }) + quantity / 10 - quantity % 3",
        &[("express", "Bool"), ("quantity", "Int")],
    )
    .unwrap();
    let sql = "SELECT net(unit_price, quantity), unit_price * CAST(quantity AS DOUBLE) * 1.2 + 0.5, \
                      ship(express, quantity), (CASE WHEN express THEN 12 ELSE 5 END) + quantity / 10 - quantity % 3 \
               FROM orders ORDER BY order_id";
    let batches = ctx.sql(sql).await.unwrap().collect().await.unwrap();
    let (calc_net, df_net) = (one_column(&batches, 0), one_column(&batches, 1));
    let (calc_ship, df_ship) = (one_column(&batches, 2), one_column(&batches, 3));
    assert_eq!(calc_net.len(), 10);
    let f = |a: &ArrayRef| {
        a.as_any()
            .downcast_ref::<Float64Array>()
            .unwrap()
            .values()
            .to_vec()
    };
    assert_eq!(f(&calc_net), f(&df_net));
    let i = |a: &ArrayRef| {
        a.as_any()
            .downcast_ref::<Int64Array>()
            .unwrap()
            .values()
            .to_vec()
    };
    assert_eq!(i(&calc_ship), i(&df_ship));
    assert_eq!(i(&calc_ship)[..3], [12, 6, 11]);
}

#[tokio::test]
async fn the_dataframe_api_calls_a_calc_function() {
    let ctx = orders().await;
    let udf = register(
        &ctx,
        "big",
        r#"quantity >= 10 || tier == "gold""#,
        &[("quantity", "Int"), ("tier", "Str")],
    )
    .unwrap();
    let df = ctx
        .table("orders")
        .await
        .unwrap()
        .filter(udf.call(vec![col("quantity"), col("tier")]))
        .unwrap()
        .select(vec![col("order_id")])
        .unwrap()
        .sort(vec![col("order_id").sort(true, false)])
        .unwrap();
    let ids = one_column(&df.collect().await.unwrap(), 0);
    let ids = ids
        .as_any()
        .downcast_ref::<Int64Array>()
        .unwrap()
        .values()
        .to_vec();
    assert_eq!(ids, vec![1, 2, 4, 7, 10]);
}

#[tokio::test]
async fn create_function_language_calc_declares_a_function() {
    let ctx = orders().await;
    ctx.sql("CREATE FUNCTION half(quantity BIGINT) RETURNS DOUBLE LANGUAGE calc AS 'float(quantity) / 2.0'")
        .await
        .unwrap();
    let out = column(
        &ctx,
        "SELECT half(quantity) FROM orders ORDER BY order_id",
        0,
    )
    .await;
    let out = out.as_any().downcast_ref::<Float64Array>().unwrap();
    assert_eq!((out.value(0), out.value(6)), (1.5, 50.0));
}

#[tokio::test]
async fn a_type_error_is_reported_at_registration_with_calc_diagnostics() {
    let ctx = orders().await;
    let err = register(&ctx, "bad", "quantity + 1.5", &[("quantity", "Int")])
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("E0202") && err.contains("calc function `bad` is refused"),
        "{err}"
    );
    let err = ctx
        .sql("CREATE FUNCTION bad2(q BIGINT) LANGUAGE calc AS 'q ++ 1'")
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("[E02"), "{err}");
    let err = ctx
        .sql("CREATE FUNCTION bad3(q BIGINT) RETURNS BOOLEAN LANGUAGE calc AS 'q + 1'")
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("RETURNS Boolean but the formula is of type Int"),
        "{err}"
    );
    let err = ctx
        .sql("CREATE FUNCTION bad4(q BIGINT) LANGUAGE python AS 'q + 1'")
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("the language must be calc"), "{err}");
}

#[tokio::test]
async fn a_runtime_error_fails_the_query_with_calc_message_and_row() {
    let ctx = orders().await;
    register(&ctx, "per_item", "100 / quantity", &[("quantity", "Int")]).unwrap();
    let err = ctx
        .sql("SELECT per_item(quantity) FROM orders")
        .await
        .unwrap()
        .collect()
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("calc function `per_item` failed at row 7"),
        "{err}"
    );
    assert!(
        err.contains("E0401") && err.contains("division by zero"),
        "{err}"
    );
}

#[tokio::test]
async fn a_physical_plan_with_a_calc_function_round_trips_through_the_codec() {
    let ctx = orders().await;
    register(
        &ctx,
        "net",
        "unit_price * float(quantity) + 0.5",
        &[("unit_price", "Float"), ("quantity", "Int")],
    )
    .unwrap();
    let df = ctx
        .sql("SELECT order_id, net(unit_price, quantity) FROM orders")
        .await
        .unwrap();
    let plan = df.create_physical_plan().await.unwrap();
    let expected = collect(plan.clone(), ctx.task_ctx()).await.unwrap();

    // Alone, and wrapping another codec (as it wraps Ballista's).
    let wrapped = CalcCodec::default().wrapping(Arc::new(DefaultPhysicalExtensionCodec {}));
    for codec in [CalcCodec::default(), wrapped] {
        let bytes = physical_plan_to_bytes_with_extension_codec(plan.clone(), &codec).unwrap();
        // Another process: a fresh session that has never seen the function.
        let remote = SessionContext::new();
        assert!(remote.udf("net").is_err());
        let decoded =
            physical_plan_from_bytes_with_extension_codec(&bytes, &remote.task_ctx(), &codec)
                .unwrap();
        let got = collect(decoded, remote.task_ctx()).await.unwrap();
        assert_eq!(
            one_column(&got, 1).as_ref(),
            one_column(&expected, 1).as_ref()
        );
        assert_eq!(one_column(&got, 1).len(), 10);
    }
    // Without the codec the receiving side cannot find the function.
    let plain = DefaultPhysicalExtensionCodec {};
    let bytes = physical_plan_to_bytes_with_extension_codec(plan, &plain).unwrap();
    let remote = SessionContext::new();
    assert!(
        physical_plan_from_bytes_with_extension_codec(&bytes, &remote.task_ctx(), &plain).is_err()
    );
}

#[test]
fn the_example_prices_the_orders() {
    let exe = std::env::current_exe().expect("the test binary's path");
    let bin = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("the target directory")
        .join("examples")
        .join("orders_sql");
    let out = std::process::Command::new(&bin)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run {} ({e}); `cargo test -p calc-datafusion` builds the examples",
                bin.display()
            )
        });
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Order 1: gold, 3 × 19.99, 15 % off, express shipping 12.
    let line = stdout
        .lines()
        .find(|l| l.starts_with("| 1 "))
        .expect("order 1 is printed");
    assert!(
        line.contains("| gold ") && line.contains("| 0.15 ") && line.contains("| 12 "),
        "{line}"
    );
    let total = 19.99 * 3.0 * (1.0 - 0.15) + 12.0;
    assert!(
        line.contains(&format!("| {total} ")),
        "{line} should hold {total}"
    );
    assert!(stdout.contains("| country | revenue"), "{stdout}");
}

#[test]
fn a_function_survives_its_encoding_and_garbage_is_refused() {
    let engine = calc::Engine::new();
    let f = CalcUdf::new(
        &engine,
        "total",
        "p * float(q)",
        &[("p", "Float"), ("q", "Int")],
    )
    .unwrap();
    let bytes = f.encode();
    assert_eq!(CalcUdf::decode(&engine, &bytes).unwrap(), f);
    for cut in 0..bytes.len() {
        assert!(
            CalcUdf::decode(&engine, &bytes[..cut]).is_err(),
            "cut at {cut}"
        );
    }
    let mut wrong = bytes.clone();
    wrong[0] = 9;
    assert!(CalcUdf::decode(&engine, &wrong).is_err());
    let mut longer = bytes;
    longer.push(0);
    assert!(CalcUdf::decode(&engine, &longer).is_err());
}

#[tokio::test]
async fn sql_argument_types_map_to_calc_types() {
    let ctx = orders().await;
    ctx.sql("CREATE FUNCTION mix(i INT, f FLOAT, b BOOLEAN, s VARCHAR) RETURNS VARCHAR LANGUAGE calc AS 'if b && f > 1.0 { s } else { str(i) }'")
        .await
        .unwrap();
    let out = column(&ctx, "SELECT mix(CAST(quantity AS INT), CAST(unit_price AS FLOAT), express, tier) FROM orders ORDER BY order_id", 0).await;
    let out = datafusion::arrow::compute::cast(&out, &datafusion::arrow::datatypes::DataType::Utf8)
        .unwrap();
    let out = out
        .as_any()
        .downcast_ref::<datafusion::arrow::array::StringArray>()
        .unwrap();
    assert_eq!(
        (out.value(0), out.value(1), out.value(6)),
        ("gold", "12", "100")
    );
    let err = ctx
        .sql("CREATE FUNCTION d(x DATE) LANGUAGE calc AS 'x'")
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("argument `x` is Date32, which calc has no type for"),
        "{err}"
    );
    let err = ctx
        .sql("CREATE FUNCTION u(BIGINT) LANGUAGE calc AS '1'")
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("argument 1 needs a name"), "{err}");
}
