//! Every program in `examples/` runs with `calc run` and prints exactly its
//! `examples/NAME.out`; every Rust example (`examples/*.rs`, embedding calc,
//! built by `cargo test`) runs and prints its known answer.

mod common;

use std::process::Command;

#[test]
fn examples_print_their_expected_output() {
    let programs = common::expr_files("examples");
    assert!(programs.len() >= 8, "only {} examples", programs.len());
    for program in programs {
        let expected = std::fs::read_to_string(program.with_extension("out"))
            .unwrap_or_else(|_| panic!("{} has no .out file", program.display()));
        let out = Command::new(env!("CARGO_BIN_EXE_calc"))
            .arg("run")
            .arg(&program)
            .output()
            .expect("calc runs");
        assert!(
            out.status.success(),
            "{} failed: {}",
            program.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            expected,
            "{}",
            program.display()
        );
        assert!(
            out.stderr.is_empty(),
            "{} wrote to stderr",
            program.display()
        );
    }
}

/// Runs the Rust example `name` (built by `cargo test` next to the test
/// binaries) with `args`; returns its stdout.
fn run_example(name: &str, args: &[&str]) -> String {
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_calc"))
        .parent()
        .expect("the target directory")
        .join("examples")
        .join(name);
    let out = Command::new(&bin)
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run {} ({e}); `cargo test` builds the examples, `cargo test --test examples` alone does not",
                bin.display()
            )
        });
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{name} failed: {stderr}");
    assert!(
        stderr.contains("time_s="),
        "{name} reports its time: {stderr}"
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn rust_examples_embed_calc_and_print_their_known_answers() {
    let formula = run_example("formula", &["100000"]);
    assert_eq!(formula.lines().last(), Some("66918549985"));
    let two_threads = run_example("formula", &["100000", "2"]);
    assert_eq!(two_threads.lines().last(), Some("66918549985"));
    let pricing = run_example("pricing", &["2000"]);
    assert_eq!(pricing, "orders: 2000\ngross: 39230150\nnet: 32004587\n");
    let threads = run_example("threads", &["3000", "3"]);
    assert_eq!(
        threads,
        "total score (3 threads): 616410\ntotal score (1 thread): 616410\nrunaway: cancelled (E0503)\n"
    );
}
