//! The prelude's types (A8, B): builtin signatures and `Option`/`Result`.
//!
//! Owns the type of every builtin, written as calc type syntax and parsed
//! once with the real parser, so the table reads like the spec. The runtime
//! side lives in `builtins`; this module must not evaluate.

use crate::sema::types::{Classes, GScheme, SType};
use crate::syntax::arena::Arena;
use crate::syntax::ast::{Stmt, TypeKind};
use crate::syntax::parser;

/// Declaration index of the prelude's `Option`.
pub const OPTION: u32 = 0;
/// Declaration index of the prelude's `Result`.
pub const RESULT: u32 = 1;

/// `(name, type, constraints on a)`, in the spec's order.
const SIGNATURES: &[(&str, &str, &str)] = &[
    ("print", "fn(a) -> ()", ""),
    ("println", "fn(a) -> ()", ""),
    ("str", "fn(a) -> Str", ""),
    ("float", "fn(Int) -> Float", ""),
    ("int", "fn(Float) -> Int", ""),
    ("abs", "fn(a) -> a", "Num"),
    ("min", "fn(a, a) -> a", "Ord"),
    ("max", "fn(a, a) -> a", "Ord"),
    ("sqrt", "fn(Float) -> Float", ""),
    ("exp", "fn(Float) -> Float", ""),
    ("ln", "fn(Float) -> Float", ""),
    ("log10", "fn(Float) -> Float", ""),
    ("sin", "fn(Float) -> Float", ""),
    ("cos", "fn(Float) -> Float", ""),
    ("tan", "fn(Float) -> Float", ""),
    ("floor", "fn(Float) -> Float", ""),
    ("ceil", "fn(Float) -> Float", ""),
    ("round", "fn(Float) -> Float", ""),
    ("atan2", "fn(Float, Float) -> Float", ""),
    ("pow", "fn(Float, Float) -> Float", ""),
    ("pi", "Float", ""),
    ("e", "Float", ""),
    ("len", "fn(a) -> Int", "Seq"),
    ("range", "fn(Int, Int) -> [Int]", ""),
    ("map", "fn([a], fn(a) -> b) -> [b]", ""),
    ("filter", "fn([a], fn(a) -> Bool) -> [a]", ""),
    ("fold", "fn([a], b, fn(b, a) -> b) -> b", ""),
    ("sum", "fn([a]) -> a", "Num"),
    ("product", "fn([a]) -> a", "Num"),
    ("any", "fn([a], fn(a) -> Bool) -> Bool", ""),
    ("all", "fn([a], fn(a) -> Bool) -> Bool", ""),
    ("reverse", "fn([a]) -> [a]", ""),
    ("sort", "fn([a]) -> [a]", "Ord"),
    ("zip", "fn([a], [b]) -> [(a, b)]", ""),
    ("contains", "fn([a], a) -> Bool", "Eq"),
    ("head", "fn([a]) -> a", ""),
    ("last", "fn([a]) -> a", ""),
    ("tail", "fn([a]) -> [a]", ""),
    ("join", "fn([Str], Str) -> Str", ""),
    ("split", "fn(Str, Str) -> [Str]", ""),
    ("chars", "fn(Str) -> [Str]", ""),
    ("upper", "fn(Str) -> Str", ""),
    ("lower", "fn(Str) -> Str", ""),
    ("trim", "fn(Str) -> Str", ""),
    ("assert", "fn(Bool, Str) -> ()", ""),
    ("panic", "fn(Str) -> a", ""),
    ("first", "fn([a]) -> Option<a>", ""),
    ("get", "fn([a], Int) -> Option<a>", ""),
    ("parse_int", "fn(Str) -> Option<Int>", ""),
    ("parse_float", "fn(Str) -> Option<Float>", ""),
];

/// The prelude's value names with their schemes.
pub fn schemes() -> Vec<(&'static str, GScheme)> {
    SIGNATURES
        .iter()
        .map(|(name, sig, class)| (*name, parse_sig(sig, class)))
        .collect()
}

fn parse_sig(sig: &str, class: &str) -> GScheme {
    let arena = Arena::new();
    let src = format!("let x: {sig} = x;");
    let parsed = parser::parse(&arena, &src);
    let ty = match parsed.program.body.stmts.first() {
        Some(Stmt::Let(l)) => l.ty,
        _ => None,
    };
    let mut vars: Vec<String> = Vec::new();
    let sty = match ty {
        Some(t) => convert(&t, &mut vars),
        None => SType::Error,
    };
    let classes = vars
        .iter()
        .map(|v| {
            if v == "a" {
                Classes::from_name(class).unwrap_or(Classes::NONE)
            } else {
                Classes::NONE
            }
        })
        .collect();
    GScheme { classes, ty: sty }
}

fn convert(t: &crate::syntax::ast::Type, vars: &mut Vec<String>) -> SType {
    match t.kind {
        TypeKind::Named { name, args } => match name.name {
            "Int" => SType::Int,
            "Float" => SType::Float,
            "Bool" => SType::Bool,
            "Str" => SType::Str,
            "Option" => SType::Named(OPTION, args.iter().map(|a| convert(a, vars)).collect()),
            v => {
                let i = match vars.iter().position(|x| x == v) {
                    Some(i) => i,
                    None => {
                        vars.push(v.to_string());
                        vars.len() - 1
                    }
                };
                SType::Var(i as u32)
            }
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

    #[test]
    fn every_builtin_has_a_type() {
        let s = schemes();
        for name in crate::eval::builtins::BUILTINS {
            let (_, g) = s
                .iter()
                .find(|(n, _)| n == name)
                .expect("builtin has a signature");
            assert_ne!(g.ty, SType::Error, "{name}");
        }
        let (_, fold) = s.iter().find(|(n, _)| *n == "fold").unwrap();
        assert_eq!(fold.classes.len(), 2);
    }
}
