//! The prelude (A8, B): the builtins declared once, and `Option`/`Result`.
//!
//! Owns [`Builtin`], the one table of the prelude's functions and constants:
//! each entry's calc name and type (written in calc type syntax, parsed once
//! with the real parser so the table reads like the spec) and the class
//! constraint on its type variable `a`. The checker types builtins from
//! [`schemes`], the resolver finds them with [`Builtin::from_name`], the
//! evaluator implements them by matching on [`Builtin`] and the REPL
//! completes their names from [`schemes`]. This module must not evaluate.

use crate::sema::types::{Classes, GScheme, SType};
use crate::syntax::arena::Arena;
use crate::syntax::ast::{Stmt, TypeKind};
use crate::syntax::parser;

/// Declaration index of the prelude's `Option`.
pub const OPTION: u32 = 0;
/// Declaration index of the prelude's `Result`.
pub const RESULT: u32 = 1;

/// Declares [`Builtin`] and its table from one list of
/// `Variant = "name": "type" [where a: Class];` entries.
macro_rules! builtins {
    (@class) => { None };
    (@class $class:ident) => { Some(stringify!($class)) };
    ($($variant:ident = $name:literal : $sig:literal $(where a: $class:ident)?;)*) => {
        /// A prelude function or constant, in the spec's order.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Builtin {
            $(
                #[doc = concat!("`", $name, ": ", $sig, "`", $(" where `a: ", stringify!($class), "`",)?)]
                $variant,
            )*
        }

        impl Builtin {
            /// Every builtin, in declaration order.
            pub const ALL: &[Builtin] = &[$(Builtin::$variant),*];

            /// Name, type and class of `a` of every builtin, by discriminant.
            const TABLE: &[(&str, &str, Option<&str>)] =
                &[$(($name, $sig, builtins!(@class $($class)?))),*];

            /// The builtin called `name`, if any. For name resolution: the
            /// evaluator never looks a builtin up by name.
            pub fn from_name(name: &str) -> Option<Builtin> {
                match name {
                    $($name => Some(Builtin::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

builtins! {
    Print = "print": "fn(a) -> ()";
    Println = "println": "fn(a) -> ()";
    Str = "str": "fn(a) -> Str";
    Float = "float": "fn(Int) -> Float";
    Int = "int": "fn(Float) -> Int";
    Abs = "abs": "fn(a) -> a" where a: Num;
    Min = "min": "fn(a, a) -> a" where a: Ord;
    Max = "max": "fn(a, a) -> a" where a: Ord;
    Sqrt = "sqrt": "fn(Float) -> Float";
    Exp = "exp": "fn(Float) -> Float";
    Ln = "ln": "fn(Float) -> Float";
    Log10 = "log10": "fn(Float) -> Float";
    Sin = "sin": "fn(Float) -> Float";
    Cos = "cos": "fn(Float) -> Float";
    Tan = "tan": "fn(Float) -> Float";
    Floor = "floor": "fn(Float) -> Float";
    Ceil = "ceil": "fn(Float) -> Float";
    Round = "round": "fn(Float) -> Float";
    Atan2 = "atan2": "fn(Float, Float) -> Float";
    Pow = "pow": "fn(Float, Float) -> Float";
    Pi = "pi": "Float";
    E = "e": "Float";
    Len = "len": "fn(a) -> Int" where a: Seq;
    Range = "range": "fn(Int, Int) -> [Int]";
    Map = "map": "fn([a], fn(a) -> b) -> [b]";
    Filter = "filter": "fn([a], fn(a) -> Bool) -> [a]";
    Fold = "fold": "fn([a], b, fn(b, a) -> b) -> b";
    Sum = "sum": "fn([a]) -> a" where a: Num;
    Product = "product": "fn([a]) -> a" where a: Num;
    Any = "any": "fn([a], fn(a) -> Bool) -> Bool";
    All = "all": "fn([a], fn(a) -> Bool) -> Bool";
    Reverse = "reverse": "fn([a]) -> [a]";
    Sort = "sort": "fn([a]) -> [a]" where a: Ord;
    Zip = "zip": "fn([a], [b]) -> [(a, b)]";
    Contains = "contains": "fn([a], a) -> Bool" where a: Eq;
    Head = "head": "fn([a]) -> a";
    Last = "last": "fn([a]) -> a";
    Tail = "tail": "fn([a]) -> [a]";
    Join = "join": "fn([Str], Str) -> Str";
    Split = "split": "fn(Str, Str) -> [Str]";
    Chars = "chars": "fn(Str) -> [Str]";
    Upper = "upper": "fn(Str) -> Str";
    Lower = "lower": "fn(Str) -> Str";
    Trim = "trim": "fn(Str) -> Str";
    Assert = "assert": "fn(Bool, Str) -> ()";
    Panic = "panic": "fn(Str) -> a";
    First = "first": "fn([a]) -> Option<a>";
    Get = "get": "fn([a], Int) -> Option<a>";
    ParseInt = "parse_int": "fn(Str) -> Option<Int>";
    ParseFloat = "parse_float": "fn(Str) -> Option<Float>";
}

impl Builtin {
    /// The calc name.
    pub fn name(self) -> &'static str {
        Self::TABLE[self as usize].0
    }

    /// The type, in calc type syntax (`a`, `b`: type variables).
    pub fn signature(self) -> &'static str {
        Self::TABLE[self as usize].1
    }

    /// The class the type variable `a` is constrained to (`Num`, `Ord`, …).
    pub fn class(self) -> Option<&'static str> {
        Self::TABLE[self as usize].2
    }
}

/// The prelude's value names with their schemes, in [`Builtin::ALL`] order.
pub fn schemes() -> Vec<(&'static str, GScheme)> {
    Builtin::ALL
        .iter()
        .map(|b| (b.name(), parse_sig(b.signature(), b.class())))
        .collect()
}

/// The scheme of a signature, with `class` on its variable `a`.
fn parse_sig(sig: &str, class: Option<&str>) -> GScheme {
    let arena = Arena::new();
    let src = format!("let x: {sig} = x;");
    let parsed = parser::parse(&arena, &src);
    let ty = match parsed.program.body.stmts.first() {
        Some(Stmt::Let(l)) => l.ty,
        _ => None,
    };
    let mut vars: Vec<String> = Vec::new();
    let sty = match ty {
        Some(t) => convert(t, &mut vars),
        None => SType::Error,
    };
    let classes = vars
        .iter()
        .map(|v| match class {
            Some(c) if v == "a" => Classes::from_name(c).unwrap_or(Classes::NONE),
            _ => Classes::NONE,
        })
        .collect();
    GScheme { classes, ty: sty }
}

/// The owned type of a signature; lowercase names are type variables, in
/// order of first use, and unknown type names are errors.
fn convert(t: &crate::syntax::ast::Type, vars: &mut Vec<String>) -> SType {
    match t.kind {
        TypeKind::Named { name, args } => match name.name.as_str() {
            "Int" => SType::Int,
            "Float" => SType::Float,
            "Bool" => SType::Bool,
            "Str" => SType::Str,
            "Option" => SType::Named(OPTION, args.iter().map(|a| convert(a, vars)).collect()),
            v if v.starts_with(|c: char| c.is_ascii_lowercase()) => {
                let i = match vars.iter().position(|x| x == v) {
                    Some(i) => i,
                    None => {
                        vars.push(v.to_string());
                        vars.len() - 1
                    }
                };
                SType::Var(i as u32)
            }
            _ => SType::Error,
        },
        TypeKind::List(e) => SType::List(Box::new(convert(e, vars))),
        TypeKind::Tuple(ts) => SType::Tuple(ts.iter().map(|t| convert(t, vars)).collect()),
        TypeKind::Unit => SType::Unit,
        TypeKind::Fn { params, ret } => SType::Fn(
            params.iter().map(|t| convert(t, vars)).collect(),
            Box::new(convert(ret, vars)),
        ),
        TypeKind::Error => SType::Error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has_error(t: &SType) -> bool {
        match t {
            SType::Error => true,
            SType::List(e) => has_error(e),
            SType::Tuple(ts) | SType::Named(_, ts) => ts.iter().any(has_error),
            SType::Fn(ps, r) => ps.iter().any(has_error) || has_error(r),
            _ => false,
        }
    }

    #[test]
    fn every_builtin_has_a_parseable_type() {
        for &b in Builtin::ALL {
            let arena = Arena::new();
            let src = format!("let x: {} = x;", b.signature());
            let parsed = parser::parse(&arena, &src);
            assert!(parsed.diagnostics.is_empty(), "{b:?}: {}", b.signature());
            let g = parse_sig(b.signature(), b.class());
            assert!(!has_error(&g.ty), "{b:?}: {}", b.signature());
            if let Some(class) = b.class() {
                assert!(Classes::from_name(class).is_some(), "{b:?}: {class}");
                assert!(
                    g.classes.iter().any(|c| *c != Classes::NONE),
                    "{b:?}: the class constrains `a`, which the type lacks"
                );
            }
        }
        let (_, fold) = schemes().into_iter().find(|(n, _)| *n == "fold").unwrap();
        assert_eq!(fold.classes.len(), 2);
    }

    #[test]
    fn names_round_trip_and_are_unique() {
        for (i, &b) in Builtin::ALL.iter().enumerate() {
            assert_eq!(b as usize, i, "ALL is in declaration order");
            assert_eq!(Builtin::from_name(b.name()), Some(b));
            assert!(
                Builtin::ALL[..i].iter().all(|o| o.name() != b.name()),
                "{b:?}: duplicate name"
            );
        }
        assert_eq!(Builtin::from_name("Print"), None);
    }
}
