//! Editor analysis: what a language server answers about one document,
//! from the front end's results, without ever running the program.
//!
//! An [`Analysis`] owns a document's text and its one arena, and holds the
//! parsed tree, the name resolution, the checker's diagnostics and a type
//! table (the checker's opt-in side table of every expression's and
//! binding's type, which the batch checker does not keep) plus an index of
//! every name. A change builds a new analysis in the same arena, reset.
//! Queries take and give byte offsets and [`Span`](crate::span::Span)s;
//! [`position`] converts them to and from the UTF-16 positions editors
//! send. One module per feature: [`hover`], [`navigate`] (definition,
//! references, rename), [`complete`], [`hints`], [`symbols`], [`fixes`];
//! the shared walks are [`index`] (names) and [`scope`] (bindings in scope).
//!
//! Dependency order: `ide` uses `span`, `diag`, `syntax` and `sema`, and
//! nothing in the library uses it. It must not evaluate, print or do I/O;
//! the protocol itself (JSON, stdio) lives in the `calc` binary.

pub mod analysis;
pub mod complete;
pub mod fixes;
pub mod help;
pub mod hints;
pub mod hover;
pub mod index;
pub mod navigate;
pub mod position;
pub mod scope;
pub mod symbols;
#[cfg(test)]
mod tests;

pub use analysis::Analysis;
pub use complete::{Completion, CompletionKind};
pub use fixes::Fix;
pub use hints::Hint;
pub use hover::Hover;
pub use navigate::RenameError;
pub use position::{LineMap, Position};
pub use symbols::{DocSymbol, SymbolKind};

impl Analysis {
    /// Analyses `text` in a new arena.
    pub fn of(text: &str) -> Analysis {
        Analysis::new(text.to_string(), crate::syntax::arena::Arena::new())
    }

    /// The byte offset of position `pos` in the text.
    pub fn offset(&self, pos: Position) -> u32 {
        self.lines().offset(self.text(), pos)
    }

    /// The UTF-16 position of byte `offset` of the text.
    pub fn position(&self, offset: u32) -> Position {
        self.lines().position(self.text(), offset)
    }
}
