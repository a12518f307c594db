//! `newsls check`: the findings of each file, printed like a compiler's diagnostics.
//!
//! ```text
//! article.txt:12:1: warning: quotation has no speaker [unattributed-quote]
//!    |
//! 12 | “A slap was delivered last night,” the reporter wrote.
//!    | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
//! ```
//!
//! The first line is the one editors and `grep` understand (`file:line:col: severity: message
//! [code]`, 1-based, columns in code points); the source line and the underline follow, then
//! one summary line at the end.

use std::io::{self, BufWriter, Write};

use anyhow::Result;

use super::args::{CheckArgs, CheckFormat, JsonLayout, WarningPolicy};
use super::extract::ArrayWriter;
use super::schema::{DiagnosticRecord, Located, SCHEMA_VERSION, finding_record};
use super::style::{Palette, Role};
use super::{AnalysedFile, Outcome, for_each_file};
use crate::analysis::{Finding, Severity};

/// Counts of what was found, for the summary and the exit status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub files: usize,
    pub files_with_problems: usize,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
}

impl Tally {
    fn add(&mut self, severities: &[Severity]) {
        self.files += 1;
        if !severities.is_empty() {
            self.files_with_problems += 1;
        }
        for severity in severities {
            match severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Information | Severity::Hint => self.notes += 1,
            }
        }
    }

    /// Whether the findings fail the run under `policy`.
    pub fn fails(&self, policy: WarningPolicy) -> bool {
        self.errors > 0 || (policy == WarningPolicy::Deny && self.warnings > 0)
    }

    /// The last line of the text output.
    pub fn summary(&self) -> String {
        let files = count(self.files, "file", "files");
        let problems = self.errors + self.warnings + self.notes;
        if problems == 0 {
            return format!("No problems found in {files}.");
        }
        let mut parts = Vec::new();
        if self.errors > 0 {
            parts.push(count(self.errors, "error", "errors"));
        }
        if self.warnings > 0 {
            parts.push(count(self.warnings, "warning", "warnings"));
        }
        if self.notes > 0 {
            parts.push(count(self.notes, "note", "notes"));
        }
        format!(
            "Found {} ({}) in {} of {files}.",
            count(problems, "problem", "problems"),
            parts.join(", "),
            self.files_with_problems,
        )
    }
}

fn count(number: usize, one: &str, many: &str) -> String {
    format!("{number} {}", if number == 1 { one } else { many })
}

pub fn run(args: &CheckArgs) -> Result<Outcome> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let palette = Palette::for_stdout(args.color);
    let mut tally = Tally::default();
    let mut array = ArrayWriter::new(JsonLayout::Pretty);
    let read_outcome = for_each_file(
        &args.inputs,
        |file: &AnalysedFile<'_>| Rendered::of(file, args.format, palette),
        |rendered: Rendered| {
            tally.add(&rendered.severities);
            match rendered.output {
                RenderedOutput::Text(text) => {
                    out.write_all(text.as_bytes())?;
                    out.flush()?;
                }
                RenderedOutput::Json(records) => {
                    for record in &records {
                        array.element(&mut out, record)?;
                    }
                }
            }
            Ok(())
        },
    )?;
    match args.format {
        CheckFormat::Text => writeln!(out, "{}", palette.paint(Role::Emphasis, &tally.summary()))?,
        CheckFormat::Json => array.finish(&mut out)?,
    }
    out.flush()?;
    let check_outcome = if tally.fails(args.warnings) {
        Outcome::ProblemsFound
    } else {
        Outcome::Success
    };
    Ok(read_outcome.max(check_outcome))
}

/// What one file contributes to the output, made on the thread that analysed it.
struct Rendered {
    /// The severity of each finding, for the tally.
    severities: Vec<Severity>,
    output: RenderedOutput,
}

enum RenderedOutput {
    /// The diagnostics, one after the other.
    Text(String),
    /// The elements of the JSON array.
    Json(Vec<DiagnosticRecord>),
}

impl Rendered {
    fn of(file: &AnalysedFile<'_>, format: CheckFormat, palette: Palette) -> Self {
        let findings = &file.analysis.findings;
        let output = match format {
            CheckFormat::Text => RenderedOutput::Text(
                findings
                    .iter()
                    .map(|finding| render(&file.name, &file.located, finding, palette))
                    .collect(),
            ),
            CheckFormat::Json => RenderedOutput::Json(
                findings
                    .iter()
                    .map(|finding| DiagnosticRecord {
                        schema_version: SCHEMA_VERSION,
                        path: file.name.clone(),
                        finding: finding_record(&file.located, finding),
                    })
                    .collect(),
            ),
        };
        Rendered {
            severities: findings.iter().map(|finding| finding.severity).collect(),
            output,
        }
    }
}

/// The longest source excerpt shown, in columns; longer lines (a paragraph is often one line)
/// are cut around the problem.
const MAX_EXCERPT_WIDTH: usize = 100;

/// How many columns of the line to keep before the problem when cutting.
const CONTEXT_BEFORE: usize = 20;

/// One diagnostic: the header line, the source line, the underline, and related notes.
pub fn render(path: &str, located: &Located<'_>, finding: &Finding, palette: Palette) -> String {
    let start = located.position(finding.range.start);
    let end = located.position(finding.range.end);
    let (severity_role, severity) = match finding.severity {
        Severity::Error => (Role::Error, "error"),
        Severity::Warning => (Role::Warning, "warning"),
        Severity::Information => (Role::Note, "info"),
        Severity::Hint => (Role::Note, "hint"),
    };
    let mut text = format!(
        "{}: {}: {} [{}]\n",
        palette.paint(
            Role::Emphasis,
            &format!("{path}:{}:{}", start.line, start.column)
        ),
        palette.paint(severity_role, severity),
        finding.message,
        finding.check.code(),
    );
    let excerpt = Excerpt::around(located.text, finding.range.start, finding.range.end);
    let number = start.line.to_string();
    let gutter = " ".repeat(number.len());
    let bar = palette.paint(Role::Gutter, "|");
    text.push_str(&format!("{gutter} {bar}\n"));
    text.push_str(&format!(
        "{} {bar} {}\n",
        palette.paint(Role::Gutter, &number),
        excerpt.text
    ));
    // A range running over several lines is underlined to the end of its first line.
    let continued = if end.line > start.line { " …" } else { "" };
    text.push_str(&format!(
        "{gutter} {bar} {}{}{continued}\n",
        " ".repeat(excerpt.underline_start),
        palette.paint(severity_role, &"^".repeat(excerpt.underline_width)),
    ));
    for related in &finding.related {
        let position = located.position(related.range.start);
        text.push_str(&format!(
            "{gutter} {} {}: {} ({path}:{}:{})\n",
            palette.paint(Role::Gutter, "="),
            palette.paint(Role::Note, "note"),
            related.message,
            position.line,
            position.column,
        ));
    }
    text
}

/// A source line made fit for a terminal, with where the underline goes.
#[derive(Debug, PartialEq, Eq)]
struct Excerpt {
    text: String,
    /// Display columns before the underline.
    underline_start: usize,
    /// Display columns of the underline; at least one.
    underline_width: usize,
}

impl Excerpt {
    /// The excerpt of the line holding byte `start` of `text`, underlining `start..end` (or up
    /// to the end of the line when the range runs on). Reads at most a few hundred characters
    /// around `start`, whatever the length of the line, so that a huge one-line file with
    /// many findings costs time in proportion to the findings, not to their product with the
    /// line's length.
    fn around(text: &str, start: usize, end: usize) -> Self {
        let start = floor_char_boundary(text, start);
        let end = floor_char_boundary(text, end).max(start);
        let limit = MAX_EXCERPT_WIDTH + 1;
        let before = text.get(..start).unwrap_or_default();
        let mut left: Vec<char> = before
            .chars()
            .rev()
            .take_while(|&ch| !is_line_break(ch))
            .take(limit)
            .collect();
        left.reverse();
        let cut_left = left.len() == limit
            && before
                .chars()
                .rev()
                .nth(limit)
                .is_some_and(|ch| !is_line_break(ch));
        let after = text.get(start..).unwrap_or_default();
        let mut right = Vec::new();
        let mut cut_right = false;
        for ch in after.chars() {
            if is_line_break(ch) {
                break;
            }
            if right.len() == limit {
                cut_right = true;
                break;
            }
            right.push(ch);
        }
        // Counts no further than the excerpt shows: a finding that runs to the end of a huge
        // text must not cost the length of that text.
        let range_chars = text
            .get(start..end)
            .unwrap_or_default()
            .chars()
            .take(right.len())
            .count();
        let first = left.len();
        let last = first + range_chars.min(right.len());
        left.extend(right);
        Excerpt::new(left, first, last, cut_left, cut_right)
    }

    /// The excerpt of the characters `line`, underlining `first..last` (0-based, `last`
    /// exclusive); `cut_left` and `cut_right` say whether the line goes on beyond `line`.
    /// Tabs and other control characters are shown as spaces so the columns stay aligned;
    /// wide (CJK) characters count two columns; a line too long is cut around the range with
    /// `…` at the cut ends.
    fn new(line: Vec<char>, first: usize, last: usize, cut_left: bool, cut_right: bool) -> Self {
        let chars: Vec<char> = line
            .into_iter()
            .map(|ch| {
                if ch.is_control() || matches!(ch, '\u{2028}' | '\u{2029}') {
                    ' '
                } else {
                    ch
                }
            })
            .collect();
        let first = first.min(chars.len());
        let last = last.clamp(first, chars.len());
        let total_width = width_of(&chars);
        let (window_start, window_end) = if total_width <= MAX_EXCERPT_WIDTH {
            (0, chars.len())
        } else {
            let window_start = first.saturating_sub(CONTEXT_BEFORE);
            let mut window_end = window_start;
            let mut width = 0;
            while let Some(&next) = chars.get(window_end) {
                let next = display_width(next);
                if width + next > MAX_EXCERPT_WIDTH {
                    break;
                }
                width += next;
                window_end += 1;
            }
            (window_start, window_end.max(first))
        };
        let slice = |from: usize, to: usize| chars.get(from..to).unwrap_or_default();
        let mut text = String::new();
        let mut underline_start = 0;
        if window_start > 0 || cut_left {
            text.push('…');
            underline_start += 1;
        }
        text.extend(slice(window_start, window_end));
        if window_end < chars.len() || cut_right {
            text.push('…');
        }
        underline_start += width_of(slice(window_start, first));
        let underline_width = width_of(slice(first, last.min(window_end))).max(1);
        Excerpt {
            text: text.trim_end().to_owned(),
            underline_start,
            underline_width,
        }
    }
}

/// The characters that end a line, as the editor protocol counts lines.
fn is_line_break(ch: char) -> bool {
    ch == '\n' || ch == '\r'
}

/// `offset` moved back to the nearest `char` boundary of `text` (and into it).
fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn width_of(chars: &[char]) -> usize {
    chars.iter().map(|&ch| display_width(ch)).sum()
}

/// The columns a character takes on a terminal: 0 for combining marks, 2 for wide East Asian
/// characters and emoji, 1 otherwise. An approximation of Unicode's East Asian Width that is
/// right for the text of news articles.
fn display_width(ch: char) -> usize {
    match u32::from(ch) {
        0x0300..=0x036F | 0x200B..=0x200F | 0xFE00..=0xFE0F => 0,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F
        | 0x1F900..=0x1F9FF
        | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Check;
    use crate::text::TextRange;
    use expect_test::expect;

    fn finding(text: &str, needle: &str, severity: Severity) -> Finding {
        let start = text.find(needle).unwrap_or_default();
        Finding {
            check: Check::UnattributedQuote,
            severity,
            range: TextRange::new(start, start + needle.len()),
            message: "quotation has no speaker".to_owned(),
            related: Vec::new(),
        }
    }

    #[test]
    fn a_diagnostic_underlines_its_range_in_code_points() {
        let text = "Intro.\nÉtienne wrote: “Sure,” then left.\n";
        let located = Located::new(text);
        let diagnostic = render(
            "a.txt",
            &located,
            &finding(text, "“Sure,”", Severity::Warning),
            Palette::plain(),
        );
        expect![[r#"
            a.txt:2:16: warning: quotation has no speaker [unattributed-quote]
              |
            2 | Étienne wrote: “Sure,” then left.
              |                ^^^^^^^
        "#]]
        .assert_eq(&diagnostic);
    }

    #[test]
    fn a_long_line_is_cut_around_the_problem() {
        let text = format!(
            "{} “Quoted words.” {}",
            "word ".repeat(40),
            "tail ".repeat(40)
        );
        let located = Located::new(&text);
        let diagnostic = render(
            "long.md",
            &located,
            &finding(&text, "“Quoted words.”", Severity::Error),
            Palette::plain(),
        );
        expect![[r#"
            long.md:1:202: error: quotation has no speaker [unattributed-quote]
              |
            1 | …ord word word word  “Quoted words.” tail tail tail tail tail tail tail tail tail tail tail tail tail…
              |                      ^^^^^^^^^^^^^^^
        "#]]
        .assert_eq(&diagnostic);
    }

    #[test]
    fn a_range_over_several_lines_is_underlined_to_the_end_of_its_first() {
        let text = "“Open\nand closed”";
        let located = Located::new(text);
        let diagnostic = render(
            "x",
            &located,
            &finding(text, text, Severity::Warning),
            Palette::plain(),
        );
        expect![[r#"
            x:1:1: warning: quotation has no speaker [unattributed-quote]
              |
            1 | “Open
              | ^^^^^ …
        "#]]
        .assert_eq(&diagnostic);
    }

    #[test]
    fn related_places_are_notes_with_their_position() {
        let text = "Jane Doe arrived.\n“Yes,” she said.";
        let located = Located::new(text);
        let mut finding = finding(text, "“Yes,”", Severity::Hint);
        finding.related.push(crate::analysis::RelatedRange {
            range: TextRange::new(0, 8),
            message: "“she” is Jane Doe".to_owned(),
        });
        expect![[r#"
            a.txt:2:1: hint: quotation has no speaker [unattributed-quote]
              |
            2 | “Yes,” she said.
              | ^^^^^^
              = note: “she” is Jane Doe (a.txt:1:1)
        "#]]
        .assert_eq(&render("a.txt", &located, &finding, Palette::plain()));
    }

    #[test]
    fn wide_characters_and_tabs_keep_the_underline_aligned() {
        let excerpt = Excerpt::around("日本\t“x”\nnext", "日本\t".len(), "日本\t“x”".len());
        assert_eq!(excerpt.text, "日本 “x”");
        assert_eq!(excerpt.underline_start, 5);
        assert_eq!(excerpt.underline_width, 3);
    }

    #[test]
    fn a_huge_line_is_read_only_around_the_problem() {
        let text = format!("{}“x”{}", "a".repeat(5_000_000), "b".repeat(5_000_000));
        let start = text.find('“').unwrap_or_default();
        let excerpt = Excerpt::around(&text, start, start + "“x”".len());
        assert_eq!(excerpt.text.chars().count(), 102);
        assert!(excerpt.text.starts_with('…') && excerpt.text.ends_with('…'));
        assert_eq!(excerpt.underline_start, 21);
        assert_eq!(excerpt.underline_width, 3);
    }

    #[test]
    fn the_summary_counts_problems_by_severity() {
        let mut tally = Tally::default();
        tally.add(&[]);
        assert_eq!(tally.summary(), "No problems found in 1 file.");
        tally.add(&[Severity::Error, Severity::Warning]);
        assert_eq!(
            tally.summary(),
            "Found 2 problems (1 error, 1 warning) in 1 of 2 files."
        );
        assert!(tally.fails(WarningPolicy::Allow));
    }

    #[test]
    fn warnings_fail_only_when_denied() {
        let tally = Tally {
            files: 1,
            files_with_problems: 1,
            warnings: 1,
            ..Tally::default()
        };
        assert!(!tally.fails(WarningPolicy::Allow));
        assert!(tally.fails(WarningPolicy::Deny));
    }
}
