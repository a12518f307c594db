//! The language server: the only module that knows tower-lsp, the protocol types and tokio.
//!
//! - [`serve`] runs the server on stdin and stdout on a current-thread tokio runtime.
//! - `server`: the `LanguageServer` handlers and the per-document analysis workers.
//! - [`documents`]: the document store (text, version, latest analysis).
//! - `capabilities`: what the client supports, what the server offers, the position encoding.
//! - `convert`: protocol types in and out, positions only through `crate::text`.
//! - [`config`]: the `newsls` settings.
//! - One module per feature: `symbols`, `diagnostics`, `navigation` (hover, definition,
//!   references, highlights), `inlay_hints`, `semantic_tokens`, `folding`, `code_actions`.
//!
//! Logs go to stderr and to the client's `window/logMessage`; stdout carries only the protocol.

mod capabilities;
mod code_actions;
pub mod config;
mod convert;
mod diagnostics;
pub mod documents;
mod folding;
mod inlay_hints;
mod navigation;
mod semantic_tokens;
mod server;
mod symbols;

use std::fmt::Display;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tower_lsp_server::ls_types::MessageType;
use tower_lsp_server::{Client, LspService, Server};

/// Serves the Language Server Protocol on stdin and stdout until the client says `exit` (or
/// closes stdin). The exit code is 0 when the client asked for `shutdown` first, 1 otherwise,
/// as the protocol says.
pub fn serve() -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("newsls: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let shutdown_requested = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&shutdown_requested);
    runtime.block_on(async move {
        let (service, socket) = LspService::new(move |client| server::Backend::new(client, flag));
        Server::new(tokio::io::stdin(), tokio::io::stdout(), socket)
            .serve(service)
            .await;
    });
    // Tokio reads stdin on a blocking thread that waits for input the client may never send;
    // do not wait for it.
    runtime.shutdown_background();
    if shutdown_requested.load(Ordering::SeqCst) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Logs to stderr and to the client.
async fn log(client: &Client, level: MessageType, message: impl Display) {
    eprintln!("newsls: {message}");
    client.log_message(level, message).await;
}
