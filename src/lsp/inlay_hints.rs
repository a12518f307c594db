//! Inlay hints: the speaker's name after a quotation whose attribution is not in plain sight.

use tower_lsp_server::ls_types::{InlayHint, InlayHintLabel, InlayHintTooltip};

use super::convert;
use super::documents::Analyzed;
use crate::analysis::outline::cue_label;
use crate::analysis::{AttributionRule, Quote, SpeakerReference};
use crate::text::{PositionEncoding, TextRange};

/// Hints for the quotations that intersect `visible`.
pub fn inlay_hints(
    analyzed: &Analyzed,
    visible: TextRange,
    encoding: PositionEncoding,
) -> Vec<InlayHint> {
    analyzed
        .analysis
        .quotes
        .iter()
        .filter(|quote| quote.range.end >= visible.start && quote.range.start <= visible.end)
        .filter_map(|quote| {
            let attribution = quote.attribution.as_ref()?;
            if !needs_hint(quote, &analyzed.text) {
                return None;
            }
            Some(InlayHint {
                position: convert::position(&analyzed.rope, quote.range.end, encoding),
                label: InlayHintLabel::String(format!("— {}", attribution.speaker)),
                kind: None,
                text_edits: None,
                tooltip: cue_label(quote, &analyzed.text).map(InlayHintTooltip::String),
                padding_left: Some(true),
                padding_right: None,
                data: None,
            })
        })
        .collect()
}

/// A reader cannot see who speaks when the attribution continues an earlier quotation, goes
/// through a pronoun or a role noun, or rests on a cue in another paragraph (the text between
/// quotation and cue has a line break).
fn needs_hint(quote: &Quote, source: &str) -> bool {
    let Some(attribution) = &quote.attribution else {
        return false;
    };
    if attribution.rule == AttributionRule::Continuation
        || matches!(
            attribution.reference,
            SpeakerReference::Pronoun | SpeakerReference::RoleNoun
        )
    {
        return true;
    }
    attribution.cue.is_some_and(|cue| {
        let between = if cue.start >= quote.range.end {
            TextRange::new(quote.range.end, cue.start)
        } else {
            TextRange::new(cue.end, quote.range.start)
        };
        between.slice(source).contains(['\n', '\r'])
    })
}
