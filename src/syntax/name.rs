//! Interned names: one arena entry per distinct name of a unit.
//!
//! Owns [`Name`], the 8-byte handle every [`crate::syntax::ast::Ident`] and
//! variable use carries, and the per-unit [`Interner`] that hands them out.
//! A name's entry holds its text (borrowed from the source, or a static
//! placeholder such as `<error>`) and a dense per-unit symbol number, so
//! later stages can key tables by [`Name::sym`] instead of hashing text.
//!
//! The interner lives as long as one parse: symbols are per unit and
//! nothing grows across units (the arena is reset between them). This
//! module must not know about the tree's shape.

use crate::syntax::arena::Arena;
use rustc_hash::FxHasher;
use std::fmt;
use std::hash::{Hash, Hasher};

/// One distinct name of a unit, allocated in its arena.
#[derive(Debug)]
struct Entry<'a> {
    /// The name as written.
    text: &'a str,
    /// Its dense per-unit number.
    sym: u32,
}

/// An interned name: `Copy`, 8 bytes, with the text of `&'a str`.
///
/// Two names of one unit are equal exactly when their texts are; equality
/// and hashing follow the text, so a `Name` can key a map looked up by
/// `&str` (it implements `Borrow<str>`).
#[derive(Clone, Copy)]
pub struct Name<'a>(&'a Entry<'a>);

impl<'a> Name<'a> {
    /// The name's text, for the arena's lifetime.
    #[inline]
    pub fn as_str(self) -> &'a str {
        self.0.text
    }

    /// The name's dense per-unit symbol number (0, 1, 2, … in order of first
    /// occurrence; see [`Interner::len`]).
    #[inline]
    pub fn sym(self) -> u32 {
        self.0.sym
    }
}

impl std::ops::Deref for Name<'_> {
    type Target = str;
    #[inline]
    fn deref(&self) -> &str {
        self.0.text
    }
}

impl AsRef<str> for Name<'_> {
    fn as_ref(&self) -> &str {
        self.0.text
    }
}

impl std::borrow::Borrow<str> for Name<'_> {
    fn borrow(&self) -> &str {
        self.0.text
    }
}

impl fmt::Display for Name<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.0.text, f)
    }
}

impl fmt::Debug for Name<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0.text, f)
    }
}

impl PartialEq for Name<'_> {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0) || self.0.text == other.0.text
    }
}

impl Eq for Name<'_> {}

impl PartialOrd for Name<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Names order as their texts do.
impl Ord for Name<'_> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.text.cmp(other.0.text)
    }
}

impl Hash for Name<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.text.hash(state);
    }
}

impl PartialEq<str> for Name<'_> {
    fn eq(&self, other: &str) -> bool {
        self.0.text == other
    }
}

impl PartialEq<&str> for Name<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.0.text == *other
    }
}

impl PartialEq<Name<'_>> for str {
    fn eq(&self, other: &Name<'_>) -> bool {
        self == other.0.text
    }
}

impl PartialEq<Name<'_>> for &str {
    fn eq(&self, other: &Name<'_>) -> bool {
        *self == other.0.text
    }
}

/// Hands out one [`Name`] per distinct text of a unit, numbering them
/// densely. Create one per parse (symbols are per unit).
///
/// Names of one ASCII byte are found in a 128-entry array; longer ones in
/// an open-addressed table (linear probing, power-of-two size, at most
/// three quarters full) of 8-byte slots, each holding a name's position in
/// a list of the longer names and half of its hash, so a probe compares
/// text only when the half hashes match. [`Interner::warm`] reads the slots
/// of several names at once before they are interned: on a 10 MB program
/// most names are new, and waiting for their slots from memory one at a
/// time was a tenth of the parse. (Slots of 16 bytes, the name and its
/// whole hash, made the parse of that program 4 % slower.)
pub struct Interner<'a> {
    arena: &'a Arena,
    /// Names of one ASCII byte, the most frequent, indexed by that byte.
    short: [Option<Name<'a>>; 128],
    /// Every other name, in the order of first use.
    long: Vec<Name<'a>>,
    /// The table: each slot is 0 (empty) or a name's position in `long`
    /// plus one in its low 32 bits and the high 32 bits of its hash in its
    /// high bits.
    slots: Vec<u64>,
    /// Symbols handed out so far.
    count: u32,
}

/// Slots [`Interner::warm`] reads in one burst.
const WARM_BURST: usize = 32;

/// Fewest slots of the table.
const MIN_SLOTS: usize = 16;

impl<'a> Interner<'a> {
    /// An empty interner allocating its entries in `arena`.
    pub fn new(arena: &'a Arena) -> Interner<'a> {
        Interner::with_capacity(arena, 0)
    }

    /// An empty interner with room for `names` names of more than one
    /// byte before it grows.
    pub fn with_capacity(arena: &'a Arena, names: usize) -> Interner<'a> {
        // No table yet for a unit expected to have no long names (a
        // signature, a short REPL input): the first one allocates it.
        let slots = match names {
            0 => Vec::new(),
            _ => vec![0; (names + names / 3 + 1).next_power_of_two().max(MIN_SLOTS)],
        };
        Interner {
            arena,
            short: [None; 128],
            // As many as the table takes before it grows.
            long: Vec::with_capacity(slots.len() / 4 * 3),
            slots,
            count: 0,
        }
    }

    /// The name with text `text`, interned on first use.
    #[inline]
    pub fn intern(&mut self, text: &'a str) -> Name<'a> {
        self.intern_range(text, 0..text.len())
    }

    /// The name with text `src[range]`, interned on first use: the parser
    /// interns a name token's text in place. `range` must lie on character
    /// boundaries of `src`, as a token's does.
    ///
    /// Inlined for its most common case, a one-byte name seen before (no
    /// call, and no saving of registers, for each `x`); the rest is
    /// [`Interner::lookup`]. A name is compared as bytes, and its text
    /// cut out of `src` (with the boundary checks of `str` slicing) only
    /// when it is new.
    #[inline(always)]
    pub fn intern_range(&mut self, src: &'a str, range: std::ops::Range<usize>) -> Name<'a> {
        if let &[b] = &src.as_bytes()[range.clone()]
            && b < 128
            && let Some(name) = self.short[b as usize]
        {
            return name;
        }
        self.lookup(src, range)
    }

    /// [`Interner::intern_range`] of a name longer than a byte or not seen
    /// before.
    #[inline(never)]
    fn lookup(&mut self, src: &'a str, range: std::ops::Range<usize>) -> Name<'a> {
        let bytes = &src.as_bytes()[range.clone()];
        if let &[b] = bytes
            && b < 128
        {
            let name = self.fresh(&src[range]);
            self.short[b as usize] = Some(name);
            return name;
        }
        let hash = hash(bytes);
        if self.slots.is_empty() {
            return self.insert(0, hash, &src[range]);
        }
        let tag = hash & !0xffff_ffff;
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            let slot = self.slots[i];
            if slot == 0 {
                return self.insert(i, hash, &src[range]);
            }
            if slot & !0xffff_ffff == tag {
                let name = self.long[(slot as u32 - 1) as usize];
                if same(name.0.text.as_bytes(), bytes) {
                    return name;
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// Reads the slots where `names` would be found, so later
    /// [`Interner::intern`] calls find them in the cache. The slots are
    /// found first and then read in one burst, so the processor waits for
    /// all of them about as long as for one: a parser warms the names of a
    /// batch of tokens at once.
    pub fn warm<'t>(&self, names: impl Iterator<Item = &'t [u8]>) {
        let Some(mask) = self.slots.len().checked_sub(1) else {
            return;
        };
        let mut at = [0usize; WARM_BURST];
        let mut n = 0;
        for text in names {
            at[n] = hash(text) as usize & mask;
            n += 1;
            if n == WARM_BURST {
                self.read(&at);
                n = 0;
            }
        }
        self.read(&at[..n]);
    }

    /// Reads the slots at `at`.
    fn read(&self, at: &[usize]) {
        let mut seen = 0u64;
        for &i in at {
            seen ^= self.slots[i];
        }
        std::hint::black_box(seen);
    }

    /// Puts a new name for `text` at empty slot `i`, growing the table
    /// first if it would be more than three quarters full.
    #[cold]
    #[inline(never)]
    fn insert(&mut self, mut i: usize, hash: u64, text: &'a str) -> Name<'a> {
        if (self.long.len() + 1) * 4 > self.slots.len() * 3 {
            self.grow();
            i = self.free_slot(hash);
        }
        let name = self.fresh(text);
        self.long.push(name);
        self.slots[i] = (hash & !0xffff_ffff) | self.long.len() as u64;
        name
    }

    /// Doubles the table, placing every name again.
    fn grow(&mut self) {
        self.slots = vec![0; (self.slots.len() * 2).max(MIN_SLOTS)];
        for n in 0..self.long.len() {
            let h = hash(self.long[n].0.text.as_bytes());
            let i = self.free_slot(h);
            self.slots[i] = (h & !0xffff_ffff) | (n as u64 + 1);
        }
    }

    /// The first empty slot of the probe sequence of `hash` (the table is
    /// never full).
    fn free_slot(&self, hash: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        while self.slots[i] != 0 {
            i = (i + 1) & mask;
        }
        i
    }

    /// A new entry with the next symbol.
    fn fresh(&mut self, text: &'a str) -> Name<'a> {
        let sym = self.count;
        self.count += 1;
        Name(self.arena.alloc(Entry { text, sym }))
    }

    /// Number of distinct names interned (symbols are `0..len`).
    pub fn len(&self) -> u32 {
        self.count
    }

    /// True when nothing has been interned yet.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
}

/// Whether two names' texts are equal, compared in line (names are short;
/// a call to `memcmp` cost more than the comparison).
#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// The hash of a name's text; its low bits pick the slot.
#[inline]
fn hash(text: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(text);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_share_one_dense_symbol() {
        let arena = Arena::new();
        let mut names = Interner::new(&arena);
        let src = String::from("a ab a ab c");
        let words: Vec<Name> = src.split(' ').map(|w| names.intern(w)).collect();
        let syms: Vec<u32> = words.iter().map(|n| n.sym()).collect();
        assert_eq!(syms, [0, 1, 0, 1, 2]);
        assert_eq!(names.len(), 3);
        assert!(std::ptr::eq(words[1].as_str(), &src[2..4]));
        assert_eq!(words[0], words[2]);
        assert_ne!(words[0], words[1]);
        assert_eq!(words[1], "ab");
        assert!("c" == words[4]);
        assert_eq!(format!("{} {:?}", words[1], words[1]), "ab \"ab\"");
        assert!(words[1].starts_with('a'));
    }

    #[test]
    fn names_of_two_interners_compare_by_text() {
        let arena = Arena::new();
        let mut one = Interner::new(&arena);
        let mut two = Interner::new(&arena);
        assert!(two.is_empty());
        let (x, y) = (one.intern("name"), two.intern("name"));
        assert_eq!(x, y);
        let map: std::collections::HashMap<Name, u32> = [(x, 1)].into();
        assert_eq!(map.get("name"), Some(&1));
        assert_eq!(map.get(&y), Some(&1));
    }

    #[test]
    fn the_table_grows_and_warming_changes_nothing() {
        let texts: Vec<String> = (0..5000).map(|i| format!("name{i}")).collect();
        let arena = Arena::new();
        let mut names = Interner::new(&arena);
        for _ in 0..2 {
            for (i, text) in texts.iter().enumerate() {
                names.warm([text.as_bytes()].into_iter());
                let name = names.intern(text);
                assert_eq!(name.sym(), i as u32);
                assert_eq!(name, text.as_str());
            }
        }
        names.warm(texts.iter().map(|t| t.as_bytes()));
        assert_eq!(names.len(), 5000);
    }
}
