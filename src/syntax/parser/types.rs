//! Type syntax: named types with `<…>` arguments, `[T]` lists, `()` and
//! tuples, and `fn(…) -> T` function types.
//!
//! Also the entry [`parse_signature`] for a type written outside a program
//! (an embedder's input type or host function signature).
//!
//! It only builds `Type` nodes: it must not resolve type names or check
//! arity (the checker does).

use super::{Parser, new_parser};
use crate::diag::Diagnostic;
use crate::syntax::arena::Arena;
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
        let t = self.grow(|this| this.ty_inner());
        self.leave();
        t
    }

    /// A type allocated in the arena (an optional annotation).
    pub(super) fn ty_ref(&mut self) -> &'a Type<'a> {
        let t = self.ty();
        self.arena.alloc(t)
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
                self.fn_type_rest()
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

    /// The rest of a function type after `fn`: `(T, …) -> R`.
    fn fn_type_rest(&mut self) -> TypeKind<'a> {
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
}

/// A type written outside a program, with its generic parameters: the type
/// of an embedder's input (`[Str]`) or the signature of a host function
/// (`fn<T: Ord>([T]) -> T`).
pub struct ParsedSignature<'a> {
    /// The generic parameters (only after a leading `fn`).
    pub generics: &'a [TypeParam<'a>],
    /// The type.
    pub ty: Type<'a>,
    /// Lexical and syntax errors.
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses `source` as one type, optionally a generic function type
/// `fn<T: Class + …>(…) -> R`, into `arena`.
pub fn parse_signature<'a>(arena: &'a Arena, source: &'a str) -> ParsedSignature<'a> {
    let mut p = new_parser(arena, source, 1);
    let (generics, ty) = if p.at(K::Fn) && p.peek_next() == K::Lt {
        let start = p.bump().span;
        let generics = p.generic_params();
        let kind = p.fn_type_rest();
        let span = start.to(p.prev_span());
        (generics, Type { kind, span })
    } else {
        (&[][..], p.ty())
    };
    if !p.at(K::Eof) && !p.recovering {
        p.error_expected("the end of the type");
    }
    let mut diagnostics = p.lexer.take_diagnostics();
    diagnostics.append(&mut p.diags);
    diagnostics.sort_by_key(|d| d.primary_span().map_or(0, |s| s.start));
    ParsedSignature {
        generics,
        ty,
        diagnostics,
    }
}
