//! Articles from the records of streamed files, one record at a time: NDJSON lines and the
//! HTML pages of web archives. The stream itself (chunks, WARC records, bundle members) is
//! cut by `ingest`; this only turns one record into finished articles, as `parse_file` does
//! for a whole file.

use super::{Format, ParsedFile, finish, json, parse_file};
use crate::article::{Article, DateCandidate, DateSource};
use crate::skip::Skip;
use std::path::Path;

pub use super::json::no_valid_record;

/// One NDJSON line, numbered from 1 in the file, as a finished article.
pub fn ndjson_line(line: &str, number: usize) -> Result<Article, Skip> {
    let mut article = json::parse_line(line)?;
    article.record = Some(number);
    finish(article, None)
}

/// An HTML page from a web archive's record `number`, extracted as a `.html` file is. Its URL
/// is the one crawled; the crawl time is only a date of last resort (`warc-date`), after
/// every date the page itself gives.
pub fn web_page(
    html: &[u8],
    number: usize,
    url: Option<&str>,
    crawled: Option<&str>,
) -> Result<ParsedFile, Skip> {
    // The URL's last segment stands in for a file name where a title falls back to one.
    let mut parsed = parse_file(Format::Html, Path::new(url.unwrap_or("page")), html)?;
    for article in &mut parsed.articles {
        article.record = Some(number);
        if let Some(url) = url {
            article.url = Some(url.to_string());
        }
        if let Some(crawled) = crawled {
            let candidate = DateCandidate::new(DateSource::WarcDate, crawled);
            article.date_candidates.push(candidate);
        }
    }
    Ok(parsed)
}
