//! The word classes the attribution rules test: speech verbs, role nouns, stop words and the
//! rest, read once from the data files into one map, so that a word's classes are found with a
//! single lookup when it is tokenized.

use std::sync::OnceLock;

use crate::analysis::word_table::WordTable;

/// A set of word classes, one bit each.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct WordClass(u32);

impl WordClass {
    pub(super) const SPEECH_VERB: WordClass = WordClass(1 << 0);
    pub(super) const ROLE: WordClass = WordClass(1 << 1);
    pub(super) const FEMALE_NAME: WordClass = WordClass(1 << 2);
    pub(super) const MALE_NAME: WordClass = WordClass(1 << 3);
    pub(super) const STOP: WordClass = WordClass(1 << 4);
    pub(super) const BETWEEN_SUBJECT_AND_VERB: WordClass = WordClass(1 << 5);
    pub(super) const LEADING_CONNECTIVE: WordClass = WordClass(1 << 6);
    pub(super) const TERM_CUE: WordClass = WordClass(1 << 7);
    pub(super) const ABBREVIATION: WordClass = WordClass(1 << 8);
    pub(super) const TITLE: WordClass = WordClass(1 << 9);
    pub(super) const NOUN_MARKER: WordClass = WordClass(1 << 10);
    pub(super) const COLLECTIVE: WordClass = WordClass(1 << 11);
    pub(super) const MODIFIER: WordClass = WordClass(1 << 12);
    pub(super) const PERSON_HEAD: WordClass = WordClass(1 << 13);
    pub(super) const CLAUSE: WordClass = WordClass(1 << 14);
    pub(super) const DOCUMENT: WordClass = WordClass(1 << 15);
    pub(super) const FEMININE_NOUN: WordClass = WordClass(1 << 16);
    pub(super) const MASCULINE_NOUN: WordClass = WordClass(1 << 17);

    pub(super) fn has(self, class: WordClass) -> bool {
        self.0 & class.0 != 0
    }

    fn with(self, class: WordClass) -> WordClass {
        WordClass(self.0 | class.0)
    }
}

const SECTIONS: &[(&str, WordClass)] = &[
    ("stop", WordClass::STOP),
    (
        "between-subject-and-verb",
        WordClass::BETWEEN_SUBJECT_AND_VERB,
    ),
    ("leading-connective", WordClass::LEADING_CONNECTIVE),
    ("term-cue", WordClass::TERM_CUE),
    ("abbreviation", WordClass::ABBREVIATION),
    ("title", WordClass::TITLE),
    ("noun-marker", WordClass::NOUN_MARKER),
    ("collective", WordClass::COLLECTIVE),
    ("modifier", WordClass::MODIFIER),
    ("person-head", WordClass::PERSON_HEAD),
    ("clause", WordClass::CLAUSE),
    ("document", WordClass::DOCUMENT),
    ("feminine-noun", WordClass::FEMININE_NOUN),
    ("masculine-noun", WordClass::MASCULINE_NOUN),
];

/// The classes of `lower`, a word with its ASCII letters lowered. O(length of the word).
pub(super) fn word_class(lower: &str) -> WordClass {
    lexicon().get(lower).unwrap_or_default()
}

/// The classes of `word` with its ASCII letters lowered.
pub(super) fn word_class_of_any_case(word: &str) -> WordClass {
    lexicon().get_ascii_lowercase(word).unwrap_or_default()
}

/// Words to their classes.
type Lexicon = WordTable<WordClass>;

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut lexicon = Lexicon::default();
        let mut add = |words: &str, class: WordClass| {
            for word in words.split_whitespace() {
                let entry = lexicon.entry(&word.to_ascii_lowercase());
                *entry = entry.with(class);
            }
        };
        for (data, class) in [
            (
                include_str!("../data/speech_verbs.txt"),
                WordClass::SPEECH_VERB,
            ),
            (include_str!("../data/role_nouns.txt"), WordClass::ROLE),
            (
                include_str!("../data/female_given_names.txt"),
                WordClass::FEMALE_NAME,
            ),
            (
                include_str!("../data/male_given_names.txt"),
                WordClass::MALE_NAME,
            ),
        ] {
            for line in data
                .lines()
                .filter(|line| !line.trim_start().starts_with('#'))
            {
                add(line, class);
            }
        }
        let mut section = None;
        for line in include_str!("../data/attribution_words.txt").lines() {
            let line = line.trim();
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            if let Some(name) = line
                .strip_prefix('[')
                .and_then(|rest| rest.strip_suffix(']'))
            {
                section = SECTIONS
                    .iter()
                    .find(|(known, _)| *known == name)
                    .map(|(_, class)| *class);
                continue;
            }
            if let Some(class) = section {
                add(line, class);
            }
        }
        lexicon
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_of_the_data_file_is_known() {
        let data = include_str!("../data/attribution_words.txt");
        for line in data.lines() {
            if let Some(name) = line
                .trim()
                .strip_prefix('[')
                .and_then(|rest| rest.strip_suffix(']'))
            {
                assert!(
                    SECTIONS.iter().any(|(known, _)| *known == name),
                    "unknown section [{name}]"
                );
            }
        }
    }

    #[test]
    fn a_word_can_stand_in_several_classes() {
        let class = word_class("spokesman");
        assert!(class.has(WordClass::ROLE));
        assert!(class.has(WordClass::PERSON_HEAD));
        assert!(class.has(WordClass::MASCULINE_NOUN));
        assert!(!class.has(WordClass::SPEECH_VERB));
        assert!(word_class("said").has(WordClass::SPEECH_VERB));
        assert!(word_class("pauline").has(WordClass::FEMALE_NAME));
        assert_eq!(word_class("zzz"), WordClass::default());
    }
}
