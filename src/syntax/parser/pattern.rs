//! Patterns: or-patterns, wildcards, bindings, literals (with a folded
//! leading `-`), tuples, list patterns with a `..rest`, constructor and
//! struct patterns.
//!
//! Literal values are decoded by `literal`; this module must not check that
//! constructors or fields exist, or that patterns are exhaustive.

use super::Parser;
use crate::diag::{Diagnostic, codes};
use crate::syntax::ast::*;
use crate::syntax::lexer::TokenKind as K;

impl<'a> Parser<'a> {
    /// A pattern (possibly an or-pattern), guarded by the depth limit and
    /// `stacker`.
    pub(super) fn pattern(&mut self) -> Pattern<'a> {
        if !self.enter() {
            return Pattern {
                kind: PatKind::Error,
                span: self.span(),
            };
        }
        let p = self.grow(|this| this.pattern_inner());
        self.leave();
        p
    }

    /// `p | p | …`, without the recursion guard.
    fn pattern_inner(&mut self) -> Pattern<'a> {
        let first = self.pat();
        if !self.at(K::Pipe) {
            return first;
        }
        let start = self.pats.len();
        self.pats.push(first);
        while self.eat(K::Pipe) {
            let p = self.pat();
            self.pats.push(p);
        }
        let items = take!(self.pats, start);
        let span = first.span.to(self.prev_span());
        Pattern {
            kind: PatKind::Or(self.arena.alloc(PatList { items })),
            span,
        }
    }

    /// One pattern that is not an or-pattern.
    fn pat(&mut self) -> Pattern<'a> {
        let start = self.span();
        let kind = match self.peek() {
            K::Underscore => {
                self.bump();
                PatKind::Wild
            }
            K::Ident => {
                let t = self.bump();
                PatKind::Bind(self.ident(t))
            }
            K::Int => {
                let t = self.bump();
                PatKind::Int(self.int_value(t.span, false))
            }
            K::Float => {
                let t = self.bump();
                PatKind::Float(self.float_value(t.span))
            }
            K::Minus => {
                self.bump();
                match self.peek() {
                    K::Int => {
                        let t = self.bump();
                        PatKind::Int(self.int_value(t.span, true))
                    }
                    K::Float => {
                        let t = self.bump();
                        PatKind::Float(-self.float_value(t.span))
                    }
                    _ => {
                        self.error_expected("a number after `-` in a pattern");
                        PatKind::Error
                    }
                }
            }
            K::True => {
                self.bump();
                PatKind::Bool(true)
            }
            K::False => {
                self.bump();
                PatKind::Bool(false)
            }
            K::Str => {
                let t = self.bump();
                PatKind::Str(self.string_lit(t.span))
            }
            K::LParen => {
                let open = self.bump().span;
                if self.eat(K::RParen) {
                    PatKind::Unit
                } else {
                    let first = self.pattern();
                    if self.at(K::Comma) {
                        let pstart = self.pats.len();
                        self.pats.push(first);
                        while self.eat(K::Comma) {
                            if self.at(K::RParen) {
                                break;
                            }
                            let p = self.pattern();
                            self.pats.push(p);
                        }
                        self.expect_close(K::RParen, open);
                        if self.pats.len() - pstart == 1 {
                            self.one_element_tuple(open.to(self.prev_span()), "pattern");
                        }
                        let items = take!(self.pats, pstart);
                        PatKind::Tuple(self.arena.alloc(PatList { items }))
                    } else {
                        self.expect_close(K::RParen, open);
                        return Pattern {
                            kind: first.kind,
                            span: open.to(self.prev_span()),
                        };
                    }
                }
            }
            K::LBracket => {
                let open = self.bump().span;
                let pstart = self.pats.len();
                let mut rest = None;
                while !self.at(K::RBracket) && !self.at(K::Eof) && !self.recovering {
                    if self.at(K::DotDot) {
                        let dd = self.bump().span;
                        let binding = if self.at(K::Ident) {
                            let t = self.bump();
                            Some(self.ident(t))
                        } else {
                            None
                        };
                        rest = Some(Rest {
                            binding,
                            span: dd.to(self.prev_span()),
                        });
                        if self.eat(K::Comma) && !self.at(K::RBracket) {
                            // Report once, then keep parsing the elements
                            // after it so no follow-on error appears.
                            if !self.recovering {
                                self.diags.push(
                                    Diagnostic::error(
                                        codes::REST_NOT_LAST,
                                        "`..` must be the last element of a list pattern",
                                        dd,
                                    )
                                    .with_primary_message("rest pattern here")
                                    .with_help("move `..` to the end of the pattern"),
                                );
                            }
                            continue;
                        }
                        break;
                    }
                    let p = self.pattern();
                    self.pats.push(p);
                    if !self.eat(K::Comma) {
                        break;
                    }
                }
                self.expect_close(K::RBracket, open);
                let items = take!(self.pats, pstart);
                PatKind::List(self.arena.alloc(ListPat { items, rest }))
            }
            K::UIdent => {
                let t = self.bump();
                let name = self.ident(t);
                if self.at(K::LParen) {
                    let open = self.bump().span;
                    let pstart = self.pats.len();
                    self.comma_list(K::RParen, open, |this| {
                        let p = this.pattern();
                        this.pats.push(p);
                    });
                    let args = take!(self.pats, pstart);
                    PatKind::Ctor(self.arena.alloc(CtorPat { name, args }))
                } else if self.at(K::LBrace) {
                    let open = self.bump().span;
                    let fstart = self.field_pats.len();
                    let mut has_rest = false;
                    while !self.at(K::RBrace) && !self.at(K::Eof) && !self.recovering {
                        if self.eat(K::DotDot) {
                            has_rest = true;
                            self.eat(K::Comma);
                            break;
                        }
                        let field = self.name(false, "a field name");
                        let (pattern, shorthand) = if self.eat(K::Colon) {
                            (self.pattern(), false)
                        } else {
                            let id = self.id();
                            let bind = self.arena.alloc(Ident {
                                name: field.name,
                                span: field.span,
                                id,
                            });
                            (
                                Pattern {
                                    kind: PatKind::Bind(bind),
                                    span: field.span,
                                },
                                true,
                            )
                        };
                        self.field_pats.push(FieldPat {
                            field,
                            pattern,
                            shorthand,
                        });
                        if !self.eat(K::Comma) {
                            break;
                        }
                    }
                    self.expect_close(K::RBrace, open);
                    let fields = take!(self.field_pats, fstart);
                    PatKind::Struct(self.arena.alloc(StructPat {
                        name,
                        fields,
                        has_rest,
                    }))
                } else {
                    PatKind::Ctor(self.arena.alloc(CtorPat { name, args: &[] }))
                }
            }
            _ => {
                self.error_expected("a pattern");
                PatKind::Error
            }
        };
        Pattern {
            kind,
            span: start.to(self.prev_span()),
        }
    }
}
