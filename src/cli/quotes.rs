//! `newsls quotes --speaker NAME PATH...`: one speaker's quotations across a corpus.
//!
//! ```text
//! seeds/a.txt:11:1: Ali Khamenei: “A slap was delivered last night,” — the Leader remarked
//! ```
//!
//! The name is matched against each quotation's speaker and, when the speaker is a named
//! entity, the entity's name and every alias the article uses, as whole words, ignoring case
//! and accents: `khamenei` finds `Ali Khamenei` (and `Ayatollah Khamenei`), `jose` finds
//! `José`, `ali kham` finds nothing. Output as text (one quotation per line), CSV (a header,
//! then one row per quotation) or JSON Lines (one record per quotation).

use std::io::{self, BufWriter, Write};

use anyhow::Result;
use serde::Serialize;

use super::args::{QuotesArgs, QuotesFormat};
use super::schema::{QuoteRecord, SCHEMA_VERSION, quote_record};
use super::{AnalysedFile, Outcome, for_each_file};
use crate::analysis::outline::cue_label;
use crate::analysis::{Analysis, Quote};

/// The CSV columns, in order (documented in README.md and `newsls help quotes`).
pub const CSV_HEADER: &str = "path,line,column,speaker,quote,cue,rule,confidence";

pub fn run(args: &QuotesArgs) -> Result<Outcome> {
    let stdout = io::stdout();
    let out = BufWriter::new(stdout.lock());
    write_quotes(args, out)
}

fn write_quotes(args: &QuotesArgs, mut out: impl Write) -> Result<Outcome> {
    let query = SpeakerQuery::new(&args.speaker);
    if args.format == QuotesFormat::Csv {
        let header: Vec<String> = CSV_HEADER.split(',').map(str::to_owned).collect();
        out.write_all(csv_row(&header).as_bytes())?;
    }
    let mut found = 0;
    let mut files = 0;
    let outcome = for_each_file(
        &args.inputs,
        |file: &AnalysedFile<'_>| render(file, &query, args.format),
        |(count, rendered)| {
            files += 1;
            found += count;
            out.write_all(&rendered?)?;
            out.flush()?;
            Ok(())
        },
    )?;
    out.flush()?;
    if found == 0 && files > 0 {
        eprintln!(
            "newsls: no quotations by '{}' in {files} file{}",
            args.speaker,
            if files == 1 { "" } else { "s" }
        );
    }
    Ok(outcome)
}

/// The rows of one file's quotations by the speaker, and how many there are.
fn render(
    file: &AnalysedFile<'_>,
    query: &SpeakerQuery,
    format: QuotesFormat,
) -> (usize, serde_json::Result<Vec<u8>>) {
    let mut out = Vec::new();
    let mut count = 0;
    for quote in &file.analysis.quotes {
        if !query.matches_quote(quote, &file.analysis) {
            continue;
        }
        count += 1;
        let record = quote_record(&file.located, quote);
        match format {
            QuotesFormat::Text => {
                let cue = cue_label(quote, file.text())
                    .map(|cue| format!(" — {cue}"))
                    .unwrap_or_default();
                out.extend_from_slice(
                    format!(
                        "{}:{}:{}: {}: “{}”{cue}\n",
                        file.name,
                        record.range.start.line,
                        record.range.start.column,
                        record.speaker.as_deref().unwrap_or_default(),
                        one_line(&record.text),
                    )
                    .as_bytes(),
                );
            }
            QuotesFormat::Csv => {
                let fields = [
                    file.name.clone(),
                    record.range.start.line.to_string(),
                    record.range.start.column.to_string(),
                    record.speaker.clone().unwrap_or_default(),
                    record.text.clone(),
                    cue_label(quote, file.text()).unwrap_or_default(),
                    record.rule.unwrap_or_default().to_owned(),
                    record
                        .confidence
                        .map(|confidence| confidence.to_string())
                        .unwrap_or_default(),
                ];
                out.extend_from_slice(csv_row(&fields).as_bytes());
            }
            QuotesFormat::JsonLines => {
                let row = QuoteRow {
                    schema_version: SCHEMA_VERSION,
                    path: &file.name,
                    quote: record,
                };
                match serde_json::to_vec(&row) {
                    Ok(json) => out.extend_from_slice(&json),
                    Err(error) => return (count, Err(error)),
                }
                out.push(b'\n');
            }
        }
    }
    (count, Ok(out))
}

/// One line of `--format jsonl`: the quotation as `extract` describes it, with its file.
#[derive(Serialize)]
struct QuoteRow<'a> {
    schema_version: u32,
    path: &'a str,
    quote: QuoteRecord,
}

/// `text` with every run of white space holding a line break made one space, so that a
/// quotation is one line of text output.
fn one_line(text: &str) -> String {
    if !text.contains(['\n', '\r']) {
        return text.to_owned();
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One CSV record (RFC 4180): fields joined by commas, a field holding a comma, a quotation
/// mark or a line break put in double quotes with its quotation marks doubled; ended by CRLF
/// as the RFC says, which spreadsheets and CSV readers expect.
pub fn csv_row(fields: &[String]) -> String {
    let mut row = String::new();
    for (index, field) in fields.iter().enumerate() {
        if index > 0 {
            row.push(',');
        }
        if field.contains([',', '"', '\n', '\r']) {
            row.push('"');
            row.push_str(&field.replace('"', "\"\""));
            row.push('"');
        } else {
            row.push_str(field);
        }
    }
    row.push_str("\r\n");
    row
}

/// A speaker's name as the words to look for.
pub struct SpeakerQuery {
    words: Vec<String>,
}

impl SpeakerQuery {
    pub fn new(name: &str) -> Self {
        SpeakerQuery {
            words: folded_words(name),
        }
    }

    /// Whether `name` holds the query's words, in order and next to each other, ignoring
    /// case and accents.
    pub fn matches_name(&self, name: &str) -> bool {
        if self.words.is_empty() {
            return false;
        }
        folded_words(name)
            .windows(self.words.len())
            .any(|window| window == self.words.as_slice())
    }

    /// Whether `quote` is attributed to a speaker the query names: by the speaker's name, or
    /// the name or any alias of the entity the speaker is.
    pub fn matches_quote(&self, quote: &Quote, analysis: &Analysis) -> bool {
        let Some(attribution) = &quote.attribution else {
            return false;
        };
        if self.matches_name(&attribution.speaker) {
            return true;
        }
        attribution
            .entity
            .and_then(|id| analysis.entities.get(id.0))
            .is_some_and(|entity| {
                self.matches_name(&entity.name)
                    || entity.aliases.iter().any(|alias| self.matches_name(alias))
            })
    }
}

/// The words of `text` (runs of letters and digits), in lower case without accents.
fn folded_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    for character in text.chars() {
        if is_combining_mark(character) {
            continue;
        }
        if character.is_alphanumeric() {
            fold_into(character, &mut word);
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// Combining diacritical marks (U+0300–U+036F), as in a decomposed `é` (`e` + U+0301).
fn is_combining_mark(character: char) -> bool {
    ('\u{300}'..='\u{36F}').contains(&character)
}

/// The base letters of U+00C0–U+00FF, lower case; `*` keeps the character (×, ÷, þ).
const LATIN_1: &[u8; 64] = b"aaaaaaaceeeeiiiidnooooo*ouuuuy*saaaaaaaceeeeiiiidnooooo*ouuuuy*y";
/// The base letters of U+0100–U+017F (Latin Extended-A), lower case.
const LATIN_EXTENDED_A: &[u8; 128] = b"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/// Appends `character` in lower case without its accent: a cheap fold for the Latin letters
/// of European names (`José`, `Müller`, `Łukasz`, `Ærø`), not a full Unicode normalization.
fn fold_into(character: char, word: &mut String) {
    let code = u32::from(character);
    let folded = match character {
        'Æ' | 'æ' => Some("ae"),
        'Œ' | 'œ' => Some("oe"),
        'ß' => Some("ss"),
        'Ĳ' | 'ĳ' => Some("ij"),
        _ => None,
    };
    if let Some(folded) = folded {
        word.push_str(folded);
        return;
    }
    let base = match code {
        0xC0..=0xFF => LATIN_1.get((code - 0xC0) as usize),
        0x100..=0x17F => LATIN_EXTENDED_A.get((code - 0x100) as usize),
        _ => None,
    };
    match base {
        Some(&base) if base != b'*' => word.push(char::from(base)),
        _ => word.extend(character.to_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::fixture;

    #[test]
    fn names_match_by_whole_words_ignoring_case_and_accents() {
        let query = SpeakerQuery::new("khamenei");
        assert!(query.matches_name("Ali Khamenei"));
        assert!(query.matches_name("Ayatollah Khamenei"));
        assert!(!query.matches_name("Khamen"));
        assert!(SpeakerQuery::new("ALI KHAMENEI").matches_name("Ali Khamenei"));
        assert!(!SpeakerQuery::new("ali kham").matches_name("Ali Khamenei"));
        assert!(!SpeakerQuery::new("khamenei ali").matches_name("Ali Khamenei"));
        assert!(SpeakerQuery::new("jose muller").matches_name("José Müller"));
        assert!(SpeakerQuery::new("Łukasz Sørensen").matches_name("lukasz sorensen"));
        // A decomposed accent (e + U+0301) folds like a composed one.
        assert!(SpeakerQuery::new("jose").matches_name("Jose\u{301}"));
        assert!(SpeakerQuery::new("o'brien").matches_name("Conor O’Brien"));
        assert!(!SpeakerQuery::new("  ").matches_name("Anyone"));
    }

    #[test]
    fn a_quote_matches_by_its_speaker_entity_name_or_alias() {
        let analysis = fixture::analysis();
        let [attributed, unattributed] = analysis.quotes.as_slice() else {
            panic!("the fixture has two quotes");
        };
        for name in ["Khamenei", "ali khamenei", "the leader", "Ayatollah"] {
            assert!(
                SpeakerQuery::new(name).matches_quote(attributed, &analysis),
                "{name}"
            );
        }
        assert!(!SpeakerQuery::new("Qom").matches_quote(attributed, &analysis));
        assert!(!SpeakerQuery::new("Khamenei").matches_quote(unattributed, &analysis));
    }

    #[test]
    fn csv_fields_are_quoted_only_when_they_must_be() {
        let row = csv_row(&[
            "plain".to_owned(),
            "a, b".to_owned(),
            "say \"hi\"".to_owned(),
            "two\nlines".to_owned(),
            String::new(),
        ]);
        assert_eq!(row, "plain,\"a, b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n");
    }
}
