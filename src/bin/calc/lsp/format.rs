//! Formatting a whole document for `textDocument/formatting`.
//!
//! Owns [`format_document`], the one place the server asks for a
//! document's formatted text: it is `calc fmt`'s layout
//! ([`calc::format_source`]), so the editor and the command line never
//! disagree. It must not decide layout itself.

/// The formatted text of `text`, or `None` when it cannot be formatted
/// (it has a lexical or syntax error: like `calc fmt`, the server never
/// rewrites a file it cannot parse).
pub fn format_document(text: &str) -> Option<String> {
    calc::format_source(text).ok()
}
