//! What part of a text is prose, and its paragraphs.
//!
//! Markdown that is not prose (fenced and indented code, inline code, link targets, HTML tags
//! and comments) is masked: every byte of it becomes an ASCII space in a copy of the text. The
//! copy has the same length and the same `char` boundaries at every unmasked place, so every
//! later stage can work on it and still report offsets into the original text.

use std::borrow::Cow;

use super::DocumentFormat;
use crate::text::TextRange;

/// The article as the later stages see it.
#[derive(Debug)]
pub struct Prose<'a> {
    text: Cow<'a, str>,
    paragraphs: Vec<TextRange>,
}

impl<'a> Prose<'a> {
    pub fn new(source: &'a str, format: DocumentFormat) -> Self {
        let mut text = match format {
            DocumentFormat::PlainText => Cow::Borrowed(source),
            DocumentFormat::Markdown => Cow::Owned(mask_markdown(source)),
        };
        // Annotations (front matter, inline annotation lines) are not prose either.
        let annotations = super::annotations::non_prose(source, format);
        if !annotations.is_empty() {
            text = Cow::Owned(mask_ranges(&text, &annotations));
        }
        let paragraphs = paragraphs(&text);
        Prose { text, paragraphs }
    }

    /// The text with non-prose masked; offsets are those of the original text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Paragraphs in text order: runs of non-blank lines, each trimmed of surrounding white space.
    pub fn paragraphs(&self) -> &[TextRange] {
        &self.paragraphs
    }

    /// The index of the paragraph containing `offset`, if any.
    pub fn paragraph_index_at(&self, offset: usize) -> Option<usize> {
        paragraph_index_at(&self.paragraphs, offset)
    }

    pub fn slice(&self, range: TextRange) -> &str {
        range.slice(&self.text)
    }
}

/// The index of the paragraph of `paragraphs` (sorted, disjoint) containing `offset`. O(log n).
pub fn paragraph_index_at(paragraphs: &[TextRange], offset: usize) -> Option<usize> {
    let index = paragraphs.partition_point(|paragraph| paragraph.end < offset);
    paragraphs
        .get(index)
        .filter(|paragraph| paragraph.touches(offset))
        .map(|_| index)
}

/// Splits `text` into paragraphs at blank lines (lines with nothing but white space).
fn paragraphs(text: &str) -> Vec<TextRange> {
    let mut paragraphs = Vec::new();
    let mut current: Option<TextRange> = None;
    let mut line_start = 0;
    for line in lines_inclusive(text) {
        let line_range = TextRange::new(line_start, line_start + line.len());
        line_start += line.len();
        let content = line.trim();
        if content.is_empty() {
            // A CRLF splits into "…\r" and "\n"; the lone "\n" is not a blank line of its own.
            if line == "\n" && text[..line_range.start].ends_with('\r') {
                continue;
            }
            paragraphs.extend(current.take());
            continue;
        }
        let leading = line.len() - line.trim_start().len();
        let content_range = TextRange::new(
            line_range.start + leading,
            line_range.start + leading + content.len(),
        );
        current = Some(match current {
            Some(paragraph) => paragraph.cover(content_range),
            None => content_range,
        });
    }
    paragraphs.extend(current);
    paragraphs
}

/// The lines of `text`, each with its `\n` or `\r` (as `split_inclusive(['\n', '\r'])`), found
/// by scanning bytes: both breaks are ASCII, so no character needs decoding.
fn lines_inclusive(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = line_break(rest.as_bytes()).map_or(rest.len(), |index| index + 1);
        let (line, after) = rest.split_at_checked(end)?;
        rest = after;
        Some(line)
    })
}

/// The offset of the first `\n` or `\r` in `bytes`. News paragraphs are long lines, so the
/// search reads eight bytes at a time, testing each word for either byte at once.
fn line_break(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let has_byte = |word: u64, byte: u8| {
        let matched = word ^ (ONES * u64::from(byte));
        matched.wrapping_sub(ONES) & !matched & HIGHS != 0
    };
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut chunks {
        let word = chunk
            .first_chunk::<8>()
            .map_or(0, |chunk| u64::from_ne_bytes(*chunk));
        if has_byte(word, b'\n') || has_byte(word, b'\r') {
            break;
        }
        offset += 8;
    }
    bytes
        .get(offset..)?
        .iter()
        .position(|&byte| byte == b'\n' || byte == b'\r')
        .map(|index| offset + index)
}

/// A copy of `text` with every byte of `ranges` but line breaks made a space. The ranges hold
/// whole lines, so no character is cut.
fn mask_ranges(text: &str, ranges: &[TextRange]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for range in ranges {
        for index in range.as_range() {
            if let Some(byte) = bytes.get_mut(index) {
                if *byte != b'\n' && *byte != b'\r' {
                    *byte = b' ';
                }
            }
        }
    }
    // Whole characters were replaced by spaces, so the bytes are still UTF-8; were they not, the
    // unmasked text is the safe answer.
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_owned())
}

/// A copy of a Markdown text with its non-prose parts replaced by spaces, byte for byte.
fn mask_markdown(source: &str) -> String {
    let mut bytes = source.as_bytes().to_vec();
    let mut masked = |range: std::ops::Range<usize>| {
        for index in range {
            if let Some(byte) = bytes.get_mut(index) {
                if *byte != b'\n' && *byte != b'\r' {
                    *byte = b' ';
                }
            }
        }
    };

    let mut in_fence: Option<&str> = None;
    let mut offset = 0;
    let mut previous_blank = true;
    for line in source.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_start();
        let fence = ["```", "~~~"]
            .into_iter()
            .find(|fence| trimmed.starts_with(fence));
        if let Some(open) = in_fence {
            masked(start..offset);
            if fence == Some(open) {
                in_fence = None;
            }
            continue;
        }
        if let Some(fence) = fence {
            in_fence = Some(fence);
            masked(start..offset);
            continue;
        }
        let indent = line.len() - trimmed.len();
        let is_indented_code = previous_blank
            && line[..indent].replace('\t', "    ").len() >= 4
            && !trimmed.trim().is_empty();
        if is_indented_code {
            masked(start..offset);
            continue;
        }
        previous_blank = trimmed.trim().is_empty();
        for range in inline_non_prose(line) {
            masked(start + range.start..start + range.end);
        }
    }
    // Only ASCII bytes were replaced, and only whole multi-byte characters lie inside the
    // ranges masked above (every range starts and ends at an ASCII delimiter), so the bytes are
    // still UTF-8; a failure would be a bug here, and the original text is the safe answer.
    String::from_utf8(bytes).unwrap_or_else(|_| source.to_owned())
}

/// Byte ranges of one Markdown line that are not prose: inline code, link targets, HTML tags
/// and comments, autolinks.
fn inline_non_prose(line: &str) -> Vec<std::ops::Range<usize>> {
    let bytes = line.as_bytes();
    let mut ranges = Vec::new();
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'`' => {
                let ticks = bytes[index..].iter().take_while(|&&b| b == b'`').count();
                let fence = &line[index..index + ticks];
                match line[index + ticks..].find(fence) {
                    Some(close) => {
                        let end = index + ticks + close + ticks;
                        ranges.push(index..end);
                        index = end;
                    }
                    None => index += ticks,
                }
            }
            b']' if bytes.get(index + 1) == Some(&b'(') => match line[index + 1..].find(')') {
                Some(close) => {
                    let end = index + 1 + close + 1;
                    ranges.push(index + 1..end);
                    index = end;
                }
                None => index += 1,
            },
            // Emphasis markers (`**Ravi Mendonça**`, `_word_`) are not words.
            b'*' | b'_' => {
                let run = bytes[index..]
                    .iter()
                    .take_while(|&&b| b == bytes[index])
                    .count();
                let before = index.checked_sub(1).and_then(|i| bytes.get(i)).copied();
                let after = bytes.get(index + run).copied();
                let flanks_a_word = before.is_some_and(|b| !b.is_ascii_whitespace())
                    || after.is_some_and(|b| !b.is_ascii_whitespace());
                let inside_a_word = before.is_some_and(|b| b.is_ascii_alphanumeric())
                    && after.is_some_and(|b| b.is_ascii_alphanumeric());
                if flanks_a_word && !(bytes[index] == b'_' && inside_a_word) {
                    ranges.push(index..index + run);
                }
                index += run;
            }
            b'<' => {
                let rest = &line[index..];
                let end = if rest.starts_with("<!--") {
                    rest.find("-->").map(|close| close + 3)
                } else if rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/') {
                    rest.find('>').map(|close| close + 1)
                } else {
                    None
                };
                match end {
                    Some(end) => {
                        ranges.push(index..index + end);
                        index += end;
                    }
                    None => index += 1,
                }
            }
            _ => index += 1,
        }
    }
    ranges
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_line_break_is_found_wherever_it_stands() {
        for length in 0..24 {
            for at in 0..=length {
                for byte in [b'\n', b'\r'] {
                    let mut bytes = vec![b'x'; length];
                    if at < length {
                        bytes[at] = byte;
                    }
                    let expected = (at < length).then_some(at);
                    assert_eq!(super::line_break(&bytes), expected, "{length} {at}");
                }
            }
        }
        assert_eq!(super::line_break("é\u{2028}x\r".as_bytes()), Some(6));
    }

    use super::*;

    fn paragraph_texts(text: &str) -> Vec<&str> {
        paragraphs(text)
            .into_iter()
            .map(|range| range.slice(text))
            .collect()
    }

    #[test]
    fn paragraphs_are_separated_by_blank_lines() {
        let text = "Headline\n\n  First line\nstill first.\r\n\r\nSecond.\n   \nThird";
        assert_eq!(
            paragraph_texts(text),
            ["Headline", "First line\nstill first.", "Second.", "Third"]
        );
    }

    #[test]
    fn crlf_does_not_make_blank_lines() {
        assert_eq!(
            paragraph_texts("One\r\nTwo\r\n\r\nThree"),
            ["One\r\nTwo", "Three"]
        );
    }

    #[test]
    fn markdown_code_links_and_html_are_masked_byte_for_byte() {
        let source = "Say “hi” `“code”` [link](http://x/“y”) <b>bold</b>\n```\n“fenced”\n```\n<!-- “note” -->";
        let masked = mask_markdown(source);
        assert_eq!(masked.len(), source.len());
        assert!(masked.starts_with("Say “hi”"));
        assert_eq!(masked.matches('“').count(), 1);
        assert!(masked.contains("[link"));
        assert!(masked.contains("bold"));
    }

    #[test]
    fn markdown_emphasis_markers_are_masked_but_snake_case_is_kept() {
        let masked = mask_markdown("said organiser **Ravi Mendonça**, a _keen_ snake_case fan");
        assert_eq!(
            masked,
            "said organiser   Ravi Mendonça  , a  keen  snake_case fan"
        );
    }

    #[test]
    fn paragraph_index_at_finds_the_paragraph() {
        let prose = Prose::new("One.\n\nTwo.", DocumentFormat::PlainText);
        assert_eq!(prose.paragraph_index_at(7), Some(1));
        assert_eq!(prose.paragraph_index_at(5), None);
    }
}
