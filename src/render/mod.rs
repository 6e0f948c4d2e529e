//! Rendering results for people (terminal) and for scripts (JSON).
//!
//! Renderers write into an [`Output`], which knows whether colour is on: anstream strips
//! escape codes when stdout is not a terminal or NO_COLOR is set, and when colour is off
//! highlights fall back to plain `**markers**` so matches stay visible in a pipe.

pub mod json;
pub mod terminal;

use anstream::AutoStream;
use std::io::{self, StdoutLock, Write};

/// When to use colours and bold: the `--color` flag's values. `Auto` leaves the decision to
/// the stream (a terminal, NO_COLOR unset).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

pub struct Output {
    stream: AutoStream<StdoutLock<'static>>,
    /// True when styles reach the reader (a terminal, colour allowed).
    pub color: bool,
}

impl Output {
    pub fn stdout(choice: ColorChoice) -> Output {
        let choice = match choice {
            ColorChoice::Auto => anstream::ColorChoice::Auto,
            ColorChoice::Always => anstream::ColorChoice::Always,
            ColorChoice::Never => anstream::ColorChoice::Never,
        };
        let stream = AutoStream::new(io::stdout().lock(), choice);
        let color = stream.current_choice() != anstream::ColorChoice::Never;
        Output { stream, color }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.stream.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.stream.flush()
    }
}
