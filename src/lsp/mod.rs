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
//! - `transport`: a guard between stdio and tower-lsp-server, so no malformed message ends it.
//! - `panics`: a panic in a handler is logged and answered as an error; the server goes on.
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
mod panics;
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
    keep_large_blocks_in_the_heap();
    // One blocking thread, for the analyses alone (stdin and stdout have threads of their own,
    // see `transport`). Each thread that analyses keeps its own allocator arena full of the
    // analysis' freed memory, so letting analyses run on several threads multiplied the
    // resident memory (about 100 MB with a 1.1 MB article open and tokio's default pool, 43 MB
    // with two threads, 30 MB with this one), for no gain: the latest-wins workers need only
    // one analysis at a time per document, and the machine has few cores.
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .max_blocking_threads(1)
        // Timers only: nothing here waits on a socket or a file (stdio has its threads, the
        // guard speaks to the server through in-memory pipes), so without the IO driver the
        // runtime sleeps on a futex rather than epoll with an eventfd to wake it.
        .enable_time()
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
    let (outgoing, outgoing_queue) = tokio::sync::mpsc::channel(64);
    let threads = transport::spawn_stdin_reader().and_then(|stdin| {
        transport::spawn_stdout_writer(outgoing_queue).map(|writer| (stdin, writer))
    });
    let (stdin, writer) = match threads {
        Ok(threads) => threads,
        Err(error) => {
            eprintln!("newsls: cannot start the stdio threads: {error}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let mut panic_log = None;
        let (service, socket) = LspService::new(|client| {
            panic_log = Some(client.clone());
            server::Backend::new(client, flag)
        });
        // A panic in a handler becomes an error answer instead of ending the server.
        let service = panics::CatchPanics::new(service, panic_log);
        // The server reads and writes through the guard in `transport`, so that no malformed
        // message can end it (see there).
        let (server_input, guard_to_server) = tokio::io::duplex(1 << 16);
        let (guard_from_server, server_output) = tokio::io::duplex(1 << 16);
        // The input guard waits on stdin for as long as the client keeps it open, so it is not
        // awaited: the server ends on `exit` whether or not stdin closes.
        tokio::spawn(transport::forward_input(
            stdin,
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
        );
    });
    // Do not wait for tasks still running (the input guard waits on stdin for input the client
    // may never send), but do wait until every message has been written to stdout.
    runtime.shutdown_background();
    if writer.join().is_err() {
        eprintln!("newsls: the stdout thread panicked");
    }
    if shutdown_requested.load(Ordering::SeqCst) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Keeps the analysis' large buffers in glibc's heap, to be reused by the next analysis.
///
/// A fixed `mmap` threshold of 256 KiB once mapped each larger block (the text's copy, token and
/// span vectors of a long document) on its own and unmapped it when freed, so that the heap did
/// not keep the high-water mark of every analysis. But each analysis then faulted in fresh
/// zeroed pages: perf put the kernel's page-fault work at a third of the analysing thread's time
/// in `benches/server.rs`. Since the server gives free pages back with `malloc_trim` once a
/// document is quiet ([`return_free_memory_to_the_system`]), blocks up to 32 MiB now come from
/// the heap: the kernel's share fell to a seventh, and the resident set with the three
/// documents open, measured after the quiet time, stayed at 13.5 MB.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn keep_large_blocks_in_the_heap() {
    use std::ffi::c_int;
    unsafe extern "C" {
        // glibc's `int mallopt(int param, int value)`: sets one tuning parameter of malloc.
        safe fn mallopt(param: c_int, value: c_int) -> c_int;
    }
    /// `M_MMAP_THRESHOLD` in glibc's `malloc.h`.
    const M_MMAP_THRESHOLD: c_int = -3;
    // Called first thing in `serve`, before any other thread of ours exists. A failure (0) leaves
    // glibc's default, a threshold that rises with the largest block freed.
    let _ = mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn keep_large_blocks_in_the_heap() {}

/// Gives the pages of freed memory back to the system (glibc's `malloc_trim`), for the server to
/// call when it is idle: after the analysis of a long document, its freed blocks (tokens,
/// spans, strings under the `mmap` threshold) stay in the heap as free pages that still count
/// in the resident set. `malloc_trim` also releases free pages in the middle of the heap, not
/// only at its top. With the three documents of `benches/server.rs` open it took the resident
/// set from 17.6 MB to 13.1 MB (25.3 to 15.1 MB when the 1.1 MB one is analysed whole). The
/// price: the call itself (0.7 ms at 1.1 MB), and page faults that make the next analysis of a
/// long document about 2.5 ms slower (of 33 ms, measured in process at load 4), once
/// per pause in the typing.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub(crate) fn return_free_memory_to_the_system() {
    unsafe extern "C" {
        // glibc's `int malloc_trim(size_t pad)`: releases free memory, keeping `pad` bytes at
        // the top of the heap.
        safe fn malloc_trim(pad: usize) -> std::ffi::c_int;
    }
    let _ = malloc_trim(0);
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub(crate) fn return_free_memory_to_the_system() {}

/// Logs to stderr and to the client.
async fn log(client: &Client, level: MessageType, message: impl Display) {
    eprintln!("newsls: {message}");
    client.log_message(level, message).await;
}

#[cfg(test)]
mod tests;
