//! Items: `fn` items (generic parameters with class bounds, parameter
//! list, return type, block or `=` body), `struct` and `enum` declarations,
//! and the parameters shared with closures.
//!
//! It must not parse expressions, types or statements itself: bodies and
//! annotations go to `expr`, `primary` and `types`.

use super::Parser;
use crate::syntax::ast::*;
use crate::syntax::lexer::TokenKind as K;

impl<'a> Parser<'a> {
    /// Optional generic parameters `<T: Class + …, …>` of a `fn` item or
    /// of a signature ([`super::parse_signature`]).
    pub(super) fn generic_params(&mut self) -> &'a [TypeParam<'a>] {
        let tstart = self.tparams.len();
        if self.at(K::Lt) {
            let open = self.bump().span;
            self.comma_list(K::Gt, open, |this| {
                let pname = this.name(true, "a type parameter name");
                let bstart = this.idents.len();
                if this.eat(K::Colon) {
                    loop {
                        let b = this.name(true, "a class (`Num`, `Ord`, `Eq` or `Seq`)");
                        this.idents.push(*b);
                        if !this.eat(K::Plus) {
                            break;
                        }
                    }
                }
                let bounds = take!(this.idents, bstart);
                this.tparams.push(TypeParam {
                    name: pname,
                    bounds,
                });
            });
        }
        take!(self.tparams, tstart)
    }

    /// A `fn` item: `fn name<T: Class + …>(params) (-> Type)?` then a block
    /// body or `= expr;`.
    pub(super) fn fn_item(&mut self) -> &'a FnItem<'a> {
        let start = self.bump().span;
        let name = self.name_value(false, "a function name");
        let generics = self.generic_params();
        let params = self.param_list();
        let ret = if self.eat(K::Arrow) {
            Some(self.ty_ref())
        } else {
            None
        };
        let body = if self.at(K::LBrace) {
            self.block_expr()
        } else if self.eat(K::Eq) {
            let e = self.expr();
            if !self.recovering {
                self.expect(K::Semi);
            }
            e
        } else {
            self.error_expected("`{` or `=` to start the function body");
            self.error_expr(self.span())
        };
        let id = self.id();
        let span = start.to(self.prev_span());
        self.arena.alloc(FnItem {
            name,
            generics,
            params,
            ret,
            body,
            span,
            id,
        })
    }

    /// A parenthesised parameter list.
    fn param_list(&mut self) -> &'a [Param<'a>] {
        let start = self.params.len();
        let open = self.span();
        if !self.expect(K::LParen) {
            return &[];
        }
        self.comma_list(K::RParen, open, |this| {
            let p = this.param();
            this.params.push(p);
        });
        take!(self.params, start)
    }

    /// One parameter, `name` or `_`, with an optional `: Type`.
    pub(super) fn param(&mut self) -> Param<'a> {
        let name = if self.at(K::Underscore) {
            let t = self.bump();
            self.ident_value(t)
        } else {
            self.name_value(false, "a parameter name")
        };
        let ty = if self.eat(K::Colon) {
            Some(self.ty_ref())
        } else {
            None
        };
        let span = name.span.to(self.prev_span());
        Param { name, ty, span }
    }

    /// The optional `<A, B>` type parameters of a `struct` or `enum`.
    fn type_params(&mut self) -> &'a [Ident<'a>] {
        let start = self.idents.len();
        if self.at(K::Lt) {
            let open = self.bump().span;
            self.comma_list(K::Gt, open, |this| {
                let n = this.name(true, "a type parameter name");
                this.idents.push(*n);
            });
        }
        take!(self.idents, start)
    }

    /// `struct Name<T> { field: Type, … }`
    pub(super) fn struct_item(&mut self) -> Stmt<'a> {
        let start = self.bump().span;
        let name = self.name(true, "a struct name (starting with an uppercase letter)");
        let params = self.type_params();
        let fstart = self.field_decls.len();
        let open = self.span();
        if self.expect(K::LBrace) {
            self.comma_list(K::RBrace, open, |this| {
                let fname = this.name(false, "a field name");
                this.expect(K::Colon);
                let ty = this.ty();
                this.field_decls.push(FieldDecl { name: fname, ty });
            });
        }
        let fields = take!(self.field_decls, fstart);
        let span = start.to(self.prev_span());
        Stmt::Struct(self.arena.alloc(StructItem {
            name,
            params,
            fields,
            span,
        }))
    }

    /// `enum Name<T> { Variant(Type, …), … }`
    pub(super) fn enum_item(&mut self) -> Stmt<'a> {
        let start = self.bump().span;
        let name = self.name(true, "an enum name (starting with an uppercase letter)");
        let params = self.type_params();
        let vstart = self.variants.len();
        let open = self.span();
        if self.expect(K::LBrace) {
            self.comma_list(K::RBrace, open, |this| {
                let vname = this.name(true, "a variant name (starting with an uppercase letter)");
                let tstart = this.types.len();
                if this.at(K::LParen) {
                    let open = this.bump().span;
                    this.comma_list(K::RParen, open, |this| {
                        let t = this.ty();
                        this.types.push(t);
                    });
                }
                let fields = take!(this.types, tstart);
                let span = vname.span.to(this.prev_span());
                this.variants.push(Variant {
                    name: vname,
                    fields,
                    span,
                });
            });
        }
        let variants = take!(self.variants, vstart);
        let span = start.to(self.prev_span());
        Stmt::Enum(self.arena.alloc(EnumItem {
            name,
            params,
            variants,
            span,
        }))
    }
}
