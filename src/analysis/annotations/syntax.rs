//! Reading annotations out of the text: the front matter's `newsls` section (a strict, small
//! subset of YAML, parsed here by hand) and the inline annotation lines.
//!
//! The YAML subset: `key: value` maps nested by indentation (spaces only), block lists
//! (`- item`), flow lists (`[a, "b, c"]`), the empty flow map `{}`, plain scalars, and
//! double-quoted (`\"` and `\\` escapes) or single-quoted (`''` escape) scalars; `#` starts a
//! comment after white space. Anchors, tags, block scalars, flow maps with entries and maps
//! inside lists are refused with a message. Only the `newsls` section is read strictly; the other
//! top-level keys of the front matter belong to publishing tools and are skipped.

use super::{AliasDeclaration, Annotations, EntryLayout, FrontMatter, Ignore, Pin, PinTarget};
use super::{AnnotationError, Scope, SectionLayout};
use crate::analysis::{Check, DocumentFormat};
use crate::text::TextRange;

/// One line of the front matter, its comment and trailing white space removed.
#[derive(Clone, Copy, Debug)]
struct Line<'a> {
    /// Offset just past the line break (or the end of the text).
    end: usize,
    indent: usize,
    content: &'a str,
    content_start: usize,
}

impl Line<'_> {
    fn content_range(&self) -> TextRange {
        TextRange::new(self.content_start, self.content_start + self.content.len())
    }

    fn is_list_item(&self) -> bool {
        self.content == "-" || self.content.starts_with("- ")
    }
}

#[derive(Clone, Debug, PartialEq)]
pub(super) struct Scalar {
    pub text: String,
    pub range: TextRange,
}

#[derive(Clone, Debug, PartialEq)]
enum Value {
    Empty,
    Scalar(Scalar),
    List(Vec<Scalar>),
    Map(Vec<Entry>),
}

#[derive(Clone, Debug, PartialEq)]
struct Entry {
    key: Scalar,
    value: Value,
    layout: EntryLayout,
}

type ParseResult<T> = Result<T, AnnotationError>;

fn error(range: TextRange, message: impl Into<String>) -> AnnotationError {
    AnnotationError {
        range,
        message: message.into(),
    }
}

/// The front matter block: from the opening `---` line to the end of the closing line. `None`
/// when the text does not start with `---`; `Err` with the opening line when it is never closed.
pub(super) fn front_matter_block(source: &str) -> Option<Result<(TextRange, usize), TextRange>> {
    let bom = if source.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let mut offset = bom;
    let mut lines = source.get(bom..)?.split_inclusive('\n');
    let first = lines.next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let opening = TextRange::new(bom, bom + first.trim_end().len());
    offset += first.len();
    for line in lines {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Some(Ok((TextRange::new(bom, offset), start)));
        }
    }
    Some(Err(opening))
}

/// The lines between the delimiters, blank and comment-only lines left out.
fn lines(source: &str, body: TextRange) -> ParseResult<Vec<Line<'_>>> {
    let mut out = Vec::new();
    let mut offset = body.start;
    for raw in body.slice(source).split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let text = raw.trim_end_matches(['\n', '\r']);
        let indent = text.len() - text.trim_start_matches(' ').len();
        let rest = text.get(indent..).unwrap_or("");
        if rest.starts_with('\t') {
            return Err(error(
                TextRange::new(start, start + text.len()),
                "tabs are not allowed for indentation in front matter; use spaces",
            ));
        }
        let content = strip_comment(rest).trim_end();
        if content.is_empty() {
            continue;
        }
        out.push(Line {
            end: offset,
            indent,
            content,
            content_start: start + indent,
        });
    }
    Ok(out)
}

/// The text before a `#` comment (one at the start or after white space, outside quotes).
fn strip_comment(text: &str) -> &str {
    let mut quote: Option<char> = None;
    let mut previous_blank = true;
    for (index, ch) in text.char_indices() {
        match quote {
            Some(open) if ch == open => quote = None,
            Some(_) => {}
            None if ch == '#' && previous_blank => return text.get(..index).unwrap_or(text),
            None if (ch == '"' || ch == '\'') && previous_blank => quote = Some(ch),
            None => {}
        }
        previous_blank = ch.is_whitespace() || ch == '[' || ch == ',' || ch == ':';
    }
    text
}

/// Parses the front matter of `source` into `annotations`.
pub(super) fn parse_front_matter(source: &str, annotations: &mut Annotations) {
    let Some(block) = front_matter_block(source) else {
        return;
    };
    let (range, closing_line) = match block {
        Ok(found) => found,
        Err(opening) => {
            annotations.front_matter_broken = true;
            annotations.errors.push(error(
                opening,
                "front matter opened with `---` is never closed by a `---` line",
            ));
            return;
        }
    };
    let body_start = source
        .get(range.start..)
        .and_then(|rest| rest.find('\n'))
        .map_or(closing_line, |newline| range.start + newline + 1);
    annotations.front_matter = Some(FrontMatter {
        range,
        closing_line,
        newsls: None,
        line_ending: if source.contains("\r\n") {
            "\r\n"
        } else {
            "\n"
        },
    });
    let body = TextRange::new(body_start, closing_line);
    match parse_body(source, body) {
        Ok(Some((section, entries))) => {
            if let Some(front_matter) = &mut annotations.front_matter {
                front_matter.newsls = Some(section);
            }
            if let Err(problem) = interpret(&entries, annotations) {
                annotations.front_matter_broken = true;
                annotations.errors.push(problem);
                annotations.pins.clear();
                annotations.aliases.clear();
                annotations.ignores.clear();
            }
        }
        Ok(None) => {}
        Err(problem) => {
            annotations.front_matter_broken = true;
            annotations.errors.push(problem);
        }
    }
}

/// The `newsls` section's layout and entries, if the front matter has one.
fn parse_body(source: &str, body: TextRange) -> ParseResult<Option<(SectionLayout, Vec<Entry>)>> {
    let lines = lines(source, body)?;
    let mut index = 0;
    while let Some(line) = lines.get(index) {
        index += 1;
        if line.indent > 0 {
            continue;
        }
        let Ok((key, rest, rest_start)) = split_key(line) else {
            continue;
        };
        if key.text != "newsls" {
            continue;
        }
        let section_lines: Vec<Line<'_>> = lines
            .get(index..)
            .unwrap_or_default()
            .iter()
            .take_while(|line| line.indent > 0)
            .copied()
            .collect();
        let end = section_lines.last().map_or(line.end, |last| last.end);
        let mut layout = SectionLayout {
            line_end: line.end,
            end,
            child_indent: section_lines.first().map(|first| first.indent),
            speakers: None,
            ignore: None,
            inline_value: !rest.is_empty(),
        };
        let entries = match parse_inline(rest, rest_start)? {
            Value::Empty if section_lines.is_empty() => Vec::new(),
            Value::Empty => {
                let mut position = 0;
                match parse_block(&section_lines, &mut position, 1)? {
                    Value::Map(entries) => entries,
                    _ => {
                        return Err(error(
                            line.content_range(),
                            "`newsls` must hold `speakers`, `aliases` and `ignore` keys, not a list",
                        ));
                    }
                }
            }
            Value::Map(entries) if section_lines.is_empty() => entries,
            _ => {
                return Err(error(
                    line.content_range(),
                    "`newsls` must hold `speakers`, `aliases` and `ignore` keys",
                ));
            }
        };
        for entry in &entries {
            match entry.key.text.as_str() {
                "speakers" => layout.speakers = Some(entry.layout.clone()),
                "ignore" => layout.ignore = Some(entry.layout.clone()),
                _ => {}
            }
        }
        return Ok(Some((layout, entries)));
    }
    Ok(None)
}

/// Parses the block of lines starting at `lines[*index]`, whose indentation must be at least
/// `min_indent`.
fn parse_block(lines: &[Line<'_>], index: &mut usize, min_indent: usize) -> ParseResult<Value> {
    let Some(first) = lines.get(*index) else {
        return Ok(Value::Empty);
    };
    let indent = first.indent;
    if indent < min_indent {
        return Ok(Value::Empty);
    }
    if first.is_list_item() {
        let mut items = Vec::new();
        while let Some(line) = lines.get(*index) {
            if line.indent != indent || !line.is_list_item() {
                break;
            }
            *index += 1;
            let item = line.content.get(1..).unwrap_or("").trim_start();
            let item_start = line.content_start + line.content.len() - item.len();
            match parse_inline(item, item_start)? {
                Value::Scalar(scalar) => items.push(scalar),
                Value::Empty => {
                    return Err(error(
                        line.content_range(),
                        "empty list item (nested lists are not supported)",
                    ));
                }
                _ => {
                    return Err(error(
                        line.content_range(),
                        "a list item must be a single name or code",
                    ));
                }
            }
        }
        if let Some(line) = lines.get(*index).filter(|line| line.indent > indent) {
            return Err(error(line.content_range(), "unexpected indentation"));
        }
        return Ok(Value::List(items));
    }
    let mut entries = Vec::new();
    while let Some(line) = lines.get(*index) {
        if line.indent < indent {
            break;
        }
        if line.indent > indent {
            return Err(error(line.content_range(), "unexpected indentation"));
        }
        if line.is_list_item() {
            return Err(error(
                line.content_range(),
                "a list item where a `key: value` line was expected",
            ));
        }
        let (key, rest, rest_start) = split_key(line)?;
        *index += 1;
        let mut value = parse_inline(rest, rest_start)?;
        let inline_range =
            (!rest.is_empty()).then(|| TextRange::new(rest_start, rest_start + rest.len()));
        let mut child_indent = None;
        if let Some(next) = lines.get(*index).filter(|next| next.indent > indent) {
            if value != Value::Empty {
                return Err(error(next.content_range(), "unexpected indentation"));
            }
            child_indent = Some(next.indent);
            value = parse_block(lines, index, indent + 1)?;
        }
        let end = lines
            .get(index.saturating_sub(1))
            .map_or(line.end, |last| last.end);
        let flow_close = match &value {
            Value::List(_) if rest.ends_with(']') => Some(rest_start + rest.len() - 1),
            _ => None,
        };
        entries.push(Entry {
            key,
            value,
            layout: EntryLayout {
                line_end: line.end,
                end,
                child_indent,
                flow_close,
                inline_value: inline_range,
            },
        });
    }
    Ok(Value::Map(entries))
}

/// Splits a `key: value` line into the key, the value text and the value's offset.
fn split_key<'a>(line: &Line<'a>) -> ParseResult<(Scalar, &'a str, usize)> {
    let content = line.content;
    let (key, after_key) = if content.starts_with(['"', '\'']) {
        let (scalar, consumed) = quoted(content, line.content_start)?;
        (scalar, consumed)
    } else {
        let colon = content
            .match_indices(':')
            .map(|(index, _)| index)
            .find(|&index| {
                content
                    .get(index + 1..)
                    .is_some_and(|after| after.is_empty() || after.starts_with(' '))
            })
            .ok_or_else(|| error(line.content_range(), "expected `key: value`"))?;
        let key = content.get(..colon).unwrap_or("").trim_end();
        (
            Scalar {
                text: key.to_owned(),
                range: TextRange::new(line.content_start, line.content_start + key.len()),
            },
            colon,
        )
    };
    let rest = content.get(after_key..).unwrap_or("").trim_start();
    let Some(rest) = rest.strip_prefix(':') else {
        return Err(error(line.content_range(), "expected `:` after the key"));
    };
    if !(rest.is_empty() || rest.starts_with(' ')) {
        return Err(error(line.content_range(), "expected a space after `:`"));
    }
    let value = rest.trim_start();
    let value_start = line.content_start + content.len() - value.len();
    if key.text.is_empty() {
        return Err(error(line.content_range(), "empty key"));
    }
    Ok((key, value, value_start))
}

/// A quoted scalar at the start of `text` (at offset `start`) and the bytes it takes.
fn quoted(text: &str, start: usize) -> ParseResult<(Scalar, usize)> {
    let mut chars = text.char_indices();
    let Some((_, open)) = chars.next() else {
        return Err(error(
            TextRange::empty_at(start),
            "expected a quoted string",
        ));
    };
    let mut out = String::new();
    let mut escaped = false;
    let mut pending_single = false;
    for (index, ch) in chars {
        if pending_single {
            if ch == '\'' {
                out.push('\'');
                pending_single = false;
                continue;
            }
            let range = TextRange::new(start, start + index);
            return Ok((Scalar { text: out, range }, index));
        }
        if open == '"' {
            if escaped {
                match ch {
                    '"' | '\\' | '/' => out.push(ch),
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    _ => {
                        return Err(error(
                            TextRange::new(start, start + index + ch.len_utf8()),
                            format!("unsupported escape `\\{ch}` in a quoted string"),
                        ));
                    }
                }
                escaped = false;
            } else if ch == '\\' {
                escaped = true;
            } else if ch == '"' {
                let end = index + 1;
                return Ok((
                    Scalar {
                        text: out,
                        range: TextRange::new(start, start + end),
                    },
                    end,
                ));
            } else {
                out.push(ch);
            }
        } else if ch == '\'' {
            pending_single = true;
        } else {
            out.push(ch);
        }
    }
    if pending_single {
        return Ok((
            Scalar {
                text: out,
                range: TextRange::new(start, start + text.len()),
            },
            text.len(),
        ));
    }
    Err(error(
        TextRange::new(start, start + text.len()),
        "quoted string is not closed",
    ))
}

/// A value written on the key's own line.
fn parse_inline(text: &str, start: usize) -> ParseResult<Value> {
    let range = TextRange::new(start, start + text.len());
    if text.is_empty() {
        return Ok(Value::Empty);
    }
    if text == "{}" {
        return Ok(Value::Map(Vec::new()));
    }
    if text.starts_with('{') {
        return Err(error(
            range,
            "flow maps (`{…}`) are not supported; write one `key: value` per line",
        ));
    }
    if let Some(inner) = text.strip_prefix('[') {
        let Some(inner) = inner.strip_suffix(']') else {
            return Err(error(range, "list opened with `[` is not closed by `]`"));
        };
        return flow_list(inner, start + 1).map(Value::List);
    }
    if text.starts_with(['"', '\'']) {
        let (scalar, used) = quoted(text, start)?;
        if used != text.len() {
            return Err(error(range, "unexpected text after a quoted string"));
        }
        return Ok(Value::Scalar(scalar));
    }
    if text.starts_with(['&', '*', '!', '|', '>', '%', '@', '`', ']', '}']) {
        return Err(error(
            range,
            "anchors, aliases, tags and block scalars are not supported in the newsls section",
        ));
    }
    Ok(Value::Scalar(Scalar {
        text: text.to_owned(),
        range,
    }))
}

/// The items of a flow list's inside (`a, "b, c"`), which starts at `start`.
fn flow_list(inner: &str, start: usize) -> ParseResult<Vec<Scalar>> {
    let mut items = Vec::new();
    let mut rest = inner;
    let mut offset = start;
    loop {
        let trimmed = rest.trim_start();
        offset += rest.len() - trimmed.len();
        rest = trimmed;
        if rest.is_empty() {
            return Ok(items);
        }
        if rest.starts_with(['[', '{']) {
            return Err(error(
                TextRange::new(offset, offset + rest.len()),
                "nested lists and maps are not supported",
            ));
        }
        let (item, used) = if rest.starts_with(['"', '\'']) {
            quoted(rest, offset)?
        } else {
            let end = rest.find(',').unwrap_or(rest.len());
            let text = rest.get(..end).unwrap_or("").trim_end();
            (
                Scalar {
                    text: text.to_owned(),
                    range: TextRange::new(offset, offset + text.len()),
                },
                end,
            )
        };
        if !item.text.is_empty() {
            items.push(item);
        }
        let after = rest.get(used..).unwrap_or("");
        let trimmed = after.trim_start();
        offset += used + (after.len() - trimmed.len());
        match trimmed.strip_prefix(',') {
            Some(next) => {
                offset += 1;
                rest = next;
            }
            None if trimmed.is_empty() => return Ok(items),
            None => {
                return Err(error(
                    TextRange::new(offset, offset + trimmed.len()),
                    "expected `,` between list items",
                ));
            }
        }
    }
}

/// Turns the `newsls` entries into annotations.
fn interpret(entries: &[Entry], annotations: &mut Annotations) -> ParseResult<()> {
    for entry in entries {
        match entry.key.text.as_str() {
            "speakers" => match &entry.value {
                Value::Empty => {}
                Value::Map(pins) => {
                    for pin in pins {
                        let Value::Scalar(speaker) = &pin.value else {
                            return Err(error(
                                pin.key.range,
                                "a pin is `\"opening words\": Speaker Name`",
                            ));
                        };
                        annotations.pins.push(Pin {
                            target: PinTarget::Opening(pin.key.text.clone()),
                            speaker: speaker.text.clone(),
                            range: pin.key.range.cover(speaker.range),
                            key_range: Some(pin.key.range),
                            speaker_range: speaker.range,
                        });
                    }
                }
                _ => {
                    return Err(error(
                        entry.key.range,
                        "`speakers` holds `\"opening words\": Speaker Name` lines",
                    ));
                }
            },
            "aliases" => match &entry.value {
                Value::Empty => {}
                Value::Map(declarations) => {
                    for declaration in declarations {
                        let aliases = match &declaration.value {
                            Value::Scalar(alias) => vec![alias.text.clone()],
                            Value::List(list) => {
                                list.iter().map(|item| item.text.clone()).collect()
                            }
                            Value::Empty => Vec::new(),
                            Value::Map(_) => {
                                return Err(error(
                                    declaration.key.range,
                                    "aliases are `Name: [other name, other name]`",
                                ));
                            }
                        };
                        annotations.aliases.push(AliasDeclaration {
                            name: declaration.key.text.clone(),
                            aliases,
                        });
                    }
                }
                _ => {
                    return Err(error(
                        entry.key.range,
                        "`aliases` holds `Name: [other name, other name]` lines",
                    ));
                }
            },
            "ignore" => {
                let codes = match &entry.value {
                    Value::Empty => Vec::new(),
                    Value::Scalar(code) => vec![code.clone()],
                    Value::List(codes) => codes.clone(),
                    Value::Map(_) => {
                        return Err(error(
                            entry.key.range,
                            "`ignore` is a list of check codes: `ignore: [unattributed-quote]`",
                        ));
                    }
                };
                for code in codes {
                    let check = check_from_code(&code.text, code.range)?;
                    annotations.ignores.push(Ignore {
                        check,
                        scope: Scope::Document,
                        range: code.range,
                    });
                }
            }
            other => {
                return Err(error(
                    entry.key.range,
                    format!(
                        "unknown key `{other}` under `newsls` (expected `speakers`, `aliases` or `ignore`)"
                    ),
                ));
            }
        }
    }
    Ok(())
}

fn check_from_code(code: &str, range: TextRange) -> ParseResult<Check> {
    Check::from_code(code).ok_or_else(|| {
        let known: Vec<&str> = Check::ALL.iter().map(|check| check.code()).collect();
        error(
            range,
            format!("unknown check `{code}` (known: {})", known.join(", ")),
        )
    })
}

/// The marker that opens an inline annotation in plain text, at the start of a line.
pub const PLAIN_TEXT_MARKER: &str = "%% newsls:";

/// An inline annotation line: its whole range (line break excluded) and the directive text
/// with its offset.
pub(super) fn inline_lines(
    source: &str,
    format: DocumentFormat,
    skip_until: usize,
) -> Vec<(TextRange, &str, usize)> {
    let mut found = Vec::new();
    // Most articles hold no annotation: one search for the marker, rather than a look at every
    // line, tells.
    let marker = match format {
        DocumentFormat::Markdown => "<!--",
        DocumentFormat::PlainText => PLAIN_TEXT_MARKER,
    };
    if source
        .get(skip_until..)
        .is_some_and(|rest| !rest.contains(marker))
    {
        return found;
    }
    let mut offset = 0;
    // In Markdown, a fenced code block shows its text as code: no annotation there.
    let mut fence: Option<&str> = None;
    for line in source.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if start < skip_until {
            continue;
        }
        let content = line.trim_end_matches(['\n', '\r']);
        let indent = content.len() - content.trim_start().len();
        let trimmed = content.trim();
        if format == DocumentFormat::Markdown {
            let marker = ["```", "~~~"]
                .into_iter()
                .find(|marker| trimmed.starts_with(marker));
            match (fence, marker) {
                (Some(open), Some(marker)) if open == marker => fence = None,
                (None, Some(marker)) => fence = Some(marker),
                _ => {}
            }
            if fence.is_some() || marker.is_some() {
                continue;
            }
        }
        let directive = match format {
            DocumentFormat::Markdown => trimmed
                .strip_prefix("<!--")
                .and_then(|rest| rest.strip_suffix("-->"))
                .map(str::trim)
                .and_then(|rest| rest.strip_prefix("newsls:")),
            DocumentFormat::PlainText => trimmed.strip_prefix(PLAIN_TEXT_MARKER),
        };
        let Some(directive) = directive else {
            continue;
        };
        let directive = directive.trim();
        let directive_start = directive.as_ptr() as usize - line.as_ptr() as usize + start;
        found.push((
            TextRange::new(start + indent, start + indent + trimmed.len()),
            directive,
            directive_start,
        ));
    }
    found
}

/// Parses the inline annotation lines into `annotations`.
pub(super) fn parse_inline_annotations(
    source: &str,
    format: DocumentFormat,
    annotations: &mut Annotations,
) {
    let skip_until = annotations
        .front_matter
        .as_ref()
        .map_or(0, |front_matter| front_matter.range.end);
    for (range, directive, directive_start) in inline_lines(source, format, skip_until) {
        annotations.inline.push(range);
        // Several directives may share a line, separated by `;`.
        let mut offset = directive_start;
        for part in directive.split(';') {
            let part_start = offset + (part.len() - part.trim_start().len());
            offset += part.len() + 1;
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            let part_range = TextRange::new(part_start, part_start + part.len());
            if let Err(problem) = inline_directive(part, part_range, range, annotations) {
                annotations.errors.push(problem);
            }
        }
    }
}

fn inline_directive(
    part: &str,
    part_range: TextRange,
    line: TextRange,
    annotations: &mut Annotations,
) -> ParseResult<()> {
    let (verb, argument) = part.split_once(char::is_whitespace).unwrap_or((part, ""));
    let argument = argument.trim();
    let argument_start = part_range.end - argument.len();
    let argument_range = TextRange::new(argument_start, part_range.end);
    match verb {
        "speaker" => {
            let speaker = argument
                .strip_prefix('"')
                .and_then(|rest| rest.strip_suffix('"'))
                .or_else(|| {
                    argument
                        .strip_prefix('“')
                        .and_then(|rest| rest.strip_suffix('”'))
                })
                .unwrap_or(argument)
                .trim();
            if speaker.is_empty() {
                return Err(error(
                    part_range,
                    "`speaker` needs a name: speaker \"Jane Doe\"",
                ));
            }
            annotations.pins.push(Pin {
                target: PinTarget::FollowingParagraph(line.end),
                speaker: speaker.to_owned(),
                range: line,
                key_range: None,
                speaker_range: argument_range,
            });
            Ok(())
        }
        "ignore" => {
            let mut any = false;
            let mut offset = argument_start;
            for code in argument.split([',', ' ']) {
                let code_start = offset;
                offset += code.len() + 1;
                if code.is_empty() {
                    continue;
                }
                let code_range = TextRange::new(code_start, code_start + code.len());
                let check = check_from_code(code, code_range)?;
                annotations.ignores.push(Ignore {
                    check,
                    scope: Scope::FollowingParagraph(line.end),
                    range: code_range,
                });
                any = true;
            }
            if !any {
                return Err(error(
                    part_range,
                    "`ignore` needs a check code: ignore unattributed-quote",
                ));
            }
            Ok(())
        }
        _ => Err(error(
            part_range,
            format!("unknown annotation `{verb}` (expected `speaker` or `ignore`)"),
        )),
    }
}
