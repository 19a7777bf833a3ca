//! Tests of the parser's token window ([`Parser::lex_batch`]): whatever
//! the batch size, a unit parses to the same tree and diagnostics, so the
//! window's refills (which move the previous and current token to its
//! front) lose no token, lookahead or position across a batch boundary.

use super::*;
use crate::syntax::dump;

/// The dump of `src`'s tree and its diagnostics, lexed `batch` tokens at
/// a time.
fn parsed(src: &str, batch: usize) -> String {
    let arena = Arena::new();
    let p = parse_in_batches(&arena, src, batch);
    let diags: Vec<String> = p
        .diagnostics
        .iter()
        .map(|d| format!("{} {} {:?}", d.code, d.message, d.primary_span()))
        .collect();
    format!("{}{}", dump::program(&p.program), diags.join("\n"))
}

#[test]
fn every_batch_size_gives_the_same_tree_and_diagnostics() {
    let sources = [
        "fn f(a, b) = if a < b { a * 2 + b } else { [a, b, a + b].len() + b };\nlet v = f(3, 4) + (17 * 3 - 2) % 5;\nv",
        // Recovery reads the previous token and counts consumed ones.
        "let a = 1 +;\nlet b = (2;\nfn f(x) = x * ;\nlet ok = 4;\nok",
        "l\\et x = 1; let y = \"open",
        "match p { Some(x) if x > 1 => x, _ => 0 }.len() } ) let",
        "struct P { x: Int } let p = P { x: 1 }; p.x + p.",
        "1 < 2 < 3; [1, 2,, 3]; (1,); |x| x + ; let = 5;",
    ];
    for src in sources {
        let whole = parsed(src, LEX_BATCH);
        for batch in [1, 2, 3, 5, 8, 13] {
            assert_eq!(parsed(src, batch), whole, "batch {batch} of {src:?}");
        }
    }
    // A long unit crosses many boundaries of the full-size batch.
    let long = sources[0].repeat(200) + "\n" + sources[1];
    let whole = parsed(&long, LEX_BATCH);
    for batch in [1, 7, 100, LEX_BATCH - 1] {
        assert_eq!(
            parsed(&long, batch),
            whole,
            "batch {batch} of the long unit"
        );
    }
}
