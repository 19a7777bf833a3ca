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

use super::walk::{BlockCx, NO, Need, Resolver};
use super::{BlockFns, FnCode, FnInfo, Group, NameError};
use crate::syntax::ast::Block;

/// The strongly connected components of the graph on `0..edges.len()`
/// (Tarjan's algorithm, iteratively), each sorted, dependencies before the
/// components that use them.
fn components(edges: &[Vec<u32>]) -> Vec<Vec<u32>> {
    let n = edges.len();
    let mut index = vec![NO; n];
    let mut low = vec![0u32; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<u32> = Vec::new();
    let mut calls: Vec<(u32, usize)> = Vec::new();
    let mut next = 0u32;
    let mut out = Vec::new();
    for root in 0..n as u32 {
        if index[root as usize] != NO {
            continue;
        }
        index[root as usize] = next;
        low[root as usize] = next;
        next += 1;
        stack.push(root);
        on_stack[root as usize] = true;
        calls.push((root, 0));
        while let Some(&mut (v, ref mut edge)) = calls.last_mut() {
            let vi = v as usize;
            if let Some(&w) = edges[vi].get(*edge) {
                *edge += 1;
                let wi = w as usize;
                if index[wi] == NO {
                    index[wi] = next;
                    low[wi] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[wi] = true;
                    calls.push((w, 0));
                } else if on_stack[wi] {
                    low[vi] = low[vi].min(index[wi]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(u, _)) = calls.last() {
                low[u as usize] = low[u as usize].min(low[vi]);
            }
            if low[vi] == index[vi] {
                let mut comp = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w as usize] = false;
                    comp.push(w);
                    if w == v {
                        break;
                    }
                }
                comp.sort_unstable();
                out.push(comp);
            }
        }
    }
    out
}

impl<'a> Resolver<'a, '_> {
    /// Orders the `fn` items of block `b` (walked, with what they use in
    /// `cx`): components, ready points, errors and groups.
    pub(super) fn finish_block(&mut self, b: &'a Block<'a>, cx: BlockCx<'a>) {
        let block = self.res.block_fns.len() as u32;
        self.res.block_fns_index[b.id.index()] = block;
        let comps = components(&cx.edges);
        let mut comp_of = vec![0u32; cx.items.len()];
        for (c, comp) in comps.iter().enumerate() {
            for &m in comp {
                comp_of[m as usize] = c as u32;
            }
        }
        // Ready points, with the `let` that decides each.
        let mut ready: Vec<(u32, Option<Need<'a>>)> = Vec::with_capacity(comps.len());
        for (c, comp) in comps.iter().enumerate() {
            let mut best: (u32, Option<Need<'a>>) = (0, None);
            for &m in comp {
                if let Some(need) = cx.needs[m as usize]
                    && need.stmt + 1 > best.0
                {
                    best = (need.stmt + 1, Some(need));
                }
            }
            for &m in comp {
                for &w in &cx.edges[m as usize] {
                    let d = comp_of[w as usize] as usize;
                    if d != c && ready[d].0 > best.0 {
                        best = ready[d];
                    }
                }
            }
            ready.push(best);
        }
        for u in &cx.uses {
            if u.from == u.item {
                continue;
            }
            if let (at, Some(need)) = ready[comp_of[u.item as usize] as usize]
                && at > u.pos
            {
                self.res.errors.push(NameError::DefinedLater {
                    item: u.ident.name.as_str(),
                    used: u.ident.span,
                    var: need.var.name.as_str(),
                    let_span: need.var.span,
                    needed: need.at,
                });
            }
        }
        // One group per component, created at its ready point.
        let mut fns = Vec::with_capacity(comps.len());
        for (c, comp) in comps.iter().enumerate() {
            let scc = self.res.sccs.len() as u32;
            self.res
                .sccs
                .push((self.res.scc_items.len() as u32, comp.len() as u32));
            let group = self.res.groups.len() as u32;
            let mut members = Vec::with_capacity(comp.len());
            let mut member_slots = Vec::with_capacity(comp.len());
            for (k, &m) in comp.iter().enumerate() {
                let m = m as usize;
                let item = cx.items[m];
                self.res.scc_items.push(item);
                let it = &mut self.res.items[item as usize];
                it.block = block;
                it.scc = scc;
                members.push(FnInfo {
                    code: FnCode::Item(it.code),
                    frame_size: cx.frames[m],
                });
                member_slots.push(cx.slots[m]);
                let f = cx.fns[m];
                self.item_fn[item as usize] = f;
                self.funcs[f as usize].group = group;
                self.funcs[f as usize].member = k as u32;
            }
            self.res.groups.push(Group {
                members,
                captures: Vec::new(),
            });
            fns.push(BlockFns {
                group,
                create_at: ready[c].0,
                member_slots,
            });
        }
        fns.sort_by_key(|f| f.create_at);
        self.res.block_fns.push(fns);
    }
}
