//! The state of checking one unit: the context [`Cx`] — the type of every
//! binding of the unit by its [`BindingId`], the declarations, the type
//! store — plus type schemes (generalisation, instantiation, `Num`
//! defaulting).
//!
//! Names are resolved before checking ([`crate::sema::resolve`]): the
//! checker looks every name up by the binding its use resolved to and keeps
//! no scopes of its own. Inference, blocks and items, patterns,
//! declarations and diagnostics add their own `impl Cx` blocks in sibling
//! modules. This module must not walk the AST or report diagnostics.

use super::Checker;
use super::codes;
use super::describe::Origin;
use crate::diag::Diagnostic;
use crate::sema::decls::{DefKind, TypeDef};
use crate::sema::resolve::{BindingId, BindingKind, Resolution};
use crate::sema::types::{
    Classes, EqRule, MAX_INSTANCE_NODES, Node, Parts, TooLarge, TyId, TypeStore,
    unit_instance_budget,
};
use crate::span::Span;
use crate::syntax::ast::{Binary, Ident};
use rustc_hash::FxHashMap;
use std::rc::Rc;

/// A polymorphic type within one unit: `∀ vars. ty`.
#[derive(Clone, Copy, Debug)]
pub(super) struct Scheme {
    /// The quantified variables, kept in the unit's store (no allocation
    /// of their own).
    pub(super) vars: Parts,
    /// The type over them.
    pub(super) ty: TyId,
}

impl Scheme {
    /// A scheme quantifying nothing.
    pub(super) fn mono(ty: TyId) -> Scheme {
        Scheme {
            vars: Parts::EMPTY,
            ty,
        }
    }
}

/// What the checker knows about one binding.
#[derive(Clone, Copy, Debug)]
pub(super) enum Typed {
    /// Nothing yet: a `fn` item not yet inferred, a `let` not yet checked
    /// (a use of it is an error the resolver reports), or a name of a
    /// pattern that failed to check. A use gets the error type.
    Unset,
    /// A value, or a `fn` item inferred and generalised.
    Value(Scheme),
    /// A `fn` item being inferred: its monomorphic type so far.
    InProgress(TyId),
    /// A type parameter of a `fn` item.
    Rigid(TyId),
}

/// The state of checking one unit.
pub(super) struct Cx<'a, 'c> {
    /// The persistent checker: global schemes and the prelude (read only).
    pub(super) checker: &'c Checker,
    /// The unit's name resolution.
    pub(super) res: &'c Resolution<'a>,
    /// Declarations: the checker's, then the unit's.
    pub(super) defs: Vec<TypeDef>,
    /// The unit's types.
    pub(super) store: TypeStore,
    /// The type of each binding, by [`BindingId`].
    pub(super) typed: Vec<Typed>,
    /// The binding level of new type variables (for generalisation).
    pub(super) level: u32,
    /// The binding level of each block with `fn` items (by its index in
    /// the resolution), set when the block is entered.
    pub(super) block_levels: Vec<u32>,
    /// Whether each component of `fn` items is being inferred.
    pub(super) active: Vec<bool>,
    /// Diagnostics in the order found.
    pub(super) diags: Vec<Diagnostic>,
    /// Field indices for the evaluator (see `CheckOutcome::field_slots`).
    pub(super) field_slots: Vec<u32>,
    /// Field positions by name of the large structs looked up so far
    /// (see [`Cx::field_position`]).
    pub(super) field_tables: FxHashMap<u32, FxHashMap<Rc<str>, u32>>,
    /// The unit's name and text, for diagnostics that quote it.
    pub(super) origin: Origin<'a>,
    /// The span and type of every expression inferred, when an editor asked
    /// for them ([`super::table::TypeTable`]); `None` for the batch checker.
    pub(super) recorded: Option<Vec<(crate::span::Span, TyId)>>,
    /// Set once a type went over the type-size budget: the rest of the
    /// unit is not checked.
    pub(super) stopped: bool,
    /// The unit's type-size budget (see [`unit_instance_budget`]).
    instance_budget: usize,
    /// Scratch for [`Cx::instantiate`]'s fresh variables.
    pub(super) fresh_vars: Vec<TyId>,
    /// The arguments of the calls being inferred, innermost last: a call
    /// pushes its arguments above the length it found and truncates back
    /// to it (see [`Cx::apply_stacked`]).
    pub(super) args: Vec<(TyId, Span)>,
    /// The parameter types of the functions and closures being inferred,
    /// used as `args` is.
    pub(super) params: Vec<TyId>,
    /// The operations of the binary chains being inferred (see
    /// [`Cx::binary_chain`]), innermost last, stacked chain on chain.
    pub(super) spine: Vec<(&'a Binary<'a>, Span)>,
    /// The tables of reclaiming the type nodes of top-level statements
    /// (see `items`).
    pub(super) reclaim: Reclaim,
}

/// The tables [`Cx`] reclaims a top-level statement's type nodes with.
#[derive(Default)]
pub(crate) struct Reclaim {
    /// One bit per binding: set for the unit's top-level values.
    pub(super) top: Vec<u64>,
    /// The types of the statement's top-level bindings, to keep.
    pub(super) keep: Vec<TyId>,
    /// The bindings typed since the statement began.
    pub(super) written: Vec<BindingId>,
    /// A statement's nodes will be reclaimed: `written` is kept.
    pub(super) open: bool,
}

/// The per-unit tables of the checker, kept by the [`Checker`] between
/// units so that checking one reuses the allocations of the last (as the
/// arena is reused for syntax trees).
#[derive(Default)]
pub(crate) struct Scratch {
    store: TypeStore,
    typed: Vec<Typed>,
    block_levels: Vec<u32>,
    active: Vec<bool>,
    fresh_vars: Vec<TyId>,
    args: Vec<(TyId, Span)>,
    params: Vec<TyId>,
    reclaim: Reclaim,
    /// A copy of the checker's declarations (plus the last unit's own,
    /// cut off before the next unit), valid while `defs_version` is the
    /// checker's.
    defs: Vec<TypeDef>,
    defs_version: Option<u64>,
}

impl Scratch {
    /// The nodes the type store of the last unit ended with.
    #[cfg(test)]
    pub(super) fn store_len(&self) -> usize {
        self.store.len()
    }
}

impl<'a, 'c> Cx<'a, 'c> {
    /// A context for the unit resolved as `res` (against the checker's
    /// globals), checked against `checker`, in the tables of `scratch`.
    pub(super) fn new(
        checker: &'c Checker,
        res: &'c Resolution<'a>,
        syntax_nodes: u32,
        scratch: Scratch,
    ) -> Cx<'a, 'c> {
        let Scratch {
            mut store,
            mut typed,
            mut block_levels,
            mut active,
            fresh_vars,
            mut args,
            mut params,
            mut reclaim,
            mut defs,
            defs_version,
        } = scratch;
        if defs_version == Some(checker.defs_version) && defs.len() >= checker.defs.len() {
            defs.truncate(checker.defs.len());
        } else {
            defs.clone_from(&checker.defs);
        }
        // Declarations the resolution counts before the unit's own; only a
        // resolution against other globals could make these differ.
        defs.resize_with(res.first_def as usize, || TypeDef {
            name: Rc::from("?"),
            params: Vec::new(),
            kind: DefKind::Struct(Vec::new()),
            eq: EqRule::default(),
            site: None,
        });
        store.reset();
        let instance_budget = unit_instance_budget(syntax_nodes);
        store.set_instance_room(instance_budget);
        for (d, def) in defs.iter().enumerate() {
            store.set_eq_rule(d as u32, &def.eq);
        }
        typed.clear();
        typed.resize(res.bindings.len(), Typed::Unset);
        args.clear();
        params.clear();
        block_levels.clear();
        block_levels.resize(res.block_fns.len(), 0);
        active.clear();
        active.resize(res.sccs.len(), false);
        reclaim.top.clear();
        reclaim.top.resize(res.bindings.len().div_ceil(64), 0);
        for t in &res.top {
            let b = t.binding.index();
            reclaim.top[b / 64] |= 1 << (b % 64);
        }
        reclaim.open = false;
        Cx {
            checker,
            res,
            defs,
            store,
            typed,
            level: 0,
            block_levels,
            active,
            diags: Vec::new(),
            origin: Origin::new("", ""),
            field_slots: Vec::new(),
            field_tables: FxHashMap::default(),
            recorded: None,
            stopped: false,
            instance_budget,
            fresh_vars,
            args,
            params,
            spine: Vec::new(),
            reclaim,
        }
    }

    /// The tables back, for the next unit; `defs_changed` when the
    /// checker took this unit's declarations as its own.
    pub(super) fn into_scratch(self, defs_version: u64) -> Scratch {
        let mut typed = self.typed;
        typed.clear();
        Scratch {
            store: self.store,
            typed,
            block_levels: self.block_levels,
            active: self.active,
            fresh_vars: self.fresh_vars,
            args: self.args,
            params: self.params,
            reclaim: self.reclaim,
            defs: self.defs,
            defs_version: Some(defs_version),
        }
    }

    /// The binding of name occurrence `ident`.
    #[inline]
    pub(super) fn binding(&self, ident: &Ident) -> BindingId {
        self.res.binding(ident.id)
    }

    /// The kind of the binding of `ident`, if it has one.
    #[inline]
    pub(super) fn kind(&self, ident: &Ident) -> Option<BindingKind> {
        self.res.kind_of(ident.id)
    }

    /// Records what binding site `ident` binds.
    pub(super) fn set(&mut self, ident: &Ident, t: Typed) {
        let b = self.binding(ident);
        self.set_binding(b, t);
    }

    /// Records what binding `b` is.
    pub(super) fn set_binding(&mut self, b: BindingId, t: Typed) {
        if let Some(slot) = self.typed.get_mut(b.index()) {
            *slot = t;
            if self.reclaim.open {
                self.reclaim.written.push(b);
            }
        }
    }

    /// The scheme of a value binding or an inferred `fn` item, if known.
    pub(super) fn scheme(&self, b: BindingId) -> Option<&Scheme> {
        match self.typed.get(b.index()) {
            Some(Typed::Value(s)) => Some(s),
            _ => None,
        }
    }

    /// The fields of struct `def`, if it is one.
    pub(super) fn fields_of(&self, def: u32) -> Option<&[(Rc<str>, crate::sema::types::SType)]> {
        match &self.defs.get(def as usize)?.kind {
            DefKind::Struct(fs) => Some(fs),
            DefKind::Enum(_) => None,
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
        let mut fv = std::mem::take(&mut self.fresh_vars);
        fv.clear();
        self.store.vars_above(t, self.level, &mut fv);
        let vars = self.store.add_parts(&fv);
        self.fresh_vars = fv;
        Scheme { vars, ty: t }
    }

    /// A copy of `s`'s type with fresh variables for the quantified ones,
    /// for a use of `name` at `span`. When the copy exceeds the type-size
    /// budget, reports it (once) and stops checking the unit: the use gets
    /// the error type.
    pub(super) fn instantiate(&mut self, s: &Scheme, name: &str, span: Span) -> TyId {
        let vars = s.vars;
        if vars.is_empty() {
            return s.ty;
        }
        let mut fresh = std::mem::take(&mut self.fresh_vars);
        fresh.clear();
        for k in 0..vars.len() {
            let v = self.store.part(vars, k);
            let classes = match self.store.node(v) {
                Node::Var { classes, .. } | Node::Rigid { classes, .. } => classes,
                _ => Classes::NONE,
            };
            fresh.push(self.store.var_with(classes, self.level));
        }
        let copied = self.store.copy_with(s.ty, vars, &fresh);
        self.fresh_vars = fresh;
        match copied {
            Ok(t) => t,
            Err(TooLarge::Instance) => {
                self.too_large(name, span, "the type of this use is too large to check");
                self.error_ty()
            }
            Err(TooLarge::Unit) => {
                self.unit_too_large(name, span);
                self.error_ty()
            }
        }
    }

    /// Reports that the type of `name` (at `span`, labelled `label`) is
    /// over the type-size budget, and stops checking.
    pub(super) fn too_large(&mut self, name: &str, span: Span, label: &str) {
        self.stop_over_budget(
            Diagnostic::error(
                codes::TYPE_TOO_LARGE,
                format!(
                    "type too large: the type of `{name}` needs more than {MAX_INSTANCE_NODES} type nodes (the type-size budget)"
                ),
                span,
            )
            .with_primary_message(label)
            .with_help(
                "each use of a generic value copies its type; a type that doubles at every `let` grows exponentially. Give the values a type annotation, or build the value in fewer generic steps",
            ),
        );
    }

    /// Reports `d`, a type-size budget's error, unless one was reported
    /// already, and stops checking the unit.
    fn stop_over_budget(&mut self, d: Diagnostic) {
        if !self.stopped {
            self.stopped = true;
            self.diags.push(d);
        }
    }

    /// Reports that the use of `name` at `span` took the unit's
    /// instances over the unit's type-size budget, and stops checking.
    fn unit_too_large(&mut self, name: &str, span: Span) {
        self.stop_over_budget(
            Diagnostic::error(
                codes::TYPE_TOO_LARGE,
                format!(
                    "type too large: with this use of `{name}`, the uses of generic values in this unit need more than {} type nodes together (the unit's type-size budget)",
                    self.instance_budget
                ),
                span,
            )
            .with_primary_message("the unit's budget runs out at this use")
            .with_help(
                "each use of a generic value copies its type; many uses of a value whose type is large cost its size each. Give the value a type annotation, or build it in fewer generic steps",
            ),
        );
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
