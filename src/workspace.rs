//! The workspace file, `newsls.toml`: aliases and ignored checks shared by every article under
//! the folder that holds it. Read here, beside the server and the command line (both use it),
//! and handed to the analysis as an [`WorkspaceAnnotations`] value, so the analysis itself
//! still does no I/O.
//!
//! ```toml
//! # newsls.toml
//! ignore = ["unattributed-quote"]
//!
//! [aliases]
//! "Ali Khamenei" = ["the Leader", "Ayatollah Khamenei"]
//! "Tehran Times" = "TT"
//! ```
//!
//! Unknown keys and unknown check codes are errors, so that a typo does not silently do
//! nothing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::analysis::{AliasDeclaration, Check, WorkspaceAnnotations};

/// The name of the workspace file.
pub const FILE_NAME: &str = "newsls.toml";

#[derive(Debug, thiserror::Error)]
pub enum WorkspaceFileError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    aliases: BTreeMap<String, Aliases>,
    #[serde(default)]
    ignore: Vec<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Aliases {
    One(String),
    Many(Vec<String>),
}

/// Parses the text of a workspace file; the error message says what is wrong and where.
pub fn parse(text: &str) -> Result<WorkspaceAnnotations, String> {
    let file: File = toml::from_str(text).map_err(|error| error.to_string().trim().to_owned())?;
    let mut ignore = Vec::new();
    for code in &file.ignore {
        match Check::from_code(code) {
            Some(check) => ignore.push(check),
            None => {
                let known: Vec<&str> = Check::ALL.iter().map(|check| check.code()).collect();
                return Err(format!(
                    "unknown check `{code}` in `ignore` (known: {})",
                    known.join(", ")
                ));
            }
        }
    }
    let aliases = file
        .aliases
        .into_iter()
        .map(|(name, aliases)| AliasDeclaration {
            name,
            aliases: match aliases {
                Aliases::One(alias) => vec![alias],
                Aliases::Many(aliases) => aliases,
            },
        })
        .collect();
    Ok(WorkspaceAnnotations { aliases, ignore })
}

/// Reads and parses the workspace file at `path`.
pub fn read(path: &Path) -> Result<WorkspaceAnnotations, WorkspaceFileError> {
    let text = std::fs::read_to_string(path).map_err(|source| WorkspaceFileError::Read {
        path: path.to_owned(),
        source,
    })?;
    parse(&text).map_err(|message| WorkspaceFileError::Invalid {
        path: path.to_owned(),
        message,
    })
}

/// The nearest `newsls.toml` in `folder` or one of its ancestors.
pub fn find_upward(folder: &Path) -> Option<PathBuf> {
    folder
        .ancestors()
        .map(|ancestor| ancestor.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_aliases_in_both_forms_and_ignored_checks() {
        let parsed = parse(
            "ignore = [\"unattributed-quote\"]\n[aliases]\n\"Ali Khamenei\" = [\"the Leader\"]\n\"Tehran Times\" = \"TT\"\n",
        );
        let Ok(workspace) = parsed else {
            panic!("{parsed:?}");
        };
        assert_eq!(workspace.ignore, [Check::UnattributedQuote]);
        assert_eq!(workspace.aliases.len(), 2);
        assert_eq!(workspace.aliases[0].name, "Ali Khamenei");
        assert_eq!(workspace.aliases[1].aliases, ["TT"]);
    }

    #[test]
    fn typos_are_errors_with_a_message() {
        let unknown_key = parse("ignroe = []\n").err().unwrap_or_default();
        assert!(unknown_key.contains("ignroe"), "{unknown_key}");
        let unknown_check = parse("ignore = [\"no-such\"]\n").err().unwrap_or_default();
        assert!(unknown_check.contains("no-such"), "{unknown_check}");
        assert!(parse("ignore = [").is_err());
    }
}
