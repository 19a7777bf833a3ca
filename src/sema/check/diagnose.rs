//! Error reporting for the checker: printing types for messages, type
//! mismatches with the reason a type was expected, missing classes, unknown
//! names, and the wording of the scoping errors the resolver finds.
//!
//! Owns the wording of the checker's general diagnostics; diagnostics
//! specific to one construct stay with the code that checks it. This module
//! must not walk the AST or bind names.

use super::codes;
use super::cx::Cx;
use crate::diag::Diagnostic;
use crate::sema::resolve::{BindingKind, BoundIn, Duplicate, NameError};
use crate::sema::types::{Classes, Node, Printer, TyId, UnifyError};
use crate::span::Span;
use crate::syntax::ast::Ident;
use std::collections::HashSet;

/// Why a type was expected: becomes the secondary label of a mismatch.
#[derive(Clone, Copy)]
pub(super) enum Reason<'r> {
    /// No particular reason (no secondary label).
    None,
    /// Expected because of another expression.
    Because(Span, &'r str),
}

impl Cx<'_, '_> {
    /// Prints `t` for a message, with its `where` clause.
    pub(super) fn print(&mut self, t: TyId) -> String {
        let defs = &self.defs;
        let names = |d: u32| {
            defs.get(d as usize)
                .map_or("?".to_string(), |d| d.name.to_string())
        };
        let mut p = Printer::new(&names);
        p.scheme(&mut self.store, t)
    }

    /// Prints a finished type: declared parameters as `a`, `b`, ….
    pub(super) fn print_final(&mut self, t: TyId) -> String {
        let defs = &self.defs;
        let names = |d: u32| {
            defs.get(d as usize)
                .map_or("?".to_string(), |d| d.name.to_string())
        };
        let mut p = Printer::new(&names);
        p.rigid_as_var = true;
        p.scheme(&mut self.store, t)
    }

    /// Prints two types sharing variable names, for a mismatch message, each
    /// in backquotes.
    fn print_pair(&mut self, a: TyId, b: TyId) -> (String, String) {
        let defs = &self.defs;
        let names = |d: u32| {
            defs.get(d as usize)
                .map_or("?".to_string(), |d| d.name.to_string())
        };
        let mut p = Printer::new(&names);
        let x = p.ty(&mut self.store, a);
        let y = p.ty(&mut self.store, b);
        (format!("`{x}`"), format!("`{y}`"))
    }

    /// Records diagnostic `d`.
    pub(super) fn error(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Drops the diagnostics recorded since `before` if each is worded as
    /// one of `reported` (mismatches of several arms of one `match` against
    /// the same type are one mistake), else adds their wording to it.
    pub(super) fn drop_repeated(&mut self, before: usize, reported: &mut HashSet<String>) {
        let new = &self.diags[before..];
        if new.iter().all(|d| reported.contains(&d.message)) {
            self.diags.truncate(before);
        } else {
            reported.extend(new.iter().map(|d| d.message.clone()));
        }
    }

    /// Unifies `expected` with `found` (the type of the expression at
    /// `span`), reporting a mismatch there.
    pub(super) fn expect(
        &mut self,
        expected: TyId,
        found: TyId,
        span: Span,
        reason: Reason,
    ) -> bool {
        match self.store.unify(expected, found) {
            Ok(()) => true,
            Err(e) => {
                self.report_unify(e, expected, found, span, reason);
                false
            }
        }
    }

    /// Reports unification error `e` of `expected` with `found` (the type of
    /// the expression or pattern at `span`).
    pub(super) fn report_unify(
        &mut self,
        e: UnifyError,
        expected: TyId,
        found: TyId,
        span: Span,
        reason: Reason,
    ) {
        match e {
            UnifyError::Class {
                ty,
                class,
                why,
                var,
            } => {
                let what = if self.store.find(ty) == self.store.find(found) {
                    "this expression".to_string()
                } else {
                    format!("a part of this `{}`", self.print(found))
                };
                self.class_error(ty, class, why, span, &what);
                if let Some(v) = var {
                    self.store.poison(v);
                }
            }
            UnifyError::Occurs => {
                let (x, y) = self.print_pair(expected, found);
                self.error(
                    Diagnostic::error(
                        codes::INFINITE_TYPE,
                        format!("infinite type: {x} would have to contain itself ({y})"),
                        span,
                    )
                    .with_primary_message("this makes a type refer to itself")
                    .with_help(
                        "a value is applied to itself or put inside itself; calc types are finite",
                    ),
                );
            }
            UnifyError::Escape(param) => {
                let name = self.print(param);
                let mut d = Diagnostic::error(
                    codes::TYPE_PARAM_ESCAPES,
                    format!("the type parameter `{name}` would escape its function"),
                    span,
                )
                .with_primary_message(format!(
                    "here `{name}` would become the type of a value from outside the function"
                ))
                .with_help(format!(
                    "`{name}` stands for whatever type each caller picks, so a variable bound outside the function cannot have it: pass the value in as a parameter, or leave the type parameter out and let calc infer the type"
                ));
                if let Reason::Because(s, why) = reason {
                    d = d.with_label(s, why);
                }
                self.error(d);
            }
            UnifyError::Mismatch => {
                let (mut x, mut y) = self.print_pair(expected, found);
                if let Some((tx, ty)) = self.tell_apart(expected, found) {
                    x.push_str(&tx);
                    y.push_str(&ty);
                }
                let mut d = Diagnostic::error(
                    codes::MISMATCH,
                    format!("mismatched types: expected {x}, found {y}"),
                    span,
                )
                .with_primary_message(format!("expected {x}, found {y}"));
                if let Reason::Because(s, why) = reason {
                    d = d.with_label(s, why);
                }
                let ex = self.store.node(expected);
                let fo = self.store.node(found);
                match (ex, fo) {
                    (Node::Float, Node::Int) | (Node::Int, Node::Float) => {
                        d = d.with_help(
                            "calc never converts implicitly: use `float(x)` to turn an Int into a Float (or write a float literal such as `1.0`), or `int(x)` for the reverse",
                        );
                    }
                    _ => {}
                }
                self.error(d);
            }
        }
    }

    /// Reports that `ty` (the type of `what` at `span`) lacks `class`.
    fn class_error(
        &mut self,
        ty: TyId,
        class: &'static str,
        why: Option<std::rc::Rc<str>>,
        span: Span,
        what: &str,
    ) {
        let t = self.print(ty);
        let node = self.store.node(ty);
        let mut d = match class {
            "Num" => Diagnostic::error(codes::CLASS, format!("`{t}` is not a number type"), span)
                .with_primary_message(format!(
                    "{what} has type `{t}`, but `Int` or `Float` is needed"
                )),
            "Ord" => Diagnostic::error(codes::CLASS, format!("`{t}` cannot be ordered"), span)
                .with_primary_message(format!(
                    "{what} has type `{t}`; only Int, Float and Str are ordered"
                )),
            "Seq" => Diagnostic::error(codes::CLASS, format!("`{t}` is not a sequence"), span)
                .with_primary_message(format!(
                    "{what} has type `{t}`; only Str and lists are sequences"
                )),
            _ => {
                let d = Diagnostic::error(
                    codes::CLASS,
                    format!("`{t}` cannot be compared with `==`"),
                    span,
                )
                .with_primary_message(format!("{what} has type `{t}`"));
                match why {
                    Some(why) => d.with_note(format!(
                        "equality is structural, and {why}: functions have no structure to compare"
                    )),
                    None => d.with_note("equality is structural, and functions have no structure to compare: two functions are never `==`"),
                }
            }
        };
        if let Node::Rigid { name, .. } = node {
            let name = self.store.rigid_name(name).clone();
            d = Diagnostic::error(
                codes::CLASS,
                format!("the type parameter `{name}` is not known to be `{class}`"),
                span,
            )
            .with_primary_message(format!("{what} needs `{name}: {class}`"))
            .with_help(format!(
                "add the bound `{name}: {class}` to the type parameter"
            ));
        }
        self.error(d);
    }

    /// Requires `classes` of `t` (the type of `what` at `span`), reporting a
    /// missing class there.
    pub(super) fn require(&mut self, t: TyId, classes: Classes, span: Span, what: &str) -> bool {
        self.require_with(t, classes, span, &|| what.to_string())
    }

    /// [`Cx::require`] with the wording of `what` made only when a class
    /// is missing.
    pub(super) fn require_with(
        &mut self,
        t: TyId,
        classes: Classes,
        span: Span,
        what: &dyn Fn() -> String,
    ) -> bool {
        match self.store.constrain(t, classes) {
            Ok(()) => true,
            Err(UnifyError::Class { ty, class, why, .. }) => {
                let inner = self.store.find(ty) != self.store.find(t);
                let why = match why {
                    None if inner => {
                        let f = self.print(ty);
                        Some(std::rc::Rc::from(format!("it contains `{f}`, a function")))
                    }
                    why => why,
                };
                let ty = if inner && class == "Eq" { t } else { ty };
                self.class_error(ty, class, why, span, &what());
                false
            }
            Err(_) => false,
        }
    }

    /// Reports an unknown value name (resolved as `kind`), suggesting the
    /// close name in scope the resolver found.
    pub(super) fn unknown_name(&mut self, ident: &Ident, kind: BindingKind) {
        let mut d = Diagnostic::error(
            codes::UNKNOWN_NAME,
            format!("cannot find `{}` in this scope", ident.name),
            ident.span,
        )
        .with_primary_message("not found in this scope");
        if let Some(s) = self.res.suggestion(kind) {
            d = d.with_help(format!("did you mean `{s}`?"));
        }
        self.error(d);
    }
}

/// The diagnostic for a scoping error found by the resolver.
pub(super) fn name_error(e: &NameError) -> Diagnostic {
    match *e {
        NameError::DefinedLater {
            item,
            used,
            var,
            let_span,
            needed,
        } => Diagnostic::error(
            codes::DEFINED_LATER,
            format!("`{item}` uses `{var}`, which is defined later"),
            used,
        )
        .with_primary_message(format!("`{item}` is used here, before `{var}` is defined"))
        .with_label(let_span, format!("`{var}` is defined here"))
        .with_label(needed, format!("`{item}` needs `{var}` here"))
        .with_help(format!(
            "move this use of `{item}` after the `let` that defines `{var}`"
        )),
        NameError::Duplicate {
            what,
            name,
            first,
            second,
        } => {
            let d = match what {
                Duplicate::Fn => Diagnostic::error(
                    codes::DUPLICATE,
                    format!("the function `{name}` is defined twice in this block"),
                    second,
                ),
                Duplicate::Type => Diagnostic::error(
                    codes::DUPLICATE,
                    format!("the type `{name}` is defined twice"),
                    second,
                )
                .with_primary_message("second definition"),
                Duplicate::Variant => Diagnostic::error(
                    codes::DUPLICATE,
                    format!("the variant `{name}` is defined twice in this scope"),
                    second,
                )
                .with_help("variant names are unqualified, so they must be unique in a scope"),
                Duplicate::VariantAndStruct => Diagnostic::error(
                    codes::DUPLICATE,
                    format!("`{name}` is both a variant and a struct in this scope"),
                    second,
                )
                .with_help("a variant and a struct are both written by their bare name in expressions and patterns, so they need different names in one scope"),
                Duplicate::Field => {
                    return Diagnostic::error(
                        codes::DUPLICATE,
                        format!("the field `{name}` is declared twice"),
                        second,
                    )
                    .with_primary_message("second declaration")
                    .with_label(first, "first declared here");
                }
            };
            d.with_label(first, "first defined here")
        }
        NameError::BoundTwice {
            list,
            name,
            first,
            second,
        } => {
            let (message, help) = match list {
                BoundIn::Pattern => (
                    format!("`{name}` is bound more than once in this pattern"),
                    "use another name; to require two parts to be equal, bind both and compare them in a guard: `(a, b) if a == b`",
                ),
                BoundIn::Params => (
                    format!("`{name}` is bound more than once in this parameter list"),
                    "give each parameter its own name (`_` for one you do not use)",
                ),
                BoundIn::TypeParams => (
                    format!("the type parameter `{name}` is declared more than once"),
                    "give each type parameter its own name",
                ),
            };
            Diagnostic::error(codes::BOUND_TWICE, message, second)
                .with_primary_message("bound again here")
                .with_label(first, "first bound here")
                .with_help(help)
        }
    }
}
