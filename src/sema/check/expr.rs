//! Inference of expressions: literals, names and constructors, unary
//! operators, lists and tuples, indexing, `if`, `match` (whose
//! exhaustiveness [`exhaust`] decides) and closures.
//!
//! Binary operators, calls, fields and struct literals are in `ops`; blocks
//! in `items`; patterns in `pattern`. This module must not declare types or
//! decide exhaustiveness itself.

use super::codes;
use super::cx::{Cx, Scheme, Typed};
use super::diagnose::Reason;
use crate::diag::Diagnostic;
use crate::sema::decls::DefKind;
use crate::sema::exhaust;
use crate::sema::resolve::BindingKind;
use crate::sema::types::{Classes, Node, TyId};
use crate::span::Span;
use crate::syntax::ast::{Expr, ExprKind, Ident, UnaryOp};

impl<'a, 'c> Cx<'a, 'c> {
    /// Infers the type of `e`, growing the stack for deep nesting.
    pub(super) fn infer(&mut self, e: &'a Expr<'a>) -> TyId {
        if self.stopped {
            return self.error_ty();
        }
        let t = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.infer_inner(e));
        self.record(e.span, t);
        t
    }

    /// Records that the expression at `span` has type `t`, when an editor
    /// asked for every expression's type.
    pub(super) fn record(&mut self, span: Span, t: TyId) {
        if let Some(recorded) = &mut self.recorded {
            recorded.push((span, t));
        }
    }

    /// One step of [`Cx::infer`].
    fn infer_inner(&mut self, e: &'a Expr<'a>) -> TyId {
        match e.kind {
            ExprKind::Int(_) => self.prim(Node::Int),
            ExprKind::Float(_) => self.prim(Node::Float),
            ExprKind::Bool(_) => self.prim(Node::Bool),
            ExprKind::Str(_) => self.prim(Node::Str),
            ExprKind::Unit => self.prim(Node::Unit),
            ExprKind::Error => self.error_ty(),
            ExprKind::Var { name, id } => self.var(&Ident {
                name,
                span: e.span,
                id,
            }),
            ExprKind::Unary(u) => {
                let t = self.infer(&u.operand);
                match u.op {
                    UnaryOp::Neg => {
                        if self.require(t, Classes::NUM, u.operand.span, "the operand of `-`") {
                            t
                        } else {
                            self.error_ty()
                        }
                    }
                    UnaryOp::Not => {
                        let b = self.prim(Node::Bool);
                        self.expect(
                            b,
                            t,
                            u.operand.span,
                            Reason::Because(u.op_span(), "`!` needs a Bool"),
                        );
                        b
                    }
                }
            }
            ExprKind::Binary(ref b) => self.binary_chain(e, b),
            ExprKind::Call(c) => {
                // Arguments first: a variable the callee's type brings
                // (a generic function's instance, a closure's parameter) is
                // then younger than the arguments' types, and binding it to
                // them needs no occurs check or level adjustment (see
                // `TypeStore::bind`), so nested calls check in linear time.
                let base = self.args.len();
                for a in c.args {
                    let t = self.infer(a);
                    self.args.push((t, a.span));
                }
                let callee = self.infer(&c.callee);
                let name = callee_name(&c.callee);
                self.apply_stacked(callee, c.callee.span, base, e.span, name)
            }
            ExprKind::MethodCall(m) => self.method_call(m, e.span),
            ExprKind::Field(f) => self.field(f, e.span),
            ExprKind::Index(ix) => {
                let lt = self.infer(&ix.expr);
                let it = self.infer(&ix.index);
                let elem = self.fresh();
                let list = self.store.add(Node::List(elem));
                if self.expect(list, lt, ix.expr.span, Reason::None) {
                    let int = self.prim(Node::Int);
                    self.expect(
                        int,
                        it,
                        ix.index.span,
                        Reason::Because(ix.expr.span, "lists are indexed by Int"),
                    );
                }
                elem
            }
            ExprKind::Tuple(l) => {
                let base = self.params.len();
                for x in l.items {
                    let t = self.infer(x);
                    self.params.push(t);
                }
                let t = self.store.tuple(&self.params[base..]);
                self.params.truncate(base);
                t
            }
            ExprKind::List(l) => {
                // The first element's type is the element type: binding a
                // fresh variable to it instead would walk it in the occurs
                // check, quadratic for a literal nested thousands deep.
                // After a mismatch the element type is unknown: the error
                // type, not the first element's (`[None, 2].map(f)`).
                // Elements that mismatch the first alike are one mistake.
                let mut elem: Option<(TyId, Span)> = None;
                let mut fits = true;
                let mut reported = std::collections::HashSet::new();
                for x in l.items {
                    let t = self.infer(x);
                    match elem {
                        None => elem = Some((t, x.span)),
                        Some((el, first)) => {
                            let before = self.diags.len();
                            fits &= self.expect(
                                el,
                                t,
                                x.span,
                                Reason::Because(first, "the list's first element has this type"),
                            );
                            self.drop_repeated(before, &mut reported);
                        }
                    }
                }
                let elem = match elem {
                    Some((t, _)) if fits => t,
                    Some(_) => self.error_ty(),
                    None => self.fresh(),
                };
                self.store.add(Node::List(elem))
            }
            ExprKind::Block(b) => self.block(b),
            ExprKind::If(i) => {
                let c = self.infer(&i.cond);
                let b = self.prim(Node::Bool);
                self.expect(b, c, i.cond.span, Reason::None);
                let then_t = self.block(i.then_branch);
                let then_span = i.then_branch.tail.map_or(e.span, |t| t.span);
                match &i.else_branch {
                    Some(els) => {
                        let else_t = self.infer(els);
                        let agree = self.expect(
                            then_t,
                            else_t,
                            tail_span(els),
                            Reason::Because(
                                then_span,
                                "expected because the `if` branch has this type",
                            ),
                        );
                        // Branches that disagree leave the value's type
                        // unknown: no second error where it is used.
                        if agree { then_t } else { self.error_ty() }
                    }
                    None => {
                        let unit = self.prim(Node::Unit);
                        if self.store.unify(unit, then_t).is_err() {
                            let t = self.print(then_t);
                            self.error(
                                Diagnostic::error(
                                    codes::IF_WITHOUT_ELSE,
                                    format!("`if` without `else` must have type `()`, but its block has type `{t}`"),
                                    then_span,
                                )
                                .with_primary_message(format!("this has type `{t}`"))
                                .with_help("add an `else` branch with a value of the same type"),
                            );
                            // Its value is the mistake: no second error where
                            // it is used (`if a { 1 } else if b { 2 }`).
                            return self.error_ty();
                        }
                        unit
                    }
                }
            }
            ExprKind::Match(m) => {
                let s = self.infer(&m.scrutinee);
                let result = self.fresh();
                let mut first: Option<Span> = None;
                // A pattern that does not fit the scrutinee is reported
                // once, not again as a gap in exhaustiveness; arms that
                // disagree leave the value's type unknown; mismatches worded
                // alike in several arms are reported once.
                let mut patterns_fit = true;
                let mut arms_agree = true;
                let mut reported = std::collections::HashSet::new();
                for arm in m.arms {
                    let mut binds = Vec::new();
                    patterns_fit &= self.arm_pattern(&arm.pattern, s, &mut binds, &mut reported);
                    for (ident, t) in binds {
                        self.set(ident, Typed::Value(Scheme::mono(t)));
                    }
                    if let Some(g) = &arm.guard {
                        let gt = self.infer(g);
                        let b = self.prim(Node::Bool);
                        self.expect(b, gt, g.span, Reason::None);
                    }
                    let bt = self.infer(&arm.body);
                    let reason = match first {
                        Some(sp) => {
                            Reason::Because(sp, "expected because the first arm has this type")
                        }
                        None => Reason::None,
                    };
                    let before = self.diags.len();
                    arms_agree &= self.expect(result, bt, tail_span(&arm.body), reason);
                    self.drop_repeated(before, &mut reported);
                    first.get_or_insert(tail_span(&arm.body));
                }
                if patterns_fit {
                    exhaust::check_match(self, m, s, e.span);
                }
                if arms_agree { result } else { self.error_ty() }
            }
            ExprKind::Closure(c) => {
                let base = self.params.len();
                for p in c.params {
                    let t = match &p.ty {
                        Some(a) => self.annotation(a),
                        None => self.fresh(),
                    };
                    self.params.push(t);
                    self.set(&p.name, Typed::Value(Scheme::mono(t)));
                }
                let body = self.infer(&c.body);
                let ret = match &c.ret {
                    Some(a) => {
                        let r = self.annotation(a);
                        self.expect(
                            r,
                            body,
                            tail_span(&c.body),
                            Reason::Because(a.span, "expected because of this return type"),
                        );
                        r
                    }
                    None => body,
                };
                let t = self.store.func(&self.params[base..], ret);
                self.params.truncate(base);
                t
            }
            ExprKind::StructLit(s) => self.struct_lit(s, e.span),
        }
    }

    /// The type of a use of value name `ident` (an uppercase name is a
    /// constructor).
    pub(super) fn var(&mut self, ident: &Ident<'a>) -> TyId {
        let b = self.binding(ident);
        let Some(kind) = self.kind(ident) else {
            return self.error_ty();
        };
        match kind {
            BindingKind::Let | BindingKind::Param | BindingKind::ArmVar => {
                match self.scheme(b).copied() {
                    Some(s) => self.instantiate(&s, ident.name.as_str(), ident.span),
                    None => self.error_ty(),
                }
            }
            BindingKind::FnItem(_) => self.use_item(b, ident),
            BindingKind::Builtin(bi) => {
                let checker = self.checker;
                self.store
                    .instantiate_g(&checker.prelude[bi as usize].1, self.level)
            }
            BindingKind::Global(i) => {
                let checker = self.checker;
                match checker.schemes.get(i as usize) {
                    Some(Some(g)) => self.store.instantiate_g(g, self.level),
                    _ => self.error_ty(),
                }
            }
            BindingKind::Unresolved { .. }
                if !ident.name.starts_with(|c: char| c.is_ascii_uppercase()) =>
            {
                self.unknown_name(ident, kind);
                self.error_ty()
            }
            _ => self.ctor(ident),
        }
    }

    /// The type of constructor `ident` used as a value: the enum itself, or
    /// a function from its fields.
    pub(super) fn ctor(&mut self, ident: &Ident) -> TyId {
        match self.kind(ident) {
            Some(BindingKind::Variant { def, index, .. }) => {
                let (t, args) = self.def_instance(def);
                let fields = match &self.defs[def as usize].kind {
                    DefKind::Enum(vs) => vs[index as usize].1.clone(),
                    DefKind::Struct(_) => Vec::new(),
                };
                if fields.is_empty() {
                    return t;
                }
                let ps: Vec<TyId> = fields
                    .iter()
                    .map(|f| self.store.from_stype(f, &[], &args))
                    .collect();
                self.store.func(&ps, t)
            }
            Some(BindingKind::Struct { def, .. } | BindingKind::Enum { def }) => {
                let d = self.type_as_value(ident, def);
                self.error(d);
                self.error_ty()
            }
            kind => {
                let mut d = Diagnostic::error(
                    codes::UNKNOWN_CTOR,
                    format!("cannot find constructor `{}` in this scope", ident.name),
                    ident.span,
                )
                .with_primary_message("not found in this scope");
                if let Some(s) = kind.and_then(|k| self.res.suggestion(k)) {
                    d = d.with_help(format!("did you mean `{s}`?"));
                }
                self.error(d);
                self.error_ty()
            }
        }
    }
}

/// Where a block's value comes from: the span of its innermost tail
/// expression (for mismatch labels).
pub(super) fn tail_span(e: &Expr) -> Span {
    match e.kind {
        ExprKind::Block(b) => b.tail.map_or(e.span, |t| tail_span(&t)),
        _ => e.span,
    }
}

/// The name a call's callee is written as, if it is a plain name.
fn callee_name<'a>(e: &Expr<'a>) -> Option<&'a str> {
    match e.kind {
        ExprKind::Var { name, .. } => Some(name.as_str()),
        _ => None,
    }
}
