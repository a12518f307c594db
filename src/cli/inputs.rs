//! From the paths on the command line to the texts to analyse: folders walked for articles,
//! `-` read from stdin, and every problem reported with the name of the file.
//!
//! Walking and reading are separate steps so that the list of files is known (and sorted)
//! before the first one is analysed, which is what the progress line counts against, and so
//! that reading can later be spread over threads without changing what is read.

use std::ffi::OsStr;
use std::fmt;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow};

use crate::analysis::DocumentFormat;

/// The extensions of the files a folder walk picks up (compared without regard to case).
pub const ARTICLE_EXTENSIONS: &[&str] = &["txt", "md", "markdown"];

/// One text to analyse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// A file, given on the command line or found in a folder.
    File(PathBuf),
    /// Standard input, shown under `name` (`-` unless `--stdin-filename` says otherwise).
    Stdin { name: String },
}

impl Input {
    /// The name shown in messages and in the JSON `path` field.
    pub fn display_name(&self) -> String {
        match self {
            Input::File(path) => path.display().to_string(),
            Input::Stdin { name } => name.clone(),
        }
    }

    /// Plain text or Markdown, by the file name's extension.
    pub fn format(&self) -> DocumentFormat {
        DocumentFormat::from_file_name(&self.display_name())
    }

    /// Reads the whole text. A file that is missing, unreadable or not UTF-8 is an error whose
    /// message names it (and, for bad UTF-8, gives the offset of the first invalid byte).
    pub fn read(&self) -> Result<String> {
        let bytes = match self {
            Input::File(path) => {
                fs::read(path).with_context(|| format!("cannot read {}", path.display()))?
            }
            Input::Stdin { name } => {
                let mut bytes = Vec::new();
                std::io::stdin()
                    .lock()
                    .read_to_end(&mut bytes)
                    .with_context(|| format!("cannot read {name} from standard input"))?;
                bytes
            }
        };
        decode(bytes).with_context(|| format!("cannot read {}", self.display_name()))
    }
}

/// The bytes as a `String`, or an error giving where the first invalid byte is.
fn decode(bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        let bytes = error.as_bytes();
        let before = bytes.get(..offset).unwrap_or_default();
        let line = before.iter().filter(|&&byte| byte == b'\n').count() + 1;
        let invalid = bytes.get(offset).copied().unwrap_or_default();
        anyhow!(
            "not valid UTF-8: invalid byte 0x{invalid:02X} at byte offset {offset} (line {line}); \
             newsls reads UTF-8 text only"
        )
    })
}

/// A problem met while listing the inputs: a path that does not exist, a folder that cannot be
/// read. The walk goes on past it.
#[derive(Debug)]
pub struct WalkError {
    pub path: PathBuf,
    pub error: std::io::Error,
}

impl fmt::Display for WalkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot read {}: {}", self.path.display(), self.error)
    }
}

/// The inputs named by `paths`, in order: a file as itself (whatever its extension), a folder
/// as the article files under it (see [`walk`]), `-` as stdin. A path that cannot be read is
/// kept as an input, so that reading it reports the error in its place in the order.
pub fn expand(paths: &[PathBuf], stdin_name: &str) -> (Vec<Input>, Vec<WalkError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin {
                name: stdin_name.to_owned(),
            });
        } else if path.is_dir() {
            walk(path, &mut inputs, &mut errors);
        } else {
            inputs.push(Input::File(path.clone()));
        }
    }
    (inputs, errors)
}

/// Adds the article files under `folder`, depth first, each folder's entries sorted by name so
/// that the order is the same on every machine. Hidden entries (a name starting with `.`) are
/// skipped, as are symbolic links to folders (which could loop); symbolic links to files are
/// followed.
pub fn walk(folder: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<WalkError>) {
    let entries = match fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(error) => {
            errors.push(WalkError {
                path: folder.to_owned(),
                error,
            });
            return;
        }
    };
    let mut children: Vec<(PathBuf, fs::FileType)> = Vec::new();
    for entry in entries {
        match entry.and_then(|entry| Ok((entry.path(), entry.file_type()?))) {
            Ok(child) => children.push(child),
            Err(error) => errors.push(WalkError {
                path: folder.to_owned(),
                error,
            }),
        }
    }
    children.sort_by(|(left, _), (right, _)| left.cmp(right));
    for (path, file_type) in children {
        if path
            .file_name()
            .and_then(OsStr::to_str)
            .is_some_and(|name| name.starts_with('.'))
        {
            continue;
        }
        if file_type.is_dir() {
            walk(&path, inputs, errors);
        } else if is_article(&path) && (file_type.is_file() || path.is_file()) {
            inputs.push(Input::File(path));
        }
    }
}

/// Whether a file found in a folder is an article, by its extension.
pub fn is_article(path: &Path) -> bool {
    path.extension()
        .and_then(OsStr::to_str)
        .is_some_and(|extension| {
            ARTICLE_EXTENSIONS
                .iter()
                .any(|known| extension.eq_ignore_ascii_case(known))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_the_offset_and_line_of_the_first_bad_byte() {
        let error = decode(b"ok\nfine \xFF bad".to_vec()).err();
        let message = error.map(|error| error.to_string()).unwrap_or_default();
        assert_eq!(
            message,
            "not valid UTF-8: invalid byte 0xFF at byte offset 8 (line 2); newsls reads UTF-8 text only"
        );
    }

    #[test]
    fn articles_are_found_by_extension_whatever_its_case() {
        assert!(is_article(Path::new("a/b.TXT")));
        assert!(is_article(Path::new("b.markdown")));
        assert!(!is_article(Path::new("b.rs")));
        assert!(!is_article(Path::new("README")));
    }
}
