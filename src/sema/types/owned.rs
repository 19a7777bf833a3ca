//! Converting between the store's types and owned ones ([`SType`],
//! [`GScheme`]): declarations and prelude signatures in, REPL globals out.
//!
//! Owns those conversions only. It must not unify.

use super::*;

impl TypeStore {
    /// Builds store nodes for `s`, with `vars` for `SType::Var` and `params`
    /// for `SType::Param`.
    pub fn from_stype(&mut self, s: &SType, vars: &[TyId], params: &[TyId]) -> TyId {
        self.steps += 1;
        match s {
            SType::Var(i) => vars
                .get(*i as usize)
                .copied()
                .unwrap_or_else(|| self.add(Node::Error)),
            SType::Param(i) => params
                .get(*i as usize)
                .copied()
                .unwrap_or_else(|| self.add(Node::Error)),
            SType::Int => self.add(Node::Int),
            SType::Float => self.add(Node::Float),
            SType::Bool => self.add(Node::Bool),
            SType::Str => self.add(Node::Str),
            SType::Unit => self.add(Node::Unit),
            SType::Error => self.add(Node::Error),
            SType::List(x) => {
                let x = deep(|| self.from_stype(x, vars, params));
                self.add(Node::List(x))
            }
            SType::Tuple(xs) => {
                let ys = self.parts_from_stypes(xs, vars, params);
                self.add(Node::Tuple(ys))
            }
            SType::Fn(xs, r) => {
                let ys = self.parts_from_stypes(xs, vars, params);
                let r = self.from_stype(r, vars, params);
                self.add(Node::Fn(ys, r))
            }
            SType::Named(d, xs) => {
                let ys = self.parts_from_stypes(xs, vars, params);
                self.add(Node::Named(*d, ys))
            }
        }
    }

    /// [`TypeStore::from_stype`] of each of `xs`, as parts (built on the
    /// scratch stack).
    fn parts_from_stypes(&mut self, xs: &[SType], vars: &[TyId], params: &[TyId]) -> Parts {
        let base = self.stack.len();
        for x in xs {
            let y = deep(|| self.from_stype(x, vars, params));
            self.stack.push(y);
        }
        self.parts_from_stack(base)
    }

    /// Instantiates an owned scheme with fresh variables at `level`.
    pub fn instantiate_g(&mut self, g: &GScheme, level: u32) -> TyId {
        // The list of fresh variables is the store's, reused.
        let mut vars = std::mem::take(&mut self.inst_vars);
        vars.clear();
        vars.extend(g.classes.iter().map(|c| self.var_with(*c, level)));
        let t = self.from_stype(&g.ty, &vars, &[]);
        self.inst_vars = vars;
        t
    }

    /// Converts `t` to an owned scheme, quantifying over every free variable
    /// and rigid parameter.
    pub fn to_gscheme(&mut self, t: TyId) -> GScheme {
        let mut fv = Vec::new();
        self.free_vars(t, &mut fv);
        let classes = fv
            .iter()
            .map(|v| match self.node(*v) {
                Node::Var { classes, .. } | Node::Rigid { classes, .. } => classes,
                _ => Classes::NONE,
            })
            .collect();
        let ty = self.owned_type(t, &fv);
        GScheme { classes, ty }
    }

    fn owned_type(&mut self, t: TyId, fv: &[TyId]) -> SType {
        let t = self.find(t);
        let many = |s: &mut Self, xs: Parts| -> Vec<SType> {
            (0..xs.len())
                .map(|k| {
                    let x = s.part(xs, k);
                    deep(|| s.owned_type(x, fv))
                })
                .collect()
        };
        match self.nodes[t.0 as usize] {
            Node::Var { .. } | Node::Rigid { .. } => {
                SType::Var(fv.iter().position(|v| *v == t).unwrap_or(0) as u32)
            }
            Node::Int => SType::Int,
            Node::Float => SType::Float,
            Node::Bool => SType::Bool,
            Node::Str => SType::Str,
            Node::Unit => SType::Unit,
            Node::Error | Node::Link(_) => SType::Error,
            Node::List(x) => SType::List(Box::new(deep(|| self.owned_type(x, fv)))),
            Node::Tuple(xs) => SType::Tuple(many(self, xs)),
            Node::Fn(xs, r) => SType::Fn(many(self, xs), Box::new(self.owned_type(r, fv))),
            Node::Named(d, xs) => SType::Named(d, many(self, xs)),
        }
    }
}
