//! Windows on very long source lines for rendering.
//!
//! Owns the one job of shrinking the source handed to ariadne when a line a
//! diagnostic shows is very long (minified or generated input, 100 MB of
//! `(` on one line): each such line is cut to a window around its labels,
//! with `…` where text was left out, and lines the diagnostic does not show
//! become empty, so rendering costs the size of what is shown, not of the
//! source. Line numbers stay as they were; columns inside a cut line are
//! shifted, so the caller restores the location line's column. It must not
//! build reports or decide what a diagnostic says.

use std::ops::Range;

/// Lines at most this long (in bytes) are shown whole.
pub(super) const LONG_LINE: usize = 1_000;
/// Bytes of context kept on each side of the labels in a cut line.
const CONTEXT: usize = 60;
/// Longest stretch (in bytes) of a cut line kept between its first label's
/// start and the window's end; a label reaching further is cut there.
const MAX_LABELLED: usize = 400;
/// What stands for left-out text.
const ELLIPSIS: &str = "…";

/// A shrunken source and how to map offsets of the original into it.
pub(super) struct Window {
    /// The text to render.
    pub(super) source: String,
    /// For each line from the first label's line to the last's: the
    /// original line's start, the kept window (original offsets), and the
    /// window's start in `source` (after any leading `…`).
    lines: Vec<Line>,
}

struct Line {
    start: usize,
    keep: Range<usize>,
    at: usize,
}

impl Window {
    /// A window of `source` for labels at `spans` (clamped to the source
    /// and to char boundaries; the primary one first), or `None` when every line they cover is
    /// short enough to show whole.
    pub(super) fn new(source: &str, spans: &[Range<usize>]) -> Option<Window> {
        let first = spans.iter().map(|s| s.start).min()?;
        let last = spans.iter().map(|s| s.end).max()?;
        let from = source[..first].rfind('\n').map_or(0, |i| i + 1);
        let to = source[last..].find('\n').map_or(source.len(), |i| last + i);
        if !source[from..to].split('\n').any(|l| l.len() > LONG_LINE) {
            return None;
        }
        // Lines before the first label's keep their number as empty lines.
        let mut out = "\n".repeat(source[..from].bytes().filter(|&b| b == b'\n').count());
        let mut lines = Vec::new();
        let mut start = from;
        for line in source[from..to].split('\n') {
            let end = start + line.len();
            let keep = if line.len() <= LONG_LINE {
                start..end
            } else {
                let inside: Vec<&Range<usize>> = spans
                    .iter()
                    .filter(|s| s.start <= end && s.end >= start)
                    .collect();
                // Anchored at the first span given (the primary one) when it
                // is on this line, else at the earliest label on it.
                let lo = match spans.first() {
                    Some(p) if p.start >= start && p.start <= end => p.start,
                    _ => inside
                        .iter()
                        .map(|s| s.start.max(start))
                        .min()
                        .unwrap_or(start),
                };
                let hi = inside.iter().map(|s| s.end.min(end)).max().unwrap_or(lo);
                let hi = hi.clamp(lo, lo + MAX_LABELLED);
                let a = floor(source, lo.saturating_sub(CONTEXT).max(start));
                let b = ceil(source, (hi + CONTEXT).min(end));
                a..b
            };
            if keep.start > start {
                out.push_str(ELLIPSIS);
            }
            lines.push(Line {
                start,
                keep: keep.clone(),
                at: out.len(),
            });
            out.push_str(&source[keep.clone()]);
            if keep.end < end {
                out.push_str(ELLIPSIS);
            }
            out.push('\n');
            start = end + 1;
        }
        Some(Window { source: out, lines })
    }

    /// Where original offset `o` (inside the labelled lines) is in the
    /// window's text; an offset in left-out text moves to the nearest kept
    /// end.
    pub(super) fn map(&self, o: usize) -> usize {
        let i = self
            .lines
            .partition_point(|l| l.start <= o)
            .saturating_sub(1);
        let Some(l) = self.lines.get(i) else {
            return 0;
        };
        l.at + o.clamp(l.keep.start, l.keep.end) - l.keep.start
    }

    /// `span` mapped into the window's text.
    pub(super) fn map_span(&self, span: Range<usize>) -> Range<usize> {
        let start = self.map(span.start);
        start..self.map(span.end).max(start)
    }
}

fn floor(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_are_left_alone() {
        assert!(Window::new("let x = 1;\nx +", std::slice::from_ref(&(11..14))).is_none());
    }

    #[test]
    fn a_long_line_is_cut_around_its_label_and_keeps_its_number() {
        let long = format!("{}BAD{}", "a".repeat(5_000), "b".repeat(5_000));
        let source = format!("first\n{long}\nlast");
        let bad = 6 + 5_000..6 + 5_003;
        let w = Window::new(&source, std::slice::from_ref(&bad)).expect("cut");
        let lines: Vec<&str> = w.source.split('\n').collect();
        assert_eq!(lines[0], "", "the line before keeps its number, empty");
        assert!(lines[1].starts_with(ELLIPSIS) && lines[1].ends_with(ELLIPSIS));
        assert!(lines[1].len() < 2 * CONTEXT + 20, "{}", lines[1].len());
        let m = w.map_span(bad);
        assert_eq!(&w.source[m], "BAD");
    }

    #[test]
    fn a_huge_label_is_cut_too() {
        let source = "(".repeat(1_000_000);
        let w = Window::new(&source, std::slice::from_ref(&(0..1_000_000))).expect("cut");
        assert!(w.source.len() < MAX_LABELLED + 2 * CONTEXT + 10);
        let m = w.map_span(0..1_000_000);
        assert!(m.end <= w.source.len());
    }

    #[test]
    fn multibyte_text_is_cut_on_char_boundaries() {
        let source = format!("{}x{}", "é".repeat(2_000), "ü".repeat(2_000));
        let x = 4_000..4_001;
        let w = Window::new(&source, std::slice::from_ref(&x)).expect("cut");
        assert_eq!(&w.source[w.map_span(x)], "x");
    }
}
