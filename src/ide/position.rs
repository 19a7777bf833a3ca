//! Positions as editors count them: a line and a column in UTF-16 code
//! units (the Language Server Protocol's default encoding), converted to and
//! from the byte offsets the rest of calc uses, and text edits applied at
//! such positions.
//!
//! Owns [`LineMap`], [`Position`] and [`apply_edit`]. Lines end at `\n`; a
//! `\r` before it is not part of the line's text. A position past the end
//! of its line means the end of the line, a line past the last one the end
//! of the text, and a column inside a character (between the two halves of
//! a UTF-16 surrogate pair) that character's start. This module must not
//! know about syntax.

/// A zero-based line and a column in UTF-16 code units.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Position {
    /// The line, from 0.
    pub line: u32,
    /// The column in UTF-16 code units, from 0.
    pub character: u32,
}

impl Position {
    /// The position at `line`, `character`.
    pub fn new(line: u32, character: u32) -> Position {
        Position { line, character }
    }
}

/// The byte offset where each line of one text starts.
#[derive(Clone, Debug)]
pub struct LineMap {
    starts: Vec<u32>,
}

impl LineMap {
    /// The line starts of `text`.
    pub fn new(text: &str) -> LineMap {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i as u32 + 1),
        );
        LineMap { starts }
    }

    /// The position of byte `offset` of `text` (the text this map was made
    /// from); an offset inside a character counts from its start, one past
    /// the end is the end.
    pub fn position(&self, text: &str, offset: u32) -> Position {
        let mut offset = (offset as usize).min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s as usize <= offset) - 1;
        let start = self.starts[line] as usize;
        let character = text[start..offset].encode_utf16().count() as u32;
        Position {
            line: line as u32,
            character,
        }
    }

    /// The byte offset in `text` (the text this map was made from) of
    /// `pos`, clamped as the module comment says.
    pub fn offset(&self, text: &str, pos: Position) -> u32 {
        let Some(&start) = self.starts.get(pos.line as usize) else {
            return text.len() as u32;
        };
        let start = start as usize;
        let end = self
            .starts
            .get(pos.line as usize + 1)
            .map_or(text.len(), |&s| s as usize - 1);
        let line = text[start..end]
            .strip_suffix('\r')
            .unwrap_or(&text[start..end]);
        let mut units = 0;
        for (i, c) in line.char_indices() {
            let next = units + c.len_utf16() as u32;
            if next > pos.character {
                return (start + i) as u32;
            }
            units = next;
        }
        (start + line.len()) as u32
    }
}

/// Replaces the text between `start` and `end` (UTF-16 positions, in
/// either order) with `new`.
pub fn apply_edit(text: &mut String, start: Position, end: Position, new: &str) {
    let map = LineMap::new(text);
    let a = map.offset(text, start) as usize;
    let b = map.offset(text, end) as usize;
    let (a, b) = (a.min(b), a.max(b));
    text.replace_range(a..b, new);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str) {
        let map = LineMap::new(text);
        for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let pos = map.position(text, i as u32);
            let back = map.offset(text, pos) as usize;
            let at_line_break = text[..i].ends_with('\r') && text[i..].starts_with('\n');
            if !at_line_break {
                assert_eq!(back, i, "{text:?} at byte {i} ({pos:?})");
            }
        }
    }

    #[test]
    fn ascii_columns_are_bytes() {
        let text = "let x = 1;\nx + 2";
        let map = LineMap::new(text);
        assert_eq!(map.position(text, 15), Position::new(1, 4));
        assert_eq!(map.offset(text, Position::new(1, 4)), 15);
        round_trip(text);
    }

    #[test]
    fn accented_letters_are_one_unit_and_two_bytes() {
        let text = "let café = \"é\"; café";
        let map = LineMap::new(text);
        let second = text.rfind("café").expect("written twice") as u32;
        // `let café = "é"; ` is 16 characters, 18 bytes.
        assert_eq!(second, 18);
        assert_eq!(map.position(text, second), Position::new(0, 16));
        assert_eq!(map.offset(text, Position::new(0, 16)), 18);
        assert_eq!(map.position(text, text.len() as u32), Position::new(0, 20));
        round_trip(text);
    }

    #[test]
    fn emoji_are_two_units_and_four_bytes() {
        let text = "\"😀😀\" ++ x\ny";
        let map = LineMap::new(text);
        let x = text.find('x').expect("there") as u32;
        assert_eq!(x, 14);
        // `"😀😀" ++ ` is 1 + 2 + 2 + 1 + 4 = 10 units.
        assert_eq!(map.position(text, x), Position::new(0, 10));
        assert_eq!(map.offset(text, Position::new(0, 10)), x);
        // Inside the first emoji's surrogate pair: its start.
        assert_eq!(map.offset(text, Position::new(0, 2)), 1);
        assert_eq!(map.offset(text, Position::new(0, 3)), 5);
        round_trip(text);
    }

    #[test]
    fn positions_past_a_line_or_the_text_are_clamped() {
        let text = "ab\r\ncd";
        let map = LineMap::new(text);
        assert_eq!(map.offset(text, Position::new(0, 99)), 2, "before the \\r");
        assert_eq!(map.offset(text, Position::new(1, 1)), 5);
        assert_eq!(map.offset(text, Position::new(7, 0)), 6);
        assert_eq!(map.position(text, 99), Position::new(1, 2));
        round_trip(text);
    }

    #[test]
    fn edits_apply_at_utf16_positions() {
        let mut text = "let é = 1;\n😀 + é".to_string();
        apply_edit(&mut text, Position::new(1, 2), Position::new(1, 3), "");
        assert_eq!(text, "let é = 1;\n😀+ é");
        apply_edit(&mut text, Position::new(1, 5), Position::new(1, 4), "x");
        assert_eq!(text, "let é = 1;\n😀+ x");
        apply_edit(&mut text, Position::new(0, 4), Position::new(1, 0), "");
        assert_eq!(text, "let 😀+ x");
    }
}
