//! The type checker: Hindley–Milner inference with let-polymorphism and the
//! constraint classes `Num`, `Ord`, `Eq`, `Seq` (A2, A3, A9, B).
//!
//! Owns inference over the arena AST (borrowed, never mutated), scoping of
//! values and types, user `struct`/`enum` declarations, and every type
//! diagnostic. [`Checker`] persists across compilation units (the REPL): it
//! keeps the global bindings and declarations as owned schemes
//! ([`GScheme`]), never borrowing an arena; each unit gets a fresh
//! [`TypeStore`]. A unit with errors commits nothing.
//!
//! `fn` items: all items of a block are visible throughout it. Each is
//! inferred on first use (or at its position), in the environment of its
//! position; Tarjan's algorithm runs along the way, so a strongly connected
//! group of mutually recursive items is inferred together and generalised
//! once its root finishes. Using an item before a `let` it captures (directly
//! or through other items) is reported at that use.
//!
//! Errors never cascade: an erroneous expression gets the error type, which
//! unifies with anything. The checker must not evaluate or print.
//!
//! This module owns the persistent [`Checker`], its [`CheckOutcome`] and the
//! diagnostic [`codes`]; the per-unit work is split by concern: the context
//! (`cx`: scopes and schemes), blocks and `fn` items (`items`),
//! expressions (`expr`), operators, calls and fields (`ops`), patterns
//! (`pattern`), type declarations and annotations (`typedecl`) and error
//! reporting (`diagnose`). Exhaustiveness lives in [`crate::sema::exhaust`],
//! which knows the checker only through the trait it owns.

mod cx;
mod diagnose;
mod expr;
mod items;
mod ops;
mod pattern;
#[cfg(test)]
mod tests;
mod typedecl;

use crate::diag::Diagnostic;
use crate::sema::decls::{DefKind, TypeDef, settle_eq_rules};
use crate::sema::prelude;
use crate::sema::types::{Classes, EqRule};
use crate::sema::types::{GScheme, Printer, SType, TypeStore};
use crate::syntax::ast::Program;
use cx::Cx;
use std::rc::Rc;

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
    /// Two definitions of one name in one block.
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
    /// False when the final expression's type holds a function anywhere
    /// (in a list, tuple, enum payload or struct field): such a result
    /// cannot leave the evaluator as data.
    pub result_is_data: bool,
}

impl CheckOutcome {
    /// True when some diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// The persistent checker: prelude, global bindings and declarations.
pub struct Checker {
    defs: Vec<TypeDef>,
    /// Type names visible at top level (prelude and committed units).
    type_names: Vec<(Rc<str>, u32)>,
    globals: Vec<(Rc<str>, GScheme)>,
    prelude: Vec<(&'static str, GScheme)>,
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
            },
            TypeDef {
                name: t("Result"),
                params: vec![t("T"), t("E")],
                kind: DefKind::Enum(vec![
                    (t("Ok"), vec![SType::Param(0)]),
                    (t("Err"), vec![SType::Param(1)]),
                ]),
                eq: EqRule::default(),
            },
        ];
        let mut defs = defs;
        settle_eq_rules(&mut defs, 0);
        Checker {
            type_names: vec![
                (t("Option"), prelude::OPTION),
                (t("Result"), prelude::RESULT),
            ],
            defs,
            globals: Vec::new(),
            prelude: prelude::schemes(),
        }
    }

    /// Checks one unit. With `commit`, a unit without errors makes its
    /// top-level definitions visible to later units; a unit with errors
    /// never changes the checker.
    pub fn check_unit(&mut self, program: &Program, commit: bool) -> CheckOutcome {
        let mut cx = Cx::new(self);
        let result = cx.check_top(program.body);
        let mut out = CheckOutcome {
            diagnostics: std::mem::take(&mut cx.diags),
            ..CheckOutcome::default()
        };
        out.diagnostics
            .sort_by_key(|d| d.primary_span().map_or(0, |s| s.start));
        let top = cx.exports.values.clone();
        let printed: Vec<(String, String)> = top
            .iter()
            .map(|(name, scheme)| (name.to_string(), cx.print_final(scheme.ty)))
            .collect();
        out.bindings = printed;
        if let Some(t) = result {
            out.result_scheme = Some(cx.print_final(t));
            cx.default_num(t);
            out.result_type = Some(cx.print_final(t));
            out.result_is_data = cx.store.constrain(t, Classes::EQ).is_ok();
        } else {
            out.result_is_data = true;
        }
        if commit && !out.has_errors() {
            let top: Vec<(Rc<str>, GScheme)> = cx
                .exports
                .values
                .iter()
                .map(|(n, s)| (Rc::from(*n), cx.store.to_gscheme(s.ty)))
                .collect();
            let new_types = std::mem::take(&mut cx.exports.types);
            let defs = std::mem::take(&mut cx.defs);
            self.defs = defs;
            for (name, idx) in new_types {
                self.type_names.retain(|(n, _)| *n != name);
                self.type_names.push((name, idx));
            }
            for (name, g) in top {
                self.globals.retain(|(n, _)| *n != name);
                self.globals.push((name, g));
            }
        }
        out
    }

    /// Makes `name` a global value of type `scheme` for the units checked
    /// after this (an embedder's input or host function), shadowing any
    /// global of that name.
    pub fn declare_global(&mut self, name: &str, scheme: GScheme) {
        self.globals.retain(|(n, _)| &**n != name);
        self.globals.push((Rc::from(name), scheme));
    }

    /// The user's global bindings with their printed types, in definition
    /// order (for the REPL's `:env`).
    pub fn env_listing(&self) -> Vec<(String, String)> {
        self.globals
            .iter()
            .map(|(n, g)| {
                let mut store = TypeStore::new();
                let t = store.instantiate_g(g, 1);
                let names = |d: u32| self.def_name(d);
                let mut p = Printer::new(&names);
                (n.to_string(), p.scheme(&mut store, t))
            })
            .collect()
    }

    /// The user's type declarations, printed as `struct P { x: Float }` /
    /// `enum T { A, B(Int) }` (for `:env`).
    pub fn type_listing(&self) -> Vec<String> {
        self.type_names
            .iter()
            .filter(|(_, idx)| *idx > prelude::RESULT)
            .map(|(_, idx)| {
                let d = &self.defs[*idx as usize];
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
        v.extend(self.globals.iter().map(|(n, _)| n.to_string()));
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
