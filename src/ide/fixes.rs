//! Quick fixes for the diagnostics whose `help:` names the fix: `did you
//! mean `x`?` (replace the name), the Int/Float mismatch (`float(x)` or
//! `int(x)` around the expression) and a literal's `write `…`` (replace the
//! literal).
//!
//! Owns [`Fix`] and [`Analysis::fixes`]. The fixes are read off the
//! diagnostics the analysis shows; nothing is re-checked. It must not
//! evaluate.

use crate::diag::Diagnostic;
use crate::ide::analysis::Analysis;
use crate::span::Span;

/// One quick fix: a title and the edit that makes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does, as the editor lists it.
    pub title: String,
    /// The span replaced.
    pub span: Span,
    /// The replacement text.
    pub new_text: String,
    /// The diagnostic it fixes (its index in [`Analysis::diagnostics`]).
    pub diagnostic: usize,
}

impl Analysis {
    /// The fixes for the diagnostics whose primary span meets `range`.
    pub fn fixes(&self, range: Span) -> Vec<Fix> {
        let text = self.text();
        let mut out = Vec::new();
        for (i, d) in self.diagnostics().iter().enumerate() {
            let Some(span) = d.primary_span() else {
                continue;
            };
            if span.end < range.start || span.start > range.end {
                continue;
            }
            out.extend(
                fixes_of(text, d, span)
                    .into_iter()
                    .map(|(title, new_text)| Fix {
                        title,
                        span,
                        new_text,
                        diagnostic: i,
                    }),
            );
        }
        out
    }
}

/// The fixes `d`'s help names, as (title, replacement of `span`).
fn fixes_of(text: &str, d: &Diagnostic, span: Span) -> Vec<(String, String)> {
    let Some(help) = d.help.as_deref() else {
        return Vec::new();
    };
    let Some(old) = text.get(span.range()) else {
        return Vec::new();
    };
    if let Some(name) = quoted_after(help, "did you mean `") {
        return vec![(format!("replace `{old}` with `{name}`"), name.to_string())];
    }
    if help.contains("use `float(x)`") {
        let message = d.message.replace('`', "");
        let conv = if message.ends_with("expected Float, found Int") {
            "float"
        } else if message.ends_with("expected Int, found Float") {
            "int"
        } else {
            return Vec::new();
        };
        let mut fixes = vec![(
            format!("convert with `{conv}({old})`"),
            format!("{conv}({old})"),
        )];
        if conv == "float" && !old.is_empty() && old.bytes().all(|b| b.is_ascii_digit()) {
            fixes.push((format!("write `{old}.0`"), format!("{old}.0")));
        }
        return fixes;
    }
    if let Some(fixed) = quoted_after(help, "write `")
        && help.starts_with("write `")
        && help.ends_with('`')
    {
        return vec![(format!("write `{fixed}`"), fixed.to_string())];
    }
    Vec::new()
}

/// The text between `start` and the next backquote in `s`.
fn quoted_after<'s>(s: &'s str, start: &str) -> Option<&'s str> {
    let rest = &s[s.find(start)? + start.len()..];
    let end = rest.find('`')?;
    Some(&rest[..end])
}
