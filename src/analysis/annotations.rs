//! Annotations: what the writer tells newsls inside the article (or in the workspace file), and
//! how the analysis honours it.
//!
//! - Front matter at the very start (`---` … `---`) with a `newsls` section: `speakers` pins
//!   quotations (by their opening words) to a speaker, `aliases` declares names that are one
//!   entity, `ignore` switches checks off for the document. See [`syntax`] for the YAML subset.
//! - Inline, before a paragraph: `<!-- newsls: speaker "Jane Doe" -->` in Markdown, a line
//!   starting `%% newsls:` in plain text (no editorial bracket starts that way). Directives are
//!   `speaker NAME` and `ignore CODE[, CODE…]`, several joined by `;`.
//! - The workspace's settings ([`WorkspaceAnnotations`]), read from `newsls.toml` by the server
//!   and the command line and passed in: aliases and ignored checks shared by every article.
//!
//! The front matter and the inline lines are not prose: [`non_prose`] gives their ranges, which
//! [`super::prose`] masks. [`apply`] runs after attribution: pinned quotations get their pinned
//! speaker (an attribution with the rule [`super::AttributionRule::Annotation`], whose mention is
//! the name in the annotation), aliases merge entities, and the returned [`Applied`] drops ignored findings and
//! reports stale pins and malformed annotations.

pub mod edit;
pub mod syntax;
#[cfg(test)]
mod tests;

use super::prose::Prose;
use super::{
    Attribution, AttributionRule, Check, DocumentFormat, Entity, EntityId, EntityKind, Finding,
    Quote, SpeakerReference,
};
use crate::text::TextRange;

/// Settings shared by every article of a workspace (from `newsls.toml`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WorkspaceAnnotations {
    pub aliases: Vec<AliasDeclaration>,
    /// Checks switched off for every article.
    pub ignore: Vec<Check>,
}

/// `name` and `aliases` are names of one entity.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AliasDeclaration {
    pub name: String,
    pub aliases: Vec<String>,
}

/// Everything the article's own annotations say, with where they are.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Annotations {
    pub front_matter: Option<FrontMatter>,
    /// The inline annotation lines.
    pub inline: Vec<TextRange>,
    pub pins: Vec<Pin>,
    pub aliases: Vec<AliasDeclaration>,
    pub ignores: Vec<Ignore>,
    /// What could not be read; a malformed front matter contributes no annotations.
    pub errors: Vec<AnnotationError>,
    /// Whether the front matter could not be read (it is then never edited).
    pub front_matter_broken: bool,
}

/// The front matter block and the layout of its `newsls` section, for edits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontMatter {
    /// From the opening `---` to the end of the closing line (its line break included).
    pub range: TextRange,
    /// The start of the closing `---` line.
    pub closing_line: usize,
    pub newsls: Option<SectionLayout>,
    /// The line ending the text uses.
    pub line_ending: &'static str,
}

/// Where the `newsls:` section lies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionLayout {
    /// Just past the `newsls:` line.
    pub line_end: usize,
    /// Just past the section's last line.
    pub end: usize,
    /// The indentation of its keys, when it has any.
    pub child_indent: Option<usize>,
    pub speakers: Option<EntryLayout>,
    pub ignore: Option<EntryLayout>,
    /// Whether a value follows `newsls:` on its line (as in `newsls: {}`).
    pub inline_value: bool,
}

/// Where a `key: value` entry lies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryLayout {
    /// Just past the key's line.
    pub line_end: usize,
    /// Just past the entry's last line.
    pub end: usize,
    /// The indentation of the lines under the key, when there are any.
    pub child_indent: Option<usize>,
    /// The `]` of a flow list value.
    pub flow_close: Option<usize>,
    /// A value written on the key's line.
    pub inline_value: Option<TextRange>,
}

/// A speaker pinned to quotations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pin {
    pub target: PinTarget,
    pub speaker: String,
    /// The whole pin: a front-matter line, or the inline annotation line.
    pub range: TextRange,
    /// The quoted opening words in the front matter.
    pub key_range: Option<TextRange>,
    /// The speaker's name as written.
    pub speaker_range: TextRange,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PinTarget {
    /// Quotations whose text begins with these words.
    Opening(String),
    /// The quotations of the first paragraph starting at or after this offset.
    FollowingParagraph(usize),
}

/// A check switched off.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ignore {
    pub check: Check,
    pub scope: Scope,
    /// The check's code as written.
    pub range: TextRange,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Document,
    /// The first paragraph starting at or after this offset.
    FollowingParagraph(usize),
}

/// An annotation that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnnotationError {
    pub range: TextRange,
    pub message: String,
}

/// Reads the annotations of `source`. Never fails: problems are in [`Annotations::errors`].
pub fn parse(source: &str, format: DocumentFormat) -> Annotations {
    let mut annotations = Annotations::default();
    syntax::parse_front_matter(source, &mut annotations);
    syntax::parse_inline_annotations(source, format, &mut annotations);
    annotations
}

/// The parts of `source` that are annotations, not prose: the front matter block and the
/// inline annotation lines.
pub fn non_prose(source: &str, format: DocumentFormat) -> Vec<TextRange> {
    let mut ranges = Vec::new();
    let mut skip_until = 0;
    if let Some(Ok((block, _))) = syntax::front_matter_block(source) {
        ranges.push(block);
        skip_until = block.end;
    }
    ranges.extend(
        syntax::inline_lines(source, format, skip_until)
            .into_iter()
            .map(|(range, _, _)| range),
    );
    ranges
}

/// The confidence of a pinned speaker: the writer knows.
const PINNED_CONFIDENCE: f32 = 1.0;

/// What applying the annotations left for the checks and the findings filter.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Applied {
    /// Pins that matched no quotation: (the pin's range, why).
    pub stale: Vec<(TextRange, String)>,
    pub errors: Vec<AnnotationError>,
    document_ignores: Vec<Check>,
    paragraph_ignores: Vec<(Check, TextRange)>,
}

impl Applied {
    /// Drops the findings of ignored checks (in the document, or in their paragraph).
    pub fn filter(&self, findings: &mut Vec<Finding>) {
        findings.retain(|finding| {
            !self.document_ignores.contains(&finding.check)
                && !self.paragraph_ignores.iter().any(|(check, paragraph)| {
                    *check == finding.check && paragraph.touches(finding.range.start)
                })
        });
    }
}

/// Applies the annotations and the workspace settings to the attributed quotations and the
/// entities.
pub fn apply(
    prose: &Prose<'_>,
    annotations: &Annotations,
    workspace: &WorkspaceAnnotations,
    quotes: &mut [Quote],
    entities: &mut Vec<Entity>,
) -> Applied {
    let declarations: Vec<&AliasDeclaration> = workspace
        .aliases
        .iter()
        .chain(&annotations.aliases)
        .collect();
    merge_aliases(prose, &declarations, quotes, entities);

    let mut applied = Applied {
        errors: annotations.errors.clone(),
        document_ignores: workspace.ignore.clone(),
        ..Applied::default()
    };
    // Paragraph pins first, so that a pin naming the quotation by its opening words (what
    // "Attribute to …" writes) has the last word.
    let paragraph_pins = annotations
        .pins
        .iter()
        .filter(|pin| matches!(pin.target, PinTarget::FollowingParagraph(_)));
    let opening_pins = annotations
        .pins
        .iter()
        .filter(|pin| matches!(pin.target, PinTarget::Opening(_)));
    for pin in paragraph_pins.chain(opening_pins) {
        let targets: Vec<usize> = match &pin.target {
            PinTarget::Opening(opening) => {
                let wanted = normalize(opening);
                quotes
                    .iter()
                    .enumerate()
                    .filter(|(_, quote)| {
                        !wanted.is_empty()
                            && normalize(&quote.text(prose.text())).starts_with(&wanted)
                    })
                    .map(|(index, _)| index)
                    .collect()
            }
            PinTarget::FollowingParagraph(after) => match following_paragraph(prose, *after) {
                Some(paragraph) => quotes
                    .iter()
                    .enumerate()
                    .filter(|(_, quote)| paragraph.touches(quote.range.start))
                    .map(|(index, _)| index)
                    .collect(),
                None => Vec::new(),
            },
        };
        if targets.is_empty() {
            let why = match &pin.target {
                PinTarget::Opening(opening) => {
                    format!("no quotation begins with “{opening}”: this pin has no effect")
                }
                PinTarget::FollowingParagraph(_) => {
                    "the paragraph after this annotation has no quotation: the pin has no effect"
                        .to_owned()
                }
            };
            applied.stale.push((pin.range, why));
            continue;
        }
        let entity = find_entity(entities, &pin.speaker);
        let speaker = entity
            .and_then(|id| entities.get(id.0))
            .map_or_else(|| pin.speaker.clone(), |entity| entity.name.clone());
        for index in targets {
            if let Some(quote) = quotes.get_mut(index) {
                quote.attribution = Some(Attribution {
                    speaker: speaker.clone(),
                    entity,
                    mention: pin.speaker_range,
                    reference: SpeakerReference::Name,
                    antecedent: None,
                    cue: None,
                    rule: AttributionRule::Annotation,
                    confidence: PINNED_CONFIDENCE,
                });
            }
        }
    }
    for ignore in &annotations.ignores {
        match ignore.scope {
            Scope::Document => applied.document_ignores.push(ignore.check),
            Scope::FollowingParagraph(after) => match following_paragraph(prose, after) {
                Some(paragraph) => applied.paragraph_ignores.push((ignore.check, paragraph)),
                None => applied.stale.push((
                    ignore.range,
                    "no paragraph follows this annotation: it has no effect".to_owned(),
                )),
            },
        }
    }
    applied
}

/// Whether the speaker was pinned by an annotation rather than found by a rule.
pub fn is_pinned(attribution: &Attribution) -> bool {
    attribution.rule == AttributionRule::Annotation
}

/// The first paragraph starting at or after `offset`.
pub fn following_paragraph(prose: &Prose<'_>, offset: usize) -> Option<TextRange> {
    prose
        .paragraphs()
        .iter()
        .find(|paragraph| paragraph.start >= offset)
        .copied()
}

/// Lower case, single spaces, typographic apostrophes made straight, no surrounding quotation
/// marks and no trailing ellipsis: how opening words are compared.
fn normalize(text: &str) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for ch in word.chars() {
            match ch {
                '’' | '‘' => out.push('\''),
                _ => out.extend(ch.to_lowercase()),
            }
        }
    }
    let trimmed = out
        .trim_matches(|ch: char| "\"“”«»„".contains(ch))
        .trim_end_matches(['…', '.'])
        .trim_end_matches("...")
        .trim();
    trimmed.to_owned()
}

/// The entity named `name` (its name or an alias, in any case).
fn find_entity(entities: &[Entity], name: &str) -> Option<EntityId> {
    let wanted = name.trim().to_lowercase();
    entities
        .iter()
        .position(|entity| {
            entity.name.to_lowercase() == wanted
                || entity
                    .aliases
                    .iter()
                    .any(|alias| alias.to_lowercase() == wanted)
        })
        .map(EntityId)
}

/// Merges the entities each declaration names into one entity with the declared name, adds the
/// declared forms' other occurrences as mentions, and renames the speakers of their quotations.
fn merge_aliases(
    prose: &Prose<'_>,
    declarations: &[&AliasDeclaration],
    quotes: &mut [Quote],
    entities: &mut Vec<Entity>,
) {
    if declarations.is_empty() {
        return;
    }
    let original = entities.len();
    let mut slots: Vec<Option<Entity>> = entities.drain(..).map(Some).collect();
    // Where each original entity went.
    let mut redirect: Vec<usize> = (0..original).collect();
    let mut merged_slots: Vec<usize> = Vec::new();
    for declaration in declarations {
        let forms: Vec<String> = std::iter::once(&declaration.name)
            .chain(&declaration.aliases)
            .map(|form| comparable(form))
            .filter(|form| !form.is_empty())
            .collect();
        let members: Vec<usize> = slots
            .iter()
            .enumerate()
            .filter_map(|(index, slot)| {
                let entity = slot.as_ref()?;
                let named = std::iter::once(&entity.name)
                    .chain(&entity.aliases)
                    .any(|name| forms.contains(&comparable(name)))
                    || entity
                        .mentions
                        .iter()
                        .any(|mention| forms.contains(&comparable(prose.slice(*mention))));
                named.then_some(index)
            })
            .collect();
        let taken: Vec<TextRange> = slots
            .iter()
            .flatten()
            .flat_map(|entity| entity.mentions.iter().copied())
            .collect();
        let occurrences = occurrences(prose.text(), declaration, &taken);
        if members.is_empty() && occurrences.is_empty() {
            continue;
        }
        let mut merged = Entity {
            name: declaration.name.trim().to_owned(),
            kind: EntityKind::Person,
            aliases: Vec::new(),
            mentions: occurrences,
        };
        let mut kind = None;
        for member in &members {
            let Some(entity) = slots.get_mut(*member).and_then(Option::take) else {
                continue;
            };
            kind.get_or_insert(entity.kind);
            merged.aliases.push(entity.name);
            merged.aliases.extend(entity.aliases);
            merged.mentions.extend(entity.mentions);
        }
        merged.kind = kind.unwrap_or(EntityKind::Person);
        merged.aliases.extend(declaration.aliases.iter().cloned());
        let mut seen = vec![merged.name.to_lowercase()];
        merged.aliases.retain(|alias| {
            let key = alias.to_lowercase();
            let new = !seen.contains(&key);
            seen.push(key);
            new
        });
        merged.mentions.sort();
        merged.mentions.dedup();
        let keep = match members.first() {
            Some(&first) => first,
            None => {
                slots.push(None);
                slots.len() - 1
            }
        };
        if let Some(slot) = slots.get_mut(keep) {
            *slot = Some(merged);
        }
        for target in &mut redirect {
            if members.contains(target) {
                *target = keep;
            }
        }
        merged_slots.retain(|slot| !members.contains(slot));
        merged_slots.push(keep);
    }
    // Keep the entities in order of first mention.
    let mut order: Vec<usize> = (0..slots.len())
        .filter(|&index| slots.get(index).is_some_and(Option::is_some))
        .collect();
    order.sort_by_key(|&index| {
        slots
            .get(index)
            .and_then(Option::as_ref)
            .and_then(|entity| entity.mentions.first())
            .map_or((usize::MAX, index), |first| (first.start, index))
    });
    let mut new_index = vec![None; slots.len()];
    for (position, &slot) in order.iter().enumerate() {
        if let Some(target) = new_index.get_mut(slot) {
            *target = Some(position);
        }
    }
    for &slot in &order {
        if let Some(entity) = slots.get_mut(slot).and_then(Option::take) {
            entities.push(entity);
        }
    }
    let merged_names: Vec<(String, usize)> = merged_slots
        .iter()
        .filter_map(|slot| new_index.get(*slot).copied().flatten())
        .filter_map(|index| {
            let entity = entities.get(index)?;
            Some((entity.name.clone(), index))
        })
        .collect();
    for quote in quotes {
        let Some(attribution) = &mut quote.attribution else {
            continue;
        };
        if let Some(old) = attribution.entity {
            let slot = redirect.get(old.0).copied();
            let moved = slot.and_then(|slot| new_index.get(slot).copied().flatten());
            attribution.entity = moved.map(EntityId);
            if let Some((name, _)) = merged_names.iter().find(|(_, index)| Some(*index) == moved) {
                attribution.speaker = name.clone();
            }
        } else if let Some(id) = find_entity(entities, &attribution.speaker) {
            if let Some((name, _)) = merged_names.iter().find(|(_, index)| *index == id.0) {
                attribution.entity = Some(id);
                attribution.speaker = name.clone();
            }
        }
    }
}

/// A name as names are compared: lower case, without a leading article.
fn comparable(name: &str) -> String {
    let lower = name.trim().to_lowercase();
    match lower.strip_prefix("the ") {
        Some(rest) => rest.trim_start().to_owned(),
        None => lower,
    }
}

/// A form as it is written at the start of a sentence: `the Leader` → `The Leader`.
fn capitalized(form: &str) -> String {
    let mut chars = form.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Where the declaration's forms occur in `text` as whole words, outside `taken`.
fn occurrences(text: &str, declaration: &AliasDeclaration, taken: &[TextRange]) -> Vec<TextRange> {
    let mut found: Vec<TextRange> = Vec::new();
    let forms = std::iter::once(&declaration.name)
        .chain(&declaration.aliases)
        .flat_map(|form| [form.trim().to_owned(), capitalized(form.trim())]);
    for form in forms {
        if form.is_empty() {
            continue;
        }
        for (start, _) in text.match_indices(form.as_str()) {
            let range = TextRange::new(start, start + form.len());
            let before = text
                .get(..start)
                .and_then(|before| before.chars().next_back());
            let after = text.get(range.end..).and_then(|after| after.chars().next());
            let bounded = before.is_none_or(|ch| !ch.is_alphanumeric())
                && after.is_none_or(|ch| !ch.is_alphanumeric());
            if bounded
                && !taken.iter().any(|other| other.intersects(range))
                && !found.iter().any(|other| other.intersects(range))
            {
                found.push(range);
            }
        }
    }
    found
}
