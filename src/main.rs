//! The `newsls` binary: the language server with no arguments, the command line otherwise.

use std::process::ExitCode;

fn main() -> ExitCode {
    let arguments: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let serve = match arguments.first().and_then(|argument| argument.to_str()) {
        None | Some("lsp" | "--stdio") => true,
        Some(_) => false,
    };
    if serve {
        newsls::lsp::serve()
    } else {
        newsls::cli::run(arguments)
    }
}
