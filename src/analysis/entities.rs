//! Named entities: people, organizations and places, found by capitalization patterns and
//! gazetteers, with their mentions clustered by alias rules. No statistical model: every
//! decision is a rule over the words and the word lists of [`super::gazetteer`], so the result
//! is deterministic and the work linear in the text.
//!
//! Three steps, one submodule each: [`tokens`] splits paragraphs into words and marks those
//! whose capital letter proves nothing (sentence starts, title-case headlines); [`candidates`]
//! turns runs of capitalized words into mentions, keeping titles and role phrases out of the
//! names (`Leader of the Islamic Revolution Ayatollah Ali Khamenei` → the person `Ali Khamenei`
//! with the roles `leader` and `ayatollah`); [`clusters`] joins the mentions into entities
//! (`Khamenei` joins `Ali Khamenei`, `U.S.` joins `United States`) and adds the role nouns
//! (`the Leader`) as mentions of the person they introduced.

mod candidates;
mod clusters;
mod tokens;

use std::collections::HashSet;

use super::gazetteer::gazetteer;
use super::prose::Prose;
use super::{Entity, MetadataKind, MetadataLine, Quote};

/// Finds the named entities of the prose, in order of first mention.
pub fn recognize(prose: &Prose<'_>, quotes: &[Quote], metadata: &[MetadataLine]) -> Vec<Entity> {
    let text = prose.text();
    let gazetteer = gazetteer();
    // The first word of each quotation starts a sentence of its own.
    let mut quote_starts: Vec<usize> = quotes
        .iter()
        .flat_map(|quote| quote.pieces.iter().map(|piece| piece.content.start))
        .collect();
    quote_starts.sort_unstable();
    let paragraphs: Vec<Vec<tokens::Token<'_>>> = prose
        .paragraphs()
        .iter()
        .map(|&paragraph| {
            let headline = metadata.iter().any(|line| {
                line.kind == MetadataKind::Headline && line.range.intersects(paragraph)
            });
            let title_case = headline && is_title_case(prose.slice(paragraph));
            let start = quote_starts.partition_point(|&offset| offset < paragraph.start);
            let end = quote_starts.partition_point(|&offset| offset <= paragraph.end);
            tokens::tokenize(text, paragraph, &quote_starts[start..end], title_case)
        })
        .collect();
    let strong_words: HashSet<&str> = paragraphs
        .iter()
        .flatten()
        .filter(|token| token.capitalized && !token.weak && !gazetteer.is_not_name(token.text))
        .map(|token| token.text)
        .collect();
    let lowercase_words: HashSet<&str> = paragraphs
        .iter()
        .flatten()
        .filter(|token| !token.text.chars().any(char::is_uppercase))
        .map(|token| token.text)
        .collect();
    let mut finder = candidates::Finder {
        text,
        gazetteer,
        strong_words: &strong_words,
        lowercase_words: &lowercase_words,
        mentions: Vec::new(),
    };
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
