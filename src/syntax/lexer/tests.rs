//! Unit tests of `syntax::lexer`.

use super::*;
use TokenKind as K;

fn kinds(src: &str) -> Vec<TokenKind> {
    let (toks, diags) = lex(src);
    assert!(diags.is_empty(), "{diags:?}");
    toks.into_iter().map(|t| t.kind).collect()
}

#[test]
fn every_operator() {
    assert_eq!(
        kinds("+ - * / % ** ++ == != < <= > >= && || ! = => -> | , ; : . .. ( ) [ ] { }"),
        vec![
            K::Plus,
            K::Minus,
            K::Star,
            K::Slash,
            K::Percent,
            K::StarStar,
            K::PlusPlus,
            K::EqEq,
            K::NotEq,
            K::Lt,
            K::Le,
            K::Gt,
            K::Ge,
            K::AndAnd,
            K::OrOr,
            K::Bang,
            K::Eq,
            K::FatArrow,
            K::Arrow,
            K::Pipe,
            K::Comma,
            K::Semi,
            K::Colon,
            K::Dot,
            K::DotDot,
            K::LParen,
            K::RParen,
            K::LBracket,
            K::RBracket,
            K::LBrace,
            K::RBrace,
            K::Eof
        ]
    );
}

#[test]
fn keywords_reserved_and_names() {
    assert_eq!(
        kinds("let fn if else match true false struct enum while mut x _ _x Foo"),
        vec![
            K::Let,
            K::Fn,
            K::If,
            K::Else,
            K::Match,
            K::True,
            K::False,
            K::Struct,
            K::Enum,
            K::Reserved,
            K::Reserved,
            K::Ident,
            K::Underscore,
            K::Ident,
            K::UIdent,
            K::Eof
        ]
    );
}

#[test]
fn literal_forms_with_spans() {
    let (toks, _) = lex("1_000 0xFF 0o17 0b1010 3.14 1.0e-9 2e10 6.02E23 1_0.5_0 \"a\\n\"");
    let k: Vec<_> = toks.iter().map(|t| t.kind).collect();
    assert_eq!(
        k,
        vec![
            K::Int,
            K::Int,
            K::Int,
            K::Int,
            K::Float,
            K::Float,
            K::Float,
            K::Float,
            K::Float,
            K::Str,
            K::Eof
        ]
    );
    assert_eq!(toks[0].span, Span::new(0, 5));
    assert_eq!(toks[9].span, Span::new(56, 61));
}

#[test]
fn dot_needs_digits_on_both_sides() {
    assert_eq!(
        kinds("1.abs()"),
        vec![K::Int, K::Dot, K::Ident, K::LParen, K::RParen, K::Eof]
    );
    assert_eq!(kinds(".5"), vec![K::Dot, K::Int, K::Eof]);
}

#[test]
fn comments_nest() {
    assert_eq!(
        kinds("1 /* a /* b */ c */ 2 // x\n3"),
        vec![K::Int, K::Int, K::Int, K::Eof]
    );
}

#[test]
fn unterminated_comment_points_at_opening() {
    let (toks, diags) = lex("1 /* a /* b */");
    let kinds: Vec<_> = toks.iter().map(|t| t.kind).collect();
    assert_eq!(kinds, vec![K::Int, K::Unterminated, K::Eof]);
    assert_eq!(toks[1].span, Span::new(2, 14));
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].code, codes::UNTERMINATED_COMMENT);
    assert_eq!(diags[0].primary_span(), Some(Span::new(2, 4)));
}

#[test]
fn malformed_numbers_are_one_token() {
    let (toks, diags) = lex("0b2 0x 0o8 12ab 1.5e 1e+ 0X1F 0x1e-5 1.0e-9 2e10 1.abs");
    assert!(diags.is_empty(), "the parser reports malformed numbers");
    let shown: Vec<(TokenKind, &str)> = toks
        .iter()
        .map(|t| {
            (
                t.kind,
                &"0b2 0x 0o8 12ab 1.5e 1e+ 0X1F 0x1e-5 1.0e-9 2e10 1.abs"[t.span.range()],
            )
        })
        .collect();
    assert_eq!(
        shown,
        vec![
            (K::Int, "0b2"),
            (K::Int, "0x"),
            (K::Int, "0o8"),
            (K::Int, "12ab"),
            (K::Float, "1.5e"),
            (K::Float, "1e+"),
            (K::Int, "0X1F"),
            (K::Int, "0x1e"),
            (K::Minus, "-"),
            (K::Int, "5"),
            (K::Float, "1.0e-9"),
            (K::Float, "2e10"),
            (K::Int, "1"),
            (K::Dot, "."),
            (K::Ident, "abs"),
            (K::Eof, ""),
        ]
    );
}

#[test]
fn unterminated_string() {
    let (toks, diags) = lex("let s = \"abc");
    assert_eq!(diags[0].code, codes::UNTERMINATED_STRING);
    assert_eq!(diags[0].primary_span(), Some(Span::new(8, 9)));
    assert_eq!(toks[3].kind, K::Unterminated);
    assert_eq!(toks[3].span, Span::new(8, 12));
}

#[test]
fn unknown_characters_are_reported_and_skipped() {
    let (toks, diags) = lex("1 @ 2 € 3");
    assert_eq!(diags.len(), 2);
    assert!(diags[0].message.contains("'@'"));
    assert!(diags[1].message.contains("'€'"));
    assert_eq!(diags[1].primary_span(), Some(Span::new(6, 9)));
    let kinds: Vec<_> = toks.iter().map(|t| t.kind).collect();
    assert_eq!(
        kinds,
        vec![K::Int, K::Unknown, K::Int, K::Unknown, K::Int, K::Eof]
    );
}

#[test]
fn strings_span_lines_and_keep_escaped_quotes() {
    let (toks, diags) = lex("\"a\nb\\\"c\" x");
    assert!(diags.is_empty());
    assert_eq!(toks[0].kind, K::Str);
    assert_eq!(toks[0].span, Span::new(0, 8));
    assert_eq!(toks[1].kind, K::Ident);
}

#[test]
fn streaming_lexer_stays_at_eof() {
    let mut lexer = Lexer::new("a €");
    assert_eq!(lexer.next_token().kind, TokenKind::Ident);
    assert_eq!(lexer.next_token().kind, TokenKind::Unknown);
    for _ in 0..3 {
        let t = lexer.next_token();
        assert_eq!(t.kind, TokenKind::Eof);
        assert_eq!(t.span, Span::new(5, 5));
    }
    assert_eq!(lexer.take_diagnostics().len(), 1);
}

#[test]
fn comments_are_kept_as_trivia_only_when_asked() {
    let src = "a // one\n/* two /* nested */ */ b /* open";
    let (toks, comments, diags) = lex_with_trivia(src);
    let kinds: Vec<_> = toks.iter().map(|t| t.kind).collect();
    assert_eq!(kinds, vec![K::Ident, K::Ident, K::Unterminated, K::Eof]);
    assert_eq!(
        diags.len(),
        1,
        "the unterminated comment is reported, not kept"
    );
    let texts: Vec<_> = comments
        .iter()
        .map(|c| (c.kind, &src[c.span.start as usize..c.span.end as usize]))
        .collect();
    assert_eq!(
        texts,
        vec![
            (CommentKind::Line, "// one"),
            (CommentKind::Block, "/* two /* nested */ */")
        ]
    );
    let mut plain = Lexer::new(src);
    while plain.next_token().kind != K::Eof {}
    assert!(plain.take_comments().is_empty());
}
