//! Byte ranges into a text.

use std::fmt;
use std::ops::Range;

/// A half-open range of byte offsets `start..end` into a UTF-8 text.
///
/// Ranges produced by the analysis always lie on `char` boundaries of the text they came from.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct TextRange {
    pub start: usize,
    pub end: usize,
}

impl TextRange {
    /// A range from `start` to `end`; the two are swapped if given in the wrong order.
    pub fn new(start: usize, end: usize) -> Self {
        if start <= end {
            Self { start, end }
        } else {
            Self {
                start: end,
                end: start,
            }
        }
    }

    pub fn empty_at(offset: usize) -> Self {
        Self {
            start: offset,
            end: offset,
        }
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// True when `offset` lies inside the range or at its end (where a cursor after the last
    /// character of a word still counts as being on the word).
    pub fn touches(self, offset: usize) -> bool {
        self.start <= offset && offset <= self.end
    }

    pub fn contains_range(self, other: TextRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn intersects(self, other: TextRange) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest range covering both.
    pub fn cover(self, other: TextRange) -> TextRange {
        TextRange {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    pub fn as_range(self) -> Range<usize> {
        self.start..self.end
    }

    /// The text this range covers, or `""` when the range does not fit `text` or does not lie on
    /// its `char` boundaries.
    pub fn slice(self, text: &str) -> &str {
        text.get(self.as_range()).unwrap_or("")
    }
}

impl fmt::Debug for TextRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

impl From<Range<usize>> for TextRange {
    fn from(range: Range<usize>) -> Self {
        TextRange::new(range.start, range.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_orders_its_ends() {
        assert_eq!(TextRange::new(5, 2), TextRange { start: 2, end: 5 });
    }

    #[test]
    fn slice_never_panics_on_a_bad_range() {
        let text = "é";
        assert_eq!(TextRange::new(0, 1).slice(text), "");
        assert_eq!(TextRange::new(0, 9).slice(text), "");
        assert_eq!(TextRange::new(0, 2).slice(text), "é");
    }
}
