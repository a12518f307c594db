//! The language server end to end: the built binary over stdio, and the document store in
//! process.
//!
//! Expectations are about the plumbing (encodings, ranges, versions, ordering) or hold whatever
//! the engine finds (every quote in a text of plain “…” quotes with no speaker, an unclosed mark).

pub(crate) mod client;
mod store;

use expect_test::expect_file;
use serde_json::{Value, json};

use client::TestClient;

const SAMPLE: &str = include_str!("../../seeds/000_2c8c7d61181d0d35.txt");
const SAMPLE_URI: &str = "file:///articles/sample.txt";

fn start() -> TestClient {
    TestClient::start(env!("CARGO_BIN_EXE_newsls"))
}

/// Capabilities of a modern client offering `encodings`.
fn capabilities(encodings: &[&str]) -> Value {
    json!({
        "general": {"positionEncodings": encodings},
        "textDocument": {
            "documentSymbol": {"hierarchicalDocumentSymbolSupport": true},
            "publishDiagnostics": {"relatedInformation": true, "versionSupport": true}
        }
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16 => "utf-16",
        }
    }

    /// The length of `text` in this encoding's units, computed here independently of the server.
    fn len(self, text: &str) -> u32 {
        let units = match self {
            Encoding::Utf8 => text.len(),
            Encoding::Utf16 => text.encode_utf16().count(),
        };
        u32::try_from(units).unwrap_or(u32::MAX)
    }
}

fn position(value: &Value) -> (u64, u64) {
    (
        value["line"].as_u64().unwrap_or(u64::MAX),
        value["character"].as_u64().unwrap_or(u64::MAX),
    )
}

fn range(value: &Value) -> ((u64, u64), (u64, u64)) {
    (position(&value["start"]), position(&value["end"]))
}

/// Checks that every symbol's selection lies in its range and every child in its parent.
fn assert_nested(symbols: &[Value], parent: Option<((u64, u64), (u64, u64))>) {
    for symbol in symbols {
        let (start, end) = range(&symbol["range"]);
        let (selection_start, selection_end) = range(&symbol["selectionRange"]);
        assert!(start <= end, "range in order: {symbol}");
        assert!(
            start <= selection_start && selection_end <= end,
            "selection inside range: {symbol}"
        );
        assert!(
            !symbol["name"].as_str().unwrap_or("").is_empty(),
            "a name: {symbol}"
        );
        if let Some((parent_start, parent_end)) = parent {
            assert!(
                parent_start <= start && end <= parent_end,
                "child inside parent: {symbol}"
            );
        }
        if let Some(children) = symbol["children"].as_array() {
            assert_nested(children, Some((start, end)));
        }
    }
}

/// Every symbol, depth first.
fn all_symbols(symbols: &[Value], out: &mut Vec<Value>) {
    for symbol in symbols {
        out.push(symbol.clone());
        if let Some(children) = symbol["children"].as_array() {
            all_symbols(children, out);
        }
    }
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|diagnostic| diagnostic["code"].as_str().unwrap_or("").to_owned())
        .collect()
}

/// The whole session of issue 3 in one encoding: initialize, open the sample, edit it
/// incrementally after emoji and CJK, read outline, hover, diagnostics and definition, shut down.
fn session(encoding: Encoding) {
    let mut client = start();
    let result = client.initialize(capabilities(&[encoding.name(), "utf-16"]));
    assert_eq!(result["capabilities"]["positionEncoding"], encoding.name());
    assert_eq!(result["serverInfo"]["name"], "newsls");

    client.open(SAMPLE_URI, "plaintext", 1, SAMPLE);
    let first = client.diagnostics(SAMPLE_URI, 1);
    for diagnostic in &first {
        assert_eq!(diagnostic["source"], "newsls");
        assert!(
            ["unattributed-quote", "unbalanced-quote-mark"]
                .contains(&diagnostic["code"].as_str().unwrap_or("")),
            "a known code: {diagnostic}"
        );
    }

    // Version 2: a first line with emoji and CJK and a quotation nobody says.
    let prefix = "😀 日本語 “Hello there,” 🇫🇷 ";
    client.edit(SAMPLE_URI, 2, [[0, 0], [0, 0]], &format!("{prefix}\n\n"));
    let second = client.diagnostics(SAMPLE_URI, 2);
    assert_eq!(
        second.len(),
        first.len() + 1,
        "the new quotation has no speaker"
    );
    // Version 3: an opening mark never closed, typed after the emoji (so columns differ by
    // encoding).
    let column = encoding.len(prefix);
    client.edit(SAMPLE_URI, 3, [[0, column], [0, column]], "“Unclosed");
    let third = client.diagnostics(SAMPLE_URI, 3);
    let unclosed: Vec<&Value> = third
        .iter()
        .filter(|diagnostic| diagnostic["code"] == "unbalanced-quote-mark")
        .filter(|diagnostic| diagnostic["range"]["start"]["line"] == 0)
        .collect();
    assert_eq!(unclosed.len(), 1, "one unclosed mark on line 0: {third:?}");
    assert_eq!(
        range(&unclosed[0]["range"]),
        (
            (0, u64::from(column)),
            (0, u64::from(column + encoding.len("“")))
        )
    );
    assert_eq!(unclosed[0]["severity"], 1, "an error");

    // The outline: valid nesting, and the new quotation with its content selected.
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": SAMPLE_URI}}),
    );
    let symbols = symbols.as_array().cloned().unwrap_or_default();
    assert!(!symbols.is_empty());
    assert_nested(&symbols, None);
    let mut flat = Vec::new();
    all_symbols(&symbols, &mut flat);
    let hello = flat
        .iter()
        .find(|symbol| {
            symbol["name"]
                .as_str()
                .unwrap_or("")
                .starts_with("Hello there")
        })
        .unwrap_or_else(|| panic!("the new quote in the outline: {symbols:?}"));
    let hello_column = encoding.len("😀 日本語 “");
    assert_eq!(
        position(&hello["selectionRange"]["start"]),
        (0, u64::from(hello_column))
    );

    // Hover on that quotation: it has no speaker, and the range is the quotation's.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": SAMPLE_URI}, "position": {"line": 0, "character": hello_column + 2}}),
    );
    let opening = encoding.len("😀 日本語 ");
    assert_eq!(position(&hover["range"]["start"]), (0, u64::from(opening)));
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap_or("")
            .contains("No speaker"),
        "{hover}"
    );

    // Definition: from a quotation with no speaker there is nowhere to go; from any quotation
    // of the sample there is either a speaker's name to go to or, when no speaker was found,
    // nothing.
    let definition = client.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": SAMPLE_URI}, "position": {"line": 0, "character": hello_column + 2}}),
    );
    assert_eq!(definition, Value::Null);
    let current = format!("{prefix}“Unclosed\n\n{SAMPLE}");
    let quote_line = current
        .lines()
        .position(|line| line.starts_with('“'))
        .unwrap_or_default();
    let definition = client.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": SAMPLE_URI}, "position": {"line": quote_line, "character": 3}}),
    );
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": SAMPLE_URI}, "position": {"line": quote_line, "character": 3}}),
    );
    let hover_text = hover["contents"]["value"].as_str().unwrap_or("").to_owned();
    if definition.is_null() {
        assert!(hover_text.contains("No speaker"), "{hover_text}");
    } else {
        assert_eq!(definition["uri"], SAMPLE_URI);
        let ((start_line, _), (end_line, _)) = range(&definition["range"]);
        assert!(start_line <= end_line);
    }

    let status = client.shutdown_and_exit();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn a_utf16_session_opens_edits_and_reads_the_sample() {
    session(Encoding::Utf16);
}

#[test]
fn a_utf8_session_opens_edits_and_reads_the_sample() {
    session(Encoding::Utf8);
}

#[test]
fn utf32_is_accepted_when_it_is_all_a_client_offers() {
    let mut client = start();
    let result = client.initialize(capabilities(&["utf-32"]));
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-32");
    client.open("file:///a.txt", "plaintext", 1, "😀 “Unclosed\n");
    let diagnostics = client.diagnostics("file:///a.txt", 1);
    assert_eq!(range(&diagnostics[0]["range"]), ((0, 2), (0, 3)));
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn exit_without_shutdown_is_exit_code_1() {
    let mut client = start();
    client.initialize(capabilities(&["utf-16"]));
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_exit().code(), Some(1));
}

/// Renders the outline as an indented tree with ranges, for the snapshot.
fn render_outline(symbols: &[Value], depth: usize, out: &mut String) {
    for symbol in symbols {
        let ((start_line, start_column), (end_line, end_column)) = range(&symbol["range"]);
        let detail = symbol["detail"]
            .as_str()
            .map(|detail| format!(" — {detail}"))
            .unwrap_or_default();
        out.push_str(&format!(
            "{}{}{detail} [{start_line}:{start_column}-{end_line}:{end_column}]\n",
            "  ".repeat(depth),
            symbol["name"].as_str().unwrap_or("?"),
        ));
        if let Some(children) = symbol["children"].as_array() {
            render_outline(children, depth + 1, out);
        }
    }
}

#[test]
fn the_sample_outline_snapshot() {
    let mut client = start();
    client.initialize(capabilities(&["utf-16"]));
    client.open(SAMPLE_URI, "plaintext", 1, SAMPLE);
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": SAMPLE_URI}}),
    );
    let symbols = symbols.as_array().cloned().unwrap_or_default();
    assert_nested(&symbols, None);
    let mut rendered = String::new();
    render_outline(&symbols, 0, &mut rendered);
    expect_file!["lsp/sample_outline.txt"].assert_eq(&rendered);
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn a_client_without_hierarchy_gets_a_flat_list() {
    let mut client = start();
    client.initialize(json!({}));
    client.open("file:///a.txt", "plaintext", 1, "“One,” and “two.”\n");
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": "file:///a.txt"}}),
    );
    let symbols = symbols.as_array().cloned().unwrap_or_default();
    let names: Vec<&str> = symbols
        .iter()
        .map(|symbol| symbol["name"].as_str().unwrap_or(""))
        .collect();
    assert!(names.contains(&"One,"), "{names:?}");
    assert!(names.contains(&"two."), "{names:?}");
    for symbol in &symbols {
        assert_eq!(symbol["location"]["uri"], "file:///a.txt");
        assert!(symbol.get("children").is_none());
    }
    let quote = symbols
        .iter()
        .find(|symbol| symbol["name"] == "two.")
        .cloned()
        .unwrap_or_default();
    assert!(quote["containerName"].is_string(), "{quote}");
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn a_burst_of_edits_then_a_request_sees_the_last_edit_and_diagnostics_never_go_back() {
    let mut client = start();
    client.initialize(capabilities(&["utf-16"]));
    let uri = "file:///burst.txt";
    client.open(uri, "plaintext", 1, "");
    let edits = 200;
    for number in 1..=edits {
        let line = number - 1;
        client.edit(
            uri,
            i64::from(number) + 1,
            [[line, 0], [line, 0]],
            &format!("“Quote number {number}.”\n"),
        );
    }
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let mut flat = Vec::new();
    all_symbols(symbols.as_array().map_or(&[][..], Vec::as_slice), &mut flat);
    let quotes = flat
        .iter()
        .filter(|symbol| {
            symbol["name"]
                .as_str()
                .unwrap_or("")
                .starts_with("Quote number")
        })
        .count();
    assert_eq!(quotes, edits as usize, "every edit is in the outline");
    assert!(
        flat.iter()
            .any(|symbol| symbol["name"] == format!("Quote number {edits}.")),
        "the last edit is in the outline"
    );
    // The last version's diagnostics arrive, and no publication ever goes back in version.
    let last_version = i64::from(edits) + 1;
    let last = client.diagnostics(uri, last_version);
    assert_eq!(codes(&last).len(), edits as usize);
    let mut published = client.drain_diagnostics();
    published.push(json!({"version": last_version}));
    let versions: Vec<i64> = published
        .iter()
        .filter_map(|params| params["version"].as_i64())
        .collect();
    assert!(
        versions.windows(2).all(|pair| pair[0] < pair[1]),
        "{versions:?}"
    );
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn closing_a_document_clears_its_diagnostics() {
    let mut client = start();
    client.initialize(capabilities(&["utf-16"]));
    client.open("file:///a.txt", "plaintext", 1, "“Unclosed\n");
    assert_eq!(client.diagnostics("file:///a.txt", 1).len(), 1);
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": "file:///a.txt"}}),
    );
    let cleared = client.notification("textDocument/publishDiagnostics", |params| {
        params["uri"] == "file:///a.txt" && params["diagnostics"] == json!([])
    });
    assert!(cleared.get("version").is_none_or(Value::is_null));
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn settings_turn_a_check_off_and_change_a_severity() {
    let mut client = start();
    let mut capabilities = capabilities(&["utf-16"]);
    capabilities["workspace"] = json!({"configuration": true});
    client.initialize(capabilities);
    let uri = "file:///a.txt";
    client.open(uri, "plaintext", 1, "“Said by nobody.”\n\n“Unclosed\n");
    let before = client.diagnostics(uri, 1);
    assert_eq!(
        codes(&before),
        ["unattributed-quote", "unbalanced-quote-mark"]
    );
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"newsls": {"diagnostics": {"severity": {
            "unattributed-quote": "off",
            "unbalanced-quote-mark": "warning"
        }}}}}),
    );
    let after = client.diagnostics(uri, 1);
    assert_eq!(codes(&after), ["unbalanced-quote-mark"]);
    assert_eq!(after[0]["severity"], 2);
    // A client that sends null is asked for the section, and diagnostics are published again.
    client.configuration = json!({"diagnostics": {"enable": false}});
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    assert_eq!(client.diagnostics(uri, 1), Vec::<Value>::new());
    client.edit(uri, 2, [[0, 0], [0, 0]], " ");
    assert_eq!(client.diagnostics(uri, 2), Vec::<Value>::new());
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn pull_diagnostics_when_the_client_supports_them() {
    let mut client = start();
    let result = client.initialize(json!({"textDocument": {"diagnostic": {}}}));
    assert_eq!(
        result["capabilities"]["diagnosticProvider"]["identifier"],
        "newsls"
    );
    client.open("file:///a.txt", "plaintext", 1, "“Unclosed\n");
    let report = client.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": "file:///a.txt"}}),
    );
    assert_eq!(report["kind"], "full");
    assert_eq!(
        codes(report["items"].as_array().map_or(&[][..], Vec::as_slice)),
        ["unbalanced-quote-mark"]
    );
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

/// Applies the edits of a code action's workspace edit to `text` (UTF-16 columns, one line).
fn apply_single_line_edits(text: &str, action: &Value, uri: &str) -> String {
    let mut edits: Vec<(usize, usize, String)> = action["edit"]["changes"][uri]
        .as_array()
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .map(|edit| {
            let ((_, start), (_, end)) = range(&edit["range"]);
            let to_byte = |column: u64| {
                let mut units = 0;
                for (offset, ch) in text.char_indices() {
                    if units >= column {
                        return offset;
                    }
                    units += ch.len_utf16() as u64;
                }
                text.len()
            };
            (
                to_byte(start),
                to_byte(end),
                edit["newText"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    edits.sort_by_key(|edit| std::cmp::Reverse(edit.0));
    let mut out = text.to_owned();
    for (start, end, new_text) in edits {
        out.replace_range(start..end, &new_text);
    }
    out
}

#[test]
fn code_actions_make_quotes_typographic_and_close_an_unclosed_mark() {
    let mut client = start();
    client.initialize(capabilities(&["utf-16"]));
    let uri = "file:///a.txt";
    let text = "😀 He said \"it's fine\" today.";
    client.open(uri, "plaintext", 1, text);
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 40}}, "context": {"diagnostics": []}}),
    );
    let actions = actions.as_array().cloned().unwrap_or_default();
    let in_selection = actions
        .iter()
        .find(|action| action["kind"] == "refactor.rewrite")
        .unwrap_or_else(|| panic!("a rewrite: {actions:?}"));
    assert_eq!(
        apply_single_line_edits(text, in_selection, uri),
        "😀 He said “it’s fine” today."
    );

    let text = "“We will rebuild, the mayor said.";
    client.open(uri, "plaintext", 1, text);
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": [], "only": ["quickfix"]}}),
    );
    let actions = actions.as_array().cloned().unwrap_or_default();
    // The fix comes first; the annotation actions (ignore the check) follow it.
    let titles: Vec<&str> = actions
        .iter()
        .filter_map(|action| action["title"].as_str())
        .collect();
    assert_eq!(
        titles,
        [
            "Insert the missing closing mark ”",
            "Ignore unbalanced-quote-mark in this paragraph",
            "Ignore unbalanced-quote-mark in this document"
        ],
        "{actions:?}"
    );
    assert_eq!(
        actions[0]["diagnostics"][0]["code"],
        "unbalanced-quote-mark"
    );
    assert_eq!(
        apply_single_line_edits(text, &actions[0], uri),
        "“We will rebuild, the mayor said.”"
    );
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

/// Decodes semantic tokens into absolute `(line, start, length, type)`.
fn decode_tokens(data: &[Value]) -> Vec<(u64, u64, u64, u64)> {
    let numbers: Vec<u64> = data.iter().filter_map(Value::as_u64).collect();
    let mut tokens = Vec::new();
    let (mut line, mut start) = (0, 0);
    for chunk in numbers.chunks_exact(5) {
        if chunk[0] > 0 {
            line += chunk[0];
            start = chunk[1];
        } else {
            start += chunk[1];
        }
        tokens.push((line, start, chunk[2], chunk[3]));
    }
    tokens
}

#[test]
fn semantic_tokens_and_folding_split_a_quotation_over_lines() {
    let mut client = start();
    client.initialize(capabilities(&["utf-16"]));
    let uri = "file:///a.txt";
    // One paragraph, two lines: the quotation runs over the line break.
    let text = "😀 “it runs on\nover two lines” and “ends here.”\n";
    client.open(uri, "plaintext", 1, text);
    let tokens = client.request(
        "textDocument/semanticTokens/full",
        json!({"textDocument": {"uri": uri}}),
    );
    let tokens = decode_tokens(tokens["data"].as_array().map_or(&[][..], Vec::as_slice));
    let strings: Vec<(u64, u64, u64)> = tokens
        .iter()
        .filter(|token| token.3 == 0)
        .map(|token| (token.0, token.1, token.2))
        .collect();
    let second_line = "over two lines”";
    let third_start = "over two lines” and ".encode_utf16().count() as u64;
    assert_eq!(
        strings,
        [
            (0, 3, "“it runs on".encode_utf16().count() as u64),
            (1, 0, second_line.encode_utf16().count() as u64),
            (1, third_start, "“ends here.”".encode_utf16().count() as u64),
        ]
    );
    let folds = client.request(
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": uri}}),
    );
    let folds = folds.as_array().cloned().unwrap_or_default();
    assert_eq!(folds.len(), 1, "{folds:?}");
    assert_eq!(folds[0]["startLine"], 0);
    assert_eq!(folds[0]["endLine"], 1);
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn markdown_code_is_not_prose() {
    let mut client = start();
    client.initialize(capabilities(&["utf-16"]));
    let uri = "file:///a.md";
    client.open(
        uri,
        "markdown",
        1,
        "Prose “quoted.”\n\n```\n“in code\n```\n",
    );
    let diagnostics = client.diagnostics(uri, 1);
    assert_eq!(codes(&diagnostics), ["unattributed-quote"]);
    client.open(
        "file:///a.txt",
        "plaintext",
        1,
        "Prose “quoted.”\n\n```\n“in code\n```\n",
    );
    let diagnostics = client.diagnostics("file:///a.txt", 1);
    assert_eq!(
        codes(&diagnostics),
        ["unattributed-quote", "unbalanced-quote-mark"]
    );
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn positions_out_of_range_and_unknown_documents_are_answered_not_errors() {
    let mut client = start();
    client.initialize(capabilities(&["utf-16"]));
    let uri = "file:///a.txt";
    client.open(uri, "plaintext", 1, "a😀\r\n“Quoted.”\u{2028}b\n");
    let far = json!({"line": 99_999, "character": 99_999});
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": far}),
    );
    assert_eq!(hover, Value::Null);
    // An edit whose end comes before its start, and one past the end: clamped, in order.
    client.edit(uri, 2, [[1, 9], [1, 1]], "X");
    client.edit(uri, 3, [[50, 0], [60, 3]], "!");
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": far, "end": {"line": 0, "character": 1}}, "context": {"diagnostics": []}}),
    );
    assert!(actions.is_array());
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let mut flat = Vec::new();
    all_symbols(symbols.as_array().map_or(&[][..], Vec::as_slice), &mut flat);
    assert!(
        flat.iter().all(|symbol| symbol["name"] != "Quoted."),
        "the quotation was cut by the reversed edit: {flat:?}"
    );
    for method in [
        "textDocument/documentSymbol",
        "textDocument/foldingRange",
        "textDocument/semanticTokens/full",
    ] {
        let answer = client.request(
            method,
            json!({"textDocument": {"uri": "file:///never-opened.txt"}}),
        );
        assert_eq!(answer, Value::Null, "{method}");
    }
    assert_eq!(client.diagnostics(uri, 3).len(), 1, "the mark left open");
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn outline_grouping_in_document_order_lists_quotes_at_the_top_level() {
    let mut client = start();
    client.initialize(capabilities(&["utf-16"]));
    let uri = "file:///a.txt";
    client.open(uri, "plaintext", 1, "“One.”\n\n“Two.”\n\n“Three.”\n");
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"newsls": {"outline": {"grouping": "document"}}}}),
    );
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let symbols = symbols.as_array().cloned().unwrap_or_default();
    assert_nested(&symbols, None);
    // The quotations (symbol kind String) come first; the groups that are not speakers (the
    // article's metadata lines here) follow as they were.
    let string_kind = 15;
    let names: Vec<&str> = symbols
        .iter()
        .map(|symbol| symbol["name"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(names, ["One.", "Two.", "Three.", "Article"]);
    let symbols: Vec<_> = symbols
        .into_iter()
        .filter(|symbol| symbol["kind"] == string_kind)
        .collect();
    assert_eq!(symbols.len(), 3);
    for symbol in &symbols {
        assert!(
            symbol["detail"]
                .as_str()
                .is_some_and(|detail| !detail.is_empty()),
            "each quotation says who spoke (or that nobody did): {symbol}"
        );
    }
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn a_burst_of_edits_to_a_long_article_is_analysed_far_fewer_times_than_edited() {
    let mut client = start();
    client.initialize(capabilities(&["utf-16"]));
    let uri = "file:///long.txt";
    client.open(uri, "plaintext", 1, &SAMPLE.repeat(30));
    client.diagnostics(uri, 1);
    let edits: i64 = 300;
    for version in 2..edits + 2 {
        client.edit(uri, version, [[0, 0], [0, 0]], "x");
    }
    client.diagnostics(uri, edits + 1);
    let published = client.drain_diagnostics().len() + 1;
    // Every edit applies in microseconds while an analysis of ~110 KB takes far longer, so the
    // worker skips the versions that were superseded while it worked (latest wins).
    assert!(
        published < usize::try_from(edits / 2).unwrap_or(usize::MAX),
        "{published} publications for {edits} edits"
    );
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

/// The workspace index end to end (issue 5): a folder of articles indexed at `initialize` with
/// progress, then found, referenced, counted and compared from the editor.
mod workspace_index {
    use std::path::PathBuf;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::{Duration, Instant};

    use serde_json::{Value, json};

    use super::client::TestClient;
    use super::start;

    /// A folder under the system's temporary folder, removed when dropped.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new() -> Self {
            static COUNTER: AtomicUsize = AtomicUsize::new(0);
            let path = std::env::temp_dir().join(format!(
                "newsls-index-test-{}-{}",
                std::process::id(),
                COUNTER.fetch_add(1, Ordering::Relaxed)
            ));
            let _ = std::fs::remove_dir_all(&path);
            std::fs::create_dir_all(path.join("ignored")).expect("create a temporary folder");
            TempDir(path)
        }

        fn write(&self, name: &str, text: &str) {
            std::fs::write(self.0.join(name), text).expect("write an article");
        }

        fn uri(&self, name: &str) -> String {
            let Some(uri) = tower_lsp_server::ls_types::Uri::from_file_path(self.0.join(name))
            else {
                panic!("a file URI for {name}");
            };
            uri.as_str().to_owned()
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    const LEADER: &str = "Leader speaks in Tehran\n\nTEHRAN — Ayatollah Ali Khamenei spoke in Qom on Wednesday.\n\n“A slap was delivered last night to the Americans in the region,” Ali Khamenei said.\n\n“We should not make mistake in knowing the enemy,” he added.\n";
    const SURNAME_ONLY: &str = "Iran's leader responds\n\nKhamenei addressed a crowd on Thursday.\n\n“A blow was delivered last night to the Americans in the region,” Khamenei said.\n\n“Our people will never forget this day,” he said.\n";
    const OTHER_STORY: &str = "Officials meet in Baghdad\n\nJane Doe met officials in Baghdad.\n\n“We will rebuild the bridge before the winter comes,” Jane Doe said.\n";
    const IGNORED: &str =
        "Draft\n\nJohn Roe met officials.\n\n“Nothing to see in this draft,” John Roe said.\n";

    fn workspace() -> TempDir {
        let dir = TempDir::new();
        dir.write("a.txt", LEADER);
        dir.write("b.txt", SURNAME_ONLY);
        dir.write("c.md", OTHER_STORY);
        dir.write(".gitignore", "ignored/\n");
        dir.write("ignored/d.txt", IGNORED);
        dir
    }

    /// Initializes `client` with `dir` as its one workspace folder.
    fn initialize_in_folder(client: &mut TestClient, dir: &TempDir, capabilities: Value) {
        let Some(root) = tower_lsp_server::ls_types::Uri::from_file_path(&dir.0) else {
            panic!("a file URI for the folder");
        };
        let root = root.as_str();
        client.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root,
                "workspaceFolders": [{"uri": root, "name": "news"}],
                "capabilities": capabilities
            }),
        );
    }

    fn symbols(client: &mut TestClient, query: &str) -> Vec<Value> {
        client
            .request("workspace/symbol", json!({"query": query}))
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    fn has_code(diagnostics: &[Value], code: &str) -> bool {
        diagnostics
            .iter()
            .any(|diagnostic| diagnostic["code"] == json!(code))
    }

    #[test]
    fn a_workspace_is_indexed_with_progress_and_searched_across_files() {
        let dir = workspace();
        let mut client = start();
        initialize_in_folder(
            &mut client,
            &dir,
            json!({
                "general": {"positionEncodings": ["utf-16"]},
                "window": {"workDoneProgress": true},
                "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}},
                "textDocument": {"publishDiagnostics": {"relatedInformation": true}}
            }),
        );
        client.notify("initialized", json!({}));

        // Work-done progress: begun, and ended saying how many articles were indexed (the
        // ignored folder's article is not one of them).
        client.notification("$/progress", |params| {
            params["value"]["kind"] == json!("begin")
        });
        let end = client.notification("$/progress", |params| {
            params["value"]["kind"] == json!("end")
        });
        assert_eq!(
            end["value"]["message"],
            json!("Indexed 3 articles"),
            "{end}"
        );

        // A closed file's misquote is published for it, pointing at the other file.
        let b_uri = dir.uri("b.txt");
        let a_uri = dir.uri("a.txt");
        let closed = client.notification("textDocument/publishDiagnostics", |params| {
            params["uri"] == json!(b_uri)
        });
        let closed = closed["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert!(has_code(&closed, "misquote"), "{closed:?}");
        assert_eq!(
            closed[0]["relatedInformation"][0]["location"]["uri"],
            json!(a_uri)
        );

        // Workspace symbols find a speaker in a closed file, and quotations by a word.
        let found = symbols(&mut client, "khamenei");
        let Some(first) = found.first() else {
            panic!("no symbol for khamenei");
        };
        assert_eq!(first["name"], json!("Ali Khamenei"));
        assert_eq!(first["location"]["uri"], json!(a_uri));
        assert_eq!(first["location"]["range"]["start"]["line"], json!(2));
        let found = symbols(&mut client, "slap");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0]["containerName"], json!("Ali Khamenei"));
        assert!(
            symbols(&mut client, "John Roe").is_empty(),
            "the ignored folder is not indexed"
        );

        // The open document: a misquote diagnostic with related information at the other file.
        // (The first publication of version 1 comes before the workspace pass; the misquote
        // comes with a second one, see the test below.)
        client.open(&a_uri, "plaintext", 1, LEADER);
        let published = client.diagnostics_where(&a_uri, 1, |items| has_code(items, "misquote"));
        let Some(misquote) = published
            .iter()
            .find(|diagnostic| diagnostic["code"] == json!("misquote"))
        else {
            panic!("no misquote diagnostic in {published:?}");
        };
        assert_eq!(misquote["severity"], json!(3), "information");
        assert_eq!(misquote["range"]["start"]["line"], json!(4));
        assert!(
            misquote["message"]
                .as_str()
                .is_some_and(|message| message.contains("“slap” → “blow”")),
            "{misquote}"
        );
        assert_eq!(
            misquote["relatedInformation"][0]["location"]["uri"],
            json!(b_uri)
        );
        assert_eq!(
            misquote["relatedInformation"][0]["location"]["range"]["start"]["line"],
            json!(4)
        );

        // References of the speaker include the other file's mentions and quotations.
        let line = LEADER.lines().nth(2).unwrap_or("");
        let column = line
            .find("Khamenei")
            .map_or(0, |at| line[..at].encode_utf16().count());
        let references = client.request(
            "textDocument/references",
            json!({
                "textDocument": {"uri": a_uri},
                "position": {"line": 2, "character": column},
                "context": {"includeDeclaration": true}
            }),
        );
        let references = references.as_array().cloned().unwrap_or_default();
        let in_b = references
            .iter()
            .filter(|location| location["uri"] == json!(b_uri))
            .count();
        assert_eq!(
            in_b, 4,
            "two mentions and two quotations in b.txt: {references:?}"
        );
        assert!(
            references
                .iter()
                .any(|location| location["uri"] == json!(a_uri))
        );

        // The hover counts the workspace; the code lens too.
        let hover = client.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": a_uri}, "position": {"line": 2, "character": column}}),
        );
        let shown = hover["contents"]["value"].as_str().unwrap_or("");
        assert!(
            shown.contains("In the workspace: 4 quotes in 2 articles"),
            "{shown}"
        );
        let lenses = client.request(
            "textDocument/codeLens",
            json!({"textDocument": {"uri": a_uri}}),
        );
        let titles: Vec<&str> = lenses
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|lens| lens["command"]["title"].as_str())
            .collect();
        assert_eq!(titles, ["2 quotes here · 4 in the workspace"]);

        // A file created on disk is found once the client reports it.
        dir.write(
            "e.txt",
            "Jane Doe spoke again.\n\n“The pomegranate harvest was the best in years,” Jane Doe said.\n",
        );
        client.notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": dir.uri("e.txt"), "type": 1}]}),
        );
        let deadline = Instant::now() + Duration::from_secs(10);
        let found = loop {
            let found = symbols(&mut client, "pomegranate");
            if !found.is_empty() || Instant::now() > deadline {
                break found;
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        assert_eq!(found.len(), 1, "the new file's quotation is found");
        assert_eq!(found[0]["location"]["uri"], json!(dir.uri("e.txt")));

        // And a deleted one is forgotten.
        std::fs::remove_file(dir.0.join("c.md")).expect("remove an article");
        client.notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": dir.uri("c.md"), "type": 3}]}),
        );
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let found = symbols(&mut client, "winter");
            if found.is_empty() {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "c.md is still indexed: {found:?}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        assert_eq!(client.shutdown_and_exit().code(), Some(0));
    }

    /// The misquote line of `items`, if there is a misquote.
    fn misquote_line(items: &[Value]) -> Option<u64> {
        items
            .iter()
            .find(|diagnostic| diagnostic["code"] == json!("misquote"))
            .and_then(|diagnostic| diagnostic["range"]["start"]["line"].as_u64())
    }

    /// Issue 3's speed: a version's diagnostics are published as soon as it is analysed,
    /// without waiting for the workspace index, and the index's misquotes follow.
    #[test]
    fn diagnostics_come_before_the_workspace_pass_and_misquotes_follow_for_the_same_version() {
        let dir = workspace();
        let (a_uri, b_uri) = (dir.uri("a.txt"), dir.uri("b.txt"));
        let mut client = start();
        initialize_in_folder(
            &mut client,
            &dir,
            json!({"general": {"positionEncodings": ["utf-16"]}}),
        );
        client.notify("initialized", json!({}));
        // Indexing is done once the closed b.txt gets its misquote.
        client.notification("textDocument/publishDiagnostics", |params| {
            params["uri"] == json!(b_uri)
                && params["diagnostics"]
                    .as_array()
                    .is_some_and(|items| has_code(items, "misquote"))
        });

        // The first publication of a newly opened document comes before its workspace pass
        // (which waits for the document to be quiet): no misquote yet. Then the same version
        // again, with the misquote.
        client.open(&a_uri, "plaintext", 1, LEADER);
        let first = client.diagnostics(&a_uri, 1);
        assert_eq!(misquote_line(&first), None, "{first:?}");
        let second = client.diagnostics(&a_uri, 1);
        assert_eq!(misquote_line(&second), Some(4), "{second:?}");

        // An edit above the quotation: the first publication of the new version already has
        // the misquote, moved with its quotation, without waiting for the index.
        client.edit(&a_uri, 2, [[0, 0], [0, 0]], "Update\n");
        let moved = client.diagnostics(&a_uri, 2);
        assert_eq!(misquote_line(&moved), Some(5), "{moved:?}");

        // b.txt opened: its own misquote comes after its first publication.
        client.open(&b_uri, "plaintext", 1, SURNAME_ONLY);
        client.diagnostics_where(&b_uri, 1, |items| has_code(items, "misquote"));
        // b.txt now quotes a.txt word for word (“blow” → “slap”, line 4, columns 3 to 7):
        // its misquote is gone at once (its quotation's words changed), and a.txt, which was
        // not edited, is published again without its misquote once b.txt's pass has updated
        // the index.
        client.edit(&b_uri, 2, [[4, 3], [4, 7]], "slap");
        let edited = client.diagnostics(&b_uri, 2);
        assert_eq!(misquote_line(&edited), None, "{edited:?}");
        client.diagnostics_where(&a_uri, 2, |items| misquote_line(items).is_none());

        // No publication ever went back in version, for either document.
        let mut last_versions: std::collections::HashMap<String, i64> = Default::default();
        for params in client.drain_diagnostics() {
            let (Some(uri), Some(version)) = (params["uri"].as_str(), params["version"].as_i64())
            else {
                continue;
            };
            let last = last_versions.entry(uri.to_owned()).or_insert(version);
            assert!(*last <= version, "{uri}: version {version} after {last}");
            *last = version;
        }
        assert_eq!(client.shutdown_and_exit().code(), Some(0));
    }

    /// With pull diagnostics, the misquotes the workspace pass finds are in the reports asked
    /// for after it.
    #[test]
    fn pulled_diagnostics_get_the_misquotes_of_the_workspace_pass() {
        let dir = workspace();
        let a_uri = dir.uri("a.txt");
        let mut client = start();
        initialize_in_folder(
            &mut client,
            &dir,
            json!({
                "general": {"positionEncodings": ["utf-16"]},
                "window": {"workDoneProgress": true},
                "textDocument": {"diagnostic": {}},
                "workspace": {"diagnostics": {"refreshSupport": true}}
            }),
        );
        client.notify("initialized", json!({}));
        client.notification("$/progress", |params| {
            params["value"]["kind"] == json!("end")
        });
        client.open(&a_uri, "plaintext", 1, LEADER);
        let deadline = Instant::now() + Duration::from_secs(10);
        let items = loop {
            let report = client.request(
                "textDocument/diagnostic",
                json!({"textDocument": {"uri": a_uri}}),
            );
            let items = report["items"].as_array().cloned().unwrap_or_default();
            if has_code(&items, "misquote") || Instant::now() > deadline {
                break items;
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        assert_eq!(misquote_line(&items), Some(4), "{items:?}");
        // Pushed diagnostics are for clients that do not pull.
        assert!(
            client
                .drain_diagnostics()
                .iter()
                .all(|params| params["uri"] != json!(a_uri)),
            "a.txt's diagnostics were pushed to a client that pulls them"
        );
        assert_eq!(client.shutdown_and_exit().code(), Some(0));
    }
}
