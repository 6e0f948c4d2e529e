//! The `morgue` binary: parses the command line and hands it to the library.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    morgue::cli::run(morgue::cli::Cli::parse())
}
