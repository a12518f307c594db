//! The one place where byte offsets and editor positions are converted, in both directions.
//!
//! A position is a zero-based line and a column counted in the units of a [`PositionEncoding`].
//! Lines break only at LF, CR and CRLF, as the Language Server Protocol says (ropey's
//! `cr_lines` feature without `unicode_lines`), so U+2028 and U+0085 stay inside a line.
//! Out-of-range lines and columns are clamped, never a panic.

use ropey::Rope;

/// The unit in which a column is counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum PositionEncoding {
    /// Bytes of UTF-8.
    Utf8,
    /// UTF-16 code units: the protocol's default.
    #[default]
    Utf16,
    /// Unicode code points.
    Utf32,
}

/// A zero-based line and column; the column is in the units of some [`PositionEncoding`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct LineColumn {
    pub line: u32,
    pub column: u32,
}

impl LineColumn {
    pub fn new(line: u32, column: u32) -> Self {
        Self { line, column }
    }
}

/// The position of byte `offset` of `rope`.
///
/// An offset past the end is clamped to the end; one inside a multi-byte character is moved back
/// to that character's start. O(log n).
pub fn offset_to_position(rope: &Rope, offset: usize, encoding: PositionEncoding) -> LineColumn {
    let offset = offset.min(rope.len_bytes());
    let char_index = rope.byte_to_char(offset);
    let line = rope.char_to_line(char_index);
    let line_start_char = rope.line_to_char(line);
    let column = match encoding {
        PositionEncoding::Utf8 => {
            rope.char_to_byte(char_index) - rope.char_to_byte(line_start_char)
        }
        PositionEncoding::Utf16 => {
            rope.char_to_utf16_cu(char_index) - rope.char_to_utf16_cu(line_start_char)
        }
        PositionEncoding::Utf32 => char_index - line_start_char,
    };
    LineColumn {
        line: saturate(line),
        column: saturate(column),
    }
}

/// The byte offset of `position` in `rope`.
///
/// A line past the end gives the end of the text; a column past the end of its line gives the
/// end of the line (before its line break); a column inside a character (a UTF-8 byte or the
/// second half of a UTF-16 surrogate pair) gives that character's start. O(log n).
pub fn position_to_offset(rope: &Rope, position: LineColumn, encoding: PositionEncoding) -> usize {
    let line = position.line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let line_start_char = rope.line_to_char(line);
    let line_end_char = line_content_end_char(rope, line);
    let column = position.column as usize;
    let char_index = match encoding {
        PositionEncoding::Utf8 => {
            let line_start_byte = rope.char_to_byte(line_start_char);
            let line_end_byte = rope.char_to_byte(line_end_char);
            let target = line_start_byte.saturating_add(column).min(line_end_byte);
            rope.byte_to_char(target)
        }
        PositionEncoding::Utf16 => {
            let line_start_unit = rope.char_to_utf16_cu(line_start_char);
            let line_end_unit = rope.char_to_utf16_cu(line_end_char);
            let target = line_start_unit.saturating_add(column).min(line_end_unit);
            rope.utf16_cu_to_char(target)
        }
        PositionEncoding::Utf32 => line_start_char.saturating_add(column).min(line_end_char),
    };
    rope.char_to_byte(char_index)
}

/// The char index just past the last character of `line` that is not part of its line break.
fn line_content_end_char(rope: &Rope, line: usize) -> usize {
    let next_line_start = if line + 1 < rope.len_lines() {
        rope.line_to_char(line + 1)
    } else {
        rope.len_chars()
    };
    let line_start = rope.line_to_char(line);
    let mut end = next_line_start;
    if end > line_start && rope.char(end - 1) == '\n' {
        end -= 1;
    }
    if end > line_start && rope.char(end - 1) == '\r' {
        end -= 1;
    }
    end
}

fn saturate(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use PositionEncoding::{Utf8, Utf16, Utf32};

    fn pos(line: u32, column: u32) -> LineColumn {
        LineColumn::new(line, column)
    }

    #[test]
    fn emoji_is_two_utf16_units_four_bytes_one_code_point() {
        let rope = Rope::from_str("a😀b");
        let b = "a😀".len();
        assert_eq!(offset_to_position(&rope, b, Utf8), pos(0, 5));
        assert_eq!(offset_to_position(&rope, b, Utf16), pos(0, 3));
        assert_eq!(offset_to_position(&rope, b, Utf32), pos(0, 2));
        assert_eq!(position_to_offset(&rope, pos(0, 3), Utf16), b);
        assert_eq!(position_to_offset(&rope, pos(0, 2), Utf32), b);
    }

    #[test]
    fn a_column_inside_a_surrogate_pair_moves_to_the_character_start() {
        let rope = Rope::from_str("a😀b");
        assert_eq!(position_to_offset(&rope, pos(0, 2), Utf16), 1);
    }

    #[test]
    fn a_utf8_column_inside_a_character_moves_to_its_start() {
        let rope = Rope::from_str("日本");
        assert_eq!(position_to_offset(&rope, pos(0, 4), Utf8), 3);
        assert_eq!(offset_to_position(&rope, 4, Utf8), pos(0, 3));
    }

    #[test]
    fn cjk_and_combining_marks_count_per_code_point() {
        let text = "日本語 e\u{301}x";
        let rope = Rope::from_str(text);
        let x = text.find('x').unwrap_or_default();
        assert_eq!(offset_to_position(&rope, x, Utf16), pos(0, 6));
        assert_eq!(offset_to_position(&rope, x, Utf32), pos(0, 6));
        assert_eq!(offset_to_position(&rope, x, Utf8), pos(0, 13));
    }

    #[test]
    fn lines_break_at_lf_cr_and_crlf_but_not_at_unicode_separators() {
        let text = "a\r\nb\rc\nd\u{2028}e\u{85}f";
        let rope = Rope::from_str(text);
        assert_eq!(
            offset_to_position(&rope, text.find('b').unwrap_or_default(), Utf16),
            pos(1, 0)
        );
        assert_eq!(
            offset_to_position(&rope, text.find('c').unwrap_or_default(), Utf16),
            pos(2, 0)
        );
        assert_eq!(
            offset_to_position(&rope, text.find('d').unwrap_or_default(), Utf16),
            pos(3, 0)
        );
        assert_eq!(
            offset_to_position(&rope, text.find('f').unwrap_or_default(), Utf16),
            pos(3, 4)
        );
    }

    #[test]
    fn a_column_past_the_line_end_stops_before_the_line_break() {
        let rope = Rope::from_str("ab\r\ncd");
        assert_eq!(position_to_offset(&rope, pos(0, 99), Utf16), 2);
        assert_eq!(position_to_offset(&rope, pos(0, 99), Utf8), 2);
        assert_eq!(position_to_offset(&rope, pos(0, 99), Utf32), 2);
    }

    #[test]
    fn a_line_past_the_end_is_the_end_of_the_text() {
        let rope = Rope::from_str("ab\ncd");
        assert_eq!(position_to_offset(&rope, pos(7, 0), Utf16), 5);
        assert_eq!(offset_to_position(&rope, 99, Utf16), pos(1, 2));
    }

    #[test]
    fn the_empty_line_after_a_final_newline_is_addressable() {
        let rope = Rope::from_str("ab\n");
        assert_eq!(position_to_offset(&rope, pos(1, 0), Utf16), 3);
        assert_eq!(offset_to_position(&rope, 3, Utf16), pos(1, 0));
    }

    mod round_trip {
        use super::*;
        use proptest::prelude::*;

        fn text_strategy() -> impl Strategy<Value = String> {
            proptest::collection::vec(
                prop_oneof![
                    Just("a"),
                    Just("é"),
                    Just("e\u{301}"),
                    Just("日本"),
                    Just("😀"),
                    Just("\n"),
                    Just("\r\n"),
                    Just("\r"),
                    Just("\u{2028}"),
                    Just("\u{85}"),
                    Just("“"),
                    Just(" "),
                ],
                0..40,
            )
            .prop_map(|pieces| pieces.concat())
        }

        proptest! {
            #[test]
            fn every_char_boundary_survives_a_round_trip(text in text_strategy()) {
                let rope = Rope::from_str(&text);
                for encoding in [Utf8, Utf16, Utf32] {
                    for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
                        let position = offset_to_position(&rope, offset, encoding);
                        let back = position_to_offset(&rope, position, encoding);
                        // The one exception: an offset between CR and LF of a CRLF is not a
                        // position of its own; it maps back to the end of the line's content.
                        if text[..offset].ends_with('\r') && text[offset..].starts_with('\n') {
                            prop_assert_eq!(back, offset - 1);
                        } else {
                            prop_assert_eq!(back, offset);
                        }
                    }
                }
            }

            #[test]
            fn any_position_maps_to_a_char_boundary(text in text_strategy(), line in 0u32..50, column in 0u32..200) {
                let rope = Rope::from_str(&text);
                for encoding in [Utf8, Utf16, Utf32] {
                    let offset = position_to_offset(&rope, LineColumn::new(line, column), encoding);
                    prop_assert!(text.is_char_boundary(offset));
                }
            }
        }
    }
}
