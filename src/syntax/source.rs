//! Turning a unit's raw bytes into source text.
//!
//! Owns the input checks that come before lexing: valid UTF-8 and a size that
//! 32-bit spans can address. It must not tokenize.

use crate::diag::{Diagnostic, codes};
use crate::span::Span;

/// Checks that `bytes` is UTF-8 that spans can address, and returns it as text.
///
/// Invalid UTF-8 is reported with the byte offset of the first bad byte.
pub fn decode(bytes: &[u8]) -> Result<&str, Diagnostic> {
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
            format!("source is not valid UTF-8: invalid byte at offset {at}"),
            Span::new(at, at + bad),
        )
        .with_help("calc source files must be encoded as UTF-8")
    })
}

/// The longest valid UTF-8 prefix of `bytes`, for showing where invalid
/// input starts.
pub fn valid_prefix(bytes: &[u8]) -> &str {
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
}
