//! Printing patterns and types.
//!
//! Owns the layout of patterns (in `let`, parameters and `match` arms) and
//! of type annotations. It must not print expressions.

use super::*;

impl Printer<'_> {
    pub(super) fn pattern(&mut self, p: &Pattern) -> DocId {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || {
            self.with_inline(p.span.start, |this| this.pattern_inner(p))
        })
    }

    /// A list of patterns.
    pub(super) fn pattern_list(&mut self, l: List, items: &[Pattern]) -> DocId {
        let spans: Vec<Span> = items.iter().map(|p| p.span).collect();
        self.list(l, &spans, |this, i| this.pattern(&items[i]))
    }

    pub(super) fn pattern_inner(&mut self, p: &Pattern) -> DocId {
        match p.kind {
            PatKind::Wild => self.text("_"),
            PatKind::Bind(i) => self.text(i.name.as_str()),
            PatKind::Int(v) => self.text(&v.to_string()),
            PatKind::Float(v) => self.text(&float_text(v)),
            PatKind::Bool(b) => self.text(if b { "true" } else { "false" }),
            PatKind::Str(s) => self.text(&string_text(s.value)),
            PatKind::Unit => self.text("()"),
            PatKind::Tuple(l) => {
                let list = List::tight("(", ")", TokenKind::RParen, p.span.start);
                self.pattern_list(list, l.items)
            }
            PatKind::Or(l) => {
                let mut parts = Vec::with_capacity(l.items.len() * 2);
                for (i, alt) in l.items.iter().enumerate() {
                    if i > 0 {
                        parts.push(self.doc.text(" |"));
                        parts.push(self.doc.line());
                    }
                    // An or-pattern inside an alternative needs parentheses.
                    let d = if matches!(alt.kind, PatKind::Or(_)) {
                        let open = self.text("(");
                        let d = self.pattern(alt);
                        let close = self.text(")");
                        self.cat([open, d, close])
                    } else {
                        self.pattern(alt)
                    };
                    parts.push(d);
                }
                let all = self.doc.concat(parts);
                self.doc.group(all)
            }
            PatKind::List(l) => {
                let mut spans: Vec<Span> = l.items.iter().map(|p| p.span).collect();
                spans.extend(l.rest.map(|r| r.span));
                let list = List::tight("[", "]", TokenKind::RBracket, p.span.start);
                self.list(list, &spans, |this, i| match l.items.get(i) {
                    Some(item) => this.pattern(item),
                    None => match l.rest.and_then(|r| r.binding) {
                        Some(b) => this.doc.text(&format!("..{}", b.name)),
                        None => this.doc.text(".."),
                    },
                })
            }
            PatKind::Ctor(c) => {
                let name = self.text(c.name.name.as_str());
                if c.args.is_empty() {
                    return name;
                }
                let list = List::tight("(", ")", TokenKind::RParen, c.name.span.end);
                let args = self.pattern_list(list, c.args);
                self.cat([name, args])
            }
            PatKind::Struct(s) => {
                let name = self.text(s.name.name.as_str());
                let mut spans: Vec<Span> = s
                    .fields
                    .iter()
                    .map(|f| cover(f.field.span, f.pattern.span))
                    .collect();
                if s.has_rest {
                    // `..` has no span in the tree: it is the first `..`
                    // token after the last field.
                    let after = spans.last().map_or(s.name.span.end, |l| l.end);
                    let at = match self.comments {
                        Some(_) => self.close_pos(after, TokenKind::DotDot),
                        None => after,
                    };
                    spans.push(Span::new(at, at.saturating_add(2)));
                }
                let body = self.list(List::braces(s.name.span.end), &spans, |this, i| {
                    let Some(f) = s.fields.get(i) else {
                        return this.doc.text("..");
                    };
                    let field = this.text(f.field.name.as_str());
                    if f.shorthand {
                        return field;
                    }
                    let colon = this.text(": ");
                    let pat = this.pattern(&f.pattern);
                    this.cat([field, colon, pat])
                });
                self.cat([name, body])
            }
            PatKind::Error => self.text("<error>"),
        }
    }

    // ----- types -----

    pub(super) fn ty(&mut self, t: &Type) -> DocId {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || {
            self.with_inline(t.span.start, |this| this.ty_inner(t))
        })
    }

    /// A list of types.
    pub(super) fn type_list(&mut self, l: List, ts: &[Type]) -> DocId {
        let spans: Vec<Span> = ts.iter().map(|t| t.span).collect();
        self.list(l, &spans, |this, i| this.ty(&ts[i]))
    }

    pub(super) fn ty_inner(&mut self, t: &Type) -> DocId {
        match t.kind {
            TypeKind::Named { name, args } => {
                let name_doc = self.text(name.name.as_str());
                if args.is_empty() {
                    return name_doc;
                }
                let list = List::bare("<", ">", TokenKind::Gt, name.span.end);
                let args = self.type_list(list, args);
                self.cat([name_doc, args])
            }
            TypeKind::List(e) => {
                let open = self.text("[");
                let e = self.ty(e);
                let close = self.text("]");
                self.cat([open, e, close])
            }
            TypeKind::Tuple(ts) => {
                let list = List::tight("(", ")", TokenKind::RParen, t.span.start);
                self.type_list(list, ts)
            }
            TypeKind::Unit => self.text("()"),
            TypeKind::Fn { params, ret } => {
                let list = List::tight("fn(", ")", TokenKind::RParen, t.span.start);
                let params = self.type_list(list, params);
                let arrow = self.text(" -> ");
                let ret = self.ty(ret);
                self.cat([params, arrow, ret])
            }
            TypeKind::Error => self.text("<error>"),
        }
    }
}
