//! Block bodies and statements: the statement loop with its recovery and
//! tail-expression rule, expression statements and `let`.
//!
//! Items (`fn`, `struct`, `enum`) are dispatched to `items`; expressions,
//! patterns and types are parsed by their own modules. This module must not
//! parse any expression or item syntax itself.

use super::Parser;
use crate::diag::{Diagnostic, codes};
use crate::span::Span;
use crate::syntax::ast::*;
use crate::syntax::lexer::TokenKind as K;

impl<'a> Parser<'a> {
    /// Parses statements up to `}` (or end of input at top level); the
    /// caller consumes the braces.
    pub(super) fn block_body(&mut self, top: bool) -> &'a Block<'a> {
        let id = self.id();
        if !top {
            self.open_blocks += 1;
        }
        let outer_nest = (self.block_nest, self.block_braces);
        self.block_nest = self.nest;
        self.block_braces = self.braces;
        let outer_tainted = self.tainted;
        let mut tainted = false;
        let start = self.stmts.len();
        let mut tail = None;
        loop {
            match self.peek() {
                K::Eof => break,
                K::RBrace if !top => break,
                K::RBrace => {
                    let span = self.span();
                    self.report(
                        Diagnostic::error(
                            codes::UNEXPECTED_TOKEN,
                            "unexpected closing delimiter `}`",
                            span,
                        )
                        .with_primary_message("no block is open here"),
                    );
                    self.bump();
                    self.recovering = false;
                    continue;
                }
                _ => {}
            }
            let before = self.consumed();
            // A statement starts at the block's level, whatever delimiters
            // the one before it left open.
            self.nest = self.block_nest;
            self.braces = self.block_braces;
            self.tainted = false;
            let stmt = self.statement(&mut tail);
            tainted |= self.tainted;
            if let Some(stmt) = stmt {
                self.stmts.push(stmt);
            }
            if self.recovering {
                self.synchronize();
                if self.consumed() == before {
                    self.bump();
                }
            }
            if tail.is_some() {
                if self.at_block_end() {
                    break;
                }
                // Not actually the tail: demote and continue.
                let e = tail.take().expect("tail was just checked to be Some");
                let e = self.arena.alloc(e);
                self.stmts.push(Stmt::Expr(e));
            }
        }
        let stmts = take!(self.stmts, start);
        if !top {
            self.open_blocks -= 1;
        }
        (self.block_nest, self.block_braces) = outer_nest;
        // A block inside a statement taints it as its own statements were.
        self.tainted = outer_tainted || tainted;
        self.arena.alloc(Block { stmts, tail, id })
    }

    /// One statement. A final expression without `;` is stored in `tail`.
    fn statement(&mut self, tail: &mut Option<Expr<'a>>) -> Option<Stmt<'a>> {
        match self.peek() {
            K::Semi => {
                let s = self.bump().span;
                Some(Stmt::Empty(s))
            }
            K::Let => Some(self.let_stmt()),
            K::Fn if matches!(self.peek_next(), K::Ident | K::UIdent | K::Reserved) => {
                Some(Stmt::Fn(self.fn_item()))
            }
            K::Struct => Some(self.struct_item()),
            K::Enum => Some(self.enum_item()),
            K::If | K::Match | K::LBrace => {
                let e = self.block_like();
                if self.at(K::Dot) {
                    // `match x { … }.len()`: continue as an ordinary expression.
                    let e = self.postfix_and_infix(e, 0, false);
                    return self.finish_expr_stmt(e, tail);
                }
                if self.eat(K::Semi) {
                    return Some(Stmt::Expr(self.arena.alloc(e)));
                }
                if self.at_block_end() {
                    *tail = Some(e);
                    return None;
                }
                Some(Stmt::Expr(self.arena.alloc(e)))
            }
            _ => {
                let e = self.expr();
                self.finish_expr_stmt(e, tail)
            }
        }
    }

    /// Ends an expression statement: `;`, the block's tail, or a missing-`;`
    /// error.
    fn finish_expr_stmt(&mut self, e: Expr<'a>, tail: &mut Option<Expr<'a>>) -> Option<Stmt<'a>> {
        if self.eat(K::Semi) {
            return Some(Stmt::Expr(self.arena.alloc(e)));
        }
        if self.at_block_end() {
            *tail = Some(e);
            return None;
        }
        if !self.absorb_reported() {
            let span = self.prev_span();
            let at = Span::new(span.end, span.end);
            let found = self.found();
            self.report(
                Diagnostic::error(
                    codes::UNEXPECTED_TOKEN,
                    format!("expected `;`, found {found}"),
                    self.span(),
                )
                .with_label(at, "expected `;` after this expression")
                .with_help("end the statement with `;`"),
            );
        }
        Some(Stmt::Expr(self.arena.alloc(e)))
    }

    /// `let PATTERN (: TYPE)? = EXPR;`
    fn let_stmt(&mut self) -> Stmt<'a> {
        let start = self.bump().span;
        let pattern = self.pattern();
        let ty = if self.eat(K::Colon) {
            Some(self.ty_ref())
        } else {
            None
        };
        let value = if self.expect(K::Eq) {
            self.expr()
        } else {
            self.error_expr(self.span())
        };
        if !self.recovering {
            self.expect(K::Semi);
        }
        let span = start.to(self.prev_span());
        Stmt::Let(self.arena.alloc(Let {
            pattern,
            ty,
            value,
            span,
        }))
    }
}
