//! Code actions: straight quotation marks into typographic ones, and the missing half of an
//! unbalanced pair.

use std::collections::HashMap;

use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, TextEdit, Uri, WorkspaceEdit,
};

use super::capabilities::REWRITE_QUOTES_KIND;
use super::config::Settings;
use super::convert;
use super::diagnostics;
use super::documents::Analyzed;
use crate::analysis::prose::Prose;
use crate::analysis::{Check, Finding};
use crate::text::{PositionEncoding, TextRange};

/// The code actions for `selection`, limited to the kinds in `only` when the client asks.
pub fn code_actions(
    uri: &Uri,
    analyzed: &Analyzed,
    selection: TextRange,
    only: Option<&[CodeActionKind]>,
    settings: &Settings,
    encoding: PositionEncoding,
) -> Vec<CodeActionOrCommand> {
    let allowed = |kind: &CodeActionKind| {
        only.is_none_or(|only| {
            only.iter().any(|wanted| {
                kind.as_str() == wanted.as_str()
                    || kind
                        .as_str()
                        .strip_prefix(wanted.as_str())
                        .is_some_and(|rest| rest.starts_with('.'))
            })
        })
    };
    let mut actions = Vec::new();
    let prose = Prose::new(&analyzed.text, analyzed.format);
    if allowed(&CodeActionKind::QUICKFIX) {
        for finding in &analyzed.analysis.findings {
            if finding.check == Check::UnbalancedQuoteMark
                && (finding.range.intersects(selection) || finding.range.touches(selection.start))
            {
                if let Some(action) =
                    complete_pair(uri, analyzed, &prose, finding, settings, encoding)
                {
                    actions.push(CodeActionOrCommand::CodeAction(action));
                }
            }
        }
    }
    if !selection.is_empty() && allowed(&REWRITE_QUOTES_KIND) {
        let replacements = typographic_replacements(prose.text(), selection);
        if !replacements.is_empty() {
            actions.push(CodeActionOrCommand::CodeAction(rewrite(
                uri,
                analyzed,
                "Use typographic quotation marks in the selection",
                REWRITE_QUOTES_KIND,
                &replacements,
                encoding,
            )));
        }
    }
    actions.extend(
        super::annotation_actions::actions(uri, analyzed, selection, settings, encoding, &allowed)
            .into_iter()
            .map(CodeActionOrCommand::CodeAction),
    );
    if allowed(&CodeActionKind::SOURCE) {
        let whole = TextRange::new(0, analyzed.text.len());
        let replacements = typographic_replacements(prose.text(), whole);
        if !replacements.is_empty() {
            actions.push(CodeActionOrCommand::CodeAction(rewrite(
                uri,
                analyzed,
                "Use typographic quotation marks in the document",
                CodeActionKind::SOURCE,
                &replacements,
                encoding,
            )));
        }
    }
    actions
}

pub(super) fn workspace_edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

fn rewrite(
    uri: &Uri,
    analyzed: &Analyzed,
    title: &str,
    kind: CodeActionKind,
    replacements: &[(TextRange, char)],
    encoding: PositionEncoding,
) -> CodeAction {
    let edits = replacements
        .iter()
        .map(|(range, mark)| TextEdit {
            range: convert::range(&analyzed.rope, *range, encoding),
            new_text: mark.to_string(),
        })
        .collect();
    CodeAction {
        title: title.to_owned(),
        kind: Some(kind),
        edit: Some(workspace_edit(uri, edits)),
        ..CodeAction::default()
    }
}

/// Where straight quotation marks in `range` of `prose` (the text with Markdown code masked,
/// so code keeps its marks) become typographic ones, and which. A mark after white space or an
/// opening bracket opens; any other closes; an apostrophe between letters stays an apostrophe
/// (’), as typography wants.
pub fn typographic_replacements(prose: &str, range: TextRange) -> Vec<(TextRange, char)> {
    let Some(slice) = prose.get(range.as_range()) else {
        return Vec::new();
    };
    let mut previous = prose
        .get(..range.start)
        .and_then(|before| before.chars().next_back());
    let mut replacements = Vec::new();
    for (relative, ch) in slice.char_indices() {
        let opens = previous
            .is_none_or(|previous| previous.is_whitespace() || "([{<—–-/“‘«".contains(previous));
        let replacement = match ch {
            '"' if opens => Some('“'),
            '"' => Some('”'),
            '\'' if opens => Some('‘'),
            '\'' => Some('’'),
            _ => None,
        };
        if let Some(replacement) = replacement {
            let start = range.start + relative;
            replacements.push((TextRange::new(start, start + 1), replacement));
        }
        previous = Some(ch);
    }
    replacements
}

/// The mark that closes `opening`, for a mark that opens.
fn closing_partner(opening: char) -> Option<char> {
    Some(match opening {
        '“' => '”',
        '‘' => '’',
        '«' => '»',
        '„' => '“',
        '‚' => '‘',
        '‹' => '›',
        '「' => '」',
        '『' => '』',
        _ => return None,
    })
}

/// The mark that opens `closing`, for a mark that closes.
fn opening_partner(closing: char) -> Option<char> {
    Some(match closing {
        '”' => '“',
        '’' => '‘',
        '»' => '«',
        '›' => '‹',
        '」' => '「',
        '』' => '『',
        _ => return None,
    })
}

/// Inserts the missing half of an unbalanced pair: a closing mark at the end of the opening
/// mark's paragraph, or an opening mark at the start of a stray closing mark's paragraph.
fn complete_pair(
    uri: &Uri,
    analyzed: &Analyzed,
    prose: &Prose<'_>,
    finding: &Finding,
    settings: &Settings,
    encoding: PositionEncoding,
) -> Option<CodeAction> {
    let text = &analyzed.text;
    let mark = finding.range.slice(text).chars().next()?;
    let paragraph = prose
        .paragraph_index_at(finding.range.start)
        .and_then(|index| prose.paragraphs().get(index))
        .copied()
        .unwrap_or(TextRange::new(
            finding.range.start,
            line_end(text, finding.range.end),
        ));
    let after = text.get(finding.range.end..)?.chars().next();
    let straight_opens = after.is_some_and(|after| !after.is_whitespace())
        && text
            .get(..finding.range.start)?
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace);
    let (insert_at, insert, title) = match (closing_partner(mark), opening_partner(mark)) {
        (Some(closing), _) => (paragraph.end, closing, "Insert the missing closing mark"),
        (None, Some(opening)) => (paragraph.start, opening, "Insert the missing opening mark"),
        (None, None) if mark == '"' && straight_opens => {
            (paragraph.end, '"', "Insert the missing closing mark")
        }
        (None, None) if mark == '"' => (paragraph.start, '"', "Insert the missing opening mark"),
        (None, None) => return None,
    };
    let position = convert::position(&analyzed.rope, insert_at, encoding);
    let edit = TextEdit {
        range: tower_lsp_server::ls_types::Range::new(position, position),
        new_text: insert.to_string(),
    };
    Some(CodeAction {
        title: format!("{title} {insert}"),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: diagnostics::diagnostic(uri, analyzed, encoding, settings, finding)
            .map(|diagnostic| vec![diagnostic]),
        edit: Some(workspace_edit(uri, vec![edit])),
        is_preferred: Some(true),
        ..CodeAction::default()
    })
}

/// The end of the line's content at `offset` (before its line break).
fn line_end(text: &str, offset: usize) -> usize {
    text.get(offset..)
        .and_then(|rest| rest.find(['\n', '\r']))
        .map_or(text.len(), |relative| offset + relative)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str) -> String {
        let mut out = text.to_owned();
        let replacements = typographic_replacements(text, TextRange::new(0, text.len()));
        for (range, mark) in replacements.into_iter().rev() {
            out.replace_range(range.as_range(), &mark.to_string());
        }
        out
    }

    #[test]
    fn straight_quotes_become_typographic_and_apostrophes_stay_apostrophes() {
        assert_eq!(
            apply(r#"He said "it's 'fine'" (and "no")."#),
            "He said “it’s ‘fine’” (and “no”)."
        );
    }

    #[test]
    fn a_quote_at_the_start_of_the_text_opens() {
        assert_eq!(apply("\"Yes,\" she said."), "“Yes,” she said.");
    }
}
