//! Folding ranges: a quotation that runs over several lines folds to its first line.

use tower_lsp_server::ls_types::{FoldingRange, FoldingRangeKind};

use super::convert;
use super::documents::Analyzed;
use crate::text::PositionEncoding;

/// The longest collapsed text, in characters.
const COLLAPSED_CHARS: usize = 40;

pub fn folding_ranges(analyzed: &Analyzed, encoding: PositionEncoding) -> Vec<FoldingRange> {
    analyzed
        .analysis
        .quotes
        .iter()
        .filter_map(|quote| {
            let range = convert::range(&analyzed.rope, quote.range, encoding);
            (range.end.line > range.start.line).then(|| FoldingRange {
                start_line: range.start.line,
                start_character: Some(range.start.character),
                end_line: range.end.line,
                end_character: Some(range.end.character),
                kind: Some(FoldingRangeKind::Region),
                collapsed_text: Some(format!(
                    "“{}”",
                    quote.opening_words(&analyzed.text, COLLAPSED_CHARS)
                )),
            })
        })
        .collect()
}
