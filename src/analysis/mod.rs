//! The analysis: from the text of a news article to its quotations, their speakers, the named
//! entities and the problems worth flagging.
//!
//! Pure, synchronous and deterministic: [`analyze`] takes a `&str` and a [`Config`] and returns
//! an [`Analysis`] whose ranges are byte offsets into that same text. It does no I/O, knows
//! nothing of the Language Server Protocol, and never fails: a broken quotation mark is a
//! [`Finding`], not an error.
//!
//! The stages run in one direction:
//! [`prose`] (what is prose, paragraphs and sentences) → [`metadata`] (headline, byline,
//! dateline, source line) → [`quotes`] (quotation marks into quotations) → [`entities`] (names
//! into people, organizations and places) → [`attribution`] (a speaker for each quotation, by
//! ordered rules) → [`checks`] (findings). [`outline`] and [`hover`] present the result.

pub mod annotations;
pub mod attribution;
pub mod checks;
pub mod entities;
#[cfg(test)]
pub(crate) mod fixture;
mod gazetteer;
pub mod hover;
pub mod metadata;
pub mod misquote;
pub mod outline;
pub mod prose;
pub mod quotes;
mod word_table;

use crate::text::TextRange;

pub use annotations::{AliasDeclaration, WorkspaceAnnotations};
pub use checks::{Check, Finding, RelatedRange, Severity};
pub use hover::Hover;
pub use outline::{OutlineItem, OutlineKind};

/// How the text is written, which decides what counts as prose.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum DocumentFormat {
    #[default]
    PlainText,
    /// In Markdown, code, link targets and HTML are not prose.
    Markdown,
}

impl DocumentFormat {
    /// The format for an editor language id (`markdown`; anything else is plain text).
    pub fn from_language_id(language_id: &str) -> Self {
        match language_id {
            "markdown" | "md" => DocumentFormat::Markdown,
            _ => DocumentFormat::PlainText,
        }
    }

    /// The format for a file name by its extension (`.md`, `.markdown`).
    pub fn from_file_name(name: &str) -> Self {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".md") || lower.ends_with(".markdown") {
            DocumentFormat::Markdown
        } else {
            DocumentFormat::PlainText
        }
    }
}

/// What the caller can choose about an analysis.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Config {
    pub format: DocumentFormat,
}

/// Everything the analysis found in one text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Analysis {
    /// Quotations in text order.
    pub quotes: Vec<Quote>,
    /// Named entities in order of first mention.
    pub entities: Vec<Entity>,
    /// Lines that describe the article rather than tell it.
    pub metadata: Vec<MetadataLine>,
    /// Problems, in text order.
    pub findings: Vec<Finding>,
}

/// Index of a quotation in [`Analysis::quotes`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QuoteId(pub usize);

/// Index of an entity in [`Analysis::entities`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntityId(pub usize);

/// One quotation: one or more pieces of quoted text that belong together (a quotation running
/// over several paragraphs, or broken around an editorial insertion), with its speaker.
#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    /// From the first opening mark to the last closing mark (or the end of the last piece).
    pub range: TextRange,
    /// The pieces in text order; never empty.
    pub pieces: Vec<QuotePiece>,
    pub kind: QuoteKind,
    /// The content ranges of quotations nested inside this one (a quote inside a quote).
    pub nested: Vec<TextRange>,
    /// Who said it and how we know; `None` when no rule found a speaker.
    pub attribution: Option<Attribution>,
}

impl Quote {
    /// The quoted words: the pieces' contents joined by single spaces.
    pub fn text(&self, source: &str) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(piece.content.slice(source));
        }
        out
    }

    /// The opening words of the quotation, at most `max_chars` characters, cut at a word
    /// boundary and followed by an ellipsis when cut: a label for outlines and lists.
    pub fn opening_words(&self, source: &str, max_chars: usize) -> String {
        let text = self.text(source);
        if text.chars().count() <= max_chars {
            return text;
        }
        let cut: String = text.chars().take(max_chars).collect();
        let cut = match cut.rfind(' ') {
            Some(space) if space > 0 => &cut[..space],
            _ => cut.as_str(),
        };
        // The cut may end in the quotation's own ellipsis or stop: one ellipsis is enough.
        format!("{}…", cut.trim_end_matches([',', ';', ':', ' ', '.', '…']))
    }

    pub fn speaker(&self) -> Option<&str> {
        self.attribution
            .as_ref()
            .map(|attribution| attribution.speaker.as_str())
    }
}

/// A contiguous piece of a quotation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuotePiece {
    /// The piece with its quotation marks.
    pub range: TextRange,
    /// The quoted words, without the marks and trimmed of white space.
    pub content: TextRange,
    pub opening_mark: Option<TextRange>,
    pub closing_mark: Option<TextRange>,
}

/// What a quotation is doing in the article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuoteKind {
    /// A quoted clause or sentence.
    Direct,
    /// A fragment inside the reporter's own sentence, as in vowed “harsh revenge”.
    Partial,
    /// A quoted line standing as a title or subheading.
    Headline,
    /// A title, nickname or so-called word that quotes nobody.
    Term,
}

impl QuoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Headline => "headline",
            QuoteKind::Term => "term",
        }
    }

    /// Whether the kind quotes somebody, and so should have a speaker.
    pub fn expects_speaker(self) -> bool {
        matches!(self, QuoteKind::Direct | QuoteKind::Partial)
    }
}

/// Who said a quotation, and the evidence.
#[derive(Clone, Debug, PartialEq)]
pub struct Attribution {
    /// The canonical name of the speaker: an entity's name, or a description of an unnamed
    /// speaker (“a fire service spokesman”, “Top Iranian political and military figures”).
    pub speaker: String,
    /// The entity the speaker is, when it is a named one.
    pub entity: Option<EntityId>,
    /// The words that name the speaker where the rule fired: a name, a pronoun, a role noun.
    pub mention: TextRange,
    /// How `mention` refers to the speaker.
    pub reference: SpeakerReference,
    /// The full mention a pronoun or role noun was resolved to.
    pub antecedent: Option<TextRange>,
    /// The cue that links quotation and speaker (“said”, “according to”, “:”), if any.
    pub cue: Option<TextRange>,
    pub rule: AttributionRule,
    /// From 0 to 1: how sure the rule is.
    pub confidence: f32,
}

/// The rule that attributed a quotation, from the most reliable to the least.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AttributionRule {
    /// A speech verb in the quotation's own sentence: `“…,” X said`, `X said: “…”`.
    SpeechVerb,
    /// `according to X`.
    AccordingTo,
    /// A partial quotation whose speaker is the subject of the sentence around it.
    SentenceSubject,
    /// A quotation with no cue of its own, continuing the previous speaker's words.
    Continuation,
    /// The writer pinned the speaker with an annotation; no rule guessed.
    Annotation,
}

impl AttributionRule {
    pub fn as_str(self) -> &'static str {
        match self {
            AttributionRule::SpeechVerb => "speech-verb",
            AttributionRule::AccordingTo => "according-to",
            AttributionRule::SentenceSubject => "sentence-subject",
            AttributionRule::Continuation => "continuation",
            AttributionRule::Annotation => "annotation",
        }
    }
}

/// How the words at an attribution's mention refer to the speaker.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SpeakerReference {
    /// A name of the entity: `Ayatollah Khamenei`.
    Name,
    /// A pronoun resolved to an earlier speaker: `he`.
    Pronoun,
    /// A role noun resolved to the person introduced with that role: `the Leader`.
    RoleNoun,
    /// A description of a speaker the article does not name.
    Description,
}

impl SpeakerReference {
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerReference::Name => "name",
            SpeakerReference::Pronoun => "pronoun",
            SpeakerReference::RoleNoun => "role",
            SpeakerReference::Description => "description",
        }
    }
}

/// A person, organization or place named in the article, with every mention of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    /// The fullest form of the name, without titles: `Ali Khamenei`.
    pub name: String,
    pub kind: EntityKind,
    /// The other forms the article uses, as written: `Ayatollah Khamenei`, `Khamenei`, `the Leader`.
    pub aliases: Vec<String>,
    /// Every mention, in text order.
    pub mentions: Vec<TextRange>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    Person,
    Organization,
    Place,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
        }
    }
}

/// A line that describes the article rather than tells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MetadataLine {
    pub kind: MetadataKind,
    pub range: TextRange,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MetadataKind {
    Headline,
    Byline,
    Dateline,
    SourceLine,
}

impl MetadataKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MetadataKind::Headline => "headline",
            MetadataKind::Byline => "byline",
            MetadataKind::Dateline => "dateline",
            MetadataKind::SourceLine => "source",
        }
    }
}

/// Analyses `text`. Never fails and never panics, whatever the text.
pub fn analyze(text: &str, config: &Config) -> Analysis {
    analyze_in_workspace(text, config, &WorkspaceAnnotations::default())
}

/// Analyses `text` with the settings of its workspace (`newsls.toml`, read by the caller).
pub fn analyze_in_workspace(
    text: &str,
    config: &Config,
    workspace: &WorkspaceAnnotations,
) -> Analysis {
    let annotations = annotations::parse(text, config.format);
    let prose = prose::Prose::new(text, config.format);
    let metadata = metadata::detect(&prose);
    let scan = quotes::scan(&prose, &metadata);
    let mut entities = entities::recognize(&prose, &scan.quotes, &metadata);
    let mut quotes = attribution::attribute(&prose, scan.quotes, &entities, &metadata);
    let applied = annotations::apply(&prose, &annotations, workspace, &mut quotes, &mut entities);
    let mut analysis = Analysis {
        quotes,
        entities,
        metadata,
        findings: Vec::new(),
    };
    analysis.findings = checks::run(&analysis, &scan.mark_problems, &applied);
    applied.filter(&mut analysis.findings);
    analysis
}

impl Analysis {
    /// The quotation whose range touches `offset`, innermost first.
    pub fn quote_at(&self, offset: usize) -> Option<(QuoteId, &Quote)> {
        self.quotes
            .iter()
            .enumerate()
            .filter(|(_, quote)| quote.pieces.iter().any(|piece| piece.range.touches(offset)))
            .min_by_key(|(_, quote)| quote.range.len())
            .map(|(index, quote)| (QuoteId(index), quote))
    }

    /// The entity with a mention touching `offset`.
    pub fn entity_at(&self, offset: usize) -> Option<(EntityId, &Entity, TextRange)> {
        self.entities
            .iter()
            .enumerate()
            .find_map(|(index, entity)| {
                entity
                    .mentions
                    .iter()
                    .find(|mention| mention.touches(offset))
                    .map(|mention| (EntityId(index), entity, *mention))
            })
    }

    pub fn entity(&self, id: EntityId) -> Option<&Entity> {
        self.entities.get(id.0)
    }

    pub fn quote(&self, id: QuoteId) -> Option<&Quote> {
        self.quotes.get(id.0)
    }

    /// The quotations grouped by speaker, in order of each speaker's first quotation, followed
    /// by the group of quotations with no speaker (`None`) if there are any. Terms and
    /// headlines, which quote nobody, are left out.
    pub fn quotes_by_speaker(&self) -> Vec<(Option<&str>, Vec<QuoteId>)> {
        let mut groups: Vec<(Option<&str>, Vec<QuoteId>)> = Vec::new();
        let mut unattributed = Vec::new();
        for (index, quote) in self.quotes.iter().enumerate() {
            if !quote.kind.expects_speaker() {
                continue;
            }
            match quote.speaker() {
                Some(speaker) => match groups.iter_mut().find(|(name, _)| *name == Some(speaker)) {
                    Some((_, ids)) => ids.push(QuoteId(index)),
                    None => groups.push((Some(speaker), vec![QuoteId(index)])),
                },
                None => unattributed.push(QuoteId(index)),
            }
        }
        if !unattributed.is_empty() {
            groups.push((None, unattributed));
        }
        groups
    }

    /// The quotations attributed to `entity`.
    pub fn quotes_of(&self, entity: EntityId) -> impl Iterator<Item = (QuoteId, &Quote)> {
        self.quotes
            .iter()
            .enumerate()
            .filter_map(move |(index, quote)| {
                let attribution = quote.attribution.as_ref()?;
                (attribution.entity == Some(entity)).then_some((QuoteId(index), quote))
            })
    }
}
