//! A quotation mark that is never closed, or a closing mark that was never opened.

use super::{Check, CheckContext, Finding, Severity};
use crate::analysis::quotes::MarkProblemKind;

pub(super) fn check(context: &CheckContext<'_>, findings: &mut Vec<Finding>) {
    for problem in context.mark_problems {
        let message = match problem.kind {
            MarkProblemKind::NeverClosed => "quotation mark is never closed",
            MarkProblemKind::NeverOpened => "closing quotation mark was never opened",
        };
        findings.push(Finding {
            check: Check::UnbalancedQuoteMark,
            severity: Severity::Error,
            range: problem.range,
            message: message.to_owned(),
            related: Vec::new(),
        });
    }
}
