//! One line of help for each prelude builtin, shown by hover and
//! completion next to its signature (the same words as the prelude's "at
//! a glance" table in `docs/guide/prelude.md`).
//!
//! Owns [`help`]. The match is exhaustive, so a new builtin cannot be added
//! without its line. It must not know types.

use crate::sema::prelude::Builtin;

/// What builtin `b` does, in one line.
pub fn help(b: Builtin) -> &'static str {
    match b {
        Builtin::Print => "write a value to standard output",
        Builtin::Println => "write a value and a line break",
        Builtin::Str => "a value as text",
        Builtin::Float => "Int to Float",
        Builtin::Int => "Float to Int, dropping the fraction",
        Builtin::Abs => "absolute value",
        Builtin::Min => "the smaller of two values",
        Builtin::Max => "the larger of two values",
        Builtin::Sqrt => "square root",
        Builtin::Exp => "e to the power of the argument",
        Builtin::Ln => "natural logarithm",
        Builtin::Log10 => "base-10 logarithm",
        Builtin::Sin => "sine, in radians",
        Builtin::Cos => "cosine, in radians",
        Builtin::Tan => "tangent, in radians",
        Builtin::Floor => "round down to a whole number",
        Builtin::Ceil => "round up to a whole number",
        Builtin::Round => "round to the nearest whole number",
        Builtin::Atan2 => "the angle of the point (x, y), called as `atan2(y, x)`",
        Builtin::Pow => "power, the same as `**` on Floats",
        Builtin::Pi => "the constant π",
        Builtin::E => "the constant e",
        Builtin::Len => "length of a string or list",
        Builtin::Range => "the Ints from the first up to, not including, the second",
        Builtin::Map => "apply a function to every element",
        Builtin::Filter => "keep the elements that pass a test",
        Builtin::Fold => "combine the elements, left to right, from a start value",
        Builtin::Sum => "add all elements",
        Builtin::Product => "multiply all elements",
        Builtin::Any => "does some element pass a test",
        Builtin::All => "does every element pass a test",
        Builtin::Reverse => "the elements in reverse order",
        Builtin::Sort => "the elements in increasing order",
        Builtin::Zip => "pair up the elements of two lists",
        Builtin::Contains => "is the value an element of the list",
        Builtin::Head => "first element",
        Builtin::Last => "last element",
        Builtin::Tail => "all elements but the first",
        Builtin::Join => "concatenate strings with a separator between them",
        Builtin::Split => "cut a string at every occurrence of a separator",
        Builtin::Chars => "the characters of a string, one string each",
        Builtin::Upper => "to upper case",
        Builtin::Lower => "to lower case",
        Builtin::Trim => "remove whitespace from both ends",
        Builtin::Assert => "stop with an error message if the condition is false",
        Builtin::Panic => "stop with an error message",
        Builtin::First => "first element, if there is one",
        Builtin::Get => "element at an index, if there is one",
        Builtin::ParseInt => "read an Int from text",
        Builtin::ParseFloat => "read a Float from text",
    }
}

/// The signature of builtin `b` as written in the guide: its type with the
/// class of `a` (`fn(a) -> a where a: Num`).
pub fn signature(b: Builtin) -> String {
    match b.class() {
        Some(c) => format!("{} where a: {c}", b.signature()),
        None => b.signature().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_has_a_line_and_the_guide_shows_its_signature() {
        let guide = include_str!("../../docs/guide/prelude.md");
        for &b in Builtin::ALL {
            assert!(!help(b).is_empty());
            let sig = format!("`{}`", signature(b));
            assert!(
                guide.contains(&sig),
                "{} {sig} is not in the guide",
                b.name()
            );
        }
    }
}
