//! The settings a client sends under `newsls` (in `initializationOptions`, in
//! `workspace/didChangeConfiguration`, or in answer to `workspace/configuration`).
//!
//! ```json
//! {
//!   "newsls": {
//!     "diagnostics": {
//!       "enable": true,
//!       "severity": { "unattributed-quote": "hint", "unbalanced-quote-mark": "off" },
//!       "maxCount": 1000
//!     },
//!     "outline": { "grouping": "speaker" },
//!     "inlayHints": { "enable": true },
//!     "analysis": { "maxBytes": 524288 },
//!     "index": { "enable": true, "include": ["**/*.text"], "maxBytes": 1048576, "maxSymbols": 128 }
//!   }
//! }
//! ```
//!
//! Every field is optional; a missing one keeps its default. The object may also come without
//! the `newsls` wrapper (some clients send the section's contents directly). Severities are
//! `error`, `warning`, `information` (or `info`), `hint` and `off`; grouping is `speaker` (a node
//! per speaker with its quotes) or `document` (the quotes in text order). `analysis.maxBytes`
//! bounds how much of a document is analysed (see [`AnalysisSettings`]); `index` says which
//! files of the workspace folders are indexed (see [`IndexSettings`]), and the severity of the
//! misquote diagnostic is set under the code `misquote`.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::Value;

use crate::analysis::{Check, Severity};

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Settings {
    pub diagnostics: DiagnosticSettings,
    pub outline: OutlineSettings,
    pub inlay_hints: InlayHintSettings,
    pub analysis: AnalysisSettings,
    pub index: IndexSettings,
}

/// The workspace index: which files of the workspace folders are articles, and how many
/// symbols a search returns.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct IndexSettings {
    /// Index the workspace folders at all.
    pub enable: bool,
    /// Glob patterns of more files to index besides `*.txt`, `*.md` and `*.markdown`
    /// (`.gitignore` syntax: `**/*.text`, `wires/*.log`).
    pub include: Vec<String>,
    /// Files larger than this are not indexed.
    pub max_bytes: u64,
    /// The most results of a workspace symbol search.
    pub max_symbols: usize,
}

impl Default for IndexSettings {
    fn default() -> Self {
        Self {
            enable: true,
            include: Vec::new(),
            max_bytes: 1024 * 1024,
            max_symbols: 128,
        }
    }
}

/// How much of a document to analyse. The analysis of a single long paragraph grows faster
/// than its length (about 7 s for 2 MB on one line in a release build), so above `max_bytes`
/// only the first `max_bytes` are analysed, cut at a paragraph break, and an information
/// diagnostic says so. The default, 512 KiB, is some 50 times a long article.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct AnalysisSettings {
    pub max_bytes: usize,
}

/// The default [`AnalysisSettings::max_bytes`].
pub const DEFAULT_MAX_BYTES: usize = 512 * 1024;

impl Default for AnalysisSettings {
    fn default() -> Self {
        Self {
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DiagnosticSettings {
    pub enable: bool,
    /// Per check code, the severity to use instead of the check's own.
    pub severity: HashMap<String, SeverityOverride>,
    /// The most diagnostics published for one document; the rest are summed up in one. A text
    /// of a million straight quotation marks has a million findings, which no editor can show
    /// and whose JSON alone takes seconds.
    pub max_count: usize,
}

/// The default [`DiagnosticSettings::max_count`].
pub const DEFAULT_MAX_DIAGNOSTICS: usize = 1000;

impl Default for DiagnosticSettings {
    fn default() -> Self {
        Self {
            enable: true,
            severity: HashMap::new(),
            max_count: DEFAULT_MAX_DIAGNOSTICS,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SeverityOverride {
    Error,
    Warning,
    #[serde(alias = "info")]
    Information,
    Hint,
    Off,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct OutlineSettings {
    pub grouping: OutlineGrouping,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OutlineGrouping {
    /// One node per speaker with that speaker's quotes, as `analysis::outline` builds it.
    #[default]
    Speaker,
    /// The quotes in the order of the text, each naming its speaker.
    Document,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct InlayHintSettings {
    pub enable: bool,
}

impl Default for InlayHintSettings {
    fn default() -> Self {
        Self { enable: true }
    }
}

impl Settings {
    /// Reads settings from what a client sent. `Ok(None)` when there is nothing to read (a
    /// `null`, as clients that want to be asked send); an error names what is wrong.
    pub fn from_value(value: &Value) -> Result<Option<Settings>, serde_json::Error> {
        let section = match value {
            Value::Null => return Ok(None),
            Value::Object(map) => map.get("newsls").unwrap_or(value),
            _ => value,
        };
        if section.is_null() {
            return Ok(None);
        }
        Settings::deserialize(section).map(Some)
    }

    /// The severity to show for a finding of `check`, or `None` when it is turned off.
    pub fn severity(&self, check: Check, severity: Severity) -> Option<Severity> {
        if !self.diagnostics.enable {
            return None;
        }
        match self.diagnostics.severity.get(check.code()) {
            None => Some(severity),
            Some(SeverityOverride::Off) => None,
            Some(SeverityOverride::Error) => Some(Severity::Error),
            Some(SeverityOverride::Warning) => Some(Severity::Warning),
            Some(SeverityOverride::Information) => Some(Severity::Information),
            Some(SeverityOverride::Hint) => Some(Severity::Hint),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_the_newsls_section_with_defaults_for_what_is_missing() {
        let settings = Settings::from_value(&json!({
            "newsls": {
                "diagnostics": { "severity": { "unattributed-quote": "hint", "unbalanced-quote-mark": "off" } },
                "outline": { "grouping": "document" }
            }
        }));
        let Ok(Some(settings)) = settings else {
            panic!("settings should parse: {settings:?}");
        };
        assert_eq!(settings.outline.grouping, OutlineGrouping::Document);
        assert!(settings.inlay_hints.enable);
        assert_eq!(
            settings.severity(Check::UnattributedQuote, Severity::Warning),
            Some(Severity::Hint)
        );
        assert_eq!(
            settings.severity(Check::UnbalancedQuoteMark, Severity::Error),
            None
        );
    }

    #[test]
    fn reads_a_section_without_its_wrapper_and_turns_diagnostics_off() {
        let Ok(Some(settings)) = Settings::from_value(&json!({"diagnostics": {"enable": false}}))
        else {
            panic!("settings should parse");
        };
        assert_eq!(
            settings.severity(Check::UnattributedQuote, Severity::Warning),
            None
        );
    }

    #[test]
    fn null_is_nothing_and_a_bad_value_is_an_error() {
        assert!(matches!(Settings::from_value(&Value::Null), Ok(None)));
        assert!(Settings::from_value(&json!({"outline": {"grouping": "alphabet"}})).is_err());
    }
}
