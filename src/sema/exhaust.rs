//! Exhaustiveness and usefulness of `match` arms (B), by Maranget's
//! algorithm ("Warnings for pattern matching", 2007), as rustc and OCaml do.
//!
//! Owns the pattern matrix: patterns are deconstructed into constructors
//! (Bool, `()`, tuples, list lengths, enum variants, structs, literals) and
//! the classic `U(P, q)` recursion over specialised and default matrices
//! decides whether a row is useful. A `match` whose wildcard row is still
//! useful after all arms is non-exhaustive (an error naming a witness such
//! as ``Node(_, _, _)``); an arm that is useless after the arms before it is
//! unreachable (a warning). Guarded arms never count as covering (they are
//! conservative), and Int, Float and Str have infinitely many constructors,
//! so they need a catch-all. This module must not infer types: it reads the
//! scrutinee's type, the declarations and what constructor names resolved
//! to through `ExhaustCx`, the narrow view of the checker it owns and the
//! checker implements; it imports nothing from the checker.

use crate::diag::Diagnostic;
use crate::sema::decls::{DefKind, TypeDef};
use crate::sema::types::{Node, TyId};
use crate::span::Span;
use crate::syntax::ast::{Ident, Match, PatKind, Pattern};

/// Code for a `match` that does not cover every value.
pub const NON_EXHAUSTIVE: &str = "E0301";
/// Code for an arm that can never match.
pub const UNREACHABLE: &str = "W0301";

#[derive(Clone, Debug, PartialEq)]
enum Ctor {
    Bool(bool),
    Unit,
    Tuple(usize),
    /// A list of exactly this length (`rest`: this length or longer).
    List {
        len: usize,
        rest: bool,
    },
    Variant(u32),
    Struct,
    Int(i64),
    Float(u64),
    Str(String),
}

#[derive(Clone, Debug)]
enum Pat {
    Wild,
    Ctor(Ctor, Vec<Pat>),
    Or(Vec<Pat>),
}

/// What the algorithm needs from the type checker: resolved types,
/// declarations, what constructor and struct names resolved to, and a sink
/// for its diagnostics. The functions here are generic over it, so calls
/// are statically dispatched.
pub(crate) trait ExhaustCx {
    /// The resolved node of `t`.
    fn node_of(&mut self, t: TyId) -> Node;
    /// Declaration `d`.
    fn def(&self, d: u32) -> &TypeDef;
    /// The field types of variant `vi` of enum `d` (of struct `d`: its
    /// fields), instantiated with `args`.
    fn variant_fields(&mut self, d: u32, vi: usize, args: &[TyId]) -> Vec<TyId>;
    /// The declaration and variant index of the constructor `name` names.
    fn variant_index(&self, name: &Ident) -> Option<(u32, u32)>;
    /// The field names, in declaration order, of the struct `name` names.
    fn struct_field_names(&self, name: &Ident) -> Option<Vec<String>>;
    /// Reports a diagnostic.
    fn report(&mut self, d: Diagnostic);
}

fn lower<C: ExhaustCx>(cx: &C, p: &Pattern) -> Pat {
    match p.kind {
        PatKind::Wild | PatKind::Bind(_) | PatKind::Error => Pat::Wild,
        PatKind::Int(i) => Pat::Ctor(Ctor::Int(i), vec![]),
        PatKind::Float(f) => Pat::Ctor(Ctor::Float(f.to_bits()), vec![]),
        PatKind::Bool(b) => Pat::Ctor(Ctor::Bool(b), vec![]),
        PatKind::Str(s) => Pat::Ctor(Ctor::Str(s.value.to_string()), vec![]),
        PatKind::Unit => Pat::Ctor(Ctor::Unit, vec![]),
        PatKind::Tuple(l) => Pat::Ctor(
            Ctor::Tuple(l.items.len()),
            l.items.iter().map(|q| lower(cx, q)).collect(),
        ),
        PatKind::Or(l) => Pat::Or(l.items.iter().map(|q| lower(cx, q)).collect()),
        PatKind::List(l) => Pat::Ctor(
            Ctor::List {
                len: l.items.len(),
                rest: l.rest.is_some(),
            },
            l.items.iter().map(|q| lower(cx, q)).collect(),
        ),
        PatKind::Ctor(c) => match cx.variant_index(c.name) {
            Some((_, vi)) => Pat::Ctor(
                Ctor::Variant(vi),
                c.args.iter().map(|q| lower(cx, q)).collect(),
            ),
            None => Pat::Wild,
        },
        PatKind::Struct(s) => match cx.struct_field_names(s.name) {
            Some(names) => {
                let fields = names
                    .iter()
                    .map(|n| {
                        s.fields
                            .iter()
                            .find(|f| f.field.name == n.as_str())
                            .map_or(Pat::Wild, |f| lower(cx, &f.pattern))
                    })
                    .collect();
                Pat::Ctor(Ctor::Struct, fields)
            }
            None => Pat::Wild,
        },
    }
}

/// The constructors of a type, or `None` when there are infinitely many (or
/// the type is unknown). Lists use the column's longest pattern to decide
/// which lengths to distinguish.
fn all_ctors<C: ExhaustCx>(cx: &mut C, t: TyId, column: &[&Pat]) -> Option<Vec<Ctor>> {
    match cx.node_of(t) {
        Node::Bool => Some(vec![Ctor::Bool(false), Ctor::Bool(true)]),
        Node::Unit => Some(vec![Ctor::Unit]),
        Node::Tuple(xs) => Some(vec![Ctor::Tuple(xs.len())]),
        Node::List(_) => {
            let mut max = 0;
            for p in column {
                if let Pat::Ctor(Ctor::List { len, .. }, _) = p {
                    max = max.max(*len);
                }
            }
            let mut v: Vec<Ctor> = (0..=max)
                .map(|len| Ctor::List { len, rest: false })
                .collect();
            v.push(Ctor::List {
                len: max + 1,
                rest: true,
            });
            Some(v)
        }
        Node::Named(d, _) => match &cx.def(d).kind {
            DefKind::Enum(vs) => Some((0..vs.len() as u32).map(Ctor::Variant).collect()),
            DefKind::Struct(_) => Some(vec![Ctor::Struct]),
        },
        _ => None,
    }
}

/// Types of the fields of constructor `c` of type `t`.
fn sub_types<C: ExhaustCx>(cx: &mut C, t: TyId, c: &Ctor) -> Vec<TyId> {
    match (cx.node_of(t), c) {
        (Node::Tuple(xs), _) => xs.to_vec(),
        (Node::List(e), Ctor::List { len, .. }) => vec![e; *len],
        (Node::Named(d, args), Ctor::Variant(vi)) => cx.variant_fields(d, *vi as usize, &args),
        (Node::Named(d, args), Ctor::Struct) => cx.variant_fields(d, 0, &args),
        _ => Vec::new(),
    }
}

/// Does head constructor `h` (of a pattern) cover constructor `c`?
fn covers(h: &Ctor, c: &Ctor) -> bool {
    match (h, c) {
        (
            Ctor::List {
                len: hl,
                rest: true,
            },
            Ctor::List { len, .. },
        ) => len >= hl,
        (
            Ctor::List {
                len: hl,
                rest: false,
            },
            Ctor::List { len, rest },
        ) => !rest && hl == len,
        _ => h == c,
    }
}

/// Rows of `rows` specialised by constructor `c` with `arity` fields.
fn specialize(rows: &[Vec<Pat>], c: &Ctor, arity: usize) -> Vec<Vec<Pat>> {
    let mut out = Vec::new();
    for row in rows {
        spec_row(&row[0], &row[1..], c, arity, &mut out);
    }
    out
}

fn spec_row(head: &Pat, rest: &[Pat], c: &Ctor, arity: usize, out: &mut Vec<Vec<Pat>>) {
    match head {
        Pat::Wild => {
            let mut r = vec![Pat::Wild; arity];
            r.extend_from_slice(rest);
            out.push(r);
        }
        Pat::Or(alts) => {
            for a in alts {
                spec_row(a, rest, c, arity, out);
            }
        }
        Pat::Ctor(h, subs) => {
            if covers(h, c) {
                let mut r: Vec<Pat> = subs.clone();
                r.resize(arity, Pat::Wild);
                r.extend_from_slice(rest);
                out.push(r);
            }
        }
    }
}

fn default_rows(rows: &[Vec<Pat>]) -> Vec<Vec<Pat>> {
    let mut out = Vec::new();
    for row in rows {
        default_row(&row[0], &row[1..], &mut out);
    }
    out
}

fn default_row(head: &Pat, rest: &[Pat], out: &mut Vec<Vec<Pat>>) {
    match head {
        Pat::Wild => out.push(rest.to_vec()),
        Pat::Or(alts) => alts.iter().for_each(|a| default_row(a, rest, out)),
        Pat::Ctor(..) => {}
    }
}

fn heads<'p>(p: &'p Pat, out: &mut Vec<&'p Pat>) {
    match p {
        Pat::Or(alts) => alts.iter().for_each(|a| heads(a, out)),
        _ => out.push(p),
    }
}

/// A witness: a value pattern not matched by `rows` (over columns `tys`),
/// or `None` when the rows are exhaustive.
fn witness<C: ExhaustCx>(
    cx: &mut C,
    rows: &[Vec<Pat>],
    tys: &[TyId],
    depth: u32,
) -> Option<Vec<String>> {
    if tys.is_empty() {
        return if rows.is_empty() {
            Some(Vec::new())
        } else {
            None
        };
    }
    if depth > 200 {
        return None;
    }
    let mut column = Vec::new();
    for r in rows {
        heads(&r[0], &mut column);
    }
    let t = tys[0];
    let all = all_ctors(cx, t, &column);
    let used: Vec<&Ctor> = column
        .iter()
        .filter_map(|p| match p {
            Pat::Ctor(c, _) => Some(c),
            _ => None,
        })
        .collect();
    if let Some(all) = &all {
        let complete = all.iter().all(|c| used.iter().any(|h| covers(h, c)));
        if complete {
            for c in all {
                let subs = sub_types(cx, t, c);
                let mut ts = subs.clone();
                ts.extend_from_slice(&tys[1..]);
                let spec = specialize(rows, c, subs.len());
                if let Some(w) = witness(cx, &spec, &ts, depth + 1) {
                    let (fields, rest) = w.split_at(subs.len());
                    let mut out = vec![show(cx, t, c, fields)];
                    out.extend_from_slice(rest);
                    return Some(out);
                }
            }
            return None;
        }
    }
    let w = witness(cx, &default_rows(rows), &tys[1..], depth + 1)?;
    let head = match &all {
        Some(all) => match all.iter().find(|c| !used.iter().any(|h| covers(h, c))) {
            Some(c) => {
                let n = sub_types(cx, t, c).len();
                show(cx, t, c, &vec!["_".to_string(); n])
            }
            None => "_".to_string(),
        },
        None => "_".to_string(),
    };
    let mut out = vec![head];
    out.extend(w);
    Some(out)
}

/// Is row `q` useful with respect to `rows`?
fn useful<C: ExhaustCx>(
    cx: &mut C,
    rows: &[Vec<Pat>],
    q: &[Pat],
    tys: &[TyId],
    depth: u32,
) -> bool {
    if q.is_empty() {
        return rows.is_empty();
    }
    if depth > 200 {
        return true;
    }
    let t = tys[0];
    match &q[0] {
        Pat::Or(alts) => alts.iter().any(|a| {
            let mut q2 = vec![a.clone()];
            q2.extend_from_slice(&q[1..]);
            useful(cx, rows, &q2, tys, depth + 1)
        }),
        Pat::Ctor(c, subs) => {
            let st = sub_types(cx, t, c);
            let n = st.len();
            let mut ts = st;
            ts.extend_from_slice(&tys[1..]);
            let spec = specialize(rows, c, n);
            let mut q2: Vec<Pat> = subs.clone();
            q2.resize(n, Pat::Wild);
            q2.extend_from_slice(&q[1..]);
            // A `[a, ..rest]` row covers every length from its own: check
            // each distinguished length.
            if let Ctor::List { len, rest: true } = c {
                let mut column = Vec::new();
                for r in rows {
                    heads(&r[0], &mut column);
                }
                let all = all_ctors(cx, t, &column).unwrap_or_default();
                return all.iter().filter(|k| covers(c, k)).any(|k| {
                    let st = sub_types(cx, t, k);
                    let n = st.len();
                    let mut ts = st;
                    ts.extend_from_slice(&tys[1..]);
                    let spec = specialize(rows, k, n);
                    let mut q2: Vec<Pat> = subs.clone();
                    q2.resize(n, Pat::Wild);
                    q2.extend_from_slice(&q[1..]);
                    useful(cx, &spec, &q2, &ts, depth + 1)
                }) || *len > 1_000;
            }
            useful(cx, &spec, &q2, &ts, depth + 1)
        }
        Pat::Wild => {
            let mut column = Vec::new();
            for r in rows {
                heads(&r[0], &mut column);
            }
            let used: Vec<Ctor> = column
                .iter()
                .filter_map(|p| match p {
                    Pat::Ctor(c, _) => Some(c.clone()),
                    _ => None,
                })
                .collect();
            match all_ctors(cx, t, &column) {
                Some(all) if all.iter().all(|c| used.iter().any(|h| covers(h, c))) => {
                    all.iter().any(|c| {
                        let st = sub_types(cx, t, c);
                        let n = st.len();
                        let mut ts = st;
                        ts.extend_from_slice(&tys[1..]);
                        let spec = specialize(rows, c, n);
                        let mut q2 = vec![Pat::Wild; n];
                        q2.extend_from_slice(&q[1..]);
                        useful(cx, &spec, &q2, &ts, depth + 1)
                    })
                }
                _ => useful(cx, &default_rows(rows), &q[1..], &tys[1..], depth + 1),
            }
        }
    }
}

fn show<C: ExhaustCx>(cx: &mut C, t: TyId, c: &Ctor, fields: &[String]) -> String {
    match c {
        Ctor::Bool(b) => b.to_string(),
        Ctor::Unit => "()".to_string(),
        Ctor::Tuple(_) => format!("({})", fields.join(", ")),
        Ctor::List { rest, .. } => {
            let mut parts = fields.to_vec();
            if *rest {
                parts.push("..".to_string());
            }
            format!("[{}]", parts.join(", "))
        }
        Ctor::Variant(vi) => {
            let name = match cx.node_of(t) {
                Node::Named(d, _) => match &cx.def(d).kind {
                    DefKind::Enum(vs) => vs[*vi as usize].0.to_string(),
                    DefKind::Struct(_) => "?".to_string(),
                },
                _ => "?".to_string(),
            };
            if fields.is_empty() {
                name
            } else {
                format!("{name}({})", fields.join(", "))
            }
        }
        Ctor::Struct => match cx.node_of(t) {
            Node::Named(d, _) => {
                let def = cx.def(d);
                match &def.kind {
                    DefKind::Struct(fs) => {
                        let parts: Vec<String> = fs
                            .iter()
                            .zip(fields)
                            .map(|((n, _), w)| format!("{n}: {w}"))
                            .collect();
                        format!("{} {{ {} }}", def.name, parts.join(", "))
                    }
                    DefKind::Enum(_) => "_".to_string(),
                }
            }
            _ => "_".to_string(),
        },
        Ctor::Int(i) => i.to_string(),
        Ctor::Float(f) => format!("{:?}", f64::from_bits(*f)),
        Ctor::Str(s) => format!("{s:?}"),
    }
}

/// Checks one `match`: reports unreachable arms (warnings) and, if some
/// value is not covered, an error naming it.
pub(crate) fn check_match<C: ExhaustCx>(cx: &mut C, m: &Match, scrutinee: TyId, span: Span) {
    if matches!(cx.node_of(scrutinee), Node::Error) {
        return;
    }
    let tys = [scrutinee];
    let mut rows: Vec<Vec<Pat>> = Vec::new();
    for arm in m.arms {
        let p = lower(cx, &arm.pattern);
        if !useful(cx, &rows, std::slice::from_ref(&p), &tys, 0) {
            cx.report(
                Diagnostic::warning(UNREACHABLE, "unreachable match arm", arm.pattern.span)
                    .with_primary_message(
                        "this pattern never matches: earlier arms cover every value it could",
                    )
                    .with_help("remove the arm, or move it before the arms that cover it"),
            );
        }
        if arm.guard.is_none() {
            rows.push(vec![p]);
        }
    }
    if let Some(w) = witness(cx, &rows, &tys, 0) {
        let missing = w.into_iter().next().unwrap_or_else(|| "_".to_string());
        let help = if missing == "_" {
            "add a catch-all arm `_ => …` (Int, Float and Str values need one)".to_string()
        } else {
            format!("add an arm for `{missing}`, or a catch-all `_ => …`")
        };
        cx.report(
            Diagnostic::error(
                NON_EXHAUSTIVE,
                format!("non-exhaustive match: pattern `{missing}` not covered"),
                m.scrutinee.span,
            )
            .with_primary_message(format!("pattern `{missing}` not covered"))
            .with_label(Span::new(span.start, span.start + 5), "in this `match`")
            .with_help(help),
        );
    }
}
