//! Snapshot tests (insta, stored in the top-level `snapshots/` folder, in
//! folders named like the inputs'): parse dumps of `tests/parse/{ok,err}/*.expr`
//! and `examples/*.expr`, rendered type errors of `tests/typeck/bad/*.expr`,
//! inferred types of `tests/typeck/good/*.expr`, and exhaustiveness
//! diagnostics of `tests/exhaust/{complete,missing,unreachable}/*.expr`.
//! Adding a case is adding a file.
//!
//! Besides its snapshot, every case is held to what its folder promises,
//! decided from the diagnostics themselves (not from the rendered text):
//!
//! * `parse/ok`: no diagnostic; `parse/err`: at least one error;
//! * `typeck/good`: parses, and the checker reports no error;
//!   `typeck/bad`: parses, and the checker reports at least one error;
//! * `exhaust/complete`: no diagnostic; `exhaust/missing`: at least one
//!   non-exhaustive-match error and no other error; `exhaust/unreachable`: no
//!   error, at least one unreachable-arm warning.
//!
//! And in every corpus, the diagnostics reported are exactly those the file
//! declares with `//~ CODE` markers (see `common::markers`): each code on
//! the line its primary span starts on, no more and no fewer.

mod common;

use calc::Engine;
use calc::diag::{self, Diagnostic};
use calc::sema::exhaust::{NON_EXHAUSTIVE, UNREACHABLE};
use calc::syntax::arena::Arena;
use calc::syntax::{dump, parser};
use std::path::Path;

fn name_of(path: &Path) -> String {
    path.file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("?")
        .to_string()
}

/// What one case produced.
struct Outcome {
    /// The parser's diagnostics.
    syntax: Vec<Diagnostic>,
    /// The checker's diagnostics (empty when the case did not parse or was
    /// not checked).
    check: Vec<Diagnostic>,
    /// The text its snapshot stores.
    text: String,
    /// The case's source.
    src: String,
}

impl Outcome {
    /// Panics unless the diagnostics reported (syntax, then type) are
    /// exactly those `path` declares with `//~` markers.
    fn assert_marked(&self, path: &Path) {
        let expected =
            common::markers(&self.src).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut reported: Vec<common::Mark> = self
            .syntax
            .iter()
            .chain(&self.check)
            .map(|d| {
                let mut start = d.primary_span().map_or(0, |s| s.start);
                // The end of a source that ends in a newline is shown (and
                // so marked) on its last line, as ariadne draws it.
                if start as usize >= self.src.len() && self.src.ends_with('\n') {
                    start = self.src.len() as u32 - 1;
                }
                (diag::line_col(&self.src, start).0, d.code.to_string())
            })
            .collect();
        reported.sort();
        if let Some(m) = common::mark_mismatch(&expected, &reported) {
            panic!("{}: {m}\n{}", path.display(), self.text);
        }
    }
}

/// The errors among `diagnostics` (the rest are warnings).
fn errors(diagnostics: &[Diagnostic]) -> impl Iterator<Item = &Diagnostic> {
    diagnostics.iter().filter(|d| d.is_error())
}

/// Parses one file: the dump and the rendered syntax diagnostics.
fn parse_file(path: &Path) -> Outcome {
    let src = std::fs::read_to_string(path).expect("case is readable");
    let arena = Arena::new();
    let parsed = parser::parse(&arena, &src);
    let mut text = dump::program(&parsed.program);
    if !parsed.diagnostics.is_empty() {
        text.push_str("--- diagnostics ---\n");
        text.push_str(&diag::render(
            &parsed.diagnostics,
            &name_of(path),
            &src,
            false,
        ));
    }
    Outcome {
        syntax: parsed.diagnostics,
        check: Vec::new(),
        text,
        src,
    }
}

/// Checks one file through the engine: rendered diagnostics (syntax, then
/// type), or the inferred top-level types when it is well typed.
fn check_file(path: &Path) -> Outcome {
    let src = std::fs::read_to_string(path).expect("case is readable");
    let name = name_of(path);
    let report = Engine::new().check(&name, &src);
    if !report.parsed {
        return Outcome {
            text: diag::render(&report.diagnostics, &name, &src, false),
            syntax: report.diagnostics,
            check: Vec::new(),
            src,
        };
    }
    let mut text = String::new();
    for (n, t) in &report.bindings {
        text.push_str(&format!("{n}: {t}\n"));
    }
    if let Some(t) = &report.result_type {
        text.push_str(&format!("result: {t}\n"));
    }
    if !report.diagnostics.is_empty() {
        text.push_str("--- diagnostics ---\n");
        text.push_str(&diag::render(&report.diagnostics, &name, &src, false));
    }
    Outcome {
        syntax: Vec::new(),
        check: report.diagnostics,
        text,
        src,
    }
}

// The snapshot macros record their value expression in each snapshot's
// header; these keep it as it always was.
fn parse_snapshot(path: &Path) -> String {
    parse_file(path).text
}

fn check_snapshot(path: &Path) -> String {
    check_file(path).text
}

#[test]
fn parse_corpus_ok() {
    insta::with_settings!({snapshot_path => "../snapshots/parse/ok", prepend_module_to_snapshot => false}, {
        insta::glob!("parse/ok/*.expr", |path| {
            let outcome = parse_file(path);
            assert!(
                outcome.syntax.is_empty(),
                "{} must parse without diagnostics:\n{}",
                path.display(),
                outcome.text
            );
            outcome.assert_marked(path);
            insta::assert_snapshot!("parse", parse_snapshot(path));
        });
    });
}

#[test]
fn parse_corpus_err() {
    insta::with_settings!({snapshot_path => "../snapshots/parse/err", prepend_module_to_snapshot => false}, {
        insta::glob!("parse/err/*.expr", |path| {
            let outcome = parse_file(path);
            assert!(
                errors(&outcome.syntax).next().is_some(),
                "{} must be a syntax error:\n{}",
                path.display(),
                outcome.text
            );
            outcome.assert_marked(path);
            insta::assert_snapshot!("parse", parse_snapshot(path));
        });
    });
}

#[test]
fn parse_examples() {
    insta::with_settings!({snapshot_path => "../snapshots/examples", prepend_module_to_snapshot => false}, {
        insta::glob!("../examples", "*.expr", |path| {
            let outcome = parse_file(path);
            assert!(
                outcome.syntax.is_empty(),
                "{}: {}",
                path.display(),
                outcome.text
            );
            insta::assert_snapshot!("parse", parse_snapshot(path));
        });
    });
}

#[test]
fn typeck_errors() {
    insta::with_settings!({snapshot_path => "../snapshots/typeck", prepend_module_to_snapshot => false}, {
        insta::glob!("typeck/bad/*.expr", |path| {
            let outcome = check_file(path);
            outcome.assert_marked(path);
            let Outcome { syntax, check, text, .. } = outcome;
            assert!(syntax.is_empty(), "{} does not parse:\n{text}", path.display());
            assert!(
                errors(&check).next().is_some(),
                "{} type-checks:\n{text}",
                path.display()
            );
            insta::assert_snapshot!("error", text);
        });
    });
}

#[test]
fn typeck_types() {
    insta::with_settings!({snapshot_path => "../snapshots/typeck", prepend_module_to_snapshot => false}, {
        insta::glob!("typeck/good/*.expr", |path| {
            let outcome = check_file(path);
            outcome.assert_marked(path);
            let Outcome { syntax, check, text, .. } = outcome;
            assert!(syntax.is_empty(), "{} does not parse:\n{text}", path.display());
            assert!(
                errors(&check).next().is_none(),
                "{} has type errors:\n{text}",
                path.display()
            );
            insta::assert_snapshot!("types", text);
        });
    });
}

/// Runs the exhaustiveness corpus in `tests/exhaust/{folder}`, holding each
/// case's checker diagnostics to `expect` besides its snapshot.
fn exhaust_corpus(folder: &str, expect: impl Fn(&[Diagnostic]) -> bool) {
    insta::with_settings!({snapshot_path => format!("../snapshots/exhaust/{folder}"), prepend_module_to_snapshot => false}, {
        insta::glob!(&format!("exhaust/{folder}/*.expr"), |path| {
            let outcome = check_file(path);
            assert!(
                outcome.syntax.is_empty(),
                "{} does not parse:\n{}",
                path.display(),
                outcome.text
            );
            assert!(
                expect(&outcome.check),
                "{} does not belong in exhaust/{folder}:\n{}",
                path.display(),
                outcome.text
            );
            outcome.assert_marked(path);
            insta::assert_snapshot!("exhaust", check_snapshot(path));
        });
    });
}

#[test]
fn exhaustive_matches_report_nothing() {
    exhaust_corpus("complete", |diags| diags.is_empty());
}

#[test]
fn non_exhaustive_matches_are_errors() {
    exhaust_corpus("missing", |diags| {
        diags.iter().any(|d| d.code == NON_EXHAUSTIVE)
            && errors(diags).all(|d| d.code == NON_EXHAUSTIVE)
    });
}

#[test]
fn unreachable_arms_are_warnings() {
    exhaust_corpus("unreachable", |diags| {
        diags.iter().any(|d| d.code == UNREACHABLE && !d.is_error())
            && errors(diags).next().is_none()
    });
}

#[test]
fn corpora_are_large_enough() {
    let count = |dir: &str| common::expr_files(dir).len();
    let corpora = [
        ("tests/parse/ok", 30),
        ("tests/parse/err", 12),
        ("tests/typeck/bad", 40),
        ("tests/typeck/good", 60),
        ("tests/exhaust/complete", 12),
        ("tests/exhaust/missing", 14),
        ("tests/exhaust/unreachable", 4),
        ("examples", 8),
    ];
    for (dir, least) in corpora {
        let n = count(dir);
        assert!(n >= least, "{dir} has {n} cases, expected at least {least}");
    }
}

/// Every stored snapshot belongs to an input that still exists, so a case
/// that was moved or deleted leaves no snapshot behind that nothing checks.
#[test]
fn every_snapshot_has_its_input() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![root.join("snapshots")];
    let mut snapshots = 0;
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("snapshot folder is readable") {
            let path = entry.expect("snapshot folder is readable").path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let name = name_of(&path);
            assert!(
                name.ends_with(".snap"),
                "{}: only .snap files belong in snapshots/ (review or delete pending ones)",
                path.display()
            );
            let text = std::fs::read_to_string(&path).expect("snapshot is readable");
            let input = text
                .lines()
                .find_map(|l| l.strip_prefix("input_file: "))
                .unwrap_or_else(|| panic!("{} names no input file", path.display()));
            assert!(
                root.join(input).is_file(),
                "{} is the snapshot of {input}, which does not exist",
                path.display()
            );
            assert!(
                name.ends_with(&format!("@{}.snap", name_of(Path::new(input)))),
                "{} is named after another file than {input}",
                path.display()
            );
            snapshots += 1;
        }
    }
    assert!(snapshots >= 190, "only {snapshots} snapshots found");
}
