//! Helpers shared by the integration tests. Each test crate includes this
//! module and uses only some of it.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Runs the `calc` binary with `args`, feeding `input` on stdin.
pub fn calc_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_calc"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("calc starts");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(input)
        .expect("input is written");
    child.wait_with_output().expect("calc finishes")
}

/// The `.expr` files of `dir` (relative to the crate root), sorted.
pub fn expr_files(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|_| panic!("{} exists", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "expr"))
        .collect();
    files.sort();
    files
}

/// One diagnostic as the marker check sees it: the 1-based line its primary
/// span starts on, and its code.
pub type Mark = (usize, String);

/// The diagnostics a test file declares with `//~` markers, sorted.
///
/// A marker is a comment `//~ CODE…` naming the codes of the diagnostics
/// whose primary span starts on that line; `//~^ CODE` points one line up
/// (`//~^^` two, and so on) and `//~v CODE` one line down, for lines that
/// cannot carry a comment of their own. A code is `E` or `W` and four
/// digits; anything else after `//~` is an error, so that a typo cannot
/// silently drop an expectation.
pub fn markers(src: &str) -> Result<Vec<Mark>, String> {
    let mut marks = Vec::new();
    for (i, line) in src.lines().enumerate() {
        let Some(at) = line.find("//~") else {
            continue;
        };
        let rest = &line[at + 3..];
        let up = rest.chars().take_while(|&c| c == '^').count();
        let down = rest[up..].chars().take_while(|&c| c == 'v').count();
        let codes = &rest[up + down..];
        let target = (i + 1 + down)
            .checked_sub(up)
            .filter(|&l| l >= 1)
            .ok_or_else(|| format!("line {}: the marker points above the file", i + 1))?;
        let mut any = false;
        for code in codes.split_whitespace() {
            let well_formed = code.len() == 5
                && code.starts_with(['E', 'W'])
                && code[1..].chars().all(|c| c.is_ascii_digit());
            if !well_formed {
                return Err(format!(
                    "line {}: `{code}` in a `//~` marker is not a diagnostic code",
                    i + 1
                ));
            }
            marks.push((target, code.to_string()));
            any = true;
        }
        if !any {
            return Err(format!("line {}: a `//~` marker names no code", i + 1));
        }
    }
    marks.sort();
    Ok(marks)
}

/// The diagnostics in text rendered by `calc` (without colour): the code of
/// each `[E0202] Error: …` / `[W0301] Warning: …` header and the line of the
/// location `╭─[ FILE:LINE:COL ]` after it, sorted.
pub fn rendered_marks(text: &str) -> Vec<Mark> {
    let mut marks = Vec::new();
    let mut code: Option<String> = None;
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix('[')
            && let Some((c, tail)) = rest.split_once(']')
            && (tail.starts_with(" Error:") || tail.starts_with(" Warning:"))
        {
            code = Some(c.to_string());
            continue;
        }
        if let Some(c) = code.take() {
            let location = line
                .split_once("─[ ")
                .and_then(|(_, l)| l.strip_suffix(" ]"))
                .and_then(|l| l.rsplit(':').nth(1))
                .and_then(|n| n.parse().ok());
            marks.push((location.unwrap_or(0), c));
        }
    }
    marks.sort();
    marks
}

/// Compares the diagnostics a file declares with those reported (both
/// sorted): `None` when they are the same, else what is missing and what
/// was not expected.
pub fn mark_mismatch(expected: &[Mark], reported: &[Mark]) -> Option<String> {
    if expected == reported {
        return None;
    }
    let mut missing: Vec<Mark> = expected.to_vec();
    let mut extra = Vec::new();
    for r in reported {
        match missing.iter().position(|m| m == r) {
            Some(i) => {
                missing.remove(i);
            }
            None => extra.push(r.clone()),
        }
    }
    let show = |ms: &[Mark]| {
        ms.iter()
            .map(|(l, c)| format!("{c} on line {l}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Some(format!(
        "expected but not reported: [{}]; reported but not marked: [{}]",
        show(&missing),
        show(&extra)
    ))
}

/// Every `.expr` file under `dir`, at any depth (none if `dir` is missing).
pub fn expr_files_under(dir: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|x| x == "expr") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, &mut out);
    out.sort();
    out
}

/// The shipped examples (`examples/**/*.expr`), sorted.
pub fn example_files() -> Vec<PathBuf> {
    expr_files_under(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"))
}

/// The corpus: every `.expr` file under `examples/` and `tests/`, sorted.
pub fn corpus_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = expr_files_under(&root.join("examples"));
    files.extend(expr_files_under(&root.join("tests")));
    files.sort();
    files
}
