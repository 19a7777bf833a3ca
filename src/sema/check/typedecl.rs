//! Type declarations and annotations: declares a block's `struct`s and
//! `enum`s (all names first, so declarations can refer to each other, then
//! their bodies as owned [`SType`]s), turns annotations into types, and
//! instantiates declarations and their struct fields.
//!
//! Owns the checker's side of [`TypeDef`]; it must not infer expressions or
//! bind values.

use super::codes;
use super::cx::{Cx, TEntry};
use super::diagnose::suggest;
use crate::diag::Diagnostic;
use crate::sema::decls::{DefKind, TypeDef, settle_eq_rules};
use crate::sema::types::EqRule;
use crate::sema::types::{Node, SType, TyId};
use crate::span::Span;
use crate::syntax::ast::{Block, Ident, Stmt, Type, TypeKind};
use std::rc::Rc;

impl<'a, 'c> Cx<'a, 'c> {
    /// Declares a block's type items (visible throughout the block).
    pub(super) fn declare_types(&mut self, b: &'a Block<'a>, top: bool) {
        let mut seen_variants: Vec<(&str, Span)> = Vec::new();
        let start = self.defs.len() as u32;
        // First the names (so declarations can refer to each other) …
        for s in b.stmts {
            let (name, params): (&Ident, &[Ident]) = match s {
                Stmt::Struct(i) => (i.name, i.params),
                Stmt::Enum(i) => (i.name, i.params),
                _ => continue,
            };
            let idx = self.defs.len() as u32;
            self.defs.push(TypeDef {
                name: Rc::from(name.name),
                params: params.iter().map(|p| Rc::from(p.name)).collect(),
                kind: DefKind::Struct(Vec::new()),
                eq: EqRule::default(),
            });
            if self.scope.types[self.scope.top_base..]
                .iter()
                .any(|(n, _)| &**n == name.name)
                && top
            {
                self.error(
                    Diagnostic::error(
                        codes::DUPLICATE,
                        format!("the type `{}` is defined twice", name.name),
                        name.span,
                    )
                    .with_primary_message("second definition"),
                );
            }
            self.scope
                .types
                .push((Rc::from(name.name), TEntry::Def(idx)));
            if top {
                self.exports.types.push((Rc::from(name.name), idx));
            }
        }
        // … then their bodies.
        let mut idx = start;
        for s in b.stmts {
            match s {
                Stmt::Struct(item) => {
                    let fields: Vec<(Rc<str>, SType)> = item
                        .fields
                        .iter()
                        .map(|f| (Rc::from(f.name.name), self.decl_type(&f.ty, item.params)))
                        .collect();
                    self.defs[idx as usize].kind = DefKind::Struct(fields);
                    idx += 1;
                }
                Stmt::Enum(item) => {
                    let mut variants = Vec::new();
                    for (vi, v) in item.variants.iter().enumerate() {
                        if let Some((_, first)) =
                            seen_variants.iter().find(|(n, _)| *n == v.name.name)
                        {
                            let first = *first;
                            self.error(
                                Diagnostic::error(
                                    codes::DUPLICATE,
                                    format!("the variant `{}` is defined twice in this scope", v.name.name),
                                    v.name.span,
                                )
                                .with_label(first, "first defined here")
                                .with_help("variant names are unqualified, so they must be unique in a scope"),
                            );
                        }
                        seen_variants.push((v.name.name, v.name.span));
                        let fields: Vec<SType> = v
                            .fields
                            .iter()
                            .map(|t| self.decl_type(t, item.params))
                            .collect();
                        variants.push((Rc::from(v.name.name), fields));
                        self.scope
                            .types
                            .push((Rc::from(v.name.name), TEntry::Variant(idx, vi as u32)));
                    }
                    self.defs[idx as usize].kind = DefKind::Enum(variants);
                    idx += 1;
                }
                _ => {}
            }
        }
        settle_eq_rules(&mut self.defs, start as usize);
        for d in start..idx {
            self.store.set_eq_rule(d, self.defs[d as usize].eq.clone());
        }
    }

    /// An instance of declaration `def` with fresh type arguments (returned
    /// too).
    pub(super) fn def_instance(&mut self, def: u32) -> (TyId, Vec<TyId>) {
        let n = self.defs[def as usize].params.len();
        let args: Vec<TyId> = (0..n).map(|_| self.fresh()).collect();
        let t = self.store.add(Node::Named(def, args.clone().into()));
        (t, args)
    }

    /// The type an annotation denotes, reporting unknown names and wrong
    /// argument counts.
    pub(super) fn annotation(&mut self, t: &Type) -> TyId {
        match t.kind {
            TypeKind::Named { name, args } => {
                let prim = match name.name {
                    "Int" => Some(Node::Int),
                    "Float" => Some(Node::Float),
                    "Bool" => Some(Node::Bool),
                    "Str" => Some(Node::Str),
                    _ => None,
                };
                if let Some(p) = prim {
                    if !args.is_empty() {
                        self.error(Diagnostic::error(
                            codes::WRONG_COUNT,
                            format!("`{}` takes no type arguments", name.name),
                            t.span,
                        ));
                    }
                    return self.prim(p);
                }
                match self.scope.type_lookup(name.name) {
                    Some(TEntry::Param(ty)) => ty,
                    Some(TEntry::Def(d)) => {
                        let want = self.defs[d as usize].params.len();
                        if want != args.len() {
                            self.error(Diagnostic::error(
                                codes::WRONG_COUNT,
                                format!(
                                    "`{}` takes {want} type argument{}, but {} {} given",
                                    name.name,
                                    if want == 1 { "" } else { "s" },
                                    args.len(),
                                    if args.len() == 1 { "was" } else { "were" }
                                ),
                                t.span,
                            ));
                            return self.error_ty();
                        }
                        let a: Vec<TyId> = args.iter().map(|x| self.annotation(x)).collect();
                        self.store.add(Node::Named(d, a.into()))
                    }
                    _ => {
                        let mut d = Diagnostic::error(
                            codes::UNKNOWN_TYPE,
                            format!("unknown type `{}`", name.name),
                            name.span,
                        )
                        .with_primary_message("not a type in scope");
                        let candidates: Vec<String> = ["Int", "Float", "Bool", "Str"]
                            .iter()
                            .map(|s| s.to_string())
                            .chain(self.scope.types.iter().map(|(n, _)| n.to_string()))
                            .collect();
                        if let Some(s) = suggest(name.name, candidates.iter().map(String::as_str)) {
                            d = d.with_help(format!("did you mean `{s}`?"));
                        } else if name.name.chars().next().is_some_and(|c| c.is_lowercase()) {
                            d = d.with_help("type names start with an uppercase letter; declare type parameters as `fn f<T>(x: T)`");
                        }
                        self.error(d);
                        self.error_ty()
                    }
                }
            }
            TypeKind::List(e) => {
                let e = self.annotation(e);
                self.store.add(Node::List(e))
            }
            TypeKind::Tuple(ts) => {
                let xs: Vec<TyId> = ts.iter().map(|x| self.annotation(x)).collect();
                self.store.add(Node::Tuple(xs.into()))
            }
            TypeKind::Unit => self.prim(Node::Unit),
            TypeKind::Fn { params, ret } => {
                let xs: Vec<TyId> = params.iter().map(|x| self.annotation(x)).collect();
                let r = self.annotation(ret);
                self.store.add(Node::Fn(xs.into(), r))
            }
            TypeKind::Error => self.error_ty(),
        }
    }

    /// Converts a declaration's field type to an owned type over its params.
    fn decl_type(&mut self, t: &Type, params: &[Ident]) -> SType {
        match t.kind {
            TypeKind::Named { name, args } => {
                if let Some(i) = params.iter().position(|p| p.name == name.name) {
                    return SType::Param(i as u32);
                }
                match name.name {
                    "Int" => return SType::Int,
                    "Float" => return SType::Float,
                    "Bool" => return SType::Bool,
                    "Str" => return SType::Str,
                    _ => {}
                }
                match self.scope.type_lookup(name.name) {
                    Some(TEntry::Def(d)) => {
                        let want = self.defs[d as usize].params.len();
                        if want != args.len() {
                            self.error(Diagnostic::error(
                                codes::WRONG_COUNT,
                                format!(
                                    "`{}` takes {want} type argument(s), but {} given",
                                    name.name,
                                    args.len()
                                ),
                                t.span,
                            ));
                            return SType::Error;
                        }
                        SType::Named(d, args.iter().map(|a| self.decl_type(a, params)).collect())
                    }
                    _ => {
                        self.error(
                            Diagnostic::error(
                                codes::UNKNOWN_TYPE,
                                format!("unknown type `{}`", name.name),
                                name.span,
                            )
                            .with_primary_message("not a type in scope"),
                        );
                        SType::Error
                    }
                }
            }
            TypeKind::List(e) => SType::List(Box::new(self.decl_type(e, params))),
            TypeKind::Tuple(ts) => {
                SType::Tuple(ts.iter().map(|x| self.decl_type(x, params)).collect())
            }
            TypeKind::Unit => SType::Unit,
            TypeKind::Fn { params: ps, ret } => SType::Fn(
                ps.iter().map(|x| self.decl_type(x, params)).collect(),
                Box::new(self.decl_type(ret, params)),
            ),
            TypeKind::Error => SType::Error,
        }
    }

    /// The fields of struct `def` instantiated with `args` (none for an
    /// enum).
    pub(super) fn struct_fields(&mut self, def: u32, args: &[TyId]) -> Vec<(Rc<str>, TyId)> {
        let fields = match &self.defs[def as usize].kind {
            DefKind::Struct(fs) => fs.clone(),
            DefKind::Enum(_) => Vec::new(),
        };
        fields
            .iter()
            .map(|(n, t)| (n.clone(), self.store.from_stype(t, &[], args)))
            .collect()
    }

    /// The struct declaration `name` refers to, or an error.
    pub(super) fn struct_def(&mut self, name: &Ident) -> Option<u32> {
        match self.scope.type_lookup(name.name) {
            Some(TEntry::Def(d)) if matches!(self.defs[d as usize].kind, DefKind::Struct(_)) => {
                Some(d)
            }
            _ => {
                self.error(
                    Diagnostic::error(
                        codes::UNKNOWN_TYPE,
                        format!("cannot find struct `{}` in this scope", name.name),
                        name.span,
                    )
                    .with_primary_message("not a struct"),
                );
                None
            }
        }
    }
}
