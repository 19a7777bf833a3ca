//! Printing types for messages and the REPL: [`Printer`] names variables
//! `a`, `b`, … in order of first appearance and adds the `where` clause.

use super::{Node, TyId, TypeStore, deep};

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
    /// (empty when none is constrained): the classes of inference variables
    /// and, when they print as variables too, the bounds of declared type
    /// parameters, so `fn add<T: Num>(a: T, b: T) -> T` prints as
    /// `fn(a, a) -> a where a: Num`.
    pub fn where_clause(&self, store: &mut TypeStore) -> String {
        let mut parts = Vec::new();
        for (v, n) in &self.names {
            if let Node::Var { classes, .. } | Node::Rigid { classes, .. } = store.node(*v)
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
