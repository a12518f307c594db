//! An annotation newsls cannot read: the front matter's `newsls` section or an inline
//! annotation, with the parser's message. The rest of the article is analysed all the same.

use super::{Check, CheckContext, Finding, Severity};

pub(super) fn check(context: &CheckContext<'_>, findings: &mut Vec<Finding>) {
    for error in &context.annotations.errors {
        findings.push(Finding {
            check: Check::MalformedAnnotation,
            severity: Severity::Warning,
            range: error.range,
            message: format!("annotation not applied: {}", error.message),
            related: Vec::new(),
        });
    }
}
