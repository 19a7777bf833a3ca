//! The left spine of a chain of binary operations.
//!
//! The parser builds `1 + 2 + 3 + 4` in a loop as `((1 + 2) + 3) + 4`: a
//! chain as long as the source, nested down the left operands, which the
//! parser's nesting limit does not bound. Owns the one walk down that
//! spine, so that the later passes (resolver, checker, evaluator, printer)
//! handle a chain in a loop, innermost operation first, instead of
//! recursing once per operator. It must not interpret the operators.

use crate::syntax::ast::{Binary, Expr, ExprKind};

/// Walks down the left edge of `e` through binary operations, outermost
/// first: hands each operation to `visit`, and goes on into its left
/// operand while `visit` returns true and that operand is a binary
/// operation too. Returns the left operand of the last operation visited,
/// or `e` itself when it is not a binary operation (nothing is visited).
///
/// A pass that stacks the visited operations, handles the returned
/// operand, then each stacked operation's right operand from the top of
/// its stack down, does what recursing on the left operand first would.
pub fn walk_left_spine<'e, 'a>(
    e: &'e Expr<'a>,
    mut visit: impl FnMut(&'e Expr<'a>, &'e Binary<'a>) -> bool,
) -> &'e Expr<'a> {
    let mut cur = e;
    while let ExprKind::Binary(b) = &cur.kind {
        let go_on = visit(cur, b);
        cur = &b.operands().lhs;
        if !go_on {
            break;
        }
    }
    cur
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::arena::Arena;
    use crate::syntax::parser::parse;

    /// The spine's operators, outermost first, and the operand returned,
    /// for `src` walked to at most `limit` operations.
    fn walk(src: &str, limit: usize) -> (Vec<String>, String) {
        let arena = Arena::new();
        let parsed = parse(&arena, src);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        let tail = parsed
            .program
            .body
            .tail
            .as_ref()
            .expect("the source is one expression");
        let mut ops = Vec::new();
        let rest = walk_left_spine(tail, |_, b| {
            ops.push(b.op.symbol().to_string());
            ops.len() < limit
        });
        (
            ops,
            src[rest.span.start as usize..rest.span.end as usize].to_string(),
        )
    }

    #[test]
    fn a_left_deep_chain_is_walked_down_to_its_first_operand() {
        let (ops, rest) = walk("a * b - c + d", usize::MAX);
        assert_eq!(ops, ["+", "-", "*"]);
        assert_eq!(rest, "a");
    }

    #[test]
    fn the_walk_stops_where_visit_says() {
        let (ops, rest) = walk("a - b - c - d", 2);
        assert_eq!(ops, ["-", "-"]);
        assert_eq!(rest, "a - b");
    }

    #[test]
    fn right_operands_and_other_expressions_are_not_the_spine() {
        let (ops, rest) = walk("a ** b ** c", usize::MAX);
        assert_eq!(ops, ["**"]);
        assert_eq!(rest, "a");
        let (ops, rest) = walk("f(a + b)", usize::MAX);
        assert!(ops.is_empty());
        assert_eq!(rest, "f(a + b)");
    }
}
