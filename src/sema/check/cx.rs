//! The state of checking one unit: the context [`Cx`] and its parts, the
//! [`Scope`] of value and type names and the unit's [`Exports`], plus type
//! schemes (generalisation, instantiation, `Num` defaulting).
//!
//! Owns the data every concern shares; inference, blocks and items,
//! patterns, declarations and diagnostics add their own `impl Cx` blocks in
//! sibling modules. This module must not walk the AST or report diagnostics.

use super::Checker;
use super::items::FnOrder;
use crate::diag::Diagnostic;
use crate::sema::decls::{DefKind, TypeDef};
use crate::sema::types::{Classes, Node, TyId, TypeStore};
use crate::span::Span;
use crate::syntax::ast::NodeId;
use std::collections::HashMap;
use std::rc::Rc;

/// A polymorphic type within one unit: `∀ vars. ty`.
#[derive(Clone, Debug)]
pub(super) struct Scheme {
    /// The quantified variables.
    pub(super) vars: Rc<[TyId]>,
    /// The type over them.
    pub(super) ty: TyId,
}

impl Scheme {
    /// A scheme quantifying nothing.
    pub(super) fn mono(ty: TyId) -> Scheme {
        Scheme {
            vars: Rc::from([]),
            ty,
        }
    }
}

/// What a value name in scope stands for.
#[derive(Clone, Debug)]
pub(super) enum Entry {
    /// A binding with its scheme.
    Poly(Scheme),
    /// A `fn` item, by its NodeId.
    Item(NodeId),
    /// A `let` of an enclosing block that is not yet evaluated where the
    /// item being checked is used.
    Later {
        /// The binding's span.
        let_span: Span,
    },
}

/// What a type-level name in scope stands for.
#[derive(Clone, Copy, Debug)]
pub(super) enum TEntry {
    /// A declaration, by its index in `Cx::defs`.
    Def(u32),
    /// Variant `.1` of enum declaration `.0`.
    Variant(u32, u32),
    /// A type parameter of the enclosing `fn` item.
    Param(TyId),
}

/// The names in scope: values (shadowing stacks with an undo log, so a
/// block pops back to a mark) and types, variants and type parameters.
pub(super) struct Scope<'a> {
    /// Each value name's entries, innermost last.
    values: HashMap<&'a str, Vec<Entry>>,
    /// Value names in push order.
    log: Vec<&'a str>,
    /// Type, variant and type-parameter names, innermost last.
    pub(super) types: Vec<(Rc<str>, TEntry)>,
    /// Length of `types` holding the names visible before the unit.
    pub(super) top_base: usize,
}

impl<'a> Scope<'a> {
    /// A scope holding only the type names `types` (those visible before
    /// the unit).
    fn new(types: Vec<(Rc<str>, TEntry)>) -> Scope<'a> {
        Scope {
            values: HashMap::new(),
            log: Vec::new(),
            top_base: types.len(),
            types,
        }
    }

    /// A mark to pop back to with [`Scope::pop_to`].
    pub(super) fn mark(&self) -> usize {
        self.log.len()
    }

    /// Binds value `name` (`_` binds nothing).
    pub(super) fn push(&mut self, name: &'a str, e: Entry) {
        if name == "_" {
            return;
        }
        self.values.entry(name).or_default().push(e);
        self.log.push(name);
    }

    /// Unbinds everything bound since `mark`, returning it in binding order.
    pub(super) fn pop_to(&mut self, mark: usize) -> Vec<(&'a str, Entry)> {
        let mut popped = Vec::new();
        while self.log.len() > mark {
            let name = self.log.pop().expect("log is longer than mark");
            if let Some(stack) = self.values.get_mut(name)
                && let Some(e) = stack.pop()
            {
                popped.push((name, e));
            }
        }
        popped.reverse();
        popped
    }

    /// Binds again what [`Scope::pop_to`] returned.
    pub(super) fn restore(&mut self, entries: Vec<(&'a str, Entry)>) {
        for (n, e) in entries {
            self.push(n, e);
        }
    }

    /// The innermost entry of value `name`.
    pub(super) fn lookup(&self, name: &str) -> Option<&Entry> {
        self.values.get(name).and_then(|s| s.last())
    }

    /// Value names currently bound (for `did you mean`).
    pub(super) fn value_names(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.values
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, _)| *k)
    }

    /// The innermost meaning of type-level name `name`.
    pub(super) fn type_lookup(&self, name: &str) -> Option<TEntry> {
        self.types
            .iter()
            .rev()
            .find(|(n, _)| &**n == name)
            .map(|(_, e)| *e)
    }
}

/// What the unit's top level defines, committed to the [`Checker`] when the
/// unit has no errors.
#[derive(Default)]
pub(super) struct Exports<'a> {
    /// Value bindings and `fn` items with their schemes, in order.
    pub(super) values: Vec<(&'a str, Scheme)>,
    /// Type declarations: name and index in `Cx::defs`.
    pub(super) types: Vec<(Rc<str>, u32)>,
}

/// The state of checking one unit.
pub(super) struct Cx<'a, 'c> {
    /// The persistent checker: globals and prelude (read only).
    pub(super) checker: &'c Checker,
    /// Declarations: the checker's, then the unit's.
    pub(super) defs: Vec<TypeDef>,
    /// The unit's types.
    pub(super) store: TypeStore,
    /// Value and type names in scope.
    pub(super) scope: Scope<'a>,
    /// The binding level of new type variables (for generalisation).
    pub(super) level: u32,
    /// Lazy, SCC-ordered inference of `fn` items.
    pub(super) order: FnOrder<'a>,
    /// What the top level defines.
    pub(super) exports: Exports<'a>,
    /// Diagnostics in the order found.
    pub(super) diags: Vec<Diagnostic>,
    /// Field indices for the evaluator (see `CheckOutcome::field_slots`).
    pub(super) field_slots: Vec<u32>,
}

/// Type and variant names visible at the top of a unit.
fn visible_types(checker: &Checker) -> Vec<(Rc<str>, TEntry)> {
    let mut v = Vec::new();
    for (name, idx) in &checker.type_names {
        v.push((name.clone(), TEntry::Def(*idx)));
        if let DefKind::Enum(vs) = &checker.defs[*idx as usize].kind {
            for (vi, (vn, _)) in vs.iter().enumerate() {
                v.push((vn.clone(), TEntry::Variant(*idx, vi as u32)));
            }
        }
    }
    v
}

impl<'a, 'c> Cx<'a, 'c> {
    /// A fresh context for one unit checked against `checker`.
    pub(super) fn new(checker: &'c Checker) -> Cx<'a, 'c> {
        Cx {
            checker,
            defs: checker.defs.clone(),
            store: TypeStore::new(),
            scope: Scope::new(visible_types(checker)),
            level: 0,
            order: FnOrder::default(),
            exports: Exports::default(),
            diags: Vec::new(),
            field_slots: Vec::new(),
        }
    }

    /// A fresh type variable at the current level.
    pub(super) fn fresh(&mut self) -> TyId {
        self.store.var(self.level)
    }

    /// A type node without variables (`Int`, `()`, …).
    pub(super) fn prim(&mut self, n: Node) -> TyId {
        self.store.add(n)
    }

    /// The error type, which unifies with anything.
    pub(super) fn error_ty(&mut self) -> TyId {
        self.store.add(Node::Error)
    }

    /// Quantifies the variables of `t` bound deeper than the current level.
    pub(super) fn generalize(&mut self, t: TyId) -> Scheme {
        let mut fv = Vec::new();
        self.store.free_vars(t, &mut fv);
        let level = self.level;
        let vars: Vec<TyId> = fv
            .into_iter()
            .filter(|v| match self.store.node(*v) {
                Node::Var { level: l, .. } | Node::Rigid { level: l, .. } => l > level,
                _ => false,
            })
            .collect();
        Scheme {
            vars: vars.into(),
            ty: t,
        }
    }

    /// A copy of `s`'s type with fresh variables for the quantified ones.
    pub(super) fn instantiate(&mut self, s: &Scheme) -> TyId {
        if s.vars.is_empty() {
            return s.ty;
        }
        let mut map = HashMap::new();
        for v in s.vars.iter() {
            let classes = match self.store.node(*v) {
                Node::Var { classes, .. } | Node::Rigid { classes, .. } => classes,
                _ => Classes::NONE,
            };
            let fresh = self.store.var_with(classes, self.level);
            map.insert(self.store.find(*v), fresh);
        }
        self.store.copy_with(s.ty, &map)
    }

    /// Defaults ambiguous `Num` variables in `t` to `Int`.
    pub(super) fn default_num(&mut self, t: TyId) {
        let mut fv = Vec::new();
        self.store.free_vars(t, &mut fv);
        for v in fv {
            if let Node::Var { classes, .. } = self.store.node(v)
                && classes.contains(Classes::NUM)
            {
                let int = self.prim(Node::Int);
                let _ = self.store.unify(v, int);
            }
        }
    }
}
