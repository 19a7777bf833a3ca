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
use crate::sema::resolve::{BindingKind, TypeItem, suggest};
use crate::sema::types::EqRule;
use crate::sema::types::{Node, SType, TyId};
use crate::span::Span;
use crate::syntax::ast::{Ident, Type, TypeKind};
use rustc_hash::FxHashSet;
use std::rc::Rc;

/// Structs with at most this many fields are searched by scanning; larger
/// ones get a table (see [`Cx::field_position`]).
const SCANNED_FIELDS: usize = 16;

/// Field names a diagnostic lists before saying how many more there are.
const LISTED_FIELDS: usize = 20;

/// Structs with more fields than this get no `did you mean` for a wrong
/// field name.
const SUGGESTED_FIELDS: usize = 1000;

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
                    // A field declared twice is reported by name resolution
                    // (E0212); the type keeps its first declaration only
                    // (the second's type is still checked).
                    let mut names = FxHashSet::default();
                    let fields: Vec<(Rc<str>, SType)> = item
                        .fields
                        .iter()
                        .filter_map(|f| {
                            let ty = self.decl_type(&f.ty);
                            let name = f.name.name.as_str();
                            names.insert(name).then(|| (Rc::from(name), ty))
                        })
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

    /// The position of field `name` in struct `def`: a scan for a small
    /// struct, a table made on the first lookup for a large one (a struct
    /// of 10,000 fields used as often took 2.7 s scanning).
    pub(super) fn field_position(&mut self, def: u32, name: &str) -> Option<usize> {
        let fields = match &self.defs[def as usize].kind {
            DefKind::Struct(fs) => fs,
            DefKind::Enum(_) => return None,
        };
        if fields.len() <= SCANNED_FIELDS {
            return fields.iter().position(|(n, _)| **n == *name);
        }
        // Field names are distinct (see `declare_types`).
        let table = self.field_tables.entry(def).or_insert_with(|| {
            let pairs = fields.iter().enumerate();
            pairs.map(|(i, (n, _))| (n.clone(), i as u32)).collect()
        });
        table.get(name).map(|&i| i as usize)
    }

    /// The help for a field `name` that struct `def` lacks: the nearest
    /// field name, else (if `list`) the list of fields when it is short.
    pub(super) fn field_help(&self, def: u32, name: &str, list: bool) -> Option<String> {
        let DefKind::Struct(fields) = &self.defs[def as usize].kind else {
            return None;
        };
        // Comparing with every name of a huge struct at each mistake would
        // be quadratic; such a struct gets no suggestion.
        if fields.len() > SUGGESTED_FIELDS {
            return None;
        }
        let names = fields.iter().map(|(n, _)| &**n);
        if let Some(s) = suggest(name, names.clone()) {
            return Some(format!("did you mean `{s}`?"));
        }
        (list && !fields.is_empty() && fields.len() <= LISTED_FIELDS)
            .then(|| format!("the fields are: {}", names.collect::<Vec<_>>().join(", ")))
    }

    /// The fields of struct `def` whose positions are not in `seen`, as a
    /// list for a diagnostic (the first [`LISTED_FIELDS`], then how many
    /// more) with their number; `None` when every field is in `seen`.
    pub(super) fn missing_fields(
        &self,
        def: u32,
        seen: &FxHashSet<u32>,
    ) -> Option<(String, usize)> {
        let DefKind::Struct(fields) = &self.defs[def as usize].kind else {
            return None;
        };
        let count = fields.len() - seen.len();
        if count == 0 {
            return None;
        }
        // Stops after the listed ones: at most `seen.len()` more steps.
        let listed: Vec<String> = (0..fields.len())
            .filter(|i| !seen.contains(&(*i as u32)))
            .take(LISTED_FIELDS)
            .map(|i| format!("`{}`", fields[i].0))
            .collect();
        let mut text = listed.join(", ");
        if count > listed.len() {
            text.push_str(&format!(" and {} more", count - listed.len()));
        }
        Some((text, count))
    }

    /// The type of field `i` of struct `def` with type arguments `args`.
    pub(super) fn field_type(&mut self, def: u32, i: usize, args: &[TyId]) -> TyId {
        match &self.defs[def as usize].kind {
            DefKind::Struct(fs) => self.store.from_stype(&fs[i].1, &[], args),
            DefKind::Enum(_) => self.error_ty(),
        }
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
