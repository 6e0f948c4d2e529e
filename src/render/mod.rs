//! Rendering results for people (terminal) and for scripts (JSON).
//!
//! Renderers write into an [`Output`], which knows whether colour is on: anstream strips
//! escape codes when stdout is not a terminal or NO_COLOR is set, and when colour is off
//! highlights fall back to plain `**markers**` so matches stay visible in a pipe. It also
//! knows the terminal's width, which long result lines wrap at (`wrap`); the colour choice
//! the `--color` flag takes is defined here, with the rendering it decides.

pub mod article;
pub mod json;
pub mod terminal;
pub mod wrap;

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
    /// The terminal's width, which long result lines wrap at; `None` in a pipe or with colour
    /// off, where each item stays on one line for tools like grep.
    pub width: Option<usize>,
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
        let width = if color { wrap::terminal_width() } else { None };
        Output {
            stream,
            color,
            width,
        }
    }
}

/// Writes a command's answer: `value` as JSON for scripts (`--json`), else as `human`
/// renders it for people.
pub fn answer<T: serde::Serialize>(
    out: &mut Output,
    json: bool,
    value: &T,
    human: impl FnOnce(&mut Output, &T) -> io::Result<()>,
) -> io::Result<()> {
    if json {
        json::write(out, value)
    } else {
        human(out, value)
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
