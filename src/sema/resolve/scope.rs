//! The scopes of the walk: one [`Namespace`] each for values, types and
//! constructors, and the `did you mean` search ([`suggest`]) over the names
//! in scope.
//!
//! A namespace maps each name to its innermost binding, with an undo log so
//! that leaving a scope pops back to a [`Mark`] in O(bindings popped). It
//! also keeps the head of the chain of every binding in scope (innermost
//! first, through [`Binding::prev`](super::Binding::prev)), so a later pass
//! can list the names visible at a point recorded during the walk. This
//! module must not walk the AST.

use super::BindingId;
use rustc_hash::FxHashMap;

/// A name as a namespace key: a name of up to seven bytes is packed into
/// one word (compared and hashed without reading the source text again),
/// a longer one is its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Key<'a> {
    /// The bytes of a short name, its length in the last byte.
    Short(u64),
    /// A name of eight bytes or more.
    Long(&'a str),
}

impl<'a> Key<'a> {
    /// The key of `name`.
    #[inline]
    pub(super) fn new(name: &'a str) -> Key<'a> {
        let bytes = name.as_bytes();
        if bytes.len() < 8 {
            let mut word = [0u8; 8];
            word[..bytes.len()].copy_from_slice(bytes);
            word[7] = bytes.len() as u8;
            Key::Short(u64::from_le_bytes(word))
        } else {
            Key::Long(name)
        }
    }
}

/// A point to pop a namespace back to.
#[derive(Clone, Copy)]
pub(super) struct Mark {
    log: usize,
    head: BindingId,
}

/// One namespace of the walk: innermost binding of each name in scope.
pub(super) struct Namespace<'a> {
    /// Innermost binding of each name in scope.
    map: FxHashMap<Key<'a>, BindingId>,
    /// Declarations in order, with the binding each one hid (`NONE`: none).
    log: Vec<(BindingId, BindingId)>,
    /// The binding declared last among those in scope.
    pub(super) head: BindingId,
}

impl<'a> Namespace<'a> {
    /// An empty namespace whose chain continues at `head`.
    pub(super) fn new(head: BindingId) -> Namespace<'a> {
        Namespace {
            map: FxHashMap::default(),
            log: Vec::new(),
            head,
        }
    }

    /// The innermost binding of `name`, if one is in scope.
    #[inline]
    pub(super) fn get(&self, name: Key<'a>) -> Option<BindingId> {
        self.map.get(&name).copied()
    }

    /// A mark to pop back to with [`Namespace::pop_to`].
    pub(super) fn mark(&self) -> Mark {
        Mark {
            log: self.log.len(),
            head: self.head,
        }
    }

    /// Puts `b` in scope as `name`; returns the previous chain head and the
    /// binding `b` hides, if any.
    pub(super) fn declare(
        &mut self,
        name: Key<'a>,
        b: BindingId,
    ) -> (BindingId, Option<BindingId>) {
        let hidden = self.map.insert(name, b);
        self.log.push((b, hidden.unwrap_or(BindingId::NONE)));
        let prev = std::mem::replace(&mut self.head, b);
        (prev, hidden)
    }

    /// Takes out of scope everything declared since `mark`; `key_of` gives
    /// the key each binding was declared under.
    pub(super) fn pop_to(&mut self, mark: Mark, key_of: &impl Fn(BindingId) -> Key<'a>) {
        while self.log.len() > mark.log {
            let (b, hidden) = self.log.pop().expect("log is longer than the mark");
            let name = key_of(b);
            if hidden.is_some() {
                self.map.insert(name, hidden);
            } else {
                self.map.remove(&name);
            }
        }
        self.head = mark.head;
    }
}

/// The closest candidate for `did you mean`: the rule of
/// `docs/guide/errors.md` is a Damerau–Levenshtein distance of at most a
/// third of the name's length, rounded down, so a name of one or two
/// characters gets no suggestion (any other short name would be one edit
/// away). Ties go to the alphabetically first candidate; never the name
/// itself.
pub fn suggest<'s>(name: &str, candidates: impl Iterator<Item = &'s str>) -> Option<&'s str> {
    let len = name.chars().count();
    let max = len / 3;
    if max == 0 {
        return None;
    }
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        // The distance is at least the difference in length: skip the
        // quadratic computation when that alone is too much.
        if c == name || c.chars().count().abs_diff(len) > max {
            continue;
        }
        let d = strsim::damerau_levenshtein(name, c);
        if d <= max && best.is_none_or(|(bd, bc)| d < bd || (d == bd && c < bc)) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}
