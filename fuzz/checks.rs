//! What the fuzz targets run on each input, and what they assert. Shared with the integration
//! tests (`tests/it/hardening.rs`), which replay the committed regression inputs through the same
//! functions: CI runs the inputs, not the fuzzer.
//!
//! - [`analysis_input`]: the bytes are a text (when they are UTF-8); the first byte picks plain
//!   text or Markdown. Analyses it, builds the outline, hovers at a few offsets, and asserts that
//!   every range lies inside the text on `char` boundaries.
//! - [`edits_input`]: the bytes are decoded into an encoding, a starting text and a sequence of
//!   edits at arbitrary positions; each is applied to a `text::Document` and to a plain `String`
//!   model written here from the documented rules (lines break at LF, CR and CRLF; columns clamp
//!   to the end of the line's content; a column inside a character means its start), the two must
//!   agree, and the final text is analysed as above.

#![allow(dead_code)] // Each user needs only part of it.

use newsls::analysis::{self, Analysis, Config, DocumentFormat, OutlineItem};
use newsls::text::{
    Document, LineColumn, PositionEncoding, TextChange, TextRange, offset_to_position,
    position_to_offset,
};

/// Runs the analysis target on `data`.
pub fn analysis_input(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let format = if first % 2 == 0 {
        DocumentFormat::PlainText
    } else {
        DocumentFormat::Markdown
    };
    check_analysis(text, format);
}

/// Analyses `text`, builds its outline and hovers, and checks every range.
pub fn check_analysis(text: &str, format: DocumentFormat) {
    let analysis = analysis::analyze(text, &Config { format });
    check_ranges(text, &analysis);
    let outline = analysis::outline::outline(&analysis, text);
    check_outline(text, &outline);
    let length = text.len();
    let mut offsets = vec![0, length / 3, length / 2, length, length.saturating_add(7)];
    for quote in analysis.quotes.iter().take(4) {
        offsets.push(quote.range.start);
        offsets.push(quote.range.start.saturating_add(1));
    }
    for entity in analysis.entities.iter().take(4) {
        offsets.extend(entity.mentions.first().map(|mention| mention.start));
    }
    for offset in offsets {
        let offset = floor_char_boundary(text, offset);
        if let Some(hover) = analysis::hover::hover(&analysis, text, offset) {
            check_range(text, hover.range, "hover");
            assert!(!hover.markdown.is_empty(), "an empty hover at {offset}");
        }
    }
}

fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn check_range(text: &str, range: TextRange, what: &str) {
    assert!(
        range.start <= range.end && range.end <= text.len(),
        "{what} range {range:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
        "{what} range {range:?} not on char boundaries"
    );
}

fn check_ranges(text: &str, analysis: &Analysis) {
    for quote in &analysis.quotes {
        check_range(text, quote.range, "quote");
        assert!(!quote.pieces.is_empty(), "a quote with no pieces");
        for piece in &quote.pieces {
            check_range(text, piece.range, "piece");
            check_range(text, piece.content, "piece content");
            for mark in [piece.opening_mark, piece.closing_mark]
                .into_iter()
                .flatten()
            {
                check_range(text, mark, "quotation mark");
            }
        }
        for nested in &quote.nested {
            check_range(text, *nested, "nested quote");
        }
        if let Some(attribution) = &quote.attribution {
            check_range(text, attribution.mention, "speaker mention");
            for range in [attribution.antecedent, attribution.cue]
                .into_iter()
                .flatten()
            {
                check_range(text, range, "attribution");
            }
            if let Some(entity) = attribution.entity {
                assert!(
                    analysis.entity(entity).is_some(),
                    "an attribution names entity {entity:?}, which does not exist"
                );
            }
        }
        let _ = quote.text(text);
        let _ = quote.opening_words(text, 60);
    }
    for entity in &analysis.entities {
        for mention in &entity.mentions {
            check_range(text, *mention, "entity mention");
        }
    }
    for line in &analysis.metadata {
        check_range(text, line.range, "metadata line");
    }
    for finding in &analysis.findings {
        check_range(text, finding.range, "finding");
        for related in &finding.related {
            check_range(text, related.range, "related range");
        }
    }
}

fn check_outline(text: &str, items: &[OutlineItem]) {
    for item in items {
        check_range(text, item.range, "outline item");
        check_range(text, item.selection, "outline selection");
        check_outline(text, &item.children);
    }
}

/// Reads the fuzzer's bytes one at a time; past the end every read is zero.
struct Bytes<'a> {
    data: &'a [u8],
}

impl Bytes<'_> {
    fn byte(&mut self) -> u8 {
        match self.data.split_first() {
            Some((&first, rest)) => {
                self.data = rest;
                first
            }
            None => 0,
        }
    }

    fn u16(&mut self) -> u16 {
        u16::from_le_bytes([self.byte(), self.byte()])
    }

    /// Up to `length` bytes as text (invalid UTF-8 replaced, as a client could not send it).
    fn text(&mut self, length: usize) -> String {
        let length = length.min(self.data.len());
        let (taken, rest) = self.data.split_at(length);
        self.data = rest;
        String::from_utf8_lossy(taken).into_owned()
    }

    fn is_empty(&self) -> bool {
        self.data.is_empty()
    }
}

/// Runs the edits target on `data`.
pub fn edits_input(data: &[u8]) {
    let mut bytes = Bytes { data };
    let encoding = match bytes.byte() % 3 {
        0 => PositionEncoding::Utf8,
        1 => PositionEncoding::Utf16,
        _ => PositionEncoding::Utf32,
    };
    let initial_length = usize::from(bytes.byte());
    let initial = bytes.text(initial_length);
    let mut document = Document::new(&initial, 0);
    let mut model = initial;
    let mut version = 0;
    while !bytes.is_empty() && version < 64 {
        version += 1;
        let kind = bytes.byte();
        let start = LineColumn::new(u32::from(bytes.byte() % 8), column(&mut bytes));
        let end = LineColumn::new(u32::from(bytes.byte() % 8), column(&mut bytes));
        let length = usize::from(bytes.byte() % 32);
        let inserted = bytes.text(length);
        let change = if kind % 16 == 0 {
            model.clone_from(&inserted);
            TextChange {
                range: None,
                text: inserted,
            }
        } else {
            let start_offset = model_offset(&model, start, encoding);
            let end_offset = model_offset(&model, end, encoding);
            let (from, to) = if start_offset <= end_offset {
                (start_offset, end_offset)
            } else {
                (end_offset, start_offset)
            };
            model.replace_range(from..to, &inserted);
            TextChange {
                range: Some((start, end)),
                text: inserted,
            }
        };
        document.apply_changes(std::slice::from_ref(&change), version, encoding);
        let text = document.text();
        assert_eq!(text, model, "after {change:?} in {encoding:?}");
        check_positions(&document, &text, encoding);
    }
    assert_eq!(document.version(), version);
    check_analysis(&document.text(), DocumentFormat::PlainText);
}

/// A column: small most of the time, sometimes huge.
fn column(bytes: &mut Bytes<'_>) -> u32 {
    let raw = bytes.u16();
    if raw & 0x8000 != 0 {
        u32::MAX - u32::from(raw & 0xff)
    } else {
        u32::from(raw % 64)
    }
}

/// Each position a conversion gives converts back to the same offset (except an offset between
/// the CR and LF of a line break, which has no position of its own: it comes back as the end of
/// the line's content).
fn check_positions(document: &Document, text: &str, encoding: PositionEncoding) {
    let rope = document.rope();
    let step = (text.len() / 16).max(1);
    for offset in (0..=text.len() + 1).step_by(step) {
        let bytes = text.as_bytes();
        let inside_crlf = offset > 0
            && bytes.get(offset - 1) == Some(&b'\r')
            && bytes.get(offset) == Some(&b'\n');
        if inside_crlf {
            continue;
        }
        let position = offset_to_position(rope, offset, encoding);
        let back = position_to_offset(rope, position, encoding);
        let expected = floor_char_boundary(text, offset);
        assert_eq!(
            back, expected,
            "offset {offset} → {position:?} → {back} in {encoding:?}"
        );
    }
}

/// The byte offset of `position` in `text`, computed independently of `crate::text`.
fn model_offset(text: &str, position: LineColumn, encoding: PositionEncoding) -> usize {
    let bytes = text.as_bytes();
    // (start, end of content) of each line.
    let mut lines = Vec::new();
    let mut start = 0;
    let mut index = 0;
    while index < bytes.len() {
        match bytes.get(index) {
            Some(b'\n') => {
                lines.push((start, index));
                start = index + 1;
            }
            Some(b'\r') => {
                lines.push((start, index));
                if bytes.get(index + 1) == Some(&b'\n') {
                    index += 1;
                }
                start = index + 1;
            }
            _ => {}
        }
        index += 1;
    }
    lines.push((start, bytes.len()));
    let Some(&(line_start, line_end)) = lines.get(position.line as usize) else {
        return text.len();
    };
    let line = &text[line_start..line_end];
    let wanted = position.column as usize;
    let mut units = 0;
    for (at, character) in line.char_indices() {
        let width = match encoding {
            PositionEncoding::Utf8 => character.len_utf8(),
            PositionEncoding::Utf16 => character.len_utf16(),
            PositionEncoding::Utf32 => 1,
        };
        if units + width > wanted {
            return line_start + at;
        }
        units += width;
    }
    line_end
}

/// Runs the misquote target on `data`: each line of the text (when it is UTF-8) is a quotation,
/// from article `line number % 3`. Finding misquotes among them must not panic, every pair found
/// must join two articles with `first < second` and say where the words differ, and no
/// quotation is a misquote of itself.
pub fn misquote_input(data: &[u8]) {
    use newsls::analysis::misquote::{self, Candidate, Thresholds};
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let candidates: Vec<Candidate<'_>> = text
        .lines()
        .take(64)
        .enumerate()
        .map(|(line, text)| Candidate {
            text,
            source: (line % 3) as u32,
        })
        .collect();
    let thresholds = Thresholds::default();
    for focus in [None, Some(0)] {
        for found in misquote::find(&candidates, focus, &thresholds) {
            assert!(found.first < found.second, "{found:?}");
            let (Some(first), Some(second)) =
                (candidates.get(found.first), candidates.get(found.second))
            else {
                panic!("a misquote outside the candidates: {found:?}");
            };
            assert_ne!(first.source, second.source, "{found:?}");
            assert!(!found.comparison.differences.is_empty(), "{found:?}");
            if let Some(focus) = focus {
                assert!(first.source == focus || second.source == focus, "{found:?}");
            }
        }
    }
    for candidate in &candidates {
        assert_eq!(
            misquote::compare(candidate.text, candidate.text, &thresholds),
            None,
            "a quotation is no misquote of itself: {:?}",
            candidate.text
        );
    }
}
