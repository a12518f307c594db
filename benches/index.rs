//! The workspace index at corpus scale (issue 5): indexing a generated corpus of 10,000
//! articles (about 40 MB) on two threads, as the server does at `initialize`, and workspace
//! symbol queries over the result. Targets: indexing under 2 s on this 2-core machine, memory
//! under 300 MB, a symbol query under 10 ms.
//!
//! The corpus: the sample article and every text of `tests/corpus/`, each used many times with
//! its names varied (every word of every entity name the analysis finds gets a suffix of two
//! syllables that depends on the copy), so that the 10,000 articles have thousands of different
//! speakers rather than the same few; short texts are joined with another to make about 4 KB.
//!
//! Before the benchmarks, one indexing run is timed with the CPU time it used (half of which
//! is the wall time on two idle cores: this machine is shared with other builds).
//! Memory is reported twice before the benchmarks run: the index's own size, counted structure
//! by structure (`Index::heap_bytes`), and the process's peak resident set (`VmHWM` from
//! `/proc/self/status`), which also holds the 40 MB corpus and the allocator's free memory.
//!
//! Run with `cargo bench --bench index`.

use std::sync::Mutex;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use newsls::analysis::{Config, DocumentFormat, analyze};
use newsls::index::{ArticleSummary, Index};

/// The number of articles in the generated corpus.
const ARTICLES: usize = 10_000;

/// Two threads, as on the 2-core machine the targets are for.
const THREADS: usize = 2;

fn main() {
    let corpus = corpus();
    let bytes: usize = corpus.iter().map(|(_, text)| text.len()).sum();
    let start = std::time::Instant::now();
    let cpu_before = cpu_seconds();
    let index = build_index(corpus);
    let elapsed = start.elapsed();
    let cpu = cpu_seconds()
        .zip(cpu_before)
        .map(|(after, before)| after - before);
    eprintln!(
        "corpus: {} articles, {:.1} MB; indexed once in {:.2} s on {THREADS} threads \
         ({} CPU seconds); \
         index {:.1} MB (counted), {} identities; peak RSS {} MB",
        corpus.len(),
        bytes as f64 / 1e6,
        elapsed.as_secs_f64(),
        cpu.map_or_else(|| "unknown".to_owned(), |cpu| format!("{cpu:.2}")),
        index.heap_bytes() as f64 / 1e6,
        index.identities(),
        peak_rss_mb().map_or_else(|| "unknown".to_owned(), |mb| mb.to_string()),
    );
    let _ = INDEX.set(index);
    divan::main();
}

static INDEX: OnceLock<Index> = OnceLock::new();

/// The peak resident set size of this process in MB (Linux).
fn peak_rss_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kilobytes: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kilobytes / 1024)
}

/// The CPU time (user and system) this process has used, in seconds (Linux, 100 ticks a
/// second): on a machine shared with other builds, half of it is what the indexing would take
/// on two idle cores.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let user: f64 = fields.get(11)?.parse().ok()?;
    let system: f64 = fields.get(12)?.parse().ok()?;
    Some((user + system) / 100.0)
}

/// The texts the corpus is made from.
fn bases() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = vec![include_str!("../seeds/000_2c8c7d61181d0d35.txt").to_owned()];
    for folder in ["tests/corpus/wikinews", "tests/corpus/written"] {
        let Ok(entries) = std::fs::read_dir(root.join(folder)) else {
            continue;
        };
        let mut paths: Vec<_> = entries
            .flatten()
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|extension| extension == "txt"))
            .collect();
        paths.sort();
        for path in paths {
            if let Ok(text) = std::fs::read_to_string(&path) {
                texts.push(text);
            }
        }
    }
    texts
}

const SYLLABLES: &[&str] = &[
    "ra", "to", "mi", "ke", "lo", "sa", "nu", "de", "vi", "ba", "zo", "pe", "gu", "ha", "ji", "wo",
    "fe", "ly", "qu", "xa",
];

/// The generated corpus: (key, text), about 40 MB.
fn corpus() -> &'static [(String, String)] {
    static CORPUS: OnceLock<Vec<(String, String)>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let bases = bases();
        // The words of each base's entity names, to vary per copy.
        let names: Vec<Vec<String>> = bases
            .iter()
            .map(|text| {
                let analysis = analyze(text, &Config::default());
                let mut words: Vec<String> = analysis
                    .entities
                    .iter()
                    .flat_map(|entity| {
                        entity
                            .name
                            .split(' ')
                            .filter(|word| word.chars().count() >= 3)
                            .map(str::to_owned)
                            .collect::<Vec<_>>()
                    })
                    .collect();
                words.sort_by_key(|word| std::cmp::Reverse(word.len()));
                words.dedup();
                words
            })
            .collect();
        (0..ARTICLES)
            .map(|number| {
                let base = number % bases.len();
                let copy = number / bases.len();
                let suffix = format!(
                    "{}{}",
                    SYLLABLES[copy % SYLLABLES.len()],
                    SYLLABLES[(copy / SYLLABLES.len()) % SYLLABLES.len()]
                );
                let mut text = vary(&bases[base], &names[base], &suffix);
                if text.len() < 2_300 {
                    let other = (base * 7 + 3) % bases.len();
                    text.push_str("\n\n");
                    text.push_str(&vary(&bases[other], &names[other], &suffix));
                }
                (format!("file:///corpus/{number:05}.txt"), text)
            })
            .collect()
    })
}

/// `text` with every whole word of `names` followed by `suffix`.
fn vary(text: &str, names: &[String], suffix: &str) -> String {
    let mut out = String::with_capacity(text.len() + 256);
    let mut word_start: Option<usize> = None;
    let flush = |out: &mut String, word: &str| {
        out.push_str(word);
        if names.iter().any(|name| name == word) {
            out.push_str(suffix);
        }
    };
    for (at, character) in text.char_indices() {
        if character.is_alphanumeric() {
            word_start.get_or_insert(at);
        } else {
            if let Some(start) = word_start.take() {
                flush(&mut out, &text[start..at]);
            }
            out.push(character);
        }
    }
    if let Some(start) = word_start {
        flush(&mut out, &text[start..]);
    }
    out
}

/// Analyses and summarizes every article on [`THREADS`] threads, inserting each summary into
/// one index behind a mutex, as the server's indexing does.
fn build_index(corpus: &[(String, String)]) -> Index {
    let index = Mutex::new(Index::new());
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..THREADS {
            scope.spawn(|| {
                loop {
                    let number = next.fetch_add(1, Ordering::Relaxed);
                    let Some((key, text)) = corpus.get(number) else {
                        break;
                    };
                    let config = Config {
                        format: DocumentFormat::PlainText,
                    };
                    let summary = ArticleSummary::new(text, &analyze(text, &config));
                    if let Ok(mut index) = index.lock() {
                        index.insert(key, summary);
                    }
                }
            });
        }
    });
    index.into_inner().unwrap_or_default()
}

/// Indexing the whole corpus: analysis and summaries on two threads, and the inserts.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn index_10000_articles(bencher: Bencher<'_, '_>) {
    let corpus = corpus();
    let bytes: usize = corpus.iter().map(|(_, text)| text.len()).sum();
    bencher
        .counter(BytesCount::new(bytes))
        .bench(|| black_box(build_index(corpus)).len());
}

/// Only the index's own share: inserting summaries already made (one thread).
#[divan::bench(sample_count = 3, sample_size = 1)]
fn insert_10000_summaries(bencher: Bencher<'_, '_>) {
    let summaries: Vec<(String, ArticleSummary)> = corpus()
        .iter()
        .take(ARTICLES)
        .map(|(key, text)| {
            (
                key.clone(),
                ArticleSummary::new(text, &analyze(text, &Config::default())),
            )
        })
        .collect();
    bencher
        .with_inputs(|| summaries.clone())
        .bench_values(|summaries| {
            let mut index = Index::new();
            for (key, summary) in summaries {
                index.insert(&key, summary);
            }
            // Returned, so that freeing it is not timed.
            index
        });
}

/// A workspace symbol query over the 10,000 articles: a speaker's name (matching every
/// variant), a word of quotations, two words, a word prefix, a query matching nothing (a
/// full scan of the names), and a one-letter query that matches most names.
#[divan::bench(args = ["khamenei", "slap", "united states", "revol", "zzqx", "e"])]
fn symbol_query(bencher: Bencher<'_, '_>, query: &str) {
    let Some(index) = INDEX.get() else {
        return;
    };
    bencher.bench(|| black_box(index.symbols(black_box(query), 128)).len());
}

/// Every misquote of the workspace, as the server computes them after indexing.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn all_misquotes(bencher: Bencher<'_, '_>) {
    let Some(index) = INDEX.get() else {
        return;
    };
    bencher.bench(|| black_box(index.articles_with_misquotes()).len());
}
