//! Conversions between protocol types and the analysis' types.
//!
//! Positions go through `text::offset_to_position` and `text::position_to_offset` and nowhere
//! else, so the negotiated encoding is applied in exactly one way.

use ropey::Rope;
use tower_lsp_server::ls_types::{
    DiagnosticSeverity, Position, PositionEncodingKind, Range, TextDocumentContentChangeEvent,
};

use crate::analysis::Severity;
use crate::text::{
    LineColumn, PositionEncoding, TextChange, TextRange, offset_to_position, position_to_offset,
};

/// The protocol position of byte `offset` of `rope`.
pub fn position(rope: &Rope, offset: usize, encoding: PositionEncoding) -> Position {
    let LineColumn { line, column } = offset_to_position(rope, offset, encoding);
    Position::new(line, column)
}

/// The protocol range of a byte range of `rope`.
pub fn range(rope: &Rope, range: TextRange, encoding: PositionEncoding) -> Range {
    Range::new(
        position(rope, range.start, encoding),
        position(rope, range.end, encoding),
    )
}

/// The byte offset of a protocol position, clamped into the text.
pub fn offset(rope: &Rope, position: Position, encoding: PositionEncoding) -> usize {
    position_to_offset(rope, line_column(position), encoding)
}

/// The byte range of a protocol range, clamped into the text and put in order.
pub fn text_range(rope: &Rope, range: Range, encoding: PositionEncoding) -> TextRange {
    TextRange::new(
        offset(rope, range.start, encoding),
        offset(rope, range.end, encoding),
    )
}

fn line_column(position: Position) -> LineColumn {
    LineColumn::new(position.line, position.character)
}

/// A client's content change as a text-model change.
pub fn text_change(event: TextDocumentContentChangeEvent) -> TextChange {
    TextChange {
        range: event
            .range
            .map(|range| (line_column(range.start), line_column(range.end))),
        text: event.text,
    }
}

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Information => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

pub fn encoding_kind(encoding: PositionEncoding) -> PositionEncodingKind {
    match encoding {
        PositionEncoding::Utf8 => PositionEncodingKind::UTF8,
        PositionEncoding::Utf16 => PositionEncodingKind::UTF16,
        PositionEncoding::Utf32 => PositionEncodingKind::UTF32,
    }
}
