//! From words to name mentions: runs of capitalized words, split into titles, role phrases and
//! names, each name with the evidence for its kind.

use std::borrow::Cow;

use super::tokens::Token;
use crate::analysis::EntityKind;
use crate::analysis::gazetteer::{Gazetteer, WordFlags};
use crate::analysis::word_table::WordTable;
use crate::text::TextRange;

/// How sure the kind of a mention is, from a guess to a gazetteer or a title.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Evidence {
    /// Nothing but the shape of the name.
    Shape,
    /// The words around it: `in Kerman`.
    Context,
    /// A gazetteer, a title or an organization word.
    Strong,
}

/// One mention of a name.
#[derive(Clone, Debug)]
pub(super) struct Mention<'t> {
    /// The mention as written, with its title (`Ayatollah Khamenei`), without a possessive.
    pub range: TextRange,
    /// The name without titles, words joined by single spaces: `Khamenei`. Most names are
    /// written that way and are slices of the text.
    pub name: Cow<'t, str>,
    /// The number of words of the name (of spaces in it, plus one): words hold no spaces.
    pub words: usize,
    pub kind: EntityKind,
    pub evidence: Evidence,
    pub acronym: bool,
    /// Lowercase role nouns that introduced the person here (`leader`, `spokesperson`).
    pub roles: Vec<String>,
    /// Every word of the name stood where a capital letter proves nothing (a sentence start),
    /// so the mention only counts if something else supports it.
    pub needs_support: bool,
    /// For an acronym in parentheses right after a name, that name's index: `Daesh (ISIS)`.
    pub abbreviates: Option<usize>,
    /// The name without diacritics, when it has any: `Jaroslaw Kaczynski` for `Jarosław
    /// Kaczyński`, since wires often drop them.
    pub folded: Option<String>,
}

impl Mention<'_> {
    /// The form names are compared in: without diacritics.
    pub fn match_name(&self) -> &str {
        self.folded.as_deref().unwrap_or(&self.name)
    }
}

/// `Jarosław Kaczyński` → `Jaroslaw Kaczynski`; `None` when there is nothing to fold.
fn fold_diacritics(name: &str) -> Option<String> {
    if name.is_ascii() {
        return None;
    }
    let mut out = String::with_capacity(name.len());
    let mut changed = false;
    for ch in name.chars() {
        let plain = match ch {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' | 'ą' | 'ă' => "a",
            'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' | 'Ā' | 'Ą' | 'Ă' => "A",
            'ç' | 'ć' | 'č' => "c",
            'Ç' | 'Ć' | 'Č' => "C",
            'ď' | 'đ' => "d",
            'Ď' | 'Đ' => "D",
            'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
            'É' | 'È' | 'Ê' | 'Ë' | 'Ē' | 'Ę' | 'Ě' => "E",
            'ğ' => "g",
            'Ğ' => "G",
            'í' | 'ì' | 'î' | 'ï' | 'ī' | 'ı' => "i",
            'Í' | 'Ì' | 'Î' | 'Ï' | 'Ī' | 'İ' => "I",
            'ł' => "l",
            'Ł' => "L",
            'ñ' | 'ń' | 'ň' => "n",
            'Ñ' | 'Ń' | 'Ň' => "N",
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' | 'ő' => "o",
            'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' | 'Ø' | 'Ō' | 'Ő' => "O",
            'ř' => "r",
            'Ř' => "R",
            'ś' | 'š' | 'ş' | 'ș' => "s",
            'Ś' | 'Š' | 'Ş' | 'Ș' => "S",
            'ß' => "ss",
            'ť' | 'ţ' | 'ț' => "t",
            'Ť' | 'Ţ' | 'Ț' => "T",
            'ú' | 'ù' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
            'Ú' | 'Ù' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' => "U",
            'ý' | 'ÿ' => "y",
            'Ý' => "Y",
            'ź' | 'ż' | 'ž' => "z",
            'Ź' | 'Ż' | 'Ž' => "Z",
            _ => {
                out.push(ch);
                continue;
            }
        };
        changed = true;
        out.push_str(plain);
    }
    changed.then_some(out)
}

// The short word lists below are `match`es rather than slices: they are asked about most
// capitalized words and their neighbours, and a `match` compares a word only with the entries
// of its length, with no loop and no call to `memcmp`.

/// Particles inside personal names: `Arnel dela Vega`, `Ludwig van Beethoven`.
fn is_name_particle(word: &str) -> bool {
    matches!(
        word,
        "de" | "del"
            | "della"
            | "di"
            | "da"
            | "dos"
            | "das"
            | "du"
            | "la"
            | "le"
            | "van"
            | "von"
            | "der"
            | "den"
            | "ter"
            | "bin"
            | "ibn"
            | "al"
            | "el"
            | "dela"
    )
}

/// Lowercase words that may join the capitalized words of one name: the name particles, and
/// `of the`, `and`, `for`….
fn is_connector_word(word: &str) -> bool {
    is_name_particle(word)
        || matches!(
            word,
            "of" | "the" | "do" | "des" | "y" | "and" | "for" | "on" | "upon" | "&"
        )
}

/// Last words of newspaper and magazine names, which keep their `The`.
fn is_publication_word(word: &str) -> bool {
    matches!(
        word,
        "Times"
            | "Post"
            | "Herald"
            | "Journal"
            | "Guardian"
            | "Telegraph"
            | "Independent"
            | "Observer"
            | "Gazette"
            | "Tribune"
            | "Economist"
            | "Atlantic"
            | "Verge"
            | "Sun"
            | "Mirror"
            | "Express"
            | "Chronicle"
            | "Standard"
            | "Star"
            | "Globe"
            | "Register"
            | "Inquirer"
            | "Examiner"
            | "Bulletin"
    )
}

/// Letters after a person's name that are not part of it: `Claire Dawson QC`.
fn is_postnominal(word: &str) -> bool {
    matches!(
        word,
        "QC" | "KC"
            | "MP"
            | "MEP"
            | "MSP"
            | "Jr"
            | "Jr."
            | "Sr"
            | "Sr."
            | "II"
            | "III"
            | "IV"
            | "PhD"
            | "OBE"
            | "CBE"
            | "MBE"
            | "KBE"
            | "DBE"
            | "MD"
            | "Esq"
            | "Esq."
    )
}

/// Lowercase words before a name that make it a place.
const PLACE_PREPOSITIONS: &[&str] = &[
    "in",
    "at",
    "from",
    "near",
    "across",
    "outside",
    "inside",
    "into",
    "towards",
    "toward",
    "throughout",
];

/// Role nouns that address rather than describe, which never stand for a person as `the X`.
const HONORIFICS: &[&str] = &[
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "mme", "mme.", "dr", "dr.", "sir", "dame",
    "mx.", "madame", "monsieur", "herr", "frau", "señor", "prof.", "rev.", "sen.", "gen.", "gov.",
    "rep.", "lt.", "col.", "capt.", "maj.", "adm.", "sgt.", "cpl.",
];

pub(super) struct Finder<'a> {
    pub text: &'a str,
    pub gazetteer: &'static Gazetteer,
    /// Words written in lowercase somewhere in the text: a capitalized `House` or `Change` whose
    /// lowercase form is an ordinary word of the article is not a surname.
    pub lowercase_words: &'a WordTable<()>,
    /// The datelines' ranges, in text order and disjoint: the capitalized words there name the
    /// place.
    pub datelines: Vec<TextRange>,
    pub mentions: Vec<Mention<'a>>,
}

/// Endings of verb forms and adverbs: `Speaking`, `Elsewhere` is not, `Reportedly` is.
fn is_verb_like(word: &str) -> bool {
    word.len() > 4 && (word.ends_with("ing") || word.ends_with("ly") || word.ends_with("ed"))
}

/// Endings of English nouns, adjectives and adverbs that are rare in names: a capitalized
/// `Adoption`, `Constitutionally` or `Progressives` with nothing else for it is no name.
fn has_common_word_ending(word: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "tion", "tions", "sion", "sions", "ment", "ments", "ness", "ity", "ities", "ance", "ence",
        "ally", "ives", "ists", "isms", "ers", "ship", "ings", "ific", "ical",
    ];
    word.len() > 5 && ENDINGS.iter().any(|ending| word.ends_with(ending))
}

fn is_direction(word: &str) -> bool {
    matches!(
        word,
        "North"
            | "South"
            | "East"
            | "West"
            | "Central"
            | "Northern"
            | "Southern"
            | "Eastern"
            | "Western"
            | "Upper"
            | "Lower"
            | "Greater"
            | "Inner"
            | "Outer"
    )
}

/// The words without a leading `the`.
fn strip_the<'s, 't>(tokens: &'s [Token<'t>]) -> &'s [Token<'t>] {
    match tokens.split_first() {
        Some((first, rest)) if first.text == "the" => rest,
        _ => tokens,
    }
}

fn is_connector(token: &Token<'_>) -> bool {
    is_connector_word(token.text)
}

/// The word as a name is written: all-capital words longer than an acronym (`WASHINGTON` in a
/// dateline) in title case.
fn name_word<'t>(token: &Token<'t>) -> Cow<'t, str> {
    if needs_recasing(token) {
        Cow::Owned(title_case(token.text))
    } else {
        Cow::Borrowed(token.text)
    }
}

/// `SAN` → `San`: the first letter of each part kept, the others in lowercase.
fn title_case(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    push_title_case(&mut out, word);
    out
}

/// Appends `word` in title case to `out`, as [`title_case`] writes it.
fn push_title_case(out: &mut String, word: &str) {
    let mut first = true;
    for ch in word.chars() {
        if first {
            out.push(ch);
        } else {
            out.extend(ch.to_lowercase());
        }
        first = !ch.is_alphabetic();
    }
}

/// Whether a word is written in capitals (two letters or more, none in lowercase), and whether
/// it also [`needs_recasing`].
fn capitals(token: &Token<'_>) -> (bool, bool) {
    if token.text.chars().any(char::is_lowercase) {
        return (false, false);
    }
    let letters = token.text.chars().filter(|ch| ch.is_alphabetic()).count();
    (
        letters > 1,
        token.text.len() > 5 && token.capitalized && letters > 5,
    )
}

/// The words of a name joined by single spaces: a slice of `text` (the text the words are
/// slices of) when it is written that way already, the common case, with no allocation.
fn join_words<'t>(text: &'t str, tokens: &[Token<'t>]) -> Cow<'t, str> {
    if let [only] = tokens {
        return name_word(only);
    }
    // In a name written in capitals (`SAN FRANCISCO`, `KELBY BAY`), every word is recased.
    let mut any_recasing = false;
    let mut all_capitals = true;
    for token in tokens {
        let (capitals, recasing) = capitals(token);
        all_capitals &= capitals;
        any_recasing |= recasing;
    }
    let shouted = any_recasing || (tokens.len() > 1 && all_capitals);
    if !shouted {
        let single_spaces = tokens
            .iter()
            .zip(tokens.iter().skip(1))
            .all(|(word, next)| {
                next.range.start == word.range.end + 1
                    && text.as_bytes().get(word.range.end) == Some(&b' ')
            });
        if let (true, Some(first), Some(last)) = (single_spaces, tokens.first(), tokens.last()) {
            if let Some(name) = text.get(first.range.start..last.range.end) {
                return Cow::Borrowed(name);
            }
        }
    }
    let mut out = String::with_capacity(tokens.iter().map(|token| token.text.len() + 1).sum());
    for token in tokens {
        if !out.is_empty() {
            out.push(' ');
        }
        if shouted && capitals(token).0 {
            push_title_case(&mut out, token.text);
        } else {
            out.push_str(token.text);
        }
    }
    Cow::Owned(out)
}

/// Whether the word is written in capitals longer than an acronym (`WASHINGTON`).
fn needs_recasing(token: &Token<'_>) -> bool {
    token.text.len() > 5
        && token.capitalized
        && !token.text.chars().any(char::is_lowercase)
        && token.text.chars().filter(|ch| ch.is_alphabetic()).count() > 5
}

// Indexing into token slices in this file is guarded by the loop bounds or by a length
// check right before it (`tokens.len() > 1`, `index < tokens.len()`); slices are taken at
// positions found in the same slice.
impl<'a> Finder<'a> {
    /// Finds the name runs of one paragraph's words and turns each into mentions.
    pub fn paragraph(&mut self, tokens: &[Token<'a>]) {
        let mut index = 0;
        while index < tokens.len() {
            if !tokens[index].capitalized {
                index += 1;
                continue;
            }
            let start = index;
            let mut end = index;
            loop {
                if tokens[end].possessive || !tokens[end].joined_to_next {
                    break;
                }
                let next = end + 1;
                if tokens
                    .get(next)
                    .is_some_and(|token| self.extends_run(token))
                {
                    end = next;
                    continue;
                }
                // Up to two connectors (`of the`) between capitalized words.
                let mut after = next;
                while after < tokens.len()
                    && after - next < 2
                    && is_connector(&tokens[after])
                    && tokens[after].joined_to_next
                {
                    after += 1;
                }
                if after > next
                    && tokens
                        .get(after)
                        .is_some_and(|token| self.extends_run(token))
                {
                    end = after;
                    continue;
                }
                break;
            }
            let before = start
                .checked_sub(1)
                .and_then(|previous| tokens.get(previous));
            let before = before.filter(|token| token.joined_to_next);
            self.run(&tokens[start..=end], before);
            // An acronym in parentheses right after the run abbreviates it: `Daesh (ISIS)`.
            if let Some(acronym) = tokens.get(end + 1) {
                // The flags first: few runs are followed by an acronym.
                let in_parentheses = || {
                    let closes = tokens
                        .get(end + 2)
                        .map(|next| next.gap(self.text).trim_start().starts_with(')'))
                        .unwrap_or_else(|| self.text[acronym.range.end..].starts_with(')'));
                    acronym.gap(self.text).trim() == "(" && closes
                };
                if acronym.acronym && !self.mentions.is_empty() && in_parentheses() {
                    let named = self.mentions.len() - 1;
                    let last = &self.mentions[named];
                    if last.range.end == tokens[end].range.end && last.kind != EntityKind::Person {
                        self.push(
                            &tokens[end + 1..end + 2],
                            EntityKind::Organization,
                            Evidence::Shape,
                            Vec::new(),
                        );
                        let named_kind = self.mentions[named].kind;
                        if let Some(mention) = self.mentions.last_mut() {
                            mention.abbreviates = Some(named);
                            mention.kind = named_kind;
                        }
                        index = end + 2;
                        continue;
                    }
                }
            }
            index = end + 1;
        }
    }

    /// Whether `range` lies inside a dateline. O(log n): a long document may hold many.
    fn in_dateline(&self, range: TextRange) -> bool {
        let after = self
            .datelines
            .partition_point(|line| line.start <= range.start);
        after
            .checked_sub(1)
            .and_then(|index| self.datelines.get(index))
            .is_some_and(|line| line.contains_range(range))
    }

    /// A word that is never a name: `However`, `Wednesday`, and `UNDER` in shouted text.
    fn is_not_name(&self, token: &Token<'_>) -> bool {
        // `First` is never a name, but starts the title `First Lady`.
        token.is(WordFlags::NOT_NAME) && !token.is(WordFlags::TITLE_START)
    }

    /// The kind the gazetteer gives the words as one name: `Saudi Arabia`, `U.S.`, `Tehran`.
    fn known_kind(&self, tokens: &[Token<'_>]) -> Option<EntityKind> {
        // No listed name has more than six words (`Saint Vincent and the Grenadines`); the cap
        // keeps the loops that try prefixes of a long run linear.
        if tokens.len() > 6 {
            return None;
        }
        match tokens {
            [] => None,
            [only] => {
                if only.is(WordFlags::PLACE) {
                    Some(EntityKind::Place)
                } else if only.is(WordFlags::ORGANIZATION) {
                    Some(EntityKind::Organization)
                } else if only.is(WordFlags::ALIAS) {
                    self.gazetteer.kind_of(&name_word(only))
                } else {
                    None
                }
            }
            [first, ..] if first.is(WordFlags::NAME_START) => {
                self.gazetteer.kind_of(&join_words(self.text, tokens))
            }
            _ => None,
        }
    }

    /// The number of words of the title the words start with, 0 for none; only words whose
    /// flags say they may start a title are looked up.
    fn title_words_at(&self, tokens: &[Token<'_>]) -> usize {
        match tokens.first() {
            Some(first) if first.is(WordFlags::TITLE_START) => self
                .gazetteer
                .title_words_at(tokens.iter().map(|token| token.text)),
            // A word that starts no title of several words is a title of one or none; asking
            // for that needs no key to be built.
            Some(first) if first.is(WordFlags::TITLE) => {
                usize::from(self.gazetteer.is_title(first.text))
            }
            _ => 0,
        }
    }

    /// Whether a capitalized word may continue a run: not a word that is never a name, nor a
    /// model number (`Airbus A300s`).
    fn extends_run(&self, token: &Token<'_>) -> bool {
        token.capitalized
            && !token.text.bytes().any(|byte| byte.is_ascii_digit())
            && !self.is_not_name(token)
    }

    /// `Dolgellau, Gwynedd`: a word followed by a comma and a known place is a place.
    fn followed_by_place(&self, token: &Token<'_>) -> bool {
        let after = self.text.get(token.range.end..).unwrap_or("");
        let Some(rest) = after.strip_prefix(", ") else {
            return false;
        };
        let word_end = rest
            .find(|ch: char| !(ch.is_alphabetic() || ch == '-'))
            .unwrap_or(rest.len());
        word_end > 0 && self.gazetteer.is_place(&rest[..word_end])
    }

    /// Whether a word is a name even at a sentence start.
    fn supported(&self, token: &Token<'_>) -> bool {
        token.acronym
            || token.is(WordFlags::STRONG
                .union(WordFlags::PLACE)
                .union(WordFlags::ORGANIZATION)
                .union(WordFlags::GIVEN_NAME)
                .union(WordFlags::ORGANIZATION_WORD)
                .union(WordFlags::TITLE)
                .union(WordFlags::TITLE_START)
                .union(WordFlags::ALIAS))
    }

    /// Whether a capitalized word at a sentence start still reads as a name: camel case.
    fn reads_as_name(&self, token: &Token<'_>) -> bool {
        token.text.chars().skip(1).any(char::is_uppercase)
            && token.text.chars().any(char::is_lowercase)
    }

    /// Whether the lowercase form of a capitalized word is an ordinary word of the text.
    fn is_common_word(&self, token: &Token<'_>) -> bool {
        if token.text.is_ascii() {
            self.lowercase_words
                .get_ascii_lowercase(token.text)
                .is_some()
        } else {
            self.lowercase_words
                .contains(token.text.to_lowercase().as_str())
        }
    }

    fn has_organization_word(&self, tokens: &[Token<'_>]) -> bool {
        tokens
            .iter()
            .any(|token| token.is(WordFlags::ORGANIZATION_WORD))
    }

    /// One run of capitalized words (with connectors), `before` the joined word before it.
    fn run(&mut self, tokens: &[Token<'a>], before: Option<&Token<'a>>) {
        let gazetteer = self.gazetteer;
        let mut tokens = tokens;
        let mut before = before;
        // Words that are never names, and unsupported sentence-initial words, are left out
        // at the start of the run.
        loop {
            let Some(first) = tokens.first() else { return };
            let drop = if self.is_not_name(first) {
                // `The` belongs to the names of publications (`The Aviation Herald`), and to
                // other names where it is capitalized inside a sentence (`The Verge`).
                let publication = tokens
                    .last()
                    .is_some_and(|last| is_publication_word(last.text));
                !(first.text == "The" && (!first.weak || publication) && tokens.len() > 1)
            } else if !first.capitalized {
                true
            } else {
                // An organization's name may start a sentence (`Fars News said`), but a verb
                // or an adverb before it does not belong to it (`Speaking on al-Masirah TV`).
                // Only a weak first word may go, so the rest is asked of those alone.
                first.weak && tokens.len() > 1 && !self.supported(first) && {
                    let verb_like = is_verb_like(first.text);
                    // A sentence may well start with an unknown name (`Carlo Ancelotti
                    // praised`), so the first word goes only when it reads as an ordinary
                    // word: a verb form, a word the article also writes in lowercase, or one
                    // before a known word (`Top Iranian figures`).
                    let known_next = || {
                        tokens.get(1).is_some_and(|second| {
                            second.is(WordFlags::DEMONYM)
                                || self.supported(second) && !second.is(WordFlags::STRONG)
                        })
                    };
                    let ordinary = verb_like
                        || self.is_common_word(first)
                        || has_common_word_ending(first.text)
                        || known_next();
                    ordinary
                        && (verb_like || !self.has_organization_word(tokens))
                        && !tokens
                            .get(1)
                            .is_some_and(|second| is_name_particle(second.text))
                        && self.known_kind(tokens) != Some(EntityKind::Place)
                }
            };
            if !drop {
                break;
            }
            before = None;
            tokens = &tokens[1..];
            while tokens.first().is_some_and(|token| is_connector(token)) {
                tokens = &tokens[1..];
            }
        }
        // Trailing words that are connectors, never names, or weak with nothing for them (the
        // `Hit` of a title-case `Saudi Arabia Hit By Drones`) are left out too.
        while tokens.last().is_some_and(|token| {
            is_connector(token)
                || self.is_not_name(token)
                || (tokens.len() > 1 && is_postnominal(token.text))
                || (tokens.len() > 1
                    && token.weak
                    && !self.supported(token)
                    && self.known_kind(tokens).is_none())
        }) {
            tokens = &tokens[..tokens.len() - 1];
        }
        if tokens.is_empty() {
            return;
        }
        if let Some(kind) = self.known_kind(tokens) {
            self.push(tokens, kind, Evidence::Strong, Vec::new());
            return;
        }
        // `and`, `for` and `on` join only organization names: `Centers for Disease Control and
        // Prevention`, not `Mark and Patricia McCloskey` nor `Barmouth Publicity and Director
        // of Mid Wales Tourism Partnership`.
        let has_organization_word = self.has_organization_word(tokens);
        for (index, token) in tokens.iter().enumerate() {
            if !matches!(token.text, "and" | "for" | "on" | "upon" | "&") {
                continue;
            }
            let word_before_is_organization =
                index > 0 && tokens[index - 1].is(WordFlags::ORGANIZATION_WORD);
            // `… and Director of Mid Wales Tourism Partnership`, `… and President Jane Doe`, but
            // not `Law and Justice Party`.
            let right = &tokens[index + 1..];
            let right_title = self.title_words_at(right);
            let title_after = right_title > 0
                && right
                    .get(right_title)
                    .is_some_and(|after| after.text == "of" || after.is(WordFlags::GIVEN_NAME));
            if !has_organization_word
                || (token.text == "and" && (word_before_is_organization || title_after))
            {
                self.run(&tokens[..index], before);
                self.run(&tokens[index + 1..], None);
                return;
            }
        }
        // A person or place followed by `of` and where they belong: `Abdel Fattah el-Sisi of
        // Egypt`, `John C. Eastman of Chapman University School of Law`.
        if let Some(of) = tokens.iter().position(|token| token.text == "of") {
            let left = &tokens[..of];
            let title_length = self.title_words_at(left);
            let name = &left[title_length.min(left.len())..];
            let right = strip_the(&tokens[of + 1..]);
            let named_right =
                self.known_kind(right).is_some() || matches!(right, [only] if only.acronym);
            let plain_left = !self.has_organization_word(left)
                && !left.iter().any(|token| {
                    token.is(WordFlags::OTHER_WORD) || token.is(WordFlags::PLACE_WORD)
                });
            let person_like = plain_left
                && (2..=4).contains(&name.len())
                && (title_length > 0
                    || named_right
                    || name
                        .first()
                        .is_some_and(|first| first.is(WordFlags::GIVEN_NAME)));
            if person_like {
                self.run(left, before);
                self.run(&tokens[of + 1..], None);
                return;
            }
        }
        // A place right before a person: `leader of Zimbabwe Robert Mugabe`.
        if let Some(given) = tokens
            .iter()
            .skip(1)
            .position(|token| token.is(WordFlags::GIVEN_NAME))
            .map(|position| position + 1)
        {
            if given + 1 < tokens.len()
                && self.known_kind(&tokens[..given]) == Some(EntityKind::Place)
            {
                self.run(&tokens[..given], before);
                self.run(&tokens[given..], None);
                return;
            }
        }
        // Titles: the name is what follows the last one.
        let mut last_title: Option<(usize, usize)> = None;
        let mut first_title: Option<usize> = None;
        let mut index = 0;
        while index < tokens.len() {
            let length = self.title_words_at(&tokens[index..]);
            if length > 0 && !is_connector(&tokens[index]) {
                first_title.get_or_insert(index);
                last_title = Some((index, length));
                index += length;
            } else {
                index += 1;
            }
        }
        if let (Some((title_start, title_length)), Some(first_title)) = (last_title, first_title) {
            let mut name_start = title_start + title_length;
            while tokens
                .get(name_start)
                .is_some_and(|token| is_connector(token))
            {
                name_start += 1;
            }
            let name = &tokens[name_start.min(tokens.len())..];
            let name_has_organization_word = self.has_organization_word(name);
            if name.is_empty() {
                // A title alone (`the Leader`) is a role noun, resolved later; a title inside an
                // organization name (`Department of Justice`) is not a title. The names in a
                // role (`Mayor of Birmingham`) are mentions.
                // A plural title ending a name is no title: `House of Representatives`.
                let plural_title_last = title_start > 0
                    && title_start + title_length == tokens.len()
                    && tokens.last().is_some_and(|last| {
                        last.text.ends_with('s') && !self.gazetteer.is_exact_title(last.text)
                    });
                if has_organization_word || plural_title_last {
                    self.classify(tokens, before);
                } else {
                    self.role_names(&tokens[first_title..]);
                }
                return;
            }
            if self.known_kind(name) == Some(EntityKind::Place) {
                // A title of a place: `Mayor of Birmingham`, `Vice President of the United States`.
                self.run(name, None);
                return;
            }
            if name_has_organization_word && first_title == 0 {
                let title_of = name_start > title_start + title_length;
                if title_of {
                    // A title before an organization's name: `Dean of UC Berkeley School of Law`.
                    self.run(name, None);
                } else {
                    // A title word inside an organization's name: `General Motors`.
                    self.classify(tokens, before);
                }
                return;
            }
            if !name_has_organization_word && self.known_kind(name) != Some(EntityKind::Place) {
                // The person: its name starts at a given name when words of the role come
                // first (`Mayor of Koszalin Piotr Jedlinski`), or is the last two words of a
                // long remainder.
                let given = name
                    .iter()
                    .position(|token| token.is(WordFlags::GIVEN_NAME));
                let skip = match given {
                    Some(position) => position,
                    None if name.len() > 3 => name.len() - 2,
                    None => 0,
                };
                let mut person = &name[skip..];
                while person.len() > 1
                    && person.last().is_some_and(|last| is_postnominal(last.text))
                {
                    person = &person[..person.len() - 1];
                }
                // Role words: the titles of the run and a role noun right before it.
                let mut roles: Vec<String> = Vec::new();
                for token in tokens[first_title..name_start]
                    .iter()
                    .filter(|token| token.is(WordFlags::TITLE))
                {
                    let lower = token.text.to_lowercase();
                    if !HONORIFICS.contains(&lower.as_str()) {
                        roles.push(lower);
                    }
                }
                if let Some(before) =
                    before.filter(|token| token.is_lowercase() && gazetteer.is_title(token.text))
                {
                    roles.push(before.text.to_lowercase());
                }
                // The role's own names (`US` in `US Secretary of State`, `Coast Guard` in `Coast
                // Guard Commandant`, `Koszalin` in `Mayor of Koszalin`) are mentions too.
                if first_title > 0 {
                    // A place before a title is an adjective (`US Secretary of State`); an
                    // organization is named (`Coast Guard Commandant`).
                    let prefix = &tokens[..first_title];
                    let adjectival = self.known_kind(prefix) == Some(EntityKind::Place)
                        || prefix.iter().all(|token| token.is(WordFlags::DEMONYM));
                    if !adjectival {
                        self.run(prefix, before);
                    }
                }
                self.role_names(&tokens[first_title..title_start]);
                if skip > 0 {
                    self.run(&name[..skip], None);
                }
                let Some(first_person) = person.first() else {
                    return;
                };
                let range_start = tokens[title_start]
                    .range
                    .start
                    .min(first_person.range.start);
                let mut mention = self.mention(person, EntityKind::Person, Evidence::Strong, roles);
                if skip == 0 {
                    mention.range = TextRange::new(range_start, mention.range.end);
                }
                mention.needs_support = false;
                self.mentions.push(mention);
                return;
            }
        }
        // Nationality words before a name: `Iranian Qassem Soleimani`; nationality words
        // alone (`North American`) are not names.
        let demonym_or_direction = |token: &Token<'_>| {
            token.is(WordFlags::DEMONYM)
                || matches!(token.text, "North" | "South" | "East" | "West" | "Central")
        };
        if tokens.iter().all(demonym_or_direction) {
            return;
        }
        if tokens.len() > 1
            && !has_organization_word
            && tokens[0].is(WordFlags::DEMONYM)
            && (tokens[1].is(WordFlags::GIVEN_NAME) || tokens[1].is(WordFlags::TITLE))
        {
            self.run(&tokens[1..], None);
            return;
        }
        self.classify(tokens, before);
    }

    /// The names inside a role phrase: the words after `of` (`Mayor of Koszalin`), and known
    /// places and organizations; the other words describe the role (`Emergency Situations`).
    fn role_names(&mut self, tokens: &[Token<'a>]) {
        let mut index = 0;
        while index < tokens.len() {
            if tokens[index].capitalized && !tokens[index].is(WordFlags::TITLE) {
                let start = index;
                while index < tokens.len()
                    && (tokens[index].capitalized || is_connector(&tokens[index]))
                    && !tokens[index].is(WordFlags::TITLE)
                {
                    index += 1;
                }
                let words = &tokens[start..index];
                let after_of = start > 0 && matches!(tokens[start - 1].text, "of" | "the");
                if after_of || self.known_kind(words).is_some() {
                    self.run(words, None);
                }
            } else {
                index += 1;
            }
        }
    }

    /// A run with no title splitting left: decides its kind, or that it is no entity.
    fn classify(&mut self, tokens: &[Token<'a>], before: Option<&Token<'a>>) {
        let gazetteer = self.gazetteer;
        let Some(first) = tokens.first() else { return };
        if let Some(kind) = self.known_kind(tokens) {
            self.push(tokens, kind, Evidence::Strong, Vec::new());
            return;
        }
        if tokens.len() == 1 {
            let letters = first.text.chars().filter(|ch| ch.is_alphabetic()).count();
            let has_digit = first.text.chars().any(|ch| ch.is_ascii_digit());
            // Single letters, model numbers (`A300`, `Q1`), ideologies (`Marxism`) and
            // nationality words are no entities.
            if letters <= 1
                || has_digit
                || first.text.ends_with("ism")
                || first.is(WordFlags::DEMONYM)
            {
                return;
            }
        }
        if self.has_organization_word(tokens) {
            if tokens.len() == 1 {
                // An organization word alone (`Police`, `News`) is a common noun.
                return;
            }
            self.push(
                tokens,
                EntityKind::Organization,
                Evidence::Strong,
                Vec::new(),
            );
            return;
        }
        if tokens.iter().any(|token| token.is(WordFlags::OTHER_WORD)) {
            // An event or a law is no entity, but a place that starts its name is: `Texas` in
            // `Texas Election Law`.
            if let Some(place_end) = (1..tokens.len())
                .rev()
                .find(|&end| self.known_kind(&tokens[..end]) == Some(EntityKind::Place))
            {
                self.push(
                    &tokens[..place_end],
                    EntityKind::Place,
                    Evidence::Strong,
                    Vec::new(),
                );
            }
            return;
        }
        if tokens.len() > 1
            && tokens
                .last()
                .is_some_and(|last| last.is(WordFlags::PLACE_WORD))
        {
            self.push(tokens, EntityKind::Place, Evidence::Strong, Vec::new());
            return;
        }
        if let Some(role) =
            before.filter(|token| token.is_lowercase() && gazetteer.is_title(token.text))
        {
            let roles = vec![role.text.to_lowercase()];
            self.push(tokens, EntityKind::Person, Evidence::Strong, roles);
            return;
        }
        if first.is(WordFlags::GIVEN_NAME) && !first.acronym {
            let evidence = if tokens.len() > 1 {
                Evidence::Strong
            } else {
                Evidence::Context
            };
            self.push(tokens, EntityKind::Person, evidence, Vec::new());
            return;
        }
        if first.text == "The" {
            self.push(
                tokens,
                EntityKind::Organization,
                Evidence::Context,
                Vec::new(),
            );
            return;
        }
        if tokens.len() == 1 {
            if before.is_some_and(|token| PLACE_PREPOSITIONS.contains(&token.text))
                || self.followed_by_place(first)
            {
                self.push(tokens, EntityKind::Place, Evidence::Context, Vec::new());
            } else if first.acronym {
                self.push(
                    tokens,
                    EntityKind::Organization,
                    Evidence::Context,
                    Vec::new(),
                );
            } else if !self.is_common_word(first) && !has_common_word_ending(first.text) {
                self.push(
                    tokens,
                    EntityKind::Organization,
                    Evidence::Shape,
                    Vec::new(),
                );
            }
            return;
        }
        // `North Poland`: a direction before a place is a place.
        if tokens.len() == 2 && is_direction(first.text) && tokens[1].is(WordFlags::PLACE) {
            self.push(tokens, EntityKind::Place, Evidence::Strong, Vec::new());
            return;
        }
        // `La Liga`, `El Clasico`: a name that starts with an article is no person's; nor is
        // one with a place in it that starts with no given name (`Real Madrid`).
        // A run in a dateline (`KELBY BAY —`) is its place; a direction before an unknown
        // name makes a region (`Upper Franconia`).
        let in_dateline = self.in_dateline(first.range);
        if in_dateline || (tokens.len() > 1 && is_direction(first.text)) {
            self.push(tokens, EntityKind::Place, Evidence::Context, Vec::new());
            return;
        }
        let article_first = matches!(first.text, "St" | "St." | "Saint")
            || matches!(
                first.text,
                "El" | "La" | "Le" | "Les" | "Los" | "Las" | "Il" | "Al"
            );
        let place_inside = !first.is(WordFlags::GIVEN_NAME)
            && tokens.iter().any(|token| token.is(WordFlags::PLACE));
        let person_shaped = !article_first
            && !place_inside
            && (2..=4).contains(&tokens.len())
            && tokens.iter().all(|token| {
                is_name_particle(token.text)
                    || (!is_connector(token)
                        && !is_direction(token.text)
                        && !token.is(WordFlags::DEMONYM)
                        && !self.is_common_word(token)
                        && !has_common_word_ending(token.text))
            });
        let kind = if person_shaped {
            EntityKind::Person
        } else {
            EntityKind::Organization
        };
        self.push(tokens, kind, Evidence::Shape, Vec::new());
    }

    fn mention(
        &self,
        tokens: &[Token<'a>],
        kind: EntityKind,
        evidence: Evidence,
        roles: Vec<String>,
    ) -> Mention<'a> {
        let start = tokens.first().map_or(0, |token| token.range.start);
        let end = tokens.last().map_or(start, |token| token.range.end);
        // A lone word at a sentence start needs support, unless it reads as a name: written
        // in camel case (`VesselFinder`). Other unknown words there (`Caloundra opened`) are
        // too often ordinary ones (`Residents`, `Soon`, `Imagine`) to count.
        let needs_support = tokens
            .iter()
            .filter(|token| !is_connector(token))
            .all(|token| token.weak && !self.supported(token) && !self.reads_as_name(token));
        let name = join_words(self.text, tokens);
        Mention {
            range: TextRange::new(start, end),
            folded: fold_diacritics(&name),
            name,
            words: tokens.len(),
            kind,
            evidence,
            acronym: tokens.len() == 1 && tokens[0].acronym,
            roles,
            needs_support,
            abbreviates: None,
        }
    }

    fn push(
        &mut self,
        tokens: &[Token<'a>],
        kind: EntityKind,
        evidence: Evidence,
        roles: Vec<String>,
    ) {
        if tokens.is_empty() {
            return;
        }
        let mention = self.mention(tokens, kind, evidence, roles);
        self.mentions.push(mention);
    }
}
