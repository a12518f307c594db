//! A quotation that quotes somebody, but nobody in the article is found to have said it.

use super::{Check, CheckContext, Finding, Severity};

pub(super) fn check(context: &CheckContext<'_>, findings: &mut Vec<Finding>) {
    for quote in &context.analysis.quotes {
        if quote.kind.expects_speaker() && quote.attribution.is_none() {
            findings.push(Finding {
                check: Check::UnattributedQuote,
                severity: Severity::Warning,
                range: quote.range,
                message: "quotation has no speaker".to_owned(),
                related: Vec::new(),
            });
        }
    }
}
