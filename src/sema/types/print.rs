//! Printing types for messages and the REPL: [`Printer`] names variables
//! `a`, `b`, … in order of first appearance and adds the `where` clause.
//! A printed type is cut after [`MAX_PRINTED`] characters with `…`: types
//! share their parts, so one written out in full can be exponentially
//! longer than the program.

use super::{Node, Parts, TyId, TypeStore, deep};
use std::fmt::Write;

/// The most characters of one printed type (before its `where` clause);
/// a longer type ends in `…` there.
pub const MAX_PRINTED: usize = 1000;

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

    /// The type as text, without a `where` clause, cut after
    /// [`MAX_PRINTED`] characters with `…`.
    pub fn ty(&mut self, store: &mut TypeStore, t: TyId) -> String {
        let mut out = String::new();
        self.write(store, t, &mut out);
        if out.len() > MAX_PRINTED {
            let mut end = MAX_PRINTED;
            while !out.is_char_boundary(end) {
                end -= 1;
            }
            out.truncate(end);
            out.push('…');
        }
        out
    }

    /// Writes `t` to `out`, stopping once `out` is longer than
    /// [`MAX_PRINTED`].
    fn write(&mut self, store: &mut TypeStore, t: TyId, out: &mut String) {
        if out.len() > MAX_PRINTED {
            return;
        }
        let t = store.find(t);
        match store.node(t) {
            Node::Var { .. } => {
                let n = self.var_name(t);
                out.push_str(&n);
            }
            Node::Rigid { .. } if self.rigid_as_var => {
                let n = self.var_name(t);
                out.push_str(&n);
            }
            Node::Rigid { name, .. } => out.push_str(store.rigid_name(name)),
            Node::Int => out.push_str("Int"),
            Node::Float => out.push_str("Float"),
            Node::Bool => out.push_str("Bool"),
            Node::Str => out.push_str("Str"),
            Node::Unit => out.push_str("()"),
            Node::Error | Node::Link(_) => out.push('_'),
            Node::List(x) => {
                out.push('[');
                deep(|| self.write(store, x, out));
                out.push(']');
            }
            Node::Tuple(xs) => {
                out.push('(');
                self.list(store, xs, out);
                out.push(')');
            }
            Node::Fn(xs, r) => {
                out.push_str("fn(");
                self.list(store, xs, out);
                out.push_str(") -> ");
                deep(|| self.write(store, r, out));
            }
            Node::Named(d, xs) => {
                let name = (self.type_names)(d);
                out.push_str(&name);
                if !xs.is_empty() {
                    out.push('<');
                    self.list(store, xs, out);
                    out.push('>');
                }
            }
        }
    }

    fn list(&mut self, store: &mut TypeStore, xs: Parts, out: &mut String) {
        for i in 0..xs.len() {
            if out.len() > MAX_PRINTED {
                return;
            }
            if i > 0 {
                out.push_str(", ");
            }
            let x = store.part(xs, i);
            deep(|| self.write(store, x, out));
        }
    }

    /// The `where a: Num, b: Eq` clause for the variables named so far
    /// (empty when none is constrained): the classes of inference variables
    /// and, when they print as variables too, the bounds of declared type
    /// parameters, so `fn add<T: Num>(a: T, b: T) -> T` prints as
    /// `fn(a, a) -> a where a: Num`.
    pub fn where_clause(&self, store: &mut TypeStore) -> String {
        let mut out = String::new();
        for (v, n) in &self.names {
            if let Node::Var { classes, .. } | Node::Rigid { classes, .. } = store.node(*v)
                && !classes.is_empty()
            {
                let sep = if out.is_empty() { " where " } else { ", " };
                let _ = write!(out, "{sep}{n}: {}", classes.names().join(" + "));
            }
        }
        out
    }

    /// The full printed form: type plus `where` clause.
    pub fn scheme(&mut self, store: &mut TypeStore, t: TyId) -> String {
        let mut s = self.ty(store, t);
        // Most types have no `where` clause: then the type is the text.
        s.push_str(&self.where_clause(store));
        s
    }
}
