//! Test helper: renders an analysis as the text with caret lines under what was found, so that
//! tests read like specifications.
//!
//! ```text
//! “We will rebuild,” the mayor said.
//!  ^^^^^^^^^^^^^^^^ Jane Doe (speech-verb, role “the mayor”)
//! ```

use super::{Analysis, Config, analyze};

/// Analyses `text` and renders each line followed by a caret line for every quotation piece
/// on it, labelled with the speaker and the evidence.
pub(crate) fn render_quotes(text: &str) -> String {
    let analysis = analyze(text, &Config::default());
    render(text, &analysis)
}

pub(crate) fn render(text: &str, analysis: &Analysis) -> String {
    let mut out = String::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let line_end = line_start + line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        out.push_str(content.trim_end());
        out.push('\n');
        for quote in &analysis.quotes {
            for piece in &quote.pieces {
                let range = piece.content;
                if range.start < line_start || range.start >= line_end {
                    continue;
                }
                let before = text.get(line_start..range.start).unwrap_or("");
                let inside = text
                    .get(range.start..range.end.min(line_start + content.len()))
                    .unwrap_or("");
                let padding = before.chars().count();
                let width = inside.chars().count().max(1);
                out.push_str(&" ".repeat(padding));
                out.push_str(&"^".repeat(width));
                out.push(' ');
                out.push_str(&label(text, quote));
                out.push('\n');
            }
        }
        line_start = line_end;
    }
    out
}

fn label(text: &str, quote: &super::Quote) -> String {
    let kind = quote.kind.as_str();
    match &quote.attribution {
        None => format!("{kind}: no speaker"),
        Some(attribution) => {
            let mention = attribution.mention.slice(text);
            format!(
                "{kind}: {} ({}, {} “{}”)",
                attribution.speaker,
                attribution.rule.as_str(),
                attribution.reference.as_str(),
                mention
            )
        }
    }
}
