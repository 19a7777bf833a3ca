//! The stable, readable text form of a parsed unit and of its tokens.
//!
//! Owns the dump format used by `calc parse`, the REPL's `:ast`/`:tokens` and
//! the parse snapshots: one node per line, children indented two spaces, an
//! optional role prefix (`cond:`, `guard:`, `ret:` …) and the node's byte span
//! `@start..end` at the end of the line. Indentation stops growing at
//! [`MAX_INDENT`] levels; deeper lines start with `[depth N]` instead, so the
//! dump of deeply nested input stays linear in its size (10,000 levels of
//! spaces would make it quadratic: a 200 KB input gave a 4.8 GB dump). It
//! must not parse or change the tree.

use crate::span::Span;
use crate::syntax::ast::*;
use crate::syntax::lexer::{Token, TokenKind};
use std::fmt::Write;

/// Dumps a whole program.
pub fn program(p: &Program) -> String {
    let mut d = Dumper {
        out: String::new(),
        depth: 0,
    };
    d.block("Program", None, p.body, None);
    d.out
}

/// Dumps a token stream, one token per line: kind, span and text.
pub fn tokens(toks: &[Token], src: &str) -> String {
    let mut out = String::new();
    for t in toks {
        let text = src.get(t.span.range()).unwrap_or("");
        if t.kind == TokenKind::Eof {
            let _ = writeln!(out, "{:?} @{}..{}", t.kind, t.span.start, t.span.end);
        } else {
            let _ = writeln!(
                out,
                "{:?} {:?} @{}..{}",
                t.kind, text, t.span.start, t.span.end
            );
        }
    }
    out
}

/// Nesting levels shown as indentation; deeper ones are numbered.
pub const MAX_INDENT: usize = 40;

struct Dumper {
    out: String,
    depth: usize,
}

impl Dumper {
    fn line(&mut self, role: Option<&str>, label: &str, span: Option<Span>) {
        for _ in 0..self.depth.min(MAX_INDENT) {
            self.out.push_str("  ");
        }
        if self.depth > MAX_INDENT {
            let _ = write!(self.out, "[depth {}] ", self.depth);
        }
        if let Some(r) = role {
            self.out.push_str(r);
            self.out.push_str(": ");
        }
        self.out.push_str(label);
        if let Some(s) = span {
            let _ = write!(self.out, " @{}..{}", s.start, s.end);
        }
        self.out.push('\n');
    }

    fn nested(&mut self, f: impl FnOnce(&mut Self)) {
        self.depth += 1;
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || f(self));
        self.depth -= 1;
    }

    fn block(&mut self, label: &str, role: Option<&str>, b: &Block, span: Option<Span>) {
        self.line(role, label, span);
        self.nested(|d| {
            for s in b.stmts {
                d.stmt(s);
            }
            if let Some(t) = &b.tail {
                d.expr(Some("tail"), t);
            }
        });
    }

    fn stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::Let(l) => {
                self.line(None, "Let", Some(l.span));
                self.nested(|d| {
                    d.pattern(None, &l.pattern);
                    if let Some(t) = &l.ty {
                        d.ty(Some("type"), t);
                    }
                    d.expr(Some("value"), &l.value);
                });
            }
            Stmt::Fn(f) => {
                self.line(None, &format!("Fn {}", f.name.name), Some(f.span));
                self.nested(|d| {
                    for g in f.generics {
                        let bounds: Vec<_> = g.bounds.iter().map(|b| b.name).collect();
                        let label = if bounds.is_empty() {
                            format!("TypeParam {}", g.name.name)
                        } else {
                            format!("TypeParam {}: {}", g.name.name, bounds.join(" + "))
                        };
                        d.line(None, &label, Some(g.name.span));
                    }
                    for p in f.params {
                        d.param(p);
                    }
                    if let Some(t) = &f.ret {
                        d.ty(Some("ret"), t);
                    }
                    d.expr(Some("body"), &f.body);
                });
            }
            Stmt::Struct(s) => {
                self.line(None, &item_label("Struct", s.name, s.params), Some(s.span));
                self.nested(|d| {
                    for f in s.fields {
                        d.line(None, &format!("Field {}", f.name.name), Some(f.name.span));
                        d.nested(|d| d.ty(None, &f.ty));
                    }
                });
            }
            Stmt::Enum(e) => {
                self.line(None, &item_label("Enum", e.name, e.params), Some(e.span));
                self.nested(|d| {
                    for v in e.variants {
                        d.line(None, &format!("Variant {}", v.name.name), Some(v.span));
                        d.nested(|d| {
                            for t in v.fields {
                                d.ty(None, t);
                            }
                        });
                    }
                });
            }
            Stmt::Expr(e) => {
                self.line(None, "ExprStmt", Some(e.span));
                self.nested(|d| d.expr(None, e));
            }
            Stmt::Empty(s) => self.line(None, "Empty", Some(*s)),
            Stmt::Error(s) => self.line(None, "Error", Some(*s)),
        }
    }

    fn param(&mut self, p: &Param) {
        self.line(None, &format!("Param {}", p.name.name), Some(p.span));
        if let Some(t) = &p.ty {
            self.nested(|d| d.ty(None, t));
        }
    }

    fn expr(&mut self, role: Option<&str>, e: &Expr) {
        let span = Some(e.span);
        match e.kind {
            ExprKind::Int(v) => self.line(role, &format!("Int {v}"), span),
            ExprKind::Float(v) => self.line(role, &format!("Float {v:?}"), span),
            ExprKind::Bool(v) => self.line(role, &format!("Bool {v}"), span),
            ExprKind::Str(s) => self.line(role, &format!("Str {:?}", s.value), span),
            ExprKind::Unit => self.line(role, "Unit", span),
            ExprKind::Var { name, .. } => self.line(role, &format!("Var {name}"), span),
            ExprKind::Unary(u) => {
                let op = match u.op {
                    UnaryOp::Neg => "-",
                    UnaryOp::Not => "!",
                };
                self.line(role, &format!("Unary {op}"), span);
                self.nested(|d| d.expr(None, &u.operand));
            }
            ExprKind::Binary(b) => {
                self.line(role, &format!("Binary {}", b.op.symbol()), span);
                self.nested(|d| {
                    d.expr(None, &b.lhs);
                    d.expr(None, &b.rhs);
                });
            }
            ExprKind::Call(c) => {
                self.line(role, "Call", span);
                self.nested(|d| {
                    d.expr(Some("callee"), &c.callee);
                    for a in c.args {
                        d.expr(Some("arg"), a);
                    }
                });
            }
            ExprKind::MethodCall(m) => {
                self.line(role, &format!("MethodCall {}", m.method.name), span);
                self.nested(|d| {
                    d.expr(Some("receiver"), &m.receiver);
                    for a in m.args {
                        d.expr(Some("arg"), a);
                    }
                });
            }
            ExprKind::Field(f) => {
                self.line(role, &format!("Field {}", f.field.name), span);
                self.nested(|d| d.expr(None, &f.expr));
            }
            ExprKind::Index(i) => {
                self.line(role, "Index", span);
                self.nested(|d| {
                    d.expr(None, &i.expr);
                    d.expr(Some("index"), &i.index);
                });
            }
            ExprKind::Tuple(l) => {
                self.line(role, "Tuple", span);
                self.nested(|d| l.items.iter().for_each(|e| d.expr(None, e)));
            }
            ExprKind::List(l) => {
                self.line(role, "List", span);
                self.nested(|d| l.items.iter().for_each(|e| d.expr(None, e)));
            }
            ExprKind::Block(b) => self.block("Block", role, b, span),
            ExprKind::If(i) => {
                self.line(role, "If", span);
                self.nested(|d| {
                    d.expr(Some("cond"), &i.cond);
                    d.block("Block", Some("then"), i.then_branch, None);
                    if let Some(e) = &i.else_branch {
                        d.expr(Some("else"), e);
                    }
                });
            }
            ExprKind::Match(m) => {
                self.line(role, "Match", span);
                self.nested(|d| {
                    d.expr(Some("scrutinee"), &m.scrutinee);
                    for a in m.arms {
                        d.line(None, "Arm", Some(a.span));
                        d.nested(|d| {
                            d.pattern(None, &a.pattern);
                            if let Some(g) = &a.guard {
                                d.expr(Some("guard"), g);
                            }
                            d.expr(Some("body"), &a.body);
                        });
                    }
                });
            }
            ExprKind::Closure(c) => {
                self.line(role, "Closure", span);
                self.nested(|d| {
                    for p in c.params {
                        d.param(p);
                    }
                    if let Some(t) = &c.ret {
                        d.ty(Some("ret"), t);
                    }
                    d.expr(Some("body"), &c.body);
                });
            }
            ExprKind::StructLit(s) => {
                self.line(role, &format!("StructLit {}", s.name.name), span);
                self.nested(|d| {
                    for f in s.fields {
                        let label = if f.shorthand {
                            format!("FieldInit {} (shorthand)", f.name.name)
                        } else {
                            format!("FieldInit {}", f.name.name)
                        };
                        d.line(None, &label, Some(f.name.span));
                        if !f.shorthand {
                            d.nested(|d| d.expr(None, &f.value));
                        }
                    }
                });
            }
            ExprKind::Error => self.line(role, "Error", span),
        }
    }

    fn pattern(&mut self, role: Option<&str>, p: &Pattern) {
        let span = Some(p.span);
        match p.kind {
            PatKind::Wild => self.line(role, "PWild", span),
            PatKind::Bind(i) => self.line(role, &format!("PBind {}", i.name), span),
            PatKind::Int(v) => self.line(role, &format!("PInt {v}"), span),
            PatKind::Float(v) => self.line(role, &format!("PFloat {v:?}"), span),
            PatKind::Bool(v) => self.line(role, &format!("PBool {v}"), span),
            PatKind::Str(s) => self.line(role, &format!("PStr {:?}", s.value), span),
            PatKind::Unit => self.line(role, "PUnit", span),
            PatKind::Tuple(l) => {
                self.line(role, "PTuple", span);
                self.nested(|d| l.items.iter().for_each(|p| d.pattern(None, p)));
            }
            PatKind::Or(l) => {
                self.line(role, "POr", span);
                self.nested(|d| l.items.iter().for_each(|p| d.pattern(None, p)));
            }
            PatKind::List(l) => {
                self.line(role, "PList", span);
                self.nested(|d| {
                    l.items.iter().for_each(|p| d.pattern(None, p));
                    if let Some(r) = &l.rest {
                        let label = match r.binding {
                            Some(b) => format!("PRest {}", b.name),
                            None => "PRest".to_string(),
                        };
                        d.line(None, &label, Some(r.span));
                    }
                });
            }
            PatKind::Ctor(c) => {
                self.line(role, &format!("PCtor {}", c.name.name), span);
                self.nested(|d| c.args.iter().for_each(|p| d.pattern(None, p)));
            }
            PatKind::Struct(s) => {
                let rest = if s.has_rest { " (..)" } else { "" };
                self.line(role, &format!("PStruct {}{rest}", s.name.name), span);
                self.nested(|d| {
                    for f in s.fields {
                        if f.shorthand {
                            d.line(
                                None,
                                &format!("PField {} (shorthand)", f.field.name),
                                Some(f.field.span),
                            );
                        } else {
                            d.line(
                                None,
                                &format!("PField {}", f.field.name),
                                Some(f.field.span),
                            );
                            d.nested(|d| d.pattern(None, &f.pattern));
                        }
                    }
                });
            }
            PatKind::Error => self.line(role, "PError", span),
        }
    }

    fn ty(&mut self, role: Option<&str>, t: &Type) {
        self.line(role, &format!("Type {}", type_text(t)), Some(t.span));
    }
}

fn item_label(kind: &str, name: &Ident, params: &[Ident]) -> String {
    if params.is_empty() {
        format!("{kind} {}", name.name)
    } else {
        let ps: Vec<_> = params.iter().map(|p| p.name).collect();
        format!("{kind} {}<{}>", name.name, ps.join(", "))
    }
}

/// A type annotation written back as source text (`[Int]`, `fn(a) -> b`).
pub fn type_text(t: &Type) -> String {
    let list = |ts: &[Type]| ts.iter().map(type_text).collect::<Vec<_>>().join(", ");
    match t.kind {
        TypeKind::Named { name, args: [] } => name.name.to_string(),
        TypeKind::Named { name, args } => format!("{}<{}>", name.name, list(args)),
        TypeKind::List(e) => format!("[{}]", type_text(e)),
        TypeKind::Tuple(ts) => format!("({})", list(ts)),
        TypeKind::Unit => "()".to_string(),
        TypeKind::Fn { params, ret } => format!("fn({}) -> {}", list(params), type_text(ret)),
        TypeKind::Error => "<error>".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::arena::Arena;
    use crate::syntax::parser::parse;

    #[test]
    fn dump_shape() {
        let arena = Arena::new();
        let p = parse(&arena, "let x: Int = 1 + 2;\nx");
        assert_eq!(
            program(&p.program),
            "Program\n  Let @0..19\n    PBind x @4..5\n    type: Type Int @7..10\n    value: Binary + @13..18\n      Int 1 @13..14\n      Int 2 @17..18\n  tail: Var x @20..21\n"
        );
    }

    #[test]
    fn token_dump() {
        let (toks, _) = crate::syntax::lexer::lex("f(1)");
        assert_eq!(
            tokens(&toks, "f(1)"),
            "Ident \"f\" @0..1\nLParen \"(\" @1..2\nInt \"1\" @2..3\nRParen \")\" @3..4\nEof @4..4\n"
        );
    }

    #[test]
    fn deep_trees_dump_in_linear_size() {
        let n = 10_000;
        let src = format!("{}1{}", "(".repeat(n), " + 1)".repeat(n));
        let arena = crate::syntax::arena::Arena::new();
        let parsed = crate::syntax::parser::parse(&arena, &src);
        assert!(parsed.diagnostics.is_empty());
        let text = program(&parsed.program);
        assert!(text.len() < 300 * n, "{} bytes", text.len());
        assert!(text.contains(&format!("[depth {}] ", MAX_INDENT + 1)));
        let widest = text.lines().map(str::len).max().unwrap_or(0);
        assert!(widest < 2 * MAX_INDENT + 60, "a line of {widest} bytes");
    }
}
