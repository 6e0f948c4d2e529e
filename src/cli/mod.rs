//! The command line: flags (defined once, in [`args`], with the help text users see) and
//! dispatch.
//!
//! Each command ([`commands`]) gathers its options, calls the library, and hands the result to
//! a renderer. Errors travel up to [`run`], the one place that prints them and picks the exit
//! code.

mod args;
mod commands;
mod remote;

pub use args::*;

use crate::archive::params::BadParam;
use crate::error::MorgueError;
use crate::index;
use crate::render::{self, Output};
use commands::*;
use std::process::ExitCode;

/// Exit status when something went wrong: the command could not do its work.
pub const EXIT_ERROR: u8 = 1;
/// Bad flags or a query that does not parse.
pub const EXIT_USAGE: u8 = 2;
/// An index run finished and committed, but some files or records could not be indexed.
pub const EXIT_PARTIAL: u8 = 3;
/// `check` ran to the end and found the index and its manifest disagree: distinct from
/// [`EXIT_ERROR`], so a script can tell "repair it" from "could not look".
pub const EXIT_INCONSISTENT: u8 = 4;
/// An index run was stopped by Ctrl-C (or SIGTERM) after committing what it had done.
pub const EXIT_INTERRUPTED: u8 = 130;

/// Runs the parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    let output = Output::stdout(cli.color);
    let index_dir = cli.index.clone().unwrap_or_else(index::default_index_dir);
    let done = |r: Result<(), CliError>| r.map(|()| ExitCode::SUCCESS);
    let result = match cli.command {
        Command::Index(args) => run_index(&index_dir, args, output),
        Command::Search(args) => done(run_search(&index_dir, args, output)),
        Command::Stats(args) => done(run_stats(&index_dir, args, output)),
        Command::Push(args) => done(remote::run_push(&index_dir, args, output)),
        Command::Show(args) => done(run_show(&index_dir, args, output)),
        Command::Export(args) => done(run_export(&index_dir, args)),
        Command::Entities(args) => done(run_entities(&index_dir, args, output)),
        Command::Check(args) => run_check(&index_dir, args, output),
        Command::NerEval(args) => done(run_ner_eval(args, output)),
        Command::NerTrain(args) => done(run_ner_train(args, output)),
        Command::Completions(args) => done(run_completions(args, output)),
        Command::Man(args) => done(run_man(args, output)),
        Command::Serve(args) => done(run_serve(&index_dir, args, output)),
    };
    match result {
        Ok(code) => code,
        Err(CliError::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            // `morgue search ... | head` closing the pipe early is not an error.
            ExitCode::SUCCESS
        }
        Err(e) => {
            // Error messages quote paths and names from the archive: keep them from
            // rewriting the terminal.
            eprintln!(
                "morgue: error: {}",
                render::terminal::escape_control(&in_cli_words(&e))
            );
            match e {
                CliError::Morgue(MorgueError::Usage(_))
                | CliError::Morgue(MorgueError::Query(_)) => ExitCode::from(EXIT_USAGE),
                _ => ExitCode::from(EXIT_ERROR),
            }
        }
    }
}

/// The library's message, with what a command-line user can do about it.
fn in_cli_words(error: &CliError) -> String {
    match error {
        CliError::Morgue(e @ MorgueError::NoIndex { .. }) => format!(
            "{e}; create one with `morgue index DIR...` (or point --index / MORGUE_INDEX at it)"
        ),
        CliError::Morgue(e @ MorgueError::Timeout { .. }) => {
            format!("{e} (--timeout SECS allows more time)")
        }
        other => other.to_string(),
    }
}

/// A bad value of a flag, said with the flag's name.
fn flag_error(bad: BadParam) -> CliError {
    CliError::Morgue(flag_message(bad))
}

/// A bad parameter in the CLI's words: its flag, then what is wrong.
fn flag_message(bad: BadParam) -> MorgueError {
    let flag = bad.param.replace('_', "-");
    MorgueError::Usage(format!("--{flag} {}", bad.message))
}

#[derive(Debug, thiserror::Error)]
enum CliError {
    #[error(transparent)]
    Morgue(#[from] MorgueError),
    #[error("writing output: {0}")]
    Output(#[from] std::io::Error),
    #[error(transparent)]
    Remote(#[from] crate::remote::RemoteError),
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clap_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
