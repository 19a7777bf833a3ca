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
//! Layout is built with the document model of [`doc`], which a future
//! `calc fmt` extends rather than writing a second printer. The AST carries
//! no comments, so this printer cannot keep them. It must not parse, check
//! or evaluate, and never changes the tree.
//!
//! What the parser never produces prints as well as the syntax allows: an
//! `Error` node prints as `<error>`, a negative Float literal as a negation,
//! an infinite one as `1e999` and a NaN as `(0.0 / 0.0)`.

pub mod doc;

use crate::syntax::ast::*;
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
    let body = pr.block_body(p.body);
    let text = pr.doc.render(body, WIDTH);
    if text.is_empty() { text } else { text + "\n" }
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

#[derive(Default)]
struct Printer {
    doc: Doc,
    /// Shapes computed so far, by node address (the tree does not move
    /// while it is printed).
    shapes: HashMap<*const Expr<'static>, Shape>,
}

impl Printer {
    fn text(&mut self, s: &str) -> DocId {
        self.doc.text(s)
    }

    fn cat<const N: usize>(&mut self, parts: [DocId; N]) -> DocId {
        self.doc.concat(parts)
    }

    /// `open item, item close` as a group: flat if it fits, else one item
    /// per line, indented.
    fn delimited(&mut self, open: &str, items: Vec<DocId>, close: &str, spaced: bool) -> DocId {
        let open = self.text(open);
        let close = self.text(close);
        if items.is_empty() {
            return self.cat([open, close]);
        }
        let mut inner = Vec::with_capacity(items.len() * 3 + 1);
        inner.push(if spaced {
            self.doc.line()
        } else {
            self.doc.soft_line()
        });
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                inner.push(self.doc.text(","));
                inner.push(self.doc.line());
            }
            inner.push(item);
        }
        let inner = self.doc.concat(inner);
        let nested = self.doc.nest(INDENT, inner);
        let end = if spaced {
            self.doc.line()
        } else {
            self.doc.soft_line()
        };
        let all = self.cat([open, nested, end, close]);
        self.doc.group(all)
    }

    // ----- blocks and statements -----

    /// The statements and tail of a block, one per line (no braces).
    fn block_body(&mut self, b: &Block) -> DocId {
        let mut parts = Vec::with_capacity(b.stmts.len() * 2 + 1);
        for (i, s) in b.stmts.iter().enumerate() {
            if i > 0 {
                parts.push(self.doc.hard_line());
            }
            // A block-like expression statement needs its `;` only where
            // the parser would otherwise take the next `;` as its end, or
            // take it as the block's value.
            let semi = match b.stmts.get(i + 1) {
                Some(Stmt::Empty(_)) => true,
                Some(_) => false,
                None => b.tail.is_none(),
            };
            parts.push(self.stmt(s, semi));
        }
        if let Some(t) = &b.tail {
            if !b.stmts.is_empty() {
                parts.push(self.doc.hard_line());
            }
            parts.push(self.stmt_expr(t));
        }
        self.doc.concat(parts)
    }

    /// A block `{ … }`: on one line if it has only a tail that fits.
    fn block(&mut self, b: &Block) -> DocId {
        if b.stmts.is_empty() && b.tail.is_none() {
            return self.text("{}");
        }
        let open = self.text("{");
        let close = self.text("}");
        let body = self.block_body(b);
        let (before, after) = if b.stmts.is_empty() {
            (self.doc.line(), self.doc.line())
        } else {
            (self.doc.hard_line(), self.doc.hard_line())
        };
        let inner = self.cat([before, body]);
        let nested = self.doc.nest(INDENT, inner);
        let all = self.cat([open, nested, after, close]);
        self.doc.group(all)
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
                let fields = s
                    .fields
                    .iter()
                    .map(|f| {
                        let name = self.text(f.name.name);
                        let colon = self.text(": ");
                        let ty = self.ty(&f.ty);
                        self.cat([name, colon, ty])
                    })
                    .collect();
                let body = self.delimited(" {", fields, "}", true);
                self.cat([head, body])
            }
            Stmt::Enum(e) => {
                let head = self.item_head("enum ", e.name, e.params);
                let variants = e
                    .variants
                    .iter()
                    .map(|v| {
                        let name = self.text(v.name.name);
                        if v.fields.is_empty() {
                            return name;
                        }
                        let fields = v.fields.iter().map(|t| self.ty(t)).collect();
                        let fields = self.delimited("(", fields, ")", false);
                        self.cat([name, fields])
                    })
                    .collect();
                let body = self.delimited(" {", variants, "}", true);
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
        let name = self.text(name.name);
        if params.is_empty() {
            return self.cat([kw, name]);
        }
        let params = params.iter().map(|p| self.doc.text(p.name)).collect();
        let params = self.delimited("<", params, ">", false);
        self.cat([kw, name, params])
    }

    fn fn_item(&mut self, f: &FnItem) -> DocId {
        let kw = self.text("fn ");
        let name = self.text(f.name.name);
        let generics = if f.generics.is_empty() {
            self.text("")
        } else {
            let gs = f
                .generics
                .iter()
                .map(|g| {
                    let name = self.text(g.name.name);
                    if g.bounds.is_empty() {
                        return name;
                    }
                    let bounds: Vec<_> = g.bounds.iter().map(|b| b.name).collect();
                    let bounds = self.text(&format!(": {}", bounds.join(" + ")));
                    self.cat([name, bounds])
                })
                .collect();
            self.delimited("<", gs, ">", false)
        };
        let params = f.params.iter().map(|p| self.param(p)).collect();
        let params = self.delimited("(", params, ")", false);
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
                let body = self.block(b);
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
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.expr_inner(e, ctx))
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
                let args = self.args(c.args);
                self.cat([callee, args])
            }
            ExprKind::MethodCall(m) => {
                let receiver = self.base(&m.receiver, ctx);
                let name = self.text(&format!(".{}", m.method.name));
                let args = self.args(m.args);
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
                let items = self.exprs(l.items);
                self.delimited("(", items, ")", false)
            }
            ExprKind::List(l) => {
                let items = self.exprs(l.items);
                self.delimited("[", items, "]", false)
            }
            ExprKind::Block(_) | ExprKind::If(_) | ExprKind::Match(_) if ctx.stmt_start => {
                self.parens(e)
            }
            ExprKind::Block(b) => self.block(b),
            ExprKind::If(i) => self.if_expr(i),
            ExprKind::Match(m) => self.match_expr(m),
            ExprKind::Closure(c) => self.closure(c, inner),
            ExprKind::StructLit(_) if ctx.no_struct => self.parens(e),
            ExprKind::StructLit(s) => {
                let name = self.text(s.name.name);
                let fields = s
                    .fields
                    .iter()
                    .map(|f| {
                        let name = self.text(f.name.name);
                        if f.shorthand {
                            return name;
                        }
                        let colon = self.text(": ");
                        let value = self.expr(&f.value, Ctx::default());
                        self.cat([name, colon, value])
                    })
                    .collect();
                let body = self.delimited(" {", fields, "}", true);
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

    fn exprs(&mut self, items: &[Expr]) -> Vec<DocId> {
        items.iter().map(|e| self.expr(e, Ctx::default())).collect()
    }

    fn args(&mut self, args: &[Expr]) -> DocId {
        let items = self.exprs(args);
        self.delimited("(", items, ")", false)
    }

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
        let then = self.block(i.then_branch);
        let head = self.cat([kw, cond, space, then]);
        match &i.else_branch {
            Some(e) => {
                let kw = self.text(" else ");
                let other = self.expr(e, Ctx::default());
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
        if m.arms.is_empty() {
            let braces = self.text(" {}");
            return self.cat([kw, scrutinee, braces]);
        }
        let open = self.text(" {");
        let mut arms = Vec::with_capacity(m.arms.len() * 2);
        for a in m.arms {
            arms.push(self.doc.hard_line());
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
        }
        let arms = self.doc.concat(arms);
        let arms = self.doc.nest(INDENT, arms);
        let end = self.doc.hard_line();
        let close = self.text("}");
        self.cat([kw, scrutinee, open, arms, end, close])
    }

    fn closure(&mut self, c: &Closure, ctx: Ctx) -> DocId {
        let params = if c.params.is_empty() {
            self.text("||")
        } else {
            let ps = c.params.iter().map(|p| self.param(p)).collect();
            self.delimited("|", ps, "|", false)
        };
        match &c.ret {
            Some(t) => {
                let arrow = self.text(" -> ");
                let t = self.ty(t);
                let space = self.text(" ");
                let body = match c.body.kind {
                    ExprKind::Block(b) => self.block(b),
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
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.pattern_inner(p))
    }

    fn patterns(&mut self, items: &[Pattern]) -> Vec<DocId> {
        items.iter().map(|p| self.pattern(p)).collect()
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
                let items = self.patterns(l.items);
                self.delimited("(", items, ")", false)
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
                let mut items = self.patterns(l.items);
                if let Some(r) = &l.rest {
                    items.push(match r.binding {
                        Some(b) => self.doc.text(&format!("..{}", b.name)),
                        None => self.doc.text(".."),
                    });
                }
                self.delimited("[", items, "]", false)
            }
            PatKind::Ctor(c) => {
                let name = self.text(c.name.name);
                if c.args.is_empty() {
                    return name;
                }
                let args = self.patterns(c.args);
                let args = self.delimited("(", args, ")", false);
                self.cat([name, args])
            }
            PatKind::Struct(s) => {
                let name = self.text(s.name.name);
                let mut fields: Vec<DocId> = s
                    .fields
                    .iter()
                    .map(|f| {
                        let field = self.text(f.field.name);
                        if f.shorthand {
                            return field;
                        }
                        let colon = self.text(": ");
                        let pat = self.pattern(&f.pattern);
                        self.cat([field, colon, pat])
                    })
                    .collect();
                if s.has_rest {
                    fields.push(self.doc.text(".."));
                }
                let body = self.delimited(" {", fields, "}", true);
                self.cat([name, body])
            }
            PatKind::Error => self.text("<error>"),
        }
    }

    // ----- types -----

    fn ty(&mut self, t: &Type) -> DocId {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.ty_inner(t))
    }

    fn types(&mut self, ts: &[Type]) -> Vec<DocId> {
        ts.iter().map(|t| self.ty(t)).collect()
    }

    fn ty_inner(&mut self, t: &Type) -> DocId {
        match t.kind {
            TypeKind::Named { name, args } => {
                let name = self.text(name.name);
                if args.is_empty() {
                    return name;
                }
                let args = self.types(args);
                let args = self.delimited("<", args, ">", false);
                self.cat([name, args])
            }
            TypeKind::List(e) => {
                let open = self.text("[");
                let e = self.ty(e);
                let close = self.text("]");
                self.cat([open, e, close])
            }
            TypeKind::Tuple(ts) => {
                let items = self.types(ts);
                self.delimited("(", items, ")", false)
            }
            TypeKind::Unit => self.text("()"),
            TypeKind::Fn { params, ret } => {
                let params = self.types(params);
                let params = self.delimited("fn(", params, ")", false);
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
