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
        self.vars_above_in(t, level, out);
    }

    fn vars_above_in(&mut self, t: TyId, level: u32, out: &mut Vec<TyId>) {
        let t = self.find(t);
        let m = self.meta[t.0 as usize];
        if m.ground || m.level <= level || !self.visit(t) {
            return;
        }
        self.steps += 1;
        let in_parts = |s: &mut Self, xs: Parts, out: &mut Vec<TyId>| {
            for k in 0..xs.len() {
                let x = s.part(xs, k);
                deep(|| s.vars_above_in(x, level, out));
            }
        };
        match self.nodes[t.0 as usize] {
            Node::Var { .. } | Node::Rigid { .. } => out.push(t),
            Node::List(x) => deep(|| self.vars_above_in(x, level, out)),
            Node::Tuple(xs) | Node::Named(_, xs) => in_parts(self, xs, out),
            Node::Fn(xs, r) => {
                in_parts(self, xs, out);
                deep(|| self.vars_above_in(r, level, out));
            }
            _ => {}
        }
    }

    /// The variables and rigid parameters in `t` (representatives), in order
    /// of first appearance, each once.
    pub fn free_vars(&mut self, t: TyId, out: &mut Vec<TyId>) {
        self.new_walk();
        self.free_vars_in(t, out);
    }

    fn free_vars_in(&mut self, t: TyId, out: &mut Vec<TyId>) {
        let t = self.find(t);
        if self.meta[t.0 as usize].ground || !self.visit(t) {
            return;
        }
        self.steps += 1;
        let in_parts = |s: &mut Self, xs: Parts, out: &mut Vec<TyId>| {
            for k in 0..xs.len() {
                let x = s.part(xs, k);
                deep(|| s.free_vars_in(x, out));
            }
        };
        match self.nodes[t.0 as usize] {
            Node::Var { .. } | Node::Rigid { .. } => out.push(t),
            Node::List(x) => deep(|| self.free_vars_in(x, out)),
            Node::Tuple(xs) | Node::Named(_, xs) => in_parts(self, xs, out),
            Node::Fn(xs, r) => {
                in_parts(self, xs, out);
                deep(|| self.free_vars_in(r, out));
            }
            _ => {}
        }
    }
}
