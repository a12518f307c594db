//! `newsls show`: an article as the editor's outline shows it, for people at a terminal.
//!
//! ```text
//! Ali Khamenei · 2 quotes
//!    5:1  “This region does not accept presence of the United States.…”  — he said
//!   12:1  “A slap was delivered last night,”  — the Leader remarked
//! ```
//!
//! Quotations grouped by speaker in order of each speaker's first quotation, then the
//! unattributed ones, then headlines and terms; the entities as People, Organizations and
//! Places; then the findings. Positions are 1-based `line:column`, columns in code points.

use std::io::{self, BufWriter, Write};

use anyhow::Result;

use super::args::ShowArgs;
use super::style::{Palette, Role};
use super::{AnalysedFile, Outcome, for_each_file};
use crate::analysis::outline::cue_label;
use crate::analysis::{EntityKind, Quote, Severity};

/// The longest quotation label, in characters, as in the editor's outline.
const QUOTE_LABEL_CHARS: usize = 60;

pub fn run(args: &ShowArgs) -> Result<Outcome> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let palette = Palette::for_stdout(args.color);
    let mut first = true;
    let outcome = for_each_file(
        &args.inputs,
        |file: &AnalysedFile<'_>| render(file, palette),
        |view: String| {
            if !first {
                out.write_all(b"\n")?;
            }
            first = false;
            out.write_all(view.as_bytes())?;
            out.flush()?;
            Ok(())
        },
    )?;
    Ok(outcome)
}

/// The whole view of one file.
pub fn render(file: &AnalysedFile<'_>, palette: Palette) -> String {
    let analysis = &file.analysis;
    let source = file.text();
    let mut out = String::new();
    let groups = analysis.quotes_by_speaker();
    let speakers = groups
        .iter()
        .filter(|(speaker, _)| speaker.is_some())
        .count();
    out.push_str(&palette.paint(
        Role::Emphasis,
        &format!(
            "{}: {}, {}, {}",
            file.name,
            count(analysis.quotes.len(), "quotation", "quotations"),
            count(speakers, "speaker", "speakers"),
            count(analysis.entities.len(), "entity", "entities"),
        ),
    ));
    out.push('\n');

    for (speaker, ids) in &groups {
        let quotes: Vec<&Quote> = ids.iter().filter_map(|id| analysis.quote(*id)).collect();
        let heading = speaker.unwrap_or("Unattributed");
        out.push('\n');
        out.push_str(&group_heading(
            palette,
            heading,
            &count(quotes.len(), "quote", "quotes"),
        ));
        push_quotes(&mut out, file, &quotes, palette, Detail::Cue);
    }
    let others: Vec<&Quote> = analysis
        .quotes
        .iter()
        .filter(|quote| !quote.kind.expects_speaker())
        .collect();
    if !others.is_empty() {
        out.push('\n');
        out.push_str(&group_heading(
            palette,
            "Headlines and terms",
            &count(others.len(), "quotation", "quotations"),
        ));
        push_quotes(&mut out, file, &others, palette, Detail::Kind);
    }
    if analysis.quotes.is_empty() {
        out.push_str("\nNo quotations.\n");
    }

    for (kind, heading) in [
        (EntityKind::Person, "People"),
        (EntityKind::Organization, "Organizations"),
        (EntityKind::Place, "Places"),
    ] {
        let entities: Vec<_> = analysis
            .entities
            .iter()
            .filter(|entity| entity.kind == kind)
            .collect();
        if entities.is_empty() {
            continue;
        }
        out.push('\n');
        out.push_str(&group_heading(
            palette,
            heading,
            &entities.len().to_string(),
        ));
        for entity in entities {
            let mentions = count(entity.mentions.len(), "mention", "mentions");
            let also = if entity.aliases.is_empty() {
                String::new()
            } else {
                format!("; also {}", entity.aliases.join(", "))
            };
            out.push_str(&format!(
                "  {}  {}\n",
                entity.name,
                palette.paint(Role::Dim, &format!("({mentions}{also})"))
            ));
        }
    }
    if analysis.entities.is_empty() {
        out.push_str("\nNo named entities.\n");
    }

    out.push('\n');
    if analysis.findings.is_empty() {
        out.push_str("No warnings.\n");
    } else {
        out.push_str(&group_heading(
            palette,
            "Warnings",
            &analysis.findings.len().to_string(),
        ));
        let width = position_width(
            file,
            analysis.findings.iter().map(|finding| finding.range.start),
        );
        for finding in &analysis.findings {
            let position = file.located.position(finding.range.start);
            let (role, severity) = match finding.severity {
                Severity::Error => (Role::Error, "error"),
                Severity::Warning => (Role::Warning, "warning"),
                Severity::Information => (Role::Note, "info"),
                Severity::Hint => (Role::Note, "hint"),
            };
            let excerpt = finding.range.slice(source);
            let excerpt = shorten(excerpt.lines().next().unwrap_or(""), QUOTE_LABEL_CHARS);
            out.push_str(&format!(
                "  {:>width$}  {}: {} [{}]  {}\n",
                format!("{}:{}", position.line, position.column),
                palette.paint(role, severity),
                finding.message,
                finding.check.code(),
                palette.paint(Role::Dim, &excerpt),
            ));
        }
    }
    out
}

/// What to show after each quotation's words.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Detail {
    /// The cue that attributed it: `— he said`.
    Cue,
    /// Its kind: `(headline)`.
    Kind,
}

fn push_quotes(
    out: &mut String,
    file: &AnalysedFile<'_>,
    quotes: &[&Quote],
    palette: Palette,
    detail: Detail,
) {
    let width = position_width(file, quotes.iter().map(|quote| quote.range.start));
    for quote in quotes {
        let position = file.located.position(quote.range.start);
        let words = format!("“{}”", quote.opening_words(file.text(), QUOTE_LABEL_CHARS));
        let detail = match detail {
            Detail::Cue => cue_label(quote, file.text())
                .map(|cue| format!("  — {cue}"))
                .unwrap_or_default(),
            Detail::Kind => format!("  ({})", quote.kind.as_str()),
        };
        out.push_str(&format!(
            "  {:>width$}  {words}{}\n",
            format!("{}:{}", position.line, position.column),
            palette.paint(Role::Dim, &detail),
        ));
    }
}

/// The width of the widest `line:column` among `offsets`, to align the column after it.
fn position_width(file: &AnalysedFile<'_>, offsets: impl Iterator<Item = usize>) -> usize {
    offsets
        .map(|offset| {
            let position = file.located.position(offset);
            format!("{}:{}", position.line, position.column).len()
        })
        .max()
        .unwrap_or(0)
}

fn group_heading(palette: Palette, heading: &str, detail: &str) -> String {
    format!(
        "{} {}\n",
        palette.paint(Role::Emphasis, heading),
        palette.paint(Role::Dim, &format!("· {detail}"))
    )
}

/// `text` cut to at most `max_chars` characters, with `…` when cut.
fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

fn count(number: usize, one: &str, many: &str) -> String {
    format!("{number} {}", if number == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Config, DocumentFormat, analyze};
    use crate::cli::schema::Located;
    use expect_test::expect;

    fn view(text: &str) -> String {
        let file = AnalysedFile {
            name: "t.txt".to_owned(),
            format: DocumentFormat::PlainText,
            located: Located::new(text),
            analysis: analyze(text, &Config::default()),
        };
        render(&file, Palette::plain())
    }

    #[test]
    fn a_text_without_quotes_or_names_says_so() {
        expect![[r#"
            t.txt: 0 quotations, 0 speakers, 0 entities

            No quotations.

            No named entities.

            No warnings.
        "#]]
        .assert_eq(&view("nothing here.\n"));
    }

    #[test]
    fn speakers_entities_and_warnings_are_grouped_like_the_outline() {
        use crate::cli::fixture;
        let file = AnalysedFile {
            name: "khamenei.txt".to_owned(),
            format: DocumentFormat::PlainText,
            located: Located::new(fixture::TEXT),
            analysis: fixture::analysis(),
        };
        expect![[r#"
            khamenei.txt: 2 quotations, 1 speaker, 2 entities

            Ali Khamenei · 1 quote
              5:1  “A slap was delivered,”  — the Leader remarked

            Unattributed · 1 quote
              7:1  “Fine.”

            People · 1
              Ali Khamenei  (2 mentions; also Ayatollah Ali Khamenei, the Leader)

            Places · 1
              Qom  (1 mention)

            Warnings · 1
              7:1  warning: quotation has no speaker [unattributed-quote]  “Fine.”
        "#]]
        .assert_eq(&render(&file, Palette::plain()));
    }

    #[test]
    fn shorten_cuts_with_an_ellipsis() {
        assert_eq!(shorten("abcdef", 4), "abc…");
        assert_eq!(shorten("abc", 4), "abc");
    }
}
