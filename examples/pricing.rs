//! Pricing rules written in calc, compiled once, applied to many orders.
//!
//! A shop keeps its discount rules as calc source (here a constant; in a
//! real system a file or a database row the business edits). The host
//! compiles the rules once with the order's fields as typed inputs and a
//! host function for the loyalty tier, then evaluates them for each order.
//!
//! `cargo run --release --example pricing -- [ORDERS]` (default 100000)
//! prints the number of orders, the total before and after discounts, and
//! the evaluation rate on stderr.

use calc::{Engine, HostError, Value};
use std::time::Instant;

/// The rules: a price in cents for one order.
const RULES: &str = r#"
// Volume discount: 5% from 10 items, 10% from 50.
fn volume(qty) = if qty >= 50 { 10 } else if qty >= 10 { 5 } else { 0 };

// Members get their tier's discount on top; coupons are "SAVE<n>" for n%.
fn coupon(code) = if code.len() > 4 && code.chars().take_prefix(4) == "SAVE" {
    parse_int(code.chars().drop_prefix(4)).unwrap_or(0).min(30)
} else { 0 };

let gross = unit_cents * qty;
let percent = min(volume(qty) + tier(customer) + coupon(code), 40);
let net = gross - gross * percent / 100;
if express { net + 990 } else { net }
"#;

/// The helpers the rules use, written in calc as well.
const HELPERS: &str = r#"
fn take_prefix(cs, n) = cs.fold(("", 0), |acc, c| {
    let (s, i) = acc;
    if i < n { (s ++ c, i + 1) } else { (s, i + 1) }
}).first_of();
fn drop_prefix(cs, n) = cs.fold(("", 0), |acc, c| {
    let (s, i) = acc;
    if i >= n { (s ++ c, i + 1) } else { (s, i + 1) }
}).first_of();
fn first_of(p) = { let (a, _) = p; a };
fn unwrap_or(o, d) = match o { Some(x) => x, None => d };
"#;

/// The loyalty tier of a customer id: a lookup the host owns.
fn tier(args: &[Value]) -> Result<Value, HostError> {
    let [Value::Str(id)] = args else {
        return Err(HostError::new("expected a customer id"));
    };
    Ok(Value::Int(match id.as_bytes().first() {
        Some(b'G') => 7,
        Some(b'S') => 3,
        _ => 0,
    }))
}

fn main() {
    let orders: i64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let mut engine = Engine::new();
    engine
        .register_fn("tier", "fn(Str) -> Int", tier)
        .unwrap_or_else(|e| panic!("{e}"));
    let source = format!("{HELPERS}{RULES}");
    let inputs = [
        ("unit_cents", "Int"),
        ("qty", "Int"),
        ("customer", "Str"),
        ("code", "Str"),
        ("express", "Bool"),
    ];
    let rules = match engine.compile_named("rules.expr", &source, &inputs) {
        Ok(p) => p,
        Err(e) => {
            eprint!("{e}");
            std::process::exit(1);
        }
    };
    let customers = ["G-100", "S-200", "C-300"];
    let codes = ["", "SAVE10", "SAVE50", "FREE"];
    let mut evaluator = rules.evaluator();
    let (mut gross, mut net) = (0i64, 0i64);
    let start = Instant::now();
    for i in 0..orders {
        let unit = 199 + (i % 37) * 25;
        let qty = 1 + i % 60;
        let order = [
            Value::Int(unit),
            Value::Int(qty),
            Value::from(customers[(i % 3) as usize]),
            Value::from(codes[(i % 4) as usize]),
            Value::Bool(i % 5 == 0),
        ];
        match evaluator.eval(&order) {
            Ok(Value::Int(price)) => {
                gross += unit * qty;
                net += price;
            }
            Ok(other) => panic!("the rules gave {other}"),
            Err(e) => {
                eprint!("{e}");
                std::process::exit(3);
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!("orders: {orders}");
    println!("gross: {gross}");
    println!("net: {net}");
    eprintln!("time_s={secs:.4} orders_per_s={:.0}", orders as f64 / secs);
}
