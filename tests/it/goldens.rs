//! Golden files: the `extract --format json --pretty` output of every article in `seeds/` and
//! `tests/corpus/`, kept under `tests/goldens/` and compared on every test run, so that any
//! change in what the analysis finds shows up as a diff to read.
//!
//! Regenerate with `UPDATE_EXPECT=1 cargo test goldens` (expect-test's convention) and read the
//! diff before committing. A golden whose article is gone fails the test too (and is removed
//! under `UPDATE_EXPECT=1`).
//!
//! The held-out articles (`tests/corpus/heldout/`) have no goldens: a diff of their output on
//! every rule change would show their individual misses, which must stay unread for them to
//! measure unseen news (the corpus scorer guards their figures instead).
//!
//! expect-test's `expect_file!` needs a literal path per file, but the corpus grows; this is the
//! same comparison over whatever articles exist.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The corpus folder whose articles must not be studied one by one (see the module comment).
const HELD_OUT: &str = "tests/corpus/heldout";

/// Files in the article folders that are not articles.
const NOT_ARTICLES: &[&str] = &["README", "LICENSE", "NOTICE", "ATTRIBUTION", "CONTRIBUTING"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every article under `dir` (relative to the crate root), sorted.
fn articles(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(root().join(dir)) else {
        return;
    };
    let mut names: Vec<_> = entries.flatten().map(|entry| entry.file_name()).collect();
    names.sort();
    for name in names {
        let relative = dir.join(&name);
        let name = name.to_string_lossy();
        if root().join(&relative).is_dir() {
            if relative != Path::new(HELD_OUT) {
                articles(&relative, found);
            }
            continue;
        }
        let Some((stem, extension)) = name.rsplit_once('.') else {
            continue;
        };
        let is_text = ["txt", "md", "markdown"].contains(&extension);
        let is_other = NOT_ARTICLES
            .iter()
            .any(|other| stem.eq_ignore_ascii_case(other));
        if is_text && !is_other {
            found.push(relative);
        }
    }
}

/// Where the golden of `article` lives: `seeds/x.txt` → `tests/goldens/seeds/x.txt.json`,
/// `tests/corpus/a/b.txt` → `tests/goldens/corpus/a/b.txt.json`.
fn golden_path(article: &Path) -> PathBuf {
    let relative = article.strip_prefix("tests").unwrap_or(article);
    let mut name = relative.as_os_str().to_owned();
    name.push(".json");
    Path::new("tests/goldens").join(name)
}

fn golden_files(dir: &Path, found: &mut BTreeSet<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(root().join(dir)) else {
        return;
    };
    for entry in entries.flatten() {
        let relative = dir.join(entry.file_name());
        if root().join(&relative).is_dir() {
            golden_files(&relative, found);
        } else if relative
            .extension()
            .is_some_and(|extension| extension == "json")
        {
            found.insert(relative);
        }
    }
}

fn extract(article: &Path) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_newsls"))
        .args(["extract", "--format", "json", "--pretty"])
        .arg(article)
        .current_dir(root())
        .output()
        .expect("run newsls extract");
    assert!(
        output.status.success(),
        "newsls extract {} failed: {}",
        article.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("the output is UTF-8")
}

/// The first line where two texts differ, for the failure message.
fn first_difference(expected: &str, actual: &str) -> String {
    let mut expected_lines = expected.lines();
    for (number, actual_line) in actual.lines().enumerate() {
        let expected_line = expected_lines.next();
        if expected_line != Some(actual_line) {
            return format!(
                "line {}: expected {:?}, got {:?}",
                number + 1,
                expected_line.unwrap_or("<end>"),
                actual_line
            );
        }
    }
    format!("the output ends early: {:?}", expected_lines.next())
}

#[test]
fn extract_output_matches_the_goldens_for_every_seed_and_corpus_article() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut found = Vec::new();
    articles(Path::new("seeds"), &mut found);
    articles(Path::new("tests/corpus"), &mut found);
    assert!(
        found.iter().any(|article| article.starts_with("seeds")),
        "the sample article is in seeds/"
    );

    let mut drift = Vec::new();
    let mut expected_goldens = BTreeSet::new();
    for article in &found {
        let golden = golden_path(article);
        expected_goldens.insert(golden.clone());
        let actual = extract(article);
        let expected = std::fs::read_to_string(root().join(&golden));
        if expected
            .as_deref()
            .is_ok_and(|expected| *expected == actual)
        {
            continue;
        }
        if update {
            let path = root().join(&golden);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).expect("create the goldens folder");
            }
            std::fs::write(&path, &actual).expect("write the golden");
        } else {
            let difference = match &expected {
                Ok(expected) => first_difference(expected, &actual),
                Err(_) => "no golden file yet".to_owned(),
            };
            drift.push(format!("{}: {difference}", golden.display()));
        }
    }

    let mut existing = BTreeSet::new();
    golden_files(Path::new("tests/goldens"), &mut existing);
    for stale in existing.difference(&expected_goldens) {
        if update {
            std::fs::remove_file(root().join(stale)).expect("remove a stale golden");
        } else {
            drift.push(format!("{}: its article is gone", stale.display()));
        }
    }

    assert!(
        drift.is_empty(),
        "{} golden file(s) differ from the output; run `UPDATE_EXPECT=1 cargo test goldens` and \
         read the diff:\n{}",
        drift.len(),
        drift.join("\n")
    );
}

/// The command whose output the README shows, and the marker line above its transcript.
const README_COMMAND: &[&str] = &["show", "seeds/000_2c8c7d61181d0d35.txt"];
const README_MARKER: &str = "<!-- transcript: a test checks that this is what `newsls show` prints; UPDATE_EXPECT=1 cargo test goldens rewrites it -->";

/// The README's transcript is a real run: it must match what `newsls show` prints for the
/// sample now. `UPDATE_EXPECT=1` rewrites it.
#[test]
fn the_readme_transcript_is_the_output_of_a_real_run() {
    let output = Command::new(env!("CARGO_BIN_EXE_newsls"))
        .args(README_COMMAND)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("run newsls show");
    assert!(output.status.success(), "newsls show failed");
    let shown = String::from_utf8(output.stdout).expect("the output is UTF-8");
    let transcript = format!(
        "```text\n$ cargo run --release -- {}\n{shown}```\n",
        README_COMMAND.join(" ")
    );

    let readme_path = root().join("README.md");
    let readme = std::fs::read_to_string(&readme_path).expect("read README.md");
    let block_start = readme
        .find(README_MARKER)
        .map(|marker| marker + README_MARKER.len() + 1)
        .expect("README.md has the transcript marker");
    let block_end = readme[block_start..]
        .find("\n```\n")
        .map(|end| block_start + end + "\n```\n".len())
        .expect("the transcript block is closed");
    let current = &readme[block_start..block_end];
    if current == transcript {
        return;
    }
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        let updated = format!(
            "{}{transcript}{}",
            &readme[..block_start],
            &readme[block_end..]
        );
        std::fs::write(&readme_path, updated).expect("write README.md");
    } else {
        panic!(
            "README.md's transcript differs from a real run; run `UPDATE_EXPECT=1 cargo test \
             goldens` and read the diff:\n{}",
            first_difference(current, &transcript)
        );
    }
}
