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
    fn add(&mut self, findings: &[Finding]) {
        self.files += 1;
        if !findings.is_empty() {
            self.files_with_problems += 1;
        }
        for finding in findings {
            match finding.severity {
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
    let read_outcome = for_each_file(&args.inputs, |file: &AnalysedFile<'_>| {
        tally.add(&file.analysis.findings);
        match args.format {
            CheckFormat::Text => {
                for finding in &file.analysis.findings {
                    let diagnostic = render(&file.name, &file.located, finding, palette);
                    out.write_all(diagnostic.as_bytes())?;
                }
                out.flush()?;
            }
            CheckFormat::Json => {
                for finding in &file.analysis.findings {
                    let record = DiagnosticRecord {
                        schema_version: SCHEMA_VERSION,
                        path: file.name.clone(),
                        finding: finding_record(&file.located, finding),
                    };
                    array.element(&mut out, &record)?;
                }
            }
        }
        Ok(())
    })?;
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
    let line = located.line_text(start.line);
    let first_column = start.column - 1;
    // A range running over several lines is underlined to the end of its first line.
    let last_column = if end.line == start.line {
        end.column - 1
    } else {
        line.chars().count()
    };
    let excerpt = Excerpt::new(&line, first_column, last_column);
    let number = start.line.to_string();
    let gutter = " ".repeat(number.len());
    let bar = palette.paint(Role::Gutter, "|");
    text.push_str(&format!("{gutter} {bar}\n"));
    text.push_str(&format!(
        "{} {bar} {}\n",
        palette.paint(Role::Gutter, &number),
        excerpt.text
    ));
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
    /// The excerpt of `line` underlining code points `first..last` (0-based, `last`
    /// exclusive). Tabs and control characters are shown as spaces so the columns stay
    /// aligned; wide (CJK) characters count two columns; a line too long is cut around the
    /// range with `…` at the cut ends.
    fn new(line: &str, first: usize, last: usize) -> Self {
        let chars: Vec<char> = line
            .chars()
            .map(|ch| if ch.is_control() { ' ' } else { ch })
            .collect();
        let first = first.min(chars.len());
        let last = last.clamp(first, chars.len());
        let total_width: usize = chars.iter().map(|&ch| display_width(ch)).sum();
        let (window_start, window_end) = if total_width <= MAX_EXCERPT_WIDTH {
            (0, chars.len())
        } else {
            let window_start = first.saturating_sub(CONTEXT_BEFORE);
            let mut window_end = window_start;
            let mut width = 0;
            while window_end < chars.len() {
                let next = chars
                    .get(window_end)
                    .map_or(0, |&character| display_width(character));
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
        if window_start > 0 {
            text.push('…');
            underline_start += 1;
        }
        text.extend(slice(window_start, window_end));
        if window_end < chars.len() {
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
    fn wide_characters_and_tabs_keep_the_underline_aligned() {
        let excerpt = Excerpt::new("日本\t“x”", 3, 6);
        assert_eq!(excerpt.text, "日本 “x”");
        assert_eq!(excerpt.underline_start, 5);
        assert_eq!(excerpt.underline_width, 3);
    }

    #[test]
    fn the_summary_counts_problems_by_severity() {
        let mut tally = Tally::default();
        tally.add(&[]);
        assert_eq!(tally.summary(), "No problems found in 1 file.");
        let text = "“a” “b”";
        tally.add(&[
            finding(text, "“a”", Severity::Error),
            finding(text, "“b”", Severity::Warning),
        ]);
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
