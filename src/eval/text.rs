//! The prelude's string builders held to the length limit: `join`,
//! `split`, `chars`, `upper`, `lower` and `trim`.
//!
//! Owns building each result so that nothing past `--max-len` is ever
//! allocated: the result's length (Unicode scalar values for a string,
//! elements for a list) is counted before it is built, or bounded while it
//! is built, and passing the limit is the `E0504` runtime error. It must not
//! call back into the evaluator.

use crate::eval::value::Value;
use crate::eval::{BuiltinCx, Interp, R};
use crate::span::Span;
use std::rc::Rc;

/// `join(items, sep)`. Counts the result's characters first, stopping as
/// soon as the count passes the limit (a list may hold one long string many
/// times), then builds it in one allocation.
pub(super) fn join(
    it: &Interp,
    bcx: &BuiltinCx,
    items: &[Value],
    sep: &str,
    span: Span,
) -> R<Value> {
    let max = it.max_len();
    let sep_chars = sep.chars().count();
    let (mut chars, mut bytes) = (0usize, 0usize);
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            chars = chars.saturating_add(sep_chars);
            bytes = bytes.saturating_add(sep.len());
        }
        if let Value::Str(t) = x {
            chars = chars.saturating_add(t.chars().count());
            bytes = bytes.saturating_add(t.len());
        }
        if chars > max {
            return Err(it.builtin_too_long(bcx, span));
        }
    }
    let mut s = String::with_capacity(bytes);
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            s.push_str(sep);
        }
        if let Value::Str(t) = x {
            s.push_str(t);
        }
    }
    Ok(Value::Str(Rc::new(s)))
}

/// `split(s, sep)`; an empty separator splits into characters. Stops
/// before the piece that would pass the limit (`s` with `n` separators
/// has `n + 1` pieces, one more than its length can bound).
pub(super) fn split(it: &Interp, bcx: &BuiltinCx, s: &str, sep: &str, span: Span) -> R<Value> {
    if sep.is_empty() {
        return chars(it, bcx, s, span);
    }
    let max = it.max_len();
    let mut out = Vec::new();
    for piece in s.split(sep) {
        if out.len() == max {
            return Err(it.builtin_too_long(bcx, span));
        }
        out.push(Value::str(piece));
    }
    Ok(Value::list(out))
}

/// `chars(s)`: one string per Unicode scalar value, counted first.
pub(super) fn chars(it: &Interp, bcx: &BuiltinCx, s: &str, span: Span) -> R<Value> {
    it.builtin_check_str_len(bcx, s, span)?;
    Ok(Value::list(
        s.chars()
            .map(|c| Value::str(c.encode_utf8(&mut [0; 4])))
            .collect(),
    ))
}

/// `upper(s)`: counts the characters of the result first (`ß` becomes
/// `SS`).
pub(super) fn upper(it: &Interp, bcx: &BuiltinCx, s: &str, span: Span) -> R<Value> {
    check_mapped_len(it, bcx, s, |c| c.to_uppercase().len(), span)?;
    Ok(Value::Str(Rc::new(s.to_uppercase())))
}

/// `lower(s)`: counts the characters of the result first (`İ` becomes
/// `i̇`). The final-sigma rule of `str::to_lowercase` changes which sigma,
/// never how many characters.
pub(super) fn lower(it: &Interp, bcx: &BuiltinCx, s: &str, span: Span) -> R<Value> {
    check_mapped_len(it, bcx, s, |c| c.to_lowercase().len(), span)?;
    Ok(Value::Str(Rc::new(s.to_lowercase())))
}

/// `trim(s)`: the trimmed text is copied, so it is held to the limit too.
pub(super) fn trim(it: &Interp, bcx: &BuiltinCx, s: &str, span: Span) -> R<Value> {
    let t = s.trim();
    it.builtin_check_str_len(bcx, t, span)?;
    Ok(Value::str(t))
}

/// Fails if mapping every character of `s` to `len(c)` characters would
/// pass the length limit. ASCII maps one to one.
fn check_mapped_len(
    it: &Interp,
    bcx: &BuiltinCx,
    s: &str,
    len: fn(char) -> usize,
    span: Span,
) -> R<()> {
    if s.is_ascii() {
        return it.builtin_check_len(bcx, s.len(), span);
    }
    it.builtin_check_len(bcx, s.chars().map(len).sum(), span)
}
