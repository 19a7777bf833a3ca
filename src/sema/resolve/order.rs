//! The order of a block's `fn` items (A3, A9): strongly connected
//! components of the items' references to each other, each component's
//! ready point, the "used before a `let` it needs" errors, and the function
//! groups the evaluator creates.
//!
//! A component's *ready point* is the first statement of the block before
//! which every `let` of the block that its members use (directly, or
//! through items of other components they use) has run. A use of an item at
//! statement `p` of its block (a use inside another item's body counts as at
//! that item's statement) is an error when `p` is before the ready point,
//! except the item's uses of itself. Each component becomes one group,
//! created at its ready point, components a group uses before it: so in a
//! program the checker accepts, no item is used before it exists. This
//! module must not walk the AST.

use super::lookup::text;
use super::walk::{BlockCx, NO, Resolver};
use super::{BlockFns, FnCode, FnInfo, Group, NameError};
use crate::syntax::ast::Block;

/// The buffers of [`Resolver::finish_block`], kept by the walk and reused
/// from block to block.
#[derive(Default)]
pub(super) struct OrderScratch {
    /// Tarjan's visit index of each item (`NO`: not visited).
    index: Vec<u32>,
    /// Tarjan's low link of each item.
    low: Vec<u32>,
    /// True for the items on Tarjan's stack.
    on_stack: Vec<bool>,
    /// Tarjan's stack.
    stack: Vec<u32>,
    /// The depth-first path: each item with the position of its next edge
    /// in [`BlockCx::edges`].
    calls: Vec<(u32, u32)>,
    /// The members of the components, component after component, each
    /// sorted.
    members: Vec<u32>,
    /// The end of each component in `members`.
    ends: Vec<u32>,
    /// The component of each item.
    comp_of: Vec<u32>,
    /// The ready point of each component, with the `let` that decides it
    /// (an index in [`BlockCx::needs`], `NO`: none).
    ready: Vec<(u32, u32)>,
}

impl OrderScratch {
    /// The strongly connected components of the items of `cx` and the
    /// edges between them (Tarjan's algorithm, iteratively), into
    /// `members` and `ends`: each sorted, dependencies before the components
    /// that use them.
    fn components(&mut self, cx: &BlockCx) {
        let n = cx.items.len();
        let edges = |v: u32, at: u32| {
            let (start, end) = cx.items[v as usize].edges;
            let at = start + at;
            (at < end).then(|| cx.edges[at as usize])
        };
        self.index.clear();
        self.index.resize(n, NO);
        self.low.clear();
        self.low.resize(n, 0);
        self.on_stack.clear();
        self.on_stack.resize(n, false);
        self.stack.clear();
        self.calls.clear();
        self.members.clear();
        self.ends.clear();
        let mut next = 0u32;
        for root in 0..n as u32 {
            if self.index[root as usize] != NO {
                continue;
            }
            self.index[root as usize] = next;
            self.low[root as usize] = next;
            next += 1;
            self.stack.push(root);
            self.on_stack[root as usize] = true;
            self.calls.push((root, 0));
            while let Some(&mut (v, ref mut edge)) = self.calls.last_mut() {
                let vi = v as usize;
                if let Some(w) = edges(v, *edge) {
                    *edge += 1;
                    let wi = w as usize;
                    if self.index[wi] == NO {
                        self.index[wi] = next;
                        self.low[wi] = next;
                        next += 1;
                        self.stack.push(w);
                        self.on_stack[wi] = true;
                        self.calls.push((w, 0));
                    } else if self.on_stack[wi] {
                        self.low[vi] = self.low[vi].min(self.index[wi]);
                    }
                    continue;
                }
                self.calls.pop();
                if let Some(&(u, _)) = self.calls.last() {
                    self.low[u as usize] = self.low[u as usize].min(self.low[vi]);
                }
                if self.low[vi] == self.index[vi] {
                    let start = self.members.len();
                    while let Some(w) = self.stack.pop() {
                        self.on_stack[w as usize] = false;
                        self.members.push(w);
                        if w == v {
                            break;
                        }
                    }
                    self.members[start..].sort_unstable();
                    self.ends.push(self.members.len() as u32);
                }
            }
        }
    }

    /// The members of component `c`.
    fn comp(&self, c: usize) -> &[u32] {
        let start = if c == 0 { 0 } else { self.ends[c - 1] };
        &self.members[start as usize..self.ends[c] as usize]
    }
}

impl<'a> Resolver<'a, '_> {
    /// Orders the `fn` items of block `b` (walked, with what they use in
    /// `cx`): components, ready points, errors and groups.
    pub(super) fn finish_block(&mut self, b: &'a Block<'a>, cx: &BlockCx) {
        let block = self.res.block_fns.len() as u32;
        self.res.block_indices.insert(b.id, block);
        let mut s = std::mem::take(&mut self.order);
        s.components(cx);
        let comps = s.ends.len();
        s.comp_of.clear();
        s.comp_of.resize(cx.items.len(), 0);
        for c in 0..comps {
            for i in 0..s.comp(c).len() {
                let m = s.comp(c)[i];
                s.comp_of[m as usize] = c as u32;
            }
        }
        // Ready points, with the `let` that decides each.
        s.ready.clear();
        for c in 0..comps {
            let mut best = (0, NO);
            for &m in s.comp(c) {
                let need = cx.items[m as usize].need;
                if need != NO && cx.needs[need as usize].stmt + 1 > best.0 {
                    best = (cx.needs[need as usize].stmt + 1, need);
                }
            }
            for &m in s.comp(c) {
                let (start, end) = cx.items[m as usize].edges;
                for &w in &cx.edges[start as usize..end as usize] {
                    let d = s.comp_of[w as usize] as usize;
                    if d != c && s.ready[d].0 > best.0 {
                        best = s.ready[d];
                    }
                }
            }
            s.ready.push(best);
        }
        for u in &cx.uses {
            if u.from == u.item {
                continue;
            }
            let (at, need) = s.ready[s.comp_of[u.item as usize] as usize];
            if need != NO && at > u.pos {
                let need = cx.needs[need as usize];
                let item = self.res.items[(cx.first_item + u.item) as usize].code;
                let var = self.res.bindings[need.var.index()]
                    .site
                    .expect("an item needs a `let`, which has a site");
                self.res.errors.push(NameError::DefinedLater {
                    item: text(&item.name),
                    used: u.at,
                    var: text(var),
                    let_span: var.span,
                    needed: need.at,
                });
            }
        }
        // One group per component, created at its ready point.
        let first = self.res.fns.len();
        let items = cx.items.len();
        self.res.sccs.reserve(comps);
        self.res.groups.reserve(comps);
        self.res.fns.reserve(comps);
        self.res.scc_items.reserve(items);
        self.res.members.reserve(items);
        self.res.member_slots.reserve(items);
        for c in 0..comps {
            let comp = s.comp(c);
            let scc = self.res.sccs.len() as u32;
            let len = comp.len() as u32;
            self.res.sccs.push((self.res.scc_items.len() as u32, len));
            let group = self.res.groups.len() as u32;
            let members = self.res.members.len() as u32;
            let slots = self.res.member_slots.len() as u32;
            for (k, &m) in comp.iter().enumerate() {
                let it = cx.first_item + m;
                let fun = self.item_fn[it as usize] as usize;
                self.res.scc_items.push(it);
                let item = &mut self.res.items[it as usize];
                item.block = block;
                item.scc = scc;
                self.res.members.push(FnInfo {
                    code: FnCode::Item(item.code),
                    frame_size: self.funcs[fun].next_slot,
                });
                self.res
                    .member_slots
                    .push(self.info[item.binding.index()].slot);
                self.funcs[fun].group = group;
                self.funcs[fun].member = k as u32;
            }
            self.res.groups.push(Group {
                members: (members, len),
                captures: (0, 0),
            });
            self.res.fns.push(BlockFns {
                group,
                create_at: s.ready[c].0,
                member_slots: (slots, len),
            });
        }
        let fns = &mut self.res.fns[first..];
        if !fns.is_sorted_by_key(|f| f.create_at) {
            fns.sort_by_key(|f| f.create_at);
        }
        self.res
            .block_fns
            .push((first as u32, (self.res.fns.len() - first) as u32));
        self.order = s;
    }
}
