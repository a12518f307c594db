//! Findings: the problems worth showing to the writer, one check per file.
//!
//! Adding a check is one new file and one line in [`CHECKS`].

mod malformed_annotation;
mod stale_annotation;
mod unattributed_quote;
mod unbalanced_quote_mark;

use super::Analysis;
use super::annotations::Applied;
use super::quotes::MarkProblem;
use crate::text::TextRange;

/// A problem found in the article.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub check: Check,
    pub severity: Severity,
    pub range: TextRange,
    pub message: String,
    /// Other places that explain the finding.
    pub related: Vec<RelatedRange>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelatedRange {
    pub range: TextRange,
    pub message: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Information,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "info",
            Severity::Hint => "hint",
        }
    }
}

/// Every check there is; its code is stable and shown to users.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Check {
    UnattributedQuote,
    UnbalancedQuoteMark,
    StaleAnnotation,
    MalformedAnnotation,
}

impl Check {
    pub const ALL: [Check; 4] = [
        Check::UnattributedQuote,
        Check::UnbalancedQuoteMark,
        Check::StaleAnnotation,
        Check::MalformedAnnotation,
    ];

    /// The stable code of the check, as shown in diagnostics and accepted in configuration.
    pub fn code(self) -> &'static str {
        match self {
            Check::UnattributedQuote => "unattributed-quote",
            Check::UnbalancedQuoteMark => "unbalanced-quote-mark",
            Check::StaleAnnotation => "stale-annotation",
            Check::MalformedAnnotation => "malformed-annotation",
        }
    }

    pub fn from_code(code: &str) -> Option<Check> {
        Check::ALL.into_iter().find(|check| check.code() == code)
    }
}

/// What a check may look at.
pub struct CheckContext<'a> {
    pub analysis: &'a Analysis,
    pub mark_problems: &'a [MarkProblem],
    /// What applying the annotations left over: stale pins, unreadable annotations.
    pub annotations: &'a Applied,
}

type CheckFn = fn(&CheckContext<'_>, &mut Vec<Finding>);

const CHECKS: &[CheckFn] = &[
    unattributed_quote::check,
    unbalanced_quote_mark::check,
    stale_annotation::check,
    malformed_annotation::check,
];

/// Runs every check; findings come back in text order.
pub fn run(
    analysis: &Analysis,
    mark_problems: &[MarkProblem],
    annotations: &Applied,
) -> Vec<Finding> {
    let context = CheckContext {
        analysis,
        mark_problems,
        annotations,
    };
    let mut findings = Vec::new();
    for check in CHECKS {
        check(&context, &mut findings);
    }
    findings.sort_by_key(|finding| (finding.range.start, finding.range.end, finding.check));
    findings
}
