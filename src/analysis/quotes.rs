//! From quotation marks to quotations.
//!
//! The scanner reads each paragraph of the masked prose twice, each time skipping straight to
//! the bytes that can start a quotation mark:
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
//! or a digit is direct, one starting in lowercase is partial.
//!
//! Time is linear in the length of the text (plus sorting the pairs); memory is linear in the
//! number of marks.

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
}

/// A single opening candidate of the first sweep.
#[derive(Clone, Copy, Debug)]
struct SingleCandidate {
    mark: TextRange,
    opener: Mark,
    clearly_opens: bool,
    /// A weak (possessive-looking) closing candidate, taken only if no surer one comes.
    weak_closing: Option<TextRange>,
}

/// How the first sweep decided a single mark is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SingleUse {
    Opening,
    Closing,
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
    /// First sweep: open single candidates, and the single marks found to quote, by position.
    single_candidates: Vec<SingleCandidate>,
    single_uses: Vec<(usize, SingleUse)>,
    /// Second sweep: the open marks, innermost last, and how many of each family are open.
    stack: Vec<OpenMark>,
    open_counts: [usize; Family::COUNT],
    /// The quotation carried into the next paragraph, and where that paragraph's sweep starts.
    carried: Option<OpenMark>,
    resume_at: Option<usize>,
    chain: Option<Chain>,
    pairs: Vec<Pair>,
    chains: Vec<Vec<QuotePiece>>,
    problems: Vec<MarkProblem>,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str, paragraphs: &'a [TextRange]) -> Self {
        Scanner {
            text,
            paragraphs,
            single_candidates: Vec::new(),
            single_uses: Vec::new(),
            stack: Vec::new(),
            open_counts: [0; Family::COUNT],
            carried: None,
            resume_at: None,
            chain: None,
            pairs: Vec::new(),
            chains: Vec::new(),
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
            self.sweep_single_marks(paragraph);
            self.sweep_marks(paragraph, from);
            index = self.end_paragraph(index, paragraph);
        }
    }

    /// The first sweep: which single marks quote, in [`Scanner::single_uses`].
    fn sweep_single_marks(&mut self, paragraph: TextRange) {
        self.single_candidates.clear();
        self.single_uses.clear();
        let text = self.text.get(paragraph.as_range()).unwrap_or("");
        let bytes = text.as_bytes();
        let mut index = 0;
        while let Some(&byte) = bytes.get(index) {
            if !marks::is_single_mark_lead_byte(byte) {
                index += 1;
                continue;
            }
            let Some((mark, len)) = marks::mark_at(bytes, index).filter(|(m, _)| m.is_single())
            else {
                index += 1;
                continue;
            };
            let previous = text
                .get(..index)
                .and_then(|before| before.chars().next_back());
            let after = text.get(index + len..).unwrap_or("");
            let range = TextRange::new(paragraph.start + index, paragraph.start + index + len);
            match marks::single_role(mark, previous, after) {
                SingleRole::Opening { clearly } => {
                    self.commit_weak_single();
                    self.single_candidates.push(SingleCandidate {
                        mark: range,
                        opener: mark,
                        clearly_opens: clearly,
                        weak_closing: None,
                    });
                }
                SingleRole::Closing { weak } => {
                    let closes_top = self
                        .single_candidates
                        .last()
                        .is_some_and(|top| marks::single_closes(mark, top.opener));
                    if closes_top && weak {
                        if let Some(top) = self.single_candidates.last_mut() {
                            top.weak_closing.get_or_insert(range);
                        }
                    } else if closes_top {
                        if let Some(top) = self.single_candidates.pop() {
                            self.accept_single_pair(top.mark, range);
                        }
                    }
                }
                SingleRole::Neither => {}
            }
            index += len;
        }
        self.commit_weak_single();
        for candidate in self.single_candidates.drain(..) {
            if candidate.clearly_opens {
                self.problems.push(MarkProblem {
                    range: candidate.mark,
                    kind: MarkProblemKind::NeverClosed,
                });
            }
        }
        self.single_uses
            .sort_unstable_by_key(|&(position, _)| position);
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
                self.accept_single_pair(top.mark, closing);
            }
        }
    }

    fn accept_single_pair(&mut self, opening: TextRange, closing: TextRange) {
        self.single_uses.push((opening.start, SingleUse::Opening));
        self.single_uses.push((closing.start, SingleUse::Closing));
    }

    /// The second sweep: pairs every mark of the paragraph from `from` on.
    fn sweep_marks(&mut self, paragraph: TextRange, from: usize) {
        let text = self.text.get(paragraph.as_range()).unwrap_or("");
        let bytes = text.as_bytes();
        let mut single_cursor = 0;
        let mut index = from.saturating_sub(paragraph.start);
        while let Some(&byte) = bytes.get(index) {
            if !marks::is_mark_lead_byte(byte) {
                index += 1;
                continue;
            }
            let Some((mark, len)) = marks::mark_at(bytes, index) else {
                index += 1;
                continue;
            };
            let position = paragraph.start + index;
            let range = TextRange::new(position, position + len);
            let previous = text
                .get(..index)
                .and_then(|before| before.chars().next_back());
            index += len;
            if mark.is_single() {
                while self
                    .single_uses
                    .get(single_cursor)
                    .is_some_and(|&(at, _)| at < position)
                {
                    single_cursor += 1;
                }
                match self.single_uses.get(single_cursor) {
                    Some(&(at, single_use)) if at == position => {
                        single_cursor += 1;
                        self.use_single_mark(mark, range, single_use, paragraph);
                    }
                    _ => {}
                }
                continue;
            }
            let next = text.get(index..).and_then(|after| after.chars().next());
            match marks::double_action(mark, previous, next, &self.open_counts) {
                Action::Open(family) => self.push(OpenMark {
                    family,
                    mark: range,
                    opener: mark,
                    carried: false,
                }),
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
            SingleUse::Opening => self.push(OpenMark {
                family: mark.single_family(),
                mark: range,
                opener: mark,
                carried: false,
            }),
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
        if !open.carried {
            self.pairs.push(Pair {
                opening: open.mark,
                closing,
                paragraph,
            });
            return;
        }
        if let Some(mut chain) = self.chain.take() {
            let content_start = chain
                .piece_opening
                .map_or(chain.piece_start, |opening| opening.end);
            chain.pieces.push(QuotePiece {
                range: TextRange::new(chain.piece_start, closing.end),
                content: trimmed(self.text, TextRange::new(content_start, closing.start)),
                opening_mark: chain.piece_opening,
                closing_mark: Some(closing),
            });
            self.chains.push(chain.pieces);
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
                    self.resume_at = Some(after.start);
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
            let after = next_text.get(len..).and_then(|after| after.chars().next());
            if marks::reopened_family(mark, after) == Some(family) {
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
        let mut index = 0;
        while let Some(&byte) = bytes.get(index) {
            let found = marks::is_mark_lead_byte(byte)
                .then(|| marks::mark_at(bytes, index))
                .flatten();
            let Some((mark, len)) = found else {
                index += 1;
                continue;
            };
            let previous = text
                .get(..index)
                .and_then(|before| before.chars().next_back());
            let next = text
                .get(index + len..)
                .and_then(|after| after.chars().next());
            match marks::double_action(mark, previous, next, &open_counts) {
                Action::Close(closed) if closed == family => return true,
                Action::Open(opened) if opened == family => return false,
                _ => {}
            }
            index += len;
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
        enum Item {
            Pair(Pair),
            Chain(Vec<QuotePiece>),
        }
        let mut items: Vec<(usize, Item)> = Vec::with_capacity(self.pairs.len());
        for pair in self.pairs {
            items.push((pair.opening.start, Item::Pair(pair)));
        }
        for pieces in self.chains {
            if let Some(first) = pieces.first() {
                items.push((first.range.start, Item::Chain(pieces)));
            }
        }
        items.sort_unstable_by_key(|(start, _)| *start);

        let text = self.text;
        let mut quotes: Vec<Quote> = Vec::new();
        for (_, item) in items {
            let (pieces, paragraph) = match item {
                Item::Pair(pair) => {
                    let piece = QuotePiece {
                        range: TextRange::new(pair.opening.start, pair.closing.end),
                        content: trimmed(
                            text,
                            TextRange::new(pair.opening.end, pair.closing.start),
                        ),
                        opening_mark: Some(pair.opening),
                        closing_mark: Some(pair.closing),
                    };
                    (vec![piece], Some(pair.paragraph))
                }
                Item::Chain(pieces) => (pieces, None),
            };
            let (Some(first), Some(last)) = (pieces.first(), pieces.last()) else {
                continue;
            };
            let range = TextRange::new(first.range.start, last.range.end);
            if let Some(outer) = quotes.last_mut() {
                if range.start < outer.range.end {
                    outer
                        .nested
                        .extend(pieces.iter().map(|piece| piece.content));
                    continue;
                }
            }
            if pieces.iter().all(|piece| piece.content.is_empty()) {
                // `“”`: nothing is quoted.
                continue;
            }
            let kind = initial_kind(text, &pieces, paragraph);
            quotes.push(Quote {
                range,
                pieces,
                kind,
                nested: Vec::new(),
                attribution: None,
            });
        }
        self.problems
            .sort_unstable_by_key(|problem| (problem.range.start, problem.range.end));
        Scan {
            quotes,
            mark_problems: self.problems,
        }
    }
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
/// whole paragraph that reads like a title, else direct or partial by its first letter.
fn initial_kind(text: &str, pieces: &[QuotePiece], paragraph: Option<TextRange>) -> QuoteKind {
    let Some(first) = pieces.first() else {
        return QuoteKind::Direct;
    };
    let content = first.content.slice(text);
    let whole_paragraph = pieces.len() == 1 && paragraph == Some(first.range);
    let ends_sentence = content.ends_with(['.', '!', '?', '…']);
    if whole_paragraph && !content.is_empty() && !ends_sentence {
        return QuoteKind::Headline;
    }
    match content.chars().find(|c| c.is_alphanumeric()) {
        Some(c) if c.is_lowercase() => QuoteKind::Partial,
        _ => QuoteKind::Direct,
    }
}
