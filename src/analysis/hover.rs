//! What to show when the cursor rests on a quotation or a name.

use super::{Analysis, AttributionRule, SpeakerReference};
use crate::text::TextRange;

/// Hover text in Markdown, and the range it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hover {
    pub range: TextRange,
    pub markdown: String,
}

/// The hover at byte `offset`: a quotation's speaker and evidence, or an entity's facts.
pub fn hover(analysis: &Analysis, source: &str, offset: usize) -> Option<Hover> {
    if let Some((id, quote)) = analysis.quote_at(offset) {
        let mut lines = Vec::new();
        let kind = quote.kind.as_str();
        match &quote.attribution {
            Some(attribution) => {
                lines.push(format!("**{}** — {kind} quotation", attribution.speaker));
                lines.push(evidence(attribution, source));
                lines.push(format!(
                    "Confidence: {:.0}%",
                    attribution.confidence * 100.0
                ));
                let others = analysis
                    .quotes
                    .iter()
                    .enumerate()
                    .filter(|(index, other)| {
                        *index != id.0 && other.speaker() == Some(&attribution.speaker)
                    })
                    .count();
                if others > 0 {
                    lines.push(format!(
                        "{} has {others} other {} in this article.",
                        attribution.speaker,
                        if others == 1 {
                            "quotation"
                        } else {
                            "quotations"
                        }
                    ));
                }
            }
            None if quote.kind.expects_speaker() => {
                lines.push(format!("**No speaker found** — {kind} quotation"));
                lines.push(
                    "No cue, pronoun, role or previous speaker decides who said this.".to_owned(),
                );
            }
            None => lines.push(format!("**{kind}** — quotation marks that quote nobody")),
        }
        return Some(Hover {
            range: quote.range,
            markdown: lines.join("\n\n"),
        });
    }
    let (id, entity, mention) = analysis.entity_at(offset)?;
    let mut lines = vec![format!("**{}** — {}", entity.name, entity.kind.as_str())];
    if !entity.aliases.is_empty() {
        lines.push(format!("Also: {}", entity.aliases.join(", ")));
    }
    let quotes = analysis.quotes_of(id).count();
    lines.push(format!(
        "{} {} · {quotes} {}",
        entity.mentions.len(),
        if entity.mentions.len() == 1 {
            "mention"
        } else {
            "mentions"
        },
        if quotes == 1 {
            "quotation"
        } else {
            "quotations"
        }
    ));
    Some(Hover {
        range: mention,
        markdown: lines.join("\n\n"),
    })
}

/// How we know who said it, in a sentence.
fn evidence(attribution: &super::Attribution, source: &str) -> String {
    let mention = attribution.mention.slice(source);
    let cue = attribution.cue.map(|cue| cue.slice(source));
    let antecedent = attribution.antecedent.map(|range| range.slice(source));
    let reference = match (attribution.reference, antecedent) {
        (SpeakerReference::Pronoun, Some(antecedent)) => {
            format!("the pronoun “{mention}”, resolved to “{antecedent}”")
        }
        (SpeakerReference::RoleNoun, Some(antecedent)) => {
            format!("the role “{mention}”, resolved to “{antecedent}”")
        }
        _ => format!("“{mention}”"),
    };
    match (attribution.rule, cue) {
        (AttributionRule::Annotation, _) => {
            "Speaker pinned by annotation (the writer said so; newsls did not guess).".to_owned()
        }
        (AttributionRule::Continuation, _) => format!(
            "No cue of its own: it continues the words of {} just before it (named there as {reference}).",
            attribution.speaker
        ),
        (AttributionRule::AccordingTo, _) => format!("Attributed by “according to” {reference}."),
        (AttributionRule::SentenceSubject, Some(cue)) => {
            format!("A partial quotation; {reference} is the subject of “{cue}”.")
        }
        (AttributionRule::SentenceSubject, None) => {
            format!("A partial quotation; {reference} is the subject of the sentence.")
        }
        (AttributionRule::SpeechVerb, Some(cue)) => {
            format!("Attributed by the cue “{cue}” and {reference}.")
        }
        (AttributionRule::SpeechVerb, None) => format!("Attributed to {reference}."),
    }
}
