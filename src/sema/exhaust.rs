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
use crate::sema::types::{Node, Parts, TyId};
use crate::span::Span;
use crate::syntax::ast::{Ident, Match, PatKind, Pattern};

/// Code for a `match` that does not cover every value.
pub const NON_EXHAUSTIVE: &str = "E0301";
/// Code for an arm that can never match.
pub const UNREACHABLE: &str = "W0301";
/// Code for a `match` too complex to check within [`BUDGET`].
pub const TOO_COMPLEX: &str = "E0302";

/// The work one `match` may take, in pattern-matrix rows visited (each
/// specialisation visits every row of its matrix, each step of the
/// recursion counts one). Exhaustiveness is exponential in the worst case
/// (wide tuples of Bools with scattered arms); past this budget the match
/// is an error instead of a hang, as rustc's pattern complexity limit does.
/// Ordinary matches, even with tens of thousands of arms, take a small
/// fraction of it: arms that are plain constructors or literals are checked
/// through an index, not by rescanning the arms before them.
pub const BUDGET: u64 = 1_000_000;

/// The budget ran out.
struct TooComplex;

/// What is left of [`BUDGET`] for one `match`.
struct Budget {
    left: u64,
}

impl Budget {
    /// Spends `n` units of work.
    fn spend(&mut self, n: usize) -> Result<(), TooComplex> {
        let n = n as u64 + 1;
        WORK.with(|w| w.set(w.get() + n));
        match self.left.checked_sub(n) {
            Some(left) => {
                self.left = left;
                Ok(())
            }
            None => Err(TooComplex),
        }
    }
}

thread_local! {
    /// Work done by exhaustiveness checking on this thread, for tests that
    /// show the work grows linearly over doubling series (see
    /// [`work_done`]).
    static WORK: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// The work (in the units of [`BUDGET`]) exhaustiveness checking has done
/// on this thread so far: tests compare it across inputs of doubling size
/// instead of timing, which would be flaky.
#[doc(hidden)]
pub fn work_done() -> u64 {
    WORK.with(std::cell::Cell::get)
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
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
    /// The types `p` (parts of a node) holds.
    fn parts_of(&self, p: Parts) -> Vec<TyId>;
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
            // The lengths the column's patterns mention (exactly, or as the
            // start of a `..rest`) are boundaries; between two of them every
            // length is matched by the same rows, so one length stands for
            // the gap, and one `..` constructor for all lengths past the
            // last. (Listing every length up to the longest pattern would
            // make a 1,000-element pattern cost a million.)
            let mut bounds: Vec<usize> = column
                .iter()
                .filter_map(|p| match p {
                    Pat::Ctor(Ctor::List { len, .. }, _) => Some(*len),
                    _ => None,
                })
                .collect();
            bounds.push(0);
            bounds.sort_unstable();
            bounds.dedup();
            let mut v = Vec::with_capacity(2 * bounds.len() + 1);
            for (i, &len) in bounds.iter().enumerate() {
                v.push(Ctor::List { len, rest: false });
                if bounds.get(i + 1).is_some_and(|&next| next > len + 1) {
                    v.push(Ctor::List {
                        len: len + 1,
                        rest: false,
                    });
                }
            }
            let max = bounds.last().copied().unwrap_or(0);
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
        (Node::Tuple(xs), _) => cx.parts_of(xs),
        (Node::List(e), Ctor::List { len, .. }) => vec![e; *len],
        (Node::Named(d, args), Ctor::Variant(vi)) => {
            let args = cx.parts_of(args);
            cx.variant_fields(d, *vi as usize, &args)
        }
        (Node::Named(d, args), Ctor::Struct) => {
            let args = cx.parts_of(args);
            cx.variant_fields(d, 0, &args)
        }
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
fn specialize(
    rows: &[Vec<Pat>],
    c: &Ctor,
    arity: usize,
    b: &mut Budget,
) -> Result<Vec<Vec<Pat>>, TooComplex> {
    b.spend(rows.len())?;
    let mut out = Vec::new();
    for row in rows {
        spec_row(&row[0], &row[1..], c, arity, &mut out);
    }
    Ok(out)
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

/// `rows` specialised by each constructor of `all` (with the fields of
/// each in `arity`), in one pass: a row goes only to the constructors its
/// head covers, found through an index, so `n` constructor rows over `n`
/// constructors cost `n`, not `n²` (wildcard rows still go to every one).
fn specialize_all(
    rows: &[Vec<Pat>],
    all: &[Ctor],
    arity: &[usize],
    b: &mut Budget,
) -> Result<Vec<Vec<Vec<Pat>>>, TooComplex> {
    b.spend(rows.len() + all.len())?;
    let index: std::collections::HashMap<&Ctor, usize> =
        all.iter().enumerate().map(|(i, c)| (c, i)).collect();
    let mut out: Vec<Vec<Vec<Pat>>> = vec![Vec::new(); all.len()];
    fn place(
        head: &Pat,
        rest: &[Pat],
        all: &[Ctor],
        arity: &[usize],
        index: &std::collections::HashMap<&Ctor, usize>,
        out: &mut [Vec<Vec<Pat>>],
        b: &mut Budget,
    ) -> Result<(), TooComplex> {
        match head {
            Pat::Or(alts) => {
                for a in alts {
                    place(a, rest, all, arity, index, out, b)?;
                }
            }
            Pat::Ctor(Ctor::List { .. }, _) | Pat::Wild => {
                b.spend(all.len())?;
                for (i, c) in all.iter().enumerate() {
                    spec_row(head, rest, c, arity[i], &mut out[i]);
                }
            }
            Pat::Ctor(h, _) => {
                if let Some(&i) = index.get(h) {
                    spec_row(head, rest, &all[i], arity[i], &mut out[i]);
                }
            }
        }
        Ok(())
    }
    for row in rows {
        place(&row[0], &row[1..], all, arity, &index, &mut out, b)?;
    }
    Ok(out)
}

fn default_rows(rows: &[Vec<Pat>], b: &mut Budget) -> Result<Vec<Vec<Pat>>, TooComplex> {
    b.spend(rows.len())?;
    let mut out = Vec::new();
    for row in rows {
        default_row(&row[0], &row[1..], &mut out);
    }
    Ok(out)
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

/// The head constructors a column uses, for asking "is `c` covered?" in
/// constant time (list heads, which cover ranges of lengths, are kept
/// apart and few).
struct Used<'p> {
    exact: std::collections::HashSet<&'p Ctor>,
    lists: Vec<&'p Ctor>,
}

impl<'p> Used<'p> {
    fn of(column: &[&'p Pat]) -> Used<'p> {
        let mut used = Used {
            exact: std::collections::HashSet::new(),
            lists: Vec::new(),
        };
        for p in column {
            match p {
                Pat::Ctor(c @ Ctor::List { .. }, _) => used.lists.push(c),
                Pat::Ctor(c, _) => {
                    used.exact.insert(c);
                }
                _ => {}
            }
        }
        used
    }

    fn covers(&self, c: &Ctor) -> bool {
        self.exact.contains(c) || self.lists.iter().any(|h| covers(h, c))
    }
}

/// A witness: a value pattern not matched by `rows` (over columns `tys`),
/// or `None` when the rows are exhaustive.
fn witness<C: ExhaustCx>(
    cx: &mut C,
    rows: &[Vec<Pat>],
    tys: &[TyId],
    b: &mut Budget,
) -> Result<Option<Vec<String>>, TooComplex> {
    stacker::maybe_grow(64 * 1024, 1024 * 1024, || witness_inner(cx, rows, tys, b))
}

fn witness_inner<C: ExhaustCx>(
    cx: &mut C,
    rows: &[Vec<Pat>],
    tys: &[TyId],
    b: &mut Budget,
) -> Result<Option<Vec<String>>, TooComplex> {
    b.spend(0)?;
    if tys.is_empty() {
        return Ok(rows.is_empty().then(Vec::new));
    }
    let mut column = Vec::new();
    for r in rows {
        heads(&r[0], &mut column);
    }
    b.spend(column.len())?;
    let t = tys[0];
    let all = all_ctors(cx, t, &column);
    let used = Used::of(&column);
    if let Some(all) = &all {
        b.spend(all.len())?;
        if all.iter().all(|c| used.covers(c)) {
            let subs: Vec<Vec<TyId>> = all.iter().map(|c| sub_types(cx, t, c)).collect();
            let arity: Vec<usize> = subs.iter().map(Vec::len).collect();
            let specs = specialize_all(rows, all, &arity, b)?;
            for ((c, subs), spec) in all.iter().zip(subs).zip(specs) {
                let mut ts = subs.clone();
                ts.extend_from_slice(&tys[1..]);
                if let Some(w) = witness(cx, &spec, &ts, b)? {
                    let (fields, rest) = w.split_at(subs.len());
                    let mut out = vec![show(cx, t, c, fields)];
                    out.extend_from_slice(rest);
                    return Ok(Some(out));
                }
            }
            return Ok(None);
        }
    }
    let Some(w) = witness(cx, &default_rows(rows, b)?, &tys[1..], b)? else {
        return Ok(None);
    };
    let head = match &all {
        Some(all) => match all.iter().find(|c| !used.covers(c)) {
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
    Ok(Some(out))
}

/// Is row `q` useful with respect to `rows`?
fn useful<C: ExhaustCx>(
    cx: &mut C,
    rows: &[Vec<Pat>],
    q: &[Pat],
    tys: &[TyId],
    b: &mut Budget,
) -> Result<bool, TooComplex> {
    stacker::maybe_grow(64 * 1024, 1024 * 1024, || useful_inner(cx, rows, q, tys, b))
}

fn useful_inner<C: ExhaustCx>(
    cx: &mut C,
    rows: &[Vec<Pat>],
    q: &[Pat],
    tys: &[TyId],
    b: &mut Budget,
) -> Result<bool, TooComplex> {
    b.spend(0)?;
    if q.is_empty() {
        return Ok(rows.is_empty());
    }
    let t = tys[0];
    match &q[0] {
        Pat::Or(alts) => {
            for a in alts {
                let mut q2 = vec![a.clone()];
                q2.extend_from_slice(&q[1..]);
                if useful(cx, rows, &q2, tys, b)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Pat::Ctor(c, subs) => {
            // A `[a, ..rest]` row covers every length from its own: check
            // each distinguished length.
            if let Ctor::List { rest: true, .. } = c {
                let mut column = vec![&q[0]];
                for r in rows {
                    heads(&r[0], &mut column);
                }
                b.spend(column.len())?;
                let all = all_ctors(cx, t, &column).unwrap_or_default();
                for k in all.iter().filter(|k| covers(c, k)) {
                    if useful_under(cx, rows, k, subs, q, tys, b)? {
                        return Ok(true);
                    }
                }
                return Ok(false);
            }
            useful_under(cx, rows, c, subs, q, tys, b)
        }
        Pat::Wild => {
            let mut column = Vec::new();
            for r in rows {
                heads(&r[0], &mut column);
            }
            b.spend(column.len())?;
            let used = Used::of(&column);
            match all_ctors(cx, t, &column) {
                Some(all) if all.iter().all(|c| used.covers(c)) => {
                    let subs: Vec<Vec<TyId>> = all.iter().map(|c| sub_types(cx, t, c)).collect();
                    let arity: Vec<usize> = subs.iter().map(Vec::len).collect();
                    let specs = specialize_all(rows, &all, &arity, b)?;
                    for (st, spec) in subs.into_iter().zip(specs) {
                        let n = st.len();
                        let mut ts = st;
                        ts.extend_from_slice(&tys[1..]);
                        let mut q2 = vec![Pat::Wild; n];
                        q2.extend_from_slice(&q[1..]);
                        if useful(cx, &spec, &q2, &ts, b)? {
                            return Ok(true);
                        }
                    }
                    Ok(false)
                }
                _ => useful(cx, &default_rows(rows, b)?, &q[1..], &tys[1..], b),
            }
        }
    }
}

/// Is `q`, whose head is constructor `c` with field patterns `subs`,
/// useful among the rows of `rows` that `c` specialises?
fn useful_under<C: ExhaustCx>(
    cx: &mut C,
    rows: &[Vec<Pat>],
    c: &Ctor,
    subs: &[Pat],
    q: &[Pat],
    tys: &[TyId],
    b: &mut Budget,
) -> Result<bool, TooComplex> {
    let mut ts = sub_types(cx, tys[0], c);
    let n = ts.len();
    ts.extend_from_slice(&tys[1..]);
    let spec = specialize(rows, c, n, b)?;
    let mut q2: Vec<Pat> = subs.to_vec();
    q2.resize(n, Pat::Wild);
    q2.extend_from_slice(&q[1..]);
    useful(cx, &spec, &q2, &ts, b)
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

/// The arms seen so far, while every one of them is "flat" (a wildcard, a
/// binding, or a constructor or literal whose fields are all wildcards, or
/// an or-pattern of those): then an arm's usefulness is a set lookup, so
/// long lists of literal or variant arms are checked in linear time instead
/// of each arm rescanning all the arms before it.
#[derive(Default)]
struct FlatArms {
    seen: std::collections::HashSet<Ctor>,
    wild: bool,
    /// False once an arm that is not flat has been seen.
    broken: bool,
}

impl FlatArms {
    /// The flat alternatives of `p`: `Some(None)` for a wildcard,
    /// `Some(Some(ctors))` for constructors with wildcard fields, `None` if
    /// `p` is not flat.
    fn alternatives(p: &Pat) -> Option<Option<Vec<&Ctor>>> {
        fn flat<'p>(p: &'p Pat, out: &mut Vec<&'p Ctor>) -> Option<bool> {
            match p {
                Pat::Wild => Some(true),
                Pat::Ctor(Ctor::List { .. }, _) => None,
                Pat::Ctor(c, subs) if subs.iter().all(|s| matches!(s, Pat::Wild)) => {
                    out.push(c);
                    Some(false)
                }
                Pat::Ctor(..) => None,
                Pat::Or(alts) => {
                    let mut any_wild = false;
                    for a in alts {
                        any_wild |= flat(a, out)?;
                    }
                    Some(any_wild)
                }
            }
        }
        let mut ctors = Vec::new();
        let wild = flat(p, &mut ctors)?;
        Some(if wild { None } else { Some(ctors) })
    }
}

/// Checks one `match`: reports unreachable arms (warnings) and, if some
/// value is not covered, an error naming it; a match too complex to check
/// within [`BUDGET`] is an error of its own.
pub(crate) fn check_match<C: ExhaustCx>(cx: &mut C, m: &Match, scrutinee: TyId, span: Span) {
    if matches!(cx.node_of(scrutinee), Node::Error) {
        return;
    }
    let mut budget = Budget { left: BUDGET };
    if check_arms(cx, m, scrutinee, span, &mut budget).is_err() {
        cx.report(
            Diagnostic::error(
                TOO_COMPLEX,
                "this `match` is too complex to check for exhaustiveness",
                Span::new(span.start, span.start + 5),
            )
            .with_primary_message(format!(
                "checking its arms would take more than the budget of {BUDGET} steps"
            ))
            .with_help(
                "split it into nested matches, or add a catch-all arm `_ => …` earlier \
                 so fewer combinations need checking",
            ),
        );
    }
}

fn check_arms<C: ExhaustCx>(
    cx: &mut C,
    m: &Match,
    scrutinee: TyId,
    span: Span,
    b: &mut Budget,
) -> Result<(), TooComplex> {
    let tys = [scrutinee];
    let mut rows: Vec<Vec<Pat>> = Vec::new();
    let mut flat = FlatArms::default();
    let mut all: Option<Option<Vec<Ctor>>> = None;
    for arm in m.arms {
        let p = lower(cx, &arm.pattern);
        let alternatives = if flat.broken {
            None
        } else {
            FlatArms::alternatives(&p)
        };
        let useful_arm = match alternatives {
            Some(alts) => {
                b.spend(1)?;
                match alts {
                    Some(ctors) => !flat.wild && ctors.iter().any(|c| !flat.seen.contains(*c)),
                    None => {
                        let all = all.get_or_insert_with(|| all_ctors(cx, scrutinee, &[]));
                        !flat.wild
                            && !all
                                .as_ref()
                                .is_some_and(|all| all.iter().all(|c| flat.seen.contains(c)))
                    }
                }
            }
            None => {
                flat.broken = true;
                useful(cx, &rows, std::slice::from_ref(&p), &tys, b)?
            }
        };
        if !useful_arm {
            cx.report(
                Diagnostic::warning(UNREACHABLE, "unreachable match arm", arm.pattern.span)
                    .with_primary_message(
                        "this pattern never matches: earlier arms cover every value it could",
                    )
                    .with_help("remove the arm, or move it before the arms that cover it"),
            );
        }
        if arm.guard.is_none() {
            if !flat.broken {
                match FlatArms::alternatives(&p) {
                    Some(Some(ctors)) => flat.seen.extend(ctors.into_iter().cloned()),
                    Some(None) => flat.wild = true,
                    None => flat.broken = true,
                }
            }
            rows.push(vec![p]);
        }
    }
    if let Some(w) = witness(cx, &rows, &tys, b)? {
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
    Ok(())
}
