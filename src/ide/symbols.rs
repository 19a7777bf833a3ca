//! Document symbols: the outline of a document — its `let` bindings and
//! `fn` items (with their types; a function's own `let`s and items
//! nested under it), structs with their fields, enums with their variants.
//!
//! Owns [`DocSymbol`], [`SymbolKind`] and [`Analysis::symbols`]. It must
//! not evaluate.

use crate::ide::analysis::{Analysis, Analyzed};
use crate::span::Span;
use crate::syntax::ast::*;

/// What a symbol is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolKind {
    /// A `fn` item.
    Function,
    /// A `let` binding.
    Variable,
    /// A struct.
    Struct,
    /// A struct's field.
    Field,
    /// An enum.
    Enum,
    /// An enum's variant.
    Variant,
}

/// One entry of the outline.
#[derive(Clone, Debug, PartialEq)]
pub struct DocSymbol {
    /// Its name.
    pub name: String,
    /// What it is.
    pub kind: SymbolKind,
    /// Its type, for values.
    pub detail: Option<String>,
    /// The whole definition.
    pub span: Span,
    /// The name in the definition.
    pub name_span: Span,
    /// What it contains.
    pub children: Vec<DocSymbol>,
}

impl Analysis {
    /// The document's outline.
    pub fn symbols(&mut self) -> Vec<DocSymbol> {
        self.with(|_, a| {
            let body = a.program.body;
            block(a, body)
        })
    }
}

fn block(a: &mut Analyzed, b: &Block) -> Vec<DocSymbol> {
    let mut out = Vec::new();
    for s in b.stmts {
        match s {
            Stmt::Let(l) => binds(a, &l.pattern, l.span, &mut out),
            Stmt::Fn(f) => {
                let children = match f.body.kind {
                    ExprKind::Block(body) => {
                        stacker::maybe_grow(32 * 1024, 1024 * 1024, || block(a, body))
                    }
                    _ => Vec::new(),
                };
                let detail = a.types.binding_type(a.res.binding(f.name.id));
                out.push(DocSymbol {
                    name: f.name.name.to_string(),
                    kind: SymbolKind::Function,
                    detail,
                    span: f.span,
                    name_span: f.name.span,
                    children,
                });
            }
            Stmt::Struct(st) => out.push(DocSymbol {
                name: st.name.name.to_string(),
                kind: SymbolKind::Struct,
                detail: None,
                span: st.span,
                name_span: st.name.span,
                children: st
                    .fields
                    .iter()
                    .map(|f| DocSymbol {
                        name: f.name.name.to_string(),
                        kind: SymbolKind::Field,
                        detail: None,
                        span: f.name.span.to(f.ty.span),
                        name_span: f.name.span,
                        children: Vec::new(),
                    })
                    .collect(),
            }),
            Stmt::Enum(en) => out.push(DocSymbol {
                name: en.name.name.to_string(),
                kind: SymbolKind::Enum,
                detail: None,
                span: en.span,
                name_span: en.name.span,
                children: en
                    .variants
                    .iter()
                    .map(|v| DocSymbol {
                        name: v.name.name.to_string(),
                        kind: SymbolKind::Variant,
                        detail: None,
                        span: v.span,
                        name_span: v.name.span,
                        children: Vec::new(),
                    })
                    .collect(),
            }),
            Stmt::Expr(_) | Stmt::Empty(_) | Stmt::Error(_) => {}
        }
    }
    out
}

/// The names a `let` pattern binds, as variables.
fn binds(a: &mut Analyzed, p: &Pattern, whole: Span, out: &mut Vec<DocSymbol>) {
    let mut idents = Vec::new();
    collect(p, &mut idents);
    for i in idents {
        let detail = a.types.binding_type(a.res.binding(i.id));
        out.push(DocSymbol {
            name: i.name.to_string(),
            kind: SymbolKind::Variable,
            detail,
            span: whole,
            name_span: i.span,
            children: Vec::new(),
        });
    }
}

fn collect<'a>(p: &Pattern<'a>, out: &mut Vec<&'a Ident<'a>>) {
    stacker::maybe_grow(32 * 1024, 1024 * 1024, || match p.kind {
        PatKind::Bind(i) => out.push(i),
        PatKind::Tuple(l) => l.items.iter().for_each(|q| collect(q, out)),
        PatKind::Or(l) => {
            if let Some(q) = l.items.first() {
                collect(q, out);
            }
        }
        PatKind::List(l) => {
            l.items.iter().for_each(|q| collect(q, out));
            if let Some(Rest {
                binding: Some(i), ..
            }) = l.rest
            {
                out.push(i);
            }
        }
        PatKind::Ctor(c) => c.args.iter().for_each(|q| collect(q, out)),
        PatKind::Struct(s) => s.fields.iter().for_each(|f| collect(&f.pattern, out)),
        _ => {}
    })
}
