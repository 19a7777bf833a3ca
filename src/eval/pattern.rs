//! Pattern matching: `match` arms, guards and `let` patterns.
//!
//! Owns testing a value against a pattern and writing the pattern's
//! bindings into the current frame, and choosing a `match` arm (A9:
//! or-patterns with a guard try each matching alternative). It must not
//! evaluate anything but an arm's guard.

use crate::eval::error::QUOTED_VALUE_CHARS;
use crate::eval::interp::{Cx, Frame};
use crate::eval::list::List;
use crate::eval::value::{B8, Value};
use crate::eval::{Interp, R};
use crate::sema::resolve::Slot;
use crate::span::Span;
use crate::syntax::ast::{Arm, Match, PatKind, Pattern, Rest};

impl Interp {
    /// The first arm of `m` that matches `v`, with its bindings written;
    /// no arm matching is an error at `span`.
    pub(super) fn select_arm<'m>(
        &mut self,
        cx: &Cx,
        fr: Frame,
        m: &'m Match<'m>,
        v: &Value,
        span: Span,
    ) -> R<&'m Arm<'m>> {
        for arm in m.arms {
            if self.arm_matches(cx, fr, arm, v)? {
                return Ok(arm);
            }
        }
        Err(self.bug(
            cx,
            format_args!(
                "no arm of this exhaustive `match` matches the value {}",
                v.display_clipped(true, QUOTED_VALUE_CHARS)
            ),
            span,
        ))
    }

    /// Tries one arm: its pattern, then its guard. For an or-pattern with a
    /// guard, each matching alternative is tried in turn (A9).
    fn arm_matches(&mut self, cx: &Cx, fr: Frame, arm: &Arm, v: &Value) -> R<bool> {
        let Some(guard) = &arm.guard else {
            return Ok(self.bind(cx, fr, &arm.pattern, v));
        };
        let alternatives: &[Pattern] = match arm.pattern.kind {
            PatKind::Or(l) => l.items,
            _ => std::slice::from_ref(&arm.pattern),
        };
        for alt in alternatives {
            if self.bind(cx, fr, alt, v) && self.cond(cx, fr, guard)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Matches `v` against `p`, writing bindings into the frame.
    pub(super) fn bind(&mut self, cx: &Cx, fr: Frame, p: &Pattern, v: &Value) -> bool {
        match (p.kind, v) {
            (PatKind::Wild, _) => true,
            (PatKind::Bind(ident), _) => {
                if let Slot::Local(s) = cx.res.slot(ident.id) {
                    self.stack[fr.base + s as usize] = v.clone();
                }
                true
            }
            (PatKind::Int(a), Value::Int(b)) => a == *b,
            (PatKind::Float(a), Value::Float(b)) => a == *b,
            (PatKind::Bool(a), Value::Bool(B8(b))) => a == *b,
            (PatKind::Str(a), Value::Str(b)) => a.value == b.as_str(),
            (PatKind::Unit, Value::Unit) => true,
            (PatKind::Tuple(l), Value::Tuple(items)) => {
                l.items.len() == items.len()
                    && l.items
                        .iter()
                        .zip(items.iter())
                        .all(|(q, x)| self.bind(cx, fr, q, x))
            }
            (PatKind::Or(l), _) => l.items.iter().any(|q| self.bind(cx, fr, q, v)),
            (PatKind::List(l), Value::List(list)) => {
                // Read once: a view's elements take a call to reach.
                let items = list.as_slice();
                let n = l.items.len();
                let ok_len = match l.rest {
                    Some(_) => items.len() >= n,
                    None => items.len() == n,
                };
                if !ok_len
                    || !l
                        .items
                        .iter()
                        .zip(items.iter())
                        .all(|(q, x)| self.bind(cx, fr, q, x))
                {
                    return false;
                }
                if let Some(Rest {
                    binding: Some(b), ..
                }) = l.rest
                    && let Slot::Local(s) = cx.res.slot(b.id)
                {
                    self.stack[fr.base + s as usize] = Value::List(List::skip(list, n));
                }
                true
            }
            (PatKind::Ctor(c), Value::Enum(e)) => {
                let Slot::Variant(i) = cx.res.slot(c.name.id) else {
                    return false;
                };
                let want = &cx.res.variants[i as usize];
                // The checker gave the pattern the scrutinee's enum type,
                // so the tag alone tells the variant.
                want.tag == e.variant.tag
                    && c.args
                        .iter()
                        .zip(e.fields.iter())
                        .all(|(q, x)| self.bind(cx, fr, q, x))
            }
            (PatKind::Struct(sp), Value::Struct(s)) => {
                sp.fields
                    .iter()
                    .all(|f| match self.field_of(cx, f.field, &s.fields) {
                        Some(x) => self.bind(cx, fr, &f.pattern, x),
                        None => false,
                    })
            }
            _ => false,
        }
    }
}
