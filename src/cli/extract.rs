//! `newsls extract`: the analysis of each file as JSON records (see [`super::schema`]).
//!
//! Records are written as each file is done: `--format jsonl` flushes one line per file, so a
//! reader sees output at once and memory stays flat over any number of files; `--format json`
//! writes one array, element by element, in the same layout as serializing the whole array.

use std::io::{self, BufWriter, Write};

use anyhow::Result;

use super::args::{ExtractArgs, ExtractFormat, JsonLayout};
use super::schema::{FileRecord, file_record};
use super::{AnalysedFile, Outcome, for_each_file, json_lines_input};

pub fn run(args: &ExtractArgs) -> Result<Outcome> {
    let stdout = io::stdout();
    let out = BufWriter::new(stdout.lock());
    if args.reads_json_lines() {
        json_lines_input::run(&args.inputs, io::BufReader::new(io::stdin()), out)
    } else {
        write_files(args, out)
    }
}

/// Writes the records of the files, folders and `-` named in `args` to `out`.
pub fn write_files(args: &ExtractArgs, mut out: impl Write) -> Result<Outcome> {
    let format = args.format();
    let mut array = ArrayWriter::new(args.layout);
    let outcome = for_each_file(
        &args.inputs,
        // Serialized on the thread that analysed the file, as the element or the line it
        // will be; serializing cannot fail for these types, but an error would stop the run.
        |file: &AnalysedFile<'_>| match format {
            ExtractFormat::JsonLines => serde_json::to_vec(&record(file)),
            ExtractFormat::Json => serialize_element(args.layout, &record(file)),
        },
        |serialized| {
            let serialized = serialized?;
            match format {
                ExtractFormat::JsonLines => {
                    out.write_all(&serialized)?;
                    out.write_all(b"\n")?;
                    out.flush()?;
                }
                ExtractFormat::Json => array.serialized_element(&mut out, &serialized)?,
            }
            Ok(())
        },
    )?;
    if format == ExtractFormat::Json {
        array.finish(&mut out)?;
    }
    out.flush()?;
    Ok(outcome)
}

pub fn record(file: &AnalysedFile<'_>) -> FileRecord {
    file_record(&file.name, file.format, &file.located, &file.analysis)
}

/// One element of an array written by [`ArrayWriter`] in `layout`: compact JSON, or
/// [`to_pretty_json`] (not yet indented as an element).
pub fn serialize_element(
    layout: JsonLayout,
    value: &impl serde::Serialize,
) -> serde_json::Result<Vec<u8>> {
    match layout {
        JsonLayout::Compact => serde_json::to_vec(value),
        JsonLayout::Pretty => to_pretty_json(value).map(String::into_bytes),
    }
}

/// Writes a JSON array one element at a time, byte for byte as [`to_pretty_json`] or
/// `serde_json::to_string` would write the whole array.
pub struct ArrayWriter {
    layout: JsonLayout,
    count: usize,
}

impl ArrayWriter {
    pub fn new(layout: JsonLayout) -> Self {
        ArrayWriter { layout, count: 0 }
    }

    pub fn element(&mut self, out: &mut impl Write, value: &impl serde::Serialize) -> Result<()> {
        let serialized = serialize_element(self.layout, value)?;
        self.serialized_element(out, &serialized)
    }

    /// Writes an element made by [`serialize_element`] with this writer's layout.
    pub fn serialized_element(&mut self, out: &mut impl Write, serialized: &[u8]) -> Result<()> {
        let opening = if self.count == 0 { "[" } else { "," };
        out.write_all(opening.as_bytes())?;
        match self.layout {
            JsonLayout::Compact => out.write_all(serialized)?,
            JsonLayout::Pretty => {
                // Strings in JSON never hold a raw line break, so indenting every line of the
                // element indents exactly its structure.
                for line in serialized.split(|&byte| byte == b'\n') {
                    out.write_all(b"\n  ")?;
                    out.write_all(line)?;
                }
            }
        }
        self.count += 1;
        Ok(())
    }

    pub fn finish(self, out: &mut impl Write) -> Result<()> {
        match (self.count, self.layout) {
            (0, _) => out.write_all(b"[]\n")?,
            (_, JsonLayout::Compact) => out.write_all(b"]\n")?,
            (_, JsonLayout::Pretty) => out.write_all(b"\n]\n")?,
        }
        Ok(())
    }
}

/// The longest line that [`to_pretty_json`] makes by joining a small array or object.
const MAX_JOINED_LINE: usize = 100;

/// `value` as indented JSON, like `serde_json::to_string_pretty`, except that an array or
/// object holding only numbers, strings, booleans or nulls is written on one line when that
/// line is short: `"byte": [153, 178]` rather than four lines. Ranges are everywhere in the
/// output, and this keeps it (and the golden files) readable.
pub fn to_pretty_json(value: &impl serde::Serialize) -> serde_json::Result<String> {
    let pretty = serde_json::to_string_pretty(value)?;
    Ok(join_small_containers(&pretty))
}

/// Joins the lines of each innermost container of pretty-printed JSON when short enough.
/// Works line by line: JSON strings never hold a raw line break, so a line ending in `{` or
/// `[` always opens a container and a line starting with `}` or `]` always closes one.
fn join_small_containers(pretty: &str) -> String {
    let lines: Vec<&str> = pretty.lines().collect();
    let mut out = String::with_capacity(pretty.len());
    let mut index = 0;
    while let Some(line) = lines.get(index) {
        let mut next = index + 1;
        let mut joined = None;
        if opens(line) {
            let mut end = index + 1;
            while lines
                .get(end)
                .is_some_and(|inner| !opens(inner) && !closes(inner))
            {
                end += 1;
            }
            if let Some(closer) = lines.get(end) {
                let closer = closer.trim_start();
                if closes(closer) {
                    let items: Vec<&str> = lines
                        .get(index + 1..end)
                        .unwrap_or_default()
                        .iter()
                        .map(|inner| inner.trim_start())
                        .collect();
                    let candidate = format!("{line}{}{closer}", items.join(" "));
                    if candidate.chars().count() <= MAX_JOINED_LINE {
                        joined = Some(candidate);
                        next = end + 1;
                    }
                }
            }
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(joined.as_deref().unwrap_or(line));
        index = next;
    }
    out
}

fn opens(line: &str) -> bool {
    line.ends_with('{') || line.ends_with('[')
}

fn closes(line: &str) -> bool {
    let line = line.trim_start();
    line.starts_with('}') || line.starts_with(']')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(layout: JsonLayout, values: &[serde_json::Value]) -> String {
        let mut out = Vec::new();
        let mut array = ArrayWriter::new(layout);
        for value in values {
            assert!(array.element(&mut out, value).is_ok());
        }
        assert!(array.finish(&mut out).is_ok());
        String::from_utf8(out).unwrap_or_default()
    }

    #[test]
    fn the_streamed_array_matches_the_whole_array_in_both_layouts() {
        let values = vec![
            serde_json::json!({"a": [1, 2], "b": "x\ny"}),
            serde_json::json!({"c": {}}),
        ];
        let pretty = to_pretty_json(&values).unwrap_or_default();
        assert_eq!(written(JsonLayout::Pretty, &values), format!("{pretty}\n"));
        let compact = serde_json::to_string(&values).unwrap_or_default();
        assert_eq!(
            written(JsonLayout::Compact, &values),
            format!("{compact}\n")
        );
        assert_eq!(written(JsonLayout::Pretty, &[]), "[]\n");
    }
}

#[cfg(test)]
mod pretty_tests {
    use super::*;
    use expect_test::expect;

    #[test]
    fn small_arrays_and_objects_of_scalars_go_on_one_line() {
        let value = serde_json::json!({
            "range": {"byte": [153, 178], "start": {"line": 3, "column": 99}},
            "text": "a [ or { in a string",
            "empty": [],
            "long": ["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "cccccccccccccccccccccccccccccc"],
        });
        let pretty = to_pretty_json(&value).unwrap_or_default();
        expect![[r#"
            {
              "empty": [],
              "long": [
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
                "cccccccccccccccccccccccccccccc"
              ],
              "range": {
                "byte": [153, 178],
                "start": {"column": 99, "line": 3}
              },
              "text": "a [ or { in a string"
            }"#]]
        .assert_eq(&pretty);
        let reparsed: serde_json::Value = serde_json::from_str(&pretty).unwrap_or_default();
        assert_eq!(reparsed, value);
    }
}
