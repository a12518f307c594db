//! The command line: `newsls show`, `newsls extract` and `newsls check`.
//!
//! Each command reads its inputs through [`for_each_file`], which lists them (walking folders),
//! reads and analyses them one by one, reports unreadable ones on standard error naming the
//! file, and draws a progress line on a terminal. The commands only decide what to print.
//! Results go to standard output; messages and progress go to standard error.
//!
//! Exit status: 0 when all went well, 1 when `check` found what fails the run (errors, or
//! warnings under `--deny-warnings`), 2 for a usage error or an input that could not be read.

mod args;
mod check;
mod extract;
mod inputs;
mod progress;
pub mod schema;
mod show;
mod style;

use std::ffi::OsString;
use std::io::{self, Write};
use std::process::ExitCode;

use crate::analysis::{Analysis, Config, DocumentFormat, analyze};
use args::{Command, InputArgs, Topic, UsageError};
use progress::Progress;
use schema::Located;

/// How a run went, from best to worst; the worst outcome of any file wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// Everything read; nothing that fails the run.
    Success,
    /// `check` found errors, or warnings under `--deny-warnings`.
    ProblemsFound,
    /// A usage error, or an input that could not be read.
    Trouble,
}

impl Outcome {
    pub fn exit_code(self) -> u8 {
        match self {
            Outcome::Success => 0,
            Outcome::ProblemsFound => 1,
            Outcome::Trouble => 2,
        }
    }
}

/// Runs the command line with `arguments` (without the program name).
pub fn run(arguments: Vec<OsString>) -> ExitCode {
    let outcome = match args::parse(arguments) {
        Ok(command) => match execute(command) {
            Ok(outcome) => outcome,
            // A reader that stops early (`newsls extract dir | head`) is not an error.
            Err(error) if is_broken_pipe(&error) => Outcome::Success,
            Err(error) => {
                eprintln!("newsls: error: {error:#}");
                Outcome::Trouble
            }
        },
        Err(error) => {
            report_usage_error(&error);
            Outcome::Trouble
        }
    };
    ExitCode::from(outcome.exit_code())
}

fn execute(command: Command) -> anyhow::Result<Outcome> {
    match command {
        Command::Help(topic) => {
            io::stdout()
                .lock()
                .write_all(args::help(topic).as_bytes())?;
            Ok(Outcome::Success)
        }
        Command::Version => {
            writeln!(io::stdout().lock(), "newsls {}", env!("CARGO_PKG_VERSION"))?;
            Ok(Outcome::Success)
        }
        Command::Show(args) => show::run(&args),
        Command::Extract(args) => extract::run(&args),
        Command::Check(args) => check::run(&args),
    }
}

fn report_usage_error(error: &UsageError) {
    let more = match error.topic {
        Topic::Overview => "newsls --help".to_owned(),
        Topic::Show => "newsls show --help".to_owned(),
        Topic::Extract => "newsls extract --help".to_owned(),
        Topic::Check => "newsls check --help".to_owned(),
    };
    eprintln!(
        "newsls: error: {}\n\n{}\n\nFor more information, try '{more}'.",
        error.message,
        args::usage(error.topic)
    );
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|cause| cause.downcast_ref::<io::Error>())
        .any(|error| error.kind() == io::ErrorKind::BrokenPipe)
}

/// One input, read and analysed.
pub struct AnalysedFile<'a> {
    /// The name to show: the path as given or found, or the stdin name.
    pub name: String,
    pub format: DocumentFormat,
    pub located: Located<'a>,
    pub analysis: Analysis,
}

impl AnalysedFile<'_> {
    pub fn text(&self) -> &str {
        self.located.text
    }
}

/// Reads and analyses every input of `input_args` in order, calling `each` on each file that
/// could be read. Inputs that cannot be listed or read are reported on standard error, naming
/// them, and make the outcome [`Outcome::Trouble`]; the others are still processed. An error
/// from `each` (writing the output failed) stops the run.
pub fn for_each_file(
    input_args: &InputArgs,
    mut each: impl FnMut(&AnalysedFile<'_>) -> anyhow::Result<()>,
) -> anyhow::Result<Outcome> {
    let (inputs, walk_errors) = inputs::expand(&input_args.paths, input_args.stdin_name());
    let mut outcome = Outcome::Success;
    for error in &walk_errors {
        eprintln!("newsls: error: {error}");
        outcome = Outcome::Trouble;
    }
    let mut progress = Progress::new(inputs.len());
    for (index, input) in inputs.iter().enumerate() {
        let name = input.display_name();
        progress.update(index, &name);
        let text = match input.read() {
            Ok(text) => text,
            Err(error) => {
                progress.clear();
                eprintln!("newsls: error: {error:#}");
                outcome = Outcome::Trouble;
                continue;
            }
        };
        let format = input.format();
        let analysis = analyze(&text, &Config { format });
        let file = AnalysedFile {
            name,
            format,
            located: Located::new(&text),
            analysis,
        };
        each(&file)?;
    }
    progress.clear();
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worst_outcome_wins() {
        assert_eq!(
            Outcome::ProblemsFound.max(Outcome::Trouble),
            Outcome::Trouble
        );
        assert_eq!(
            Outcome::Success.max(Outcome::ProblemsFound),
            Outcome::ProblemsFound
        );
        assert_eq!(Outcome::Trouble.exit_code(), 2);
    }
}
