//! The canonical printer: an AST back to calc source text.
//!
//! Owns the canonical layout of every construct of [`crate::syntax::ast`]
//! (four-space indentation, one statement per line, groups that stay on one
//! line when they fit in [`WIDTH`] columns) and the rules for where
//! parentheses are needed: exactly where the parser's binding powers (A5)
//! would otherwise build a different tree, or where a statement would start
//! with a block-like expression, or where a struct literal would be read as
//! the block of an `if` condition or `match` scrutinee. Printing then
//! parsing gives the same tree (spans aside), and printing is idempotent;
//! the tests in `tests/print_roundtrip.rs` check both.
//!
//! Layout is built with the document model of [`doc`]. `calc fmt` is this
//! printer given the source's comments ([`comments`], the lexer's trivia
//! side table; the AST holds none): [`format`] places each comment where it
//! was, in source order — on its own line before a statement, list item or
//! `match` arm, after one on the same line, before a closing delimiter, or
//! inline before the expression, pattern or type that follows it — keeps
//! single blank lines between statements and arms, and lays a list or block
//! holding a comment out one item per line. Lists broken over lines get a
//! trailing comma, an `if`/`else` chain is one group (on one line if it
//! fits, else every branch broken), and a chain of method calls that does
//! not fit breaks before each `.method(…)`. It must not parse, check or evaluate,
//! and never changes the tree.
//!
//! What the parser never produces prints as well as the syntax allows: an
//! `Error` node prints as `<error>`, a negative Float literal as a negation,
//! an infinite one as `1e999` and a NaN as `(0.0 / 0.0)`.

mod comments;
pub mod doc;

use crate::span::Span;
use crate::syntax::ast::*;
use crate::syntax::lexer::{Comment, CommentKind, Token, TokenKind};
use comments::{Comments, cover};
use doc::{Doc, DocId};
use std::collections::HashMap;

/// The width the canonical layout fills, in columns.
pub const WIDTH: u32 = 100;

/// Columns of indentation per nesting level.
const INDENT: u32 = 4;

/// Binding power of an end that nothing can attach to (an atom, a closing
/// bracket).
const CLOSED: u8 = u8::MAX;
/// Right binding power of prefix `-` and `!` (the parser's `PREFIX_BP`).
const PREFIX_BP: u8 = 13;
/// Left binding power of postfix call, index, method call and field access.
const POSTFIX_BP: u8 = 20;

/// Binding powers `(left, right)` of each infix operator, as in the
/// parser's Pratt table (A5): higher binds tighter; left-associative
/// operators have `right = left + 1`, right-associative ones `right < left`.
fn binding_power(op: BinOp) -> (u8, u8) {
    match op {
        BinOp::Or => (1, 2),
        BinOp::And => (3, 4),
        BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => (5, 6),
        BinOp::Concat => (8, 7),
        BinOp::Add | BinOp::Sub => (9, 10),
        BinOp::Mul | BinOp::Div | BinOp::Rem => (11, 12),
        BinOp::Pow => (16, 15),
    }
}

fn is_comparison(op: BinOp) -> bool {
    matches!(
        op,
        BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge
    )
}

/// Prints a whole program (a unit's block body), one statement per line,
/// ending with a newline unless it is empty.
pub fn program(p: &Program) -> String {
    let mut pr = Printer::default();
    let body = pr.block_body(p.body, u32::MAX);
    let text = pr.doc.render(body, WIDTH);
    if text.is_empty() { text } else { text + "\n" }
}

/// Prints a program parsed from `src` in the canonical layout with every
/// comment of `src` kept (`comments` and `tokens` from
/// [`crate::syntax::lexer::lex_with_trivia`]), ending with one newline
/// unless there is nothing to print.
pub fn format(p: &Program, src: &str, comments: Vec<Comment>, tokens: Vec<Token>) -> String {
    let mut pr = Printer {
        comments: Some(Comments::new(src, comments, tokens)),
        ..Printer::default()
    };
    let body = pr.block_body(p.body, u32::MAX);
    let empty = p.body.stmts.is_empty() && p.body.tail.is_none();
    let mut parts = vec![body];
    let rest = pr.leading(u32::MAX, empty, true);
    if !rest.is_empty() && !empty {
        parts.push(pr.doc.hard_line());
    }
    parts.extend(rest);
    let all = pr.doc.concat(parts);
    let text = pr.doc.render(all, WIDTH);
    let text = text.trim_end_matches('\n');
    if text.is_empty() {
        String::new()
    } else {
        format!("{text}\n")
    }
}

/// How tightly an expression's ends bind when it is printed without
/// parentheses: `left` is the lowest left binding power of the operators
/// on its left edge (what an operator before it must not exceed), `right`
/// the lowest right binding power on its right edge (what an operator
/// after it must be below). [`CLOSED`] means nothing can attach.
#[derive(Clone, Copy)]
struct Shape {
    left: u8,
    right: u8,
}

/// What the place an expression is printed in forbids.
#[derive(Clone, Copy, Default)]
struct Ctx {
    /// An `if` condition or `match` scrutinee: a struct literal here would
    /// take the following block as its fields.
    no_struct: bool,
    /// The left edge of a statement: `if`, `match` or a block here would
    /// end the statement.
    stmt_start: bool,
}

/// How a comma-separated list is printed: its delimiters, whether it has
/// spaces inside its delimiters when flat, whether it takes a trailing
/// comma when broken, and where its closing delimiter is found (the first
/// `close_kind` token after its last item, or after `from` when empty).
struct List<'t> {
    open: &'t str,
    close: &'t str,
    spaced: bool,
    trailing_comma: bool,
    close_kind: TokenKind,
    from: u32,
}

impl<'t> List<'t> {
    /// `(…)`, `[…]`: no inner spaces, a trailing comma when broken.
    fn tight(open: &'t str, close: &'t str, close_kind: TokenKind, from: u32) -> List<'t> {
        List {
            open,
            close,
            spaced: false,
            trailing_comma: true,
            close_kind,
            from,
        }
    }

    /// ` { … }`: spaces inside, a trailing comma when broken.
    fn braces(from: u32) -> List<'t> {
        List {
            open: " {",
            close: "}",
            spaced: true,
            trailing_comma: true,
            close_kind: TokenKind::RBrace,
            from,
        }
    }

    /// `<…>` and `|…|`: no trailing comma.
    fn bare(open: &'t str, close: &'t str, close_kind: TokenKind, from: u32) -> List<'t> {
        List {
            trailing_comma: false,
            ..List::tight(open, close, close_kind, from)
        }
    }
}

/// The span of a statement.
fn stmt_span(s: &Stmt) -> Span {
    match s {
        Stmt::Let(l) => l.span,
        Stmt::Fn(f) => f.span,
        Stmt::Struct(s) => s.span,
        Stmt::Enum(e) => e.span,
        Stmt::Expr(e) => e.span,
        Stmt::Empty(span) | Stmt::Error(span) => *span,
    }
}

#[derive(Default)]
struct Printer<'s> {
    doc: Doc,
    /// Shapes computed so far, by node address (the tree does not move
    /// while it is printed).
    shapes: HashMap<*const Expr<'static>, Shape>,
    /// The source's comments, when formatting ([`format`]).
    comments: Option<Comments<'s>>,
}

impl Printer<'_> {
    fn text(&mut self, s: &str) -> DocId {
        self.doc.text(s)
    }

    fn cat<const N: usize>(&mut self, parts: [DocId; N]) -> DocId {
        self.doc.concat(parts)
    }

    // ----- comments -----

    /// How many comments have been placed so far.
    fn placed(&self) -> usize {
        self.comments.as_ref().map_or(0, Comments::placed)
    }

    /// Takes the next comment if it starts before `pos`.
    fn take_before(&mut self, pos: u32) -> Option<Comment> {
        let cs = self.comments.as_mut()?;
        let c = cs.peek_before(pos)?;
        cs.take();
        Some(c)
    }

    /// Where the first `kind` token after `from` is (only asked when
    /// formatting).
    fn close_pos(&self, from: u32, kind: TokenKind) -> u32 {
        self.comments
            .as_ref()
            .map_or(u32::MAX, |cs| cs.close(from, kind))
    }

    /// Asks the comments a question, `false` when not formatting.
    fn ask(&self, q: impl FnOnce(&Comments) -> bool) -> bool {
        self.comments.as_ref().is_some_and(q)
    }

    /// A comment's text; the inner lines of a block comment start at
    /// column 0, as they were.
    fn comment_doc(&mut self, c: Comment) -> DocId {
        let lines: Vec<&str> = match &self.comments {
            Some(cs) => cs.lines(c).collect(),
            None => Vec::new(),
        };
        let mut parts = Vec::with_capacity(lines.len() * 2);
        for (i, line) in lines.into_iter().enumerate() {
            if i > 0 {
                parts.push(self.doc.raw_line());
            }
            parts.push(self.doc.text(line));
        }
        self.doc.concat(parts)
    }

    /// The comments before `pos`, each on its own line before the item
    /// that starts there (a block comment right before the item on its
    /// line stays on that line). With `blank_lines`, a blank line in the source
    /// before a comment or the item is kept, unless it is `first` in its
    /// block.
    fn leading(&mut self, pos: u32, mut first: bool, blank_lines: bool) -> Vec<DocId> {
        let mut parts = Vec::new();
        if self.comments.is_none() {
            return parts;
        }
        while let Some(c) = self.take_before(pos) {
            if blank_lines && !first && self.ask(|cs| cs.blank_before(c.span.start)) {
                parts.push(self.doc.hard_line());
            }
            parts.push(self.comment_doc(c));
            // A block comment stays on the line of the comment or the
            // code it comes right before; any other comment ends its line.
            if c.kind == CommentKind::Line
                || pos == u32::MAX
                || !self.ask(|cs| cs.stays_on_line(c.span.end, pos))
            {
                parts.push(self.doc.hard_line());
            } else {
                parts.push(self.doc.text(" "));
            }
            first = false;
        }
        if blank_lines && !first && pos != u32::MAX && self.ask(|cs| cs.blank_before(pos)) {
            parts.push(self.doc.hard_line());
        }
        parts
    }

    /// The comments after an item that ends at `end`: those inside it that
    /// no other place took, then those before `limit` on the same line that
    /// end it (a block comment followed by more code on its line is left
    /// to what follows). A `//` comment breaks the enclosing groups, so a
    /// line break follows it.
    fn trailing(&mut self, end: u32, limit: u32) -> Vec<DocId> {
        let mut parts = Vec::new();
        let mut prev_end = end;
        let mut after_line_comment = false;
        while let Some(c) = self.comments.as_ref().and_then(|cs| cs.peek_before(limit)) {
            let outside = c.span.start >= end;
            if outside
                && (self.ask(|cs| cs.newline_between(prev_end, c.span.start))
                    || (c.kind == CommentKind::Block
                        && !self.ask(|cs| cs.ends_line(c.span.end, limit))))
            {
                break;
            }
            self.take_before(limit);
            parts.push(if after_line_comment {
                self.doc.hard_line()
            } else {
                self.doc.text(" ")
            });
            parts.push(self.comment_doc(c));
            after_line_comment = c.kind == CommentKind::Line;
            prev_end = prev_end.max(c.span.end);
        }
        if after_line_comment {
            parts.push(self.doc.break_parent());
        }
        parts
    }

    /// The comments before a closing delimiter at `close`, each on its own
    /// line after the container's last item (`first`: there is none).
    fn dangling(&mut self, close: u32, mut first: bool) -> Vec<DocId> {
        let mut parts = Vec::new();
        while let Some(c) = self.take_before(close) {
            if !first && self.ask(|cs| cs.blank_before(c.span.start)) {
                parts.push(self.doc.hard_line());
            }
            parts.push(self.doc.hard_line());
            parts.push(self.comment_doc(c));
            first = false;
        }
        parts
    }

    /// The comments before `pos` that no statement, item or arm took,
    /// printed inline before what starts there: a block comment followed
    /// by a space, a line comment by a line break.
    fn inline_before(&mut self, pos: u32) -> Option<DocId> {
        let mut parts = Vec::new();
        while let Some(c) = self.take_before(pos) {
            parts.push(self.comment_doc(c));
            parts.push(match c.kind {
                CommentKind::Line => self.doc.hard_line(),
                CommentKind::Block => self.doc.text(" "),
            });
        }
        (!parts.is_empty()).then(|| self.doc.concat(parts))
    }

    /// `doc` after the comments before `pos`, if any.
    fn with_inline(&mut self, pos: u32, doc: impl FnOnce(&mut Self) -> DocId) -> DocId {
        let before = if self.comments.is_some() {
            self.inline_before(pos)
        } else {
            None
        };
        let d = doc(self);
        match before {
            Some(b) => self.cat([b, d]),
            None => d,
        }
    }

    /// A comma-separated list of the items at `spans`, each printed by
    /// `item`: flat if it fits, else one item per line, indented (always
    /// so when a comment inside it needs a line of its own).
    fn list(
        &mut self,
        l: List,
        spans: &[Span],
        mut item: impl FnMut(&mut Self, usize) -> DocId,
    ) -> DocId {
        let close_at = if self.comments.is_some() {
            let last = spans.last().map_or(l.from, |s| s.end.max(l.from));
            self.close_pos(last, l.close_kind)
        } else {
            u32::MAX
        };
        let n = spans.len();
        let mut built = Vec::with_capacity(n);
        for (i, span) in spans.iter().enumerate() {
            let lead = self.leading(span.start, i == 0, false);
            let d = item(self, i);
            let limit = spans.get(i + 1).map_or(close_at, |s| s.start);
            let comma = (i + 1 < n).then(|| self.doc.text(","));
            let trail = self.trailing(span.end, limit);
            built.push((lead, d, comma, trail));
        }
        let dangling = self.dangling(close_at, n == 0);
        let open = self.text(l.open);
        let close = self.text(l.close);
        if n == 0 && dangling.is_empty() {
            return self.cat([open, close]);
        }
        let mut inner = Vec::with_capacity(n * 5 + dangling.len() + 1);
        for (i, (lead, d, comma, trail)) in built.into_iter().enumerate() {
            inner.push(self.separator(false, i == 0 && !l.spaced));
            inner.extend(lead);
            inner.push(d);
            if let Some(comma) = comma {
                inner.push(comma);
            } else if l.trailing_comma {
                inner.push(self.doc.if_break(","));
            }
            inner.extend(trail);
        }
        inner.extend(dangling);
        let inner = self.doc.concat(inner);
        let nested = self.doc.nest(INDENT, inner);
        let end = self.separator(false, !l.spaced);
        let all = self.cat([open, nested, end, close]);
        self.doc.group(all)
    }

    /// A line break between list items: a hard one when `forced`, else one
    /// that is a space (or nothing, if `soft`) when flat.
    fn separator(&mut self, forced: bool, soft: bool) -> DocId {
        if forced {
            self.doc.hard_line()
        } else if soft {
            self.doc.soft_line()
        } else {
            self.doc.line()
        }
    }

    // ----- blocks and statements -----

    /// The statements and tail of a block, one per line (no braces), with
    /// the comments before each and after each on its line; `close` is
    /// where the block's `}` is (`u32::MAX` for a program).
    fn block_body(&mut self, b: &Block, close: u32) -> DocId {
        let mut parts = Vec::with_capacity(b.stmts.len() * 2 + 1);
        let spans: Vec<Span> = b
            .stmts
            .iter()
            .map(stmt_span)
            .chain(b.tail.as_ref().map(|t| t.span))
            .collect();
        for (i, s) in b.stmts.iter().enumerate() {
            if i > 0 {
                parts.push(self.doc.hard_line());
            }
            parts.extend(self.leading(spans[i].start, i == 0, true));
            // A block-like expression statement needs its `;` only where
            // the parser would otherwise take the next `;` as its end, or
            // take it as the block's value.
            let semi = match b.stmts.get(i + 1) {
                Some(Stmt::Empty(_)) => true,
                Some(_) => false,
                None => b.tail.is_none(),
            };
            parts.push(self.stmt(s, semi));
            let limit = spans.get(i + 1).map_or(close, |s| s.start);
            parts.extend(self.trailing(spans[i].end, limit));
        }
        if let Some(t) = &b.tail {
            if !b.stmts.is_empty() {
                parts.push(self.doc.hard_line());
            }
            parts.extend(self.leading(t.span.start, b.stmts.is_empty(), true));
            parts.push(self.stmt_expr(t));
            parts.extend(self.trailing(t.span.end, close));
        }
        self.doc.concat(parts)
    }

    /// A block `{ … }` whose `{` is at or after `from`: on one line if it
    /// has only a tail, no comment, and fits. Not `grouped`, its line
    /// breaks belong to the enclosing group (the branches of an `if`
    /// chain break together).
    fn block(&mut self, b: &Block, from: u32, grouped: bool) -> DocId {
        let close_at = if self.comments.is_some() {
            let last = b
                .stmts
                .iter()
                .map(stmt_span)
                .chain(b.tail.as_ref().map(|t| t.span))
                .last()
                .map_or(from, |s| s.end.max(from));
            self.close_pos(last, TokenKind::RBrace)
        } else {
            u32::MAX
        };
        let empty = b.stmts.is_empty() && b.tail.is_none();
        let body = (!empty).then(|| self.block_body(b, close_at));
        let dangling = self.dangling(close_at, empty);
        if empty && dangling.is_empty() {
            return self.text("{}");
        }
        let open = self.text("{");
        let close = self.text("}");
        let hard = !b.stmts.is_empty();
        let mut inner = Vec::with_capacity(dangling.len() + 2);
        if let Some(body) = body {
            inner.push(self.separator(hard, false));
            inner.push(body);
        }
        inner.extend(dangling);
        let inner = self.doc.concat(inner);
        let nested = self.doc.nest(INDENT, inner);
        let after = self.separator(hard, false);
        let all = self.cat([open, nested, after, close]);
        if grouped { self.doc.group(all) } else { all }
    }

    /// An expression at the start of a statement (or a block's tail).
    fn stmt_expr(&mut self, e: &Expr) -> DocId {
        let ctx = Ctx {
            no_struct: false,
            stmt_start: !is_block_like(e),
        };
        self.expr(e, ctx)
    }

    /// One statement; `semi` asks for the `;` after a block-like expression.
    fn stmt(&mut self, s: &Stmt, semi: bool) -> DocId {
        match s {
            Stmt::Let(l) => {
                let kw = self.text("let ");
                let pat = self.pattern(&l.pattern);
                let ty = self.annotation(l.ty.as_ref());
                let eq = self.text(" = ");
                let value = self.expr(&l.value, Ctx::default());
                let end = self.text(";");
                self.cat([kw, pat, ty, eq, value, end])
            }
            Stmt::Fn(f) => self.fn_item(f),
            Stmt::Struct(s) => {
                let head = self.item_head("struct ", s.name, s.params);
                let spans: Vec<Span> = s
                    .fields
                    .iter()
                    .map(|f| cover(f.name.span, f.ty.span))
                    .collect();
                let from = s.params.last().map_or(s.name.span.end, |p| p.span.end);
                let body = self.list(List::braces(from), &spans, |this, i| {
                    let f = &s.fields[i];
                    let name = this.text(f.name.name);
                    let colon = this.text(": ");
                    let ty = this.ty(&f.ty);
                    this.cat([name, colon, ty])
                });
                self.cat([head, body])
            }
            Stmt::Enum(e) => {
                let head = self.item_head("enum ", e.name, e.params);
                let spans: Vec<Span> = e.variants.iter().map(|v| v.span).collect();
                let from = e.params.last().map_or(e.name.span.end, |p| p.span.end);
                let body = self.list(List::braces(from), &spans, |this, i| {
                    let v = &e.variants[i];
                    let name = this.text(v.name.name);
                    if v.fields.is_empty() {
                        return name;
                    }
                    let spans: Vec<Span> = v.fields.iter().map(|t| t.span).collect();
                    let l = List::tight("(", ")", TokenKind::RParen, v.name.span.end);
                    let fields = this.list(l, &spans, |this, j| this.ty(&v.fields[j]));
                    this.cat([name, fields])
                });
                self.cat([head, body])
            }
            Stmt::Expr(e) => {
                let d = self.stmt_expr(e);
                if is_block_like(e) && !semi {
                    d
                } else {
                    let end = self.text(";");
                    self.cat([d, end])
                }
            }
            Stmt::Empty(_) => self.text(";"),
            Stmt::Error(_) => self.text("<error>;"),
        }
    }

    /// `struct Name<A, B>` / `enum Name<A, B>`.
    fn item_head(&mut self, kw: &str, name: &Ident, params: &[Ident]) -> DocId {
        let kw = self.text(kw);
        let name_doc = self.text(name.name);
        if params.is_empty() {
            return self.cat([kw, name_doc]);
        }
        let spans: Vec<Span> = params.iter().map(|p| p.span).collect();
        let l = List::bare("<", ">", TokenKind::Gt, name.span.end);
        let params = self.list(l, &spans, |this, i| this.doc.text(params[i].name));
        self.cat([kw, name_doc, params])
    }

    fn fn_item(&mut self, f: &FnItem) -> DocId {
        let kw = self.text("fn ");
        let name = self.text(f.name.name);
        let generics = if f.generics.is_empty() {
            self.text("")
        } else {
            let spans: Vec<Span> = f
                .generics
                .iter()
                .map(|g| {
                    g.bounds
                        .last()
                        .map_or(g.name.span, |b| cover(g.name.span, b.span))
                })
                .collect();
            let l = List::bare("<", ">", TokenKind::Gt, f.name.span.end);
            self.list(l, &spans, |this, i| {
                let g = &f.generics[i];
                let name = this.text(g.name.name);
                if g.bounds.is_empty() {
                    return name;
                }
                let bounds: Vec<_> = g.bounds.iter().map(|b| b.name).collect();
                let bounds = this.text(&format!(": {}", bounds.join(" + ")));
                this.cat([name, bounds])
            })
        };
        let from = f.generics.last().map_or(f.name.span.end, |g| {
            g.bounds.last().map_or(g.name.span.end, |b| b.span.end)
        });
        let spans: Vec<Span> = f.params.iter().map(|p| p.span).collect();
        let l = List::tight("(", ")", TokenKind::RParen, from);
        let params = self.list(l, &spans, |this, i| this.param(&f.params[i]));
        let ret = match &f.ret {
            Some(t) => {
                let arrow = self.text(" -> ");
                let t = self.ty(t);
                self.cat([arrow, t])
            }
            None => self.text(""),
        };
        let head = self.cat([kw, name, generics, params, ret]);
        match f.body.kind {
            ExprKind::Block(b) => {
                let space = self.text(" ");
                let body = self.with_inline(f.body.span.start, |this| {
                    this.block(b, f.body.span.start, true)
                });
                self.cat([head, space, body])
            }
            _ => {
                let eq = self.text(" = ");
                let body = self.expr(&f.body, Ctx::default());
                let end = self.text(";");
                self.cat([head, eq, body, end])
            }
        }
    }

    fn param(&mut self, p: &Param) -> DocId {
        let name = self.text(p.name.name);
        let ty = self.annotation(p.ty.as_ref());
        self.cat([name, ty])
    }

    /// `: T`, or nothing.
    fn annotation(&mut self, t: Option<&Type>) -> DocId {
        match t {
            Some(t) => {
                let colon = self.text(": ");
                let t = self.ty(t);
                self.cat([colon, t])
            }
            None => self.text(""),
        }
    }

    // ----- expressions -----

    /// The shape of `e` printed without parentheses (memoised: asking for
    /// every node's shape is linear in the tree).
    fn shape(&mut self, e: &Expr) -> Shape {
        let key = (e as *const Expr).cast::<Expr<'static>>();
        if let Some(s) = self.shapes.get(&key) {
            return *s;
        }
        let s = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.compute_shape(e));
        self.shapes.insert(key, s);
        s
    }

    fn compute_shape(&mut self, e: &Expr) -> Shape {
        let closed = Shape {
            left: CLOSED,
            right: CLOSED,
        };
        match e.kind {
            ExprKind::Int(v) if v < 0 => Shape {
                left: CLOSED,
                right: PREFIX_BP,
            },
            ExprKind::Float(v) if v.is_sign_negative() && !v.is_nan() => Shape {
                left: CLOSED,
                right: PREFIX_BP,
            },
            ExprKind::Unary(u) => {
                let right = if self.operand_parens(u) {
                    CLOSED
                } else {
                    self.shape(&u.operand).right
                };
                Shape {
                    left: CLOSED,
                    right: right.min(PREFIX_BP),
                }
            }
            ExprKind::Binary(b) => {
                let (l, r) = binding_power(b.op);
                let left = if self.lhs_parens(b) {
                    CLOSED
                } else {
                    self.shape(&b.lhs).left
                };
                let right = if self.rhs_parens(b) {
                    CLOSED
                } else {
                    self.shape(&b.rhs).right
                };
                Shape {
                    left: left.min(l),
                    right: right.min(r),
                }
            }
            ExprKind::Call(c) => {
                let left = if self.callee_parens(c) {
                    CLOSED
                } else {
                    self.shape(&c.callee).left
                };
                Shape {
                    left: left.min(POSTFIX_BP),
                    right: CLOSED,
                }
            }
            ExprKind::MethodCall(MethodCall { receiver: base, .. })
            | ExprKind::Field(FieldAccess { expr: base, .. })
            | ExprKind::Index(Index { expr: base, .. }) => {
                let left = if self.base_parens(base) {
                    CLOSED
                } else {
                    self.shape(base).left
                };
                Shape {
                    left: left.min(POSTFIX_BP),
                    right: CLOSED,
                }
            }
            ExprKind::Closure(c) if c.ret.is_none() => Shape {
                left: CLOSED,
                right: 0,
            },
            _ => closed,
        }
    }

    /// Whether a binary operator's left operand needs parentheses: an
    /// operator on its right edge would take this one's operator, or both
    /// are comparisons (which do not chain).
    fn lhs_parens(&mut self, b: &Binary) -> bool {
        let (l, _) = binding_power(b.op);
        let chained =
            is_comparison(b.op) && matches!(b.lhs.kind, ExprKind::Binary(x) if is_comparison(x.op));
        chained || self.shape(&b.lhs).right <= l
    }

    /// Whether a binary operator's right operand needs parentheses: an
    /// operator on its left edge binds less tightly than this one's right
    /// side.
    fn rhs_parens(&mut self, b: &Binary) -> bool {
        let (_, r) = binding_power(b.op);
        self.shape(&b.rhs).left < r
    }

    /// Whether a prefix operator's operand needs parentheses. `-` directly
    /// before a non-negative Int literal would fold into a negative literal.
    fn operand_parens(&mut self, u: &Unary) -> bool {
        let folds = u.op == UnaryOp::Neg && matches!(u.operand.kind, ExprKind::Int(v) if v >= 0);
        folds || self.shape(&u.operand).left < PREFIX_BP
    }

    /// Whether the base of a call, method call, field access or index
    /// needs parentheses: anything open on its right would take the postfix.
    fn base_parens(&mut self, base: &Expr) -> bool {
        self.shape(base).right != CLOSED
    }

    /// Whether a call's callee needs parentheses: as any postfix base, and
    /// also when it is a field access (`p.f(x)` is a method call).
    fn callee_parens(&mut self, c: &Call) -> bool {
        matches!(c.callee.kind, ExprKind::Field(_)) || self.base_parens(&c.callee)
    }

    /// `e` in parentheses, printed in a fresh context.
    fn parens(&mut self, e: &Expr) -> DocId {
        let open = self.text("(");
        let inner = self.expr(e, Ctx::default());
        let close = self.text(")");
        self.cat([open, inner, close])
    }

    /// `e`, parenthesised if `parens`; otherwise printed in `ctx`.
    fn sub(&mut self, e: &Expr, parens: bool, ctx: Ctx) -> DocId {
        if parens {
            self.parens(e)
        } else {
            self.expr(e, ctx)
        }
    }

    fn expr(&mut self, e: &Expr, ctx: Ctx) -> DocId {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || {
            self.with_inline(e.span.start, |this| this.expr_inner(e, ctx))
        })
    }

    fn expr_inner(&mut self, e: &Expr, ctx: Ctx) -> DocId {
        // Only the left edge of a statement is a statement start.
        let inner = Ctx {
            no_struct: ctx.no_struct,
            stmt_start: false,
        };
        match e.kind {
            ExprKind::Int(v) => self.text(&v.to_string()),
            ExprKind::Float(v) => self.text(&float_text(v)),
            ExprKind::Bool(b) => self.text(if b { "true" } else { "false" }),
            ExprKind::Str(s) => self.text(&string_text(s.value)),
            ExprKind::Unit => self.text("()"),
            ExprKind::Var(i) => self.text(i.name),
            ExprKind::Unary(u) => {
                let op = self.text(match u.op {
                    UnaryOp::Neg => "-",
                    UnaryOp::Not => "!",
                });
                let parens = self.operand_parens(u);
                let operand = self.sub(&u.operand, parens, inner);
                self.cat([op, operand])
            }
            ExprKind::Binary(b) => {
                let lp = self.lhs_parens(b);
                let rp = self.rhs_parens(b);
                let lhs = self.sub(&b.lhs, lp, ctx);
                let op = self.text(&format!(" {}", b.op.symbol()));
                let line = self.doc.line();
                let rhs = self.sub(&b.rhs, rp, inner);
                let rest = self.cat([line, rhs]);
                let rest = self.doc.nest(INDENT, rest);
                let all = self.cat([lhs, op, rest]);
                self.doc.group(all)
            }
            ExprKind::Call(c) => {
                let parens = self.callee_parens(c);
                let callee = self.sub(&c.callee, parens, ctx);
                let args = self.args(c.args, c.callee.span.end);
                self.cat([callee, args])
            }
            ExprKind::MethodCall(_) if self.chain_calls(e) >= 2 => self.chain(e, ctx),
            ExprKind::MethodCall(m) => {
                let receiver = self.base(&m.receiver, ctx);
                let name = self.text(&format!(".{}", m.method.name));
                let args = self.args(m.args, m.method.span.end);
                self.cat([receiver, name, args])
            }
            ExprKind::Field(f) => {
                let base = self.base(&f.expr, ctx);
                let name = self.text(&format!(".{}", f.field.name));
                self.cat([base, name])
            }
            ExprKind::Index(ix) => {
                let base = self.base(&ix.expr, ctx);
                let open = self.text("[");
                let index = self.expr(&ix.index, Ctx::default());
                let close = self.text("]");
                self.cat([base, open, index, close])
            }
            ExprKind::Tuple(l) => {
                let l = (
                    List::tight("(", ")", TokenKind::RParen, e.span.start),
                    l.items,
                );
                self.expr_list(l)
            }
            ExprKind::List(l) => {
                let l = (
                    List::tight("[", "]", TokenKind::RBracket, e.span.start),
                    l.items,
                );
                self.expr_list(l)
            }
            ExprKind::Block(_) | ExprKind::If(_) | ExprKind::Match(_) if ctx.stmt_start => {
                self.parens(e)
            }
            ExprKind::Block(b) => self.block(b, e.span.start, true),
            ExprKind::If(i) => {
                let chain = self.if_expr(i);
                self.doc.group(chain)
            }
            ExprKind::Match(m) => self.match_expr(m),
            ExprKind::Closure(c) => self.closure(c, e.span.start, inner),
            ExprKind::StructLit(_) if ctx.no_struct => self.parens(e),
            ExprKind::StructLit(s) => {
                let name = self.text(s.name.name);
                let spans: Vec<Span> = s
                    .fields
                    .iter()
                    .map(|f| cover(f.name.span, f.value.span))
                    .collect();
                let body = self.list(List::braces(s.name.span.end), &spans, |this, i| {
                    let f = &s.fields[i];
                    let name = this.text(f.name.name);
                    if f.shorthand {
                        return name;
                    }
                    let colon = this.text(": ");
                    let value = this.expr(&f.value, Ctx::default());
                    this.cat([name, colon, value])
                });
                self.cat([name, body])
            }
            ExprKind::Error => self.text("<error>"),
        }
    }

    /// The base of a postfix operator, keeping the statement-start and
    /// struct restrictions of `ctx` unless it is parenthesised.
    fn base(&mut self, base: &Expr, ctx: Ctx) -> DocId {
        let parens = self.base_parens(base);
        self.sub(base, parens, ctx)
    }

    /// The method calls and field accesses of the chain `e` ends, from the
    /// last to the first, and the expression they start from (a base
    /// that needs parentheses ends the chain).
    fn chain_links<'e, 'a>(&mut self, e: &'e Expr<'a>) -> (Vec<&'e Expr<'a>>, &'e Expr<'a>) {
        let mut links = Vec::new();
        let mut cur = e;
        loop {
            let base = match &cur.kind {
                ExprKind::MethodCall(m) => &m.receiver,
                ExprKind::Field(f) => &f.expr,
                _ => break,
            };
            if self.base_parens(base) {
                break;
            }
            links.push(cur);
            cur = base;
        }
        (links, cur)
    }

    /// How many method calls the chain that `e` ends has.
    fn chain_calls(&mut self, e: &Expr) -> usize {
        let (links, _) = self.chain_links(e);
        links
            .iter()
            .filter(|l| matches!(l.kind, ExprKind::MethodCall(_)))
            .count()
    }

    /// A chain of two or more method calls: on one line if it fits, else
    /// broken before every `.method(…)`, indented under its start (field
    /// accesses stay on the line of what they follow).
    fn chain(&mut self, e: &Expr, ctx: Ctx) -> DocId {
        let (links, root) = self.chain_links(e);
        let root = self.expr(root, ctx);
        let mut parts = Vec::with_capacity(links.len() * 3);
        for link in links.iter().rev() {
            match &link.kind {
                ExprKind::MethodCall(m) => {
                    parts.push(self.doc.soft_line());
                    parts.push(self.doc.text(&format!(".{}", m.method.name)));
                    parts.push(self.args(m.args, m.method.span.end));
                }
                ExprKind::Field(f) => parts.push(self.doc.text(&format!(".{}", f.field.name))),
                _ => {}
            }
        }
        let rest = self.doc.concat(parts);
        let rest = self.doc.nest(INDENT, rest);
        let all = self.cat([root, rest]);
        self.doc.group(all)
    }

    /// A list of expressions.
    fn expr_list(&mut self, (l, items): (List, &[Expr])) -> DocId {
        let spans: Vec<Span> = items.iter().map(|e| e.span).collect();
        self.list(l, &spans, |this, i| this.expr(&items[i], Ctx::default()))
    }

    /// Call arguments, whose `(` is at or after `from`.
    fn args(&mut self, args: &[Expr], from: u32) -> DocId {
        self.expr_list((List::tight("(", ")", TokenKind::RParen, from), args))
    }

    /// An `if` and its `else` branches, ungrouped: the caller groups the
    /// whole chain, so its blocks break together.
    fn if_expr(&mut self, i: &If) -> DocId {
        let kw = self.text("if ");
        let cond = self.expr(
            &i.cond,
            Ctx {
                no_struct: true,
                stmt_start: false,
            },
        );
        let space = self.text(" ");
        let then = self.with_inline(i.cond.span.end, |this| {
            this.block(i.then_branch, i.cond.span.end, false)
        });
        let head = self.cat([kw, cond, space, then]);
        match &i.else_branch {
            Some(e) => {
                let kw = self.text(" else ");
                let other = self.with_inline(e.span.start, |this| match e.kind {
                    ExprKind::If(inner) => {
                        stacker::maybe_grow(64 * 1024, 1024 * 1024, || this.if_expr(inner))
                    }
                    ExprKind::Block(b) => this.block(b, e.span.start, false),
                    _ => this.expr_inner(e, Ctx::default()),
                });
                self.cat([head, kw, other])
            }
            None => head,
        }
    }

    fn match_expr(&mut self, m: &Match) -> DocId {
        let kw = self.text("match ");
        let scrutinee = self.expr(
            &m.scrutinee,
            Ctx {
                no_struct: true,
                stmt_start: false,
            },
        );
        let mark = self.placed();
        let close_at = if self.comments.is_some() {
            let last = m.arms.last().map_or(m.scrutinee.span.end, |a| a.span.end);
            self.close_pos(last, TokenKind::RBrace)
        } else {
            u32::MAX
        };
        let mut arms = Vec::with_capacity(m.arms.len() * 2);
        for (i, a) in m.arms.iter().enumerate() {
            arms.push(self.doc.hard_line());
            arms.extend(self.leading(a.span.start, i == 0, true));
            let pat = self.pattern(&a.pattern);
            let guard = match &a.guard {
                Some(g) => {
                    let kw = self.text(" if ");
                    let g = self.expr(g, Ctx::default());
                    self.cat([kw, g])
                }
                None => self.text(""),
            };
            let arrow = self.text(" => ");
            let body = self.expr(&a.body, Ctx::default());
            let comma = self.text(",");
            arms.push(self.cat([pat, guard, arrow, body, comma]));
            let limit = m.arms.get(i + 1).map_or(close_at, |a| a.span.start);
            arms.extend(self.trailing(a.span.end, limit));
        }
        arms.extend(self.dangling(close_at, m.arms.is_empty()));
        if self.placed() == mark && m.arms.is_empty() {
            let braces = self.text(" {}");
            return self.cat([kw, scrutinee, braces]);
        }
        let open = self.text(" {");
        let arms = self.doc.concat(arms);
        let arms = self.doc.nest(INDENT, arms);
        let end = self.doc.hard_line();
        let close = self.text("}");
        self.cat([kw, scrutinee, open, arms, end, close])
    }

    /// A closure that starts at `start`.
    fn closure(&mut self, c: &Closure, start: u32, ctx: Ctx) -> DocId {
        let params = if c.params.is_empty() {
            self.text("||")
        } else {
            let spans: Vec<Span> = c.params.iter().map(|p| p.span).collect();
            let l = List::bare("|", "|", TokenKind::Pipe, start + 1);
            self.list(l, &spans, |this, i| this.param(&c.params[i]))
        };
        match &c.ret {
            Some(t) => {
                let arrow = self.text(" -> ");
                let t = self.ty(t);
                let space = self.text(" ");
                let body = match c.body.kind {
                    ExprKind::Block(b) => self.with_inline(c.body.span.start, |this| {
                        this.block(b, c.body.span.start, true)
                    }),
                    // Only a block can follow a return type.
                    _ => {
                        let open = self.text("{ ");
                        let body = self.expr(&c.body, Ctx::default());
                        let close = self.text(" }");
                        self.cat([open, body, close])
                    }
                };
                self.cat([params, arrow, t, space, body])
            }
            None => {
                let space = self.text(" ");
                let body = self.expr(&c.body, ctx);
                self.cat([params, space, body])
            }
        }
    }

    // ----- patterns -----

    fn pattern(&mut self, p: &Pattern) -> DocId {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || {
            self.with_inline(p.span.start, |this| this.pattern_inner(p))
        })
    }

    /// A list of patterns.
    fn pattern_list(&mut self, l: List, items: &[Pattern]) -> DocId {
        let spans: Vec<Span> = items.iter().map(|p| p.span).collect();
        self.list(l, &spans, |this, i| this.pattern(&items[i]))
    }

    fn pattern_inner(&mut self, p: &Pattern) -> DocId {
        match p.kind {
            PatKind::Wild => self.text("_"),
            PatKind::Bind(i) => self.text(i.name),
            PatKind::Int(v) => self.text(&v.to_string()),
            PatKind::Float(v) => self.text(&float_text(v)),
            PatKind::Bool(b) => self.text(if b { "true" } else { "false" }),
            PatKind::Str(s) => self.text(&string_text(s.value)),
            PatKind::Unit => self.text("()"),
            PatKind::Tuple(l) => {
                let list = List::tight("(", ")", TokenKind::RParen, p.span.start);
                self.pattern_list(list, l.items)
            }
            PatKind::Or(l) => {
                let mut parts = Vec::with_capacity(l.items.len() * 2);
                for (i, alt) in l.items.iter().enumerate() {
                    if i > 0 {
                        parts.push(self.doc.text(" |"));
                        parts.push(self.doc.line());
                    }
                    // An or-pattern inside an alternative needs parentheses.
                    let d = if matches!(alt.kind, PatKind::Or(_)) {
                        let open = self.text("(");
                        let d = self.pattern(alt);
                        let close = self.text(")");
                        self.cat([open, d, close])
                    } else {
                        self.pattern(alt)
                    };
                    parts.push(d);
                }
                let all = self.doc.concat(parts);
                self.doc.group(all)
            }
            PatKind::List(l) => {
                let mut spans: Vec<Span> = l.items.iter().map(|p| p.span).collect();
                spans.extend(l.rest.map(|r| r.span));
                let list = List::tight("[", "]", TokenKind::RBracket, p.span.start);
                self.list(list, &spans, |this, i| match l.items.get(i) {
                    Some(item) => this.pattern(item),
                    None => match l.rest.and_then(|r| r.binding) {
                        Some(b) => this.doc.text(&format!("..{}", b.name)),
                        None => this.doc.text(".."),
                    },
                })
            }
            PatKind::Ctor(c) => {
                let name = self.text(c.name.name);
                if c.args.is_empty() {
                    return name;
                }
                let list = List::tight("(", ")", TokenKind::RParen, c.name.span.end);
                let args = self.pattern_list(list, c.args);
                self.cat([name, args])
            }
            PatKind::Struct(s) => {
                let name = self.text(s.name.name);
                let mut spans: Vec<Span> = s
                    .fields
                    .iter()
                    .map(|f| cover(f.field.span, f.pattern.span))
                    .collect();
                if s.has_rest {
                    // `..` has no span in the tree: it is the first `..`
                    // token after the last field.
                    let after = spans.last().map_or(s.name.span.end, |l| l.end);
                    let at = match self.comments {
                        Some(_) => self.close_pos(after, TokenKind::DotDot),
                        None => after,
                    };
                    spans.push(Span::new(at, at.saturating_add(2)));
                }
                let body = self.list(List::braces(s.name.span.end), &spans, |this, i| {
                    let Some(f) = s.fields.get(i) else {
                        return this.doc.text("..");
                    };
                    let field = this.text(f.field.name);
                    if f.shorthand {
                        return field;
                    }
                    let colon = this.text(": ");
                    let pat = this.pattern(&f.pattern);
                    this.cat([field, colon, pat])
                });
                self.cat([name, body])
            }
            PatKind::Error => self.text("<error>"),
        }
    }

    // ----- types -----

    fn ty(&mut self, t: &Type) -> DocId {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || {
            self.with_inline(t.span.start, |this| this.ty_inner(t))
        })
    }

    /// A list of types.
    fn type_list(&mut self, l: List, ts: &[Type]) -> DocId {
        let spans: Vec<Span> = ts.iter().map(|t| t.span).collect();
        self.list(l, &spans, |this, i| this.ty(&ts[i]))
    }

    fn ty_inner(&mut self, t: &Type) -> DocId {
        match t.kind {
            TypeKind::Named { name, args } => {
                let name_doc = self.text(name.name);
                if args.is_empty() {
                    return name_doc;
                }
                let list = List::bare("<", ">", TokenKind::Gt, name.span.end);
                let args = self.type_list(list, args);
                self.cat([name_doc, args])
            }
            TypeKind::List(e) => {
                let open = self.text("[");
                let e = self.ty(e);
                let close = self.text("]");
                self.cat([open, e, close])
            }
            TypeKind::Tuple(ts) => {
                let list = List::tight("(", ")", TokenKind::RParen, t.span.start);
                self.type_list(list, ts)
            }
            TypeKind::Unit => self.text("()"),
            TypeKind::Fn { params, ret } => {
                let list = List::tight("fn(", ")", TokenKind::RParen, t.span.start);
                let params = self.type_list(list, params);
                let arrow = self.text(" -> ");
                let ret = self.ty(ret);
                self.cat([params, arrow, ret])
            }
            TypeKind::Error => self.text("<error>"),
        }
    }
}

/// `if`, `match` and blocks: expressions that end a statement by themselves.
fn is_block_like(e: &Expr) -> bool {
    matches!(
        e.kind,
        ExprKind::If(_) | ExprKind::Match(_) | ExprKind::Block(_)
    )
}

/// A Float literal that reads back as the same value (Rust's shortest
/// round-trip form, which calc's float syntax accepts).
fn float_text(v: f64) -> String {
    if v.is_nan() {
        "(0.0 / 0.0)".to_string()
    } else if v.is_infinite() {
        if v < 0.0 { "-1e999" } else { "1e999" }.to_string()
    } else {
        format!("{v:?}")
    }
}

/// A string literal with `\\`, `\"`, the named escapes and `\u{…}` for
/// other control characters.
fn string_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::arena::Arena;
    use crate::syntax::parser::parse;

    fn reprint(src: &str) -> String {
        let arena = Arena::new();
        let p = parse(&arena, src);
        assert!(p.diagnostics.is_empty(), "{src}: {:?}", p.diagnostics);
        program(&p.program)
    }

    #[test]
    fn parentheses_only_where_needed() {
        for (src, out) in [
            ("(1 + 2) * 3", "(1 + 2) * 3\n"),
            ("1 + (2 * 3)", "1 + 2 * 3\n"),
            ("(1 - 2) - 3", "1 - 2 - 3\n"),
            ("1 - (2 - 3)", "1 - (2 - 3)\n"),
            ("(2 ** 3) ** 2", "(2 ** 3) ** 2\n"),
            ("2 ** (3 ** 2)", "2 ** 3 ** 2\n"),
            ("(a ++ b) ++ c", "(a ++ b) ++ c\n"),
            ("(-2) ** 2", "(-2) ** 2\n"),
            ("-(2 ** 2)", "-2 ** 2\n"),
            ("-(5)", "-(5)\n"),
            ("(-5).abs()", "(-5).abs()\n"),
            ("(a < b) == c", "(a < b) == c\n"),
            ("(|x| x)(1)", "(|x| x)(1)\n"),
            ("(p.f)(1)", "(p.f)(1)\n"),
            ("(|x| x) + 1", "(|x| x) + 1\n"),
            ("a + (|x| x + 1)", "a + |x| x + 1\n"),
            ("(a + |x| x) + 1", "(a + |x| x) + 1\n"),
            (
                "(if a { 1 } else { 2 }) - 1",
                "(if a { 1 } else { 2 }) - 1\n",
            ),
            (
                "let v = if a { 1 } else { 2 } - 1;",
                "let v = if a { 1 } else { 2 } - 1;\n",
            ),
            (
                "if (P { x: 1 }).x == 1 { 2 }",
                "if (P { x: 1 }).x == 1 { 2 }\n",
            ),
        ] {
            assert_eq!(reprint(src), out, "{src}");
        }
    }

    #[test]
    fn statements_keep_their_shape() {
        let src = "fn f(x: Int) -> Int = x * 2;\nif a { 1 } else { 2 };\n;\nstruct P<T> { x: T }\nenum E { A, B(Int, Str) }\nmatch x { Some(y) if y > 0 => y, _ => 0 }";
        assert_eq!(
            reprint(src),
            "fn f(x: Int) -> Int = x * 2;\nif a { 1 } else { 2 };\n;\nstruct P<T> { x: T }\nenum E { A, B(Int, Str) }\nmatch x {\n    Some(y) if y > 0 => y,\n    _ => 0,\n}\n"
        );
    }

    #[test]
    fn strings_and_floats_read_back() {
        assert_eq!(reprint(r#""a\"b\\c\n\u{7}""#), "\"a\\\"b\\\\c\\n\\u{7}\"\n");
        assert_eq!(reprint("1e-7 + 1e100 + 0.5"), "1e-7 + 1e100 + 0.5\n");
    }

    #[test]
    fn long_lists_break_one_item_per_line() {
        let src = format!("[{}]", ["123456789"; 12].join(", "));
        let out = reprint(&src);
        assert!(out.starts_with("[\n    123456789,\n"), "{out}");
        assert!(out.lines().all(|l| l.len() <= WIDTH as usize));
    }
}
