//! Tokens, produced by a `logos` lexer.
//!
//! Owns the lexical structure of A1: token kinds, byte spans, nested block
//! comments, literal shapes, keywords and reserved words, and the lexical
//! diagnostics (unknown characters, unterminated comments and strings).
//! Lexing never stops at an error: the bad text is reported once and handed
//! on as one [`TokenKind::Unknown`] or [`TokenKind::Unterminated`] token,
//! which the parser absorbs without a second diagnostic.
//!
//! Literal *values* (integer magnitude, float value, string escapes) are
//! decoded by the parser, which knows whether a minus sign folds into an
//! integer literal; this module only finds where literals are. A number
//! literal extends over every letter, digit and `_` after its first digit,
//! so a malformed one (`0b2`, `1.5e`, `12ab`) is one token that the parser
//! reports by name, never a number followed by a name. It must not build
//! trees.
//!
//! Comments are not tokens: the parser never sees them. A lexer asked for
//! trivia ([`lex_with_trivia`]) also keeps every comment's span and kind in
//! a side table, in source order, for the formatter; the tree never holds
//! them.

use crate::diag::{Diagnostic, codes};
use crate::span::Span;
use logos::Logos;

/// The kind of a token. Spans say where; the text is in the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Integer literal (decimal, `0x`, `0o`, `0b`, underscores).
    Int,
    /// Float literal.
    Float,
    /// String literal including its quotes (escapes not yet decoded).
    Str,
    /// Lowercase (value) identifier.
    Ident,
    /// Uppercase (type or constructor) identifier.
    UIdent,
    /// `_`
    Underscore,
    /// `let`
    Let,
    /// `fn`
    Fn,
    /// `if`
    If,
    /// `else`
    Else,
    /// `match`
    Match,
    /// `true`
    True,
    /// `false`
    False,
    /// `struct`
    Struct,
    /// `enum`
    Enum,
    /// A reserved word (`use type mod return while for in loop mut`).
    Reserved,
    /// `+`
    Plus,
    /// `-`
    Minus,
    /// `*`
    Star,
    /// `/`
    Slash,
    /// `%`
    Percent,
    /// `**`
    StarStar,
    /// `++`
    PlusPlus,
    /// `==`
    EqEq,
    /// `!=`
    NotEq,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `&&`
    AndAnd,
    /// `||`
    OrOr,
    /// `!`
    Bang,
    /// `=`
    Eq,
    /// `=>`
    FatArrow,
    /// `->`
    Arrow,
    /// `|`
    Pipe,
    /// `,`
    Comma,
    /// `;`
    Semi,
    /// `:`
    Colon,
    /// `.`
    Dot,
    /// `..`
    DotDot,
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// `[`
    LBracket,
    /// `]`
    RBracket,
    /// `{`
    LBrace,
    /// `}`
    RBrace,
    /// A character that starts no token (already reported).
    Unknown,
    /// A string literal or block comment that the input ends inside
    /// (already reported).
    Unterminated,
    /// End of input (always the last token).
    Eof,
}

impl TokenKind {
    /// How the token is described in "expected …, found …" messages.
    pub fn describe(self) -> &'static str {
        use TokenKind::*;
        match self {
            Int => "an integer literal",
            Float => "a float literal",
            Str => "a string literal",
            Ident => "an identifier",
            UIdent => "a type or constructor name",
            Underscore => "`_`",
            Let => "`let`",
            Fn => "`fn`",
            If => "`if`",
            Else => "`else`",
            Match => "`match`",
            True => "`true`",
            False => "`false`",
            Struct => "`struct`",
            Enum => "`enum`",
            Reserved => "a reserved word",
            Plus => "`+`",
            Minus => "`-`",
            Star => "`*`",
            Slash => "`/`",
            Percent => "`%`",
            StarStar => "`**`",
            PlusPlus => "`++`",
            EqEq => "`==`",
            NotEq => "`!=`",
            Lt => "`<`",
            Le => "`<=`",
            Gt => "`>`",
            Ge => "`>=`",
            AndAnd => "`&&`",
            OrOr => "`||`",
            Bang => "`!`",
            Eq => "`=`",
            FatArrow => "`=>`",
            Arrow => "`->`",
            Pipe => "`|`",
            Comma => "`,`",
            Semi => "`;`",
            Colon => "`:`",
            Dot => "`.`",
            DotDot => "`..`",
            LParen => "`(`",
            RParen => "`)`",
            LBracket => "`[`",
            RBracket => "`]`",
            LBrace => "`{`",
            RBrace => "`}`",
            Unknown => "an unknown character",
            Unterminated => "an unterminated string or comment",
            Eof => "end of input",
        }
    }
}

/// A token: its kind and byte span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// What the token is.
    pub kind: TokenKind,
    /// Where it is.
    pub span: Span,
}

/// The raw logos token set; comments and strings carry whether they were
/// terminated, so the wrapper can report them.
#[derive(Logos, Clone, Copy, Debug, PartialEq)]
#[logos(skip r"[ \t\r\n]+")]
enum Raw {
    #[regex(r"//[^\n]*", allow_greedy = true)]
    LineComment,
    #[token("/*", block_comment)]
    BlockComment(bool),
    #[token("\"", string)]
    Str(bool),
    /// A number literal; `true` for a float.
    #[regex(r"[0-9]", number)]
    Number(bool),
    #[regex(r"[a-z_][A-Za-z0-9_]*")]
    Ident,
    #[regex(r"[A-Z][A-Za-z0-9_]*")]
    UIdent,
    #[token("_", priority = 10)]
    Underscore,
    #[token("let")]
    Let,
    #[token("fn")]
    Fn,
    #[token("if")]
    If,
    #[token("else")]
    Else,
    #[token("match")]
    Match,
    #[token("true")]
    True,
    #[token("false")]
    False,
    #[token("struct")]
    Struct,
    #[token("enum")]
    Enum,
    #[token("use")]
    #[token("type")]
    #[token("mod")]
    #[token("return")]
    #[token("while")]
    #[token("for")]
    #[token("in")]
    #[token("loop")]
    #[token("mut")]
    Reserved,
    #[token("+")]
    Plus,
    #[token("-")]
    Minus,
    #[token("*")]
    Star,
    #[token("/")]
    Slash,
    #[token("%")]
    Percent,
    #[token("**")]
    StarStar,
    #[token("++")]
    PlusPlus,
    #[token("==")]
    EqEq,
    #[token("!=")]
    NotEq,
    #[token("<")]
    Lt,
    #[token("<=")]
    Le,
    #[token(">")]
    Gt,
    #[token(">=")]
    Ge,
    #[token("&&")]
    AndAnd,
    #[token("||")]
    OrOr,
    #[token("!")]
    Bang,
    #[token("=")]
    Eq,
    #[token("=>")]
    FatArrow,
    #[token("->")]
    Arrow,
    #[token("|")]
    Pipe,
    #[token(",")]
    Comma,
    #[token(";")]
    Semi,
    #[token(":")]
    Colon,
    #[token(".")]
    Dot,
    #[token("..")]
    DotDot,
    #[token("(")]
    LParen,
    #[token(")")]
    RParen,
    #[token("[")]
    LBracket,
    #[token("]")]
    RBracket,
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
}

/// Skips a (nested) block comment after its opening `/*`; `false` when the
/// input ends first.
fn block_comment(lex: &mut logos::Lexer<Raw>) -> bool {
    let bytes = lex.remainder().as_bytes();
    let mut depth = 1usize;
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], bytes.get(i + 1)) {
            (b'/', Some(b'*')) => {
                depth += 1;
                i += 2;
            }
            (b'*', Some(b'/')) => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    lex.bump(i);
                    return true;
                }
            }
            _ => i += 1,
        }
    }
    lex.bump(bytes.len());
    false
}

/// Scans a number literal after its first digit: every ASCII letter, digit
/// and `_` that follows belongs to it, and so, in a decimal literal, do a
/// fraction (`.` followed by a digit) and the sign of an exponent. Returns
/// `true` for a float (a decimal literal with a fraction or an `e`).
///
/// The parser checks the digits, so `0b2`, `0x`, `1.5e` and `12ab` are each
/// one malformed literal with one diagnostic.
fn number(lex: &mut logos::Lexer<Raw>) -> bool {
    let radix_prefix = lex.slice() == "0"
        && matches!(lex.remainder().as_bytes().first(), Some(b'x' | b'o' | b'b'));
    let bytes = lex.remainder().as_bytes();
    let word = |mut i: usize| {
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
            i += 1;
        }
        i
    };
    let mut end = word(0);
    if radix_prefix {
        lex.bump(end);
        return false;
    }
    let mut float = false;
    if bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
        end = word(end + 1);
        float = true;
    }
    if end > 0
        && matches!(bytes[end - 1], b'e' | b'E')
        && matches!(bytes.get(end), Some(b'+' | b'-'))
    {
        end = word(end + 1);
    }
    float |= bytes[..end].iter().any(|b| matches!(b, b'e' | b'E'));
    lex.bump(end);
    float
}

/// Skips a string literal's body after its opening quote, honouring `\"`;
/// `false` when the input ends first.
fn string(lex: &mut logos::Lexer<Raw>) -> bool {
    let bytes = lex.remainder().as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                lex.bump(i + 1);
                return true;
            }
            // Skip the escaped byte; escapes are ASCII, so this stays on a
            // char boundary whenever the escaped byte is ASCII, and a
            // non-ASCII escaped char is skipped byte by byte below.
            b'\\' => {
                i += if i + 1 < bytes.len() && bytes[i + 1].is_ascii() {
                    2
                } else {
                    1
                }
            }
            _ => i += 1,
        }
    }
    lex.bump(bytes.len());
    false
}

/// Which kind of comment a [`Comment`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommentKind {
    /// `// …` up to the end of its line (the newline is not part of it).
    Line,
    /// `/* … */`, nested comments included; may span lines.
    Block,
}

/// A comment of the source: trivia the parser skips, kept in a side table
/// for the formatter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Comment {
    /// Line or block.
    pub kind: CommentKind,
    /// Its bytes, delimiters included.
    pub span: Span,
}

/// A streaming lexer: hands out one token at a time ([`Lexer::next_token`])
/// or a batch of them ([`Lexer::fill`]), so the parser needs no buffer of
/// the whole input (a 10 MB program would need a 35 MB one). Comments and
/// whitespace are dropped; lexical errors are collected as diagnostics and
/// the offending text handed on as one already-reported token. After the
/// end it keeps returning [`TokenKind::Eof`].
pub struct Lexer<'s> {
    src: &'s str,
    raw: logos::Lexer<'s, Raw>,
    diags: Vec<Diagnostic>,
    /// The comments seen so far, when asked for ([`Lexer::with_trivia`]).
    trivia: Option<Vec<Comment>>,
}

impl<'s> Lexer<'s> {
    /// A lexer at the start of `src`.
    pub fn new(src: &'s str) -> Lexer<'s> {
        Lexer {
            src,
            raw: Raw::lexer(src),
            diags: Vec::new(),
            trivia: None,
        }
    }

    /// A lexer at the start of `src` that also keeps every (terminated)
    /// comment it skips; [`Lexer::take_comments`] hands them over.
    pub fn with_trivia(src: &'s str) -> Lexer<'s> {
        Lexer {
            trivia: Some(Vec::new()),
            ..Lexer::new(src)
        }
    }

    /// The comments skipped so far, in source order (empty unless made
    /// with [`Lexer::with_trivia`]).
    pub fn take_comments(&mut self) -> Vec<Comment> {
        self.trivia.as_mut().map(std::mem::take).unwrap_or_default()
    }

    /// Replaces `kinds` and `spans` (of the same length) with the kinds
    /// and spans of the next `kinds.len()` tokens (the parser lexes in
    /// batches); past the end, they are [`TokenKind::Eof`]. The spans of
    /// the identifiers among them longer than one byte go to the start of
    /// `names`, which must be at least as long as `kinds`, and their number
    /// is returned (the parser looks them up in its name table ahead of
    /// time).
    #[inline(never)]
    pub fn fill(
        &mut self,
        kinds: &mut [TokenKind],
        spans: &mut [Span],
        names: &mut [Span],
    ) -> usize {
        let mut found = 0;
        for (k, s) in kinds.iter_mut().zip(spans) {
            let Token { kind, span } = self.token();
            if matches!(kind, TokenKind::Ident | TokenKind::UIdent) && span.len() > 1 {
                names[found] = span;
                found += 1;
            }
            *k = kind;
            *s = span;
        }
        found
    }

    /// The next token, or [`TokenKind::Eof`] (with an empty span at the end
    /// of the source) once the input is used up.
    pub fn next_token(&mut self) -> Token {
        self.token()
    }

    /// [`Lexer::next_token`], inlined into [`Lexer::fill`]'s loop.
    #[inline(always)]
    fn token(&mut self) -> Token {
        while let Some(raw) = self.raw.next() {
            let r = self.raw.span();
            let span = Span::new(r.start as u32, r.end as u32);
            match raw {
                Ok(Raw::LineComment) => self.comment(CommentKind::Line, span),
                Ok(Raw::BlockComment(true)) => self.comment(CommentKind::Block, span),
                Ok(raw) => {
                    if let Some(kind) = convert(raw, span, &mut self.diags) {
                        return Token { kind, span };
                    }
                }
                Err(()) => return self.unknown(r),
            }
        }
        let end = self.src.len() as u32;
        Token {
            kind: TokenKind::Eof,
            span: Span::new(end, end),
        }
    }

    fn comment(&mut self, kind: CommentKind, span: Span) {
        if let Some(t) = &mut self.trivia {
            t.push(Comment { kind, span });
        }
    }

    /// Reports the character at `r.start` that starts no token and resumes
    /// right after it.
    #[cold]
    fn unknown(&mut self, r: std::ops::Range<usize>) -> Token {
        let ch = self.src[r.start..].chars().next().unwrap_or('?');
        let after = r.start + ch.len_utf8();
        let span = Span::new(r.start as u32, after as u32);
        self.diags.push(
            Diagnostic::error(
                codes::UNKNOWN_CHAR,
                format!("unexpected character {ch:?}"),
                span,
            )
            .with_primary_message("no token starts with this character"),
        );
        if r.end > after {
            self.raw = Raw::lexer(self.src);
            self.raw.bump(after);
        }
        Token {
            kind: TokenKind::Unknown,
            span,
        }
    }

    /// The lexical errors found so far.
    pub fn take_diagnostics(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.diags)
    }
}

/// Lexes the whole source (for `calc parse --tokens`, the REPL's `:tokens`
/// and highlighting). The returned tokens always end with
/// [`TokenKind::Eof`].
pub fn lex(src: &str) -> (Vec<Token>, Vec<Diagnostic>) {
    let (tokens, _, diags) = lex_all(Lexer::new(src));
    (tokens, diags)
}

/// [`lex`], also returning every comment (the trivia side table), in
/// source order.
pub fn lex_with_trivia(src: &str) -> (Vec<Token>, Vec<Comment>, Vec<Diagnostic>) {
    lex_all(Lexer::with_trivia(src))
}

fn lex_all(mut lexer: Lexer) -> (Vec<Token>, Vec<Comment>, Vec<Diagnostic>) {
    let mut tokens = Vec::new();
    loop {
        let t = lexer.next_token();
        tokens.push(t);
        if t.kind == TokenKind::Eof {
            break;
        }
    }
    let comments = lexer.take_comments();
    (tokens, comments, lexer.take_diagnostics())
}

#[inline(always)]
fn convert(raw: Raw, span: Span, diags: &mut Vec<Diagnostic>) -> Option<TokenKind> {
    use TokenKind as K;
    Some(match raw {
        Raw::LineComment | Raw::BlockComment(true) => return None,
        Raw::BlockComment(false) => {
            diags.push(
                Diagnostic::error(
                    codes::UNTERMINATED_COMMENT,
                    "unterminated block comment",
                    Span::new(span.start, span.start + 2),
                )
                .with_primary_message("this comment is never closed")
                .with_help("close it with `*/` (block comments nest)"),
            );
            K::Unterminated
        }
        Raw::Str(terminated) => {
            if !terminated {
                diags.push(
                    Diagnostic::error(
                        codes::UNTERMINATED_STRING,
                        "unterminated string literal",
                        Span::new(span.start, span.start + 1),
                    )
                    .with_primary_message("this string is never closed")
                    .with_help("add a closing `\"`"),
                );
                return Some(K::Unterminated);
            }
            K::Str
        }
        Raw::Number(false) => K::Int,
        Raw::Number(true) => K::Float,
        Raw::Ident => K::Ident,
        Raw::UIdent => K::UIdent,
        Raw::Underscore => K::Underscore,
        Raw::Let => K::Let,
        Raw::Fn => K::Fn,
        Raw::If => K::If,
        Raw::Else => K::Else,
        Raw::Match => K::Match,
        Raw::True => K::True,
        Raw::False => K::False,
        Raw::Struct => K::Struct,
        Raw::Enum => K::Enum,
        Raw::Reserved => K::Reserved,
        Raw::Plus => K::Plus,
        Raw::Minus => K::Minus,
        Raw::Star => K::Star,
        Raw::Slash => K::Slash,
        Raw::Percent => K::Percent,
        Raw::StarStar => K::StarStar,
        Raw::PlusPlus => K::PlusPlus,
        Raw::EqEq => K::EqEq,
        Raw::NotEq => K::NotEq,
        Raw::Lt => K::Lt,
        Raw::Le => K::Le,
        Raw::Gt => K::Gt,
        Raw::Ge => K::Ge,
        Raw::AndAnd => K::AndAnd,
        Raw::OrOr => K::OrOr,
        Raw::Bang => K::Bang,
        Raw::Eq => K::Eq,
        Raw::FatArrow => K::FatArrow,
        Raw::Arrow => K::Arrow,
        Raw::Pipe => K::Pipe,
        Raw::Comma => K::Comma,
        Raw::Semi => K::Semi,
        Raw::Colon => K::Colon,
        Raw::Dot => K::Dot,
        Raw::DotDot => K::DotDot,
        Raw::LParen => K::LParen,
        Raw::RParen => K::RParen,
        Raw::LBracket => K::LBracket,
        Raw::RBracket => K::RBracket,
        Raw::LBrace => K::LBrace,
        Raw::RBrace => K::RBrace,
    })
}

#[cfg(test)]
mod tests;
