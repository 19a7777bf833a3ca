//! The column plan: a checked formula's syntax tree turned, once, into the
//! tree of column operations a batch runs.
//!
//! Owns [`Node`] and [`plan`]. Literals, inputs, unary and binary
//! operators (`++` aside), `if`/`else`, `&&`/`||` and statement-free
//! blocks get a column form; every other subexpression (a call, a `match`,
//! a block with `let`s, string concatenation) becomes a [`Node::Rows`]: its
//! source text compiled as a program of the same inputs, evaluated row by
//! row on the rows that need it. A unit with top-level statements, or a
//! subexpression whose type has no column type, is one `Rows` node: the
//! whole formula row by row. This module must not evaluate.

use crate::engine::{Engine, Program};
use crate::sema::resolve::{Resolution, Slot};
use crate::syntax::ast::{BinOp, Block, Expr, ExprKind, UnaryOp};

/// Deepest expression given a column form (deeper ones go row by row, so
/// the batch walk needs no stack check).
const MAX_DEPTH: u32 = 128;

/// The calc types that have a column type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// `Int` ↔ Int64
    Int,
    /// `Float` ↔ Float64
    Float,
    /// `Bool` ↔ Boolean
    Bool,
    /// `Str` ↔ Utf8 or Utf8View
    Str,
}

impl Kind {
    /// The kind of a calc type written as calc prints it.
    pub fn of(type_name: &str) -> Option<Kind> {
        match type_name {
            "Int" => Some(Kind::Int),
            "Float" => Some(Kind::Float),
            "Bool" => Some(Kind::Bool),
            "Str" => Some(Kind::Str),
            _ => None,
        }
    }
}

/// A literal constant of a column kind.
#[derive(Clone, Debug)]
pub enum Lit {
    /// An Int.
    Int(i64),
    /// A Float.
    Float(f64),
    /// A Bool.
    Bool(bool),
    /// A Str.
    Str(String),
}

/// One column operation; its children are evaluated first.
#[derive(Clone, Debug)]
pub enum Node {
    /// The same value on every row.
    Lit(Lit),
    /// Input column `i`.
    Input(usize),
    /// `-x` on Ints (`true`) or Floats (`false`).
    Neg(bool, Box<Node>),
    /// `!x`.
    Not(Box<Node>),
    /// `x op y` for an arithmetic operator, both of `kind` (Int or Float).
    Arith(BinOp, Kind, Box<Node>, Box<Node>),
    /// `x op y` for a comparison, both operands of `kind`.
    Compare(BinOp, Kind, Box<Node>, Box<Node>),
    /// `x && y`: `y` only where `x` holds.
    And(Box<Node>, Box<Node>),
    /// `x || y`: `y` only where `x` does not hold.
    Or(Box<Node>, Box<Node>),
    /// `if c { t } else { e }`: each branch only on its rows.
    If(Box<Node>, Box<Node>, Box<Node>),
    /// A subexpression without a column form, compiled on its own and
    /// evaluated row by row; its result is of `kind`.
    Rows(Program, Kind),
}

/// What planning needs: the engine (to compile `Rows` subexpressions), the
/// formula's source and inputs, and which global is which input.
pub struct Planner<'p> {
    /// Compiles the `Rows` subexpressions, with the host functions.
    pub engine: &'p Engine,
    /// The whole formula's source.
    pub source: &'p str,
    /// The inputs, as the program declares them.
    pub inputs: &'p [(String, String)],
    /// The global slot of each input, in order.
    pub globals: &'p [u32],
    /// The kind of each input.
    pub kinds: &'p [Kind],
}

impl Planner<'_> {
    /// The plan of the unit `program` (whose result has a column kind):
    /// column operations where they exist, `Rows` nodes elsewhere.
    pub fn plan(&self, program: &Program, result: Kind) -> Node {
        let planned = program.checked().unit().with_compiled(|c| {
            let body = c.program.body;
            match (&body.tail, body.stmts.is_empty()) {
                (Some(tail), true) => self.expr(&c.resolution, tail, 0).map(|(n, _)| n),
                _ => None,
            }
        });
        planned.unwrap_or_else(|| Node::Rows(program.clone(), result))
    }

    /// `e` as a column operation with its kind; `None` when `e` can be
    /// neither a column operation nor a `Rows` node.
    fn expr(&self, res: &Resolution, e: &Expr, depth: u32) -> Option<(Node, Kind)> {
        if depth > MAX_DEPTH {
            return self.rows(e);
        }
        let d = depth + 1;
        Some(match e.kind {
            ExprKind::Int(i) => (Node::Lit(Lit::Int(i)), Kind::Int),
            ExprKind::Float(x) => (Node::Lit(Lit::Float(x)), Kind::Float),
            ExprKind::Bool(b) => (Node::Lit(Lit::Bool(b)), Kind::Bool),
            ExprKind::Str(s) => (Node::Lit(Lit::Str(s.value.to_string())), Kind::Str),
            ExprKind::Var { id, .. } => match res.slot(id) {
                Slot::Global(g) => match self.globals.iter().position(|&x| x == g) {
                    Some(i) => (Node::Input(i), self.kinds[i]),
                    None => return self.rows(e),
                },
                _ => return self.rows(e),
            },
            ExprKind::Unary(u) => {
                let (x, k) = self.expr(res, &u.operand, d)?;
                match (u.op, k) {
                    (UnaryOp::Neg, Kind::Int) => (Node::Neg(true, Box::new(x)), k),
                    (UnaryOp::Neg, Kind::Float) => (Node::Neg(false, Box::new(x)), k),
                    (UnaryOp::Not, Kind::Bool) => (Node::Not(Box::new(x)), k),
                    _ => return self.rows(e),
                }
            }
            ExprKind::Binary(b) => {
                if b.op == BinOp::Concat {
                    return self.rows(e);
                }
                let (x, k) = self.expr(res, &b.lhs, d)?;
                let (y, ky) = self.expr(res, &b.rhs, d)?;
                if k != ky {
                    return self.rows(e);
                }
                let (x, y) = (Box::new(x), Box::new(y));
                match b.op {
                    BinOp::And if k == Kind::Bool => (Node::And(x, y), k),
                    BinOp::Or if k == Kind::Bool => (Node::Or(x, y), k),
                    BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                        (Node::Compare(b.op, k, x, y), Kind::Bool)
                    }
                    BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div | BinOp::Rem | BinOp::Pow
                        if matches!(k, Kind::Int | Kind::Float) =>
                    {
                        (Node::Arith(b.op, k, x, y), k)
                    }
                    _ => return self.rows(e),
                }
            }
            ExprKind::If(i) => {
                let (Some(then), Some(other)) = (block_tail(i.then_branch), &i.else_branch) else {
                    return self.rows(e);
                };
                let (c, kc) = self.expr(res, &i.cond, d)?;
                let (t, kt) = self.expr(res, then, d)?;
                let (o, ko) = self.expr(res, other, d)?;
                if kc != Kind::Bool || kt != ko {
                    return self.rows(e);
                }
                (Node::If(Box::new(c), Box::new(t), Box::new(o)), kt)
            }
            ExprKind::Block(b) => match block_tail(b) {
                Some(t) => self.expr(res, t, d)?,
                None => return self.rows(e),
            },
            _ => return self.rows(e),
        })
    }

    /// `e` compiled on its own as a program of the same inputs, when its
    /// result has a column kind.
    fn rows(&self, e: &Expr) -> Option<(Node, Kind)> {
        let text = self
            .source
            .get(e.span.start as usize..e.span.end as usize)?;
        let inputs: Vec<(&str, &str)> = self
            .inputs
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        let program = self.engine.compile(text, &inputs).ok()?;
        let kind = Kind::of(program.result_type())?;
        Some((Node::Rows(program, kind), kind))
    }
}

/// The expression a statement-free block stands for.
fn block_tail<'e>(b: &'e Block<'e>) -> Option<&'e Expr<'e>> {
    match b.stmts.is_empty() {
        true => b.tail.as_ref(),
        false => None,
    }
}
