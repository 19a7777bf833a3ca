//! `calc fmt` (`calc::format_source` and the command).
//!
//! * The core proof: every `examples/*.expr` and `tests/**/*.expr` (the
//!   conformance files, the snapshot inputs and every other corpus file)
//!   that parses is formatted, and then: formatting again changes nothing;
//!   the AST dump, spans aside, is the same; the sequence of comments is
//!   the same; the program does the same (the same printed output and
//!   result, or the same diagnostic codes, or the same runtime error).
//! * Snapshots of tricky inputs (`tests/fmt/*.expr` → `snapshots/fmt/`).
//! * The command on real files: rewriting in place only when needed, `-`,
//!   `--check`, refusing files with syntax errors.

#[path = "../fuzz/src/targets.rs"]
#[allow(dead_code)] // only `strip_spans` is used here; the fuzz targets use the rest
mod targets;

mod common;

use calc::syntax::arena::Arena;
use calc::syntax::lexer::lex_with_trivia;
use calc::syntax::{dump, parser};
use calc::{Engine, Limits, Output};
use std::path::{Path, PathBuf};

/// The comments of `src`, in order, each line without trailing whitespace
/// (the formatter trims it).
fn comments(src: &str) -> Vec<String> {
    let (_, comments, _) = lex_with_trivia(src);
    comments
        .iter()
        .map(|c| {
            src[c.span.range()]
                .lines()
                .map(str::trim_end)
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect()
}

/// The AST dump of `src` without spans.
fn tree(src: &str) -> String {
    let arena = Arena::new();
    targets::strip_spans(&dump::program(&parser::parse(&arena, src).program))
}

/// What running `src` does, spans aside: printed output and the result, or
/// the codes of its compile diagnostics, or its runtime error.
fn behaviour(src: &str) -> String {
    let engine = Engine::with_limits(Limits {
        fuel: Some(2_000_000),
        max_memory: Some(256 << 20),
        ..Limits::default()
    });
    let program = match engine.compile_script("f.expr", src) {
        Ok(p) => p,
        Err(e) => {
            let codes: Vec<_> = e.diagnostics().map(|d| d.code).collect();
            return format!("rejected {codes:?}");
        }
    };
    let warnings: Vec<_> = program.warnings().iter().map(|d| d.code).collect();
    let mut ev = program.evaluator();
    ev.set_output(Output::Capture);
    let result = match ev.eval_display(&[]) {
        Ok(v) => format!("ok {v:?}"),
        Err(e) => format!("error {} {}", e.code(), e.message()),
    };
    format!("{warnings:?}\n{}\n{result}", ev.take_output())
}

#[test]
fn formatting_every_corpus_file_keeps_its_meaning_and_comments() {
    let files = common::corpus_files();
    let (mut formatted, mut with_comments, mut changed) = (0, 0, 0);
    for f in &files {
        let what = f.display();
        let Ok(src) =
            calc::syntax::source::decode(&std::fs::read(f).unwrap_or_default()).map(str::to_string)
        else {
            continue;
        };
        let Ok(once) = calc::format_source(&src) else {
            continue;
        };
        formatted += 1;
        changed += usize::from(once != src);
        let twice = calc::format_source(&once)
            .unwrap_or_else(|d| panic!("{what}: the formatted text does not parse: {d:?}\n{once}"));
        assert_eq!(once, twice, "{what}: formatting is not idempotent");
        assert_eq!(tree(&src), tree(&once), "{what}: the tree changed:\n{once}");
        let before = comments(&src);
        with_comments += usize::from(!before.is_empty());
        assert_eq!(
            before,
            comments(&once),
            "{what}: the comments changed:\n{once}"
        );
        assert_eq!(
            behaviour(&src),
            behaviour(&once),
            "{what}: the program does something else:\n{once}"
        );
        for line in once.lines() {
            assert_eq!(line.trim_end(), line, "{what}: trailing whitespace");
        }
    }
    assert!(formatted > 300, "only {formatted} corpus files formatted");
    assert!(with_comments > 200, "only {with_comments} have comments");
    assert!(
        changed > 50,
        "only {changed} files changed: is the formatter on?"
    );
}

#[test]
fn examples_fit_in_100_columns_once_formatted() {
    let files = common::example_files();
    for f in files {
        let src = std::fs::read_to_string(&f).expect("a readable example");
        let once = calc::format_source(&src).expect("examples parse");
        for line in once.lines() {
            assert!(line.chars().count() <= 100, "{}: {line}", f.display());
        }
    }
}

#[test]
fn tricky_inputs_format_as_their_snapshots() {
    insta::with_settings!({snapshot_path => "../snapshots/fmt", prepend_module_to_snapshot => false}, {
        insta::glob!("fmt/*.expr", |path| {
            let src = std::fs::read_to_string(path).expect("a readable case");
            let once = calc::format_source(&src).expect("the case parses");
            assert_eq!(calc::format_source(&once).as_ref(), Ok(&once), "idempotent");
            assert_eq!(comments(&src), comments(&once));
            assert_eq!(tree(&src), tree(&once));
            insta::assert_snapshot!("fmt", once);
        });
    });
}

#[test]
fn a_source_with_syntax_errors_is_refused_with_its_diagnostics() {
    let errors = calc::format_source("let x = ;\nlet y = (1, 2").expect_err("refused");
    let codes: Vec<_> = errors.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["E0101", "E0106"]);
    let lexical = calc::format_source("1 + /* open").expect_err("refused");
    assert_eq!(lexical[0].code, "E0003");
}

#[test]
fn empty_and_comment_only_sources() {
    assert_eq!(calc::format_source("").as_deref(), Ok(""));
    assert_eq!(calc::format_source("  \n\n").as_deref(), Ok(""));
    assert_eq!(
        calc::format_source("\n// a\n\n\n/* b */\n").as_deref(),
        Ok("// a\n\n/* b */\n")
    );
    assert_eq!(calc::format_source("\u{feff}1+1").as_deref(), Ok("1 + 1\n"));
}

// ----- the command -----

/// A scratch folder for this test, emptied first.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("fmt")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

fn calc(args: &[&str]) -> std::process::Output {
    common::calc_stdin(args, b"")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn fmt_rewrites_files_in_place_only_when_they_change() {
    let dir = scratch("in_place");
    let messy = dir.join("messy.expr");
    let tidy = dir.join("tidy.expr");
    std::fs::write(&messy, "let x=1;// one\nx+1").unwrap();
    std::fs::write(&tidy, "let x = 1; // one\nx + 1\n").unwrap();
    let tidy_time = std::fs::metadata(&tidy).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let out = calc(&["fmt", messy.to_str().unwrap(), tidy.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
    assert_eq!(
        std::fs::read_to_string(&messy).unwrap(),
        "let x = 1; // one\nx + 1\n"
    );
    assert_eq!(
        std::fs::metadata(&tidy).unwrap().modified().unwrap(),
        tidy_time,
        "an unchanged file is not written"
    );
}

#[test]
fn fmt_dash_reads_stdin_and_writes_stdout() {
    let out = common::calc_stdin(&["fmt", "-"], b"[1,2,3].map(|x|x*2)");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), "[1, 2, 3].map(|x| x * 2)\n");
}

#[test]
fn fmt_check_changes_nothing_and_names_the_files_that_would_change() {
    let dir = scratch("check");
    let messy = dir.join("messy.expr");
    let tidy = dir.join("tidy.expr");
    std::fs::write(&messy, "1+1").unwrap();
    std::fs::write(&tidy, "1 + 1\n").unwrap();
    let (m, t) = (messy.to_str().unwrap(), tidy.to_str().unwrap());
    let out = calc(&["fmt", "--check", m, t]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), format!("{m}: would be reformatted\n"));
    assert_eq!(std::fs::read_to_string(&messy).unwrap(), "1+1");
    let out = calc(&["fmt", "--check", t]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
}

#[test]
fn fmt_refuses_a_file_with_syntax_errors_and_leaves_it_alone() {
    let dir = scratch("refused");
    let bad = dir.join("bad.expr");
    let good = dir.join("good.expr");
    std::fs::write(&bad, "let x = ;\n1+1").unwrap();
    std::fs::write(&good, "2*2").unwrap();
    let out = calc(&[
        "--color=never",
        "fmt",
        bad.to_str().unwrap(),
        good.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("[E0101]") && stderr.contains("bad.expr:1:9"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&bad).unwrap(), "let x = ;\n1+1");
    assert_eq!(
        std::fs::read_to_string(&good).unwrap(),
        "2 * 2\n",
        "the other file is formatted"
    );
    let missing = calc(&["fmt", dir.join("missing.expr").to_str().unwrap()]);
    assert_eq!(missing.status.code(), Some(2));
    let invalid = common::calc_stdin(&["fmt", "-"], b"1 + \xff");
    assert_eq!(invalid.status.code(), Some(1));
    assert!(
        invalid.stdout.is_empty(),
        "nothing is written for a refused input"
    );
}

#[test]
fn a_comment_before_any_token_is_kept_and_formats_stably() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for name in [
        "tests/fmt/comments.expr",
        "tests/fmt/chains_and_matches.expr",
        "examples/tour.expr",
    ] {
        let src = std::fs::read_to_string(root.join(name)).expect("a readable case");
        let (tokens, _, _) = lex_with_trivia(&src);
        for t in &tokens {
            let at = t.span.start as usize;
            for comment in ["/* c */", "// c\n", "/* a\n  b */\n"] {
                let text = format!("{}{comment}{}", &src[..at], &src[at..]);
                targets::format(text.as_bytes());
            }
        }
    }
}

#[test]
fn deep_and_long_inputs_format_without_crashing() {
    for src in [
        format!("{}1{}", "(".repeat(10_000), ")".repeat(10_000)),
        format!("{}]", "[".repeat(10_000)) + &"]".repeat(9_999),
        "if true { 1 } else ".repeat(10_000) + "{ 2 }",
        "[1]".to_string() + &".map(|x| x)".repeat(10_000),
        (0..10_000)
            .map(|i| format!("// c{i}\nlet a{i} = [1, /* x */ 2];\n"))
            .collect(),
    ] {
        let once = calc::format_source(&src).expect("the input parses");
        assert_eq!(calc::format_source(&once).as_ref(), Ok(&once));
        assert_eq!(comments(&src), comments(&once));
    }
}
