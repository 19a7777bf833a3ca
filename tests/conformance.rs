//! The end-to-end conformance suite: every `tests/conformance/*.expr` is run
//! with the real `calc run`, and its stdout, stderr and exit status are
//! checked against the `//!` header lines at the top of the file:
//!
//! * `//! exit N` — the expected exit status (every case has one);
//! * `//! out TEXT` — one expected stdout line each (in order, exact);
//! * `//! stdout-empty` — stdout must be empty;
//! * `//! err TEXT` — stderr must contain TEXT;
//! * `//! args A B …` — extra arguments for `calc run`, before the file
//!   (e.g. `//! args --max-len 1000`).
//!
//! Any other `//!` line fails the case.
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

/// Reads a case's `//!` header lines. A header line this harness does not
/// know, an `err` without text, or a case without `//! exit` is an error,
/// so that a typo cannot silently drop an expectation.
fn expectations(src: &str) -> Result<Expect, String> {
    let mut exit = None;
    let mut out: Option<String> = None;
    let mut err = Vec::new();
    let mut args = Vec::new();
    for line in src.lines() {
        let Some(header) = line.strip_prefix("//!") else {
            continue;
        };
        let header = header.trim_start();
        let (key, text) = header.split_once(' ').unwrap_or((header, ""));
        match key {
            "exit" => {
                let n = text
                    .trim()
                    .parse()
                    .map_err(|_| format!("`//! exit {text}` needs a number"))?;
                if exit.replace(n).is_some() {
                    return Err("more than one `//! exit` line".to_string());
                }
            }
            "out" => {
                let o = out.get_or_insert_with(String::new);
                o.push_str(text);
                o.push('\n');
            }
            "stdout-empty" if text.trim().is_empty() => {
                if out.as_ref().is_some_and(|o| !o.is_empty()) {
                    return Err("`//! stdout-empty` with `//! out` lines".to_string());
                }
                out = Some(String::new());
            }
            "err" if !text.trim().is_empty() => err.push(text.to_string()),
            "args" if !text.trim().is_empty() => {
                args.extend(text.split_whitespace().map(str::to_string));
            }
            _ => return Err(format!("unknown header line `{line}`")),
        }
    }
    let exit = exit.ok_or("no `//! exit N` line")?;
    Ok(Expect {
        exit,
        out,
        err,
        args,
    })
}

#[test]
fn conformance_suite() {
    let files = common::expr_files("tests/conformance");
    assert!(files.len() >= 150, "only {} conformance cases", files.len());
    let mut failures = Vec::new();
    for file in &files {
        let src = std::fs::read_to_string(file).expect("case is readable");
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("?");
        let want = match expectations(&src) {
            Ok(want) => want,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        let out = Command::new(env!("CARGO_BIN_EXE_calc"))
            .arg("run")
            .args(&want.args)
            .arg(file)
            .env("NO_COLOR", "1")
            .output()
            .expect("calc runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
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
