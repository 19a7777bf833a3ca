//! Types: the per-unit type store with union-find unification, the four
//! constraint classes, owned schemes that outlive a unit, and printing (A3).
//!
//! Owns [`TypeStore`] (one per compilation unit: type nodes addressed by
//! [`TyId`], unified in place), [`Classes`] (`Num`, `Ord`, `Eq`, `Seq`),
//! [`SType`]/[`GScheme`] (owned, store-independent types used for the prelude,
//! user type declarations and bindings persisted across REPL inputs) and the
//! printer (`fn(a, a) -> a where a: Num`, in `print`). A node is 16 bytes
//! and `Copy`: its parts and a type parameter's name live in the store's
//! side tables (`parts`), so making a type allocates nothing of its own.
//! Class membership is in `class`, instantiation in `copy`, owned types in
//! `owned`, reclaiming the nodes of a finished top-level statement in
//! `region`. It must not walk the AST.

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

/// A node of the store: small and `Copy` (parts and names live in the
/// store's side tables).
#[derive(Clone, Copy, Debug)]
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
        name: RigidName,
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
    Tuple(Parts),
    /// `fn(T…) -> R`
    Fn(Parts, TyId),
    /// A user (or prelude) struct/enum, by declaration index, with arguments.
    Named(u32, Parts),
}

/// Why a unification failed.
#[derive(Clone, Debug)]
pub enum UnifyError {
    /// Two different type constructors.
    Mismatch,
    /// A variable would contain itself.
    Occurs,
    /// A variable from outside a generic `fn` item would stand for one of
    /// its declared type parameters (the rigid node given).
    Escape(TyId),
    /// A type is not a member of a required class.
    Class {
        /// The offending type.
        ty: TyId,
        /// The class it lacks.
        class: &'static str,
        /// For a declared type without equality: which field holds a
        /// function (see [`EqRule`]).
        why: Option<Rc<str>>,
        /// The variable that was bound to `ty` although `ty` lacks its
        /// class; once the error is reported, [`TypeStore::poison`] makes it
        /// the error type, so its other uses neither fail again nor take
        /// `ty` where a member of the class was meant.
        var: Option<TyId>,
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

/// Facts about one node of a [`TypeStore`], kept beside it.
#[derive(Clone, Copy, Default)]
struct Meta {
    /// For a variable or a declared type parameter its level; for a type
    /// built from others an upper bound of the levels of the variables and
    /// type parameters it reaches (lowered as levels are adjusted), so
    /// adjusting levels and generalising stop at nodes already low enough.
    level: u32,
    /// For a variable its age (the order it was made in, lowered to the
    /// age of any variable bound to a type containing it); for a built type
    /// an upper bound of the ages of the variables it reaches. A variable
    /// cannot occur in a type whose bound is below its own age, so the
    /// occurs check of a fresh variable against an older type is free.
    age: u32,
    /// The node contains no unbound variable. Unification only binds
    /// variables, so once true it stays true.
    var_free: bool,
    /// The node contains neither a variable nor a declared type parameter
    /// (set when it is made).
    ground: bool,
    /// The node has been shown a member of `Eq`: once true it stays true
    /// (a variable inside it carries `Eq`, checked when it is bound).
    eq_ok: bool,
}

/// The ids of the types without parts, made once per store and shared.
const INT: TyId = TyId(0);
const FLOAT: TyId = TyId(1);
const BOOL: TyId = TyId(2);
const STR: TyId = TyId(3);
const UNIT: TyId = TyId(4);
const ERROR: TyId = TyId(5);

/// The most type nodes instantiating one generic type may make (the
/// type-size budget, E0510): where let-polymorphism makes types
/// exponential in the size of the program, checking stops here instead of
/// running out of time or memory.
pub const MAX_INSTANCE_NODES: usize = 100_000;

/// The most type nodes all the instantiations of one compilation unit may
/// make together, beyond [`UNIT_INSTANCE_NODES_PER_SYNTAX_NODE`] per
/// syntax node (the unit's type-size budget, E0510): without it, each of
/// a thousand uses of a generic value just under [`MAX_INSTANCE_NODES`]
/// made its own copy (5 KB of source took 12 s and 3.9 GB).
pub const MAX_UNIT_INSTANCE_NODES: usize = 1_000_000;

/// Type nodes the unit's budget grows by per syntax node: more than ten
/// times what the instantiations of the most generic of the repository's
/// programs make (0.3 per syntax node; the 10 MB benchmark program makes
/// none), so an ordinary program of any size stays far below it.
pub const UNIT_INSTANCE_NODES_PER_SYNTAX_NODE: usize = 4;

/// The unit type-size budget of a unit of `syntax_nodes` nodes.
pub fn unit_instance_budget(syntax_nodes: u32) -> usize {
    MAX_UNIT_INSTANCE_NODES + UNIT_INSTANCE_NODES_PER_SYNTAX_NODE * syntax_nodes as usize
}

/// The type nodes of one compilation unit.
///
/// Types are shared, never copied by size: a node refers to its parts by
/// [`TyId`], every walk over a type visits each node once (a type written
/// as a tree can be exponentially larger than its nodes), and instantiating
/// a scheme copies only the nodes that reach one of its quantified
/// variables.
pub struct TypeStore {
    nodes: Vec<Node>,
    meta: Vec<Meta>,
    /// The parts of every tuple, function and declared type, each node's a
    /// range ([`Parts`]).
    part_list: Vec<TyId>,
    /// The names of declared type parameters, by [`RigidName`].
    rigid_names: Vec<Rc<str>>,
    /// Scratch for part lists being built by a recursion (each call pushes
    /// above the length it found and truncates back to it).
    stack: Vec<TyId>,
    /// Scratch for [`TypeStore::instantiate_g`]'s fresh variables.
    inst_vars: Vec<TyId>,
    /// When each declared type has equality, by declaration index.
    eq_rules: Vec<EqRule>,
    /// `mark[i] == epoch`: node `i` was visited by the current walk.
    mark: Vec<u32>,
    epoch: u32,
    /// Per node, for the current walk: its copy (instantiation) or its
    /// size as a tree.
    copies: Vec<TyId>,
    /// Nodes the unifier, the occurs check, level adjustment,
    /// instantiation and the walks for free variables visited (for tests
    /// that show they stay linear).
    steps: u64,
    /// Nodes the unit's instantiations may still make (see
    /// [`TypeStore::set_instance_room`]).
    instance_room: usize,
    /// The first node of the open region (`u32::MAX`: none; see
    /// `region`).
    floor: u32,
    /// An older node was linked into the open region.
    escaped: bool,
    /// Scratch of [`TypeStore::reclaim`].
    reclaim: region::Reclaim,
}

impl Default for TypeStore {
    fn default() -> TypeStore {
        TypeStore::new()
    }
}

impl TypeStore {
    /// Sets the equality rule of declaration `def` (the checker does this for
    /// every declaration before types refer to it).
    /// The rules are kept across [`TypeStore::reset`] and copied only
    /// when they change.
    pub fn set_eq_rule(&mut self, def: u32, rule: &EqRule) {
        let d = def as usize;
        if self.eq_rules.len() <= d {
            self.eq_rules.resize(d + 1, EqRule::default());
        }
        if self.eq_rules[d] != *rule {
            self.eq_rules[d].clone_from(rule);
        }
    }

    /// An empty store (holding only the shared types without parts).
    pub fn new() -> TypeStore {
        let mut s = TypeStore {
            nodes: Vec::new(),
            meta: Vec::new(),
            part_list: Vec::new(),
            rigid_names: Vec::new(),
            stack: Vec::new(),
            inst_vars: Vec::new(),
            eq_rules: Vec::new(),
            mark: Vec::new(),
            epoch: 0,
            copies: Vec::new(),
            steps: 0,
            instance_room: usize::MAX,
            floor: u32::MAX,
            escaped: false,
            reclaim: region::Reclaim::default(),
        };
        s.reset();
        s
    }

    /// Empties the store for another unit, keeping its allocations (and
    /// the equality rules, which the next unit sets again).
    pub fn reset(&mut self) {
        self.nodes.clear();
        self.meta.clear();
        self.part_list.clear();
        self.rigid_names.clear();
        self.stack.clear();
        self.mark.clear();
        self.copies.clear();
        self.epoch = 0;
        self.steps = 0;
        self.instance_room = usize::MAX;
        self.floor = u32::MAX;
        for n in [
            Node::Int,
            Node::Float,
            Node::Bool,
            Node::Str,
            Node::Unit,
            Node::Error,
        ] {
            self.push(
                n,
                Meta {
                    var_free: true,
                    ground: true,
                    ..Meta::default()
                },
            );
        }
    }

    /// How many nodes the store holds.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Never true: the store always holds the shared types without parts.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Lets the instantiations of the unit checked next make at most
    /// `nodes` type nodes together ([`TypeStore::copy_with`] fails past
    /// it); a new store has no limit.
    pub fn set_instance_room(&mut self, nodes: usize) {
        self.instance_room = nodes;
    }

    /// Nodes visited so far by unification, the occurs check, level
    /// adjustment, instantiation (of schemes and of declared types) and
    /// the walks for free variables.
    pub fn steps(&self) -> u64 {
        self.steps
    }

    fn push(&mut self, n: Node, m: Meta) -> TyId {
        self.nodes.push(n);
        self.meta.push(m);
        TyId(self.nodes.len() as u32 - 1)
    }

    /// The level and age bounds of `t`'s representative.
    fn bounds(&mut self, t: TyId) -> (u32, u32) {
        let r = self.find(t);
        let m = self.meta[r.0 as usize];
        (m.level, m.age)
    }

    /// Adds a node (the types without parts are shared: adding `Int` gives
    /// the store's one `Int`).
    pub fn add(&mut self, n: Node) -> TyId {
        let (level, age) = match &n {
            Node::Int => return INT,
            Node::Float => return FLOAT,
            Node::Bool => return BOOL,
            Node::Str => return STR,
            Node::Unit => return UNIT,
            Node::Error => return ERROR,
            Node::Var { level, .. } => {
                let age = self.nodes.len() as u32;
                let level = *level;
                return self.push(
                    n,
                    Meta {
                        level,
                        age,
                        ..Meta::default()
                    },
                );
            }
            Node::Rigid { level, .. } => (*level, 0),
            Node::Link(_) => (0, 0),
            Node::List(x) => self.bounds(*x),
            Node::Tuple(xs) | Node::Named(_, xs) => self.parts_bounds(*xs, (0, 0)),
            Node::Fn(xs, r) => {
                let b = self.bounds(*r);
                self.parts_bounds(*xs, b)
            }
        };
        let var_free = matches!(n, Node::Rigid { .. }) || age == 0;
        let ground = match n {
            Node::List(x) => self.is_ground(x),
            Node::Tuple(xs) | Node::Named(_, xs) => self.parts_ground(xs),
            Node::Fn(xs, r) => self.is_ground(r) && self.parts_ground(xs),
            _ => false,
        };
        self.push(
            n,
            Meta {
                level,
                age,
                var_free,
                ground,
                eq_ok: false,
            },
        )
    }

    /// Whether `t` was made without variables or type parameters.
    fn is_ground(&mut self, t: TyId) -> bool {
        let r = self.find(t);
        self.meta[r.0 as usize].ground
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
        self.nodes[r.0 as usize]
    }

    /// Starts a walk that visits each node once (see [`TypeStore::visit`]).
    fn new_walk(&mut self) {
        self.epoch = self.epoch.wrapping_add(1);
        if self.epoch == 0 {
            self.mark.iter_mut().for_each(|m| *m = 0);
            self.epoch = 1;
        }
        if self.mark.len() < self.nodes.len() {
            self.mark.resize(self.nodes.len(), 0);
        }
    }

    /// True the first time the current walk reaches `t`.
    fn visit(&mut self, t: TyId) -> bool {
        let i = t.0 as usize;
        if i >= self.mark.len() {
            self.mark.resize(self.nodes.len().max(i + 1), 0);
        }
        if self.mark[i] == self.epoch {
            false
        } else {
            self.mark[i] = self.epoch;
            true
        }
    }

    /// Unifies `a` and `b`.
    pub fn unify(&mut self, a: TyId, b: TyId) -> Result<(), UnifyError> {
        self.steps += 1;
        let a = self.find(a);
        let b = self.find(b);
        if a == b {
            return Ok(());
        }
        let na = self.nodes[a.0 as usize];
        let nb = self.nodes[b.0 as usize];
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
                self.note_link(a, b);
                self.nodes[a.0 as usize] = Node::Link(b);
                self.nodes[b.0 as usize] = Node::Var {
                    classes: ca.with(cb),
                    level: la.min(lb),
                };
                let (ma, mb) = (self.meta[a.0 as usize], self.meta[b.0 as usize]);
                let m = &mut self.meta[b.0 as usize];
                m.level = la.min(lb);
                m.age = ma.age.min(mb.age);
                m.eq_ok = false;
                Ok(())
            }
            (Node::Var { classes, level }, _) => self.bind(a, b, classes, level),
            (_, Node::Var { classes, level }) => self.bind(b, a, classes, level),
            (Node::Int, Node::Int)
            | (Node::Float, Node::Float)
            | (Node::Bool, Node::Bool)
            | (Node::Str, Node::Str)
            | (Node::Unit, Node::Unit) => Ok(()),
            (Node::List(x), Node::List(y)) => {
                deep(|| self.unify(x, y))?;
                self.share(a, b);
                Ok(())
            }
            (Node::Tuple(xs), Node::Tuple(ys)) if xs.len() == ys.len() => {
                self.unify_parts(xs, ys)?;
                self.share(a, b);
                Ok(())
            }
            (Node::Fn(xs, xr), Node::Fn(ys, yr)) if xs.len() == ys.len() => {
                self.unify_parts(xs, ys)?;
                deep(|| self.unify(xr, yr))?;
                self.share(a, b);
                Ok(())
            }
            (Node::Named(d1, xs), Node::Named(d2, ys)) if d1 == d2 => {
                self.unify_parts(xs, ys)?;
                self.share(a, b);
                Ok(())
            }
            _ => Err(UnifyError::Mismatch),
        }
    }

    /// After two nodes with parts unified: the younger links to the older,
    /// so the pair is never unified part by part again. Two equal types
    /// built apart share their repeated parts, so their trees can be
    /// exponentially larger than their nodes (`(a39, a39)` against
    /// `(b39, b39)`, 40 levels deep); each pair of nodes is unified once,
    /// however often it recurs. The older node's bounds still hold for
    /// the type both now stand for: unification only binds its variables
    /// or lowers their levels and ages.
    fn share(&mut self, a: TyId, b: TyId) {
        let (a, b) = (self.find(a), self.find(b));
        if a == b {
            return;
        }
        let (young, old) = if a.0 > b.0 { (a, b) } else { (b, a) };
        self.note_link(young, old);
        self.nodes[young.0 as usize] = Node::Link(old);
    }

    /// Unifies the parts of two nodes pairwise.
    fn unify_parts(&mut self, xs: Parts, ys: Parts) -> Result<(), UnifyError> {
        for k in 0..xs.len().min(ys.len()) {
            let (x, y) = (self.part(xs, k), self.part(ys, k));
            deep(|| self.unify(x, y))?;
        }
        Ok(())
    }

    /// Binds variable `v` (with `classes`, `level`) to the non-variable `t`.
    fn bind(&mut self, v: TyId, t: TyId, classes: Classes, level: u32) -> Result<(), UnifyError> {
        // A type without variables can neither contain `v` nor need its
        // levels lowered; one whose variables are all older than `v` cannot
        // contain it.
        let Meta {
            var_free,
            ground,
            age: t_age,
            ..
        } = self.meta[t.0 as usize];
        let age = self.meta[v.0 as usize].age;
        if !var_free && t_age >= age {
            self.new_walk();
            if self.occurs(v, age, t) {
                return Err(UnifyError::Occurs);
            }
        }
        // A type with type parameters but no variables needs no levels
        // lowered, but must not hold a parameter younger than `v`.
        if !ground {
            self.adjust(t, level, age).map_err(UnifyError::Escape)?;
        }
        self.note_link(v, t);
        self.nodes[v.0 as usize] = Node::Link(t);
        // Bound even when `t` lacks a class: the caller reports that once
        // (printing `v` as `t`), then poisons `v` (see `UnifyError::Class`).
        match self.constrain(t, classes) {
            Err(UnifyError::Class { ty, class, why, .. }) => Err(UnifyError::Class {
                ty,
                class,
                why,
                var: Some(v),
            }),
            other => other,
        }
    }

    /// Makes `v` the error type (after a class error about it was
    /// reported), so that it unifies with anything from now on.
    pub fn poison(&mut self, v: TyId) {
        self.nodes[v.0 as usize] = Node::Error;
        self.meta[v.0 as usize].var_free = true;
    }

    /// Whether `v` (of age `age`) occurs in `t`: skips nodes already
    /// visited, without variables, or whose variables are all older.
    fn occurs(&mut self, v: TyId, age: u32, t: TyId) -> bool {
        let t = self.find(t);
        if t == v {
            return true;
        }
        let m = self.meta[t.0 as usize];
        if m.var_free || m.age < age || !self.visit(t) {
            return false;
        }
        self.steps += 1;
        let in_parts = |s: &mut Self, xs: Parts| {
            (0..xs.len()).any(|k| {
                let x = s.part(xs, k);
                deep(|| s.occurs(v, age, x))
            })
        };
        match self.nodes[t.0 as usize] {
            Node::List(x) => deep(|| self.occurs(v, age, x)),
            Node::Tuple(xs) | Node::Named(_, xs) => in_parts(self, xs),
            Node::Fn(xs, r) => in_parts(self, xs) || deep(|| self.occurs(v, age, r)),
            _ => false,
        }
    }

    /// Lowers the levels in `t` to at most `level` and the ages to at most
    /// `age` (after binding a variable of that level and age to `t`),
    /// descending only into nodes whose bounds are higher, as OCaml's
    /// `update_level` stops at nodes already low enough.
    ///
    /// Fails with the first declared type parameter found above `level`:
    /// a variable of that level cannot stand for it (it would escape the
    /// `fn` item that declares it). A node's bounds are lowered once its
    /// parts are done, so a failure leaves every bound true.
    fn adjust(&mut self, t: TyId, level: u32, age: u32) -> Result<(), TyId> {
        let t = self.find(t);
        let m = self.meta[t.0 as usize];
        if m.ground || (m.level <= level && (m.var_free || m.age <= age)) {
            return Ok(());
        }
        self.steps += 1;
        let in_parts = |s: &mut Self, xs: Parts| {
            for k in 0..xs.len() {
                let x = s.part(xs, k);
                deep(|| s.adjust(x, level, age))?;
            }
            Ok(())
        };
        match self.nodes[t.0 as usize] {
            // Its level is its bound, above `level`.
            Node::Rigid { .. } => return Err(t),
            Node::Var { classes, level: l } if l > level => {
                self.nodes[t.0 as usize] = Node::Var { classes, level };
            }
            Node::List(x) => deep(|| self.adjust(x, level, age))?,
            Node::Tuple(xs) | Node::Named(_, xs) => in_parts(self, xs)?,
            Node::Fn(xs, r) => {
                in_parts(self, xs)?;
                deep(|| self.adjust(r, level, age))?;
            }
            _ => {}
        }
        let mm = &mut self.meta[t.0 as usize];
        mm.level = mm.level.min(level);
        mm.age = mm.age.min(age);
        Ok(())
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

mod class;
mod copy;
mod free;
mod owned;
mod parts;
mod print;
mod region;
pub use copy::TooLarge;
pub use parts::{Parts, RigidName};
pub use print::{MAX_PRINTED, Printer};
pub use region::Region;

#[cfg(test)]
mod tests;
