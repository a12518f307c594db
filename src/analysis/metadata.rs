//! Lines that describe the article rather than tell it: headline, byline, dateline, source line.
//!
//! - a headline: the first paragraph when it is one short line that does not read as a
//!   sentence of the body (no final period), and Markdown headings (`# …`);
//! - a byline: `By Jane Doe`, `By Jane Doe and John Roe, Reuters`, near the top;
//! - a dateline: the `WASHINGTON (Reuters) —` or `KYIV, Ukraine (AP) —` prefix of a paragraph
//!   near the top (the range is the prefix only), or a paragraph that is just a date, as
//!   Wikinews writes them (`Sunday, September 15, 2019`);
//! - a source line: `Source: Tehran Times`, anywhere.
//!
//! Everything here is a check on one paragraph or line, so the work is linear in the text.

use super::prose::Prose;
use super::{MetadataKind, MetadataLine};
use crate::text::TextRange;

/// How many paragraphs from the top may hold a byline or a dateline.
const TOP_PARAGRAPHS: usize = 6;

/// The longest headline, in words.
const HEADLINE_MAX_WORDS: usize = 30;

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
];

const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Finds the article's metadata lines, in text order.
pub fn detect(prose: &Prose<'_>) -> Vec<MetadataLine> {
    let mut lines = Vec::new();
    let mut seen_body = false;
    for (index, &paragraph) in prose.paragraphs().iter().enumerate() {
        let content = prose.slice(paragraph);
        let near_top = index < TOP_PARAGRAPHS;
        if let Some(range) = markdown_heading(content, paragraph) {
            lines.push(MetadataLine {
                kind: MetadataKind::Headline,
                range,
            });
            continue;
        }
        if is_source_line(content) {
            lines.push(MetadataLine {
                kind: MetadataKind::SourceLine,
                range: paragraph,
            });
            continue;
        }
        if near_top && !seen_body {
            if is_byline(content) {
                lines.push(MetadataLine {
                    kind: MetadataKind::Byline,
                    range: paragraph,
                });
                continue;
            }
            if is_date_line(content) {
                lines.push(MetadataLine {
                    kind: MetadataKind::Dateline,
                    range: paragraph,
                });
                continue;
            }
            if index == 0 && is_headline(content) {
                lines.push(MetadataLine {
                    kind: MetadataKind::Headline,
                    range: paragraph,
                });
                continue;
            }
            if let Some(length) = dateline_prefix(content) {
                let range = TextRange::new(paragraph.start, paragraph.start + length);
                lines.push(MetadataLine {
                    kind: MetadataKind::Dateline,
                    range,
                });
            }
            seen_body = true;
        }
    }
    lines
}

/// A Markdown ATX heading (`# Title`): the range of its words, without the `#` marks.
fn markdown_heading(content: &str, paragraph: TextRange) -> Option<TextRange> {
    if content.contains('\n') {
        return None;
    }
    let hashes = content.bytes().take_while(|&byte| byte == b'#').count();
    if !(1..=6).contains(&hashes) || !content[hashes..].starts_with(' ') {
        return None;
    }
    let words = content[hashes..].trim_start();
    let words = words.trim_end_matches('#').trim_end();
    if words.is_empty() {
        return None;
    }
    let start = paragraph.start + (content.len() - content[hashes..].trim_start().len());
    Some(TextRange::new(start, start + words.len()))
}

fn is_source_line(content: &str) -> bool {
    ["Source:", "Sources:", "SOURCE:", "SOURCES:"]
        .iter()
        .any(|prefix| content.starts_with(prefix))
        && !content.contains('\n')
        && content.split_whitespace().take(13).count() <= 12
}

/// `By Jane Doe`, `By Jane Doe and John Roe, Reuters`, `BY JANE DOE`.
fn is_byline(content: &str) -> bool {
    let Some(rest) = content
        .strip_prefix("By ")
        .or_else(|| content.strip_prefix("BY "))
    else {
        return false;
    };
    if content.contains('\n') || rest.ends_with(['.', '!', '?', '”', '"']) {
        return false;
    }
    let words: Vec<&str> = rest.split_whitespace().take(13).collect();
    // Names, connected by `and` and commas: every other word starts with a capital letter.
    !words.is_empty()
        && words.len() <= 12
        && words.iter().all(|word| {
            matches!(
                *word,
                "and" | "&" | "in" | "for" | "of" | "de" | "van" | "von" | "|" | "/" | "-" | "—"
            ) || word.chars().next().is_some_and(char::is_uppercase)
        })
}

/// A paragraph that is only a date: `Sunday, September 15, 2019`, `September 15, 2019`,
/// `15 September 2019`.
fn is_date_line(content: &str) -> bool {
    if content.contains('\n') {
        return false;
    }
    // A date has at most four words; a fifth says no without splitting a long paragraph.
    let words: Vec<&str> = content
        .split(|ch: char| ch.is_whitespace() || ch == ',')
        .filter(|word| !word.is_empty())
        .map(|word| word.trim_end_matches('.'))
        .take(5)
        .collect();
    let mut rest = words.as_slice();
    if let Some((first, tail)) = rest.split_first() {
        if WEEKDAYS.contains(first) {
            rest = tail;
        }
    }
    let is_day = |word: &str| {
        let digits = word.trim_end_matches(|ch: char| ch.is_ascii_alphabetic());
        !digits.is_empty() && digits.len() <= 2 && digits.bytes().all(|byte| byte.is_ascii_digit())
    };
    let is_year = |word: &str| word.len() == 4 && word.bytes().all(|byte| byte.is_ascii_digit());
    match rest {
        [first, second, year] => {
            let month_first = MONTHS.contains(first) && is_day(second);
            let day_first = is_day(first) && MONTHS.contains(second);
            (month_first || day_first) && is_year(year)
        }
        [month, day] => MONTHS.contains(month) && is_day(day),
        _ => false,
    }
}

/// The first paragraph as a headline: one short line that does not end like a sentence.
fn is_headline(content: &str) -> bool {
    if content.contains('\n') {
        return false;
    }
    let words = content
        .split_whitespace()
        .take(HEADLINE_MAX_WORDS + 1)
        .count();
    if words == 0 || words > HEADLINE_MAX_WORDS {
        return false;
    }
    let starts_like_text = content.chars().next().is_some_and(|first| {
        first.is_uppercase() || first.is_ascii_digit() || "‘'“\"«".contains(first)
    });
    // A final period ends a sentence, unless it closes an abbreviation (`Washington D.C.`).
    let last_word = content.split_whitespace().next_back().unwrap_or("");
    let ends_like_sentence = content.ends_with(['!', ',', ';'])
        || (content.ends_with('.')
            && !last_word.trim_end_matches('.').contains('.')
            && !last_word.ends_with("..."));
    starts_like_text && !ends_like_sentence
}

/// The length of a dateline at the start of a paragraph: `WASHINGTON (Reuters) — `, `KYIV,
/// Ukraine (AP) -- `, `LONDON, Jan. 5 (Reuters) - `, ending after the dash.
fn dateline_prefix(content: &str) -> Option<usize> {
    // The place: one to four words in capitals (`WASHINGTON`, `NEW YORK`, `KYIV,`).
    let mut place_end = 0;
    for word in content.split(' ').take(4) {
        let bare = word.trim_end_matches(',');
        let capitals = !bare.is_empty()
            && bare.chars().any(char::is_uppercase)
            && bare
                .chars()
                .all(|ch| ch.is_uppercase() || matches!(ch, '.' | '-' | '\'' | '’'));
        if !capitals {
            break;
        }
        place_end += word.len() + 1;
        if word.ends_with(',') {
            break;
        }
    }
    let place = content
        .get(..place_end.saturating_sub(1))?
        .trim_end_matches(',');
    if place.chars().filter(|ch| ch.is_uppercase()).count() < 3 {
        return None;
    }
    // Then, close by, an optional region or date after a comma, an optional agency in
    // parentheses, and a dash.
    let rest = &content[place.len()..];
    let window_end = rest
        .char_indices()
        .nth(60)
        .map_or(rest.len(), |(offset, _)| offset);
    let window = &rest[..window_end];
    for dash in [" — ", " – ", " -- ", " - ", "—"] {
        let Some(position) = window.find(dash) else {
            continue;
        };
        let between = window[..position].trim();
        let plausible = (between.is_empty() || between.starts_with([',', '(']))
            && between.split_whitespace().count() <= 6
            && !between.contains(['!', '?', '“', '"', ';']);
        if plausible {
            return Some(place.len() + position + dash.trim_end().len());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use super::*;
    use crate::analysis::DocumentFormat;

    fn check(text: &str, expected: Expect) {
        let prose = Prose::new(text, DocumentFormat::PlainText);
        let lines: String = detect(&prose)
            .iter()
            .map(|line| format!("{}: {:?}\n", line.kind.as_str(), line.range.slice(text)))
            .collect();
        expected.assert_eq(&lines);
    }

    #[test]
    fn headline_and_source_line_of_the_sample() {
        let text = include_str!("../../seeds/000_2c8c7d61181d0d35.txt");
        check(
            text,
            expect![[r#"
            headline: "Ayatollah Khamenei: Americans must leave the region"
            source: "Source: Tehran Times"
        "#]],
        );
    }

    #[test]
    fn byline_with_two_names_and_an_agency() {
        check(
            "Storm hits coast\n\nBy Jane Doe and John Roe, Reuters\n\nThe storm came ashore on Monday.",
            expect![[r#"
                headline: "Storm hits coast"
                byline: "By Jane Doe and John Roe, Reuters"
            "#]],
        );
    }

    #[test]
    fn dateline_prefix_is_only_the_prefix() {
        check(
            "WASHINGTON (Reuters) — The Senate voted on Tuesday.\n\nMore text followed.",
            expect![[r#"
                dateline: "WASHINGTON (Reuters) —"
            "#]],
        );
        check(
            "KYIV, Ukraine (AP) — Sirens sounded overnight.",
            expect![[r#"
                dateline: "KYIV, Ukraine (AP) —"
            "#]],
        );
    }

    #[test]
    fn wikinews_date_line() {
        check(
            "Magnitogorsk apartment building collapses after explosion, dozens dead\n\nFriday, January 4, 2019 \n\nAn apartment building collapsed on Monday.",
            expect![[r#"
                headline: "Magnitogorsk apartment building collapses after explosion, dozens dead"
                dateline: "Friday, January 4, 2019"
            "#]],
        );
    }

    #[test]
    fn a_first_sentence_is_not_a_headline() {
        check("The council met on Monday.\n\nIt voted.", expect![[r#""#]]);
        check(
            "By the time the police arrived, the crowd had gone.\n\nNobody was hurt.",
            expect![[r#""#]],
        );
    }

    #[test]
    fn headline_ending_in_an_abbreviation_and_markdown_headings() {
        check(
            "Rally held in Washington D.C.\n\nText.",
            expect![[r#"
            headline: "Rally held in Washington D.C."
        "#]],
        );
        check(
            "# Council votes\n\nText.\n\n## Reactions\n\nMore.",
            expect![[r#"
                headline: "Council votes"
                headline: "Reactions"
            "#]],
        );
    }

    #[test]
    fn dateline_variants_with_dates_and_plain_dashes() {
        check(
            "WASHINGTON, March 3 (Reuters) - Lawmakers met.",
            expect![[r#"
                dateline: "WASHINGTON, March 3 (Reuters) -"
            "#]],
        );
        check(
            "NEW YORK (AP) — Markets fell.",
            expect![[r#"
            dateline: "NEW YORK (AP) —"
        "#]],
        );
        check(
            "LONDON -- Rain fell.",
            expect![[r#"
            dateline: "LONDON --"
        "#]],
        );
        check(
            "NASA said on Monday - in a statement - that it would wait.",
            expect![""],
        );
    }

    #[test]
    fn byline_variants() {
        check(
            "Title here\n\nBY JANE DOE, Associated Press\n\nText.",
            expect![[r#"
            headline: "Title here"
            byline: "BY JANE DOE, Associated Press"
        "#]],
        );
        check(
            "Title here\n\nBy Jane Doe | Reuters\n\nText.",
            expect![[r#"
                headline: "Title here"
                byline: "By Jane Doe | Reuters"
            "#]],
        );
    }
}
