//! The walks for the variables of a type: those generalising at a level
//! quantifies, and all of them.
//!
//! Owns [`TypeStore::vars_above`] and [`TypeStore::free_vars`]; both visit
//! a node once per walk. It must not unify or make nodes.

use super::*;

impl TypeStore {
    /// The variables and declared type parameters in `t` above `level`
    /// (representatives), in order of first appearance, each once: what
    /// generalising `t` at `level` quantifies. Skips every node whose
    /// level bound is at most `level`, so generalising a large type from
    /// outside (a parameter's, in each of many `let`s) costs nothing.
    pub fn vars_above(&mut self, t: TyId, level: u32, out: &mut Vec<TyId>) {
        self.new_walk();
        // Levels are bounded by the nesting limit, far below `u32::MAX`.
        self.vars_in(t, level + 1, out);
    }

    /// The variables and rigid parameters in `t` (representatives), in order
    /// of first appearance, each once.
    pub fn free_vars(&mut self, t: TyId, out: &mut Vec<TyId>) {
        self.new_walk();
        self.vars_in(t, 0, out);
    }

    /// The walk of both: the variables and parameters of level `floor` or
    /// more (all of them for 0).
    fn vars_in(&mut self, t: TyId, floor: u32, out: &mut Vec<TyId>) {
        let t = self.find(t);
        let m = self.meta[t.0 as usize];
        if m.ground || m.level < floor || !self.visit(t) {
            return;
        }
        self.steps += 1;
        let in_parts = |s: &mut Self, xs: Parts, out: &mut Vec<TyId>| {
            for k in 0..xs.len() {
                let x = s.part(xs, k);
                deep(|| s.vars_in(x, floor, out));
            }
        };
        match self.nodes[t.0 as usize] {
            Node::Var { .. } | Node::Rigid { .. } => out.push(t),
            Node::List(x) => deep(|| self.vars_in(x, floor, out)),
            Node::Tuple(xs) | Node::Named(_, xs) => in_parts(self, xs, out),
            Node::Fn(xs, r) => {
                in_parts(self, xs, out);
                deep(|| self.vars_in(r, floor, out));
            }
            _ => {}
        }
    }
}
