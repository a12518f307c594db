//! The document store: every open document's text and version, and its latest analysis with the
//! revision it came from.
//!
//! The store is a plain `std::sync::Mutex` around a map. Every method takes the lock, does its
//! work and releases it before returning, so no lock is ever held across an `.await`. Handlers
//! call [`DocumentStore::change`] before their first `.await`, which makes edits apply in the
//! order the client sent them.
//!
//! Besides the client's `version`, each document has a `revision`, a number the store draws
//! from one increasing counter on every open and change. The revision orders results even if a
//! client reuses or skips versions: an analysis is current, and its diagnostics may be
//! published, only while its revision is the document's.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use ropey::Rope;
use tokio::sync::Notify;
use tower_lsp_server::ls_types::Uri;

use crate::analysis::{self, Analysis, Config, DocumentFormat, WorkspaceAnnotations};
use crate::index::MisquoteReport;
use crate::text::{Document, PositionEncoding, TextChange};

/// The open documents.
#[derive(Default)]
pub struct DocumentStore {
    documents: Mutex<HashMap<Uri, Entry>>,
    /// Revisions are unique across documents and reopenings, so that an analysis of a closed
    /// document's text can never be taken for one of the reopened document.
    last_revision: AtomicU64,
    /// Each workspace folder (its URI, ending in `/`) with the settings of its `newsls.toml`.
    workspaces: Mutex<Vec<(String, Arc<WorkspaceAnnotations>)>>,
}

struct Entry {
    document: Document,
    format: DocumentFormat,
    revision: u64,
    analyzed: Option<Arc<Analyzed>>,
    /// The revision whose diagnostics were last published.
    published: Option<u64>,
    /// The revision somebody (the worker or a request) is analysing now; others wait for it
    /// rather than analyse the same text again.
    analyzing: Option<u64>,
    /// Woken (all waiters) whenever an analysis is installed or abandoned.
    settled: Arc<Notify>,
    /// Wakes the background worker that analyses this document (see `server.rs`).
    wake: Arc<Notify>,
    /// The settings of the workspace the document belongs to.
    workspace: Arc<WorkspaceAnnotations>,
    /// The misquotes the latest workspace pass found (see `server.rs`), perhaps for an earlier
    /// revision: they are placed on the current text by their quotations' words.
    misquotes: Arc<[MisquoteReport]>,
}

/// The text of a document at one revision, cheap to take (a rope clone shares its nodes).
#[derive(Clone, Debug)]
pub struct Snapshot {
    pub version: i32,
    pub revision: u64,
    pub rope: Rope,
    pub format: DocumentFormat,
    pub workspace: Arc<WorkspaceAnnotations>,
}

/// An analysis together with the exact text it was computed from: analysis ranges are byte
/// offsets into `text`, and positions must be computed on `rope`, which holds the same text.
#[derive(Debug)]
pub struct Analyzed {
    pub version: i32,
    pub revision: u64,
    pub rope: Rope,
    pub text: String,
    pub format: DocumentFormat,
    pub analysis: Analysis,
    /// When the text was longer than the size limit: how many bytes (from the start) were
    /// analysed. The analysis knows nothing after them.
    pub limited: Option<usize>,
}

/// What a worker or a request should do to get an analysis.
pub enum Job {
    /// The analysis wanted is there.
    Ready(Arc<Analyzed>),
    /// Somebody else is analysing the text wanted: wait for [`DocumentStore::settled`].
    Wait,
    /// Analyse this snapshot (it is now marked as being analysed), then
    /// [`DocumentStore::install`] or [`DocumentStore::abandon`] the result.
    Analyze(Snapshot),
}

impl Snapshot {
    /// Runs the analysis over this snapshot. Synchronous and O(text): call it off the async
    /// runtime (the server uses `spawn_blocking`).
    pub fn analyze(self) -> Analyzed {
        self.analyze_up_to(usize::MAX)
    }

    /// Runs the analysis over at most the first `max_bytes` of the text, cut at the last
    /// paragraph break before the limit (or line break, sentence end or space; see
    /// [`analysis_cut`]). Ranges into the part analysed are ranges into the whole text, so the
    /// result is used like a full one; `limited` says where it stops.
    pub fn analyze_up_to(self, max_bytes: usize) -> Analyzed {
        let text = rope_text(&self.rope);
        let cut = analysis_cut(&text, max_bytes);
        let analysis = analysis::analyze_in_workspace(
            text.get(..cut).unwrap_or(&text),
            &Config {
                format: self.format,
            },
            &self.workspace,
        );
        Analyzed {
            version: self.version,
            revision: self.revision,
            rope: self.rope,
            limited: (cut < text.len()).then_some(cut),
            text,
            format: self.format,
            analysis,
        }
    }
}

/// The whole text of `rope`, copied once into a string of the right capacity (`to_string`
/// grows it by doubling, through the formatter: more copying and, for a megabyte of text, twice
/// the memory at the peak).
fn rope_text(rope: &Rope) -> String {
    let mut text = String::with_capacity(rope.len_bytes());
    for chunk in rope.chunks() {
        text.push_str(chunk);
    }
    text
}

/// Where to stop analysing `text` so as to read at most `max_bytes`: the whole text when it
/// fits, else the latest paragraph break (a blank line) in the second half of the first
/// `max_bytes`, else the latest line break there, else sentence end (". "), else space, else
/// the last character boundary before the limit. The cut is always a char boundary.
pub fn analysis_cut(text: &str, max_bytes: usize) -> usize {
    if text.len() <= max_bytes {
        return text.len();
    }
    let mut limit = max_bytes;
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let window = text.get(..limit).unwrap_or_default();
    let second_half = limit / 2;
    let latest = |separators: &[&str]| {
        separators
            .iter()
            .filter_map(|separator| window.rfind(separator).map(|at| at + separator.len()))
            .max()
            .filter(|&cut| cut > second_half)
    };
    latest(&["\n\n", "\r\n\r\n", "\r\r"])
        .or_else(|| latest(&["\n", "\r"]))
        .or_else(|| latest(&[". ", "? ", "! ", ".” ", ".\" "]))
        .or_else(|| {
            window
                .char_indices()
                .rev()
                .take_while(|&(at, _)| at > second_half)
                .find(|(_, character)| character.is_whitespace())
                .map(|(at, character)| at + character.len_utf8())
        })
        .unwrap_or(limit)
}

impl DocumentStore {
    pub fn new() -> Self {
        Self::default()
    }

    fn next_revision(&self) -> u64 {
        self.last_revision.fetch_add(1, Ordering::Relaxed) + 1
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<Uri, Entry>> {
        // A poisoned lock means a panic while the map was being changed; every change here is a
        // single insert, remove or field update, so the map is still consistent and usable.
        self.documents
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Opens (or reopens) a document and returns the wake-up handle of its new worker. A worker
    /// of an earlier open of the same document is woken so that it sees it was replaced and
    /// stops.
    pub fn open(&self, uri: Uri, text: &str, version: i32, language_id: &str) -> Arc<Notify> {
        let wake = Arc::new(Notify::new());
        let entry = Entry {
            document: Document::new(text, version),
            format: DocumentFormat::from_language_id(language_id),
            revision: self.next_revision(),
            analyzed: None,
            published: None,
            analyzing: None,
            settled: Arc::new(Notify::new()),
            wake: Arc::clone(&wake),
            workspace: self.workspace_of(&uri),
            misquotes: Arc::new([]),
        };
        if let Some(previous) = self.lock().insert(uri, entry) {
            previous.wake.notify_one();
        }
        wake
    }

    /// Applies `changes` in order and sets `version`. Returns the document's worker handle, or
    /// `None` when the document is not open.
    pub fn change(
        &self,
        uri: &Uri,
        version: i32,
        changes: &[TextChange],
        encoding: PositionEncoding,
    ) -> Option<Arc<Notify>> {
        let mut documents = self.lock();
        let entry = documents.get_mut(uri)?;
        entry.document.apply_changes(changes, version, encoding);
        entry.revision = self.next_revision();
        // The analysis kept is of an older revision now, which no request or worker will take
        // (they want the current one or later): free it before the next one is built, so that
        // two analyses of a large document are not held at once.
        entry.analyzed = None;
        Some(Arc::clone(&entry.wake))
    }

    /// Closes a document; returns its worker handle so that the caller can stop the worker.
    pub fn close(&self, uri: &Uri) -> Option<Arc<Notify>> {
        self.lock().remove(uri).map(|entry| entry.wake)
    }

    /// The current text of a document.
    pub fn snapshot(&self, uri: &Uri) -> Option<Snapshot> {
        self.lock().get(uri).map(Entry::snapshot)
    }

    /// The analysis of the current revision, if it has been computed.
    pub fn current_analysis(&self, uri: &Uri) -> Option<Arc<Analyzed>> {
        let documents = self.lock();
        let entry = documents.get(uri)?;
        entry
            .analyzed
            .as_ref()
            .filter(|analyzed| analyzed.revision == entry.revision)
            .cloned()
    }

    /// Keeps `analyzed` as the document's latest analysis if it is newer than the one kept, and
    /// wakes whoever waits for it. Returns whether it is the analysis of the current revision;
    /// if so, and the worker did not compute it itself, the worker is woken to publish it.
    pub fn install(&self, uri: &Uri, analyzed: &Arc<Analyzed>) -> bool {
        let mut documents = self.lock();
        let Some(entry) = documents.get_mut(uri) else {
            return false;
        };
        let newer = entry
            .analyzed
            .as_ref()
            .is_none_or(|kept| kept.revision < analyzed.revision);
        if newer {
            entry.analyzed = Some(Arc::clone(analyzed));
        }
        if entry.analyzing == Some(analyzed.revision) {
            entry.analyzing = None;
        }
        entry.settled.notify_waiters();
        let current = analyzed.revision == entry.revision;
        if current && entry.published != Some(analyzed.revision) {
            entry.wake.notify_one();
        }
        current
    }

    /// Gives up the analysis of `revision` (it failed), so that others stop waiting for it.
    pub fn abandon(&self, uri: &Uri, revision: u64) {
        let mut documents = self.lock();
        if let Some(entry) = documents.get_mut(uri) {
            if entry.analyzing == Some(revision) {
                entry.analyzing = None;
            }
            entry.settled.notify_waiters();
        }
    }

    /// What the worker woken through `wake` should do about the current revision: `None` when
    /// its document was closed or reopened (the worker then stops).
    pub fn job(&self, uri: &Uri, wake: &Arc<Notify>) -> Option<Job> {
        let mut documents = self.lock();
        let entry = documents.get_mut(uri)?;
        if !Arc::ptr_eq(&entry.wake, wake) {
            return None;
        }
        let revision = entry.revision;
        Some(entry.job(revision))
    }

    /// What a request that arrived at revision `wanted` (see [`Snapshot::revision`]) should do
    /// to get an analysis of that revision or a later one; `None` when the document is not
    /// open.
    pub fn request_job(&self, uri: &Uri, wanted: u64) -> Option<Job> {
        self.lock().get_mut(uri).map(|entry| entry.job(wanted))
    }

    /// The handle woken when an analysis of the document is installed or abandoned. Create the
    /// `notified()` future (and `enable` it) before asking for a job, so no wake-up is missed.
    pub fn settled(&self, uri: &Uri) -> Option<Arc<Notify>> {
        self.lock().get(uri).map(|entry| Arc::clone(&entry.settled))
    }

    /// The current revision of the document.
    pub fn revision(&self, uri: &Uri) -> Option<u64> {
        self.lock().get(uri).map(|entry| entry.revision)
    }

    /// Records that the diagnostics of `revision` are about to be published. Returns `false`
    /// (publish nothing) when that revision is no longer current or was already published, so
    /// that a result for version N never goes out after version N+1 arrived.
    pub fn claim_publication(&self, uri: &Uri, revision: u64) -> bool {
        let mut documents = self.lock();
        let Some(entry) = documents.get_mut(uri) else {
            return false;
        };
        if entry.revision != revision || entry.published == Some(revision) {
            return false;
        }
        entry.published = Some(revision);
        true
    }

    /// Records that the diagnostics of `revision`, published already, are about to be published
    /// again (its misquotes changed). Returns `false` (publish nothing) when that revision is no
    /// longer current.
    pub fn claim_republication(&self, uri: &Uri, revision: u64) -> bool {
        let mut documents = self.lock();
        let Some(entry) = documents.get_mut(uri) else {
            return false;
        };
        if entry.revision != revision {
            return false;
        }
        entry.published = Some(revision);
        true
    }

    /// The misquotes last found for the document (none when it is not open).
    pub fn misquotes(&self, uri: &Uri) -> Arc<[MisquoteReport]> {
        self.lock().get(uri).map_or_else(
            || Arc::new([]) as Arc<[MisquoteReport]>,
            |entry| Arc::clone(&entry.misquotes),
        )
    }

    /// Keeps the misquotes found for `revision` if it is still the current one. Returns whether
    /// they were kept and differ from the ones kept before.
    pub fn set_misquotes(&self, uri: &Uri, revision: u64, reports: Vec<MisquoteReport>) -> bool {
        let mut documents = self.lock();
        let Some(entry) = documents.get_mut(uri) else {
            return false;
        };
        if entry.revision != revision || *entry.misquotes == *reports {
            return false;
        }
        entry.misquotes = reports.into();
        true
    }

    /// The worker handles of the open documents other than `uri`, to wake when the index entry
    /// of `uri` changed (their misquotes may have changed with it).
    pub fn workers_except(&self, uri: &Uri) -> Vec<Arc<Notify>> {
        self.lock()
            .iter()
            .filter(|(other, _)| *other != uri)
            .map(|(_, entry)| Arc::clone(&entry.wake))
            .collect()
    }

    /// Forgets which revisions were published, so that the workers publish again (after a
    /// configuration change). Returns the worker handles to wake.
    pub fn republish_all(&self) -> Vec<Arc<Notify>> {
        self.lock()
            .values_mut()
            .map(|entry| {
                entry.published = None;
                Arc::clone(&entry.wake)
            })
            .collect()
    }

    /// Gives every open document a new revision, so that its worker analyses it again (after a
    /// change to a setting of the analysis itself, such as `newsls.analysis.maxBytes`). Returns
    /// the worker handles to wake.
    pub fn reanalyse_all(&self) -> Vec<Arc<Notify>> {
        self.lock()
            .values_mut()
            .map(|entry| {
                entry.revision = self.next_revision();
                Arc::clone(&entry.wake)
            })
            .collect()
    }

    /// Sets the workspace folders and their settings. The open documents take their folder's
    /// settings in a new revision; the returned worker handles must be woken to analyse them.
    pub fn set_workspaces(
        &self,
        workspaces: Vec<(String, WorkspaceAnnotations)>,
    ) -> Vec<Arc<Notify>> {
        let workspaces = workspaces
            .into_iter()
            .map(|(mut prefix, settings)| {
                if !prefix.ends_with('/') {
                    prefix.push('/');
                }
                (prefix, Arc::new(settings))
            })
            .collect();
        *self
            .workspaces
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = workspaces;
        let mut documents = self.lock();
        let mut wakes = Vec::new();
        for (uri, entry) in documents.iter_mut() {
            let workspace = self.workspace_of(uri);
            if workspace != entry.workspace {
                entry.workspace = workspace;
                entry.revision = self.next_revision();
                wakes.push(Arc::clone(&entry.wake));
            }
        }
        wakes
    }

    /// The settings of the innermost workspace folder holding `uri`.
    fn workspace_of(&self, uri: &Uri) -> Arc<WorkspaceAnnotations> {
        // A poisoned lock still holds a whole list (it is only ever replaced whole).
        let workspaces = self
            .workspaces
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        workspaces
            .iter()
            .filter(|(prefix, _)| uri.as_str().starts_with(prefix.as_str()))
            .max_by_key(|(prefix, _)| prefix.len())
            .map(|(_, settings)| Arc::clone(settings))
            .unwrap_or_default()
    }

    /// The open documents.
    pub fn uris(&self) -> Vec<Uri> {
        self.lock().keys().cloned().collect()
    }
}

impl Entry {
    /// An analysis of revision `wanted` or later: the one kept, a wait for the one being made,
    /// or the current text to analyse (marked as being analysed).
    fn job(&mut self, wanted: u64) -> Job {
        if let Some(analyzed) = self
            .analyzed
            .as_ref()
            .filter(|analyzed| analyzed.revision >= wanted)
        {
            return Job::Ready(Arc::clone(analyzed));
        }
        if self.analyzing.is_some_and(|revision| revision >= wanted) {
            return Job::Wait;
        }
        self.analyzing = Some(self.revision);
        Job::Analyze(self.snapshot())
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot {
            version: self.document.version(),
            revision: self.revision,
            rope: self.document.rope().clone(),
            format: self.format,
            workspace: Arc::clone(&self.workspace),
        }
    }
}
