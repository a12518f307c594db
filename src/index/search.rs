//! Fuzzy symbol search over the workspace: speakers and entities by name, quotations by their
//! words.
//!
//! Names are ranked by how the folded query matches the folded name: the whole name, a prefix
//! of it, a prefix of one of its words, a substring, then a subsequence (`khm` finds
//! `Khamenei`); within a class, names found in more articles first, then shorter names.
//! Quotations are found through the word index: every query word must start a word of the
//! quotation (`slap` finds “slapped”), whole words first. Names come before quotations, and the
//! results stop at the limit. An empty query finds nothing. Over 10,000 articles a query takes a few milliseconds (see
//! `benches/index.rs`).

use std::collections::HashSet;

use super::{Index, NameId, Place, char_mask, fold_name, folded_words, for_each_folded_word};
use crate::analysis::EntityKind;

/// How a query matched a name, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchClass {
    Exact,
    Prefix,
    WordPrefix,
    Substring,
    Subsequence,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SymbolKind {
    Entity(EntityKind),
    Quote,
}

/// One result of a symbol search.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SymbolHit<'a> {
    pub name: String,
    pub kind: SymbolKind,
    /// For an entity, its kind and how many articles name it; for a quotation, its speaker.
    pub detail: String,
    /// The article to show, and where in it: an entity's first mention in the first article
    /// that names it, or the quotation.
    pub article: &'a str,
    pub place: Place,
    pub class: MatchClass,
}

/// How a folded query matches a folded name.
pub fn match_class(name: &str, query: &str) -> Option<MatchClass> {
    if query.is_empty() {
        return Some(MatchClass::Subsequence);
    }
    if name == query {
        return Some(MatchClass::Exact);
    }
    if name.starts_with(query) {
        return Some(MatchClass::Prefix);
    }
    let mut found = None;
    for (at, _) in name.match_indices(query) {
        if at == 0 || name.as_bytes().get(at - 1) == Some(&b' ') {
            return Some(MatchClass::WordPrefix);
        }
        found = Some(MatchClass::Substring);
    }
    if found.is_some() {
        return found;
    }
    // Folded names are mostly ASCII: compare bytes when the query is, characters otherwise (a
    // byte of a multi-byte character must not match a byte of another).
    let is_subsequence = if query.is_ascii() {
        let mut name_bytes = name.bytes();
        query
            .bytes()
            .filter(|byte| *byte != b' ')
            .all(|wanted| name_bytes.any(|byte| byte == wanted))
    } else {
        let mut name_chars = name.chars();
        query
            .chars()
            .filter(|character| *character != ' ')
            .all(|wanted| name_chars.any(|character| character == wanted))
    };
    is_subsequence.then_some(MatchClass::Subsequence)
}

/// Quotation words shorter than this in a query are not looked up (every quote has an `a`).
const MIN_QUOTE_QUERY: usize = 3;

/// The most quotations checked against a query of several words.
const MAX_QUOTE_CANDIDATES: usize = 20_000;

impl Index {
    /// The speakers, entities and quotations matching `query`, best first, at most `limit`.
    pub fn symbols(&self, query: &str, limit: usize) -> Vec<SymbolHit<'_>> {
        let query = fold_name(query);
        // An empty query (editors send one as the picker opens) would list every name of the
        // workspace, unranked: answer it with nothing until something is typed.
        if query.is_empty() {
            return Vec::new();
        }
        let query_mask = char_mask(&query);
        let short_query = query.chars().count() < 2;
        let mut named: Vec<(MatchClass, std::cmp::Reverse<usize>, usize, NameId)> = Vec::new();
        for (index, scan) in self.scan.iter().enumerate() {
            // Ruled out at once: gone, or lacking a character of the query.
            if !scan.live || query_mask & !scan.mask != 0 {
                continue;
            }
            let Ok(index) = u32::try_from(index) else {
                break;
            };
            let start = scan.start as usize;
            let Some(key) = self.scan_keys.get(start..start + scan.len as usize) else {
                continue;
            };
            let Some(class) = match_class(key, &query) else {
                continue;
            };
            // One letter found anywhere in a name says nothing: a one-letter query matches the
            // starts of names and words only.
            if short_query && class > MatchClass::WordPrefix {
                continue;
            }
            let id = NameId(index);
            // A one-word name that joins a longer one is found through the longer one.
            if scan.single_word && self.resolve(id) != id {
                continue;
            }
            let articles = self.record(id).map_or(0, |record| record.articles.len());
            named.push((class, std::cmp::Reverse(articles), key.len(), id));
        }
        // Only the best `limit` are sorted, and names compared only among them (the selection
        // breaks ties by identity number, the order the names were first indexed).
        if named.len() > limit && limit > 0 {
            named.select_nth_unstable(limit - 1);
            named.truncate(limit);
        }
        named.sort_unstable_by(|one, other| {
            (one.0, one.1, one.2)
                .cmp(&(other.0, other.1, other.2))
                .then_with(|| self.key_of(one.3).cmp(self.key_of(other.3)))
        });
        let mut hits = Vec::new();
        for (class, _, _, id) in named {
            if hits.len() >= limit {
                return hits;
            }
            if let Some(hit) = self.name_hit(id, class) {
                hits.push(hit);
            }
        }
        if query.chars().count() >= MIN_QUOTE_QUERY {
            self.quote_hits(&query, limit, &mut hits);
        }
        hits
    }

    fn key_of(&self, id: NameId) -> &str {
        self.record(id).map_or("", |record| &record.key)
    }

    fn name_hit(&self, id: NameId, class: MatchClass) -> Option<SymbolHit<'_>> {
        let record = self.record(id)?;
        let articles: usize = self
            .group(id)
            .iter()
            .filter_map(|member| self.record(*member))
            .map(|member| member.articles.len())
            .sum();
        let article_id = record
            .articles
            .iter()
            .min_by_key(|article| self.article(**article).map_or("", |article| &*article.key))?;
        let article = self.article(*article_id)?;
        let place = article
            .names
            .iter()
            .zip(&article.summary.names)
            .find(|(name, _)| **name == id)
            .and_then(|(_, summary)| summary.mentions.first().copied())?;
        Some(SymbolHit {
            name: record.display.to_string(),
            kind: SymbolKind::Entity(record.kind),
            detail: format!(
                "{} · {articles} {}",
                record.kind.as_str(),
                super::plural(articles, "article", "articles")
            ),
            article: &article.key,
            place,
            class,
        })
    }

    /// Adds the quotations whose words start with every query word, until `limit` hits.
    fn quote_hits<'a>(&'a self, query: &str, limit: usize, hits: &mut Vec<SymbolHit<'a>>) {
        let words: Vec<String> = folded_words(query).collect();
        if words.is_empty() || hits.len() >= limit {
            return;
        }
        // Look up the word with the fewest quotations; check the others on each candidate.
        let Some(rarest) = words.iter().min_by_key(|word| self.postings_len(word)) else {
            return;
        };
        let mut seen = HashSet::new();
        let mut prefix_hits = Vec::new();
        let mut checked = 0;
        for (word, list) in self.words_starting_with(rarest) {
            let exact = word == rarest.as_str();
            for serial in list {
                // Enough: the exact word's quotations come first, so the rest are prefixes.
                if hits.len() + prefix_hits.len() >= limit || checked >= MAX_QUOTE_CANDIDATES {
                    break;
                }
                if !seen.insert(*serial) {
                    continue;
                }
                checked += 1;
                let Some(hit) = self.quote_hit(*serial, &words) else {
                    continue;
                };
                if exact && hit.class == MatchClass::Exact {
                    hits.push(hit);
                } else {
                    prefix_hits.push(hit);
                }
            }
        }
        for hit in prefix_hits {
            if hits.len() >= limit {
                break;
            }
            hits.push(hit);
        }
    }

    fn postings_len(&self, prefix: &str) -> usize {
        self.words_starting_with(prefix)
            .map(|(_, list)| list.len())
            .sum()
    }

    /// The quotation words starting with `prefix`, in alphabetical order, with their postings.
    fn words_starting_with<'a>(
        &'a self,
        prefix: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a Vec<u32>)> + 'a {
        let sorted = self.sorted_words.get_or_init(|| {
            let mut numbers: Vec<u32> = (0..self.words.len())
                .filter_map(|number| u32::try_from(number).ok())
                .collect();
            numbers.sort_unstable_by(|one, other| {
                self.words
                    .get(*one as usize)
                    .cmp(&self.words.get(*other as usize))
            });
            numbers
        });
        let word = |number: &u32| self.words.get(*number as usize).map_or("", |word| &**word);
        let start = sorted.partition_point(|number| word(number) < prefix);
        sorted
            .get(start..)
            .unwrap_or(&[])
            .iter()
            .take_while(move |number| word(number).starts_with(prefix))
            .filter_map(move |number| {
                Some((
                    self.words.get(*number as usize).map(|word| &**word)?,
                    self.postings.get(*number as usize)?,
                ))
            })
    }

    /// The hit for quotation `serial` if every query word starts one of its words; `Exact` when
    /// every query word is one of its words.
    fn quote_hit(&self, serial: u32, words: &[String]) -> Option<SymbolHit<'_>> {
        let (article_id, index) = (*self.quote_serials.get(serial as usize)?)?;
        let article = self.article(article_id)?;
        let quote = article.summary.quotes.get(index as usize)?;
        // For each query word: 2 when a word of the quotation is that word, 1 when one starts
        // with it, 0 when none does.
        let mut found = vec![0u8; words.len()];
        let mut count = 0;
        for_each_folded_word(&quote.text, &mut String::new(), |word| {
            count += 1;
            if count > super::INDEXED_WORDS_PER_QUOTE {
                return;
            }
            for (wanted, found) in words.iter().zip(found.iter_mut()) {
                if word == wanted.as_str() {
                    *found = 2;
                } else if *found == 0 && word.starts_with(wanted.as_str()) {
                    *found = 1;
                }
            }
        });
        if found.contains(&0) {
            return None;
        }
        let exact = found.iter().all(|found| *found == 2);
        let speaker = quote
            .speaker
            .and_then(|name| article.names.get(name as usize))
            .and_then(|id| self.display_name(*id))
            .map(str::to_owned)
            .or_else(|| quote.described_speaker.as_deref().map(str::to_owned))
            .unwrap_or_else(|| "no speaker".to_owned());
        Some(SymbolHit {
            name: opening_words(&quote.text, 60),
            kind: SymbolKind::Quote,
            detail: speaker,
            article: &article.key,
            place: quote.place,
            class: if exact {
                MatchClass::Exact
            } else {
                MatchClass::WordPrefix
            },
        })
    }
}

/// The opening words of `text`, at most `max_chars` characters, cut at a space with `…`.
fn opening_words(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return format!("“{text}”");
    }
    let cut: String = text.chars().take(max_chars).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > 0 => cut.get(..space).unwrap_or(&cut),
        _ => cut.as_str(),
    };
    format!("“{}…”", cut.trim_end_matches([',', ';', ':', ' ', '.']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_rank_exact_prefix_word_prefix_substring_subsequence() {
        assert_eq!(
            match_class("ali khamenei", "ali khamenei"),
            Some(MatchClass::Exact)
        );
        assert_eq!(
            match_class("ali khamenei", "ali kh"),
            Some(MatchClass::Prefix)
        );
        assert_eq!(
            match_class("ali khamenei", "khamenei"),
            Some(MatchClass::WordPrefix)
        );
        assert_eq!(
            match_class("ali khamenei", "amen"),
            Some(MatchClass::Substring)
        );
        assert_eq!(
            match_class("ali khamenei", "akh"),
            Some(MatchClass::Subsequence)
        );
        assert_eq!(match_class("ali khamenei", "soleimani"), None);
    }

    #[test]
    fn long_quotes_are_cut_at_a_word() {
        assert_eq!(opening_words("short one", 60), "“short one”");
        assert_eq!(
            opening_words(
                "This region does not accept presence of the United States",
                20
            ),
            "“This region does…”"
        );
    }
}
