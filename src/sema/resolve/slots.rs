//! The run-time [`Slot`] of every name occurrence, by NodeId, in four
//! bytes each: the table the evaluator reads at every variable use.
//!
//! A slot is stored as its variant's tag (the low four bits) and its index
//! (the other 28 bits). A slot whose index does not fit (a frame of over
//! 268 million locals) is stored as the tag [`OVERFLOW`] and kept whole in
//! a map by NodeId. This module owns the encoding only: the walk decides
//! the slots and must not read the packed form.

use super::Slot;
use crate::sema::prelude::Builtin;
use crate::syntax::ast::NodeId;
use rustc_hash::FxHashMap;

/// Bits of the tag.
const TAG_BITS: u32 = 4;
/// The mask of the tag.
const TAG: u32 = (1 << TAG_BITS) - 1;
/// The largest index stored inline.
const MAX_INDEX: u32 = u32::MAX >> TAG_BITS;
/// The tag of a slot kept in the overflow map.
const OVERFLOW: u32 = TAG;

/// The slot of every name occurrence of a unit, by NodeId.
#[derive(Debug, Default)]
pub struct SlotTable {
    /// Each NodeId's slot, packed (`0`: [`Slot::None`]).
    packed: Vec<u32>,
    /// The slots whose index does not fit in the packed form.
    overflow: FxHashMap<NodeId, Slot>,
}

impl SlotTable {
    /// A table of `n` NodeIds, each [`Slot::None`].
    pub(super) fn new(n: usize) -> SlotTable {
        SlotTable {
            packed: vec![0; n],
            overflow: FxHashMap::default(),
        }
    }

    /// Sets the slot of `id`.
    #[inline]
    pub(super) fn set(&mut self, id: NodeId, slot: Slot) {
        let (tag, index) = match slot {
            Slot::None => (0, 0),
            Slot::Local(i) => (1, i),
            Slot::Capture(i) => (2, i),
            Slot::Sibling(i) => (3, i),
            Slot::Builtin(b) => (4, b as u32),
            Slot::Global(i) => (5, i),
            Slot::Variant(i) => (6, i),
            Slot::Struct(i) => (7, i),
            Slot::Unresolved => (8, 0),
        };
        self.packed[id.index()] = if index <= MAX_INDEX {
            tag | index << TAG_BITS
        } else {
            self.overflow.insert(id, slot);
            OVERFLOW
        };
    }

    /// The slot of `id`.
    #[inline(always)]
    pub fn get(&self, id: NodeId) -> Slot {
        let packed = self.packed[id.index()];
        let i = packed >> TAG_BITS;
        // The evaluator reads a slot at every variable use: the variants
        // of locals, captures, siblings and globals decode inline, the
        // rest in a cold call (which keeps this function small enough to
        // inline).
        match packed & TAG {
            1 => Slot::Local(i),
            2 => Slot::Capture(i),
            3 => Slot::Sibling(i),
            5 => Slot::Global(i),
            tag => self.rare(id, tag, i),
        }
    }

    /// The frame index of `id` if its slot is [`Slot::Local`]: one compare
    /// on the packed form, no decoding. The evaluator tries this first at
    /// every variable use, so the common case takes one well-predicted
    /// branch instead of two decoding jumps.
    #[inline(always)]
    pub fn local(&self, id: NodeId) -> Option<u32> {
        self.with_tag(id, 1)
    }

    /// The member index of `id` if its slot is [`Slot::Sibling`] (a
    /// function of the same group: the evaluator's self-call check).
    #[inline(always)]
    pub fn sibling(&self, id: NodeId) -> Option<u32> {
        self.with_tag(id, 3)
    }

    /// The index of `id`'s slot when its tag is `tag`.
    #[inline(always)]
    fn with_tag(&self, id: NodeId, tag: u32) -> Option<u32> {
        let packed = self.packed[id.index()];
        (packed & TAG == tag).then_some(packed >> TAG_BITS)
    }

    /// Decodes the variants [`SlotTable::get`] leaves out of its fast path.
    #[cold]
    #[inline(never)]
    fn rare(&self, id: NodeId, tag: u32, i: u32) -> Slot {
        match tag {
            4 => Slot::Builtin(Builtin::ALL[i as usize]),
            6 => Slot::Variant(i),
            7 => Slot::Struct(i),
            8 => Slot::Unresolved,
            OVERFLOW => self.overflow[&id],
            _ => Slot::None,
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = Slot> + '_ {
        (0..self.packed.len() as u32).map(|i| self.get(NodeId(i)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_slot_reads_back_as_written() {
        let mut slots = vec![
            Slot::None,
            Slot::Local(0),
            Slot::Capture(7),
            Slot::Sibling(3),
            Slot::Global(MAX_INDEX),
            Slot::Variant(12),
            Slot::Struct(1),
            Slot::Unresolved,
            // Indices too large for the packed form.
            Slot::Local(MAX_INDEX + 1),
            Slot::Capture(u32::MAX),
        ];
        slots.extend(Builtin::ALL.iter().map(|&b| Slot::Builtin(b)));
        let mut table = SlotTable::new(slots.len());
        for (i, &s) in slots.iter().enumerate() {
            table.set(NodeId(i as u32), s);
        }
        assert_eq!(table.iter().collect::<Vec<_>>(), slots);
        assert_eq!(table.overflow.len(), 2);
        for (i, &s) in slots.iter().enumerate() {
            let id = NodeId(i as u32);
            let local = match s {
                Slot::Local(n) if n <= MAX_INDEX => Some(n),
                _ => None,
            };
            let sibling = match s {
                Slot::Sibling(n) => Some(n),
                _ => None,
            };
            assert_eq!(table.local(id), local, "{s:?}");
            assert_eq!(table.sibling(id), sibling, "{s:?}");
        }
    }
}
