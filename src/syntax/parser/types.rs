//! Type syntax: named types with `<…>` arguments, `[T]` lists, `()` and
//! tuples, and `fn(…) -> T` function types.
//!
//! It only builds `Type` nodes: it must not resolve type names or check
//! arity (the checker does).

use super::Parser;
use crate::syntax::ast::*;
use crate::syntax::lexer::TokenKind as K;

impl<'a> Parser<'a> {
    /// A type, guarded by the depth limit and `stacker`.
    pub(super) fn ty(&mut self) -> Type<'a> {
        if !self.enter() {
            return Type {
                kind: TypeKind::Error,
                span: self.span(),
            };
        }
        let t = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.ty_inner());
        self.leave();
        t
    }

    /// One type, without the recursion guard.
    fn ty_inner(&mut self) -> Type<'a> {
        let start = self.span();
        let kind = match self.peek() {
            K::UIdent | K::Ident => {
                let t = self.bump();
                let name = self.ident(t);
                let astart = self.types.len();
                if self.at(K::Lt) {
                    let open = self.bump().span;
                    self.comma_list(K::Gt, open, |this| {
                        let a = this.ty();
                        this.types.push(a);
                    });
                }
                let args = take!(self.types, astart);
                TypeKind::Named { name, args }
            }
            K::LBracket => {
                let open = self.bump().span;
                let elem = self.ty();
                self.expect_close(K::RBracket, open);
                TypeKind::List(self.arena.alloc(elem))
            }
            K::LParen => {
                let open = self.bump().span;
                if self.eat(K::RParen) {
                    TypeKind::Unit
                } else {
                    let tstart = self.types.len();
                    let first = self.ty();
                    if self.at(K::Comma) {
                        self.types.push(first);
                        while self.eat(K::Comma) {
                            if self.at(K::RParen) {
                                break;
                            }
                            let t = self.ty();
                            self.types.push(t);
                        }
                        self.expect_close(K::RParen, open);
                        if self.types.len() - tstart == 1 {
                            self.one_element_tuple(open.to(self.prev_span()), "type");
                        }
                        TypeKind::Tuple(take!(self.types, tstart))
                    } else {
                        self.expect_close(K::RParen, open);
                        return Type {
                            kind: first.kind,
                            span: open.to(self.prev_span()),
                        };
                    }
                }
            }
            K::Fn => {
                self.bump();
                let open = self.span();
                let tstart = self.types.len();
                if self.expect(K::LParen) {
                    self.comma_list(K::RParen, open, |this| {
                        let t = this.ty();
                        this.types.push(t);
                    });
                }
                let params = take!(self.types, tstart);
                let ret = if self.expect(K::Arrow) {
                    self.ty()
                } else {
                    Type {
                        kind: TypeKind::Error,
                        span: self.span(),
                    }
                };
                TypeKind::Fn {
                    params,
                    ret: self.arena.alloc(ret),
                }
            }
            _ => {
                self.error_expected("a type");
                TypeKind::Error
            }
        };
        Type {
            kind,
            span: start.to(self.prev_span()),
        }
    }
}
