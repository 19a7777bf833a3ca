//! A small pretty-printing document model in the Wadler/Oppen style.
//!
//! Owns layout: a [`Doc`] is built from text, line breaks that become a space
//! (or nothing) when their group fits on the line, hard line breaks (also
//! ones that start the next line at column 0, for the inner lines of a
//! block comment), text shown only when its group is broken (a trailing
//! comma), groups, nesting and concatenation, and is rendered at a given
//! width. It knows
//! nothing about calc's syntax; the AST printer (and later `calc fmt`) build
//! documents with it.
//!
//! Nodes live in one vector and refer to each other by [`DocId`], children
//! before parents, so a node's flat width is computed once when it is made,
//! rendering is a loop over an explicit stack, and dropping a document of
//! any depth never recurses. Indentation stops growing at [`MAX_INDENT`]
//! columns so the text of deeply nested input stays linear in its size.

/// Deepest indentation, in columns; deeper nesting is printed at this column.
pub const MAX_INDENT: u32 = 60;

/// A flat width meaning "cannot be flat" (the node contains a hard break).
const INFINITE: u32 = u32::MAX;

/// A handle to a node of a [`Doc`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocId(u32);

#[derive(Clone, Copy, Debug)]
enum Node {
    /// `text[start..end]`, no newlines.
    Text { start: u32, end: u32 },
    /// A space when flat, a newline when broken.
    Line,
    /// Nothing when flat, a newline when broken.
    SoftLine,
    /// Always a newline; the enclosing groups cannot be flat.
    HardLine,
    /// Always a newline, and the next line starts at column 0.
    RawLine,
    /// Nothing; the enclosing groups cannot be flat.
    BreakParent,
    /// `text[start..end]` when the enclosing group is broken, else nothing.
    IfBreak { start: u32, end: u32 },
    /// `kids[start..end]`, in order.
    Concat { start: u32, end: u32 },
    /// The child, with line breaks indented by `indent` more columns.
    Nest { indent: u32, child: DocId },
    /// The child, flat if it fits on the rest of the line, else broken.
    Group(DocId),
}

/// A document under construction: create nodes bottom-up, then
/// [`Doc::render`] the root.
#[derive(Default)]
pub struct Doc {
    nodes: Vec<Node>,
    /// The flat width of each node (saturating; [`INFINITE`] if it has a
    /// hard break).
    widths: Vec<u32>,
    kids: Vec<DocId>,
    text: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Flat,
    Break,
}

impl Doc {
    /// An empty document builder.
    pub fn new() -> Doc {
        Doc::default()
    }

    fn push(&mut self, node: Node, width: u32) -> DocId {
        let id = DocId(self.nodes.len() as u32);
        self.nodes.push(node);
        self.widths.push(width);
        id
    }

    /// Literal text; it must not contain a newline.
    pub fn text(&mut self, s: &str) -> DocId {
        debug_assert!(!s.contains('\n'), "text with a newline: {s:?}");
        let start = self.text.len() as u32;
        self.text.push_str(s);
        let width = u32::try_from(s.chars().count()).unwrap_or(INFINITE - 1);
        self.push(
            Node::Text {
                start,
                end: self.text.len() as u32,
            },
            width,
        )
    }

    /// A break that is a space when its group is flat.
    pub fn line(&mut self) -> DocId {
        self.push(Node::Line, 1)
    }

    /// A break that is nothing when its group is flat.
    pub fn soft_line(&mut self) -> DocId {
        self.push(Node::SoftLine, 0)
    }

    /// A newline, always; the groups around it are broken.
    pub fn hard_line(&mut self) -> DocId {
        self.push(Node::HardLine, INFINITE)
    }

    /// A newline after which the next text starts at column 0, whatever
    /// the nesting (the inner lines of a block comment keep their own
    /// indentation); the groups around it are broken.
    pub fn raw_line(&mut self) -> DocId {
        self.push(Node::RawLine, INFINITE)
    }

    /// Prints nothing but breaks every enclosing group (what follows a
    /// `//` comment at the end of a line must start on the next one).
    pub fn break_parent(&mut self) -> DocId {
        self.push(Node::BreakParent, INFINITE)
    }

    /// Text that is printed only when the enclosing group is broken (a
    /// trailing comma after the last item of a list laid out one item per
    /// line); it must not contain a newline.
    pub fn if_break(&mut self, s: &str) -> DocId {
        debug_assert!(!s.contains('\n'), "text with a newline: {s:?}");
        let start = self.text.len() as u32;
        self.text.push_str(s);
        let end = self.text.len() as u32;
        self.push(Node::IfBreak { start, end }, 0)
    }

    /// The parts, one after the other.
    pub fn concat(&mut self, parts: impl IntoIterator<Item = DocId>) -> DocId {
        let start = self.kids.len() as u32;
        self.kids.extend(parts);
        let end = self.kids.len() as u32;
        let width = self.kids[start as usize..]
            .iter()
            .fold(0u32, |w, k| w.saturating_add(self.widths[k.0 as usize]));
        self.push(Node::Concat { start, end }, width)
    }

    /// `child` with every line break inside it indented `indent` more.
    pub fn nest(&mut self, indent: u32, child: DocId) -> DocId {
        let width = self.widths[child.0 as usize];
        self.push(Node::Nest { indent, child }, width)
    }

    /// `child` laid out flat if it fits in the rest of the line, else with
    /// its own line breaks broken (groups inside decide for themselves).
    pub fn group(&mut self, child: DocId) -> DocId {
        let width = self.widths[child.0 as usize];
        self.push(Node::Group(child), width)
    }

    /// Renders `root` at `width` columns. Lines carry no trailing spaces.
    pub fn render(&self, root: DocId, width: u32) -> String {
        let mut out = String::new();
        let mut col: u32 = 0;
        // Indentation owed before the next text on a fresh line.
        let mut pending: Option<u32> = None;
        let mut stack: Vec<(u32, Mode, DocId)> = vec![(0, Mode::Break, root)];
        while let Some((indent, mode, id)) = stack.pop() {
            match self.nodes[id.0 as usize] {
                Node::Text { start, end } => {
                    if start == end {
                        continue;
                    }
                    if let Some(n) = pending.take() {
                        out.extend(std::iter::repeat_n(' ', n as usize));
                        col = n;
                    }
                    out.push_str(&self.text[start as usize..end as usize]);
                    col = col.saturating_add(self.widths[id.0 as usize]);
                }
                Node::IfBreak { .. } if mode == Mode::Flat => {}
                Node::IfBreak { start, end } => {
                    if let Some(n) = pending.take() {
                        out.extend(std::iter::repeat_n(' ', n as usize));
                        col = n;
                    }
                    let s = &self.text[start as usize..end as usize];
                    out.push_str(s);
                    col = col.saturating_add(s.chars().count() as u32);
                }
                Node::BreakParent => {}
                Node::RawLine => {
                    out.push('\n');
                    col = 0;
                    pending = Some(0);
                }
                Node::Line if mode == Mode::Flat => {
                    out.push(' ');
                    col += 1;
                }
                Node::SoftLine if mode == Mode::Flat => {}
                Node::Line | Node::SoftLine | Node::HardLine => {
                    out.push('\n');
                    col = 0;
                    pending = Some(indent.min(MAX_INDENT));
                }
                Node::Concat { start, end } => {
                    for k in self.kids[start as usize..end as usize].iter().rev() {
                        stack.push((indent, mode, *k));
                    }
                }
                Node::Nest {
                    indent: more,
                    child,
                } => {
                    stack.push((indent.saturating_add(more), mode, child));
                }
                Node::Group(child) => {
                    let at = pending.unwrap_or(col);
                    let flat = mode == Mode::Flat
                        || self.fits(i64::from(width) - i64::from(at), child, &stack);
                    let mode = if flat { Mode::Flat } else { Mode::Break };
                    stack.push((indent, mode, child));
                }
            }
        }
        out
    }

    /// Whether `group`, laid out flat, and what follows it up to the next
    /// possible line break fit in `room` columns.
    fn fits(&self, mut room: i64, group: DocId, rest: &[(u32, Mode, DocId)]) -> bool {
        room -= i64::from(self.widths[group.0 as usize]);
        let mut rest = rest.iter().rev();
        let mut local: Vec<(Mode, DocId)> = Vec::new();
        while room >= 0 {
            let (mode, id) = match local.pop() {
                Some(next) => next,
                None => match rest.next() {
                    Some(&(_, mode, id)) => (mode, id),
                    None => return true,
                },
            };
            if mode == Mode::Flat {
                room -= i64::from(self.widths[id.0 as usize]);
                continue;
            }
            match self.nodes[id.0 as usize] {
                Node::Text { .. } => room -= i64::from(self.widths[id.0 as usize]),
                Node::IfBreak { start, end } => room -= i64::from(end - start),
                Node::BreakParent => {}
                Node::Line | Node::SoftLine | Node::HardLine | Node::RawLine => return true,
                Node::Concat { start, end } => {
                    for k in self.kids[start as usize..end as usize].iter().rev() {
                        local.push((Mode::Break, *k));
                    }
                }
                Node::Nest { child, .. } | Node::Group(child) => local.push((Mode::Break, child)),
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `[a, b, c]` as a group that breaks one item per line.
    fn list(d: &mut Doc, items: &[&str]) -> DocId {
        let mut parts = vec![d.text("["), d.soft_line()];
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                parts.push(d.text(","));
                parts.push(d.line());
            }
            parts.push(d.text(item));
        }
        let body = d.concat(parts);
        let nested = d.nest(4, body);
        let close = d.text("]");
        let end = d.soft_line();
        let all = d.concat([nested, end, close]);
        d.group(all)
    }

    #[test]
    fn a_group_is_flat_when_it_fits() {
        let mut d = Doc::new();
        let root = list(&mut d, &["1", "2", "3"]);
        assert_eq!(d.render(root, 100), "[1, 2, 3]");
    }

    #[test]
    fn a_group_breaks_when_it_does_not_fit() {
        let mut d = Doc::new();
        let root = list(&mut d, &["aaaa", "bbbb", "cccc"]);
        assert_eq!(d.render(root, 10), "[\n    aaaa,\n    bbbb,\n    cccc\n]");
    }

    #[test]
    fn text_after_a_group_counts_towards_its_fit() {
        let mut d = Doc::new();
        let l = list(&mut d, &["a", "b"]);
        let tail = d.text(";;;;;;");
        let root = d.concat([l, tail]);
        assert_eq!(d.render(root, 8), "[\n    a,\n    b\n];;;;;;");
        assert_eq!(d.render(root, 12), "[a, b];;;;;;");
    }

    #[test]
    fn a_hard_line_breaks_its_groups_and_leaves_no_trailing_spaces() {
        let mut d = Doc::new();
        let a = d.text("a");
        let h1 = d.hard_line();
        let h2 = d.hard_line();
        let b = d.text("b");
        let inner = d.concat([a, h1, h2, b]);
        let nested = d.nest(2, inner);
        let root = d.group(nested);
        assert_eq!(d.render(root, 100), "a\n\n  b");
    }

    #[test]
    fn if_break_text_shows_only_in_a_broken_group() {
        for (width, out) in [(100, "[a, b]"), (4, "[\n    a,\n    b,\n]")] {
            let mut d = Doc::new();
            let open = d.text("[");
            let s1 = d.soft_line();
            let a = d.text("a");
            let comma = d.text(",");
            let l = d.line();
            let b = d.text("b");
            let trailing = d.if_break(",");
            let body = d.concat([s1, a, comma, l, b, trailing]);
            let nested = d.nest(4, body);
            let s2 = d.soft_line();
            let close = d.text("]");
            let all = d.concat([open, nested, s2, close]);
            let root = d.group(all);
            assert_eq!(d.render(root, width), out);
        }
    }

    #[test]
    fn a_raw_line_starts_at_column_zero() {
        let mut d = Doc::new();
        let a = d.text("/* a");
        let raw = d.raw_line();
        let b = d.text("  b */");
        let h = d.hard_line();
        let c = d.text("c");
        let inner = d.concat([a, raw, b, h, c]);
        let root = d.nest(4, inner);
        assert_eq!(d.render(root, 100), "/* a\n  b */\n    c");
    }

    #[test]
    fn indentation_is_capped() {
        let mut d = Doc::new();
        let mut doc = d.text("x");
        for _ in 0..100 {
            let br = d.hard_line();
            let c = d.concat([br, doc]);
            doc = d.nest(4, c);
        }
        let out = d.render(doc, 100);
        let widest = out.lines().map(str::len).max().unwrap_or(0);
        assert_eq!(widest, MAX_INDENT as usize + 1);
    }
}
