//! Which workspace file applies to each input: the one given with `--config`, else the nearest
//! `newsls.toml` in the file's folder or above it (for standard input, the current folder).
//! Each file is read once per run.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::inputs::Input;
use crate::analysis::WorkspaceAnnotations;
use crate::workspace::{self, WorkspaceFileError};

pub struct WorkspaceFiles {
    explicit: Option<PathBuf>,
    /// Parsed files by path, and the file found for each folder.
    parsed: HashMap<PathBuf, Arc<WorkspaceAnnotations>>,
    found: HashMap<PathBuf, Option<PathBuf>>,
}

impl WorkspaceFiles {
    pub fn new(explicit: Option<PathBuf>) -> Self {
        Self {
            explicit,
            parsed: HashMap::new(),
            found: HashMap::new(),
        }
    }

    /// The workspace settings for `input`; an error when its workspace file cannot be read.
    pub fn for_input(
        &mut self,
        input: &Input,
    ) -> Result<Arc<WorkspaceAnnotations>, WorkspaceFileError> {
        let path = match &self.explicit {
            Some(path) => Some(path.clone()),
            None => {
                let folder = match input {
                    Input::File(path) => path
                        .parent()
                        .filter(|parent| !parent.as_os_str().is_empty())
                        .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
                    Input::Stdin { .. } => PathBuf::from("."),
                };
                let folder = std::fs::canonicalize(&folder).unwrap_or(folder);
                self.found
                    .entry(folder.clone())
                    .or_insert_with(|| workspace::find_upward(&folder))
                    .clone()
            }
        };
        let Some(path) = path else {
            return Ok(Arc::default());
        };
        if let Some(parsed) = self.parsed.get(&path) {
            return Ok(Arc::clone(parsed));
        }
        let parsed = Arc::new(workspace::read(&path)?);
        self.parsed.insert(path, Arc::clone(&parsed));
        Ok(parsed)
    }
}
