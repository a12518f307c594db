//! Semantic tokens: quotations, speakers' mentions and entities by type, for the whole document.
//!
//! Tokens may neither overlap nor (for most clients) span lines, so names inside a quotation cut
//! the quotation's token, and a token over several lines is split at each line break.

use tower_lsp_server::ls_types::{SemanticToken, SemanticTokenType, SemanticTokensLegend};

use super::convert;
use super::documents::Analyzed;
use crate::analysis::EntityKind;
use crate::text::{PositionEncoding, TextRange};

/// The token types, in legend order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TokenType {
    Quote = 0,
    Speaker = 1,
    Person = 2,
    Organization = 3,
    Place = 4,
}

/// Standard type names, so that every theme colours them without extra configuration.
pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: vec![
            SemanticTokenType::STRING,
            SemanticTokenType::PARAMETER,
            SemanticTokenType::CLASS,
            SemanticTokenType::NAMESPACE,
            SemanticTokenType::ENUM_MEMBER,
        ],
        token_modifiers: Vec::new(),
    }
}

fn entity_type(kind: EntityKind) -> TokenType {
    match kind {
        EntityKind::Person => TokenType::Person,
        EntityKind::Organization => TokenType::Organization,
        EntityKind::Place => TokenType::Place,
    }
}

pub fn semantic_tokens(analyzed: &Analyzed, encoding: PositionEncoding) -> Vec<SemanticToken> {
    let analysis = &analyzed.analysis;
    // Names first: they win over the quotations they sit in.
    let mut names: Vec<(TextRange, TokenType)> = analysis
        .entities
        .iter()
        .flat_map(|entity| {
            let token_type = entity_type(entity.kind);
            entity
                .mentions
                .iter()
                .map(move |mention| (*mention, token_type))
        })
        .chain(analysis.quotes.iter().filter_map(|quote| {
            let attribution = quote.attribution.as_ref()?;
            Some((attribution.mention, TokenType::Speaker))
        }))
        .filter(|(range, _)| !range.is_empty())
        .collect();
    names.sort_by_key(|(range, _)| (range.start, range.end));
    let names = without_overlaps(names);

    let mut quotes: Vec<(TextRange, TokenType)> = analysis
        .quotes
        .iter()
        .flat_map(|quote| {
            quote
                .pieces
                .iter()
                .map(|piece| (piece.range, TokenType::Quote))
        })
        .collect();
    quotes.sort_by_key(|(range, _)| (range.start, range.end));
    let quotes = without_overlaps(quotes);

    let mut spans = subtract(&quotes, &names);
    spans.extend(names);
    spans.sort_by_key(|(range, _)| (range.start, range.end));
    encode(analyzed, &spans, encoding)
}

/// Drops what overlaps an earlier span (the input is sorted by start).
fn without_overlaps(spans: Vec<(TextRange, TokenType)>) -> Vec<(TextRange, TokenType)> {
    let mut kept: Vec<(TextRange, TokenType)> = Vec::with_capacity(spans.len());
    for (range, token_type) in spans {
        let start = kept
            .last()
            .map_or(range.start, |(last, _)| range.start.max(last.end));
        if start < range.end {
            kept.push((TextRange::new(start, range.end), token_type));
        }
    }
    kept
}

/// The parts of `spans` not covered by `holes` (both sorted and without overlaps).
fn subtract(
    spans: &[(TextRange, TokenType)],
    holes: &[(TextRange, TokenType)],
) -> Vec<(TextRange, TokenType)> {
    let mut out = Vec::new();
    let mut first_hole = 0;
    for &(range, token_type) in spans {
        while holes
            .get(first_hole)
            .is_some_and(|(hole, _)| hole.end <= range.start)
        {
            first_hole += 1;
        }
        let mut start = range.start;
        for (hole, _) in holes.iter().skip(first_hole) {
            if hole.start >= range.end {
                break;
            }
            if hole.start > start {
                out.push((TextRange::new(start, hole.start), token_type));
            }
            start = start.max(hole.end);
        }
        if start < range.end {
            out.push((TextRange::new(start, range.end), token_type));
        }
    }
    out
}

/// The relative encoding of the protocol, one token per line piece.
fn encode(
    analyzed: &Analyzed,
    spans: &[(TextRange, TokenType)],
    encoding: PositionEncoding,
) -> Vec<SemanticToken> {
    let rope = &analyzed.rope;
    let mut tokens = Vec::with_capacity(spans.len());
    let (mut previous_line, mut previous_start) = (0u32, 0u32);
    for &(range, token_type) in spans {
        let start = convert::position(rope, range.start, encoding);
        let end = convert::position(rope, range.end, encoding);
        for line in start.line..=end.line {
            let from = if line == start.line {
                start.character
            } else {
                0
            };
            let to = if line == end.line {
                end.character
            } else {
                // The end of the line's content, through the one converter.
                let line_end = convert::offset(
                    rope,
                    tower_lsp_server::ls_types::Position::new(line, u32::MAX),
                    encoding,
                );
                convert::position(rope, line_end, encoding).character
            };
            if to <= from {
                continue;
            }
            let delta_line = line.saturating_sub(previous_line);
            let delta_start = if delta_line == 0 {
                from.saturating_sub(previous_start)
            } else {
                from
            };
            tokens.push(SemanticToken {
                delta_line,
                delta_start,
                length: to - from,
                token_type: token_type as u32,
                token_modifiers_bitset: 0,
            });
            previous_line = line;
            previous_start = from;
        }
    }
    tokens
}
