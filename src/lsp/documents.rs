//! The document store: every open document's text and version, and its latest analysis with the
//! revision it came from.
//!
//! The store is a plain `std::sync::Mutex` around a map. Every method takes the lock, does its
//! work and releases it before returning, so no lock is ever held across an `.await`. Handlers
//! call [`DocumentStore::change`] before their first `.await`, which makes edits apply in the
//! order the client sent them.
//!
//! Besides the client's `version`, each document has a `revision` that the store increments on
//! every change. The revision orders results even if a client reuses or skips versions: an
//! analysis is installed, and its diagnostics published, only while its revision is current.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use ropey::Rope;
use tokio::sync::Notify;
use tower_lsp_server::ls_types::Uri;

use crate::analysis::{self, Analysis, Config, DocumentFormat};
use crate::text::{Document, PositionEncoding, TextChange};

/// The open documents.
#[derive(Default)]
pub struct DocumentStore {
    documents: Mutex<HashMap<Uri, Entry>>,
    /// Revisions are unique across documents and reopenings, so that an analysis of a closed
    /// document's text can never be taken for one of the reopened document.
    last_revision: AtomicU64,
}

struct Entry {
    document: Document,
    format: DocumentFormat,
    revision: u64,
    analyzed: Option<Arc<Analyzed>>,
    /// The revision whose diagnostics were last published.
    published: Option<u64>,
    /// Wakes the background worker that analyses this document (see `server.rs`).
    wake: Arc<Notify>,
}

/// The text of a document at one revision, cheap to take (a rope clone shares its nodes).
#[derive(Clone, Debug)]
pub struct Snapshot {
    pub version: i32,
    pub revision: u64,
    pub rope: Rope,
    pub format: DocumentFormat,
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
}

/// What the worker of a document should do next.
pub enum Job {
    /// The latest revision is already analysed (by a request that needed it first).
    Ready(Arc<Analyzed>),
    /// The latest revision needs an analysis.
    Analyze(Snapshot),
}

impl Snapshot {
    /// Runs the analysis over this snapshot. Synchronous and O(text): call it off the async
    /// runtime (the server uses `spawn_blocking`).
    pub fn analyze(self) -> Analyzed {
        let text = self.rope.to_string();
        let analysis = analysis::analyze(
            &text,
            &Config {
                format: self.format,
            },
        );
        Analyzed {
            version: self.version,
            revision: self.revision,
            rope: self.rope,
            text,
            format: self.format,
            analysis,
        }
    }
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
            wake: Arc::clone(&wake),
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

    /// Keeps `analyzed` as the document's latest analysis if it is newer than the one kept.
    /// Returns whether it is the analysis of the current revision.
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
        analyzed.revision == entry.revision
    }

    /// What the worker woken through `wake` should do: `None` when its document was closed or
    /// reopened (the worker then stops).
    pub fn job(&self, uri: &Uri, wake: &Arc<Notify>) -> Option<Job> {
        let documents = self.lock();
        let entry = documents.get(uri)?;
        if !Arc::ptr_eq(&entry.wake, wake) {
            return None;
        }
        Some(
            match entry
                .analyzed
                .as_ref()
                .filter(|analyzed| analyzed.revision == entry.revision)
            {
                Some(analyzed) => Job::Ready(Arc::clone(analyzed)),
                None => Job::Analyze(entry.snapshot()),
            },
        )
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

    /// The open documents.
    pub fn uris(&self) -> Vec<Uri> {
        self.lock().keys().cloned().collect()
    }
}

impl Entry {
    fn snapshot(&self) -> Snapshot {
        Snapshot {
            version: self.document.version(),
            revision: self.revision,
            rope: self.document.rope().clone(),
            format: self.format,
        }
    }
}
