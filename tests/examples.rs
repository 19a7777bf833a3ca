//! Every program in `examples/` runs with `calc run` and prints exactly its
//! `examples/NAME.out`.

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
