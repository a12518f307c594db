//! The `LanguageServer` implementation. Each handler converts the request in, makes one call into
//! the analysis (through a feature module), and converts the answer out.
//!
//! # Order and freshness
//!
//! tower-lsp-server polls each message's handler for the first time in the order the messages
//! arrived, and may run several handlers concurrently afterwards. So every notification that
//! changes state (`didOpen`, `didChange`, `didClose`) changes the store before its first
//! `.await`: a request that follows an edit always sees it.
//!
//! Every open document has one background worker task. A change wakes it through a
//! [`Notify`], whose wake-ups do not pile up: however many edits arrive while an analysis runs,
//! the worker then analyses only the latest text (latest wins). The analysis runs in
//! `spawn_blocking`, so a panic in it becomes a logged error, not a dead server. The
//! diagnostics of a revision are published only while it is still the current one.
//!
//! A request that finds no analysis of the text it is about waits for the one being computed
//! (by the worker or another request) or starts one itself; whoever computes it installs it in
//! the store, and the worker publishes it, so the same text is never analysed twice.
//!
//! # The workspace pass, off the path to the diagnostics
//!
//! A version's diagnostics are published as soon as its analysis is done: its findings, and
//! the misquotes found before, each placed on the quotation with the same words in the new
//! text (so they neither flicker nor point at stale lines while the user types). The work for
//! the workspace (summarizing the analysis for the index, which costs about half an analysis,
//! and comparing its quotations with the other articles') comes after, once the document has
//! been quiet for [`WORKSPACE_PASS_DELAY`] (latest wins: a burst of edits makes one pass); if
//! it finds other misquotes, the same version is published again. So a version may be
//! published twice, never after a newer one has arrived, and its first publication never
//! waits for the index.

use std::pin::pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use serde_json::Value;
use tokio::sync::Notify;
use tokio::task::JoinHandle;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::{
    CodeActionParams, CodeActionResponse, ConfigurationItem, DidChangeConfigurationParams,
    DidChangeTextDocumentParams, DidChangeWatchedFilesParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DocumentDiagnosticParams, DocumentDiagnosticReport,
    DocumentDiagnosticReportResult, DocumentHighlight, DocumentHighlightParams,
    DocumentSymbolParams, DocumentSymbolResponse, FoldingRange, FoldingRangeParams,
    FullDocumentDiagnosticReport, GotoDefinitionParams, GotoDefinitionResponse, Hover, HoverParams,
    InitializeParams, InitializeResult, InitializedParams, InlayHint, InlayHintParams, Location,
    MessageType, ReferenceParams, RelatedFullDocumentDiagnosticReport, SemanticTokens,
    SemanticTokensParams, SemanticTokensResult, ServerInfo, Uri,
};
use tower_lsp_server::ls_types::{
    CodeLens, CodeLensParams, Diagnostic, DidChangeWorkspaceFoldersParams, FileChangeType,
    HoverContents, ProgressToken, WorkspaceSymbolParams, WorkspaceSymbolResponse,
};
use tower_lsp_server::{Client, LanguageServer};

use super::capabilities::{self, ClientSupport};
use super::config::Settings;
use super::documents::{Analyzed, DocumentStore, Job, Snapshot};
use super::indexing::{self, ArticleFile, Locator, WorkspaceIndex};
use super::navigation::Declaration;
use super::symbols::SymbolShape;
use super::{
    code_actions, convert, diagnostics, folding, inlay_hints, log, navigation, semantic_tokens,
    symbols, workspace_features, workspace_files,
};
use crate::analysis::WorkspaceAnnotations;
use crate::index::ArticleSummary;

/// The server's state, shared by the handlers and the document workers.
#[derive(Default)]
struct State {
    store: DocumentStore,
    support: Mutex<ClientSupport>,
    settings: Mutex<Settings>,
    /// The workspace folders, whose `newsls.toml` files are read again when one changes.
    roots: Mutex<Vec<Uri>>,
    /// Whether the client lets the server watch the `newsls.toml` files.
    watch_workspace_files: AtomicBool,
    /// Every article of the workspace folders, and of the open documents.
    index: WorkspaceIndex,
}

impl State {
    fn support(&self) -> ClientSupport {
        *lock(&self.support)
    }

    fn settings(&self) -> Settings {
        lock(&self.settings).clone()
    }
}

/// Locks a mutex that only ever holds plain values replaced whole, so a poisoned one is still
/// consistent and is used as it is.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub struct Backend {
    client: Client,
    state: Arc<State>,
    shutdown_requested: Arc<AtomicBool>,
}

impl Backend {
    /// A server speaking to `client`; it sets `shutdown_requested` when the client asks it to
    /// shut down (the exit code depends on it).
    pub fn new(client: Client, shutdown_requested: Arc<AtomicBool>) -> Self {
        Self {
            client,
            state: Arc::new(State::default()),
            shutdown_requested,
        }
    }

    /// An analysis of the document as it is when the request arrives: the one kept, the one
    /// somebody is computing, or a new one.
    async fn analyzed(&self, uri: &Uri) -> Result<Option<Arc<Analyzed>>> {
        let store = &self.state.store;
        // Read before any `.await`: the request is about the text as of its arrival.
        let Some(wanted) = store.revision(uri) else {
            log(
                &self.client,
                MessageType::WARNING,
                format!("request for a document that is not open: {}", uri.as_str()),
            )
            .await;
            return Ok(None);
        };
        loop {
            let Some(settled) = store.settled(uri) else {
                return Ok(None);
            };
            let mut notified = pin!(settled.notified());
            notified.as_mut().enable();
            match store.request_job(uri, wanted) {
                None => return Ok(None),
                Some(Job::Ready(analyzed)) => return Ok(Some(analyzed)),
                Some(Job::Wait) => notified.await,
                Some(Job::Analyze(snapshot)) => {
                    let analysis = spawn_analysis(Arc::clone(&self.state), uri.clone(), snapshot);
                    return match analysis.await {
                        Ok(Ok(analyzed)) => Ok(Some(analyzed)),
                        Ok(Err(message)) => {
                            log(&self.client, MessageType::ERROR, &message).await;
                            Err(Error {
                                code: ErrorCode::InternalError,
                                message: message.into(),
                                data: None,
                            })
                        }
                        Err(error) => Err(Error {
                            code: ErrorCode::InternalError,
                            message: format!("the analysis task failed: {error}").into(),
                            data: None,
                        }),
                    };
                }
            }
        }
    }

    fn spawn_worker(&self, uri: Uri, wake: Arc<Notify>) {
        let client = self.client.clone();
        let state = Arc::clone(&self.state);
        // A panic in the worker would otherwise end it, and the document's diagnostics with it.
        tokio::spawn(super::panics::restarting(
            "the diagnostics worker",
            self.client.clone(),
            move || {
                worker(
                    client.clone(),
                    Arc::clone(&state),
                    uri.clone(),
                    Arc::clone(&wake),
                )
            },
        ));
    }

    /// Reads settings from a client's value, keeping the old ones if it is malformed.
    async fn apply_settings(&self, value: &Value) -> bool {
        match Settings::from_value(value) {
            Ok(Some(settings)) => {
                *lock(&self.state.settings) = settings;
                true
            }
            Ok(None) => false,
            Err(error) => {
                log(
                    &self.client,
                    MessageType::WARNING,
                    format!("ignoring malformed newsls settings: {error}"),
                )
                .await;
                false
            }
        }
    }

    /// Asks the client for the `newsls` section, for clients that send `null` on change.
    async fn fetch_settings(&self) -> bool {
        if !self.state.support().configuration_request {
            return false;
        }
        let items = vec![ConfigurationItem {
            scope_uri: None,
            section: Some("newsls".to_owned()),
        }];
        match self.client.configuration(items).await {
            Ok(values) => match values.first() {
                Some(value) => self.apply_settings(value).await,
                None => false,
            },
            Err(error) => {
                log(
                    &self.client,
                    MessageType::WARNING,
                    format!("workspace/configuration failed: {error}"),
                )
                .await;
                false
            }
        }
    }
}

/// Analyses a snapshot on the blocking pool; a panic becomes an error message.
async fn run_analysis(
    snapshot: Snapshot,
    max_bytes: usize,
) -> std::result::Result<Arc<Analyzed>, String> {
    let version = snapshot.version;
    run_blocking(move || Arc::new(snapshot.analyze_up_to(max_bytes)))
        .await
        .map_err(|reason| format!("the analysis of version {version} failed: {reason}"))
}

/// Runs `job` on the blocking pool, where a panic is caught: it comes back as its message.
async fn run_blocking<T: Send + 'static>(
    job: impl FnOnce() -> T + Send + 'static,
) -> std::result::Result<T, String> {
    tokio::task::spawn_blocking(job).await.map_err(|error| {
        if !error.is_panic() {
            return "cancelled".to_owned();
        }
        super::panics::panic_message(error.into_panic().as_ref())
    })
}

/// Analyses a snapshot and installs the result (or gives it up on failure) in a task of its
/// own, so that a cancelled request cannot leave others waiting for an analysis that never
/// comes.
fn spawn_analysis(
    state: Arc<State>,
    uri: Uri,
    snapshot: Snapshot,
) -> JoinHandle<std::result::Result<Arc<Analyzed>, String>> {
    tokio::spawn(async move {
        let revision = snapshot.revision;
        let max_bytes = state.settings().analysis.max_bytes;
        let result = run_analysis(snapshot, max_bytes).await;
        match result {
            Ok(analyzed) => {
                state.store.install(&uri, &analyzed);
                Ok(analyzed)
            }
            Err(message) => {
                state.store.abandon(&uri, revision);
                Err(message)
            }
        }
    })
}

/// How long a document must be quiet (no change, no other wake-up of its worker) before its
/// workspace pass runs. Long enough that a typing burst does not start one between keystrokes
/// (a pass holds the one analysis thread for a step, up to about 10 ms at 1 MB, and the next
/// keystroke's analysis would wait for it); short enough that a new misquote shows soon after
/// the typing stops.
const WORKSPACE_PASS_DELAY: Duration = Duration::from_millis(250);

/// What a document's worker remembers between wake-ups.
#[derive(Default)]
struct WorkerMemory {
    /// The revision whose summary this worker last put in the index.
    indexed: Option<u64>,
    /// The revision and the diagnostics last published.
    published: Option<(u64, Vec<Diagnostic>)>,
}

impl WorkerMemory {
    /// Publishes `items` for `analyzed`'s version, unless they are exactly what was last
    /// published for the same revision (a republication after a settings change or a
    /// workspace pass that changed nothing): clients are spared a message that says nothing
    /// new, and the payload of a long document is not serialized again for nothing. The first
    /// publication of a revision always goes out, even when its diagnostics equal the previous
    /// revision's: it says they are those of the new version.
    async fn publish(
        &mut self,
        client: &Client,
        uri: &Uri,
        analyzed: &Analyzed,
        items: Vec<Diagnostic>,
    ) {
        if self.repeats(analyzed.revision, &items) {
            return;
        }
        self.published = Some((analyzed.revision, items.clone()));
        client
            .publish_diagnostics(uri.clone(), items, Some(analyzed.version))
            .await;
    }

    /// Whether `items` are what was last published for `revision`.
    fn repeats(&self, revision: u64, items: &[Diagnostic]) -> bool {
        self.published
            .as_ref()
            .is_some_and(|(published, last)| *published == revision && last.as_slice() == items)
    }
}

/// The background task of one open document: analyses its latest text whenever woken and
/// publishes its diagnostics at once; then, once the document has been quiet for
/// [`WORKSPACE_PASS_DELAY`], runs the workspace pass. Stops when the document is closed or
/// reopened.
async fn worker(client: Client, state: Arc<State>, uri: Uri, wake: Arc<Notify>) {
    let mut memory = WorkerMemory::default();
    // The analysis whose workspace pass is due. Dropped as soon as the worker is woken: a
    // change makes it stale (and a large document's old analysis is not kept while the new one
    // is made), and any other wake-up leads back here with the current analysis.
    let mut due: Option<Arc<Analyzed>> = None;
    loop {
        match due.take() {
            Some(analyzed) => {
                tokio::select! {
                    biased;
                    () = wake.notified() => {}
                    () = tokio::time::sleep(WORKSPACE_PASS_DELAY) => {
                        workspace_pass(&client, &state, &uri, &analyzed, &mut memory).await;
                        continue;
                    }
                }
            }
            None => wake.notified().await,
        }
        let Some(job) = state.store.job(&uri, &wake) else {
            return;
        };
        let analyzed = match job {
            Job::Ready(analyzed) => analyzed,
            // A request is analysing the current text; installing it wakes this worker.
            Job::Wait => continue,
            Job::Analyze(snapshot) => {
                match spawn_analysis(Arc::clone(&state), uri.clone(), snapshot).await {
                    Ok(Ok(analyzed)) => analyzed,
                    Ok(Err(message)) => {
                        log(&client, MessageType::ERROR, &message).await;
                        continue;
                    }
                    Err(error) => {
                        log(
                            &client,
                            MessageType::ERROR,
                            format!("analysis task: {error}"),
                        )
                        .await;
                        continue;
                    }
                }
            }
        };
        // Checked right before sending, with no `.await` in between: if a newer revision has
        // arrived, its own analysis will publish instead.
        if !state.support().pull_diagnostics
            && state.store.claim_publication(&uri, analyzed.revision)
        {
            let items = all_diagnostics(&state, &uri, &analyzed);
            memory.publish(&client, &uri, &analyzed, items).await;
        }
        due = Some(analyzed);
    }
}

/// The workspace work of a document, off the path from a change to its diagnostics: puts the
/// summary of `analyzed` in the index (once per revision), wakes the other open documents
/// (their misquotes may have changed with it), finds this document's misquotes, and publishes
/// the diagnostics of the same version again if they changed. Each step on the blocking pool
/// is followed by a check that the revision is still current, so a change that arrives
/// meanwhile waits for one step at most and the rest is left to its own pass.
async fn workspace_pass(
    client: &Client,
    state: &Arc<State>,
    uri: &Uri,
    analyzed: &Arc<Analyzed>,
    memory: &mut WorkerMemory,
) {
    let revision = analyzed.revision;
    let is_current = || state.store.revision(uri) == Some(revision);
    if !is_current() {
        return;
    }
    if state.settings().index.enable && memory.indexed != Some(revision) {
        let source = Arc::clone(analyzed);
        let summary = match run_blocking(move || {
            ArticleSummary::with_rope(&source.text, &source.rope, &source.analysis)
        })
        .await
        {
            Ok(summary) => summary,
            Err(reason) => {
                let message = format!("summarizing version {} failed: {reason}", analyzed.version);
                log(client, MessageType::ERROR, message).await;
                return;
            }
        };
        // No `.await` between this check and the insert: once the editor has closed the
        // document, the index holds the file's text (see `did_close`), never the editor's.
        if !is_current() {
            return;
        }
        state.index.lock().insert(uri.as_str(), summary);
        memory.indexed = Some(revision);
        for other in state.store.workers_except(uri) {
            other.notify_one();
        }
    }
    let searching = Arc::clone(state);
    let key = uri.as_str().to_owned();
    let found = run_blocking(move || {
        let reports = searching.index.lock().misquotes(&key);
        // The document is quiet and its workspace work done: a good time to give the memory
        // its analyses freed back to the system.
        super::return_free_memory_to_the_system();
        reports
    })
    .await;
    let reports = match found {
        Ok(reports) => reports,
        Err(reason) => {
            let message = format!(
                "finding the misquotes of version {} failed: {reason}",
                analyzed.version
            );
            log(client, MessageType::ERROR, message).await;
            return;
        }
    };
    if !state.store.set_misquotes(uri, revision, reports) {
        return;
    }
    let support = state.support();
    if support.pull_diagnostics {
        if support.diagnostic_refresh {
            let _ = client.workspace_diagnostic_refresh().await;
        }
        return;
    }
    // As for the first publication: no `.await` between the check and the send.
    if state.store.claim_republication(uri, revision) {
        let items = all_diagnostics(state, uri, analyzed);
        memory.publish(client, uri, analyzed, items).await;
    }
}

/// The diagnostics of an open document: the analysis' findings, and the misquotes the latest
/// workspace pass found against the other articles of the workspace, placed on this text.
fn all_diagnostics(state: &State, uri: &Uri, analyzed: &Analyzed) -> Vec<Diagnostic> {
    let settings = state.settings();
    let encoding = state.support().encoding;
    let mut items = diagnostics::diagnostics(uri, analyzed, encoding, &settings);
    let reports = state.store.misquotes(uri);
    if !reports.is_empty() {
        let mut locator = Locator::new(encoding, &state.store);
        items.extend(indexing::open_misquote_diagnostics(
            analyzed,
            &reports,
            &mut locator,
            &settings,
        ));
    }
    items
}

/// The workspace folder settings (`newsls.toml`) of every root, innermost first by length.
fn root_workspaces(roots: &[Uri]) -> Vec<(Uri, Arc<WorkspaceAnnotations>)> {
    let (loaded, _) = workspace_files::load(roots);
    roots
        .iter()
        .map(|root| {
            let settings = loaded
                .iter()
                .find(|(prefix, _)| prefix == root.as_str())
                .map(|(_, settings)| Arc::new(settings.clone()))
                .unwrap_or_default();
            (root.clone(), settings)
        })
        .collect()
}

/// Indexes every article under `roots` on threads of their own, reporting work-done progress
/// when the client shows it; then publishes the misquotes found (open documents through their
/// workers, closed files directly).
async fn index_folders(client: Client, state: Arc<State>, roots: Vec<Uri>) {
    let settings = state.settings();
    if !settings.index.enable || roots.is_empty() {
        return;
    }
    let progress = if state.support().work_done_progress {
        let token = ProgressToken::String(format!(
            "newsls-indexing-{}",
            INDEXING_RUNS.fetch_add(1, Ordering::Relaxed)
        ));
        match client.create_work_done_progress(token.clone()).await {
            Ok(()) => Some(
                client
                    .progress(token, "Indexing articles")
                    .with_percentage(0)
                    .with_message("Finding articles")
                    .begin()
                    .await,
            ),
            Err(_) => None,
        }
    } else {
        None
    };
    let total = Arc::new(std::sync::atomic::AtomicUsize::new(usize::MAX));
    let done = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let (sender, mut finished) = tokio::sync::oneshot::channel();
    let thread_state = Arc::clone(&state);
    let (thread_total, thread_done) = (Arc::clone(&total), Arc::clone(&done));
    let spawned = std::thread::Builder::new()
        .name("newsls-index".to_owned())
        .spawn(move || {
            let workspaces = root_workspaces(&roots);
            let mut files = Vec::new();
            for (root, workspace) in &workspaces {
                let Some(folder) = root.to_file_path() else {
                    continue;
                };
                for path in indexing::find_articles(&folder, &settings.index) {
                    if let Some(uri) = Uri::from_file_path(&path) {
                        files.push(ArticleFile {
                            path,
                            uri,
                            workspace: Arc::clone(workspace),
                        });
                    }
                }
            }
            thread_total.store(files.len(), Ordering::SeqCst);
            let failures = indexing::index_files(
                &files,
                &thread_state.index,
                &thread_state.store,
                settings.analysis.max_bytes,
                &thread_done,
            );
            let _ = sender.send((files.len(), failures));
        });
    if let Err(error) = spawned {
        log(
            &client,
            MessageType::ERROR,
            format!("cannot start indexing: {error}"),
        )
        .await;
        return;
    }
    let outcome = loop {
        tokio::select! {
            outcome = &mut finished => break outcome.ok(),
            () = tokio::time::sleep(std::time::Duration::from_millis(200)) => {
                let total = total.load(Ordering::SeqCst);
                if let (Some(progress), true) = (&progress, total != usize::MAX) {
                    let done = done.load(Ordering::SeqCst).min(total);
                    let percentage = u32::try_from(done * 100 / total.max(1)).unwrap_or(100);
                    progress
                        .report_with_message(
                            format!(
                                "Indexing {}/{} articles",
                                indexing::thousands(done),
                                indexing::thousands(total)
                            ),
                            percentage,
                        )
                        .await;
                }
            }
        }
    };
    let (count, failures) = outcome.unwrap_or_default();
    for failure in failures {
        log(&client, MessageType::ERROR, failure).await;
    }
    if let Some(progress) = progress {
        progress
            .finish_with_message(format!("Indexed {} articles", indexing::thousands(count)))
            .await;
    }
    log(
        &client,
        MessageType::INFO,
        format!("indexed {} articles", indexing::thousands(count)),
    )
    .await;
    publish_workspace_misquotes(&client, &state).await;
}

/// Distinguishes the progress tokens of successive indexing runs.
static INDEXING_RUNS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// After the index changed: the open documents publish again (with their misquotes), and each
/// closed article with a misquote gets its misquote diagnostics; closed articles that had some
/// and have none now are cleared.
async fn publish_workspace_misquotes(client: &Client, state: &Arc<State>) {
    let support = state.support();
    if support.pull_diagnostics {
        if support.diagnostic_refresh {
            let _ = client.workspace_diagnostic_refresh().await;
        }
        return;
    }
    for wake in state.store.republish_all() {
        wake.notify_one();
    }
    let computing = Arc::clone(state);
    let closed = run_blocking(move || {
        let state = computing;
        let settings = state.settings();
        let keys = state.index.lock().articles_with_misquotes();
        let mut locator = Locator::new(support.encoding, &state.store);
        let mut published = Vec::new();
        for key in keys {
            let Ok(uri) = key.parse::<Uri>() else {
                continue;
            };
            if state.store.revision(&uri).is_some() {
                continue;
            }
            let reports = state.index.lock().misquotes(&key);
            let items = indexing::misquote_diagnostics(&uri, &reports, &mut locator, &settings);
            published.push((uri, items));
        }
        published
    })
    .await;
    let Ok(closed) = closed else {
        return;
    };
    let keys = closed
        .iter()
        .map(|(uri, _)| uri.as_str().to_owned())
        .collect();
    let stale = state.index.set_published_closed(keys);
    for (uri, items) in closed {
        client.publish_diagnostics(uri, items, None).await;
    }
    for key in stale {
        if let Ok(uri) = key.parse::<Uri>() {
            if state.store.revision(&uri).is_none() {
                client.publish_diagnostics(uri, Vec::new(), None).await;
            }
        }
    }
}

/// Indexes one file again from disk (after it changed, or its editor closed), or forgets it
/// when it is gone or no longer an article.
async fn reindex_file(state: &Arc<State>, uri: Uri) {
    let settings = state.settings();
    if !settings.index.enable {
        return;
    }
    let roots = lock(&state.roots).clone();
    let indexing_state = Arc::clone(state);
    let _ = run_blocking(move || {
        let state = indexing_state;
        let Some(path) = uri.to_file_path().map(std::borrow::Cow::into_owned) else {
            state.index.lock().remove(uri.as_str());
            return;
        };
        let workspaces = root_workspaces(&roots);
        // The innermost workspace folder holding the file.
        let root = workspaces
            .iter()
            .filter_map(|(root, workspace)| {
                let folder = root.to_file_path()?.into_owned();
                path.starts_with(&folder).then_some((folder, workspace))
            })
            .max_by_key(|(folder, _)| folder.as_os_str().len());
        let Some((folder, workspace)) = root else {
            state.index.lock().remove(uri.as_str());
            return;
        };
        if !indexing::is_workspace_article(&folder, &path, &settings.index) {
            state.index.lock().remove(uri.as_str());
            return;
        }
        match indexing::summarize_file(&path, workspace, settings.analysis.max_bytes) {
            Some(Ok(summary)) => {
                if state.store.revision(&uri).is_none() {
                    state.index.lock().insert(uri.as_str(), summary);
                }
            }
            Some(Err(_)) | None => {
                state.index.lock().remove(uri.as_str());
            }
        }
    })
    .await;
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let support = ClientSupport::from_capabilities(&params.capabilities);
        *lock(&self.state.support) = support;
        let roots = workspace_files::roots(&params);
        let (workspaces, problems) = workspace_files::load(&roots);
        *lock(&self.state.roots) = roots;
        self.state
            .watch_workspace_files
            .store(workspace_files::can_watch(&params), Ordering::SeqCst);
        for wake in self.state.store.set_workspaces(workspaces) {
            wake.notify_one();
        }
        if let Some(options) = &params.initialization_options {
            self.apply_settings(options).await;
        }
        for problem in problems {
            log(&self.client, MessageType::WARNING, problem).await;
        }
        Ok(InitializeResult {
            capabilities: capabilities::server_capabilities(&support),
            server_info: Some(ServerInfo {
                name: "newsls".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
            ..InitializeResult::default()
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let support = self.state.support();
        log(
            &self.client,
            MessageType::INFO,
            format!(
                "newsls {} ready (positions in {:?})",
                env!("CARGO_PKG_VERSION"),
                support.encoding
            ),
        )
        .await;
        self.fetch_settings().await;
        if self.state.watch_workspace_files.load(Ordering::SeqCst) {
            let registration = workspace_files::watcher_registration();
            if let Err(error) = self.client.register_capability(vec![registration]).await {
                log(
                    &self.client,
                    MessageType::WARNING,
                    format!("cannot watch the newsls.toml files: {error}"),
                )
                .await;
            }
            let include = self.state.settings().index.include;
            let registration = workspace_files::article_watcher_registration(&include);
            if let Err(error) = self.client.register_capability(vec![registration]).await {
                log(
                    &self.client,
                    MessageType::WARNING,
                    format!("cannot watch the articles: {error}"),
                )
                .await;
            }
        }
        let roots = lock(&self.state.roots).clone();
        tokio::spawn(index_folders(
            self.client.clone(),
            Arc::clone(&self.state),
            roots,
        ));
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        let added: Vec<Uri> = params
            .event
            .added
            .into_iter()
            .map(|folder| folder.uri)
            .collect();
        let removed: Vec<Uri> = params
            .event
            .removed
            .into_iter()
            .map(|folder| folder.uri)
            .collect();
        let roots = {
            let mut roots = lock(&self.state.roots);
            roots.retain(|root| !removed.contains(root));
            for root in &added {
                if !roots.contains(root) {
                    roots.push(root.clone());
                }
            }
            roots.clone()
        };
        {
            let mut index = self.state.index.lock();
            for folder in &removed {
                let mut prefix = folder.as_str().to_owned();
                if !prefix.ends_with('/') {
                    prefix.push('/');
                }
                let gone: Vec<String> = index
                    .keys()
                    .filter(|key| key.starts_with(&prefix))
                    .map(str::to_owned)
                    .collect();
                for key in gone {
                    index.remove(&key);
                }
            }
        }
        let (workspaces, problems) = workspace_files::load(&roots);
        for wake in self.state.store.set_workspaces(workspaces) {
            wake.notify_one();
        }
        for problem in problems {
            log(&self.client, MessageType::WARNING, problem).await;
        }
        if added.is_empty() {
            publish_workspace_misquotes(&self.client, &self.state).await;
        } else {
            tokio::spawn(index_folders(
                self.client.clone(),
                Arc::clone(&self.state),
                added,
            ));
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let (settings_files, articles): (Vec<_>, Vec<_>) =
            params.changes.into_iter().partition(|change| {
                change
                    .uri
                    .path()
                    .as_str()
                    .ends_with(crate::workspace::FILE_NAME)
            });
        if !articles.is_empty() {
            for change in articles {
                if change.typ == FileChangeType::DELETED {
                    if self.state.store.revision(&change.uri).is_none() {
                        self.state.index.lock().remove(change.uri.as_str());
                    }
                } else if self.state.store.revision(&change.uri).is_none() {
                    reindex_file(&self.state, change.uri).await;
                }
            }
            publish_workspace_misquotes(&self.client, &self.state).await;
        }
        if settings_files.is_empty() {
            return;
        }
        // A `newsls.toml` changed: read them all again (they are small), and reanalyse the
        // documents whose settings changed.
        let roots = lock(&self.state.roots).clone();
        let (workspaces, problems) = workspace_files::load(&roots);
        let wakes = self.state.store.set_workspaces(workspaces);
        let changed = !wakes.is_empty();
        for wake in wakes {
            wake.notify_one();
        }
        for problem in problems {
            log(&self.client, MessageType::WARNING, problem).await;
        }
        let support = self.state.support();
        if changed && support.pull_diagnostics && support.diagnostic_refresh {
            let _ = self.client.workspace_diagnostic_refresh().await;
        }
    }

    async fn shutdown(&self) -> Result<()> {
        self.shutdown_requested.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let document = params.text_document;
        let wake = self.state.store.open(
            document.uri.clone(),
            &document.text,
            document.version,
            &document.language_id,
        );
        wake.notify_one();
        self.spawn_worker(document.uri, wake);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let changes: Vec<_> = params
            .content_changes
            .into_iter()
            .map(convert::text_change)
            .collect();
        let encoding = self.state.support().encoding;
        let woken = self
            .state
            .store
            .change(&uri, params.text_document.version, &changes, encoding);
        match woken {
            Some(wake) => wake.notify_one(),
            None => {
                log(
                    &self.client,
                    MessageType::WARNING,
                    format!("change to a document that is not open: {}", uri.as_str()),
                )
                .await;
            }
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        if let Some(wake) = self.state.store.close(&uri) {
            wake.notify_one();
        }
        if !self.state.support().pull_diagnostics {
            self.client
                .publish_diagnostics(uri.clone(), Vec::new(), None)
                .await;
        }
        // The index goes back to the file on disk (the editor's unsaved text is gone), or
        // forgets a document that has no file.
        reindex_file(&self.state, uri).await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let analysis_before = self.state.settings().analysis;
        let changed = self.apply_settings(&params.settings).await || self.fetch_settings().await;
        if !changed {
            return;
        }
        if self.state.settings().analysis != analysis_before {
            // The analyses themselves change (`maxBytes`): analyse every open document again.
            for wake in self.state.store.reanalyse_all() {
                wake.notify_one();
            }
        }
        let support = self.state.support();
        if support.pull_diagnostics {
            if support.diagnostic_refresh {
                let _ = self.client.workspace_diagnostic_refresh().await;
            }
        } else {
            for wake in self.state.store.republish_all() {
                wake.notify_one();
            }
        }
        if support.inlay_hint_refresh {
            let _ = self.client.inlay_hint_refresh().await;
        }
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let uri = params.text_document.uri;
        let Some(analyzed) = self.analyzed(&uri).await? else {
            return Ok(None);
        };
        let support = self.state.support();
        let shape = if support.hierarchical_symbols {
            SymbolShape::Hierarchical
        } else {
            SymbolShape::Flat
        };
        let grouping = lock(&self.state.settings).outline.grouping;
        Ok(Some(symbols::document_symbols(
            &uri,
            &analyzed,
            support.encoding,
            shape,
            grouping,
        )))
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let position = params.text_document_position_params;
        let Some(analyzed) = self.analyzed(&position.text_document.uri).await? else {
            return Ok(None);
        };
        let encoding = self.state.support().encoding;
        let offset = convert::offset(&analyzed.rope, position.position, encoding);
        // For the tests only: see `panics.rs`.
        super::panics::panic_if_testing("hover");
        let Some(mut hover) = navigation::hover(&analyzed, offset, encoding) else {
            return Ok(None);
        };
        let line = navigation::entity_at_cursor(&analyzed.analysis, offset).and_then(|entity| {
            workspace_features::hover_line(&self.state.index, &analyzed, entity)
        });
        if let (Some(line), HoverContents::Markup(markup)) = (line, &mut hover.contents) {
            markup.value.push_str("\n\n");
            markup.value.push_str(&line);
        }
        Ok(Some(hover))
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let position = params.text_document_position_params;
        let uri = position.text_document.uri;
        let Some(analyzed) = self.analyzed(&uri).await? else {
            return Ok(None);
        };
        let encoding = self.state.support().encoding;
        let offset = convert::offset(&analyzed.rope, position.position, encoding);
        Ok(navigation::definition(&uri, &analyzed, offset, encoding)
            .map(GotoDefinitionResponse::Scalar))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let position = params.text_document_position;
        let uri = position.text_document.uri;
        let Some(analyzed) = self.analyzed(&uri).await? else {
            return Ok(None);
        };
        let encoding = self.state.support().encoding;
        let offset = convert::offset(&analyzed.rope, position.position, encoding);
        let declaration = if params.context.include_declaration {
            Declaration::Include
        } else {
            Declaration::Exclude
        };
        let mut locations = navigation::references(&uri, &analyzed, offset, encoding, declaration);
        if let Some(entity) = navigation::entity_at_cursor(&analyzed.analysis, offset) {
            let mut locator = Locator::new(encoding, &self.state.store);
            locations.extend(workspace_features::references_elsewhere(
                &self.state.index,
                &uri,
                &analyzed,
                entity,
                &mut locator,
            ));
        }
        Ok(Some(locations))
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let encoding = self.state.support().encoding;
        let limit = self.state.settings().index.max_symbols;
        let mut locator = Locator::new(encoding, &self.state.store);
        let symbols = workspace_features::workspace_symbols(
            &self.state.index,
            &params.query,
            limit,
            &mut locator,
        );
        Ok(Some(WorkspaceSymbolResponse::Flat(symbols)))
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let Some(analyzed) = self.analyzed(&params.text_document.uri).await? else {
            return Ok(None);
        };
        let encoding = self.state.support().encoding;
        Ok(Some(workspace_features::code_lenses(
            &self.state.index,
            &analyzed,
            encoding,
        )))
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        let position = params.text_document_position_params;
        let Some(analyzed) = self.analyzed(&position.text_document.uri).await? else {
            return Ok(None);
        };
        let encoding = self.state.support().encoding;
        let offset = convert::offset(&analyzed.rope, position.position, encoding);
        Ok(Some(navigation::highlights(&analyzed, offset, encoding)))
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        if !lock(&self.state.settings).inlay_hints.enable {
            return Ok(None);
        }
        let Some(analyzed) = self.analyzed(&params.text_document.uri).await? else {
            return Ok(None);
        };
        let encoding = self.state.support().encoding;
        let visible = convert::text_range(&analyzed.rope, params.range, encoding);
        Ok(Some(inlay_hints::inlay_hints(&analyzed, visible, encoding)))
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        let Some(analyzed) = self.analyzed(&params.text_document.uri).await? else {
            return Ok(None);
        };
        let encoding = self.state.support().encoding;
        Ok(Some(SemanticTokensResult::Tokens(SemanticTokens {
            result_id: None,
            data: semantic_tokens::semantic_tokens(&analyzed, encoding),
        })))
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let Some(analyzed) = self.analyzed(&params.text_document.uri).await? else {
            return Ok(None);
        };
        let encoding = self.state.support().encoding;
        Ok(Some(folding::folding_ranges(&analyzed, encoding)))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let Some(analyzed) = self.analyzed(&uri).await? else {
            return Ok(None);
        };
        let encoding = self.state.support().encoding;
        let selection = convert::text_range(&analyzed.rope, params.range, encoding);
        Ok(Some(code_actions::code_actions(
            &uri,
            &analyzed,
            selection,
            params.context.only.as_deref(),
            &self.state.settings(),
            encoding,
        )))
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let uri = params.text_document.uri;
        let items = match self.analyzed(&uri).await? {
            Some(analyzed) => all_diagnostics(&self.state, &uri, &analyzed),
            None => Vec::new(),
        };
        Ok(DocumentDiagnosticReportResult::Report(
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: None,
                    items,
                },
            }),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panic_on_the_blocking_pool_becomes_an_error_message() {
        let outcome: std::result::Result<(), String> =
            run_blocking(|| panic!("the analysis broke")).await;
        assert_eq!(outcome, Err("the analysis broke".to_owned()));
        assert_eq!(run_blocking(|| 42).await, Ok(42));
    }

    #[test]
    fn only_a_republication_of_the_same_revision_with_the_same_items_is_skipped() {
        let warning = |message: &str| Diagnostic {
            message: message.to_owned(),
            ..Diagnostic::default()
        };
        let mut memory = WorkerMemory::default();
        assert!(!memory.repeats(1, &[]), "nothing was published yet");
        memory.published = Some((1, vec![warning("unattributed")]));
        assert!(memory.repeats(1, &[warning("unattributed")]));
        assert!(!memory.repeats(1, &[warning("unattributed"), warning("misquote")]));
        assert!(!memory.repeats(1, &[]));
        // A new revision is always published, even with the same diagnostics.
        assert!(!memory.repeats(2, &[warning("unattributed")]));
    }
}
