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
//! - `annotation_actions`: code actions that write annotations (pin a speaker, ignore a check).
//! - `workspace_files`: the `newsls.toml` of each workspace folder, read at `initialize`.
//! - `indexing`: the workspace index in the server (finding and indexing the articles of the
//!   workspace folders, positions and misquote diagnostics from it); `workspace_features`:
//!   workspace symbols, references in other articles, hover counts, code lenses.
//!
//! Logs go to stderr and to the client's `window/logMessage`; stdout carries only the protocol.

mod annotation_actions;
mod capabilities;
mod code_actions;
pub mod config;
mod convert;
mod diagnostics;
pub mod documents;
mod folding;
mod indexing;
mod inlay_hints;
mod navigation;
mod semantic_tokens;
mod server;
mod symbols;
mod transport;
mod workspace_features;
mod workspace_files;

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
    // Two blocking threads: one is always waiting on stdin; the other runs the analyses and the
    // writes to stdout, one at a time. Each thread that analyses keeps its own allocator arena
    // full of the analysis' freed memory, so letting tokio spread analyses over many threads
    // multiplied the resident memory (about 100 MB instead of 55 MB with a 1.1 MB article
    // open), for no gain: the latest-wins workers need only one analysis at a time per
    // document, and the machine has few cores.
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .max_blocking_threads(2)
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
        // The server reads and writes through the guard in `transport`, so that no malformed
        // message can end it (see there).
        let (server_input, guard_to_server) = tokio::io::duplex(1 << 16);
        let (guard_from_server, server_output) = tokio::io::duplex(1 << 16);
        let (outgoing, outgoing_queue) = tokio::sync::mpsc::channel(64);
        // The input guard waits on stdin for as long as the client keeps it open, so it is not
        // awaited: the server ends on `exit` whether or not stdin closes.
        tokio::spawn(transport::forward_input(
            tokio::io::stdin(),
            guard_to_server,
            outgoing.clone(),
        ));
        let serve = async move {
            Server::new(server_input, server_output, socket)
                .serve(service)
                .await;
        };
        tokio::join!(
            serve,
            transport::read_server_output(guard_from_server, outgoing),
            transport::forward_output(outgoing_queue, tokio::io::stdout()),
        );
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

#[cfg(test)]
mod tests;
