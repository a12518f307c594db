//! A speaker for each quotation, by ordered deterministic rules (sieves), most reliable first,
//! in the manner of Muzny et al. (2017), the approach behind CoreNLP's quote attribution.
//!
//! For each quotation, in text order:
//! 1. a speech verb in its own sentence, after it (`“…,” X said`, `“…,” said X`) or before it
//!    (`X said: “…”`, `X told reporters “…”`, `X vowed “…”`), or `according to X`;
//! 2. another quotation of the same sentence that has a speaker (`“…” and “…,” he said`);
//! 3. continuation: a quotation with no cue right after the same speaker's words, in the same
//!    paragraph or opening the next one;
//! 4. the subject of the sentence, for a fragment inside the reporter's sentence.
//!
//! The words that name the speaker are then resolved: a name to its entity, a pronoun to the
//! most recent compatible speaker (the subject of a quotation or of reported speech, not merely
//! the last name mentioned), a role noun (“the Leader”) to the person the article introduced
//! with that role. Quotation marks around a title, a nickname or a so-called word are terms and
//! get no speaker.

use std::cell::RefCell;
use std::collections::HashSet;

use self::lexicon::{WordClass, word_class, word_class_of_any_case};

use super::prose::Prose;
use super::{
    Attribution, AttributionRule, Entity, EntityId, EntityKind, MetadataLine, Quote, QuoteKind,
    SpeakerReference,
};
use crate::analysis::gazetteer::WordMap;
use crate::text::TextRange;

/// Attributes each quotation it can and settles its kind.
///
/// Metadata lines (headline, byline, dateline, source line) are not the article's speech: no
/// speaker is taken from them for a later pronoun or continuation.
pub fn attribute(
    prose: &Prose<'_>,
    mut quotes: Vec<Quote>,
    entities: &[Entity],
    metadata: &[MetadataLine],
) -> Vec<Quote> {
    let lower = prose.text().to_ascii_lowercase();
    let mut context = Context::new(prose, &lower, &quotes, entities);
    context.metadata = metadata.iter().map(|line| line.range).collect();
    context.metadata.sort_by_key(|line| (line.start, line.end));
    let mut state = State::default();
    let mut reported_speech = context.reported_speech_sites().into_iter().peekable();

    for index in 0..quotes.len() {
        let Some(quote) = quotes.get(index) else {
            break;
        };
        let quote_start = quote.range.start;
        while let Some(site) = reported_speech.next_if(|site| site.verb.start < quote_start) {
            if let Some(found) = context.resolve_subject_of_verb(&site, &state) {
                let mention = found.antecedent.unwrap_or(found.mention);
                state.remember(site.verb.start, found.speaker, mention, site.paragraph);
            }
        }
        let (kind, attribution) = context.attribute_one(index, &quotes, &state);
        if let Some(attribution) = &attribution {
            if let Some(paragraph) = context.paragraph_of_end(index) {
                state.remember(
                    quote.range.end,
                    Speaker::from_attribution(attribution, entities),
                    attribution.antecedent.unwrap_or(attribution.mention),
                    paragraph,
                );
            }
            state
                .consumed_cues
                .extend(attribution.cue.map(|cue| cue.start));
        }
        if let Some(quote) = quotes.get_mut(index) {
            quote.kind = kind;
            quote.attribution = attribution;
        }
    }
    fill_from_a_later_quote_of_the_same_sentence(&context, &mut quotes);
    fill_headline_quotes_from_the_body(&context, &mut quotes);
    quotes
}

/// A speaker as the resolution rules see it.
#[derive(Clone, Debug, PartialEq)]
struct Speaker {
    name: String,
    entity: Option<EntityId>,
    class: SpeakerClass,
}

/// What pronouns can refer to the speaker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SpeakerClass {
    Person,
    /// An organization, a place acting as a body, or a plural group.
    Group,
    /// A description whose number we cannot tell.
    Unknown,
}

impl Speaker {
    fn from_attribution(attribution: &Attribution, entities: &[Entity]) -> Self {
        let class = attribution
            .entity
            .and_then(|id| entities.get(id.0))
            .map_or(SpeakerClass::Unknown, |entity| class_of(entity.kind));
        Speaker {
            name: attribution.speaker.clone(),
            entity: attribution.entity,
            class,
        }
    }
}

fn class_of(kind: EntityKind) -> SpeakerClass {
    match kind {
        EntityKind::Person => SpeakerClass::Person,
        EntityKind::Organization | EntityKind::Place => SpeakerClass::Group,
    }
}

/// Who has spoken so far, for pronouns and continuations.
#[derive(Default)]
struct State {
    /// Speakers in text order: of quotations and of reported speech.
    events: Vec<Event>,
    /// Offsets of cue verbs already used by a quotation, so they are not counted twice.
    consumed_cues: HashSet<usize>,
    /// Per role word (`leader`), the latest event whose speaker's name holds it, and how many
    /// events had been searched: events are only ever added, so each is searched once per
    /// role word rather than at every `the Leader` of a long article.
    named_roles: RefCell<WordMap<String, RoleSearch>>,
}

#[derive(Clone, Copy, Default)]
struct RoleSearch {
    searched: usize,
    latest: Option<usize>,
}

struct Event {
    offset: usize,
    paragraph: usize,
    speaker: Speaker,
    /// The gender the speaker's name shows, found once rather than for every pronoun.
    gender: Option<Gender>,
    /// The fullest words that named the speaker there.
    mention: TextRange,
}

impl State {
    fn remember(&mut self, offset: usize, speaker: Speaker, mention: TextRange, paragraph: usize) {
        self.events.push(Event {
            offset,
            paragraph,
            gender: gender_of(&speaker.name),
            speaker,
            mention,
        });
    }

    /// The latest of the last [`MAX_ROLE_CANDIDATES`] speakers whose name holds `role_word`
    /// (lowercase): `the Leader` after `Leader of the Islamic Revolution Ali Khamenei` spoke.
    fn speaker_named_by_role(&self, role_word: &str) -> Option<&Event> {
        let mut searches = self.named_roles.borrow_mut();
        let search = searches.entry(role_word.to_owned()).or_default();
        let unsearched = self.events.get(search.searched..).unwrap_or_default();
        if let Some(found) = unsearched
            .iter()
            .rposition(|event| lowercase_contains(&event.speaker.name, role_word))
        {
            search.latest = Some(search.searched + found);
        }
        search.searched = self.events.len();
        let latest = search.latest?;
        let recent_enough = self.events.len() - latest <= MAX_ROLE_CANDIDATES;
        self.events.get(latest).filter(|_| recent_enough)
    }

    /// The most recent speaker before `offset` that `pronoun` can refer to.
    ///
    /// Only the latest [`MAX_PRONOUN_CANDIDATES`] speakers are candidates: a pronoun refers to
    /// someone recent, and a long article must not make every pronoun scan all its speakers.
    fn resolve_pronoun(&self, pronoun: Pronoun, offset: usize) -> Option<&Event> {
        self.events
            .iter()
            .rev()
            .filter(|event| event.offset < offset)
            .take(MAX_PRONOUN_CANDIDATES)
            .find(|event| {
                let number_agrees = matches!(
                    (pronoun, event.speaker.class),
                    (
                        Pronoun::Masculine | Pronoun::Feminine,
                        SpeakerClass::Person | SpeakerClass::Unknown
                    ) | (Pronoun::Plural, SpeakerClass::Group | SpeakerClass::Unknown)
                        | (Pronoun::Neuter, SpeakerClass::Group)
                );
                number_agrees && gender_agrees(pronoun, event.gender)
            })
    }
}

fn gender_agrees(pronoun: Pronoun, gender: Option<Gender>) -> bool {
    !matches!(
        (pronoun, gender),
        (Pronoun::Masculine, Some(Gender::Feminine)) | (Pronoun::Feminine, Some(Gender::Masculine))
    )
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gender {
    Masculine,
    Feminine,
}

/// The gender a name or description shows: a given name on one of the lists, or a gendered
/// noun (`A police spokeswoman`, `the man`). `None` when it shows none.
fn gender_of(name: &str) -> Option<Gender> {
    let first = word_class_of_any_case(name.split_whitespace().next()?);
    let last = word_class_of_any_case(name.split_whitespace().next_back()?);
    if first.has(WordClass::FEMALE_NAME) || last.has(WordClass::FEMININE_NOUN) {
        Some(Gender::Feminine)
    } else if first.has(WordClass::MALE_NAME) || last.has(WordClass::MASCULINE_NOUN) {
        Some(Gender::Masculine)
    } else {
        None
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pronoun {
    /// he, him
    Masculine,
    /// she, her
    Feminine,
    /// they, them
    Plural,
    /// it
    Neuter,
}

fn pronoun(word: &str) -> Option<Pronoun> {
    // `She’s studying`, `he'd said`: the contraction's subject.
    let bare = word.split(['’', '\'']).next().unwrap_or("");
    let is = |candidate: &str| bare.eq_ignore_ascii_case(candidate);
    if is("he") || is("him") {
        Some(Pronoun::Masculine)
    } else if is("she") || is("her") {
        Some(Pronoun::Feminine)
    } else if is("they") || is("them") {
        Some(Pronoun::Plural)
    } else if is("it") {
        Some(Pronoun::Neuter)
    } else {
        None
    }
}

/// A word or a punctuation mark of the prose.
#[derive(Clone, Copy, Debug)]
struct Token<'a> {
    range: TextRange,
    text: &'a str,
    /// The text with ASCII letters lowered, for the word lists.
    lower: &'a str,
    class: WordClass,
    /// Starts with a letter or a digit.
    word: bool,
    /// Starts with an uppercase letter.
    capitalized: bool,
}

impl<'a> Token<'a> {
    fn is_word(&self) -> bool {
        self.word
    }

    fn is_capitalized(&self) -> bool {
        self.capitalized
    }

    fn lower(&self) -> &'a str {
        self.lower
    }

    fn is(&self, word: &str) -> bool {
        self.text.eq_ignore_ascii_case(word)
    }
}

/// Offsets just after each sentence end in `paragraph`: a `.`, `!`, `?` or `;` followed by
/// white space, a quotation mark or the paragraph's end, unless the dot ends an abbreviation
/// or an initial (`Dr. Smith`, `J. Smith`, `U.S. forces`).
fn sentence_boundaries_of(
    text: &str,
    lower: &str,
    paragraph: TextRange,
    boundaries: &mut Vec<usize>,
) {
    let slice = paragraph.slice(text);
    // The marks are ASCII, so a byte scan finds them without decoding characters.
    let marks = slice
        .bytes()
        .enumerate()
        .filter(|(_, byte)| matches!(byte, b'.' | b'!' | b'?' | b';'));
    for (index, byte) in marks {
        let ch = char::from(byte);
        let after = index + 1;
        let rest = slice.get(after..).unwrap_or("");
        let next = rest.chars().next();
        if next.is_some_and(|c| !c.is_whitespace() && !is_quotation_mark(c)) {
            continue;
        }
        if ch == '.' {
            let before = slice.get(..index).unwrap_or("");
            let word_start = before
                .char_indices()
                .rev()
                .find(|(_, c)| !(c.is_alphanumeric() || *c == '.'))
                .map_or(0, |(position, c)| position + c.len_utf8());
            let word = before.get(word_start..).unwrap_or("");
            let word_lower = lower
                .get(paragraph.start + word_start..paragraph.start + index)
                .unwrap_or("");
            let abbreviation = word_class(word_lower).has(WordClass::ABBREVIATION);
            let single_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
            if abbreviation || single_initial {
                continue;
            }
            // `U.S.` ends a sentence only when a capitalized word follows.
            let next_word = rest.trim_start().chars().next();
            if word.contains('.') && !next_word.is_some_and(char::is_uppercase) {
                continue;
            }
        }
        boundaries.push(paragraph.start + after);
    }
}

fn is_quotation_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '”' | '‘' | '’' | '\'' | '«' | '»' | '„' | '‹' | '›'
    )
}

/// Splits `range` of `text` into words and punctuation, appending them to `tokens`. A word may
/// hold inner apostrophes, hyphens, ampersands and the dots of abbreviations (`U.S`,
/// `al-Masirah`, `AT&T`, `Dr.`).
///
/// `lower` is `text` with ASCII letters lowered: the same length, so one range serves both.
fn tokenize<'a>(text: &'a str, lower: &'a str, range: TextRange, tokens: &mut Vec<Token<'a>>) {
    let slice = range.slice(text);
    let lower_slice = range.slice(lower);
    let mut index = 0;
    while let Some(ch) = char_at(slice, index) {
        let start = index;
        index += ch.len_utf8();
        if ch.is_whitespace() {
            continue;
        }
        let word = is_alphanumeric(ch);
        if word {
            while let Some(next) = char_at(slice, index) {
                if next.is_ascii_alphanumeric() {
                    index += 1;
                    continue;
                }
                let continues = if is_alphanumeric(next) {
                    true
                } else if matches!(next, '\'' | '’' | '-' | '‐' | '&' | '.') {
                    let after = char_at(slice, index + next.len_utf8());
                    after.is_some_and(is_alphanumeric)
                        || (next == '.'
                            && lower_slice
                                .get(start..index)
                                .is_some_and(|word| word_class(word).has(WordClass::ABBREVIATION)))
                } else {
                    false
                };
                if !continues {
                    break;
                }
                index += next.len_utf8();
            }
        }
        let absolute = TextRange::new(range.start + start, range.start + index);
        let lower = absolute.slice(lower);
        tokens.push(Token {
            range: absolute,
            text: absolute.slice(text),
            lower,
            class: if word {
                word_class(lower)
            } else {
                WordClass::default()
            },
            word,
            capitalized: ch.is_uppercase(),
        });
    }
}

/// `char::is_alphanumeric`, without the Unicode tables for ASCII and for the general
/// punctuation block (curly quotation marks, dashes, ellipses), which holds no letter or digit.
#[inline]
fn is_alphanumeric(ch: char) -> bool {
    if ch.is_ascii() {
        ch.is_ascii_alphanumeric()
    } else if ('\u{2000}'..='\u{206f}').contains(&ch) {
        false
    } else {
        ch.is_alphanumeric()
    }
}

/// The character at byte `index` of `text`, decoding ASCII without the general UTF-8 path.
#[inline]
fn char_at(text: &str, index: usize) -> Option<char> {
    match text.as_bytes().get(index) {
        Some(&byte) if byte.is_ascii() => Some(char::from(byte)),
        Some(_) => text.get(index..).and_then(|rest| rest.chars().next()),
        None => None,
    }
}

/// The noun a modifier hangs on: `man` in `A man who works at a unit`.
fn head_before_modifier<'p, 'a>(phrase: &'p [Token<'a>]) -> Option<&'p Token<'a>> {
    let modifier = phrase
        .iter()
        .position(|t| t.class.has(WordClass::MODIFIER))?;
    phrase.get(modifier.checked_sub(1)?)
}

fn is_person_head(token: &Token<'_>) -> bool {
    token.class.has(WordClass::PERSON_HEAD) || token.class.has(WordClass::ROLE)
}

/// How far back (in bytes) a role noun with no introduction looks for the person it names.
const RECENT_PERSON_WINDOW: usize = 600;

/// How many earlier speakers a pronoun is matched against.
const MAX_PRONOUN_CANDIDATES: usize = 32;

/// How many earlier people a role noun is matched against.
const MAX_ROLE_CANDIDATES: usize = 40;

/// The result of resolving the words that name a speaker.
struct Resolved {
    speaker: Speaker,
    reference: SpeakerReference,
    mention: TextRange,
    antecedent: Option<TextRange>,
}

/// A speech verb outside quotation marks, with the stretch of text it can find a subject in.
///
/// A person who opens a sentence is a site too (`Dunmere’s manager, Phil Catterall, was
/// frustrated.`): a later `he said` most likely means them.
struct VerbSite {
    verb: TextRange,
    /// The sentence part around the verb, outside quotation marks.
    segment: TextRange,
    paragraph: usize,
    /// For a sentence's subject: the mention and its entity.
    subject: Option<(TextRange, EntityId)>,
}

/// The stretches of each paragraph outside every quotation piece, paragraph after paragraph.
struct Unquoted<'p> {
    /// Pieces sorted by start; nested pieces lie inside others.
    pieces: &'p [(TextRange, usize)],
    /// The first piece that may still touch the paragraphs to come.
    next: usize,
}

impl<'p> Unquoted<'p> {
    fn new(pieces: &'p [(TextRange, usize)]) -> Self {
        Unquoted { pieces, next: 0 }
    }

    /// The parts of `paragraph` no piece covers, in order. Paragraphs must come in text order.
    fn stretches(&mut self, paragraph: TextRange) -> Vec<TextRange> {
        while self
            .pieces
            .get(self.next)
            .is_some_and(|(piece, _)| piece.end <= paragraph.start)
        {
            self.next += 1;
        }
        let mut stretches = Vec::new();
        let mut cursor = paragraph.start;
        for (piece, _) in self.pieces.get(self.next..).unwrap_or_default() {
            if piece.start >= paragraph.end {
                break;
            }
            if piece.start > cursor {
                stretches.push(TextRange::new(cursor, piece.start));
            }
            cursor = cursor.max(piece.end);
        }
        if cursor < paragraph.end {
            stretches.push(TextRange::new(cursor, paragraph.end));
        }
        stretches
    }
}

/// What the sieves look at: the text, its paragraphs, the quotations' pieces and the entities.
struct Context<'a> {
    text: &'a str,
    /// Where each role noun is written: its lowered form to the start of each of its tokens,
    /// in text order.
    role_word_starts: WordMap<&'a str, Vec<usize>>,
    /// Every token of the text, in order.
    tokens: Vec<Token<'a>>,
    /// Per paragraph, the index in `tokens` of its first token; then the number of tokens.
    paragraph_token_starts: Vec<usize>,
    /// Per token, where it starts and where it ends: the keys `tokens_in` searches, eight to a
    /// cache line rather than one `Token`.
    token_starts: Vec<usize>,
    token_ends: Vec<usize>,
    /// Offsets just after every sentence end, in order.
    boundaries: Vec<usize>,
    /// Ranges of metadata lines, which hold no speech: in text order and disjoint (one line
    /// per paragraph at most).
    metadata: Vec<TextRange>,
    paragraphs: &'a [TextRange],
    entities: &'a [Entity],
    /// Every mention, sorted by start.
    mentions: Vec<(TextRange, EntityId)>,
    /// Every piece of every quotation, sorted by start: (range with marks, quote index).
    pieces: Vec<(TextRange, usize)>,
    /// Per quotation: the paragraph of its first and of its last piece.
    quote_paragraphs: Vec<(Option<usize>, Option<usize>)>,
    /// Per entity: see [`Introductions`].
    introductions: Vec<Introductions>,
    /// Per entity: the gender its name shows.
    entity_genders: Vec<Option<Gender>>,
}

/// An entity's mentions by end offset, each with the longest mention ending at or before it,
/// so that finding the introduction before an offset is a binary search rather than a scan
/// of every mention (a long article mentions its main speaker thousands of times).
struct Introductions {
    /// (end of a mention, the longest and earliest mention ending there or before), by end.
    longest_so_far: Vec<(usize, TextRange)>,
}

impl Introductions {
    fn new(mentions: &[TextRange]) -> Self {
        let mut by_end = mentions.to_vec();
        by_end.sort_by_key(|mention| (mention.end, mention.start));
        let mut best: Option<TextRange> = None;
        let longest_so_far = by_end
            .iter()
            .map(|&mention| {
                let key = |m: TextRange| (m.len(), std::cmp::Reverse(m.start));
                let longest = match best {
                    Some(current) if key(current) > key(mention) => current,
                    _ => mention,
                };
                best = Some(longest);
                (mention.end, longest)
            })
            .collect();
        Introductions { longest_so_far }
    }

    /// The longest mention ending at or before `offset`, the earliest among equals.
    fn before(&self, offset: usize) -> Option<TextRange> {
        let count = self
            .longest_so_far
            .partition_point(|(end, _)| *end <= offset);
        let (_, longest) = self.longest_so_far.get(count.checked_sub(1)?)?;
        Some(*longest)
    }
}

impl<'a> Context<'a> {
    fn new(prose: &'a Prose<'_>, lower: &'a str, quotes: &[Quote], entities: &'a [Entity]) -> Self {
        let text = prose.text();
        // About one token in five bytes of news prose.
        let mut tokens = Vec::with_capacity(text.len() / 5);
        let mut paragraph_token_starts = Vec::with_capacity(prose.paragraphs().len() + 1);
        let mut boundaries = Vec::new();
        let mut role_word_starts: WordMap<&'a str, Vec<usize>> = WordMap::default();
        let mut pieces: Vec<(TextRange, usize)> = quotes
            .iter()
            .enumerate()
            .flat_map(|(index, quote)| quote.pieces.iter().map(move |piece| (piece.range, index)))
            .collect();
        pieces.sort_by_key(|(range, _)| range.start);
        let mut unquoted = Unquoted::new(&pieces);
        for paragraph in prose.paragraphs() {
            let first_token = tokens.len();
            paragraph_token_starts.push(first_token);
            // The sieves read the words around quotations, never those inside them: the
            // quoted words (often half of a news text) are left out.
            for stretch in unquoted.stretches(*paragraph) {
                tokenize(text, lower, stretch, &mut tokens);
                sentence_boundaries_of(text, lower, stretch, &mut boundaries);
            }
            // Indexed here, while the paragraph's tokens are still in the cache: a second pass
            // over the whole token array read it all back from memory on long documents.
            let paragraph_tokens = tokens.get(first_token..).unwrap_or_default();
            for token in paragraph_tokens
                .iter()
                .filter(|token| token.class.has(WordClass::ROLE))
            {
                role_word_starts
                    .entry(token.lower)
                    .or_default()
                    .push(token.range.start);
            }
        }
        let mut mentions: Vec<(TextRange, EntityId)> = entities
            .iter()
            .enumerate()
            .flat_map(|(index, entity)| entity.mentions.iter().map(move |m| (*m, EntityId(index))))
            .collect();
        mentions.sort_by_key(|(range, _)| (range.start, range.end));
        let quote_paragraphs = quotes
            .iter()
            .map(|quote| {
                let first = quote
                    .pieces
                    .first()
                    .and_then(|p| prose.paragraph_index_at(p.range.start));
                let last = quote
                    .pieces
                    .last()
                    .and_then(|p| prose.paragraph_index_at(p.range.end));
                (first, last)
            })
            .collect();
        let introductions = entities
            .iter()
            .map(|entity| Introductions::new(&entity.mentions))
            .collect();
        paragraph_token_starts.push(tokens.len());
        let token_starts = tokens.iter().map(|token| token.range.start).collect();
        let token_ends = tokens.iter().map(|token| token.range.end).collect();
        Context {
            text,
            role_word_starts,
            tokens,
            paragraph_token_starts,
            token_starts,
            token_ends,
            boundaries,
            metadata: Vec::new(),
            paragraphs: prose.paragraphs(),
            entities,
            mentions,
            pieces,
            quote_paragraphs,
            introductions,
            entity_genders: entities
                .iter()
                .map(|entity| gender_of(&entity.name))
                .collect(),
        }
    }

    /// The tokens lying inside `range`. O(log n).
    fn tokens_in(&self, range: TextRange) -> &[Token<'a>] {
        let first = self.first_token_from(range.start);
        // Token ends rise with token starts: the tokens of `range` follow `first`, and are few.
        let ends = self.token_ends.get(first..).unwrap_or_default();
        let last = first + short_partition_point(ends, |&end| end <= range.end);
        self.tokens.get(first..last).unwrap_or_default()
    }

    /// The index of the first token starting at or after `offset`. Only the tokens of the
    /// paragraph around `offset` are searched: a search of the whole token array missed the
    /// cache at almost every step on long documents, where it took a seventh of the time.
    fn first_token_from(&self, offset: usize) -> usize {
        let before = self
            .paragraphs
            .partition_point(|paragraph| paragraph.end <= offset);
        // The paragraphs are disjoint and in order: only the first one not before `offset`
        // can start before it, so its tokens are the only ones left to search.
        let around = self
            .paragraphs
            .get(before)
            .is_some_and(|paragraph| paragraph.start < offset);
        let window = self.paragraph_token_starts.get(before).zip(
            self.paragraph_token_starts
                .get(before + usize::from(around)),
        );
        let Some((&low, &high)) = window else {
            return self.token_starts.partition_point(|&start| start < offset);
        };
        let undecided = self.token_starts.get(low..high).unwrap_or_default();
        low + undecided.partition_point(|&start| start < offset)
    }

    /// Whether `range` lies inside a metadata line. O(log n): a long document has a source line
    /// or a dateline every few paragraphs.
    fn in_metadata(&self, range: TextRange) -> bool {
        let after = self
            .metadata
            .partition_point(|line| line.start <= range.start);
        after
            .checked_sub(1)
            .and_then(|index| self.metadata.get(index))
            .is_some_and(|line| line.contains_range(range))
    }

    fn paragraph_of_end(&self, quote: usize) -> Option<usize> {
        self.quote_paragraphs.get(quote).and_then(|(_, last)| *last)
    }

    fn paragraph_of_start(&self, quote: usize) -> Option<usize> {
        self.quote_paragraphs
            .get(quote)
            .and_then(|(first, _)| *first)
    }

    /// The text between the piece before `range` (or the paragraph start) and `range`.
    ///
    /// Terms already found are read as words of the sentence (`Anna Franowska of “Have no
    /// fear”, a charity, told Reuters “…”`).
    fn gap_before(&self, range: TextRange, paragraph: TextRange, quotes: &[Quote]) -> TextRange {
        let start = self
            .pieces_in(TextRange::new(paragraph.start, range.start))
            .rev()
            .find(|(_, quote)| quotes.get(*quote).is_none_or(|q| q.kind != QuoteKind::Term))
            .map_or(paragraph.start, |(piece, _)| piece.end);
        TextRange::new(start, range.start)
    }

    /// The text between `range` and the next piece (or the paragraph end).
    fn gap_after(&self, range: TextRange, paragraph: TextRange) -> TextRange {
        let next = self
            .pieces
            .partition_point(|(piece, _)| piece.start < range.end);
        let end = self
            .pieces
            .get(next)
            .map(|(piece, _)| piece.start)
            .filter(|start| *start <= paragraph.end)
            .unwrap_or(paragraph.end);
        TextRange::new(range.end, end)
    }

    /// Quotation marks that name rather than quote: `the so-called “reform”`, `known as the
    /// “Blue House”`, `was called the “breadbasket”`, `the word “pandemic”`, and a title after
    /// `of` (`Anna Franowska of “Have no fear”`).
    fn is_named_as_a_term(&self, left: &[Token<'_>], content: &str) -> bool {
        let Some(last) = left.last() else {
            return false;
        };
        if last.class.has(WordClass::TERM_CUE) {
            return true;
        }
        let recent = &left[left.len().saturating_sub(3)..];
        let naming_verb = |t: &Token<'_>| {
            [
                "called",
                "dubbed",
                "named",
                "nicknamed",
                "labelled",
                "labeled",
                "branded",
                "termed",
                "known",
            ]
            .iter()
            .any(|verb| t.is(verb))
        };
        let passive_naming = recent.windows(2).any(|pair| {
            pair.first().is_some_and(|be| {
                ["was", "were", "is", "are", "be", "been"]
                    .iter()
                    .any(|w| be.is(w))
            }) && pair.get(1).is_some_and(naming_verb)
        });
        let known_as = recent.iter().any(|t| t.is("known")) && (last.is("as") || last.is("the"));
        let title_after_of = last.is("of")
            && content.chars().next().is_some_and(char::is_uppercase)
            && content.split_whitespace().count() <= 5
            && !content.trim_end().ends_with(['.', '!', '?', ',']);
        passive_naming || known_as || title_after_of
    }

    /// Decides the kind and the attribution of quotation `index`.
    fn attribute_one(
        &self,
        index: usize,
        quotes: &[Quote],
        state: &State,
    ) -> (QuoteKind, Option<Attribution>) {
        let Some(quote) = quotes.get(index) else {
            return (QuoteKind::Direct, None);
        };
        let mut kind = quote.kind;
        if kind == QuoteKind::Headline {
            return (kind, None);
        }
        let (Some(first), Some(last)) = (quote.pieces.first(), quote.pieces.last()) else {
            return (kind, None);
        };
        let (Some(first_paragraph_index), Some(last_paragraph_index)) =
            (self.paragraph_of_start(index), self.paragraph_of_end(index))
        else {
            return (kind, None);
        };
        let (Some(&first_paragraph), Some(&last_paragraph)) = (
            self.paragraphs.get(first_paragraph_index),
            self.paragraphs.get(last_paragraph_index),
        ) else {
            return (kind, None);
        };

        // Most quotations are one piece: their words are borrowed, not joined into a string.
        let content: std::borrow::Cow<'_, str> = match quote.pieces.as_slice() {
            [only] => only.content.slice(self.text).into(),
            _ => quote.text(self.text).into(),
        };
        let left_gap = self.gap_before(first.range, first_paragraph, quotes);
        let left = self.last_sentence(left_gap);
        let left_is_blank = left.slice(self.text).trim().is_empty();
        let starts_sentence = left_is_blank && self.gap_ends_sentence(left_gap);
        let right_gap = self.gap_after(last.range, last_paragraph);
        let ends_sentence = content.trim_end().ends_with(['.', '!', '?', '…'])
            && self.next_word_capitalized(right_gap)
            && !self.is_speech_tag(right_gap);
        let right = if ends_sentence {
            TextRange::empty_at(right_gap.start)
        } else {
            self.first_sentence(right_gap)
        };
        let left_tokens = self.tokens_in(left);
        let right_tokens = self.tokens_in(right);

        if content.starts_with('[') || left_tokens.last().is_some_and(|token| token.text == ":") {
            kind = QuoteKind::Direct;
        }
        if self.is_named_as_a_term(left_tokens, &content)
            || is_a_nickname_or_a_title(left_tokens, right_tokens, &content)
        {
            return (QuoteKind::Term, None);
        }

        let found = self
            .cue_after(right_tokens, state)
            .or_else(|| self.cue_before(left_tokens, state))
            .or_else(|| self.according_to(right_tokens, state));
        if let Some((resolved, cue, rule)) = found {
            return (kind, Some(self.attribution(resolved, Some(cue), rule)));
        }

        let word_count = content.split_whitespace().count();
        let unpunctuated = !content
            .trim_end()
            .ends_with(['.', '!', '?', ',', '…', ';', ':']);
        // A short unpunctuated quotation in a sentence with no speech verb quotes nobody:
        // a scare quote, a slogan, a name (`“Law and order” was a common theme`).
        let looks_like_a_term = unpunctuated && word_count <= 4;
        let has_speech_verb_in_sentence = (0..left_tokens.len())
            .any(|i| self.is_speech_verb_at(left_tokens, i))
            || (0..right_tokens.len()).any(|i| self.is_speech_verb_at(right_tokens, i));
        if looks_like_a_term
            && !has_speech_verb_in_sentence
            && !self.previous_quote_in_sentence(index, quotes, left_gap)
        {
            return (QuoteKind::Term, None);
        }

        if let Some(attribution) = self.same_sentence_as_previous(index, quotes, left_gap) {
            return (kind, Some(attribution));
        }
        let opens_paragraph = left_gap.start == first_paragraph.start && left_is_blank;
        if starts_sentence || opens_paragraph {
            if let Some(attribution) =
                self.continuation(index, quotes, first_paragraph_index, opens_paragraph, state)
            {
                return (kind, Some(attribution));
            }
        }
        if let Some(attribution) = self.sentence_subject(left_tokens, state) {
            return (kind, Some(attribution));
        }
        if let Some(resolved) = self.colon_clause_subject(left_tokens, state) {
            let attribution = self.attribution(resolved, None, AttributionRule::SentenceSubject);
            return (kind, Some(attribution));
        }
        (kind, None)
    }

    /// `Late Wednesday, the department issued a statement: “…”`: a clause ending in a colon
    /// introduces its subject's words even without a speech verb.
    fn colon_clause_subject(&self, tokens: &[Token<'_>], state: &State) -> Option<Resolved> {
        let (colon, clause) = tokens.split_last()?;
        if colon.text != ":" {
            return None;
        }
        let clause = after_opening_adverbial(clause);
        let first = clause.first()?;
        let head = clause.get(1)?;
        let described_body = first.is("the")
            && (head.class.has(WordClass::COLLECTIVE) || head.class.has(WordClass::ROLE));
        if described_body {
            return self.resolve_phrase(clause.get(..2)?, state);
        }
        None
    }

    fn attribution(
        &self,
        resolved: Resolved,
        cue: Option<TextRange>,
        rule: AttributionRule,
    ) -> Attribution {
        let base: f32 = match rule {
            AttributionRule::SpeechVerb => 0.95,
            AttributionRule::AccordingTo => 0.9,
            AttributionRule::Continuation => 0.75,
            AttributionRule::SentenceSubject => 0.55,
            AttributionRule::Annotation => 1.0,
        };
        let factor = match resolved.reference {
            SpeakerReference::Name => 1.0,
            SpeakerReference::Description => 0.9,
            SpeakerReference::RoleNoun => 0.9,
            SpeakerReference::Pronoun => 0.85,
        };
        Attribution {
            speaker: resolved.speaker.name,
            entity: resolved.speaker.entity,
            mention: resolved.mention,
            reference: resolved.reference,
            antecedent: resolved.antecedent,
            cue,
            rule,
            confidence: base * factor,
        }
    }

    /// `“…,” X said`, `“…,” said X`, `“…,” X, the Y of Z, said`.
    fn cue_after(
        &self,
        tokens: &[Token<'_>],
        state: &State,
    ) -> Option<(Resolved, TextRange, AttributionRule)> {
        let words: Vec<usize> = (0..tokens.len())
            .filter(|&i| tokens.get(i).is_some_and(Token::is_word))
            .collect();
        let first_word = *words.first()?;
        let verb_index = words
            .iter()
            .copied()
            .take(14)
            .find(|&i| self.is_speech_verb_at(tokens, i))?;
        let cue = self.cue_range(tokens, verb_index);
        // The cue must follow the quotation directly: `“…,” X said`, not `“…” while X said`.
        let clause_word_between = tokens
            .get(first_word..verb_index)?
            .iter()
            .any(|t| t.class.has(WordClass::CLAUSE) || t.is("and"));
        // `“…” and saying the government …`: a participle continues the sentence's subject.
        let participle = tokens
            .get(verb_index)
            .is_some_and(|verb| verb.lower().ends_with("ing"));
        if clause_word_between || participle {
            return None;
        }
        if verb_index == first_word {
            let resolved = self.phrase_after(tokens, verb_index, state)?;
            return Some((resolved, cue, AttributionRule::SpeechVerb));
        }
        let resolved = self
            .subject_before(tokens, verb_index, 0, state)
            .or_else(|| self.phrase_after(tokens, verb_index, state))?;
        Some((resolved, cue, AttributionRule::SpeechVerb))
    }

    /// `X said: “…”`, `X said, “…”`, `X told reporters “…”`, `X vowed “…”`, `According to X, … “…”`.
    fn cue_before(
        &self,
        tokens: &[Token<'_>],
        state: &State,
    ) -> Option<(Resolved, TextRange, AttributionRule)> {
        let verbs: Vec<usize> = (0..tokens.len())
            .rev()
            .filter(|&i| self.is_speech_verb_at(tokens, i))
            .collect();
        for &verb_index in &verbs {
            let cue = self.cue_range(tokens, verb_index);
            // `was told by X`, `described by X as`: the passive's agent speaks.
            if tokens.get(verb_index + 1).is_some_and(|t| t.is("by")) {
                if let Some(resolved) = self.phrase_after(tokens, verb_index + 1, state) {
                    return Some((resolved, cue, AttributionRule::SpeechVerb));
                }
            }
            if let Some(resolved) = self.subject_before(tokens, verb_index, 0, state) {
                return Some((resolved, cue, AttributionRule::SpeechVerb));
            }
            if verb_index == 0 {
                if let Some(resolved) = self.phrase_after(tokens, verb_index, state) {
                    return Some((resolved, cue, AttributionRule::SpeechVerb));
                }
            }
        }
        if let Some(found) = self.according_to(tokens, state) {
            return Some(found);
        }
        // A participle or a second verb with no subject of its own (`…, saying “…”`,
        // `… and then declared “…”`): the speaker is the subject of the sentence.
        let verb_index = *verbs.first()?;
        let cue = self.cue_range(tokens, verb_index);
        let before_verb = tokens.get(..verb_index)?;
        let resolved = self
            .clause_subject_pronoun(before_verb, state)
            .or_else(|| self.opening_subject(before_verb, state))
            .or_else(|| self.first_named_subject(before_verb))?;
        Some((resolved, cue, AttributionRule::SpeechVerb))
    }

    /// `according to X`, anywhere in the tokens.
    fn according_to(
        &self,
        tokens: &[Token<'_>],
        state: &State,
    ) -> Option<(Resolved, TextRange, AttributionRule)> {
        let index = (0..tokens.len().saturating_sub(1)).find(|&i| {
            tokens.get(i).is_some_and(|t| t.is("according"))
                && tokens.get(i + 1).is_some_and(|t| t.is("to"))
        })?;
        let cue = tokens.get(index)?.range.cover(tokens.get(index + 1)?.range);
        let resolved = self.phrase_after(tokens, index + 1, state)?;
        Some((resolved, cue, AttributionRule::AccordingTo))
    }

    /// The verb, with its particle for two-word verbs (`pointed out`, `went on`).
    fn cue_range(&self, tokens: &[Token<'_>], verb_index: usize) -> TextRange {
        let Some(verb) = tokens.get(verb_index) else {
            return TextRange::default();
        };
        match tokens.get(verb_index + 1) {
            Some(particle) if verb.lower().starts_with("point") && particle.is("out") => {
                verb.range.cover(particle.range)
            }
            _ => verb.range,
        }
    }

    /// A speech verb on its own; `point` counts only as `point out` (see `is_speech_verb_at`).
    /// A lowercase speech verb: a capitalized `States` or `Post` is a name, not a verb.
    fn is_speech_verb(&self, token: &Token<'_>) -> bool {
        let lower = token.lower();
        token.is_word()
            && !token.is_capitalized()
            && !lower.starts_with("point")
            && token.class.has(WordClass::SPEECH_VERB)
    }

    fn is_speech_verb_at(&self, tokens: &[Token<'_>], index: usize) -> bool {
        let Some(token) = tokens.get(index) else {
            return false;
        };
        // Every rule below speaks of a word of the class: most words are not.
        if !token.class.has(WordClass::SPEECH_VERB) {
            return false;
        }
        // A sentence may open with its verb: `Calling it “just another apology”, …`.
        if index == 0 && token.is_capitalized() && token.lower().ends_with("ing") {
            return token.class.has(WordClass::SPEECH_VERB);
        }
        // `a woman called Dorothea Quint`: naming, not speaking.
        let naming = (token.is("called") || token.is("named"))
            && tokens
                .get(index + 1)
                .is_some_and(|next| next.is_capitalized())
            && index
                .checked_sub(1)
                .and_then(|i| tokens.get(i))
                .is_some_and(|previous| previous.is_word() && !previous.is_capitalized());
        if naming {
            return false;
        }
        // `the remarks`, `in comments`, `his statement`: a noun, not a verb.
        let after_determiner = index
            .checked_sub(1)
            .and_then(|i| tokens.get(i))
            .is_some_and(|previous| previous.class.has(WordClass::NOUN_MARKER));
        if after_determiner || self.follows_a_document_noun(tokens, index) {
            return false;
        }
        if token.lower().starts_with("point") && token.class.has(WordClass::SPEECH_VERB) {
            return tokens.get(index + 1).is_some_and(|next| next.is("out"));
        }
        self.is_speech_verb(token)
    }

    /// `in a blog post`, `a Facebook post`: `post` ending a noun phrase is a noun.
    fn follows_a_document_noun(&self, tokens: &[Token<'_>], index: usize) -> bool {
        let is_post = tokens
            .get(index)
            .is_some_and(|token| token.is("post") || token.is("posts"));
        let previous = index.checked_sub(1).and_then(|i| tokens.get(i));
        let before_previous = index.checked_sub(2).and_then(|i| tokens.get(i));
        is_post
            && (previous.is_some_and(|t| t.class.has(WordClass::DOCUMENT))
                || before_previous.is_some_and(|t| t.class.has(WordClass::NOUN_MARKER)))
    }

    /// The noun phrase just before the verb at `verb_index`, resolved to a speaker.
    fn subject_before(
        &self,
        tokens: &[Token<'_>],
        verb_index: usize,
        floor: usize,
        state: &State,
    ) -> Option<Resolved> {
        // `crews were called`, `he was told`: a passive's subject is spoken to, not speaking.
        let passive = verb_index
            .checked_sub(1)
            .and_then(|i| tokens.get(i))
            .is_some_and(|t| {
                ["was", "were", "is", "are", "be", "been", "being"]
                    .iter()
                    .any(|be| t.is(be))
            });
        if passive {
            return None;
        }
        let mut end = verb_index;
        while end > floor {
            let token = tokens.get(end - 1)?;
            if token.is_word() && token.class.has(WordClass::BETWEEN_SUBJECT_AND_VERB) {
                end -= 1;
            } else {
                break;
            }
        }
        if end <= floor {
            return None;
        }
        let before = tokens.get(end - 1)?;
        // `In his first week he told me`: a subject pronoun before the verb is the subject.
        if pronoun(before.text).is_some_and(|kind| kind != Pronoun::Neuter || before.is("it"))
            && !is_object_pronoun(before.text)
        {
            return self.resolve_phrase(tokens.get(end - 1..end)?, state);
        }
        let participle = tokens
            .get(verb_index)
            .is_some_and(|verb| verb.lower().ends_with("ing"));
        if participle && !before.is_word() {
            // `…, saying “…”`: the subject is the sentence's, found by the caller.
            return None;
        }
        if before.text == "," {
            // `X, the Y of Z, said` or `the Y's director, Dr. X, said`.
            let comma = end - 1;
            let previous_comma = (floor..comma)
                .rev()
                .find(|&i| tokens.get(i).is_some_and(|t| t.text == ","));
            if let Some(previous_comma) = previous_comma {
                // Only a name standing alone between the commas is the subject; `Howard
                // Rubel, a lawyer representing Spanton, told …` is Rubel's.
                let inner = tokens.get(previous_comma + 1..comma)?;
                if is_parenthetical(inner) {
                    if let Some(resolved) =
                        self.subject_across_appositions(tokens, previous_comma, floor, state)
                    {
                        return Some(resolved);
                    }
                }
                let inner_is_a_name = inner
                    .first()
                    .is_some_and(|first| !is_determiner(first.text));
                if let Some(resolved) = self.person_in(inner).filter(|_| inner_is_a_name) {
                    return Some(resolved);
                }
                // `The developer, Carrick Homes, said`: a name of any kind in apposition.
                let inner_range = inner.first()?.range.cover(inner.last()?.range);
                let inner_names_entity = inner.first().is_some_and(Token::is_capitalized)
                    && inner
                        .iter()
                        .all(|t| t.is_capitalized() || t.is("of") || t.is("the") || t.is("and"));
                if inner_names_entity {
                    if let Some(mut resolved) = self.entity_in(inner_range) {
                        // `A fisherman who gave only his first name, Tomas, said`: a name in
                        // apposition to a person is a person's, whatever its shape suggested.
                        if describes_a_person(tokens.get(floor..previous_comma)?) {
                            resolved.speaker.class = SpeakerClass::Person;
                        }
                        return Some(resolved);
                    }
                }
                return self.phrase_ending_at(tokens, previous_comma, floor, state);
            }
            return self.phrase_ending_at(tokens, comma, floor, state);
        }
        if before.is("and") || before.is("but") || before.is("or") {
            return None;
        }
        let resolved = self.phrase_ending_at(tokens, end, floor, state);
        // A description that does not reach back to the subject's opening is a piece of it:
        // `… because she was not authorised to speak to the press said`.
        let subject_start = tokens.get(floor).map_or(0, |t| t.range.start);
        if resolved.as_ref().is_none_or(|resolved| {
            resolved.reference == SpeakerReference::Description
                && resolved.mention.start > subject_start
        }) {
            if let Some(described) = self.described_subject(tokens.get(floor..end)?) {
                return Some(described);
            }
        }
        resolved
    }

    /// The subject before a run of parentheticals: `Her neighbour, Josefina Bautista, 68, a
    /// retired teacher, said` → Josefina Bautista; `A woman with three children, who did not
    /// give her name, said` → `A woman`. `comma` is the index of the comma that ends the
    /// segment to look at first; ages, relative clauses and descriptions in apposition are
    /// stepped over.
    fn subject_across_appositions(
        &self,
        tokens: &[Token<'_>],
        comma: usize,
        floor: usize,
        state: &State,
    ) -> Option<Resolved> {
        let mut end = comma;
        for _ in 0..4 {
            let start = (floor..end)
                .rev()
                .find(|&i| tokens.get(i).is_some_and(|t| t.text == ","))
                .map_or(floor, |i| i + 1);
            let segment = tokens.get(start..end)?;
            let first = segment.first()?;
            if start > floor && is_parenthetical(segment) {
                end = start - 1;
                continue;
            }
            if first.is_capitalized() && !is_determiner(first.text) {
                return self
                    .person_in(segment)
                    .or_else(|| self.phrase_ending_at(tokens, end, start, state));
            }
            if start == floor {
                return self.described_person(segment);
            }
            return None;
        }
        None
    }

    /// An unnamed person opening the subject, when the subject runs on past them: `A nurse at
    /// the district hospital who asked not to be named because … said` → `A nurse`.
    fn described_subject(&self, subject: &[Token<'_>]) -> Option<Resolved> {
        let subject = after_opening_adverbial(subject);
        let described = self.described_person(subject)?;
        let described_end = subject
            .iter()
            .position(|t| t.range.end == described.mention.end)?;
        let runs_on = subject.get(described_end + 1).is_some_and(|next| {
            next.class.has(WordClass::MODIFIER) || next.class.has(WordClass::CLAUSE)
        });
        runs_on.then_some(described)
    }

    /// An indefinite description of a person at the start of `phrase`: `A woman`, `a delivery
    /// driver`, `one nurse`, with a short prepositional tail when the whole stays within five
    /// words (`a woman in the queue`, `A source at the company`).
    fn described_person(&self, phrase: &[Token<'_>]) -> Option<Resolved> {
        let determiner = phrase.first()?;
        if !["a", "an", "one", "another"]
            .iter()
            .any(|word| determiner.is(word))
        {
            return None;
        }
        let head = (1..phrase.len().min(4)).find(|&i| phrase.get(i).is_some_and(is_person_head))?;
        let words_before_head = phrase.get(1..head)?;
        if words_before_head
            .iter()
            .any(|t| !t.is_word() || t.class.has(WordClass::STOP))
        {
            return None;
        }
        let mut end = head + 1;
        let preposition = phrase
            .get(end)
            .filter(|t| t.class.has(WordClass::MODIFIER) && !t.is("who"));
        if preposition.is_some() {
            let tail_end = (end + 1..phrase.len())
                .find(|&i| {
                    phrase.get(i).is_some_and(|t| {
                        !t.is_word() || t.class.has(WordClass::STOP) || self.is_speech_verb(t)
                    })
                })
                .unwrap_or(phrase.len());
            if tail_end > end + 1 && tail_end <= 5 {
                end = tail_end;
            }
        }
        let described = phrase.get(..end)?;
        let range = determiner.range.cover(described.last()?.range);
        let words: Vec<&str> = described.iter().map(|t| t.text).collect();
        Some(Resolved {
            speaker: Speaker {
                name: words.join(" "),
                entity: None,
                class: SpeakerClass::Unknown,
            },
            reference: SpeakerReference::Description,
            mention: range,
            antecedent: None,
        })
    }

    /// Resolves the noun phrase that ends just before token `end`.
    fn phrase_ending_at(
        &self,
        tokens: &[Token<'_>],
        end: usize,
        floor: usize,
        state: &State,
    ) -> Option<Resolved> {
        let mut start = end;
        // Where the phrase would start if it ended at the last person noun met: `A man who
        // works at a neighbouring unit said`, `A source at the company said`.
        let mut through_modifier: Option<usize> = None;
        while start > floor && end - start < 12 {
            let token = tokens.get(start - 1)?;
            let modifier_word = token.class.has(WordClass::MODIFIER);
            let stop = !token.is_word()
                || (token.class.has(WordClass::STOP) && !modifier_word)
                || self.is_speech_verb(token);
            if stop {
                break;
            }
            if modifier_word {
                let head = start.checked_sub(2).and_then(|i| tokens.get(i));
                // `A man who works at a unit`: the person noun may stand before `who`.
                let relative_clause_head = (start.saturating_sub(6)..start.saturating_sub(1))
                    .rev()
                    .find(|&i| tokens.get(i).is_some_and(|t| t.is("who")))
                    .and_then(|who| who.checked_sub(1))
                    .and_then(|i| tokens.get(i))
                    .is_some_and(is_person_head);
                let head_speaks = head.is_some_and(|head| {
                    is_person_head(head) || head.class.has(WordClass::DOCUMENT)
                });
                if head_speaks || relative_clause_head {
                    through_modifier = Some(start - 1);
                } else if through_modifier.is_none() {
                    break;
                }
            }
            start -= 1;
        }
        if through_modifier.is_none() {
            // The scan may have walked into a clause without a person head before it.
            let clause = tokens
                .get(start..end)?
                .iter()
                .rposition(|t| t.class.has(WordClass::MODIFIER));
            if let Some(clause) = clause {
                start += clause + 1;
            }
        }
        let mut phrase = tokens.get(start..end)?;
        while let Some(first) = phrase.first() {
            if first.class.has(WordClass::LEADING_CONNECTIVE) || is_weekday(first.text) {
                phrase = phrase.get(1..)?;
            } else {
                break;
            }
        }
        let resolved = self.resolve_phrase(phrase, state)?;
        if resolved.speaker.class != SpeakerClass::Person
            && resolved.reference != SpeakerReference::Pronoun
        {
            // `Erwin Chemerinsky, Dean of UC Berkeley School of Law called it …`
            let before_phrase = start.checked_sub(1).and_then(|i| tokens.get(i));
            if before_phrase.is_some_and(|t| t.text == ",") {
                if let Some(person) = self.phrase_ending_at_person(tokens, start - 1, floor) {
                    return Some(person);
                }
            }
        }
        Some(resolved)
    }

    fn phrase_ending_at_person(
        &self,
        tokens: &[Token<'_>],
        end: usize,
        floor: usize,
    ) -> Option<Resolved> {
        let mut start = end;
        while start > floor && end - start < 8 {
            let token = tokens.get(start - 1)?;
            if !token.is_word() || token.class.has(WordClass::STOP) {
                break;
            }
            start -= 1;
        }
        self.person_in(tokens.get(start..end)?)
    }

    /// The noun phrase right after token `index` (a verb or `to` of `according to`).
    fn phrase_after(&self, tokens: &[Token<'_>], index: usize, state: &State) -> Option<Resolved> {
        let start = index + 1;
        let mut end = start;
        while end < tokens.len() && end - start < 10 {
            let token = tokens.get(end)?;
            if !token.is_word() || (end > start && token.class.has(WordClass::STOP)) {
                break;
            }
            if end == start && token.class.has(WordClass::STOP) && !token.is("the") {
                return None;
            }
            end += 1;
        }
        let phrase = tokens.get(start..end)?;
        let first = phrase.first()?;
        // After the verb, only a name, a pronoun or a determiner opens a speaker phrase:
        // `said the minister`, `said Smith`, not `said five people were hurt`.
        let names_someone = phrase.iter().any(Token::is_capitalized);
        if !(names_someone || pronoun(first.text).is_some() || is_determiner(first.text)) {
            return None;
        }
        // `said Smith on Tuesday`: the phrase ends at the last capitalized word or role noun.
        let keep = phrase
            .iter()
            .rposition(|t| {
                t.is_capitalized() || t.class.has(WordClass::ROLE) || pronoun(t.text).is_some()
            })
            .map_or(phrase.len(), |last| last + 1);
        let resolved = self.resolve_phrase(phrase.get(..keep)?, state)?;
        // `according to the report by City Auditor Lorraine Beckwith`: the author speaks.
        let document_by_author = resolved.reference == SpeakerReference::Description
            && keep == phrase.len()
            && phrase
                .last()
                .is_some_and(|t| t.class.has(WordClass::DOCUMENT))
            && tokens.get(end).is_some_and(|t| t.is("by") || t.is("from"));
        if document_by_author {
            if let Some(author) = self.phrase_after(tokens, end, state) {
                return Some(author);
            }
        }
        // `according to a spokeswoman (for the mayor), Dana Ruiz,`: the name in apposition is
        // the speaker.
        let comma = (end..tokens.len().min(end + 6))
            .find(|&i| tokens.get(i).is_some_and(|t| !t.is_word()))
            .filter(|&i| tokens.get(i).is_some_and(|t| t.text == ","));
        let modifier_only = tokens
            .get(end)
            .is_none_or(|t| t.text == "," || t.class.has(WordClass::MODIFIER));
        if let (SpeakerReference::Description, true, Some(comma)) = (
            resolved.reference,
            keep == phrase.len() && modifier_only,
            comma,
        ) {
            let after = tokens.get(comma + 1..)?;
            let name_end = after
                .iter()
                .position(|t| !t.is_word() || !t.is_capitalized())
                .unwrap_or(after.len());
            if let Some(person) = after
                .get(..name_end)
                .filter(|name| !name.is_empty())
                .and_then(|name| self.person_in(name))
            {
                return Some(person);
            }
        }
        Some(resolved)
    }

    /// The first name of a person or organization in `tokens`, for a verb without a subject.
    fn first_named_subject(&self, tokens: &[Token<'_>]) -> Option<Resolved> {
        let range = tokens.first()?.range.cover(tokens.last()?.range);
        self.mentions_in(range).find_map(|(mention, id)| {
            let entity = self.entities.get(id.0)?;
            (entity.kind != EntityKind::Place)
                .then(|| self.resolved_entity(*id, *mention, SpeakerReference::Name, None))
        })
    }

    /// The speaker of a fragment with no cue: the person or organization that opens its sentence.
    fn sentence_subject(&self, tokens: &[Token<'_>], state: &State) -> Option<Attribution> {
        let resolved = self.opening_subject(tokens, state)?;
        Some(self.attribution(resolved, None, AttributionRule::SentenceSubject))
    }

    /// The subject pronoun opening the clause nearest the end of `tokens`: `When I showed her
    /// the bowl, she turned it over, looked at it and said` → `she`.
    fn clause_subject_pronoun(&self, tokens: &[Token<'_>], state: &State) -> Option<Resolved> {
        let index = (0..tokens.len()).rev().find(|&i| {
            let Some(token) = tokens.get(i) else {
                return false;
            };
            let opens_clause = i == 0 || tokens.get(i - 1).is_some_and(|t| t.text == ",");
            opens_clause
                && pronoun(token.text).is_some_and(|kind| kind != Pronoun::Neuter)
                && !is_object_pronoun(token.text)
        })?;
        self.resolve_phrase(tokens.get(index..index + 1)?, state)
    }

    /// Who opens the sentence: a pronoun (`She’s studying … and says`), a person after at most
    /// a short noun phrase (`The union’s organiser, Bernadette Kilbride, put it simply:`), or a
    /// named person or organization among its first words.
    fn opening_subject(&self, tokens: &[Token<'_>], state: &State) -> Option<Resolved> {
        let first = tokens.first()?;
        if pronoun(first.text).is_some() {
            return self.resolve_phrase(tokens.get(..1)?, state);
        }
        if let Some((mention, id)) = self.person_opening(tokens) {
            return Some(self.resolved_entity(id, mention, SpeakerReference::Name, None));
        }
        self.first_named_subject(tokens.get(..tokens.len().min(4))?)
    }

    /// A pronoun's speaker: the latest compatible speaker of this or the previous paragraph;
    /// else the latest compatible person named there (`The campaign was started by his
    /// daughter, Lena Hübner. “…,” she told dpa.`); else the latest compatible speaker at all.
    fn resolve_pronoun(&self, kind: Pronoun, at: TextRange, state: &State) -> Option<Resolved> {
        let paragraph = self.paragraph_index_of(at.start);
        let nearby = |event_paragraph: usize| paragraph.is_some_and(|p| event_paragraph + 1 >= p);
        let from_event = |event: &Event| Resolved {
            speaker: event.speaker.clone(),
            reference: SpeakerReference::Pronoun,
            mention: at,
            antecedent: Some(event.mention),
        };
        let event = state.resolve_pronoun(kind, at.start);
        if kind == Pronoun::Neuter {
            if let Some(organization) =
                self.organization_named_since(event.map_or(0, |event| event.offset), at)
            {
                return Some(organization);
            }
        }
        if let (Some(event), Some(paragraph)) = (event, paragraph) {
            if event.paragraph < paragraph {
                if let Some(newcomer) = self.person_introduced_since(kind, event.offset, at) {
                    return Some(newcomer);
                }
            }
        }
        if let Some(event) = event.filter(|event| nearby(event.paragraph)) {
            return Some(from_event(event));
        }
        if matches!(kind, Pronoun::Masculine | Pronoun::Feminine) {
            let window_start = paragraph
                .and_then(|p| self.paragraphs.get(p.saturating_sub(1)))
                .map_or(at.start, |previous| previous.start);
            let window = TextRange::new(window_start, at.start);
            let person = self.mentions_in(window).rev().find(|(_, id)| {
                let Some(entity) = self.entities.get(id.0) else {
                    return false;
                };
                entity.kind == EntityKind::Person
                    && gender_agrees(kind, self.entity_genders.get(id.0).copied().flatten())
            });
            if let Some((mention, id)) = person {
                return Some(self.resolved_entity(
                    *id,
                    at,
                    SpeakerReference::Pronoun,
                    Some(*mention),
                ));
            }
        }
        event.map(from_event)
    }

    /// A person the pronoun's paragraph introduces (first mentions) before the pronoun and after
    /// the last speaker it could mean, who spoke in an earlier paragraph: `The campaign was
    /// started by his daughter, Lena Hübner, 29. „…“ she told dpa.` is Lena's, not her
    /// father's, whose words closed the paragraph before.
    fn person_introduced_since(
        &self,
        kind: Pronoun,
        since: usize,
        at: TextRange,
    ) -> Option<Resolved> {
        if !matches!(kind, Pronoun::Masculine | Pronoun::Feminine) {
            return None;
        }
        let paragraph = self.paragraphs.get(self.paragraph_index_of(at.start)?)?;
        let window = TextRange::new(paragraph.start.max(since), at.start);
        let (mention, id) = self.mentions_in(window).rev().find(|(mention, id)| {
            self.entities.get(id.0).is_some_and(|entity| {
                entity.kind == EntityKind::Person
                    && entity
                        .mentions
                        .first()
                        .is_some_and(|first| first == mention)
                    && gender_agrees(kind, self.entity_genders.get(id.0).copied().flatten())
            })
        })?;
        Some(self.resolved_entity(*id, at, SpeakerReference::Pronoun, Some(*mention)))
    }

    /// `it`, `its`: an organization the pronoun's paragraph names after the last organization
    /// that spoke (`The Courier was blunter. Its editorial said …`).
    fn organization_named_since(&self, since: usize, at: TextRange) -> Option<Resolved> {
        let paragraph = self.paragraphs.get(self.paragraph_index_of(at.start)?)?;
        let window = TextRange::new(paragraph.start.max(since), at.start);
        let (mention, id) = self.mentions_in(window).rev().find(|(_, id)| {
            self.entities
                .get(id.0)
                .is_some_and(|entity| entity.kind == EntityKind::Organization)
        })?;
        Some(self.resolved_entity(*id, at, SpeakerReference::Pronoun, Some(*mention)))
    }

    /// `her daughter`, `his brother`: the person the article introduced as such (`by her
    /// daughter, Lucía Quintero,`, `Tomás Quintero, her nephew,`).
    fn relative_introduced_as(&self, phrase: &[Token<'_>]) -> Option<Resolved> {
        let [possessive, noun] = phrase else {
            return None;
        };
        if !matches!(possessive.lower(), "his" | "her" | "their") || !is_person_head(noun) {
            return None;
        }
        let range = possessive.range.cover(noun.range);
        let before = self
            .mentions
            .partition_point(|(mention, _)| mention.start < range.start);
        let earlier = self.mentions.get(..before).unwrap_or_default();
        let introduced = |window: TextRange| {
            let tokens = self.tokens_in(window);
            tokens.windows(2).any(|pair| {
                pair.first()
                    .is_some_and(|t| t.lower() == possessive.lower())
                    && pair.get(1).is_some_and(|t| t.lower() == noun.lower())
            })
        };
        let (mention, id) = earlier
            .iter()
            .rev()
            .filter(|(_, id)| self.is_person(*id))
            .take(MAX_ROLE_CANDIDATES)
            .find(|(mention, _)| {
                // `her daughter, Lucía Quintero` or `Tomás Quintero, her nephew`.
                let before = self.tokens_in(TextRange::new(
                    mention.start.saturating_sub(40),
                    mention.start,
                ));
                let just_before = before.get(before.len().saturating_sub(3)..);
                let after = self.tokens_in(TextRange::new(mention.end, mention.end + 40));
                let just_after = after.get(..after.len().min(3));
                just_before.is_some_and(|tokens| {
                    tokens
                        .first()
                        .zip(tokens.last())
                        .is_some_and(|(first, last)| introduced(first.range.cover(last.range)))
                }) || just_after.is_some_and(|tokens| {
                    tokens.first().is_some_and(|t| t.text == ",")
                        && tokens
                            .first()
                            .zip(tokens.last())
                            .is_some_and(|(first, last)| introduced(first.range.cover(last.range)))
                })
            })?;
        Some(self.resolved_entity(*id, range, SpeakerReference::RoleNoun, Some(*mention)))
    }

    /// The speaker behind a document: the possessor of `statement`, `message`, `website`.
    fn possessor_of_document(&self, phrase: &[Token<'_>], state: &State) -> Option<Resolved> {
        let document = phrase
            .iter()
            .position(|t| t.class.has(WordClass::DOCUMENT))?;
        let possessor = phrase.get(..document)?;
        // `His covering message`: adjectives may stand between the possessor and the document.
        let possessive_end = possessor
            .iter()
            .rposition(|t| is_possessive(t.lower()))
            .unwrap_or(possessor.len().checked_sub(1)?);
        let possessor = possessor.get(..=possessive_end)?;
        let last = possessor.last()?;
        let lower = last.lower();
        let possessive_pronoun = match lower {
            "its" => Some("it"),
            "his" => Some("he"),
            "her" => Some("she"),
            "their" => Some("they"),
            _ => None,
        };
        if let Some(pronoun_word) = possessive_pronoun {
            let kind = pronoun(pronoun_word)?;
            return self.resolve_pronoun(kind, last.range, state);
        }
        let owner = lower
            .strip_suffix("’s")
            .or_else(|| lower.strip_suffix("'s"))?;
        let owner_range = possessor.first()?.range.cover(last.range);
        if let Some(resolved) = self.entity_in(owner_range) {
            return Some(resolved);
        }
        if word_class(owner).has(WordClass::COLLECTIVE) {
            return self.organization_for(last, owner_range);
        }
        None
    }

    /// The author of `the statement`: the latest sentence of this or the previous paragraph
    /// that mentions a statement names them (`In a written statement, the owner, Rosa
    /// Castellano, thanked staff.` … `“…,” the statement read.`), as the speaker of its verb or
    /// as the first person or organization it names.
    fn author_of_document(
        &self,
        noun: &Token<'_>,
        phrase: TextRange,
        state: &State,
    ) -> Option<Resolved> {
        let paragraph = self.paragraph_index_of(phrase.start)?;
        let window_start = self.paragraphs.get(paragraph.saturating_sub(1))?.start;
        let earlier = self.tokens_in(TextRange::new(window_start, phrase.start));
        let mentioned = earlier.iter().rev().find(|t| t.lower() == noun.lower())?;
        let sentence_start = self
            .sentence_boundaries(TextRange::new(window_start, mentioned.range.start))
            .last()
            .copied()
            .unwrap_or(window_start);
        let sentence_end = self
            .sentence_boundaries(TextRange::new(mentioned.range.end, phrase.start))
            .first()
            .copied()
            .unwrap_or(phrase.start);
        let sentence = TextRange::new(sentence_start, sentence_end);
        if let Some(event) = state
            .events
            .iter()
            .find(|event| sentence.contains_range(TextRange::empty_at(event.offset)))
        {
            return Some(Resolved {
                speaker: event.speaker.clone(),
                reference: SpeakerReference::RoleNoun,
                mention: phrase,
                antecedent: Some(event.mention),
            });
        }
        let mut resolved = self.first_named_subject(self.tokens_in(sentence))?;
        resolved.antecedent = Some(resolved.mention);
        resolved.mention = phrase;
        resolved.reference = SpeakerReference::RoleNoun;
        Some(resolved)
    }

    /// `the paper`, `the broadcaster`: the latest organization named just before, whose name
    /// need not hold the noun (`The Daily Courier said … the paper noted`).
    fn publication_for(&self, noun: &Token<'_>, phrase: TextRange) -> Option<Resolved> {
        let press = [
            "paper",
            "newspaper",
            "daily",
            "tabloid",
            "broadsheet",
            "magazine",
            "broadcaster",
            "channel",
            "station",
            "website",
            "outlet",
        ];
        if !press.iter().any(|word| noun.is(word)) {
            return None;
        }
        let recent = TextRange::new(
            phrase.start.saturating_sub(RECENT_PERSON_WINDOW),
            phrase.start,
        );
        let (mention, id) = self.mentions_in(recent).rev().find(|(_, id)| {
            self.entities
                .get(id.0)
                .is_some_and(|e| e.kind == EntityKind::Organization)
        })?;
        Some(self.resolved_entity(*id, phrase, SpeakerReference::RoleNoun, Some(*mention)))
    }

    /// The organization a collective noun refers back to: the latest one whose name holds the
    /// noun (`the union` → `Transport Workers’ Union`).
    fn organization_for(&self, noun: &Token<'_>, phrase: TextRange) -> Option<Resolved> {
        let word = noun.lower();
        let word = word.trim_end_matches("’s").trim_end_matches("'s");
        let before = self
            .mentions
            .partition_point(|(mention, _)| mention.start < phrase.start);
        let earlier = self.mentions.get(..before).unwrap_or_default();
        let organizations = || {
            earlier
                .iter()
                .rev()
                .take(MAX_ROLE_CANDIDATES)
                .filter(|(_, id)| {
                    self.entities
                        .get(id.0)
                        .is_some_and(|e| e.kind == EntityKind::Organization)
                })
        };
        let named = organizations().find(|(_, id)| {
            self.entities
                .get(id.0)
                .is_some_and(|e| lowercase_contains(&e.name, word))
        });
        let (mention, id) = named?;
        Some(self.resolved_entity(*id, phrase, SpeakerReference::RoleNoun, Some(*mention)))
    }

    fn paragraph_index_of(&self, offset: usize) -> Option<usize> {
        super::prose::paragraph_index_at(self.paragraphs, offset)
    }

    /// The person named in `tokens`: the rightmost person entity, or else a short run of
    /// capitalized words standing alone (`, Dr. Anthony Fauci,`).
    fn person_in(&self, tokens: &[Token<'_>]) -> Option<Resolved> {
        let range = tokens.first()?.range.cover(tokens.last()?.range);
        let entity = self
            .mentions_in(range)
            .rev()
            .find(|(_, id)| {
                self.entities
                    .get(id.0)
                    .is_some_and(|e| e.kind == EntityKind::Person)
            })
            .map(|(mention, id)| self.resolved_entity(*id, *mention, SpeakerReference::Name, None));
        if entity.is_some() {
            return entity;
        }
        let inside_mentions = self.mentions_in(range).next().is_some();
        let name_like = (2..=4).contains(&tokens.len())
            && tokens.iter().all(|t| t.is_word() && t.is_capitalized());
        if name_like && !inside_mentions {
            return self.resolve_phrase(tokens, &State::default());
        }
        None
    }

    fn resolved_entity(
        &self,
        id: EntityId,
        mention: TextRange,
        reference: SpeakerReference,
        antecedent: Option<TextRange>,
    ) -> Resolved {
        let (name, class) = self.entities.get(id.0).map_or(
            (mention.slice(self.text).to_owned(), SpeakerClass::Unknown),
            |e| (e.name.clone(), class_of(e.kind)),
        );
        Resolved {
            speaker: Speaker {
                name,
                entity: Some(id),
                class,
            },
            reference,
            mention,
            antecedent,
        }
    }

    /// Resolves the words of a speaker phrase: a pronoun, a role noun, a name or a description.
    fn resolve_phrase(&self, phrase: &[Token<'_>], state: &State) -> Option<Resolved> {
        if let Some(resolved) = self.relative_introduced_as(phrase) {
            return Some(resolved);
        }
        // `He kept saying`: a pronoun opening the phrase is the subject; the rest is verbs.
        if phrase.len() > 1
            && phrase
                .first()
                .is_some_and(|first| pronoun(first.text).is_some())
        {
            return self.resolve_phrase(phrase.get(..1)?, state);
        }
        let first = phrase.first()?;
        let last = phrase.last()?;
        let range = first.range.cover(last.range);
        if phrase.len() == 1 {
            if let Some(kind) = pronoun(first.text) {
                return self.resolve_pronoun(kind, first.range, state);
            }
            if matches!(
                first.lower(),
                "i" | "we" | "you" | "it's" | "this" | "that" | "these" | "those"
            ) {
                return None;
            }
        }
        // `the Leader`, `the minister`, `the head coach`.
        if phrase.len() <= 3 && first.is("the") && last.class.has(WordClass::ROLE) {
            return Some(self.resolve_role(last, range, state));
        }
        if last.is_capitalized() {
            if let Some(resolved) = self.entity_in(range) {
                return Some(resolved);
            }
            // A lone capitalized plural that is no entity opens its sentence: `Residents said`.
            let lower = first.lower();
            if phrase.len() == 1 && lower.ends_with('s') && !lower.ends_with("ss") {
                return Some(Resolved {
                    speaker: Speaker {
                        name: lower.to_owned(),
                        entity: None,
                        class: SpeakerClass::Group,
                    },
                    reference: SpeakerReference::Description,
                    mention: range,
                    antecedent: None,
                });
            }
            // The name is the capitalized run at the end, after its last title:
            // `Leader of the Islamic Revolution Ayatollah Ali Khamenei` → `Ali Khamenei`.
            let run_start = phrase
                .iter()
                .rposition(|t| !t.is_capitalized())
                .map_or(0, |i| i + 1);
            let run = phrase.get(run_start..)?;
            let after_title = run
                .iter()
                .rposition(|t| {
                    let word = t.lower();
                    let word = word.trim_end_matches('.');
                    word_class(word).has(WordClass::TITLE) || word_class(word).has(WordClass::ROLE)
                })
                .map_or(0, |i| i + 1);
            let name_tokens = if after_title < run.len() {
                run.get(after_title..)?
            } else {
                run
            };
            let words: Vec<&str> = name_tokens.iter().map(|t| t.text).collect();
            let name = strip_possessive(&words.join(" ")).to_owned();
            if name.is_empty() || is_weekday(&name) {
                return None;
            }
            let mention = name_tokens.first()?.range.cover(name_tokens.last()?.range);
            return Some(Resolved {
                speaker: Speaker {
                    name,
                    entity: None,
                    class: SpeakerClass::Unknown,
                },
                reference: SpeakerReference::Name,
                mention,
                antecedent: None,
            });
        }
        // A description of a speaker the article does not name: `a fire service spokesman`.
        if !last.is_word()
            || !last
                .text
                .chars()
                .all(|c| c.is_alphabetic() || "-'’".contains(c))
        {
            return None;
        }
        // `Its statement`, `The union’s statement`, `His message to staff`: the possessor speaks.
        if let Some(resolved) = self.possessor_of_document(phrase, state) {
            return Some(resolved);
        }
        // `the statement read`: whoever issued the statement the article just mentioned.
        if first.is("the") && phrase.len() <= 3 && last.class.has(WordClass::DOCUMENT) {
            if let Some(resolved) = self.author_of_document(last, range, state) {
                return Some(resolved);
            }
        }
        // `the union`, `the company`: the organization the article named.
        if first.is("the") && phrase.len() <= 3 && last.class.has(WordClass::COLLECTIVE) {
            if let Some(resolved) = self.organization_for(last, range) {
                return Some(resolved);
            }
            if let Some(resolved) = self.publication_for(last, range) {
                return Some(resolved);
            }
        }
        // A description is kept as written: `A fire service spokesman`, `one resident`.
        let words: Vec<&str> = phrase.iter().map(|t| t.text).collect();
        if words.is_empty() {
            return None;
        }
        let head = last.lower();
        let plural = head.ends_with('s') && !head.ends_with("ss") && !first.is("one");
        let collective = last.class.has(WordClass::COLLECTIVE);
        let looks_like_a_person_or_group = last.class.has(WordClass::ROLE)
            || plural
            || collective
            || is_person_head(last)
            || word_class(head).has(WordClass::DOCUMENT)
            || phrase
                .iter()
                .any(|t| t.is_capitalized() && !is_determiner(t.text))
            || head_before_modifier(phrase).is_some_and(is_person_head);
        if !looks_like_a_person_or_group {
            return None;
        }
        Some(Resolved {
            speaker: Speaker {
                name: words.join(" "),
                entity: None,
                class: if plural || collective {
                    SpeakerClass::Group
                } else {
                    SpeakerClass::Unknown
                },
            },
            reference: SpeakerReference::Description,
            mention: range,
            antecedent: None,
        })
    }

    /// The entity named in `range`: the rightmost person, else organization, else place; or
    /// the group of people a coordination names (`Brit Hume and Chris Wallace`).
    fn entity_in(&self, range: TextRange) -> Option<Resolved> {
        let mut people = self
            .mentions_in(range)
            .filter(|(_, id)| self.is_person(*id));
        if let (Some((first, first_id)), Some((second, second_id)), None) =
            (people.next(), people.next(), people.next())
        {
            let between = self.tokens_in(TextRange::new(first.end, second.start));
            if first_id != second_id
                && between.len() == 1
                && between.first().is_some_and(|t| t.is("and"))
            {
                let names: Vec<&str> = [first_id, second_id]
                    .iter()
                    .filter_map(|id| self.entities.get(id.0))
                    .map(|e| e.name.as_str())
                    .collect();
                return Some(Resolved {
                    speaker: Speaker {
                        name: names.join(" and "),
                        entity: None,
                        class: SpeakerClass::Group,
                    },
                    reference: SpeakerReference::Name,
                    mention: first.cover(*second),
                    antecedent: None,
                });
            }
        }
        for kind in [
            EntityKind::Person,
            EntityKind::Organization,
            EntityKind::Place,
        ] {
            let found = self
                .mentions_in(range)
                .rev()
                .find(|(_, id)| self.entities.get(id.0).is_some_and(|e| e.kind == kind));
            if let Some((mention, id)) = found {
                return Some(self.resolved_entity(*id, *mention, SpeakerReference::Name, None));
            }
        }
        None
    }

    /// `the Leader` → the person the article introduced as Leader.
    fn resolve_role(&self, role: &Token<'_>, phrase: TextRange, state: &State) -> Resolved {
        // The entity stage may already have linked the role to its person.
        let nearby = TextRange::new(phrase.start.saturating_sub(200), phrase.end);
        if let Some((_, id)) = self.mentions_in(nearby).find(|(mention, _)| {
            mention.contains_range(role.range) || phrase.contains_range(*mention)
        }) {
            if self
                .entities
                .get(id.0)
                .is_some_and(|e| e.kind == EntityKind::Person)
            {
                let antecedent = self.introduction_of(*id, phrase.start);
                return self.resolved_entity(*id, phrase, SpeakerReference::RoleNoun, antecedent);
            }
        }
        // Otherwise: the latest person mention with the role word just before it
        // (`Leader of the Islamic Revolution Ayatollah Ali Khamenei`) or just after it
        // (`Cattelan, the artist`).
        let role_word = role.lower();
        // `role` is of the ROLE class, and so is every token written like it.
        let role_starts = self
            .role_word_starts
            .get(role_word)
            .map_or(&[][..], Vec::as_slice);
        // Only the latest people are candidates: a role is introduced near its first use.
        let before = self
            .mentions
            .partition_point(|(mention, _)| mention.start < phrase.start);
        let earlier = self.mentions.get(..before).unwrap_or_default();
        // The first place the role word is written at or after the candidate's window: the
        // candidates come latest first, so it only moves back, a step at a time.
        let mut first_role_in_reach: Option<usize> = None;
        for (mention, id) in earlier
            .iter()
            .rev()
            .filter(|(mention, id)| mention.end <= phrase.start && self.is_person(*id))
            .take(MAX_ROLE_CANDIDATES)
        {
            let window_start = mention.start.saturating_sub(80);
            let before_window = TextRange::new(window_start, mention.start);
            let after_window = TextRange::new(mention.end, mention.end + 40);
            // The role word must be written near the name: most candidates fail this test.
            let mut first = first_role_in_reach
                .unwrap_or_else(|| role_starts.partition_point(|&start| start < window_start));
            while first > 0
                && role_starts
                    .get(first - 1)
                    .is_some_and(|&start| start >= window_start)
            {
                first -= 1;
            }
            first_role_in_reach = Some(first);
            if role_starts
                .get(first)
                .is_none_or(|&start| start >= after_window.end)
            {
                continue;
            }
            let role_starts_in = |window: TextRange| {
                let first = role_starts.partition_point(|&start| start < window.start);
                role_starts
                    .get(first)
                    .is_some_and(|&start| start < window.end)
            };
            if !role_starts_in(before_window) && !role_starts_in(after_window) {
                continue;
            }
            let before = self.tokens_in(before_window);
            let after = self.tokens_in(after_window);
            let introduced_before = before
                .iter()
                .rev()
                .take(8)
                .take_while(|t| t.is_word())
                .any(|t| t.lower() == role_word);
            let introduced_after = after.first().is_some_and(|t| t.text == ",")
                && after
                    .iter()
                    .skip(1)
                    .take(6)
                    .take_while(|t| t.is_word())
                    .any(|t| t.lower() == role_word);
            if introduced_before || introduced_after {
                return self.resolved_entity(
                    *id,
                    phrase,
                    SpeakerReference::RoleNoun,
                    Some(*mention),
                );
            }
        }
        // A speaker met before whose words named the role.
        if let Some(event) = state.speaker_named_by_role(role_word) {
            return Resolved {
                speaker: event.speaker.clone(),
                reference: SpeakerReference::RoleNoun,
                mention: phrase,
                antecedent: None,
            };
        }
        // Elegant variation: `the striker` for the player the last paragraphs were about.
        let recent = TextRange::new(
            phrase.start.saturating_sub(RECENT_PERSON_WINDOW),
            phrase.start,
        );
        if let Some((mention, id)) = self
            .mentions_in(recent)
            .rev()
            .find(|(_, id)| self.is_person(*id))
        {
            let mut resolved =
                self.resolved_entity(*id, phrase, SpeakerReference::RoleNoun, Some(*mention));
            resolved.speaker.class = SpeakerClass::Person;
            return resolved;
        }
        let words: Vec<&str> = self
            .tokens_in(phrase)
            .iter()
            .map(|t| t.text)
            .skip_while(|w| is_determiner(w))
            .collect();
        Resolved {
            speaker: Speaker {
                name: words.join(" "),
                entity: None,
                class: SpeakerClass::Unknown,
            },
            reference: SpeakerReference::Description,
            mention: phrase,
            antecedent: None,
        }
    }

    /// The mentions lying inside `range`, in text order. O(log n + k).
    fn mentions_in(
        &self,
        range: TextRange,
    ) -> impl DoubleEndedIterator<Item = &(TextRange, EntityId)> {
        let first = self
            .mentions
            .partition_point(|(mention, _)| mention.start < range.start);
        let after = self.mentions.get(first..).unwrap_or_default();
        let last = first + short_partition_point(after, |(mention, _)| mention.start < range.end);
        self.mentions
            .get(first..last)
            .unwrap_or_default()
            .iter()
            .filter(move |(mention, _)| range.contains_range(*mention))
    }

    /// The pieces lying inside `range`, in text order. O(log n + k).
    fn pieces_in(&self, range: TextRange) -> impl DoubleEndedIterator<Item = &(TextRange, usize)> {
        let first = self
            .pieces
            .partition_point(|(piece, _)| piece.start < range.start);
        let after = self.pieces.get(first..).unwrap_or_default();
        let last = first + short_partition_point(after, |(piece, _)| piece.start < range.end);
        self.pieces
            .get(first..last)
            .unwrap_or_default()
            .iter()
            .filter(move |(piece, _)| range.contains_range(*piece))
    }

    fn is_person(&self, id: EntityId) -> bool {
        self.entities
            .get(id.0)
            .is_some_and(|entity| entity.kind == EntityKind::Person)
    }

    /// The first full mention of entity `id` before `offset`: the longest of its mentions.
    fn introduction_of(&self, id: EntityId, offset: usize) -> Option<TextRange> {
        self.introductions.get(id.0)?.before(offset)
    }

    /// A quotation in the same sentence as an earlier, attributed one: `“…” and “…”`.
    fn same_sentence_as_previous(
        &self,
        index: usize,
        quotes: &[Quote],
        left_gap: TextRange,
    ) -> Option<Attribution> {
        if !self.previous_quote_in_sentence(index, quotes, left_gap) {
            return None;
        }
        let previous = quotes.get(index.checked_sub(1)?)?;
        let attribution = previous.attribution.clone()?;
        Some(Attribution {
            rule: AttributionRule::Continuation,
            confidence: attribution.confidence * 0.9,
            ..attribution
        })
    }

    fn previous_quote_in_sentence(
        &self,
        index: usize,
        quotes: &[Quote],
        left_gap: TextRange,
    ) -> bool {
        let Some(previous) = index.checked_sub(1).and_then(|i| quotes.get(i)) else {
            return false;
        };
        if previous.range.end != left_gap.start || previous.kind == QuoteKind::Headline {
            return false;
        }
        let previous_text = previous.text(self.text);
        let previous_ended_sentence = previous_text.trim_end().ends_with(['.', '!', '?']);
        let gap = left_gap.slice(self.text);
        !previous_ended_sentence && !gap.contains(['.', '!', '?', ';'])
    }

    /// A quotation with no cue that continues the previous speaker: after the same speaker's
    /// quotation in this paragraph, or opening the paragraph after that speaker's words.
    fn continuation(
        &self,
        index: usize,
        quotes: &[Quote],
        paragraph: usize,
        opens_paragraph: bool,
        state: &State,
    ) -> Option<Attribution> {
        let quote_start = quotes.get(index)?.range.start;
        let event = state
            .events
            .iter()
            .rev()
            .find(|event| event.offset <= quote_start)?;
        let same_paragraph = event.paragraph == paragraph;
        let previous_paragraph = opens_paragraph && event.paragraph + 1 == paragraph;
        if !(same_paragraph || previous_paragraph) {
            return None;
        }
        Some(Attribution {
            speaker: event.speaker.name.clone(),
            entity: event.speaker.entity,
            mention: event.mention,
            reference: SpeakerReference::Name,
            antecedent: None,
            cue: None,
            rule: AttributionRule::Continuation,
            confidence: if same_paragraph { 0.8 } else { 0.7 },
        })
    }

    /// Speech verbs outside quotation marks that a quotation did not use: reported speech, whose
    /// subjects are speakers that later pronouns and continuations can refer to.
    fn reported_speech_sites(&self) -> Vec<VerbSite> {
        let mut sites = Vec::new();
        for (paragraph_index, &paragraph) in self.paragraphs.iter().enumerate() {
            if self.in_metadata(paragraph) {
                continue;
            }
            let mut cursor = paragraph.start;
            let pieces = self.pieces_in(paragraph).map(|(piece, _)| piece);
            for piece in pieces.map(Some).chain([None]) {
                let gap_end = piece.map_or(paragraph.end, |piece| piece.start);
                let gap = TextRange::new(cursor, gap_end.max(cursor));
                for sentence in self.sentences(gap) {
                    let tokens = self.tokens_in(sentence);
                    // `She laughed.`: a sentence about someone keeps them the one talked about.
                    let opening_pronoun = tokens.first().filter(|first| {
                        matches!(
                            pronoun(first.text),
                            Some(Pronoun::Masculine | Pronoun::Feminine)
                        ) && !is_object_pronoun(first.text)
                    });
                    if let Some(first) = opening_pronoun {
                        sites.push(VerbSite {
                            verb: first.range,
                            segment: sentence,
                            paragraph: paragraph_index,
                            subject: None,
                        });
                    }
                    if let Some(described) = self.described_opening(tokens) {
                        sites.push(VerbSite {
                            verb: described,
                            segment: sentence,
                            paragraph: paragraph_index,
                            subject: None,
                        });
                    }
                    if let Some((mention, id)) = self.person_opening(tokens) {
                        sites.push(VerbSite {
                            verb: mention,
                            segment: sentence,
                            paragraph: paragraph_index,
                            subject: Some((mention, id)),
                        });
                    }
                    for (index, token) in tokens.iter().enumerate() {
                        let according_to = token.is("according")
                            && tokens.get(index + 1).is_some_and(|t| t.is("to"));
                        if according_to || self.is_speech_verb_at(tokens, index) {
                            sites.push(VerbSite {
                                verb: token.range,
                                segment: sentence,
                                paragraph: paragraph_index,
                                subject: None,
                            });
                        }
                    }
                }
                cursor = piece.map_or(gap_end, |piece| piece.end);
            }
        }
        sites
    }

    fn resolve_subject_of_verb(&self, site: &VerbSite, state: &State) -> Option<Resolved> {
        if let Some((mention, id)) = site.subject {
            return Some(self.resolved_entity(id, mention, SpeakerReference::Name, None));
        }
        if state.consumed_cues.contains(&site.verb.start) {
            return None;
        }
        let tokens = self.tokens_in(site.segment);
        let verb_index = tokens.iter().position(|t| t.range == site.verb)?;
        if verb_index == 0 && tokens.first().is_some_and(|t| pronoun(t.text).is_some()) {
            return self.resolve_phrase(tokens.get(..1)?, state);
        }
        if self.described_opening(tokens) == Some(site.verb) {
            return self.described_person(tokens.get(verb_index..)?);
        }
        if tokens.get(verb_index).is_some_and(|t| t.is("according")) {
            return self
                .according_to(tokens.get(verb_index..)?, state)
                .map(|(resolved, _, _)| resolved);
        }
        self.subject_before(tokens, verb_index, 0, state)
    }

    /// The person whose mention opens a sentence, after at most a short noun phrase
    /// (`Dunmere’s manager, Phil Catterall, …`), but not one after a verb (`He praised Gale`).
    fn person_opening(&self, tokens: &[Token<'_>]) -> Option<(TextRange, EntityId)> {
        let window = tokens.get(..tokens.len().min(12))?;
        let range = window.first()?.range.cover(window.last()?.range);
        let (mention, id) = self
            .mentions_in(range)
            .find(|(mention, id)| self.is_person(*id) && !self.in_metadata(*mention))?;
        let before_mention = window
            .get(..window.partition_point(|t| t.range.start < mention.start))
            .unwrap_or_default();
        let plain_noun_phrase = before_mention.iter().all(|t| {
            t.text == ","
                || (t.is_word()
                    && pronoun(t.text).is_none()
                    && !t.class.has(WordClass::STOP)
                    && !self.is_speech_verb(t))
        });
        // The words before the name end in a title or a person noun (`The committee’s
        // planning officer, Ben Whitaker`), or there are none.
        let head_before_name = before_mention.iter().rev().find(|t| t.text != ",");
        let in_apposition = before_mention.last().is_some_and(|t| t.text == ",");
        let introduces_the_name = in_apposition
            || head_before_name.is_none_or(|head| head.is_capitalized() || is_person_head(head));
        (plain_noun_phrase && introduces_the_name).then_some((*mention, *id))
    }

    /// The determiner of an unnamed person who opens a sentence, perhaps after a short
    /// adverbial (`Back on the ferry, a woman in the queue had the last word.`): a later `she
    /// said` most likely means them. Not a passive's subject (`A man was arrested`).
    fn described_opening(&self, tokens: &[Token<'_>]) -> Option<TextRange> {
        let subject = after_opening_adverbial(tokens);
        let described = self.described_person(subject)?;
        let described_end = subject
            .iter()
            .position(|t| t.range.end == described.mention.end)?;
        let passive = subject
            .get(described_end + 1)
            .is_some_and(|next| next.is("was") || next.is("were"));
        (!passive).then(|| subject.first().map(|t| t.range))?
    }

    /// The sentences of a stretch of text outside quotation marks.
    fn sentences(&self, range: TextRange) -> impl Iterator<Item = TextRange> + '_ {
        let ends = self
            .sentence_boundaries(range)
            .iter()
            .copied()
            .chain([range.end]);
        let mut start = range.start;
        ends.map(move |end| {
            let sentence = TextRange::new(start, end);
            start = end;
            sentence
        })
        .filter(|sentence| !sentence.slice(self.text).trim().is_empty())
    }

    /// Offsets just after each sentence end in `range`. O(log n).
    fn sentence_boundaries(&self, range: TextRange) -> &[usize] {
        let first = self
            .boundaries
            .partition_point(|&boundary| boundary <= range.start);
        let after = self.boundaries.get(first..).unwrap_or_default();
        let last = first + short_partition_point(after, |&boundary| boundary <= range.end);
        self.boundaries.get(first..last).unwrap_or_default()
    }

    /// The part of `gap` after its last sentence end.
    fn last_sentence(&self, gap: TextRange) -> TextRange {
        let start = self
            .sentence_boundaries(gap)
            .last()
            .copied()
            .unwrap_or(gap.start);
        TextRange::new(start, gap.end)
    }

    /// The part of `gap` up to its first sentence end.
    fn first_sentence(&self, gap: TextRange) -> TextRange {
        let end = self
            .sentence_boundaries(gap)
            .first()
            .copied()
            .unwrap_or(gap.end);
        TextRange::new(gap.start, end)
    }

    /// True when `gap` (the text before a quotation) ends a sentence or is empty.
    fn gap_ends_sentence(&self, gap: TextRange) -> bool {
        let text = gap.slice(self.text).trim_end();
        text.is_empty()
            || text.ends_with(['.', '!', '?', '”', '"', '’', '»'])
            || self.sentence_boundaries(gap).last().is_some_and(|b| {
                gap.slice(self.text)
                    .get(b - gap.start..)
                    .unwrap_or("x")
                    .trim()
                    .is_empty()
            })
    }

    /// `“Better?” Ortiz asks.`: a short sentence of a name and a speech verb after a quotation
    /// that ends in a question or an exclamation is its tag, not a sentence of its own.
    fn is_speech_tag(&self, gap: TextRange) -> bool {
        let sentence = self.first_sentence(gap);
        let tokens = self.tokens_in(sentence);
        let words = tokens.iter().filter(|t| t.is_word()).count();
        let ends = sentence
            .slice(self.text)
            .trim_end()
            .ends_with(['.', '!', '?']);
        let opens_with_name = tokens.first().is_some_and(Token::is_capitalized);
        let quotation = self
            .text
            .get(..gap.start)
            .map(|before| before.trim_end_matches(is_quotation_mark).trim_end())
            .is_some_and(|before| before.ends_with(['?', '!']));
        quotation
            && opens_with_name
            && ends
            && (2..=4).contains(&words)
            && (0..tokens.len()).any(|i| self.is_speech_verb_at(tokens, i))
    }

    fn next_word_capitalized(&self, gap: TextRange) -> bool {
        let text = gap
            .slice(self.text)
            .trim_start_matches(|c: char| c.is_whitespace() || ",.;:".contains(c));
        text.is_empty() || text.chars().next().is_some_and(|c| c.is_uppercase())
    }
}

/// When a quotation found no speaker but a later quotation of the same sentence did
/// (`“…” and “…,” he said`), the earlier one shares it.
fn fill_from_a_later_quote_of_the_same_sentence(context: &Context<'_>, quotes: &mut [Quote]) {
    for index in (0..quotes.len().saturating_sub(1)).rev() {
        let (Some(quote), Some(next)) = (quotes.get(index), quotes.get(index + 1)) else {
            continue;
        };
        if quote.attribution.is_some()
            || !quote.kind.expects_speaker()
            || !next.kind.expects_speaker()
        {
            continue;
        }
        let Some(next_attribution) = next.attribution.clone() else {
            continue;
        };
        let Some(paragraph) = context
            .paragraph_of_start(index + 1)
            .and_then(|p| context.paragraphs.get(p))
        else {
            continue;
        };
        let Some(next_first) = next.pieces.first() else {
            continue;
        };
        let gap = context.gap_before(next_first.range, *paragraph, quotes);
        if !context.previous_quote_in_sentence(index + 1, quotes, gap) {
            continue;
        }
        let attribution = Attribution {
            rule: AttributionRule::Continuation,
            confidence: next_attribution.confidence * 0.9,
            ..next_attribution
        };
        if let Some(quote) = quotes.get_mut(index) {
            quote.attribution = Some(attribution);
        }
    }
}

/// A quotation in the headline repeats words said in the body (`‘IT WAS HIS LITTLE CASTLE’` …
/// `‘It was his little castle. His dad built it …,’ she said`): it is theirs.
fn fill_headline_quotes_from_the_body(context: &Context<'_>, quotes: &mut [Quote]) {
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    for index in 0..quotes.len() {
        let Some(quote) = quotes.get(index) else {
            continue;
        };
        // A binary search: the metadata lines are disjoint and in text order, and a scan of
        // them for every quotation was quadratic in the length of a long document.
        let in_metadata = context.in_metadata(quote.range);
        if quote.attribution.is_some() || !quote.kind.expects_speaker() || !in_metadata {
            continue;
        }
        let echoed = words(&quote.text(context.text));
        if echoed.len() < 3 {
            continue;
        }
        let source = quotes.iter().skip(index + 1).find(|later| {
            later.attribution.is_some()
                && words(&later.text(context.text))
                    .windows(echoed.len())
                    .any(|window| window == echoed.as_slice())
        });
        let Some(attribution) = source.and_then(|later| later.attribution.clone()) else {
            continue;
        };
        if let Some(quote) = quotes.get_mut(index) {
            quote.attribution = Some(Attribution {
                rule: AttributionRule::Continuation,
                confidence: attribution.confidence * 0.8,
                ..attribution
            });
        }
    }
}

/// `keys.partition_point(is_before)` in O(log k) steps for a partition point `k` near the
/// front, as when the keys after a range's start are searched for its end: an exponential
/// search, then a binary search of the last step.
fn short_partition_point<T>(keys: &[T], is_before: impl Fn(&T) -> bool) -> usize {
    let mut bound = 1;
    while bound <= keys.len() && keys.get(bound - 1).is_some_and(&is_before) {
        bound *= 2;
    }
    let low = bound / 2;
    let high = bound.min(keys.len());
    low + keys
        .get(low..high)
        .map_or(0, |window| window.partition_point(&is_before))
}

/// Whether `name`, lowercased, contains `lower_word`; without allocating for an ASCII name.
fn lowercase_contains(name: &str, lower_word: &str) -> bool {
    if lower_word.is_empty() {
        return true;
    }
    if name.is_ascii() {
        // Only the windows that fit are compared, and most stop at their first byte: this runs
        // for every recent speaker each time a role noun is resolved.
        let needle = lower_word.as_bytes();
        name.as_bytes()
            .windows(needle.len())
            .any(|window| window.eq_ignore_ascii_case(needle))
    } else {
        name.to_lowercase().contains(lower_word)
    }
}

fn is_determiner(word: &str) -> bool {
    // No character outside ASCII lowercases to one of these words.
    [
        "the", "a", "an", "one", "another", "its", "their", "his", "her", "our",
    ]
    .iter()
    .any(|determiner| word.eq_ignore_ascii_case(determiner))
}

/// A stretch between commas that is not the subject itself: an age (`68`), a relative clause
/// (`who did not give her name`) or a description in apposition (`a retired teacher`).
fn is_parenthetical(segment: &[Token<'_>]) -> bool {
    let Some(first) = segment.first() else {
        return false;
    };
    let age = segment
        .iter()
        .all(|t| t.text.chars().all(|c| c.is_ascii_digit()));
    let relative = ["who", "whose", "whom", "which"]
        .iter()
        .any(|word| first.is(word));
    age || relative || is_determiner(first.text)
}

/// `tokens` after a short adverbial and its comma (`At the district hospital, a nurse …`), or
/// all of them.
fn after_opening_adverbial<'t, 'a>(tokens: &'t [Token<'a>]) -> &'t [Token<'a>] {
    let Some(comma) = tokens.iter().take(7).position(|t| t.text == ",") else {
        return tokens;
    };
    // An adverbial names no one: `Baslan Damang, a security official` is no adverbial.
    let adverbial = tokens.get(..comma).unwrap_or_default();
    let names_no_one = adverbial
        .iter()
        .skip(1)
        .all(|t| t.is_word() && (!t.is_capitalized() || is_weekday(t.text)));
    let opens_with_determiner = tokens.first().is_some_and(|t| is_determiner(t.text));
    if names_no_one && !opens_with_determiner {
        tokens.get(comma + 1..).unwrap_or_default()
    } else {
        tokens
    }
}

/// Quotation marks around a name rather than words spoken: a nickname given to someone
/// (`Islanders called her “La Capitana,”`), a nickname inside a name (`Wojciech ‘Woj’ Nowak`),
/// or the title of a work after the word for it (`a memoir, “Twelve Knots to Vara,”`).
fn is_a_nickname_or_a_title(left: &[Token<'_>], right: &[Token<'_>], content: &str) -> bool {
    let last = left.last();
    let before_last = left.len().checked_sub(2).and_then(|i| left.get(i));
    // `called her “La Capitana”`: a naming verb and a person, then a capitalized name.
    let naming_verb = |t: &Token<'_>| {
        [
            "call",
            "calls",
            "called",
            "dub",
            "dubs",
            "dubbed",
            "nickname",
            "nicknamed",
        ]
        .iter()
        .any(|verb| t.is(verb))
    };
    let after_naming =
        last.is_some_and(|t| is_object_pronoun(t.text)) && before_last.is_some_and(naming_verb);
    // `Wojciech ‘Woj’ Nowak`: between two parts of a name.
    let between_names = last.is_some_and(|t| t.is_word() && t.is_capitalized())
        && right
            .first()
            .is_some_and(|t| t.is_word() && t.is_capitalized());
    // `a memoir, “Twelve Knots to Vara,”`: after a work's noun.
    let work = left.iter().rev().find(|t| t.text != ",").is_some_and(|t| {
        [
            "book",
            "memoir",
            "novel",
            "film",
            "movie",
            "documentary",
            "album",
            "song",
            "play",
            "poem",
            "essay",
            "series",
            "show",
            "programme",
            "program",
            "podcast",
            "exhibition",
            "painting",
        ]
        .iter()
        .any(|noun| t.is(noun))
    });
    // Most quotations stand in none of these places: their words need not be read.
    if !(after_naming || between_names || work) {
        return false;
    }
    // A nickname or a title has six words at most: a longer quotation is not split further.
    let words: Vec<&str> = content
        .split_whitespace()
        .map(|word| word.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|word| !word.is_empty())
        .take(7)
        .collect();
    let capitalized = |word: &&str| word.chars().next().is_some_and(char::is_uppercase);
    let Some(first_word) = words.first() else {
        return false;
    };
    if !capitalized(first_word) || words.len() > 6 {
        return false;
    }
    let nickname_given = words.len() <= 3 && after_naming;
    let inside_a_name = words.len() == 1 && between_names;
    // Every long word capitalized.
    let title_case = words
        .iter()
        .all(|word| word.chars().count() <= 3 || capitalized(word));
    nickname_given || inside_a_name || (title_case && work)
}

/// `its`, `his`, `her`, `their`, or a word ending in a possessive `’s`.
fn is_possessive(lower: &str) -> bool {
    matches!(lower, "its" | "his" | "her" | "their")
        || lower.ends_with("’s")
        || lower.ends_with("'s")
}

/// Whether `phrase` speaks of a person: a person noun, or a relative `who`.
fn describes_a_person(phrase: &[Token<'_>]) -> bool {
    phrase.iter().any(|t| is_person_head(t) || t.is("who"))
}

fn is_object_pronoun(word: &str) -> bool {
    ["him", "her", "them"]
        .iter()
        .any(|object| word.eq_ignore_ascii_case(object))
}

fn is_weekday(word: &str) -> bool {
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
    .iter()
    .any(|day| word.eq_ignore_ascii_case(day))
}

fn strip_possessive(name: &str) -> &str {
    name.strip_suffix("’s")
        .or_else(|| name.strip_suffix("'s"))
        .unwrap_or(name)
}

mod lexicon;
#[cfg(test)]
mod tests;
