//! The workspace index: what every article of the workspace says, kept small enough for tens of
//! thousands of articles, and the questions asked across them (issue 5): who is quoted where,
//! fuzzy symbol search, references of a speaker or entity in every article, counts, and
//! misquotes.
//!
//! Pure: it is handed article keys (a URI or path, as the caller likes), texts and analyses; it
//! does no I/O and knows no protocol types. Positions are kept as lines and UTF-8 columns
//! ([`Place`]), computed through the one position converter in `crate::text`.
//!
//! # Identity across articles
//!
//! Each entity is known by its kind and folded canonical name ([`fold_name`]: case, accents and
//! punctuation folded): `Ali Khamenei` and `ALI KHAMENEÏ` are one. A person named by one word
//! only (an article that says just `Khamenei`, which the analysis may even take for an
//! organization) joins the one person of the workspace with a longer name ending in that word
//! (`Ali Khamenei`), when there is exactly one; with two (`Ali Khamenei`, `Mojtaba Khamenei`)
//! the short name stays on its own. The join is decided at
//! query time, so it follows the articles as they come and go.
//!
//! # Size
//!
//! Per article: its entities (name, aliases, mention places) and quotations (text, place,
//! speaker); across articles: one record per identity and a word index of quotations for
//! symbol search. About a third of the article text in all (see `benches/index.rs`).

mod fold;
pub mod gitignore;
mod hash;
mod search;
mod summary;

use std::collections::HashSet;
use std::sync::OnceLock;

pub use fold::{char_mask, fold_name, folded_words, for_each_folded_word};
pub use search::{MatchClass, SymbolHit, SymbolKind};
pub use summary::{ArticleSummary, NameSummary, Place, QuoteSummary};

use hash::FxHashMap;

use crate::analysis::misquote::{self, Candidate, Difference, Thresholds};
use crate::analysis::{EntityKind, QuoteKind};

/// An identity: one entity across the workspace, by kind and folded name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NameId(u32);

/// A stored article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct ArticleId(u32);

struct Article {
    key: Box<str>,
    summary: ArticleSummary,
    /// The identity of each of `summary.names`.
    names: Vec<NameId>,
    /// The serial number of the article's first quotation in the word index; its quotations
    /// have consecutive serials.
    first_quote: u32,
}

/// One identity: the articles that name it.
struct NameRecord {
    kind: EntityKind,
    /// The folded name.
    key: Box<str>,
    /// The name as first written.
    display: Box<str>,
    /// The articles naming it (each once).
    articles: Vec<ArticleId>,
}

/// What symbol search reads of a name record (see [`Index::scan`]).
#[derive(Clone, Copy, Debug)]
struct NameScan {
    start: u32,
    len: u32,
    mask: u64,
    live: bool,
    single_word: bool,
}

/// How often a speaker or entity occurs in the workspace.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Quotations attributed to it.
    pub quotes: usize,
    /// Articles with at least one of those quotations.
    pub quoted_in: usize,
    /// Mentions of it.
    pub mentions: usize,
    /// Articles that mention it.
    pub articles: usize,
}

impl Counts {
    /// `12 quotes in 5 articles`.
    pub fn describe_quotes(&self) -> String {
        format!(
            "{} {} in {} {}",
            self.quotes,
            plural(self.quotes, "quote", "quotes"),
            self.quoted_in,
            plural(self.quoted_in, "article", "articles")
        )
    }
}

/// `singular` for one, `plural` otherwise.
pub fn plural(count: usize, singular: &'static str, plural: &'static str) -> &'static str {
    if count == 1 { singular } else { plural }
}

/// The places where an identity occurs in one article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrences<'a> {
    pub article: &'a str,
    /// Mentions of the name, in text order.
    pub mentions: Vec<Place>,
    /// Quotations attributed to it, in text order.
    pub quotes: Vec<Place>,
}

/// A misquote seen from one article: its quotation, and the other article's.
#[derive(Clone, Debug, PartialEq)]
pub struct MisquoteReport {
    /// The speaker's name.
    pub speaker: String,
    /// The quotation in this article.
    pub here: Place,
    pub here_text: String,
    pub other_article: String,
    pub other: Place,
    pub other_text: String,
    /// The differences, from this article's quotation to the other's.
    pub differences: Vec<Difference>,
}

impl MisquoteReport {
    /// `“slap” → “blow”; “not” dropped`.
    pub fn describe_differences(&self) -> String {
        self.differences
            .iter()
            .map(Difference::describe)
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// The index of every article of a workspace.
#[derive(Default)]
pub struct Index {
    articles: Vec<Option<Article>>,
    free_slots: Vec<ArticleId>,
    by_key: FxHashMap<Box<str>, ArticleId>,
    names: Vec<NameRecord>,
    /// For symbol search, what is needed of each name in one contiguous place: its folded
    /// name in `scan_keys`, its character mask, whether any article names it.
    scan: Vec<NameScan>,
    scan_keys: String,
    /// Folded name → its identity as a person, an organization and a place.
    name_ids: FxHashMap<Box<str>, [Option<NameId>; 3]>,
    /// Multi-word person names by their last word, for joining one-word names.
    surnames: FxHashMap<Box<str>, Vec<NameId>>,
    /// Folded quotation words, by word number.
    words: Vec<Box<str>>,
    word_numbers: FxHashMap<Box<str>, u32>,
    /// Word number → serial numbers of the quotations containing the word.
    postings: Vec<Vec<u32>>,
    /// Word numbers in the words' alphabetical order, for prefix search; made on the first
    /// search after a new word.
    sorted_words: OnceLock<Vec<u32>>,
    /// Serial number → (article, quotation index); `None` once the article is gone.
    quote_serials: Vec<Option<(ArticleId, u32)>>,
    dead_serials: usize,
}

/// The slot of a kind in [`Index::name_ids`].
fn kind_slot(kind: EntityKind) -> usize {
    match kind {
        EntityKind::Person => 0,
        EntityKind::Organization => 1,
        EntityKind::Place => 2,
    }
}

/// The kinds of one-word names that may join a person's longer name. A surname alone is often
/// taken for an organization (`Khamenei said`, with nothing to say it is a person), so an
/// organization's one-word name joins too, when exactly one person of the workspace has a
/// name ending in that word.
const JOINS_A_PERSON: [EntityKind; 2] = [EntityKind::Person, EntityKind::Organization];

/// The most words of one quotation put in the word index (the opening of a very long
/// quotation is enough to find it).
const INDEXED_WORDS_PER_QUOTE: usize = 64;

impl Index {
    pub fn new() -> Self {
        Self::default()
    }

    /// How many articles are indexed.
    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }

    /// How many distinct names (identities before one-word names join) were ever indexed.
    pub fn identities(&self) -> usize {
        self.names.len()
    }

    pub fn contains(&self, key: &str) -> bool {
        self.by_key.contains_key(key)
    }

    /// The keys of the indexed articles, in no particular order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.by_key.keys().map(|key| &**key)
    }

    /// The summary kept for an article.
    pub fn summary(&self, key: &str) -> Option<&ArticleSummary> {
        self.article_by_key(key).map(|article| &article.summary)
    }

    fn article(&self, id: ArticleId) -> Option<&Article> {
        self.articles.get(id.0 as usize).and_then(Option::as_ref)
    }

    fn article_by_key(&self, key: &str) -> Option<&Article> {
        self.by_key.get(key).and_then(|id| self.article(*id))
    }

    fn record(&self, id: NameId) -> Option<&NameRecord> {
        self.names.get(id.0 as usize)
    }

    /// Adds an article, or replaces the one with the same key.
    pub fn insert(&mut self, key: &str, summary: ArticleSummary) {
        self.remove(key);
        let id = match self.free_slots.pop() {
            Some(id) => id,
            None => {
                let Ok(next) = u32::try_from(self.articles.len()) else {
                    return; // Four billion articles: no room left; the article is not indexed.
                };
                self.articles.push(None);
                ArticleId(next)
            }
        };
        let names: Vec<NameId> = summary
            .names
            .iter()
            .map(|name| self.intern(name.kind, &name.name, id))
            .collect();
        let first_quote = u32::try_from(self.quote_serials.len()).unwrap_or(u32::MAX);
        let mut buffer = String::new();
        let mut numbers: Vec<u32> = Vec::new();
        for (index, quote) in summary.quotes.iter().enumerate() {
            let Ok(index) = u32::try_from(index) else {
                break;
            };
            let Ok(serial) = u32::try_from(self.quote_serials.len()) else {
                break;
            };
            self.quote_serials.push(Some((id, index)));
            if !quote.kind.expects_speaker() {
                continue;
            }
            numbers.clear();
            let mut count = 0;
            for_each_folded_word(&quote.text, &mut buffer, |word| {
                count += 1;
                if count > INDEXED_WORDS_PER_QUOTE {
                    return;
                }
                let number = match self.word_numbers.get(word) {
                    Some(number) => *number,
                    None => {
                        let number = u32::try_from(self.words.len()).unwrap_or(u32::MAX);
                        self.words.push(word.into());
                        self.word_numbers.insert(word.into(), number);
                        self.postings.push(Vec::new());
                        self.sorted_words = OnceLock::new();
                        number
                    }
                };
                numbers.push(number);
            });
            numbers.sort_unstable();
            numbers.dedup();
            for number in &numbers {
                if let Some(list) = self.postings.get_mut(*number as usize) {
                    list.push(serial);
                }
            }
        }
        self.by_key.insert(key.into(), id);
        if let Some(slot) = self.articles.get_mut(id.0 as usize) {
            *slot = Some(Article {
                key: key.into(),
                summary,
                names,
                first_quote,
            });
        }
    }

    /// Removes an article; returns whether it was there.
    pub fn remove(&mut self, key: &str) -> bool {
        let Some(id) = self.by_key.remove(key) else {
            return false;
        };
        let Some(article) = self.articles.get_mut(id.0 as usize).and_then(Option::take) else {
            return false;
        };
        for name in &article.names {
            if let Some(record) = self.names.get_mut(name.0 as usize) {
                record.articles.retain(|other| *other != id);
                if record.articles.is_empty() {
                    if let Some(scan) = self.scan.get_mut(name.0 as usize) {
                        scan.live = false;
                    }
                }
            }
        }
        let first = article.first_quote as usize;
        for serial in first..first + article.summary.quotes.len() {
            if let Some(slot) = self.quote_serials.get_mut(serial) {
                *slot = None;
                self.dead_serials += 1;
            }
        }
        self.free_slots.push(id);
        if self.dead_serials > 4096 && self.dead_serials > self.quote_serials.len() / 2 {
            self.compact_words();
        }
        true
    }

    /// Drops removed articles' quotations from the word index and numbers the rest again, in
    /// the same order, so that an article edited all day (inserted again at every pause) does
    /// not make the serials grow without end.
    fn compact_words(&mut self) {
        // live_before[serial]: how many live quotations have smaller serials, which is the new
        // serial of a live one; one more entry for the serials handed out next.
        let mut live_before = Vec::with_capacity(self.quote_serials.len() + 1);
        let mut live = 0u32;
        for slot in &self.quote_serials {
            live_before.push(live);
            live += u32::from(slot.is_some());
        }
        live_before.push(live);
        let renumber = |serial: u32| live_before.get(serial as usize).copied();
        let serials = &self.quote_serials;
        for list in &mut self.postings {
            list.retain_mut(|serial| {
                let alive = serials.get(*serial as usize).is_some_and(Option::is_some);
                match renumber(*serial) {
                    Some(new) if alive => {
                        *serial = new;
                        true
                    }
                    _ => false,
                }
            });
        }
        for article in self.articles.iter_mut().flatten() {
            if let Some(new) = renumber(article.first_quote) {
                article.first_quote = new;
            }
        }
        self.quote_serials.retain(Option::is_some);
        self.dead_serials = 0;
    }

    fn intern(&mut self, kind: EntityKind, name: &str, article: ArticleId) -> NameId {
        let key = fold_name(name);
        if let Some(id) = self
            .name_ids
            .get(key.as_str())
            .and_then(|slots| slots[kind_slot(kind)])
        {
            if let Some(record) = self.names.get_mut(id.0 as usize) {
                if !record.articles.contains(&article) {
                    record.articles.push(article);
                }
            }
            if let Some(scan) = self.scan.get_mut(id.0 as usize) {
                scan.live = true;
            }
            return id;
        }
        let id = NameId(u32::try_from(self.names.len()).unwrap_or(u32::MAX));
        if kind == EntityKind::Person {
            if let Some((_, last)) = key.rsplit_once(' ') {
                self.surnames.entry(last.into()).or_default().push(id);
            }
        }
        let key: Box<str> = key.into();
        self.scan.push(NameScan {
            start: u32::try_from(self.scan_keys.len()).unwrap_or(u32::MAX),
            len: u32::try_from(key.len()).unwrap_or(0),
            mask: char_mask(&key),
            live: true,
            single_word: !key.contains(' '),
        });
        self.scan_keys.push_str(&key);
        self.name_ids.entry(key.clone()).or_default()[kind_slot(kind)] = Some(id);
        self.names.push(NameRecord {
            kind,
            key,
            display: name.into(),
            articles: vec![article],
        });
        id
    }

    /// The identity a one-word person name joins (see the module documentation), or itself.
    fn resolve(&self, id: NameId) -> NameId {
        let Some(record) = self.record(id) else {
            return id;
        };
        if !JOINS_A_PERSON.contains(&record.kind) || record.key.contains(' ') {
            return id;
        }
        let Some(candidates) = self.surnames.get(&record.key) else {
            return id;
        };
        let mut live = candidates.iter().filter(|candidate| {
            self.record(**candidate)
                .is_some_and(|record| !record.articles.is_empty())
        });
        match (live.next(), live.next()) {
            (Some(only), None) => *only,
            _ => id,
        }
    }

    /// Every identity that is the same entity as `id`: itself (resolved) and the one-word
    /// names that join it.
    fn group(&self, id: NameId) -> Vec<NameId> {
        let canonical = self.resolve(id);
        let mut group = vec![canonical];
        if let Some(record) = self.record(canonical) {
            if record.kind == EntityKind::Person {
                if let Some((_, last)) = record.key.rsplit_once(' ') {
                    for kind in JOINS_A_PERSON {
                        let short = self
                            .name_ids
                            .get(last)
                            .and_then(|slots| slots[kind_slot(kind)]);
                        if let Some(short) = short {
                            if short != canonical && self.resolve(short) == canonical {
                                group.push(short);
                            }
                        }
                    }
                }
            }
        }
        group
    }

    /// The identity of an entity named `name`, of `kind`, if the workspace has it.
    pub fn identity(&self, kind: EntityKind, name: &str) -> Option<NameId> {
        let key = fold_name(name);
        let id = self.name_ids.get(key.as_str())?[kind_slot(kind)]?;
        Some(self.resolve(id))
    }

    /// The name shown for an identity.
    pub fn display_name(&self, id: NameId) -> Option<&str> {
        self.record(self.resolve(id)).map(|record| &*record.display)
    }

    /// Each article naming the entity, with its mentions and the quotations attributed to it,
    /// sorted by article key.
    pub fn occurrences(&self, id: NameId) -> Vec<Occurrences<'_>> {
        let group = self.group(id);
        let mut found: Vec<Occurrences<'_>> = Vec::new();
        for member in &group {
            let Some(record) = self.record(*member) else {
                continue;
            };
            for article_id in &record.articles {
                let Some(article) = self.article(*article_id) else {
                    continue;
                };
                let mut mentions = Vec::new();
                let mut quotes = Vec::new();
                for (index, name) in article.names.iter().enumerate() {
                    if name != member {
                        continue;
                    }
                    let Some(summary) = article.summary.names.get(index) else {
                        continue;
                    };
                    mentions.extend(summary.mentions.iter().copied());
                    let Ok(index) = u32::try_from(index) else {
                        continue;
                    };
                    quotes.extend(article.summary.quotes_of(index).map(|quote| quote.place));
                }
                match found
                    .iter_mut()
                    .find(|entry| entry.article == &*article.key)
                {
                    Some(entry) => {
                        entry.mentions.extend(mentions);
                        entry.quotes.extend(quotes);
                    }
                    None => found.push(Occurrences {
                        article: &article.key,
                        mentions,
                        quotes,
                    }),
                }
            }
        }
        for entry in &mut found {
            entry.mentions.sort();
            entry.quotes.sort();
        }
        found.sort_by(|one, other| one.article.cmp(other.article));
        found
    }

    /// How often the entity is quoted and mentioned across the workspace.
    pub fn counts(&self, id: NameId) -> Counts {
        let mut counts = Counts::default();
        for occurrence in self.occurrences(id) {
            counts.articles += 1;
            counts.mentions += occurrence.mentions.len();
            counts.quotes += occurrence.quotes.len();
            if !occurrence.quotes.is_empty() {
                counts.quoted_in += 1;
            }
        }
        counts
    }

    /// The misquotes between the article `key` and the other articles: for each speaker it
    /// quotes, its quotations compared with the same speaker's in other articles.
    pub fn misquotes(&self, key: &str) -> Vec<MisquoteReport> {
        let Some(article) = self.article_by_key(key) else {
            return Vec::new();
        };
        let Some(here_id) = self.by_key.get(key).copied() else {
            return Vec::new();
        };
        let mut speakers: Vec<NameId> = self.speakers_quoted_in(article).collect();
        speakers.sort_unstable();
        speakers.dedup();
        let mut reports = Vec::new();
        for speaker in speakers {
            let quotes = self.quotes_of_identity(speaker);
            // Quoted in this article only: nothing to compare with.
            if quotes.iter().all(|(article_id, _)| *article_id == here_id) {
                continue;
            }
            let found = misquote::find(
                &candidates(&quotes),
                Some(here_id.0),
                &Thresholds::default(),
            );
            let display = self.display_name(speaker).unwrap_or_default().to_owned();
            for misquote in found {
                let (Some(first), Some(second)) =
                    (quotes.get(misquote.first), quotes.get(misquote.second))
                else {
                    continue;
                };
                let (here, other, differences) = if first.0 == here_id {
                    (first, second, misquote.comparison.differences)
                } else {
                    let reversed = misquote
                        .comparison
                        .differences
                        .iter()
                        .map(Difference::reversed)
                        .collect();
                    (second, first, reversed)
                };
                let Some(other_article) = self.article(other.0) else {
                    continue;
                };
                reports.push(MisquoteReport {
                    speaker: display.clone(),
                    here: here.1.place,
                    here_text: here.1.text.to_string(),
                    other_article: other_article.key.to_string(),
                    other: other.1.place,
                    other_text: other.1.text.to_string(),
                    differences,
                });
            }
        }
        reports.sort_by(|one, other| {
            (one.here, &one.other_article, one.other).cmp(&(
                other.here,
                &other.other_article,
                other.other,
            ))
        });
        reports
    }

    /// The keys of every article with a misquote, for publishing them all after indexing.
    pub fn articles_with_misquotes(&self) -> Vec<String> {
        // Only the speakers: the identities some quotation is attributed to.
        let mut speakers: Vec<NameId> = self
            .articles
            .iter()
            .flatten()
            .flat_map(|article| self.speakers_quoted_in(article))
            .collect();
        speakers.sort_unstable();
        speakers.dedup();
        let mut keys: HashSet<String> = HashSet::new();
        for speaker in speakers {
            let quotes = self.quotes_of_identity(speaker);
            let mut sources: Vec<ArticleId> = quotes.iter().map(|(id, _)| *id).collect();
            sources.sort_unstable();
            sources.dedup();
            if sources.len() < 2 {
                continue;
            }
            for found in misquote::find(&candidates(&quotes), None, &Thresholds::default()) {
                for index in [found.first, found.second] {
                    if let Some(article) = quotes.get(index).and_then(|(id, _)| self.article(*id)) {
                        keys.insert(article.key.to_string());
                    }
                }
            }
        }
        let mut keys: Vec<String> = keys.into_iter().collect();
        keys.sort();
        keys
    }

    /// Every quotation (direct or partial) attributed to the identity, with its article.
    /// The identities the quotations of `article` are attributed to (with repeats).
    fn speakers_quoted_in<'a>(&'a self, article: &'a Article) -> impl Iterator<Item = NameId> + 'a {
        article
            .summary
            .quotes
            .iter()
            .filter_map(|quote| quote.speaker)
            .filter_map(|index| article.names.get(index as usize).copied())
            .map(|id| self.resolve(id))
    }

    fn quotes_of_identity(&self, id: NameId) -> Vec<(ArticleId, &QuoteSummary)> {
        let mut quotes = Vec::new();
        for member in self.group(id) {
            let Some(record) = self.record(member) else {
                continue;
            };
            for article_id in &record.articles {
                let Some(article) = self.article(*article_id) else {
                    continue;
                };
                for quote in &article.summary.quotes {
                    let speaker = quote
                        .speaker
                        .and_then(|index| article.names.get(index as usize));
                    if speaker == Some(&member)
                        && matches!(quote.kind, QuoteKind::Direct | QuoteKind::Partial)
                    {
                        quotes.push((*article_id, quote));
                    }
                }
            }
        }
        quotes
    }

    /// The bytes the index holds, counted structure by structure (an estimate of its heap use
    /// that needs no allocator hook: string and list contents plus their headers).
    pub fn heap_bytes(&self) -> usize {
        let articles: usize = self
            .articles
            .iter()
            .flatten()
            .map(|article| {
                std::mem::size_of::<Article>()
                    + article.key.len() * 2
                    + article.summary.heap_bytes()
                    + article.names.len() * std::mem::size_of::<NameId>()
            })
            .sum();
        let names: usize = self
            .names
            .iter()
            .map(|record| {
                std::mem::size_of::<NameRecord>()
                    + record.key.len() * 3
                    + record.display.len()
                    + record.articles.capacity() * std::mem::size_of::<ArticleId>()
                    + 48
            })
            .sum();
        let words: usize = self
            .words
            .iter()
            .zip(&self.postings)
            .map(|(word, list)| 2 * (word.len() + 16) + 8 + list.capacity() * 4 + 24)
            .sum();
        articles
            + names
            + words
            + self.scan.capacity() * std::mem::size_of::<NameScan>()
            + self.scan_keys.capacity()
            + self.quote_serials.capacity() * std::mem::size_of::<Option<(ArticleId, u32)>>()
    }
}

/// The quotations of one speaker as misquote candidates, each from its article.
fn candidates<'a>(quotes: &[(ArticleId, &'a QuoteSummary)]) -> Vec<Candidate<'a>> {
    quotes
        .iter()
        .map(|(article_id, quote)| Candidate {
            text: &quote.text,
            source: article_id.0,
        })
        .collect()
}
