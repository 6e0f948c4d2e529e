//! `--json` output: one pretty-printed JSON object per command, documented in the README.
//! The server answers with the same bytes ([`to_bytes`]), so `morgue search --json` and
//! `/api/search` cannot drift apart.

use serde::Serialize;
use std::io::{self, Write};

pub fn write<T: Serialize>(out: &mut impl Write, value: &T) -> io::Result<()> {
    out.write_all(&to_bytes(value)?)?;
    out.flush()
}

/// The JSON text of `value`, pretty-printed, with a final newline.
pub fn to_bytes<T: Serialize>(value: &T) -> io::Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(value).map_err(io::Error::from)?;
    bytes.push(b'\n');
    Ok(bytes)
}
