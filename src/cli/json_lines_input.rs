//! `newsls extract -`: JSON Lines in, JSON Lines out, so that newsls can be the map step of a
//! distributed job (Spark's `RDD.pipe`, Hadoop streaming) as it is.
//!
//! Each input line is one object `{"id": …, "text": …}`; each gives exactly one output line, in
//! the same order, written and flushed as soon as the lines before it are: the file record of
//! the text (see [`super::schema`]) with `id` first, echoed byte for byte (any JSON value: a
//! string, a number of any size, an object). A line that cannot be analysed (not UTF-8, not
//! JSON, not an object, no `text`, `text` not a string, or blank) gives an error line in its
//! place instead,
//!
//! ```json
//! {"id":7,"schema_version":1,"error":{"line":3,"message":"\"text\" is not a string"}}
//! ```
//!
//! with the id when one could be read (else `null`), and a message on standard error naming
//! the line. A bad line is data, not a failure of the run: the exit status stays 0, so that
//! Spark or Hadoop does not throw away a whole partition's results for one bad record. Only
//! standard input that cannot be read makes it 2.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};

use anyhow::Result;
use serde::Serialize;
use serde_json::value::RawValue;

use super::args::InputArgs;
use super::inputs::Input;
use super::schema::{FileRecord, Located, SCHEMA_VERSION, file_record};
use super::workspace_files::WorkspaceFiles;
use super::{Outcome, parallel};
use crate::analysis::{Config, DocumentFormat, WorkspaceAnnotations, analyze_in_workspace};

/// Reads JSON Lines of articles from `input` and writes one result line for each to `out`.
pub fn run(
    input_args: &InputArgs,
    input: impl BufRead + Send,
    mut out: impl Write,
) -> Result<Outcome> {
    let name = input_args.stdin_name();
    let format = DocumentFormat::from_file_name(name);
    let mut workspaces = WorkspaceFiles::new(input_args.config.clone());
    let workspace = match workspaces.for_input(&Input::Stdin {
        name: name.to_owned(),
    }) {
        Ok(workspace) => workspace,
        Err(error) => {
            // Every line would fail alike: say it once and stop before reading.
            eprintln!("newsls: error: {error}");
            return Ok(Outcome::Trouble);
        }
    };
    let shown_name = if name == "-" { "standard input" } else { name };
    let mut outcome = Outcome::Success;
    parallel::ordered_map(
        input_args.jobs,
        Lines::new(input),
        |(number, line)| line.map(|line| result_line(number, &line, name, format, &workspace)),
        |result| {
            match result {
                Ok(ResultLine { json, problem }) => {
                    out.write_all(&json)?;
                    out.write_all(b"\n")?;
                    out.flush()?;
                    if let Some(problem) = problem {
                        eprintln!("newsls: error: {shown_name}, {problem}");
                    }
                }
                Err(error) => {
                    eprintln!("newsls: error: cannot read {shown_name}: {error}");
                    outcome = Outcome::Trouble;
                }
            }
            anyhow::Ok(())
        },
    )?;
    out.flush()?;
    Ok(outcome)
}

/// The lines of `reader` with their 1-based numbers, each with its line break; after a read
/// error, that error and nothing more.
struct Lines<R> {
    reader: R,
    number: usize,
    finished: bool,
}

impl<R> Lines<R> {
    fn new(reader: R) -> Self {
        Lines {
            reader,
            number: 0,
            finished: false,
        }
    }
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = (usize, std::io::Result<Vec<u8>>);

    fn next(&mut self) -> Option<Self::Item> {
        if self.finished {
            return None;
        }
        let mut line = Vec::new();
        self.number += 1;
        match self.reader.read_until(b'\n', &mut line) {
            Ok(0) => {
                self.finished = true;
                None
            }
            Ok(_) => Some((self.number, Ok(line))),
            Err(error) => {
                self.finished = true;
                Some((self.number, Err(error)))
            }
        }
    }
}

/// One output line, and the message for standard error when the input line was bad.
struct ResultLine {
    json: Vec<u8>,
    problem: Option<String>,
}

/// A file record with the id of its input line first.
#[derive(Serialize)]
struct IdentifiedRecord<'a> {
    id: &'a RawValue,
    #[serde(flatten)]
    record: FileRecord,
}

#[derive(Serialize)]
struct ErrorRecord<'a> {
    id: &'a RawValue,
    schema_version: u32,
    error: LineError,
}

#[derive(Serialize)]
struct LineError {
    /// The 1-based number of the input line.
    line: usize,
    message: String,
}

/// The output line for input line `number` (with or without its line break).
fn result_line(
    number: usize,
    line: &[u8],
    name: &str,
    format: DocumentFormat,
    workspace: &WorkspaceAnnotations,
) -> ResultLine {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let text = match std::str::from_utf8(line) {
        Ok(text) => text,
        Err(error) => {
            // The id may still be readable, with the bad bytes replaced.
            let replaced = String::from_utf8_lossy(line);
            let id = fields(&replaced)
                .ok()
                .and_then(|fields| fields.get("id").copied());
            let message = format!(
                "not valid UTF-8: invalid byte at byte offset {} of the line",
                error.valid_up_to()
            );
            return error_line(id, number, message);
        }
    };
    if text.trim().is_empty() {
        return error_line(
            None,
            number,
            "blank line (expected a JSON object with \"id\" and \"text\")".to_owned(),
        );
    }
    let fields = match fields(text) {
        Ok(fields) => fields,
        Err(message) => {
            let hint = if number == 1 {
                " (to read standard input as one plain-text article, use --stdin-format text)"
            } else {
                ""
            };
            return error_line(None, number, format!("{message}{hint}"));
        }
    };
    let id = fields.get("id").copied();
    let Some(article) = fields.get("text") else {
        return error_line(id, number, "no \"text\" field".to_owned());
    };
    let Ok(article) = serde_json::from_str::<String>(article.get()) else {
        return error_line(id, number, "\"text\" is not a string".to_owned());
    };
    let analysis = analyze_in_workspace(&article, &Config { format }, workspace);
    let record = IdentifiedRecord {
        id: id.unwrap_or(RawValue::NULL),
        record: file_record(name, format, &Located::new(&article), &analysis),
    };
    match serde_json::to_vec(&record) {
        Ok(json) => ResultLine {
            json,
            problem: None,
        },
        Err(error) => error_line(id, number, format!("cannot write the result: {error}")),
    }
}

/// The fields of a JSON object, each value as written; a message when the line is not one.
fn fields(line: &str) -> Result<BTreeMap<String, &RawValue>, String> {
    serde_json::from_str(line).map_err(|error| match error.classify() {
        serde_json::error::Category::Data => {
            "not a JSON object (expected {\"id\": …, \"text\": …})".to_owned()
        }
        _ => format!("not valid JSON: {error}"),
    })
}

fn error_line(id: Option<&RawValue>, number: usize, message: String) -> ResultLine {
    let record = ErrorRecord {
        id: id.unwrap_or(RawValue::NULL),
        schema_version: SCHEMA_VERSION,
        error: LineError {
            line: number,
            message: message.clone(),
        },
    };
    // Serializing a number, a string and a raw value that was read as JSON cannot fail; if it
    // did, a line is still written so that the output keeps one line per input line.
    let json = serde_json::to_vec(&record).unwrap_or_else(|_| {
        format!(r#"{{"id":null,"schema_version":{SCHEMA_VERSION},"error":{{"line":{number}}}}}"#)
            .into_bytes()
    });
    ResultLine {
        json,
        problem: Some(format!("line {number}: {message}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(line: &str) -> (serde_json::Value, Option<String>) {
        let result = result_line(
            4,
            line.as_bytes(),
            "-",
            DocumentFormat::PlainText,
            &WorkspaceAnnotations::default(),
        );
        let json = String::from_utf8(result.json).unwrap_or_default();
        assert!(!json.contains('\n'), "one line: {json}");
        (
            serde_json::from_str(&json).unwrap_or_default(),
            result.problem,
        )
    }

    #[test]
    fn the_id_comes_first_and_is_echoed_byte_for_byte() {
        let result = result_line(
            1,
            br#"{"text": "\u201cNo.\u201d", "id": {"doc": [1, 2.50], "big": 123456789012345678901234567890}}"#,
            "-",
            DocumentFormat::PlainText,
            &WorkspaceAnnotations::default(),
        );
        let json = String::from_utf8(result.json).unwrap_or_default();
        assert!(
            json.starts_with(
                r#"{"id":{"doc": [1, 2.50], "big": 123456789012345678901234567890},"schema_version":1,"path":"-""#
            ),
            "{json}"
        );
        assert!(json.contains(r#""text":"No.""#), "{json}");
        assert_eq!(result.problem, None);
    }

    #[test]
    fn a_line_without_an_id_gets_a_null_id() {
        let (value, problem) = result(r#"{"text": "Calm."}"#);
        assert_eq!(value["id"], serde_json::Value::Null);
        assert_eq!(value["bytes"], 5);
        assert_eq!(problem, None);
    }

    #[test]
    fn bad_lines_give_an_error_line_with_the_id_when_there_is_one() {
        let cases = [
            (
                r#"{"id": "a", "text": 5}"#,
                "\"a\"",
                "\"text\" is not a string",
            ),
            (r#"{"id": 9}"#, "9", "no \"text\" field"),
            ("[1, 2]", "null", "not a JSON object"),
            ("plain prose", "null", "not valid JSON"),
            (r#"{"id": 3, "text": "unclosed"#, "null", "not valid JSON"),
            ("   \r\n", "null", "blank line"),
        ];
        for (line, id, message) in cases {
            let (value, problem) = result(line);
            assert_eq!(value["id"].to_string(), id, "{line}");
            assert_eq!(value["error"]["line"], 4, "{line}");
            let reported = value["error"]["message"].as_str().unwrap_or_default();
            assert!(reported.starts_with(message), "{line}: {reported}");
            assert!(
                problem.as_deref().is_some_and(
                    |problem| problem.starts_with("line 4: ") && problem.contains(message)
                ),
                "{line}: {problem:?}"
            );
            assert!(value.get("quotes").is_none());
        }
    }

    #[test]
    fn a_line_that_is_not_utf8_still_gives_its_id() {
        let result = result_line(
            2,
            b"{\"id\": 12, \"text\": \"caf\xe9\"}\n",
            "-",
            DocumentFormat::PlainText,
            &WorkspaceAnnotations::default(),
        );
        let json = String::from_utf8(result.json).unwrap_or_default();
        assert!(
            json.starts_with(
                r#"{"id":12,"schema_version":1,"error":{"line":2,"message":"not valid UTF-8"#
            ),
            "{json}"
        );
    }

    #[test]
    fn lines_are_numbered_and_a_last_line_without_a_break_counts() {
        let lines: Vec<(usize, Vec<u8>)> = Lines::new(&b"a\n\nb"[..])
            .map(|(number, line)| (number, line.unwrap_or_default()))
            .collect();
        assert_eq!(
            lines,
            [
                (1, b"a\n".to_vec()),
                (2, b"\n".to_vec()),
                (3, b"b".to_vec())
            ]
        );
    }
}
