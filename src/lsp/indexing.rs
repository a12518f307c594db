//! The workspace index in the server: finding the articles of the workspace folders, indexing
//! them on threads of their own, and turning the index's places into protocol locations and
//! misquote diagnostics. The questions themselves are answered by `crate::index`.
//!
//! Indexing runs on its own OS threads (as many as the machine has cores, at most four), not
//! on tokio's blocking pool: the server keeps that pool at two threads, one of which always
//! waits on stdin, and a long indexing run there would hold up the analysis of the documents
//! being edited. Each file's analysis runs under `catch_unwind`, so an article that trips a bug
//! is skipped and logged, and the rest are indexed.

use std::collections::{HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use ropey::Rope;
use tower_lsp_server::ls_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Position, Range, Uri,
};

use super::config::{IndexSettings, Settings, SeverityOverride};
use super::convert;
use super::diagnostics::SOURCE;
use super::documents::{Analyzed, DocumentStore};
use crate::analysis::{self, Config, DocumentFormat, WorkspaceAnnotations};
use crate::index::gitignore::{IgnoreRules, matches_any};
use crate::index::{ArticleSummary, Index, MisquoteReport, Place};
use crate::text::{
    LineColumn, PositionEncoding, TextRange, offset_to_position, position_to_offset,
};

/// The code of the misquote diagnostic.
pub const MISQUOTE: &str = "misquote";

/// The index and what the server published from it.
#[derive(Default)]
pub struct WorkspaceIndex {
    index: Mutex<Index>,
    /// Closed files that were sent misquote diagnostics, to clear when they have none.
    published_closed: Mutex<HashSet<String>>,
}

impl WorkspaceIndex {
    /// The index, locked. Hold it only for one query (never across an `.await`); a poisoned
    /// lock still holds a consistent index (every change is one insert or remove).
    pub fn lock(&self) -> MutexGuard<'_, Index> {
        self.index
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Replaces the set of closed files with misquote diagnostics; returns the ones that had
    /// some before and have none now (to clear).
    pub fn set_published_closed(&self, keys: HashSet<String>) -> Vec<String> {
        let mut published = self
            .published_closed
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let stale = published.difference(&keys).cloned().collect();
        *published = keys;
        stale
    }
}

/// An article file found in a workspace folder.
#[derive(Clone, Debug)]
pub struct ArticleFile {
    pub path: PathBuf,
    pub uri: Uri,
    pub workspace: Arc<WorkspaceAnnotations>,
}

/// Whether a file name is an article by its extension (`.txt`, `.md`, `.markdown`, any case).
pub fn is_article_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".txt") || lower.ends_with(".md") || lower.ends_with(".markdown")
}

/// The article files under `root`, in sorted order: `*.txt`, `*.md`, `*.markdown` and the
/// configured patterns, not hidden, not ignored by a `.gitignore` (the subset described in
/// `crate::index::gitignore`), not larger than `settings.max_bytes`. Folders that cannot be
/// read are skipped; links to folders are not followed.
pub fn find_articles(root: &Path, settings: &IndexSettings) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut rules = Vec::new();
    walk(root, root, settings, &mut rules, &mut found, 0);
    found
}

/// The deepest folder level walked (a guard against pathological trees).
const MAX_DEPTH: usize = 64;

fn walk(
    root: &Path,
    folder: &Path,
    settings: &IndexSettings,
    rules: &mut Vec<(String, IgnoreRules)>,
    found: &mut Vec<PathBuf>,
    depth: usize,
) {
    if depth > MAX_DEPTH {
        return;
    }
    let relative_folder = relative(root, folder);
    let pushed = match std::fs::read_to_string(folder.join(".gitignore")) {
        Ok(text) => {
            let parsed = IgnoreRules::parse(&text);
            let push = !parsed.is_empty();
            if push {
                rules.push((relative_folder.clone(), parsed));
            }
            push
        }
        Err(_) => false,
    };
    let Ok(entries) = std::fs::read_dir(folder) else {
        if pushed {
            rules.pop();
        }
        return;
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        let Ok(file_type) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        let is_folder = file_type.is_dir();
        let relative_path = relative(root, &path);
        if is_ignored(rules, &relative_path, is_folder) {
            continue;
        }
        if is_folder {
            walk(root, &path, settings, rules, found, depth + 1);
        } else if is_article_name(name) || matches_any(&settings.include, &relative_path) {
            // `metadata` follows a link to a file; a link to a folder is not a file here.
            let Ok(metadata) = std::fs::metadata(&path) else {
                continue;
            };
            if metadata.is_file() && metadata.len() <= settings.max_bytes {
                found.push(path);
            }
        }
    }
    if pushed {
        rules.pop();
    }
}

/// `path` relative to `root`, with `/` separators.
fn relative(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative
        .components()
        .map(|component| component.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Applies the `.gitignore` rules from the top folder down: the deepest that decides wins.
fn is_ignored(rules: &[(String, IgnoreRules)], relative_path: &str, is_folder: bool) -> bool {
    let mut ignored = false;
    for (base, folder_rules) in rules {
        let inside = if base.is_empty() {
            Some(relative_path)
        } else {
            relative_path
                .strip_prefix(base.as_str())
                .and_then(|rest| rest.strip_prefix('/'))
        };
        if let Some(inside) = inside {
            if let Some(decision) = folder_rules.decide(inside, is_folder) {
                ignored = decision;
            }
        }
    }
    ignored
}

/// Whether a single file (reported by the watcher) is an article of the workspace under `root`:
/// the checks of [`find_articles`], with every `.gitignore` from `root` down to its folder.
pub fn is_workspace_article(root: &Path, path: &Path, settings: &IndexSettings) -> bool {
    let Ok(inside) = path.strip_prefix(root) else {
        return false;
    };
    let parts: Vec<String> = inside
        .components()
        .map(|component| component.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.iter().any(|part| part.starts_with('.')) {
        return false;
    }
    let mut rules = Vec::new();
    let mut folder = root.to_path_buf();
    for (depth, part) in parts.iter().enumerate() {
        if let Ok(text) = std::fs::read_to_string(folder.join(".gitignore")) {
            rules.push((
                parts.get(..depth).unwrap_or(&[]).join("/"),
                IgnoreRules::parse(&text),
            ));
        }
        let relative_path = parts.get(..=depth).unwrap_or(&[]).join("/");
        let is_last = depth + 1 == parts.len();
        if is_ignored(&rules, &relative_path, !is_last) {
            return false;
        }
        folder.push(part);
    }
    let name = parts.last().map(String::as_str).unwrap_or("");
    let relative_path = parts.join("/");
    (is_article_name(name) || matches_any(&settings.include, &relative_path))
        && std::fs::metadata(path)
            .is_ok_and(|metadata| metadata.is_file() && metadata.len() <= settings.max_bytes)
}

/// Reads and summarizes one article file; `None` when it cannot be read or is not UTF-8, and
/// an error message when the analysis panicked.
pub fn summarize_file(
    path: &Path,
    workspace: &WorkspaceAnnotations,
    max_bytes: usize,
) -> Option<Result<ArticleSummary, String>> {
    let bytes = std::fs::read(path).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let format = DocumentFormat::from_file_name(&path.to_string_lossy());
    Some(summarize(&text, format, workspace, max_bytes))
}

/// Analyses a text (at most `max_bytes` of it, as an open document would be) and summarizes it,
/// catching a panic as its message.
pub fn summarize(
    text: &str,
    format: DocumentFormat,
    workspace: &WorkspaceAnnotations,
    max_bytes: usize,
) -> Result<ArticleSummary, String> {
    catch_unwind(AssertUnwindSafe(|| {
        let cut = super::documents::analysis_cut(text, max_bytes);
        let analyzed = text.get(..cut).unwrap_or(text);
        let analysis = analysis::analyze_in_workspace(analyzed, &Config { format }, workspace);
        ArticleSummary::new(text, &analysis)
    }))
    .map_err(|payload| super::panics::panic_message(payload.as_ref()))
}

/// Indexes `files` on up to four threads, counting each file done in `done`. A file that is
/// open in the editor (`store`) is left to the editor's text. Returns the messages of files
/// whose analysis failed.
pub fn index_files(
    files: &[ArticleFile],
    index: &WorkspaceIndex,
    store: &DocumentStore,
    max_bytes: usize,
    done: &AtomicUsize,
) -> Vec<String> {
    let threads = std::thread::available_parallelism()
        .map_or(2, std::num::NonZeroUsize::get)
        .clamp(1, 4);
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let number = next.fetch_add(1, Ordering::Relaxed);
                    let Some(file) = files.get(number) else {
                        break;
                    };
                    if store.revision(&file.uri).is_none() {
                        match summarize_file(&file.path, &file.workspace, max_bytes) {
                            // Checked again: the editor's text wins over the disk's if the
                            // file was opened meanwhile.
                            Some(Ok(summary)) if store.revision(&file.uri).is_none() => {
                                index.lock().insert(file.uri.as_str(), summary);
                            }
                            Some(Err(message)) => {
                                if let Ok(mut failures) = failures.lock() {
                                    failures.push(format!(
                                        "indexing {} failed: {message}",
                                        file.path.display()
                                    ));
                                }
                            }
                            Some(Ok(_)) | None => {}
                        }
                    }
                    done.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
    });
    failures.into_inner().unwrap_or_default()
}

/// `1,240`: a count with thousands separators, for progress messages.
pub fn thousands(count: usize) -> String {
    let digits = count.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// Converts the index's places (lines and UTF-8 columns) into protocol ranges in the client's
/// encoding, through the one position converter. For another encoding than UTF-8 it needs the
/// article's text: the open document's, else the file's, read once per locator. A file that
/// can no longer be read keeps its UTF-8 columns (right for ASCII lines).
pub struct Locator<'a> {
    encoding: PositionEncoding,
    store: &'a DocumentStore,
    texts: HashMap<String, Option<Rope>>,
}

impl<'a> Locator<'a> {
    pub fn new(encoding: PositionEncoding, store: &'a DocumentStore) -> Self {
        Self {
            encoding,
            store,
            texts: HashMap::new(),
        }
    }

    /// The location of `place` in the article `key` (a URI).
    pub fn location(&mut self, key: &str, place: Place) -> Option<Location> {
        let uri: Uri = key.parse().ok()?;
        let range = self.range(&uri, place);
        Some(Location::new(uri, range))
    }

    pub fn range(&mut self, uri: &Uri, place: Place) -> Range {
        if self.encoding == PositionEncoding::Utf8 {
            return utf8_range(place);
        }
        let store = self.store;
        let rope = self
            .texts
            .entry(uri.as_str().to_owned())
            .or_insert_with(|| {
                store
                    .snapshot(uri)
                    .map(|snapshot| snapshot.rope)
                    .or_else(|| {
                        let path = uri.to_file_path()?;
                        std::fs::read_to_string(&path)
                            .ok()
                            .map(|text| Rope::from_str(&text))
                    })
            });
        match rope {
            Some(rope) => place_range(rope, place, self.encoding),
            None => utf8_range(place),
        }
    }
}

fn utf8_range(place: Place) -> Range {
    Range::new(
        Position::new(place.start.line, place.start.column),
        Position::new(place.end.line, place.end.column),
    )
}

/// The protocol range of `place` in `rope` (the article's text).
pub fn place_range(rope: &Rope, place: Place, encoding: PositionEncoding) -> Range {
    let convert_one = |position: LineColumn| {
        let offset = position_to_offset(rope, position, PositionEncoding::Utf8);
        convert::position(rope, offset, encoding)
    };
    Range::new(convert_one(place.start), convert_one(place.end))
}

/// The name of an article for messages: its file name, else its URI.
pub fn article_name(key: &str) -> String {
    key.parse::<Uri>()
        .ok()
        .and_then(|uri| {
            uri.to_file_path().and_then(|path| {
                path.file_name()
                    .map(|name| name.to_string_lossy().into_owned())
            })
        })
        .unwrap_or_else(|| key.to_owned())
}

/// The severity of misquote diagnostics under the settings, `None` when they are off.
fn misquote_severity(settings: &Settings) -> Option<DiagnosticSeverity> {
    if !settings.diagnostics.enable {
        return None;
    }
    match settings.diagnostics.severity.get(MISQUOTE) {
        None | Some(SeverityOverride::Information) => Some(DiagnosticSeverity::INFORMATION),
        Some(SeverityOverride::Off) => None,
        Some(SeverityOverride::Error) => Some(DiagnosticSeverity::ERROR),
        Some(SeverityOverride::Warning) => Some(DiagnosticSeverity::WARNING),
        Some(SeverityOverride::Hint) => Some(DiagnosticSeverity::HINT),
    }
}

/// One information diagnostic per misquote of the article `uri` (a closed file: the places of
/// the reports are its places), on its quotation, with related information at the other
/// article's quotation.
pub fn misquote_diagnostics(
    uri: &Uri,
    reports: &[MisquoteReport],
    locator: &mut Locator<'_>,
    settings: &Settings,
) -> Vec<Diagnostic> {
    let Some(severity) = misquote_severity(settings) else {
        return Vec::new();
    };
    reports
        .iter()
        .map(|report| {
            let range = locator.range(uri, report.here);
            misquote_diagnostic(range, report, locator, severity)
        })
        .collect()
}

/// The misquote diagnostics of an open document from reports found for this text or an
/// earlier one (see [`relocate`]), with ranges on `analyzed`'s text.
pub fn open_misquote_diagnostics(
    analyzed: &Analyzed,
    reports: &[MisquoteReport],
    locator: &mut Locator<'_>,
    settings: &Settings,
) -> Vec<Diagnostic> {
    let Some(severity) = misquote_severity(settings) else {
        return Vec::new();
    };
    let encoding = locator.encoding;
    relocate(analyzed, reports)
        .into_iter()
        .map(|(range, report)| {
            let range = convert::range(&analyzed.rope, range, encoding);
            misquote_diagnostic(range, report, locator, severity)
        })
        .collect()
}

/// Places misquotes found for an earlier text of a document on `analyzed`: each report goes to
/// the quotation with the same words nearest to the line it was on (an edit above it moves it),
/// and a report whose quotation is no longer there (its words were edited) is left out until
/// the next workspace pass says whether it still holds. For the text the reports were found
/// in, every report keeps its place. O(quotations) when there are reports, nothing otherwise.
pub fn relocate<'a>(
    analyzed: &Analyzed,
    reports: &'a [MisquoteReport],
) -> Vec<(TextRange, &'a MisquoteReport)> {
    if reports.is_empty() {
        return Vec::new();
    }
    let wanted: HashSet<&str> = reports
        .iter()
        .map(|report| report.here_text.as_str())
        .collect();
    // The quotations with those words, with the line each starts on.
    let mut found: HashMap<&str, Vec<(u32, TextRange)>> = HashMap::new();
    for quote in &analyzed.analysis.quotes {
        let text = quote.text(&analyzed.text);
        if let Some(words) = wanted.get(text.as_str()) {
            let line =
                offset_to_position(&analyzed.rope, quote.range.start, PositionEncoding::Utf8).line;
            found.entry(*words).or_default().push((line, quote.range));
        }
    }
    reports
        .iter()
        .filter_map(|report| {
            let (_, range) = found
                .get(report.here_text.as_str())?
                .iter()
                .min_by_key(|(line, _)| line.abs_diff(report.here.start.line))?;
            Some((*range, report))
        })
        .collect()
}

/// The diagnostic of one misquote at `range`, with related information at the other article's
/// quotation.
fn misquote_diagnostic(
    range: Range,
    report: &MisquoteReport,
    locator: &mut Locator<'_>,
    severity: DiagnosticSeverity,
) -> Diagnostic {
    let other_name = article_name(&report.other_article);
    let related = locator
        .location(&report.other_article, report.other)
        .map(|location| {
            vec![DiagnosticRelatedInformation {
                location,
                message: format!(
                    "{} in {other_name}: “{}”",
                    report.speaker, report.other_text
                ),
            }]
        });
    Diagnostic {
        range,
        severity: Some(severity),
        code: Some(NumberOrString::String(MISQUOTE.to_owned())),
        source: Some(SOURCE.to_owned()),
        message: format!(
            "{} is quoted differently in {other_name}: {}",
            report.speaker,
            report.describe_differences()
        ),
        related_information: related,
        ..Diagnostic::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder under the system's temporary folder, removed when dropped.
    struct TempDir(PathBuf);

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn write(root: &Path, name: &str, text: &str) {
        let path = root.join(name);
        if let Some(parent) = path.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        let _ = std::fs::write(path, text);
    }

    #[test]
    fn articles_are_found_by_extension_pattern_gitignore_and_size() {
        let dir = TempDir(
            std::env::temp_dir().join(format!("newsls-find-articles-{}", std::process::id())),
        );
        let root = dir.0.as_path();
        let _ = std::fs::remove_dir_all(root);
        write(root, "a.txt", "A");
        write(root, "b.MD", "B");
        write(root, "c.rs", "fn main() {}");
        write(root, "wire.text", "W");
        write(root, "big.txt", &"x".repeat(2_000));
        write(root, ".hidden/d.txt", "D");
        write(root, ".gitignore", "drafts/\n");
        write(root, "drafts/e.txt", "E");
        write(root, "sub/.gitignore", "*.md\n!keep.md\n");
        write(root, "sub/f.md", "F");
        write(root, "sub/keep.md", "K");
        write(root, "sub/g.txt", "G");
        let settings = IndexSettings {
            include: vec!["*.text".to_owned()],
            max_bytes: 1_000,
            ..IndexSettings::default()
        };
        let found: Vec<String> = find_articles(root, &settings)
            .iter()
            .map(|path| relative(root, path))
            .collect();
        assert_eq!(
            found,
            ["a.txt", "b.MD", "sub/g.txt", "sub/keep.md", "wire.text"]
        );
        // The same decisions for single files, as the watcher reports them.
        assert!(is_workspace_article(
            root,
            &root.join("sub/keep.md"),
            &settings
        ));
        assert!(!is_workspace_article(
            root,
            &root.join("sub/f.md"),
            &settings
        ));
        assert!(!is_workspace_article(
            root,
            &root.join("drafts/e.txt"),
            &settings
        ));
        assert!(!is_workspace_article(
            root,
            &root.join(".hidden/d.txt"),
            &settings
        ));
        assert!(!is_workspace_article(
            root,
            &root.join("big.txt"),
            &settings
        ));
    }

    fn analyzed(text: &str) -> Analyzed {
        super::super::documents::Snapshot {
            version: 1,
            revision: 1,
            rope: Rope::from_str(text),
            format: DocumentFormat::PlainText,
            workspace: Arc::default(),
        }
        .analyze()
    }

    /// A report of a misquote of the quotation `words`, found when it was on `line`.
    fn report(words: &str, line: u32) -> MisquoteReport {
        MisquoteReport {
            speaker: "Jane Doe".to_owned(),
            here: Place {
                start: LineColumn::new(line, 0),
                end: LineColumn::new(line, 9),
            },
            here_text: words.to_owned(),
            other_article: "file:///other.txt".to_owned(),
            other: Place::default(),
            other_text: "something else".to_owned(),
            differences: Vec::new(),
        }
    }

    #[test]
    fn misquotes_follow_their_quotation_and_are_dropped_when_its_words_change() {
        let text = "Jane Doe spoke.\n\n“We will rebuild the bridge,” Jane Doe said.\n\n“We will \
                    rebuild the bridge,” Jane Doe said again.\n\n“Winter is coming,” she said.\n";
        let analyzed = analyzed(text);
        let second = text.rfind("“We will").unwrap_or(0);
        let winter = text.find("“Winter").unwrap_or(0);
        let reports = [
            // Found on line 5 (before a line above it was deleted): of the two quotations with
            // these words, on lines 2 and 4, the nearer one.
            report("We will rebuild the bridge,", 5),
            report("Winter is coming,", 4),
            // Its words were edited away.
            report("Summer is coming,", 6),
        ];
        let placed: Vec<(usize, &str)> = relocate(&analyzed, &reports)
            .into_iter()
            .map(|(range, report)| (range.start, report.here_text.as_str()))
            .collect();
        assert_eq!(
            placed,
            [
                (second, "We will rebuild the bridge,"),
                (winter, "Winter is coming,")
            ]
        );
        assert!(relocate(&analyzed, &[]).is_empty());
    }

    #[test]
    fn counts_get_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1240), "1,240");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }

    #[test]
    fn a_utf8_place_becomes_a_utf16_range_on_the_text() {
        let rope = Rope::from_str("“Zoë” said Zoë Müller\n");
        let start = "“Zoë” said ".len();
        let place = Place {
            start: LineColumn::new(0, u32::try_from(start).unwrap_or(0)),
            end: LineColumn::new(0, u32::try_from(start + "Zoë Müller".len()).unwrap_or(0)),
        };
        let range = place_range(&rope, place, PositionEncoding::Utf16);
        assert_eq!(range.start, Position::new(0, 11));
        assert_eq!(range.end, Position::new(0, 21));
    }
}
