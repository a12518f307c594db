//! Code actions that write annotations: "Attribute to …" on a quotation (a pin in the front
//! matter), "Ignore in this paragraph" and "Ignore in this document" on a warning, "Remove this
//! annotation" on a stale one. The edits come from `analysis::annotations::edit` and touch only
//! the annotation.

use tower_lsp_server::ls_types::{CodeAction, CodeActionKind, TextEdit, Uri};

use super::code_actions::workspace_edit;
use super::config::Settings;
use super::convert;
use super::diagnostics;
use super::documents::Analyzed;
use crate::analysis::annotations::{self, edit};
use crate::analysis::prose::Prose;
use crate::analysis::{Check, EntityKind, QuoteKind, Severity};
use crate::text::{PositionEncoding, TextRange};

/// How many speakers "Attribute to …" offers at most.
const MAX_SPEAKERS: usize = 6;

fn text_edit(analyzed: &Analyzed, edit: &edit::TextEdit, encoding: PositionEncoding) -> TextEdit {
    TextEdit {
        range: convert::range(&analyzed.rope, edit.range, encoding),
        new_text: edit.new_text.clone(),
    }
}

/// The speakers to offer for a quotation, most likely first: the article's speakers by number
/// of quotations, then its people and then its organizations by number of mentions.
fn candidates(analyzed: &Analyzed, current: Option<&str>) -> Vec<String> {
    let analysis = &analyzed.analysis;
    let mut speakers: Vec<(usize, usize, &str)> = Vec::new();
    for (order, (speaker, ids)) in analysis.quotes_by_speaker().into_iter().enumerate() {
        if let Some(speaker) = speaker {
            speakers.push((ids.len(), order, speaker));
        }
    }
    speakers.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut names: Vec<String> = speakers
        .into_iter()
        .map(|(_, _, speaker)| speaker.to_owned())
        .collect();
    for kind in [EntityKind::Person, EntityKind::Organization] {
        let mut entities: Vec<(usize, usize, &str)> = analysis
            .entities
            .iter()
            .enumerate()
            .filter(|(_, entity)| entity.kind == kind)
            .map(|(order, entity)| (entity.mentions.len(), order, entity.name.as_str()))
            .collect();
        entities.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        names.extend(entities.into_iter().map(|(_, _, name)| name.to_owned()));
    }
    let mut seen = Vec::new();
    names.retain(|name| {
        let new = !seen.contains(name) && Some(name.as_str()) != current;
        seen.push(name.clone());
        new
    });
    names.truncate(MAX_SPEAKERS);
    names
}

/// The annotation actions for `selection`; `allowed` says which kinds the client wants.
pub fn actions(
    uri: &Uri,
    analyzed: &Analyzed,
    selection: TextRange,
    settings: &Settings,
    encoding: PositionEncoding,
    allowed: &dyn Fn(&CodeActionKind) -> bool,
) -> Vec<CodeAction> {
    let text = &analyzed.text;
    let analysis = &analyzed.analysis;
    let parsed = annotations::parse(text, analyzed.format);
    let mut actions = Vec::new();

    // Terms (a so-called word, a title) quote nobody: no speaker to offer.
    let quote_here = analysis
        .quote_at(selection.start)
        .filter(|(_, quote)| quote.kind.expects_speaker() || quote.kind == QuoteKind::Headline);
    if let Some((_, quote)) = quote_here {
        let unattributed = quote.kind.expects_speaker() && quote.attribution.is_none();
        let kind = if unattributed {
            CodeActionKind::QUICKFIX
        } else {
            CodeActionKind::REFACTOR
        };
        if allowed(&kind) {
            let finding = analysis.findings.iter().find(|finding| {
                finding.check == Check::UnattributedQuote && finding.range == quote.range
            });
            let diagnostic = finding.and_then(|finding| {
                diagnostics::diagnostic(uri, analyzed, encoding, settings, finding)
            });
            let key = edit::pin_key(quote, &analysis.quotes, text);
            for (rank, speaker) in candidates(analyzed, quote.speaker())
                .into_iter()
                .enumerate()
            {
                let Some(pin) = edit::pin_speaker(text, &parsed, &key, &speaker) else {
                    break;
                };
                actions.push(CodeAction {
                    title: format!("Attribute to {speaker}"),
                    kind: Some(kind.clone()),
                    diagnostics: diagnostic.clone().map(|diagnostic| vec![diagnostic]),
                    edit: Some(workspace_edit(
                        uri,
                        vec![text_edit(analyzed, &pin, encoding)],
                    )),
                    is_preferred: Some(unattributed && rank == 0),
                    ..CodeAction::default()
                });
            }
        }
    }

    if allowed(&CodeActionKind::QUICKFIX) {
        let prose = Prose::new(text, analyzed.format);
        for finding in &analysis.findings {
            let touched =
                finding.range.intersects(selection) || finding.range.touches(selection.start);
            if touched && finding.check == Check::StaleAnnotation {
                let removal = edit::remove_lines(text, finding.range);
                actions.push(CodeAction {
                    title: "Remove this annotation".to_owned(),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: diagnostics::diagnostic(
                        uri, analyzed, encoding, settings, finding,
                    )
                    .map(|diagnostic| vec![diagnostic]),
                    edit: Some(workspace_edit(
                        uri,
                        vec![text_edit(analyzed, &removal, encoding)],
                    )),
                    ..CodeAction::default()
                });
                continue;
            }
            let ignorable = matches!(finding.severity, Severity::Warning | Severity::Error)
                && finding.check != Check::MalformedAnnotation;
            if !touched || !ignorable {
                continue;
            }
            let diagnostic = diagnostics::diagnostic(uri, analyzed, encoding, settings, finding)
                .map(|diagnostic| vec![diagnostic]);
            let code = finding.check.code();
            let paragraph_start = prose
                .paragraph_index_at(finding.range.start)
                .and_then(|index| prose.paragraphs().get(index))
                .map_or(finding.range.start, |paragraph| paragraph.start);
            let in_paragraph =
                edit::ignore_in_paragraph(text, analyzed.format, paragraph_start, finding.check);
            actions.push(CodeAction {
                title: format!("Ignore {code} in this paragraph"),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: diagnostic.clone(),
                edit: Some(workspace_edit(
                    uri,
                    vec![text_edit(analyzed, &in_paragraph, encoding)],
                )),
                ..CodeAction::default()
            });
            if let Some(in_document) = edit::ignore_in_document(text, &parsed, finding.check) {
                actions.push(CodeAction {
                    title: format!("Ignore {code} in this document"),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: diagnostic,
                    edit: Some(workspace_edit(
                        uri,
                        vec![text_edit(analyzed, &in_document, encoding)],
                    )),
                    ..CodeAction::default()
                });
            }
        }
    }
    actions
}
