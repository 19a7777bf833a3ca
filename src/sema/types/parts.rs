//! The side tables of a [`TypeStore`] that keep [`Node`] small and `Copy`:
//! the parts of tuples, functions and declared types as ranges of one list
//! ([`Parts`]), and the names of declared type parameters ([`RigidName`]),
//! with the constructors of nodes that have parts.
//!
//! Owns those tables and their accessors. It must not unify.

use super::*;

/// The parts of a type (a tuple's elements, a function's parameters, a
/// declared type's arguments): a range of its store's part list, read with
/// [`TypeStore::parts`]. Parts take no allocation of their own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parts {
    start: u32,
    len: u32,
}

impl Parts {
    /// No parts.
    pub const EMPTY: Parts = Parts { start: 0, len: 0 };

    /// How many parts.
    pub fn len(self) -> usize {
        self.len as usize
    }

    /// True when there are none.
    pub fn is_empty(self) -> bool {
        self.len == 0
    }
}

/// The declared name of a type parameter, kept by its store
/// ([`TypeStore::rigid_name`]) so that a [`Node`] holds no pointer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RigidName(u32);

impl TypeStore {
    /// The types `p` holds.
    pub fn parts(&self, p: Parts) -> &[TyId] {
        &self.part_list[p.start as usize..(p.start + p.len) as usize]
    }

    /// Part `i` of `p`.
    #[inline]
    pub fn part(&self, p: Parts, i: usize) -> TyId {
        self.part_list[p.start as usize + i]
    }

    /// Stores `xs` as the parts of a node to be added.
    pub fn add_parts(&mut self, xs: &[TyId]) -> Parts {
        let start = self.part_list.len() as u32;
        self.part_list.extend_from_slice(xs);
        Parts {
            start,
            len: xs.len() as u32,
        }
    }

    /// Stores the scratch stack above `base` as parts, and pops it.
    pub(super) fn parts_from_stack(&mut self, base: usize) -> Parts {
        let start = self.part_list.len() as u32;
        self.part_list.extend_from_slice(&self.stack[base..]);
        let len = (self.stack.len() - base) as u32;
        self.stack.truncate(base);
        Parts { start, len }
    }

    /// `(xs…)`.
    pub fn tuple(&mut self, xs: &[TyId]) -> TyId {
        let p = self.add_parts(xs);
        self.add(Node::Tuple(p))
    }

    /// `fn(params…) -> ret`.
    pub fn func(&mut self, params: &[TyId], ret: TyId) -> TyId {
        let p = self.add_parts(params);
        self.add(Node::Fn(p, ret))
    }

    /// Declared type `def` with arguments `args`.
    pub fn named(&mut self, def: u32, args: &[TyId]) -> TyId {
        let p = self.add_parts(args);
        self.add(Node::Named(def, p))
    }

    /// A declared type parameter called `name`, with its bounds, of a
    /// function at `level`.
    pub fn rigid(&mut self, name: &str, classes: Classes, level: u32) -> TyId {
        self.rigid_named(Rc::from(name), classes, level)
    }

    /// [`TypeStore::rigid`] with the name already shared.
    pub(super) fn rigid_named(&mut self, name: Rc<str>, classes: Classes, level: u32) -> TyId {
        let n = RigidName(self.rigid_names.len() as u32);
        self.rigid_names.push(name);
        self.add(Node::Rigid {
            name: n,
            classes,
            level,
        })
    }

    /// The declared name of a type parameter.
    pub fn rigid_name(&self, n: RigidName) -> &Rc<str> {
        &self.rigid_names[n.0 as usize]
    }

    /// The upper bounds of the levels and ages of `xs`, starting from `b`.
    pub(super) fn parts_bounds(&mut self, xs: Parts, mut b: (u32, u32)) -> (u32, u32) {
        for k in 0..xs.len() {
            let (l, a) = self.bounds(self.part(xs, k));
            b = (b.0.max(l), b.1.max(a));
        }
        b
    }

    /// Whether all of `xs` were made ground.
    pub(super) fn parts_ground(&mut self, xs: Parts) -> bool {
        (0..xs.len()).all(|k| self.is_ground(self.part(xs, k)))
    }
}
