//! The bindings visible at a point of a document, for completion.
//!
//! Owns [`visible`]: a walk down the tree to the point, collecting the
//! binding sites whose scope contains it (the items and type declarations
//! of each enclosing block, the `let`s before the point, the parameters of
//! enclosing functions and closures, the bindings of an enclosing `match`
//! arm), outermost first. The bindings themselves come from the resolver
//! (each site's [`BindingId`]); half-typed code is walked as far as it
//! parsed. It must not type or evaluate.

use crate::sema::resolve::{BindingId, Resolution};
use crate::span::Span;
use crate::syntax::ast::*;
use crate::syntax::spine::walk_left_spine;

/// The bindings whose scope contains byte `offset`, outermost first (a
/// later one with the same name hides an earlier one).
pub fn visible(program: &Program, res: &Resolution, offset: u32) -> Vec<BindingId> {
    let mut w = Scope {
        res,
        offset,
        out: Vec::new(),
    };
    w.block(program.body);
    w.out
}

struct Scope<'r, 'a> {
    res: &'r Resolution<'a>,
    offset: u32,
    out: Vec<BindingId>,
}

fn stmt_span(s: &Stmt) -> Span {
    match s {
        Stmt::Let(l) => l.span,
        Stmt::Fn(f) => f.span,
        Stmt::Struct(s) => s.span,
        Stmt::Enum(e) => e.span,
        Stmt::Expr(e) => e.span,
        Stmt::Empty(s) | Stmt::Error(s) => *s,
    }
}

impl Scope<'_, '_> {
    fn push(&mut self, ident: &Ident) {
        let b = self.res.binding(ident.id);
        if b.is_some() {
            self.out.push(b);
        }
    }

    fn contains(&self, span: Span) -> bool {
        span.start <= self.offset && self.offset <= span.end
    }

    fn block(&mut self, b: &Block) {
        for s in b.stmts {
            match s {
                Stmt::Fn(f) => self.push(&f.name),
                Stmt::Struct(st) => self.push(st.name),
                Stmt::Enum(en) => {
                    self.push(en.name);
                    for v in en.variants {
                        self.push(v.name);
                    }
                }
                _ => {}
            }
        }
        for s in b.stmts {
            let span = stmt_span(s);
            if span.start > self.offset {
                return;
            }
            if self.offset <= span.end {
                self.inside_stmt(s);
                return;
            }
            if let Stmt::Let(l) = s {
                self.pattern(&l.pattern);
            }
        }
        if let Some(t) = &b.tail {
            self.expr(t);
        }
    }

    fn inside_stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::Let(l) => self.expr(&l.value),
            Stmt::Fn(f) => {
                for g in f.generics {
                    self.push(g.name);
                }
                for p in f.params {
                    self.push(&p.name);
                }
                self.expr(&f.body);
            }
            Stmt::Expr(e) => self.expr(e),
            Stmt::Struct(_) | Stmt::Enum(_) | Stmt::Empty(_) | Stmt::Error(_) => {}
        }
    }

    fn pattern(&mut self, p: &Pattern) {
        stacker::maybe_grow(32 * 1024, 1024 * 1024, || match p.kind {
            PatKind::Bind(i) => self.push(i),
            PatKind::Tuple(l) => {
                for q in l.items {
                    self.pattern(q);
                }
            }
            // Alternatives bind the same names; the first one's sites.
            PatKind::Or(l) => {
                if let Some(q) = l.items.first() {
                    self.pattern(q);
                }
            }
            PatKind::List(l) => {
                for q in l.items {
                    self.pattern(q);
                }
                if let Some(Rest {
                    binding: Some(i), ..
                }) = l.rest
                {
                    self.push(i);
                }
            }
            PatKind::Ctor(c) => {
                for q in c.args {
                    self.pattern(q);
                }
            }
            PatKind::Struct(s) => {
                for f in s.fields {
                    self.pattern(&f.pattern);
                }
            }
            _ => {}
        })
    }

    fn exprs(&mut self, es: &[Expr]) {
        for e in es {
            self.expr(e);
        }
    }

    fn expr(&mut self, e: &Expr) {
        if !self.contains(e.span) {
            return;
        }
        stacker::maybe_grow(32 * 1024, 1024 * 1024, || self.expr_inner(e))
    }

    fn expr_inner(&mut self, e: &Expr) {
        match e.kind {
            ExprKind::Unary(u) => self.expr(&u.operand),
            ExprKind::Binary(_) => {
                // Down a left-deep chain in a loop, not a stack frame per
                // operator: while the left operand holds the offset, go
                // on into it; where it does not, the right one may.
                let mut right = None;
                let left = walk_left_spine(e, |_, b| {
                    let operands = b.operands();
                    let go_on = self.contains(operands.lhs.span);
                    if !go_on {
                        right = Some(&operands.rhs);
                    }
                    go_on
                });
                self.expr(left);
                if let Some(rhs) = right {
                    self.expr(rhs);
                }
            }
            ExprKind::Call(c) => {
                self.expr(&c.callee);
                self.exprs(c.args);
            }
            ExprKind::MethodCall(m) => {
                self.expr(&m.receiver);
                self.exprs(m.args);
            }
            ExprKind::Field(f) => self.expr(&f.expr),
            ExprKind::Index(ix) => self.exprs(&[ix.expr, ix.index]),
            ExprKind::Tuple(l) | ExprKind::List(l) => self.exprs(l.items),
            ExprKind::Block(b) => self.block(b),
            ExprKind::If(i) => {
                let in_else = i.else_branch.is_some_and(|x| x.span.start <= self.offset);
                if let Some(x) = &i.else_branch
                    && in_else
                {
                    self.expr(x);
                } else if self.offset > i.cond.span.end {
                    self.block(i.then_branch);
                } else {
                    self.expr(&i.cond);
                }
            }
            ExprKind::Match(m) => {
                self.expr(&m.scrutinee);
                for a in m.arms {
                    if self.contains(a.span) {
                        self.pattern(&a.pattern);
                        if let Some(g) = &a.guard {
                            self.expr(g);
                        }
                        self.expr(&a.body);
                        return;
                    }
                }
            }
            ExprKind::Closure(c) => {
                for p in c.params {
                    self.push(&p.name);
                }
                self.expr(&c.body);
            }
            ExprKind::StructLit(s) => {
                for f in s.fields {
                    self.expr(&f.value);
                }
            }
            ExprKind::Int(_)
            | ExprKind::Float(_)
            | ExprKind::Bool(_)
            | ExprKind::Str(_)
            | ExprKind::Unit
            | ExprKind::Var { .. }
            | ExprKind::Error => {}
        }
    }
}
