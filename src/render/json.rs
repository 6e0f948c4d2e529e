//! `--json` output: one pretty-printed JSON object per command, documented in the README.

use serde::Serialize;
use std::io::{self, Write};

pub fn write<T: Serialize>(out: &mut impl Write, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::from)?;
    writeln!(out)?;
    out.flush()
}
