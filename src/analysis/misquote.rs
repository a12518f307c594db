//! Misquotes: two quotations of the same speaker that are nearly, but not exactly, the same
//! words: a word changed, dropped or added.
//!
//! Quotations are compared word by word, after folding away what is not a difference: case,
//! accents, punctuation, and curly versus straight marks. The marks of honest editing match
//! what they stand for: an ellipsis (`…`, `...`, `[…]`) matches any run of words of the other
//! quotation, and a bracketed insertion (`[the U.S.]`) matches up to [`BRACKET_SPAN`] words of
//! the other (the words it replaced, or none). A bracket inside a word (`[T]he`) is a change of
//! letters, read as the word itself. Quoting only the beginning or the end of a longer quotation
//! is excerpting, not misquoting: one quotation may stop short of the other at either end, as
//! long as one of them is aligned whole.
//!
//! The alignment is an edit distance over words (substitution, insertion and deletion cost one
//! word each, the editing marks cost nothing), O(n·m) in the two quotations' word counts. A pair
//! is a misquote when the words differ at all, at least [`Thresholds::min_matched_words`] words
//! match, and the matched words make at least [`Thresholds::min_similarity`] of the aligned
//! part.
//!
//! [`find`] looks for misquotes among many quotations without comparing every pair: quotations
//! that share no run of [`SHINGLE`] words are never compared, and runs shared by more than
//! [`MAX_SHINGLE_POSTINGS`] quotations (formulas a speaker repeats) do not make candidates.

use super::gazetteer::{WordHasher, WordMap, WordSet};
use std::hash::{Hash, Hasher};
use std::ops::Range;

/// The most words of the other quotation a bracketed insertion stands for.
pub const BRACKET_SPAN: usize = 4;

/// Quotations with more words than this are not compared (the alignment is quadratic).
pub const MAX_WORDS: usize = 400;

/// Candidate pairs share a run of this many consecutive words.
pub const SHINGLE: usize = 3;

/// A run of words shared by more quotations than this is too common to suggest a pair.
pub const MAX_SHINGLE_POSTINGS: usize = 64;

/// When two quotations count as the same words quoted differently.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Thresholds {
    /// The fewest words that must match: shorter quotations are too short to tell a changed
    /// word from a different quotation.
    pub min_matched_words: usize,
    /// The least share of matched words in the aligned part (matched / (matched + the larger
    /// side's differing words)).
    pub min_similarity: f32,
    /// The most separate places where the words differ.
    pub max_differences: usize,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            min_matched_words: 5,
            min_similarity: 0.75,
            max_differences: 3,
        }
    }
}

/// One place where two quotations differ: words of the first replaced by words of the second.
/// One side is empty when words were dropped (from the second) or added (in the second).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    /// The differing words of the first quotation, as written; empty when the second added words.
    pub first: String,
    /// The byte range of those words in the first quotation's text (empty at the place where
    /// the second added its words).
    pub first_range: Range<usize>,
    /// The differing words of the second quotation, as written; empty when it dropped words.
    pub second: String,
    pub second_range: Range<usize>,
}

impl Difference {
    /// The difference in words, seen from the first quotation: “slap” → “blow”, “not”
    /// dropped, “really” added.
    pub fn describe(&self) -> String {
        match (self.first.is_empty(), self.second.is_empty()) {
            (false, false) => format!("“{}” → “{}”", self.first, self.second),
            (false, true) => format!("“{}” dropped", self.first),
            (true, false) => format!("“{}” added", self.second),
            (true, true) => String::new(),
        }
    }

    /// The same difference seen from the second quotation.
    pub fn reversed(&self) -> Difference {
        Difference {
            first: self.second.clone(),
            first_range: self.second_range.clone(),
            second: self.first.clone(),
            second_range: self.first_range.clone(),
        }
    }
}

/// The verdict on a pair that is a misquote.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// Where the words differ, in the order of the quotations; never empty.
    pub differences: Vec<Difference>,
    /// How many words are the same in both.
    pub matched_words: usize,
}

/// Compares two quotations: `Some` when they are a misquote of each other (nearly the same
/// words, not exactly), `None` when they are the same words or different quotations.
pub fn compare(first: &str, second: &str, thresholds: &Thresholds) -> Option<Comparison> {
    let first_tokens = tokens(first);
    let second_tokens = tokens(second);
    compare_tokens(first, &first_tokens, second, &second_tokens, thresholds)
}

/// A quotation given to [`find`]: its text, and the article (or other source) it comes from.
#[derive(Clone, Copy, Debug)]
pub struct Candidate<'a> {
    pub text: &'a str,
    pub source: u32,
}

/// A misquote found by [`find`]: indices into the candidates, `first < second`.
#[derive(Clone, Debug, PartialEq)]
pub struct Misquote {
    pub first: usize,
    pub second: usize,
    pub comparison: Comparison,
}

/// The misquotes among `candidates` (all quotations of one speaker): pairs from different
/// sources only, and with `focus`, only pairs with one quotation from that source. Candidate
/// pairs come from an inverted index of word runs, so a prolific speaker's quotations are not
/// all compared with each other.
pub fn find(
    candidates: &[Candidate<'_>],
    focus: Option<u32>,
    thresholds: &Thresholds,
) -> Vec<Misquote> {
    let tokenized: Vec<Vec<Token>> = candidates
        .iter()
        .map(|candidate| tokens(candidate.text))
        .collect();
    let mut postings: WordMap<u64, Vec<usize>> = WordMap::default();
    for (index, words) in tokenized.iter().enumerate() {
        let mut seen = WordSet::default();
        for shingle in shingles(words) {
            if seen.insert(shingle) {
                postings.entry(shingle).or_default().push(index);
            }
        }
    }
    // Only pairs that can be reported: two sources, one of them the focus. Skipping the others
    // here keeps an article that repeats a quotation from filling the set with pairs of itself.
    let source_of = |index: usize| candidates.get(index).map(|candidate| candidate.source);
    let may_pair = |one: usize, other: usize| {
        let (Some(one), Some(other)) = (source_of(one), source_of(other)) else {
            return false;
        };
        one != other && focus.is_none_or(|focus| one == focus || other == focus)
    };
    let mut pairs: WordSet<(usize, usize)> = WordSet::default();
    for list in postings.values() {
        if list.len() < 2 || list.len() > MAX_SHINGLE_POSTINGS {
            continue;
        }
        for (position, &one) in list.iter().enumerate() {
            for &other in list.iter().skip(position + 1) {
                if may_pair(one, other) {
                    pairs.insert((one.min(other), one.max(other)));
                }
            }
        }
    }
    let mut pairs: Vec<(usize, usize)> = pairs.into_iter().collect();
    pairs.sort_unstable();
    let mut found = Vec::new();
    for (first, second) in pairs {
        let (Some(one), Some(other)) = (candidates.get(first), candidates.get(second)) else {
            continue;
        };
        if one.source == other.source {
            continue;
        }
        if let Some(focus) = focus {
            if one.source != focus && other.source != focus {
                continue;
            }
        }
        let (Some(first_tokens), Some(second_tokens)) =
            (tokenized.get(first), tokenized.get(second))
        else {
            continue;
        };
        if let Some(comparison) = compare_tokens(
            one.text,
            first_tokens,
            other.text,
            second_tokens,
            thresholds,
        ) {
            found.push(Misquote {
                first,
                second,
                comparison,
            });
        }
    }
    found
}

/// The hashes of every run of [`SHINGLE`] consecutive words (editing marks break runs).
fn shingles(tokens: &[Token]) -> impl Iterator<Item = u64> + '_ {
    tokens.windows(SHINGLE).filter_map(|window| {
        let mut hasher = WordHasher::default();
        for token in window {
            match &token.kind {
                TokenKind::Word(word) => word.hash(&mut hasher),
                TokenKind::Ellipsis | TokenKind::Bracket => return None,
            }
        }
        Some(hasher.finish())
    })
}

/// A word or an editing mark of a quotation.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Token {
    kind: TokenKind,
    /// Where it is in the quotation's text.
    range: Range<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum TokenKind {
    /// A word, folded: lower case, no accents, no punctuation.
    Word(String),
    /// `…`, `...` or `[…]`: any run of words was left out here.
    Ellipsis,
    /// `[the U.S.]`: an editor's words, standing for a few words of the original (or none).
    Bracket,
}

/// Splits a quotation into folded words and editing marks.
fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut word_start = 0;
    let mut word_end = 0;
    let mut chars = text.char_indices().peekable();
    let mut previous: Option<char> = None;
    while let Some((at, character)) = chars.next() {
        let next = chars.peek().map(|&(_, next)| next);
        let after = at + character.len_utf8();
        if character == '[' {
            if let Some(close) = text.get(after..).and_then(|rest| rest.find(']')) {
                let inner_range = after..after + close;
                let inner = text.get(inner_range.clone()).unwrap_or("");
                let end = inner_range.end + 1;
                let attached_before = previous.is_some_and(char::is_alphanumeric);
                let attached_after = text
                    .get(end..)
                    .and_then(|rest| rest.chars().next())
                    .is_some_and(char::is_alphanumeric);
                if attached_before || attached_after {
                    // `[T]he`: letters changed inside a word; read the word as written.
                    if word.is_empty() {
                        word_start = at;
                    }
                    for letter in inner.chars() {
                        fold_char(letter, &mut word);
                    }
                    word_end = end;
                } else {
                    flush(&mut word, word_start, word_end, &mut out);
                    let is_ellipsis = inner
                        .chars()
                        .all(|inner_char| matches!(inner_char, '…' | '.' | ' '));
                    out.push(Token {
                        kind: if is_ellipsis {
                            TokenKind::Ellipsis
                        } else {
                            TokenKind::Bracket
                        },
                        range: at..end,
                    });
                }
                // Skip to the closing bracket.
                while chars.peek().is_some_and(|&(position, _)| position < end) {
                    chars.next();
                }
                previous = Some(']');
                continue;
            }
        }
        if character == '…' || (character == '.' && next == Some('.')) {
            flush(&mut word, word_start, word_end, &mut out);
            let mut end = after;
            while let Some(&(position, following)) = chars.peek() {
                if matches!(following, '.' | '…')
                    || (following == ' '
                        && text
                            .get(position + 1..)
                            .is_some_and(|rest| rest.starts_with('.')))
                {
                    end = position + following.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            if out
                .last()
                .is_none_or(|last: &Token| last.kind != TokenKind::Ellipsis)
            {
                out.push(Token {
                    kind: TokenKind::Ellipsis,
                    range: at..end,
                });
            }
            previous = Some('…');
            continue;
        }
        if character.is_alphanumeric() {
            if word.is_empty() {
                word_start = at;
            }
            fold_char(character, &mut word);
            word_end = after;
        } else if is_word_joiner(character)
            && previous.is_some_and(char::is_alphanumeric)
            && next.is_some_and(char::is_alphanumeric)
        {
            // `don’t`, `U.S.`, `1,000`: one word, with the mark folded away.
        } else if is_combining_mark(character) {
            // An accent written as a combining mark: folded away with the letter's accent.
        } else {
            flush(&mut word, word_start, word_end, &mut out);
        }
        previous = Some(character);
    }
    flush(&mut word, word_start, word_end, &mut out);
    out
}

fn flush(word: &mut String, start: usize, end: usize, out: &mut Vec<Token>) {
    if !word.is_empty() {
        out.push(Token {
            kind: TokenKind::Word(std::mem::take(word)),
            range: start..end,
        });
    }
}

fn is_word_joiner(character: char) -> bool {
    matches!(character, '\'' | '’' | '‘' | '.' | ',')
}

fn is_combining_mark(character: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&character)
}

/// Appends `character` folded for comparison: lower case, without its accent (for the Latin
/// letters news copy uses; others are only lower-cased). Combining accents are dropped.
pub fn fold_char(character: char, out: &mut String) {
    if is_combining_mark(character) {
        return;
    }
    if character.is_ascii() {
        out.push(character.to_ascii_lowercase());
        return;
    }
    match base_letters(character) {
        Some(base) => out.push_str(base),
        None => out.extend(character.to_lowercase()),
    }
}

/// The unaccented letters of an accented Latin letter.
fn base_letters(character: char) -> Option<&'static str> {
    Some(match character {
        'à'..='å' | 'À'..='Å' | 'ā' | 'Ā' | 'ă' | 'Ă' | 'ą' | 'Ą' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'Ç' | 'ć' | 'Ć' | 'č' | 'Č' | 'ĉ' | 'ċ' => "c",
        'ď' | 'Ď' | 'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'è'..='ë' | 'È'..='Ë' | 'ē' | 'Ē' | 'ė' | 'Ė' | 'ę' | 'Ę' | 'ě' | 'Ě' => "e",
        'ì'..='ï' | 'Ì'..='Ï' | 'ī' | 'Ī' | 'į' | 'ı' | 'İ' => "i",
        'ñ' | 'Ñ' | 'ń' | 'Ń' | 'ň' | 'Ň' => "n",
        'ò'..='ö' | 'Ò'..='Ö' | 'ø' | 'Ø' | 'ō' | 'Ō' | 'ő' | 'Ő' => "o",
        'œ' | 'Œ' => "oe",
        'ù'..='ü' | 'Ù'..='Ü' | 'ū' | 'Ū' | 'ů' | 'Ů' | 'ű' | 'Ű' | 'ų' => "u",
        'ý' | 'Ý' | 'ÿ' | 'Ÿ' => "y",
        'ß' => "ss",
        'ś' | 'Ś' | 'š' | 'Š' | 'ş' | 'Ş' | 'ș' | 'Ș' => "s",
        'ź' | 'Ź' | 'ż' | 'Ż' | 'ž' | 'Ž' => "z",
        'ł' | 'Ł' | 'ľ' | 'Ľ' | 'ĺ' | 'Ĺ' => "l",
        'ř' | 'Ř' | 'ŕ' | 'Ŕ' => "r",
        'ť' | 'Ť' | 'ţ' | 'Ţ' | 'ț' | 'Ț' => "t",
        'þ' | 'Þ' => "th",
        'ğ' | 'Ğ' | 'ĝ' | 'Ĝ' => "g",
        _ => return None,
    })
}

/// One step of an alignment, from the end backwards.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    /// Both words, the same.
    Match,
    /// Both words, different.
    Substitute,
    /// A word of the first only (or a mark of the first matching nothing).
    Delete,
    /// A word of the second only (or a mark of the second matching nothing).
    Insert,
    /// A mark of the first absorbing `n` words of the second.
    FirstMarkAbsorbs(usize),
    /// A mark of the second absorbing `n` words of the first.
    SecondMarkAbsorbs(usize),
}

fn word_cost(token: &Token) -> u32 {
    match token.kind {
        TokenKind::Word(_) => 1,
        TokenKind::Ellipsis | TokenKind::Bracket => 0,
    }
}

/// How many words of the other quotation a mark may stand for.
fn absorbs(token: &Token) -> usize {
    match token.kind {
        TokenKind::Word(_) => 0,
        TokenKind::Ellipsis => usize::MAX,
        TokenKind::Bracket => BRACKET_SPAN,
    }
}

/// Which quotation an alignment covers whole; the other may be the longer original it excerpts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Whole {
    First,
    Second,
}

fn compare_tokens(
    first_text: &str,
    first: &[Token],
    second_text: &str,
    second: &[Token],
    thresholds: &Thresholds,
) -> Option<Comparison> {
    if first.is_empty() || second.is_empty() || first.len() > MAX_WORDS || second.len() > MAX_WORDS
    {
        return None;
    }
    // The same words (and marks) align at no cost: no misquote, and no table to fill. The same
    // quotation repeated across articles is the common case, not the exception.
    if first
        .iter()
        .map(|token| &token.kind)
        .eq(second.iter().map(|token| &token.kind))
    {
        return None;
    }
    let first_whole = Alignment::new(first, second, Whole::First);
    let second_whole = Alignment::new(first, second, Whole::Second);
    let alignment = if second_whole.total < first_whole.total {
        second_whole
    } else {
        first_whole
    };
    if alignment.total == 0 || alignment.total == u32::MAX {
        return None;
    }
    let trace = alignment.trace_back(first, second);
    let (start_i, start_j) = trace.start;
    let mut matched = 0;
    let mut first_differing = 0;
    let mut second_differing = 0;
    let mut differences = Vec::new();
    let mut open: Option<(Range<usize>, Range<usize>)> = None;
    // Walk forwards, grouping consecutive differing steps into one difference.
    let (mut i, mut j) = (start_i, start_j);
    for step in trace.forward.iter().copied() {
        let (advance_i, advance_j, differing) = match step {
            Step::Match => (1, 1, false),
            Step::Substitute => (1, 1, true),
            Step::Delete => (1, 0, word_cost_at(first, i) > 0),
            Step::Insert => (0, 1, word_cost_at(second, j) > 0),
            Step::FirstMarkAbsorbs(k) => (1, k, false),
            Step::SecondMarkAbsorbs(k) => (k, 1, false),
        };
        if step == Step::Match {
            matched += 1;
        }
        if differing {
            if advance_i > 0 {
                first_differing += 1;
            }
            if advance_j > 0 {
                second_differing += 1;
            }
            let first_range = token_span(first, i, i + advance_i, first_text.len());
            let second_range = token_span(second, j, j + advance_j, second_text.len());
            open = Some(match open.take() {
                None => (first_range, second_range),
                Some((first_open, second_open)) => (
                    join(first_open, first_range, advance_i > 0),
                    join(second_open, second_range, advance_j > 0),
                ),
            });
        } else if let Some((first_range, second_range)) = open.take() {
            differences.push(difference(
                first_text,
                first_range,
                second_text,
                second_range,
            ));
        }
        i += advance_i;
        j += advance_j;
    }
    if let Some((first_range, second_range)) = open.take() {
        differences.push(difference(
            first_text,
            first_range,
            second_text,
            second_range,
        ));
    }
    let differing = first_differing.max(second_differing);
    let similarity = matched as f32 / (matched + differing).max(1) as f32;
    if differences.is_empty()
        || matched < thresholds.min_matched_words
        || similarity < thresholds.min_similarity
        || differences.len() > thresholds.max_differences
    {
        return None;
    }
    Some(Comparison {
        differences,
        matched_words: matched,
    })
}

/// The edit-distance table of two quotations, one of them aligned whole.
struct Alignment {
    /// Whether the first (second) quotation's words before and after the aligned part are
    /// skipped for free.
    first_skips: bool,
    second_skips: bool,
    /// `cost[i * width + j]`: the cheapest alignment of `first[..i]` with `second[..j]`.
    cost: Vec<u32>,
    width: usize,
    /// Where the cheapest alignment ends, and its cost.
    end: (usize, usize),
    total: u32,
}

impl Alignment {
    /// Aligns the two, with `whole` covered from its first word to its last; the other may
    /// begin before and end after the part that aligns (for free: it is the longer original).
    fn new(first: &[Token], second: &[Token], whole: Whole) -> Alignment {
        let n = first.len();
        let m = second.len();
        let width = m + 1;
        let at = |i: usize, j: usize| i * width + j;
        let mut cost = vec![0u32; (n + 1) * width];
        // Which side may begin and end beyond the aligned part for free (an excerpt's longer
        // original): not the whole one, and not one with editing marks, whose marks would
        // otherwise absorb the other's words right up to a free end.
        let first_skips = whole == Whole::Second && !has_marks(first);
        let second_skips = whole == Whole::First && !has_marks(second);
        // The border: a side that may not skip pays one per word before the other begins.
        if !first_skips {
            let mut sum = 0;
            for (i, token) in first.iter().enumerate() {
                sum += word_cost(token);
                if let Some(cell) = cost.get_mut(at(i + 1, 0)) {
                    *cell = sum;
                }
            }
        }
        if !second_skips {
            let mut sum = 0;
            for (j, token) in second.iter().enumerate() {
                sum += word_cost(token);
                if let Some(cell) = cost.get_mut(at(0, j + 1)) {
                    *cell = sum;
                }
            }
        }
        let get =
            |i: usize, j: usize, cost: &[u32]| cost.get(at(i, j)).copied().unwrap_or(u32::MAX);
        for (i, one) in first
            .iter()
            .enumerate()
            .map(|(index, token)| (index + 1, token))
        {
            for (j, other) in second
                .iter()
                .enumerate()
                .map(|(index, token)| (index + 1, token))
            {
                let diagonal = get(i - 1, j - 1, &cost);
                let mut best = match (&one.kind, &other.kind) {
                    (TokenKind::Word(a), TokenKind::Word(b)) => {
                        diagonal.saturating_add(u32::from(a != b))
                    }
                    // Two marks face to face: both stand for the same left-out words.
                    _ if word_cost(one) == 0 && word_cost(other) == 0 => diagonal,
                    _ => u32::MAX,
                };
                best = best.min(get(i - 1, j, &cost).saturating_add(word_cost(one)));
                best = best.min(get(i, j - 1, &cost).saturating_add(word_cost(other)));
                for k in 1..=j.min(absorbs(one)) {
                    best = best.min(get(i - 1, j - k, &cost));
                }
                for k in 1..=i.min(absorbs(other)) {
                    best = best.min(get(i - k, j - 1, &cost));
                }
                if let Some(cell) = cost.get_mut(at(i, j)) {
                    *cell = best;
                }
            }
        }
        // The other quotation may also end after the part that aligns: the best cell of the
        // last row (first whole) or column (second whole), covering the most on a tie.
        let mut ends = vec![(n, m)];
        if second_skips {
            ends.extend((0..m).map(|j| (n, j)));
        }
        if first_skips {
            ends.extend((0..n).map(|i| (i, m)));
        }
        let end = ends
            .into_iter()
            .min_by_key(|&(i, j)| (get(i, j, &cost), usize::MAX - (i + j)))
            .unwrap_or((n, m));
        let total = get(end.0, end.1, &cost);
        Alignment {
            first_skips,
            second_skips,
            cost,
            width,
            end,
            total,
        }
    }

    fn get(&self, i: usize, j: usize) -> u32 {
        self.cost
            .get(i * self.width + j)
            .copied()
            .unwrap_or(u32::MAX)
    }

    /// Follows the cheapest alignment back from its end, preferring a match or substitution.
    fn trace_back(&self, first: &[Token], second: &[Token]) -> Trace {
        let (mut i, mut j) = self.end;
        let mut steps = Vec::new();
        loop {
            let step = match (i, j) {
                (0, 0) => break,
                // On the border: the whole quotation's remaining words are differences; the
                // other's are the part before the excerpt, skipped.
                (_, 0) if !self.first_skips => Step::Delete,
                (0, _) if !self.second_skips => Step::Insert,
                (_, 0) | (0, _) => break,
                _ => {
                    let (Some(one), Some(other)) = (first.get(i - 1), second.get(j - 1)) else {
                        break;
                    };
                    match self.step_into(i, j, one, other) {
                        Some(step) => step,
                        None => break,
                    }
                }
            };
            match step {
                Step::Match | Step::Substitute => {
                    i -= 1;
                    j -= 1;
                }
                Step::Delete => i -= 1,
                Step::Insert => j -= 1,
                Step::FirstMarkAbsorbs(k) => {
                    i -= 1;
                    j -= k;
                }
                Step::SecondMarkAbsorbs(k) => {
                    i -= k;
                    j -= 1;
                }
            }
            steps.push(step);
        }
        steps.reverse();
        Trace {
            start: (i, j),
            forward: steps,
        }
    }

    /// The step that reaches cell `(i, j)` at its cost (both `i` and `j` at least 1).
    fn step_into(&self, i: usize, j: usize, one: &Token, other: &Token) -> Option<Step> {
        let here = self.get(i, j);
        let diagonal = self.get(i - 1, j - 1);
        match (&one.kind, &other.kind) {
            (TokenKind::Word(a), TokenKind::Word(b))
                if diagonal.saturating_add(u32::from(a != b)) == here =>
            {
                return Some(if a == b {
                    Step::Match
                } else {
                    Step::Substitute
                });
            }
            _ if word_cost(one) == 0 && word_cost(other) == 0 && diagonal == here => {
                return Some(Step::FirstMarkAbsorbs(1));
            }
            _ => {}
        }
        (1..=j.min(absorbs(one)))
            .find(|&k| self.get(i - 1, j - k) == here)
            .map(Step::FirstMarkAbsorbs)
            .or_else(|| {
                (1..=i.min(absorbs(other)))
                    .find(|&k| self.get(i - k, j - 1) == here)
                    .map(Step::SecondMarkAbsorbs)
            })
            .or_else(|| {
                (self.get(i - 1, j).saturating_add(word_cost(one)) == here).then_some(Step::Delete)
            })
            .or_else(|| {
                (self.get(i, j - 1).saturating_add(word_cost(other)) == here)
                    .then_some(Step::Insert)
            })
    }
}

fn has_marks(tokens: &[Token]) -> bool {
    tokens.iter().any(|token| word_cost(token) == 0)
}

fn word_cost_at(tokens: &[Token], index: usize) -> u32 {
    tokens.get(index).map_or(0, word_cost)
}

/// The byte range of tokens `from..to`; an empty range at the start of token `from` (or at
/// `text_len` past the last) when `from == to`.
fn token_span(tokens: &[Token], from: usize, to: usize, text_len: usize) -> Range<usize> {
    if from >= to {
        let at = tokens.get(from).map_or(text_len, |token| token.range.start);
        return at..at;
    }
    let start = tokens.get(from).map_or(text_len, |token| token.range.start);
    let end = tokens.get(to - 1).map_or(text_len, |token| token.range.end);
    start..end.max(start)
}

/// Extends an open difference's range with the next step's (which may be empty on this side).
fn join(open: Range<usize>, next: Range<usize>, advanced: bool) -> Range<usize> {
    if !advanced {
        return open;
    }
    if open.is_empty() {
        return next;
    }
    open.start..next.end.max(open.end)
}

fn difference(
    first_text: &str,
    first_range: Range<usize>,
    second_text: &str,
    second_range: Range<usize>,
) -> Difference {
    Difference {
        first: first_text.get(first_range.clone()).unwrap_or("").to_owned(),
        first_range,
        second: second_text
            .get(second_range.clone())
            .unwrap_or("")
            .to_owned(),
        second_range,
    }
}

struct Trace {
    /// Where the alignment starts (the free skips before it are excerpting).
    start: (usize, usize),
    /// The steps from `start` on.
    forward: Vec<Step>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The differences of a misquote as `first → second` descriptions, or "not a misquote".
    fn check(first: &str, second: &str) -> String {
        match compare(first, second, &Thresholds::default()) {
            Some(comparison) => comparison
                .differences
                .iter()
                .map(Difference::describe)
                .collect::<Vec<_>>()
                .join("; "),
            None => "not a misquote".to_owned(),
        }
    }

    #[test]
    fn a_changed_word_is_a_misquote() {
        assert_eq!(
            check(
                "A slap was delivered last night to the Americans,",
                "A blow was delivered last night to the Americans,"
            ),
            "“slap” → “blow”"
        );
    }

    #[test]
    fn a_dropped_word_is_a_misquote() {
        assert_eq!(
            check(
                "We should not make mistake in knowing the enemy.",
                "We should make mistake in knowing the enemy."
            ),
            "“not” dropped"
        );
    }

    #[test]
    fn an_added_word_is_a_misquote() {
        assert_eq!(
            check(
                "The United States is unfair and liar and we cannot attach hope to it.",
                "The United States is unfair and a liar and we cannot attach hope to it."
            ),
            "“a” added"
        );
    }

    #[test]
    fn a_changed_first_word_is_a_misquote_not_an_excerpt() {
        assert_eq!(
            check(
                "We will rebuild the bridge before the winter comes.",
                "They will rebuild the bridge before the winter comes."
            ),
            "“We” → “They”"
        );
    }

    #[test]
    fn two_separate_changes_are_listed_in_order() {
        assert_eq!(
            check(
                "This animosity is inherent and constant and they hit us wherever they can.",
                "This hostility is inherent and constant and they strike us wherever they can."
            ),
            "“animosity” → “hostility”; “hit” → “strike”"
        );
    }

    #[test]
    fn case_punctuation_accents_and_curly_marks_are_not_differences() {
        let first = "We don’t accept the presence of the U.S. in this région, ever.";
        let second = "we don't accept the presence of the US in this region ever";
        assert_eq!(check(first, second), "not a misquote");
    }

    #[test]
    fn an_ellipsis_stands_for_the_words_left_out() {
        let original = "This region does not accept presence of the United States, and it will leave sooner or later.";
        assert_eq!(
            check(
                original,
                "This region does not accept presence of the United States … it will leave sooner or later."
            ),
            "not a misquote"
        );
        assert_eq!(
            check(
                original,
                "This region does not accept presence of the United States... it will leave sooner or later."
            ),
            "not a misquote"
        );
        assert_eq!(
            check(
                original,
                "This region does not accept presence of the United States […] it will leave sooner or later."
            ),
            "not a misquote"
        );
    }

    #[test]
    fn a_word_changed_beside_an_ellipsis_is_still_found() {
        assert_eq!(
            check(
                "This region does not accept presence of the United States, and it will leave sooner or later.",
                "This region does not accept presence of the United States … it will go sooner or later."
            ),
            "“leave” → “go”"
        );
    }

    #[test]
    fn a_bracketed_insertion_stands_for_the_words_it_replaces() {
        assert_eq!(
            check(
                "The people slapped them in the mouth last night.",
                "The people slapped them [the U.S.] in the mouth last night."
            ),
            "not a misquote"
        );
        assert_eq!(
            check(
                "The people slapped them in the mouth last night.",
                "The people slapped [the Americans] in the mouth last night."
            ),
            "not a misquote"
        );
        assert_eq!(
            check(
                "the people slapped them in the mouth last night.",
                "[T]he people slapped them in the mouth last night."
            ),
            "not a misquote"
        );
    }

    #[test]
    fn an_excerpt_from_either_end_is_not_a_misquote() {
        let whole = "It is wrong to think that they leave animosity when we back down, because they never do.";
        assert_eq!(
            check(whole, "It is wrong to think that they leave animosity"),
            "not a misquote"
        );
        assert_eq!(
            check(
                "they leave animosity when we back down, because they never do",
                whole
            ),
            "not a misquote"
        );
    }

    #[test]
    fn an_excerpt_with_a_changed_word_is_a_misquote() {
        assert_eq!(
            check(
                "It is wrong to think that they leave animosity when we back down, because they never do.",
                "they abandon animosity when we back down"
            ),
            "“leave” → “abandon”"
        );
    }

    #[test]
    fn unrelated_quotes_are_not_misquotes() {
        assert_eq!(
            check(
                "His martyrdom showed the world that the revolution is alive.",
                "I am upset about that bitter incident in Kerman and I offer condolences."
            ),
            "not a misquote"
        );
        // Two sentences that share a formula but say different things.
        assert_eq!(
            check(
                "The United States is unfair and we will never trust its promises again.",
                "The United States is the enemy of every nation in this troubled region."
            ),
            "not a misquote"
        );
    }

    #[test]
    fn short_quotes_are_too_short_to_judge() {
        assert_eq!(
            check("harsh revenge", "harsh retaliation"),
            "not a misquote"
        );
        assert_eq!(
            check("We will not go", "We will not stay"),
            "not a misquote"
        );
    }

    #[test]
    fn identical_words_are_not_a_misquote() {
        assert_eq!(
            check(
                "A slap was delivered last night.",
                "“A slap was delivered last night,”"
            ),
            "not a misquote"
        );
    }

    #[test]
    fn difference_ranges_point_into_each_text() {
        let first = "A slap was delivered last night to the Americans";
        let second = "A blow was delivered last night to the Americans";
        let comparison = compare(first, second, &Thresholds::default());
        let Some(comparison) = comparison else {
            panic!("expected a misquote");
        };
        let difference = &comparison.differences[0];
        assert_eq!(&first[difference.first_range.clone()], "slap");
        assert_eq!(&second[difference.second_range.clone()], "blow");
        assert_eq!(comparison.matched_words, 8);
        assert_eq!(difference.reversed().describe(), "“blow” → “slap”");
    }

    #[test]
    fn find_pairs_quotes_from_different_sources_only() {
        let candidates = [
            Candidate {
                text: "A slap was delivered last night to the Americans",
                source: 0,
            },
            Candidate {
                text: "A slap was delivered last night to the enemy",
                source: 0,
            },
            Candidate {
                text: "A blow was delivered last night to the Americans",
                source: 1,
            },
            Candidate {
                text: "His martyrdom showed the world that the revolution is alive",
                source: 2,
            },
        ];
        let found = find(&candidates, None, &Thresholds::default());
        let pairs: Vec<(usize, usize)> = found
            .iter()
            .map(|misquote| (misquote.first, misquote.second))
            .collect();
        // 0–1 share a source; 1–2 differ in two places of nine words ("slap"/"blow" and
        // "enemy"/"Americans") and still count; 3 is another quote.
        assert_eq!(pairs, vec![(0, 2), (1, 2)]);
        let focused = find(&candidates, Some(2), &Thresholds::default());
        assert!(focused.is_empty());
    }

    #[test]
    fn find_skips_runs_shared_by_too_many_quotes() {
        // Many quotations opening with the same formula and differing in one word: the
        // formula's runs are too common to make candidates, so these pairs are never compared.
        // This is the price of not comparing every pair: a near-miss whose shared runs are
        // all common ones is missed.
        let texts: Vec<String> = (0..MAX_SHINGLE_POSTINGS + 10)
            .map(|number| format!("Let me be clear about this: item {number} matters"))
            .collect();
        let candidates: Vec<Candidate<'_>> = texts
            .iter()
            .enumerate()
            .map(|(index, text)| Candidate {
                text,
                source: u32::try_from(index).unwrap_or(0),
            })
            .collect();
        assert!(find(&candidates, None, &Thresholds::default()).is_empty());
    }

    #[test]
    fn folding_removes_accents_and_case() {
        let mut out = String::new();
        for character in "Ébrard Müller ŁÓDŹ e\u{301}".chars() {
            fold_char(character, &mut out);
        }
        assert_eq!(out, "ebrard muller lodz e");
    }

    #[test]
    fn no_panic_on_odd_marks() {
        for text in [
            "[",
            "]",
            "[[]]",
            "…",
            "...",
            ". . .",
            "[…",
            "a[b",
            "’",
            "",
            "[x] [y] [z]",
        ] {
            let _ = compare(text, "a b c d e f g", &Thresholds::default());
            let _ = compare("a b c d e f g", text, &Thresholds::default());
        }
    }
}
