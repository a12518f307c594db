//! The server's latency and memory, measured through the real binary over stdio.
//!
//! What is measured (unchanged since the first version of this benchmark, so that figures compare):
//!
//! - **Latency**: for documents of about 4 KB (the sample), 110 KB and 1.1 MB (the sample
//!   repeated), the time from just before the client writes a `didChange` (one character typed
//!   or deleted in the middle of the text, alternately) to the moment its reader thread has read
//!   the whole `publishDiagnostics` of that version (before the client parses it). p50, p99 and
//!   the maximum over many edits, each edit waiting for its diagnostics (no debounce is in play:
//!   the server analyses as soon as a change arrives, latest wins).
//! - **Memory**: the server's VmRSS from `/proc/<pid>/status` after the edits of each size, with
//!   the smaller documents still open, and its VmHWM (the peak) at the end; the target is 20 MB
//!   plus 5 times the text open. Each reading waits [`QUIET`] first, so that the server's
//!   workspace passes (which run once a document has been quiet for a while, and put it in the
//!   workspace index) are done and their memory counted.
//! - **Server CPU** per edit (utime + stime from `/proc/<pid>/stat`, 10 ms ticks, so only
//!   meaningful for the larger sizes): on a loaded machine the wall-clock figures include time
//!   the server spent waiting for a core, this does not. The load average is printed at the start.
//! - **analysis**: the median of `analyze()` alone, in process, on the whole text, for comparison.
//!
//! The 1.1 MB document is above the default `newsls.analysis.maxBytes` (512 KiB), so the server
//! analyses its first 512 KiB (cut at a paragraph) and publishes one `analysis-limited`
//! diagnostic: that is the first run, the server as users get it. A second run raises the limit
//! so that the whole 1.1 MB is analysed, and a third turns diagnostics off (the server still
//! publishes an empty list per version), which separates the cost of the payload from the rest
//! of the round trip.
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

/// The server's peak resident set (VmHWM), in kB.
fn peak_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
}

/// The CPU time the server has used (user + system), from `/proc/<pid>/stat`.
fn cpu_time(pid: u32) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The fields after the command name (which is in parentheses and may contain spaces).
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // Linux reports in clock ticks of 1/100 s (USER_HZ) on every platform it runs on today.
    Some(Duration::from_millis(ticks * 10))
}

/// How long the client leaves the server alone before reading its memory: longer than the
/// server's delay before a workspace pass, plus the pass itself.
const QUIET: Duration = Duration::from_secs(1);

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
        "{:<6} {:>9} {:>6} {:>12} {:>10} {:>10} {:>10} {:>9} {:>9} {:>11}",
        "size",
        "bytes",
        "edits",
        "diagnostics",
        "p50",
        "p99",
        "max",
        "CPU/edit",
        "RSS MB",
        "analysis"
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
        let cpu_before = cpu_time(client.pid());
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
        let cpu_per_edit = cpu_before
            .zip(cpu_time(client.pid()))
            .map(|(before, after)| after.saturating_sub(before) / edits)
            .unwrap_or_default();
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
        std::thread::sleep(QUIET);
        let resident = resident_kb(client.pid()).unwrap_or(0);
        println!(
            "{:<6} {:>9} {:>6} {:>12} {:>10.3?} {:>10.3?} {:>10.3?} {:>9.1?} {:>9.1} {:>11.3?}",
            name,
            text.len(),
            edits,
            count,
            percentile(&timings, 0.50),
            percentile(&timings, 0.99),
            timings.last().copied().unwrap_or_default(),
            cpu_per_edit,
            megabytes(resident),
            percentile(&analysis_timings, 0.5),
        );
    }
    let resident = resident_kb(client.pid()).unwrap_or(0);
    let text_mb = open_bytes as f64 / (1024.0 * 1024.0);
    let peak = peak_kb(client.pid()).unwrap_or(0);
    println!(
        "all open: RSS {:.1} MB (peak {:.1} MB) for {text_mb:.2} MB of text (target: under {:.1} MB = 20 MB + 5 × text)",
        megabytes(resident),
        megabytes(peak),
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
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "load average (1, 5, 15 min) at the start: {}",
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    run(
        "diagnostics published (default settings: the 1.1 MB text is analysed up to 512 KiB)",
        Value::Null,
        filter.as_deref(),
    );
    run(
        "diagnostics published, newsls.analysis.maxBytes = 4 MiB (the whole 1.1 MB is analysed)",
        json!({"newsls": {"analysis": {"maxBytes": 4 << 20}}}),
        filter.as_deref(),
    );
    run(
        "diagnostics off (an empty list is published per version)",
        json!({"newsls": {"diagnostics": {"enable": false}}}),
        filter.as_deref(),
    );
}
