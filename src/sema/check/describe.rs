//! Telling the reader which thing a diagnostic means: where the unit's
//! types are declared ([`Origin`]), how two types that print alike differ
//! (a struct redefined in the REPL, a user `Option` beside the prelude's, a
//! type parameter `T` of an inner and of an outer function), how to build a
//! value of a type named where a value was expected, and how to call a
//! function held in a struct field.
//!
//! It only describes; the diagnostics themselves are built by `diagnose`
//! and the construct checks. It must not walk the AST or bind names.

use super::codes;
use super::cx::Cx;
use crate::diag::{self, Diagnostic};
use crate::sema::decls::DefKind;
use crate::sema::types::{Node, TyId};
use crate::span::Span;
use crate::syntax::ast::{Ident, MethodCall};
use std::collections::HashSet;
use std::rc::Rc;

/// The unit being checked: its name (a file name, `<eval>`, `<repl:N>`;
/// empty when the caller gave none) and its source text.
pub(super) struct Origin<'a> {
    /// Shown before the line and column of a declaration.
    pub(super) name: Rc<str>,
    /// The text the unit's spans index into.
    pub(super) source: &'a str,
    /// Its line starts, found on the first [`Origin::site`] (once per unit,
    /// not once per declaration).
    lines: std::cell::OnceCell<diag::LineIndex<'a>>,
}

impl<'a> Origin<'a> {
    /// An origin naming `name`, over `source`.
    pub(super) fn new(name: &str, source: &'a str) -> Origin<'a> {
        Origin {
            name: Rc::from(name),
            source,
            lines: std::cell::OnceCell::new(),
        }
    }

    /// Where `span` starts, as `NAME:LINE:COLUMN` (`LINE:COLUMN` without a
    /// name), the form of a diagnostic's location line.
    pub(super) fn site(&self, span: Span) -> Rc<str> {
        let lines = self.lines.get_or_init(|| diag::LineIndex::new(self.source));
        let p = lines.position(span.start);
        let (line, col) = (p.line, p.column);
        if self.name.is_empty() {
            Rc::from(format!("{line}:{col}"))
        } else {
            Rc::from(format!("{}:{line}:{col}", self.name))
        }
    }

    /// The source text of `span`, if the span lies in the source.
    pub(super) fn text(&self, span: Span) -> Option<&'a str> {
        self.source.get(span.range())
    }
}

/// One of two types that print alike, told apart.
enum Twin {
    /// A declaration, by index.
    Def(u32),
    /// A declared type parameter, with the level of its function.
    Param(Rc<str>, u32),
}

impl Cx<'_, '_> {
    /// When `expected` and `found` contain, at the same place, two
    /// different declarations or type parameters with one name (so that
    /// printing alone cannot tell them apart), what to add after each
    /// printed type: `(defined at <repl:3>:1:8)`, `(`P` from the prelude)`,
    /// `(of the inner `fn`)`.
    pub(super) fn tell_apart(&mut self, expected: TyId, found: TyId) -> Option<(String, String)> {
        let mut work = vec![(expected, found)];
        // Types share parts (a DAG): each pair of parts is looked at once.
        let mut seen = HashSet::new();
        let mut whole = true;
        while let Some((a, b)) = work.pop() {
            if !seen.insert((self.store.find(a), self.store.find(b))) {
                continue;
            }
            let (x, y) = (self.store.node(a), self.store.node(b));
            let twins = match (x, y) {
                (Node::Named(d, xs), Node::Named(e, ys)) if d == e => {
                    let pairs = self.store.parts(xs).iter().zip(self.store.parts(ys));
                    work.extend(pairs.map(|(x, y)| (*x, *y)));
                    None
                }
                (Node::Named(d, _), Node::Named(e, _))
                    if self.defs[d as usize].name == self.defs[e as usize].name =>
                {
                    Some((Twin::Def(d), Twin::Def(e)))
                }
                (
                    Node::Rigid {
                        name: m, level: l, ..
                    },
                    Node::Rigid {
                        name: n, level: k, ..
                    },
                ) if self.store.rigid_name(m) == self.store.rigid_name(n)
                    && self.store.find(a) != self.store.find(b) =>
                {
                    let (m, n) = (self.store.rigid_name(m), self.store.rigid_name(n));
                    Some((Twin::Param(m.clone(), l), Twin::Param(n.clone(), k)))
                }
                (Node::List(x), Node::List(y)) => {
                    work.push((x, y));
                    None
                }
                (Node::Tuple(xs), Node::Tuple(ys)) if xs.len() == ys.len() => {
                    let pairs = self.store.parts(xs).iter().zip(self.store.parts(ys));
                    work.extend(pairs.map(|(x, y)| (*x, *y)));
                    None
                }
                (Node::Fn(xs, r), Node::Fn(ys, q)) if xs.len() == ys.len() => {
                    work.push((r, q));
                    let pairs = self.store.parts(xs).iter().zip(self.store.parts(ys));
                    work.extend(pairs.map(|(x, y)| (*x, *y)));
                    None
                }
                _ => None,
            };
            if let Some((p, q)) = twins {
                let (lp, lq) = match (&p, &q) {
                    (Twin::Param(_, l), Twin::Param(_, k)) => (l > k, k > l),
                    _ => (false, false),
                };
                return Some((self.twin_text(&p, whole, lp), self.twin_text(&q, whole, lq)));
            }
            whole = false;
        }
        None
    }

    /// The note after a printed type naming twin `t`; `whole` when `t` is
    /// the whole type printed, `inner` for the type parameter of the more
    /// deeply nested function.
    fn twin_text(&self, t: &Twin, whole: bool, inner: bool) -> String {
        let (name, what) = match t {
            Twin::Def(d) => {
                let def = &self.defs[*d as usize];
                let what = match &def.site {
                    Some(site) => format!("defined at {site}"),
                    None => "from the prelude".to_string(),
                };
                (def.name.clone(), what)
            }
            Twin::Param(name, _) => {
                let which = if inner { "inner" } else { "outer" };
                (name.clone(), format!("of the {which} `fn`"))
            }
        };
        if whole {
            format!(" ({what})")
        } else {
            format!(" (`{name}` {what})")
        }
    }

    /// The error for the type name `ident` (declaration `def`) used as a
    /// value, with how to build a value of it: a struct literal naming its
    /// fields, or one of the enum's variants.
    pub(super) fn type_as_value(&self, ident: &Ident, def: u32) -> Diagnostic {
        let name = ident.name;
        let help = match &self.defs[def as usize].kind {
            DefKind::Struct(fields) => {
                let fs: Vec<String> = fields.iter().map(|(n, _)| format!("{n}: …")).collect();
                if fs.is_empty() {
                    format!("build a struct value with `{name} {{}}`")
                } else {
                    format!("build a struct value with `{name} {{ {} }}`", fs.join(", "))
                }
            }
            DefKind::Enum(variants) => {
                let vs: Vec<String> = variants
                    .iter()
                    .map(|(v, fields)| {
                        if fields.is_empty() {
                            format!("`{v}`")
                        } else {
                            format!("`{v}(…)`")
                        }
                    })
                    .collect();
                let list = match vs.split_last() {
                    Some((last, rest)) if !rest.is_empty() => {
                        format!("{} or {last}", rest.join(", "))
                    }
                    _ => vs.join(""),
                };
                format!("a value of the enum `{name}` is one of its variants: {list}")
            }
        };
        Diagnostic::error(
            codes::UNKNOWN_CTOR,
            format!("`{name}` is a type, not a value"),
            ident.span,
        )
        .with_help(help)
    }

    /// For method call `m` whose method is no function in scope: if the
    /// receiver (of type `recv`) is a struct with a field of that name
    /// holding a function, how to call it (`(s.f)(1)`).
    pub(super) fn field_call_help(&mut self, recv: TyId, m: &MethodCall) -> Option<String> {
        let Node::Named(d, args) = self.store.node(recv) else {
            return None;
        };
        let args = self.store.parts(args).to_vec();
        let fields = self.struct_fields(d, &args);
        let (_, ft) = fields.iter().find(|(n, _)| **n == m.method.name)?;
        if !matches!(self.store.node(*ft), Node::Fn(..) | Node::Var { .. }) {
            return None;
        }
        let receiver = self.origin.text(m.receiver.span).unwrap_or("x");
        let args = match (m.args.first(), m.args.last()) {
            (Some(a), Some(b)) => self.origin.text(a.span.to(b.span)).unwrap_or("…"),
            _ => "",
        };
        let ty = self.print(recv);
        let f = m.method.name;
        Some(format!(
            "`{f}` is a field of `{ty}`, not a method; to call the function it holds, write `({receiver}.{f})({args})`"
        ))
    }
}
