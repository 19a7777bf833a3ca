//! Patterns: checking a pattern against the type it matches and collecting
//! its bindings (or-pattern alternatives must bind the same names),
//! irrefutability for `let`, and the checker's side of exhaustiveness (the
//! [`ExhaustCx`] view of declarations and of what constructor names
//! resolved to).
//!
//! This module must not infer expressions or decide exhaustiveness itself
//! (that is [`crate::sema::exhaust`]).

use super::codes;
use super::cx::Cx;
use super::diagnose::Reason;
use crate::diag::Diagnostic;
use crate::sema::decls::{DefKind, TypeDef};
use crate::sema::exhaust::ExhaustCx;
use crate::sema::resolve::BindingKind;
use crate::sema::types::{Node, Parts, TyId};
use crate::span::Span;
use crate::syntax::ast::{Ident, PatKind, Pattern, Rest};
use rustc_hash::FxHashSet;
use std::collections::HashSet;

/// A pattern's bindings: each binding identifier with its type.
pub(super) type Binds<'a> = Vec<(&'a Ident<'a>, TyId)>;

impl<'a, 'c> Cx<'a, 'c> {
    /// Checks `p` against `expected`, collecting its bindings.
    pub(super) fn pattern(&mut self, p: &'a Pattern<'a>, expected: TyId, binds: &mut Binds<'a>) {
        match p.kind {
            PatKind::Wild | PatKind::Error => {}
            PatKind::Bind(i) => binds.push((i, expected)),
            PatKind::Int(_) => self.lit_pat(Node::Int, expected, p.span),
            PatKind::Float(_) => self.lit_pat(Node::Float, expected, p.span),
            PatKind::Bool(_) => self.lit_pat(Node::Bool, expected, p.span),
            PatKind::Str(_) => self.lit_pat(Node::Str, expected, p.span),
            PatKind::Unit => self.lit_pat(Node::Unit, expected, p.span),
            PatKind::Tuple(l) => {
                if let Node::Tuple(xs) = self.store.node(expected)
                    && xs.len() != l.items.len()
                {
                    let ty = self.print(expected);
                    let n = l.items.len();
                    self.error(
                        Diagnostic::error(
                            codes::MISMATCH,
                            format!(
                                "mismatched types: expected `{ty}`, found a tuple pattern of {n} elements"
                            ),
                            p.span,
                        )
                        .with_primary_message(format!(
                            "this pattern has {n} elements, but the value has {}",
                            xs.len()
                        )),
                    );
                    self.bind_as_error(p, binds);
                    return;
                }
                let ts: Vec<TyId> = l.items.iter().map(|_| self.fresh()).collect();
                let t = self.store.tuple(&ts);
                if self.pat_expect(expected, t, p.span) {
                    for (q, t) in l.items.iter().zip(ts) {
                        self.pattern(q, t, binds);
                    }
                } else {
                    self.bind_as_error(p, binds);
                }
            }
            PatKind::List(l) => {
                let elem = self.fresh();
                let t = self.store.add(Node::List(elem));
                if self.pat_expect(expected, t, p.span) {
                    for q in l.items {
                        self.pattern(q, elem, binds);
                    }
                    if let Some(Rest {
                        binding: Some(b), ..
                    }) = l.rest
                    {
                        binds.push((b, t));
                    }
                } else {
                    self.bind_as_error(p, binds);
                }
            }
            PatKind::Or(l) => {
                let mut first: Option<Binds<'a>> = None;
                for q in l.items {
                    let mut alt = Vec::new();
                    self.pattern(q, expected, &mut alt);
                    match &first {
                        None => first = Some(alt),
                        Some(f) => {
                            let mut a: Vec<&str> =
                                alt.iter().map(|(n, _)| n.name.as_str()).collect();
                            let mut b: Vec<&str> = f.iter().map(|(n, _)| n.name.as_str()).collect();
                            a.sort_unstable();
                            b.sort_unstable();
                            if a != b {
                                self.error(
                                    Diagnostic::error(
                                        codes::OR_BINDINGS,
                                        "alternatives of an or-pattern must bind the same names",
                                        q.span,
                                    )
                                    .with_label(
                                        l.items[0].span,
                                        "the first alternative binds different names",
                                    ),
                                );
                            } else {
                                for (n, t) in &alt {
                                    if let Some((_, ft)) = f.iter().find(|(m, _)| m.name == n.name)
                                    {
                                        let ft = *ft;
                                        self.expect(ft, *t, n.span, Reason::None);
                                    }
                                }
                            }
                        }
                    }
                }
                binds.extend(first.unwrap_or_default());
            }
            PatKind::Ctor(c) => match self.kind(c.name) {
                Some(BindingKind::Variant { def, index: vi, .. }) => {
                    let (t, args) = self.def_instance(def);
                    let fields = match &self.defs[def as usize].kind {
                        DefKind::Enum(vs) => vs[vi as usize].1.clone(),
                        DefKind::Struct(_) => Vec::new(),
                    };
                    if fields.len() != c.args.len() {
                        self.error(Diagnostic::error(
                            codes::WRONG_COUNT,
                            format!(
                                "`{}` has {} field{}, but the pattern has {}",
                                c.name.name,
                                fields.len(),
                                if fields.len() == 1 { "" } else { "s" },
                                c.args.len()
                            ),
                            p.span,
                        ));
                        self.bind_as_error(p, binds);
                        return;
                    }
                    if self.pat_expect(expected, t, p.span) {
                        for (q, f) in c.args.iter().zip(fields.iter()) {
                            let ft = self.store.from_stype(f, &[], &args);
                            self.pattern(q, ft, binds);
                        }
                    } else {
                        self.bind_as_error(p, binds);
                    }
                }
                _ => {
                    self.ctor(c.name);
                    self.bind_as_error(p, binds);
                }
            },
            PatKind::Struct(sp) => {
                let Some(def) = self.struct_def(sp.name) else {
                    self.bind_as_error(p, binds);
                    return;
                };
                let (t, args) = self.def_instance(def);
                if !self.pat_expect(expected, t, p.span) {
                    self.bind_as_error(p, binds);
                    return;
                }
                let mut seen = FxHashSet::default();
                for f in sp.fields {
                    let name = f.field.name.as_str();
                    match self.field_position(def, name) {
                        Some(i) => {
                            seen.insert(i as u32);
                            self.record_field(f.field, i);
                            let ft = self.field_type(def, i, &args);
                            self.pattern(&f.pattern, ft, binds);
                        }
                        None => {
                            let mut d = Diagnostic::error(
                                codes::NO_FIELD,
                                format!("struct `{}` has no field named `{name}`", sp.name.name),
                                f.field.span,
                            );
                            if let Some(help) = self.field_help(def, name, false) {
                                d = d.with_help(help);
                            }
                            self.error(d);
                            self.bind_as_error(&f.pattern, binds);
                        }
                    }
                }
                if !sp.has_rest
                    && let Some((missing, count)) = self.missing_fields(def, &seen)
                {
                    self.error(
                        Diagnostic::error(
                            codes::MISSING_FIELDS,
                            format!(
                                "pattern does not mention field{} {missing}",
                                if count == 1 { "" } else { "s" },
                            ),
                            p.span,
                        )
                        .with_help("list every field, or add `..` to ignore the rest"),
                    );
                }
            }
        }
    }

    /// Checks the pattern `p` of a `match` arm against the scrutinee's
    /// type `s`, collecting its bindings; false if it does not fit. A
    /// diagnostic worded as one `reported` for an earlier arm of the same
    /// `match` is dropped: when every arm mismatches alike, the scrutinee
    /// is the one mistake.
    pub(super) fn arm_pattern(
        &mut self,
        p: &'a Pattern<'a>,
        s: TyId,
        binds: &mut Binds<'a>,
        reported: &mut HashSet<String>,
    ) -> bool {
        let before = self.diags.len();
        self.pattern(p, s, binds);
        let fits = self.diags.len() == before;
        self.drop_repeated(before, reported);
        fits
    }

    /// Binds every name of `p` to the error type, so a pattern that failed
    /// to check causes no follow-on "unknown name" errors.
    fn bind_as_error(&mut self, p: &Pattern<'a>, binds: &mut Binds<'a>) {
        let mut names = Vec::new();
        names_of(p, &mut names);
        for n in names {
            let e = self.error_ty();
            binds.push((n, e));
        }
    }

    /// Checks a literal pattern of type `n` against `expected`.
    fn lit_pat(&mut self, n: Node, expected: TyId, span: Span) {
        let t = self.prim(n);
        self.pat_expect(expected, t, span);
    }

    /// Unifies `expected` with the type of the pattern at `span`, reporting a
    /// mismatch there.
    fn pat_expect(&mut self, expected: TyId, pat_t: TyId, span: Span) -> bool {
        match self.store.unify(expected, pat_t) {
            Ok(()) => true,
            Err(e) => {
                self.report_unify(e, expected, pat_t, span, Reason::None);
                false
            }
        }
    }

    /// True when `p` matches every value of its type (A9's `let` rule).
    pub(super) fn irrefutable(&self, p: &Pattern) -> bool {
        match p.kind {
            PatKind::Wild | PatKind::Bind(_) | PatKind::Unit | PatKind::Error => true,
            PatKind::Tuple(l) => l.items.iter().all(|q| self.irrefutable(q)),
            PatKind::Struct(s) => s.fields.iter().all(|f| self.irrefutable(&f.pattern)),
            PatKind::Ctor(c) => match self.kind(c.name) {
                Some(BindingKind::Variant { def: d, .. }) => {
                    matches!(&self.defs[d as usize].kind, DefKind::Enum(vs) if vs.len() == 1)
                        && c.args.iter().all(|q| self.irrefutable(q))
                }
                _ => true,
            },
            PatKind::Or(l) => l.items.iter().any(|q| self.irrefutable(q)),
            PatKind::List(l) => l.items.is_empty() && l.rest.is_some(),
            PatKind::Int(_) | PatKind::Float(_) | PatKind::Bool(_) | PatKind::Str(_) => false,
        }
    }
}

/// The identifiers `p` binds (an or-pattern's from its first alternative).
fn names_of<'a>(p: &Pattern<'a>, out: &mut Vec<&'a Ident<'a>>) {
    match p.kind {
        PatKind::Bind(i) => out.push(i),
        PatKind::Tuple(l) => l.items.iter().for_each(|q| names_of(q, out)),
        PatKind::Or(l) => {
            if let Some(q) = l.items.first() {
                names_of(q, out);
            }
        }
        PatKind::List(l) => {
            l.items.iter().for_each(|q| names_of(q, out));
            if let Some(Rest {
                binding: Some(b), ..
            }) = l.rest
            {
                out.push(b);
            }
        }
        PatKind::Ctor(c) => c.args.iter().for_each(|q| names_of(q, out)),
        PatKind::Struct(s) => s.fields.iter().for_each(|f| names_of(&f.pattern, out)),
        _ => {}
    }
}

impl ExhaustCx for Cx<'_, '_> {
    /// The resolved node of `t`.
    fn node_of(&mut self, t: TyId) -> Node {
        self.store.node(t)
    }

    /// The types of parts `p`.
    fn parts_of(&self, p: Parts) -> Vec<TyId> {
        self.store.parts(p).to_vec()
    }

    /// A declaration.
    fn def(&self, d: u32) -> &TypeDef {
        &self.defs[d as usize]
    }

    /// Instantiates field types of variant `vi` of enum `d` with `args`.
    fn variant_fields(&mut self, d: u32, vi: usize, args: &[TyId]) -> Vec<TyId> {
        let fields = match &self.defs[d as usize].kind {
            DefKind::Enum(vs) => vs.get(vi).map(|v| v.1.clone()).unwrap_or_default(),
            DefKind::Struct(fs) => fs.iter().map(|(_, t)| t.clone()).collect(),
        };
        fields
            .iter()
            .map(|f| self.store.from_stype(f, &[], args))
            .collect()
    }

    /// The declaration and variant index constructor `name` resolved to.
    fn variant_index(&self, name: &Ident) -> Option<(u32, u32)> {
        match self.kind(name) {
            Some(BindingKind::Variant { def, index, .. }) => Some((def, index)),
            _ => None,
        }
    }

    /// Field names (declaration order) of the struct `name` resolved to.
    fn struct_field_names(&self, name: &Ident) -> Option<Vec<String>> {
        match self.kind(name) {
            Some(BindingKind::Struct { def, .. }) => self
                .fields_of(def)
                .map(|fs| fs.iter().map(|(n, _)| n.to_string()).collect()),
            _ => None,
        }
    }

    /// Reports a diagnostic from the exhaustiveness checker.
    fn report(&mut self, d: Diagnostic) {
        self.error(d);
    }
}
