//! What the workspace index keeps of one article: its named entities with their mentions, and
//! its quotations with their speakers, compact and with positions ready for the editor.

use ropey::Rope;

use crate::analysis::{Analysis, EntityKind, QuoteKind};
use crate::text::{LineColumn, PositionEncoding, TextRange, offset_to_position};

/// A range of an article as zero-based lines and UTF-8 columns (bytes from the line start),
/// computed through the one position converter. A client that speaks UTF-8 takes it as it is;
/// for another encoding, the server converts it on the article's text (see the server's
/// indexing module), only for the results it returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Place {
    pub start: LineColumn,
    pub end: LineColumn,
}

/// A named entity of one article.
#[derive(Clone, Debug, PartialEq)]
pub struct NameSummary {
    /// The canonical name, as the analysis gives it: `Ali Khamenei`.
    pub name: Box<str>,
    pub kind: EntityKind,
    /// The other forms used in this article.
    pub aliases: Box<[Box<str>]>,
    /// Every mention, in text order.
    pub mentions: Box<[Place]>,
}

/// A quotation of one article.
#[derive(Clone, Debug, PartialEq)]
pub struct QuoteSummary {
    /// The quoted words (the pieces joined by spaces).
    pub text: Box<str>,
    pub place: Place,
    pub kind: QuoteKind,
    /// The speaker, when a named entity: an index into [`ArticleSummary::names`].
    pub speaker: Option<u32>,
    /// The speaker when the article only describes them (`a fire service spokesman`).
    pub described_speaker: Option<Box<str>>,
}

/// Everything the index keeps of one article.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ArticleSummary {
    pub names: Vec<NameSummary>,
    pub quotes: Vec<QuoteSummary>,
    /// The size of the text it was built from.
    pub bytes: usize,
}

impl ArticleSummary {
    /// Summarizes the analysis of `text`. Pure; O(text + findings · log text).
    pub fn new(text: &str, analysis: &Analysis) -> ArticleSummary {
        Self::with_rope(text, &Rope::from_str(text), analysis)
    }

    /// [`ArticleSummary::new`] for a caller that holds the text in a rope as well (the server,
    /// for an open document), which spares building another: O(findings · log text).
    pub fn with_rope(text: &str, rope: &Rope, analysis: &Analysis) -> ArticleSummary {
        let place = |range: TextRange| Place {
            start: offset_to_position(rope, range.start, PositionEncoding::Utf8),
            end: offset_to_position(rope, range.end, PositionEncoding::Utf8),
        };
        let names = analysis
            .entities
            .iter()
            .map(|entity| NameSummary {
                name: entity.name.as_str().into(),
                kind: entity.kind,
                aliases: entity
                    .aliases
                    .iter()
                    .map(|alias| alias.as_str().into())
                    .collect(),
                mentions: entity.mentions.iter().map(|range| place(*range)).collect(),
            })
            .collect();
        let quotes = analysis
            .quotes
            .iter()
            .map(|quote| {
                let attribution = quote.attribution.as_ref();
                let speaker = attribution
                    .and_then(|attribution| attribution.entity)
                    .and_then(|entity| u32::try_from(entity.0).ok());
                QuoteSummary {
                    text: quote.text(text).into(),
                    place: place(quote.range),
                    kind: quote.kind,
                    speaker,
                    described_speaker: match (attribution, speaker) {
                        (Some(attribution), None) => Some(attribution.speaker.as_str().into()),
                        _ => None,
                    },
                }
            })
            .collect();
        ArticleSummary {
            names,
            quotes,
            bytes: text.len(),
        }
    }

    /// The quotations attributed to the entity at `name` (an index into `names`).
    pub fn quotes_of(&self, name: u32) -> impl Iterator<Item = &QuoteSummary> {
        self.quotes
            .iter()
            .filter(move |quote| quote.speaker == Some(name))
    }

    /// The bytes this summary holds on the heap and inline (strings, lists), for measuring the
    /// index's size without an allocator hook.
    pub fn heap_bytes(&self) -> usize {
        let names: usize = self
            .names
            .iter()
            .map(|name| {
                std::mem::size_of::<NameSummary>()
                    + name.name.len()
                    + name
                        .aliases
                        .iter()
                        .map(|alias| alias.len() + std::mem::size_of::<Box<str>>())
                        .sum::<usize>()
                    + name.mentions.len() * std::mem::size_of::<Place>()
            })
            .sum();
        let quotes: usize = self
            .quotes
            .iter()
            .map(|quote| {
                std::mem::size_of::<QuoteSummary>()
                    + quote.text.len()
                    + quote
                        .described_speaker
                        .as_ref()
                        .map_or(0, |speaker| speaker.len())
            })
            .sum();
        names + quotes
    }
}
