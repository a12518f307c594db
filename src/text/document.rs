//! An open document: its text in a rope, and the version the client gave it.

use ropey::Rope;

use super::position::{LineColumn, PositionEncoding, position_to_offset};
use super::range::TextRange;

/// One change sent by a client: either a whole new text (`range` is `None`) or a replacement of
/// the text between two positions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextChange {
    pub range: Option<(LineColumn, LineColumn)>,
    pub text: String,
}

/// A document kept in a rope, with its version.
#[derive(Clone, Debug)]
pub struct Document {
    rope: Rope,
    version: i32,
}

impl Document {
    pub fn new(text: &str, version: i32) -> Self {
        Self {
            rope: Rope::from_str(text),
            version,
        }
    }

    pub fn rope(&self) -> &Rope {
        &self.rope
    }

    pub fn version(&self) -> i32 {
        self.version
    }

    /// The whole text as one `String` (O(n)).
    pub fn text(&self) -> String {
        self.rope.to_string()
    }

    /// Applies `changes` in order and sets the new version.
    ///
    /// Positions are clamped into the document, and a range whose start is after its end is
    /// taken in the right order, so no change a client sends can panic. O(log n) per change
    /// plus the length of the inserted text.
    pub fn apply_changes(
        &mut self,
        changes: &[TextChange],
        version: i32,
        encoding: PositionEncoding,
    ) {
        for change in changes {
            self.apply_change(change, encoding);
        }
        self.version = version;
    }

    fn apply_change(&mut self, change: &TextChange, encoding: PositionEncoding) {
        let Some((start, end)) = change.range else {
            self.rope = Rope::from_str(&change.text);
            return;
        };
        let start = position_to_offset(&self.rope, start, encoding);
        let end = position_to_offset(&self.rope, end, encoding);
        let range = TextRange::new(start, end);
        // Both offsets lie on char boundaries (position_to_offset guarantees it), so the
        // char conversions below are exact.
        let start_char = self.rope.byte_to_char(range.start);
        let end_char = self.rope.byte_to_char(range.end);
        self.rope.remove(start_char..end_char);
        self.rope.insert(start_char, &change.text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(start: (u32, u32), end: (u32, u32), text: &str) -> TextChange {
        TextChange {
            range: Some((
                LineColumn::new(start.0, start.1),
                LineColumn::new(end.0, end.1),
            )),
            text: text.to_owned(),
        }
    }

    #[test]
    fn changes_apply_in_order() {
        let mut document = Document::new("said the mayor\n", 1);
        let changes = [
            change((0, 0), (0, 4), "added"),
            change((0, 15), (0, 15), "."),
        ];
        document.apply_changes(&changes, 2, PositionEncoding::Utf16);
        assert_eq!(document.text(), "added the mayor.\n");
        assert_eq!(document.version(), 2);
    }

    #[test]
    fn a_full_change_replaces_the_text() {
        let mut document = Document::new("old", 1);
        let changes = [TextChange {
            range: None,
            text: "new".to_owned(),
        }];
        document.apply_changes(&changes, 2, PositionEncoding::Utf16);
        assert_eq!(document.text(), "new");
    }

    #[test]
    fn a_reversed_or_out_of_range_change_is_clamped_not_a_panic() {
        let mut document = Document::new("a😀b\n", 1);
        let changes = [change((0, 9), (0, 2), "X"), change((40, 0), (41, 3), "!")];
        document.apply_changes(&changes, 2, PositionEncoding::Utf16);
        assert_eq!(document.text(), "aX\n!");
    }
}
