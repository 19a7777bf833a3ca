//! Blocks, `let` statements and `fn` items, and the order in which items are
//! inferred ([`FnOrder`]).
//!
//! All `fn` items of a block are visible throughout it. Each is inferred on
//! first use (or at its position) in the environment of its position, with
//! the `let`s between that position and the use marked as not yet defined.
//! Tarjan's algorithm runs along the way: a strongly connected group of
//! mutually recursive items is inferred together and generalised once its
//! root finishes. This module must not type expressions itself (that is
//! `expr`) or declare types (that is `typedecl`).

use super::codes;
use super::cx::{Cx, Entry, Scheme, TEntry};
use super::diagnose::Reason;
use super::expr::tail_span;
use super::pattern::names_of;
use crate::diag::Diagnostic;
use crate::sema::types::{Classes, Node, TyId};
use crate::span::Span;
use crate::syntax::ast::{Block, FnItem, Ident, Let, NodeId, Stmt};
use std::collections::HashMap;
use std::rc::Rc;

/// How far inference of one `fn` item has got.
#[derive(Clone, Debug)]
enum FnState {
    /// Not yet started.
    Unvisited,
    /// Being inferred: its (monomorphic) type so far and its Tarjan index
    /// and low-link.
    InProgress { ty: TyId, index: u32, low: u32 },
    /// Inferred and generalised.
    Done(Scheme),
}

/// Where a `fn` item is declared.
#[derive(Clone, Copy)]
struct FnMeta<'a> {
    /// The item.
    item: &'a FnItem<'a>,
    /// Index of the declaring block in the block stack.
    block: usize,
    /// Statement index within that block.
    stmt: usize,
}

/// An enclosing block, for checking an item in the environment of its
/// position.
struct BlockRec<'a> {
    /// The statement being checked.
    stmt: usize,
    /// The scope mark where that statement began.
    mark: usize,
    /// The block's binding level.
    level: u32,
    /// `(statement index, name, span)` of every `let` binding of the block.
    lets: Vec<(usize, &'a str, Span)>,
}

/// The lazy, SCC-ordered inference of `fn` items: their states, where they
/// are declared, Tarjan's stack, and the enclosing blocks.
#[derive(Default)]
pub(super) struct FnOrder<'a> {
    /// Inference state of each `fn` item, by its NodeId.
    states: HashMap<NodeId, FnState>,
    /// Declaration site of each `fn` item, by its NodeId.
    meta: HashMap<NodeId, FnMeta<'a>>,
    /// Tarjan's stack of items not yet assigned to a group.
    stack: Vec<NodeId>,
    /// The next Tarjan index.
    next_index: u32,
    /// The items being inferred, innermost last.
    current: Vec<NodeId>,
    /// The enclosing blocks, innermost last.
    blocks: Vec<BlockRec<'a>>,
    /// Uses that triggered lazy checks (for "defined later" errors).
    triggers: Vec<(Span, &'a str)>,
    /// Uses already reported as "defined later".
    reported_later: Vec<Span>,
}

impl FnOrder<'_> {
    /// The inference state of `fn` item `id`.
    fn state(&self, id: NodeId) -> FnState {
        self.states.get(&id).cloned().unwrap_or(FnState::Unvisited)
    }
}

impl<'a, 'c> Cx<'a, 'c> {
    /// Checks a unit's top-level block; the type of its tail expression, if
    /// any.
    pub(super) fn check_top(&mut self, b: &'a Block<'a>) -> Option<TyId> {
        let t = self.block(b, true);
        b.tail.map(|_| t)
    }

    /// Checks block `b` (the unit's top level when `top`): its types and
    /// `fn` items are visible throughout it.
    pub(super) fn block(&mut self, b: &'a Block<'a>, top: bool) -> TyId {
        let env_mark = self.scope.mark();
        let types_mark = self.scope.types.len();
        self.declare_types(b, top);
        // Declare fn items; record lets for "defined later" checks.
        let mut lets = Vec::new();
        let block_index = self.order.blocks.len();
        let mut fn_names: HashMap<&str, Span> = HashMap::new();
        for (i, s) in b.stmts.iter().enumerate() {
            match s {
                Stmt::Fn(f) => {
                    if let Some(first) = fn_names.get(f.name.name) {
                        let first = *first;
                        self.error(
                            Diagnostic::error(
                                codes::DUPLICATE,
                                format!(
                                    "the function `{}` is defined twice in this block",
                                    f.name.name
                                ),
                                f.name.span,
                            )
                            .with_label(first, "first defined here"),
                        );
                        continue;
                    }
                    fn_names.insert(f.name.name, f.name.span);
                    self.order.meta.insert(
                        f.id,
                        FnMeta {
                            item: f,
                            block: block_index,
                            stmt: i,
                        },
                    );
                    self.scope.push(f.name.name, Entry::Item(f.id));
                }
                Stmt::Let(l) => {
                    let mut names = Vec::new();
                    names_of(&l.pattern, &mut names);
                    for (n, sp) in names {
                        lets.push((i, n, sp));
                    }
                }
                _ => {}
            }
        }
        self.order.blocks.push(BlockRec {
            stmt: 0,
            mark: self.scope.mark(),
            level: self.level,
            lets,
        });
        for (i, s) in b.stmts.iter().enumerate() {
            let mark = self.scope.mark();
            let rec = self.order.blocks.last_mut().expect("pushed above");
            rec.stmt = i;
            rec.mark = mark;
            match s {
                Stmt::Let(l) => self.let_stmt(l, top),
                Stmt::Fn(f) => {
                    if matches!(self.order.state(f.id), FnState::Unvisited)
                        && self.order.meta.contains_key(&f.id)
                    {
                        self.check_fn(f.id);
                    }
                    if top && let FnState::Done(s) = self.order.state(f.id) {
                        let s = s.clone();
                        self.exports.values.push((f.name.name, s));
                    }
                }
                Stmt::Expr(e) => {
                    self.infer(e);
                }
                Stmt::Struct(_) | Stmt::Enum(_) | Stmt::Empty(_) | Stmt::Error(_) => {}
            }
        }
        let rec = self.order.blocks.last_mut().expect("pushed above");
        rec.stmt = b.stmts.len();
        rec.mark = self.scope.mark();
        let t = match &b.tail {
            Some(e) => self.infer(e),
            None => self.prim(Node::Unit),
        };
        self.order.blocks.pop();
        if !top {
            self.scope.pop_to(env_mark);
            self.scope.types.truncate(types_mark);
        }
        t
    }

    /// Checks a `let`, generalising its bindings.
    fn let_stmt(&mut self, l: &'a Let<'a>, top: bool) {
        self.level += 1;
        let t = self.infer(&l.value);
        if let Some(ann) = &l.ty {
            let a = self.annotation(ann);
            self.expect(
                a,
                t,
                l.value.span,
                Reason::Because(ann.span, "expected because of this annotation"),
            );
        }
        self.level -= 1;
        if !self.irrefutable(&l.pattern) {
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
        let mut binds = Vec::new();
        self.pattern(&l.pattern, t, &mut binds);
        for (name, ty, _) in binds {
            let s = self.generalize(ty);
            if top {
                self.exports.values.push((name, s.clone()));
            }
            self.scope.push(name, Entry::Poly(s));
        }
    }

    /// Infers the type of `fn` item `id` in the environment of its position.
    fn check_fn(&mut self, id: NodeId) {
        let Some(meta) = self.order.meta.get(&id).copied() else {
            return;
        };
        let f = meta.item;
        let (cur_stmt, mark, block_level) = {
            let b = &self.order.blocks[meta.block];
            (b.stmt, b.mark, b.level)
        };
        // The environment of the item's position: hide everything pushed
        // since the current statement of its block began, and mark the lets
        // between here and the item as not yet evaluated.
        let stash = self.scope.pop_to(mark);
        let lets = &self.order.blocks[meta.block].lets;
        let from = lets.partition_point(|(i, _, _)| *i < cur_stmt);
        let to = lets.partition_point(|(i, _, _)| *i < meta.stmt);
        let later: Vec<(&'a str, Span)> = lets[from..to.max(from)]
            .iter()
            .map(|(_, n, s)| (*n, *s))
            .collect();
        for (n, s) in later {
            self.scope.push(n, Entry::Later { let_span: s });
        }
        let saved_level = self.level;
        self.level = block_level + 1;
        let index = self.order.next_index;
        self.order.next_index += 1;
        let placeholder = self.fresh();
        self.order.states.insert(
            id,
            FnState::InProgress {
                ty: placeholder,
                index,
                low: index,
            },
        );
        self.order.stack.push(id);
        self.order.current.push(id);

        let env_mark = self.scope.mark();
        let types_mark = self.scope.types.len();
        for g in f.generics {
            let mut classes = Classes::NONE;
            for b in g.bounds {
                match Classes::from_name(b.name) {
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
            let r = self.store.add(Node::Rigid {
                name: Rc::from(g.name.name),
                classes,
                level: self.level,
            });
            self.scope
                .types
                .push((Rc::from(g.name.name), TEntry::Param(r)));
        }
        let mut params = Vec::new();
        for p in f.params {
            let t = match &p.ty {
                Some(a) => self.annotation(a),
                None => self.fresh(),
            };
            params.push(t);
            self.scope.push(p.name.name, Entry::Poly(Scheme::mono(t)));
        }
        let ret = match &f.ret {
            Some(a) => self.annotation(a),
            None => self.fresh(),
        };
        let fn_ty = self.store.add(Node::Fn(params.into(), ret));
        let _ = self.store.unify(placeholder, fn_ty);
        let body_t = self.infer(&f.body);
        let (span, reason) = match (&f.ret, tail_span(&f.body)) {
            (Some(a), s) => (
                s,
                Reason::Because(a.span, "expected because of this return type"),
            ),
            (None, s) => (s, Reason::None),
        };
        self.expect(ret, body_t, span, reason);
        self.scope.pop_to(env_mark);
        self.scope.types.truncate(types_mark);

        self.order.current.pop();
        self.level = block_level;
        let (low, index) = match self.order.state(id) {
            FnState::InProgress { low, index, .. } => (low, index),
            _ => (0, 1),
        };
        if low == index {
            // Root of a strongly connected group: generalise all members.
            while let Some(m) = self.order.stack.pop() {
                if let FnState::InProgress { ty, .. } = self.order.state(m) {
                    let s = self.generalize(ty);
                    self.order.states.insert(m, FnState::Done(s));
                }
                if m == id {
                    break;
                }
            }
        }
        self.level = saved_level;
        self.scope.pop_to(mark);
        self.scope.restore(stash);
    }

    /// Notes that the item being inferred uses an item with low-link
    /// `low_of_used` (Tarjan).
    fn note_use(&mut self, low_of_used: u32) {
        if let Some(cur) = self.order.current.last().copied()
            && let FnState::InProgress { ty, index, low } = self.order.state(cur)
        {
            self.order.states.insert(
                cur,
                FnState::InProgress {
                    ty,
                    index,
                    low: low.min(low_of_used),
                },
            );
        }
    }

    /// The type of a use of `fn` item `id` by `ident`, inferring the item
    /// first if needed.
    pub(super) fn use_item(&mut self, id: NodeId, ident: &'a Ident<'a>) -> TyId {
        if matches!(self.order.state(id), FnState::Unvisited) {
            self.order.triggers.push((ident.span, ident.name));
            self.check_fn(id);
            self.order.triggers.pop();
        }
        match self.order.state(id) {
            FnState::InProgress { ty, low, .. } => {
                self.note_use(low);
                ty
            }
            FnState::Done(s) => self.instantiate(&s),
            FnState::Unvisited => self.error_ty(),
        }
    }

    /// Reports that `ident` names a `let` (at `let_span`) not yet defined where
    /// the item being inferred is used; once per use.
    pub(super) fn defined_later(&mut self, ident: &'a Ident<'a>, let_span: Span) {
        let (use_span, item) = self
            .order
            .triggers
            .first()
            .copied()
            .unwrap_or((ident.span, ident.name));
        if self.order.reported_later.contains(&use_span) {
            return;
        }
        self.order.reported_later.push(use_span);
        let d = Diagnostic::error(
            codes::DEFINED_LATER,
            format!("`{item}` uses `{}`, which is defined later", ident.name),
            use_span,
        )
        .with_primary_message(format!(
            "`{item}` is used here, before `{}` is defined",
            ident.name
        ))
        .with_label(let_span, format!("`{}` is defined here", ident.name))
        .with_label(ident.span, format!("`{item}` needs `{}` here", ident.name))
        .with_help(format!(
            "move this use of `{item}` after the `let` that defines `{}`",
            ident.name
        ));
        self.error(d);
    }
}
