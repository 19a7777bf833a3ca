//! Hover: what the name or expression under the cursor is, with its
//! inferred type; for a prelude builtin its signature and a line of help.
//!
//! Owns [`Hover`] and [`Analysis::hover`]. The type comes from the
//! checker's type table (the binding's type for a name, the innermost
//! expression's type elsewhere). It must not evaluate.

use crate::ide::analysis::{Analysis, Analyzed};
use crate::ide::help;
use crate::ide::index::{Occurrence, Symbol};
use crate::sema::prelude;
use crate::sema::resolve::{BindingKind, TypeItem};
use crate::span::Span;

/// What hovering shows: a line of calc (a name and its type) and optional
/// help text under it.
#[derive(Clone, Debug, PartialEq)]
pub struct Hover {
    /// The text hovered over.
    pub span: Span,
    /// One line of calc: `x: Int`, `fn(Float) -> Float`, `struct P`.
    pub code: String,
    /// A line of help (prelude builtins), if any.
    pub help: Option<String>,
}

impl Analysis {
    /// What is at byte `offset`, if anything typed is there.
    pub fn hover(&mut self, offset: u32) -> Option<Hover> {
        self.with(|text, a| {
            if let Some(&o) = a.index.at(offset)
                && let Some(h) = name_hover(text, a, o)
            {
                return Some(h);
            }
            let (span, ty) = a.types.expr_at(offset)?;
            if ty == "_" {
                // An erroneous expression: its error is reported already.
                return None;
            }
            Some(Hover {
                span,
                code: ty,
                help: None,
            })
        })
    }
}

fn name_hover(text: &str, a: &mut Analyzed, o: Occurrence) -> Option<Hover> {
    let name = text.get(o.span.range())?;
    let at_use = |a: &mut Analyzed| o.typed_as.and_then(|s| a.types.expr_type(s));
    let (code, help) = match o.symbol {
        Symbol::Field { def, index } => {
            let ty = at_use(a).or_else(|| field_decl_type(text, a, def, index));
            (
                format!("{name}: {}", ty.unwrap_or_else(|| "_".into())),
                None,
            )
        }
        Symbol::Binding(b) => {
            let kind = a.res.bindings.get(b.index())?.kind;
            match kind {
                BindingKind::Builtin(bi) => (
                    format!("{name}: {}", help::signature(bi)),
                    Some(help::help(bi).to_string()),
                ),
                BindingKind::Let
                | BindingKind::Param
                | BindingKind::ArmVar
                | BindingKind::FnItem(_)
                | BindingKind::Global(_) => {
                    let ty = a.types.binding_type(b).or_else(|| at_use(a))?;
                    (format!("{name}: {ty}"), None)
                }
                BindingKind::Struct { .. } => (format!("struct {name}"), None),
                BindingKind::Enum { .. } => (format!("enum {name}"), None),
                BindingKind::Variant { def, .. } => {
                    let owner = type_item_name(a, def).unwrap_or("?");
                    let ty = at_use(a);
                    let code = match ty {
                        Some(t) => format!("{name}: {t}"),
                        None => name.to_string(),
                    };
                    (code, Some(format!("a variant of `{owner}`")))
                }
                BindingKind::TypeParam | BindingKind::DeclParam(_) => {
                    (format!("type parameter {name}"), None)
                }
                BindingKind::Unresolved { .. } => return None,
            }
        }
    };
    Some(Hover {
        span: o.span,
        code,
        help,
    })
}

/// The name of type declaration `def` (the prelude's or the unit's).
fn type_item_name<'a>(a: &Analyzed<'a>, def: u32) -> Option<&'a str> {
    match def {
        prelude::OPTION => return Some("Option"),
        prelude::RESULT => return Some("Result"),
        _ => {}
    }
    let i = def.checked_sub(a.res.first_def)?;
    match a.res.type_items.get(i as usize)? {
        TypeItem::Struct(s) => Some(s.name.name.as_str()),
        TypeItem::Enum(e) => Some(e.name.name.as_str()),
    }
}

/// The type of field `index` of struct `def` as written in its declaration.
fn field_decl_type(text: &str, a: &Analyzed, def: u32, index: u32) -> Option<String> {
    let i = def.checked_sub(a.res.first_def)?;
    match a.res.type_items.get(i as usize)? {
        TypeItem::Struct(s) => {
            let f = s.fields.get(index as usize)?;
            text.get(f.ty.span.range()).map(str::to_string)
        }
        TypeItem::Enum(_) => None,
    }
}
