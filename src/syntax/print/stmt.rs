//! Printing blocks, statements and items (`let`, `fn`, `struct`, `enum`).
//!
//! Owns the layout of a block's statements, one per line with their
//! comments, and of item declarations. It must not lay out expressions
//! beyond calling the expression printer.

use super::*;

impl Printer<'_> {
    /// The statements and tail of a block, one per line (no braces), with
    /// the comments before each and after each on its line; `close` is
    /// where the block's `}` is (`u32::MAX` for a program).
    pub(super) fn block_body(&mut self, b: &Block, close: u32) -> DocId {
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
    pub(super) fn block(&mut self, b: &Block, from: u32, grouped: bool) -> DocId {
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
    pub(super) fn stmt_expr(&mut self, e: &Expr) -> DocId {
        let ctx = Ctx {
            no_struct: false,
            stmt_start: !is_block_like(e),
        };
        self.expr(e, ctx)
    }

    /// One statement; `semi` asks for the `;` after a block-like expression.
    pub(super) fn stmt(&mut self, s: &Stmt, semi: bool) -> DocId {
        match s {
            Stmt::Let(l) => {
                let kw = self.text("let ");
                let pat = self.pattern(&l.pattern);
                let ty = self.annotation(l.ty);
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
                    let name = this.text(f.name.name.as_str());
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
                    let name = this.text(v.name.name.as_str());
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
    pub(super) fn item_head(&mut self, kw: &str, name: &Ident, params: &[Ident]) -> DocId {
        let kw = self.text(kw);
        let name_doc = self.text(name.name.as_str());
        if params.is_empty() {
            return self.cat([kw, name_doc]);
        }
        let spans: Vec<Span> = params.iter().map(|p| p.span).collect();
        let l = List::bare("<", ">", TokenKind::Gt, name.span.end);
        let params = self.list(l, &spans, |this, i| this.doc.text(params[i].name.as_str()));
        self.cat([kw, name_doc, params])
    }

    pub(super) fn fn_item(&mut self, f: &FnItem) -> DocId {
        let kw = self.text("fn ");
        let name = self.text(f.name.name.as_str());
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
                let name = this.text(g.name.name.as_str());
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

    pub(super) fn param(&mut self, p: &Param) -> DocId {
        let name = self.text(p.name.name.as_str());
        let ty = self.annotation(p.ty);
        self.cat([name, ty])
    }

    /// `: T`, or nothing.
    pub(super) fn annotation(&mut self, t: Option<&Type>) -> DocId {
        match t {
            Some(t) => {
                let colon = self.text(": ");
                let t = self.ty(t);
                self.cat([colon, t])
            }
            None => self.text(""),
        }
    }
}
