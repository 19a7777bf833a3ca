//! The parser: tokens → arena AST, with error recovery.
//!
//! Owns the grammar of A4–A6 and B: hand-written recursive descent for
//! statements, items, patterns and types, and Pratt (binding-power) parsing
//! for operators, exactly A5's table. It decodes literal values (integer range
//! with unary-minus folding, floats, string escapes) and numbers nodes with
//! dense [`NodeId`]s.
//!
//! Parsing never fails: bad input becomes `Error` nodes plus diagnostics.
//! After an error the parser is in *recovery mode* and reports nothing more
//! until the enclosing block's statement loop resynchronises at `;`, `}` or an
//! item keyword, so one mistake gives one diagnostic. Children are collected
//! in reusable scratch stacks and copied into the arena once, as slices.
//! Tokens are pulled from the streaming [`Lexer`] as parsing goes (the
//! current token and one of lookahead), so no token buffer is built.
//! Recursion is guarded by `stacker` and a depth limit, so deep input gets a
//! clean "nesting too deep" error, never a stack overflow.
//!
//! It must not resolve names, type or evaluate.

use crate::diag::{Diagnostic, codes};
use crate::span::Span;
use crate::syntax::arena::Arena;
use crate::syntax::ast::*;
use crate::syntax::lexer::{Lexer, Token, TokenKind as K};

/// Deepest nesting the parser accepts before reporting E0105.
pub const MAX_DEPTH: u32 = 50_000;

/// The result of parsing one unit: always a tree, plus any diagnostics
/// (lexical and syntactic, in source order).
pub struct Parsed<'a> {
    /// The unit's tree (with `Error` nodes where input was bad).
    pub program: Program<'a>,
    /// Lexical and syntax errors.
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses `source` into `arena`.
pub fn parse<'a>(arena: &'a Arena, source: &'a str) -> Parsed<'a> {
    let mut lexer = Lexer::new(source);
    let cur = lexer.next_token();
    let next = lexer.next_token();
    let mut p = Parser {
        arena,
        src: source,
        lexer,
        cur,
        next,
        prev: Span::new(0, 0),
        consumed: 0,
        diags: Vec::new(),
        recovering: false,
        too_deep: false,
        too_big: false,
        open_blocks: 0,
        next_id: 0,
        depth: 0,
        exprs: Vec::new(),
        stmts: Vec::new(),
        pats: Vec::new(),
        types: Vec::new(),
        params: Vec::new(),
        arms: Vec::new(),
        inits: Vec::new(),
        idents: Vec::new(),
        field_pats: Vec::new(),
        field_decls: Vec::new(),
        variants: Vec::new(),
        tparams: Vec::new(),
    };
    let body = p.block_body(Span::new(0, 0), true);
    let program = Program {
        body,
        node_count: p.next_id,
    };
    let mut diagnostics = p.lexer.take_diagnostics();
    diagnostics.append(&mut p.diags);
    diagnostics.sort_by_key(|d| d.primary_span().map_or(0, |s| s.start));
    Parsed {
        program,
        diagnostics,
    }
}

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
const PREFIX_BP: u8 = 13;
/// Left binding power of postfix call, index, method call and field access.
const POSTFIX_BP: u8 = 20;

fn is_comparison(op: BinOp) -> bool {
    matches!(
        op,
        BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge
    )
}

struct Parser<'a> {
    arena: &'a Arena,
    src: &'a str,
    /// Tokens are pulled from the lexer as parsing goes: the current one
    /// and one of lookahead.
    lexer: Lexer<'a>,
    cur: Token,
    next: Token,
    /// The span of the last token consumed.
    prev: Span,
    /// How many tokens have been consumed (to detect lack of progress).
    consumed: usize,
    diags: Vec<Diagnostic>,
    recovering: bool,
    too_deep: bool,
    /// The arena limit was hit (reported once).
    too_big: bool,
    /// Number of `{ … }` blocks currently open (a `}` at 0 is stray).
    open_blocks: u32,
    next_id: u32,
    depth: u32,
    exprs: Vec<Expr<'a>>,
    stmts: Vec<Stmt<'a>>,
    pats: Vec<Pattern<'a>>,
    types: Vec<Type<'a>>,
    params: Vec<Param<'a>>,
    arms: Vec<Arm<'a>>,
    inits: Vec<FieldInit<'a>>,
    idents: Vec<Ident<'a>>,
    field_pats: Vec<FieldPat<'a>>,
    field_decls: Vec<FieldDecl<'a>>,
    variants: Vec<Variant<'a>>,
    tparams: Vec<TypeParam<'a>>,
}

/// Copies the tail `[start..]` of a scratch stack into the arena and pops it.
macro_rules! take {
    ($self:ident . $field:ident, $start:expr) => {{
        let slice = $self.arena.alloc_slice(&$self.$field[$start..]);
        $self.$field.truncate($start);
        slice
    }};
}

impl<'a> Parser<'a> {
    // ----- token helpers -----

    fn peek(&self) -> K {
        self.cur.kind
    }

    /// The kind of the token after the current one.
    fn peek_next(&self) -> K {
        self.next.kind
    }

    fn span(&self) -> Span {
        self.cur.span
    }

    fn prev_span(&self) -> Span {
        self.prev
    }

    fn text(&self, span: Span) -> &'a str {
        &self.src[span.range()]
    }

    fn at(&self, kind: K) -> bool {
        self.peek() == kind
    }

    fn bump(&mut self) -> Token {
        let t = self.cur;
        if t.kind != K::Eof {
            self.prev = t.span;
            self.cur = self.next;
            self.next = self.lexer.next_token();
            self.consumed += 1;
        }
        t
    }

    /// At the end of the current block body: end of input, or a `}` that
    /// closes an open block.
    fn at_block_end(&self) -> bool {
        self.at(K::Eof) || (self.at(K::RBrace) && self.open_blocks > 0)
    }

    fn eat(&mut self, kind: K) -> bool {
        if self.at(kind) {
            self.bump();
            true
        } else {
            false
        }
    }

    fn id(&mut self) -> NodeId {
        let id = NodeId(self.next_id);
        self.next_id += 1;
        id
    }

    fn ident(&mut self, tok: Token) -> &'a Ident<'a> {
        let id = self.id();
        self.arena.alloc(Ident {
            name: self.text(tok.span),
            span: tok.span,
            id,
        })
    }

    // ----- diagnostics -----

    fn report(&mut self, diag: Diagnostic) {
        if !self.recovering {
            self.diags.push(diag);
            self.recovering = true;
        }
    }

    fn found(&self) -> String {
        let t = self.cur;
        match t.kind {
            K::Eof => "end of input".to_string(),
            K::Str => "a string literal".to_string(),
            _ => format!("`{}`", self.text(t.span)),
        }
    }

    fn error_expected(&mut self, what: &str) {
        let span = self.span();
        let found = self.found();
        let mut d = Diagnostic::error(
            codes::UNEXPECTED_TOKEN,
            format!("expected {what}, found {found}"),
            span,
        )
        .with_primary_message(format!("expected {what}"));
        if self.peek() == K::Reserved {
            d = Diagnostic::error(
                codes::RESERVED_WORD,
                format!("`{}` is a reserved word", self.text(span)),
                span,
            )
            .with_primary_message("reserved for future use")
            .with_help("choose another name");
        }
        self.report(d);
    }

    fn expect(&mut self, kind: K) -> bool {
        if self.eat(kind) {
            return true;
        }
        self.error_expected(kind.describe());
        false
    }

    /// Expects a closing delimiter, pointing back at the opener if missing.
    fn expect_close(&mut self, close: K, open_span: Span) {
        if self.eat(close) {
            return;
        }
        let span = self.span();
        let found = self.found();
        let code = if self.at(K::Eof) {
            codes::UNCLOSED_DELIMITER
        } else {
            codes::UNEXPECTED_TOKEN
        };
        self.report(
            Diagnostic::error(
                code,
                format!("expected {}, found {found}", close.describe()),
                span,
            )
            .with_primary_message(format!("expected {}", close.describe()))
            .with_label(open_span, "unclosed delimiter opened here"),
        );
    }

    /// Parses a comma-separated list up to `close` (a trailing comma is
    /// allowed), calling `item` once per element, then the closing
    /// delimiter, pointing back at `open` if it is missing. Stops early in
    /// recovery mode.
    fn comma_list(&mut self, close: K, open: Span, mut item: impl FnMut(&mut Self)) {
        while !self.at(close) && !self.at(K::Eof) && !self.recovering {
            item(self);
            if !self.eat(K::Comma) {
                break;
            }
        }
        self.expect_close(close, open);
    }

    fn enter(&mut self) -> bool {
        if !self.within_arena_limit() {
            return false;
        }
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            if !self.too_deep {
                self.too_deep = true;
                let span = self.span();
                self.diags.push(
                    Diagnostic::error(codes::NESTING_TOO_DEEP, "nesting too deep", span)
                        .with_primary_message(format!("more than {MAX_DEPTH} nested expressions"))
                        .with_help("split the expression into smaller `let` bindings"),
                );
            }
            // Give up on the rest of the input: one clean error.
            self.recovering = true;
            self.skip_to_end();
            return false;
        }
        true
    }

    /// Checks the arena limit; past it, reports once and gives up on the
    /// rest of the input.
    #[inline]
    fn within_arena_limit(&mut self) -> bool {
        let Some((allocated, limit)) = self.arena.over_limit() else {
            return true;
        };
        if !self.too_big {
            self.too_big = true;
            let span = self.span();
            self.diags.push(
                Diagnostic::error(
                    codes::ARENA_LIMIT,
                    format!(
                        "arena limit exceeded: the syntax tree took {allocated} bytes (limit {limit})"
                    ),
                    span,
                )
                .with_primary_message("parsing stopped here")
                .with_help("raise the limit with `--max-arena-bytes N`, or split the program"),
            );
        }
        self.recovering = true;
        self.skip_to_end();
        false
    }

    /// Consumes the rest of the input (still lexing it, so lexical errors
    /// past this point are reported too).
    fn skip_to_end(&mut self) {
        while self.cur.kind != K::Eof {
            self.bump();
        }
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    /// An error node, placed (empty) at the start of `at`.
    fn error_expr(&self, at: Span) -> Expr<'a> {
        Expr {
            kind: ExprKind::Error,
            span: Span::new(at.start, at.start),
        }
    }

    /// Skips to a statement boundary: past a `;`, or before `}` / an item
    /// keyword at nesting level 0.
    fn synchronize(&mut self) {
        let mut depth = 0usize;
        loop {
            match self.peek() {
                K::Eof => break,
                K::Semi if depth == 0 => {
                    self.bump();
                    break;
                }
                K::RBrace if depth == 0 && self.open_blocks > 0 => break,
                K::Let | K::Fn | K::Struct | K::Enum if depth == 0 => break,
                K::LParen | K::LBracket | K::LBrace => {
                    depth += 1;
                    self.bump();
                }
                K::RParen | K::RBracket | K::RBrace => {
                    depth = depth.saturating_sub(1);
                    self.bump();
                }
                _ => {
                    self.bump();
                }
            }
        }
        self.recovering = false;
    }

    // ----- blocks and statements -----

    /// Parses statements up to `}` (or end of input at top level).
    fn block_body(&mut self, open: Span, top: bool) -> &'a Block<'a> {
        let id = self.id();
        if !top {
            self.open_blocks += 1;
        }
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
            let before = self.consumed;
            let stmt = self.statement(&mut tail);
            if let Some(stmt) = stmt {
                self.stmts.push(stmt);
            }
            if self.recovering {
                self.synchronize();
                if self.consumed == before {
                    self.bump();
                }
            }
            if tail.is_some() {
                if self.at_block_end() {
                    break;
                }
                // Not actually the tail: demote and continue.
                let e = tail.take().expect("tail was just checked to be Some");
                self.stmts.push(Stmt::Expr(e));
            }
        }
        let stmts = take!(self.stmts, start);
        let _ = open;
        if !top {
            self.open_blocks -= 1;
        }
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
                    return Some(Stmt::Expr(e));
                }
                if self.at_block_end() {
                    *tail = Some(e);
                    return None;
                }
                Some(Stmt::Expr(e))
            }
            _ => {
                let e = self.expr();
                self.finish_expr_stmt(e, tail)
            }
        }
    }

    fn finish_expr_stmt(&mut self, e: Expr<'a>, tail: &mut Option<Expr<'a>>) -> Option<Stmt<'a>> {
        if self.eat(K::Semi) {
            return Some(Stmt::Expr(e));
        }
        if self.at_block_end() {
            *tail = Some(e);
            return None;
        }
        if !self.recovering {
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
        Some(Stmt::Expr(e))
    }

    fn let_stmt(&mut self) -> Stmt<'a> {
        let start = self.bump().span;
        let pattern = self.pattern();
        let ty = if self.eat(K::Colon) {
            Some(self.ty())
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

    fn name(&mut self, upper: bool, what: &str) -> &'a Ident<'a> {
        let ok = if upper {
            self.at(K::UIdent)
        } else {
            self.at(K::Ident)
        };
        if ok {
            let t = self.bump();
            return self.ident(t);
        }
        self.error_expected(what);
        let span = self.span();
        let id = self.id();
        self.arena.alloc(Ident {
            name: "<error>",
            span,
            id,
        })
    }

    fn fn_item(&mut self) -> &'a FnItem<'a> {
        let start = self.bump().span;
        let name = self.name(false, "a function name");
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
        let generics = take!(self.tparams, tstart);
        let params = self.param_list();
        let ret = if self.eat(K::Arrow) {
            Some(self.ty())
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

    fn param(&mut self) -> Param<'a> {
        let name = if self.at(K::Underscore) {
            let t = self.bump();
            self.ident(t)
        } else {
            self.name(false, "a parameter name")
        };
        let ty = if self.eat(K::Colon) {
            Some(self.ty())
        } else {
            None
        };
        let span = name.span.to(self.prev_span());
        Param { name, ty, span }
    }

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

    fn struct_item(&mut self) -> Stmt<'a> {
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

    fn enum_item(&mut self) -> Stmt<'a> {
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

    // ----- types -----

    fn ty(&mut self) -> Type<'a> {
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

    fn one_element_tuple(&mut self, span: Span, what: &str) {
        self.report(
            Diagnostic::error(
                codes::ONE_ELEMENT_TUPLE,
                format!("a tuple {what} needs at least two elements"),
                span,
            )
            .with_primary_message("one element followed by a comma")
            .with_help("remove the comma (tuples have at least two elements; `(e)` is just `e`)"),
        );
    }

    // ----- patterns -----

    fn pattern(&mut self) -> Pattern<'a> {
        if !self.enter() {
            return Pattern {
                kind: PatKind::Error,
                span: self.span(),
            };
        }
        let p = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.pattern_inner());
        self.leave();
        p
    }

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

    // ----- literals -----

    /// Decodes an integer literal; `negative` folds a preceding unary minus
    /// (so `-9223372036854775808` is `i64::MIN`).
    fn int_value(&mut self, span: Span, negative: bool) -> i64 {
        let text = self.text(span);
        let (digits, radix) = match text.get(..2) {
            Some("0x") => (&text[2..], 16),
            Some("0o") => (&text[2..], 8),
            Some("0b") => (&text[2..], 2),
            _ => (text, 10),
        };
        // Fast path: plain decimal digits parse without allocating.
        let fast = if radix == 10 && !digits.contains('_') {
            digits.parse::<u128>().ok()
        } else {
            None
        };
        let clean: String = if fast.is_some() {
            String::new()
        } else {
            digits.chars().filter(|&c| c != '_').collect()
        };
        if fast.is_none() && clean.is_empty() {
            self.report(
                Diagnostic::error(codes::BAD_NUMBER, "integer literal has no digits", span)
                    .with_help("write at least one digit after the prefix, e.g. `0x0`"),
            );
            return 0;
        }
        let magnitude =
            fast.unwrap_or_else(|| u128::from_str_radix(&clean, radix).unwrap_or(u128::MAX));
        let limit = if negative {
            1u128 << 63
        } else {
            (1u128 << 63) - 1
        };
        if magnitude > limit {
            let d = Diagnostic::error(
                codes::INT_OUT_OF_RANGE,
                "integer literal is too large for Int",
                span,
            )
            .with_primary_message("does not fit in a 64-bit signed integer")
            .with_help(format!(
                "Int ranges from {} to {}; use a float literal for larger magnitudes",
                i64::MIN,
                i64::MAX
            ));
            self.report(d);
            return 0;
        }
        if negative {
            (magnitude as i128).wrapping_neg() as i64
        } else {
            magnitude as i64
        }
    }

    fn float_value(&mut self, span: Span) -> f64 {
        let text = self.text(span);
        let parsed = if text.contains('_') {
            text.chars()
                .filter(|&c| c != '_')
                .collect::<String>()
                .parse::<f64>()
        } else {
            text.parse::<f64>()
        };
        match parsed {
            Ok(v) => v,
            Err(_) => {
                self.report(Diagnostic::error(
                    codes::BAD_NUMBER,
                    "malformed float literal",
                    span,
                ));
                0.0
            }
        }
    }

    /// Decodes a string literal's escapes; text without escapes is borrowed
    /// from the source. Every bad escape is reported with its own span.
    fn string_lit(&mut self, span: Span) -> &'a StrLit<'a> {
        let inner = Span::new(span.start + 1, span.end - 1);
        let raw = self.text(inner);
        if !raw.contains('\\') {
            return self.arena.alloc(StrLit { value: raw });
        }
        let mut out = String::with_capacity(raw.len());
        let mut chars = raw.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            let at = inner.start + i as u32;
            let Some((_, e)) = chars.next() else {
                break;
            };
            let simple = match e {
                'n' => Some('\n'),
                'r' => Some('\r'),
                't' => Some('\t'),
                '\\' => Some('\\'),
                '"' => Some('"'),
                '0' => Some('\0'),
                _ => None,
            };
            if let Some(ch) = simple {
                out.push(ch);
                continue;
            }
            if e == 'u' {
                let mut end = at + 2;
                let mut hex = String::new();
                let mut closed = false;
                if let Some(&(_, '{')) = chars.peek() {
                    chars.next();
                    end += 1;
                    while let Some(&(j, h)) = chars.peek() {
                        if h == '}' {
                            chars.next();
                            end = inner.start + j as u32 + 1;
                            closed = true;
                            break;
                        }
                        if !h.is_ascii_hexdigit() || hex.len() >= 6 {
                            break;
                        }
                        hex.push(h);
                        chars.next();
                        end = inner.start + j as u32 + 1;
                    }
                }
                let value = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
                match value {
                    Some(ch) if closed && !hex.is_empty() => out.push(ch),
                    _ => self.bad_escape(
                        Span::new(at, end),
                        "invalid unicode escape",
                        "write `\\u{…}` with 1 to 6 hex digits naming a Unicode scalar value",
                    ),
                }
                continue;
            }
            let end = at + 1 + e.len_utf8() as u32;
            self.bad_escape(
                Span::new(at, end),
                &format!("unknown escape `\\{e}`"),
                "valid escapes are \\n \\r \\t \\\\ \\\" \\0 and \\u{…}",
            );
        }
        let value = self.arena.alloc_str(&out);
        self.arena.alloc(StrLit { value })
    }

    fn bad_escape(&mut self, span: Span, message: &str, help: &str) {
        // Escape errors are independent of each other and of the grammar:
        // report every one, without entering recovery mode.
        self.diags
            .push(Diagnostic::error(codes::BAD_ESCAPE, message.to_string(), span).with_help(help));
    }

    // ----- expressions -----

    /// A full expression (lowest binding power), with struct literals allowed.
    fn expr(&mut self) -> Expr<'a> {
        self.expr_bp(0, false)
    }

    /// An expression where a struct literal would be ambiguous with the
    /// following block (`if` condition, `match` scrutinee).
    fn expr_no_struct(&mut self) -> Expr<'a> {
        self.expr_bp(0, true)
    }

    fn expr_bp(&mut self, min_bp: u8, no_struct: bool) -> Expr<'a> {
        if !self.enter() {
            return self.error_expr(self.span());
        }
        let e = stacker::maybe_grow(64 * 1024, 1024 * 1024, || {
            let lhs = self.prefix(no_struct);
            self.postfix_and_infix(lhs, min_bp, no_struct)
        });
        self.leave();
        e
    }

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
                        op_span: op_tok.span,
                        operand,
                    })),
                    span: start.to(operand.span),
                }
            }
            K::Pipe | K::OrOr => self.closure(no_struct),
            _ => self.primary(no_struct),
        }
    }

    fn closure(&mut self, no_struct: bool) -> Expr<'a> {
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
            let ret = self.ty();
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

    fn block_expr(&mut self) -> Expr<'a> {
        let open = self.bump().span;
        let block = self.block_body(open, false);
        self.expect_close(K::RBrace, open);
        Expr {
            kind: ExprKind::Block(block),
            span: open.to(self.prev_span()),
        }
    }

    /// `if`, `match` or a block.
    fn block_like(&mut self) -> Expr<'a> {
        if !self.enter() {
            return self.error_expr(self.span());
        }
        let e = stacker::maybe_grow(64 * 1024, 1024 * 1024, || match self.peek() {
            K::If => self.if_expr(),
            K::Match => self.match_expr(),
            _ => self.block_expr(),
        });
        self.leave();
        e
    }

    fn if_expr(&mut self) -> Expr<'a> {
        let start = self.bump().span;
        let cond = self.expr_no_struct();
        let then_branch = if self.at(K::LBrace) {
            let open = self.bump().span;
            let b = self.block_body(open, false);
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

    fn primary(&mut self, no_struct: bool) -> Expr<'a> {
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
                ExprKind::Var(self.ident(t))
            }
            K::UIdent => {
                let t = self.bump();
                let name = self.ident(t);
                if self.at(K::LBrace) && !no_struct {
                    return self.struct_lit(name);
                }
                ExprKind::Var(name)
            }
            K::LParen => return self.paren(),
            K::LBracket => {
                let open = self.bump().span;
                let estart = self.exprs.len();
                self.comma_list(K::RBracket, open, |this| {
                    let e = this.expr();
                    this.exprs.push(e);
                });
                let items = take!(self.exprs, estart);
                ExprKind::List(self.arena.alloc(ExprList { items }))
            }
            K::If | K::Match | K::LBrace => return self.block_like(),
            K::Unknown => {
                // Already reported by the lexer.
                self.bump();
                return self.error_expr(start);
            }
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

    fn struct_lit(&mut self, name: &'a Ident<'a>) -> Expr<'a> {
        let open = self.bump().span;
        let fstart = self.inits.len();
        self.comma_list(K::RBrace, open, |this| {
            let fname = this.name(false, "a field name");
            let (value, shorthand) = if this.eat(K::Colon) {
                (this.expr(), false)
            } else {
                let id = this.id();
                let var = this.arena.alloc(Ident {
                    name: fname.name,
                    span: fname.span,
                    id,
                });
                (
                    Expr {
                        kind: ExprKind::Var(var),
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

    fn args(&mut self) -> &'a [Expr<'a>] {
        let open = self.bump().span;
        let estart = self.exprs.len();
        self.comma_list(K::RParen, open, |this| {
            let e = this.expr();
            this.exprs.push(e);
        });
        take!(self.exprs, estart)
    }

    /// The Pratt loop: postfix operators, then infix operators with binding
    /// power at least `min_bp`.
    fn postfix_and_infix(&mut self, mut lhs: Expr<'a>, min_bp: u8, no_struct: bool) -> Expr<'a> {
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
                        self.bump();
                        let name = self.name(false, "a field or method name after `.`");
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
                                    field: name,
                                })),
                                span: lhs.span.to(self.prev_span()),
                            };
                        }
                        continue;
                    }
                    _ => {}
                }
            }
            if kind == K::Unknown {
                // An unknown character between operands (already reported by
                // the lexer): absorb it and the operand after it.
                let at = self.bump().span;
                let rhs = self.expr_bp(PREFIX_BP, no_struct);
                lhs = Expr {
                    kind: ExprKind::Error,
                    span: lhs.span.to(at).to(rhs.span),
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
                    return lhs;
                }
                last_cmp = Some(op_span);
            } else {
                last_cmp = None;
            }
            let rhs = self.expr_bp(r_bp, no_struct);
            lhs = Expr {
                kind: ExprKind::Binary(self.arena.alloc(Binary {
                    op,
                    op_span,
                    lhs,
                    rhs,
                })),
                span: lhs.span.to(rhs.span),
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A compact S-expression view of an expression, for precedence tests.
    fn sexp(e: &Expr) -> String {
        match e.kind {
            ExprKind::Int(v) => v.to_string(),
            ExprKind::Float(v) => format!("{v:?}"),
            ExprKind::Bool(b) => b.to_string(),
            ExprKind::Var(i) => i.name.to_string(),
            ExprKind::Unary(u) => format!(
                "({} {})",
                if u.op == UnaryOp::Neg { "-" } else { "!" },
                sexp(&u.operand)
            ),
            ExprKind::Binary(b) => format!("({} {} {})", b.op.symbol(), sexp(&b.lhs), sexp(&b.rhs)),
            ExprKind::Call(c) => {
                let args: Vec<_> = c.args.iter().map(sexp).collect();
                format!("(call {} {})", sexp(&c.callee), args.join(" "))
            }
            ExprKind::MethodCall(m) => {
                let args: Vec<_> = m.args.iter().map(sexp).collect();
                format!(
                    "(.{} {} {})",
                    m.method.name,
                    sexp(&m.receiver),
                    args.join(" ")
                )
            }
            ExprKind::Field(f) => format!("(field {} {})", sexp(&f.expr), f.field.name),
            ExprKind::Closure(c) => format!("(closure {})", sexp(&c.body)),
            _ => "?".to_string(),
        }
    }

    fn parse_expr(src: &str) -> String {
        let arena = Arena::new();
        let parsed = parse(&arena, src);
        assert!(
            parsed.diagnostics.is_empty(),
            "{src}: {:?}",
            parsed.diagnostics
        );
        sexp(&parsed.program.body.tail.expect("a tail expression"))
    }

    fn errors(src: &str) -> Vec<&'static str> {
        let arena = Arena::new();
        parse(&arena, src)
            .diagnostics
            .iter()
            .map(|d| d.code)
            .collect()
    }

    #[test]
    fn precedence_table() {
        assert_eq!(parse_expr("1 + 2 * 3"), "(+ 1 (* 2 3))");
        assert_eq!(parse_expr("1 - 2 - 3"), "(- (- 1 2) 3)");
        assert_eq!(parse_expr("-2 ** 2"), "(- (** 2 2))");
        assert_eq!(parse_expr("2 ** -1"), "(** 2 -1)");
        assert_eq!(parse_expr("2 ** 3 ** 2"), "(** 2 (** 3 2))");
        assert_eq!(parse_expr("a ++ b ++ c"), "(++ a (++ b c))");
        assert_eq!(parse_expr("a || b && c"), "(|| a (&& b c))");
        assert_eq!(parse_expr("a == b + 1"), "(== a (+ b 1))");
        assert_eq!(parse_expr("a ++ b == c"), "(== (++ a b) c)");
        assert_eq!(parse_expr("!a && b"), "(&& (! a) b)");
        assert_eq!(parse_expr("-x * y"), "(* (- x) y)");
        assert_eq!(parse_expr("f(1)(2)"), "(call (call f 1) 2)");
        assert_eq!(parse_expr("|x| x + 1"), "(closure (+ x 1))");
        assert_eq!(parse_expr("p.x + 1"), "(+ (field p x) 1)");
    }

    #[test]
    fn minus_and_method_sugar() {
        assert_eq!(parse_expr("-5.abs()"), "(- (.abs 5 ))");
        assert_eq!(parse_expr("-9223372036854775808"), "-9223372036854775808");
        assert_eq!(parse_expr("- 3"), "-3");
        assert_eq!(parse_expr("xs.map(f)"), "(.map xs f)");
    }

    #[test]
    fn integer_range_errors() {
        assert_eq!(errors("9223372036854775808"), vec![codes::INT_OUT_OF_RANGE]);
        assert_eq!(
            errors("-9223372036854775809"),
            vec![codes::INT_OUT_OF_RANGE]
        );
        assert_eq!(
            errors("-(9223372036854775808)"),
            vec![codes::INT_OUT_OF_RANGE]
        );
        assert!(errors("9223372036854775807").is_empty());
        assert!(errors("0xFFFF_FFFF").is_empty());
    }

    #[test]
    fn chained_comparison_is_one_error() {
        assert_eq!(errors("a < b < c"), vec![codes::CHAINED_COMPARISON]);
        assert_eq!(errors("a == b != c"), vec![codes::CHAINED_COMPARISON]);
        assert!(errors("(a < b) == c").is_empty());
    }

    #[test]
    fn one_element_tuple() {
        assert_eq!(errors("(1,)"), vec![codes::ONE_ELEMENT_TUPLE]);
        assert!(errors("(1, 2,)").is_empty());
    }

    #[test]
    fn three_mistakes_three_diagnostics() {
        let src = "let a = 1 +;\nlet b = (2;\nfn f(x) = x * ;\nlet ok = 4;\nok";
        assert_eq!(errors(src).len(), 3, "{:?}", errors(src));
    }

    #[test]
    fn block_like_statements() {
        let arena = Arena::new();
        let p = parse(&arena, "if a { 1 } else { 2 } - 1");
        assert!(p.diagnostics.is_empty());
        assert_eq!(p.program.body.stmts.len(), 1);
        assert_eq!(sexp(&p.program.body.tail.unwrap()), "-1");
        let p = parse(&arena, "match x { _ => 1 }.abs()");
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        assert!(p.program.body.stmts.is_empty());
    }

    #[test]
    fn struct_literal_not_in_condition() {
        assert!(!errors("if x == P { a: 1 } { 1 } else { 2 }").is_empty());
        assert!(errors("if x == (P { a: 1 }) { 1 } else { 2 }").is_empty());
        assert!(errors("match None { None => 1, Some(x) => x }").is_empty());
    }

    #[test]
    fn reserved_words_are_rejected() {
        assert_eq!(errors("let while = 1;"), vec![codes::RESERVED_WORD]);
    }

    #[test]
    fn bad_escapes_each_reported() {
        let arena = Arena::new();
        let p = parse(&arena, r#""a\qb\u{110000}c\u{1F600}""#);
        let spans: Vec<_> = p
            .diagnostics
            .iter()
            .map(|d| d.primary_span().unwrap())
            .collect();
        assert_eq!(spans, vec![Span::new(2, 4), Span::new(5, 15)]);
        let arena = Arena::new();
        let p = parse(&arena, r#""tab\there\u{1F600}""#);
        match p.program.body.tail.unwrap().kind {
            ExprKind::Str(s) => assert_eq!(s.value, "tab\there\u{1F600}"),
            _ => panic!("expected a string"),
        }
    }

    #[test]
    fn node_ids_are_dense() {
        let arena = Arena::new();
        let p = parse(&arena, "fn f(x) = x; let g = |y| f(y); g(1)");
        assert!(p.diagnostics.is_empty());
        // Idents: f x x g y f y g = 8, + fn item + closure + top block = 11.
        assert_eq!(p.program.node_count, 11);
    }

    fn deep(open: &str, mid: &str, close: &str, n: usize) -> String {
        format!("{}{}{}", open.repeat(n), mid, close.repeat(n))
    }

    #[test]
    fn ten_thousand_deep_nesting_parses() {
        for src in [
            deep("(", "1", ")", 10_000),
            deep("[", "1", "]", 10_000),
            deep("{", "1", "}", 10_000),
            deep("-", "x", "", 10_000),
            deep("if a { 1 } else ", "{ 2 }", "", 10_000),
            format!("1{}", " + 1".repeat(10_000)),
            format!("1{}", " ** 1".repeat(10_000)),
        ] {
            let arena = Arena::new();
            let p = parse(&arena, &src);
            assert!(p.diagnostics.is_empty(), "{:?}", &p.diagnostics[..1]);
        }
    }

    #[test]
    fn one_arena_reset_between_units_stays_flat() {
        let mut arena = Arena::new();
        let unit = "fn f(a, b) = if a < b { a * 2 + b } else { [a, b, a + b].len() + b };\nlet v = f(3, 4) + (17 * 3 - 2) % 5;\n".repeat(50);
        let mut sizes = Vec::new();
        for _ in 0..1000 {
            arena.reset();
            let p = parse(&arena, &unit);
            assert!(p.diagnostics.is_empty());
            sizes.push(arena.allocated_bytes());
        }
        let after_warmup = sizes[10];
        assert!(
            sizes[10..].iter().all(|s| *s == after_warmup),
            "arena grew across units: {:?}",
            &sizes[..20]
        );
    }

    #[test]
    fn absurd_nesting_is_a_clean_error() {
        let arena = Arena::new();
        let src = deep("(", "1", ")", 200_000);
        let p = parse(&arena, &src);
        let codes: Vec<_> = p.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, vec![codes::NESTING_TOO_DEEP]);
    }
}
