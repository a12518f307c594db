//! The command line: `newsls show`, `newsls extract`, `newsls check` and `newsls quotes`.
//!
//! Each command reads its inputs through [`for_each_file`], which lists them (walking folders),
//! reads, analyses and renders them on all cores (`--jobs`), hands the outputs over in the
//! order of the inputs (see `parallel.rs`), reports unreadable ones on standard error naming the
//! file, and draws a progress line on a terminal. The commands only decide what to print.
//! Results go to standard output; messages and progress go to standard error.
//! `extract -` reads JSON Lines of articles instead (see `json_lines_input.rs`).
//!
//! Exit status: 0 when all went well, 1 when `check` found what fails the run (errors, or
//! warnings under `--deny-warnings`), 2 for a usage error or an input that could not be read
//! (a bad line of `extract -`'s JSON Lines is not one: it gets an error line in the output).

mod args;
mod check;
mod extract;
mod inputs;
mod json_lines_input;
mod parallel;
mod progress;
mod quotes;
pub mod schema;
mod show;
mod style;
mod workspace_files;

use std::ffi::OsString;
use std::io::{self, Write};
use std::process::ExitCode;

use crate::analysis::{
    Analysis, Config, DocumentFormat, WorkspaceAnnotations, analyze_in_workspace,
};
use args::{Command, InputArgs, Topic, UsageError};
pub use parallel::Jobs;
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

/// Extracts the files and folders in `paths` (walked as on the command line) as JSON Lines into
/// `out`, on `jobs` threads: what `newsls extract --format jsonl --jobs N PATH...` prints, with
/// the same messages on standard error but never a progress line. For benchmarks and for
/// programs that embed newsls.
///
/// # Errors
/// When writing to `out` fails; files that cannot be read are reported on standard error and
/// make the outcome [`Outcome::Trouble`] instead.
pub fn extract_json_lines(
    paths: &[std::path::PathBuf],
    jobs: Jobs,
    out: impl Write,
) -> anyhow::Result<Outcome> {
    let args = args::ExtractArgs {
        inputs: InputArgs {
            paths: paths.to_vec(),
            jobs,
            progress: progress::ProgressLine::Never,
            ..InputArgs::default()
        },
        format: Some(args::ExtractFormat::JsonLines),
        ..args::ExtractArgs::default()
    };
    extract::write_files(&args, out)
}

/// Reads JSON Lines of `{"id", "text"}` from `input` and writes one result line for each to
/// `out`, on `jobs` threads: what `newsls extract --jobs N -` does with standard input.
///
/// # Errors
/// When writing to `out` fails; bad lines give error lines instead.
pub fn extract_json_lines_input(
    input: impl io::BufRead + Send,
    jobs: Jobs,
    out: impl Write,
) -> anyhow::Result<Outcome> {
    let inputs = InputArgs {
        paths: vec![std::path::PathBuf::from("-")],
        jobs,
        progress: progress::ProgressLine::Never,
        ..InputArgs::default()
    };
    json_lines_input::run(&inputs, input, out)
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
        Command::Quotes(args) => quotes::run(&args),
    }
}

fn report_usage_error(error: &UsageError) {
    let more = match error.topic {
        Topic::Overview => "newsls --help".to_owned(),
        Topic::Show => "newsls show --help".to_owned(),
        Topic::Extract => "newsls extract --help".to_owned(),
        Topic::Check => "newsls check --help".to_owned(),
        Topic::Quotes => "newsls quotes --help".to_owned(),
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

/// Reads and analyses every input of `input_args` on `input_args.jobs` threads, turns each
/// file that could be read into an output with `render` (on the same thread, so that the work
/// of formatting is spread too), and calls `each` on the outputs in the order of the inputs,
/// whatever the number of threads. Inputs that cannot be listed or read are reported on
/// standard error in their place in that order, naming them, and make the outcome
/// [`Outcome::Trouble`]; the others are still processed. An error from `each` (writing the
/// output failed) stops the run.
pub fn for_each_file<Output: Send>(
    input_args: &InputArgs,
    render: impl Fn(&AnalysedFile<'_>) -> Output + Sync,
    mut each: impl FnMut(Output) -> anyhow::Result<()>,
) -> anyhow::Result<Outcome> {
    let (inputs, walk_errors) = inputs::expand(&input_args.paths, input_args.stdin_name());
    let mut outcome = Outcome::Success;
    for error in &walk_errors {
        eprintln!("newsls: error: {error}");
        outcome = Outcome::Trouble;
    }
    if inputs.is_empty() && walk_errors.is_empty() {
        eprintln!(
            "newsls: warning: no articles found (folders are searched for {})",
            inputs::ARTICLE_EXTENSIONS
                .iter()
                .map(|extension| format!("*.{extension}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    // The workspace file of each input is found while the inputs are handed out, on one
    // thread, so that each `newsls.toml` is read once.
    let mut workspaces = workspace_files::WorkspaceFiles::new(input_args.config.clone());
    let work = inputs.iter().map(|input| {
        let workspace = workspaces.for_input(input);
        (input, workspace)
    });
    let mut progress = Progress::new(inputs.len(), input_args.progress);
    let mut done = 0;
    // `-` named twice reads standard input twice: all of it the first time, nothing the
    // second. On several threads either could be first, so then one thread reads.
    let stdin_count = inputs
        .iter()
        .filter(|input| matches!(input, inputs::Input::Stdin { .. }))
        .count();
    let jobs = if stdin_count > 1 {
        Jobs::ONE
    } else {
        input_args.jobs
    };
    parallel::ordered_map(
        jobs,
        work,
        |(input, workspace)| analyse_and_render(input, workspace, &render),
        |(name, result)| {
            done += 1;
            match result {
                Ok(output) => each(output)?,
                Err(message) => {
                    progress.clear();
                    eprintln!("newsls: error: {message}");
                    outcome = Outcome::Trouble;
                }
            }
            progress.update(done, &name);
            anyhow::Ok(())
        },
    )?;
    progress.clear();
    Ok(outcome)
}

/// One input read, analysed and rendered: its name, and the output or the message saying why
/// it could not be read.
fn analyse_and_render<Output>(
    input: &inputs::Input,
    workspace: Result<std::sync::Arc<WorkspaceAnnotations>, crate::workspace::WorkspaceFileError>,
    render: &impl Fn(&AnalysedFile<'_>) -> Output,
) -> (String, Result<Output, String>) {
    let name = input.display_name();
    let text = match input.read() {
        Ok(text) => text,
        Err(error) => return (name, Err(format!("{error:#}"))),
    };
    let workspace = match workspace {
        Ok(workspace) => workspace,
        Err(error) => return (name, Err(error.to_string())),
    };
    let format = input.format();
    let analysis = analyze_in_workspace(&text, &Config { format }, &workspace);
    let file = AnalysedFile {
        name,
        format,
        located: Located::new(&text),
        analysis,
    };
    let output = render(&file);
    (file.name, Ok(output))
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

/// A small article analysed by hand, with a speaker, a role noun, an entity and a finding, so
/// that the outputs can be tested on everything the engine will find before it finds it.
#[cfg(test)]
pub(crate) mod fixture {
    use crate::analysis::{
        Analysis, Attribution, AttributionRule, Check, Entity, EntityId, EntityKind, Finding,
        MetadataKind, MetadataLine, Quote, QuoteKind, QuotePiece, Severity, SpeakerReference,
    };
    use crate::text::TextRange;

    pub const TEXT: &str = "Leader speaks\n\nAyatollah Ali Khamenei spoke in Qom.\n\n\
                            “A slap was delivered,” the Leader remarked.\n\n“Fine.”\n";

    fn range_of(needle: &str) -> TextRange {
        let start = TEXT.find(needle).unwrap_or_default();
        TextRange::new(start, start + needle.len())
    }

    fn quote(with_marks: &str, attribution: Option<Attribution>) -> Quote {
        let range = range_of(with_marks);
        let open = TextRange::new(range.start, range.start + '“'.len_utf8());
        let close = TextRange::new(range.end - '”'.len_utf8(), range.end);
        Quote {
            range,
            pieces: vec![QuotePiece {
                range,
                content: TextRange::new(open.end, close.start),
                opening_mark: Some(open),
                closing_mark: Some(close),
            }],
            kind: QuoteKind::Direct,
            nested: Vec::new(),
            attribution,
        }
    }

    pub fn analysis() -> Analysis {
        let attribution = Attribution {
            speaker: "Ali Khamenei".to_owned(),
            entity: Some(EntityId(0)),
            mention: range_of("the Leader"),
            reference: SpeakerReference::RoleNoun,
            antecedent: Some(range_of("Ayatollah Ali Khamenei")),
            cue: Some(range_of("remarked")),
            rule: AttributionRule::SpeechVerb,
            confidence: 0.9,
        };
        let unattributed = quote("“Fine.”", None);
        Analysis {
            quotes: vec![
                quote("“A slap was delivered,”", Some(attribution)),
                unattributed.clone(),
            ],
            entities: vec![
                Entity {
                    name: "Ali Khamenei".to_owned(),
                    kind: EntityKind::Person,
                    aliases: vec!["Ayatollah Ali Khamenei".to_owned(), "the Leader".to_owned()],
                    mentions: vec![range_of("Ayatollah Ali Khamenei"), range_of("the Leader")],
                },
                Entity {
                    name: "Qom".to_owned(),
                    kind: EntityKind::Place,
                    aliases: Vec::new(),
                    mentions: vec![range_of("Qom")],
                },
            ],
            metadata: vec![MetadataLine {
                kind: MetadataKind::Headline,
                range: range_of("Leader speaks"),
            }],
            findings: vec![Finding {
                check: Check::UnattributedQuote,
                severity: Severity::Warning,
                range: unattributed.range,
                message: "quotation has no speaker".to_owned(),
                related: Vec::new(),
            }],
        }
    }
}
