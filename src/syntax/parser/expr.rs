//! Expressions: the Pratt loop. Owns A5's binding-power table, prefix `-`
//! and `!` (folding `-LITERAL` into the literal), postfix calls, indexing,
//! field access and method calls, infix operators, and the chained
//! comparison error.
//!
//! Operands are parsed by `primary`; this module must not parse any operand
//! syntax itself.

use super::Parser;
use crate::diag::{Diagnostic, codes};
use crate::span::Span;
use crate::syntax::ast::*;
use crate::syntax::lexer::TokenKind as K;

/// Binding powers (left, right) of infix operators; higher binds tighter.
fn infix_bp(kind: K) -> Option<(u8, u8, BinOp)> {
    Some(match kind {
        K::OrOr => (1, 2, BinOp::Or),
        K::AndAnd => (3, 4, BinOp::And),
        K::EqEq => (5, 6, BinOp::Eq),
        K::NotEq => (5, 6, BinOp::Ne),
        K::Lt => (5, 6, BinOp::Lt),
        K::Le => (5, 6, BinOp::Le),
        K::Gt => (5, 6, BinOp::Gt),
        K::Ge => (5, 6, BinOp::Ge),
        K::PlusPlus => (8, 7, BinOp::Concat),
        K::Plus => (9, 10, BinOp::Add),
        K::Minus => (9, 10, BinOp::Sub),
        K::Star => (11, 12, BinOp::Mul),
        K::Slash => (11, 12, BinOp::Div),
        K::Percent => (11, 12, BinOp::Rem),
        K::StarStar => (16, 15, BinOp::Pow),
        _ => return None,
    })
}

/// Right binding power of prefix `-` and `!`: looser than `**`, tighter than `*`.
pub(super) const PREFIX_BP: u8 = 13;
/// Left binding power of postfix call, index, method call and field access.
const POSTFIX_BP: u8 = 20;

/// Whether `op` is a comparison (these do not chain).
fn is_comparison(op: BinOp) -> bool {
    matches!(
        op,
        BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge
    )
}

impl<'a> Parser<'a> {
    /// A full expression (lowest binding power), with struct literals allowed.
    pub(super) fn expr(&mut self) -> Expr<'a> {
        self.expr_bp(0, false)
    }

    /// An expression where a struct literal would be ambiguous with the
    /// following block (`if` condition, `match` scrutinee).
    pub(super) fn expr_no_struct(&mut self) -> Expr<'a> {
        self.expr_bp(0, true)
    }

    /// An expression whose operators bind at least as tightly as `min_bp`,
    /// guarded by the depth limit and `stacker`.
    #[inline(always)]
    pub(super) fn expr_bp(&mut self, min_bp: u8, no_struct: bool) -> Expr<'a> {
        match self.lone_operand(min_bp) {
            Some(e) => e,
            None => self.pratt(min_bp, no_struct),
        }
    }

    /// [`Parser::expr_bp`] in general: an operand and the operators after it.
    #[inline(never)]
    fn pratt(&mut self, min_bp: u8, no_struct: bool) -> Expr<'a> {
        if !self.enter() {
            return self.error_expr(self.span());
        }
        let e = self.grow(|this| {
            let lhs = this.prefix(no_struct);
            this.postfix_and_infix(lhs, min_bp, no_struct)
        });
        self.leave();
        e
    }

    /// The most common expression, a name or an integer literal that no
    /// operator continues (`b` in `a + b;`, each argument of `f(1, x)`),
    /// parsed without the Pratt machinery; `None` (nothing consumed) for
    /// anything else. The result is what [`Parser::expr_bp`]'s general path
    /// would give: that path checks the depth and arena limits before the
    /// operand, so those must not be reached here, and its postfix and infix
    /// loop stops right away at a token that is neither a postfix operator,
    /// nor already-reported text, nor an infix operator binding at least as
    /// tightly as `min_bp`.
    #[inline(always)]
    fn lone_operand(&mut self, min_bp: u8) -> Option<Expr<'a>> {
        let kind = self.peek();
        if !matches!(kind, K::Ident | K::Int) {
            return None;
        }
        let next = self.peek_next();
        let stops = match infix_bp(next) {
            Some((l_bp, _, _)) => l_bp < min_bp,
            None => !matches!(
                next,
                K::LParen | K::LBracket | K::Dot | K::Unknown | K::Unterminated
            ),
        };
        if !stops || self.depth >= super::MAX_DEPTH || self.arena.over_limit().is_some() {
            return None;
        }
        let t = self.bump();
        let kind = if kind == K::Ident {
            self.var_at(t.span)
        } else {
            ExprKind::Int(self.int_value(t.span, false))
        };
        Some(Expr { kind, span: t.span })
    }

    /// Parses an expression onto the `exprs` scratch stack (an argument or
    /// a list element). A lone operand is pushed straight from registers;
    /// through a variable shared with the general path it went through a
    /// stack copy, which the push read back before its stores were done.
    pub(super) fn push_expr(&mut self) {
        match self.lone_operand(0) {
            Some(e) => self.exprs.push(e),
            None => {
                let e = self.pratt(0, false);
                self.exprs.push(e);
            }
        }
    }

    /// A prefix operator application, a closure, or a primary operand.
    fn prefix(&mut self, no_struct: bool) -> Expr<'a> {
        let start = self.span();
        match self.peek() {
            K::Minus | K::Bang => {
                let op_tok = self.bump();
                let op = if op_tok.kind == K::Minus {
                    UnaryOp::Neg
                } else {
                    UnaryOp::Not
                };
                // Fold `-LITERAL` when the minus applies to the literal itself
                // (not to `LITERAL ** …` or `LITERAL.method()`).
                if op == UnaryOp::Neg
                    && self.at(K::Int)
                    && !matches!(
                        self.peek_next(),
                        K::StarStar | K::Dot | K::LParen | K::LBracket
                    )
                {
                    let t = self.bump();
                    let v = self.int_value(t.span, true);
                    return Expr {
                        kind: ExprKind::Int(v),
                        span: start.to(t.span),
                    };
                }
                let operand = self.expr_bp(PREFIX_BP, no_struct);
                Expr {
                    kind: ExprKind::Unary(self.arena.alloc(Unary {
                        op,
                        op_start: op_tok.span.start,
                        operand,
                    })),
                    span: start.to(operand.span),
                }
            }
            K::Pipe | K::OrOr => self.closure(no_struct),
            _ => self.primary(no_struct),
        }
    }

    /// A parenthesised call argument list.
    fn args(&mut self) -> &'a [Expr<'a>] {
        let open = self.bump().span;
        let estart = self.exprs.len();
        self.comma_list(K::RParen, open, Self::push_expr);
        take!(self.exprs, estart)
    }

    /// The Pratt loop: postfix operators, then infix operators with binding
    /// power at least `min_bp`. Inlined into [`Parser::pratt`], its one
    /// caller on the hot path, to save a call per operand.
    #[inline(always)]
    pub(super) fn postfix_and_infix(
        &mut self,
        mut lhs: Expr<'a>,
        min_bp: u8,
        no_struct: bool,
    ) -> Expr<'a> {
        let mut last_cmp: Option<Span> = None;
        loop {
            if self.recovering {
                return lhs;
            }
            let kind = self.peek();
            if POSTFIX_BP >= min_bp {
                match kind {
                    K::LParen => {
                        let args = self.args();
                        lhs = Expr {
                            kind: ExprKind::Call(self.arena.alloc(Call { callee: lhs, args })),
                            span: lhs.span.to(self.prev_span()),
                        };
                        continue;
                    }
                    K::LBracket => {
                        let open = self.bump().span;
                        let index = self.expr();
                        self.expect_close(K::RBracket, open);
                        lhs = Expr {
                            kind: ExprKind::Index(self.arena.alloc(Index { expr: lhs, index })),
                            span: lhs.span.to(self.prev_span()),
                        };
                        continue;
                    }
                    K::Dot => {
                        let dot = self.bump().span;
                        let mut name = self.name_value(false, "a field or method name after `.`");
                        if name.name == "<error>" {
                            // A half-typed `p.`: the missing name sits right
                            // after the dot (where an editor completes it),
                            // not at the token found instead.
                            name.span = Span::new(dot.end, dot.end);
                        }
                        if self.at(K::LParen) {
                            let args = self.args();
                            lhs = Expr {
                                kind: ExprKind::MethodCall(self.arena.alloc(MethodCall {
                                    receiver: lhs,
                                    method: name,
                                    args,
                                })),
                                span: lhs.span.to(self.prev_span()),
                            };
                        } else {
                            lhs = Expr {
                                kind: ExprKind::Field(self.arena.alloc(FieldAccess {
                                    expr: lhs,
                                    field: self.arena.alloc(name),
                                })),
                                span: lhs.span.to(self.prev_span()),
                            };
                        }
                        continue;
                    }
                    _ => {}
                }
            }
            if matches!(kind, K::Unknown | K::Unterminated) {
                // Text the lexer already reported, between operands: absorb
                // it and the operand after it.
                let bad = self.absorb_bad_token(no_struct);
                lhs = Expr {
                    kind: ExprKind::Error,
                    span: lhs.span.to(bad.span),
                };
                continue;
            }
            let Some((l_bp, r_bp, op)) = infix_bp(kind) else {
                return lhs;
            };
            if l_bp < min_bp {
                return lhs;
            }
            let op_span = self.bump().span;
            if is_comparison(op) {
                if let Some(prev) = last_cmp {
                    self.chained_comparison(prev, op_span, op);
                    return lhs;
                }
                last_cmp = Some(op_span);
            } else {
                last_cmp = None;
            }
            // The common right operand, a lone name or literal, is built in
            // registers and stored straight into the arena; one returned
            // through memory is copied on its own.
            let (operands, span) = match self.lone_operand(r_bp) {
                Some(rhs) => (
                    self.arena.alloc(Operands { lhs, rhs }),
                    lhs.span.to(rhs.span),
                ),
                None => {
                    let rhs = self.pratt(r_bp, no_struct);
                    (
                        self.arena.alloc(Operands { lhs, rhs }),
                        lhs.span.to(rhs.span),
                    )
                }
            };
            lhs = Expr {
                kind: ExprKind::Binary(Binary::new(op, op_span.start, operands)),
                span,
            };
        }
    }

    /// Reports a second comparison operator (at `op_span`) chained to the
    /// one at `prev`.
    #[cold]
    #[inline(never)]
    fn chained_comparison(&mut self, prev: Span, op_span: Span, op: BinOp) {
        let prev_text = self.text(prev);
        self.report(
            Diagnostic::error(
                codes::CHAINED_COMPARISON,
                "comparison operators cannot be chained",
                op_span,
            )
            .with_label(prev, "first comparison")
            .with_primary_message("second comparison")
            .with_help(format!(
                "split the comparison with `&&`, e.g. `a {prev_text} b && b {} c`",
                op.symbol()
            )),
        );
    }
}
