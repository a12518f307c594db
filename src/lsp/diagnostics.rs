//! Findings as diagnostics, with the user's severity overrides applied.

use tower_lsp_server::ls_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Uri,
};

use super::config::Settings;
use super::convert;
use super::documents::Analyzed;
use crate::analysis::Finding;
use crate::text::{PositionEncoding, TextRange};

/// The source shown with every diagnostic.
pub const SOURCE: &str = "newsls";

pub fn diagnostics(
    uri: &Uri,
    analyzed: &Analyzed,
    encoding: PositionEncoding,
    settings: &Settings,
) -> Vec<Diagnostic> {
    // For the tests only: see `panics.rs`.
    super::panics::panic_if_testing("diagnostics");
    let mut items: Vec<Diagnostic> = analyzed
        .analysis
        .findings
        .iter()
        .filter_map(|finding| diagnostic(uri, analyzed, encoding, settings, finding))
        .take(settings.diagnostics.max_count.saturating_add(1))
        .collect();
    if items.len() > settings.diagnostics.max_count {
        items.truncate(settings.diagnostics.max_count);
        let hidden = analyzed
            .analysis
            .findings
            .iter()
            .filter(|finding| settings.severity(finding.check, finding.severity).is_some())
            .count()
            .saturating_sub(items.len());
        let at = items.last().map(|last| last.range.end).unwrap_or_default();
        items.push(Diagnostic {
            range: tower_lsp_server::ls_types::Range::new(at, at),
            severity: Some(DiagnosticSeverity::INFORMATION),
            code: Some(NumberOrString::String(TOO_MANY.to_owned())),
            source: Some(SOURCE.to_owned()),
            message: format!(
                "{hidden} more problems after this one are not shown (the limit is {}, setting \
                 newsls.diagnostics.maxCount).",
                settings.diagnostics.max_count
            ),
            ..Diagnostic::default()
        });
    }
    if let Some(cut) = analyzed.limited {
        if settings.diagnostics.enable {
            items.push(limited_analysis(analyzed, cut, encoding));
        }
    }
    items
}

/// The code of the diagnostic that says how many more were not published.
pub const TOO_MANY: &str = "too-many-diagnostics";

/// The code of the diagnostic that says a document was analysed only in part.
pub const ANALYSIS_LIMITED: &str = "analysis-limited";

/// An information diagnostic at `cut`, where the analysis of a long document stopped.
fn limited_analysis(analyzed: &Analyzed, cut: usize, encoding: PositionEncoding) -> Diagnostic {
    Diagnostic {
        range: convert::range(&analyzed.rope, TextRange::empty_at(cut), encoding),
        severity: Some(DiagnosticSeverity::INFORMATION),
        code: Some(NumberOrString::String(ANALYSIS_LIMITED.to_owned())),
        source: Some(SOURCE.to_owned()),
        message: format!(
            "The document is {} bytes long: only the first {cut} bytes (up to here) were \
             analysed. Raise the setting newsls.analysis.maxBytes to analyse more.",
            analyzed.text.len()
        ),
        ..Diagnostic::default()
    }
}

pub(super) fn diagnostic(
    uri: &Uri,
    analyzed: &Analyzed,
    encoding: PositionEncoding,
    settings: &Settings,
    finding: &Finding,
) -> Option<Diagnostic> {
    let severity = settings.severity(finding.check, finding.severity)?;
    let related: Vec<DiagnosticRelatedInformation> = finding
        .related
        .iter()
        .map(|related| DiagnosticRelatedInformation {
            location: Location::new(
                uri.clone(),
                convert::range(&analyzed.rope, related.range, encoding),
            ),
            message: related.message.clone(),
        })
        .collect();
    Some(Diagnostic {
        range: convert::range(&analyzed.rope, finding.range, encoding),
        severity: Some(convert::severity(severity)),
        code: Some(NumberOrString::String(finding.check.code().to_owned())),
        source: Some(SOURCE.to_owned()),
        message: finding.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        ..Diagnostic::default()
    })
}
