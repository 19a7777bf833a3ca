//! Turning a unit's raw bytes into source text.
//!
//! Owns the input checks that come before lexing: valid UTF-8 and a size that
//! 32-bit spans can address. It must not tokenize.

use crate::diag::{Diagnostic, codes};
use crate::span::Span;

/// The UTF-8 byte-order mark, which A1 says is skipped at the very start.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Checks that `bytes` is UTF-8 that spans can address, and returns it as
/// text, without a byte-order mark at the very start (A1): spans index
/// into the returned text, so diagnostics rendered over it point right.
///
/// Invalid UTF-8 is reported with the byte offset of the first bad byte in
/// `bytes`; its span indexes into [`valid_prefix`].
pub fn decode(bytes: &[u8]) -> Result<&str, Diagnostic> {
    let bom = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
    let bytes = &bytes[bom..];
    if bytes.len() > u32::MAX as usize - 1 {
        return Err(Diagnostic::error(
            codes::SOURCE_TOO_LARGE,
            format!(
                "source is {} bytes; calc accepts at most {} bytes per unit",
                bytes.len(),
                u32::MAX - 1
            ),
            Span::new(0, 0),
        ));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to() as u32;
        let bad = e.error_len().unwrap_or(1) as u32;
        Diagnostic::error(
            codes::INVALID_UTF8,
            format!(
                "source is not valid UTF-8: invalid byte at offset {}",
                at as usize + bom
            ),
            Span::new(at, at + bad),
        )
        .with_help("calc source files must be encoded as UTF-8")
    })
}

/// The longest valid UTF-8 prefix of `bytes` (after a byte-order mark, as
/// in [`decode`]), for showing where invalid input starts.
pub fn valid_prefix(bytes: &[u8]) -> &str {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or(""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_text_passes() {
        assert_eq!(decode("héllo".as_bytes()).unwrap(), "héllo");
    }

    #[test]
    fn invalid_byte_offset_is_named() {
        let err = decode(b"let x = \xff;").unwrap_err();
        assert_eq!(err.code, codes::INVALID_UTF8);
        assert!(err.message.contains("offset 8"), "{}", err.message);
        assert_eq!(err.primary_span(), Some(Span::new(8, 9)));
    }

    #[test]
    fn a_byte_order_mark_at_the_start_is_skipped() {
        assert_eq!(decode(b"\xEF\xBB\xBF1 + 1").unwrap(), "1 + 1");
        assert_eq!(
            decode(b"1\xEF\xBB\xBF").unwrap(),
            "1\u{feff}",
            "only at the start"
        );
        let err = decode(b"\xEF\xBB\xBFlet x = \xff;").unwrap_err();
        assert!(err.message.contains("offset 11"), "{}", err.message);
        assert_eq!(err.primary_span(), Some(Span::new(8, 9)));
        assert_eq!(valid_prefix(b"\xEF\xBB\xBFlet x = \xff;"), "let x = ");
    }
}
