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
mod pattern;
mod stmt;
mod trivia;

use crate::span::Span;
use crate::syntax::ast::*;
use crate::syntax::lexer::{Comment, CommentKind, Token, TokenKind};
use crate::syntax::spine::walk_left_spine;
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
    // ----- expressions -----

    /// The shape of `e` printed without parentheses (memoised where it
    /// depends on the operands' shapes: asking for every node's shape is
    /// linear in the tree).
    fn shape(&mut self, e: &Expr) -> Shape {
        if !matches!(
            e.kind,
            ExprKind::Unary(_)
                | ExprKind::Binary(_)
                | ExprKind::Call(_)
                | ExprKind::MethodCall(_)
                | ExprKind::Field(_)
                | ExprKind::Index(_)
        ) {
            return self.compute_shape(e);
        }
        let key = (e as *const Expr).cast::<Expr<'static>>();
        if let Some(s) = self.shapes.get(&key) {
            return *s;
        }
        if let ExprKind::Binary(b) = &e.kind {
            self.chain_shapes(&b.operands().lhs);
        }
        let s = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.compute_shape(e));
        self.shapes.insert(key, s);
        s
    }

    /// Computes the shapes of the binary operations down the left edge of
    /// `e` not yet known, innermost first, so that each finds its left
    /// operand's shape known: a chain as long as the source is shaped in a
    /// loop, not by one recursion per operator.
    fn chain_shapes(&mut self, e: &Expr) {
        let key = |e: &Expr| (e as *const Expr).cast::<Expr<'static>>();
        if !matches!(e.kind, ExprKind::Binary(_)) || self.shapes.contains_key(&key(e)) {
            return;
        }
        let mut spine = Vec::new();
        walk_left_spine(e, |op, b| {
            spine.push(op);
            !self.shapes.contains_key(&key(&b.lhs))
        });
        for op in spine.into_iter().rev() {
            let s = self.compute_shape(op);
            self.shapes.insert(key(op), s);
        }
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
    fn lhs_parens(&mut self, b: Binary) -> bool {
        let (l, _) = binding_power(b.op);
        let chained =
            is_comparison(b.op) && matches!(b.lhs.kind, ExprKind::Binary(x) if is_comparison(x.op));
        chained || self.shape(&b.lhs).right <= l
    }

    /// Whether a binary operator's right operand needs parentheses: an
    /// operator on its left edge binds less tightly than this one's right
    /// side.
    fn rhs_parens(&mut self, b: Binary) -> bool {
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
            ExprKind::Var { name, .. } => self.text(name.as_str()),
            ExprKind::Unary(u) => {
                let op = self.text(match u.op {
                    UnaryOp::Neg => "-",
                    UnaryOp::Not => "!",
                });
                let parens = self.operand_parens(u);
                let operand = self.sub(&u.operand, parens, inner);
                self.cat([op, operand])
            }
            ExprKind::Binary(b) => self.binary(b, ctx, inner),
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
                let name = self.text(s.name.name.as_str());
                let spans: Vec<Span> = s
                    .fields
                    .iter()
                    .map(|f| cover(f.name.span, f.value.span))
                    .collect();
                let body = self.list(List::braces(s.name.span.end), &spans, |this, i| {
                    let f = &s.fields[i];
                    let name = this.text(f.name.name.as_str());
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

    /// The binary operation `b`, printed in `ctx` (its right operand in
    /// `inner`). The chain of operations down its left operands that print
    /// without parentheses is built in a loop, innermost first, as
    /// recursing on the left operand first would (taking the comments
    /// before each in the same order), so a chain as long as the source
    /// takes no native stack per operator.
    fn binary(&mut self, b: Binary, ctx: Ctx, inner: Ctx) -> DocId {
        // The operations above the innermost, each with whether its right
        // operand needs parentheses and the comments before it (the
        // outermost's are the caller's).
        let mut outer = Vec::new();
        let (mut cur, mut before) = (b, None);
        let (first, rp) = loop {
            let lp = self.lhs_parens(cur);
            let rp = self.rhs_parens(cur);
            let lhs = &cur.operands().lhs;
            match lhs.kind {
                ExprKind::Binary(next) if !lp => {
                    outer.push((cur, rp, before));
                    before = match self.comments {
                        Some(_) => self.inline_before(lhs.span.start),
                        None => None,
                    };
                    cur = next;
                }
                _ => break (self.sub(lhs, lp, ctx), rp),
            }
        };
        let mut doc = self.operation(first, cur, rp, before, inner);
        while let Some((b, rp, before)) = outer.pop() {
            doc = self.operation(doc, b, rp, before, inner);
        }
        doc
    }

    /// `lhs`, then the operator and right operand of `b` (in parentheses if
    /// `rp`, else in `inner`), after the comments `before` if any.
    fn operation(
        &mut self,
        lhs: DocId,
        b: Binary,
        rp: bool,
        before: Option<DocId>,
        inner: Ctx,
    ) -> DocId {
        let op = self.text(&format!(" {}", b.op.symbol()));
        let line = self.doc.line();
        let rhs = self.sub(&b.rhs, rp, inner);
        let rest = self.cat([line, rhs]);
        let rest = self.doc.nest(INDENT, rest);
        let all = self.cat([lhs, op, rest]);
        let group = self.doc.group(all);
        match before {
            Some(c) => self.cat([c, group]),
            None => group,
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
mod tests;
