//! Going to a definition, finding references and renaming, for every name
//! the resolver binds (`let`s, `fn`s, parameters, pattern bindings, types,
//! type parameters, variants) and for struct fields.
//!
//! Owns [`Analysis::definition`], [`Analysis::references`],
//! [`Analysis::rename`] and [`RenameError`]. Everything is read from the
//! name index ([`crate::ide::index`]), that is from the resolver's side
//! tables: no name is looked up by string here.

use crate::ide::analysis::{Analysis, Analyzed};
use crate::ide::index::{Shorthand, Symbol};
use crate::sema::resolve::BindingKind;
use crate::span::Span;
use crate::syntax::lexer::{self, TokenKind};

/// Why a rename was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RenameError {
    /// Nothing renameable at the cursor (a literal, a builtin, an unknown
    /// name).
    NothingThere,
    /// The new name is not a name of the right kind.
    BadName(String),
}

impl std::fmt::Display for RenameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenameError::NothingThere => write!(f, "there is no name defined in this file here"),
            RenameError::BadName(why) => write!(f, "{why}"),
        }
    }
}

impl Analysis {
    /// Where the symbol at byte `offset` is defined in this document.
    pub fn definition(&mut self, offset: u32) -> Option<Span> {
        self.with(|_, a| {
            let symbol = a.index.at(offset)?.symbol;
            definition_of(a, symbol)
        })
    }

    /// Every occurrence of the symbol at byte `offset`, its definition
    /// included when `include_definition`.
    pub fn references(&mut self, offset: u32, include_definition: bool) -> Vec<Span> {
        self.with(|_, a| {
            let Some(symbol) = a.index.at(offset).map(|o| o.symbol) else {
                return Vec::new();
            };
            a.index
                .of(symbol)
                .filter(|o| include_definition || !o.def)
                .map(|o| o.span)
                .collect()
        })
    }

    /// The span of the renameable name at byte `offset`.
    pub fn prepare_rename(&mut self, offset: u32) -> Option<Span> {
        self.with(|_, a| {
            let o = *a.index.at(offset)?;
            renameable(a, o.symbol).then_some(o.span)
        })
    }

    /// The edits that rename the symbol at byte `offset` to `new_name`: a
    /// replacement text for each span, in source order.
    pub fn rename(
        &mut self,
        offset: u32,
        new_name: &str,
    ) -> Result<Vec<(Span, String)>, RenameError> {
        self.with(|text, a| {
            let o = *a.index.at(offset).ok_or(RenameError::NothingThere)?;
            if !renameable(a, o.symbol) {
                return Err(RenameError::NothingThere);
            }
            check_name(new_name, wants_upper(a, o.symbol))?;
            let edits = a
                .index
                .of(o.symbol)
                .map(|occ| {
                    let old = text.get(occ.span.range()).unwrap_or("");
                    let new = match occ.shorthand {
                        Shorthand::No => new_name.to_string(),
                        // `P { x }`: the field keeps its name, the variable
                        // gets the new one, and the other way round.
                        Shorthand::Value => format!("{old}: {new_name}"),
                        Shorthand::Field => format!("{new_name}: {old}"),
                    };
                    (occ.span, new)
                })
                .collect();
            Ok(edits)
        })
    }
}

/// The definition of `symbol` in the document.
fn definition_of(a: &Analyzed, symbol: Symbol) -> Option<Span> {
    match symbol {
        Symbol::Binding(b) => a.res.bindings.get(b.index())?.site.map(|i| i.span),
        Symbol::Field { .. } => a.index.of(symbol).find(|o| o.def).map(|o| o.span),
    }
}

/// True for a symbol defined in the document (not a builtin, global or
/// unknown name).
fn renameable(a: &Analyzed, symbol: Symbol) -> bool {
    definition_of(a, symbol).is_some()
}

/// True when names of `symbol`'s kind start with an uppercase letter.
fn wants_upper(a: &Analyzed, symbol: Symbol) -> bool {
    match symbol {
        Symbol::Field { .. } => false,
        Symbol::Binding(b) => a.res.bindings.get(b.index()).is_some_and(|b| {
            matches!(
                b.kind,
                BindingKind::Struct { .. }
                    | BindingKind::Enum { .. }
                    | BindingKind::Variant { .. }
                    | BindingKind::TypeParam
                    | BindingKind::DeclParam(_)
            )
        }),
    }
}

/// Accepts `name` as a new name: one identifier token (so never a
/// keyword or `_`), of the case its kind needs.
fn check_name(name: &str, upper: bool) -> Result<(), RenameError> {
    let (tokens, diags) = lexer::lex(name);
    let kind = match tokens.as_slice() {
        [t, _eof] if diags.is_empty() && t.span.len() as usize == name.len() => Some(t.kind),
        _ => None,
    };
    match (kind, upper) {
        (Some(TokenKind::UIdent), true) | (Some(TokenKind::Ident), false) => Ok(()),
        (Some(TokenKind::Ident), true) => Err(RenameError::BadName(format!(
            "`{name}` must start with an uppercase letter (it names a type or a variant)"
        ))),
        (Some(TokenKind::UIdent), false) => Err(RenameError::BadName(format!(
            "`{name}` must start with a lowercase letter or `_` (it names a value or a field)"
        ))),
        _ => Err(RenameError::BadName(format!("`{name}` is not a name"))),
    }
}
