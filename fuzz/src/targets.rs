//! The bodies of the fuzz targets, one function per target, each taking
//! arbitrary bytes.
//!
//! Owns what each target exercises and what it asserts. The cargo-fuzz
//! binaries (`fuzz/fuzz_targets/*.rs`) call these functions, and the
//! repository's `tests/fuzz_seeds.rs` includes this file with `#[path]` and
//! runs every function over the whole seed corpus, so `cargo test` keeps the
//! harness compiling and passing. It uses only calc's stable entry points
//! (parser, lexer, the engine's `check`, `Session` over an `Engine`, the
//! editor analysis `ide`), never the evaluator's internals, and must not
//! print or touch the file system.

use calc::diag;
use calc::ide::{Analysis, Position, position};
use calc::span::Span;
use calc::syntax::arena::Arena;
use calc::syntax::lexer::{self, TokenKind};
use calc::syntax::{dump, parser, print, source};
use calc::{Engine, HostError, Limits, Session, Value};

/// Substrings of a rendered diagnostic that mark an evaluator branch the
/// checker should have made unreachable. Every such branch goes through one
/// marker, `Interp::bug`, which reports `E0409` ("internal error: …"): a
/// value of the wrong kind, a comparison of values of different kinds, a
/// call of a non-function or with the wrong arity, a name read before it is
/// defined, a `match` or `let` pattern nothing matched. A checked program
/// that reaches it is a soundness bug.
pub const INTERNAL_MARKERS: &[&str] = &["[E0409]", "internal error"];

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

/// The typed inputs every program of the `engine` target may use.
pub const ENGINE_INPUTS: &[(&str, &str)] = &[
    ("x", "Int"),
    ("rate", "Float"),
    ("name", "Str"),
    ("tags", "[Str]"),
    ("on", "Bool"),
];

/// `engine`: the embedding API. An engine with two host functions (one of
/// them failing on some inputs) compiles the input with typed inputs
/// ([`ENGINE_INPUTS`]); a program that compiles is evaluated under
/// [`run_limits`] with several sets of input values, and with inputs of
/// the wrong number or type, which must be refused as errors. No evaluation
/// may reach an internal error.
pub fn engine(data: &[u8]) {
    let Ok(src) = source::decode(data) else {
        return;
    };
    let mut engine = Engine::with_limits(run_limits());
    let registered = engine
        .register_fn("twice", "fn(Int) -> Int", |args: &[Value]| match args {
            [Value::Int(n)] => n
                .checked_mul(2)
                .map(Value::Int)
                .ok_or_else(|| HostError::new("twice: overflow")),
            _ => Err(HostError::new("twice: expected an Int")),
        })
        .and_then(|e| {
            e.register_fn("shout", "fn(Str) -> Str", |args: &[Value]| match args {
                [Value::Str(s)] => Ok(Value::Str(s.to_uppercase())),
                _ => Err(HostError::new("shout: expected a Str")),
            })
        });
    assert!(registered.is_ok(), "host functions register");
    let program = match engine.compile(src, ENGINE_INPUTS) {
        Ok(p) => p,
        Err(e) => {
            let _ = e.render(false);
            return;
        }
    };
    let strs = |xs: &[&str]| Value::List(xs.iter().map(|s| Value::Str(s.to_string())).collect());
    let sets = [
        vec![
            Value::Int(0),
            Value::Float(0.0),
            Value::Str(String::new()),
            strs(&[]),
            Value::Bool(false),
        ],
        vec![
            Value::Int(i64::MAX),
            Value::Float(f64::NAN),
            Value::Str("héllo".into()),
            strs(&["a", "b"]),
            Value::Bool(true),
        ],
        vec![
            Value::Int(-7),
            Value::Float(-1e308),
            Value::Str("x".repeat(100)),
            strs(&["", "é", "zz"]),
            Value::Bool(true),
        ],
    ];
    for inputs in &sets {
        if let Err(e) = program.eval(inputs) {
            assert!(!e.is_internal(), "internal error: {e}\n--- input\n{src}");
        }
    }
    assert!(
        program.eval(&sets[0][..2]).is_err(),
        "too few inputs refused"
    );
    let mut wrong = sets[0].clone();
    wrong[0] = Value::Str("not an Int".into());
    assert!(
        program.eval(&wrong).is_err(),
        "a wrong input type is refused"
    );
}

/// Edits of one `edit` input that are applied; the rest are ignored.
pub const MAX_EDITS: usize = 32;

/// `edit`: an editor session on one document, as the language server runs
/// it. The input's first part (up to [`INPUT_SEPARATOR`]) is the opened
/// text; each later part is an edit: its first three characters give the
/// line, the column (UTF-16) and how many columns to replace, the rest is
/// the text typed there. After each change the document is analysed again
/// in its own arena, and every query runs at the edit (and, for the opened
/// text, at eight points through it). Every span a query returns must lie
/// on character boundaries of the text.
pub fn edit(data: &[u8]) {
    let Ok(src) = source::decode(data) else {
        return;
    };
    let mut parts = src.split(char::from(INPUT_SEPARATOR));
    let first = parts.next().unwrap_or("");
    let mut a = Analysis::of(first);
    let len = first.len() as u32;
    for i in 0..8 {
        query_all(&mut a, len / 8 * i);
    }
    // Each edit re-analyses the whole document and runs every query, so the
    // work is edits × document size: past 32 edits an input only repeats
    // that (a 33 KB, 5,000-deep document with 115 edits took 14 s, over
    // the fuzzer's timeout, at 0.12 s per edit).
    for part in parts.take(MAX_EDITS) {
        let mut chars = part.chars();
        let mut num = || chars.next().map_or(0, |c| c as u32 % 64);
        let (line, character, width) = (num(), num(), num() % 8);
        let typed = chars.as_str();
        let mut text = a.text().to_string();
        let start = Position::new(line, character);
        let end = Position::new(line, character + width);
        position::apply_edit(&mut text, start, end, typed);
        a = Analysis::new(text, a.into_arena());
        let at = a.offset(start);
        query_all(&mut a, at);
    }
}

/// Runs every editor query at byte `offset` of `a`'s text and checks the
/// spans they return.
fn query_all(a: &mut Analysis, offset: u32) {
    let text = a.text().to_string();
    let whole = Span::new(0, text.len() as u32);
    let check = |s: Span| {
        assert!(
            s.start <= s.end && text.get(s.range()).is_some(),
            "span {s:?} is not in the text
--- text
{text}"
        );
    };
    let _ = diag::render(a.diagnostics(), "<fuzz>", &text, false);
    if let Some(h) = a.hover(offset) {
        check(h.span);
    }
    a.definition(offset).into_iter().for_each(check);
    a.references(offset, true).into_iter().for_each(check);
    a.prepare_rename(offset).into_iter().for_each(check);
    if let Ok(edits) = a.rename(offset, "renamed") {
        edits.into_iter().for_each(|(s, _)| check(s));
    }
    let _ = a.complete(offset);
    for h in a.inlay_hints(whole) {
        check(Span::new(h.offset, h.offset));
    }
    for s in a.symbols() {
        check(s.span);
        check(s.name_span);
    }
    for f in a.fixes(whole) {
        check(f.span);
    }
    let pos = a.position(offset);
    assert!(
        a.offset(pos) <= offset,
        "a position maps back at or before its offset"
    );
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
