//! The command line: `newsls check` and `newsls extract`.

use std::ffi::OsString;
use std::process::ExitCode;

/// Runs the command line with `arguments` (without the program name).
pub fn run(_arguments: Vec<OsString>) -> ExitCode {
    eprintln!("newsls: the command line is not built yet");
    ExitCode::FAILURE
}
