//! Blocks, `let` statements and `fn` items.
//!
//! The `fn` items of a block are inferred by strongly connected component,
//! as the resolver computed them: a component is inferred on the first use
//! of one of its members (or at the first member's position), each member in
//! its own block's binding level, and generalised once all its members are
//! inferred; a member used while its component is being inferred is
//! monomorphic. Whether a use comes too early (before a `let` the item
//! needs) is the resolver's decision; a binding not typed yet simply has the
//! error type here.
//!
//! After each statement of the unit's top level, only the types of the
//! names it defines can still be reached: the type nodes it made are
//! reclaimed, keeping copies of those types (see `sema::types`'s `region`),
//! so the store of a unit of many statements stays the size of its names'
//! types. This module must not type expressions itself (that is `expr`) or
//! declare types (that is `typedecl`).

use super::codes;
use super::cx::{Cx, Scheme, Typed};
use super::diagnose::Reason;
use super::expr::tail_span;
use crate::diag::Diagnostic;
use crate::sema::resolve::{BindingId, BindingKind};
use crate::sema::types::{Classes, Node, Parts, Region, TyId};
use crate::syntax::ast::{Block, Ident, Let, Stmt};

impl<'a, 'c> Cx<'a, 'c> {
    /// Checks a unit's top-level block; the type of its tail expression, if
    /// any.
    pub(super) fn check_top(&mut self, b: &'a Block<'a>) -> Option<TyId> {
        let t = self.block_in(b, true);
        b.tail.map(|_| t)
    }

    /// Checks block `b`: its statements in order, each `fn` item at its
    /// position unless a use inferred it earlier.
    pub(super) fn block(&mut self, b: &'a Block<'a>) -> TyId {
        self.block_in(b, false)
    }

    /// [`Cx::block`]; at the unit's `top` level, the type nodes each
    /// statement made are reclaimed after it (unless an editor keeps every
    /// expression's type).
    fn block_in(&mut self, b: &'a Block<'a>, top: bool) -> TyId {
        if let Some(i) = self.res.block_index(b.id) {
            self.block_levels[i as usize] = self.level;
        }
        let reclaim = top && self.recorded.is_none();
        for s in b.stmts {
            let region = reclaim.then(|| {
                self.reclaim.open = true;
                self.reclaim.written.clear();
                self.store.begin_region()
            });
            match s {
                Stmt::Let(l) => self.let_stmt(l),
                Stmt::Fn(f) => {
                    let item = self.binding(&f.name);
                    if matches!(self.typed.get(item.index()), Some(Typed::Unset)) {
                        self.check_item(item);
                    }
                }
                Stmt::Expr(e) => {
                    self.infer(e);
                }
                Stmt::Struct(_) | Stmt::Enum(_) | Stmt::Empty(_) | Stmt::Error(_) => {}
            }
            if let Some(r) = region {
                self.end_statement(r);
            }
        }
        match &b.tail {
            Some(e) => self.infer(e),
            None => self.prim(Node::Unit),
        }
    }

    /// Checks a `let`, generalising its bindings. With an annotation, the
    /// bindings take the annotated type even when the value does not match
    /// it, so a mismatch is reported once, at the value, not again at every
    /// use. A pattern that does not fit the type is not also called
    /// refutable.
    fn let_stmt(&mut self, l: &'a Let<'a>) {
        self.level += 1;
        let mut t = self.infer(&l.value);
        if let Some(ann) = &l.ty {
            let a = self.annotation(ann);
            self.expect(
                a,
                t,
                l.value.span,
                Reason::Because(ann.span, "expected because of this annotation"),
            );
            t = a;
        }
        self.level -= 1;
        let mut binds = Vec::new();
        let before = self.diags.len();
        self.pattern(&l.pattern, t, &mut binds);
        if self.diags.len() == before && !self.irrefutable(&l.pattern) {
            self.error(
                Diagnostic::error(
                    codes::REFUTABLE_LET,
                    "refutable pattern in `let`",
                    l.pattern.span,
                )
                .with_primary_message("this pattern does not match every value")
                .with_help("use `match` to handle the other cases"),
            );
        }
        for (ident, ty) in binds {
            let s = self.generalize(ty);
            self.set(ident, Typed::Value(s));
        }
    }

    /// Infers the component of `fn` item `b`: starting with `b`, then any
    /// member no use reached; generalises the members at the end unless
    /// the component was already being inferred.
    fn check_item(&mut self, b: BindingId) {
        let Some(BindingKind::FnItem(it)) = self.res.bindings.get(b.index()).map(|b| b.kind) else {
            return;
        };
        let item = self.res.items[it as usize];
        let scc = item.scc as usize;
        let root = !self.active[scc];
        self.active[scc] = true;
        self.infer_item(it);
        if !root {
            return;
        }
        let res = self.res;
        for &m in res.scc_members(item.scc) {
            let mb = res.items[m as usize].binding;
            if matches!(self.typed[mb.index()], Typed::Unset) {
                self.infer_item(m);
            }
        }
        let saved = self.level;
        self.level = self.block_levels[item.block as usize];
        for &m in res.scc_members(item.scc) {
            let mb = res.items[m as usize].binding;
            if let Typed::InProgress(ty) = self.typed[mb.index()] {
                let s = self.generalize(ty);
                self.set_binding(mb, Typed::Value(s));
            }
        }
        self.level = saved;
        self.active[scc] = false;
    }

    /// Infers the type of item `it` (monomorphic until its component is
    /// generalised).
    fn infer_item(&mut self, it: u32) {
        let item = self.res.items[it as usize];
        let f = item.code;
        let saved_level = self.level;
        self.level = self.block_levels[item.block as usize] + 1;
        for g in f.generics {
            let mut classes = Classes::NONE;
            for b in g.bounds {
                match Classes::from_name(b.name.as_str()) {
                    Some(c) => classes = classes.with(c),
                    None => self.error(
                        Diagnostic::error(
                            codes::UNKNOWN_TYPE,
                            format!("unknown class `{}`", b.name),
                            b.span,
                        )
                        .with_help("the classes are `Num`, `Ord`, `Eq` and `Seq`"),
                    ),
                }
            }
            let r = self.store.rigid(g.name.name.as_str(), classes, self.level);
            self.set(g.name, Typed::Rigid(r));
        }
        let base = self.params.len();
        for p in f.params {
            let t = match &p.ty {
                Some(a) => self.annotation(a),
                None => self.fresh(),
            };
            self.params.push(t);
            self.set(&p.name, Typed::Value(Scheme::mono(t)));
        }
        let ret = match &f.ret {
            Some(a) => self.annotation(a),
            None => self.fresh(),
        };
        let fn_ty = self.store.func(&self.params[base..], ret);
        self.params.truncate(base);
        // Nothing before the body can use the item: its type is known
        // from here on, without a placeholder variable bound to it.
        self.set_binding(item.binding, Typed::InProgress(fn_ty));
        let body_t = self.infer(&f.body);
        let (span, reason) = match (&f.ret, tail_span(&f.body)) {
            (Some(a), s) => (
                s,
                Reason::Because(a.span, "expected because of this return type"),
            ),
            (None, s) => (s, Reason::None),
        };
        self.expect(ret, body_t, span, reason);
        self.level = saved_level;
    }

    /// The type of a use of `fn` item `b`, inferring its component first if
    /// needed.
    pub(super) fn use_item(&mut self, b: BindingId, ident: &Ident) -> TyId {
        if matches!(self.typed[b.index()], Typed::Unset) {
            self.check_item(b);
        }
        match &self.typed[b.index()] {
            Typed::InProgress(ty) => *ty,
            Typed::Value(s) => {
                let s = *s;
                self.instantiate(&s, ident.name.as_str(), ident.span)
            }
            Typed::Unset | Typed::Rigid(_) => self.error_ty(),
        }
    }
}

impl Cx<'_, '_> {
    /// Ends a top-level statement begun at region `r` of the store: keeps
    /// the types of the top-level names it typed and frees its other type
    /// nodes. The names typed inside it (parameters, inner `let`s and
    /// items) are out of scope for the rest of the unit: they become
    /// untyped, so no type refers to a freed node.
    fn end_statement(&mut self, r: Region) {
        self.reclaim.open = false;
        let mut written = std::mem::take(&mut self.reclaim.written);
        written.sort_unstable();
        written.dedup();
        let top = &self.reclaim.top;
        let is_top = |b: BindingId| top[b.index() / 64] >> (b.index() % 64) & 1 == 1;
        let mut keep = std::mem::take(&mut self.reclaim.keep);
        keep.clear();
        for &b in written.iter().filter(|&&b| is_top(b)) {
            match self.typed[b.index()] {
                Typed::Value(s) => {
                    keep.push(s.ty);
                    keep.extend_from_slice(self.store.parts(s.vars));
                }
                Typed::InProgress(t) | Typed::Rigid(t) => keep.push(t),
                Typed::Unset => {}
            }
        }
        if self.store.reclaim(r, &mut keep) {
            let mut k = 0;
            for &b in &written {
                if !is_top(b) {
                    self.typed[b.index()] = Typed::Unset;
                    continue;
                }
                self.typed[b.index()] = match self.typed[b.index()] {
                    Typed::Value(s) => {
                        let n = s.vars.len();
                        let vars = match n {
                            0 => Parts::EMPTY,
                            _ => self.store.add_parts(&keep[k + 1..k + 1 + n]),
                        };
                        k += 1 + n;
                        Typed::Value(Scheme {
                            vars,
                            ty: keep[k - 1 - n],
                        })
                    }
                    Typed::InProgress(_) => {
                        k += 1;
                        Typed::InProgress(keep[k - 1])
                    }
                    Typed::Rigid(_) => {
                        k += 1;
                        Typed::Rigid(keep[k - 1])
                    }
                    Typed::Unset => Typed::Unset,
                };
            }
        }
        self.reclaim.keep = keep;
        self.reclaim.written = written;
    }
}
