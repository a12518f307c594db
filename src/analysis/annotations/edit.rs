//! Edits that write annotations for the writer: each touches only the annotation (a line of the
//! front matter, a new front matter, an inline line before a paragraph), never the prose.

use super::syntax::PLAIN_TEXT_MARKER;
use super::{Annotations, FrontMatter, PinTarget};
use crate::analysis::{Check, DocumentFormat, Quote};
use crate::text::TextRange;

/// Replace `range` of the text with `new_text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextEdit {
    pub range: TextRange,
    pub new_text: String,
}

/// Indentation used under a key when the front matter shows none to copy.
const INDENT: usize = 2;

/// The shortest opening of `quote` (whole words, at least four unless the quotation is shorter)
/// that no other quotation begins with: the key of a pin.
pub fn pin_key(quote: &Quote, quotes: &[Quote], source: &str) -> String {
    let text = quote.text(source);
    let words: Vec<&str> = text.split_whitespace().collect();
    let others: Vec<String> = quotes
        .iter()
        .filter(|other| other.range != quote.range)
        .map(|other| {
            other
                .text(source)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let mut count = words.len().min(4);
    loop {
        let key = words.get(..count).unwrap_or(&words).join(" ");
        if count >= words.len() || !others.iter().any(|other| other.starts_with(&key)) {
            return key;
        }
        count += 1;
    }
}

/// A YAML scalar in double quotes.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push(' '),
            _ => out.push(ch),
        }
    }
    out.push('"');
    out
}

/// A YAML scalar: plain when that reads back the same, else quoted.
fn scalar(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|ch| ch.is_alphanumeric() || " .-'’".contains(ch))
        && text.trim() == text;
    if plain { text.to_owned() } else { quoted(text) }
}

/// The edit that pins the quotation opening with `key` to `speaker`: updates the pin if there is
/// one, else adds it to the front matter (creating what is missing). `None` when the front
/// matter cannot be edited safely (it is malformed, or written in a form this does not extend).
pub fn pin_speaker(
    source: &str,
    annotations: &Annotations,
    key: &str,
    speaker: &str,
) -> Option<TextEdit> {
    if annotations.front_matter_broken {
        return None;
    }
    let existing = annotations.pins.iter().find(|pin| {
        matches!(&pin.target, PinTarget::Opening(opening) if opening == key)
            && pin.key_range.is_some()
    });
    if let Some(pin) = existing {
        return Some(TextEdit {
            range: pin.speaker_range,
            new_text: scalar(speaker),
        });
    }
    let entry = format!("{}: {}", quoted(key), scalar(speaker));
    insert_entry(
        source,
        annotations.front_matter.as_ref(),
        Key::Speakers,
        &entry,
    )
}

/// The edit that switches `check` off for the whole document, in the front matter.
pub fn ignore_in_document(
    source: &str,
    annotations: &Annotations,
    check: Check,
) -> Option<TextEdit> {
    if annotations.front_matter_broken {
        return None;
    }
    insert_entry(
        source,
        annotations.front_matter.as_ref(),
        Key::Ignore,
        check.code(),
    )
}

/// The edit that switches `check` off for the paragraph starting at `paragraph_start`: an inline
/// annotation line just before it.
pub fn ignore_in_paragraph(
    source: &str,
    format: DocumentFormat,
    paragraph_start: usize,
    check: Check,
) -> TextEdit {
    let line_start = source
        .get(..paragraph_start)
        .and_then(|before| before.rfind('\n'))
        .map_or(0, |newline| newline + 1);
    let indent = source
        .get(line_start..paragraph_start)
        .filter(|indent| indent.trim().is_empty())
        .unwrap_or("");
    let newline = line_ending(source);
    let line = match format {
        DocumentFormat::Markdown => format!("<!-- newsls: ignore {} -->", check.code()),
        DocumentFormat::PlainText => format!("{PLAIN_TEXT_MARKER} ignore {}", check.code()),
    };
    TextEdit {
        range: TextRange::empty_at(line_start),
        new_text: format!("{line}{newline}{indent}"),
    }
}

/// The edit that removes the annotation at `range` (a stale pin, say): the whole line or lines
/// it is on, line breaks included.
pub fn remove_lines(source: &str, range: TextRange) -> TextEdit {
    let start = source
        .get(..range.start)
        .and_then(|before| before.rfind('\n'))
        .map_or(0, |newline| newline + 1);
    let end = source
        .get(range.end..)
        .and_then(|after| after.find('\n'))
        .map_or(source.len(), |newline| range.end + newline + 1);
    TextEdit {
        range: TextRange::new(start, end),
        new_text: String::new(),
    }
}

fn line_ending(source: &str) -> &'static str {
    if source.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Key {
    Speakers,
    Ignore,
}

/// Adds `entry` (a map line for speakers, a check code for ignore) under `newsls.<key>`.
fn insert_entry(
    source: &str,
    front_matter: Option<&FrontMatter>,
    key: Key,
    entry: &str,
) -> Option<TextEdit> {
    let name = match key {
        Key::Speakers => "speakers",
        Key::Ignore => "ignore",
    };
    // The whole `key:` block at indentation `indent`, as new lines.
    let block = |indent: usize, nl: &str| {
        let pad = " ".repeat(indent);
        match key {
            Key::Speakers => format!("{pad}{name}:{nl}{pad}{}{entry}{nl}", " ".repeat(INDENT)),
            Key::Ignore => format!("{pad}{name}: [{entry}]{nl}"),
        }
    };
    let Some(front_matter) = front_matter else {
        let nl = line_ending(source);
        let start = if source.starts_with('\u{feff}') {
            '\u{feff}'.len_utf8()
        } else {
            0
        };
        return Some(TextEdit {
            range: TextRange::empty_at(start),
            new_text: format!("---{nl}newsls:{nl}{}---{nl}", block(INDENT, nl)),
        });
    };
    let nl = front_matter.line_ending;
    let Some(section) = &front_matter.newsls else {
        return Some(TextEdit {
            range: TextRange::empty_at(front_matter.closing_line),
            new_text: format!("newsls:{nl}{}", block(INDENT, nl)),
        });
    };
    if section.inline_value {
        return None;
    }
    let child_indent = section.child_indent.unwrap_or(INDENT);
    let layout = match key {
        Key::Speakers => &section.speakers,
        Key::Ignore => &section.ignore,
    };
    let Some(layout) = layout else {
        return Some(TextEdit {
            range: TextRange::empty_at(section.end),
            new_text: block(child_indent, nl),
        });
    };
    let entry_indent = layout.child_indent.unwrap_or(child_indent + INDENT);
    let pad = " ".repeat(entry_indent);
    match (key, layout.flow_close, layout.inline_value) {
        // `ignore: [a]` → `ignore: [a, b]`; `ignore: []` → `ignore: [b]`.
        (Key::Ignore, Some(close), Some(value)) => {
            let empty = value
                .slice(source)
                .trim_start_matches('[')
                .trim_end_matches(']')
                .trim()
                .is_empty();
            Some(TextEdit {
                range: TextRange::empty_at(close),
                new_text: if empty {
                    entry.to_owned()
                } else {
                    format!(", {entry}")
                },
            })
        }
        // `ignore: a` → `ignore: [a, b]`.
        (Key::Ignore, None, Some(value)) => Some(TextEdit {
            range: value,
            new_text: format!("[{}, {entry}]", value.slice(source)),
        }),
        (Key::Ignore, _, None) => Some(TextEdit {
            range: TextRange::empty_at(layout.end),
            new_text: format!("{pad}- {entry}{nl}"),
        }),
        (Key::Speakers, _, None) => Some(TextEdit {
            range: TextRange::empty_at(layout.end),
            new_text: format!("{pad}{entry}{nl}"),
        }),
        // An inline map (`speakers: {}`) is left for the writer to open.
        (Key::Speakers, _, Some(_)) => None,
    }
}
