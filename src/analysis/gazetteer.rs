//! Word lists compiled into the binary (places, demonyms, given names, titles, organization
//! words, well-known organizations, alias groups, words that are not names), each loaded once
//! into hash sets on first use.
//!
//! The lists live in `src/analysis/data/*.txt`, one entry a line, `#` starting a comment line,
//! so that adding a word is a one-line change that needs no Rust.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use super::EntityKind;

/// The longest title, in words (`Detective Chief Inspector`, `Chief Executive Officer`).
const TITLE_MAX_WORDS: usize = 4;

/// Every word list, ready for lookups.
pub(crate) struct Gazetteer {
    places: HashSet<&'static str>,
    demonyms: HashMap<&'static str, &'static str>,
    given_names: HashSet<&'static str>,
    organization_words: HashSet<&'static str>,
    organizations: HashSet<&'static str>,
    other_words: HashSet<&'static str>,
    place_words: HashSet<&'static str>,
    not_names: HashSet<&'static str>,
    /// Lowercase titles, their words joined by single spaces.
    titles: HashSet<String>,
    /// Each name of an alias group to the index of its group in `alias_groups`.
    alias_index: HashMap<&'static str, usize>,
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
        let mut places: HashSet<&'static str> =
            entries(include_str!("data/countries.txt")).collect();
        places.extend(entries(include_str!("data/places.txt")));
        let demonyms = entries(include_str!("data/demonyms.txt"))
            .filter_map(|line| {
                let (demonym, place) = line.split_once('\t')?;
                Some((demonym.trim(), place.trim()))
            })
            .collect();
        let titles = entries(include_str!("data/titles.txt"))
            .map(|title| {
                title
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase()
            })
            .collect();
        let alias_groups: Vec<Vec<&'static str>> = entries(include_str!("data/aliases.txt"))
            .map(|line| {
                line.split('|')
                    .map(str::trim)
                    .filter(|name| !name.is_empty())
                    .collect()
            })
            .collect();
        let mut alias_index = HashMap::new();
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

    /// The number of words of the longest title at the start of `words`, compared without case:
    /// 3 for `Secretary of State Mike Pompeo`, 0 when the words start with no title.
    pub(crate) fn title_words_at<'w>(&self, words: impl IntoIterator<Item = &'w str>) -> usize {
        let mut key = String::new();
        let mut longest = 0;
        for (index, word) in words.into_iter().take(TITLE_MAX_WORDS).enumerate() {
            if index > 0 {
                key.push(' ');
            }
            key.extend(word.chars().flat_map(char::to_lowercase));
            // A plural title counts too: `Presidents Muhammadu Buhari of Nigeria and …`.
            if self.titles.contains(&key)
                || key
                    .strip_suffix('s')
                    .is_some_and(|singular| self.titles.contains(singular))
            {
                longest = index + 1;
            }
        }
        longest
    }

    /// Whether one word is a title or role noun by itself (`Leader`, `spokesperson`).
    pub(crate) fn is_title(&self, word: &str) -> bool {
        self.title_words_at([word]) == 1
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
