//! Fuzz target: the analysis, outline and hover on arbitrary UTF-8 text.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| {
    checks::analysis_input(data);
});
