//! Captures: the slot of every use of a binding from a function other than
//! the one whose frame holds it, computed after the walk, when every block's
//! function groups are known.
//!
//! A function reaches such a binding through its group's capture list,
//! whose entry names where the value comes from in the creating frame (a
//! local, the creator's own capture, a sibling, a REPL global), and so on
//! outwards. Members of one group reach each other as siblings. Globals are
//! captured too: a function keeps the value it saw when it was created,
//! even if a later REPL input shadows the name. This module must not walk
//! the AST.

use super::walk::{NO, Resolver};
use super::{BindingId, BindingKind, Slot};
use rustc_hash::FxHashMap;

/// The capture lists being built: every capture with its group, in the
/// order found, and the index of each source in its group's list.
#[derive(Default)]
struct Captures {
    /// `(group, source)`, in the order found.
    list: Vec<(u32, Slot)>,
    /// The index of each `(group, source)` in the group's list.
    index: FxHashMap<(u32, (u8, u32)), u32>,
    /// The length of each group's list so far, by group.
    len: Vec<u32>,
    /// The functions between a use and its binding, reused from use to use.
    chain: Vec<u32>,
}

impl Resolver<'_, '_> {
    /// Fills in the slots of the uses deferred during the walk, in walk
    /// order (which is the order of each capture list), and lays out the
    /// capture lists group after group in `Resolution::captures`.
    pub(super) fn resolve_deferred(&mut self) {
        let deferred = std::mem::take(&mut self.deferred);
        if deferred.is_empty() {
            return;
        }
        let mut caps = Captures {
            len: vec![0; self.res.groups.len()],
            ..Captures::default()
        };
        for (node, b, f) in deferred {
            let slot = self.slot_in(f, b, &mut caps);
            self.res.slots.set(node, slot);
        }
        // A stable sort keeps each group's captures in their order.
        caps.list.sort_by_key(|&(g, _)| g);
        self.res.captures = caps.list.iter().map(|&(_, s)| s).collect();
        let mut start = 0;
        for run in caps.list.chunk_by(|x, y| x.0 == y.0) {
            let len = run.len() as u32;
            self.res.groups[run[0].0 as usize].captures = (start, len);
            start += len;
        }
    }

    /// The slot through which function `f` reaches binding `b`.
    fn slot_in(&mut self, f: u32, b: BindingId, caps: &mut Captures) -> Slot {
        let owner = self.info[b.index()].owner;
        let kind = self.kind(b);
        let mut chain = std::mem::take(&mut caps.chain);
        chain.clear();
        let mut cur = f;
        let mut slot = loop {
            if cur == owner {
                break match kind {
                    BindingKind::Global(i) => Slot::Global(i),
                    _ => Slot::Local(self.info[b.index()].slot),
                };
            }
            if let Some(m) = self.sibling(cur, kind) {
                break Slot::Sibling(m);
            }
            chain.push(cur);
            cur = self.funcs[cur as usize].parent;
            if cur == NO {
                caps.chain = chain;
                return Slot::Unresolved;
            }
        };
        for &g in chain.iter().rev() {
            let group = self.funcs[g as usize].group;
            let i = *caps.index.entry((group, key(slot))).or_insert_with(|| {
                caps.list.push((group, slot));
                let len = &mut caps.len[group as usize];
                *len += 1;
                *len - 1
            });
            slot = Slot::Capture(i);
        }
        caps.chain = chain;
        slot
    }
    /// The member index of item `kind` in the group of function `f`, when
    /// `f` is a `fn` item of the same component.
    fn sibling(&self, f: u32, kind: BindingKind) -> Option<u32> {
        let BindingKind::FnItem(target) = kind else {
            return None;
        };
        let own = self.funcs[f as usize].item;
        if own == NO || self.res.items[own as usize].scc != self.res.items[target as usize].scc {
            return None;
        }
        Some(self.funcs[self.item_fn[target as usize] as usize].member)
    }
}

/// A capture source as a hashable key (only locals, captures, siblings and
/// globals are ever captured).
fn key(s: Slot) -> (u8, u32) {
    match s {
        Slot::Local(i) => (0, i),
        Slot::Capture(i) => (1, i),
        Slot::Sibling(i) => (2, i),
        Slot::Global(i) => (3, i),
        _ => (4, 0),
    }
}
