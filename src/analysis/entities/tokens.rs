//! Words of the prose with what the name finder needs to know about each: its case, whether
//! it starts a sentence, and what separates it from its neighbours.

use crate::analysis::gazetteer::{Gazetteer, WordFlags};
use crate::text::TextRange;

/// Abbreviations whose final period belongs to the word and does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Adm", "Brig", "Capt", "Cmdr", "Co", "Col", "Corp", "Cpl", "Dept", "Dr", "Fr", "Ft", "Gen",
    "Gov", "Inc", "Jr", "Lt", "Ltd", "Maj", "Messrs", "Mme", "Mr", "Mrs", "Ms", "Mt", "Prof",
    "Rep", "Rev", "Sen", "Sgt", "Sr", "St", "Supt", "Univ", "Jan", "Feb", "Aug", "Sept", "Oct",
    "Nov", "Dec", "vs", "Calif", "Fla", "Tex", "Pa", "Ariz", "Colo", "Conn", "Mich", "Minn",
    "Okla", "Tenn", "Wis", "Ore",
];

/// Arabic and similar name particles written joined to the name by a hyphen: `al-Masirah`.
const HYPHENATED_PARTICLES: &[&str] = &[
    "al-", "el-", "ad-", "ash-", "as-", "an-", "at-", "bin-", "ibn-",
];

/// One word of the prose.
#[derive(Clone, Copy, Debug)]
pub(super) struct Token<'t> {
    /// The word, without a possessive `’s`.
    pub text: &'t str,
    pub range: TextRange,
    /// The word ended in a possessive `’s` (or `s’`), which is not part of the name.
    pub possessive: bool,
    /// Starts with a capital letter (or is `al-X` with a capital X).
    pub capitalized: bool,
    /// Two to five capital letters, perhaps with periods: `UN`, `U.S.`, `ISIS`.
    pub acronym: bool,
    /// At the start of a sentence, a quotation or a title-case headline, where a capital letter
    /// says nothing about a name.
    pub weak: bool,
    /// Only spaces lie between this word and the next one in the paragraph.
    pub joined_to_next: bool,
    /// Where the text between the previous word (or the paragraph start) and this one starts.
    pub gap_start: usize,
    /// What the word lists say about a capitalized word (empty for the others).
    pub flags: WordFlags,
}

impl<'t> Token<'t> {
    /// The text between the previous word and this one.
    pub fn gap<'s>(&self, text: &'s str) -> &'s str {
        text.get(self.gap_start..self.range.start).unwrap_or("")
    }

    pub fn is(&self, flags: WordFlags) -> bool {
        self.flags.has(flags)
    }

    pub fn is_lowercase(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_lowercase)
    }
}

fn is_word_char(ch: char) -> bool {
    if ch.is_ascii() {
        return ch.is_ascii_alphanumeric();
    }
    // General punctuation (curly quotes, dashes, ellipses) is common in news and never a
    // letter; the zero-width joiner is kept inside words.
    if ('\u{2000}'..='\u{206f}').contains(&ch) {
        return ch == '\u{200d}';
    }
    ch.is_alphanumeric()
}

fn is_opening_quote(ch: char) -> bool {
    matches!(ch, '“' | '"' | '‘' | '«' | '‹' | '„' | '「' | '『' | '\'')
}

/// The character at byte `offset` of `text` and its length, quickly for ASCII; `None` at the
/// end or off a character boundary.
#[inline]
fn char_at(text: &str, offset: usize) -> Option<(char, usize)> {
    let byte = *text.as_bytes().get(offset)?;
    if byte < 0x80 {
        return Some((char::from(byte), 1));
    }
    let ch = text.get(offset..)?.chars().next()?;
    Some((ch, ch.len_utf8()))
}

/// Builds a table of the bytes that continue a word without decoding (ASCII letters and digits)
/// and, when `non_ascii` is set, of the bytes where a word may start (those and the bytes of
/// non-ASCII characters).
const fn word_byte_table(non_ascii: bool) -> [bool; 256] {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = (byte as u8).is_ascii_alphanumeric() || (non_ascii && byte >= 0x80);
        byte += 1;
    }
    table
}

/// ASCII letters and digits: bytes that continue a word, with no decoding.
static ASCII_WORD_BYTES: [bool; 256] = word_byte_table(false);
/// ASCII letters and digits and the bytes of non-ASCII characters: where a word may start.
/// Every other byte is ASCII space or punctuation between words.
static WORD_START_BYTES: [bool; 256] = word_byte_table(true);

/// The first offset from `from` on whose byte `table` is not `value`, or the length of
/// `bytes` (`from` itself when it lies past the end). A plain loop: most runs are a few bytes
/// long, too short to repay the setup of an iterator search.
#[inline]
fn skip_bytes(bytes: &[u8], from: usize, table: &[bool; 256], value: bool) -> usize {
    let mut offset = from;
    while let Some(&byte) = bytes.get(offset) {
        if table[usize::from(byte)] != value {
            break;
        }
        offset += 1;
    }
    offset
}

/// The words of one paragraph of `text` (the whole prose text), in order, appended to `tokens`
/// (one vector for all paragraphs saves an allocation per paragraph). Words that start at
/// `forced_weak` offsets (the starts of quotations) are weak, and so are all words when
/// `title_case` says the paragraph is a headline in title case.
pub(super) fn tokenize<'t>(
    gazetteer: &Gazetteer,
    text: &'t str,
    paragraph: TextRange,
    forced_weak: &[usize],
    title_case: bool,
    tokens: &mut Vec<Token<'t>>,
) {
    // Indexing and slicing below cannot panic: `offset` and `end` stay below
    // `end_of_paragraph`, which is at most `text.len()`, and they only ever move from one char
    // boundary to the next (by a whole ASCII byte or by a decoded char's length), starting from
    // the paragraph start, which the prose stage puts on a boundary.
    // The paragraph's words are those from here on.
    let first_token = tokens.len();
    let end_of_paragraph = paragraph.end.min(text.len());
    if !text.is_char_boundary(paragraph.start) {
        return;
    }
    let mut offset = paragraph.start;
    let mut gap_start = paragraph.start;
    let bytes = text.as_bytes();
    // The paragraph's bytes: the scans below stop at its end by running out of bytes.
    let paragraph_bytes = bytes.get(..end_of_paragraph).unwrap_or_default();
    loop {
        // Spaces and ASCII punctuation between words, a byte at a time.
        offset = skip_bytes(paragraph_bytes, offset, &WORD_START_BYTES, false);
        if offset >= end_of_paragraph {
            break;
        }
        let Some((first, length)) = char_at(text, offset) else {
            break;
        };
        // An ASCII byte here is a letter or a digit; other characters need a closer look.
        if !first.is_ascii() && !is_word_char(first) {
            offset += length;
            continue;
        }
        let start = offset;
        let mut end = offset + length;
        let mut previous = first;
        let mut has_hyphen = false;
        // The start of the current period-separated segment, to recognise `U.S.` and `Gen.`.
        let mut segment_start = start;
        let mut has_apostrophe = false;
        loop {
            // Most words are ASCII letters: take them a byte at a time.
            end = skip_bytes(paragraph_bytes, end, &ASCII_WORD_BYTES, true);
            let Some(&byte) = paragraph_bytes.get(end) else {
                break;
            };
            // ASCII space or punctuation ends the word, but for a hyphen, an apostrophe or a
            // period, which may join the words on either side.
            if byte < 0x80 && !matches!(byte, b'-' | b'\'' | b'.') {
                break;
            }
            let Some((ch, length)) = char_at(text, end) else {
                break;
            };
            if is_word_char(ch) {
                end += length;
                previous = ch;
                continue;
            }
            let next = char_at(text, end + length).map(|(next, _)| next);
            let next_is_word = next.is_some_and(is_word_char);
            let joins = match ch {
                '-' | '‐' => {
                    has_hyphen = true;
                    next_is_word
                }
                '\'' | '’' => {
                    has_apostrophe = true;
                    next_is_word
                }
                '–' => previous.is_alphabetic() && next.is_some_and(char::is_alphabetic),
                _ => false,
            };
            if joins {
                end += length;
                previous = ch;
                continue;
            }
            if ch == '.' {
                let segment = &text[segment_start..end];
                let single_letter =
                    segment.len() == 1 && segment.as_bytes()[0].is_ascii_uppercase();
                if next_is_word && (single_letter || next.is_some_and(char::is_lowercase)) {
                    // `U.S`, `D.C`, `Znak.com`: the word goes on after the period.
                    end += 1;
                    segment_start = end;
                    previous = ch;
                    continue;
                }
                let abbreviation = (segment.starts_with(|ch: char| ch.is_ascii_uppercase())
                    && segment.len() <= 6
                    && ABBREVIATIONS.contains(&segment))
                    || segment == "vs";
                if single_letter || abbreviation {
                    end += 1;
                }
            }
            break;
        }
        offset = end;
        let word = &text[start..end];
        // The possessive goes from the end only, and never leaves an empty word: `first` stays
        // the word's first character.
        let (word, possessive) = if has_apostrophe {
            strip_possessive(word)
        } else {
            (word, false)
        };
        // The text between the previous word and this one, read as bytes where that will do.
        let gap = || text.get(gap_start..start).unwrap_or_default();
        let gap_bytes = bytes.get(gap_start..start).unwrap_or_default();
        let uppercase = first.is_uppercase();
        let previous_token = tokens.get_mut(first_token..).and_then(<[_]>::last_mut);
        // Whether a capital letter proves nothing here; only capitalized words need to know.
        let weak = uppercase && {
            let previous_text = previous_token.as_ref().map(|token| token.text);
            title_case
                || previous_text.is_none()
                || starts_sentence(gap(), previous_text)
                || gap().chars().next_back().is_some_and(is_opening_quote)
                || forced_weak.binary_search(&start).is_ok()
        };
        if let Some(previous) = previous_token {
            let spaces = !gap_bytes.is_empty()
                && gap_bytes.iter().all(|&byte| byte == b' ' || byte == b'\t');
            previous.joined_to_next =
                !previous.possessive && (spaces || gap_bytes == "\u{a0}".as_bytes());
        }
        let capitalized = if has_hyphen {
            // `Berlin-based` and `Muslim-majority` are adjectives, not names; `al-Masirah` is.
            let last_segment = word.rsplit(['-', '‐']).next().unwrap_or(word);
            let adjective_compound = last_segment.chars().next().is_some_and(char::is_lowercase);
            (!adjective_compound && uppercase)
                || HYPHENATED_PARTICLES.iter().any(|particle| {
                    word.strip_prefix(particle)
                        .and_then(|rest| rest.chars().next())
                        .is_some_and(char::is_uppercase)
                })
        } else {
            uppercase
        };
        // The shape first: it rules out most capitalized words at their second letter.
        let acronym = uppercase
            && word
                .chars()
                .all(|ch| ch.is_uppercase() || ch == '.' || ch.is_ascii_digit())
            && (2..=5).contains(&word.chars().filter(|ch| ch.is_alphabetic()).count());
        // Hashtags and handles (`#MAGA`, `@WHO`) and currencies (`US$`) are no names.
        // The marks are ASCII, so comparing bytes needs no decoding.
        let tagged = || {
            gap_bytes
                .last()
                .is_some_and(|&byte| byte == b'#' || byte == b'@')
                || bytes.get(end) == Some(&b'$')
        };
        let capitalized = capitalized && !tagged();
        let flags = if capitalized {
            word_flags(gazetteer, word)
        } else {
            WordFlags::default()
        };
        tokens.push(Token {
            flags,
            text: word,
            range: TextRange {
                start,
                end: start + word.len(),
            },
            possessive,
            capitalized,
            acronym,
            weak,
            joined_to_next: false,
            gap_start,
        });
        gap_start = end;
    }
}

/// The flags of a capitalized word. A word in capitals is looked up as written and in title
/// case (`WASHINGTON` is `Washington`, `UNDER` is the never-a-name `Under`).
fn word_flags(gazetteer: &Gazetteer, word: &str) -> WordFlags {
    let flags = gazetteer.word_flags(word);
    let known = WordFlags::PLACE
        .union(WordFlags::ORGANIZATION)
        .union(WordFlags::ALIAS);
    if word.len() < 2 || flags.has(known) || word.chars().any(char::is_lowercase) {
        return flags;
    }
    let mut chars = word.chars();
    let title_case: String = chars
        .next()
        .into_iter()
        .chain(chars.flat_map(char::to_lowercase))
        .collect();
    let recased = gazetteer.word_flags(&title_case);
    let long = word.chars().filter(|ch| ch.is_alphabetic()).count() > 5;
    if long {
        flags.union(recased)
    } else if recased.has(WordFlags::NOT_NAME.union(WordFlags::NAME_START)) {
        // `UNDER` is never a name; `SAN` may start `SAN FRANCISCO`.
        let carried = WordFlags::NOT_NAME.union(WordFlags::NAME_START);
        flags.union(WordFlags::from_bits(recased.bits() & carried.bits()))
    } else {
        flags
    }
}

/// `Iran’s` → (`Iran`, true); `States’` keeps no apostrophe since the tokenizer stops before it.
fn strip_possessive(word: &str) -> (&str, bool) {
    for suffix in ["’s", "'s", "’S", "'S"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if !stem.is_empty() {
                return (stem, true);
            }
        }
    }
    (word, false)
}

/// Whether the text `gap` between the previous word and this one ends a sentence.
fn starts_sentence(gap: &str, previous: Option<&str>) -> bool {
    let ends_sentence = gap
        .bytes()
        .any(|byte| matches!(byte, b'.' | b'!' | b'?' | b':' | b';' | b'\n' | b'\r'))
        || (!gap.is_ascii() && gap.contains(['…', '•', '\u{2028}', '\u{2029}', '\u{85}']));
    if ends_sentence {
        return true;
    }
    // A period kept inside the previous word (`U.S.`, `Gen.`) ends a sentence only when the
    // word is not an abbreviation that is followed by a name.
    match previous {
        Some(previous) if previous.ends_with('.') && gap.trim().is_empty() => {
            let stem = previous.trim_end_matches('.');
            !(ABBREVIATIONS.contains(&stem) || stem.chars().count() == 1 || stem.contains('.'))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut tokens = Vec::new();
        tokenize(
            crate::analysis::gazetteer::gazetteer(),
            text,
            TextRange::new(0, text.len()),
            &[],
            false,
            &mut tokens,
        );
        tokens
            .iter()
            .map(|token| {
                let mut out = token.text.to_owned();
                if token.weak {
                    out.insert(0, '^');
                }
                if token.possessive {
                    out.push_str("’s");
                }
                if token.acronym {
                    out.push('!');
                }
                out
            })
            .collect()
    }

    #[test]
    fn abbreviations_possessives_and_acronyms() {
        assert_eq!(
            words(
                "The U.S. and Iran’s Gen. Soleimani met al-Masirah TV. Then Znak.com said “Yes”."
            ),
            [
                "^The",
                "U.S.!",
                "and",
                "Iran’s",
                "Gen.",
                "Soleimani",
                "met",
                "al-Masirah",
                "TV!",
                "^Then",
                "Znak.com",
                "said",
                "^Yes"
            ]
        );
    }

    #[test]
    fn initials_do_not_end_sentences() {
        assert_eq!(
            words("John C. Eastman spoke"),
            ["^John", "C.", "Eastman", "spoke"]
        );
    }
}
