//! Hover, definition, references and document highlight: what is under the cursor, and where
//! else it is.

use tower_lsp_server::ls_types::{
    DocumentHighlight, DocumentHighlightKind, Hover, HoverContents, Location, MarkupContent,
    MarkupKind, Uri,
};

use super::convert;
use super::documents::Analyzed;
use crate::analysis::{Analysis, Entity, EntityId, SpeakerReference, hover};
use crate::text::{PositionEncoding, TextRange};

pub fn hover(analyzed: &Analyzed, offset: usize, encoding: PositionEncoding) -> Option<Hover> {
    let hover = hover::hover(&analyzed.analysis, &analyzed.text, offset)?;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: hover.markdown,
        }),
        range: Some(convert::range(&analyzed.rope, hover.range, encoding)),
    })
}

/// What the cursor designates.
enum Target {
    /// A named entity.
    Entity(EntityId),
    /// A speaker known only by the words that name them (an unnamed speaker, or a pronoun whose
    /// entity the analysis did not link): the full mention to go to.
    Mention(TextRange),
}

/// The target at `offset`, most specific first: a speaker's pronoun or role noun at a cue, a
/// name, then a quotation (whose target is its speaker).
fn target_at(analysis: &Analysis, offset: usize) -> Option<Target> {
    let attribution_mention = analysis.quotes.iter().find_map(|quote| {
        let attribution = quote.attribution.as_ref()?;
        let referring = matches!(
            attribution.reference,
            SpeakerReference::Pronoun | SpeakerReference::RoleNoun
        );
        (referring && attribution.mention.touches(offset)).then_some(attribution)
    });
    if let Some(attribution) = attribution_mention {
        return Some(match attribution.entity {
            Some(entity) => Target::Entity(entity),
            None => Target::Mention(attribution.antecedent.unwrap_or(attribution.mention)),
        });
    }
    if let Some((entity, _, _)) = analysis.entity_at(offset) {
        return Some(Target::Entity(entity));
    }
    let (_, quote) = analysis.quote_at(offset)?;
    let attribution = quote.attribution.as_ref()?;
    Some(match attribution.entity {
        Some(entity) => Target::Entity(entity),
        None => Target::Mention(attribution.antecedent.unwrap_or(attribution.mention)),
    })
}

/// The entity's first full mention: the first mention written as its full name, else the
/// first of its longest mentions.
fn first_full_mention(entity: &Entity, source: &str) -> Option<TextRange> {
    entity
        .mentions
        .iter()
        .find(|mention| mention.slice(source) == entity.name)
        .or_else(|| {
            entity
                .mentions
                .iter()
                .rev()
                .max_by_key(|mention| mention.len())
        })
        .copied()
}

/// The named entity the cursor designates (a name, a pronoun or role noun resolved to it, or
/// a quotation attributed to it), for questions asked of the whole workspace.
pub fn entity_at_cursor(analysis: &Analysis, offset: usize) -> Option<EntityId> {
    match target_at(analysis, offset)? {
        Target::Entity(id) => Some(id),
        Target::Mention(_) => None,
    }
}

fn definition_range(analyzed: &Analyzed, target: &Target) -> Option<TextRange> {
    match target {
        Target::Entity(id) => first_full_mention(analyzed.analysis.entity(*id)?, &analyzed.text),
        Target::Mention(range) => Some(*range),
    }
}

pub fn definition(
    uri: &Uri,
    analyzed: &Analyzed,
    offset: usize,
    encoding: PositionEncoding,
) -> Option<Location> {
    let target = target_at(&analyzed.analysis, offset)?;
    let range = definition_range(analyzed, &target)?;
    Some(Location::new(
        uri.clone(),
        convert::range(&analyzed.rope, range, encoding),
    ))
}

/// Whether a reference list includes the definition itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Declaration {
    Include,
    Exclude,
}

/// Every mention of the entity at `offset` and every quotation attributed to it, in text order.
pub fn references(
    uri: &Uri,
    analyzed: &Analyzed,
    offset: usize,
    encoding: PositionEncoding,
    declaration: Declaration,
) -> Vec<Location> {
    let Some(target) = target_at(&analyzed.analysis, offset) else {
        return Vec::new();
    };
    let definition = definition_range(analyzed, &target);
    let mut ranges: Vec<TextRange> = match target {
        Target::Entity(id) => {
            let mentions = analyzed
                .analysis
                .entity(id)
                .map(|entity| entity.mentions.clone())
                .unwrap_or_default();
            let quotes = analyzed
                .analysis
                .quotes_of(id)
                .map(|(_, quote)| quote.range);
            mentions.into_iter().chain(quotes).collect()
        }
        Target::Mention(range) => vec![range],
    };
    if declaration == Declaration::Exclude {
        ranges.retain(|range| Some(*range) != definition);
    }
    ranges.sort_by_key(|range| (range.start, range.end));
    ranges.dedup();
    ranges
        .into_iter()
        .map(|range| Location::new(uri.clone(), convert::range(&analyzed.rope, range, encoding)))
        .collect()
}

/// The mentions of the entity under the cursor (the definition as a "write", the rest as
/// "read"), so that an editor lights up every place the article names it.
pub fn highlights(
    analyzed: &Analyzed,
    offset: usize,
    encoding: PositionEncoding,
) -> Vec<DocumentHighlight> {
    let Some((_, entity, _)) = analyzed.analysis.entity_at(offset) else {
        return Vec::new();
    };
    let definition = first_full_mention(entity, &analyzed.text);
    entity
        .mentions
        .iter()
        .map(|mention| DocumentHighlight {
            range: convert::range(&analyzed.rope, *mention, encoding),
            kind: Some(if Some(*mention) == definition {
                DocumentHighlightKind::WRITE
            } else {
                DocumentHighlightKind::READ
            }),
        })
        .collect()
}
