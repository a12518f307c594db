//! The feature modules over a hand-made analysis, so that navigation, hints and tokens are
//! checked with speakers and entities whatever the engine finds today.
//!
//! The fixture's lines (UTF-16 columns; the emoji is two units):
//!
//! ```text
//! 0  😀 Ali Khamenei spoke in Qom.
//! 1
//! 2  “We will win in Qom,” he said.
//! 3
//! 4  “Never,” Khamenei added.
//! ```

use expect_test::{Expect, expect};
use ropey::Rope;
use tower_lsp_server::ls_types::{Position, Range, Uri};

use super::documents::Analyzed;
use super::navigation::Declaration;
use super::{convert, inlay_hints, navigation, semantic_tokens};
use crate::analysis::{
    Analysis, Attribution, AttributionRule, DocumentFormat, Entity, EntityId, EntityKind, Quote,
    QuoteKind, QuotePiece, SpeakerReference,
};
use crate::text::{PositionEncoding, TextRange};

const TEXT: &str =
    "😀 Ali Khamenei spoke in Qom.\n\n“We will win in Qom,” he said.\n\n“Never,” Khamenei added.\n";

/// The byte range of the `nth` (from 0) occurrence of `needle`.
fn find(needle: &str, nth: usize) -> TextRange {
    let start = TEXT
        .match_indices(needle)
        .nth(nth)
        .map(|(start, _)| start)
        .unwrap_or_else(|| panic!("{needle:?} #{nth} is in the fixture"));
    TextRange::new(start, start + needle.len())
}

fn quote(whole: &str, attribution: Attribution) -> Quote {
    let range = find(whole, 0);
    let open = '“'.len_utf8();
    let close = '”'.len_utf8();
    Quote {
        range,
        pieces: vec![QuotePiece {
            range,
            content: TextRange::new(range.start + open, range.end - close),
            opening_mark: Some(TextRange::new(range.start, range.start + open)),
            closing_mark: Some(TextRange::new(range.end - close, range.end)),
        }],
        kind: QuoteKind::Direct,
        nested: Vec::new(),
        attribution: Some(attribution),
    }
}

fn fixture() -> Analyzed {
    let khamenei = Entity {
        name: "Ali Khamenei".to_owned(),
        kind: EntityKind::Person,
        aliases: vec!["Khamenei".to_owned()],
        mentions: vec![find("Ali Khamenei", 0), find("Khamenei", 1)],
    };
    let qom = Entity {
        name: "Qom".to_owned(),
        kind: EntityKind::Place,
        aliases: Vec::new(),
        mentions: vec![find("Qom", 0), find("Qom", 1)],
    };
    let pronoun = Attribution {
        speaker: "Ali Khamenei".to_owned(),
        entity: Some(EntityId(0)),
        mention: find("he", 0),
        reference: SpeakerReference::Pronoun,
        antecedent: Some(find("Ali Khamenei", 0)),
        cue: Some(find("said", 0)),
        rule: AttributionRule::SpeechVerb,
        confidence: 0.8,
    };
    let named = Attribution {
        speaker: "Ali Khamenei".to_owned(),
        entity: Some(EntityId(0)),
        mention: find("Khamenei", 1),
        reference: SpeakerReference::Name,
        antecedent: None,
        cue: Some(find("added", 0)),
        rule: AttributionRule::SpeechVerb,
        confidence: 0.95,
    };
    let analysis = Analysis {
        quotes: vec![
            quote("“We will win in Qom,”", pronoun),
            quote("“Never,”", named),
        ],
        entities: vec![khamenei, qom],
        metadata: Vec::new(),
        findings: Vec::new(),
    };
    Analyzed {
        version: 1,
        revision: 1,
        rope: Rope::from_str(TEXT),
        text: TEXT.to_owned(),
        format: DocumentFormat::PlainText,
        analysis,
        limited: None,
    }
}

const ENCODING: PositionEncoding = PositionEncoding::Utf16;

/// Test-only: a literal URI that always parses; no client input reaches it.
fn uri() -> Uri {
    let Ok(uri) = "file:///fixture.txt".parse() else {
        panic!("the fixture URI is a valid URI");
    };
    uri
}

/// The byte offset of a UTF-16 position, through the server's converter.
fn at(analyzed: &Analyzed, line: u32, character: u32) -> usize {
    convert::offset(&analyzed.rope, Position::new(line, character), ENCODING)
}

fn show(range: Range) -> String {
    format!(
        "{}:{}-{}:{}",
        range.start.line, range.start.character, range.end.line, range.end.character
    )
}

fn check(actual: String, expect: Expect) {
    expect.assert_eq(&actual);
}

#[test]
fn definition_goes_to_the_first_full_mention_from_a_quote_a_pronoun_or_a_name() {
    let analyzed = fixture();
    let from = |line, character| {
        navigation::definition(&uri(), &analyzed, at(&analyzed, line, character), ENCODING)
            .map_or("none".to_owned(), |location| show(location.range))
    };
    // Inside the first quotation, on "he", on the later "Khamenei": all go to "Ali Khamenei".
    check(
        [from(2, 3), from(2, 22), from(4, 10), from(1, 0)].join(" "),
        expect!["0:3-0:15 0:3-0:15 0:3-0:15 none"],
    );
}

#[test]
fn references_list_mentions_and_quotes_and_can_leave_out_the_declaration() {
    let analyzed = fixture();
    let references = |declaration| {
        navigation::references(
            &uri(),
            &analyzed,
            at(&analyzed, 2, 22),
            ENCODING,
            declaration,
        )
        .into_iter()
        .map(|location| show(location.range))
        .collect::<Vec<_>>()
        .join(" ")
    };
    check(
        references(Declaration::Include),
        expect!["0:3-0:15 2:0-2:21 4:0-4:8 4:9-4:17"],
    );
    check(
        references(Declaration::Exclude),
        expect!["2:0-2:21 4:0-4:8 4:9-4:17"],
    );
}

#[test]
fn highlights_mark_the_definition_as_write_and_the_rest_as_read() {
    let analyzed = fixture();
    let highlights = navigation::highlights(&analyzed, at(&analyzed, 4, 12), ENCODING);
    check(
        highlights
            .iter()
            .map(|highlight| format!("{} {:?}", show(highlight.range), highlight.kind))
            .collect::<Vec<_>>()
            .join("\n"),
        expect![[r#"
            0:3-0:15 Some(Write)
            4:9-4:17 Some(Read)"#]],
    );
}

#[test]
fn an_inlay_hint_names_the_speaker_of_a_quote_attributed_through_a_pronoun_only() {
    let analyzed = fixture();
    let whole = TextRange::new(0, TEXT.len());
    let hints = inlay_hints::inlay_hints(&analyzed, whole, ENCODING);
    check(
        hints
            .iter()
            .map(|hint| {
                let label = match &hint.label {
                    tower_lsp_server::ls_types::InlayHintLabel::String(label) => label.clone(),
                    other => format!("{other:?}"),
                };
                format!("{}:{} {label}", hint.position.line, hint.position.character)
            })
            .collect::<Vec<_>>()
            .join("\n"),
        expect!["2:21 — Ali Khamenei"],
    );
    let elsewhere = TextRange::new(at(&analyzed, 4, 0), TEXT.len());
    assert!(inlay_hints::inlay_hints(&analyzed, elsewhere, ENCODING).is_empty());
}

#[test]
fn semantic_tokens_cut_quotations_around_names_and_never_overlap() {
    let analyzed = fixture();
    let tokens = semantic_tokens::semantic_tokens(&analyzed, ENCODING);
    let names = ["quote", "speaker", "person", "organization", "place"];
    let (mut line, mut start) = (0, 0);
    let mut rendered = Vec::new();
    for token in &tokens {
        if token.delta_line > 0 {
            line += token.delta_line;
            start = token.delta_start;
        } else {
            start += token.delta_start;
        }
        let name = names.get(token.token_type as usize).copied().unwrap_or("?");
        rendered.push(format!("{line}:{start}+{} {name}", token.length));
    }
    check(
        rendered.join("\n"),
        expect![[r#"
            0:3+12 person
            0:25+3 place
            2:0+16 quote
            2:16+3 place
            2:19+2 quote
            2:22+2 speaker
            4:0+8 quote
            4:9+8 person"#]],
    );
}
