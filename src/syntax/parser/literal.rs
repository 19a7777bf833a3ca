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
    /// (so `-9223372036854775808` is `i64::MIN`). A malformed literal is
    /// reported by name ([`malformed_int`]) and decodes as 0.
    #[inline]
    pub(super) fn int_value(&mut self, span: Span, negative: bool) -> i64 {
        match small_decimal(&self.src.as_bytes()[span.range()]) {
            Some(v) if negative => -v,
            Some(v) => v,
            None => self.any_int_value(span, negative),
        }
    }

    /// [`Parser::int_value`] of a literal that is not a short decimal one.
    #[inline(never)]
    fn any_int_value(&mut self, span: Span, negative: bool) -> i64 {
        let text = self.text(span);
        let (digits, radix) = match text.get(..2) {
            Some("0x") => (&text[2..], 16),
            Some("0o") => (&text[2..], 8),
            Some("0b") => (&text[2..], 2),
            _ => (text, 10),
        };
        // Fast path: plain decimal digits parse without allocating.
        let fast = if radix == 10 && text.bytes().all(|b| b.is_ascii_digit()) {
            text.parse::<u128>().ok()
        } else {
            None
        };
        let magnitude = match fast {
            Some(m) => m,
            None => {
                if let Some(d) = malformed_int(text, digits, radix, span) {
                    self.literal_error(d);
                    return 0;
                }
                let clean: String = digits.chars().filter(|&c| c != '_').collect();
                u128::from_str_radix(&clean, radix).unwrap_or(u128::MAX)
            }
        };
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
            self.literal_error(d);
            return 0;
        }
        if negative {
            (magnitude as i128).wrapping_neg() as i64
        } else {
            magnitude as i64
        }
    }

    /// Decodes a float literal (`_` separators allowed); a malformed one is
    /// reported by name ([`malformed_float`]) and decodes as 0.0.
    pub(super) fn float_value(&mut self, span: Span) -> f64 {
        let text = self.text(span);
        if let Some(d) = malformed_float(text, span) {
            self.literal_error(d);
            return 0.0;
        }
        let parsed = if text.contains('_') {
            text.chars()
                .filter(|&c| c != '_')
                .collect::<String>()
                .parse::<f64>()
        } else {
            text.parse::<f64>()
        };
        parsed.unwrap_or(0.0)
    }

    /// Records a malformed literal. Such errors are independent of each
    /// other and of the grammar (the token itself is in its place), so every
    /// one is reported, without entering recovery mode; but not while
    /// recovering, when the literal may be the token already reported.
    fn literal_error(&mut self, d: Diagnostic) {
        if !self.recovering {
            self.diags.push(d);
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
                        // Every hex digit belongs to the escape, even past
                        // the sixth, so a bad escape is underlined whole.
                        if !h.is_ascii_hexdigit() {
                            break;
                        }
                        hex.push(h);
                        chars.next();
                        end = inner.start + j as u32 + 1;
                    }
                }
                let value = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
                match value {
                    Some(ch) if closed && (1..=6).contains(&hex.len()) => out.push(ch),
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
        self.literal_error(
            Diagnostic::error(codes::BAD_ESCAPE, message.to_string(), span).with_help(help),
        );
    }
}

/// The value of `text` if it is at most 18 plain decimal digits (the
/// common case), which is below 10^18 and so in range with either sign.
#[inline]
fn small_decimal(text: &[u8]) -> Option<i64> {
    if text.len() > 18 {
        return None;
    }
    let mut v = 0i64;
    for &b in text {
        let d = b.wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        v = v * 10 + i64::from(d);
    }
    Some(v)
}

/// What is wrong with integer literal `text` (at `span`) whose digits after
/// the radix prefix are `digits`, if anything: no digits, an `_` before the
/// first digit (A1 allows underscores only after it, so `0x_FF` is
/// rejected), or a character that is not a digit of the base.
fn malformed_int(text: &str, digits: &str, radix: u32, span: Span) -> Option<Diagnostic> {
    let base = match radix {
        16 => "hexadecimal",
        8 => "octal",
        2 => "binary",
        _ => "decimal",
    };
    let error = |message: String| Diagnostic::error(codes::BAD_NUMBER, message, span);
    if !digits.contains(|c: char| c.is_ascii_alphanumeric()) {
        return Some(
            error(format!("{base} literal `{text}` has no digits"))
                .with_primary_message("no digits after the prefix")
                .with_help(format!("write at least one digit, e.g. `{}0`", &text[..2])),
        );
    }
    if digits.starts_with('_') {
        let fixed = format!("{}{}", &text[..2], digits.trim_start_matches('_'));
        return Some(
            error(format!(
                "`_` before the first digit of {base} literal `{text}`"
            ))
            .with_primary_message("underscores may only follow a digit")
            .with_help(format!("write `{fixed}`")),
        );
    }
    let bad = digits.chars().find(|&c| c != '_' && !c.is_digit(radix))?;
    let help = match (radix, bad) {
        (10, 'X' | 'O' | 'B') if text.starts_with('0') => {
            "radix prefixes are lowercase: `0x`, `0o` and `0b`".to_string()
        }
        (10, _) => "a number cannot be followed directly by a letter or `_`; separate them with a space or an operator".to_string(),
        (16, _) => "hexadecimal digits are 0 to 9 and a to f".to_string(),
        (8, _) => "octal digits are 0 to 7".to_string(),
        _ => "binary digits are 0 and 1".to_string(),
    };
    Some(
        error(format!("invalid digit `{bad}` in {base} literal `{text}`"))
            .with_primary_message(format!(
                "`{bad}` is not {} {base} digit",
                if radix == 8 { "an" } else { "a" }
            ))
            .with_help(help),
    )
}

/// What is wrong with float literal `text` (at `span`), if anything: a
/// character that is not a digit, or an exponent without digits.
fn malformed_float(text: &str, span: Span) -> Option<Diagnostic> {
    let error = |message: String| Diagnostic::error(codes::BAD_NUMBER, message, span);
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(i) => (&text[..i], Some(&text[i + 1..])),
        None => (text, None),
    };
    let invalid = |c: char| {
        error(format!("invalid digit `{c}` in float literal `{text}`"))
            .with_primary_message(format!("`{c}` is not a decimal digit"))
            .with_help("a number cannot be followed directly by a letter or `_`; separate them with a space or an operator")
    };
    if let Some(c) = mantissa
        .chars()
        .find(|&c| !(c.is_ascii_digit() || c == '_' || c == '.'))
    {
        return Some(invalid(c));
    }
    let exponent = exponent?.trim_start_matches(['+', '-']);
    if let Some(c) = exponent
        .chars()
        .find(|&c| !(c.is_ascii_digit() || c == '_'))
    {
        return Some(invalid(c));
    }
    if !exponent.contains(|c: char| c.is_ascii_digit()) {
        return Some(
            error(format!(
                "float literal `{text}` has no digits in its exponent"
            ))
            .with_primary_message("the exponent needs digits")
            .with_help(format!(
                "write the power of ten after the `e`, e.g. `{}e3`",
                mantissa
            )),
        );
    }
    None
}
