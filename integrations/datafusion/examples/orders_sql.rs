//! Pricing rules written in calc, applied by SQL to an orders table read
//! from CSV. Run from the repository root:
//!
//! ```text
//! cargo run -p calc-datafusion --example orders_sql [-- path/to/orders.csv]
//! ```
//!
//! Two rules are registered from Rust, one is declared in SQL with
//! `CREATE FUNCTION … LANGUAGE calc`; the query prints every order priced,
//! then the revenue per country.

use calc_datafusion::{CalcFunctionFactory, register};
use datafusion::arrow::util::pretty::pretty_format_batches;
use datafusion::error::Result;
use datafusion::prelude::{CsvReadOptions, SessionContext};
use std::sync::Arc;

/// The discount a tier and a quantity earn.
const RATE: &str = r#"(if tier == "gold" { 0.15 } else if tier == "silver" { 0.05 } else { 0.0 })
    + (if quantity >= 10 { 0.05 } else { 0.0 })"#;

/// The price of an order line after discount, plus shipping.
const TOTAL: &str = r#"let rate = (if tier == "gold" { 0.15 } else if tier == "silver" { 0.05 } else { 0.0 })
    + (if quantity >= 10 { 0.05 } else { 0.0 });
unit_price * float(quantity) * (1.0 - rate) + float(shipping)"#;

#[tokio::main]
async fn main() -> Result<()> {
    let default = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/data/orders.csv"
    );
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| default.to_string());
    let ctx = SessionContext::new().with_function_factory(Arc::new(CalcFunctionFactory::default()));
    ctx.register_csv("orders", &path, CsvReadOptions::new())
        .await?;

    register(&ctx, "rate", RATE, &[("tier", "Str"), ("quantity", "Int")])?;
    register(
        &ctx,
        "total",
        TOTAL,
        &[
            ("unit_price", "Float"),
            ("quantity", "Int"),
            ("tier", "Str"),
            ("shipping", "Int"),
        ],
    )?;
    ctx.sql(
        "CREATE FUNCTION shipping(express BOOLEAN, quantity BIGINT) RETURNS BIGINT \
         LANGUAGE calc AS '(if express { 12 } else { 5 }) + quantity / 10'",
    )
    .await?;

    let priced = ctx
        .sql(
            "SELECT order_id, tier, quantity, rate(tier, quantity) AS rate, \
                    shipping(express, quantity) AS shipping, \
                    total(unit_price, quantity, tier, shipping(express, quantity)) AS total \
             FROM orders ORDER BY order_id",
        )
        .await?
        .collect()
        .await?;
    println!("{}", pretty_format_batches(&priced)?);

    let by_country = ctx
        .sql(
            "SELECT country, sum(total(unit_price, quantity, tier, shipping(express, quantity))) AS revenue \
             FROM orders GROUP BY country ORDER BY country",
        )
        .await?
        .collect()
        .await?;
    println!("{}", pretty_format_batches(&by_country)?);
    Ok(())
}
