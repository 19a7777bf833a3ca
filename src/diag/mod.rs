//! Diagnostics: the one error/warning type of every stage, its stable codes,
//! and its rendering with ariadne.
//!
//! Owns [`Diagnostic`], the code table [`codes`], [`render`] (text, with
//! ariadne), [`json`] (one JSON object per line, for editors and CI) and the
//! location of a diagnostic as data ([`Diagnostic::locate`]: the file, and
//! the 1-based line and column of every label, for the embedding API, JSON
//! output and a language server). Stages build diagnostics as values and
//! return them; this module turns them into text. It must not print:
//! callers decide where the text goes.

pub mod json;
mod window;
use window::Window;

use crate::span::Span;
use ariadne::{Color, Config, IndexType, Label as ALabel, Report, ReportKind, Source};
use std::fmt::Write as _;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Reported, does not change the exit status.
    Warning,
    /// The unit is rejected (or, at run time, evaluation stopped).
    Error,
}

/// How the note holding a runtime error's call trace starts; the frames
/// follow it, one per line (the JSON form lists them as `"trace"`).
pub const TRACE_NOTE: &str = "call trace (innermost first):";

/// A labelled span of a diagnostic.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    /// The bytes the label points at.
    pub span: Span,
    /// Text shown next to the span (may be empty).
    pub message: String,
    /// The primary label carries the error's location; others explain it.
    pub primary: bool,
    /// Line and column of the span, once [`Diagnostic::locate`] has run.
    pub location: Option<Location>,
}

/// A 1-based line and column in a source text; the column counts Unicode
/// scalar values (a `é` is one column), not bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in Unicode scalar values.
    pub column: u32,
}

/// The line and column of both ends of a span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Location {
    /// Where the span starts.
    pub start: Position,
    /// Where it ends (exclusive).
    pub end: Position,
}

/// The starts of the lines of a source text: turns byte offsets into
/// [`Position`]s in O(log lines + line length).
#[derive(Debug)]
pub struct LineIndex<'s> {
    source: &'s str,
    starts: Vec<u32>,
}

impl<'s> LineIndex<'s> {
    /// Indexes the lines of `source`.
    pub fn new(source: &'s str) -> LineIndex<'s> {
        let mut starts = vec![0];
        starts.extend(
            source
                .bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i as u32 + 1),
        );
        LineIndex { source, starts }
    }

    /// The position of byte `offset`, clamped to the source and moved back
    /// to the start of the character it falls in.
    pub fn position(&self, offset: u32) -> Position {
        let mut offset = (offset as usize).min(self.source.len());
        while !self.source.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s as usize <= offset) - 1;
        let start = self.starts[line] as usize;
        let column = self.source[start..offset].chars().count() + 1;
        Position {
            line: line as u32 + 1,
            column: column as u32,
        }
    }

    /// The location of `span`.
    pub fn location(&self, span: Span) -> Location {
        Location {
            start: self.position(span.start),
            end: self.position(span.end),
        }
    }
}

/// One error or warning, with a stable code, a message, labelled spans, a
/// `help:` and free-form notes (e.g. a runtime call trace).
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable code from [`codes`], e.g. `"E0101"`.
    pub code: &'static str,
    /// One-line message.
    pub message: String,
    /// Labelled spans; the first primary label is the location.
    pub labels: Vec<Label>,
    /// A `help:` line where a fix is known.
    pub help: Option<String>,
    /// Extra `note:` lines.
    pub notes: Vec<String>,
    /// The file (or unit) name the spans point into, once
    /// [`Diagnostic::locate`] has run; stages leave it `None`.
    pub file: Option<String>,
}

impl Diagnostic {
    /// A new error with a primary span and no label text.
    pub fn error(code: &'static str, message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            labels: vec![Label {
                span,
                message: String::new(),
                primary: true,
                location: None,
            }],
            help: None,
            notes: Vec::new(),
            file: None,
        }
    }

    /// A new warning with a primary span.
    pub fn warning(code: &'static str, message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message, span)
        }
    }

    /// Sets the text of the primary label.
    pub fn with_primary_message(mut self, message: impl Into<String>) -> Diagnostic {
        if let Some(l) = self.labels.iter_mut().find(|l| l.primary) {
            l.message = message.into();
        }
        self
    }

    /// Adds a secondary label.
    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.labels.push(Label {
            span,
            message: message.into(),
            primary: false,
            location: None,
        });
        self
    }

    /// Sets the `help:` line.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Adds a `note:` line.
    pub fn with_note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    /// The primary span (the first primary label's), if any.
    pub fn primary_span(&self) -> Option<Span> {
        self.labels.iter().find(|l| l.primary).map(|l| l.span)
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Records the file the diagnostic is about and the line and column of
    /// each label, from `lines` (the index of that file's source).
    pub fn locate(&mut self, file: &str, lines: &LineIndex) {
        self.file = Some(file.to_string());
        for l in &mut self.labels {
            l.location = Some(lines.location(l.span));
        }
    }

    /// The location of the primary label, once located.
    pub fn primary_location(&self) -> Option<Location> {
        self.labels.iter().find(|l| l.primary)?.location
    }
}

/// [`Diagnostic::locate`] for every diagnostic of one file.
pub fn locate_all(diags: &mut [Diagnostic], file: &str, source: &str) {
    if diags.is_empty() {
        return;
    }
    let lines = LineIndex::new(source);
    for d in diags {
        d.locate(file, &lines);
    }
}

/// The table of stable diagnostic codes, one place for all stages.
///
/// Ranges: `E00xx` input and lexing, `E01xx` syntax, `E02xx` names and types,
/// `E03xx` patterns and exhaustiveness (`W03xx` warnings), `E04xx` runtime
/// errors, `E05xx` limits.
pub mod codes {
    /// Source is not valid UTF-8.
    pub const INVALID_UTF8: &str = "E0001";
    /// A character that starts no token.
    pub const UNKNOWN_CHAR: &str = "E0002";
    /// A `/*` comment without its `*/`.
    pub const UNTERMINATED_COMMENT: &str = "E0003";
    /// A string literal without its closing quote.
    pub const UNTERMINATED_STRING: &str = "E0004";
    /// An unknown or malformed escape in a string literal.
    pub const BAD_ESCAPE: &str = "E0005";
    /// An integer literal that does not fit in 64 bits.
    pub const INT_OUT_OF_RANGE: &str = "E0006";
    /// A malformed number literal.
    pub const BAD_NUMBER: &str = "E0007";
    /// A source too large to address with 32-bit spans.
    pub const SOURCE_TOO_LARGE: &str = "E0008";

    /// A token the grammar does not allow here.
    pub const UNEXPECTED_TOKEN: &str = "E0101";
    /// Comparison operators chained without parentheses.
    pub const CHAINED_COMPARISON: &str = "E0102";
    /// `(e,)`: a one-element tuple.
    pub const ONE_ELEMENT_TUPLE: &str = "E0103";
    /// A reserved word used as a name.
    pub const RESERVED_WORD: &str = "E0104";
    /// Input nested deeper than the parser's limit.
    pub const NESTING_TOO_DEEP: &str = "E0105";
    /// An unclosed delimiter at end of input.
    pub const UNCLOSED_DELIMITER: &str = "E0106";
    /// A `..rest` that is not last in a list pattern.
    pub const REST_NOT_LAST: &str = "E0107";
    /// The syntax tree outgrew the arena limit (`--max-arena-bytes`).
    pub const ARENA_LIMIT: &str = "E0108";
}

/// Renders diagnostics of one unit as text, in the order given: at most
/// [`MAX_SHOWN`] of them, then a line counting the rest.
///
/// `file` is the name shown in the location line; `color` turns on ANSI
/// colours (callers decide from `--color`, `NO_COLOR` and whether stderr is a
/// terminal).
pub fn render(diags: &[Diagnostic], file: &str, source: &str, color: bool) -> String {
    let mut out = Vec::new();
    for d in diags.iter().take(MAX_SHOWN) {
        render_one(d, file, source, color, &mut out);
    }
    let mut text = String::from_utf8_lossy(&out).into_owned();
    if diags.len() > MAX_SHOWN {
        let _ = writeln!(
            text,
            "note: {} more diagnostics in {file} not shown (the first {MAX_SHOWN} are above)",
            diags.len() - MAX_SHOWN
        );
    }
    text
}

/// Diagnostics rendered per file. Each one reprints its source line, so a
/// file of one long line with thousands of mistakes would otherwise print
/// gigabytes (20,000 errors on a 200 KB line: 8 GB in 3 minutes).
pub const MAX_SHOWN: usize = 100;

fn render_one(d: &Diagnostic, file: &str, source: &str, color: bool, out: &mut Vec<u8>) {
    let len = source.len();
    // Spans are clamped to the source and widened to char boundaries, so a
    // bad span can never make rendering fail.
    let clamp = |s: Span| -> std::ops::Range<usize> {
        let mut start = (s.start as usize).min(len);
        while !source.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (s.end as usize).clamp(start, len);
        while !source.is_char_boundary(end) {
            end += 1;
        }
        start..end
    };
    let primary = d.primary_span().unwrap_or_default();
    // A very long line is shown as a window around the labels (see
    // `window`): what is rendered stays small however long the line.
    let spans: Vec<std::ops::Range<usize>> = std::iter::once(clamp(primary))
        .chain(d.labels.iter().map(|l| clamp(l.span)))
        .collect();
    let window = Window::new(source, &spans);
    let text = window.as_ref().map_or(source, |w| w.source.as_str());
    let clamp = |s: Span| match &window {
        Some(w) => w.map_span(clamp(s)),
        None => clamp(s),
    };
    let kind = match d.severity {
        Severity::Error => ReportKind::Error,
        Severity::Warning => ReportKind::Warning,
    };
    let mut report = Report::build(kind, (file, clamp(primary)))
        .with_code(d.code)
        .with_message(&d.message)
        .with_config(
            Config::default()
                .with_color(color)
                .with_index_type(IndexType::Byte),
        );
    // ariadne draws labels in `order` and starts a new block, repeating the
    // location, at a label on an earlier line than the one before it. So
    // labels are ordered by line (then as given), and a secondary label on
    // an earlier line than the primary one is drawn in the same block.
    // Lines are counted from the first label on, so a label far into a huge
    // source costs no scan of everything before it.
    let mut by_start: Vec<(usize, usize)> = d
        .labels
        .iter()
        .enumerate()
        .map(|(i, l)| (clamp(l.span).start, i))
        .collect();
    by_start.sort_unstable();
    let mut line = 0;
    let mut at = by_start.first().map_or(0, |&(start, _)| start);
    let mut by_line: Vec<(usize, usize)> = by_start
        .into_iter()
        .map(|(start, i)| {
            line += text[at..start].bytes().filter(|&b| b == b'\n').count();
            at = start;
            (line, i)
        })
        .collect();
    by_line.sort_unstable();
    for (order, &(_, i)) in by_line.iter().enumerate() {
        let l = &d.labels[i];
        let mut label = ALabel::new((file, clamp(l.span))).with_order(order as i32);
        if !l.message.is_empty() {
            label = label.with_message(&l.message);
        } else if l.primary {
            // ariadne draws no marker for an unlabelled span.
            label = label.with_message("here");
        }
        if color {
            label = label.with_color(if l.primary { Color::Red } else { Color::Blue });
        }
        report = report.with_label(label);
    }
    if let Some(h) = &d.help {
        report = report.with_help(h);
    }
    for n in &d.notes {
        report = report.with_note(n);
    }
    // Writing into a Vec cannot fail.
    let mut rendered = Vec::new();
    let _ = report
        .finish()
        .write((file, Source::from(text)), &mut rendered);
    if window.is_some() {
        // The location line counts columns in the cut line: give it the
        // column in the real one.
        let at = |src: &str, o: usize| LineIndex::new(src).position(o as u32);
        let (cut, real) = (
            at(text, clamp(primary).start),
            at(source, primary.start as usize),
        );
        let from = format!("{file}:{}:{} ", cut.line, cut.column);
        let to = format!("{file}:{}:{} ", real.line, real.column);
        let head = String::from_utf8_lossy(&rendered).replacen(&from, &to, 1);
        out.extend_from_slice(head.as_bytes());
    } else {
        out.extend_from_slice(&rendered);
    }
}

/// 1-based line and column (in characters) of a byte offset, for one-line
/// summaries outside ariadne.
pub fn line_col(source: &str, offset: u32) -> (usize, usize) {
    let p = LineIndex::new(source).position(offset);
    (p.line as usize, p.column as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_code_message_location_and_help() {
        let src = "let x = 1 +;\n";
        let d = Diagnostic::error(
            codes::UNEXPECTED_TOKEN,
            "expected an expression",
            Span::new(11, 12),
        )
        .with_primary_message("found `;`")
        .with_help("add an operand");
        let text = render(&[d], "a.expr", src, false);
        assert!(
            text.contains("[E0101] Error: expected an expression"),
            "{text}"
        );
        assert!(text.contains("a.expr:1:12"), "{text}");
        assert!(text.contains("found `;`"), "{text}");
        assert!(text.contains("Help: add an operand"), "{text}");
        assert!(!text.contains('\u{1b}'), "no colour when disabled");
    }

    #[test]
    fn spans_past_the_end_are_clamped() {
        let d = Diagnostic::error(codes::UNCLOSED_DELIMITER, "unclosed", Span::new(50, 60));
        let text = render(&[d], "a.expr", "(", false);
        assert!(text.contains("unclosed"));
    }

    #[test]
    fn spans_inside_a_char_are_widened() {
        let d = Diagnostic::error(codes::INVALID_UTF8, "bad", Span::new(1, 2));
        let text = render(&[d], "a.expr", "é", false);
        assert!(text.contains("bad"));
    }

    #[test]
    fn a_label_on_an_earlier_line_is_drawn_in_the_same_block() {
        let src = "let a = 1;\nlet b = [a,\n \"s\"];\n";
        let d = Diagnostic::error(codes::UNEXPECTED_TOKEN, "mismatch", Span::new(24, 27))
            .with_primary_message("found `Str`")
            .with_label(Span::new(20, 21), "the list's first element has this type");
        let text = render(&[d], "a.expr", src, false);
        assert_eq!(text.matches("a.expr:").count(), 1, "{text}");
        let first = text.find("first element").expect("secondary label shown");
        let found = text.find("found `Str`").expect("primary label shown");
        assert!(
            text.find(" 2 │").unwrap() < text.find(" 3 │").unwrap(),
            "{text}"
        );
        assert!(first > 0 && found > 0);
    }

    #[test]
    fn line_and_column() {
        assert_eq!(line_col("ab\ncé d", 7), (2, 4));
        assert_eq!(line_col("x", 0), (1, 1));
        assert_eq!(line_col("x", 9), (1, 2), "clamped to the end");
        assert_eq!(line_col("é", 1), (1, 1), "inside a character");
        assert_eq!(line_col("a\n\nb", 3), (3, 1));
    }

    #[test]
    fn locating_fills_file_and_positions() {
        let src = "let x = 1;\nlet ü = x +;\n";
        let mut d = Diagnostic::error(codes::UNEXPECTED_TOKEN, "e", Span::new(23, 24))
            .with_label(Span::new(4, 5), "x");
        d.locate("a.expr", &LineIndex::new(src));
        assert_eq!(d.file.as_deref(), Some("a.expr"));
        let at = |line, column| Position { line, column };
        assert_eq!(
            d.primary_location(),
            Some(Location {
                start: at(2, 12),
                end: at(2, 13)
            })
        );
        assert_eq!(d.labels[1].location.map(|l| l.start), Some(at(1, 5)));
    }

    #[test]
    fn many_diagnostics_are_capped() {
        let src = "let a = ; ".repeat(300);
        let diags: Vec<Diagnostic> = (0..300)
            .map(|i| {
                Diagnostic::error(
                    codes::UNEXPECTED_TOKEN,
                    "e",
                    Span::new(i * 10 + 8, i * 10 + 9),
                )
            })
            .collect();
        let text = render(&diags, "f.expr", &src, false);
        assert_eq!(text.matches("[E0101]").count(), MAX_SHOWN);
        assert!(text.ends_with(
            "note: 200 more diagnostics in f.expr not shown (the first 100 are above)\n"
        ));
    }
}
