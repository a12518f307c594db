//! Fuzz target: a sequence of edits applied to a `text::Document`, then the analysis.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| {
    checks::edits_input(data);
});
