//! The workspace files (`newsls.toml`) of the folders the client opens, read at `initialize`.

use tower_lsp_server::ls_types::{InitializeParams, Uri};

use crate::analysis::WorkspaceAnnotations;
use crate::workspace;

/// Each workspace folder's URI with the settings of its `newsls.toml` (folders without one are
/// left out), and a message for each file that could not be read.
pub fn load(params: &InitializeParams) -> (Vec<(String, WorkspaceAnnotations)>, Vec<String>) {
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
