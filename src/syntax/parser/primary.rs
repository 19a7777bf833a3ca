//! Operands (the Pratt loop's atoms): literals, names, parenthesised
//! expressions and tuples, lists, struct literals, blocks, `if`, `match` and
//! closures.
//!
//! Operators are parsed by `expr` and literal values decoded by `literal`;
//! this module must not handle prefix, postfix or infix operators itself.

use super::Parser;
use crate::syntax::ast::*;
use crate::syntax::lexer::TokenKind as K;

impl<'a> Parser<'a> {
    /// `|params| body`, `|params| -> Type { … }` or `|| body`.
    pub(super) fn closure(&mut self, no_struct: bool) -> Expr<'a> {
        let start = self.span();
        let pstart = self.params.len();
        if self.bump().kind == K::Pipe {
            self.comma_list(K::Pipe, start, |this| {
                let p = this.param();
                this.params.push(p);
            });
        }
        let params = take!(self.params, pstart);
        let (ret, body) = if self.eat(K::Arrow) {
            let ret = self.ty_ref();
            let body = if self.at(K::LBrace) {
                self.block_expr()
            } else {
                self.error_expected("`{` (a closure with a return type needs a block body)");
                self.error_expr(self.span())
            };
            (Some(ret), body)
        } else {
            (None, self.expr_bp(0, no_struct))
        };
        let id = self.id();
        Expr {
            kind: ExprKind::Closure(self.arena.alloc(Closure {
                params,
                ret,
                body,
                id,
            })),
            span: start.to(body.span),
        }
    }

    /// A `{ … }` block expression.
    pub(super) fn block_expr(&mut self) -> Expr<'a> {
        let open = self.bump().span;
        let block = self.block_body(false);
        self.expect_close(K::RBrace, open);
        Expr {
            kind: ExprKind::Block(block),
            span: open.to(self.prev_span()),
        }
    }

    /// `if`, `match` or a block.
    pub(super) fn block_like(&mut self) -> Expr<'a> {
        if !self.enter() {
            return self.error_expr(self.span());
        }
        let e = self.grow(|this| match this.peek() {
            K::If => this.if_expr(),
            K::Match => this.match_expr(),
            _ => this.block_expr(),
        });
        self.leave();
        e
    }

    /// `if cond { … }` with optional `else { … }` or `else if …`.
    fn if_expr(&mut self) -> Expr<'a> {
        let start = self.bump().span;
        let cond = self.expr_no_struct();
        let then_branch = if self.at(K::LBrace) {
            let open = self.bump().span;
            let b = self.block_body(false);
            self.expect_close(K::RBrace, open);
            b
        } else {
            self.error_expected("`{` after the condition");
            let id = self.id();
            self.arena.alloc(Block {
                stmts: &[],
                tail: None,
                id,
            })
        };
        let else_branch = if self.eat(K::Else) {
            if self.at(K::If) {
                Some(self.block_like())
            } else if self.at(K::LBrace) {
                Some(self.block_expr())
            } else {
                self.error_expected("`{` or `if` after `else`");
                None
            }
        } else {
            None
        };
        Expr {
            kind: ExprKind::If(self.arena.alloc(If {
                cond,
                then_branch,
                else_branch,
            })),
            span: start.to(self.prev_span()),
        }
    }

    /// `match scrutinee { pattern (if guard)? => body, … }`
    fn match_expr(&mut self) -> Expr<'a> {
        let start = self.bump().span;
        let scrutinee = self.expr_no_struct();
        let astart = self.arms.len();
        let open = self.span();
        if self.expect(K::LBrace) {
            while !self.at(K::RBrace) && !self.at(K::Eof) && !self.recovering {
                let pattern = self.pattern();
                let guard = if self.eat(K::If) {
                    Some(self.expr())
                } else {
                    None
                };
                let body = if self.expect(K::FatArrow) {
                    self.expr()
                } else {
                    self.error_expr(self.span())
                };
                let span = pattern.span.to(self.prev_span());
                self.arms.push(Arm {
                    pattern,
                    guard,
                    body,
                    span,
                });
                let block_body = matches!(
                    body.kind,
                    ExprKind::Block(_) | ExprKind::If(_) | ExprKind::Match(_)
                );
                if !self.eat(K::Comma) && (!block_body || self.at(K::RBrace)) {
                    break;
                }
            }
            self.expect_close(K::RBrace, open);
        }
        let arms = take!(self.arms, astart);
        Expr {
            kind: ExprKind::Match(self.arena.alloc(Match { scrutinee, arms })),
            span: start.to(self.prev_span()),
        }
    }

    /// One operand; `no_struct` forbids a struct literal after a type name.
    pub(super) fn primary(&mut self, no_struct: bool) -> Expr<'a> {
        let start = self.span();
        let kind = match self.peek() {
            K::Int => {
                let t = self.bump();
                ExprKind::Int(self.int_value(t.span, false))
            }
            K::Float => {
                let t = self.bump();
                ExprKind::Float(self.float_value(t.span))
            }
            K::Str => {
                let t = self.bump();
                ExprKind::Str(self.string_lit(t.span))
            }
            K::True => {
                self.bump();
                ExprKind::Bool(true)
            }
            K::False => {
                self.bump();
                ExprKind::Bool(false)
            }
            K::Ident => {
                let t = self.bump();
                self.var_at(t.span)
            }
            K::UIdent => {
                let t = self.bump();
                if self.at(K::LBrace) && !no_struct {
                    let name = self.ident(t);
                    return self.struct_lit(name);
                }
                self.var_at(t.span)
            }
            K::LParen => return self.paren(),
            K::LBracket => {
                let open = self.bump().span;
                let estart = self.exprs.len();
                self.comma_list(K::RBracket, open, Self::push_expr);
                let items = take!(self.exprs, estart);
                ExprKind::List(self.arena.alloc(ExprList { items }))
            }
            K::If | K::Match | K::LBrace => return self.block_like(),
            K::Unknown | K::Unterminated => return self.absorb_bad_token(no_struct),
            _ => {
                self.error_expected("an expression");
                return self.error_expr(start);
            }
        };
        Expr {
            kind,
            span: start.to(self.prev_span()),
        }
    }

    /// Absorbs text the lexer already reported (an unknown character, an
    /// unterminated string or comment) and the operand after it, if one
    /// follows, into one `Error` node: `$ 1` and `1 $ 2` are one mistake
    /// each, reported once by the lexer.
    pub(super) fn absorb_bad_token(&mut self, no_struct: bool) -> Expr<'a> {
        let at = self.bump().span;
        self.tainted = true;
        let end = if starts_operand(self.peek()) {
            self.expr_bp(super::expr::PREFIX_BP, no_struct).span
        } else {
            at
        };
        Expr {
            kind: ExprKind::Error,
            span: at.to(end),
        }
    }

    /// `()`, a parenthesised expression or a tuple.
    fn paren(&mut self) -> Expr<'a> {
        let open = self.bump().span;
        if self.eat(K::RParen) {
            return Expr {
                kind: ExprKind::Unit,
                span: open.to(self.prev_span()),
            };
        }
        let first = self.expr();
        if !self.at(K::Comma) {
            self.expect_close(K::RParen, open);
            return first;
        }
        let estart = self.exprs.len();
        self.exprs.push(first);
        while self.eat(K::Comma) {
            if self.at(K::RParen) {
                break;
            }
            let e = self.expr();
            self.exprs.push(e);
        }
        self.expect_close(K::RParen, open);
        let span = open.to(self.prev_span());
        if self.exprs.len() - estart == 1 {
            self.one_element_tuple(span, "expression");
        }
        let items = take!(self.exprs, estart);
        Expr {
            kind: ExprKind::Tuple(self.arena.alloc(ExprList { items })),
            span,
        }
    }

    /// A struct literal `Name { field: value, shorthand, … }` after its name.
    fn struct_lit(&mut self, name: &'a Ident<'a>) -> Expr<'a> {
        let open = self.bump().span;
        let fstart = self.inits.len();
        self.comma_list(K::RBrace, open, |this| {
            let fname = this.name(false, "a field name");
            let (value, shorthand) = if this.eat(K::Colon) {
                (this.expr(), false)
            } else {
                let id = this.id();
                (
                    Expr {
                        kind: ExprKind::Var {
                            name: fname.name,
                            id,
                        },
                        span: fname.span,
                    },
                    true,
                )
            };
            this.inits.push(FieldInit {
                name: fname,
                value,
                shorthand,
            });
        });
        let fields = take!(self.inits, fstart);
        Expr {
            kind: ExprKind::StructLit(self.arena.alloc(StructLit { name, fields })),
            span: name.span.to(self.prev_span()),
        }
    }
}

/// Whether a token of kind `k` can start an operand (a prefix operator, a
/// closure or a primary expression).
fn starts_operand(k: K) -> bool {
    matches!(
        k,
        K::Int
            | K::Float
            | K::Str
            | K::True
            | K::False
            | K::Ident
            | K::UIdent
            | K::LParen
            | K::LBracket
            | K::LBrace
            | K::If
            | K::Match
            | K::Minus
            | K::Bang
            | K::Pipe
            | K::OrOr
            | K::Unknown
            | K::Unterminated
    )
}
