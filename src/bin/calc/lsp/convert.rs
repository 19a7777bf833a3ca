//! Conversions between the library's editor analysis (byte offsets, spans,
//! its own result types) and the protocol's types (UTF-16 positions,
//! ranges, locations, diagnostics, completion items, symbols).
//!
//! It must not contain language logic: positions go through
//! [`calc::ide::position`].

use calc::diag::{Diagnostic, Severity};
use calc::ide::{self, Analysis};
use calc::span::Span;
use lsp_types as lsp;

/// The protocol position of byte `offset`.
pub fn position(a: &Analysis, offset: u32) -> lsp::Position {
    let p = a.position(offset);
    lsp::Position::new(p.line, p.character)
}

/// The byte offset of a protocol position.
pub fn offset(a: &Analysis, p: lsp::Position) -> u32 {
    a.offset(ide::Position::new(p.line, p.character))
}

/// The protocol range of `span`.
pub fn range(a: &Analysis, span: Span) -> lsp::Range {
    lsp::Range::new(position(a, span.start), position(a, span.end))
}

/// The byte span of a protocol range.
pub fn span(a: &Analysis, r: lsp::Range) -> Span {
    let (x, y) = (offset(a, r.start), offset(a, r.end));
    Span::new(x.min(y), x.max(y))
}

/// A diagnostic as the protocol shows it: the primary span, the code, the
/// message with its `help:` and notes, the other labels as related
/// information.
pub fn diagnostic(a: &Analysis, uri: &lsp::Uri, d: &Diagnostic) -> lsp::Diagnostic {
    let primary = d.primary_span().unwrap_or_default();
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    for note in &d.notes {
        message.push_str("\nnote: ");
        message.push_str(note);
    }
    let related: Vec<lsp::DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .filter(|l| !l.primary && !l.message.is_empty())
        .map(|l| lsp::DiagnosticRelatedInformation {
            location: lsp::Location::new(uri.clone(), range(a, l.span)),
            message: l.message.clone(),
        })
        .collect();
    lsp::Diagnostic {
        range: range(a, primary),
        severity: Some(match d.severity {
            Severity::Error => lsp::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        }),
        code: Some(lsp::NumberOrString::String(d.code.to_string())),
        source: Some("calc".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..lsp::Diagnostic::default()
    }
}

/// Hover text: the calc line in a code block, then the help.
pub fn hover(a: &Analysis, h: ide::Hover) -> lsp::Hover {
    let mut value = format!("```calc\n{}\n```", h.code);
    if let Some(help) = h.help {
        value.push_str("\n\n");
        value.push_str(&help);
    }
    lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value,
        }),
        range: Some(range(a, h.span)),
    }
}

/// A completion item with its type as the detail.
pub fn completion(c: ide::Completion, rank: usize) -> lsp::CompletionItem {
    use ide::CompletionKind as K;
    let kind = match c.kind {
        K::Keyword => lsp::CompletionItemKind::KEYWORD,
        K::Function => lsp::CompletionItemKind::FUNCTION,
        K::Variable => lsp::CompletionItemKind::VARIABLE,
        K::Field => lsp::CompletionItemKind::FIELD,
        K::Struct => lsp::CompletionItemKind::STRUCT,
        K::Enum => lsp::CompletionItemKind::ENUM,
        K::Variant => lsp::CompletionItemKind::ENUM_MEMBER,
        K::TypeParam => lsp::CompletionItemKind::TYPE_PARAMETER,
    };
    lsp::CompletionItem {
        label: c.label,
        kind: Some(kind),
        detail: Some(c.detail),
        documentation: c.help.map(lsp::Documentation::String),
        // The analysis lists the best candidates first.
        sort_text: Some(format!("{rank:04}")),
        ..lsp::CompletionItem::default()
    }
}

/// An outline entry.
#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be written.
pub fn symbol(a: &Analysis, s: ide::DocSymbol) -> lsp::DocumentSymbol {
    use ide::SymbolKind as K;
    let kind = match s.kind {
        K::Function => lsp::SymbolKind::FUNCTION,
        K::Variable => lsp::SymbolKind::VARIABLE,
        K::Struct => lsp::SymbolKind::STRUCT,
        K::Field => lsp::SymbolKind::FIELD,
        K::Enum => lsp::SymbolKind::ENUM,
        K::Variant => lsp::SymbolKind::ENUM_MEMBER,
    };
    let children: Vec<lsp::DocumentSymbol> = s.children.into_iter().map(|c| symbol(a, c)).collect();
    lsp::DocumentSymbol {
        name: s.name,
        detail: s.detail,
        kind,
        tags: None,
        deprecated: None,
        range: range(a, s.span),
        selection_range: range(a, s.name_span),
        children: (!children.is_empty()).then_some(children),
    }
}

/// An inlay hint showing a type.
pub fn hint(a: &Analysis, h: ide::Hint) -> lsp::InlayHint {
    lsp::InlayHint {
        position: position(a, h.offset),
        label: lsp::InlayHintLabel::String(h.label),
        kind: Some(lsp::InlayHintKind::TYPE),
        text_edits: None,
        tooltip: None,
        padding_left: None,
        padding_right: None,
        data: None,
    }
}
