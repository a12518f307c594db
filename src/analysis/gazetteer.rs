//! Word lists compiled into the binary (places, demonyms, given names, titles, organization,
//! place and other words, well-known organizations, alias groups, words that are not names),
//! loaded once on first use into hash maps: one map gives every single word its `WordFlags`,
//! so the name finder looks a word up once; names of several words have their own sets.
//!
//! The lists live in `src/analysis/data/*.txt`, one entry a line, `#` starting a comment line,
//! so that adding a word is a one-line change that needs no Rust.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use super::EntityKind;
use super::word_table::WordTable;

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
        // The tail (most words are shorter than eight bytes) in one step, not a byte at a time.
        let tail = chunks.remainder();
        if !tail.is_empty() {
            self.add(tail_word(tail) ^ ((tail.len() as u64) << 59));
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

/// The one to seven bytes of `tail` in a number, read as two overlapping halves (or the first,
/// middle and last byte) so that no copy of variable length is made: with the length, which
/// the caller mixes in, every byte of the tail counts.
#[inline]
fn tail_word(tail: &[u8]) -> u64 {
    if let (Some(first), Some(last)) = (tail.first_chunk::<4>(), tail.last_chunk::<4>()) {
        u64::from(u32::from_le_bytes(*first)) | (u64::from(u32::from_le_bytes(*last)) << 32)
    } else {
        let byte = |index: usize| u64::from(tail.get(index).copied().unwrap_or(0));
        let length = tail.len();
        byte(0) | (byte(length / 2) << 8) | (byte(length.saturating_sub(1)) << 16)
    }
}

/// A hash set keyed by words, with [`WordHasher`].
pub(crate) type WordSet<T> = HashSet<T, BuildHasherDefault<WordHasher>>;
/// A hash map keyed by words, with [`WordHasher`].
pub(crate) type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// What the word lists say about one word, all found with one lookup.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct WordFlags(u16);

impl WordFlags {
    pub const NOT_NAME: WordFlags = WordFlags(1);
    pub const GIVEN_NAME: WordFlags = WordFlags(1 << 1);
    pub const ORGANIZATION_WORD: WordFlags = WordFlags(1 << 2);
    pub const OTHER_WORD: WordFlags = WordFlags(1 << 3);
    pub const PLACE_WORD: WordFlags = WordFlags(1 << 4);
    /// A title of one word, or its plural: `President`, `Presidents`, `spokesperson`.
    pub const TITLE: WordFlags = WordFlags(1 << 5);
    /// A place of one word: `Tehran`.
    pub const PLACE: WordFlags = WordFlags(1 << 6);
    /// A well-known organization of one word: `Reuters`.
    pub const ORGANIZATION: WordFlags = WordFlags(1 << 7);
    pub const DEMONYM: WordFlags = WordFlags(1 << 8);
    /// A member of an alias group: `U.S.`.
    pub const ALIAS: WordFlags = WordFlags(1 << 9);
    /// The first word of a place, organization or alias of several words: `Saudi`.
    pub const NAME_START: WordFlags = WordFlags(1 << 10);
    /// Set by the name finder: capitalized somewhere away from a sentence start.
    pub const STRONG: WordFlags = WordFlags(1 << 11);
    /// The first word of a title of several words: `Postmaster` (General), `First` (Lady).
    pub const TITLE_START: WordFlags = WordFlags(1 << 12);

    pub fn has(self, flags: WordFlags) -> bool {
        self.0 & flags.0 != 0
    }

    pub fn insert(&mut self, flags: WordFlags) {
        self.0 |= flags.0;
    }

    pub fn bits(self) -> u16 {
        self.0
    }

    pub fn from_bits(bits: u16) -> WordFlags {
        WordFlags(bits)
    }

    pub fn union(self, flags: WordFlags) -> WordFlags {
        WordFlags(self.0 | flags.0)
    }
}

/// Every word list, ready for lookups.
pub(crate) struct Gazetteer {
    places: WordSet<&'static str>,
    demonyms: WordMap<&'static str, &'static str>,
    organizations: WordSet<&'static str>,
    /// Titles, their words joined by single spaces, as listed, in lowercase and with every
    /// word but connectors capitalized.
    titles: WordSet<String>,
    /// The first words of the titles, in the same forms: a word not here starts no title.
    title_first_words: WordSet<String>,
    /// Each name of an alias group to the index of its group in `alias_groups`.
    alias_index: WordMap<&'static str, usize>,
    alias_groups: Vec<Vec<&'static str>>,
    /// Every single word of the lists with what they say about it.
    word_flags: WordTable<WordFlags>,
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
        let demonyms: WordMap<&'static str, &'static str> =
            entries(include_str!("data/demonyms.txt"))
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
        let mut word_flags: WordTable<WordFlags> = WordTable::default();
        let mut flag = |word: &str, flags: WordFlags| {
            word_flags.entry(word).insert(flags);
        };
        let not_names: WordSet<&'static str> =
            entries(include_str!("data/not_names.txt")).collect();
        let mut given_names: WordSet<&'static str> =
            entries(include_str!("data/given_names.txt")).collect();
        // The names kept for pronoun agreement (several to a line) are given names too.
        given_names.extend(
            entries(include_str!("data/female_given_names.txt"))
                .chain(entries(include_str!("data/male_given_names.txt")))
                .flat_map(str::split_whitespace),
        );
        let organization_words: WordSet<&'static str> =
            entries(include_str!("data/organization_words.txt")).collect();
        let organizations: WordSet<&'static str> =
            entries(include_str!("data/organizations.txt")).collect();
        let other_words: WordSet<&'static str> =
            entries(include_str!("data/other_words.txt")).collect();
        let place_words: WordSet<&'static str> =
            entries(include_str!("data/place_words.txt")).collect();
        for (list, flags) in [
            (&not_names, WordFlags::NOT_NAME),
            (&given_names, WordFlags::GIVEN_NAME),
            (&organization_words, WordFlags::ORGANIZATION_WORD),
            (&other_words, WordFlags::OTHER_WORD),
            (&place_words, WordFlags::PLACE_WORD),
        ] {
            for word in list {
                flag(word, flags);
            }
        }
        let names = places
            .iter()
            .map(|name| (*name, WordFlags::PLACE))
            .chain(
                organizations
                    .iter()
                    .map(|name| (*name, WordFlags::ORGANIZATION)),
            )
            .chain(alias_index.keys().map(|name| (*name, WordFlags::ALIAS)));
        for (name, flags) in names {
            match name.split_once(' ') {
                None => flag(name, flags),
                Some((first, _)) => flag(first, WordFlags::NAME_START),
            }
        }
        for demonym in demonyms.keys() {
            flag(demonym, WordFlags::DEMONYM);
            flag(&format!("{demonym}s"), WordFlags::DEMONYM);
        }
        for title in titles.iter() {
            match title.split_once(' ') {
                None => {
                    flag(title, WordFlags::TITLE);
                    flag(&format!("{title}s"), WordFlags::TITLE);
                }
                Some((first, _)) => flag(first, WordFlags::TITLE_START),
            }
        }
        Gazetteer {
            word_flags,
            places,
            demonyms,
            organizations,
            titles,
            title_first_words,
            alias_index,
            alias_groups,
        }
    }

    /// What the lists say about one word.
    pub(crate) fn word_flags(&self, word: &str) -> WordFlags {
        self.word_flags.get(word).unwrap_or_default()
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
        self.word_flags(word).has(WordFlags::GIVEN_NAME)
    }

    /// A well-known organization named by one word or an acronym: `Reuters`, `NATO`.
    pub(crate) fn is_organization(&self, name: &str) -> bool {
        self.organizations.contains(name)
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

    /// Whether one word is a title as listed, not only by its plural.
    pub(crate) fn is_exact_title(&self, word: &str) -> bool {
        self.titles.contains(word)
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
        assert!(
            gazetteer
                .word_flags("Times")
                .has(WordFlags::ORGANIZATION_WORD)
        );
        assert!(gazetteer.word_flags("Wednesday").has(WordFlags::NOT_NAME));
        assert!(!gazetteer.word_flags("Khamenei").has(WordFlags::NOT_NAME));
        assert!(gazetteer.word_flags("Presidents").has(WordFlags::TITLE));
        assert!(gazetteer.word_flags("Saudi").has(WordFlags::NAME_START));
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
