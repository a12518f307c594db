//! The outline of an article: its quotations grouped by speaker, then its named entities.

use super::{Analysis, AttributionRule, EntityKind, Quote, SpeakerReference};
use crate::text::TextRange;

/// A node of the outline. `range` covers the node and all its children; `selection` is the
/// place to jump to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutlineItem {
    pub label: String,
    pub detail: Option<String>,
    pub kind: OutlineKind,
    pub range: TextRange,
    pub selection: TextRange,
    pub children: Vec<OutlineItem>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OutlineKind {
    /// A speaker, or the group of quotations with none.
    Speaker,
    Quote,
    /// A heading over entities: People, Organizations, Places.
    EntityGroup,
    Entity(EntityKind),
    Mention,
    /// The group of the article's metadata lines: headline, byline, dateline, source.
    MetadataGroup,
    Metadata,
}

/// The longest quotation label, in characters.
const QUOTE_LABEL_CHARS: usize = 60;

/// The outline: one node per speaker in order of first quotation, with its quotations; an
/// "Unattributed" node; then People, Organizations and Places with their entities; then the
/// "Article" group of metadata lines (headline, byline, dateline, source line).
pub fn outline(analysis: &Analysis, source: &str) -> Vec<OutlineItem> {
    let mut items = Vec::new();
    for (speaker, ids) in analysis.quotes_by_speaker() {
        let quotes: Vec<&Quote> = ids.iter().filter_map(|id| analysis.quote(*id)).collect();
        let children: Vec<OutlineItem> = quotes
            .iter()
            .map(|quote| quote_item(quote, source))
            .collect();
        let (Some(first), Some(range)) = (children.first(), covering(&children)) else {
            continue;
        };
        let count = children.len();
        items.push(OutlineItem {
            label: speaker.unwrap_or("Unattributed").to_owned(),
            detail: Some(format!("{count} {}", plural(count, "quote", "quotes"))),
            kind: OutlineKind::Speaker,
            range,
            selection: first.selection,
            children,
        });
    }
    for (kind, heading) in [
        (EntityKind::Person, "People"),
        (EntityKind::Organization, "Organizations"),
        (EntityKind::Place, "Places"),
    ] {
        let children: Vec<OutlineItem> = analysis
            .entities
            .iter()
            .filter(|entity| entity.kind == kind)
            .filter_map(|entity| {
                let first = *entity.mentions.first()?;
                let range = entity
                    .mentions
                    .iter()
                    .fold(first, |range, mention| range.cover(*mention));
                let count = entity.mentions.len();
                Some(OutlineItem {
                    label: entity.name.clone(),
                    detail: Some(format!("{count} {}", plural(count, "mention", "mentions"))),
                    kind: OutlineKind::Entity(kind),
                    range,
                    selection: first,
                    children: entity
                        .mentions
                        .iter()
                        .map(|mention| OutlineItem {
                            label: mention.slice(source).to_owned(),
                            detail: None,
                            kind: OutlineKind::Mention,
                            range: *mention,
                            selection: *mention,
                            children: Vec::new(),
                        })
                        .collect(),
                })
            })
            .collect();
        let (Some(first), Some(range)) = (children.first(), covering(&children)) else {
            continue;
        };
        items.push(OutlineItem {
            label: heading.to_owned(),
            detail: Some(format!("{}", children.len())),
            kind: OutlineKind::EntityGroup,
            range,
            selection: first.selection,
            children,
        });
    }
    // The lines that describe the article rather than tell it, last.
    let metadata: Vec<OutlineItem> = analysis
        .metadata
        .iter()
        .map(|line| OutlineItem {
            label: line.range.slice(source).to_owned(),
            detail: Some(line.kind.as_str().to_owned()),
            kind: OutlineKind::Metadata,
            range: line.range,
            selection: line.range,
            children: Vec::new(),
        })
        .collect();
    if let (Some(first), Some(range)) = (metadata.first(), covering(&metadata)) {
        items.push(OutlineItem {
            label: "Article".to_owned(),
            detail: Some(format!(
                "{} {}",
                metadata.len(),
                plural(metadata.len(), "line", "lines")
            )),
            kind: OutlineKind::MetadataGroup,
            range,
            selection: first.selection,
            children: metadata,
        });
    }
    items
}

fn quote_item(quote: &Quote, source: &str) -> OutlineItem {
    let selection = quote
        .pieces
        .first()
        .map_or(quote.range, |piece| piece.content);
    OutlineItem {
        label: quote.opening_words(source, QUOTE_LABEL_CHARS),
        detail: cue_label(quote, source),
        kind: OutlineKind::Quote,
        range: quote.range,
        selection,
        children: Vec::new(),
    }
}

/// How the quotation was attributed, in the words of the text: `said`, `he noted`,
/// `the Leader remarked`, `according to`, `continues`.
pub fn cue_label(quote: &Quote, source: &str) -> Option<String> {
    let attribution = quote.attribution.as_ref()?;
    if super::annotations::is_pinned(attribution) {
        return Some("pinned by annotation".to_owned());
    }
    if attribution.rule == AttributionRule::Continuation {
        return Some("continues".to_owned());
    }
    let cue = attribution.cue.map(|cue| cue.slice(source).to_owned());
    let mention = attribution.mention.slice(source);
    match (attribution.reference, cue) {
        (SpeakerReference::Pronoun | SpeakerReference::RoleNoun, Some(cue)) => {
            if attribution.mention.start < attribution.cue.map_or(0, |cue| cue.start) {
                Some(format!("{mention} {cue}"))
            } else {
                Some(format!("{cue} {mention}"))
            }
        }
        (_, Some(cue)) => Some(cue),
        (_, None) => Some(attribution.rule.as_str().replace('-', " ")),
    }
}

/// The smallest range holding every item, if there is any.
fn covering(items: &[OutlineItem]) -> Option<TextRange> {
    let first = items.first()?.range;
    Some(
        items
            .iter()
            .fold(first, |range, item| range.cover(item.range)),
    )
}

fn plural(count: usize, one: &'static str, many: &'static str) -> &'static str {
    if count == 1 { one } else { many }
}
