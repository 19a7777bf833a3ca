//! Type declarations and annotations: builds the unit's `struct` and `enum`
//! declarations (all names first, so declarations can refer to each other,
//! then their bodies as owned [`SType`]s), turns annotations into types, and
//! instantiates declarations and their struct fields.
//!
//! Owns the checker's side of [`TypeDef`]; which declaration a type name
//! means is the resolver's decision. It must not infer expressions or bind
//! values.

use super::codes;
use super::cx::{Cx, Typed};
use crate::diag::Diagnostic;
use crate::sema::decls::{DefKind, TypeDef, settle_eq_rules};
use crate::sema::resolve::{BindingKind, TypeItem};
use crate::sema::types::EqRule;
use crate::sema::types::{Node, SType, TyId};
use crate::span::Span;
use crate::syntax::ast::{Ident, Type, TypeKind};
use std::rc::Rc;

impl<'a, 'c> Cx<'a, 'c> {
    /// Declares every `struct` and `enum` of the unit, by declaration index.
    pub(super) fn declare_types(&mut self) {
        let res = self.res;
        // First the names (so declarations can refer to each other) …
        for t in &res.type_items {
            let (name, params): (&Ident, &[Ident]) = match t {
                TypeItem::Struct(i) => (i.name, i.params),
                TypeItem::Enum(i) => (i.name, i.params),
            };
            self.defs.push(TypeDef {
                name: Rc::from(name.name.as_str()),
                params: params.iter().map(|p| Rc::from(p.name.as_str())).collect(),
                kind: DefKind::Struct(Vec::new()),
                eq: EqRule::default(),
                site: Some(self.origin.site(name.span)),
            });
        }
        // … then their bodies.
        for (k, t) in res.type_items.iter().enumerate() {
            let idx = res.first_def as usize + k;
            match t {
                TypeItem::Struct(item) => {
                    let fields: Vec<(Rc<str>, SType)> = item
                        .fields
                        .iter()
                        .map(|f| (Rc::from(f.name.name.as_str()), self.decl_type(&f.ty)))
                        .collect();
                    self.defs[idx].kind = DefKind::Struct(fields);
                }
                TypeItem::Enum(item) => {
                    let variants = item
                        .variants
                        .iter()
                        .map(|v| {
                            let fields = v.fields.iter().map(|t| self.decl_type(t)).collect();
                            (Rc::from(v.name.name.as_str()), fields)
                        })
                        .collect();
                    self.defs[idx].kind = DefKind::Enum(variants);
                }
            }
        }
        let start = res.first_def as usize;
        settle_eq_rules(&mut self.defs, start);
        for d in start..self.defs.len() {
            self.store.set_eq_rule(d as u32, &self.defs[d].eq);
        }
    }

    /// An instance of declaration `def` with fresh type arguments (returned
    /// too).
    pub(super) fn def_instance(&mut self, def: u32) -> (TyId, Vec<TyId>) {
        let n = self.defs[def as usize].params.len();
        let args: Vec<TyId> = (0..n).map(|_| self.fresh()).collect();
        let t = self.store.named(def, &args);
        (t, args)
    }

    /// The type an annotation denotes, reporting unknown names and wrong
    /// argument counts (see [`Cx::type_head`]).
    pub(super) fn annotation(&mut self, t: &Type) -> TyId {
        match t.kind {
            TypeKind::Named { name, args } => match self.type_head(name, args.len(), t.span, false)
            {
                Some(Head::Prim(p)) => self.prim(p),
                Some(Head::Rigid(ty)) => ty,
                Some(Head::Def(d)) => {
                    let a: Vec<TyId> = args.iter().map(|x| self.annotation(x)).collect();
                    self.store.named(d, &a)
                }
                Some(Head::DeclParam(_)) | None => self.error_ty(),
            },
            TypeKind::List(e) => {
                let e = self.annotation(e);
                self.store.add(Node::List(e))
            }
            TypeKind::Tuple(ts) => {
                let xs: Vec<TyId> = ts.iter().map(|x| self.annotation(x)).collect();
                self.store.tuple(&xs)
            }
            TypeKind::Unit => self.prim(Node::Unit),
            TypeKind::Fn { params, ret } => {
                let xs: Vec<TyId> = params.iter().map(|x| self.annotation(x)).collect();
                let r = self.annotation(ret);
                self.store.func(&xs, r)
            }
            TypeKind::Error => self.error_ty(),
        }
    }

    /// Converts a declaration's field type to an owned type over its
    /// params, reporting what [`Cx::annotation`] reports, in the same words.
    fn decl_type(&mut self, t: &Type) -> SType {
        match t.kind {
            TypeKind::Named { name, args } => {
                match self.type_head(name, args.len(), t.span, true) {
                    Some(Head::Prim(p)) => match p {
                        Node::Int => SType::Int,
                        Node::Float => SType::Float,
                        Node::Bool => SType::Bool,
                        _ => SType::Str,
                    },
                    Some(Head::DeclParam(i)) => SType::Param(i),
                    Some(Head::Def(d)) => {
                        SType::Named(d, args.iter().map(|a| self.decl_type(a)).collect())
                    }
                    Some(Head::Rigid(_)) | None => SType::Error,
                }
            }
            TypeKind::List(e) => SType::List(Box::new(self.decl_type(e))),
            TypeKind::Tuple(ts) => SType::Tuple(ts.iter().map(|x| self.decl_type(x)).collect()),
            TypeKind::Unit => SType::Unit,
            TypeKind::Fn { params, ret } => SType::Fn(
                params.iter().map(|x| self.decl_type(x)).collect(),
                Box::new(self.decl_type(ret)),
            ),
            TypeKind::Error => SType::Error,
        }
    }

    /// What the name of a named type (`name<…>` with `args` arguments, the
    /// whole type at `span`) refers to: a builtin type, a declaration, a
    /// type parameter of an enclosing `fn` (in an annotation) or, in a
    /// declaration (`decl`), one of its parameters. Reports an unknown name
    /// (with the resolver's suggestion) or a wrong number of type arguments
    /// and returns `None`; annotations and declarations share it, so they
    /// report alike.
    fn type_head(&mut self, name: &Ident, args: usize, span: Span, decl: bool) -> Option<Head> {
        let kind = self.kind(name);
        let head = match kind {
            Some(BindingKind::DeclParam(i)) => Head::DeclParam(i),
            _ if prim_named(name.name.as_str()).is_some() => {
                Head::Prim(prim_named(name.name.as_str())?)
            }
            Some(BindingKind::TypeParam) if !decl => match self.typed[self.binding(name).index()] {
                Typed::Rigid(ty) => Head::Rigid(ty),
                _ => return None,
            },
            Some(BindingKind::Struct { def, .. } | BindingKind::Enum { def }) => Head::Def(def),
            _ => {
                self.unknown_type(name, kind, decl);
                return None;
            }
        };
        let want = match &head {
            Head::Def(d) => self.defs[*d as usize].params.len(),
            _ => 0,
        };
        if want == args {
            return Some(head);
        }
        let message = match &head {
            Head::Def(_) => format!(
                "`{}` takes {want} type argument{}, but {args} {} given",
                name.name,
                if want == 1 { "" } else { "s" },
                if args == 1 { "was" } else { "were" }
            ),
            Head::Prim(_) => format!("`{}` takes no type arguments", name.name),
            Head::DeclParam(_) | Head::Rigid(_) => {
                format!("the type parameter `{}` takes no type arguments", name.name)
            }
        };
        self.error(Diagnostic::error(codes::WRONG_COUNT, message, span));
        None
    }

    /// Reports the unknown type name `name` (resolved as `kind`), with the
    /// resolver's suggestion, in an annotation or a declaration (`decl`).
    fn unknown_type(&mut self, name: &Ident, kind: Option<BindingKind>, decl: bool) {
        let mut d = Diagnostic::error(
            codes::UNKNOWN_TYPE,
            format!("unknown type `{}`", name.name),
            name.span,
        )
        .with_primary_message("not a type in scope");
        if let Some(s) = kind.and_then(|k| self.res.suggestion(k)) {
            d = d.with_help(format!("did you mean `{s}`?"));
        } else if name.name.starts_with(|c: char| c.is_lowercase()) {
            let how = if decl {
                "declare type parameters after the type's name, as `struct P<T> { x: T }`"
            } else {
                "declare type parameters as `fn f<T>(x: T)`"
            };
            d = d.with_help(format!("type names start with an uppercase letter; {how}"));
        }
        self.error(d);
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
        match self.kind(name) {
            Some(BindingKind::Struct { def, .. }) => Some(def),
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

/// What the name of a named type refers to (see [`Cx::type_head`]).
enum Head {
    /// `Int`, `Float`, `Bool` or `Str`.
    Prim(Node),
    /// Parameter `.0` of the declaration being declared.
    DeclParam(u32),
    /// A type parameter of an enclosing `fn` item.
    Rigid(TyId),
    /// A declaration, by index.
    Def(u32),
}

/// The builtin type called `name`, if any.
fn prim_named(name: &str) -> Option<Node> {
    Some(match name {
        "Int" => Node::Int,
        "Float" => Node::Float,
        "Bool" => Node::Bool,
        "Str" => Node::Str,
        _ => return None,
    })
}
