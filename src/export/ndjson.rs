//! NDJSON export: one JSON object per line per article, the fields of a `search --json` hit
//! (same names and values) plus `body`.

use super::{ExportError, ExportedArticle, Matches};
use std::io::{self, Write};

pub(super) fn write(matches: Matches, out: &mut dyn Write) -> Result<usize, ExportError> {
    let mut written = 0;
    for article in matches {
        let article = article?;
        let line = ExportedArticle {
            article: &article,
            body: &article.body,
        };
        serde_json::to_writer(&mut *out, &line).map_err(io::Error::from)?;
        out.write_all(b"\n")?;
        written += 1;
    }
    Ok(written)
}
