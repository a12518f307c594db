//! Hardening: whatever a client sends, the server neither crashes nor hangs nor corrupts a
//! document (issue 6). Each test speaks to the built binary over stdio, sends something broken,
//! odd or large, checks the answer the protocol asks for, and then checks that the server still
//! answers a `documentSymbol` on a good document correctly. Every wait is bounded by the
//! client's timeout.
//!
//! The fuzzers' regression inputs (`tests/it/hardening/fuzz/`) are replayed at the end through
//! the same checks the fuzz targets run (`fuzz/checks.rs`).

#[path = "../../fuzz/checks.rs"]
mod checks;
mod handlers;

use serde_json::{Value, json};

use crate::lsp::client::TestClient;

fn start() -> TestClient {
    TestClient::start(env!("CARGO_BIN_EXE_newsls"))
}

fn capabilities(encoding: &str) -> Value {
    json!({
        "general": {"positionEncodings": [encoding]},
        "textDocument": {
            "documentSymbol": {"hierarchicalDocumentSymbolSupport": true},
            "publishDiagnostics": {"relatedInformation": true, "versionSupport": true}
        }
    })
}

/// A started and initialized server (UTF-16 positions, the protocol's default).
fn initialized() -> TestClient {
    let mut client = start();
    client.initialize(capabilities("utf-16"));
    client
}

/// The size limit the tests of large documents set, so that the debug build stays fast: the
/// analysis of one long paragraph grows faster than its length.
const TEST_MAX_BYTES: usize = 64 * 1024;

/// A server that analyses at most the first `max_bytes` of each document.
fn initialized_with_limit(max_bytes: usize) -> TestClient {
    let mut client = start();
    client.initialize_with_options(
        json!({"newsls": {"analysis": {"maxBytes": max_bytes}}}),
        capabilities("utf-16"),
    );
    client
}

/// The `analysis-limited` diagnostics among `diagnostics`.
fn limited(diagnostics: &[Value]) -> Vec<&Value> {
    diagnostics
        .iter()
        .filter(|diagnostic| diagnostic["code"] == json!("analysis-limited"))
        .collect()
}

const GOOD_URI: &str = "file:///hardening/good.txt";
const GOOD: &str = "“We will rebuild the bridge,” Mayor Jane Doe said on Monday.\n";

/// Every symbol name in a (hierarchical) `documentSymbol` answer, depth first.
fn symbol_names(symbols: &Value) -> Vec<String> {
    fn walk(symbols: &Value, out: &mut Vec<String>) {
        for symbol in symbols.as_array().map_or(&[][..], Vec::as_slice) {
            out.push(symbol["name"].as_str().unwrap_or("").to_owned());
            walk(&symbol["children"], out);
        }
    }
    let mut out = Vec::new();
    walk(symbols, &mut out);
    out
}

fn outline(client: &mut TestClient, uri: &str) -> Value {
    client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    )
}

/// Whether some symbol's name contains `needle`.
fn has_symbol(symbols: &Value, needle: &str) -> bool {
    symbol_names(symbols)
        .iter()
        .any(|name| name.contains(needle))
}

/// The server still works: a good document opened now gets the right outline (its quotation
/// under its speaker).
fn assert_still_serves(client: &mut TestClient) {
    client.open(GOOD_URI, "plaintext", 1, GOOD);
    let symbols = outline(client, GOOD_URI);
    assert!(
        has_symbol(&symbols, "We will rebuild the bridge"),
        "the quotation is in the outline: {symbols}"
    );
    assert!(
        has_symbol(&symbols, "Jane Doe"),
        "the speaker is in the outline: {symbols}"
    );
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": GOOD_URI}}),
    );
}

fn error_code(message: &Value) -> Option<i64> {
    message["error"]["code"].as_i64()
}

/// A response with a `null` id (what a server answers to a message it could not read).
fn is_null_id_error(message: &Value) -> bool {
    message.get("id") == Some(&Value::Null) && message.get("error").is_some()
}

// --- Framing and JSON-RPC ---------------------------------------------------------------------

#[test]
fn malformed_content_length_headers_are_skipped() {
    let mut client = initialized();
    // Not a number, negative, overflowing, a header with no colon, an unknown header alone: each
    // followed by a short body the server must not take for a message.
    for header in [
        "Content-Length: abc\r\n\r\n{}",
        "Content-Length: -5\r\n\r\n{}",
        "Content-Length: 99999999999999999999999\r\n\r\n{}",
        "Content-Length 12\r\n\r\n{}",
        "X-Nonsense: yes\r\n\r\n{}",
    ] {
        client.send_raw(header.as_bytes());
    }
    assert_still_serves(&mut client);
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn a_body_that_is_not_json_is_a_parse_error() {
    let mut client = initialized();
    client.send_body(b"this is not json {");
    let error = client.message("an error for the bad body", is_null_id_error);
    assert_eq!(error_code(&error), Some(-32700), "ParseError: {error}");
    // Bytes that are not UTF-8 at all.
    client.send_body(&[0xff, 0xfe, 0x00, 0xc3]);
    let error = client.message("an error for the binary body", is_null_id_error);
    assert_eq!(error_code(&error), Some(-32700), "ParseError: {error}");
    assert_still_serves(&mut client);
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn json_that_is_not_json_rpc_is_rejected_without_harm() {
    let mut client = initialized();
    for body in [
        r#"{"hello": "world"}"#,
        "[1, 2, 3]",
        "42",
        "null",
        r#"{"jsonrpc": "2.0", "id": 7}"#,
        r#"{"jsonrpc": "1.0", "id": 8, "method": "textDocument/documentSymbol"}"#,
        r#"{"jsonrpc": "2.0", "id": {"object": "id"}, "method": "shutdown"}"#,
        r#"{"jsonrpc": "2.0", "id": 9, "method": "textDocument/documentSymbol", "params": "wrong"}"#,
        r#"{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": 5}}"#,
    ] {
        client.send_body(body.as_bytes());
    }
    // Wrong params for a known request is InvalidParams, with the request's id.
    let answer = client.response_message(9);
    assert_eq!(error_code(&answer), Some(-32602), "InvalidParams: {answer}");
    assert_still_serves(&mut client);
    // Whatever else came back was an error, never a result.
    for message in client.received() {
        if message.get("method").is_none() {
            assert!(message.get("error").is_some(), "not an error: {message}");
        }
    }
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn an_unknown_request_is_method_not_found_and_an_unknown_notification_is_ignored() {
    let mut client = initialized();
    client.notify("newsls/noSuchNotification", json!({"x": 1}));
    let id = client.send_request("newsls/noSuchRequest", json!({}));
    let answer = client.response_message(id);
    assert_eq!(
        error_code(&answer),
        Some(-32601),
        "MethodNotFound: {answer}"
    );
    assert_still_serves(&mut client);
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn a_request_before_initialize_is_server_not_initialized() {
    let mut client = start();
    let id = client.send_request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": GOOD_URI}}),
    );
    let answer = client.response_message(id);
    assert_eq!(
        error_code(&answer),
        Some(-32002),
        "ServerNotInitialized: {answer}"
    );
    client.initialize(capabilities("utf-16"));
    assert_still_serves(&mut client);
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn a_request_after_shutdown_is_invalid_request() {
    let mut client = initialized();
    assert_still_serves(&mut client);
    assert_eq!(client.request("shutdown", Value::Null), Value::Null);
    let id = client.send_request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": GOOD_URI}}),
    );
    let answer = client.response_message(id);
    assert_eq!(
        error_code(&answer),
        Some(-32600),
        "InvalidRequest: {answer}"
    );
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_exit().code(), Some(0));
}

#[test]
fn exit_without_shutdown_with_work_in_flight_is_exit_code_1() {
    let mut client = initialized();
    assert_still_serves(&mut client);
    client.open(
        "file:///busy.txt",
        "plaintext",
        1,
        &"“Busy,” he said. ".repeat(5_000),
    );
    client.send_request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": "file:///busy.txt"}}),
    );
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_exit().code(), Some(1));
}

// --- Edits and positions ----------------------------------------------------------------------

#[test]
fn did_change_for_a_document_never_opened_changes_nothing() {
    let mut client = initialized();
    let uri = "file:///never-opened.txt";
    client.edit(uri, 2, [[0, 0], [0, 0]], "“Phantom,” he said.");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": "“Whole,” she said."}]}),
    );
    assert_eq!(outline(&mut client, uri), Value::Null, "still not open");
    // Opening it afterwards gives exactly the text opened, without the phantom edits.
    client.open(uri, "plaintext", 4, GOOD);
    let symbols = outline(&mut client, uri);
    assert!(has_symbol(&symbols, "We will rebuild"), "{symbols}");
    assert!(!has_symbol(&symbols, "Phantom"), "{symbols}");
    assert!(!has_symbol(&symbols, "Whole"), "{symbols}");
    assert_still_serves(&mut client);
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn a_range_past_the_end_is_clamped_to_the_end() {
    let mut client = initialized();
    let uri = "file:///past-the-end.txt";
    client.open(uri, "plaintext", 1, "First line.\n");
    client.edit(
        uri,
        2,
        [[40, 3], [4_000_000_000, 4_000_000_000]],
        "“Appended at the end,” Jane Doe said.",
    );
    client.edit(uri, 3, [[1, 999], [1, 999]], " “Then this,” she added.");
    let symbols = outline(&mut client, uri);
    assert!(has_symbol(&symbols, "Appended at the end"), "{symbols}");
    assert!(has_symbol(&symbols, "Then this"), "{symbols}");
    assert_still_serves(&mut client);
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn a_range_whose_start_is_after_its_end_is_taken_in_order() {
    let mut client = initialized();
    let uri = "file:///reversed.txt";
    client.open(uri, "plaintext", 1, "“Keep this,” Jane Doe said. XXXXX");
    // Columns 28..33 are the five X's; given end first.
    client.edit(uri, 2, [[0, 33], [0, 28]], "“And this,” she said.");
    let symbols = outline(&mut client, uri);
    assert!(has_symbol(&symbols, "Keep this"), "{symbols}");
    assert!(has_symbol(&symbols, "And this"), "{symbols}");
    assert_still_serves(&mut client);
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

/// Converts a UTF-16 column on `line` of `text` to whether it falls between the two halves of a
/// surrogate pair.
fn splits_a_surrogate_pair(text: &str, line: usize, column: usize) -> bool {
    let Some(line_text) = text.split('\n').nth(line) else {
        return false;
    };
    let mut units = 0;
    for character in line_text.chars() {
        let width = character.len_utf16();
        if units < column && column < units + width {
            return true;
        }
        units += width;
        if units >= column {
            break;
        }
    }
    false
}

fn assert_no_split_pairs(text: &str, symbols: &Value) {
    fn walk(text: &str, symbols: &Value) {
        for symbol in symbols.as_array().map_or(&[][..], Vec::as_slice) {
            for key in ["range", "selectionRange"] {
                for end in ["start", "end"] {
                    let position = &symbol[key][end];
                    let line = position["line"].as_u64().unwrap_or(0) as usize;
                    let column = position["character"].as_u64().unwrap_or(0) as usize;
                    assert!(
                        !splits_a_surrogate_pair(text, line, column),
                        "{key}.{end} splits a surrogate pair: {symbol}"
                    );
                }
            }
            walk(text, &symbol["children"]);
        }
    }
    walk(text, symbols);
}

#[test]
fn positions_inside_a_surrogate_pair_mean_the_start_of_the_character() {
    let mut client = initialized();
    let uri = "file:///emoji.txt";
    let text = "😀漢字 “Quoted words here,” Jane Doe said. 👍🏽\n“第二,” she added.\n";
    client.open(uri, "plaintext", 1, text);
    // Column 1 is between the two halves of 😀: the insertion goes before the emoji.
    client.edit(uri, 2, [[0, 1], [0, 1]], "A");
    // A range from inside 👍 to inside 🏽 (both split): it removes 👍 only.
    let line = "A😀漢字 “Quoted words here,” Jane Doe said. 👍🏽";
    let thumbs = line.encode_utf16().count() - 4;
    let edited = format!("{}🏽\n“第二,” she added.\n", &line[..line.len() - 8]);
    let thumbs_column = u32::try_from(thumbs).unwrap_or(0);
    client.edit(uri, 3, [[0, thumbs_column + 1], [0, thumbs_column + 3]], "");
    for column in [1, 2, 3, thumbs_column + 1] {
        let hover = client.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": column}}),
        );
        assert!(hover.is_null() || hover.is_object(), "{hover}");
    }
    let symbols = outline(&mut client, uri);
    assert!(has_symbol(&symbols, "Quoted words here"), "{symbols}");
    assert_no_split_pairs(&edited, &symbols);
    // The quotation's selection starts at the same column the test computes on the expected text.
    let quote_column = edited
        .split('\n')
        .next()
        .and_then(|first| first.find('“'))
        .map(|byte| edited[..byte].encode_utf16().count());
    let starts: Vec<u64> = {
        let mut starts = Vec::new();
        fn walk(symbols: &Value, starts: &mut Vec<u64>) {
            for symbol in symbols.as_array().map_or(&[][..], Vec::as_slice) {
                if symbol["name"]
                    .as_str()
                    .is_some_and(|name| name.contains("Quoted words here"))
                {
                    starts.push(symbol["range"]["start"]["character"].as_u64().unwrap_or(0));
                }
                walk(&symbol["children"], starts);
            }
        }
        walk(&symbols, &mut starts);
        starts
    };
    assert!(
        quote_column.is_some_and(|column| starts.contains(&(column as u64))),
        "the quotation starts at UTF-16 column {quote_column:?}; symbols start at {starts:?}"
    );
    assert_still_serves(&mut client);
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn requests_on_a_closed_document_answer_empty() {
    let mut client = initialized();
    let uri = "file:///closed.txt";
    client.open(uri, "plaintext", 1, GOOD);
    assert!(has_symbol(&outline(&mut client, uri), "Jane Doe"));
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let position = json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 3}});
    for (method, params) in [
        ("textDocument/hover", position.clone()),
        ("textDocument/definition", position.clone()),
        (
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        ),
        (
            "textDocument/references",
            json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 3}, "context": {"includeDeclaration": true}}),
        ),
    ] {
        let id = client.send_request(method, params);
        let answer = client.response_message(id);
        let empty = answer["result"].is_null() || answer["result"] == json!([]);
        assert!(
            empty || answer.get("error").is_some(),
            "{method} on a closed document: {answer}"
        );
    }
    // A second close, and a close of a document never opened, are harmless.
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": "file:///never.txt"}}),
    );
    assert_still_serves(&mut client);
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

// --- Odd and large texts ----------------------------------------------------------------------

/// Opens `text`, asks for its outline and diagnostics, and returns both.
fn open_and_outline(client: &mut TestClient, uri: &str, text: &str) -> (Value, Vec<Value>) {
    client.open(uri, "plaintext", 1, text);
    let symbols = outline(client, uri);
    let diagnostics = client.diagnostics(uri, 1);
    (symbols, diagnostics)
}

#[test]
fn a_large_document_on_one_line_without_a_newline_is_analysed_up_to_the_limit() {
    // 2 MB here to keep the debug-build suite fast; 20 MB was tried by hand (see the report).
    let sentence = "“We will rebuild,” Jane Doe said, and the crowd cheered. ";
    let text = sentence.repeat(2_000_000 / sentence.len());
    let mut client = initialized_with_limit(TEST_MAX_BYTES);
    let uri = "file:///one-line.txt";
    let (symbols, diagnostics) = open_and_outline(&mut client, uri, &text);
    assert!(has_symbol(&symbols, "We will rebuild"), "{symbols}");
    // One information diagnostic says where the analysis stopped: at a sentence end (there is
    // no line break), within the limit.
    let notes = limited(&diagnostics);
    assert_eq!(notes.len(), 1, "{diagnostics:?}");
    assert_eq!(notes[0]["severity"], json!(3), "information: {}", notes[0]);
    let cut = notes[0]["range"]["start"]["character"]
        .as_u64()
        .unwrap_or(0) as usize;
    let prefix: String = char::decode_utf16(text.encode_utf16().take(cut))
        .map(|unit| unit.unwrap_or('?'))
        .collect();
    assert!(
        cut > 0 && prefix.len() <= TEST_MAX_BYTES,
        "cut at UTF-16 column {cut}, {} bytes",
        prefix.len()
    );
    assert!(
        prefix.ends_with("cheered. "),
        "cut after a sentence: {prefix:?}"
    );
    // A hover past the cut finds nothing; one before it finds the quotation.
    let hover_at = |client: &mut TestClient, character: usize| {
        client.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": character}}),
        )
    };
    assert_eq!(hover_at(&mut client, 1_000_000), Value::Null);
    assert!(hover_at(&mut client, 3).is_object());
    assert_still_serves(&mut client);
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn nul_bytes_and_control_characters() {
    let mut text = String::from("“Nul\u{0}inside,” Jane Doe said.\n");
    for code in (0u32..0x20).chain(0x7f..0xa0) {
        text.extend(char::from_u32(code));
    }
    text.push_str("\u{feff}\u{fffe}\u{ffff}\u{2028}\u{85}\r\r\n\u{0}");
    let mut client = initialized();
    let uri = "file:///control.txt";
    let (symbols, _) = open_and_outline(&mut client, uri, &text);
    assert!(has_symbol(&symbols, "Nul"), "{symbols}");
    client.edit(uri, 2, [[0, 4], [0, 5]], "\u{0}\u{0}");
    assert!(has_symbol(&outline(&mut client, uri), "Nul"));
    assert_still_serves(&mut client);
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn invalid_surrogate_escapes_in_json_strings() {
    let mut client = initialized();
    for (index, escaped) in [r"\ud800", r"\udc00\ud800", r"x\udfffy", r"\ud83d"]
        .into_iter()
        .enumerate()
    {
        let body = format!(
            r#"{{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{{"textDocument":{{"uri":"file:///s{index}.txt","languageId":"plaintext","version":1,"text":"“Lone {escaped},” he said."}}}}}}"#
        );
        client.send_body(body.as_bytes());
        let id = 100 + index as i64;
        let request = format!(
            r#"{{"jsonrpc":"2.0","id":{id},"method":"textDocument/hover","params":{{"textDocument":{{"uri":"file:///s{index}.txt"}},"position":{{"line":0,"character":2}}}},"junk":"{escaped}"}}"#
        );
        client.send_body(request.as_bytes());
    }
    // Each lone surrogate became U+FFFD: the documents are open and the hovers answered.
    for index in 0..4 {
        let answer = client.response_message(100 + index);
        assert!(answer.get("result").is_some(), "{answer}");
        let symbols = outline(&mut client, &format!("file:///s{index}.txt"));
        assert!(has_symbol(&symbols, "Lone"), "{symbols}");
    }
    // A valid pair stays a pair.
    client.send_body(
        r#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///pair.txt","languageId":"plaintext","version":1,"text":"“Smile \ud83d\ude00,” he said."}}}"#
            .as_bytes(),
    );
    let symbols = outline(&mut client, "file:///pair.txt");
    assert!(has_symbol(&symbols, "Smile 😀"), "{symbols}");
    assert_still_serves(&mut client);
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn a_megabyte_of_straight_quotation_marks() {
    // Analysed up to the limit only: the whole megabyte takes about 16 s in a release build.
    let mut client = initialized_with_limit(TEST_MAX_BYTES);
    let (symbols, diagnostics) =
        open_and_outline(&mut client, "file:///straight.txt", &"\"".repeat(1 << 20));
    assert!(symbols.is_array(), "{symbols}");
    assert_eq!(limited(&diagnostics).len(), 1, "{diagnostics:?}");
    // Some 65,000 unbalanced marks, but only the first 1,000 are published, and one more
    // diagnostic says how many were left out.
    assert_eq!(diagnostics.len(), 1_000 + 2);
    let too_many: Vec<&Value> = diagnostics
        .iter()
        .filter(|diagnostic| diagnostic["code"] == json!("too-many-diagnostics"))
        .collect();
    assert_eq!(too_many.len(), 1);
    let message = too_many[0]["message"].as_str().unwrap_or("");
    let hidden: usize = message
        .split(' ')
        .next()
        .and_then(|count| count.parse().ok())
        .unwrap_or(0);
    assert!(hidden > 60_000, "{message}");
    assert_still_serves(&mut client);
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn a_megabyte_of_opening_quotation_marks() {
    let mut client = initialized_with_limit(TEST_MAX_BYTES);
    let (symbols, diagnostics) = open_and_outline(
        &mut client,
        "file:///opening.txt",
        &"“".repeat((1 << 20) / 3),
    );
    assert!(symbols.is_array(), "{symbols}");
    // The cut falls between two marks, never inside one (a char boundary).
    let notes = limited(&diagnostics);
    assert_eq!(notes.len(), 1, "{diagnostics:?}");
    let cut = notes[0]["range"]["start"]["character"]
        .as_u64()
        .unwrap_or(0) as usize;
    assert!(
        cut > 0 && cut * 3 <= TEST_MAX_BYTES,
        "cut at UTF-16 column {cut}"
    );
    assert_still_serves(&mut client);
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn quotations_nested_ten_thousand_levels_deep() {
    let depth = 10_000;
    let mut curly = String::new();
    let mut straight = String::new();
    for level in 0..depth {
        curly.push(if level % 2 == 0 { '“' } else { '‘' });
        straight.push(if level % 2 == 0 { '"' } else { '\'' });
    }
    curly.push_str("deep words");
    straight.push_str("deep words");
    for level in (0..depth).rev() {
        curly.push(if level % 2 == 0 { '”' } else { '’' });
        straight.push(if level % 2 == 0 { '"' } else { '\'' });
    }
    curly.push_str(" Jane Doe said.\n");
    straight.push_str(" Jane Doe said.\n");
    let mut client = initialized();
    let (symbols, _) = open_and_outline(&mut client, "file:///nested-curly.txt", &curly);
    assert!(symbols.is_array(), "{symbols}");
    let (symbols, _) = open_and_outline(&mut client, "file:///nested-straight.txt", &straight);
    assert!(symbols.is_array(), "{symbols}");
    assert_still_serves(&mut client);
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

// --- Many messages ----------------------------------------------------------------------------

#[test]
fn a_thousand_quick_open_close_cycles() {
    let mut client = initialized();
    for cycle in 0..1_000 {
        let uri = format!("file:///cycle/{}.txt", cycle % 10);
        client.open(&uri, "plaintext", cycle, "“Open and shut,” he said.");
        client.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
    }
    assert_still_serves(&mut client);
    // Every document is closed again: no outline, and the server did not die of it.
    for index in 0..10 {
        let uri = format!("file:///cycle/{index}.txt");
        assert_eq!(outline(&mut client, &uri), Value::Null);
    }
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn a_burst_of_five_hundred_edits_without_waiting() {
    let mut client = initialized();
    let uri = "file:///burst.txt";
    client.open(uri, "plaintext", 0, "");
    // Types a text one character at a time (UTF-16 columns), with a backspace now and then.
    let target = "“Typed one key at a time, with emoji 😀 and 漢字,” Jane Doe said. ".repeat(8);
    let mut typed = String::new();
    let mut version = 0;
    for character in target.chars() {
        if version >= 500 {
            break;
        }
        let column = u32::try_from(typed.encode_utf16().count()).unwrap_or(0);
        version += 1;
        if version % 50 == 0 {
            // Type a wrong key and delete it.
            client.edit(uri, version, [[0, column], [0, column]], "#");
            version += 1;
            client.edit(uri, version, [[0, column], [0, column + 1]], "");
        } else {
            client.edit(
                uri,
                version,
                [[0, column], [0, column]],
                &character.to_string(),
            );
            typed.push(character);
        }
    }
    let symbols = outline(&mut client, uri);
    // The last complete quotation typed is in the outline; no `#` survived.
    assert!(has_symbol(&symbols, "Typed one key at a time"), "{symbols}");
    assert!(
        symbol_names(&symbols)
            .iter()
            .all(|name| !name.contains('#'))
    );
    // The diagnostics of the last version arrive; none of a later version than sent.
    client.diagnostics(uri, version);
    assert_still_serves(&mut client);
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn cancelling_an_in_flight_request_answers_it_once_with_cancelled_or_its_result() {
    let mut client = initialized_with_limit(TEST_MAX_BYTES);
    let uri = "file:///cancel.txt";
    client.open(
        uri,
        "plaintext",
        1,
        &"“Slow to read,” Jane Doe said. ".repeat(20_000),
    );
    let mut ids = Vec::new();
    for _ in 0..5 {
        let id = client.send_request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        );
        client.notify("$/cancelRequest", json!({"id": id}));
        ids.push(id);
    }
    // A cancellation of a request that does not exist is ignored.
    client.notify("$/cancelRequest", json!({"id": 987_654}));
    for id in ids {
        let answer = client.response_message(id);
        match error_code(&answer) {
            Some(code) => assert_eq!(code, -32800, "RequestCancelled: {answer}"),
            None => assert!(answer["result"].is_array(), "{answer}"),
        }
    }
    assert_still_serves(&mut client);
    // No request was answered twice.
    let again: Vec<Value> = client
        .received()
        .into_iter()
        .filter(|message| message.get("method").is_none())
        .collect();
    assert!(again.is_empty(), "extra responses: {again:?}");
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

// --- Fuzzer regression inputs -----------------------------------------------------------------

/// Replays every committed input of `target` (in `tests/it/hardening/fuzz/<target>/`).
fn replay(target: &str, run: fn(&[u8])) -> usize {
    let directory = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/it/hardening/fuzz")
        .join(target);
    let Ok(entries) = std::fs::read_dir(&directory) else {
        return 0;
    };
    let mut count = 0;
    for entry in entries.flatten() {
        let bytes = std::fs::read(entry.path()).unwrap_or_default();
        run(&bytes);
        count += 1;
    }
    count
}

#[test]
fn fuzz_regressions_analysis() {
    assert!(replay("analysis", checks::analysis_input) >= 1);
    // The checks themselves run on a text with every kind of range.
    checks::check_analysis(
        "“We will rebuild,” Mayor Jane Doe said. 😀 “Unclosed",
        newsls::analysis::DocumentFormat::PlainText,
    );
}

#[test]
fn fuzz_regressions_edits() {
    assert!(replay("edits", checks::edits_input) >= 1);
    // Encoding UTF-16, a two-byte starting text, and one edit at line 0 column 1.
    checks::edits_input(&[1, 2, b'a', b'b', 1, 0, 1, 0, 0, 1, 0, 1, b'X']);
}

#[test]
fn fuzz_regressions_misquote() {
    assert!(replay("misquote", checks::misquote_input) >= 1);
    // A changed word between two articles (lines 0 and 1), and an honest ellipsis (line 2).
    checks::misquote_input(
        "we will never give up on this city and its people\n\
         we will never give up on this town and its people\n\
         we will never give up … and its people"
            .as_bytes(),
    );
}

// --- The size limit ---------------------------------------------------------------------------

#[test]
fn the_analysis_cut_prefers_a_paragraph_then_a_line_then_a_sentence_then_a_space() {
    use newsls::lsp::documents::analysis_cut;
    let cut = |text: &str, max| {
        let at = analysis_cut(text, max);
        assert!(text.is_char_boundary(at) && at <= max, "{at} in {text:?}");
        text.get(..at).unwrap_or_default().to_owned()
    };
    assert_eq!(analysis_cut("short", 100), 5, "the whole text when it fits");
    assert_eq!(
        cut("One two.\n\nThree four.\nFive six. Seven", 30),
        "One two.\n\nThree four.\n"
    );
    assert_eq!(
        cut("One two three.\n\nFour five six. Seven eight", 36),
        "One two three.\n\nFour five six. "
    );
    assert_eq!(cut("aaaa bbbb cccc dddd", 12), "aaaa bbbb ");
    // No separator at all: the last char boundary before the limit.
    assert_eq!(cut("““““““", 8), "““");
    // A paragraph break in the first half is not taken when a later line break exists.
    assert_eq!(
        cut("a\n\nbbbbbbbbbbbbbbbbbbbbbb\ncc", 27),
        "a\n\nbbbbbbbbbbbbbbbbbbbbbb\n"
    );
    assert_eq!(
        newsls::lsp::config::Settings::default().analysis.max_bytes,
        512 * 1024,
        "the documented default"
    );
}

// --- The command line -------------------------------------------------------------------------

/// A folder under the system's temporary folder, removed when dropped.
struct Scratch(std::path::PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let path =
            std::env::temp_dir().join(format!("newsls-hardening-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("create a temporary folder");
        Scratch(path)
    }

    fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> std::path::PathBuf {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create a folder");
        }
        std::fs::write(&path, contents).expect("write a temporary file");
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        // Make anything made unreadable removable again.
        use std::os::unix::fs::PermissionsExt;
        for entry in ["locked.txt", "locked-folder"] {
            let _ = std::fs::set_permissions(
                self.0.join("news").join(entry),
                std::fs::Permissions::from_mode(0o755),
            );
        }
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `newsls` with `arguments` in `dir` (stdin closed); returns (status, stdout, stderr).
fn run_cli(dir: &std::path::Path, arguments: &[&str]) -> (i32, String, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_newsls"))
        .args(arguments)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run newsls");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The `path` of each JSON line.
fn jsonl_paths(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter_map(|value| value["path"].as_str().map(str::to_owned))
        .collect()
}

const CLI_GOOD: &str = "“We will rebuild,” Mayor Jane Doe said.\n";

#[test]
fn a_folder_of_ten_thousand_files_is_read_whole() {
    let scratch = Scratch::new("ten-thousand");
    for index in 0..10_000 {
        scratch.write(
            &format!("news/{:02}/{index:05}.txt", index % 100),
            format!("“Item {index},” Jane Doe said.\n"),
        );
    }
    let (status, out, err) = run_cli(&scratch.0, &["extract", "--format", "jsonl", "news"]);
    assert_eq!(status, 0, "{err}");
    let paths = jsonl_paths(&out);
    assert_eq!(paths.len(), 10_000);
    // Sorted, and each once.
    let mut sorted = paths.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted, paths);
}

#[test]
fn an_unreadable_file_and_folder_are_named_and_the_rest_is_read() {
    use std::os::unix::fs::PermissionsExt;
    let scratch = Scratch::new("unreadable");
    scratch.write("news/a.txt", CLI_GOOD);
    let locked = scratch.write("news/locked.txt", CLI_GOOD);
    scratch.write("news/locked-folder/inside.txt", CLI_GOOD);
    scratch.write("news/z.txt", CLI_GOOD);
    let locked_folder = scratch.0.join("news/locked-folder");
    for path in [&locked, &locked_folder] {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o000)).expect("chmod 000");
    }
    let (status, out, err) = run_cli(&scratch.0, &["extract", "--format", "jsonl", "news"]);
    let paths = jsonl_paths(&out);
    assert!(paths.contains(&"news/a.txt".to_owned()), "{out}");
    assert!(paths.contains(&"news/z.txt".to_owned()), "{out}");
    // As root (as in CI), chmod does not stop reads: then everything is read, and well.
    if std::fs::read(&locked).is_ok() {
        println!("note: running as root, chmod 000 does not deny reads; skipping that assertion");
        assert_eq!(status, 0, "{err}");
        assert_eq!(paths.len(), 4, "{out}");
    } else {
        assert_eq!(status, 2, "trouble with some files: {err}");
        assert!(err.contains("locked.txt"), "{err}");
        assert!(err.contains("locked-folder"), "{err}");
        assert!(err.to_lowercase().contains("permission denied"), "{err}");
        assert_eq!(paths.len(), 2, "{out}");
    }
}

#[test]
fn a_symbolic_link_loop_given_by_name_is_named_and_the_rest_is_read() {
    let scratch = Scratch::new("link-loop");
    scratch.write("good.txt", CLI_GOOD);
    std::os::unix::fs::symlink("b.txt", scratch.0.join("a.txt")).expect("symlink");
    std::os::unix::fs::symlink("a.txt", scratch.0.join("b.txt")).expect("symlink");
    let (status, out, err) = run_cli(
        &scratch.0,
        &["extract", "--format", "jsonl", "a.txt", "good.txt"],
    );
    assert_eq!(status, 2, "{err}");
    assert!(err.contains("a.txt"), "{err}");
    assert_eq!(err.lines().count(), 1, "one message: {err}");
    assert_eq!(jsonl_paths(&out), ["good.txt"]);
}

#[test]
fn a_file_that_vanished_is_named_and_the_rest_is_read() {
    // A path on the command line that does not exist (a file removed after the shell listed it)
    // and a dangling link given by name (listed, but nothing behind it): each is named.
    let scratch = Scratch::new("vanished");
    scratch.write("a.txt", CLI_GOOD);
    scratch.write("c.txt", CLI_GOOD);
    std::os::unix::fs::symlink("gone.txt", scratch.0.join("dangling.txt")).expect("symlink");
    let (status, out, err) = run_cli(
        &scratch.0,
        &[
            "extract",
            "--format",
            "jsonl",
            "a.txt",
            "removed.txt",
            "dangling.txt",
            "c.txt",
        ],
    );
    assert_eq!(status, 2, "{err}");
    assert!(err.contains("removed.txt"), "{err}");
    assert!(err.contains("dangling.txt"), "{err}");
    assert_eq!(err.lines().count(), 2, "one message each: {err}");
    assert_eq!(jsonl_paths(&out), ["a.txt", "c.txt"]);
    // Found while walking a folder, a dangling link is no article: skipped without a word, as
    // a link to a folder's file that is gone is not a file to check.
    scratch.write("news/a.txt", CLI_GOOD);
    std::os::unix::fs::symlink("gone.txt", scratch.0.join("news/b.txt")).expect("symlink");
    let (status, out, err) = run_cli(&scratch.0, &["extract", "--format", "jsonl", "news"]);
    assert_eq!(status, 0, "{err}");
    assert_eq!(jsonl_paths(&out), ["news/a.txt"]);
}

#[test]
fn a_file_name_that_is_not_utf8_is_still_read() {
    use std::os::unix::ffi::OsStrExt;
    let scratch = Scratch::new("non-utf8-name");
    scratch.write("news/a.txt", CLI_GOOD);
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    std::fs::write(scratch.0.join("news").join(name), CLI_GOOD).expect("write");
    let (status, out, err) = run_cli(&scratch.0, &["extract", "--format", "jsonl", "news"]);
    assert_eq!(status, 0, "{err}");
    let paths = jsonl_paths(&out);
    assert_eq!(paths.len(), 2, "{out}");
    assert!(
        paths.iter().any(|path| path.starts_with("news/caf")),
        "{paths:?}"
    );
}
