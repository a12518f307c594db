//! Word lists compiled into the binary (places, demonyms, given names, titles, organization
//! words, well-known organizations, alias groups, words that are not names), each loaded once
//! into hash sets on first use.
//!
//! The lists live in `src/analysis/data/*.txt`, one entry a line, `#` starting a comment line,
//! so that adding a word is a one-line change that needs no Rust.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use super::EntityKind;

/// The longest title, in words (`Detective Chief Inspector`, `Chief Executive Officer`).
const TITLE_MAX_WORDS: usize = 4;

/// A fast deterministic hasher for short words, in the manner of rustc's FxHash. The default
/// SipHash guards against chosen collisions, which matter little for the words of one article
/// and cost more than the rest of a lookup.
#[derive(Clone, Copy, Default)]
pub(crate) struct WordHasher(u64);

const WORD_HASH_SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(WORD_HASH_SEED);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        for &byte in chunks.remainder() {
            self.add(u64::from(byte));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A hash set keyed by words, with [`WordHasher`].
pub(crate) type WordSet<T> = HashSet<T, BuildHasherDefault<WordHasher>>;
/// A hash map keyed by words, with [`WordHasher`].
pub(crate) type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// Every word list, ready for lookups.
pub(crate) struct Gazetteer {
    places: WordSet<&'static str>,
    demonyms: WordMap<&'static str, &'static str>,
    given_names: WordSet<&'static str>,
    organization_words: WordSet<&'static str>,
    organizations: WordSet<&'static str>,
    other_words: WordSet<&'static str>,
    place_words: WordSet<&'static str>,
    not_names: WordSet<&'static str>,
    /// Titles, their words joined by single spaces, as listed, in lowercase and with every
    /// word but connectors capitalized.
    titles: WordSet<String>,
    /// The first words of the titles, in the same forms: a word not here starts no title.
    title_first_words: WordSet<String>,
    /// Each name of an alias group to the index of its group in `alias_groups`.
    alias_index: WordMap<&'static str, usize>,
    alias_groups: Vec<Vec<&'static str>>,
}

/// The word lists, built on first use.
pub(crate) fn gazetteer() -> &'static Gazetteer {
    static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
    GAZETTEER.get_or_init(Gazetteer::build)
}

/// The entries of a data file: trimmed non-empty lines that are not comments.
fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

impl Gazetteer {
    fn build() -> Self {
        let mut places: WordSet<&'static str> =
            entries(include_str!("data/countries.txt")).collect();
        places.extend(entries(include_str!("data/places.txt")));
        let demonyms = entries(include_str!("data/demonyms.txt"))
            .filter_map(|line| {
                let (demonym, place) = line.split_once('\t')?;
                Some((demonym.trim(), place.trim()))
            })
            .collect();
        let mut titles = WordSet::default();
        let mut title_first_words = WordSet::default();
        for title in entries(include_str!("data/titles.txt")) {
            let words: Vec<&str> = title.split_whitespace().collect();
            let capitalized: Vec<String> = words
                .iter()
                .map(|word| match *word {
                    "of" | "the" | "for" | "and" => (*word).to_owned(),
                    _ => capitalize(word),
                })
                .collect();
            for form in [
                words.join(" "),
                words.join(" ").to_lowercase(),
                capitalized.join(" "),
            ] {
                if let Some(first) = form.split(' ').next() {
                    title_first_words.insert(first.to_owned());
                }
                titles.insert(form);
            }
        }
        let alias_groups: Vec<Vec<&'static str>> = entries(include_str!("data/aliases.txt"))
            .map(|line| {
                line.split('|')
                    .map(str::trim)
                    .filter(|name| !name.is_empty())
                    .collect()
            })
            .collect();
        let mut alias_index = WordMap::default();
        for (index, group) in alias_groups.iter().enumerate() {
            for name in group {
                alias_index.entry(*name).or_insert(index);
            }
        }
        Gazetteer {
            places,
            demonyms,
            given_names: entries(include_str!("data/given_names.txt")).collect(),
            organization_words: entries(include_str!("data/organization_words.txt")).collect(),
            organizations: entries(include_str!("data/organizations.txt")).collect(),
            other_words: entries(include_str!("data/other_words.txt")).collect(),
            place_words: entries(include_str!("data/place_words.txt")).collect(),
            not_names: entries(include_str!("data/not_names.txt")).collect(),
            titles,
            title_first_words,
            alias_index,
            alias_groups,
        }
    }

    /// A country, city, state, region or other well-known place, as written: `Saudi Arabia`.
    pub(crate) fn is_place(&self, name: &str) -> bool {
        self.places.contains(name)
    }

    /// The place a nationality word names: `Iranian` and `Iranians` → `Iran`.
    pub(crate) fn demonym_place(&self, word: &str) -> Option<&'static str> {
        self.demonyms.get(word).copied().or_else(|| {
            let singular = word.strip_suffix('s')?;
            self.demonyms.get(singular).copied()
        })
    }

    pub(crate) fn is_given_name(&self, word: &str) -> bool {
        self.given_names.contains(word)
    }

    /// A word that makes a run an organization: `Ministry`, `Times`, `Party`.
    pub(crate) fn is_organization_word(&self, word: &str) -> bool {
        self.organization_words.contains(word)
    }

    /// A well-known organization named by one word or an acronym: `Reuters`, `NATO`.
    pub(crate) fn is_organization(&self, name: &str) -> bool {
        self.organizations.contains(name)
    }

    /// A word that makes a run an event, work or period: `Revolution`, `Olympics`.
    pub(crate) fn is_other_word(&self, word: &str) -> bool {
        self.other_words.contains(word)
    }

    /// A word that makes a run a place: `Street`, `Airport`, `Estuary`.
    pub(crate) fn is_place_word(&self, word: &str) -> bool {
        self.place_words.contains(word)
    }

    /// A capitalized word that is never a name by itself: `However`, `The`, `Wednesday`.
    pub(crate) fn is_not_name(&self, word: &str) -> bool {
        self.not_names.contains(word)
    }

    /// The number of words of the longest title at the start of `words`, in the case it is
    /// listed, in lowercase or capitalized: 3 for `Secretary of State Mike Pompeo`, 0 when the
    /// words start with no title.
    pub(crate) fn title_words_at<'w>(&self, words: impl IntoIterator<Item = &'w str>) -> usize {
        let mut words = words.into_iter();
        let Some(first) = words.next() else {
            return 0;
        };
        if !self.title_first_words.contains(first)
            && !self.title_first_words.contains(singular(first))
        {
            return 0;
        }
        let mut longest = usize::from(self.is_one_word_title(first));
        let mut key = first.to_owned();
        for (index, word) in words.take(TITLE_MAX_WORDS - 1).enumerate() {
            key.push(' ');
            key.push_str(word);
            if self.titles.contains(key.as_str()) {
                longest = index + 2;
            }
        }
        longest
    }

    /// One word as a title, singular or plural: `President`, `Presidents`, `spokesperson`.
    fn is_one_word_title(&self, word: &str) -> bool {
        self.titles.contains(word) || self.titles.contains(singular(word))
    }

    /// Whether one word is a title or role noun by itself (`Leader`, `spokesperson`).
    pub(crate) fn is_title(&self, word: &str) -> bool {
        self.is_one_word_title(word)
    }

    /// The canonical name and the members of the alias group `name` belongs to:
    /// `U.S.` → `United States`.
    pub(crate) fn alias_group(&self, name: &str) -> Option<&[&'static str]> {
        let index = *self.alias_index.get(name)?;
        self.alias_groups.get(index).map(Vec::as_slice)
    }

    /// The kind a gazetteer gives a whole name, if any.
    pub(crate) fn kind_of(&self, name: &str) -> Option<EntityKind> {
        if self.is_place(name) {
            return Some(EntityKind::Place);
        }
        if self.is_organization(name) {
            return Some(EntityKind::Organization);
        }
        let group = self.alias_group(name)?;
        let canonical = group.first()?;
        if self.is_place(canonical) {
            Some(EntityKind::Place)
        } else {
            Some(EntityKind::Organization)
        }
    }
}

/// The word with its first letter in capitals.
fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .into_iter()
        .flat_map(char::to_uppercase)
        .chain(chars)
        .collect()
}

/// The word without a plural `s` (`Presidents`), or the word itself.
fn singular(word: &str) -> &str {
    match word.strip_suffix('s') {
        Some(stem) if stem.len() > 2 => stem,
        _ => word,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_and_answer() {
        let gazetteer = gazetteer();
        assert!(gazetteer.is_place("Tehran"));
        assert!(gazetteer.is_place("Saudi Arabia"));
        assert_eq!(gazetteer.demonym_place("Americans"), Some("United States"));
        assert_eq!(gazetteer.demonym_place("Iranian"), Some("Iran"));
        assert!(gazetteer.is_given_name("Ali"));
        assert!(gazetteer.is_organization_word("Times"));
        assert!(gazetteer.is_not_name("Wednesday"));
        assert!(!gazetteer.is_not_name("Khamenei"));
        assert_eq!(
            gazetteer.title_words_at(["Secretary", "of", "State", "Mike"]),
            3
        );
        assert_eq!(gazetteer.title_words_at(["spokesperson", "Yahya"]), 1);
        assert_eq!(gazetteer.title_words_at(["Ali", "Khamenei"]), 0);
        assert_eq!(
            gazetteer
                .alias_group("U.S.")
                .and_then(|group| group.first())
                .copied(),
            Some("United States")
        );
        assert_eq!(gazetteer.kind_of("US"), Some(EntityKind::Place));
        assert_eq!(gazetteer.kind_of("UN"), Some(EntityKind::Organization));
    }

    #[test]
    fn every_demonym_line_has_a_place() {
        for line in entries(include_str!("data/demonyms.txt")) {
            assert!(line.contains('\t'), "demonym line without a tab: {line:?}");
        }
    }
}
