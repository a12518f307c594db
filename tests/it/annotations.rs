//! Annotations end to end: code actions applied through the server (the edit sent back as a
//! `didChange`, as an editor does), the workspace file read by the server and the command line.

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::{Value, json};

use crate::lsp::client::TestClient;

fn start() -> TestClient {
    TestClient::start(env!("CARGO_BIN_EXE_newsls"))
}

fn capabilities() -> Value {
    json!({
        "general": {"positionEncodings": ["utf-16"]},
        "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}},
        "textDocument": {
            "documentSymbol": {"hierarchicalDocumentSymbolSupport": true},
            "publishDiagnostics": {"versionSupport": true}
        }
    })
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .filter_map(|diagnostic| diagnostic["code"].as_str().map(str::to_owned))
        .collect()
}

/// The byte offset of a UTF-16 position in `text`.
fn offset(text: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().unwrap_or(0);
    let column = position["character"].as_u64().unwrap_or(0);
    let mut line_start = 0;
    for _ in 0..line {
        line_start += text[line_start..]
            .find('\n')
            .map_or(text.len() - line_start, |newline| newline + 1);
    }
    let mut units = 0;
    for (index, ch) in text[line_start..].char_indices() {
        if units >= column || ch == '\n' {
            return line_start + index;
        }
        units += ch.len_utf16() as u64;
    }
    text.len()
}

/// Applies the single edit of `action` as an editor would: locally, and as a `didChange`.
fn apply(client: &mut TestClient, uri: &str, version: i64, text: &str, action: &Value) -> String {
    let edits = action["edit"]["changes"][uri]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(edits.len(), 1, "one minimal edit: {action}");
    let edit = &edits[0];
    let start = offset(text, &edit["range"]["start"]);
    let end = offset(text, &edit["range"]["end"]);
    let new_text = edit["newText"].as_str().unwrap_or("");
    let mut out = text.to_owned();
    out.replace_range(start..end, new_text);
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": edit["range"], "text": new_text}]
        }),
    );
    out
}

fn code_actions(client: &mut TestClient, uri: &str, line: u32, character: u32) -> Vec<Value> {
    client
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": uri},
                "range": {"start": {"line": line, "character": character}, "end": {"line": line, "character": character}},
                "context": {"diagnostics": []}
            }),
        )
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn titles(actions: &[Value]) -> Vec<&str> {
    actions
        .iter()
        .filter_map(|action| action["title"].as_str())
        .collect()
}

fn hover(client: &mut TestClient, uri: &str, line: u32, character: u32) -> String {
    client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
    )["contents"]["value"]
        .as_str()
        .unwrap_or("")
        .to_owned()
}

const ARTICLE: &str = "“We will rebuild the road by spring.”\n\nMayor Ann Lee opened the bridge on Monday, watched by Jane Doe.\n\n“It is done,” Jane Doe said.\n";

#[test]
fn attribute_to_pins_the_speaker_and_the_warning_goes() {
    let mut client = start();
    client.initialize(capabilities());
    let uri = "file:///article.txt";
    client.open(uri, "plaintext", 1, ARTICLE);
    assert_eq!(codes(&client.diagnostics(uri, 1)), ["unattributed-quote"]);

    let actions = code_actions(&mut client, uri, 0, 3);
    let offered = titles(&actions);
    // The article's speaker first, then the people it names.
    assert_eq!(
        offered.first(),
        Some(&"Attribute to Jane Doe"),
        "{offered:?}"
    );
    assert!(offered.contains(&"Attribute to Ann Lee"), "{offered:?}");
    let Some(action) = actions
        .iter()
        .find(|action| action["title"] == "Attribute to Ann Lee")
    else {
        panic!("{offered:?}");
    };
    let text = apply(&mut client, uri, 2, ARTICLE, action);
    // Only the annotation was added: the prose is the same, after the front matter.
    assert!(text.ends_with(ARTICLE), "{text}");
    assert!(text.starts_with("---\nnewsls:\n  speakers:\n"), "{text}");
    assert_eq!(codes(&client.diagnostics(uri, 2)), Vec::<String>::new());
    let lines_added = text.lines().count() - ARTICLE.lines().count();
    let shown = hover(&mut client, uri, lines_added as u32, 3);
    assert!(shown.contains("**Ann Lee**"), "{shown}");
    assert!(shown.contains("pinned by annotation"), "{shown}");

    // Attributing it again to somebody else updates the pin in place.
    let actions = code_actions(&mut client, uri, lines_added as u32, 3);
    let Some(action) = actions
        .iter()
        .find(|action| action["title"] == "Attribute to Jane Doe")
    else {
        panic!("{:?}", titles(&actions));
    };
    let again = apply(&mut client, uri, 3, &text, action);
    assert_eq!(again, text.replace(": Ann Lee", ": Jane Doe"));
    let shown = hover(&mut client, uri, lines_added as u32, 3);
    assert!(shown.contains("**Jane Doe**"), "{shown}");
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn ignore_in_this_paragraph_and_document_silence_the_warning_in_markdown() {
    let mut client = start();
    client.initialize(capabilities());
    let uri = "file:///article.md";
    let text = "# Bridge\n\n“Unclaimed words.”\n\n“More unclaimed words.”\n";
    client.open(uri, "markdown", 1, text);
    assert_eq!(
        codes(&client.diagnostics(uri, 1)),
        ["unattributed-quote", "unattributed-quote"]
    );
    let actions = code_actions(&mut client, uri, 2, 3);
    let Some(paragraph) = actions
        .iter()
        .find(|action| action["title"] == "Ignore unattributed-quote in this paragraph")
    else {
        panic!("{:?}", titles(&actions));
    };
    let text = apply(&mut client, uri, 2, text, paragraph);
    assert!(
        text.contains("<!-- newsls: ignore unattributed-quote -->\n“Unclaimed"),
        "{text}"
    );
    // Only the paragraph's warning is gone.
    let diagnostics = client.diagnostics(uri, 2);
    assert_eq!(codes(&diagnostics), ["unattributed-quote"]);
    assert_eq!(diagnostics[0]["range"]["start"]["line"], 5);

    let actions = code_actions(&mut client, uri, 5, 3);
    let Some(document) = actions
        .iter()
        .find(|action| action["title"] == "Ignore unattributed-quote in this document")
    else {
        panic!("{:?}", titles(&actions));
    };
    let text = apply(&mut client, uri, 3, &text, document);
    assert!(
        text.starts_with("---\nnewsls:\n  ignore: [unattributed-quote]\n---\n# Bridge"),
        "{text}"
    );
    assert_eq!(codes(&client.diagnostics(uri, 3)), Vec::<String>::new());
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn a_stale_pin_is_information_and_a_malformed_block_a_warning_on_the_block() {
    let mut client = start();
    client.initialize(capabilities());
    let uri = "file:///article.txt";
    let text = "---\nnewsls:\n  speakers:\n    \"Deleted words\": Ann Lee\n---\n“It is done,” Jane Doe said.\n";
    client.open(uri, "plaintext", 1, text);
    let diagnostics = client.diagnostics(uri, 1);
    assert_eq!(codes(&diagnostics), ["stale-annotation"]);
    assert_eq!(diagnostics[0]["severity"], 3);
    assert_eq!(diagnostics[0]["range"]["start"]["line"], 3);
    // The quick fix removes the stale pin's line, and the information goes with it.
    let actions = code_actions(&mut client, uri, 3, 6);
    let Some(remove) = actions
        .iter()
        .find(|action| action["title"] == "Remove this annotation")
    else {
        panic!("{:?}", titles(&actions));
    };
    let removed = apply(&mut client, uri, 2, text, remove);
    assert_eq!(
        removed,
        text.replace("    \"Deleted words\": Ann Lee\n", "")
    );
    assert_eq!(codes(&client.diagnostics(uri, 2)), Vec::<String>::new());
    // Put it back, to break the block next.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": text}]}),
    );
    assert_eq!(codes(&client.diagnostics(uri, 3)), ["stale-annotation"]);

    client.edit(uri, 4, [[2, 11], [2, 11]], " [");
    let diagnostics = client.diagnostics(uri, 4);
    assert_eq!(codes(&diagnostics), ["malformed-annotation"]);
    assert_eq!(diagnostics[0]["severity"], 2);
    assert_eq!(diagnostics[0]["range"]["start"]["line"], 2);
    // The article is still analysed.
    let shown = hover(&mut client, uri, 5, 3);
    assert!(shown.contains("**Jane Doe**"), "{shown}");
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

/// A folder under the system's temporary folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "newsls-annotations-test-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(path.join("articles")).expect("create a temporary folder");
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const WORKSPACE_FILE: &str =
    "ignore = [\"unattributed-quote\"]\n\n[aliases]\n\"Robert Smith\" = [\"Bobby Smith\"]\n";
const SMITH: &str =
    "“Unclaimed.”\n\nRobert Smith arrived in Leeds.\n\n“We will not yield,” Bobby Smith said.\n";

#[test]
fn the_server_reads_the_workspace_file_of_its_folder() {
    let dir = TempDir::new();
    std::fs::write(dir.0.join("newsls.toml"), WORKSPACE_FILE).expect("write newsls.toml");
    let Some(root) = tower_lsp_server::ls_types::Uri::from_file_path(&dir.0) else {
        panic!("a file URI for {}", dir.0.display());
    };
    let root = root.as_str().to_owned();
    let mut client = start();
    client.request(
        "initialize",
        json!({"processId": null, "rootUri": root, "workspaceFolders": [{"uri": root, "name": "news"}], "capabilities": capabilities()}),
    );
    client.notify("initialized", json!({}));
    // The server asks to watch the workspace files; the test client answers every request.
    let uri = format!("{root}/articles/smith.txt");
    client.open(&uri, "plaintext", 1, SMITH);
    assert_eq!(codes(&client.diagnostics(&uri, 1)), Vec::<String>::new());
    let shown = hover(&mut client, &uri, 4, 3);
    assert!(shown.contains("**Robert Smith**"), "{shown}");

    // The server watches the file: a change reaches the open documents.
    std::fs::write(
        dir.0.join("newsls.toml"),
        "[aliases]\n\"Robert Smith\" = \"Bobby Smith\"\n",
    )
    .expect("rewrite newsls.toml");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": format!("{root}/newsls.toml"), "type": 2}]}),
    );
    // The workspace index pass may publish version 1 again with the old settings meanwhile.
    let reread = client.diagnostics_where(&uri, 1, |items| !items.is_empty());
    assert_eq!(codes(&reread), ["unattributed-quote"]);

    // A document outside the folder does not get its settings.
    client.open("file:///elsewhere/smith.txt", "plaintext", 1, SMITH);
    assert_eq!(
        codes(&client.diagnostics("file:///elsewhere/smith.txt", 1)),
        ["unattributed-quote"]
    );
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

fn newsls(dir: &std::path::Path, arguments: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_newsls"))
        .args(arguments)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run newsls");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn the_cli_finds_newsls_toml_upward_or_takes_config() {
    let dir = TempDir::new();
    std::fs::write(dir.0.join("articles/smith.txt"), SMITH).expect("write the article");

    // No workspace file: the unattributed quotation is a warning.
    let (_, stdout, _) = newsls(&dir.0, &["check", "articles/smith.txt"]);
    assert!(stdout.contains("unattributed-quote"), "{stdout}");

    // --config names a file anywhere.
    std::fs::write(dir.0.join("shared.toml"), WORKSPACE_FILE).expect("write shared.toml");
    let (_, stdout, _) = newsls(
        &dir.0,
        &["check", "--config", "shared.toml", "articles/smith.txt"],
    );
    assert!(!stdout.contains("unattributed-quote"), "{stdout}");

    // newsls.toml in a folder above the article is found.
    std::fs::write(dir.0.join("newsls.toml"), WORKSPACE_FILE).expect("write newsls.toml");
    let (_, stdout, _) = newsls(&dir.0.join("articles"), &["extract", "smith.txt"]);
    assert!(stdout.contains("\"Robert Smith\""), "{stdout}");
    assert!(!stdout.contains("\"speaker\":\"Bobby Smith\""), "{stdout}");

    // A broken workspace file is an error naming it; the exit status says trouble.
    std::fs::write(dir.0.join("newsls.toml"), "ignore = [\"no-such-check\"]\n").expect("write");
    let (status, _, stderr) = newsls(&dir.0, &["check", "articles/smith.txt"]);
    assert_eq!(status, 2, "{stderr}");
    assert!(
        stderr.contains("newsls.toml") && stderr.contains("no-such-check"),
        "{stderr}"
    );
}

#[test]
fn extract_reports_a_pinned_speaker_with_the_annotation_rule() {
    let dir = TempDir::new();
    let article = "---\nnewsls:\n  speakers:\n    \"Unclaimed\": Robert Smith\n---\n“Unclaimed.”\n";
    std::fs::write(dir.0.join("articles/pinned.txt"), article).expect("write the article");
    let (status, stdout, stderr) = newsls(&dir.0, &["extract", "articles/pinned.txt"]);
    assert_eq!(status, 0, "{stderr}");
    assert!(stdout.contains("\"speaker\":\"Robert Smith\""), "{stdout}");
    assert!(stdout.contains("\"rule\":\"annotation\""), "{stdout}");
}
