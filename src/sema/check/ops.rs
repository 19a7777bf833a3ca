//! Inference of operators, calls, field access and struct literals: the
//! class a binary operator needs (`Num`, `Ord`, `Eq`, `Seq`), arity and
//! argument types of calls (plain and `x.f(…)` method sugar, whose unknown
//! method may be a field holding a function), fields of
//! known and not-yet-known struct types, and struct literals.
//!
//! This module must not bind names or declare types.

use super::cx::Cx;
use super::diagnose::Reason;
use super::{NOT_A_FIELD, codes};
use crate::diag::Diagnostic;
use crate::sema::decls::DefKind;
use crate::sema::types::{Classes, Node, TyId};
use crate::span::Span;
use crate::syntax::ast::{
    BinOp, Binary, Expr, ExprKind, FieldAccess, Ident, MethodCall, StructLit,
};
use crate::syntax::spine::walk_left_spine;
use rustc_hash::FxHashSet;

impl<'a, 'c> Cx<'a, 'c> {
    /// Types `e`, the binary operation `b`. A chain of them down the left
    /// operands is typed in a loop, as recursing on the left operand first
    /// would: its first operand, then each operation, innermost first, with
    /// its right operand (recorded as [`Cx::infer`] records it; `e` itself
    /// is its caller's to record). A chain as long as the source so takes
    /// no native stack per operator.
    pub(super) fn binary_chain(&mut self, e: &'a Expr<'a>, b: &'a Binary<'a>) -> TyId {
        if !matches!(b.lhs.kind, ExprKind::Binary(_)) {
            let l = self.infer(&b.operands().lhs);
            let r = self.infer(&b.operands().rhs);
            return self.binary(b, l, r);
        }
        let base = self.spine.len();
        let first = walk_left_spine(e, |op, b| {
            self.spine.push((b, op.span));
            true
        });
        let mut t = self.infer(first);
        while self.spine.len() > base {
            let (b, span) = self
                .spine
                .pop()
                .expect("the loop runs while the chain has operations");
            let r = self.infer(&b.operands().rhs);
            t = self.binary(b, t, r);
            if self.spine.len() > base {
                self.record(span, t);
            }
        }
        t
    }

    /// Types a binary operation whose operands have types `l` and `r`. An
    /// arithmetic or `++` operation whose left operand is not of the class
    /// the operator needs has the error type, so the operations around it
    /// do not report it again.
    fn binary(&mut self, b: &Binary<'a>, l: TyId, r: TyId) -> TyId {
        let op = b.op.symbol();
        let because = Reason::Because(b.lhs.span, "expected because of this operand");
        match b.op {
            BinOp::And | BinOp::Or => {
                let bool_t = self.prim(Node::Bool);
                let why =
                    Reason::Because(b.op_span(), "both operands of a logical operator are Bool");
                self.expect(bool_t, l, b.lhs.span, why);
                self.expect(bool_t, r, b.rhs.span, why);
                bool_t
            }
            BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div | BinOp::Rem | BinOp::Pow => {
                if !self.require_with(l, Classes::NUM, b.lhs.span, &|| {
                    format!("the left operand of `{op}`")
                }) {
                    return self.error_ty();
                }
                self.expect(l, r, b.rhs.span, because);
                l
            }
            BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge | BinOp::Eq | BinOp::Ne => {
                let class = match b.op {
                    BinOp::Eq | BinOp::Ne => Classes::EQ,
                    _ => Classes::ORD,
                };
                if self.require_with(l, class, b.lhs.span, &|| {
                    format!("the left operand of `{op}`")
                }) {
                    self.expect(l, r, b.rhs.span, because);
                }
                self.prim(Node::Bool)
            }
            BinOp::Concat => {
                if !self.require(l, Classes::SEQ, b.lhs.span, "the left operand of `++`") {
                    return self.error_ty();
                }
                self.expect(l, r, b.rhs.span, because);
                l
            }
        }
    }

    /// [`Cx::apply`] to the arguments stacked on `self.args` above `base`,
    /// which it pops.
    pub(super) fn apply_stacked(
        &mut self,
        callee: TyId,
        callee_span: Span,
        base: usize,
        span: Span,
        name: Option<&str>,
    ) -> TyId {
        // `apply` infers nothing, so nothing pushes while the stack is out.
        let mut args = std::mem::take(&mut self.args);
        let t = self.apply(callee, callee_span, &args[base..], span, name);
        args.truncate(base);
        self.args = args;
        t
    }

    /// Types a call of `callee` with `args`.
    pub(super) fn apply(
        &mut self,
        callee: TyId,
        callee_span: Span,
        args: &[(TyId, Span)],
        span: Span,
        name: Option<&str>,
    ) -> TyId {
        let shown = || name.map_or("this function".to_string(), |n| format!("`{n}`"));
        match self.store.node(callee) {
            Node::Fn(params, ret) => {
                if params.len() != args.len() {
                    let s = |n: usize| if n == 1 { "" } else { "s" };
                    let was = if args.len() == 1 { "was" } else { "were" };
                    self.error(
                        Diagnostic::error(
                            codes::ARITY,
                            format!(
                                "{} takes {} argument{} but {} {was} supplied",
                                shown(),
                                params.len(),
                                s(params.len()),
                                args.len()
                            ),
                            span,
                        )
                        .with_primary_message(format!(
                            "{} argument{} supplied",
                            args.len(),
                            s(args.len())
                        ))
                        .with_label(
                            callee_span,
                            format!("expects {} argument{}", params.len(), s(params.len())),
                        ),
                    );
                    return ret;
                }
                for (i, (t, sp)) in args.iter().enumerate() {
                    let p = self.store.part(params, i);
                    // The reason is worded only when it is reported.
                    if let Err(e) = self.store.unify(p, *t) {
                        let why = format!("parameter {} of {} has this type", i + 1, shown());
                        self.report_unify(e, p, *t, *sp, Reason::Because(callee_span, &why));
                    }
                }
                ret
            }
            Node::Var { .. } => {
                let ret = self.fresh();
                let ps: Vec<TyId> = args.iter().map(|(t, _)| *t).collect();
                let f = self.store.func(&ps, ret);
                self.expect(callee, f, callee_span, Reason::None);
                ret
            }
            Node::Error => self.error_ty(),
            _ => {
                let t = self.print(callee);
                self.error(
                    Diagnostic::error(
                        codes::NOT_A_FUNCTION,
                        format!("expected a function, found `{t}`"),
                        callee_span,
                    )
                    .with_primary_message(format!("this has type `{t}` and cannot be called")),
                );
                self.error_ty()
            }
        }
    }

    /// Types method call `m` (the whole call at `span`): `x.f(a)` is
    /// `f(x, a)`. When `f` is no function in scope but a field of `x`
    /// holding one, the unknown-name error says how to call that instead.
    pub(super) fn method_call(&mut self, m: &'a MethodCall<'a>, span: Span) -> TyId {
        // The arguments before the method, as in a call (see `infer`).
        let base = self.args.len();
        let recv = self.infer(&m.receiver);
        self.args.push((recv, m.receiver.span));
        for a in m.args {
            let t = self.infer(a);
            self.args.push((t, a.span));
        }
        let before = self.diags.len();
        let callee = self.var(&m.method);
        if self.diags.len() == before + 1
            && self.diags[before].code == codes::UNKNOWN_NAME
            && let Some(help) = self.field_call_help(recv, m)
        {
            self.diags[before].help = Some(help);
        }
        self.apply_stacked(
            callee,
            m.method.span,
            base,
            span,
            Some(m.method.name.as_str()),
        )
    }

    /// Types field access `f` (the whole expression at `span`); an operand of
    /// unknown type takes the unique struct in scope with that field.
    pub(super) fn field(&mut self, f: &'a FieldAccess<'a>, span: Span) -> TyId {
        let t = self.infer(&f.expr);
        let name = f.field.name;
        match self.store.node(t) {
            Node::Named(d, args) if matches!(self.defs[d as usize].kind, DefKind::Struct(_)) => {
                let args = self.store.parts(args).to_vec();
                match self.field_position(d, name.as_str()) {
                    Some(i) => {
                        self.record_field(f.field, i);
                        self.field_type(d, i, &args)
                    }
                    None => {
                        let ty = self.print(t);
                        let mut diag = Diagnostic::error(
                            codes::NO_FIELD,
                            format!("no field `{name}` on type `{ty}`"),
                            f.field.span,
                        )
                        .with_primary_message("unknown field");
                        if let Some(help) = self.field_help(d, name.as_str(), true) {
                            diag = diag.with_help(help);
                        }
                        self.error(diag);
                        self.error_ty()
                    }
                }
            }
            Node::Var { .. } => {
                // Not yet known: the unique struct in scope with this field.
                // Each struct once, with the field's position in it.
                let mut found: Vec<(u32, usize)> = Vec::new();
                for d in self.res.structs_in_scope(f.field) {
                    if let Some(i) = self.field_position(d, name.as_str())
                        && !found.iter().any(|&(e, _)| e == d)
                    {
                        found.push((d, i));
                    }
                }
                if let [(d, i)] = found[..] {
                    let (st, args) = self.def_instance(d);
                    self.expect(st, t, f.expr.span, Reason::None);
                    self.record_field(f.field, i);
                    return self.field_type(d, i, &args);
                }
                let msg = if found.is_empty() {
                    format!("no struct in scope has a field named `{name}`")
                } else {
                    format!("type annotation needed: several structs have a field named `{name}`")
                };
                let code = if found.is_empty() {
                    codes::NO_FIELD
                } else {
                    codes::ANNOTATION_NEEDED
                };
                self.error(
                    Diagnostic::error(code, msg, span)
                        .with_primary_message("the type of this value is not known here")
                        .with_help("add a type annotation, e.g. `|p: Point| p.x`"),
                );
                self.error_ty()
            }
            Node::Error => self.error_ty(),
            _ => {
                let ty = self.print(t);
                self.error(
                    Diagnostic::error(
                        codes::NO_FIELD,
                        format!("no field `{name}` on type `{ty}`"),
                        f.field.span,
                    )
                    .with_label(f.expr.span, format!("this has type `{ty}`"))
                    .with_help("only structs have fields; to call a function use `x.f()`"),
                );
                self.error_ty()
            }
        }
    }

    /// Types struct literal `s` (at `span`), reporting unknown, repeated and
    /// missing fields.
    pub(super) fn struct_lit(&mut self, s: &'a StructLit<'a>, span: Span) -> TyId {
        let Some(def) = self.struct_def(s.name) else {
            for f in s.fields {
                self.infer(&f.value);
            }
            return self.error_ty();
        };
        let (t, args) = self.def_instance(def);
        // The fields given, by position, and the names given that are not
        // fields: a name given twice is reported as such either way.
        let (mut seen, mut unknown) = (FxHashSet::default(), FxHashSet::default());
        for f in s.fields {
            let vt = self.infer(&f.value);
            let name = f.name.name.as_str();
            let at = self.field_position(def, name);
            let again = match at {
                Some(i) => !seen.insert(i as u32),
                None => !unknown.insert(name),
            };
            if again {
                self.error(Diagnostic::error(
                    codes::DUPLICATE,
                    format!("field `{name}` specified more than once"),
                    f.name.span,
                ));
                continue;
            }
            match at {
                Some(i) => {
                    self.record_field(f.name, i);
                    let ft = self.field_type(def, i, &args);
                    self.expect(ft, vt, f.value.span, Reason::None);
                }
                None => {
                    let mut d = Diagnostic::error(
                        codes::NO_FIELD,
                        format!("struct `{}` has no field named `{name}`", s.name.name),
                        f.name.span,
                    );
                    if let Some(help) = self.field_help(def, name, true) {
                        d = d.with_help(help);
                    }
                    self.error(d);
                }
            }
        }
        if let Some((missing, count)) = self.missing_fields(def, &seen) {
            self.error(
                Diagnostic::error(
                    codes::MISSING_FIELDS,
                    format!(
                        "missing field{} {missing} in `{}`",
                        if count == 1 { "" } else { "s" },
                        s.name.name
                    ),
                    span,
                )
                .with_help("every field must be given a value"),
            );
        }
        t
    }

    /// Records for the evaluator that `field` names field `index` (in
    /// declaration order) of its struct. The table grows only to the last
    /// field recorded, so a unit without fields allocates none of it.
    pub(super) fn record_field(&mut self, field: &Ident, index: usize) {
        let i = field.id.index();
        if self.field_slots.len() <= i {
            self.field_slots.resize(i + 1, NOT_A_FIELD);
        }
        self.field_slots[i] = index as u32;
    }
}
