//! How fast `newsls extract` goes over a corpus, on one thread and on all cores, in MB/s of
//! article text: a generated corpus of 400 articles (the sample and every article of
//! `tests/corpus/`, in turn, each with a paragraph of its own so that no two are the same),
//! extracted to JSON Lines through the library entry points the command line uses (reading the
//! files, analysing, locating every range, serializing, writing in order), the output thrown
//! away.
//!
//! - `folder`: `newsls extract --format jsonl --jobs N DIR` over the corpus written to files.
//! - `json_lines_input`: `newsls extract --jobs N -` over the same articles as JSON Lines, the
//!   map step of a distributed job.
//!
//! Run with `cargo bench --bench extract`. The ratio of the two `jobs` figures is what
//! parallelism buys on this machine.

use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use divan::Bencher;
use divan::counter::BytesCount;
use newsls::cli::{Jobs, extract_json_lines, extract_json_lines_input};

/// How many articles the generated corpus holds.
const ARTICLES: usize = 400;

struct Corpus {
    folder: PathBuf,
    json_lines: String,
    text_bytes: usize,
}

static CORPUS: LazyLock<Corpus> = LazyLock::new(generate_corpus);

fn main() {
    divan::main();
    let _ = std::fs::remove_dir_all(&CORPUS.folder);
}

/// The sample and the corpus articles, each with its file name (which decides Markdown).
fn source_articles() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut articles = Vec::new();
    for folder in ["seeds", "tests/corpus/wikinews", "tests/corpus/written"] {
        let Ok(entries) = std::fs::read_dir(root.join(folder)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|entry| entry.path()).collect();
        paths.sort();
        for path in paths {
            let name = path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            let is_article = (name.ends_with(".txt") || name.ends_with(".md"))
                && !name.eq_ignore_ascii_case("README.md");
            if let (true, Ok(text)) = (is_article, std::fs::read_to_string(&path)) {
                articles.push((name, text));
            }
        }
    }
    assert!(
        !articles.is_empty(),
        "the sample and corpus articles are readable"
    );
    articles
}

fn generate_corpus() -> Corpus {
    let sources = source_articles();
    let folder = std::env::temp_dir().join(format!("newsls-bench-extract-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    let mut json_lines = String::new();
    let mut text_bytes = 0;
    for index in 0..ARTICLES {
        let (name, text) = &sources[index % sources.len()];
        let text =
            format!("{text}\n\n“Article {index} ends here,” said Editor Sam Jones {index}.\n");
        let path = folder.join(format!("{:02}/{index:04}-{name}", index % 20));
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create the corpus folder");
        }
        std::fs::write(&path, &text).expect("write a corpus article");
        let line = serde_json::json!({"id": index, "text": text});
        json_lines.push_str(&line.to_string());
        json_lines.push('\n');
        text_bytes += text.len();
    }
    Corpus {
        folder,
        json_lines,
        text_bytes,
    }
}

fn jobs(all_cores: bool) -> Jobs {
    if all_cores {
        Jobs::all_cores()
    } else {
        Jobs::new(NonZeroUsize::MIN)
    }
}

/// `newsls extract --format jsonl --jobs N DIR`: one job, then all cores.
#[divan::bench(args = [false, true], sample_count = 10)]
fn folder(bencher: Bencher<'_, '_>, all_cores: bool) {
    let corpus = &*CORPUS;
    let paths = [corpus.folder.clone()];
    bencher
        .counter(BytesCount::new(corpus.text_bytes))
        .bench(|| extract_json_lines(&paths, jobs(all_cores), std::io::sink()).is_ok());
}

/// `newsls extract --jobs N -` over the same articles as JSON Lines: one job, then all cores.
#[divan::bench(args = [false, true], sample_count = 10)]
fn json_lines_input(bencher: Bencher<'_, '_>, all_cores: bool) {
    let corpus = &*CORPUS;
    bencher
        .counter(BytesCount::new(corpus.text_bytes))
        .bench(|| {
            extract_json_lines_input(
                corpus.json_lines.as_bytes(),
                jobs(all_cores),
                std::io::sink(),
            )
            .is_ok()
        });
}
