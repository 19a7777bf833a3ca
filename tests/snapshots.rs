//! Snapshot tests (insta, stored in the top-level `snapshots/` folder):
//! parse dumps of `tests/parse/*.expr` and `examples/*.expr`, rendered type
//! errors of `tests/typeck/bad/*.expr`, inferred types of
//! `tests/typeck/good/*.expr`, and exhaustiveness diagnostics of
//! `tests/exhaust/*.expr`. Adding a case is adding a file.

use calc::Engine;
use calc::diag;
use calc::syntax::arena::Arena;
use calc::syntax::{dump, parser};
use std::path::Path;

fn name_of(path: &Path) -> String {
    path.file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("?")
        .to_string()
}

/// The dump and the rendered syntax diagnostics of one file.
fn parse_snapshot(path: &Path) -> String {
    let src = std::fs::read_to_string(path).expect("case is readable");
    let arena = Arena::new();
    let parsed = parser::parse(&arena, &src);
    let mut out = dump::program(&parsed.program);
    if !parsed.diagnostics.is_empty() {
        out.push_str("--- diagnostics ---\n");
        out.push_str(&diag::render(
            &parsed.diagnostics,
            &name_of(path),
            &src,
            false,
        ));
    }
    out
}

/// Rendered diagnostics (syntax, then type) of one file, or the inferred
/// top-level types when it is well typed, as the engine's check reports
/// them.
fn check_snapshot(path: &Path) -> String {
    let src = std::fs::read_to_string(path).expect("case is readable");
    let name = name_of(path);
    let report = Engine::new().check(&name, &src);
    if !report.parsed {
        return diag::render(&report.diagnostics, &name, &src, false);
    }
    let mut out = String::new();
    for (n, t) in &report.bindings {
        out.push_str(&format!("{n}: {t}\n"));
    }
    if let Some(t) = &report.result_type {
        out.push_str(&format!("result: {t}\n"));
    }
    if !report.diagnostics.is_empty() {
        out.push_str("--- diagnostics ---\n");
        out.push_str(&diag::render(&report.diagnostics, &name, &src, false));
    }
    out
}

#[test]
fn parse_corpus() {
    insta::with_settings!({snapshot_path => "../snapshots/parse", prepend_module_to_snapshot => false}, {
        insta::glob!("parse/*.expr", |path| {
            insta::assert_snapshot!("parse", parse_snapshot(path));
        });
    });
}

#[test]
fn parse_examples() {
    insta::with_settings!({snapshot_path => "../snapshots/examples", prepend_module_to_snapshot => false}, {
        insta::glob!("../examples", "*.expr", |path| {
            insta::assert_snapshot!("parse", parse_snapshot(path));
        });
    });
}

#[test]
fn typeck_errors() {
    insta::with_settings!({snapshot_path => "../snapshots/typeck", prepend_module_to_snapshot => false}, {
        insta::glob!("typeck/bad/*.expr", |path| {
            let text = check_snapshot(path);
            assert!(text.contains("Error"), "{} type-checks", path.display());
            insta::assert_snapshot!("error", text);
        });
    });
}

#[test]
fn typeck_types() {
    insta::with_settings!({snapshot_path => "../snapshots/typeck", prepend_module_to_snapshot => false}, {
        insta::glob!("typeck/good/*.expr", |path| {
            let text = check_snapshot(path);
            assert!(!text.contains("Error"), "{}: {text}", path.display());
            insta::assert_snapshot!("types", text);
        });
    });
}

#[test]
fn exhaustiveness() {
    insta::with_settings!({snapshot_path => "../snapshots/exhaust", prepend_module_to_snapshot => false}, {
        insta::glob!("exhaust/*.expr", |path| {
            insta::assert_snapshot!("exhaust", check_snapshot(path));
        });
    });
}

#[test]
fn corpora_are_large_enough() {
    let count = |dir: &str| {
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir))
            .map(|d| d.count())
            .unwrap_or(0)
    };
    assert!(count("tests/parse") >= 40);
    assert!(count("tests/typeck/bad") >= 40);
    assert!(count("tests/typeck/good") >= 60);
    assert!(count("tests/exhaust") >= 30);
}
