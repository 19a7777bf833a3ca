//! Host functions and sandboxing of the embedding API: typed host
//! functions (generic ones too) called directly or as methods, their errors
//! at the call; printing discarded or captured; fuel that meters builtins,
//! the memory budget, depth and length limits, per engine and per
//! evaluator; cancelling from another thread; nothing that reaches files,
//! the network, the environment or the clock.

use calc::{Engine, HostError, Limits, Output, Value};
use std::time::{Duration, Instant};

fn slugify(args: &[Value]) -> Result<Value, HostError> {
    match args {
        [Value::Str(s)] => Ok(Value::Str(s.trim().to_lowercase().replace(' ', "-"))),
        _ => Err(HostError::new("expected one string")),
    }
}

fn engine_with_hosts() -> Engine {
    let mut engine = Engine::new();
    engine
        .register_fn("slugify", "fn(Str) -> Str", slugify)
        .expect("registers")
        .register_fn("checked_div", "fn(Int, Int) -> Int", |args| match args {
            [_, Value::Int(0)] => Err(HostError::new("the divisor is zero")),
            [Value::Int(a), Value::Int(b)] => Ok(Value::Int(a / b)),
            _ => Err(HostError::new("expected two Ints")),
        })
        .expect("registers")
        .register_fn(
            "largest",
            "fn<T: Ord>([T]) -> Option<T>",
            |args| match args {
                [Value::List(xs)] => Ok(xs
                    .iter()
                    .max_by(|a, b| match (a, b) {
                        (Value::Int(x), Value::Int(y)) => x.cmp(y),
                        (Value::Str(x), Value::Str(y)) => x.cmp(y),
                        _ => std::cmp::Ordering::Equal,
                    })
                    .cloned()
                    .map_or_else(Value::none, Value::some)),
                _ => Err(HostError::new("expected a list")),
            },
        )
        .expect("registers")
        .register_fn("lie", "fn() -> Int", |_| {
            Ok(Value::Str("not an Int".into()))
        })
        .expect("registers");
    engine
}

#[test]
fn host_functions_are_typed_and_callable_as_methods() {
    let engine = engine_with_hosts();
    let program = engine
        .compile(
            "(slugify(title), title.slugify().len(), 7.checked_div(2))",
            &[("title", "Str")],
        )
        .expect("compiles");
    let v = program.eval(&[" Hello World ".into()]).expect("runs");
    assert_eq!(v.to_string(), "(\"hello-world\", 11, 3)");
    // Generic: instantiated at each use.
    let g = engine
        .compile("(largest([3, 9, 2]), largest([\"b\", \"a\"]))", &[])
        .expect("compiles");
    assert_eq!(
        g.eval(&[]).expect("runs").to_string(),
        "(Some(9), Some(\"b\"))"
    );
}

#[test]
fn a_wrong_argument_to_a_host_function_is_a_compile_error_at_the_call() {
    let engine = engine_with_hosts();
    let e = engine
        .compile("slugify(42)", &[])
        .expect_err("Int is not Str");
    let d = e.diagnostics().next().expect("an error");
    assert_eq!(d.code, "E0202");
    assert_eq!(d.primary_span().map(|s| (s.start, s.end)), Some((8, 10)));
    assert!(
        e.render(false)
            .contains("parameter 1 of `slugify` has this type")
    );
    let e = engine
        .compile("largest([abs])", &[])
        .expect_err("functions are not Ord");
    assert_eq!(e.diagnostics().next().map(|d| d.code), Some("E0205"));
    let e = engine
        .compile("42.slugify()", &[])
        .expect_err("method sugar is checked");
    assert_eq!(e.diagnostics().next().map(|d| d.code), Some("E0202"));
}

#[test]
fn a_host_function_error_is_a_runtime_diagnostic_at_the_call() {
    let engine = engine_with_hosts();
    let program = engine
        .compile_named("div.expr", "fn f(d) = 10.checked_div(d);\nf(0)", &[])
        .expect("compiles");
    let e = program.eval(&[]).expect_err("divisor zero");
    let d = e.diagnostic().expect("a runtime error");
    assert_eq!(d.code, "E0410");
    assert_eq!(d.message, "`checked_div` failed: the divisor is zero");
    let at = d.primary_location().expect("located");
    assert_eq!((at.start.line, at.start.column), (1, 11));
    assert!(e.render(false).contains("div.expr:1:11"), "{e}");
    // A host function cannot break the program's types: a result of the
    // wrong type fails the call.
    let lie = engine.compile("lie() + 1", &[]).expect("compiles");
    let e = lie.eval(&[]).expect_err("a Str is not an Int");
    assert!(e.message().contains("does not allow"), "{e}");
}

#[test]
fn bad_registrations_are_refused() {
    let mut engine = Engine::new();
    let f = |_: &[Value]| Ok(Value::Unit);
    assert!(engine.register_fn("Upper", "fn() -> ()", f).is_err());
    assert!(engine.register_fn("x", "Int", f).is_err());
    assert!(engine.register_fn("x", "fn(fn() -> Int) -> ()", f).is_err());
    let e = engine
        .register_fn("x", "fn(Strr) -> ()", f)
        .expect_err("no such type");
    assert!(e.render(false).contains("<signature of x>"), "{e}");
}

#[test]
fn printing_is_discarded_by_default_or_captured() {
    let src = "println(\"hi\"); print(1); 2";
    let program = Engine::new().compile(src, &[]).expect("compiles");
    let mut ev = program.evaluator();
    assert_eq!(ev.eval(&[]).expect("runs"), Value::Int(2));
    assert_eq!(ev.take_output(), "");
    ev.set_output(Output::Capture);
    ev.eval(&[]).expect("runs");
    ev.eval(&[]).expect("runs");
    assert_eq!(ev.take_output(), "hi\n1hi\n1");
    assert_eq!(ev.take_output(), "");
    let mut engine = Engine::new();
    engine.set_output(Output::Capture);
    let mut ev = engine.compile(src, &[]).expect("compiles").evaluator();
    ev.eval(&[]).expect("runs");
    assert_eq!(ev.take_output(), "hi\n1");
}

fn limited(f: impl FnOnce(&mut Limits)) -> Engine {
    let mut limits = Limits::default();
    f(&mut limits);
    Engine::with_limits(limits)
}

#[test]
fn fuel_meters_the_work_of_builtins() {
    let engine = limited(|l| l.fuel = Some(1_000_000));
    let start = Instant::now();
    let e = engine
        .compile("sort(range(0, 10 ** 8)).len()", &[])
        .expect("compiles")
        .eval(&[])
        .expect_err("out of fuel");
    assert_eq!(e.code(), "E0502");
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "stopped before the work"
    );
    // Within the budget the same builtins run.
    let ok = engine
        .compile("sort(range(0, 1000)).len()", &[])
        .expect("compiles");
    assert_eq!(ok.eval(&[]).expect("runs"), Value::Int(1000));
    // n log n: sorting 50,000 elements needs more than 50,000 * 15 steps.
    let small = limited(|l| l.fuel = Some(600_000));
    let sort = small
        .compile("let xs = range(0, 50000); sort(xs).len()", &[])
        .expect("compiles");
    assert_eq!(sort.eval(&[]).expect_err("n log n").code(), "E0502");
}

#[test]
fn the_memory_budget_stops_allocation() {
    let engine = limited(|l| l.max_memory = Some(1 << 20));
    let big = engine
        .compile("range(0, 10 ** 6).len()", &[])
        .expect("compiles");
    let e = big.eval(&[]).expect_err("16 MB of list");
    assert_eq!(e.code(), "E0505");
    // The budget counts every list and string an evaluation builds.
    let growing = engine
        .compile(
            "fn grow(s, n) = if n == 0 { len(s) } else { grow(s ++ \"xxxxxxxxxx\", n - 1) }; grow(\"\", 100000)",
            &[],
        )
        .expect("compiles");
    assert_eq!(growing.eval(&[]).expect_err("quadratic").code(), "E0505");
    let small = engine
        .compile("range(0, 1000).len()", &[])
        .expect("compiles");
    assert_eq!(small.eval(&[]).expect("fits"), Value::Int(1000));
}

#[test]
fn depth_and_length_limits_and_per_evaluator_overrides() {
    let deep = "fn d(n) = if n == 0 { 0 } else { 1 + d(n - 1) }; d(5000)";
    let engine = limited(|l| l.max_depth = 1000);
    let program = engine.compile(deep, &[]).expect("compiles");
    assert_eq!(program.eval(&[]).expect_err("too deep").code(), "E0501");
    let mut ev = program.evaluator();
    ev.set_limits(Limits {
        max_depth: 10_000,
        ..Limits::default()
    });
    assert_eq!(ev.eval(&[]).expect("deep enough"), Value::Int(5000));
    let long = limited(|l| l.max_len = 100)
        .compile("range(0, 101).len()", &[])
        .expect("compiles");
    assert_eq!(long.eval(&[]).expect_err("too long").code(), "E0504");
    let arena = limited(|l| l.max_arena_bytes = Some(4096));
    let src: String = (0..500).map(|i| format!("let x{i} = {i};\n")).collect();
    let e = arena.compile(&src, &[]).expect_err("too big a tree");
    assert_eq!(e.diagnostics().next().map(|d| d.code), Some("E0108"));
}

#[test]
fn an_evaluation_is_cancelled_from_another_thread() {
    let program = Engine::new()
        .compile("fn spin(n) = spin(n + 1); spin(0)", &[])
        .expect("compiles");
    let mut ev = program.evaluator();
    let cancel = ev.cancel_handle();
    let start = Instant::now();
    let canceller = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(50));
        cancel.cancel();
    });
    let e = ev.eval(&[]).expect_err("cancelled");
    canceller.join().expect("joined");
    assert!(e.is_cancelled(), "{e}");
    assert!(start.elapsed() < Duration::from_secs(5));
    // The handle is ready again: the next evaluation runs to its end.
    let quick = Engine::new().compile("1 + 1", &[]).expect("compiles");
    assert_eq!(quick.evaluator().eval(&[]).expect("runs"), Value::Int(2));
}

#[test]
fn programs_cannot_reach_files_network_environment_or_clock() {
    let engine = Engine::new();
    for name in [
        "read_file",
        "open",
        "write",
        "env",
        "getenv",
        "now",
        "time",
        "clock",
        "sleep",
        "connect",
        "http",
        "exec",
        "system",
        "exit",
        "random",
    ] {
        let e = engine
            .compile(&format!("{name}(\"x\")"), &[])
            .expect_err(name);
        assert_eq!(
            e.diagnostics().next().map(|d| d.code),
            Some("E0201"),
            "{name}"
        );
    }
}
