//! Named entities: people, organizations and places, found by capitalization patterns and
//! gazetteers, with their mentions clustered by alias rules. No statistical model: every
//! decision is a rule over the words and the word lists of the `gazetteer` module, so the result
//! is deterministic and the work linear in the text.
//!
//! Three steps, one submodule each: `tokens` splits paragraphs into words and marks those
//! whose capital letter proves nothing (sentence starts, title-case headlines); `candidates`
//! turns runs of capitalized words into mentions, keeping titles and role phrases out of the
//! names (`Leader of the Islamic Revolution Ayatollah Ali Khamenei` → the person `Ali Khamenei`
//! with the roles `leader` and `ayatollah`); `clusters` joins the mentions into entities
//! (`Khamenei` joins `Ali Khamenei`, `U.S.` joins `United States`) and adds the role nouns
//! (`the Leader`) as mentions of the person they introduced. Names are compared without
//! diacritics (`Kaczynski` is `Kaczyński`).
//!
//! Metadata matters here only for capitals: a title-case headline proves nothing about names,
//! and the word after a dateline starts a sentence.

mod candidates;
mod clusters;
mod tokens;

use super::gazetteer::{WordFlags, gazetteer};
use super::prose::Prose;
use super::word_table::WordTable;
use super::{Entity, MetadataKind, MetadataLine, Quote};
use crate::text::TextRange;

/// Finds the named entities of the prose, in order of first mention.
pub fn recognize(prose: &Prose<'_>, quotes: &[Quote], metadata: &[MetadataLine]) -> Vec<Entity> {
    let text = prose.text();
    let gazetteer = gazetteer();
    // The first word of each quotation starts a sentence of its own.
    let mut quote_starts: Vec<usize> = quotes
        .iter()
        .flat_map(|quote| quote.pieces.iter().map(|piece| piece.content.start))
        .collect();
    // So does the first word after a dateline (`WASHINGTON (Reuters) — Senators voted`).
    for line in metadata
        .iter()
        .filter(|line| line.kind == MetadataKind::Dateline)
    {
        let rest = text.get(line.range.end..).unwrap_or("");
        let word = rest.len() - rest.trim_start().len();
        quote_starts.push(line.range.end + word);
    }
    quote_starts.sort_unstable();
    // Metadata lines come in text order, one per paragraph at most.
    let headlines: Vec<TextRange> = metadata
        .iter()
        .filter(|line| line.kind == MetadataKind::Headline)
        .map(|line| line.range)
        .collect();
    // The words of all paragraphs in one vector, and where each paragraph's words are in it.
    let mut all_tokens: Vec<tokens::Token<'_>> = Vec::with_capacity(text.len() / 6 + 1);
    let mut paragraph_tokens: Vec<std::ops::Range<usize>> =
        Vec::with_capacity(prose.paragraphs().len());
    for &paragraph in prose.paragraphs() {
        let first_not_before = headlines.partition_point(|line| line.end <= paragraph.start);
        let headline = headlines
            .get(first_not_before)
            .is_some_and(|line| line.intersects(paragraph));
        let title_case = headline && is_title_case(prose.slice(paragraph));
        let start = quote_starts.partition_point(|&offset| offset < paragraph.start);
        let end = quote_starts.partition_point(|&offset| offset <= paragraph.end);
        let first_token = all_tokens.len();
        tokens::tokenize(
            gazetteer,
            text,
            paragraph,
            &quote_starts[start..end],
            title_case,
            &mut all_tokens,
        );
        paragraph_tokens.push(first_token..all_tokens.len());
    }
    // Capitalized words seen away from sentence starts, and words seen in lowercase.
    let token_count = all_tokens.len();
    let mut strong_words: WordTable<()> = WordTable::with_capacity(token_count / 8);
    let mut lowercase_words: WordTable<()> = WordTable::with_capacity(token_count / 4);
    for token in &all_tokens {
        if token.capitalized {
            if !token.weak && !token.is(WordFlags::NOT_NAME) {
                strong_words.insert(token.text, ());
            }
        } else if token.text.len() > 2 && token.text.bytes().all(|byte| !byte.is_ascii_uppercase())
        {
            lowercase_words.insert(token.text, ());
        }
    }
    for token in &mut all_tokens {
        if token.capitalized && strong_words.contains(token.text) {
            token.flags.insert(WordFlags::STRONG);
        }
    }
    let mut finder = candidates::Finder {
        text,
        gazetteer,
        lowercase_words: &lowercase_words,
        datelines: metadata
            .iter()
            .filter(|line| line.kind == MetadataKind::Dateline)
            .map(|line| line.range)
            .collect(),
        mentions: Vec::new(),
    };
    let paragraphs: Vec<&[tokens::Token<'_>]> = paragraph_tokens
        .into_iter()
        .map(|range| all_tokens.get(range).unwrap_or_default())
        .collect();
    for tokens in &paragraphs {
        finder.paragraph(tokens);
    }
    let clusterer = clusters::Clusterer {
        text,
        gazetteer,
        mentions: finder.mentions,
    };
    clusterer.entities(&paragraphs)
}

/// The place a nationality word names: `Iranian` and `Iranians` → `Iran`. Nationality words
/// are not entities themselves; a later stage may still want the place they point to.
pub fn place_of_demonym(word: &str) -> Option<&'static str> {
    gazetteer().demonym_place(word)
}

/// Whether most words of a line start with a capital letter, as in `Oil Facilities Hit by
/// Drones`, where capitals say nothing about names.
fn is_title_case(line: &str) -> bool {
    let mut words = 0;
    let mut capitalized = 0;
    for word in line.split_whitespace() {
        let Some(first) = word.chars().find(|ch| ch.is_alphanumeric()) else {
            continue;
        };
        // Short function words stay lowercase even in title case.
        if word.len() <= 3 && first.is_lowercase() {
            continue;
        }
        words += 1;
        if first.is_uppercase() {
            capitalized += 1;
        }
    }
    words >= 3 && capitalized * 4 >= words * 3
}

#[cfg(test)]
mod tests;
