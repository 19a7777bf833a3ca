//! Every program in `examples/` runs with `calc run` and prints exactly its
//! `examples/NAME.out`.

use std::path::Path;
use std::process::Command;

#[test]
fn examples_print_their_expected_output() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut programs: Vec<_> = std::fs::read_dir(&dir)
        .expect("examples/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "expr"))
        .collect();
    programs.sort();
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
