//! The names of one document: every identifier occurrence with the symbol
//! it names, read from the resolver's side tables (the binding of every
//! name by [`NodeId`](crate::syntax::ast::NodeId)) and, for struct fields,
//! the checker's field indices and the type of the receiver.
//!
//! Owns [`Symbol`], [`Occurrence`] and [`Index`] (built once per analysis,
//! in source order), plus the sites of inlay hints (unannotated `let`
//! bindings and parameters) and of field accesses (for completion after
//! `.`). It decides no scoping: the resolver did. It must not evaluate.

use crate::sema::check::{NOT_A_FIELD, TypeTable};
use crate::sema::resolve::{BindingId, BindingKind, Resolution};
use crate::span::Span;
use crate::syntax::ast::*;
use crate::syntax::spine::walk_left_spine;

/// What a name refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Symbol {
    /// A binding of the resolver: a value, type, constructor or type
    /// parameter.
    Binding(BindingId),
    /// Field `index` of the struct with declaration index `def`.
    Field {
        /// The struct's declaration index.
        def: u32,
        /// The field's position in the declaration.
        index: u32,
    },
}

/// How an occurrence takes part in a shorthand field (`P { x }` in a struct
/// literal or pattern, where one identifier is both a field and a value).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shorthand {
    /// Not a shorthand.
    No,
    /// The field's name of a shorthand.
    Field,
    /// The variable of a shorthand (a use in a literal, a binding in a
    /// pattern).
    Value,
}

/// One identifier in the text and what it names.
#[derive(Clone, Copy, Debug)]
pub struct Occurrence {
    /// Where it is written.
    pub span: Span,
    /// What it names.
    pub symbol: Symbol,
    /// True where the symbol is defined (a binding site, a field's
    /// declaration).
    pub def: bool,
    /// Its part in a shorthand field.
    pub shorthand: Shorthand,
    /// The expression whose type is this occurrence's type, if any (the
    /// variable itself, or the whole `p.x`).
    pub typed_as: Option<Span>,
}

/// A field access `receiver.name` (also a method call's `receiver.name(`).
#[derive(Clone, Copy, Debug)]
pub struct Access {
    /// The field or method name (empty right after the dot in `p.`).
    pub name: Span,
    /// The receiver expression.
    pub receiver: Span,
}

/// Every name of one document, in source order.
#[derive(Debug, Default)]
pub struct Index {
    /// The occurrences, sorted by position.
    pub occurrences: Vec<Occurrence>,
    /// Unannotated `let` bindings and parameters: the name's span and its
    /// binding (inlay hints).
    pub hints: Vec<(Span, BindingId)>,
    /// Field accesses and method calls.
    pub accesses: Vec<Access>,
}

impl Index {
    /// The index of `program`, resolved as `res` and typed as `types`, whose
    /// field indices are `field_slots`.
    pub fn build(
        program: &Program,
        res: &Resolution,
        field_slots: &[u32],
        types: &mut TypeTable,
    ) -> Index {
        let mut w = Walk {
            res,
            field_slots,
            types,
            out: Index::default(),
        };
        w.block(program.body);
        w.out
            .occurrences
            .sort_by_key(|o| (o.span.start, o.span.end));
        w.out.hints.sort_by_key(|(s, _)| s.start);
        w.out
    }

    /// The occurrence whose span contains `offset` (ends included; the one
    /// starting there wins over one ending there).
    pub fn at(&self, offset: u32) -> Option<&Occurrence> {
        let i = self.occurrences.partition_point(|o| o.span.start <= offset);
        let before = self.occurrences[..i].iter().rev();
        let mut found: Option<&Occurrence> = None;
        for o in before.take(4) {
            if o.span.start <= offset && offset <= o.span.end {
                let better = found.is_none_or(|f| o.span.start > f.span.start);
                if better {
                    found = Some(o);
                }
            }
        }
        found
    }

    /// Every occurrence of `symbol`, in source order.
    pub fn of(&self, symbol: Symbol) -> impl Iterator<Item = &Occurrence> {
        self.occurrences.iter().filter(move |o| o.symbol == symbol)
    }
}

struct Walk<'r, 'a> {
    res: &'r Resolution<'a>,
    field_slots: &'r [u32],
    types: &'r mut TypeTable,
    out: Index,
}

impl Walk<'_, '_> {
    fn name(&mut self, ident: &Ident, def: bool, shorthand: Shorthand, typed_as: Option<Span>) {
        let b = self.res.binding(ident.id);
        if b.is_some() && !ident.name.is_empty() && ident.name != "<error>" {
            self.out.occurrences.push(Occurrence {
                span: ident.span,
                symbol: Symbol::Binding(b),
                def,
                shorthand,
                typed_as,
            });
        }
    }

    fn field(
        &mut self,
        ident: &Ident,
        def: Option<u32>,
        shorthand: Shorthand,
        typed_as: Option<Span>,
    ) {
        let index = self.field_slots.get(ident.id.index()).copied();
        if let (Some(def), Some(index)) = (def, index)
            && index != NOT_A_FIELD
        {
            self.out.occurrences.push(Occurrence {
                span: ident.span,
                symbol: Symbol::Field { def, index },
                def: false,
                shorthand,
                typed_as,
            });
        }
    }

    fn struct_def(&self, name: &Ident) -> Option<u32> {
        match self.res.kind_of(name.id)? {
            BindingKind::Struct { def, .. } => Some(def),
            _ => None,
        }
    }

    fn block(&mut self, b: &Block) {
        for s in b.stmts {
            self.stmt(s);
        }
        if let Some(t) = &b.tail {
            self.expr(t);
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::Let(l) => {
                if l.ty.is_none() {
                    self.hint_pattern(&l.pattern);
                }
                self.pattern(&l.pattern);
                if let Some(t) = &l.ty {
                    self.ty(t);
                }
                self.expr(&l.value);
            }
            Stmt::Fn(f) => {
                self.name(&f.name, true, Shorthand::No, None);
                for g in f.generics {
                    self.name(g.name, true, Shorthand::No, None);
                }
                self.params(f.params);
                if let Some(t) = &f.ret {
                    self.ty(t);
                }
                self.expr(&f.body);
            }
            Stmt::Struct(st) => {
                self.name(st.name, true, Shorthand::No, None);
                for p in st.params {
                    self.name(p, true, Shorthand::No, None);
                }
                let def = self.struct_def(st.name);
                for (i, f) in st.fields.iter().enumerate() {
                    if let Some(def) = def {
                        self.out.occurrences.push(Occurrence {
                            span: f.name.span,
                            symbol: Symbol::Field {
                                def,
                                index: i as u32,
                            },
                            def: true,
                            shorthand: Shorthand::No,
                            typed_as: None,
                        });
                    }
                    self.ty(&f.ty);
                }
            }
            Stmt::Enum(en) => {
                self.name(en.name, true, Shorthand::No, None);
                for p in en.params {
                    self.name(p, true, Shorthand::No, None);
                }
                for v in en.variants {
                    self.name(v.name, true, Shorthand::No, None);
                    for t in v.fields {
                        self.ty(t);
                    }
                }
            }
            Stmt::Expr(e) => self.expr(e),
            Stmt::Empty(_) | Stmt::Error(_) => {}
        }
    }

    fn params(&mut self, params: &[Param]) {
        for p in params {
            if p.ty.is_none() && p.name.name != "_" {
                let b = self.res.binding(p.name.id);
                if b.is_some() {
                    self.out.hints.push((p.name.span, b));
                }
            }
            self.name(&p.name, true, Shorthand::No, None);
            if let Some(t) = &p.ty {
                self.ty(t);
            }
        }
    }

    fn hint_pattern(&mut self, p: &Pattern) {
        match p.kind {
            PatKind::Bind(i) => {
                let b = self.res.binding(i.id);
                if b.is_some() {
                    self.out.hints.push((i.span, b));
                }
            }
            PatKind::Tuple(l) => {
                for q in l.items {
                    self.hint_pattern(q);
                }
            }
            _ => {}
        }
    }

    fn ty(&mut self, t: &Type) {
        stacker::maybe_grow(32 * 1024, 1024 * 1024, || match t.kind {
            TypeKind::Named { name, args } => {
                self.name(name, false, Shorthand::No, None);
                for a in args {
                    self.ty(a);
                }
            }
            TypeKind::List(x) => self.ty(x),
            TypeKind::Tuple(xs) => {
                for x in xs {
                    self.ty(x);
                }
            }
            TypeKind::Fn { params, ret } => {
                for x in params {
                    self.ty(x);
                }
                self.ty(ret);
            }
            TypeKind::Unit | TypeKind::Error => {}
        })
    }

    fn pattern(&mut self, p: &Pattern) {
        stacker::maybe_grow(32 * 1024, 1024 * 1024, || self.pattern_inner(p))
    }

    fn pattern_inner(&mut self, p: &Pattern) {
        match p.kind {
            PatKind::Bind(i) => self.name(i, true, Shorthand::No, None),
            PatKind::Tuple(l) | PatKind::Or(l) => {
                for q in l.items {
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
                    self.name(i, true, Shorthand::No, None);
                }
            }
            PatKind::Ctor(c) => {
                self.name(c.name, false, Shorthand::No, None);
                for q in c.args {
                    self.pattern(q);
                }
            }
            PatKind::Struct(s) => {
                self.name(s.name, false, Shorthand::No, None);
                let def = self.struct_def(s.name);
                for f in s.fields {
                    if f.shorthand {
                        self.field(f.field, def, Shorthand::Field, None);
                        if let PatKind::Bind(i) = f.pattern.kind {
                            self.name(i, true, Shorthand::Value, None);
                            continue;
                        }
                    } else {
                        self.field(f.field, def, Shorthand::No, None);
                    }
                    self.pattern(&f.pattern);
                }
            }
            PatKind::Wild
            | PatKind::Int(_)
            | PatKind::Float(_)
            | PatKind::Bool(_)
            | PatKind::Str(_)
            | PatKind::Unit
            | PatKind::Error => {}
        }
    }

    fn expr(&mut self, e: &Expr) {
        stacker::maybe_grow(32 * 1024, 1024 * 1024, || self.expr_inner(e))
    }

    /// A chain of binary operations down the left operands, in a loop
    /// ([`walk_left_spine`]): the order of recursing on each left operand
    /// first, without a stack frame per operator.
    fn binary_chain(&mut self, e: &Expr) {
        let mut rights = Vec::new();
        let first = walk_left_spine(e, |_, b| {
            rights.push(&b.operands().rhs);
            true
        });
        self.expr(first);
        for rhs in rights.into_iter().rev() {
            self.expr(rhs);
        }
    }

    fn expr_inner(&mut self, e: &Expr) {
        match e.kind {
            ExprKind::Int(_)
            | ExprKind::Float(_)
            | ExprKind::Bool(_)
            | ExprKind::Str(_)
            | ExprKind::Unit
            | ExprKind::Error => {}
            ExprKind::Var { .. } => {
                if let Some(i) = e.var() {
                    self.name(&i, false, Shorthand::No, Some(e.span));
                }
            }
            ExprKind::Unary(u) => self.expr(&u.operand),
            ExprKind::Binary(b) if matches!(b.lhs.kind, ExprKind::Binary(_)) => {
                self.binary_chain(e);
            }
            ExprKind::Binary(b) => {
                self.expr(&b.lhs);
                self.expr(&b.rhs);
            }
            ExprKind::Call(c) => {
                self.expr(&c.callee);
                for a in c.args {
                    self.expr(a);
                }
            }
            ExprKind::MethodCall(m) => {
                self.expr(&m.receiver);
                self.out.accesses.push(Access {
                    name: m.method.span,
                    receiver: m.receiver.span,
                });
                self.name(&m.method, false, Shorthand::No, None);
                for a in m.args {
                    self.expr(a);
                }
            }
            ExprKind::Field(f) => {
                self.expr(&f.expr);
                self.out.accesses.push(Access {
                    name: f.field.span,
                    receiver: f.expr.span,
                });
                let def = self.types.def_of(f.expr.span);
                self.field(f.field, def, Shorthand::No, Some(e.span));
            }
            ExprKind::Index(ix) => {
                self.expr(&ix.expr);
                self.expr(&ix.index);
            }
            ExprKind::Tuple(l) | ExprKind::List(l) => {
                for x in l.items {
                    self.expr(x);
                }
            }
            ExprKind::Block(b) => self.block(b),
            ExprKind::If(i) => {
                self.expr(&i.cond);
                self.block(i.then_branch);
                if let Some(x) = &i.else_branch {
                    self.expr(x);
                }
            }
            ExprKind::Match(m) => {
                self.expr(&m.scrutinee);
                for a in m.arms {
                    self.pattern(&a.pattern);
                    if let Some(g) = &a.guard {
                        self.expr(g);
                    }
                    self.expr(&a.body);
                }
            }
            ExprKind::Closure(c) => {
                self.params(c.params);
                if let Some(t) = &c.ret {
                    self.ty(t);
                }
                self.expr(&c.body);
            }
            ExprKind::StructLit(s) => {
                self.name(s.name, false, Shorthand::No, None);
                let def = self.struct_def(s.name);
                for f in s.fields {
                    if f.shorthand {
                        self.field(f.name, def, Shorthand::Field, Some(f.value.span));
                        if let Some(i) = f.value.var() {
                            self.name(&i, false, Shorthand::Value, Some(f.value.span));
                            continue;
                        }
                    } else {
                        self.field(f.name, def, Shorthand::No, Some(f.value.span));
                    }
                    self.expr(&f.value);
                }
            }
        }
    }
}
