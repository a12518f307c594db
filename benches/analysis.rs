//! How fast the analysis runs: over the sample article and over generated documents of about
//! 100 KB and 1 MB (the sample and varied paragraphs repeated), reported as throughput so that
//! the targets can be read off directly: at least 50 MB/s on one core, the sample under 75 µs,
//! and time growing linearly with size (the same MB/s at 100 KB and at 1 MB).
//!
//! Run with `cargo bench --bench analysis`. Each benchmark runs on one thread.

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use newsls::analysis::{Config, DocumentFormat, analyze};
use newsls::cli::schema::{Located, file_record};

fn main() {
    divan::main();
}

const SAMPLE: &str = include_str!("../seeds/000_2c8c7d61181d0d35.txt");

/// Paragraphs in styles the sample lacks, so that a large document exercises every path of the
/// analysis rather than one article's: straight quotes, guillemets, nested and multi-paragraph
/// quotations, `according to`, a byline and dateline, an unbalanced mark, apostrophes, CJK and
/// emoji.
const VARIED_PARAGRAPHS: &[&str] = &[
    "By Jane Doe",
    "WASHINGTON (Reuters) — The Senate voted 52-48 on Thursday to pass the bill.",
    "\"We will not back down,\" said Senator Maria Lopez, the chair of the committee.",
    "According to the city's fire department, the blaze started shortly after 3 o'clock.",
    "The minister called the plan « une erreur historique » and left the room.",
    "“The court finds that ‘reasonable doubt’ was not established,” Judge Alan Park wrote in \
     his ruling. “The defendant’s claims are without merit.”",
    "“We have rebuilt the school in six months,” the mayor told reporters. “Nobody thought we \
     could.",
    "“And we will rebuild the library next,” she added.",
    "Fans chanted “Go, Tigers!” as the team took the field in rock ’n’ roll style, as in the ’90s.",
    "A spokesperson for the Ministry of Health said in a statement that the vaccine was safe.",
    "東京 (Kyodo) — 首相は「改革を進める」と述べた。 😀 The prime minister vowed “deep reform”.",
    "He said “this quotation is never closed, and the paragraph ends here.",
    "Source: The Daily Example",
];

/// The sample and the varied paragraphs, repeated until the document holds at least
/// `target_bytes` bytes.
fn generated_document(target_bytes: usize) -> String {
    let mut document = String::with_capacity(target_bytes + SAMPLE.len());
    let mut round = 0;
    while document.len() < target_bytes {
        document.push_str(SAMPLE);
        document.push_str("\n\n");
        // Rotate the varied paragraphs so that neighbours differ from one round to the next.
        for index in 0..VARIED_PARAGRAPHS.len() {
            let paragraph = VARIED_PARAGRAPHS[(index + round) % VARIED_PARAGRAPHS.len()];
            document.push_str(paragraph);
            document.push_str("\n\n");
        }
        round += 1;
    }
    document
}

fn bench_analysis(bencher: Bencher<'_, '_>, text: &str) {
    let config = Config {
        format: DocumentFormat::PlainText,
    };
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| analyze(black_box(text), &config));
}

/// The sample article, about 3.7 KB: the target is under 75 µs.
#[divan::bench]
fn sample_article(bencher: Bencher<'_, '_>) {
    bench_analysis(bencher, SAMPLE);
}

/// Generated documents of about 100 KB and 1 MB: the same throughput at both sizes means
/// linear time.
#[divan::bench(args = [100_000, 1_000_000], sample_count = 20)]
fn generated(bencher: Bencher<'_, '_>, target_bytes: usize) {
    let document = generated_document(target_bytes);
    bench_analysis(bencher, &document);
}

/// One paragraph of about 100 KB and 1 MB holding nothing but attributed quotations: no
/// paragraph break to bound the work, which once made the entity and attribution stages
/// quadratic in the number of quotations in a paragraph.
#[divan::bench(args = [100_000, 1_000_000], sample_count = 10)]
fn one_paragraph_of_quotations(bencher: Bencher<'_, '_>, target_bytes: usize) {
    let sentence = "“We will rebuild,” Jane Doe said, and the crowd cheered. ";
    let document = sentence.repeat(target_bytes / sentence.len() + 1);
    bench_analysis(bencher, &document);
}

/// What `newsls extract` adds to the analysis of the sample: locating every range (a rope for
/// code-point and line/column positions), building the schema records, and writing compact
/// JSON.
#[divan::bench]
fn extract_sample_to_json(bencher: Bencher<'_, '_>) {
    let analysis = analyze(SAMPLE, &Config::default());
    bencher.counter(BytesCount::of_str(SAMPLE)).bench(|| {
        let located = Located::new(black_box(SAMPLE));
        let record = file_record("sample.txt", DocumentFormat::PlainText, &located, &analysis);
        serde_json::to_string(&record).map(|json| json.len())
    });
}
