//! The command line's grammar: from arguments to a [`Command`], and the help texts.
//!
//! Parsed with `lexopt`, which returns options as it meets them; each subcommand has its own
//! small loop, so adding an option is one match arm and one line of help.

use std::ffi::OsString;
use std::path::PathBuf;

use lexopt::prelude::*;

use super::parallel::Jobs;
use super::progress::ProgressLine;
use super::style::ColorChoice;

/// What the user asked for.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    /// Print help: the overview, or one command's.
    Help(Topic),
    Version,
    Show(ShowArgs),
    Extract(ExtractArgs),
    Check(CheckArgs),
    Quotes(QuotesArgs),
}

/// Which help text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Topic {
    Overview,
    Show,
    Extract,
    Check,
    Quotes,
}

/// The inputs a command reads: files, folders, or `-` for stdin.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct InputArgs {
    pub paths: Vec<PathBuf>,
    /// The name standard input is shown under, which also decides plain text or Markdown.
    pub stdin_filename: Option<String>,
    /// The workspace file to use (`--config`) instead of the nearest `newsls.toml`.
    pub config: Option<PathBuf>,
    /// How many threads analyse (`--jobs`; all cores by default).
    pub jobs: Jobs,
    /// Whether a progress line may be drawn on standard error (not an option: always `Auto`
    /// from the command line).
    pub progress: ProgressLine,
}

impl InputArgs {
    pub fn stdin_name(&self) -> &str {
        self.stdin_filename.as_deref().unwrap_or("-")
    }
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct ShowArgs {
    pub inputs: InputArgs,
    pub color: ColorChoice,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ExtractFormat {
    /// One JSON document: an array with one record per file.
    #[default]
    Json,
    /// One record per line, written as each file is done.
    JsonLines,
}

/// Whether JSON is indented for reading or compact.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum JsonLayout {
    #[default]
    Compact,
    Pretty,
}

/// How `extract` reads standard input (`-`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StdinFormat {
    /// One JSON object `{"id": …, "text": …}` per line, one result line each.
    #[default]
    JsonLines,
    /// The whole of standard input is one article, like a file.
    Text,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct ExtractArgs {
    pub inputs: InputArgs,
    /// The output format, if `--format` was given.
    pub format: Option<ExtractFormat>,
    pub layout: JsonLayout,
    pub stdin_format: StdinFormat,
}

impl ExtractArgs {
    /// The output format: as given, else one JSON array.
    pub fn format(&self) -> ExtractFormat {
        self.format.unwrap_or_default()
    }

    /// Whether standard input is read as JSON Lines of articles, which then is the only input.
    pub fn reads_json_lines(&self) -> bool {
        self.stdin_format == StdinFormat::JsonLines
            && self.inputs.paths.iter().any(|path| path.as_os_str() == "-")
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CheckFormat {
    /// Compiler-style diagnostics with the source line underlined.
    #[default]
    Text,
    /// One JSON array of diagnostics.
    Json,
}

/// Whether warnings fail the run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum WarningPolicy {
    #[default]
    Allow,
    Deny,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct CheckArgs {
    pub inputs: InputArgs,
    pub format: CheckFormat,
    pub warnings: WarningPolicy,
    pub color: ColorChoice,
}

/// How `quotes` prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum QuotesFormat {
    /// `path:line:col: speaker: “quote” — cue`, one quotation a line.
    #[default]
    Text,
    /// A header row, then one row per quotation.
    Csv,
    /// One JSON record per quotation.
    JsonLines,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct QuotesArgs {
    pub inputs: InputArgs,
    /// The speaker to look for (`--speaker`).
    pub speaker: String,
    pub format: QuotesFormat,
}

/// A mistake in the arguments, with the help topic that explains the right use.
#[derive(Debug)]
pub struct UsageError {
    pub message: String,
    pub topic: Topic,
}

impl UsageError {
    fn new(topic: Topic, message: impl Into<String>) -> Self {
        UsageError {
            message: message.into(),
            topic,
        }
    }
}

/// Parses the arguments (without the program name).
pub fn parse(arguments: Vec<OsString>) -> Result<Command, UsageError> {
    let mut parser = lexopt::Parser::from_args(arguments);
    let topic = Topic::Overview;
    let argument = parser
        .next()
        .map_err(|error| UsageError::new(topic, error.to_string()))?;
    let Some(argument) = argument else {
        return Ok(Command::Help(Topic::Overview));
    };
    match argument {
        Short('h') | Long("help") => Ok(Command::Help(Topic::Overview)),
        Short('V') | Long("version") => Ok(Command::Version),
        Value(value) => match value.to_str() {
            Some("show") => parse_show(&mut parser),
            Some("extract") => parse_extract(&mut parser),
            Some("check") => parse_check(&mut parser),
            Some("quotes") => parse_quotes(&mut parser),
            Some("help") => parse_help(&mut parser),
            Some("version") => Ok(Command::Version),
            _ if std::path::Path::new(&value).exists() => Err(UsageError::new(
                topic,
                format!(
                    "'{0}' is not a command; to read it, name a command first: newsls show {0}",
                    value.to_string_lossy()
                ),
            )),
            _ => Err(UsageError::new(
                topic,
                format!(
                    "unknown command '{}' (the commands are show, extract, check, quotes, lsp and help)",
                    value.to_string_lossy()
                ),
            )),
        },
        other => Err(UsageError::new(topic, other.unexpected().to_string())),
    }
}

fn parse_help(parser: &mut lexopt::Parser) -> Result<Command, UsageError> {
    let topic = match parser.next() {
        Ok(Some(Value(value))) => match value.to_str() {
            Some("show") => Topic::Show,
            Some("extract") => Topic::Extract,
            Some("check") => Topic::Check,
            Some("quotes") => Topic::Quotes,
            // The overview is where serving the protocol is described.
            Some("lsp" | "help") => Topic::Overview,
            _ => {
                return Err(UsageError::new(
                    Topic::Overview,
                    format!("no help for '{}'", value.to_string_lossy()),
                ));
            }
        },
        _ => Topic::Overview,
    };
    Ok(Command::Help(topic))
}

fn string_value(parser: &mut lexopt::Parser, topic: Topic) -> Result<String, UsageError> {
    parser
        .value()
        .and_then(|value| value.string())
        .map_err(|error| UsageError::new(topic, error.to_string()))
}

fn jobs_value(parser: &mut lexopt::Parser, topic: Topic) -> Result<Jobs, UsageError> {
    let value = string_value(parser, topic)?;
    value
        .parse::<std::num::NonZeroUsize>()
        .map(Jobs::new)
        .map_err(|_| {
            UsageError::new(
                topic,
                format!("invalid --jobs '{value}' (expected a whole number, 1 or more)"),
            )
        })
}

fn color_value(parser: &mut lexopt::Parser, topic: Topic) -> Result<ColorChoice, UsageError> {
    let value = string_value(parser, topic)?;
    ColorChoice::parse(&value).ok_or_else(|| {
        UsageError::new(
            topic,
            format!("invalid --color '{value}' (expected auto, always or never)"),
        )
    })
}

fn require_inputs(inputs: &InputArgs, topic: Topic) -> Result<(), UsageError> {
    if inputs.paths.is_empty() {
        Err(UsageError::new(
            topic,
            "no PATH given (name files or folders, or - for standard input)",
        ))
    } else {
        Ok(())
    }
}

fn parse_show(parser: &mut lexopt::Parser) -> Result<Command, UsageError> {
    let topic = Topic::Show;
    let mut args = ShowArgs::default();
    while let Some(argument) = parser
        .next()
        .map_err(|error| UsageError::new(topic, error.to_string()))?
    {
        match argument {
            Value(value) => args.inputs.paths.push(PathBuf::from(value)),
            Long("stdin-filename") => {
                args.inputs.stdin_filename = Some(string_value(parser, topic)?);
            }
            Long("config") => {
                args.inputs.config = Some(PathBuf::from(string_value(parser, topic)?))
            }
            Short('j') | Long("jobs") => args.inputs.jobs = jobs_value(parser, topic)?,
            Short('h') | Long("help") => return Ok(Command::Help(topic)),
            Long("color") => args.color = color_value(parser, topic)?,
            other => return Err(UsageError::new(topic, other.unexpected().to_string())),
        }
    }
    require_inputs(&args.inputs, topic)?;
    Ok(Command::Show(args))
}

fn parse_extract(parser: &mut lexopt::Parser) -> Result<Command, UsageError> {
    let topic = Topic::Extract;
    let mut args = ExtractArgs::default();
    while let Some(argument) = parser
        .next()
        .map_err(|error| UsageError::new(topic, error.to_string()))?
    {
        match argument {
            Value(value) => args.inputs.paths.push(PathBuf::from(value)),
            Long("stdin-filename") => {
                args.inputs.stdin_filename = Some(string_value(parser, topic)?);
            }
            Long("config") => {
                args.inputs.config = Some(PathBuf::from(string_value(parser, topic)?))
            }
            Short('j') | Long("jobs") => args.inputs.jobs = jobs_value(parser, topic)?,
            Short('h') | Long("help") => return Ok(Command::Help(topic)),
            Long("format") => {
                args.format = Some(match string_value(parser, topic)?.as_str() {
                    "json" => ExtractFormat::Json,
                    "jsonl" => ExtractFormat::JsonLines,
                    other => {
                        return Err(UsageError::new(
                            topic,
                            format!("invalid --format '{other}' (expected json or jsonl)"),
                        ));
                    }
                })
            }
            Long("pretty") => args.layout = JsonLayout::Pretty,
            Long("stdin-format") => {
                args.stdin_format = match string_value(parser, topic)?.as_str() {
                    "jsonl" => StdinFormat::JsonLines,
                    "text" => StdinFormat::Text,
                    other => {
                        return Err(UsageError::new(
                            topic,
                            format!("invalid --stdin-format '{other}' (expected jsonl or text)"),
                        ));
                    }
                }
            }
            other => return Err(UsageError::new(topic, other.unexpected().to_string())),
        }
    }
    require_inputs(&args.inputs, topic)?;
    if args.reads_json_lines() {
        if args.inputs.paths.len() > 1 {
            return Err(UsageError::new(
                topic,
                "JSON Lines on standard input (-) cannot be mixed with other paths; use \
                 --stdin-format text to read standard input as one article among the others",
            ));
        }
        if args.format == Some(ExtractFormat::Json) || args.layout == JsonLayout::Pretty {
            return Err(UsageError::new(
                topic,
                "JSON Lines on standard input give JSON Lines out, one line per input line: \
                 --format json and --pretty do not apply (use --stdin-format text to read \
                 standard input as one article)",
            ));
        }
    }
    Ok(Command::Extract(args))
}

fn parse_check(parser: &mut lexopt::Parser) -> Result<Command, UsageError> {
    let topic = Topic::Check;
    let mut args = CheckArgs::default();
    while let Some(argument) = parser
        .next()
        .map_err(|error| UsageError::new(topic, error.to_string()))?
    {
        match argument {
            Value(value) => args.inputs.paths.push(PathBuf::from(value)),
            Long("stdin-filename") => {
                args.inputs.stdin_filename = Some(string_value(parser, topic)?);
            }
            Long("config") => {
                args.inputs.config = Some(PathBuf::from(string_value(parser, topic)?))
            }
            Short('j') | Long("jobs") => args.inputs.jobs = jobs_value(parser, topic)?,
            Short('h') | Long("help") => return Ok(Command::Help(topic)),
            Long("deny-warnings") => args.warnings = WarningPolicy::Deny,
            Long("format") => {
                args.format = match string_value(parser, topic)?.as_str() {
                    "text" => CheckFormat::Text,
                    "json" => CheckFormat::Json,
                    other => {
                        return Err(UsageError::new(
                            topic,
                            format!("invalid --format '{other}' (expected text or json)"),
                        ));
                    }
                }
            }
            Long("color") => args.color = color_value(parser, topic)?,
            other => return Err(UsageError::new(topic, other.unexpected().to_string())),
        }
    }
    require_inputs(&args.inputs, topic)?;
    Ok(Command::Check(args))
}

fn parse_quotes(parser: &mut lexopt::Parser) -> Result<Command, UsageError> {
    let topic = Topic::Quotes;
    let mut args = QuotesArgs::default();
    let mut speaker = None;
    while let Some(argument) = parser
        .next()
        .map_err(|error| UsageError::new(topic, error.to_string()))?
    {
        match argument {
            Value(value) => args.inputs.paths.push(PathBuf::from(value)),
            Long("speaker") => speaker = Some(string_value(parser, topic)?),
            Long("stdin-filename") => {
                args.inputs.stdin_filename = Some(string_value(parser, topic)?);
            }
            Long("config") => {
                args.inputs.config = Some(PathBuf::from(string_value(parser, topic)?))
            }
            Short('j') | Long("jobs") => args.inputs.jobs = jobs_value(parser, topic)?,
            Short('h') | Long("help") => return Ok(Command::Help(topic)),
            Long("format") => {
                args.format = match string_value(parser, topic)?.as_str() {
                    "text" => QuotesFormat::Text,
                    "csv" => QuotesFormat::Csv,
                    "jsonl" => QuotesFormat::JsonLines,
                    other => {
                        return Err(UsageError::new(
                            topic,
                            format!("invalid --format '{other}' (expected text, csv or jsonl)"),
                        ));
                    }
                }
            }
            other => return Err(UsageError::new(topic, other.unexpected().to_string())),
        }
    }
    match speaker {
        Some(speaker) if speaker.chars().any(char::is_alphanumeric) => args.speaker = speaker,
        _ => {
            return Err(UsageError::new(
                topic,
                "--speaker NAME is required (a name, or part of one: --speaker khamenei)",
            ));
        }
    }
    require_inputs(&args.inputs, topic)?;
    Ok(Command::Quotes(args))
}

/// The usage line of a topic, shown under a usage error.
pub fn usage(topic: Topic) -> &'static str {
    match topic {
        Topic::Overview => "Usage: newsls <COMMAND> [OPTIONS] PATH...",
        Topic::Show => "Usage: newsls show [OPTIONS] PATH...",
        Topic::Extract => {
            "Usage: newsls extract [--format json|jsonl] [--pretty] [--jobs N] PATH..."
        }
        Topic::Check => "Usage: newsls check [--deny-warnings] [--format text|json] PATH...",
        Topic::Quotes => "Usage: newsls quotes --speaker NAME [--format text|csv|jsonl] PATH...",
    }
}

/// The full help text of a topic.
pub fn help(topic: Topic) -> &'static str {
    match topic {
        Topic::Overview => OVERVIEW_HELP,
        Topic::Show => SHOW_HELP,
        Topic::Extract => EXTRACT_HELP,
        Topic::Check => CHECK_HELP,
        Topic::Quotes => QUOTES_HELP,
    }
}

const OVERVIEW_HELP: &str = "\
newsls: every quotation of a news article, who said it, and the people, organizations and
places it names. A language server for editors, and a command line.

Usage: newsls <COMMAND> [OPTIONS] PATH...
       newsls            serve the Language Server Protocol on stdin/stdout

Commands:
  show      Print an article's quotations grouped by speaker, its entities and warnings
  extract   Print the analysis as JSON (one record per file; --format jsonl streams lines)
  check     Print problems like a compiler: file:line:col: warning: message [code]
  quotes    List one speaker's quotations across files: newsls quotes --speaker NAME DIR
  lsp       Serve the Language Server Protocol on stdin/stdout (also: --stdio, no arguments)
  help      Print this help, or a command's: newsls help extract

Options:
  -h, --help     Print help (also after a command: newsls check --help)
  -V, --version  Print the version

PATH is a file, a folder (walked recursively for *.txt, *.md and *.markdown, sorted by name,
hidden entries skipped) or - for standard input (for extract, JSON Lines of articles: see
newsls help extract). Files ending in .md or .markdown are read as Markdown, others as plain
text. Files must be UTF-8. They are analysed on all cores (--jobs N to choose) and printed in
that order.

Exit status: 0 when all went well; 1 when check found errors (or warnings under
--deny-warnings); 2 for a usage error or a file that could not be read (the other files are
still processed).
";

const SHOW_HELP: &str = "\
Print an article as the editor's outline shows it: the quotations grouped by speaker (each with
its line:column and the cue that attributed it), the unattributed ones, the entities grouped as
People, Organizations and Places, then the warnings.

Usage: newsls show [OPTIONS] PATH...

Options:
      --color <WHEN>            auto (default: colour on a terminal unless NO_COLOR is set),
                                always or never
      --stdin-filename <NAME>   The name to show for - (its extension picks plain text or
                                Markdown)
      --config <PATH>           The workspace file (aliases, ignored checks) to use instead of
                                the nearest newsls.toml above each file
  -j, --jobs <N>                How many files to analyse at once (default: one per core);
                                the output is the same whatever N
  -h, --help                    Print help

Lines and columns are 1-based; columns count Unicode code points.
";

const EXTRACT_HELP: &str = "\
Print the analysis of each file as JSON: its quotations (text, kind, pieces, ranges, speaker,
rule, confidence, cue, mention), entities (name, type, aliases, mentions), metadata lines and
findings. The schema is documented in README.md; every record carries schema_version.

Usage: newsls extract [--format json|jsonl] [--pretty] PATH...
       newsls extract -                   (JSON Lines in, JSON Lines out)

Options:
      --format <FORMAT>         json (default): one JSON array with one record per file
                                jsonl: one record per line, each written as soon as it and
                                the files before it are done
      --pretty                  Indent the JSON (json only; jsonl stays one line per file)
  -j, --jobs <N>                How many files to analyse at once (default: one per core);
                                the output is the same whatever N
      --stdin-format <FORMAT>   How - is read: jsonl (default) or text (one article)
      --stdin-filename <NAME>   The path to report for - (its extension picks plain text or
                                Markdown, for every line of jsonl too)
      --config <PATH>           The workspace file (aliases, ignored checks) to use instead of
                                the nearest newsls.toml above each file
  -h, --help                    Print help

Files are analysed in parallel and written in the order they are named or found (folders
sorted by name). A file that cannot be read is reported on standard error, naming it; the
others are still extracted, and the exit status is 2.

Standard input (-) holds JSON Lines by default, one article per line:

  {\"id\": \"doc-1\", \"text\": \"“We will rebuild,” the mayor said.\"}

and gives exactly one line out per line in, in the same order, each flushed as it is done: the
record of the text with \"id\" first, echoed unchanged (any JSON value; null when missing). A
line that cannot be analysed (not UTF-8, not JSON, not an object, no \"text\", \"text\" not a
string, or blank) gives an error line in its place,

  {\"id\": \"doc-2\", \"schema_version\": 1, \"error\": {\"line\": 2, \"message\": \"...\"}}

with the id when it could be read, and a message on standard error naming the line. Bad lines
do not change the exit status (0), so that a Spark or Hadoop task is not failed for one bad
record; unreadable standard input does (2). With jsonl, - must be the only PATH and the output
is always JSON Lines. To read standard input as one plain-text or Markdown article instead,
as show and check do: newsls extract --stdin-format text -
";

const CHECK_HELP: &str = "\
Print the problems found in each file like a compiler:

  article.txt:12:1: warning: quotation has no speaker [unattributed-quote]

with the source line and the problem underlined, then a summary line.

Usage: newsls check [--deny-warnings] [--format text|json] PATH...

Options:
      --deny-warnings           Exit with status 1 when there are warnings, not only errors
      --format <FORMAT>         text (default) or json (one array of diagnostics)
      --color <WHEN>            auto (default: colour on a terminal unless NO_COLOR is set),
                                always or never
      --stdin-filename <NAME>   The path to report for - (its extension picks plain text or
                                Markdown)
      --config <PATH>           The workspace file (aliases, ignored checks) to use instead of
                                the nearest newsls.toml above each file
  -j, --jobs <N>                How many files to analyse at once (default: one per core);
                                the output is the same whatever N
  -h, --help                    Print help

Exit status: 0 when no file has an error (and, under --deny-warnings, no warning); 1 when one
has; 2 for a usage error or a file that could not be read (the other files are still checked).
";

const QUOTES_HELP: &str = "\
List the quotations of one speaker across files and folders:

  news/a.txt:11:1: Ali Khamenei: “A slap was delivered last night,” — the Leader remarked

NAME is matched against each quotation's speaker and, when the speaker is a named entity,
against its name and every alias the article uses: as whole words, in order, ignoring case
and accents (khamenei finds Ali Khamenei, also called Ayatollah Khamenei; jose finds José).

Usage: newsls quotes --speaker NAME [--format text|csv|jsonl] PATH...

Options:
      --speaker <NAME>          The speaker to look for (required)
      --format <FORMAT>         text (default): path:line:col: speaker: “quote” — cue
                                csv: a header row, then one row per quotation, with the
                                columns path,line,column,speaker,quote,cue,rule,confidence
                                (RFC 4180 quoting, CRLF line ends)
                                jsonl: one {schema_version, path, quote} record per line,
                                the quote as in newsls extract
  -j, --jobs <N>                How many files to analyse at once (default: one per core);
                                the output is the same whatever N
      --stdin-filename <NAME>   The path to report for - (its extension picks plain text or
                                Markdown)
      --config <PATH>           The workspace file (aliases, ignored checks) to use instead of
                                the nearest newsls.toml above each file
  -h, --help                    Print help

Quotations are listed in the order of the files, then of the text. line and column are
1-based, columns in code points; cue is the words that attributed the quotation, as the
outline shows them. When nothing matches, a note says so on standard error; the exit status
is still 0 (2 when a file could not be read).
";

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_strs(arguments: &[&str]) -> Result<Command, UsageError> {
        parse(arguments.iter().map(OsString::from).collect())
    }

    #[test]
    fn extract_takes_a_format_a_layout_and_paths() {
        let command = parse_strs(&[
            "extract",
            "--format=jsonl",
            "--pretty",
            "--stdin-format",
            "text",
            "a.txt",
            "-",
        ]);
        let expected = Command::Extract(ExtractArgs {
            inputs: InputArgs {
                paths: vec![PathBuf::from("a.txt"), PathBuf::from("-")],
                stdin_filename: None,
                config: None,
                jobs: Jobs::all_cores(),
                progress: ProgressLine::Auto,
            },
            format: Some(ExtractFormat::JsonLines),
            layout: JsonLayout::Pretty,
            stdin_format: StdinFormat::Text,
        });
        assert_eq!(command.ok(), Some(expected));
    }

    #[test]
    fn check_takes_deny_warnings() {
        let command = parse_strs(&["check", "--deny-warnings", "x.md"]);
        let Ok(Command::Check(args)) = command else {
            panic!("expected a check command, got {command:?}");
        };
        assert_eq!(args.warnings, WarningPolicy::Deny);
        assert_eq!(args.format, CheckFormat::Text);
    }

    #[test]
    fn a_command_without_paths_is_a_usage_error_of_that_command() {
        let error = parse_strs(&["check"]).err();
        assert_eq!(error.map(|error| error.topic), Some(Topic::Check));
    }

    #[test]
    fn unknown_options_and_commands_are_usage_errors() {
        assert!(parse_strs(&["extract", "--frobnicate", "a.txt"]).is_err());
        assert!(parse_strs(&["extract", "--format", "xml", "a.txt"]).is_err());
        assert!(parse_strs(&["frobnicate"]).is_err());
    }

    #[test]
    fn help_is_reachable_three_ways() {
        assert_eq!(
            parse_strs(&["help", "check"]).ok(),
            Some(Command::Help(Topic::Check))
        );
        assert_eq!(
            parse_strs(&["check", "--help"]).ok(),
            Some(Command::Help(Topic::Check))
        );
        assert_eq!(
            parse_strs(&["--help"]).ok(),
            Some(Command::Help(Topic::Overview))
        );
    }
}
