//! Types written by an embedder: the declared type of a program input
//! (`[Str]`) or the signature of a host function (`fn<T: Ord>([T]) -> T`).
//!
//! Owns turning such a text into an owned scheme ([`Signature`]) the checker
//! can declare as a global, with diagnostics pointing into the text. Only
//! the built-in types, `Option` and `Result` and the signature's own type
//! parameters are in scope: an embedder's types exist before any program
//! declares its own. This module must not infer or evaluate.

use crate::diag::Diagnostic;
use crate::sema::check::codes;
use crate::sema::prelude;
use crate::sema::types::{Classes, GScheme, SType};
use crate::syntax::arena::Arena;
use crate::syntax::ast::{Type, TypeKind, TypeParam};
use crate::syntax::parser;

/// A parsed and resolved embedder type.
#[derive(Clone, Debug)]
pub struct Signature {
    /// The scheme: `SType::Var(i)` is type parameter `i`, with its classes.
    pub scheme: GScheme,
    /// The type parameters' names, by index.
    pub params: Vec<String>,
}

impl Signature {
    /// Parses `text` (a type, or a generic function type `fn<T: Num>(T) ->
    /// T`); on failure returns the diagnostics, with spans into `text`.
    pub fn parse(text: &str) -> Result<Signature, Vec<Diagnostic>> {
        let arena = Arena::new();
        let parsed = parser::parse_signature(&arena, text);
        if !parsed.diagnostics.is_empty() {
            return Err(parsed.diagnostics);
        }
        let mut cx = Cx {
            generics: parsed.generics,
            diags: Vec::new(),
        };
        let classes = cx.classes();
        let ty = cx.ty(&parsed.ty);
        if !cx.diags.is_empty() {
            return Err(cx.diags);
        }
        Ok(Signature {
            scheme: GScheme { classes, ty },
            params: parsed
                .generics
                .iter()
                .map(|g| g.name.name.to_string())
                .collect(),
        })
    }

    /// True for a function type.
    pub fn is_fn(&self) -> bool {
        matches!(self.scheme.ty, SType::Fn(..))
    }

    /// True when the type has no type parameters.
    pub fn is_mono(&self) -> bool {
        self.params.is_empty()
    }
}

/// True when `t` holds a function type anywhere.
pub fn contains_fn(t: &SType) -> bool {
    match t {
        SType::Fn(..) => true,
        SType::List(x) => contains_fn(x),
        SType::Tuple(xs) | SType::Named(_, xs) => xs.iter().any(contains_fn),
        _ => false,
    }
}

/// Resolution state: the generic parameters in scope and the errors found.
struct Cx<'a> {
    generics: &'a [TypeParam<'a>],
    diags: Vec<Diagnostic>,
}

impl Cx<'_> {
    /// The classes of each generic parameter (a duplicate name or an
    /// unknown class is an error).
    fn classes(&mut self) -> Vec<Classes> {
        let mut out = Vec::new();
        for (i, g) in self.generics.iter().enumerate() {
            if self.generics[..i]
                .iter()
                .any(|h| h.name.name == g.name.name)
            {
                self.diags.push(Diagnostic::error(
                    codes::DUPLICATE,
                    format!("the type parameter `{}` is declared twice", g.name.name),
                    g.name.span,
                ));
            }
            let mut classes = Classes::NONE;
            for b in g.bounds {
                match Classes::from_name(b.name.as_str()) {
                    Some(c) => classes = classes.with(c),
                    None => self.diags.push(
                        Diagnostic::error(
                            codes::UNKNOWN_TYPE,
                            format!("unknown class `{}`", b.name),
                            b.span,
                        )
                        .with_help("the classes are `Num`, `Ord`, `Eq` and `Seq`"),
                    ),
                }
            }
            out.push(classes);
        }
        out
    }

    fn ty(&mut self, t: &Type) -> SType {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.ty_inner(t))
    }

    fn ty_inner(&mut self, t: &Type) -> SType {
        match t.kind {
            TypeKind::Unit => SType::Unit,
            TypeKind::Error => SType::Error,
            TypeKind::List(x) => SType::List(Box::new(self.ty(x))),
            TypeKind::Tuple(xs) => SType::Tuple(xs.iter().map(|x| self.ty(x)).collect()),
            TypeKind::Fn { params, ret } => SType::Fn(
                params.iter().map(|x| self.ty(x)).collect(),
                Box::new(self.ty(ret)),
            ),
            TypeKind::Named { name, args } => {
                let (want, ty) = match name.name.as_str() {
                    "Int" => (0, SType::Int),
                    "Float" => (0, SType::Float),
                    "Bool" => (0, SType::Bool),
                    "Str" => (0, SType::Str),
                    "Option" => (1, SType::Named(prelude::OPTION, Vec::new())),
                    "Result" => (2, SType::Named(prelude::RESULT, Vec::new())),
                    other => match self.generics.iter().position(|g| g.name.name == other) {
                        Some(i) => (0, SType::Var(i as u32)),
                        None => {
                            self.diags.push(
                                Diagnostic::error(
                                    codes::UNKNOWN_TYPE,
                                    format!("unknown type `{other}`"),
                                    name.span,
                                )
                                .with_primary_message("not a type in scope")
                                .with_help(
                                    "an embedder's types may use `Int`, `Float`, `Bool`, `Str`, `()`, lists, tuples, functions, `Option`, `Result` and the signature's own type parameters (`fn<T: Ord>([T]) -> T`)",
                                ),
                            );
                            return SType::Error;
                        }
                    },
                };
                if args.len() != want {
                    self.diags.push(Diagnostic::error(
                        codes::WRONG_COUNT,
                        format!(
                            "`{}` takes {want} type argument{}, but {} were given",
                            name.name,
                            if want == 1 { "" } else { "s" },
                            args.len()
                        ),
                        t.span,
                    ));
                    return SType::Error;
                }
                match ty {
                    SType::Named(d, _) => {
                        SType::Named(d, args.iter().map(|a| self.ty(a)).collect())
                    }
                    other => other,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_and_generic_signatures() {
        let s = Signature::parse("[(Int, Option<Str>)]").expect("valid");
        assert!(s.is_mono() && !s.is_fn());
        let g = Signature::parse("fn<T: Ord + Eq>([T], T) -> Result<T, Str>").expect("valid");
        assert!(g.is_fn());
        assert_eq!(g.params, ["T"]);
        assert!(g.scheme.classes[0].contains(Classes::ORD));
        assert!(contains_fn(
            &Signature::parse("[fn() -> Int]").expect("ok").scheme.ty
        ));
    }

    #[test]
    fn errors_point_into_the_text() {
        let e = Signature::parse("[Intt]").expect_err("unknown");
        assert_eq!(e[0].code, codes::UNKNOWN_TYPE);
        assert_eq!(e[0].primary_span().map(|s| (s.start, s.end)), Some((1, 5)));
        let e = Signature::parse("Option<Int, Int>").expect_err("arity");
        assert_eq!(e[0].code, codes::WRONG_COUNT);
        let e = Signature::parse("fn<T: Big>(T) -> T").expect_err("class");
        assert!(e[0].message.contains("unknown class `Big`"));
        let e = Signature::parse("Int Int").expect_err("trailing");
        assert!(
            e[0].message.contains("the end of the type"),
            "{}",
            e[0].message
        );
    }
}
