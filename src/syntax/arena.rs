//! The per-unit bump arena that holds a parsed program.
//!
//! Owns allocation of AST nodes. One [`Arena`] is created per driver (CLI
//! command, REPL slot, engine) and **reset** between compilation units, so a
//! steady workload stops calling the system allocator after the first units.
//!
//! Every allocation goes through [`Arena::alloc`] / [`Arena::alloc_slice`],
//! which refuse at compile time any type that needs `Drop` (the arena never
//! runs destructors, so such a value would leak). This module must not know
//! about the AST's shape.

use bumpalo::Bump;

/// A bump arena for one compilation unit at a time.
#[derive(Default)]
pub struct Arena {
    bump: Bump,
    limit: Option<usize>,
}

impl Arena {
    /// An empty arena.
    pub fn new() -> Arena {
        Arena {
            bump: Bump::new(),
            limit: None,
        }
    }

    /// Sets (or clears) the most bytes this arena should take from the
    /// system. It is a soft limit: allocation never fails, the parser asks
    /// [`Arena::over_limit`] as the tree grows and stops with an error, so
    /// the arena can pass the limit by at most one chunk.
    pub fn set_limit(&mut self, bytes: Option<usize>) {
        self.limit = bytes;
    }

    /// `Some((allocated, limit))` once the arena has taken more than its
    /// limit from the system.
    #[inline]
    pub fn over_limit(&self) -> Option<(usize, usize)> {
        let limit = self.limit?;
        let allocated = self.bump.allocated_bytes();
        (allocated > limit).then_some((allocated, limit))
    }

    /// Moves `value` into the arena.
    ///
    /// `T` must not need `Drop`; this is checked at compile time.
    #[inline]
    pub fn alloc<T>(&self, value: T) -> &T {
        const {
            assert!(
                !std::mem::needs_drop::<T>(),
                "arena values must not need Drop"
            )
        };
        self.bump.alloc(value)
    }

    /// Copies `items` into the arena as one slice (used with a reusable
    /// scratch buffer, so children are copied once instead of grown in place).
    #[inline]
    pub fn alloc_slice<T: Copy>(&self, items: &[T]) -> &[T] {
        const {
            assert!(
                !std::mem::needs_drop::<T>(),
                "arena values must not need Drop"
            )
        };
        if items.is_empty() {
            return &[];
        }
        self.bump.alloc_slice_copy(items)
    }

    /// Copies a string into the arena.
    #[inline]
    pub fn alloc_str(&self, s: &str) -> &str {
        self.bump.alloc_str(s)
    }

    /// Frees every allocation at once, keeping the largest chunk for reuse.
    /// Requires `&mut self`, so no borrow of a previous unit can survive it.
    pub fn reset(&mut self) {
        self.bump.reset();
    }

    /// Bytes currently allocated from the system for this arena's chunks.
    pub fn allocated_bytes(&self) -> usize {
        self.bump.allocated_bytes()
    }

    /// Bytes handed out since the last reset (the chunks' used parts).
    /// Needs `&mut self`: no allocation may be borrowed while it looks.
    pub fn used_bytes(&mut self) -> usize {
        self.bump.iter_allocated_chunks().map(|c| c.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reset_keeps_memory_flat() {
        let mut arena = Arena::new();
        let mut peak = 0;
        for unit in 0..1000u64 {
            for i in 0..1000u64 {
                arena.alloc(unit * i);
            }
            peak = peak.max(arena.allocated_bytes());
            arena.reset();
        }
        assert!(peak < 64 * 1024, "arena grew to {peak} bytes");
    }

    #[test]
    fn slices_are_copied_once() {
        let arena = Arena::new();
        let s = arena.alloc_slice(&[1u32, 2, 3]);
        assert_eq!(s, &[1, 2, 3]);
        assert!(arena.alloc_slice::<u32>(&[]).is_empty());
        assert_eq!(arena.alloc_str("héllo"), "héllo");
    }

    #[test]
    fn the_limit_is_reported_once_passed() {
        let mut arena = Arena::new();
        arena.alloc_slice(&[0u64; 1000]);
        assert_eq!(arena.over_limit(), None);
        arena.set_limit(Some(100_000));
        assert_eq!(arena.over_limit(), None);
        arena.alloc_slice(&[0u64; 20_000]);
        let (allocated, limit) = arena.over_limit().expect("160 KB is over 100 KB");
        assert!(allocated > 160_000);
        assert_eq!(limit, 100_000);
    }

    #[test]
    fn used_bytes_counts_allocations_since_reset() {
        let mut arena = Arena::new();
        assert_eq!(arena.used_bytes(), 0);
        arena.alloc_slice(&[0u64; 100]);
        assert!(arena.used_bytes() >= 800);
        arena.reset();
        assert_eq!(arena.used_bytes(), 0);
    }
}
