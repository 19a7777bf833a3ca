//! Copying types for instantiation, and measuring a type written out.
//!
//! Owns [`TypeStore::copy_with`] (a generic type's instance: only the parts
//! that reach its quantified variables are copied, each once, under the
//! type-size budget) and [`TypeStore::tree_size`]. It must not unify.

use super::*;

/// Instantiating a generic type would go over a type-size budget.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TooLarge {
    /// This instance would need more than [`MAX_INSTANCE_NODES`] nodes.
    Instance,
    /// The unit's instances together would need more nodes than
    /// [`TypeStore::set_instance_room`] left.
    Unit,
}

impl TypeStore {
    /// A copy of `t` in which each of `vars` (parts of this store) is
    /// replaced by the node at the same index of `fresh`: only nodes that reach one of `vars` are
    /// copied, each once, and nodes without variables or type parameters
    /// are not even visited. Fails once the copy needs more than
    /// [`MAX_INSTANCE_NODES`] new nodes (`fresh` included), or more than
    /// the unit's instances may still make; what a copy made counts
    /// against the unit either way.
    pub fn copy_with(&mut self, t: TyId, vars: Parts, fresh: &[TyId]) -> Result<TyId, TooLarge> {
        self.new_walk();
        if self.copies.len() < self.nodes.len() {
            self.copies.resize(self.nodes.len(), TyId(0));
        }
        for (k, f) in fresh.iter().enumerate().take(vars.len()) {
            let v = self.find(self.part(vars, k));
            self.visit(v);
            self.copies[v.0 as usize] = *f;
        }
        // The fresh variables count as made: a use of a value with 2^n
        // variables makes them all.
        let mut made = fresh.len().min(vars.len());
        let base = self.stack.len();
        let copied = self.copy_in(t, &mut made);
        // A copy over the budget stops partway, leaving its parts stacked.
        self.stack.truncate(base);
        self.instance_room = self.instance_room.saturating_sub(made);
        copied
    }

    fn copy_in(&mut self, t: TyId, made: &mut usize) -> Result<TyId, TooLarge> {
        let t = self.find(t);
        let i = t.0 as usize;
        if self.meta[i].ground {
            return Ok(t);
        }
        if !self.visit(t) {
            return Ok(self.copies[i]);
        }
        self.steps += 1;
        let copied = match self.nodes[i] {
            Node::List(x) => {
                let y = deep(|| self.copy_in(x, made))?;
                (y != x).then_some(Node::List(y))
            }
            Node::Tuple(xs) => self.copy_parts(xs, made)?.map(Node::Tuple),
            Node::Named(d, xs) => self.copy_parts(xs, made)?.map(|ys| Node::Named(d, ys)),
            Node::Fn(xs, r) => {
                let r2 = deep(|| self.copy_in(r, made))?;
                match self.copy_parts(xs, made)? {
                    Some(ys) => Some(Node::Fn(ys, r2)),
                    None if r2 != r => Some(Node::Fn(xs, r2)),
                    None => None,
                }
            }
            _ => None,
        };
        let out = match copied {
            Some(n) => {
                *made += 1;
                if *made > self.instance_room {
                    return Err(TooLarge::Unit);
                }
                if *made > MAX_INSTANCE_NODES {
                    return Err(TooLarge::Instance);
                }
                self.add(n)
            }
            None => t,
        };
        if self.copies.len() <= i {
            self.copies.resize(i + 1, TyId(0));
        }
        self.copies[i] = out;
        Ok(out)
    }

    /// Copies of `xs` if any of them changed (built on the scratch stack).
    fn copy_parts(&mut self, xs: Parts, made: &mut usize) -> Result<Option<Parts>, TooLarge> {
        let base = self.stack.len();
        let mut changed = false;
        for k in 0..xs.len() {
            let x = self.part(xs, k);
            let y = deep(|| self.copy_in(x, made))?;
            changed |= y != x;
            self.stack.push(y);
        }
        if changed {
            Ok(Some(self.parts_from_stack(base)))
        } else {
            self.stack.truncate(base);
            Ok(None)
        }
    }

    /// How many nodes `t` would take written out as a tree (as an owned
    /// [`SType`]), saturating at `cap`.
    pub fn tree_size(&mut self, t: TyId, cap: u64) -> u64 {
        self.new_walk();
        if self.copies.len() < self.nodes.len() {
            self.copies.resize(self.nodes.len(), TyId(0));
        }
        self.tree_size_in(t, cap.min(u64::from(u32::MAX)))
    }

    fn tree_size_in(&mut self, t: TyId, cap: u64) -> u64 {
        let t = self.find(t);
        let i = t.0 as usize;
        if !self.visit(t) {
            return u64::from(self.copies[i].0);
        }
        // The parts in order, then the element or result type.
        let (parts, last) = match self.nodes[i] {
            Node::List(x) => (Parts::EMPTY, Some(x)),
            Node::Tuple(xs) | Node::Named(_, xs) => (xs, None),
            Node::Fn(xs, r) => (xs, Some(r)),
            _ => (Parts::EMPTY, None),
        };
        let mut n = 1u64;
        let mut add = |s: &mut Self, x: TyId| {
            n = n.saturating_add(deep(|| s.tree_size_in(x, cap))).min(cap);
        };
        for k in 0..parts.len() {
            let x = self.part(parts, k);
            add(self, x);
        }
        if let Some(x) = last {
            add(self, x);
        }
        self.copies[i] = TyId(n as u32);
        n
    }
}
