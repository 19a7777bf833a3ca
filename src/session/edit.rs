//! The REPL's editing aids, computed from the same lexer as the language:
//! whether an input is unfinished (so the line editor asks for another
//! line), completion of keywords, commands and names, and syntax
//! highlighting.
//!
//! Pure functions over text; like the rest of [`crate::session`], this
//! module must not touch the terminal.

use super::COMMANDS;
use crate::diag;
use crate::syntax::lexer::{self, TokenKind};

/// True when `text` is an unfinished input: unbalanced brackets, an
/// unterminated string or comment, or a last token that needs an operand.
pub fn incomplete(text: &str) -> bool {
    let (toks, diags) = lexer::lex(text);
    if diags.iter().any(|d| {
        d.code == diag::codes::UNTERMINATED_STRING || d.code == diag::codes::UNTERMINATED_COMMENT
    }) {
        return true;
    }
    let mut depth: i64 = 0;
    for t in &toks {
        match t.kind {
            TokenKind::LParen | TokenKind::LBracket | TokenKind::LBrace => depth += 1,
            TokenKind::RParen | TokenKind::RBracket | TokenKind::RBrace => depth -= 1,
            _ => {}
        }
    }
    if depth > 0 {
        return true;
    }
    let last = toks
        .iter()
        .rev()
        .find(|t| t.kind != TokenKind::Eof)
        .map(|t| t.kind);
    matches!(
        last,
        Some(
            TokenKind::Plus
                | TokenKind::Minus
                | TokenKind::Star
                | TokenKind::Slash
                | TokenKind::Percent
                | TokenKind::StarStar
                | TokenKind::PlusPlus
                | TokenKind::EqEq
                | TokenKind::NotEq
                | TokenKind::Lt
                | TokenKind::Le
                | TokenKind::Gt
                | TokenKind::Ge
                | TokenKind::AndAnd
                | TokenKind::OrOr
                | TokenKind::Bang
                | TokenKind::Eq
                | TokenKind::FatArrow
                | TokenKind::Arrow
                | TokenKind::Comma
                | TokenKind::Dot
                | TokenKind::Colon
                | TokenKind::Pipe
        )
    )
}

/// Keywords offered by completion.
const KEYWORDS: &[&str] = &[
    "let", "fn", "if", "else", "match", "true", "false", "struct", "enum",
];

/// Completion of the word that ends at byte `pos` of `line`: keywords, REPL
/// commands and `names` (prelude and user bindings, see [`Session::names`](super::Session::names))
/// that start with it. Returns where the word starts and the candidates,
/// sorted and without duplicates.
pub fn complete(names: &[String], line: &str, pos: usize) -> (usize, Vec<String>) {
    let before = line.get(..pos).unwrap_or(line);
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '_' || c == ':'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[start..];
    if word.is_empty() {
        return (pos, Vec::new());
    }
    let mut all: Vec<&str> = KEYWORDS
        .iter()
        .copied()
        .chain(COMMANDS.iter().copied())
        .chain(names.iter().map(String::as_str))
        .filter(|c| c.starts_with(word))
        .collect();
    all.sort_unstable();
    all.dedup();
    (start, all.into_iter().map(str::to_string).collect())
}

/// ANSI syntax highlighting of one input, token by token.
pub fn highlight(line: &str) -> String {
    let (toks, _) = lexer::lex(line);
    let mut out = String::with_capacity(line.len() * 2);
    let mut at = 0usize;
    for t in toks {
        let (s, e) = (t.span.start as usize, t.span.end as usize);
        if s > at {
            // Whitespace and comments between tokens.
            out.push_str("\x1b[2m");
            out.push_str(&line[at..s]);
            out.push_str("\x1b[0m");
        }
        let color = match t.kind {
            TokenKind::Let
            | TokenKind::Fn
            | TokenKind::If
            | TokenKind::Else
            | TokenKind::Match
            | TokenKind::Struct
            | TokenKind::Enum => Some("\x1b[35m"),
            TokenKind::Int | TokenKind::Float | TokenKind::True | TokenKind::False => {
                Some("\x1b[36m")
            }
            TokenKind::Str => Some("\x1b[32m"),
            TokenKind::UIdent => Some("\x1b[33m"),
            TokenKind::Unknown | TokenKind::Reserved => Some("\x1b[31m"),
            // A string or comment still being typed looks like one.
            TokenKind::Unterminated if line[s..].starts_with('"') => Some("\x1b[32m"),
            TokenKind::Unterminated => Some("\x1b[2m"),
            _ => None,
        };
        let text = &line[s..e];
        match color {
            Some(c) => {
                out.push_str(c);
                out.push_str(text);
                out.push_str("\x1b[0m");
            }
            None => out.push_str(text),
        }
        at = e;
    }
    if at < line.len() {
        out.push_str(&line[at..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Engine;
    use crate::session::Session;

    fn completions(names: &[&str], line: &str) -> (usize, Vec<String>) {
        let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        complete(&names, line, line.len())
    }

    #[test]
    fn completion_offers_keywords_prelude_and_user_names() {
        let s = Session::new(&Engine::new(), Box::new(std::io::sink()), false);
        let mut names = s.names();
        names.push("cube".to_string());
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        assert_eq!(
            completions(&names, "let x = cu"),
            (8, vec!["cube".to_string()])
        );
        assert_eq!(
            completions(&names, "pri"),
            (0, vec!["print".to_string(), "println".to_string()])
        );
        assert_eq!(
            completions(&names, "ma"),
            (
                0,
                vec!["map".to_string(), "match".to_string(), "max".to_string()]
            )
        );
        assert_eq!(completions(&names, ":ty"), (0, vec![":type".to_string()]));
        assert_eq!(completions(&names, "1 + "), (4, Vec::new()));
        // A word after a multibyte character starts after that character.
        assert_eq!(completions(&names, "×cu"), (2, vec!["cube".to_string()]));
    }

    #[test]
    fn incomplete_inputs() {
        assert!(incomplete("fn f(x) {"));
        assert!(incomplete("1 +"));
        assert!(incomplete("\"abc"));
        assert!(incomplete("let xs = [1,"));
        assert!(!incomplete("1 + 2"));
        assert!(!incomplete("}"));
    }

    #[test]
    fn highlighting_keeps_the_text() {
        let h = highlight("let x = \"s\"; // c");
        let plain: String = {
            let mut out = String::new();
            let mut chars = h.chars();
            while let Some(c) = chars.next() {
                if c == '\x1b' {
                    for d in chars.by_ref() {
                        if d == 'm' {
                            break;
                        }
                    }
                } else {
                    out.push(c);
                }
            }
            out
        };
        assert_eq!(plain, "let x = \"s\"; // c");
        assert!(h.contains("\x1b[35mlet"));
    }

    #[test]
    fn unfinished_strings_and_comments_highlight_as_such() {
        assert!(highlight("\"ab").contains("\x1b[32m\"ab"));
        assert!(highlight("1 /* ab").contains("\x1b[2m/* ab"));
    }
}
