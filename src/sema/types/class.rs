//! Class membership: requiring a type to be in `Num`, `Ord`, `Eq` or
//! `Seq` (A3), constraining variables and checking built types.
//!
//! Owns [`TypeStore::constrain`] only. It must not bind variables to
//! types (that is unification's).

use super::*;

impl TypeStore {
    /// Requires `t` to be a member of every class in `classes`.
    pub fn constrain(&mut self, t: TyId, classes: Classes) -> Result<(), UnifyError> {
        if classes.is_empty() {
            return Ok(());
        }
        let t = self.find(t);
        let fail = |class: &'static str| {
            Err(UnifyError::Class {
                ty: t,
                class,
                why: None,
                var: None,
            })
        };
        match self.nodes[t.0 as usize] {
            Node::Var { classes: c, level } => {
                self.nodes[t.0 as usize] = Node::Var {
                    classes: c.with(classes),
                    level,
                };
                Ok(())
            }
            Node::Rigid { classes: c, .. } => {
                for (cl, name) in [
                    (Classes::NUM, "Num"),
                    (Classes::ORD, "Ord"),
                    (Classes::EQ, "Eq"),
                    (Classes::SEQ, "Seq"),
                ] {
                    if classes.contains(cl) && !c.contains(cl) {
                        return fail(name);
                    }
                }
                Ok(())
            }
            Node::Error => Ok(()),
            node => {
                if classes.contains(Classes::NUM) && !matches!(node, Node::Int | Node::Float) {
                    return fail("Num");
                }
                if classes.contains(Classes::ORD)
                    && !matches!(node, Node::Int | Node::Float | Node::Str)
                {
                    return fail("Ord");
                }
                if classes.contains(Classes::SEQ) && !matches!(node, Node::Str | Node::List(_)) {
                    return fail("Seq");
                }
                if classes.contains(Classes::EQ) && !self.meta[t.0 as usize].eq_ok {
                    match node {
                        Node::Fn(..) => return fail("Eq"),
                        Node::List(x) => deep(|| self.constrain(x, Classes::EQ))?,
                        Node::Tuple(xs) => {
                            for k in 0..xs.len() {
                                let x = self.part(xs, k);
                                deep(|| self.constrain(x, Classes::EQ))?;
                            }
                        }
                        Node::Named(d, xs) => {
                            // Structural: the fields decide, through the
                            // declaration's rule (phantom parameters need
                            // nothing; a field holding a function, nothing
                            // helps).
                            let rule = self.eq_rules.get(d as usize).cloned().unwrap_or_default();
                            if let Some(why) = rule.never {
                                return Err(UnifyError::Class {
                                    ty: t,
                                    class: "Eq",
                                    why: Some(why),
                                    var: None,
                                });
                            }
                            for (k, needed) in rule.needs.iter().enumerate().take(xs.len()) {
                                if *needed {
                                    let x = self.part(xs, k);
                                    deep(|| self.constrain(x, Classes::EQ))?;
                                }
                            }
                        }
                        _ => {}
                    }
                    self.meta[t.0 as usize].eq_ok = true;
                }
                Ok(())
            }
        }
    }
}
