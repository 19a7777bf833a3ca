//! The end-to-end conformance suite: every `tests/conformance/*.expr` is run
//! with the real `calc run`, and its stdout, stderr and exit status are
//! checked against the `//!` header lines at the top of the file:
//!
//! * `//! exit N` — the expected exit status;
//! * `//! out TEXT` — one expected stdout line each (in order, exact);
//! * `//! stdout-empty` — stdout must be empty;
//! * `//! err TEXT` — stderr must contain TEXT;
//! * `//! args A B …` — extra arguments for `calc run`, before the file
//!   (e.g. `//! args --max-len 1000`).
//!
//! Adding a case is adding a file.

mod common;

use std::process::Command;

struct Expect {
    exit: i32,
    out: Option<String>,
    err: Vec<String>,
    args: Vec<String>,
}

fn expectations(src: &str) -> Expect {
    let mut e = Expect {
        exit: 0,
        out: None,
        err: Vec::new(),
        args: Vec::new(),
    };
    for line in src.lines() {
        let Some(rest) = line.strip_prefix("//! ") else {
            continue;
        };
        if let Some(n) = rest.strip_prefix("exit ") {
            e.exit = n.trim().parse().expect("`//! exit N` needs a number");
        } else if let Some(text) = rest.strip_prefix("out ") {
            let out = e.out.get_or_insert_with(String::new);
            out.push_str(text);
            out.push('\n');
        } else if rest.trim() == "stdout-empty" {
            e.out = Some(String::new());
        } else if let Some(text) = rest.strip_prefix("err ") {
            e.err.push(text.to_string());
        } else if let Some(args) = rest.strip_prefix("args ") {
            e.args.extend(args.split_whitespace().map(str::to_string));
        }
    }
    e
}

#[test]
fn conformance_suite() {
    let files = common::expr_files("tests/conformance");
    assert!(files.len() >= 150, "only {} conformance cases", files.len());
    let mut failures = Vec::new();
    for file in &files {
        let src = std::fs::read_to_string(file).expect("case is readable");
        let want = expectations(&src);
        let out = Command::new(env!("CARGO_BIN_EXE_calc"))
            .arg("run")
            .args(&want.args)
            .arg(file)
            .env("NO_COLOR", "1")
            .output()
            .expect("calc runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("?");
        let code = out.status.code().unwrap_or(-1);
        let mut problems = Vec::new();
        if code != want.exit {
            problems.push(format!("exit {code}, expected {}", want.exit));
        }
        if let Some(o) = &want.out
            && stdout != *o
        {
            problems.push(format!("stdout {stdout:?}, expected {o:?}"));
        }
        for e in &want.err {
            if !stderr.contains(e.as_str()) {
                problems.push(format!("stderr lacks {e:?}"));
            }
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{name}: {}\n  stderr: {}",
                problems.join("; "),
                stderr.trim()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}
