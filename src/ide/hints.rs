//! Inlay hints: the inferred type after each `let` binding and parameter
//! written without an annotation.
//!
//! Owns [`Hint`] and [`Analysis::inlay_hints`]; the sites come from the
//! name index, the types from the checker's type table. It must not
//! evaluate.

use crate::ide::analysis::Analysis;
use crate::span::Span;

/// One hint: `: Type` shown at the end of a name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hint {
    /// The byte offset where the hint is shown (the end of the name).
    pub offset: u32,
    /// The text shown, `: Int`.
    pub label: String,
}

impl Analysis {
    /// The hints for the names inside `range`, in source order.
    pub fn inlay_hints(&mut self, range: Span) -> Vec<Hint> {
        self.with(|_, a| {
            let mut out = Vec::new();
            for &(span, b) in &a.index.hints {
                if span.end < range.start || span.start > range.end {
                    continue;
                }
                if let Some(t) = a.types.binding_type(b)
                    && t != "_"
                {
                    out.push(Hint {
                        offset: span.end,
                        label: format!(": {t}"),
                    });
                }
            }
            out
        })
    }
}
