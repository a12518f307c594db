//! A quotation mark that is never closed, or a closing mark that was never opened.
//!
//! The quote scanner decides which marks these are (see [`crate::analysis::quotes`]): only
//! double marks, guillemets, low-9 marks, corner brackets and a curly `‘` that clearly opens a
//! word; a `’` or `'` that pairs with nothing is an apostrophe, never a problem. An opening
//! mark left open at the end of its paragraph is reported unless the quotation goes on (the
//! next paragraph reopens it with a mark, or it closes after a bracketed editorial insertion).

use super::{Check, CheckContext, Finding, Severity};
use crate::analysis::quotes::MarkProblemKind;

pub(super) fn check(context: &CheckContext<'_>, findings: &mut Vec<Finding>) {
    for problem in context.mark_problems {
        let message = match problem.kind {
            MarkProblemKind::NeverClosed => "opening quotation mark is never closed",
            MarkProblemKind::NeverOpened => "closing quotation mark has no opening mark",
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

#[cfg(test)]
mod tests {
    use crate::analysis::{Check, Config, analyze};

    /// The findings of this check as `(marked text, message)`.
    fn unbalanced_marks(text: &str) -> Vec<(&str, String)> {
        analyze(text, &Config::default())
            .findings
            .into_iter()
            .filter(|finding| finding.check == Check::UnbalancedQuoteMark)
            .map(|finding| (finding.range.slice(text), finding.message))
            .collect()
    }

    #[test]
    fn an_opening_mark_never_closed_is_reported_once_and_the_next_paragraph_is_clean() {
        let text = "He said “it will end.\n\nShe said: “A new quotation.”";
        assert_eq!(
            unbalanced_marks(text),
            [("“", "opening quotation mark is never closed".to_owned())]
        );
    }

    #[test]
    fn a_closing_mark_never_opened_is_reported() {
        assert_eq!(
            unbalanced_marks("It ends here.» Then more."),
            [("»", "closing quotation mark has no opening mark".to_owned())]
        );
    }

    #[test]
    fn apostrophes_are_never_reported() {
        let text = "Don’t blame the States’ allies for the ’90s or rock 'n' roll, y'all.’";
        assert_eq!(unbalanced_marks(text), []);
    }

    #[test]
    fn quotations_over_paragraphs_and_around_insertions_are_balanced() {
        let text =
            "“One.\n\n“Two.”\n\nHe said, “The people slapped them\n\n[the U.S.]\n\nin the mouth.”";
        assert_eq!(unbalanced_marks(text), []);
    }

    #[test]
    fn the_sample_article_has_no_unbalanced_mark() {
        let text = include_str!("../../../seeds/000_2c8c7d61181d0d35.txt");
        assert_eq!(unbalanced_marks(text), []);
    }
}
