//! The quotation-mark characters, and how the characters around a mark decide what it does.
//!
//! Everything here looks at one mark and its immediate neighbours (and, for the double marks,
//! at which families are open); the pairing itself is in the parent module.

/// A character that may be a quotation mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Mark {
    /// `"`
    StraightDouble,
    /// `“`: opens in English, closes in German (`„…“`).
    LeftDouble,
    /// `”`
    RightDouble,
    /// `„`
    LowDouble,
    /// `'`: an apostrophe far more often than a quotation mark.
    StraightSingle,
    /// `‘`
    LeftSingle,
    /// `’`: an apostrophe far more often than a quotation mark.
    RightSingle,
    /// `‚`
    LowSingle,
    /// `«`
    LeftGuillemet,
    /// `»`
    RightGuillemet,
    /// `‹`
    LeftSingleGuillemet,
    /// `›`
    RightSingleGuillemet,
    /// `「`
    LeftCorner,
    /// `」`
    RightCorner,
    /// `『`
    LeftWhiteCorner,
    /// `』`
    RightWhiteCorner,
}

impl Mark {
    pub(super) fn is_single(self) -> bool {
        matches!(
            self,
            Mark::StraightSingle | Mark::LeftSingle | Mark::RightSingle | Mark::LowSingle
        )
    }

    /// The family of the single marks (the only ones that can pair with each other).
    pub(super) fn single_family(self) -> Family {
        match self {
            Mark::StraightSingle => Family::StraightSingle,
            _ => Family::CurlySingle,
        }
    }
}

/// Marks that pair with each other. A closing mark closes only an opening mark of its family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Family {
    /// `“…”`, `„…“`, `„…”`.
    CurlyDouble,
    /// `"…"`.
    StraightDouble,
    /// `«…»`.
    Guillemet,
    /// `»…«` (Danish, some German typesetting).
    ReversedGuillemet,
    /// `‹…›`.
    SingleGuillemet,
    /// `›…‹`.
    ReversedSingleGuillemet,
    /// `「…」`.
    Corner,
    /// `『…』`.
    WhiteCorner,
    /// `‘…’`, `‚…‘`, `‚…’`.
    CurlySingle,
    /// `'…'`.
    StraightSingle,
}

impl Family {
    pub(super) const COUNT: usize = 10;

    pub(super) fn index(self) -> usize {
        self as usize
    }

    /// Single marks are mostly apostrophes: they never make a problem when they do not pair,
    /// and they never carry a quotation over to the next paragraph.
    pub(super) fn is_single(self) -> bool {
        matches!(self, Family::CurlySingle | Family::StraightSingle)
    }
}

/// What a double mark (any mark but the single ones) does where it stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Action {
    Open(Family),
    Close(Family),
    /// Not a quotation mark here (a breadcrumb `»` between spaces, for example).
    Ignore,
}

/// What a single mark could be where it stands, before pairing decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum SingleRole {
    /// Could open a quotation; `clearly` when an unpaired one is worth a problem (a curly `‘`
    /// or `‚` before a letter).
    Opening { clearly: bool },
    /// Could close a quotation; `weak` when it may just as well be a plural possessive
    /// (`the States’ presence`), so that a later closing mark wins over it.
    Closing { weak: bool },
    /// An apostrophe, or nothing that quotes.
    Neither,
}

/// Whether `byte` can start a quotation mark: the scanners skip every other byte.
///
/// Written without short-circuits so that a loop over a chunk of bytes becomes vector code.
#[inline]
pub(super) fn is_mark_lead_byte(byte: u8) -> bool {
    (byte == b'"') | (byte == b'\'') | (byte == 0xC2) | (byte == 0xE2) | (byte == 0xE3)
}

/// The quotation mark whose UTF-8 encoding starts at `bytes[index]`, with its length in bytes.
pub(super) fn mark_at(bytes: &[u8], index: usize) -> Option<(Mark, u8)> {
    let byte = |offset: usize| bytes.get(index + offset).copied();
    match byte(0)? {
        b'"' => Some((Mark::StraightDouble, 1)),
        b'\'' => Some((Mark::StraightSingle, 1)),
        0xC2 => match byte(1)? {
            0xAB => Some((Mark::LeftGuillemet, 2)),
            0xBB => Some((Mark::RightGuillemet, 2)),
            _ => None,
        },
        0xE2 if byte(1)? == 0x80 => {
            let mark = match byte(2)? {
                0x98 => Mark::LeftSingle,
                0x99 => Mark::RightSingle,
                0x9A => Mark::LowSingle,
                0x9C => Mark::LeftDouble,
                0x9D => Mark::RightDouble,
                0x9E => Mark::LowDouble,
                0xB9 => Mark::LeftSingleGuillemet,
                0xBA => Mark::RightSingleGuillemet,
                _ => return None,
            };
            Some((mark, 3))
        }
        0xE3 if byte(1)? == 0x80 => {
            let mark = match byte(2)? {
                0x8C => Mark::LeftCorner,
                0x8D => Mark::RightCorner,
                0x8E => Mark::LeftWhiteCorner,
                0x8F => Mark::RightWhiteCorner,
                _ => return None,
            };
            Some((mark, 3))
        }
        _ => None,
    }
}

/// Whether a mark after `previous` stands where quotations open: at the start, after white
/// space, an opening bracket, a dash, a slash or another opening mark.
fn is_opening_position(previous: Option<char>) -> bool {
    previous.is_none_or(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '(' | '['
                    | '{'
                    | '<'
                    | '—'
                    | '–'
                    | '-'
                    | '‐'
                    | '/'
                    | '*'
                    | '_'
                    | '“'
                    | '‘'
                    | '„'
                    | '‚'
                    | '«'
                    | '‹'
                    | '「'
                    | '『'
            )
    })
}

/// Whether a mark before `next` stands where quotations close: at the end, before white
/// space, punctuation, a closing bracket, a dash or another mark.
fn is_closing_position(next: Option<char>) -> bool {
    next.is_none_or(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '.' | ','
                    | ';'
                    | ':'
                    | '!'
                    | '?'
                    | '…'
                    | ')'
                    | ']'
                    | '}'
                    | '>'
                    | '—'
                    | '–'
                    | '-'
                    | '‐'
                    | '/'
                    | '*'
                    | '_'
                    | '"'
                    | '\''
                    | '”'
                    | '’'
                    | '»'
                    | '›'
                    | '」'
                    | '』'
                    | '、'
                    | '。'
            )
    })
}

fn is_blank(c: Option<char>) -> bool {
    c.is_none_or(char::is_whitespace)
}

/// Whether a mark after `previous` is attached to the word before it (not after white space or
/// an opening bracket): the first condition for a closing mark.
fn follows_word(previous: Option<char>) -> bool {
    !is_opening_position(previous)
}

/// Whether quoted words can start with `c`.
fn starts_words(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || matches!(c, '[' | '…' | '('))
}

/// What a double mark does between `previous` and `next`, given how many marks of each family
/// are open.
pub(super) fn double_action(
    mark: Mark,
    previous: Option<char>,
    next: Option<char>,
    open: &[usize; Family::COUNT],
) -> Action {
    let is_open = |family: Family| open.get(family.index()).is_some_and(|&count| count > 0);
    let closes_here = follows_word(previous) && is_closing_position(next);
    match mark {
        Mark::StraightDouble => {
            if is_opening_position(previous) && !is_closing_position(next) {
                Action::Open(Family::StraightDouble)
            } else if closes_here || is_open(Family::StraightDouble) {
                Action::Close(Family::StraightDouble)
            } else {
                Action::Open(Family::StraightDouble)
            }
        }
        // `“` closes a German `„…“`, and a mistyped `“…“`, where it stands after a word.
        Mark::LeftDouble if closes_here && is_open(Family::CurlyDouble) => {
            Action::Close(Family::CurlyDouble)
        }
        Mark::LeftDouble | Mark::LowDouble => Action::Open(Family::CurlyDouble),
        Mark::RightDouble => Action::Close(Family::CurlyDouble),
        Mark::LeftGuillemet | Mark::LeftSingleGuillemet => {
            let (family, reversed) = guillemet_families(mark);
            if is_open(reversed) && follows_word(previous) {
                Action::Close(reversed)
            } else {
                Action::Open(family)
            }
        }
        Mark::RightGuillemet | Mark::RightSingleGuillemet => {
            let (family, reversed) = guillemet_families(mark);
            if is_open(family) {
                Action::Close(family)
            } else if is_opening_position(previous) && starts_words(next) {
                Action::Open(reversed)
            } else if is_blank(previous) && is_blank(next) {
                // A separator, as in `Home » News`, not a quotation mark.
                Action::Ignore
            } else {
                Action::Close(family)
            }
        }
        Mark::LeftCorner => Action::Open(Family::Corner),
        Mark::RightCorner => Action::Close(Family::Corner),
        Mark::LeftWhiteCorner => Action::Open(Family::WhiteCorner),
        Mark::RightWhiteCorner => Action::Close(Family::WhiteCorner),
        Mark::StraightSingle | Mark::LeftSingle | Mark::RightSingle | Mark::LowSingle => {
            Action::Ignore
        }
    }
}

/// For `«` or `»` (and `‹` or `›`): the family they open and close the usual way round, and
/// the reversed one.
fn guillemet_families(mark: Mark) -> (Family, Family) {
    match mark {
        Mark::LeftSingleGuillemet | Mark::RightSingleGuillemet => {
            (Family::SingleGuillemet, Family::ReversedSingleGuillemet)
        }
        _ => (Family::Guillemet, Family::ReversedGuillemet),
    }
}

/// Whether a mark at the very start of a paragraph reopens a quotation of `family` left open
/// at the end of the paragraph before, under the news convention that a quotation running on
/// to the next paragraph opens it again with a mark. French typesetting reopens `«…` with a
/// closing `»` (guillemets de suite).
pub(super) fn reopens(mark: Mark, next: Option<char>, family: Family) -> bool {
    let french = matches!(
        (mark, family),
        (Mark::RightGuillemet, Family::Guillemet)
            | (Mark::RightSingleGuillemet, Family::SingleGuillemet)
    );
    french || reopened_family(mark, next) == Some(family)
}

/// The family a mark at the very start of a paragraph opens.
fn reopened_family(mark: Mark, next: Option<char>) -> Option<Family> {
    match mark {
        Mark::StraightDouble if !is_blank(next) => Some(Family::StraightDouble),
        Mark::LeftDouble | Mark::LowDouble => Some(Family::CurlyDouble),
        Mark::LeftGuillemet => Some(Family::Guillemet),
        Mark::RightGuillemet if starts_words(next) => Some(Family::ReversedGuillemet),
        Mark::LeftSingleGuillemet => Some(Family::SingleGuillemet),
        Mark::RightSingleGuillemet if starts_words(next) => Some(Family::ReversedSingleGuillemet),
        Mark::LeftCorner => Some(Family::Corner),
        Mark::LeftWhiteCorner => Some(Family::WhiteCorner),
        _ => None,
    }
}

/// What a single mark could be, from the character before it and the text after it.
pub(super) fn single_role(mark: Mark, previous: Option<char>, after: &str) -> SingleRole {
    let mut following = after.chars();
    let next = following.next();
    let opens_here = is_opening_position(previous) && starts_words(next) && !is_elision(after);
    let closes_here = follows_word(previous) && is_closing_position(next);
    match mark {
        Mark::StraightSingle | Mark::LeftSingle | Mark::LowSingle if opens_here => {
            SingleRole::Opening {
                clearly: mark != Mark::StraightSingle && next.is_some_and(char::is_alphabetic),
            }
        }
        // `‘` closes only a low `‚`; the parent module checks which mark it would close.
        Mark::StraightSingle | Mark::RightSingle | Mark::LeftSingle if closes_here => {
            // `the States’ presence`: after an s and before a word, as likely a possessive.
            let possessive = matches!(previous, Some('s' | 'S'))
                && next.is_some_and(char::is_whitespace)
                && following.next().is_some_and(char::is_alphanumeric);
            SingleRole::Closing { weak: possessive }
        }
        _ => SingleRole::Neither,
    }
}

/// Whether a single closing mark `closer` can close the single opening mark `opener`.
pub(super) fn single_closes(closer: Mark, opener: Mark) -> bool {
    match closer {
        Mark::StraightSingle => opener == Mark::StraightSingle,
        Mark::RightSingle => matches!(opener, Mark::LeftSingle | Mark::LowSingle),
        Mark::LeftSingle => opener == Mark::LowSingle,
        _ => false,
    }
}

/// Words that start with an apostrophe where a letter was left out, which an opening single
/// mark before them does not open a quotation: `’n’`, `’em`, `’til`, `’tis`, `’twas` ...
const ELIDED_WORDS: [&str; 12] = [
    "n", "em", "til", "tis", "twas", "cause", "bout", "cos", "coz", "nuff", "ol", "kay",
];

/// Whether `after` (the text after a single mark) makes the mark an apostrophe of elision:
/// a decade or year (`’90s`, `'19`) or one of [`ELIDED_WORDS`].
fn is_elision(after: &str) -> bool {
    let bytes = after.as_bytes();
    let digits = bytes
        .iter()
        .take(3)
        .take_while(|b| b.is_ascii_digit())
        .count();
    if digits == 2 {
        return true;
    }
    let word_end = after
        .char_indices()
        .take(8)
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(after.len().min(32), |(index, _)| index);
    let word = after.get(..word_end).unwrap_or("");
    ELIDED_WORDS
        .iter()
        .any(|elided| word.eq_ignore_ascii_case(elided))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mark_is_recognised_with_its_length() {
        let marks = "\"'“”„‘’‚«»‹›「」『』";
        let bytes = marks.as_bytes();
        let mut index = 0;
        let mut found = 0;
        while index < bytes.len() {
            let Some((_, len)) = mark_at(bytes, index) else {
                panic!("byte {index} of {marks:?} is not recognised as a mark");
            };
            assert!(is_mark_lead_byte(bytes[index]));
            index += usize::from(len);
            found += 1;
        }
        assert_eq!(found, marks.chars().count());
    }

    #[test]
    fn other_characters_sharing_lead_bytes_are_not_marks() {
        for text in ["—", "…", "–", "é", "\u{a0}", "、", "。", "€"] {
            assert_eq!(mark_at(text.as_bytes(), 0), None, "{text}");
        }
        // A truncated encoding at the end of a buffer is not a mark either.
        assert_eq!(mark_at(&[0xE2, 0x80], 0), None);
    }

    #[test]
    fn elisions_are_recognised() {
        for after in [
            "90s", "19 ", "n' roll", "em all", "Tis the", "til then", "cause I",
        ] {
            assert!(is_elision(after), "{after}");
        }
        for after in ["no way", "1990", "Nation", "tilt", "embers"] {
            assert!(!is_elision(after), "{after}");
        }
    }

    #[test]
    fn a_possessive_s_mark_before_a_word_is_a_weak_closing() {
        let role = single_role(Mark::RightSingle, Some('s'), " presence");
        assert_eq!(role, SingleRole::Closing { weak: true });
        let role = single_role(Mark::RightSingle, Some('e'), " he said");
        assert_eq!(role, SingleRole::Closing { weak: false });
        let role = single_role(Mark::RightSingle, Some('n'), "t");
        assert_eq!(role, SingleRole::Neither);
    }
}
