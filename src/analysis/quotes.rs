//! From quotation marks to quotations.

use super::MetadataLine;
use super::prose::Prose;
use super::{Quote, QuoteKind, QuotePiece};
use crate::text::TextRange;

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
pub fn scan(prose: &Prose<'_>, _metadata: &[MetadataLine]) -> Scan {
    let text = prose.text();
    let mut scan = Scan::default();
    for &paragraph in prose.paragraphs() {
        let mut open: Option<(usize, char)> = None;
        for (relative, ch) in prose.slice(paragraph).char_indices() {
            let offset = paragraph.start + relative;
            match (ch, open) {
                ('“', None) | ('"', None) => open = Some((offset, ch)),
                ('”', Some((start, opening_char @ '“')))
                | ('"', Some((start, opening_char @ '"'))) => {
                    let end = offset + ch.len_utf8();
                    let opening = TextRange::new(start, start + opening_char.len_utf8());
                    let content = trimmed(text, TextRange::new(opening.end, offset));
                    scan.quotes.push(Quote {
                        range: TextRange::new(start, end),
                        pieces: vec![QuotePiece {
                            range: TextRange::new(start, end),
                            content,
                            opening_mark: Some(opening),
                            closing_mark: Some(TextRange::new(offset, end)),
                        }],
                        kind: QuoteKind::Direct,
                        nested: Vec::new(),
                        attribution: None,
                    });
                    open = None;
                }
                ('”', None) => scan.mark_problems.push(MarkProblem {
                    range: TextRange::new(offset, offset + ch.len_utf8()),
                    kind: MarkProblemKind::NeverOpened,
                }),
                _ => {}
            }
        }
        if let Some((start, ch)) = open {
            scan.mark_problems.push(MarkProblem {
                range: TextRange::new(start, start + ch.len_utf8()),
                kind: MarkProblemKind::NeverClosed,
            });
        }
    }
    scan
}

/// `range` without the white space at its ends.
pub(crate) fn trimmed(text: &str, range: TextRange) -> TextRange {
    let slice = range.slice(text);
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.end - (slice.len() - slice.trim_end().len());
    TextRange::new(start, end.max(start))
}
