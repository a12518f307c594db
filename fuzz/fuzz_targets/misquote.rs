//! Fuzz target: misquote detection between the quotations of one speaker, one per line.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| {
    checks::misquote_input(data);
});
