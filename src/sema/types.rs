//! Types: the per-unit type store with union-find unification, the four
//! constraint classes, owned schemes that outlive a unit, and printing (A3).
//!
//! Owns [`TypeStore`] (one per compilation unit: type nodes addressed by
//! [`TyId`], unified in place), [`Classes`] (`Num`, `Ord`, `Eq`, `Seq`),
//! [`SType`]/[`GScheme`] (owned, store-independent types used for the prelude,
//! user type declarations and bindings persisted across REPL inputs) and the
//! printer (`fn(a, a) -> a where a: Num`). It must not walk the AST.

use std::collections::HashMap;
use std::rc::Rc;

/// Runs a step of a recursion over type structure, growing the native stack
/// when it runs low (types can be nested as deeply as the source is).
#[inline]
fn deep<T>(f: impl FnOnce() -> T) -> T {
    stacker::maybe_grow(64 * 1024, 1024 * 1024, f)
}

/// A type node in a [`TypeStore`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TyId(pub u32);

/// A set of constraint classes on a type variable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Classes(pub u8);

impl Classes {
    /// No constraint.
    pub const NONE: Classes = Classes(0);
    /// `Num`: Int, Float.
    pub const NUM: Classes = Classes(1);
    /// `Ord`: Int, Float, Str.
    pub const ORD: Classes = Classes(2);
    /// `Eq`: everything but functions, structurally.
    pub const EQ: Classes = Classes(4);
    /// `Seq`: Str and lists.
    pub const SEQ: Classes = Classes(8);

    /// Union of two sets.
    pub fn with(self, other: Classes) -> Classes {
        Classes(self.0 | other.0)
    }

    /// True when every class of `other` is in `self`.
    pub fn contains(self, other: Classes) -> bool {
        self.0 & other.0 == other.0
    }

    /// True for the empty set.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The class names in the set, in the order Num, Ord, Eq, Seq.
    pub fn names(self) -> Vec<&'static str> {
        let mut v = Vec::new();
        for (c, n) in [
            (Classes::NUM, "Num"),
            (Classes::ORD, "Ord"),
            (Classes::EQ, "Eq"),
            (Classes::SEQ, "Seq"),
        ] {
            if self.contains(c) {
                v.push(n);
            }
        }
        v
    }

    /// The class with this name.
    pub fn from_name(name: &str) -> Option<Classes> {
        Some(match name {
            "Num" => Classes::NUM,
            "Ord" => Classes::ORD,
            "Eq" => Classes::EQ,
            "Seq" => Classes::SEQ,
            _ => return None,
        })
    }
}

/// A node of the store.
#[derive(Clone, Debug)]
pub enum Node {
    /// Unified with another node.
    Link(TyId),
    /// An unbound type variable with its classes and let-level.
    Var {
        /// Constraint classes.
        classes: Classes,
        /// Generalisation level (Rémy).
        level: u32,
    },
    /// A declared (rigid) type parameter: unifies only with itself.
    Rigid {
        /// Its declared name.
        name: Rc<str>,
        /// Its declared bounds.
        classes: Classes,
        /// Level of the function that declares it.
        level: u32,
    },
    /// `Int`
    Int,
    /// `Float`
    Float,
    /// `Bool`
    Bool,
    /// `Str`
    Str,
    /// `()`
    Unit,
    /// The type of an erroneous expression: unifies with anything.
    Error,
    /// `[T]`
    List(TyId),
    /// `(T1, T2, …)`
    Tuple(Rc<[TyId]>),
    /// `fn(T…) -> R`
    Fn(Rc<[TyId]>, TyId),
    /// A user (or prelude) struct/enum, by declaration index, with arguments.
    Named(u32, Rc<[TyId]>),
}

/// Why a unification failed.
#[derive(Clone, Debug)]
pub enum UnifyError {
    /// Two different type constructors.
    Mismatch,
    /// A variable would contain itself.
    Occurs,
    /// A type is not a member of a required class.
    Class {
        /// The offending type.
        ty: TyId,
        /// The class it lacks.
        class: &'static str,
        /// For a declared type without equality: which field holds a
        /// function (see [`EqRule`]).
        why: Option<Rc<str>>,
    },
}

/// When values of a declared type have equality (`Eq`), decided from its
/// fields' types (spec A3: structural through enums and structs); the
/// checker settles it per declaration (`sema::decls::settle_eq_rules`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EqRule {
    /// `needs[i]`: type argument `i` must itself have equality, because some
    /// field holds it. A parameter no field uses (a phantom) needs nothing.
    pub needs: Vec<bool>,
    /// Set when no instance has equality: which field holds a function,
    /// e.g. "the field `f` of `P` holds a function".
    pub never: Option<Rc<str>>,
}

/// The type nodes of one compilation unit.
#[derive(Default)]
pub struct TypeStore {
    nodes: Vec<Node>,
    /// `var_free[i]`: node `i` is known to contain no unbound variable.
    /// Unification only ever binds variables, so once true it stays true;
    /// it lets [`TypeStore::bind`] skip the occurs check and the level
    /// adjustment, which would otherwise walk a deep type (a list nested
    /// 10,000 times) once per level, quadratically.
    var_free: Vec<bool>,
    /// When each declared type has equality, by declaration index.
    eq_rules: Vec<EqRule>,
}

impl TypeStore {
    /// Sets the equality rule of declaration `def` (the checker does this for
    /// every declaration before types refer to it).
    pub fn set_eq_rule(&mut self, def: u32, rule: EqRule) {
        let d = def as usize;
        if self.eq_rules.len() <= d {
            self.eq_rules.resize(d + 1, EqRule::default());
        }
        self.eq_rules[d] = rule;
    }

    /// An empty store.
    pub fn new() -> TypeStore {
        TypeStore::default()
    }

    /// Adds a node.
    pub fn add(&mut self, n: Node) -> TyId {
        self.nodes.push(n);
        self.var_free.push(false);
        TyId(self.nodes.len() as u32 - 1)
    }

    /// A fresh unconstrained variable at `level`.
    pub fn var(&mut self, level: u32) -> TyId {
        self.add(Node::Var {
            classes: Classes::NONE,
            level,
        })
    }

    /// A fresh variable with classes.
    pub fn var_with(&mut self, classes: Classes, level: u32) -> TyId {
        self.add(Node::Var { classes, level })
    }

    /// Follows links to the representative node (with path compression).
    pub fn find(&mut self, t: TyId) -> TyId {
        let mut root = t;
        while let Node::Link(next) = self.nodes[root.0 as usize] {
            root = next;
        }
        let mut cur = t;
        while let Node::Link(next) = self.nodes[cur.0 as usize] {
            self.nodes[cur.0 as usize] = Node::Link(root);
            cur = next;
        }
        root
    }

    /// The representative node of `t`.
    pub fn node(&mut self, t: TyId) -> Node {
        let r = self.find(t);
        self.nodes[r.0 as usize].clone()
    }

    /// Unifies `a` and `b`.
    pub fn unify(&mut self, a: TyId, b: TyId) -> Result<(), UnifyError> {
        let a = self.find(a);
        let b = self.find(b);
        if a == b {
            return Ok(());
        }
        let na = self.nodes[a.0 as usize].clone();
        let nb = self.nodes[b.0 as usize].clone();
        match (na, nb) {
            (Node::Error, _) | (_, Node::Error) => Ok(()),
            (
                Node::Var {
                    classes: ca,
                    level: la,
                },
                Node::Var {
                    classes: cb,
                    level: lb,
                },
            ) => {
                self.nodes[a.0 as usize] = Node::Link(b);
                self.nodes[b.0 as usize] = Node::Var {
                    classes: ca.with(cb),
                    level: la.min(lb),
                };
                Ok(())
            }
            (Node::Var { classes, level }, _) => self.bind(a, b, classes, level),
            (_, Node::Var { classes, level }) => self.bind(b, a, classes, level),
            (Node::Int, Node::Int)
            | (Node::Float, Node::Float)
            | (Node::Bool, Node::Bool)
            | (Node::Str, Node::Str)
            | (Node::Unit, Node::Unit) => Ok(()),
            (Node::List(x), Node::List(y)) => deep(|| self.unify(x, y)),
            (Node::Tuple(xs), Node::Tuple(ys)) if xs.len() == ys.len() => {
                for (x, y) in xs.iter().zip(ys.iter()) {
                    deep(|| self.unify(*x, *y))?;
                }
                Ok(())
            }
            (Node::Fn(xs, xr), Node::Fn(ys, yr)) if xs.len() == ys.len() => {
                for (x, y) in xs.iter().zip(ys.iter()) {
                    deep(|| self.unify(*x, *y))?;
                }
                self.unify(xr, yr)
            }
            (Node::Named(d1, xs), Node::Named(d2, ys)) if d1 == d2 => {
                for (x, y) in xs.iter().zip(ys.iter()) {
                    deep(|| self.unify(*x, *y))?;
                }
                Ok(())
            }
            _ => Err(UnifyError::Mismatch),
        }
    }

    /// Binds variable `v` (with `classes`, `level`) to the non-variable `t`.
    fn bind(&mut self, v: TyId, t: TyId, classes: Classes, level: u32) -> Result<(), UnifyError> {
        // A type without variables can neither contain `v` nor need its
        // levels lowered.
        let var_free = self.is_var_free(t);
        if !var_free && self.occurs(v, t) {
            return Err(UnifyError::Occurs);
        }
        if !var_free {
            self.adjust_levels(t, level);
        }
        self.nodes[v.0 as usize] = Node::Link(t);
        // Bound even when `t` lacks a class: the caller reports that once,
        // and later uses of `v` see `t` instead of failing again.
        self.constrain(t, classes)
    }

    /// Whether `t` contains no unbound variable (memoised in `var_free`).
    fn is_var_free(&mut self, t: TyId) -> bool {
        let t = self.find(t);
        if self.var_free[t.0 as usize] {
            return true;
        }
        let free = match self.nodes[t.0 as usize].clone() {
            Node::Var { .. } | Node::Link(_) => false,
            Node::List(x) => deep(|| self.is_var_free(x)),
            Node::Tuple(xs) | Node::Named(_, xs) => xs.iter().all(|x| self.is_var_free(*x)),
            Node::Fn(xs, r) => xs.iter().all(|x| self.is_var_free(*x)) && self.is_var_free(r),
            Node::Rigid { .. }
            | Node::Int
            | Node::Float
            | Node::Bool
            | Node::Str
            | Node::Unit
            | Node::Error => true,
        };
        self.var_free[t.0 as usize] = free;
        free
    }

    fn occurs(&mut self, v: TyId, t: TyId) -> bool {
        let t = self.find(t);
        if t == v {
            return true;
        }
        match self.nodes[t.0 as usize].clone() {
            Node::List(x) => deep(|| self.occurs(v, x)),
            Node::Tuple(xs) | Node::Named(_, xs) => xs.iter().any(|x| self.occurs(v, *x)),
            Node::Fn(xs, r) => xs.iter().any(|x| self.occurs(v, *x)) || self.occurs(v, r),
            _ => false,
        }
    }

    fn adjust_levels(&mut self, t: TyId, level: u32) {
        let t = self.find(t);
        match self.nodes[t.0 as usize].clone() {
            Node::Var { classes, level: l } if l > level => {
                self.nodes[t.0 as usize] = Node::Var { classes, level };
            }
            Node::List(x) => deep(|| self.adjust_levels(x, level)),
            Node::Tuple(xs) | Node::Named(_, xs) => {
                for x in xs.iter() {
                    self.adjust_levels(*x, level);
                }
            }
            Node::Fn(xs, r) => {
                for x in xs.iter() {
                    self.adjust_levels(*x, level);
                }
                self.adjust_levels(r, level);
            }
            _ => {}
        }
    }

    /// Requires `t` to be a member of every class in `classes`.
    pub fn constrain(&mut self, t: TyId, classes: Classes) -> Result<(), UnifyError> {
        if classes.is_empty() {
            return Ok(());
        }
        let t = self.find(t);
        let fail = |class: &'static str| {
            Err(UnifyError::Class {
                ty: t,
                class,
                why: None,
            })
        };
        match self.nodes[t.0 as usize].clone() {
            Node::Var { classes: c, level } => {
                self.nodes[t.0 as usize] = Node::Var {
                    classes: c.with(classes),
                    level,
                };
                Ok(())
            }
            Node::Rigid { classes: c, .. } => {
                for (cl, name) in [
                    (Classes::NUM, "Num"),
                    (Classes::ORD, "Ord"),
                    (Classes::EQ, "Eq"),
                    (Classes::SEQ, "Seq"),
                ] {
                    if classes.contains(cl) && !c.contains(cl) {
                        return fail(name);
                    }
                }
                Ok(())
            }
            Node::Error => Ok(()),
            node => {
                if classes.contains(Classes::NUM) && !matches!(node, Node::Int | Node::Float) {
                    return fail("Num");
                }
                if classes.contains(Classes::ORD)
                    && !matches!(node, Node::Int | Node::Float | Node::Str)
                {
                    return fail("Ord");
                }
                if classes.contains(Classes::SEQ) && !matches!(node, Node::Str | Node::List(_)) {
                    return fail("Seq");
                }
                if classes.contains(Classes::EQ) {
                    match node {
                        Node::Fn(..) => return fail("Eq"),
                        Node::List(x) => deep(|| self.constrain(x, Classes::EQ))?,
                        Node::Tuple(xs) => {
                            for x in xs.iter() {
                                self.constrain(*x, Classes::EQ)?;
                            }
                        }
                        Node::Named(d, xs) => {
                            // Structural: the fields decide, through the
                            // declaration's rule (phantom parameters need
                            // nothing; a field holding a function, nothing
                            // helps).
                            let rule = self.eq_rules.get(d as usize).cloned().unwrap_or_default();
                            if let Some(why) = rule.never {
                                return Err(UnifyError::Class {
                                    ty: t,
                                    class: "Eq",
                                    why: Some(why),
                                });
                            }
                            for (x, needed) in xs.iter().zip(rule.needs.iter()) {
                                if *needed {
                                    self.constrain(*x, Classes::EQ)?;
                                }
                            }
                        }
                        _ => {}
                    }
                }
                Ok(())
            }
        }
    }

    /// The variables and rigid parameters in `t` (representatives), in order
    /// of first appearance.
    pub fn free_vars(&mut self, t: TyId, out: &mut Vec<TyId>) {
        let t = self.find(t);
        match self.nodes[t.0 as usize].clone() {
            Node::Var { .. } | Node::Rigid { .. } if !out.contains(&t) => {
                out.push(t);
            }
            Node::List(x) => deep(|| self.free_vars(x, out)),
            Node::Tuple(xs) | Node::Named(_, xs) => {
                for x in xs.iter() {
                    self.free_vars(*x, out);
                }
            }
            Node::Fn(xs, r) => {
                for x in xs.iter() {
                    self.free_vars(*x, out);
                }
                self.free_vars(r, out);
            }
            _ => {}
        }
    }

    /// Copies `t`, replacing the nodes in `map` (used to instantiate).
    pub fn copy_with(&mut self, t: TyId, map: &HashMap<TyId, TyId>) -> TyId {
        let t = self.find(t);
        if let Some(n) = map.get(&t) {
            return *n;
        }
        match self.nodes[t.0 as usize].clone() {
            Node::List(x) => {
                let x2 = deep(|| self.copy_with(x, map));
                if x2 == x { t } else { self.add(Node::List(x2)) }
            }
            Node::Tuple(xs) => {
                let ys: Vec<TyId> = xs.iter().map(|x| self.copy_with(*x, map)).collect();
                self.add(Node::Tuple(ys.into()))
            }
            Node::Named(d, xs) => {
                if xs.is_empty() {
                    return t;
                }
                let ys: Vec<TyId> = xs.iter().map(|x| self.copy_with(*x, map)).collect();
                self.add(Node::Named(d, ys.into()))
            }
            Node::Fn(xs, r) => {
                let ys: Vec<TyId> = xs.iter().map(|x| self.copy_with(*x, map)).collect();
                let r2 = self.copy_with(r, map);
                self.add(Node::Fn(ys.into(), r2))
            }
            _ => t,
        }
    }
}

/// An owned type, independent of any store: the prelude's signatures, user
/// declarations' field types (`Param`) and persisted schemes (`Var`).
#[derive(Clone, Debug, PartialEq)]
pub enum SType {
    /// Quantified variable `i` of a scheme.
    Var(u32),
    /// Type parameter `i` of a declaration.
    Param(u32),
    /// `Int`
    Int,
    /// `Float`
    Float,
    /// `Bool`
    Bool,
    /// `Str`
    Str,
    /// `()`
    Unit,
    /// Error type.
    Error,
    /// `[T]`
    List(Box<SType>),
    /// Tuple.
    Tuple(Vec<SType>),
    /// Function.
    Fn(Vec<SType>, Box<SType>),
    /// Declared type by index, with arguments.
    Named(u32, Vec<SType>),
}

/// An owned type scheme: `∀ vars. ty` with classes per variable.
#[derive(Clone, Debug)]
pub struct GScheme {
    /// Classes of each quantified variable (index = `SType::Var`).
    pub classes: Vec<Classes>,
    /// The type.
    pub ty: SType,
}

impl TypeStore {
    /// Builds store nodes for `s`, with `vars` for `SType::Var` and `params`
    /// for `SType::Param`.
    pub fn from_stype(&mut self, s: &SType, vars: &[TyId], params: &[TyId]) -> TyId {
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
                let ys: Vec<TyId> = xs
                    .iter()
                    .map(|x| self.from_stype(x, vars, params))
                    .collect();
                self.add(Node::Tuple(ys.into()))
            }
            SType::Fn(xs, r) => {
                let ys: Vec<TyId> = xs
                    .iter()
                    .map(|x| self.from_stype(x, vars, params))
                    .collect();
                let r = self.from_stype(r, vars, params);
                self.add(Node::Fn(ys.into(), r))
            }
            SType::Named(d, xs) => {
                let ys: Vec<TyId> = xs
                    .iter()
                    .map(|x| self.from_stype(x, vars, params))
                    .collect();
                self.add(Node::Named(*d, ys.into()))
            }
        }
    }

    /// Instantiates an owned scheme with fresh variables at `level`.
    pub fn instantiate_g(&mut self, g: &GScheme, level: u32) -> TyId {
        let vars: Vec<TyId> = g.classes.iter().map(|c| self.var_with(*c, level)).collect();
        self.from_stype(&g.ty, &vars, &[])
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
        match self.nodes[t.0 as usize].clone() {
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
            Node::Tuple(xs) => SType::Tuple(xs.iter().map(|x| self.owned_type(*x, fv)).collect()),
            Node::Fn(xs, r) => SType::Fn(
                xs.iter().map(|x| self.owned_type(*x, fv)).collect(),
                Box::new(self.owned_type(r, fv)),
            ),
            Node::Named(d, xs) => {
                SType::Named(d, xs.iter().map(|x| self.owned_type(*x, fv)).collect())
            }
        }
    }
}

/// Prints types with variables named `a`, `b`, … in order of first
/// appearance, sharing names across several types of one message.
pub struct Printer<'n> {
    names: Vec<(TyId, String)>,
    /// Print declared type parameters as ordinary variables (`a`), for
    /// finished schemes; inside a function body they print as declared (`T`).
    pub rigid_as_var: bool,
    /// Names of declared types, by declaration index.
    pub type_names: &'n dyn Fn(u32) -> String,
}

impl<'n> Printer<'n> {
    /// A printer using `type_names` for declared types.
    pub fn new(type_names: &'n dyn Fn(u32) -> String) -> Printer<'n> {
        Printer {
            names: Vec::new(),
            rigid_as_var: false,
            type_names,
        }
    }

    fn var_name(&mut self, t: TyId) -> String {
        if let Some((_, n)) = self.names.iter().find(|(v, _)| *v == t) {
            return n.clone();
        }
        let i = self.names.len();
        let n = if i < 26 {
            ((b'a' + i as u8) as char).to_string()
        } else {
            format!("t{i}")
        };
        self.names.push((t, n.clone()));
        n
    }

    /// The type as text, without a `where` clause.
    pub fn ty(&mut self, store: &mut TypeStore, t: TyId) -> String {
        let t = store.find(t);
        match store.node(t) {
            Node::Var { .. } => self.var_name(t),
            Node::Rigid { .. } if self.rigid_as_var => self.var_name(t),
            Node::Rigid { name, .. } => name.to_string(),
            Node::Int => "Int".into(),
            Node::Float => "Float".into(),
            Node::Bool => "Bool".into(),
            Node::Str => "Str".into(),
            Node::Unit => "()".into(),
            Node::Error | Node::Link(_) => "_".into(),
            Node::List(x) => format!("[{}]", deep(|| self.ty(store, x))),
            Node::Tuple(xs) => {
                let parts: Vec<String> = xs.iter().map(|x| self.ty(store, *x)).collect();
                format!("({})", parts.join(", "))
            }
            Node::Fn(xs, r) => {
                let parts: Vec<String> = xs.iter().map(|x| self.ty(store, *x)).collect();
                format!("fn({}) -> {}", parts.join(", "), self.ty(store, r))
            }
            Node::Named(d, xs) => {
                let name = (self.type_names)(d);
                if xs.is_empty() {
                    name
                } else {
                    let parts: Vec<String> = xs.iter().map(|x| self.ty(store, *x)).collect();
                    format!("{name}<{}>", parts.join(", "))
                }
            }
        }
    }

    /// The `where a: Num, b: Eq` clause for the variables named so far
    /// (empty when none is constrained).
    pub fn where_clause(&self, store: &mut TypeStore) -> String {
        let mut parts = Vec::new();
        for (v, n) in &self.names {
            if let Node::Var { classes, .. } = store.node(*v)
                && !classes.is_empty()
            {
                parts.push(format!("{n}: {}", classes.names().join(" + ")));
            }
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!(" where {}", parts.join(", "))
        }
    }

    /// The full printed form: type plus `where` clause.
    pub fn scheme(&mut self, store: &mut TypeStore, t: TyId) -> String {
        let s = self.ty(store, t);
        format!("{s}{}", self.where_clause(store))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_names(_: u32) -> String {
        "T".into()
    }

    #[test]
    fn unify_and_print() {
        let mut s = TypeStore::new();
        let a = s.var_with(Classes::NUM, 1);
        let f = s.add(Node::Fn(vec![a, a].into(), a));
        let mut p = Printer::new(&no_names);
        assert_eq!(p.scheme(&mut s, f), "fn(a, a) -> a where a: Num");
        let i = s.add(Node::Int);
        s.unify(a, i).unwrap();
        let mut p = Printer::new(&no_names);
        assert_eq!(p.scheme(&mut s, f), "fn(Int, Int) -> Int");
    }

    #[test]
    fn classes_are_checked() {
        let mut s = TypeStore::new();
        let a = s.var_with(Classes::NUM, 1);
        let b = s.add(Node::Bool);
        assert!(matches!(
            s.unify(a, b),
            Err(UnifyError::Class { class: "Num", .. })
        ));
        let e = s.var_with(Classes::EQ, 1);
        let x = s.var(1);
        let f = s.add(Node::Fn(vec![x].into(), x));
        assert!(s.unify(e, f).is_err());
        let q = s.var_with(Classes::EQ, 1);
        let y = s.var(1);
        let l = s.add(Node::List(y));
        s.unify(q, l).unwrap();
        let fy = s.add(Node::Fn(vec![].into(), y));
        assert!(
            s.unify(y, fy).is_err(),
            "Eq propagated into the list element"
        );
    }

    #[test]
    fn occurs_check() {
        let mut s = TypeStore::new();
        let a = s.var(1);
        let f = s.add(Node::Fn(vec![a].into(), a));
        assert!(matches!(s.unify(a, f), Err(UnifyError::Occurs)));
    }

    #[test]
    fn owned_schemes_round_trip() {
        let mut s = TypeStore::new();
        let a = s.var_with(Classes::ORD, 1);
        let l = s.add(Node::List(a));
        let f = s.add(Node::Fn(vec![l].into(), l));
        let g = s.to_gscheme(f);
        let mut s2 = TypeStore::new();
        let t = s2.instantiate_g(&g, 0);
        let mut p = Printer::new(&no_names);
        assert_eq!(p.scheme(&mut s2, t), "fn([a]) -> [a] where a: Ord");
    }
}
