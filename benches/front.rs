//! Front-end and checker throughput on a generated ~10 MB program (the shape
//! of `shared/bench/gen_parse.py`): lex + parse into the arena, and the
//! engine's check (parse + resolve + type-check), and `calc fmt`'s
//! `format_source` (parse + comments + print) on the same program with a
//! comment on every item. Before the divan timings it prints MB/s, lex+parse
//! speed as a share of lexing alone, arena bytes per source byte and
//! global-allocator calls per parsed file (counted by the allocator below).
//!
//! It then times each phase of checking the 10 MB program on its own (lex,
//! parse, resolve, type check with exhaustiveness) and counts the
//! allocator calls the checker makes per unit once its tables are warm:
//! 100,000 REPL-like inputs checked and committed in one checker, and
//! 1,000 files through `Engine::check`.
//!
//! Lexing (token by token and in batches) and lex+parse are timed in
//! turns, seven of each, and each speed is its best run.
//!
//! Run: `cargo bench --bench front`.

#[path = "../tests/common/document.rs"]
mod document;
use calc::Engine;
use calc::sema::check::Checker;
use calc::sema::resolve::resolve;
use calc::span::Span;
use calc::syntax::arena::Arena;
use calc::syntax::lexer::{Lexer, TokenKind};
use calc::syntax::parser::parse;
use document::benchmark_program as program;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// Counts allocation calls made through the global allocator.
struct Counting;

static ALLOCS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every method forwards to `System` unchanged; the counter is a
// relaxed atomic increment that does not touch the allocation.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Turns of the timed steps in `main`.
const TURNS: usize = 7;

/// The shortest run of each step, in seconds, over [`TURNS`] turns in which
/// every step runs once.
fn best_in_turns<const N: usize>(mut steps: [&mut dyn FnMut(); N]) -> [f64; N] {
    let mut best = [f64::MAX; N];
    for _ in 0..TURNS {
        for (step, best) in steps.iter_mut().zip(&mut best) {
            let t = Instant::now();
            step();
            *best = best.min(t.elapsed().as_secs_f64());
        }
    }
    best
}

/// Lexes `src` a token at a time; the number of tokens.
fn lex_token_by_token(src: &str) -> usize {
    let mut lexer = Lexer::new(src);
    let mut tokens = 0;
    while lexer.next_token().kind != TokenKind::Eof {
        tokens += 1;
    }
    tokens
}

/// Lexes `src` the way the parser does, in batches of 254; the number of
/// tokens.
fn lex_in_batches(src: &str) -> usize {
    let mut lexer = Lexer::new(src);
    let mut kinds = [TokenKind::Eof; 254];
    let (mut spans, mut names) = ([Span::new(0, 0); 254], [Span::new(0, 0); 254]);
    let mut tokens = 0;
    loop {
        lexer.fill(&mut kinds, &mut spans, &mut names);
        for &kind in &kinds {
            if kind == TokenKind::Eof {
                return tokens;
            }
            tokens += 1;
        }
    }
}

/// [`program`] with a line comment before every item and a trailing block
/// comment after every `let`.
fn commented(bytes: usize) -> String {
    program(bytes)
        .lines()
        .enumerate()
        .map(|(i, line)| match line.starts_with("let") {
            true => format!("{line} /* value {i} */\n"),
            false => format!("// item {i}\n{line}\n"),
        })
        .collect()
}

fn main() {
    let src = program(10_000_000);
    phases(&src);
    let mb = src.len() as f64 / 1e6;
    let mut arena = Arena::new();
    // Warm the arena until a parse takes no new memory, then measure that
    // steady state. A reset keeps only the largest chunk, so the 10 MB
    // program's tree (about 100 MB) first fits in one chunk, whose pages are
    // all touched, on the third parse: measured after one warm-up parse, a
    // tenth of the time went to page faults.
    let mut chunks = usize::MAX;
    while arena.allocated_bytes() != chunks {
        chunks = arena.allocated_bytes();
        arena.reset();
        drop(parse(&arena, &src));
    }
    arena.reset();
    let before = ALLOCS.load(Ordering::Relaxed);
    let parsed = parse(&arena, &src);
    let allocs = ALLOCS.load(Ordering::Relaxed) - before;
    assert!(parsed.diagnostics.is_empty());
    let nodes = parsed.program.node_count;
    drop(parsed);
    let used = arena.used_bytes();
    // The three are timed in turns, so a slow spell of the machine hits
    // each of them, and each speed is its best run.
    let (mut tokens, mut batched) = (0, 0);
    let [lex_secs, batch_secs, secs] = best_in_turns([
        &mut || tokens = lex_token_by_token(&src),
        &mut || batched = lex_in_batches(&src),
        &mut || {
            arena.reset();
            drop(parse(&arena, &src));
        },
    ]);
    assert_eq!(batched, tokens);
    println!(
        "lex only: {tokens} tokens in {lex_secs:.3} s = {:.0} MB/s",
        mb / lex_secs
    );
    println!(
        "lex only, in batches of 254 as the parser lexes: {batch_secs:.3} s = {:.0} MB/s",
        mb / batch_secs
    );
    println!(
        "lex+parse: {mb:.1} MB in {secs:.3} s = {:.0} MB/s; arena: {:.2} bytes used and {:.2} bytes of chunks per source byte, {nodes} nodes; {allocs} allocator calls (reused arena)",
        mb / secs,
        used as f64 / src.len() as f64,
        arena.allocated_bytes() as f64 / src.len() as f64
    );
    println!(
        "lex+parse runs at {:.0} % of the speed of lexing in batches and {:.0} % of lexing token by token (goal: at least 50 %)",
        100.0 * batch_secs / secs,
        100.0 * lex_secs / secs
    );
    arena.reset();
    let engine = Engine::new();
    let t = Instant::now();
    let report = engine.check("bench", &src);
    let secs = t.elapsed().as_secs_f64();
    assert!(report.diagnostics.is_empty());
    println!(
        "engine check (lex + parse + resolve + type check): {:.0} MB/s",
        mb / secs
    );
    for (what, text) in [
        ("no comments", src.clone()),
        ("commented", commented(10_000_000)),
    ] {
        let mb = text.len() as f64 / 1e6;
        let t = Instant::now();
        drop(parse(&arena, &text));
        let parse_secs = t.elapsed().as_secs_f64();
        arena.reset();
        let t = Instant::now();
        let formatted = calc::format_source(&text).expect("the program parses");
        let secs = t.elapsed().as_secs_f64();
        assert!(formatted.len() > text.len() / 2);
        println!(
            "format_source ({what}, {mb:.1} MB): {:.0} MB/s, {:.1}x the time of lex+parse alone",
            mb / secs,
            secs / parse_secs
        );
    }
    checker_allocations();
    divan::main();
}

/// Resident memory of this process in MB (Linux; 0 elsewhere).
fn rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmRSS:"))?;
            line.split_whitespace().nth(1)?.parse::<f64>().ok()
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Times lex, parse, resolve and type check (with exhaustiveness) of `src`
/// separately, in one process, with the resident memory each phase adds.
fn phases(src: &str) {
    let mb = src.len() as f64 / 1e6;
    let m0 = rss_mb();
    let t = Instant::now();
    let mut lexer = Lexer::new(src);
    while lexer.next_token().kind != TokenKind::Eof {}
    let lex = t.elapsed().as_secs_f64();
    let mut arena = Arena::new();
    let t = Instant::now();
    let parsed = parse(&arena, src);
    let parse_s = t.elapsed().as_secs_f64();
    let m1 = rss_mb();
    let t = Instant::now();
    let res = resolve(&parsed.program, &Checker::new().globals().clone());
    let resolve_s = t.elapsed().as_secs_f64();
    let m2 = rss_mb();
    let mut checker = Checker::new();
    let t = Instant::now();
    let out = checker.check_resolved(&parsed.program, &res, false);
    let check_s = t.elapsed().as_secs_f64();
    let m3 = rss_mb();
    assert!(out.diagnostics.is_empty());
    drop((out, res, parsed));
    println!(
        "phases of {mb:.1} MB: lex {lex:.3} s, parse (with lexing) {parse_s:.3} s (+{:.0} MB), resolve {resolve_s:.3} s (+{:.0} MB), type check + exhaustiveness {check_s:.3} s (+{:.0} MB, {:.0} MB/s); arena {:.1} bytes per source byte",
        m1 - m0,
        m2 - m1,
        m3 - m2,
        mb / check_s,
        arena.used_bytes() as f64 / src.len() as f64
    );
}

/// Allocator calls of `Checker::check_resolved` per unit after ten warm-up
/// units, for REPL inputs (one checker, committed) and for separate files
/// (`Engine::check`, a fresh checker each).
fn checker_allocations() {
    let mut checker = Checker::new();
    let mut arena = Arena::new();
    let (mut lo, mut hi) = (usize::MAX, 0);
    for i in 0..100_000 {
        arena.reset();
        let src = format!("let x{i} = [1, 2, 3].map(|v| v + {i}); x{i}.len()");
        let parsed = parse(&arena, &src);
        let res = resolve(&parsed.program, checker.globals());
        let before = ALLOCS.load(Ordering::Relaxed);
        let out = checker.check_resolved(&parsed.program, &res, true);
        let n = ALLOCS.load(Ordering::Relaxed) - before;
        assert!(!out.has_errors());
        drop(out);
        if i >= 10 {
            lo = lo.min(n);
            hi = hi.max(n);
        }
    }
    println!(
        "checker allocator calls per REPL input (100,000 inputs, after the first ten): {lo}..={hi}"
    );
    let engine = Engine::new();
    let (mut lo, mut hi) = (usize::MAX, 0);
    for i in 0..1_000 {
        let src = program(2_000).replace("v", &format!("w{i}_"));
        let before = ALLOCS.load(Ordering::Relaxed);
        let report = engine.check("file", &src);
        let n = ALLOCS.load(Ordering::Relaxed) - before;
        assert!(report.diagnostics.is_empty());
        if i >= 10 {
            lo = lo.min(n);
            hi = hi.max(n);
        }
    }
    println!(
        "allocator calls per 2 kB file through Engine::check (1,000 files, after the first ten): {lo}..={hi}"
    );
}

#[divan::bench(sample_count = 10)]
fn parse_1mb(bencher: divan::Bencher) {
    let src = program(1_000_000);
    let mut arena = Arena::new();
    bencher.bench_local(|| {
        arena.reset();
        parse(&arena, &src).program.node_count
    });
}

#[divan::bench(sample_count = 10)]
fn parse_and_check_1mb(bencher: divan::Bencher) {
    let src = program(1_000_000);
    let engine = Engine::new();
    bencher.bench_local(|| engine.check("bench", &src).diagnostics.len());
}

#[divan::bench(sample_count = 10)]
fn format_1mb(bencher: divan::Bencher) {
    let src = commented(1_000_000);
    bencher.bench_local(|| calc::format_source(&src).map(|s| s.len()).unwrap_or(0));
}
