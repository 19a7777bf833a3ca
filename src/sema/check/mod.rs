//! The type checker: Hindley–Milner inference with let-polymorphism and the
//! constraint classes `Num`, `Ord`, `Eq`, `Seq` (A2, A3, A9, B).
//!
//! Owns inference over the arena AST (borrowed, never mutated), user
//! `struct`/`enum` declarations, and every type diagnostic, including the
//! wording of the scoping errors found by name resolution
//! ([`crate::sema::resolve`]), which runs first: the checker types each
//! binding by its id and keeps no scopes of its own. [`Checker`] persists
//! across compilation units (the REPL): it keeps the REPL's global names
//! ([`Globals`]), the global bindings' types as owned schemes ([`GScheme`])
//! by global index and the declarations, never borrowing an arena; each
//! unit gets a fresh [`TypeStore`]. A unit with errors commits nothing.
//!
//! `fn` items: all items of a block are visible throughout it. The resolver
//! splits them into strongly connected components; a component is inferred
//! on the first use of a member (or at its position) and generalised once
//! all its members are inferred. Using an item before a `let` it needs is an
//! error the resolver finds.
//!
//! Errors never cascade: an erroneous expression gets the error type, which
//! unifies with anything. The checker must not evaluate or print.
//!
//! This module owns the persistent [`Checker`], its [`CheckOutcome`] and the
//! diagnostic [`codes`]; the per-unit work is split by concern: the context
//! (`cx`: binding types and schemes), blocks and `fn` items (`items`),
//! expressions (`expr`), operators, calls and fields (`ops`), patterns
//! (`pattern`), type declarations and annotations (`typedecl`), error
//! reporting (`diagnose`) and telling apart what diagnostics name
//! (`describe`). Exhaustiveness lives in [`crate::sema::exhaust`],
//! which knows the checker only through the trait it owns.

mod cx;
mod describe;
mod diagnose;
mod expr;
mod items;
mod ops;
mod pattern;
mod table;
#[cfg(test)]
mod tests;
mod typedecl;

use crate::diag::Diagnostic;
use crate::sema::decls::{DefKind, TypeDef, settle_eq_rules};
use crate::sema::prelude;
use crate::sema::resolve::{self, Globals, Resolution};
use crate::sema::types::{Classes, EqRule, MAX_INSTANCE_NODES};
use crate::sema::types::{GScheme, Printer, SType, TypeStore};
use crate::span::Span;
use crate::syntax::ast::Program;
use cx::Cx;
use std::rc::Rc;
pub use table::TypeTable;

/// Type-checking diagnostic codes.
pub mod codes {
    /// An unknown value name.
    pub const UNKNOWN_NAME: &str = "E0201";
    /// Two types that should be equal are not.
    pub const MISMATCH: &str = "E0202";
    /// A call with the wrong number of arguments.
    pub const ARITY: &str = "E0203";
    /// A call of a non-function.
    pub const NOT_A_FUNCTION: &str = "E0204";
    /// A type that lacks a required class (`Num`, `Ord`, `Eq`, `Seq`).
    pub const CLASS: &str = "E0205";
    /// An infinite type (occurs check).
    pub const INFINITE_TYPE: &str = "E0206";
    /// A refutable pattern in `let`.
    pub const REFUTABLE_LET: &str = "E0207";
    /// An unknown type name.
    pub const UNKNOWN_TYPE: &str = "E0208";
    /// A field that does not exist.
    pub const NO_FIELD: &str = "E0209";
    /// A type that cannot be inferred from context.
    pub const ANNOTATION_NEEDED: &str = "E0210";
    /// A `fn` item used before a `let` it captures.
    pub const DEFINED_LATER: &str = "E0211";
    /// Two definitions of one name in one block, or of one field or
    /// variant in one declaration.
    pub const DUPLICATE: &str = "E0212";
    /// Struct literal or pattern with missing fields.
    pub const MISSING_FIELDS: &str = "E0213";
    /// Wrong number of type arguments or constructor fields.
    pub const WRONG_COUNT: &str = "E0214";
    /// An unknown constructor.
    pub const UNKNOWN_CTOR: &str = "E0215";
    /// `if` without `else` whose block is not `()`.
    pub const IF_WITHOUT_ELSE: &str = "E0216";
    /// Or-pattern alternatives binding different names.
    pub const OR_BINDINGS: &str = "E0217";
    /// A name bound twice in one pattern, parameter list or type-parameter
    /// list.
    pub const BOUND_TWICE: &str = "E0218";
    /// A declared type parameter that would become the type of a variable
    /// from outside the `fn` item declaring it.
    pub const TYPE_PARAM_ESCAPES: &str = "E0219";
    /// A type over the type-size budget
    /// ([`MAX_INSTANCE_NODES`](crate::sema::types::MAX_INSTANCE_NODES)).
    pub const TYPE_TOO_LARGE: &str = "E0510";
}

/// What checking a unit produced.
#[derive(Debug, Default)]
pub struct CheckOutcome {
    /// Type errors and warnings, in source order.
    pub diagnostics: Vec<Diagnostic>,
    /// The printed type of the unit's final expression (`None` if it has
    /// none), with ambiguous `Num` defaulted to `Int`.
    pub result_type: Option<String>,
    /// Top-level names the unit defines, with printed schemes, in order.
    pub bindings: Vec<(String, String)>,
    /// The final expression's type before defaulting (`fn(a) -> a where a:
    /// Num` rather than `fn(Int) -> Int`), for the REPL's `:type`.
    pub result_scheme: Option<String>,
    /// For the evaluator, by [`NodeId`](crate::syntax::ast::NodeId): at the
    /// field name of a field access `p.x`, a struct literal's field or a
    /// struct pattern's field, the field's index in its struct's
    /// declaration; [`NOT_A_FIELD`] everywhere else. It ends after the last
    /// field recorded (empty for a unit without fields): a node past its
    /// end names no field either, so read it with `get`. Hand it to the unit
    /// with [`Unit::set_field_slots`](crate::sema::unit::Unit::set_field_slots).
    pub field_slots: Vec<u32>,
    /// False when the final expression's type holds a function anywhere
    /// (in a list, tuple, enum payload or struct field): such a result
    /// cannot leave the evaluator as data.
    pub result_is_data: bool,
    /// How many type nodes unification, the occurs check, level adjustment
    /// and instantiation visited: a measure of the checker's work that
    /// tests compare across input sizes.
    pub unifier_steps: u64,
}

/// The entry of [`CheckOutcome::field_slots`] at a node that names no field
/// of a known struct.
pub const NOT_A_FIELD: u32 = u32::MAX;

impl CheckOutcome {
    /// True when some diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// The persistent checker: prelude, global names, their types and the
/// declarations.
pub struct Checker {
    defs: Vec<TypeDef>,
    /// The names earlier units defined, for name resolution.
    globals: Globals,
    /// The type of each global value, by global index.
    schemes: Vec<Option<GScheme>>,
    /// The prelude's schemes, by [`prelude::Builtin`] index.
    prelude: Vec<(&'static str, GScheme)>,
    /// Counts the commits that changed `defs`.
    defs_version: u64,
    /// The per-unit tables, reused from one unit to the next.
    scratch: cx::Scratch,
    /// Whether [`CheckOutcome::bindings`] is filled (see
    /// [`Checker::set_list_bindings`]).
    list_bindings: bool,
}

impl Default for Checker {
    fn default() -> Checker {
        Checker::new()
    }
}

impl Checker {
    /// A checker knowing only the prelude.
    pub fn new() -> Checker {
        let t = |n: &str| Rc::<str>::from(n);
        let defs = vec![
            TypeDef {
                name: t("Option"),
                params: vec![t("T")],
                kind: DefKind::Enum(vec![
                    (t("Some"), vec![SType::Param(0)]),
                    (t("None"), vec![]),
                ]),
                eq: EqRule::default(),
                site: None,
            },
            TypeDef {
                name: t("Result"),
                params: vec![t("T"), t("E")],
                kind: DefKind::Enum(vec![
                    (t("Ok"), vec![SType::Param(0)]),
                    (t("Err"), vec![SType::Param(1)]),
                ]),
                eq: EqRule::default(),
                site: None,
            },
        ];
        let mut defs = defs;
        settle_eq_rules(&mut defs, 0);
        Checker {
            defs,
            globals: Globals::default(),
            schemes: Vec::new(),
            prelude: prelude::schemes(),
            defs_version: 0,
            scratch: cx::Scratch::default(),
            list_bindings: true,
        }
    }

    /// The names earlier committed units defined: what a new unit is
    /// resolved against (see [`Checker::check_resolved`]).
    pub fn globals(&self) -> &Globals {
        &self.globals
    }

    /// Resolves and checks one unit (see [`Checker::check_resolved`]).
    pub fn check_unit(&mut self, program: &Program, commit: bool) -> CheckOutcome {
        let res = resolve::resolve(program, &self.globals);
        self.check_resolved(program, &res, commit)
    }

    /// [`Checker::check_unit`] for a unit called `name` (a file name,
    /// `<eval>`, `<repl:N>`) whose text is `source` (see
    /// [`Checker::check_resolved_named`]).
    pub fn check_named_unit(
        &mut self,
        program: &Program,
        commit: bool,
        name: &str,
        source: &str,
    ) -> CheckOutcome {
        let res = resolve::resolve(program, &self.globals);
        self.check_resolved_named(program, &res, commit, name, source)
    }

    /// Checks one unit, resolved as `res` against [`Checker::globals`].
    /// With `commit`, a unit without errors makes its top-level definitions
    /// visible to later units; a unit with errors never changes the checker.
    pub fn check_resolved(
        &mut self,
        program: &Program,
        res: &Resolution,
        commit: bool,
    ) -> CheckOutcome {
        self.check_resolved_named(program, res, commit, "", "")
    }

    /// [`Checker::check_resolved`] for a unit called `name` (a file name,
    /// `<eval>`, `<repl:N>`) whose text is `source`: diagnostics that say
    /// where a type was declared (to tell apart two types that print alike)
    /// name it as `NAME:LINE:COLUMN`, like a diagnostic's location line, and
    /// help lines may quote the source.
    pub fn check_resolved_named(
        &mut self,
        program: &Program,
        res: &Resolution,
        commit: bool,
        name: &str,
        source: &str,
    ) -> CheckOutcome {
        self.check_inner(program, res, commit, name, source, false)
            .0
    }

    /// [`Checker::check_resolved_named`] without committing, also keeping
    /// the type of every expression and binding (for an editor; the batch
    /// checker keeps none).
    pub fn check_with_types(
        &mut self,
        program: &Program,
        res: &Resolution,
        name: &str,
        source: &str,
    ) -> (CheckOutcome, TypeTable) {
        let (out, table) = self.check_inner(program, res, false, name, source, true);
        (out, table.unwrap_or_default())
    }

    fn check_inner(
        &mut self,
        program: &Program,
        res: &Resolution,
        commit: bool,
        name: &str,
        source: &str,
        record: bool,
    ) -> (CheckOutcome, Option<TypeTable>) {
        let scratch = std::mem::take(&mut self.scratch);
        let list_bindings = self.list_bindings;
        let mut cx = Cx::new(self, res, program.node_count, scratch);
        cx.recorded = record.then(Vec::new);
        cx.origin = describe::Origin::new(name, source);
        cx.declare_types();
        let result = cx.check_top(program.body);
        let mut out = CheckOutcome {
            diagnostics: res.errors.iter().map(diagnose::name_error).collect(),
            field_slots: std::mem::take(&mut cx.field_slots),
            ..CheckOutcome::default()
        };
        out.diagnostics.append(&mut cx.diags);
        out.diagnostics
            .sort_by_key(|d| d.primary_span().map_or(0, |s| s.start));
        let listed = if list_bindings { &res.top[..] } else { &[] };
        out.bindings.reserve_exact(listed.len());
        for b in listed {
            if let Some(s) = cx.scheme(b.binding) {
                let t = s.ty;
                out.bindings.push((b.name.to_string(), cx.print_final(t)));
            }
        }
        if let Some(t) = result {
            out.result_scheme = Some(cx.print_final(t));
            cx.default_num(t);
            out.result_type = Some(cx.print_final(t));
            out.result_is_data = cx.store.constrain(t, Classes::EQ).is_ok();
        } else {
            out.result_is_data = true;
        }
        // An editor's check (`record`) never commits: the table takes the store.
        let table = cx.recorded.take().map(|e| TypeTable::new(&mut cx, e));
        if commit && !out.has_errors() {
            // A global keeps its type written out as a tree (`GScheme`):
            // one whose tree would be over the type-size budget is
            // refused, as a use of it would be.
            for b in &res.top {
                let Some(t) = cx.scheme(b.binding).map(|s| s.ty) else {
                    continue;
                };
                let cap = MAX_INSTANCE_NODES as u64 + 1;
                if cx.store.tree_size(t, cap) >= cap {
                    let span = res.bindings[b.binding.index()]
                        .site
                        .map_or(Span::new(0, 0), |i| i.span);
                    cx.stopped = false;
                    cx.too_large(b.name, span, "a global keeps its type written out in full");
                    out.diagnostics.append(&mut cx.diags);
                    break;
                }
            }
        }
        out.unifier_steps = cx.store.steps();
        if commit && !out.has_errors() {
            let mut top = Vec::new();
            for b in &res.top {
                let s = cx.scheme(b.binding).map(|s| s.ty);
                top.push(s.map(|t| cx.store.to_gscheme(t)));
            }
            // The unit's declarations become the checker's only when it
            // declared some: otherwise the scratch copy stays valid.
            let new_defs = (cx.defs.len() != self.defs.len()).then(|| std::mem::take(&mut cx.defs));
            let scratch = cx.into_scratch(self.defs_version);
            self.scratch = scratch;
            if let Some(defs) = new_defs {
                self.defs = defs;
                self.defs_version += 1;
            }
            let globals = self.globals.commit(res);
            for (global, g) in globals.into_iter().zip(top) {
                let i = global as usize;
                if self.schemes.len() <= i {
                    self.schemes.resize(i + 1, None);
                }
                self.schemes[i] = g;
            }
        } else {
            self.scratch = cx.into_scratch(self.defs_version);
        }
        (out, table)
    }

    /// Whether checks fill [`CheckOutcome::bindings`] (on for a new
    /// checker). A caller that reads only diagnostics turns it off: on a
    /// file of 100,000 definitions, the printed types take megabytes.
    pub fn set_list_bindings(&mut self, on: bool) {
        self.list_bindings = on;
    }

    /// Makes `name` a global value of type `scheme` for the units checked
    /// after this (an embedder's input or host function), shadowing any
    /// global of that name.
    /// Returns its global index.
    pub fn declare_global(&mut self, name: &str, scheme: GScheme) -> u32 {
        let i = self.globals.declare(name);
        if self.schemes.len() <= i as usize {
            self.schemes.resize(i as usize + 1, None);
        }
        self.schemes[i as usize] = Some(scheme);
        i
    }

    /// The user's global bindings with their printed types, in definition
    /// order (for the REPL's `:env`).
    pub fn env_listing(&self) -> Vec<(String, String)> {
        self.globals
            .values()
            .into_iter()
            .filter_map(|(n, i)| {
                let g = self.schemes.get(i as usize)?.as_ref()?;
                let mut store = TypeStore::new();
                let t = store.instantiate_g(g, 1);
                let names = |d: u32| self.def_name(d);
                let mut p = Printer::new(&names);
                Some((n.to_string(), p.scheme(&mut store, t)))
            })
            .collect()
    }

    /// The user's type declarations, printed as `struct P { x: Float }` /
    /// `enum T { A, B(Int) }` (for `:env`).
    pub fn type_listing(&self) -> Vec<String> {
        self.globals
            .types
            .iter()
            .filter(|g| g.def > prelude::RESULT)
            .map(|g| {
                let d = &self.defs[g.def as usize];
                let params = if d.params.is_empty() {
                    String::new()
                } else {
                    format!("<{}>", d.params.join(", "))
                };
                let show = |s: &SType| stype_text(s, &d.params, &|i| self.def_name(i));
                match &d.kind {
                    DefKind::Struct(fields) => {
                        let fs: Vec<String> = fields
                            .iter()
                            .map(|(n, t)| format!("{n}: {}", show(t)))
                            .collect();
                        format!("struct {}{params} {{ {} }}", d.name, fs.join(", "))
                    }
                    DefKind::Enum(vs) => {
                        let vs: Vec<String> = vs
                            .iter()
                            .map(|(n, ts)| {
                                if ts.is_empty() {
                                    n.to_string()
                                } else {
                                    let ts: Vec<String> = ts.iter().map(show).collect();
                                    format!("{n}({})", ts.join(", "))
                                }
                            })
                            .collect();
                        format!("enum {}{params} {{ {} }}", d.name, vs.join(", "))
                    }
                }
            })
            .collect()
    }

    /// Names of all global values and prelude functions (for completion).
    pub fn value_names(&self) -> Vec<String> {
        let mut v: Vec<String> = self.prelude.iter().map(|(n, _)| n.to_string()).collect();
        v.extend(self.globals.value_names().map(str::to_string));
        v
    }

    fn def_name(&self, d: u32) -> String {
        self.defs
            .get(d as usize)
            .map_or_else(|| "?".to_string(), |d| d.name.to_string())
    }
}

fn stype_text(s: &SType, params: &[Rc<str>], names: &dyn Fn(u32) -> String) -> String {
    let list = |xs: &[SType]| {
        xs.iter()
            .map(|x| stype_text(x, params, names))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match s {
        SType::Var(i) => format!("t{i}"),
        SType::Param(i) => params
            .get(*i as usize)
            .map_or("?".to_string(), |p| p.to_string()),
        SType::Int => "Int".into(),
        SType::Float => "Float".into(),
        SType::Bool => "Bool".into(),
        SType::Str => "Str".into(),
        SType::Unit => "()".into(),
        SType::Error => "_".into(),
        SType::List(x) => format!("[{}]", stype_text(x, params, names)),
        SType::Tuple(xs) => format!("({})", list(xs)),
        SType::Fn(xs, r) => format!("fn({}) -> {}", list(xs), stype_text(r, params, names)),
        SType::Named(d, xs) if xs.is_empty() => names(*d),
        SType::Named(d, xs) => format!("{}<{}>", names(*d), list(xs)),
    }
}
