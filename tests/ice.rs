//! The internal-compiler-error hook of the `calc` binary (spec E): a panic
//! prints a diagnostic naming the input and asking for a report, and exits
//! with status 101; and no input of the corpus reaches it. `.ci/run` checks
//! the same message and status with the release binary
//! (`scripts/ice-release.sh`).

mod common;

use std::path::Path;
use std::process::{Command, Output};

const SWITCH: &str = "CALC_INTERNAL_TEST_PANIC";

fn calc(args: &[&str], panic: bool) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_calc"));
    cmd.args(args);
    if panic {
        cmd.env(SWITCH, "1");
    } else {
        cmd.env_remove(SWITCH);
    }
    cmd.output().expect("calc runs")
}

/// Asserts `out` is an internal compiler error naming `input`.
fn assert_ice(out: &Output, input: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(101), "{stderr}");
    assert!(
        stderr.contains("error: internal compiler error"),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("`{input}`")), "{stderr}");
    assert!(stderr.contains("please report it"), "{stderr}");
    assert!(
        stderr.contains(&format!("calc {}", env!("CARGO_PKG_VERSION"))),
        "{stderr}"
    );
    assert!(stderr.contains("internal test panic"), "{stderr}");
    assert!(stderr.contains("src/bin/calc/ice.rs:"), "{stderr}");
    assert!(!stderr.contains("thread 'main' panicked"), "{stderr}");
}

#[test]
fn a_panic_is_an_internal_compiler_error_naming_eval() {
    assert_ice(&calc(&["eval", "1 + 1"], true), "<eval>");
}

#[test]
fn a_panic_names_the_file() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/tour.expr");
    let file = file.to_str().expect("a UTF-8 path");
    assert_ice(&calc(&["run", file], true), file);
    assert_ice(&calc(&["check", file], true), file);
    assert_ice(&calc(&["parse", file], true), file);
}

#[test]
fn a_panic_in_batch_repl_names_the_line() {
    let out = Command::new(env!("CARGO_BIN_EXE_calc"))
        .arg("repl")
        .env(SWITCH, "1")
        .stdin(
            std::fs::File::open(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/tour.expr"))
                .expect("the example exists"),
        )
        .output()
        .expect("calc runs");
    assert_ice(&out, "<stdin:1>");
}

#[test]
fn without_the_switch_nothing_panics() {
    let out = calc(&["eval", "1 + 1"], false);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "2\n");
}

fn assert_no_ice(out: &Output, what: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(101), "{what}: {stderr}");
    assert!(out.status.code().is_some(), "{what}: killed by a signal");
    assert!(
        !stderr.contains("internal compiler error"),
        "{what}: {stderr}"
    );
}

#[test]
fn no_corpus_input_reaches_the_hook() {
    let files = common::corpus_files();
    let names: Vec<&str> = files
        .iter()
        .map(|f| f.to_str().expect("a UTF-8 path"))
        .collect();
    for cmd in ["check", "parse"] {
        let mut args = vec![cmd];
        args.extend(&names);
        assert_no_ice(&calc(&args, false), cmd);
    }
    for name in &names {
        assert_no_ice(&calc(&["run", name], false), name);
        let input = std::fs::read(name).expect("a readable file");
        assert_no_ice(&common::calc_stdin(&["repl"], &input), name);
    }
}
