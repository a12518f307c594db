//! Findings as diagnostics, with the user's severity overrides applied.

use tower_lsp_server::ls_types::{
    Diagnostic, DiagnosticRelatedInformation, Location, NumberOrString, Uri,
};

use super::config::Settings;
use super::convert;
use super::documents::Analyzed;
use crate::analysis::Finding;
use crate::text::PositionEncoding;

/// The source shown with every diagnostic.
pub const SOURCE: &str = "newsls";

pub fn diagnostics(
    uri: &Uri,
    analyzed: &Analyzed,
    encoding: PositionEncoding,
    settings: &Settings,
) -> Vec<Diagnostic> {
    analyzed
        .analysis
        .findings
        .iter()
        .filter_map(|finding| diagnostic(uri, analyzed, encoding, settings, finding))
        .collect()
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
