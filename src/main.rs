//! The `morgue` binary: parses the command line and hands it to the library.

use clap::Parser;
use std::process::ExitCode;

/// mimalloc instead of the system allocator: an ingest allocates and frees millions of small
/// strings and vectors across threads (tokens, features, mentions); see BENCHMARKS.md.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    morgue::cli::run(morgue::cli::Cli::parse())
}
