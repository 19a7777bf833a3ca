//! The bodies of the fuzz targets, one function per target, each taking
//! arbitrary bytes.
//!
//! Owns what each target exercises and what it asserts. The cargo-fuzz
//! binaries (`fuzz/fuzz_targets/*.rs`) call these functions, and the
//! repository's `tests/fuzz_seeds.rs` includes this file with `#[path]` and
//! runs every function over the whole seed corpus, so `cargo test` keeps the
//! harness compiling and passing. It uses only calc's stable entry points
//! (parser, lexer, the engine's `check`, `Session` over an `Engine`), never
//! the evaluator's internals, and must not print or touch the file system.

use calc::diag;
use calc::syntax::arena::Arena;
use calc::syntax::lexer::{self, TokenKind};
use calc::syntax::{dump, parser, print, source};
use calc::{Engine, Limits, Session};

/// Substrings of a rendered diagnostic that mark an evaluator branch the
/// checker should have made unreachable: E0409 (a value of the wrong kind,
/// a call of a non-function or with the wrong arity, a name read before it
/// is defined) and E0407 (no `match` arm or `let` pattern matched, which
/// exhaustiveness checking rules out). A checked program that reaches one is
/// a soundness bug.
pub const INTERNAL_MARKERS: &[&str] = &[
    "[E0409]",
    "[E0407]",
    "internal error",
    "should have rejected",
];

/// The byte that separates successive REPL inputs in the `run` target
/// (ASCII record separator: never in a real program, so each seed is one
/// input, while mutations that insert it explore multi-input sessions).
pub const INPUT_SEPARATOR: u8 = 0x1e;

/// Tight evaluation limits for the `run` target, so every input finishes
/// in milliseconds whatever it computes.
pub fn run_limits() -> Limits {
    Limits {
        max_depth: 500,
        fuel: Some(20_000),
        max_len: 10_000,
        max_arena_bytes: Some(16 << 20),
        max_memory: Some(64 << 20),
    }
}

/// `parse`: decode, lex and parse any bytes; dump the tree and render the
/// diagnostics. An input that parses cleanly must print (canonical printer)
/// to text that parses cleanly back to the same tree, and printing that
/// again must give the same text.
pub fn parse(data: &[u8]) {
    let src = match source::decode(data) {
        Ok(src) => src,
        Err(d) => {
            let prefix = source::valid_prefix(data);
            let _ = diag::render(&[d], "<fuzz>", prefix, false);
            return;
        }
    };
    let (tokens, lex_diags) = lexer::lex(src);
    assert_eq!(tokens.last().map(|t| t.kind), Some(TokenKind::Eof));
    let _ = diag::render(&lex_diags, "<fuzz>", src, false);
    let arena = Arena::new();
    let parsed = parser::parse(&arena, src);
    let tree = dump::program(&parsed.program);
    let _ = diag::render(&parsed.diagnostics, "<fuzz>", src, false);
    if !parsed.diagnostics.is_empty() {
        return;
    }
    let printed = print::program(&parsed.program);
    let arena2 = Arena::new();
    let reparsed = parser::parse(&arena2, &printed);
    assert!(
        reparsed.diagnostics.is_empty(),
        "printed text does not parse: {:?}\n--- source\n{src}\n--- printed\n{printed}",
        reparsed.diagnostics
    );
    assert_eq!(
        strip_spans(&tree),
        strip_spans(&dump::program(&reparsed.program)),
        "print then parse changed the tree\n--- source\n{src}\n--- printed\n{printed}"
    );
    assert_eq!(
        printed,
        print::program(&reparsed.program),
        "printing is not idempotent"
    );
}

/// `format`: `calc::format_source` on any bytes. A source that formats must
/// format again to the same text (idempotence), parse to the same tree
/// (spans aside), and keep its comments, in order; a refused one must have
/// at least one diagnostic.
pub fn format(data: &[u8]) {
    let Ok(src) = source::decode(data) else {
        return;
    };
    let once = match calc::format_source(src) {
        Ok(text) => text,
        Err(diags) => {
            assert!(!diags.is_empty(), "refused without a diagnostic");
            return;
        }
    };
    let twice = calc::format_source(&once).unwrap_or_else(|d| {
        panic!("the formatted text does not parse: {d:?}\n--- source\n{src}\n--- formatted\n{once}")
    });
    assert_eq!(
        once, twice,
        "formatting is not idempotent\n--- source\n{src}"
    );
    let tree = |text: &str| {
        let arena = Arena::new();
        strip_spans(&dump::program(&parser::parse(&arena, text).program))
    };
    assert_eq!(
        tree(src),
        tree(&once),
        "formatting changed the tree\n--- source\n{src}\n--- formatted\n{once}"
    );
    let comments = |text: &str| -> Vec<String> {
        let (_, comments, _) = lexer::lex_with_trivia(text);
        comments
            .iter()
            .map(|c| {
                let lines: Vec<&str> = text[c.span.range()].lines().map(str::trim_end).collect();
                lines.join("\n")
            })
            .collect()
    };
    assert_eq!(
        comments(src),
        comments(&once),
        "formatting changed the comments\n--- source\n{src}\n--- formatted\n{once}"
    );
}

/// `compile`: the engine's check (parse, resolve, type-check and check
/// exhaustiveness), rendering every diagnostic.
pub fn compile(data: &[u8]) {
    let Ok(src) = source::decode(data) else {
        return;
    };
    let report = Engine::new().check("<fuzz>", src);
    let _ = diag::render(&report.diagnostics, "<fuzz>", src, false);
}

/// `run`: feed the input to a REPL [`Session`] under [`run_limits`], as
/// successive inputs split at [`INPUT_SEPARATOR`]. No input may reach an
/// evaluator branch listed in [`INTERNAL_MARKERS`].
pub fn run(data: &[u8]) {
    let Ok(src) = source::decode(data) else {
        return;
    };
    let engine = Engine::with_limits(run_limits());
    let mut session = Session::new(&engine, Box::new(std::io::sink()), false);
    for input in src.split(char::from(INPUT_SEPARATOR)) {
        let response = session.input("<fuzz>", input);
        assert_no_internal_error(input, &response.diagnostics);
        if response.quit {
            break;
        }
    }
}

/// Panics if `diagnostics` (rendered) contains an internal-error marker.
pub fn assert_no_internal_error(input: &str, diagnostics: &str) {
    if let Some(m) = INTERNAL_MARKERS.iter().find(|m| diagnostics.contains(*m)) {
        panic!(
            "internal error `{m}` reached by a checked program\n--- input\n{input}\n--- diagnostics\n{diagnostics}"
        );
    }
}

/// A parse dump without its `@start..end` spans, so trees parsed from
/// different text compare equal when their shapes do.
pub fn strip_spans(dump: &str) -> String {
    dump.lines()
        .map(|line| match line.rfind(" @") {
            Some(at) if is_span(&line[at + 2..]) => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_span(s: &str) -> bool {
    s.split_once("..").is_some_and(|(a, b)| {
        !a.is_empty()
            && !b.is_empty()
            && a.bytes().all(|c| c.is_ascii_digit())
            && b.bytes().all(|c| c.is_ascii_digit())
    })
}
