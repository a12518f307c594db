//! From quotation marks to quotations.
//!
//! Each paragraph of the masked prose is read once byte by byte, in vector-friendly chunks,
//! to list its quotation marks; two sweeps over that list then pair them:
//!
//! 1. The single marks (`'`, `‘`, `’`, `‚`) are paired first, on their own, because most of
//!    them are apostrophes (`don’t`, `the States’`, `’90s`, `rock ’n’ roll`). A single mark
//!    quotes only when an opening candidate (after white space or an opening bracket, before a
//!    word, and not an elision like `’em`) finds a closing candidate (after a word, before white
//!    space or punctuation) in the same paragraph; everything else is an apostrophe, never a
//!    problem. A closing candidate that may be a plural possessive (`States’ presence`) gives
//!    way to a later, surer one.
//! 2. All marks are then paired with one explicit stack (no recursion, so 10,000 levels of
//!    nesting cost nothing but memory). A closing mark closes the nearest open mark of its
//!    family; open marks above it are never closed. A pair inside another pair is nested in it.
//!
//! A quotation left open at the end of its paragraph continues into the next one when that
//! paragraph opens again with a mark of the same family (the news convention for quotations
//! running over several paragraphs), or when the next paragraph is a bracketed editorial
//! insertion (`[the U.S.]`) and the one after it closes the quotation. Such a quotation is one
//! [`Quote`] with a [`QuotePiece`] per paragraph. Otherwise its opening mark is a
//! [`MarkProblem`], no quotation is made of it, and the pairs inside it stand on their own: the
//! damage stops at the paragraph's end.
//!
//! The kind given here is a first guess that attribution refines: a whole paragraph quoted and
//! without sentence-final punctuation is a headline, a quotation starting with a capital letter
//! or a digit (or with an editorially lowered one, `[o]ther`) is direct, one starting in
//! lowercase is partial.
//!
//! Time is linear in the length of the text; memory is linear in the number of marks.

mod marks;
#[cfg(test)]
mod tests;

use super::MetadataLine;
use super::prose::Prose;
use super::{Quote, QuoteKind, QuotePiece};
use crate::text::TextRange;
use marks::{Action, Family, Mark, SingleRole};

/// What the scanner found: quotations (not yet attributed) and marks that do not pair up.
#[derive(Debug, Default)]
pub struct Scan {
    pub quotes: Vec<Quote>,
    pub mark_problems: Vec<MarkProblem>,
}

/// A quotation mark that does not pair up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MarkProblem {
    pub range: TextRange,
    pub kind: MarkProblemKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MarkProblemKind {
    /// An opening mark with no closing mark in its paragraph (or in the paragraphs it runs on to).
    NeverClosed,
    /// A closing mark with no opening mark before it.
    NeverOpened,
}

/// Finds the quotations of the prose.
///
/// Metadata lines are scanned like any other paragraph: a quoted headline is still a quotation
/// (of kind [`QuoteKind::Headline`]).
pub fn scan(prose: &Prose<'_>, _metadata: &[MetadataLine]) -> Scan {
    let mut scanner = Scanner::new(prose.text(), prose.paragraphs());
    scanner.run();
    scanner.finish()
}

/// `range` without the white space at its ends.
pub(crate) fn trimmed(text: &str, range: TextRange) -> TextRange {
    let slice = range.slice(text);
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.end - (slice.len() - slice.trim_end().len());
    TextRange::new(start, end.max(start))
}

/// A quotation mark found in the paragraph being read.
#[derive(Clone, Copy, Debug)]
struct FoundMark {
    /// Byte offset of the mark in the paragraph.
    offset: usize,
    mark: Mark,
    len: u8,
    /// For a single mark, whether the first sweep found that it quotes.
    single_use: Option<SingleUse>,
}

/// How the first sweep decided a single mark is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SingleUse {
    Opening,
    Closing,
}

/// A single opening candidate of the first sweep.
#[derive(Clone, Copy, Debug)]
struct SingleCandidate {
    /// Index in [`Scanner::found`].
    found: usize,
    opener: Mark,
    clearly_opens: bool,
    /// A weak (possessive-looking) closing candidate, taken only if no surer one comes.
    weak_closing: Option<usize>,
}

/// An opening mark waiting for its closing mark.
#[derive(Clone, Copy, Debug)]
struct OpenMark {
    family: Family,
    /// The mark itself; for a quotation carried over from an earlier paragraph, the mark that
    /// reopened it in this paragraph (or the original mark after an editorial insertion).
    mark: TextRange,
    opener: Mark,
    /// Whether this is the quotation carried over from an earlier paragraph.
    carried: bool,
    /// Index in [`Scanner::slots`] of what this mark turns into.
    slot: usize,
}

/// What an opening mark turned into, kept in the order of the opening marks (so in text
/// order, without sorting).
#[derive(Debug)]
enum Slot {
    Unclosed,
    Pair(Pair),
    Chain(Vec<QuotePiece>),
}

/// An opening and a closing mark in one paragraph that pair up.
#[derive(Clone, Copy, Debug)]
struct Pair {
    opening: TextRange,
    closing: TextRange,
    paragraph: TextRange,
}

/// A quotation running over several paragraphs, while it is being read.
#[derive(Debug)]
struct Chain {
    pieces: Vec<QuotePiece>,
    /// Where the current paragraph's piece starts: its reopening mark or the paragraph start.
    piece_start: usize,
    piece_opening: Option<TextRange>,
}

/// How a quotation left open at a paragraph's end goes on.
#[derive(Clone, Copy, Debug)]
enum Continuation {
    /// The next paragraph opens again with this mark.
    Reopened(TextRange),
    /// The next paragraph is a bracketed insertion and the one after it closes the quotation.
    AfterInsertion,
    /// It does not: the opening mark is never closed.
    None,
}

struct Scanner<'a> {
    text: &'a str,
    paragraphs: &'a [TextRange],
    /// The marks of the paragraph being read, in order.
    found: Vec<FoundMark>,
    /// First sweep: the open single candidates.
    single_candidates: Vec<SingleCandidate>,
    /// Second sweep: the open marks, innermost last, and how many of each family are open.
    stack: Vec<OpenMark>,
    open_counts: [usize; Family::COUNT],
    /// The quotation carried into the next paragraph, and where that paragraph's sweep starts.
    carried: Option<OpenMark>,
    resume_at: Option<usize>,
    chain: Option<Chain>,
    slots: Vec<Slot>,
    problems: Vec<MarkProblem>,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str, paragraphs: &'a [TextRange]) -> Self {
        Scanner {
            text,
            paragraphs,
            found: Vec::new(),
            single_candidates: Vec::new(),
            stack: Vec::new(),
            open_counts: [0; Family::COUNT],
            carried: None,
            resume_at: None,
            chain: None,
            slots: Vec::new(),
            problems: Vec::new(),
        }
    }

    fn run(&mut self) {
        let mut index = 0;
        while let Some(&paragraph) = self.paragraphs.get(index) {
            let from = self.resume_at.take().unwrap_or(paragraph.start);
            if let Some(carried) = self.carried.take() {
                self.push(carried);
            }
            let text = self.text.get(paragraph.as_range()).unwrap_or("");
            self.find_marks(text, from.saturating_sub(paragraph.start));
            if self.found.is_empty() && self.stack.is_empty() {
                index += 1;
                continue;
            }
            self.sweep_single_marks(text, paragraph);
            self.sweep_marks(text, paragraph);
            index = self.end_paragraph(index, paragraph);
        }
    }

    /// Collects the marks of a paragraph's `text` from byte `from` on into [`Scanner::found`]:
    /// the only pass over every byte.
    fn find_marks(&mut self, text: &str, from: usize) {
        self.found.clear();
        let bytes = text.as_bytes();
        let Some(rest) = bytes.get(from..) else {
            return;
        };
        // A branch-free pass over each 32-byte chunk (which the compiler turns into vector
        // instructions) gives a bit per byte that may start a mark; only those bytes are
        // decoded, and most chunks of prose have none.
        const CHUNK: usize = 32;
        let mut chunks = rest.chunks_exact(CHUNK);
        let mut chunk_start = from;
        for chunk in chunks.by_ref() {
            let leads = chunk.iter().enumerate().fold(0u32, |leads, (bit, &byte)| {
                leads | (u32::from(marks::is_mark_lead_byte(byte)) << bit)
            });
            self.decode_marks(bytes, chunk_start, leads);
            chunk_start += CHUNK;
        }
        let leads = chunks
            .remainder()
            .iter()
            .enumerate()
            .fold(0u32, |leads, (bit, &byte)| {
                leads | (u32::from(marks::is_mark_lead_byte(byte)) << bit)
            });
        self.decode_marks(bytes, chunk_start, leads);
    }

    /// Decodes the marks at the bytes `chunk_start + bit` for each bit set in `leads`.
    fn decode_marks(&mut self, bytes: &[u8], chunk_start: usize, mut leads: u32) {
        while leads != 0 {
            let offset = chunk_start + leads.trailing_zeros() as usize;
            leads &= leads - 1;
            if let Some((mark, len)) = marks::mark_at(bytes, offset) {
                self.found.push(FoundMark {
                    offset,
                    mark,
                    len,
                    single_use: None,
                });
            }
        }
    }

    /// The first sweep: which single marks quote, recorded in their [`FoundMark::single_use`].
    fn sweep_single_marks(&mut self, text: &str, paragraph: TextRange) {
        self.single_candidates.clear();
        for index in 0..self.found.len() {
            let Some(&found) = self.found.get(index) else {
                break;
            };
            if !found.mark.is_single() {
                continue;
            }
            let previous = char_before(text, found.offset);
            let after = text
                .get(found.offset + usize::from(found.len)..)
                .unwrap_or("");
            match marks::single_role(found.mark, previous, after) {
                SingleRole::Opening { clearly } => {
                    self.commit_weak_single();
                    self.single_candidates.push(SingleCandidate {
                        found: index,
                        opener: found.mark,
                        clearly_opens: clearly,
                        weak_closing: None,
                    });
                }
                SingleRole::Closing { weak } => {
                    let closes_top = self
                        .single_candidates
                        .last()
                        .is_some_and(|top| marks::single_closes(found.mark, top.opener));
                    if closes_top && weak {
                        if let Some(top) = self.single_candidates.last_mut() {
                            top.weak_closing.get_or_insert(index);
                        }
                    } else if closes_top {
                        if let Some(top) = self.single_candidates.pop() {
                            self.accept_single_pair(top.found, index);
                        }
                    }
                }
                SingleRole::Neither => {}
            }
        }
        self.commit_weak_single();
        for candidate in std::mem::take(&mut self.single_candidates) {
            if candidate.clearly_opens {
                if let Some(found) = self.found.get(candidate.found) {
                    let start = paragraph.start + found.offset;
                    self.problems.push(MarkProblem {
                        range: TextRange::new(start, start + usize::from(found.len)),
                        kind: MarkProblemKind::NeverClosed,
                    });
                }
            }
        }
    }

    /// Pairs the innermost single candidate with its weak closing mark, if it has one: nothing
    /// surer came before the next opening candidate or the paragraph's end.
    fn commit_weak_single(&mut self) {
        let weak = self
            .single_candidates
            .last()
            .and_then(|top| top.weak_closing);
        if let Some(closing) = weak {
            if let Some(top) = self.single_candidates.pop() {
                self.accept_single_pair(top.found, closing);
            }
        }
    }

    fn accept_single_pair(&mut self, opening: usize, closing: usize) {
        if let Some(found) = self.found.get_mut(opening) {
            found.single_use = Some(SingleUse::Opening);
        }
        if let Some(found) = self.found.get_mut(closing) {
            found.single_use = Some(SingleUse::Closing);
        }
    }

    /// The second sweep: pairs the marks of the paragraph.
    fn sweep_marks(&mut self, text: &str, paragraph: TextRange) {
        for index in 0..self.found.len() {
            let Some(&found) = self.found.get(index) else {
                break;
            };
            let start = paragraph.start + found.offset;
            let range = TextRange::new(start, start + usize::from(found.len));
            if found.mark.is_single() {
                if let Some(single_use) = found.single_use {
                    self.use_single_mark(found.mark, range, single_use, paragraph);
                }
                continue;
            }
            let previous = char_before(text, found.offset);
            let next = char_at(text, found.offset + usize::from(found.len));
            match marks::double_action(found.mark, previous, next, &self.open_counts) {
                Action::Open(family) => self.push_opening(family, range, found.mark),
                Action::Close(family) => self.close(family, range, previous, paragraph),
                Action::Ignore => {}
            }
        }
    }

    fn use_single_mark(
        &mut self,
        mark: Mark,
        range: TextRange,
        single_use: SingleUse,
        paragraph: TextRange,
    ) {
        match single_use {
            SingleUse::Opening => self.push_opening(mark.single_family(), range, mark),
            // A single mark closes only the innermost open mark: otherwise it is an apostrophe
            // (the pairs of the first sweep can cross double pairs, and then they lose).
            SingleUse::Closing => {
                let closes_top = self.stack.last().is_some_and(|top| {
                    top.family == mark.single_family() && marks::single_closes(mark, top.opener)
                });
                if closes_top {
                    if let Some(top) = self.pop() {
                        self.record(top, range, paragraph);
                    }
                }
            }
        }
    }

    /// Opens a quotation at `mark`, with a slot for what it will turn into.
    fn push_opening(&mut self, family: Family, mark: TextRange, opener: Mark) {
        let slot = self.slots.len();
        self.slots.push(Slot::Unclosed);
        self.push(OpenMark {
            family,
            mark,
            opener,
            carried: false,
            slot,
        });
    }

    fn push(&mut self, open: OpenMark) {
        if let Some(count) = self.open_counts.get_mut(open.family.index()) {
            *count += 1;
        }
        self.stack.push(open);
    }

    fn pop(&mut self) -> Option<OpenMark> {
        let open = self.stack.pop()?;
        if let Some(count) = self.open_counts.get_mut(open.family.index()) {
            *count = count.saturating_sub(1);
        }
        Some(open)
    }

    /// A closing mark of `family`: closes the innermost open mark of that family; the marks
    /// opened after that one are never closed.
    fn close(
        &mut self,
        family: Family,
        closing: TextRange,
        previous: Option<char>,
        paragraph: TextRange,
    ) {
        let is_open = self
            .open_counts
            .get(family.index())
            .is_some_and(|&count| count > 0);
        if !is_open {
            // `6" pipe`: after a digit, a straight mark with nothing to close is an inch mark.
            let inch_mark =
                family == Family::StraightDouble && previous.is_some_and(|c| c.is_ascii_digit());
            if !inch_mark {
                self.problems.push(MarkProblem {
                    range: closing,
                    kind: MarkProblemKind::NeverOpened,
                });
            }
            return;
        }
        while let Some(open) = self.pop() {
            if open.family == family {
                self.record(open, closing, paragraph);
                return;
            }
            self.never_closed(open);
        }
    }

    /// An open mark that will not be closed: a problem unless it is a single mark (then it was
    /// an apostrophe after all).
    fn never_closed(&mut self, open: OpenMark) {
        if open.carried {
            self.chain = None;
        }
        if !open.family.is_single() {
            self.problems.push(MarkProblem {
                range: open.mark,
                kind: MarkProblemKind::NeverClosed,
            });
        }
    }

    /// `open` is closed by `closing`.
    fn record(&mut self, open: OpenMark, closing: TextRange, paragraph: TextRange) {
        let filled = if !open.carried {
            Slot::Pair(Pair {
                opening: open.mark,
                closing,
                paragraph,
            })
        } else if let Some(mut chain) = self.chain.take() {
            let content_start = chain
                .piece_opening
                .map_or(chain.piece_start, |opening| opening.end);
            chain.pieces.push(QuotePiece {
                range: TextRange::new(chain.piece_start, closing.end),
                content: trimmed(self.text, TextRange::new(content_start, closing.start)),
                opening_mark: chain.piece_opening,
                closing_mark: Some(closing),
            });
            Slot::Chain(chain.pieces)
        } else {
            return;
        };
        if let Some(slot) = self.slots.get_mut(open.slot) {
            *slot = filled;
        }
    }

    /// Ends the paragraph: the marks still open are never closed, except the outermost one when
    /// the quotation goes on. Returns the index of the next paragraph to read.
    fn end_paragraph(&mut self, index: usize, paragraph: TextRange) -> usize {
        let outermost = self.stack.iter().position(|open| !open.family.is_single());
        let mut carried = None;
        let stack = std::mem::take(&mut self.stack);
        for (position, open) in stack.iter().enumerate() {
            if Some(position) == outermost {
                carried = Some(*open);
            } else if !open.family.is_single() {
                self.never_closed(*open);
            }
        }
        // Give the buffer back to reuse its allocation.
        self.stack = stack;
        self.stack.clear();
        self.open_counts = [0; Family::COUNT];

        let Some(open) = carried else {
            self.chain = None;
            return index + 1;
        };
        if !open.carried {
            self.chain = None;
        }
        match self.continuation(index, open.family) {
            Continuation::Reopened(mark) => {
                self.extend_chain(open, paragraph);
                if let Some(chain) = self.chain.as_mut() {
                    chain.piece_start = mark.start;
                    chain.piece_opening = Some(mark);
                }
                self.carried = Some(OpenMark {
                    mark,
                    carried: true,
                    ..open
                });
                self.resume_at = Some(mark.end);
                index + 1
            }
            Continuation::AfterInsertion => {
                self.extend_chain(open, paragraph);
                let insertion = self.paragraphs.get(index + 1).copied();
                let after = self.paragraphs.get(index + 2).copied();
                if let (Some(chain), Some(insertion), Some(after)) =
                    (self.chain.as_mut(), insertion, after)
                {
                    chain.pieces.push(QuotePiece {
                        range: insertion,
                        content: trimmed(self.text, insertion),
                        opening_mark: None,
                        closing_mark: None,
                    });
                    chain.piece_start = after.start;
                    chain.piece_opening = None;
                }
                self.carried = Some(OpenMark {
                    carried: true,
                    ..open
                });
                index + 2
            }
            Continuation::None => {
                self.never_closed(open);
                index + 1
            }
        }
    }

    /// Adds the piece of `paragraph` from the open mark `open` to its end to the quotation
    /// being read over several paragraphs, starting one if `open` opened in this paragraph.
    fn extend_chain(&mut self, open: OpenMark, paragraph: TextRange) {
        let (start, opening) = match &self.chain {
            Some(chain) if open.carried => (chain.piece_start, chain.piece_opening),
            _ => (open.mark.start, Some(open.mark)),
        };
        let content_start = opening.map_or(start, |mark| mark.end);
        let piece = QuotePiece {
            range: TextRange::new(start, paragraph.end),
            content: trimmed(self.text, TextRange::new(content_start, paragraph.end)),
            opening_mark: opening,
            closing_mark: None,
        };
        match self.chain.as_mut() {
            Some(chain) if open.carried => chain.pieces.push(piece),
            _ => {
                self.chain = Some(Chain {
                    pieces: vec![piece],
                    piece_start: start,
                    piece_opening: opening,
                });
            }
        }
    }

    /// Whether a quotation of `family` left open at the end of paragraph `index` goes on.
    fn continuation(&self, index: usize, family: Family) -> Continuation {
        let Some(&next) = self.paragraphs.get(index + 1) else {
            return Continuation::None;
        };
        let next_text = self.text.get(next.as_range()).unwrap_or("");
        if let Some((mark, len)) = marks::mark_at(next_text.as_bytes(), 0) {
            let len = usize::from(len);
            if marks::reopens(mark, char_at(next_text, len), family) {
                return Continuation::Reopened(TextRange::new(next.start, next.start + len));
            }
        }
        let is_insertion = next_text.starts_with('[')
            && next_text.ends_with(']')
            && !contains_double_mark(next_text);
        if is_insertion {
            if let Some(&after) = self.paragraphs.get(index + 2) {
                if self.first_mark_of_family_closes(after, family) {
                    return Continuation::AfterInsertion;
                }
            }
        }
        Continuation::None
    }

    /// Whether the first mark of `family` in `paragraph` closes a quotation of that family
    /// left open before the paragraph.
    fn first_mark_of_family_closes(&self, paragraph: TextRange, family: Family) -> bool {
        let text = self.text.get(paragraph.as_range()).unwrap_or("");
        let bytes = text.as_bytes();
        let mut open_counts = [0; Family::COUNT];
        if let Some(count) = open_counts.get_mut(family.index()) {
            *count = 1;
        }
        for (offset, &byte) in bytes.iter().enumerate() {
            if !marks::is_mark_lead_byte(byte) {
                continue;
            }
            let Some((mark, len)) = marks::mark_at(bytes, offset) else {
                continue;
            };
            let previous = char_before(text, offset);
            let next = char_at(text, offset + usize::from(len));
            match marks::double_action(mark, previous, next, &open_counts) {
                Action::Close(closed) if closed == family => return true,
                Action::Open(opened) if opened == family => return false,
                _ => {}
            }
        }
        false
    }

    /// The quotations, outermost pairs and multi-paragraph quotations with the pairs inside
    /// them as nested ranges; the problems in text order.
    fn finish(mut self) -> Scan {
        if let Some(open) = self.carried.take() {
            // Not reachable: a quotation is carried only into a paragraph that exists.
            self.never_closed(open);
        }
        let text = self.text;
        let mut quotes: Vec<Quote> = Vec::new();
        // The slots are in the order of the opening marks, which is text order; pairs nest
        // properly (a closing mark closes the innermost open mark of its family and abandons
        // the marks above it), so a quotation starting before the end of the last outermost
        // one is nested in it.
        for slot in self.slots {
            match slot {
                Slot::Unclosed => {}
                Slot::Pair(pair) => {
                    let piece = QuotePiece {
                        range: TextRange::new(pair.opening.start, pair.closing.end),
                        content: trimmed(
                            text,
                            TextRange::new(pair.opening.end, pair.closing.start),
                        ),
                        opening_mark: Some(pair.opening),
                        closing_mark: Some(pair.closing),
                    };
                    // `“”` quotes nothing.
                    if !nest_in_last(&mut quotes, std::slice::from_ref(&piece))
                        && !piece.content.is_empty()
                    {
                        let pieces = std::slice::from_ref(&piece);
                        let kind = initial_kind(text, pieces, Some(pair.paragraph));
                        quotes.push(Quote {
                            range: piece.range,
                            pieces: vec![piece],
                            kind,
                            nested: Vec::new(),
                            attribution: None,
                        });
                    }
                }
                Slot::Chain(pieces) => {
                    let (Some(first), Some(last)) = (pieces.first(), pieces.last()) else {
                        continue;
                    };
                    let range = TextRange::new(first.range.start, last.range.end);
                    let quotes_nothing = pieces.iter().all(|piece| piece.content.is_empty());
                    if !nest_in_last(&mut quotes, &pieces) && !quotes_nothing {
                        let kind = initial_kind(text, &pieces, None);
                        quotes.push(Quote {
                            range,
                            pieces,
                            kind,
                            nested: Vec::new(),
                            attribution: None,
                        });
                    }
                }
            }
        }
        let in_order = self
            .problems
            .is_sorted_by_key(|problem| (problem.range.start, problem.range.end));
        if !in_order {
            self.problems
                .sort_unstable_by_key(|problem| (problem.range.start, problem.range.end));
        }
        Scan {
            quotes,
            mark_problems: self.problems,
        }
    }
}

/// Records `pieces` as nested in the last quotation if they start inside it (they then lie
/// wholly inside it: pairs nest properly); returns whether they did.
fn nest_in_last(quotes: &mut [Quote], pieces: &[QuotePiece]) -> bool {
    let (Some(outer), Some(first)) = (quotes.last_mut(), pieces.first()) else {
        return false;
    };
    if first.range.start >= outer.range.end {
        return false;
    }
    outer
        .nested
        .extend(pieces.iter().map(|piece| piece.content));
    true
}

/// The character of `text` ending at byte `offset`, if any.
fn char_before(text: &str, offset: usize) -> Option<char> {
    text.get(..offset)?.chars().next_back()
}

/// The character of `text` starting at byte `offset`, if any.
fn char_at(text: &str, offset: usize) -> Option<char> {
    text.get(offset..)?.chars().next()
}

/// Whether `text` has a quotation mark other than a single one.
fn contains_double_mark(text: &str) -> bool {
    let bytes = text.as_bytes();
    (0..bytes.len()).any(|index| {
        bytes
            .get(index)
            .is_some_and(|&byte| marks::is_mark_lead_byte(byte))
            && marks::mark_at(bytes, index).is_some_and(|(mark, _)| !mark.is_single())
    })
}

/// The first guess at a quotation's kind (attribution refines it): a headline when it is a
/// whole paragraph (give or take Markdown markers) that reads like a title, else direct or
/// partial by its first letter.
fn initial_kind(text: &str, pieces: &[QuotePiece], paragraph: Option<TextRange>) -> QuoteKind {
    let Some(first) = pieces.first() else {
        return QuoteKind::Direct;
    };
    let content = first.content.slice(text);
    // Markdown heading, emphasis and block-quote markers around it do not count.
    let is_markup = |range: TextRange| {
        range
            .slice(text)
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '#' | '>' | '*' | '_'))
    };
    let whole_paragraph = pieces.len() == 1
        && paragraph.is_some_and(|paragraph| {
            is_markup(TextRange::new(paragraph.start, first.range.start))
                && is_markup(TextRange::new(first.range.end, paragraph.end))
        });
    let ends_sentence = content.ends_with(['.', '!', '?', '…']);
    if whole_paragraph && !content.is_empty() && !ends_sentence {
        return QuoteKind::Headline;
    }
    // `[o]ther than…`: the editor lowered a capital, so the quotation starts a sentence.
    let mut chars = content.chars();
    if let (Some('['), Some(letter), Some(']')) = (chars.next(), chars.next(), chars.next()) {
        if letter.is_alphabetic() {
            return QuoteKind::Direct;
        }
    }
    match content.chars().find(|c| c.is_alphanumeric()) {
        Some(c) if c.is_lowercase() => QuoteKind::Partial,
        _ => QuoteKind::Direct,
    }
}
