//! Owned type declarations: the `struct`s and `enum`s of the prelude and of
//! user units, as the checker keeps them between units and as the
//! exhaustiveness checker reads them.
//!
//! Plain data over owned types ([`SType`]), never borrowing an arena. This
//! module must not infer, resolve names or report diagnostics.

use crate::sema::types::{EqRule, SType};
use std::rc::Rc;

/// A user (or prelude) type declaration, owned.
#[derive(Clone, Debug)]
pub struct TypeDef {
    /// The type's name.
    pub name: Rc<str>,
    /// Type parameter names.
    pub params: Vec<Rc<str>>,
    /// Struct fields or enum variants.
    pub kind: DefKind,
    /// When its values have equality (see [`settle_eq_rules`]).
    pub eq: EqRule,
}

/// The body of a declaration.
#[derive(Clone, Debug)]
pub enum DefKind {
    /// Fields in declaration order (types use `SType::Param`).
    Struct(Vec<(Rc<str>, SType)>),
    /// Variants with their field types.
    Enum(Vec<(Rc<str>, Vec<SType>)>),
}

/// Settles the [`EqRule`]s of `defs[start..]` (declarations of one block,
/// which may refer to each other and to `defs[..start]`, already settled).
///
/// Recursive types are handled coinductively: the rules start from
/// "equality holds, no argument needed" and only grow until nothing changes
/// (a greatest fixed point), so `enum L<T> { Nil, Cons(T, L<T>) }` needs
/// `T: Eq` and nothing else. Each round can only set flags, so there are at
/// most one round per flag plus one.
pub fn settle_eq_rules(defs: &mut [TypeDef], start: usize) {
    for d in defs[start..].iter_mut() {
        d.eq = EqRule {
            needs: vec![false; d.params.len()],
            never: None,
        };
    }
    loop {
        let mut changed = false;
        for i in start..defs.len() {
            let mut rule = defs[i].eq.clone();
            let fields: Vec<(String, &SType)> = match &defs[i].kind {
                DefKind::Struct(fs) => fs
                    .iter()
                    .map(|(n, t)| (format!("the field `{n}` of `{}`", defs[i].name), t))
                    .collect(),
                DefKind::Enum(vs) => vs
                    .iter()
                    .flat_map(|(n, ts)| {
                        ts.iter()
                            .enumerate()
                            .map(move |(k, t)| (format!("field {} of the variant `{n}`", k + 1), t))
                    })
                    .collect(),
            };
            for (what, t) in fields {
                eq_walk(defs, t, &what, &mut rule);
            }
            if rule != defs[i].eq {
                defs[i].eq = rule;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

/// Records in `rule` what a field of type `t` (described by `what`) needs for
/// equality.
fn eq_walk(defs: &[TypeDef], t: &SType, what: &str, rule: &mut EqRule) {
    match t {
        SType::Fn(..) => {
            if rule.never.is_none() {
                rule.never = Some(Rc::from(format!("{what} holds a function")));
            }
        }
        SType::Param(i) => {
            if let Some(n) = rule.needs.get_mut(*i as usize) {
                *n = true;
            }
        }
        SType::List(x) => eq_walk(defs, x, what, rule),
        SType::Tuple(xs) => xs.iter().for_each(|x| eq_walk(defs, x, what, rule)),
        SType::Named(d, args) => {
            let Some(def) = defs.get(*d as usize) else {
                return;
            };
            if let Some(why) = &def.eq.never
                && rule.never.is_none()
            {
                rule.never = Some(Rc::from(format!("{what} is a `{}`: {why}", def.name)));
            }
            for (a, needed) in args.iter().zip(def.eq.needs.iter()) {
                if *needed {
                    eq_walk(defs, a, what, rule);
                }
            }
        }
        SType::Var(_)
        | SType::Int
        | SType::Float
        | SType::Bool
        | SType::Str
        | SType::Unit
        | SType::Error => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(name: &str, params: usize, kind: DefKind) -> TypeDef {
        TypeDef {
            name: Rc::from(name),
            params: (0..params).map(|i| Rc::from(format!("T{i}"))).collect(),
            kind,
            eq: EqRule::default(),
        }
    }

    fn variant(name: &str, fields: Vec<SType>) -> (Rc<str>, Vec<SType>) {
        (Rc::from(name), fields)
    }

    #[test]
    fn phantom_parameters_need_nothing_and_used_ones_do() {
        let mut defs = vec![def(
            "Ph",
            2,
            DefKind::Struct(vec![(
                Rc::from("x"),
                SType::List(Box::new(SType::Param(1))),
            )]),
        )];
        settle_eq_rules(&mut defs, 0);
        assert_eq!(defs[0].eq.needs, vec![false, true]);
        assert_eq!(defs[0].eq.never, None);
    }

    #[test]
    fn recursion_is_coinductive_and_functions_propagate_through_declarations() {
        let list = DefKind::Enum(vec![
            variant("Nil", vec![]),
            variant(
                "Cons",
                vec![SType::Param(0), SType::Named(0, vec![SType::Param(0)])],
            ),
        ]);
        // A holds B, B holds A or a function: neither has equality.
        let a = DefKind::Enum(vec![variant("X", vec![SType::Named(2, vec![])])]);
        let b = DefKind::Enum(vec![
            variant("Y", vec![SType::Named(1, vec![])]),
            variant("Z", vec![SType::Fn(vec![], Box::new(SType::Int))]),
        ]);
        let mut defs = vec![def("L", 1, list), def("A", 0, a), def("B", 0, b)];
        settle_eq_rules(&mut defs, 0);
        assert_eq!(defs[0].eq.needs, vec![true]);
        assert_eq!(defs[0].eq.never, None);
        assert!(defs[1].eq.never.as_deref().unwrap_or("").contains("`B`"));
        assert!(defs[2].eq.never.is_some());
    }
}
