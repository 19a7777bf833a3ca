//! Completion: after `.` the fields of the receiver's struct (then the
//! functions a method call can reach); elsewhere keywords, the prelude and
//! the names in scope. Every entry carries its type where it has one.
//!
//! Owns [`Completion`], [`CompletionKind`] and [`Analysis::complete`]. The
//! receiver's type comes from the type table, so `p.` completes once the
//! parser has left its field node (the missing name sits right after the
//! dot). It must not evaluate.

use crate::ide::analysis::{Analysis, Analyzed};
use crate::ide::{help, scope};
use crate::sema::prelude::Builtin;
use crate::sema::resolve::BindingKind;
use std::collections::HashSet;

/// The kind of a completion entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompletionKind {
    /// A keyword.
    Keyword,
    /// A prelude builtin or a `fn` item.
    Function,
    /// A `let`, parameter or pattern binding.
    Variable,
    /// A struct field.
    Field,
    /// A struct.
    Struct,
    /// An enum.
    Enum,
    /// An enum variant.
    Variant,
    /// A type parameter.
    TypeParam,
}

/// One completion entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Completion {
    /// The text inserted.
    pub label: String,
    /// What it is.
    pub kind: CompletionKind,
    /// Its type (or what it is, for types and keywords).
    pub detail: String,
    /// A line of help (prelude builtins).
    pub help: Option<String>,
}

/// The words completion offers as keywords.
pub const KEYWORDS: &[&str] = &[
    "let", "fn", "if", "else", "match", "true", "false", "struct", "enum",
];

impl Analysis {
    /// The completions for the word ending at byte `offset`.
    pub fn complete(&mut self, offset: u32) -> Vec<Completion> {
        self.with(|text, a| {
            let offset = (offset as usize).min(text.len());
            let bytes = text.as_bytes();
            let mut start = offset;
            while start > 0
                && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_')
            {
                start -= 1;
            }
            if start > 0 && bytes[start - 1] == b'.' {
                after_dot(a, start as u32, offset as u32)
            } else {
                anywhere(a, offset as u32)
            }
        })
    }
}

fn after_dot(a: &mut Analyzed, name_start: u32, offset: u32) -> Vec<Completion> {
    // The access whose dot this is: its receiver ends before the dot and
    // its name starts after it (in `p.` followed by a name on the next
    // line, the parser took that name as the field's).
    let dot = name_start - 1;
    let receiver = a
        .index
        .accesses
        .iter()
        .filter(|x| x.receiver.end <= dot && x.name.start >= name_start)
        .max_by_key(|x| x.receiver.end)
        .map(|x| x.receiver);
    let mut out: Vec<Completion> = match receiver {
        Some(r) => a
            .types
            .fields_of(r)
            .into_iter()
            .map(|(label, detail)| Completion {
                label,
                kind: CompletionKind::Field,
                detail,
                help: None,
            })
            .collect(),
        None => Vec::new(),
    };
    // `x.f(…)` calls `f(x, …)`: every function in scope is a method.
    out.extend(
        values(a, offset)
            .into_iter()
            .filter(|c| c.kind == CompletionKind::Function),
    );
    out.extend(prelude().filter(|c| c.detail.starts_with("fn(")));
    out
}

fn anywhere(a: &mut Analyzed, offset: u32) -> Vec<Completion> {
    let mut out = values(a, offset);
    out.extend(prelude());
    out.extend(KEYWORDS.iter().map(|k| Completion {
        label: k.to_string(),
        kind: CompletionKind::Keyword,
        detail: "keyword".to_string(),
        help: None,
    }));
    out
}

fn prelude() -> impl Iterator<Item = Completion> {
    Builtin::ALL.iter().map(|&b| Completion {
        label: b.name().to_string(),
        kind: CompletionKind::Function,
        detail: help::signature(b),
        help: Some(help::help(b).to_string()),
    })
}

/// The names in scope at `offset`, innermost first, each once.
fn values(a: &mut Analyzed, offset: u32) -> Vec<Completion> {
    let visible = scope::visible(&a.program, &a.res, offset);
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for b in visible.into_iter().rev() {
        let Some(binding) = a.res.bindings.get(b.index()) else {
            continue;
        };
        let name = a.res.name(b).to_string();
        if name == "_" || !seen.insert(name.clone()) {
            continue;
        }
        let kind = binding.kind;
        let (kind, detail) = match kind {
            BindingKind::FnItem(_) => (CompletionKind::Function, a.types.binding_type(b)),
            BindingKind::Let | BindingKind::Param | BindingKind::ArmVar => {
                (CompletionKind::Variable, a.types.binding_type(b))
            }
            BindingKind::Struct { .. } => (CompletionKind::Struct, Some("struct".into())),
            BindingKind::Enum { .. } => (CompletionKind::Enum, Some("enum".into())),
            BindingKind::Variant { .. } => (CompletionKind::Variant, Some("variant".into())),
            BindingKind::TypeParam | BindingKind::DeclParam(_) => {
                (CompletionKind::TypeParam, Some("type parameter".into()))
            }
            BindingKind::Builtin(_) | BindingKind::Global(_) | BindingKind::Unresolved { .. } => {
                continue;
            }
        };
        out.push(Completion {
            label: name,
            kind,
            detail: detail.unwrap_or_else(|| "_".into()),
            help: None,
        });
    }
    out
}
