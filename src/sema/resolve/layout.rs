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
use std::collections::HashMap;

impl Resolver<'_, '_> {
    /// Fills in the slots of the uses deferred during the walk, in walk
    /// order (which is the order of each capture list).
    pub(super) fn resolve_deferred(&mut self) {
        let deferred = std::mem::take(&mut self.deferred);
        let mut captures: HashMap<(u32, (u8, u32)), u32> = HashMap::new();
        for (node, b, f) in deferred {
            let slot = self.slot_in(f, b, &mut captures);
            self.res.slots[node.index()] = slot;
        }
    }

    /// The slot through which function `f` reaches binding `b`.
    fn slot_in(
        &mut self,
        f: u32,
        b: BindingId,
        captures: &mut HashMap<(u32, (u8, u32)), u32>,
    ) -> Slot {
        let owner = self.info[b.index()].owner;
        let kind = self.kind(b);
        let mut chain = Vec::new();
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
                return Slot::Unresolved;
            }
        };
        for &g in chain.iter().rev() {
            let group = self.funcs[g as usize].group;
            let caps = &mut self.res.groups[group as usize].captures;
            let i = *captures.entry((group, key(slot))).or_insert_with(|| {
                caps.push(slot);
                (caps.len() - 1) as u32
            });
            slot = Slot::Capture(i);
        }
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
