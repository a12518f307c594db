//! From words to name mentions: runs of capitalized words, split into titles, role phrases and
//! names, each name with the evidence for its kind.

use std::collections::HashSet;

use super::tokens::Token;
use crate::analysis::EntityKind;
use crate::analysis::gazetteer::Gazetteer;
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
pub(super) struct Mention {
    /// The mention as written, with its title (`Ayatollah Khamenei`), without a possessive.
    pub range: TextRange,
    /// The name without titles, words joined by single spaces: `Khamenei`.
    pub name: String,
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
}

/// Lowercase words that may join the capitalized words of one name.
/// Particles inside personal names: `Arnel dela Vega`, `Ludwig van Beethoven`.
const NAME_PARTICLES: &[&str] = &[
    "de", "del", "della", "di", "da", "dos", "das", "du", "la", "le", "van", "von", "der", "den",
    "ter", "bin", "ibn", "al", "el", "dela",
];

const CONNECTORS: &[&str] = &[
    "of", "the", "de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la", "le",
    "van", "von", "der", "den", "ter", "bin", "ibn", "al", "el", "dela", "y", "and", "for", "on",
    "upon", "&",
];

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

pub(super) struct Finder<'a, 't> {
    pub text: &'a str,
    pub gazetteer: &'static Gazetteer,
    /// Capitalized words seen somewhere not at a sentence start: they are names wherever they are.
    pub strong_words: &'a HashSet<&'t str>,
    /// Words written in lowercase somewhere in the text: a capitalized `House` or `Change` whose
    /// lowercase form is an ordinary word of the article is not a surname.
    pub lowercase_words: &'a HashSet<&'t str>,
    pub mentions: Vec<Mention>,
}

fn is_connector(token: &Token<'_>) -> bool {
    CONNECTORS.contains(&token.text)
}

/// The word as a name is written: all-capital words longer than an acronym (`WASHINGTON` in a
/// dateline) in title case.
fn name_word(token: &Token<'_>) -> String {
    let letters = token.text.chars().filter(|ch| ch.is_alphabetic()).count();
    if letters > 5 && !token.text.chars().any(char::is_lowercase) {
        let mut out = String::with_capacity(token.text.len());
        let mut first = true;
        for ch in token.text.chars() {
            if first {
                out.push(ch);
            } else {
                out.extend(ch.to_lowercase());
            }
            first = !ch.is_alphabetic();
        }
        out
    } else {
        token.text.to_owned()
    }
}

fn join_words(tokens: &[Token<'_>]) -> String {
    let mut out = String::new();
    for token in tokens {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&name_word(token));
    }
    out
}

impl<'a, 't> Finder<'a, 't> {
    /// Finds the name runs of one paragraph's words and turns each into mentions.
    pub fn paragraph(&mut self, tokens: &[Token<'t>]) {
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
                    .is_some_and(|token| token.capitalized && !self.is_not_name(token))
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
                        .is_some_and(|token| token.capitalized && !self.is_not_name(token))
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
                let gap = acronym.gap(self.text).trim();
                let closes = tokens
                    .get(end + 2)
                    .map(|next| next.gap(self.text).trim_start().starts_with(')'))
                    .unwrap_or_else(|| self.text[acronym.range.end..].starts_with(')'));
                if gap == "(" && acronym.acronym && closes && !self.mentions.is_empty() {
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

    /// A word that is never a name: `However`, `Wednesday`, and `UNDER` in shouted text.
    fn is_not_name(&self, token: &Token<'_>) -> bool {
        let gazetteer = self.gazetteer;
        if gazetteer.is_not_name(token.text) {
            return true;
        }
        let all_capitals = token.text.chars().any(char::is_uppercase)
            && !token.text.chars().any(char::is_lowercase);
        let known = gazetteer.kind_of(token.text).is_some();
        all_capitals && !known && token.text.len() > 1 && {
            let mut chars = token.text.chars();
            let title_case: String = chars
                .next()
                .into_iter()
                .chain(chars.flat_map(char::to_lowercase))
                .collect();
            gazetteer.is_not_name(&title_case)
        }
    }

    /// Whether a word is a name even at a sentence start.
    fn supported(&self, token: &Token<'_>) -> bool {
        let word = token.text;
        token.acronym
            || self.strong_words.contains(word)
            || self.gazetteer.is_place(word)
            || self.gazetteer.is_organization(word)
            || self.gazetteer.is_given_name(word)
            || self.gazetteer.is_organization_word(word)
            || self.gazetteer.is_title(word)
            || self.gazetteer.alias_group(word).is_some()
    }

    /// Whether the lowercase form of a capitalized word is an ordinary word of the text.
    fn is_common_word(&self, token: &Token<'_>) -> bool {
        let lower = token.text.to_lowercase();
        self.lowercase_words.contains(lower.as_str())
    }

    fn has_organization_word(&self, tokens: &[Token<'_>]) -> bool {
        tokens
            .iter()
            .any(|token| self.gazetteer.is_organization_word(token.text))
    }

    /// One run of capitalized words (with connectors), `before` the joined word before it.
    fn run(&mut self, tokens: &[Token<'t>], before: Option<&Token<'t>>) {
        let gazetteer = self.gazetteer;
        let mut tokens = tokens;
        let mut before = before;
        // Words that are never names, and unsupported sentence-initial words, are left out
        // at the start of the run.
        loop {
            let Some(first) = tokens.first() else { return };
            let drop = if self.is_not_name(first) {
                !(first.text == "The" && !first.weak && tokens.len() > 1)
            } else if !first.capitalized {
                true
            } else {
                first.weak
                    && tokens.len() > 1
                    && !self.supported(first)
                    && !self.has_organization_word(tokens)
                    && !tokens
                        .get(1)
                        .is_some_and(|second| NAME_PARTICLES.contains(&second.text))
                    && !gazetteer.is_place(&join_words(tokens))
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
        while tokens
            .last()
            .is_some_and(|token| is_connector(token) || self.is_not_name(token))
        {
            tokens = &tokens[..tokens.len() - 1];
        }
        if tokens.is_empty() {
            return;
        }
        let whole = join_words(tokens);
        if let Some(kind) = gazetteer.kind_of(&whole) {
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
                index > 0 && gazetteer.is_organization_word(tokens[index - 1].text);
            let title_after = tokens
                .get(index + 1)
                .is_some_and(|next| gazetteer.is_title(next.text));
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
            let title_length = gazetteer.title_words_at(left.iter().map(|token| token.text));
            let name = &left[title_length.min(left.len())..];
            let person_like = name
                .first()
                .is_some_and(|first| gazetteer.is_given_name(first.text))
                && !self.has_organization_word(left);
            if person_like && name.len() >= 2 {
                self.run(left, before);
                self.run(&tokens[of + 1..], None);
                return;
            }
        }
        // A place right before a person: `leader of Zimbabwe Robert Mugabe`.
        if let Some(given) = tokens
            .iter()
            .skip(1)
            .position(|token| gazetteer.is_given_name(token.text))
            .map(|position| position + 1)
        {
            if given + 1 < tokens.len() && gazetteer.is_place(&join_words(&tokens[..given])) {
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
            let length = gazetteer.title_words_at(tokens[index..].iter().map(|token| token.text));
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
                if has_organization_word {
                    self.classify(tokens, before);
                } else {
                    self.role_names(&tokens[first_title..]);
                }
                return;
            }
            if name_has_organization_word && first_title == 0 {
                // A title before an organization's name: `Dean of UC Berkeley School of Law`.
                self.run(name, None);
                return;
            }
            if !name_has_organization_word && !gazetteer.is_place(&join_words(name)) {
                // The person: its name starts at a given name when words of the role come
                // first (`Mayor of Koszalin Piotr Jedlinski`), or is the last two words of a
                // long remainder.
                let given = name
                    .iter()
                    .position(|token| gazetteer.is_given_name(token.text));
                let skip = match given {
                    Some(position) => position,
                    None if name.len() > 3 => name.len() - 2,
                    None => 0,
                };
                let person = &name[skip..];
                // Role words: the titles of the run and a role noun right before it.
                let mut roles: Vec<String> = Vec::new();
                for token in &tokens[first_title..name_start] {
                    let lower = token.text.to_lowercase();
                    if gazetteer.is_title(token.text) && !HONORIFICS.contains(&lower.as_str()) {
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
                    self.run(&tokens[..first_title], before);
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
            gazetteer.demonym_place(token.text).is_some()
                || matches!(token.text, "North" | "South" | "East" | "West" | "Central")
        };
        if tokens.iter().all(demonym_or_direction) {
            return;
        }
        if tokens.len() > 1
            && !has_organization_word
            && gazetteer.demonym_place(tokens[0].text).is_some()
            && (gazetteer.is_given_name(tokens[1].text) || gazetteer.is_title(tokens[1].text))
        {
            self.run(&tokens[1..], None);
            return;
        }
        self.classify(tokens, before);
    }

    /// The names inside a role phrase: the words after `of` (`of the Islamic Revolution`).
    fn role_names(&mut self, tokens: &[Token<'t>]) {
        let gazetteer = self.gazetteer;
        let mut index = 0;
        while index < tokens.len() {
            if tokens[index].capitalized && !gazetteer.is_title(tokens[index].text) {
                let start = index;
                while index < tokens.len()
                    && (tokens[index].capitalized || is_connector(&tokens[index]))
                    && !gazetteer.is_title(tokens[index].text)
                {
                    index += 1;
                }
                self.run(&tokens[start..index], None);
            } else {
                index += 1;
            }
        }
    }

    /// A run with no title splitting left: decides its kind, or that it is no entity.
    fn classify(&mut self, tokens: &[Token<'t>], before: Option<&Token<'t>>) {
        let gazetteer = self.gazetteer;
        let Some(first) = tokens.first() else { return };
        let whole = join_words(tokens);
        if let Some(kind) = gazetteer.kind_of(&whole) {
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
                || gazetteer.demonym_place(first.text).is_some()
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
        if tokens
            .iter()
            .any(|token| gazetteer.is_other_word(token.text))
        {
            return;
        }
        if tokens.len() > 1
            && tokens
                .last()
                .is_some_and(|last| gazetteer.is_place_word(last.text))
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
        if gazetteer.is_given_name(first.text) && !first.acronym {
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
            if before.is_some_and(|token| PLACE_PREPOSITIONS.contains(&token.text)) {
                self.push(tokens, EntityKind::Place, Evidence::Context, Vec::new());
            } else if first.acronym {
                self.push(
                    tokens,
                    EntityKind::Organization,
                    Evidence::Context,
                    Vec::new(),
                );
            } else if !self.is_common_word(first) {
                self.push(
                    tokens,
                    EntityKind::Organization,
                    Evidence::Shape,
                    Vec::new(),
                );
            }
            return;
        }
        let person_shaped = (2..=3).contains(&tokens.len())
            && tokens
                .iter()
                .all(|token| !is_connector(token) && !self.is_common_word(token));
        let kind = if person_shaped {
            EntityKind::Person
        } else {
            EntityKind::Organization
        };
        self.push(tokens, kind, Evidence::Shape, Vec::new());
    }

    fn mention(
        &self,
        tokens: &[Token<'t>],
        kind: EntityKind,
        evidence: Evidence,
        roles: Vec<String>,
    ) -> Mention {
        let start = tokens.first().map_or(0, |token| token.range.start);
        let end = tokens.last().map_or(start, |token| token.range.end);
        let needs_support = tokens
            .iter()
            .filter(|token| !is_connector(token))
            .all(|token| token.weak && !self.supported(token));
        Mention {
            range: TextRange::new(start, end),
            name: join_words(tokens),
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
        tokens: &[Token<'t>],
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
