//! The server's state and message loop: the open documents (each an
//! [`Analysis`] owning one arena, reset on every change) and one handler
//! per request or notification the server supports.
//!
//! Owns [`serve`] and the capabilities it announces. Diagnostics are
//! published for a document on open and on every change. Handlers only
//! convert between the protocol and [`calc::ide`]; a request for a document
//! that is not open gets an empty answer. It must not evaluate programs.

use super::convert;
use super::format::format_document;
use calc::ide::{self, Analysis};
use calc::syntax::arena::Arena;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types as lsp;
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use std::collections::HashMap;
use std::error::Error;

/// One open document.
struct Document {
    version: i32,
    analysis: Analysis,
}

/// The open documents, by URI.
#[derive(Default)]
struct Server {
    docs: HashMap<lsp::Uri, Document>,
}

/// What the server can do: full or incremental text sync, UTF-16
/// positions, and the features of `calc::ide`.
fn capabilities() -> lsp::ServerCapabilities {
    lsp::ServerCapabilities {
        position_encoding: Some(lsp::PositionEncodingKind::UTF16),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Kind(
            lsp::TextDocumentSyncKind::INCREMENTAL,
        )),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        definition_provider: Some(lsp::OneOf::Left(true)),
        references_provider: Some(lsp::OneOf::Left(true)),
        rename_provider: Some(lsp::OneOf::Right(lsp::RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        completion_provider: Some(lsp::CompletionOptions {
            trigger_characters: Some(vec![".".to_string()]),
            ..Default::default()
        }),
        inlay_hint_provider: Some(lsp::OneOf::Left(true)),
        document_formatting_provider: Some(lsp::OneOf::Left(true)),
        document_symbol_provider: Some(lsp::OneOf::Left(true)),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
            lsp::CodeActionOptions {
                code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX]),
                ..Default::default()
            },
        )),
        ..Default::default()
    }
}

/// Runs the protocol on `connection`: the initialize handshake, then every
/// message until `shutdown` and `exit` (or until the client goes away).
pub fn serve(connection: &Connection) -> Result<(), Box<dyn Error + Send + Sync>> {
    let caps = serde_json::to_value(capabilities())?;
    connection.initialize(caps)?;
    let mut server = Server::default();
    for msg in &connection.receiver {
        match msg {
            Message::Request(r) => {
                if connection.handle_shutdown(&r)? {
                    return Ok(());
                }
                connection.sender.send(server.request(r).into())?;
            }
            Message::Notification(n) => {
                if n.method == note::Exit::METHOD {
                    return Ok(());
                }
                for out in server.notification(n) {
                    connection.sender.send(out.into())?;
                }
            }
            Message::Response(_) => {}
        }
    }
    Ok(())
}

/// A handler's answer, or the message of a failed request.
type Answer<T> = Result<T, String>;

impl Server {
    fn request(&mut self, r: Request) -> Response {
        match r.method.as_str() {
            req::HoverRequest::METHOD => self.answer::<req::HoverRequest>(r, Server::hover),
            req::GotoDefinition::METHOD => {
                self.answer::<req::GotoDefinition>(r, Server::definition)
            }
            req::References::METHOD => self.answer::<req::References>(r, Server::references),
            req::PrepareRenameRequest::METHOD => {
                self.answer::<req::PrepareRenameRequest>(r, Server::prepare_rename)
            }
            req::Rename::METHOD => self.answer::<req::Rename>(r, Server::rename),
            req::Completion::METHOD => self.answer::<req::Completion>(r, Server::completion),
            req::InlayHintRequest::METHOD => self.answer::<req::InlayHintRequest>(r, Server::hints),
            req::Formatting::METHOD => self.answer::<req::Formatting>(r, Server::formatting),
            req::DocumentSymbolRequest::METHOD => {
                self.answer::<req::DocumentSymbolRequest>(r, Server::symbols)
            }
            req::CodeActionRequest::METHOD => {
                self.answer::<req::CodeActionRequest>(r, Server::fixes)
            }
            _ => Response::new_err(
                r.id,
                ErrorCode::MethodNotFound as i32,
                format!("calc lsp does not handle `{}`", r.method),
            ),
        }
    }

    /// Decodes `r`'s parameters for request `R` and answers with `f`.
    fn answer<R: req::Request>(
        &mut self,
        r: Request,
        f: fn(&mut Server, R::Params) -> Answer<R::Result>,
    ) -> Response {
        match serde_json::from_value::<R::Params>(r.params) {
            Err(e) => Response::new_err(r.id, ErrorCode::InvalidParams as i32, e.to_string()),
            Ok(params) => match f(self, params) {
                Ok(result) => Response::new_ok(r.id, result),
                Err(message) => Response::new_err(r.id, ErrorCode::RequestFailed as i32, message),
            },
        }
    }

    fn notification(&mut self, n: Notification) -> Vec<Notification> {
        match n.method.as_str() {
            note::DidOpenTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp::DidOpenTextDocumentParams>(n.params)
                else {
                    return Vec::new();
                };
                let doc = p.text_document;
                let analysis = Analysis::new(doc.text, Arena::new());
                self.docs.insert(
                    doc.uri.clone(),
                    Document {
                        version: doc.version,
                        analysis,
                    },
                );
                self.publish(&doc.uri).into_iter().collect()
            }
            note::DidChangeTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp::DidChangeTextDocumentParams>(n.params)
                else {
                    return Vec::new();
                };
                let uri = p.text_document.uri;
                let Some(doc) = self.docs.remove(&uri) else {
                    return Vec::new();
                };
                let mut text = doc.analysis.text().to_string();
                for change in p.content_changes {
                    match change.range {
                        Some(r) => {
                            let start = ide::Position::new(r.start.line, r.start.character);
                            let end = ide::Position::new(r.end.line, r.end.character);
                            ide::position::apply_edit(&mut text, start, end, &change.text);
                        }
                        None => text = change.text,
                    }
                }
                // The document's one arena, reset, holds the new tree.
                let analysis = Analysis::new(text, doc.analysis.into_arena());
                self.docs.insert(
                    uri.clone(),
                    Document {
                        version: p.text_document.version,
                        analysis,
                    },
                );
                self.publish(&uri).into_iter().collect()
            }
            note::DidCloseTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp::DidCloseTextDocumentParams>(n.params)
                else {
                    return Vec::new();
                };
                self.docs.remove(&p.text_document.uri);
                let params =
                    lsp::PublishDiagnosticsParams::new(p.text_document.uri, Vec::new(), None);
                vec![Notification::new(
                    note::PublishDiagnostics::METHOD.to_string(),
                    params,
                )]
            }
            _ => Vec::new(),
        }
    }

    /// The `publishDiagnostics` notification of open document `uri`.
    fn publish(&self, uri: &lsp::Uri) -> Option<Notification> {
        let doc = self.docs.get(uri)?;
        let a = &doc.analysis;
        let diagnostics = a
            .diagnostics()
            .iter()
            .map(|d| convert::diagnostic(a, uri, d))
            .collect();
        let params =
            lsp::PublishDiagnosticsParams::new(uri.clone(), diagnostics, Some(doc.version));
        Some(Notification::new(
            note::PublishDiagnostics::METHOD.to_string(),
            params,
        ))
    }

    /// The analysis of open document `uri` and the byte offset of `pos`.
    fn at(&mut self, uri: &lsp::Uri, pos: lsp::Position) -> Option<(&mut Analysis, u32)> {
        let a = &mut self.docs.get_mut(uri)?.analysis;
        let offset = convert::offset(a, pos);
        Some((a, offset))
    }

    fn hover(&mut self, p: lsp::HoverParams) -> Answer<Option<lsp::Hover>> {
        let tp = p.text_document_position_params;
        let Some((a, offset)) = self.at(&tp.text_document.uri, tp.position) else {
            return Ok(None);
        };
        Ok(a.hover(offset).map(|h| convert::hover(a, h)))
    }

    fn definition(
        &mut self,
        p: lsp::GotoDefinitionParams,
    ) -> Answer<Option<lsp::GotoDefinitionResponse>> {
        let tp = p.text_document_position_params;
        let uri = tp.text_document.uri;
        let Some((a, offset)) = self.at(&uri, tp.position) else {
            return Ok(None);
        };
        Ok(a.definition(offset).map(|span| {
            lsp::GotoDefinitionResponse::Scalar(lsp::Location::new(
                uri.clone(),
                convert::range(a, span),
            ))
        }))
    }

    fn references(&mut self, p: lsp::ReferenceParams) -> Answer<Option<Vec<lsp::Location>>> {
        let tp = p.text_document_position;
        let uri = tp.text_document.uri;
        let Some((a, offset)) = self.at(&uri, tp.position) else {
            return Ok(None);
        };
        let spans = a.references(offset, p.context.include_declaration);
        Ok(Some(
            spans
                .into_iter()
                .map(|s| lsp::Location::new(uri.clone(), convert::range(a, s)))
                .collect(),
        ))
    }

    fn prepare_rename(
        &mut self,
        p: lsp::TextDocumentPositionParams,
    ) -> Answer<Option<lsp::PrepareRenameResponse>> {
        let Some((a, offset)) = self.at(&p.text_document.uri, p.position) else {
            return Ok(None);
        };
        Ok(a.prepare_rename(offset)
            .map(|s| lsp::PrepareRenameResponse::Range(convert::range(a, s))))
    }

    fn rename(&mut self, p: lsp::RenameParams) -> Answer<Option<lsp::WorkspaceEdit>> {
        let tp = p.text_document_position;
        let uri = tp.text_document.uri;
        let Some((a, offset)) = self.at(&uri, tp.position) else {
            return Ok(None);
        };
        let edits = a.rename(offset, &p.new_name).map_err(|e| e.to_string())?;
        let edits = edits
            .into_iter()
            .map(|(s, new)| lsp::TextEdit::new(convert::range(a, s), new))
            .collect();
        Ok(Some(lsp::WorkspaceEdit::new(HashMap::from([(uri, edits)]))))
    }

    fn completion(&mut self, p: lsp::CompletionParams) -> Answer<Option<lsp::CompletionResponse>> {
        let tp = p.text_document_position;
        let Some((a, offset)) = self.at(&tp.text_document.uri, tp.position) else {
            return Ok(None);
        };
        let items = a
            .complete(offset)
            .into_iter()
            .enumerate()
            .map(|(i, c)| convert::completion(c, i))
            .collect();
        Ok(Some(lsp::CompletionResponse::Array(items)))
    }

    fn hints(&mut self, p: lsp::InlayHintParams) -> Answer<Option<Vec<lsp::InlayHint>>> {
        let Some(doc) = self.docs.get_mut(&p.text_document.uri) else {
            return Ok(None);
        };
        let a = &mut doc.analysis;
        let range = convert::span(a, p.range);
        let hints = a.inlay_hints(range);
        Ok(Some(
            hints.into_iter().map(|h| convert::hint(a, h)).collect(),
        ))
    }

    fn formatting(
        &mut self,
        p: lsp::DocumentFormattingParams,
    ) -> Answer<Option<Vec<lsp::TextEdit>>> {
        let Some(doc) = self.docs.get(&p.text_document.uri) else {
            return Ok(None);
        };
        let a = &doc.analysis;
        let text = a.text();
        let Some(formatted) = format_document(text) else {
            return Ok(None);
        };
        if formatted == text {
            return Ok(Some(Vec::new()));
        }
        let whole = convert::range(a, calc::span::Span::new(0, text.len() as u32));
        Ok(Some(vec![lsp::TextEdit::new(whole, formatted)]))
    }

    fn symbols(
        &mut self,
        p: lsp::DocumentSymbolParams,
    ) -> Answer<Option<lsp::DocumentSymbolResponse>> {
        let Some(doc) = self.docs.get_mut(&p.text_document.uri) else {
            return Ok(None);
        };
        let a = &mut doc.analysis;
        let symbols = a.symbols();
        let symbols = symbols.into_iter().map(|s| convert::symbol(a, s)).collect();
        Ok(Some(lsp::DocumentSymbolResponse::Nested(symbols)))
    }

    fn fixes(&mut self, p: lsp::CodeActionParams) -> Answer<Option<lsp::CodeActionResponse>> {
        let uri = p.text_document.uri;
        let Some(doc) = self.docs.get(&uri) else {
            return Ok(None);
        };
        let a = &doc.analysis;
        let range = convert::span(a, p.range);
        let actions = a
            .fixes(range)
            .into_iter()
            .map(|f| {
                let diagnostic = a
                    .diagnostics()
                    .get(f.diagnostic)
                    .map(|d| convert::diagnostic(a, &uri, d));
                let edit = lsp::TextEdit::new(convert::range(a, f.span), f.new_text);
                lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title: f.title,
                    kind: Some(lsp::CodeActionKind::QUICKFIX),
                    diagnostics: diagnostic.map(|d| vec![d]),
                    edit: Some(lsp::WorkspaceEdit::new(HashMap::from([(
                        uri.clone(),
                        vec![edit],
                    )]))),
                    is_preferred: Some(true),
                    ..Default::default()
                })
            })
            .collect();
        Ok(Some(actions))
    }
}
