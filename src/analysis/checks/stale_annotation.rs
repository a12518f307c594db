//! An annotation that no longer applies to anything: a pin whose quotation was deleted or
//! reworded, an inline annotation with no paragraph (or no quotation) after it.

use super::{Check, CheckContext, Finding, Severity};

pub(super) fn check(context: &CheckContext<'_>, findings: &mut Vec<Finding>) {
    for (range, message) in &context.annotations.stale {
        findings.push(Finding {
            check: Check::StaleAnnotation,
            severity: Severity::Information,
            range: *range,
            message: message.clone(),
            related: Vec::new(),
        });
    }
}
