//! The JSON output of `newsls extract` and `newsls check --format json`: a stable, documented
//! schema of its own, converted from the analysis types rather than serializing them.
//!
//! The analysis types are free to change; these are not. A change that removes or renames a
//! field, or changes what a field means, bumps [`SCHEMA_VERSION`]; adding a field does not.
//! README.md ("The JSON schema") documents every field.
//!
//! Conventions, everywhere in the schema:
//! - Every `{text, range}` pair satisfies `text == source[range.byte[0]..range.byte[1]]`.
//! - A [`Range`] gives its ends three ways: byte offsets into the UTF-8 file, Unicode code point
//!   (`char`) offsets, and 1-based line and column, where the column counts code points. Lines
//!   break at LF, CR and CRLF only.
//! - Ranges are half-open: `end` is the first byte, code point or column past the range.

use ropey::Rope;
use serde::Serialize;

use crate::analysis::{
    Analysis, DocumentFormat, Entity, Finding, MetadataLine, Quote, QuotePiece, RelatedRange,
};
use crate::text::{PositionEncoding, TextRange, offset_to_position};

/// The version of this schema; every file record carries it.
pub const SCHEMA_VERSION: u32 = 1;

/// Everything `extract` says about one file: one line of `--format jsonl`, one element of the
/// array printed by `--format json`.
#[derive(Debug, Serialize)]
pub struct FileRecord {
    pub schema_version: u32,
    /// The path as given on the command line or found by walking a folder; `-` for stdin
    /// (or the name given with `--stdin-filename`).
    pub path: String,
    /// `plaintext` or `markdown`, decided by the file name's extension.
    pub format: &'static str,
    /// The size of the file in bytes.
    pub bytes: usize,
    pub quotes: Vec<QuoteRecord>,
    pub entities: Vec<EntityRecord>,
    pub metadata: Vec<MetadataRecord>,
    pub findings: Vec<FindingRecord>,
}

/// One quotation.
#[derive(Debug, Serialize)]
pub struct QuoteRecord {
    /// The quoted words: the pieces' texts joined by single spaces (so not a slice of the
    /// source when there are several pieces).
    pub text: String,
    /// `direct`, `partial`, `headline` or `term`.
    pub kind: &'static str,
    /// From the first opening mark to the last closing mark.
    pub range: Range,
    /// The contiguous pieces of the quotation, each without its quotation marks.
    pub pieces: Vec<Span>,
    /// The quotations nested inside this one.
    pub nested: Vec<Span>,
    /// The canonical name of the speaker, or null when unattributed.
    pub speaker: Option<String>,
    /// Index into `entities` of the speaker, when it is a named entity; else null.
    pub entity: Option<usize>,
    /// The rule that attributed the quotation: `speech-verb`, `according-to`,
    /// `sentence-subject`, `continuation`, or `annotation` when the writer pinned the speaker;
    /// null when unattributed.
    pub rule: Option<&'static str>,
    /// How `mention` refers to the speaker: `name`, `pronoun`, `role`, `description`; null when
    /// unattributed.
    pub reference: Option<&'static str>,
    /// From 0 to 1, how sure the rule is; null when unattributed.
    pub confidence: Option<f64>,
    /// The words linking quotation and speaker (`said`, `according to`, `:`), if any.
    pub cue: Option<Span>,
    /// The words naming the speaker where the rule fired (a name, a pronoun, a role noun).
    pub mention: Option<Span>,
    /// The full mention a pronoun or role noun was resolved to, if any.
    pub antecedent: Option<Span>,
}

/// A named entity.
#[derive(Debug, Serialize)]
pub struct EntityRecord {
    /// The fullest form of the name, without titles.
    pub name: String,
    /// `person`, `organization` or `place`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The other forms the article uses, as written.
    pub aliases: Vec<String>,
    /// Every mention, in text order.
    pub mentions: Vec<Span>,
}

/// A line describing the article rather than telling it.
#[derive(Debug, Serialize)]
pub struct MetadataRecord {
    /// `headline`, `byline`, `dateline` or `source`.
    pub kind: &'static str,
    pub text: String,
    pub range: Range,
}

/// A problem found in the article.
#[derive(Debug, Serialize)]
pub struct FindingRecord {
    /// The stable code of the check, e.g. `unattributed-quote`.
    pub code: &'static str,
    /// `error`, `warning`, `info` or `hint`.
    pub severity: &'static str,
    pub message: String,
    pub range: Range,
    /// Other places that explain the finding.
    pub related: Vec<RelatedRecord>,
}

#[derive(Debug, Serialize)]
pub struct RelatedRecord {
    pub message: String,
    pub range: Range,
}

/// One diagnostic of `check --format json`: a finding with the file it is in.
#[derive(Debug, Serialize)]
pub struct DiagnosticRecord {
    pub schema_version: u32,
    pub path: String,
    #[serde(flatten)]
    pub finding: FindingRecord,
}

/// Some text of the source and where it is.
#[derive(Debug, Serialize)]
pub struct Span {
    pub text: String,
    pub range: Range,
}

/// A range of the source, in bytes, in code points and in lines and columns.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Range {
    /// `[start, end]` byte offsets into the UTF-8 text.
    pub byte: [usize; 2],
    /// `[start, end]` offsets counted in Unicode code points.
    pub char: [usize; 2],
    pub start: Position,
    pub end: Position,
}

/// A 1-based line and a 1-based column counted in Unicode code points.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// The text of one file with what is needed to locate offsets in it.
pub struct Located<'a> {
    pub text: &'a str,
    rope: Rope,
}

impl<'a> Located<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            rope: Rope::from_str(text),
        }
    }

    /// The 1-based line and code-point column of byte `offset` (clamped to the text).
    pub fn position(&self, offset: usize) -> Position {
        let position = offset_to_position(&self.rope, offset, PositionEncoding::Utf32);
        Position {
            line: position.line as usize + 1,
            column: position.column as usize + 1,
        }
    }

    /// The code-point offset of byte `offset` (clamped to the text).
    pub fn char_offset(&self, offset: usize) -> usize {
        self.rope.byte_to_char(offset.min(self.rope.len_bytes()))
    }

    pub fn range(&self, range: TextRange) -> Range {
        Range {
            byte: [range.start, range.end],
            char: [self.char_offset(range.start), self.char_offset(range.end)],
            start: self.position(range.start),
            end: self.position(range.end),
        }
    }

    pub fn span(&self, range: TextRange) -> Span {
        Span {
            text: range.slice(self.text).to_owned(),
            range: self.range(range),
        }
    }
}

pub fn format_name(format: DocumentFormat) -> &'static str {
    match format {
        DocumentFormat::PlainText => "plaintext",
        DocumentFormat::Markdown => "markdown",
    }
}

/// The record of one analysed file.
pub fn file_record(
    path: &str,
    format: DocumentFormat,
    located: &Located<'_>,
    analysis: &Analysis,
) -> FileRecord {
    FileRecord {
        schema_version: SCHEMA_VERSION,
        path: path.to_owned(),
        format: format_name(format),
        bytes: located.text.len(),
        quotes: analysis
            .quotes
            .iter()
            .map(|quote| quote_record(located, quote))
            .collect(),
        entities: analysis
            .entities
            .iter()
            .map(|entity| entity_record(located, entity))
            .collect(),
        metadata: analysis
            .metadata
            .iter()
            .map(|line| metadata_record(located, line))
            .collect(),
        findings: analysis
            .findings
            .iter()
            .map(|finding| finding_record(located, finding))
            .collect(),
    }
}

/// The record of one quotation.
pub fn quote_record(located: &Located<'_>, quote: &Quote) -> QuoteRecord {
    let attribution = quote.attribution.as_ref();
    QuoteRecord {
        text: quote.text(located.text),
        kind: quote.kind.as_str(),
        range: located.range(quote.range),
        pieces: quote
            .pieces
            .iter()
            .map(|piece: &QuotePiece| located.span(piece.content))
            .collect(),
        nested: quote
            .nested
            .iter()
            .map(|range| located.span(*range))
            .collect(),
        speaker: attribution.map(|attribution| attribution.speaker.clone()),
        entity: attribution.and_then(|attribution| attribution.entity.map(|id| id.0)),
        rule: attribution.map(|attribution| attribution.rule.as_str()),
        reference: attribution.map(|attribution| attribution.reference.as_str()),
        confidence: attribution.map(|attribution| round_confidence(attribution.confidence)),
        cue: attribution
            .and_then(|attribution| attribution.cue)
            .map(|cue| located.span(cue)),
        mention: attribution.map(|attribution| located.span(attribution.mention)),
        antecedent: attribution
            .and_then(|attribution| attribution.antecedent)
            .map(|antecedent| located.span(antecedent)),
    }
}

/// The confidence with three decimals, so that `0.9_f32` prints as `0.9`, not
/// `0.8999999761581421`.
fn round_confidence(confidence: f32) -> f64 {
    (f64::from(confidence) * 1000.0).round() / 1000.0
}

fn entity_record(located: &Located<'_>, entity: &Entity) -> EntityRecord {
    EntityRecord {
        name: entity.name.clone(),
        kind: entity.kind.as_str(),
        aliases: entity.aliases.clone(),
        mentions: entity
            .mentions
            .iter()
            .map(|mention| located.span(*mention))
            .collect(),
    }
}

fn metadata_record(located: &Located<'_>, line: &MetadataLine) -> MetadataRecord {
    MetadataRecord {
        kind: line.kind.as_str(),
        text: line.range.slice(located.text).to_owned(),
        range: located.range(line.range),
    }
}

pub fn finding_record(located: &Located<'_>, finding: &Finding) -> FindingRecord {
    FindingRecord {
        code: finding.check.code(),
        severity: finding.severity.as_str(),
        message: finding.message.clone(),
        range: located.range(finding.range),
        related: finding
            .related
            .iter()
            .map(|related: &RelatedRange| RelatedRecord {
                message: related.message.clone(),
                range: located.range(related.range),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_count_bytes_code_points_and_one_based_columns() {
        let text = "é😀\n“Hi”";
        let located = Located::new(text);
        let start = text.find('“').unwrap_or_default();
        let range = located.range(TextRange::new(start, text.len()));
        assert_eq!(range.byte, [7, 15]);
        assert_eq!(range.char, [3, 7]);
        assert_eq!(range.start, Position { line: 2, column: 1 });
        assert_eq!(range.end, Position { line: 2, column: 5 });
    }

    #[test]
    fn an_attributed_quote_carries_its_speaker_rule_cue_and_mention() {
        use crate::cli::fixture;
        let located = Located::new(fixture::TEXT);
        let record = file_record(
            "k.txt",
            DocumentFormat::PlainText,
            &located,
            &fixture::analysis(),
        );
        let json = serde_json::to_value(&record).unwrap_or_default();
        let quote = &json["quotes"][0];
        assert_eq!(quote["text"], "A slap was delivered,");
        assert_eq!(quote["speaker"], "Ali Khamenei");
        assert_eq!(quote["entity"], 0);
        assert_eq!(quote["rule"], "speech-verb");
        assert_eq!(quote["reference"], "role");
        assert_eq!(quote["confidence"], 0.9);
        assert_eq!(quote["cue"]["text"], "remarked");
        assert_eq!(quote["mention"]["text"], "the Leader");
        assert_eq!(quote["antecedent"]["text"], "Ayatollah Ali Khamenei");
        assert_eq!(
            quote["range"]["start"],
            serde_json::json!({"line": 5, "column": 1})
        );
        let unattributed = &json["quotes"][1];
        assert_eq!(unattributed["speaker"], serde_json::Value::Null);
        assert_eq!(unattributed["cue"], serde_json::Value::Null);
        assert_eq!(json["entities"][0]["type"], "person");
        assert_eq!(json["entities"][1]["mentions"][0]["text"], "Qom");
        assert_eq!(json["metadata"][0]["kind"], "headline");
        assert_eq!(json["metadata"][0]["text"], "Leader speaks");
        assert_eq!(json["findings"][0]["code"], "unattributed-quote");
        assert_eq!(json["findings"][0]["severity"], "warning");
    }

    #[test]
    fn confidence_is_rounded_to_three_decimals() {
        assert_eq!(round_confidence(0.9), 0.9);
        assert_eq!(round_confidence(0.12345), 0.123);
    }
}
