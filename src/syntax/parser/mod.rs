//! The parser: tokens → arena AST, with error recovery.
//!
//! Owns the grammar of A4–A6 and B: hand-written recursive descent for
//! statements, items, patterns and types, and Pratt (binding-power) parsing
//! for operators, exactly A5's table. It decodes literal values (integer range
//! with unary-minus folding, floats, string escapes) and numbers nodes with
//! dense [`NodeId`]s.
//!
//! Parsing never fails: bad input becomes `Error` nodes plus diagnostics.
//! After an error the parser is in *recovery mode* and reports nothing more
//! until the enclosing block's statement loop resynchronises at `;`, `}` or an
//! item keyword that starts a statement, so one mistake gives one
//! diagnostic. Text the lexer already reported (an unknown character, an
//! unterminated string or comment) is absorbed with the operand after it,
//! and a grammar error at it or right after it is not reported again. Children are collected
//! in reusable scratch stacks and copied into the arena once, as slices.
//! Tokens are pulled from the streaming [`Lexer`] as parsing goes, a batch
//! of `LEX_BATCH` at a time, so no buffer of the whole input is built;
//! the names of each batch are looked up in the interner's table in one
//! burst before they are interned (see `Interner::warm`).
//! Recursion is guarded by `stacker` and a depth limit, so deep input gets a
//! clean "nesting too deep" error, never a stack overflow.
//!
//! The grammar is split by construct, each module adding its own
//! `impl Parser` block: `stmt` (block bodies, statements, `let`), `items`
//! (`fn`, `struct` and `enum` items, parameters), `expr` (the Pratt loop:
//! binding powers, prefix, postfix and infix operators), `primary` (operands:
//! literals, names, tuples, lists, struct literals, blocks, `if`, `match`,
//! closures), `pattern`, `types` and `literal` (decoding literal tokens into
//! values). This file owns the shared machinery: the `Parser` state, the
//! [`parse`] entry point, the token cursor, diagnostics and recovery,
//! `comma_list`, and the depth and arena limits.
//!
//! It must not resolve names, type or evaluate.

use crate::diag::{Diagnostic, codes};
use crate::span::Span;
use crate::syntax::arena::Arena;
use crate::syntax::ast::*;
use crate::syntax::lexer::{Lexer, Token, TokenKind as K};
use crate::syntax::name::{Interner, Name};

/// Deepest nesting the parser accepts before reporting E0105.
pub const MAX_DEPTH: u32 = 50_000;

/// Nesting levels between two checks of the remaining stack: asking
/// `stacker` costs a thread-local read, too much for every operand.
const STACK_CHECK_EVERY: u32 = 8;

/// Stack a check wants left (for the [`STACK_CHECK_EVERY`] levels until the
/// next check, a few KB each), and the size of a segment it adds.
const RED_ZONE: usize = 256 * 1024;
const STACK_SEGMENT: usize = 2 * 1024 * 1024;

/// Source bytes per distinct name the interner's table is sized for at
/// the start (so it rarely grows): a 10 MB program of the benchmark's
/// shape has one every 60 bytes, ordinary code far fewer.
const NAME_BYTES: usize = 64;

/// Tokens the parser of a unit lexes at a time (see [`Parser::kinds`]): two
/// fewer than a window of 256, which a `u8` position indexes without bounds
/// checks.
const LEX_BATCH: usize = 254;

/// Labels of the one diagnostic for delimiters still open at the end of the
/// input; openers beyond these are counted in a note, so 40,000 unclosed
/// `(` render as a few lines.
const MAX_OPENER_LABELS: usize = 8;

/// The result of parsing one unit: always a tree, plus any diagnostics
/// (lexical and syntactic, in source order).
pub struct Parsed<'a> {
    /// The unit's tree (with `Error` nodes where input was bad).
    pub program: Program<'a>,
    /// Lexical and syntax errors.
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses `source` into `arena`.
pub fn parse<'a>(arena: &'a Arena, source: &'a str) -> Parsed<'a> {
    parse_in_batches(arena, source, LEX_BATCH)
}

/// [`parse`], lexing `batch` tokens at a time (at most [`LEX_BATCH`]): the
/// tree and diagnostics do not depend on it.
fn parse_in_batches<'a>(arena: &'a Arena, source: &'a str, batch: usize) -> Parsed<'a> {
    let mut p = new_parser(arena, source, batch);
    let body = p.block_body(true);
    let program = Program {
        body,
        node_count: p.next_id,
        name_count: p.names.len(),
    };
    let mut diagnostics = p.lexer.take_diagnostics();
    diagnostics.append(&mut p.diags);
    diagnostics.sort_by_key(|d| d.primary_span().map_or(0, |s| s.start));
    Parsed {
        program,
        diagnostics,
    }
}

/// A parser at the start of `source`, allocating into `arena`, that lexes
/// `batch` tokens at a time. A parser that reads the whole input takes a
/// batch of [`LEX_BATCH`] (the most); one that may stop early takes 1, so it lexes (and
/// reports lexical errors in) no more than the current token and the next.
fn new_parser<'a>(arena: &'a Arena, source: &'a str, batch: usize) -> Parser<'a> {
    let mut lexer = Lexer::new(source);
    // Before the first token: an end of input with an empty span at 0.
    let (mut kinds, mut spans) = ([K::Eof; 256], [Span::new(0, 0); 256]);
    for t in 1..=2 {
        let Token { kind, span } = lexer.next_token();
        (kinds[t], spans[t]) = (kind, span);
    }
    Parser {
        arena,
        src: source,
        names: Interner::with_capacity(arena, source.len() / NAME_BYTES),
        lexer,
        kinds,
        spans,
        pos: 1,
        last: 2,
        batch,
        base: 0,
        long_names: [Span::new(0, 0); LEX_BATCH],
        diags: Vec::new(),
        recovering: false,
        too_deep: false,
        too_big: false,
        open_blocks: 0,
        nest: 0,
        braces: 0,
        block_nest: 0,
        block_braces: 0,
        tainted: false,
        unlabelled_openers: 0,
        next_id: 0,
        depth: 0,
        exprs: Vec::new(),
        stmts: Vec::new(),
        pats: Vec::new(),
        types: Vec::new(),
        params: Vec::new(),
        arms: Vec::new(),
        inits: Vec::new(),
        idents: Vec::new(),
        field_pats: Vec::new(),
        field_decls: Vec::new(),
        variants: Vec::new(),
        tparams: Vec::new(),
    }
}

struct Parser<'a> {
    arena: &'a Arena,
    src: &'a str,
    /// The unit's names.
    names: Interner<'a>,
    /// Tokens are pulled from the lexer as parsing goes, a batch at a time
    /// (a call to the lexer per token cost a tenth of the parse).
    lexer: Lexer<'a>,
    /// The window of lexed tokens, their kinds and spans apart (a kind is
    /// read most), in the parser (no allocation for small units): `pos` is
    /// the current token, `pos + 1` the next one and `pos - 1` the last one
    /// consumed (before the first, an end of input with an empty span at
    /// 0); the tokens up to `last` are lexed. Consuming a token only moves
    /// `pos`: when the next token would be past `last`, the last two move
    /// to the front and the lexer fills the rest (see
    /// [`Parser::lex_batch`]).
    kinds: [K; 256],
    spans: [Span; 256],
    pos: u8,
    last: u8,
    /// Tokens lexed at a time (see [`new_parser`]).
    batch: usize,
    /// Tokens consumed before the one at 1 (see [`Parser::consumed`]).
    base: usize,
    /// Room for the spans of the names in a batch longer than a byte.
    long_names: [Span; LEX_BATCH],
    diags: Vec<Diagnostic>,
    recovering: bool,
    too_deep: bool,
    /// The arena limit was hit (reported once).
    too_big: bool,
    /// Number of `{ … }` blocks currently open (a `}` at 0 is stray).
    open_blocks: u32,
    /// Number of `(`, `[` and `{` consumed and not yet closed.
    nest: u32,
    /// Number of `{` consumed and not yet closed.
    braces: u32,
    /// `nest` at the statements of the innermost block: a statement keyword
    /// deeper than that (`(a / let b)`) cannot start a statement.
    block_nest: u32,
    /// `braces` at the statements of the innermost block: a `}` deeper than
    /// that closes a struct literal or `match` of the statement, not the
    /// block (a missing `)` before the block's `}` does not count).
    block_braces: u32,
    /// Delimiters open at the end of the input beyond the ones labelled
    /// (see [`MAX_OPENER_LABELS`]).
    unlabelled_openers: usize,
    /// The current statement contains text the lexer already reported, so
    /// its grammar errors are consequences of that (see
    /// [`Parser::near_reported`]).
    tainted: bool,
    next_id: u32,
    depth: u32,
    exprs: Vec<Expr<'a>>,
    stmts: Vec<Stmt<'a>>,
    pats: Vec<Pattern<'a>>,
    types: Vec<Type<'a>>,
    params: Vec<Param<'a>>,
    arms: Vec<Arm<'a>>,
    inits: Vec<FieldInit<'a>>,
    idents: Vec<Ident<'a>>,
    field_pats: Vec<FieldPat<'a>>,
    field_decls: Vec<FieldDecl<'a>>,
    variants: Vec<Variant<'a>>,
    tparams: Vec<TypeParam<'a>>,
}

/// Copies the tail `[start..]` of a scratch stack into the arena and pops it.
macro_rules! take {
    ($self:ident . $field:ident, $start:expr) => {{
        let slice = $self.arena.alloc_slice(&$self.$field[$start..]);
        $self.$field.truncate($start);
        slice
    }};
}

mod expr;
mod items;
mod literal;
mod pattern;
mod primary;
mod stmt;
#[cfg(test)]
mod tests;
mod types;
#[cfg(test)]
mod window_tests;

pub use types::{ParsedSignature, parse_signature};

impl<'a> Parser<'a> {
    // ----- token helpers -----

    fn peek(&self) -> K {
        self.kinds[usize::from(self.pos)]
    }

    /// The kind of the token after the current one.
    fn peek_next(&self) -> K {
        self.kinds[usize::from(self.pos.wrapping_add(1))]
    }

    fn span(&self) -> Span {
        self.spans[usize::from(self.pos)]
    }

    /// The kind of the last token consumed.
    fn prev_kind(&self) -> K {
        self.kinds[usize::from(self.pos.wrapping_sub(1))]
    }

    fn prev_span(&self) -> Span {
        self.spans[usize::from(self.pos.wrapping_sub(1))]
    }

    /// How many tokens have been consumed (to detect lack of progress).
    fn consumed(&self) -> usize {
        self.base + usize::from(self.pos) - 1
    }

    fn text(&self, span: Span) -> &'a str {
        &self.src[span.range()]
    }

    fn at(&self, kind: K) -> bool {
        self.peek() == kind
    }

    #[inline]
    fn bump(&mut self) -> Token {
        let t = Token {
            kind: self.peek(),
            span: self.span(),
        };
        if t.kind != K::Eof {
            match t.kind {
                K::LParen | K::LBracket => self.nest += 1,
                K::RParen | K::RBracket => self.nest = self.nest.saturating_sub(1),
                K::LBrace => {
                    self.nest += 1;
                    self.braces += 1;
                }
                K::RBrace => {
                    self.nest = self.nest.saturating_sub(1);
                    self.braces = self.braces.saturating_sub(1);
                }
                _ => {}
            }
            self.pos += 1;
            if self.pos == self.last {
                self.lex_batch();
            }
        }
        t
    }

    /// Moves the last token consumed and the current one to the front of
    /// the window, lexes the next batch after them, and warms the
    /// interner's slots of the names in it longer than a byte (see
    /// [`Interner::warm`]).
    #[inline(never)]
    fn lex_batch(&mut self) {
        self.base += usize::from(self.pos) - 1;
        (self.kinds[0], self.spans[0]) = (self.prev_kind(), self.prev_span());
        (self.kinds[1], self.spans[1]) = (self.peek(), self.span());
        self.pos = 1;
        let end = 2 + self.batch;
        // At most 255: the batch is at most `LEX_BATCH`, two below 256.
        self.last = (end - 1) as u8;
        let names = self.lexer.fill(
            &mut self.kinds[2..end],
            &mut self.spans[2..end],
            &mut self.long_names,
        );
        let src = self.src.as_bytes();
        self.names.warm(
            self.long_names[..names]
                .iter()
                .map(|span| &src[span.range()]),
        );
    }

    /// At the end of the current block body: end of input, or a `}` that
    /// closes an open block.
    fn at_block_end(&self) -> bool {
        self.at(K::Eof) || (self.at(K::RBrace) && self.open_blocks > 0)
    }

    #[inline(always)]
    fn eat(&mut self, kind: K) -> bool {
        if self.at(kind) {
            self.bump();
            true
        } else {
            false
        }
    }

    fn id(&mut self) -> NodeId {
        let id = NodeId(self.next_id);
        self.next_id += 1;
        id
    }

    /// The interned name of the text at `span` (a name token's).
    #[inline(always)]
    fn name_at(&mut self, span: Span) -> Name<'a> {
        self.names.intern_range(self.src, span.range())
    }

    /// The variable use written at `span` (a name token's).
    #[inline]
    fn var_at(&mut self, span: Span) -> ExprKind<'a> {
        let name = self.name_at(span);
        ExprKind::Var {
            name,
            id: self.id(),
        }
    }

    /// The identifier of name token `tok`.
    fn ident_value(&mut self, tok: Token) -> Ident<'a> {
        let id = self.id();
        let name = self.name_at(tok.span);
        Ident {
            name,
            span: tok.span,
            id,
        }
    }

    /// [`Parser::ident_value`], allocated.
    fn ident(&mut self, tok: Token) -> &'a Ident<'a> {
        let ident = self.ident_value(tok);
        self.arena.alloc(ident)
    }

    /// Consumes a name (an `UIdent` if `upper`, else an `Ident`); if the
    /// current token is not one, reports `expected {what}` and returns a
    /// placeholder `<error>` name without consuming anything.
    #[inline(always)]
    fn name_value(&mut self, upper: bool, what: &str) -> Ident<'a> {
        if self.at(if upper { K::UIdent } else { K::Ident }) {
            let t = self.bump();
            return self.ident_value(t);
        }
        self.missing_name(what)
    }

    /// The error path of [`Parser::name_value`]: reports `expected {what}`
    /// and returns the placeholder.
    #[cold]
    #[inline(never)]
    fn missing_name(&mut self, what: &str) -> Ident<'a> {
        self.error_expected(what);
        let span = self.span();
        let id = self.id();
        let name = self.names.intern("<error>");
        Ident { name, span, id }
    }

    /// [`Parser::name_value`], allocated.
    fn name(&mut self, upper: bool, what: &str) -> &'a Ident<'a> {
        let ident = self.name_value(upper, what);
        self.arena.alloc(ident)
    }

    // ----- diagnostics -----

    fn report(&mut self, diag: Diagnostic) {
        if !self.recovering {
            self.diags.push(diag);
            self.recovering = true;
        }
    }

    fn found(&self) -> String {
        match self.peek() {
            K::Eof => "end of input".to_string(),
            K::Str => "a string literal".to_string(),
            _ => format!("`{}`", self.text(self.span())),
        }
    }

    /// True when the lexer already reported the current token, the one just
    /// consumed, or one earlier in the current statement (an unknown
    /// character, an unterminated string or comment): a grammar error here
    /// is a consequence of that one (`l\et x = 1;`), so it only enters
    /// recovery mode, silently (see [`Parser::absorb_reported`]).
    fn near_reported(&self) -> bool {
        let reported = |k: K| matches!(k, K::Unknown | K::Unterminated);
        self.tainted || reported(self.peek()) || reported(self.prev_kind())
    }

    /// Enters recovery mode without a diagnostic when the lexer already
    /// reported the problem here ([`Parser::near_reported`]); true if so.
    fn absorb_reported(&mut self) -> bool {
        if self.near_reported() {
            self.recovering = true;
        }
        self.recovering
    }

    /// Reports `expected {what}, found …` at the current token. At the end
    /// of the input inside an open delimiter it only enters recovery mode:
    /// the unclosed delimiter is reported there ([`Parser::expect_close`]).
    #[cold]
    #[inline(never)]
    fn error_expected(&mut self, what: &str) {
        if self.absorb_reported() {
            return;
        }
        if self.at(K::Eof) && self.nest > 0 {
            self.recovering = true;
            return;
        }
        let span = self.span();
        let found = self.found();
        let mut d = Diagnostic::error(
            codes::UNEXPECTED_TOKEN,
            format!("expected {what}, found {found}"),
            span,
        )
        .with_primary_message(format!("expected {what}"));
        if self.peek() == K::Reserved {
            d = Diagnostic::error(
                codes::RESERVED_WORD,
                format!("`{}` is a reserved word", self.text(span)),
                span,
            )
            .with_primary_message("reserved for future use")
            .with_help("choose another name");
        }
        self.report(d);
    }

    #[inline]
    fn expect(&mut self, kind: K) -> bool {
        if self.eat(kind) {
            return true;
        }
        self.error_expected(kind.describe());
        false
    }

    /// Expects a closing delimiter, pointing back at the opener if missing.
    ///
    /// At the end of the input, every delimiter still open is one E0106
    /// diagnostic with a label at each opener, reported even in recovery
    /// mode: errors at the end of the input inside delimiters are left to it
    /// (see [`Parser::error_expected`]), so a truncated input is one error.
    #[inline]
    fn expect_close(&mut self, close: K, open_span: Span) {
        if !self.eat(close) {
            self.missing_close(close, open_span);
        }
    }

    /// The error path of [`Parser::expect_close`]: `close` is not next.
    #[cold]
    #[inline(never)]
    fn missing_close(&mut self, close: K, open_span: Span) {
        let span = self.span();
        let found = self.found();
        if !self.at(K::Eof) {
            if !self.absorb_reported() {
                self.report(
                    Diagnostic::error(
                        codes::UNEXPECTED_TOKEN,
                        format!("expected {}, found {found}", close.describe()),
                        span,
                    )
                    .with_primary_message(format!("expected {}", close.describe()))
                    .with_label(open_span, "unclosed delimiter opened here"),
                );
            }
            return;
        }
        self.recovering = true;
        // Input already reported, or given up on (too deep, too big).
        if self.near_reported() || self.too_deep || self.too_big {
            return;
        }
        let earlier = self
            .diags
            .iter_mut()
            .rev()
            .find(|d| d.code == codes::UNCLOSED_DELIMITER && d.primary_span() == Some(span));
        match earlier {
            // At most a few openers are labelled; the rest are counted.
            Some(d) if d.labels.len() >= MAX_OPENER_LABELS => {
                self.unlabelled_openers += 1;
                let more = self.unlabelled_openers;
                d.notes = vec![format!(
                    "{more} more delimiter{} opened before these {} not closed either",
                    if more == 1 { "" } else { "s" },
                    if more == 1 { "is" } else { "are" }
                )];
            }
            Some(d) => d.labels.push(crate::diag::Label {
                span: open_span,
                message: format!("{} opened here is not closed either", open_text(close)),
                primary: false,
                location: None,
            }),
            None => self.diags.push(
                Diagnostic::error(
                    codes::UNCLOSED_DELIMITER,
                    format!("expected {}, found {found}", close.describe()),
                    span,
                )
                .with_primary_message(format!("expected {}", close.describe()))
                .with_label(open_span, "unclosed delimiter opened here"),
            ),
        }
    }

    /// Reports a tuple `what` (expression, pattern or type) of one element,
    /// written `(x,)`.
    fn one_element_tuple(&mut self, span: Span, what: &str) {
        self.report(
            Diagnostic::error(
                codes::ONE_ELEMENT_TUPLE,
                format!("a tuple {what} needs at least two elements"),
                span,
            )
            .with_primary_message("one element followed by a comma")
            .with_help("remove the comma (tuples have at least two elements; `(e)` is just `e`)"),
        );
    }

    /// Parses a comma-separated list up to `close` (a trailing comma is
    /// allowed), calling `item` once per element, then the closing
    /// delimiter, pointing back at `open` if it is missing. Stops early in
    /// recovery mode.
    fn comma_list(&mut self, close: K, open: Span, mut item: impl FnMut(&mut Self)) {
        while !self.at(close) && !self.at(K::Eof) && !self.recovering {
            item(self);
            if !self.eat(K::Comma) {
                break;
            }
        }
        self.expect_close(close, open);
    }

    #[inline]
    fn enter(&mut self) -> bool {
        if !self.within_arena_limit() {
            return false;
        }
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.nested_too_deep();
        }
        true
    }

    /// Reports E0105 once and gives up on the rest of the input.
    #[cold]
    #[inline(never)]
    fn nested_too_deep(&mut self) -> bool {
        if !self.too_deep {
            self.too_deep = true;
            let span = self.span();
            self.diags.push(
                Diagnostic::error(codes::NESTING_TOO_DEEP, "nesting too deep", span)
                    .with_primary_message(format!("more than {MAX_DEPTH} nested expressions"))
                    .with_help("split the expression into smaller `let` bindings"),
            );
        }
        // Give up on the rest of the input: one clean error.
        self.recovering = true;
        self.skip_to_end();
        false
    }

    /// Checks the arena limit; past it, reports once and gives up on the
    /// rest of the input.
    #[inline]
    fn within_arena_limit(&mut self) -> bool {
        match self.arena.over_limit() {
            None => true,
            Some((allocated, limit)) => self.arena_limit_hit(allocated, limit),
        }
    }

    /// Reports the arena limit once and gives up on the rest of the input.
    #[cold]
    #[inline(never)]
    fn arena_limit_hit(&mut self, allocated: usize, limit: usize) -> bool {
        if !self.too_big {
            self.too_big = true;
            let span = self.span();
            self.diags.push(
                Diagnostic::error(
                    codes::ARENA_LIMIT,
                    format!(
                        "arena limit exceeded: the syntax tree took {allocated} bytes (limit {limit})"
                    ),
                    span,
                )
                .with_primary_message("parsing stopped here")
                .with_help("raise the limit with `--max-arena-bytes N`, or split the program"),
            );
        }
        self.recovering = true;
        self.skip_to_end();
        false
    }

    /// Consumes the rest of the input (still lexing it, so lexical errors
    /// past this point are reported too).
    fn skip_to_end(&mut self) {
        while !self.at(K::Eof) {
            self.bump();
        }
    }

    /// Runs one level of nesting (after [`Parser::enter`]), on a new stack
    /// segment if the stack is short; the stack is checked every
    /// [`STACK_CHECK_EVERY`] levels.
    #[inline]
    fn grow<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        if self.depth.is_multiple_of(STACK_CHECK_EVERY) {
            stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || f(self))
        } else {
            f(self)
        }
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    /// An error node, placed (empty) at the start of `at`.
    fn error_expr(&self, at: Span) -> Expr<'a> {
        Expr {
            kind: ExprKind::Error,
            span: Span::new(at.start, at.start),
        }
    }

    /// True at `let`, `fn`, `struct` or `enum` followed by a token that can
    /// continue that statement (a pattern, a function name, a type name). A
    /// keyword followed by anything else (`let x = fn;`) is part of the
    /// mistake being skipped, and resuming there would report it a second
    /// time.
    fn at_statement_keyword(&self) -> bool {
        let next = self.peek_next();
        let name = matches!(next, K::Ident | K::UIdent | K::Reserved);
        match self.peek() {
            K::Struct | K::Enum => next == K::UIdent,
            K::Let => {
                name || matches!(
                    next,
                    K::Underscore
                        | K::LParen
                        | K::LBracket
                        | K::Int
                        | K::Float
                        | K::Str
                        | K::True
                        | K::False
                        | K::Minus
                )
            }
            K::Fn => name,
            _ => false,
        }
    }

    /// Skips to a statement boundary: past a `;`, or before `}` / a
    /// statement keyword ([`Parser::at_statement_keyword`]) at the level of
    /// the block's statements.
    fn synchronize(&mut self) {
        let mut depth = 0usize;
        loop {
            match self.peek() {
                K::Eof => break,
                K::Semi if depth == 0 => {
                    self.bump();
                    break;
                }
                K::RBrace
                    if depth == 0 && self.open_blocks > 0 && self.braces <= self.block_braces =>
                {
                    break;
                }
                K::Let | K::Fn | K::Struct | K::Enum
                    if depth == 0
                        && self.nest == self.block_nest
                        && self.at_statement_keyword() =>
                {
                    break;
                }
                K::LParen | K::LBracket | K::LBrace => {
                    depth += 1;
                    self.bump();
                }
                K::RParen | K::RBracket | K::RBrace => {
                    depth = depth.saturating_sub(1);
                    self.bump();
                }
                _ => {
                    self.bump();
                }
            }
        }
        self.recovering = false;
    }
}

/// How a missing closing delimiter's opener is named in a label.
fn open_text(close: K) -> &'static str {
    match close {
        K::RParen => "the `(`",
        K::RBracket => "the `[`",
        K::RBrace => "the `{`",
        K::Gt => "the `<`",
        _ => "the delimiter",
    }
}
