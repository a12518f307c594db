//! What the client can do, what the server offers, and the position encoding they agree on.

use tower_lsp_server::ls_types::{
    ClientCapabilities, CodeActionKind, CodeActionOptions, CodeActionProviderCapability,
    CodeLensOptions, DiagnosticOptions, DiagnosticServerCapabilities,
    FoldingRangeProviderCapability, HoverProviderCapability, OneOf, PositionEncodingKind,
    SemanticTokensFullOptions, SemanticTokensOptions, SemanticTokensServerCapabilities,
    ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    WorkspaceFoldersServerCapabilities, WorkspaceServerCapabilities,
};

use super::convert;
use super::semantic_tokens;
use crate::text::PositionEncoding;

/// What the server learned about the client at `initialize`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ClientSupport {
    pub encoding: PositionEncoding,
    pub hierarchical_symbols: bool,
    /// The client asks for diagnostics itself (`textDocument/diagnostic`), so the server does
    /// not push them as well (the client would show each twice).
    pub pull_diagnostics: bool,
    pub diagnostic_refresh: bool,
    pub configuration_request: bool,
    pub inlay_hint_refresh: bool,
    /// The client shows progress the server starts (`window/workDoneProgress/create`).
    pub work_done_progress: bool,
}

impl ClientSupport {
    pub fn from_capabilities(capabilities: &ClientCapabilities) -> Self {
        let text_document = capabilities.text_document.as_ref();
        let workspace = capabilities.workspace.as_ref();
        Self {
            encoding: negotiate_encoding(
                capabilities
                    .general
                    .as_ref()
                    .and_then(|general| general.position_encodings.as_deref())
                    .unwrap_or_default(),
            ),
            hierarchical_symbols: text_document
                .and_then(|text_document| text_document.document_symbol.as_ref())
                .and_then(|symbol| symbol.hierarchical_document_symbol_support)
                .unwrap_or(false),
            pull_diagnostics: text_document
                .and_then(|text_document| text_document.diagnostic.as_ref())
                .is_some(),
            diagnostic_refresh: workspace
                .and_then(|workspace| workspace.diagnostics.as_ref())
                .and_then(|diagnostics| diagnostics.refresh_support)
                .unwrap_or(false),
            configuration_request: workspace
                .and_then(|workspace| workspace.configuration)
                .unwrap_or(false),
            inlay_hint_refresh: workspace
                .and_then(|workspace| workspace.inlay_hint.as_ref())
                .and_then(|inlay_hint| inlay_hint.refresh_support)
                .unwrap_or(false),
            work_done_progress: capabilities
                .window
                .as_ref()
                .and_then(|window| window.work_done_progress)
                .unwrap_or(false),
        }
    }
}

/// UTF-8 when the client offers it (no conversion of columns at all), else UTF-16, which every
/// client must support; UTF-32 when it is the only one offered.
pub fn negotiate_encoding(offered: &[PositionEncodingKind]) -> PositionEncoding {
    let offers = |kind: &PositionEncodingKind| offered.contains(kind);
    if offers(&PositionEncodingKind::UTF8) {
        PositionEncoding::Utf8
    } else if offers(&PositionEncodingKind::UTF16) || offered.is_empty() {
        PositionEncoding::Utf16
    } else if offers(&PositionEncodingKind::UTF32) {
        PositionEncoding::Utf32
    } else {
        PositionEncoding::Utf16
    }
}

/// Straight-to-typographic quotes: a rewrite of the selection.
pub const REWRITE_QUOTES_KIND: CodeActionKind = CodeActionKind::REFACTOR_REWRITE;

pub fn server_capabilities(client: &ClientSupport) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(convert::encoding_kind(client.encoding)),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        code_lens_provider: Some(CodeLensOptions {
            resolve_provider: Some(false),
        }),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        document_highlight_provider: Some(OneOf::Left(true)),
        inlay_hint_provider: Some(OneOf::Left(true)),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
            SemanticTokensOptions {
                legend: semantic_tokens::legend(),
                full: Some(SemanticTokensFullOptions::Bool(true)),
                range: None,
                ..SemanticTokensOptions::default()
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::REFACTOR,
                REWRITE_QUOTES_KIND,
                CodeActionKind::SOURCE,
            ]),
            ..CodeActionOptions::default()
        })),
        diagnostic_provider: client.pull_diagnostics.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("newsls".to_owned()),
                inter_file_dependencies: false,
                workspace_diagnostics: false,
                ..DiagnosticOptions::default()
            })
        }),
        ..ServerCapabilities::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_wins_when_offered_else_utf16() {
        use PositionEncodingKind as Kind;
        assert_eq!(
            negotiate_encoding(&[Kind::UTF16, Kind::UTF8]),
            PositionEncoding::Utf8
        );
        assert_eq!(
            negotiate_encoding(&[Kind::UTF32, Kind::UTF16]),
            PositionEncoding::Utf16
        );
        assert_eq!(negotiate_encoding(&[]), PositionEncoding::Utf16);
        assert_eq!(negotiate_encoding(&[Kind::UTF32]), PositionEncoding::Utf32);
        assert_eq!(
            negotiate_encoding(&[Kind::new("utf-7")]),
            PositionEncoding::Utf16
        );
    }
}
