//! Runs every fuzz target's body over the whole seed corpus: every
//! `examples/*.expr` and `tests/**/*.expr` (read where they live, so the
//! seeds never go stale) and the committed regression inputs of
//! `fuzz/regressions/<target>/`. This keeps the harness of `fuzz/` compiling
//! and passing under plain `cargo test`; the fuzzers themselves run with
//! cargo-fuzz (README, development section).

#[path = "../fuzz/src/targets.rs"]
mod targets;

mod common;

use std::path::{Path, PathBuf};

/// The seeds shared by every target plus `target`'s regression inputs.
fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = common::corpus_files();
    if let Ok(entries) = std::fs::read_dir(root.join("fuzz/regressions").join(target)) {
        files.extend(entries.flatten().map(|e| e.path()));
    }
    files.sort();
    assert!(files.len() > 100, "the seed corpus went missing");
    files
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(&f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            (f, bytes)
        })
        .collect()
}

/// Runs `body` over the corpus of `target`, naming the input that fails.
fn run_corpus(target: &str, body: fn(&[u8])) {
    for (path, bytes) in corpus(target) {
        let result = std::panic::catch_unwind(|| body(&bytes));
        assert!(
            result.is_ok(),
            "fuzz target `{target}` failed on {}",
            path.display()
        );
    }
}

#[test]
fn parse_target_passes_the_seed_corpus() {
    run_corpus("parse", targets::parse);
}

#[test]
fn format_target_passes_the_seed_corpus() {
    run_corpus("format", targets::format);
}

#[test]
fn format_target_checks_comments_and_trees() {
    targets::format(b"let x = [1, // one\n2]; /* end */ x");
    targets::format(b"let = ;");
    targets::format(b"\xff");
}

#[test]
fn compile_target_passes_the_seed_corpus() {
    run_corpus("compile", targets::compile);
}

#[test]
fn run_target_passes_the_seed_corpus() {
    run_corpus("run", targets::run);
}

#[test]
fn engine_target_passes_the_seed_corpus() {
    run_corpus("engine", targets::engine);
}

#[test]
fn engine_target_uses_inputs_and_host_functions() {
    targets::engine(b"if on { twice(x) } else { len(tags) + name.shout().len() } + int(rate)");
    targets::engine(b"twice(x)");
}

#[test]
fn edit_target_passes_the_seed_corpus() {
    run_corpus("edit", targets::edit);
}

#[test]
fn edit_target_applies_edits_in_sequence() {
    let sep = char::from(targets::INPUT_SEPARATOR);
    // Line 0, column 8, replace 1: `struct P { x: Int }\nlet p = P { x: 1 };\np.`
    let edits = format!(
        "struct P {{ x: Int }}\nlet p = P {{ x: 1 }};\np{sep}\u{2}\u{1}\u{0}.{sep}\u{2}\u{2}\u{0}x{sep}\u{0}\u{0}\u{3}😀é"
    );
    targets::edit(edits.as_bytes());
}

#[test]
fn run_target_splits_inputs_at_the_separator() {
    let sep = char::from(targets::INPUT_SEPARATOR);
    targets::run(format!("let x = 1;{sep}fn f(y) = x + y;{sep}f(2)").as_bytes());
}

#[test]
fn internal_error_markers_are_caught() {
    let caught = std::panic::catch_unwind(|| {
        targets::assert_no_internal_error("x", "[E0409] Error: internal error: unexpected Int")
    });
    assert!(caught.is_err());
    targets::assert_no_internal_error("1 / 0", "[E0401] Error: division by zero");
}

#[test]
fn spans_are_stripped_from_dumps_only() {
    assert_eq!(
        targets::strip_spans("Program\n  tail: Str \"a @1..2\" @0..8\n  then: Block"),
        "Program\n  tail: Str \"a @1..2\"\n  then: Block"
    );
}
