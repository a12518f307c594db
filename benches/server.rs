//! The server's latency and memory, measured through the real binary over stdio.
//!
//! For documents of about 4 KB (the sample), 110 KB and 1.1 MB (the sample repeated), the time
//! from sending a `didChange` to having read the whole `publishDiagnostics` of that version, as
//! p50 and p99 over many edits; and the server's resident memory (VmRSS) with the documents
//! open. It runs twice: with the diagnostics published (the figure the targets are about), and
//! with diagnostics turned off in the settings (the server still publishes an empty list per
//! version), which separates the cost of the payload from the rest of the round trip.
//!
//! Run with `cargo bench --bench server [4KB|110KB|1.1MB]`. A plain `main` (harness = false):
//! the quantity is a round trip through another process, which divan's in-process timing does
//! not fit.

#[path = "../tests/it/lsp/client.rs"]
mod client;

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use client::{Parsing, TestClient};

const SAMPLE: &str = include_str!("../seeds/000_2c8c7d61181d0d35.txt");

/// The server's resident set, from `/proc/<pid>/status`, in kB.
fn resident_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
}

fn percentile(sorted: &[Duration], fraction: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let index = ((sorted.len() - 1) as f64 * fraction).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

fn megabytes(kilobytes: u64) -> f64 {
    kilobytes as f64 / 1024.0
}

fn run(title: &str, settings: Value, filter: Option<&str>) {
    println!("\n== {title}");
    let mut client = TestClient::start_with(env!("CARGO_BIN_EXE_newsls"), Parsing::Lean);
    client.request(
        "initialize",
        json!({
            "processId": null,
            "capabilities": {
                "general": {"positionEncodings": ["utf-16"]},
                "textDocument": {"documentSymbol": {"hierarchicalDocumentSymbolSupport": true}}
            },
            "initializationOptions": settings,
        }),
    );
    client.notify("initialized", json!({}));
    let baseline = resident_kb(client.pid()).unwrap_or(0);
    println!("server RSS after initialize: {:.1} MB", megabytes(baseline));
    println!(
        "{:<6} {:>9} {:>6} {:>12} {:>10} {:>10} {:>10} {:>9} {:>11}",
        "size", "bytes", "edits", "diagnostics", "p50", "p99", "max", "RSS MB", "analysis"
    );
    let mut open_bytes = 0usize;
    for (name, repeats, edits) in [
        ("4KB", 1usize, 400u32),
        ("110KB", 30, 200),
        ("1.1MB", 300, 60),
    ] {
        if filter.is_some_and(|filter| !name.contains(filter)) {
            continue;
        }
        let text = SAMPLE.repeat(repeats);
        open_bytes += text.len();
        let uri = format!("file:///bench/{name}.txt");
        client.open(&uri, "plaintext", 1, &text);
        client.diagnostics(&uri, 1);
        // Each edit types or deletes one character in the middle of the text, alternately, so
        // that the document keeps its size.
        let middle_line = u32::try_from(text.lines().count() / 2).unwrap_or(0);
        let mut timings = Vec::with_capacity(edits as usize);
        let mut count = 0;
        for edit in 0..edits {
            let version = i64::from(edit) + 2;
            let started = Instant::now();
            if edit % 2 == 0 {
                client.edit(&uri, version, [[middle_line, 0], [middle_line, 0]], "x");
            } else {
                client.edit(&uri, version, [[middle_line, 0], [middle_line, 1]], "");
            }
            let params = client.notification("textDocument/publishDiagnostics", |params| {
                params["uri"] == json!(uri) && params["version"] == json!(version)
            });
            count = params["diagnosticCount"].as_u64().unwrap_or(0);
            timings.push(client.last_arrival().saturating_duration_since(started));
        }
        timings.sort();
        // For comparison: the analysis alone, in process, on the same text.
        let mut analysis_timings: Vec<Duration> = (0..5)
            .map(|_| {
                let started = Instant::now();
                let analysis = newsls::analysis::analyze(&text, &Default::default());
                std::hint::black_box(analysis);
                started.elapsed()
            })
            .collect();
        analysis_timings.sort();
        let resident = resident_kb(client.pid()).unwrap_or(0);
        println!(
            "{:<6} {:>9} {:>6} {:>12} {:>10.3?} {:>10.3?} {:>10.3?} {:>9.1} {:>11.3?}",
            name,
            text.len(),
            edits,
            count,
            percentile(&timings, 0.50),
            percentile(&timings, 0.99),
            timings.last().copied().unwrap_or_default(),
            megabytes(resident),
            percentile(&analysis_timings, 0.5),
        );
    }
    let resident = resident_kb(client.pid()).unwrap_or(0);
    let text_mb = open_bytes as f64 / (1024.0 * 1024.0);
    println!(
        "all open: RSS {:.1} MB for {text_mb:.2} MB of text (target: under {:.1} MB = 20 MB + 5 × text)",
        megabytes(resident),
        20.0 + 5.0 * text_mb,
    );
    let status = client.shutdown_and_exit();
    assert_eq!(status.code(), Some(0), "the server exits cleanly");
}

fn main() {
    // `cargo bench` passes `--bench`; another argument picks sizes by name.
    let filter: Option<String> = std::env::args().skip(1).find(|arg| !arg.starts_with('-'));
    println!("didChange → publishDiagnostics of that version, through the binary over stdio");
    println!("(\"analysis\": the median of analyze() alone, in process, on the same text)");
    run("diagnostics published", Value::Null, filter.as_deref());
    run(
        "diagnostics off (an empty list is published per version)",
        json!({"newsls": {"diagnostics": {"enable": false}}}),
        filter.as_deref(),
    );
}
