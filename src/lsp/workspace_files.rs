//! The workspace files (`newsls.toml`) of the folders the client opens: read at `initialize`,
//! and again whenever the client reports that one changed (the server asks to be told, through
//! a file watcher it registers, when the client allows dynamic registration). A second watcher
//! covers the articles, for the workspace index.

use tower_lsp_server::ls_types::{
    DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, InitializeParams,
    Registration, Uri,
};

use crate::analysis::WorkspaceAnnotations;
use crate::workspace;

/// The workspace folders the client opened (`rootUri` for older clients).
pub fn roots(params: &InitializeParams) -> Vec<Uri> {
    let mut roots: Vec<Uri> = params
        .workspace_folders
        .iter()
        .flatten()
        .map(|folder| folder.uri.clone())
        .collect();
    #[allow(deprecated)] // Older clients send only `rootUri`.
    if roots.is_empty() {
        roots.extend(params.root_uri.clone());
    }
    roots
}

/// Whether the client lets the server register a file watcher.
pub fn can_watch(params: &InitializeParams) -> bool {
    params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|workspace| workspace.did_change_watched_files.as_ref())
        .and_then(|watched| watched.dynamic_registration)
        .unwrap_or(false)
}

/// The registration of a watcher for every `newsls.toml`.
pub fn watcher_registration() -> Registration {
    let options = DidChangeWatchedFilesRegistrationOptions {
        watchers: vec![FileSystemWatcher {
            glob_pattern: GlobPattern::String(format!("**/{}", workspace::FILE_NAME)),
            kind: None,
        }],
    };
    Registration {
        id: "newsls-workspace-file".to_owned(),
        method: "workspace/didChangeWatchedFiles".to_owned(),
        register_options: serde_json::to_value(options).ok(),
    }
}

/// The registration of a watcher for every article (`*.txt`, `*.md`, `*.markdown`, and the
/// configured patterns), so that files changed on disk are indexed again.
pub fn article_watcher_registration(include: &[String]) -> Registration {
    let mut patterns: Vec<String> = ["**/*.txt", "**/*.md", "**/*.markdown"]
        .iter()
        .map(|pattern| (*pattern).to_owned())
        .collect();
    patterns.extend(include.iter().cloned());
    let options = DidChangeWatchedFilesRegistrationOptions {
        watchers: patterns
            .into_iter()
            .map(|pattern| FileSystemWatcher {
                glob_pattern: GlobPattern::String(pattern),
                kind: None,
            })
            .collect(),
    };
    Registration {
        id: "newsls-articles".to_owned(),
        method: "workspace/didChangeWatchedFiles".to_owned(),
        register_options: serde_json::to_value(options).ok(),
    }
}

/// Each root's URI with the settings of its `newsls.toml` (roots without one are left out), and
/// a message for each file that could not be read.
pub fn load(roots: &[Uri]) -> (Vec<(String, WorkspaceAnnotations)>, Vec<String>) {
    let mut workspaces = Vec::new();
    let mut problems = Vec::new();
    for root in roots {
        let Some(folder) = root.to_file_path() else {
            continue;
        };
        let path = folder.join(workspace::FILE_NAME);
        if !path.is_file() {
            continue;
        }
        match workspace::read(&path) {
            Ok(settings) => workspaces.push((root.as_str().to_owned(), settings)),
            Err(error) => problems.push(format!("ignoring the workspace file: {error}")),
        }
    }
    (workspaces, problems)
}
