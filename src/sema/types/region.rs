//! Reclaiming the nodes of a finished stretch of inference: after a
//! unit's top-level statement, only the types of the names it defines are
//! still reachable; the rest of what inferring it made is garbage.
//!
//! [`TypeStore::begin_region`] marks the store; [`TypeStore::reclaim`] copies
//! the types still wanted (only their nodes made since the mark, each once)
//! down to the mark and frees everything above. That is sound only when no
//! node older than the mark points into the region: nodes point only at
//! older nodes when made, and the one later write of a pointer is a
//! variable's link to its binding, so the unifier notes any link from
//! below the mark to a node above it ([`TypeStore::note_link`]), and such a
//! region is kept whole. Owns the marks and the copy; it must not unify.

use super::*;

/// A point of a [`TypeStore`] to reclaim back to.
#[derive(Clone, Copy, Debug)]
pub struct Region {
    nodes: u32,
    parts: u32,
    rigid: u32,
}

/// A node of the region being reclaimed, as it will be made again: its
/// parts are a range of the reclaim's saved part list and its part ids are
/// final.
#[derive(Clone, Copy)]
enum Saved {
    /// A variable with its classes and level.
    Var(Classes, u32),
    /// A type parameter: its index in the saved names, classes and level.
    Rigid(usize, Classes, u32),
    /// `[T]`.
    List(TyId),
    /// A tuple of the saved parts `(start, len)`.
    Tuple(usize, usize),
    /// A function of the saved parts `(start, len)` and a result.
    Fn(usize, usize, TyId),
    /// A declared type of the saved parts `(start, len)`.
    Named(u32, usize, usize),
}

/// What a reclaim saves before truncating the store.
#[derive(Default)]
pub(super) struct Reclaim {
    nodes: Vec<Saved>,
    parts: Vec<TyId>,
    names: Vec<Rc<str>>,
}

impl TypeStore {
    /// Marks the store: [`TypeStore::reclaim`] can later free every node
    /// made from here on. One region at a time.
    pub fn begin_region(&mut self) -> Region {
        self.floor = self.nodes.len() as u32;
        self.escaped = false;
        Region {
            nodes: self.floor,
            parts: self.part_list.len() as u32,
            rigid: self.rigid_names.len() as u32,
        }
    }

    /// Records that node `v` now links to representative `t`: a link from
    /// below the current region into it keeps the region whole.
    #[inline]
    pub(super) fn note_link(&mut self, v: TyId, t: TyId) {
        if v.0 < self.floor && t.0 >= self.floor {
            self.escaped = true;
        }
    }

    /// Ends region `r`: when nothing older points into it, replaces each
    /// of `keep` by an equal type whose nodes are older than `r` or copies
    /// made at `r`, and frees the rest of the region. Returns false (and
    /// changes nothing) when an older node links into the region.
    pub fn reclaim(&mut self, r: Region, keep: &mut [TyId]) -> bool {
        let floor = std::mem::replace(&mut self.floor, u32::MAX);
        if self.escaped || floor != r.nodes {
            return false;
        }
        let mut saved = std::mem::take(&mut self.reclaim);
        saved.nodes.clear();
        saved.parts.clear();
        saved.names.clear();
        self.new_walk();
        if self.copies.len() < self.nodes.len() {
            self.copies.resize(self.nodes.len(), TyId(0));
        }
        for t in keep.iter_mut() {
            *t = self.save(*t, r.nodes, &mut saved);
        }
        self.nodes.truncate(r.nodes as usize);
        self.meta.truncate(r.nodes as usize);
        self.part_list.truncate(r.parts as usize);
        self.rigid_names.truncate(r.rigid as usize);
        for k in 0..saved.nodes.len() {
            let parts = |s: &mut Self, start: usize, len: usize| {
                s.add_parts(&saved.parts[start..start + len])
            };
            let made = match saved.nodes[k] {
                Saved::Var(classes, level) => self.var_with(classes, level),
                Saved::Rigid(name, classes, level) => {
                    let name = saved.names[name].clone();
                    self.rigid_named(name, classes, level)
                }
                Saved::List(x) => self.add(Node::List(x)),
                Saved::Tuple(start, len) => {
                    let p = parts(self, start, len);
                    self.add(Node::Tuple(p))
                }
                Saved::Fn(start, len, ret) => {
                    let p = parts(self, start, len);
                    self.add(Node::Fn(p, ret))
                }
                Saved::Named(d, start, len) => {
                    let p = parts(self, start, len);
                    self.add(Node::Named(d, p))
                }
            };
            debug_assert_eq!(
                made.0,
                r.nodes + k as u32,
                "each saved node is made once, in order"
            );
        }
        self.reclaim = saved;
        true
    }

    /// The id `t` will have after the reclaim of the region from `floor`:
    /// its own when older, else that of its copy, saved (after its parts)
    /// the first time the walk reaches it.
    fn save(&mut self, t: TyId, floor: u32, saved: &mut Reclaim) -> TyId {
        let t = self.find(t);
        let i = t.0 as usize;
        if t.0 < floor {
            return t;
        }
        if !self.visit(t) {
            return self.copies[i];
        }
        let node = match self.nodes[i] {
            // A variable poisoned after a class error is the error type.
            Node::Error => {
                self.copies[i] = ERROR;
                return ERROR;
            }
            Node::Var { classes, level } => Saved::Var(classes, level),
            Node::Rigid {
                name,
                classes,
                level,
            } => {
                saved.names.push(self.rigid_name(name).clone());
                Saved::Rigid(saved.names.len() - 1, classes, level)
            }
            Node::List(x) => Saved::List(deep(|| self.save(x, floor, saved))),
            Node::Tuple(xs) => {
                let (start, len) = self.save_parts(xs, floor, saved);
                Saved::Tuple(start, len)
            }
            Node::Fn(xs, r) => {
                let (start, len) = self.save_parts(xs, floor, saved);
                Saved::Fn(start, len, deep(|| self.save(r, floor, saved)))
            }
            Node::Named(d, xs) => {
                let (start, len) = self.save_parts(xs, floor, saved);
                Saved::Named(d, start, len)
            }
            Node::Link(_) | Node::Int | Node::Float | Node::Bool | Node::Str | Node::Unit => {
                unreachable!("links are followed and the types without parts are shared")
            }
        };
        let id = TyId(floor + saved.nodes.len() as u32);
        saved.nodes.push(node);
        self.copies[i] = id;
        id
    }

    /// Saves the parts `xs` (see [`TypeStore::save`]); their range in the
    /// saved part list.
    fn save_parts(&mut self, xs: Parts, floor: u32, saved: &mut Reclaim) -> (usize, usize) {
        let base = self.stack.len();
        for k in 0..xs.len() {
            let x = self.part(xs, k);
            let y = deep(|| self.save(x, floor, saved));
            self.stack.push(y);
        }
        let start = saved.parts.len();
        saved.parts.extend_from_slice(&self.stack[base..]);
        self.stack.truncate(base);
        (start, xs.len())
    }
}
