//! The comments of a source being formatted, and the facts about the
//! source the printer needs to place them.
//!
//! Owns the queue of comments not yet placed (in source order: the printer
//! takes them from the front as it walks the tree in source order, so their
//! order never changes), the questions asked of the whitespace around them
//! (is a comment on the same line as the code before it, is there a blank
//! line before something), and where a closing delimiter is. It decides
//! nothing about layout and must not build documents.

use crate::span::Span;
use crate::syntax::lexer::{Comment, CommentKind, Token, TokenKind};

/// The comments of one source, consumed front to back.
pub struct Comments<'s> {
    src: &'s str,
    comments: Vec<Comment>,
    /// Index of the first comment not yet placed.
    next: usize,
    /// The source's tokens (comments excluded), for finding closing
    /// delimiters.
    tokens: Vec<Token>,
}

impl<'s> Comments<'s> {
    /// The comments of `src`, with its tokens.
    pub fn new(src: &'s str, comments: Vec<Comment>, tokens: Vec<Token>) -> Comments<'s> {
        Comments {
            src,
            comments,
            next: 0,
            tokens,
        }
    }

    /// How many comments have been placed so far (a change tells a caller
    /// that something it printed holds a comment).
    pub fn placed(&self) -> usize {
        self.next
    }

    /// The next comment to place, if it starts before `pos`.
    pub fn peek_before(&self, pos: u32) -> Option<Comment> {
        self.comments
            .get(self.next)
            .copied()
            .filter(|c| c.span.start < pos)
    }

    /// Takes the next comment (the one [`Comments::peek_before`] showed).
    pub fn take(&mut self) {
        self.next += 1;
    }

    /// The comment's text as it is printed: its lines without trailing
    /// whitespace (a block comment may have several).
    pub fn lines(&self, c: Comment) -> impl Iterator<Item = &'s str> {
        let text = &self.src[c.span.range()];
        let text = match c.kind {
            CommentKind::Line => text.trim_end(),
            CommentKind::Block => text,
        };
        text.split('\n').map(str::trim_end)
    }

    /// Whether a newline lies between byte offsets `from` and `to`.
    pub fn newline_between(&self, from: u32, to: u32) -> bool {
        let (from, to) = (from as usize, (to as usize).min(self.src.len()));
        from < to && self.src.as_bytes()[from..to].contains(&b'\n')
    }

    /// Whether the whitespace right before `start` holds a blank line.
    pub fn blank_before(&self, start: u32) -> bool {
        self.src.as_bytes()[..(start as usize).min(self.src.len())]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_whitespace())
            .filter(|&&b| b == b'\n')
            .count()
            >= 2
    }

    /// Where the first `kind` token at or after `from` starts (the end of
    /// the source if there is none).
    pub fn close(&self, from: u32, kind: TokenKind) -> u32 {
        let first = self.tokens.partition_point(|t| t.span.start < from);
        self.tokens[first..]
            .iter()
            .find(|t| t.kind == kind || t.kind == TokenKind::Eof)
            .map_or(self.src.len() as u32, |t| t.span.start)
    }

    /// Whether the code after a comment ending at `end` starts on a later
    /// line, or at or after `limit` (only comments lie between).
    pub fn ends_line(&self, end: u32, limit: u32) -> bool {
        let next = self.next_token(end);
        next >= limit || self.newline_between(end, next)
    }

    /// Whether a comment ending at `end` (just taken) is followed on its
    /// line by the next comment, or by the code that starts at `pos` (a
    /// comma between does not count: the comma is printed before it).
    pub fn stays_on_line(&self, end: u32, pos: u32) -> bool {
        let first = self.tokens.partition_point(|t| t.span.start < end);
        let next = self.tokens[first..]
            .iter()
            .find(|t| t.kind != TokenKind::Comma)
            .map_or(self.src.len() as u32, |t| t.span.start);
        let comment = self
            .comments
            .get(self.next)
            .map(|c| c.span.start)
            .filter(|&s| s < next);
        !self.newline_between(end, comment.unwrap_or(next)) && (comment.is_some() || next >= pos)
    }

    /// Where the first token at or after `from` starts.
    fn next_token(&self, from: u32) -> u32 {
        let first = self.tokens.partition_point(|t| t.span.start < from);
        self.tokens
            .get(first)
            .map_or(self.src.len() as u32, |t| t.span.start)
    }
}

/// The span from the start of `a` to the end of `b` (or `a`'s end, if
/// later).
pub fn cover(a: Span, b: Span) -> Span {
    Span::new(a.start, a.end.max(b.end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::lexer::lex_with_trivia;

    fn comments(src: &str) -> Comments<'_> {
        let (tokens, comments, _) = lex_with_trivia(src);
        Comments::new(src, comments, tokens)
    }

    #[test]
    fn comments_come_out_in_order_before_a_position() {
        let mut c = comments("a /* x */ b // y\nc");
        let first = c.peek_before(4).expect("the block comment starts at 2");
        assert_eq!(c.lines(first).collect::<Vec<_>>(), ["/* x */"]);
        assert!(c.peek_before(2).is_none());
        c.take();
        assert!(c.peek_before(12).is_none(), "the line comment starts at 12");
        assert!(c.peek_before(13).is_some());
        assert_eq!(c.placed(), 1);
    }

    #[test]
    fn whitespace_questions() {
        let c = comments("a\n\n  b c\nd");
        assert!(c.blank_before(5));
        assert!(!c.blank_before(7));
        assert!(c.newline_between(0, 5));
        assert!(!c.newline_between(5, 7));
    }

    #[test]
    fn a_closing_delimiter_is_found_after_a_position() {
        let c = comments("f(a, b) { x }");
        assert_eq!(c.close(3, TokenKind::RParen), 6);
        assert_eq!(c.close(7, TokenKind::RBrace), 12);
        assert_eq!(c.close(13, TokenKind::RBrace), 13, "none: the end");
        let mut c = comments("a /* x */ /* y */\nb /* z */, c");
        assert!(c.ends_line(9, 100));
        assert!(!c.ends_line(27, 100));
        assert!(c.ends_line(27, 27));
        for _ in 0..3 {
            c.take();
        }
        assert!(c.stays_on_line(27, 27));
        assert!(c.stays_on_line(27, 29), "a comma between is printed first");
        assert!(!c.stays_on_line(27, 30), "not what comes after the comma");
        assert!(!c.stays_on_line(17, 18), "on the next line");
        let mut c = comments("/* x */ /* y */\nb");
        c.take();
        assert!(c.stays_on_line(7, 16), "the next comment follows");
    }

    #[test]
    fn a_block_comment_keeps_its_lines() {
        let c = comments("/* a  \n   b */ // z  \r");
        let all: Vec<Vec<&str>> = c.comments.iter().map(|&k| c.lines(k).collect()).collect();
        assert_eq!(all, [vec!["/* a", "   b */"], vec!["// z"]]);
    }
}
