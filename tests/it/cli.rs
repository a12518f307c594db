//! The command line end to end: the built `newsls` binary run on temporary files, checking what
//! it prints, where (stdout or stderr), and its exit status.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

/// A quotation no rule can attribute: there is nobody in the text to have said it.
const UNATTRIBUTED: &str = "“Nothing is certain.”\n";

/// Prose with no quotation mark at all: nothing to flag.
const CLEAN: &str = "The council met on Tuesday. The budget passed.\n";

/// An opening mark that is never closed: an error.
const UNBALANCED: &str = "The mayor said “we will rebuild.\n";

/// A folder under the system's temporary folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "newsls-cli-test-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("create a temporary folder");
        TempDir(path)
    }

    fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create a folder");
        }
        std::fs::write(&path, contents).expect("write a temporary file");
        path
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `newsls` with `arguments` in `dir`, feeding `stdin`, with no colour from the
/// environment.
fn run_in(dir: &Path, arguments: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsls"))
        .args(arguments)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start newsls");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait for newsls")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

fn status(output: &Output) -> i32 {
    output.status.code().expect("newsls exited normally")
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

#[test]
fn help_and_version_print_to_stdout_and_succeed() {
    let dir = TempDir::new();
    let help = run_in(dir.path(), &["--help"], "");
    assert_eq!(status(&help), 0);
    assert!(stdout(&help).contains("Usage: newsls <COMMAND>"));
    for command in ["show", "extract", "check", "quotes"] {
        let help = run_in(dir.path(), &[command, "--help"], "");
        assert_eq!(status(&help), 0, "{command} --help");
        assert!(
            stdout(&help).contains(&format!("Usage: newsls {command}")),
            "{command} --help: {}",
            stdout(&help)
        );
        let same = run_in(dir.path(), &["help", command], "");
        assert_eq!(stdout(&same), stdout(&help));
    }
    let version = run_in(dir.path(), &["--version"], "");
    assert_eq!(status(&version), 0);
    assert_eq!(
        stdout(&version),
        format!("newsls {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn a_usage_error_exits_2_with_the_usage_on_stderr() {
    let dir = TempDir::new();
    for arguments in [
        &["extract", "--format", "xml", "a.txt"][..],
        &["check", "--frobnicate", "a.txt"],
        &["check"],
        &["frobnicate"],
    ] {
        let output = run_in(dir.path(), arguments, "");
        assert_eq!(status(&output), 2, "{arguments:?}");
        assert!(stdout(&output).is_empty(), "{arguments:?}");
        assert!(stderr(&output).contains("Usage: newsls"), "{arguments:?}");
    }
}

#[test]
fn a_file_given_without_a_command_gets_a_hint() {
    let dir = TempDir::new();
    dir.write("article.txt", CLEAN);
    let output = run_in(dir.path(), &["article.txt"], "");
    assert_eq!(status(&output), 2);
    assert!(
        stderr(&output).contains("newsls show article.txt"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn check_exits_0_on_a_clean_file_and_says_so() {
    let dir = TempDir::new();
    dir.write("clean.txt", CLEAN);
    let output = run_in(dir.path(), &["check", "clean.txt"], "");
    assert_eq!(status(&output), 0);
    assert_eq!(stdout(&output), "No problems found in 1 file.\n");
}

#[test]
fn check_prints_compiler_style_warnings_and_fails_only_under_deny_warnings() {
    let dir = TempDir::new();
    dir.write("quote.txt", UNATTRIBUTED);
    let output = run_in(dir.path(), &["check", "quote.txt"], "");
    assert_eq!(status(&output), 0, "warnings alone do not fail the run");
    let text = stdout(&output);
    assert!(
        text.starts_with("quote.txt:1:1: warning: quotation has no speaker [unattributed-quote]\n"),
        "{text}"
    );
    assert!(text.contains("1 | “Nothing is certain.”\n"), "{text}");
    assert!(text.contains("  | ^^^^^^^^^^^^^^^^^^^^^\n"), "{text}");
    assert!(text.ends_with("in 1 of 1 file.\n"), "{text}");

    let denied = run_in(dir.path(), &["check", "--deny-warnings", "quote.txt"], "");
    assert_eq!(status(&denied), 1);
    assert_eq!(stdout(&denied), text);
}

#[test]
fn check_exits_1_on_an_error() {
    let dir = TempDir::new();
    dir.write("open.txt", UNBALANCED);
    let output = run_in(dir.path(), &["check", "open.txt"], "");
    assert_eq!(status(&output), 1, "{}", stdout(&output));
    assert!(stdout(&output).contains(": error: "), "{}", stdout(&output));
}

#[test]
fn a_missing_file_is_named_and_the_other_files_are_still_checked() {
    let dir = TempDir::new();
    dir.write("a.txt", UNATTRIBUTED);
    dir.write("b.txt", UNATTRIBUTED);
    let output = run_in(dir.path(), &["check", "a.txt", "missing.txt", "b.txt"], "");
    assert_eq!(status(&output), 2);
    let errors = stderr(&output);
    assert!(errors.contains("missing.txt"), "{errors}");
    assert_eq!(errors.lines().count(), 1, "{errors}");
    let text = stdout(&output);
    assert!(text.contains("a.txt:1:1: warning"), "{text}");
    assert!(text.contains("b.txt:1:1: warning"), "{text}");
    assert!(text.ends_with("in 2 of 2 files.\n"), "{text}");
}

#[test]
fn a_non_utf8_file_is_named_with_the_offset_of_its_first_bad_byte() {
    let dir = TempDir::new();
    dir.write("latin1.txt", b"Caf\xe9 \xab bonjour \xbb\n");
    dir.write("good.txt", CLEAN);
    let output = run_in(
        dir.path(),
        &["extract", "--format", "jsonl", "latin1.txt", "good.txt"],
        "",
    );
    assert_eq!(status(&output), 2);
    let errors = stderr(&output);
    assert!(errors.contains("latin1.txt"), "{errors}");
    assert!(errors.contains("not valid UTF-8"), "{errors}");
    assert!(errors.contains("byte offset 3"), "{errors}");
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "the good file is still extracted");
    assert!(
        lines
            .iter()
            .all(|line| line.contains("\"path\":\"good.txt\""))
    );
}

#[test]
fn jsonl_walks_folders_in_sorted_order_one_line_per_article() {
    let dir = TempDir::new();
    dir.write("news/b.txt", UNATTRIBUTED);
    dir.write("news/a.md", "# Title\n\n“Words,” she said.\n");
    dir.write("news/sub/c.markdown", CLEAN);
    dir.write("news/notes.rs", "fn main() {}");
    dir.write("news/.hidden/d.txt", CLEAN);
    let output = run_in(dir.path(), &["extract", "--format", "jsonl", "news"], "");
    assert_eq!(status(&output), 0, "{}", stderr(&output));
    let records: Vec<Value> = stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is a JSON record"))
        .collect();
    let paths: Vec<String> = records
        .iter()
        .map(|record| record["path"].as_str().unwrap_or("").replace('\\', "/"))
        .collect();
    assert_eq!(paths, ["news/a.md", "news/b.txt", "news/sub/c.markdown"]);
    let formats: Vec<&str> = records
        .iter()
        .map(|record| record["format"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(formats, ["markdown", "plaintext", "markdown"]);
    assert!(records.iter().all(|record| record["schema_version"] == 1));
}

#[test]
fn json_has_every_documented_field_and_consistent_ranges() {
    let dir = TempDir::new();
    let text = "Intro with é and 😀.\nShe said: “Café au lait, s’il vous plaît.”\n";
    dir.write("one.txt", text);
    let output = run_in(dir.path(), &["extract", "one.txt"], "");
    assert_eq!(status(&output), 0, "{}", stderr(&output));
    let files = json(&output);
    let file = &files.as_array().expect("an array of file records")[0];
    for field in [
        "schema_version",
        "path",
        "format",
        "bytes",
        "quotes",
        "entities",
        "metadata",
        "findings",
    ] {
        assert!(file.get(field).is_some(), "file field {field}");
    }
    assert_eq!(file["bytes"], text.len());
    let quote = &file["quotes"][0];
    for field in [
        "text",
        "kind",
        "range",
        "pieces",
        "nested",
        "speaker",
        "entity",
        "rule",
        "reference",
        "confidence",
        "cue",
        "mention",
        "antecedent",
    ] {
        assert!(quote.get(field).is_some(), "quote field {field}");
    }
    assert_eq!(quote["text"], "Café au lait, s’il vous plaît.");
    let range = &quote["range"];
    let byte = |index: usize| range["byte"][index].as_u64().unwrap_or(0) as usize;
    let char_index = |index: usize| range["char"][index].as_u64().unwrap_or(0) as usize;
    assert_eq!(&text[byte(0)..byte(1)], "“Café au lait, s’il vous plaît.”");
    let by_chars: String = text
        .chars()
        .skip(char_index(0))
        .take(char_index(1) - char_index(0))
        .collect();
    assert_eq!(by_chars, "“Café au lait, s’il vous plaît.”");
    assert_eq!(range["start"]["line"], 2);
    assert_eq!(range["start"]["column"], 11, "1-based, in code points");
    assert_eq!(range["end"]["line"], 2);
    assert_eq!(range["end"]["column"], 43);
    let piece = &quote["pieces"][0];
    assert_eq!(piece["text"], "Café au lait, s’il vous plaît.");
    let piece_start = piece["range"]["byte"][0].as_u64().unwrap_or(0) as usize;
    let piece_end = piece["range"]["byte"][1].as_u64().unwrap_or(0) as usize;
    assert_eq!(
        &text[piece_start..piece_end],
        "Café au lait, s’il vous plaît."
    );
}

#[test]
fn json_of_nothing_is_an_empty_array() {
    let dir = TempDir::new();
    std::fs::create_dir_all(dir.path().join("empty")).expect("create a folder");
    let output = run_in(dir.path(), &["extract", "--pretty", "empty"], "");
    assert_eq!(status(&output), 0);
    assert_eq!(stdout(&output), "[]\n");
    assert!(stderr(&output).contains("no articles found"));
}

#[test]
fn a_dash_reads_standard_input_as_text_named_by_stdin_filename() {
    let dir = TempDir::new();
    let output = run_in(
        dir.path(),
        &["extract", "--stdin-format", "text", "-"],
        UNATTRIBUTED,
    );
    assert_eq!(status(&output), 0, "{}", stderr(&output));
    let files = json(&output);
    assert_eq!(files[0]["path"], "-");
    assert_eq!(files[0]["format"], "plaintext");
    assert_eq!(files[0]["quotes"][0]["text"], "Nothing is certain.");

    let named = run_in(
        dir.path(),
        &["check", "--stdin-filename", "draft.md", "-"],
        UNATTRIBUTED,
    );
    assert!(
        stdout(&named).starts_with("draft.md:1:1: warning:"),
        "{}",
        stdout(&named)
    );
}

#[test]
fn check_json_lists_diagnostics_with_their_file() {
    let dir = TempDir::new();
    dir.write("quote.txt", UNATTRIBUTED);
    let output = run_in(dir.path(), &["check", "--format", "json", "quote.txt"], "");
    assert_eq!(status(&output), 0);
    let diagnostics = json(&output);
    assert_eq!(diagnostics[0]["path"], "quote.txt");
    assert_eq!(diagnostics[0]["code"], "unattributed-quote");
    assert_eq!(diagnostics[0]["severity"], "warning");
    assert_eq!(diagnostics[0]["range"]["start"]["line"], 1);
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let dir = TempDir::new();
    dir.write("quote.txt", UNATTRIBUTED);
    let piped = run_in(dir.path(), &["check", "quote.txt"], "");
    assert!(!stdout(&piped).contains('\x1b'), "no colour into a pipe");
    let forced = run_in(dir.path(), &["check", "--color", "always", "quote.txt"], "");
    assert!(stdout(&forced).contains("\x1b[1;33mwarning\x1b[0m"));
}

#[test]
fn show_groups_quotes_and_lists_warnings() {
    let dir = TempDir::new();
    dir.write("quote.txt", UNATTRIBUTED);
    let output = run_in(dir.path(), &["show", "quote.txt"], "");
    assert_eq!(status(&output), 0, "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.starts_with("quote.txt: 1 quotation"), "{text}");
    assert!(
        text.contains("Unattributed · 1 quote\n  1:1  “Nothing is certain.”\n"),
        "{text}"
    );
    assert!(
        text.contains("1:1  warning: quotation has no speaker [unattributed-quote]"),
        "{text}"
    );
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    use std::io::{BufRead, BufReader};
    let dir = TempDir::new();
    for index in 0..40 {
        dir.write(&format!("many/{index:02}.txt"), UNATTRIBUTED.repeat(50));
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsls"))
        .args(["extract", "--format", "jsonl", "many"])
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start newsls");
    let stdout = child.stdout.take().expect("stdout is piped");
    let mut first_line = String::new();
    BufReader::new(stdout)
        .read_line(&mut first_line)
        .expect("read the first line");
    assert!(first_line.starts_with("{\"schema_version\":1"));
    // The reader is gone (as with `| head -1`): newsls stops quietly.
    let output = child.wait_with_output().expect("wait for newsls");
    assert_eq!(status(&output), 0);
    assert_eq!(stderr(&output), "");
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_loop_is_not_followed() {
    let dir = TempDir::new();
    dir.write("news/a.txt", CLEAN);
    std::os::unix::fs::symlink(dir.path().join("news"), dir.path().join("news/loop"))
        .expect("make a symbolic link");
    std::os::unix::fs::symlink(dir.path().join("news/a.txt"), dir.path().join("news/b.txt"))
        .expect("make a symbolic link");
    let output = run_in(dir.path(), &["extract", "--format", "jsonl", "news"], "");
    assert_eq!(status(&output), 0, "{}", stderr(&output));
    let text = stdout(&output);
    let paths: Vec<&str> = text
        .lines()
        .filter_map(|line| line.split("\"path\":\"").nth(1)?.split('"').next())
        .collect();
    assert_eq!(paths, ["news/a.txt", "news/b.txt"]);
}

/// Runs `newsls` with `arguments` in the crate's root, where `seeds/` and `tests/corpus/` are.
fn run_in_root(arguments: &[&str]) -> Output {
    run_in(Path::new(env!("CARGO_MANIFEST_DIR")), arguments, "")
}

#[test]
fn parallel_output_is_the_same_as_one_job_for_every_command() {
    // The whole corpus, a path that does not exist in the middle (its message must come in
    // its place too), on one thread and on several.
    let corpus = [
        "seeds",
        "tests/corpus/wikinews",
        "missing.txt",
        "tests/corpus",
    ];
    for command in [
        &["extract", "--format", "jsonl"][..],
        &["extract", "--format", "json", "--pretty"],
        &["check", "--format", "text"],
        &["show"],
    ] {
        let run = |jobs: &str| {
            let mut arguments = command.to_vec();
            arguments.extend(["--jobs", jobs]);
            arguments.extend(corpus);
            run_in_root(&arguments)
        };
        let one = run("1");
        assert_eq!(status(&one), 2, "{command:?}: {}", stderr(&one));
        assert!(
            stdout(&one).len() > 1_000,
            "{command:?}: the corpus was read"
        );
        for jobs in ["2", "5"] {
            let many = run(jobs);
            assert_eq!(status(&many), status(&one), "{command:?} --jobs {jobs}");
            assert!(
                stdout(&many) == stdout(&one),
                "{command:?} --jobs {jobs}: the output differs from --jobs 1"
            );
            assert_eq!(stderr(&many), stderr(&one), "{command:?} --jobs {jobs}");
        }
    }
}

#[test]
fn jobs_must_be_a_whole_number_of_at_least_one() {
    let dir = TempDir::new();
    for jobs in ["0", "-2", "many"] {
        let output = run_in(dir.path(), &["extract", "--jobs", jobs, "a.txt"], "");
        assert_eq!(status(&output), 2, "--jobs {jobs}");
        assert!(stderr(&output).contains("--jobs"), "{}", stderr(&output));
    }
}

/// The result lines of `extract -` for `input`, parsed, with the exit status and stderr.
fn extract_json_lines(arguments: &[&str], input: &str) -> (i32, Vec<Value>, String) {
    let dir = TempDir::new();
    let mut all = vec!["extract"];
    all.extend(arguments);
    all.push("-");
    let output = run_in(dir.path(), &all, input);
    let lines = stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each result line is JSON"))
        .collect();
    (status(&output), lines, stderr(&output))
}

#[test]
fn json_lines_on_stdin_give_one_result_line_per_input_line_in_order_with_ids_echoed() {
    let input = [
        r#"{"id": "first", "text": "“We will rebuild,” Mayor Jane Doe said."}"#,
        r#"{"text": "“Nothing is certain.”", "id": {"shard": 3, "row": 12345678901234567890}}"#,
        r#"{"id": 3, "text": 42}"#,
        r#"{"id": 4}"#,
        "",
        "this is prose, not JSON",
        r#"["an", "array"]"#,
        r#"{"id": 8, "text": "The council met. “We agree,” said Anna Berg."}"#,
    ]
    .join("\n");
    for jobs in ["1", "3"] {
        let (status, lines, errors) = extract_json_lines(&["--jobs", jobs], &input);
        assert_eq!(status, 0, "bad lines are data, not a failed run: {errors}");
        assert_eq!(lines.len(), 8, "one line out per line in");
        let ids: Vec<String> = lines.iter().map(|line| line["id"].to_string()).collect();
        assert_eq!(
            ids,
            [
                "\"first\"",
                r#"{"row":12345678901234567890,"shard":3}"#,
                "3",
                "4",
                "null",
                "null",
                "null",
                "8"
            ]
        );
        assert_eq!(lines[0]["quotes"][0]["speaker"], "Jane Doe");
        assert_eq!(lines[1]["quotes"][0]["text"], "Nothing is certain.");
        assert_eq!(lines[1]["findings"][0]["code"], "unattributed-quote");
        assert_eq!(lines[7]["quotes"][0]["speaker"], "Anna Berg");
        // The bad lines are reported in place, with their line numbers, here and on stderr.
        for (index, message) in [
            (2, "\"text\" is not a string"),
            (3, "no \"text\" field"),
            (4, "blank line"),
            (5, "not valid JSON"),
            (6, "not a JSON object"),
        ] {
            let line = &lines[index];
            assert_eq!(line["error"]["line"], index + 1);
            assert!(
                line["error"]["message"]
                    .as_str()
                    .is_some_and(|reported| reported.starts_with(message)),
                "line {}: {line}",
                index + 1
            );
            assert!(line.get("quotes").is_none());
            assert!(
                errors.contains(&format!("standard input, line {}: {message}", index + 1)),
                "{errors}"
            );
        }
        assert_eq!(errors.lines().count(), 5, "{errors}");
    }
}

#[test]
fn the_id_is_echoed_byte_for_byte() {
    let dir = TempDir::new();
    let output = run_in(
        dir.path(),
        &["extract", "-"],
        "{\"id\": [1.50, 1e3, \"\\u00e9\"], \"text\": \"Calm.\"}\r\n",
    );
    assert_eq!(status(&output), 0, "{}", stderr(&output));
    assert!(
        stdout(&output).starts_with("{\"id\":[1.50, 1e3, \"\\u00e9\"],\"schema_version\":1,"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn plain_text_on_stdin_for_extract_gets_an_error_line_naming_the_option_that_reads_it() {
    let (status, lines, errors) = extract_json_lines(&[], UNATTRIBUTED);
    assert_eq!(status, 0);
    assert_eq!(lines.len(), 1);
    assert!(errors.contains("--stdin-format text"), "{errors}");
}

#[test]
fn json_lines_on_stdin_are_the_only_input_and_give_json_lines() {
    let dir = TempDir::new();
    dir.write("a.txt", CLEAN);
    for arguments in [
        &["extract", "a.txt", "-"][..],
        &["extract", "--format", "json", "-"],
        &["extract", "--pretty", "-"],
    ] {
        let output = run_in(dir.path(), arguments, "");
        assert_eq!(status(&output), 2, "{arguments:?}");
        assert!(
            stderr(&output).contains("--stdin-format text"),
            "{arguments:?}: {}",
            stderr(&output)
        );
    }
    // With --stdin-format text, standard input is one article among the files.
    let output = run_in(
        dir.path(),
        &["extract", "--stdin-format", "text", "a.txt", "-"],
        UNATTRIBUTED,
    );
    assert_eq!(status(&output), 0, "{}", stderr(&output));
    assert_eq!(json(&output).as_array().map(Vec::len), Some(2));
}

#[test]
fn json_lines_on_stdin_are_answered_line_by_line_as_they_come() {
    // A caller that writes one line and waits for its answer before writing the next (a
    // coprocess) must get each answer while standard input is still open.
    use std::io::{BufRead, BufReader};
    for jobs in ["1", "2"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_newsls"))
            .args(["extract", "--jobs", jobs, "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start newsls");
        let mut input = child.stdin.take().expect("stdin is piped");
        let mut output = BufReader::new(child.stdout.take().expect("stdout is piped"));
        for index in 0..3 {
            writeln!(
                input,
                r#"{{"id": {index}, "text": "“Yes,” Anna Berg said."}}"#
            )
            .expect("write a line");
            input.flush().expect("flush");
            let mut answer = String::new();
            output.read_line(&mut answer).expect("read the answer");
            assert!(
                answer.starts_with(&format!("{{\"id\":{index},")),
                "--jobs {jobs}: {answer}"
            );
        }
        drop(input);
        assert!(child.wait().expect("wait for newsls").success());
    }
}

/// Small articles written for `quotes`: José Müller quoted in two of them (once with and once
/// without accents), Anna Berg in two, Tom Reed in one in a subfolder.
const QUOTES_FIXTURES: &str = "tests/fixtures/quotes";

#[test]
fn quotes_lists_a_speakers_quotes_across_files_as_text() {
    // Part of the name, in any case, without the accents: both spellings are found.
    let output = run_in_root(&["quotes", "--speaker", "MULLER", QUOTES_FIXTURES]);
    assert_eq!(status(&output), 0, "{}", stderr(&output));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(
        lines[0].starts_with(
            "tests/fixtures/quotes/council.txt:3:1: José Müller: “We will rebuild the harbour, \
             whatever it costs,” — "
        ),
        "{text}"
    );
    assert!(
        lines[1].starts_with("tests/fixtures/quotes/council.txt:7:1: José Müller: “We listened"),
        "{text}"
    );
    assert!(
        lines[2].starts_with(
            "tests/fixtures/quotes/interview.md:3:1: Jose Muller: “The budget is sound,”"
        ),
        "{text}"
    );
    assert!(
        !text.contains("Anna Berg"),
        "only the speaker asked for: {text}"
    );

    // Whole words only, and a speaker nobody quotes is said so on stderr.
    let output = run_in_root(&["quotes", "--speaker", "mull", QUOTES_FIXTURES]);
    assert_eq!(status(&output), 0);
    assert_eq!(stdout(&output), "");
    assert!(stderr(&output).contains("no quotations by 'mull' in 3 files"));
}

#[test]
fn quotes_as_csv_has_a_header_and_quotes_fields_that_need_it() {
    let output = run_in_root(&[
        "quotes",
        "--speaker",
        "anna berg",
        "--format",
        "csv",
        QUOTES_FIXTURES,
    ]);
    assert_eq!(status(&output), 0, "{}", stderr(&output));
    let text = stdout(&output);
    let rows: Vec<&str> = text.split_terminator("\r\n").collect();
    assert_eq!(rows.len(), 3, "a header and two rows: {text}");
    assert_eq!(
        rows[0],
        "path,line,column,speaker,quote,cue,rule,confidence"
    );
    // The first quote holds a comma, so it is in double quotes; the second does not.
    assert!(
        rows[1].starts_with(
            "tests/fixtures/quotes/council.txt,5,33,Anna Berg,\"This plan costs too much, and \
             nobody asked the fishermen,\",she said,"
        ),
        "{}",
        rows[1]
    );
    assert!(
        rows[2].starts_with(
            "tests/fixtures/quotes/interview.md,5,1,Anna Berg,\"I still say the fishermen were \
             not asked,\",said,speech-verb,"
        ),
        "{}",
        rows[2]
    );
    // Eight columns in every row, once quoted fields are taken whole.
    for row in &rows {
        let mut columns = 1;
        let mut quoted = false;
        for character in row.chars() {
            match character {
                '"' => quoted = !quoted,
                ',' if !quoted => columns += 1,
                _ => {}
            }
        }
        assert_eq!(columns, 8, "{row}");
    }
}

#[test]
fn quotes_as_json_lines_carry_the_path_and_the_quote_record() {
    let output = run_in_root(&[
        "quotes",
        "--speaker",
        "Reed",
        "--format",
        "jsonl",
        QUOTES_FIXTURES,
    ]);
    assert_eq!(status(&output), 0, "{}", stderr(&output));
    let records: Vec<Value> = stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect();
    assert_eq!(records.len(), 1);
    assert_eq!(
        records[0]["path"],
        "tests/fixtures/quotes/later/weather.txt"
    );
    assert_eq!(records[0]["quote"]["speaker"], "Tom Reed");
    assert_eq!(
        records[0]["quote"]["text"],
        "Rain is coming, and a lot of it,"
    );
    assert_eq!(records[0]["quote"]["range"]["start"]["line"], 3);
}

#[test]
fn quotes_needs_a_speaker() {
    let output = run_in_root(&["quotes", QUOTES_FIXTURES]);
    assert_eq!(status(&output), 2);
    assert!(stderr(&output).contains("--speaker"), "{}", stderr(&output));
}

/// The marker above the README's `quotes` example.
const README_QUOTES_MARKER: &str =
    "<!-- example: tests/it/cli.rs checks that this is what newsls quotes prints -->";

#[test]
fn the_readme_quotes_example_is_the_output_of_a_real_run() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("read README.md");
    let block = readme
        .split_once(README_QUOTES_MARKER)
        .and_then(|(_, after)| after.split_once("```text\n"))
        .and_then(|(_, after)| after.split_once("```\n"))
        .map(|(block, _)| block)
        .expect("README.md has the quotes example after its marker");
    let (command, shown) = block
        .split_once('\n')
        .expect("a command line, then its output");
    let arguments: Vec<&str> = command
        .strip_prefix("$ newsls ")
        .expect("the example starts with $ newsls")
        .split_whitespace()
        .collect();
    let output = run_in_root(&arguments);
    assert_eq!(status(&output), 0, "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        shown,
        "README.md's quotes example differs from a real run"
    );
}
