//! Literal decoding: integer literals (radix prefixes, `_` separators, the
//! Int range with a folded unary minus), float literals, and string literal
//! escapes.
//!
//! It turns one already-lexed token's text into a value and reports
//! malformed values; it must not consume tokens.

use super::Parser;
use crate::diag::{Diagnostic, codes};
use crate::span::Span;
use crate::syntax::ast::StrLit;

impl<'a> Parser<'a> {
    /// Decodes an integer literal; `negative` folds a preceding unary minus
    /// (so `-9223372036854775808` is `i64::MIN`).
    pub(super) fn int_value(&mut self, span: Span, negative: bool) -> i64 {
        let text = self.text(span);
        let (digits, radix) = match text.get(..2) {
            Some("0x") => (&text[2..], 16),
            Some("0o") => (&text[2..], 8),
            Some("0b") => (&text[2..], 2),
            _ => (text, 10),
        };
        // Fast path: plain decimal digits parse without allocating.
        let fast = if radix == 10 && !digits.contains('_') {
            digits.parse::<u128>().ok()
        } else {
            None
        };
        let clean: String = if fast.is_some() {
            String::new()
        } else {
            digits.chars().filter(|&c| c != '_').collect()
        };
        if fast.is_none() && clean.is_empty() {
            self.report(
                Diagnostic::error(codes::BAD_NUMBER, "integer literal has no digits", span)
                    .with_help("write at least one digit after the prefix, e.g. `0x0`"),
            );
            return 0;
        }
        let magnitude =
            fast.unwrap_or_else(|| u128::from_str_radix(&clean, radix).unwrap_or(u128::MAX));
        let limit = if negative {
            1u128 << 63
        } else {
            (1u128 << 63) - 1
        };
        if magnitude > limit {
            let d = Diagnostic::error(
                codes::INT_OUT_OF_RANGE,
                "integer literal is too large for Int",
                span,
            )
            .with_primary_message("does not fit in a 64-bit signed integer")
            .with_help(format!(
                "Int ranges from {} to {}; use a float literal for larger magnitudes",
                i64::MIN,
                i64::MAX
            ));
            self.report(d);
            return 0;
        }
        if negative {
            (magnitude as i128).wrapping_neg() as i64
        } else {
            magnitude as i64
        }
    }

    /// Decodes a float literal (`_` separators allowed).
    pub(super) fn float_value(&mut self, span: Span) -> f64 {
        let text = self.text(span);
        let parsed = if text.contains('_') {
            text.chars()
                .filter(|&c| c != '_')
                .collect::<String>()
                .parse::<f64>()
        } else {
            text.parse::<f64>()
        };
        match parsed {
            Ok(v) => v,
            Err(_) => {
                self.report(Diagnostic::error(
                    codes::BAD_NUMBER,
                    "malformed float literal",
                    span,
                ));
                0.0
            }
        }
    }

    /// Decodes a string literal's escapes; text without escapes is borrowed
    /// from the source. Every bad escape is reported with its own span.
    pub(super) fn string_lit(&mut self, span: Span) -> &'a StrLit<'a> {
        let inner = Span::new(span.start + 1, span.end - 1);
        let raw = self.text(inner);
        if !raw.contains('\\') {
            return self.arena.alloc(StrLit { value: raw });
        }
        let mut out = String::with_capacity(raw.len());
        let mut chars = raw.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            let at = inner.start + i as u32;
            let Some((_, e)) = chars.next() else {
                break;
            };
            let simple = match e {
                'n' => Some('\n'),
                'r' => Some('\r'),
                't' => Some('\t'),
                '\\' => Some('\\'),
                '"' => Some('"'),
                '0' => Some('\0'),
                _ => None,
            };
            if let Some(ch) = simple {
                out.push(ch);
                continue;
            }
            if e == 'u' {
                let mut end = at + 2;
                let mut hex = String::new();
                let mut closed = false;
                if let Some(&(_, '{')) = chars.peek() {
                    chars.next();
                    end += 1;
                    while let Some(&(j, h)) = chars.peek() {
                        if h == '}' {
                            chars.next();
                            end = inner.start + j as u32 + 1;
                            closed = true;
                            break;
                        }
                        if !h.is_ascii_hexdigit() || hex.len() >= 6 {
                            break;
                        }
                        hex.push(h);
                        chars.next();
                        end = inner.start + j as u32 + 1;
                    }
                }
                let value = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
                match value {
                    Some(ch) if closed && !hex.is_empty() => out.push(ch),
                    _ => self.bad_escape(
                        Span::new(at, end),
                        "invalid unicode escape",
                        "write `\\u{…}` with 1 to 6 hex digits naming a Unicode scalar value",
                    ),
                }
                continue;
            }
            let end = at + 1 + e.len_utf8() as u32;
            self.bad_escape(
                Span::new(at, end),
                &format!("unknown escape `\\{e}`"),
                "valid escapes are \\n \\r \\t \\\\ \\\" \\0 and \\u{…}",
            );
        }
        let value = self.arena.alloc_str(&out);
        self.arena.alloc(StrLit { value })
    }

    /// Reports one bad escape in a string literal.
    fn bad_escape(&mut self, span: Span, message: &str, help: &str) {
        // Escape errors are independent of each other and of the grammar:
        // report every one, without entering recovery mode.
        self.diags
            .push(Diagnostic::error(codes::BAD_ESCAPE, message.to_string(), span).with_help(help));
    }
}
