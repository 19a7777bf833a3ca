//! Diagnostics as JSON lines, for editors and CI (`--error-format=json`).
//!
//! Owns the machine-readable form of a [`Diagnostic`]: one JSON object per
//! diagnostic on one line, with a schema version ([`SCHEMA`]), code,
//! severity, message, file, the primary span and the secondary spans (byte
//! offsets, and 1-based lines and columns counted in Unicode scalar
//! values), their labels, the help, the notes and a runtime error's call
//! trace. `docs/guide/json-diagnostics.md` documents the schema; a change
//! to it bumps [`SCHEMA`]. The objects are written by hand (strings
//! escaped per RFC 8259), so the library needs no serialisation crate. It
//! must not print.

use super::{Diagnostic, Label, LineIndex, Severity, TRACE_NOTE};
use std::fmt::Write as _;

/// The version of the JSON object's layout, its `"schema"` field.
pub const SCHEMA: u32 = 1;

/// Every diagnostic of one unit as a JSON object on its own line (each line
/// ends with `\n`). `file` names the unit; spans index into `source`.
pub fn render(diags: &[Diagnostic], file: &str, source: &str) -> String {
    if diags.is_empty() {
        return String::new();
    }
    let lines = LineIndex::new(source);
    diags
        .iter()
        .map(|d| object(d, Some((file, &lines))) + "\n")
        .collect()
}

/// One diagnostic as a JSON object (no newline). Without `at` (a file name
/// and the index of its source) the file and the spans' lines and columns
/// are `null`, unless the diagnostic was located before
/// ([`Diagnostic::locate`]).
pub fn object(d: &Diagnostic, at: Option<(&str, &LineIndex)>) -> String {
    let mut o = String::with_capacity(256);
    let _ = write!(o, "{{\"schema\":{SCHEMA},\"code\":");
    string(&mut o, d.code);
    o.push_str(",\"severity\":");
    string(
        &mut o,
        match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        },
    );
    o.push_str(",\"message\":");
    string(&mut o, &d.message);
    o.push_str(",\"file\":");
    optional(&mut o, at.map(|(f, _)| f).or(d.file.as_deref()));
    let lines = at.map(|(_, l)| l);
    let primary = d.labels.iter().position(|l| l.primary);
    o.push_str(",\"primary\":");
    match primary {
        Some(i) => span(&mut o, &d.labels[i], lines),
        None => o.push_str("null"),
    }
    o.push_str(",\"secondary\":[");
    let mut first = true;
    for (i, l) in d.labels.iter().enumerate() {
        if Some(i) == primary {
            continue;
        }
        if !first {
            o.push(',');
        }
        first = false;
        span(&mut o, l, lines);
    }
    o.push_str("],\"help\":");
    optional(&mut o, d.help.as_deref());
    let (trace, notes): (Vec<&String>, Vec<&String>) =
        d.notes.iter().partition(|n| n.starts_with(TRACE_NOTE));
    o.push_str(",\"notes\":");
    array(&mut o, notes.iter().map(|n| n.as_str()));
    o.push_str(",\"trace\":");
    let frames = trace
        .iter()
        .flat_map(|t| t[TRACE_NOTE.len()..].lines())
        .map(str::trim)
        .filter(|l| !l.is_empty());
    array(&mut o, frames);
    o.push('}');
    o
}

/// A label: `{"start","end","line","column","end_line","end_column","label"}`.
fn span(o: &mut String, l: &Label, lines: Option<&LineIndex>) {
    let loc = lines.map(|x| x.location(l.span)).or(l.location);
    let _ = write!(o, "{{\"start\":{},\"end\":{}", l.span.start, l.span.end);
    match loc {
        Some(loc) => {
            let _ = write!(
                o,
                ",\"line\":{},\"column\":{},\"end_line\":{},\"end_column\":{}",
                loc.start.line, loc.start.column, loc.end.line, loc.end.column
            );
        }
        None => o.push_str(",\"line\":null,\"column\":null,\"end_line\":null,\"end_column\":null"),
    }
    o.push_str(",\"label\":");
    optional(o, Some(l.message.as_str()).filter(|m| !m.is_empty()));
    o.push('}');
}

fn optional(o: &mut String, s: Option<&str>) {
    match s {
        Some(s) => string(o, s),
        None => o.push_str("null"),
    }
}

fn array<'a>(o: &mut String, items: impl Iterator<Item = &'a str>) {
    o.push('[');
    for (i, s) in items.enumerate() {
        if i > 0 {
            o.push(',');
        }
        string(o, s);
    }
    o.push(']');
}

/// A JSON string: `"` and `\` escaped, control characters as escapes.
fn string(o: &mut String, s: &str) {
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            '\r' => o.push_str("\\r"),
            '\t' => o.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(o, "\\u{:04x}", c as u32);
            }
            c => o.push(c),
        }
    }
    o.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::codes;
    use crate::span::Span;

    #[test]
    fn an_object_has_every_field_on_one_line() {
        let src = "let é = 1 +;\n";
        let d = Diagnostic::error(codes::UNEXPECTED_TOKEN, "expected \"x\"", Span::new(12, 13))
            .with_primary_message("found `;`")
            .with_label(Span::new(4, 6), "")
            .with_help("add\tan operand");
        let out = render(&[d], "a\\b.expr", src);
        assert_eq!(
            out,
            "{\"schema\":1,\"code\":\"E0101\",\"severity\":\"error\",\"message\":\"expected \\\"x\\\"\",\
             \"file\":\"a\\\\b.expr\",\"primary\":{\"start\":12,\"end\":13,\"line\":1,\"column\":12,\
             \"end_line\":1,\"end_column\":13,\"label\":\"found `;`\"},\"secondary\":[{\"start\":4,\
             \"end\":6,\"line\":1,\"column\":5,\"end_line\":1,\"end_column\":6,\"label\":null}],\
             \"help\":\"add\\tan operand\",\"notes\":[],\"trace\":[]}\n"
        );
    }

    #[test]
    fn a_call_trace_note_becomes_the_trace() {
        let d = Diagnostic::error("E0401", "division by zero", Span::new(0, 1))
            .with_note("a note\u{1}")
            .with_note(format!(
                "{TRACE_NOTE}\n  in `f` at a:1:1\n  in `g` at a:2:1"
            ));
        let out = object(&d, None);
        assert!(out.contains("\"file\":null"), "{out}");
        assert!(out.contains("\"line\":null"), "{out}");
        assert!(out.contains("\"notes\":[\"a note\\u0001\"]"), "{out}");
        assert!(
            out.contains("\"trace\":[\"in `f` at a:1:1\",\"in `g` at a:2:1\"]"),
            "{out}"
        );
    }
}
