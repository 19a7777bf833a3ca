//! The printer's building blocks: text and concatenation, and the
//! placement of comments (before, after and inside what is printed) and of
//! comma-separated lists with their separators.
//!
//! Owns how comments taken from the source are turned into layout. It must
//! not decide how an expression, pattern or type is laid out.

use super::*;

impl Printer<'_> {
    pub(super) fn text(&mut self, s: &str) -> DocId {
        self.doc.text(s)
    }

    pub(super) fn cat<const N: usize>(&mut self, parts: [DocId; N]) -> DocId {
        self.doc.concat(parts)
    }

    // ----- comments -----

    /// How many comments have been placed so far.
    pub(super) fn placed(&self) -> usize {
        self.comments.as_ref().map_or(0, Comments::placed)
    }

    /// Takes the next comment if it starts before `pos`.
    pub(super) fn take_before(&mut self, pos: u32) -> Option<Comment> {
        let cs = self.comments.as_mut()?;
        let c = cs.peek_before(pos)?;
        cs.take();
        Some(c)
    }

    /// Where the first `kind` token after `from` is (only asked when
    /// formatting).
    pub(super) fn close_pos(&self, from: u32, kind: TokenKind) -> u32 {
        self.comments
            .as_ref()
            .map_or(u32::MAX, |cs| cs.close(from, kind))
    }

    /// Asks the comments a question, `false` when not formatting.
    pub(super) fn ask(&self, q: impl FnOnce(&Comments) -> bool) -> bool {
        self.comments.as_ref().is_some_and(q)
    }

    /// A comment's text; the inner lines of a block comment start at
    /// column 0, as they were.
    pub(super) fn comment_doc(&mut self, c: Comment) -> DocId {
        let lines: Vec<&str> = match &self.comments {
            Some(cs) => cs.lines(c).collect(),
            None => Vec::new(),
        };
        let mut parts = Vec::with_capacity(lines.len() * 2);
        for (i, line) in lines.into_iter().enumerate() {
            if i > 0 {
                parts.push(self.doc.raw_line());
            }
            parts.push(self.doc.text(line));
        }
        self.doc.concat(parts)
    }

    /// The comments before `pos`, each on its own line before the item
    /// that starts there (a block comment right before the item on its
    /// line stays on that line). With `blank_lines`, a blank line in the source
    /// before a comment or the item is kept, unless it is `first` in its
    /// block.
    pub(super) fn leading(&mut self, pos: u32, mut first: bool, blank_lines: bool) -> Vec<DocId> {
        let mut parts = Vec::new();
        if self.comments.is_none() {
            return parts;
        }
        while let Some(c) = self.take_before(pos) {
            if blank_lines && !first && self.ask(|cs| cs.blank_before(c.span.start)) {
                parts.push(self.doc.hard_line());
            }
            parts.push(self.comment_doc(c));
            // A block comment stays on the line of the comment or the
            // code it comes right before; any other comment ends its line.
            if c.kind == CommentKind::Line
                || pos == u32::MAX
                || !self.ask(|cs| cs.stays_on_line(c.span.end, pos))
            {
                parts.push(self.doc.hard_line());
            } else {
                parts.push(self.doc.text(" "));
            }
            first = false;
        }
        if blank_lines && !first && pos != u32::MAX && self.ask(|cs| cs.blank_before(pos)) {
            parts.push(self.doc.hard_line());
        }
        parts
    }

    /// The comments after an item that ends at `end`: those inside it that
    /// no other place took, then those before `limit` on the same line that
    /// end it (a block comment followed by more code on its line is left
    /// to what follows). A `//` comment breaks the enclosing groups, so a
    /// line break follows it.
    pub(super) fn trailing(&mut self, end: u32, limit: u32) -> Vec<DocId> {
        let mut parts = Vec::new();
        let mut prev_end = end;
        let mut after_line_comment = false;
        while let Some(c) = self.comments.as_ref().and_then(|cs| cs.peek_before(limit)) {
            let outside = c.span.start >= end;
            if outside
                && (self.ask(|cs| cs.newline_between(prev_end, c.span.start))
                    || (c.kind == CommentKind::Block
                        && !self.ask(|cs| cs.ends_line(c.span.end, limit))))
            {
                break;
            }
            self.take_before(limit);
            parts.push(if after_line_comment {
                self.doc.hard_line()
            } else {
                self.doc.text(" ")
            });
            parts.push(self.comment_doc(c));
            after_line_comment = c.kind == CommentKind::Line;
            prev_end = prev_end.max(c.span.end);
        }
        if after_line_comment {
            parts.push(self.doc.break_parent());
        }
        parts
    }

    /// The comments before a closing delimiter at `close`, each on its own
    /// line after the container's last item (`first`: there is none).
    pub(super) fn dangling(&mut self, close: u32, mut first: bool) -> Vec<DocId> {
        let mut parts = Vec::new();
        while let Some(c) = self.take_before(close) {
            if !first && self.ask(|cs| cs.blank_before(c.span.start)) {
                parts.push(self.doc.hard_line());
            }
            parts.push(self.doc.hard_line());
            parts.push(self.comment_doc(c));
            first = false;
        }
        parts
    }

    /// The comments before `pos` that no statement, item or arm took,
    /// printed inline before what starts there: a block comment followed
    /// by a space, a line comment by a line break.
    pub(super) fn inline_before(&mut self, pos: u32) -> Option<DocId> {
        let mut parts = Vec::new();
        while let Some(c) = self.take_before(pos) {
            parts.push(self.comment_doc(c));
            parts.push(match c.kind {
                CommentKind::Line => self.doc.hard_line(),
                CommentKind::Block => self.doc.text(" "),
            });
        }
        (!parts.is_empty()).then(|| self.doc.concat(parts))
    }

    /// `doc` after the comments before `pos`, if any.
    pub(super) fn with_inline(&mut self, pos: u32, doc: impl FnOnce(&mut Self) -> DocId) -> DocId {
        let before = if self.comments.is_some() {
            self.inline_before(pos)
        } else {
            None
        };
        let d = doc(self);
        match before {
            Some(b) => self.cat([b, d]),
            None => d,
        }
    }

    /// A comma-separated list of the items at `spans`, each printed by
    /// `item`: flat if it fits, else one item per line, indented (always
    /// so when a comment inside it needs a line of its own).
    pub(super) fn list(
        &mut self,
        l: List,
        spans: &[Span],
        mut item: impl FnMut(&mut Self, usize) -> DocId,
    ) -> DocId {
        let close_at = if self.comments.is_some() {
            let last = spans.last().map_or(l.from, |s| s.end.max(l.from));
            self.close_pos(last, l.close_kind)
        } else {
            u32::MAX
        };
        let n = spans.len();
        let mut built = Vec::with_capacity(n);
        for (i, span) in spans.iter().enumerate() {
            let lead = self.leading(span.start, i == 0, false);
            let d = item(self, i);
            let limit = spans.get(i + 1).map_or(close_at, |s| s.start);
            let comma = (i + 1 < n).then(|| self.doc.text(","));
            let trail = self.trailing(span.end, limit);
            built.push((lead, d, comma, trail));
        }
        let dangling = self.dangling(close_at, n == 0);
        let open = self.text(l.open);
        let close = self.text(l.close);
        if n == 0 && dangling.is_empty() {
            return self.cat([open, close]);
        }
        let mut inner = Vec::with_capacity(n * 5 + dangling.len() + 1);
        for (i, (lead, d, comma, trail)) in built.into_iter().enumerate() {
            inner.push(self.separator(false, i == 0 && !l.spaced));
            inner.extend(lead);
            inner.push(d);
            if let Some(comma) = comma {
                inner.push(comma);
            } else if l.trailing_comma {
                inner.push(self.doc.if_break(","));
            }
            inner.extend(trail);
        }
        inner.extend(dangling);
        let inner = self.doc.concat(inner);
        let nested = self.doc.nest(INDENT, inner);
        let end = self.separator(false, !l.spaced);
        let all = self.cat([open, nested, end, close]);
        self.doc.group(all)
    }

    /// A line break between list items: a hard one when `forced`, else one
    /// that is a space (or nothing, if `soft`) when flat.
    pub(super) fn separator(&mut self, forced: bool, soft: bool) -> DocId {
        if forced {
            self.doc.hard_line()
        } else if soft {
            self.doc.soft_line()
        } else {
            self.doc.line()
        }
    }
}
