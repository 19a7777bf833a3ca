//! `calc fmt` in the library: source text to its canonical layout, with
//! every comment kept.
//!
//! Owns the formatter's front door, [`format_source`]: parse, refuse a
//! source with syntax errors (their diagnostics, so nothing is ever
//! rewritten from a broken tree), lex the comments into the trivia side
//! table and print with [`crate::syntax::print::format`]. Layout lives in
//! the printer; this module must not decide any of it, and must not touch
//! files.

use crate::diag::Diagnostic;
use crate::syntax::arena::Arena;
use crate::syntax::{lexer, parser, print};

/// Formats a calc source: the canonical layout of `calc fmt` (100 columns,
/// four-space indentation, long calls, lists, `match`es and `if` chains
/// broken one item per line), every comment kept where it was, in order.
/// Formatting is idempotent and never changes what the program means.
///
/// A source that does not parse is refused with its diagnostics (lexical
/// and syntax errors, unlocated: use [`crate::diag::locate_all`] or
/// [`crate::diag::render`] with the same text). A byte-order mark at the
/// very start is dropped.
///
/// ```
/// let tidy = calc::format_source("let  x=[1,2 ,3];// three\nx.len( )").unwrap();
/// assert_eq!(tidy, "let x = [1, 2, 3]; // three\nx.len()\n");
/// let refused = calc::format_source("let x = ;").unwrap_err();
/// assert_eq!(refused[0].code, "E0101");
/// ```
pub fn format_source(source: &str) -> Result<String, Vec<Diagnostic>> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let arena = Arena::new();
    let parsed = parser::parse(&arena, source);
    if !parsed.diagnostics.is_empty() {
        return Err(parsed.diagnostics);
    }
    let (tokens, comments, _) = lexer::lex_with_trivia(source);
    Ok(print::format(&parsed.program, source, comments, tokens))
}
