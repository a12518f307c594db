//! Hardening of the handlers themselves (issue 6): a panic in a request handler is answered
//! with InternalError and the server goes on; a panic in a document's worker is logged and the
//! worker goes on; a change of the size limit reanalyses the open
//! documents at once; and no build profile turns panics into aborts, which would make the
//! catching useless.

use serde_json::{Value, json};

use super::{
    GOOD, GOOD_URI, assert_still_serves, capabilities, error_code, has_symbol, initialized,
    initialized_with_limit, limited, outline,
};
use crate::lsp::client::{Parsing, TIMEOUT, TestClient};

/// The position of "rebuild", inside the quotation of [`GOOD`].
fn hover_params() -> Value {
    json!({"textDocument": {"uri": GOOD_URI}, "position": {"line": 0, "character": 10}})
}

/// Waits (bounded) until the server's stderr contains `needle`: it is read on another thread.
fn wait_for_stderr(client: &TestClient, needle: &str) -> String {
    let deadline = std::time::Instant::now() + TIMEOUT;
    loop {
        let stderr = client.stderr();
        if stderr.contains(needle) || std::time::Instant::now() > deadline {
            return stderr;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

#[test]
fn a_panic_in_a_request_handler_is_an_internal_error_and_the_server_goes_on() {
    // Without the test hook the same hover is answered: the request itself is fine.
    let mut control = initialized();
    control.open(GOOD_URI, "plaintext", 1, GOOD);
    let hover = control.request("textDocument/hover", hover_params());
    assert!(hover.is_object(), "a hover on the quotation: {hover}");
    assert_eq!(control.shutdown_and_exit().code(), Some(0));

    // NEWSLS_TEST_PANIC_IN=hover makes the hover handler panic (see src/lsp/panics.rs).
    let mut client = TestClient::start_with_environment(
        env!("CARGO_BIN_EXE_newsls"),
        Parsing::Full,
        &[("NEWSLS_TEST_PANIC_IN", "hover")],
    );
    client.initialize(capabilities("utf-16"));
    client.open(GOOD_URI, "plaintext", 1, GOOD);
    // Several times, to show that each panic is answered and none ends the server.
    for _ in 0..3 {
        let id = client.send_request("textDocument/hover", hover_params());
        let answer = client.response_message(id);
        assert_eq!(error_code(&answer), Some(-32603), "InternalError: {answer}");
        let message = answer["error"]["message"].as_str().unwrap_or_default();
        assert!(
            message.contains("textDocument/hover handler panicked")
                && message.contains("a deliberate panic for the tests"),
            "{message}"
        );
    }
    // The panic is logged to the client and to stderr.
    let log = client.notification("window/logMessage", |params| {
        params["type"] == json!(1)
            && params["message"]
                .as_str()
                .is_some_and(|message| message.contains("hover handler panicked"))
    });
    assert!(log.is_object());
    let stderr = wait_for_stderr(&client, "newsls: the textDocument/hover handler panicked");
    assert!(
        stderr.contains("newsls: the textDocument/hover handler panicked"),
        "{stderr}"
    );
    // The same document still answers other requests, and so does a new one.
    let symbols = outline(&mut client, GOOD_URI);
    assert!(
        has_symbol(&symbols, "We will rebuild the bridge"),
        "{symbols}"
    );
    assert!(has_symbol(&symbols, "Jane Doe"), "{symbols}");
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": GOOD_URI}}),
    );
    assert_still_serves(&mut client);
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn a_panic_in_a_document_worker_is_logged_and_the_worker_goes_on() {
    // NEWSLS_TEST_PANIC_IN=diagnostics:1: the first conversion of an analysis to diagnostics
    // panics, in the document's worker (see src/lsp/panics.rs).
    let mut client = TestClient::start_with_environment(
        env!("CARGO_BIN_EXE_newsls"),
        Parsing::Full,
        &[("NEWSLS_TEST_PANIC_IN", "diagnostics:1")],
    );
    client.initialize(capabilities("utf-16"));
    let uri = "file:///hardening/worker.txt";
    client.open(uri, "plaintext", 1, GOOD);
    client.notification("window/logMessage", |params| {
        params["type"] == json!(1)
            && params["message"].as_str().is_some_and(|message| {
                message.contains("the diagnostics worker panicked (restarted)")
            })
    });
    // The worker still runs: the next version gets its diagnostics, and version 1 never did.
    client.edit(uri, 2, [[0, 0], [0, 0]], "Today: ");
    client.diagnostics(uri, 2);
    let versions: Vec<Value> = client
        .drain_diagnostics()
        .iter()
        .map(|params| params["version"].clone())
        .collect();
    assert!(!versions.contains(&json!(1)), "{versions:?}");
    let symbols = outline(&mut client, uri);
    assert!(
        has_symbol(&symbols, "We will rebuild the bridge"),
        "{symbols}"
    );
    assert_still_serves(&mut client);
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

/// A text whose quotation lies beyond the first `LIMIT` bytes.
fn text_with_a_late_quotation() -> String {
    let mut text = "The council met again on Tuesday. ".repeat(60);
    text.push_str("\n\n");
    text.push_str(GOOD);
    text
}

const LIMIT: usize = 1024;

fn set_max_bytes(client: &mut TestClient, max_bytes: usize) {
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"newsls": {"analysis": {"maxBytes": max_bytes}}}}),
    );
}

/// Waits for the next diagnostics of `uri` whose `analysis-limited` count is `count`.
fn diagnostics_with_limited(client: &mut TestClient, uri: &str, count: usize) -> Vec<Value> {
    let params = client.notification("textDocument/publishDiagnostics", |params| {
        params["uri"] == json!(uri)
            && params["version"] == json!(1)
            && params["diagnostics"]
                .as_array()
                .is_some_and(|items| limited(items).len() == count)
    });
    params["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[test]
fn changing_max_bytes_reanalyses_and_republishes_the_open_documents() {
    let text = text_with_a_late_quotation();
    assert!(text.len() > 2 * LIMIT, "the quotation is past the limit");
    let mut client = initialized_with_limit(LIMIT);
    let uri = "file:///hardening/late-quotation.txt";
    client.open(uri, "plaintext", 1, &text);
    let diagnostics = client.diagnostics(uri, 1);
    assert_eq!(limited(&diagnostics).len(), 1, "{diagnostics:?}");
    assert!(!has_symbol(&outline(&mut client, uri), "We will rebuild"));

    // Raising the limit, with no edit: new diagnostics for the same version, and an outline
    // that now has the quotation.
    set_max_bytes(&mut client, 1 << 20);
    diagnostics_with_limited(&mut client, uri, 0);
    let symbols = outline(&mut client, uri);
    assert!(
        has_symbol(&symbols, "We will rebuild the bridge"),
        "{symbols}"
    );

    // And lowering it again.
    set_max_bytes(&mut client, LIMIT);
    diagnostics_with_limited(&mut client, uri, 1);
    assert!(!has_symbol(&outline(&mut client, uri), "We will rebuild"));

    // A setting that does not touch the analysis (the diagnostics' severities) keeps the same
    // analysis: still limited. (Its diagnostics are those published already, so the server
    // does not publish them again; the outline, asked after the change, shows the analysis.)
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"newsls": {
            "analysis": {"maxBytes": LIMIT},
            "diagnostics": {"severity": {"unattributed-quote": "hint"}}
        }}}),
    );
    assert!(!has_symbol(&outline(&mut client, uri), "We will rebuild"));
    assert_still_serves(&mut client);
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn no_build_profile_turns_panics_into_aborts() {
    // With `panic = "abort"` no panic could be caught, in a handler or on the blocking pool.
    let root = env!("CARGO_MANIFEST_DIR");
    for file in ["Cargo.toml", ".cargo/config.toml", ".cargo/config"] {
        let Ok(text) = std::fs::read_to_string(format!("{root}/{file}")) else {
            continue;
        };
        let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(
            !compact.contains("panic=\"abort\"") && !compact.contains("panic=abort"),
            "{file} sets panic = \"abort\""
        );
    }
}
