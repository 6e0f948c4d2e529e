//! WARC web archives (ISO 28500): records read one at a time from any `BufRead` (a plain
//! `.warc`, or a `.warc.gz` through a multi-member gzip decoder), and the HTML page inside an
//! HTTP response record.
//!
//! A small reader of our own rather than the `warc` crate (0.4, old, chrono-based): a record
//! is a version line, header lines, a blank line and `Content-Length` bytes, so reading it is
//! a few dozen lines, and ours streams from any reader, caps each record at the per-record
//! limit without allocating it, and reports a broken stream as a `Skip` with its offset.

use crate::skip::{Skip, SkipReason};
use std::borrow::Cow;
use std::io::{BufRead, Read};

/// One WARC record, numbered from 1 in its file (every record counts, whatever its type, so
/// the numbers match other WARC tools' record ordinals).
#[derive(Debug)]
pub struct Record {
    pub number: usize,
    /// `WARC-Type`, lowercase: `response`, `request`, `warcinfo`, `resource`, ...
    pub kind: String,
    pub target_uri: Option<String>,
    /// `WARC-Date`: when the crawler fetched it.
    pub date: Option<String>,
    /// The record's own `Content-Type` (`application/http; msgtype=response`, `text/html`).
    pub content_type: Option<String>,
    /// The record's block, or why it was not read (over the per-record limit).
    pub block: Result<Vec<u8>, Skip>,
}

/// A header block longer than this is not a WARC header.
const MAX_HEADER_BYTES: u64 = 64 * 1024;

/// Reads the records of one WARC stream in order.
pub struct Reader<R> {
    input: R,
    records: usize,
    /// Bytes of the (decompressed) stream consumed, for error messages.
    offset: u64,
    max_block: u64,
    failed: bool,
}

impl<R: BufRead> Reader<R> {
    /// A reader that refuses (skips over) record blocks longer than `max_block` bytes.
    pub fn new(input: R, max_block: u64) -> Reader<R> {
        Reader {
            input,
            records: 0,
            offset: 0,
            max_block,
            failed: false,
        }
    }

    /// One line, at most `MAX_HEADER_BYTES` long; empty at the end of the stream.
    fn line(&mut self) -> Result<Vec<u8>, Skip> {
        let mut line = Vec::new();
        (&mut self.input)
            .take(MAX_HEADER_BYTES)
            .read_until(b'\n', &mut line)
            .map_err(|e| self.broken(&e))?;
        self.offset += line.len() as u64;
        Ok(line)
    }

    fn broken(&self, e: &std::io::Error) -> Skip {
        Skip::new(
            SkipReason::Malformed,
            format!(
                "unreadable after record {} (byte {} of the stream): {e}",
                self.records, self.offset
            ),
        )
    }

    fn malformed(&self, what: &str) -> Skip {
        Skip::new(
            SkipReason::Malformed,
            format!(
                "{what} at byte {} (after record {})",
                self.offset, self.records
            ),
        )
    }

    fn read_record(&mut self) -> Result<Option<Record>, Skip> {
        // Records are separated by blank lines.
        let version = loop {
            let line = self.line()?;
            if line.is_empty() {
                return Ok(None);
            }
            if !line.trim_ascii().is_empty() {
                break line;
            }
        };
        if !version.starts_with(b"WARC/") {
            return Err(self.malformed("expected a WARC record (a `WARC/1.x` line)"));
        }
        let mut headers: Vec<(String, String)> = Vec::new();
        let mut header_bytes = 0;
        loop {
            let line = self.line()?;
            header_bytes += line.len() as u64;
            if line.is_empty() || header_bytes > MAX_HEADER_BYTES {
                return Err(self.malformed("a WARC header that does not end"));
            }
            let line = String::from_utf8_lossy(&line);
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                break;
            }
            match (line.starts_with([' ', '\t']), headers.last_mut()) {
                (true, Some((_, value))) => {
                    value.push(' ');
                    value.push_str(line.trim());
                }
                _ => {
                    if let Some((name, value)) = line.split_once(':') {
                        headers.push((name.trim().to_ascii_lowercase(), value.trim().into()));
                    }
                }
            }
        }
        let header = |name: &str| {
            headers
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.clone())
        };
        let Some(length) = header("content-length").and_then(|v| v.parse::<u64>().ok()) else {
            return Err(self.malformed("a WARC record without a Content-Length"));
        };
        self.records += 1;
        let number = self.records;
        let block = if length > self.max_block {
            let skipped = std::io::copy(&mut (&mut self.input).take(length), &mut std::io::sink())
                .map_err(|e| self.broken(&e))?;
            self.offset += skipped;
            if skipped < length {
                return Err(self.malformed("the stream ends inside a record"));
            }
            Err(Skip::new(
                SkipReason::TooLarge,
                format!(
                    "record is {length} bytes, over the per-record limit of {} bytes \
                     (--max-file-size)",
                    self.max_block
                ),
            ))
        } else {
            let mut block = Vec::with_capacity(length.min(1 << 20) as usize);
            (&mut self.input)
                .take(length)
                .read_to_end(&mut block)
                .map_err(|e| self.broken(&e))?;
            self.offset += block.len() as u64;
            if (block.len() as u64) < length {
                return Err(self.malformed("the stream ends inside a record"));
            }
            Ok(block)
        };
        Ok(Some(Record {
            number,
            kind: header("warc-type").unwrap_or_default().to_ascii_lowercase(),
            target_uri: header("warc-target-uri").map(|u| u.trim_matches(['<', '>']).into()),
            date: header("warc-date"),
            content_type: header("content-type"),
            block,
        }))
    }

    /// Records read so far.
    pub fn records(&self) -> usize {
        self.records
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    /// A record, or why the stream cannot be read from here on (the last item then).
    type Item = Result<Record, Skip>;

    fn next(&mut self) -> Option<Result<Record, Skip>> {
        if self.failed {
            return None;
        }
        let next = self.read_record().transpose();
        self.failed = matches!(next, Some(Err(_)));
        next
    }
}

/// What a record holds for morgue.
#[derive(Debug)]
pub enum Payload<'a> {
    /// An HTML page: the body of a successful HTTP response, or an HTML resource record.
    Html(Cow<'a, [u8]>),
    /// Not an article page (a request, metadata, an image, a redirect): counted as ignored.
    Ignored,
    /// An HTML page that could not be read.
    Bad(Skip),
}

/// The HTML page a record carries, if any: `response` records whose HTTP status is 2xx and
/// whose Content-Type is `text/html` or `application/xhtml+xml`, and `resource` records of
/// those types.
pub fn payload(record: &Record) -> Payload<'_> {
    let block = match (record.kind.as_str(), &record.block) {
        ("resource", block) if is_html(record.content_type.as_deref()) => {
            return match block {
                Ok(block) => Payload::Html(Cow::Borrowed(block)),
                Err(skip) => Payload::Bad(skip.clone()),
            };
        }
        ("response", Ok(block)) => block,
        ("response", Err(skip)) => return Payload::Bad(skip.clone()),
        _ => return Payload::Ignored,
    };
    let Some((head, body)) = split_http(block) else {
        return Payload::Ignored;
    };
    let head = String::from_utf8_lossy(head);
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse::<u16>().ok());
    if !status.is_some_and(|s| (200..300).contains(&s)) {
        return Payload::Ignored;
    }
    let field = |name: &str| {
        head.lines().skip(1).find_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_string())
        })
    };
    if !is_html(field("content-type").as_deref()) {
        return Payload::Ignored;
    }
    let mut body = Cow::Borrowed(body);
    if field("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        match dechunk(&body) {
            Some(plain) => body = Cow::Owned(plain),
            None => return Payload::Bad(bad("broken chunked transfer encoding")),
        }
    }
    match field("content-encoding").map(|v| v.to_ascii_lowercase()) {
        Some(e) if e == "gzip" || e == "x-gzip" => {
            let mut plain = Vec::new();
            let limit = (body.len() as u64).saturating_mul(100).max(1 << 20);
            match flate2::read::MultiGzDecoder::new(&body[..])
                .take(limit)
                .read_to_end(&mut plain)
            {
                Ok(_) => Payload::Html(Cow::Owned(plain)),
                Err(e) => Payload::Bad(bad(&format!("gzip content encoding: {e}"))),
            }
        }
        Some(e) if e != "identity" => Payload::Bad(bad(&format!(
            "content encoding {e:?} is not one morgue reads"
        ))),
        _ => Payload::Html(body),
    }
}

fn bad(detail: &str) -> Skip {
    Skip::new(SkipReason::Malformed, detail)
}

fn is_html(content_type: Option<&str>) -> bool {
    content_type.is_some_and(|t| {
        let mime = t.split(';').next().unwrap_or("").trim();
        mime.eq_ignore_ascii_case("text/html") || mime.eq_ignore_ascii_case("application/xhtml+xml")
    })
}

/// An HTTP message's head and body, split at the first blank line.
fn split_http(block: &[u8]) -> Option<(&[u8], &[u8])> {
    if !block.starts_with(b"HTTP/") {
        return None;
    }
    let crlf = block
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| (i, 4));
    let lf = || block.windows(2).position(|w| w == b"\n\n").map(|i| (i, 2));
    let (end, gap) = crlf.or_else(lf)?;
    Some((&block[..end], &block[end + gap..]))
}

/// The body of a chunked HTTP message; `None` when the chunks do not add up.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let eol = body.iter().position(|&b| b == b'\n')?;
        let size_text = std::str::from_utf8(&body[..eol]).ok()?;
        let size_text = size_text.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        body = &body[eol + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size..)?;
        body = body.strip_prefix(b"\r\n").or(body.strip_prefix(b"\n"))?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: <https://example.com/a>\r\n\
             WARC-Date: 2025-02-24T10:00:00Z\r\nContent-Type: {content_type}\r\n\
             Content-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    #[test]
    fn records_and_their_pages() {
        let page = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Hi</p>";
        let mut stream = record("warcinfo", "application/warc-fields", b"software: x\r\n");
        stream.extend(record(
            "request",
            "application/http; msgtype=request",
            b"GET / HTTP/1.1\r\n\r\n",
        ));
        stream.extend(record(
            "response",
            "application/http; msgtype=response",
            page,
        ));
        stream.extend(record(
            "response",
            "application/http",
            b"HTTP/1.1 301 Moved\r\nContent-Type: text/html\r\n\r\nx",
        ));
        let records: Vec<Record> = Reader::new(&stream[..], 1 << 20)
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(records.len(), 4);
        assert_eq!(records[2].number, 3);
        assert_eq!(
            records[2].target_uri.as_deref(),
            Some("https://example.com/a")
        );
        assert_eq!(records[2].date.as_deref(), Some("2025-02-24T10:00:00Z"));
        let kinds: Vec<_> = records
            .iter()
            .map(|r| match payload(r) {
                Payload::Html(body) => String::from_utf8_lossy(&body).into_owned(),
                Payload::Ignored => "ignored".into(),
                Payload::Bad(skip) => skip.to_string(),
            })
            .collect();
        assert_eq!(kinds, ["ignored", "ignored", "<p>Hi</p>", "ignored"]);
    }

    #[test]
    fn oversize_records_are_passed_over_and_broken_streams_end() {
        let mut stream = record("response", "application/http", &[b'x'; 100]);
        stream.extend(record("resource", "text/html", b"<p>ok</p>"));
        stream.extend(b"garbage\r\n");
        let items: Vec<_> = Reader::new(&stream[..], 50).collect();
        assert_eq!(items.len(), 3);
        let first = items[0].as_ref().unwrap();
        assert_eq!(
            first.block.as_ref().unwrap_err().reason,
            SkipReason::TooLarge
        );
        assert!(matches!(
            payload(items[1].as_ref().unwrap()),
            Payload::Html(_)
        ));
        let err = items[2].as_ref().unwrap_err();
        assert!(err.detail.contains("after record 2"), "{err}");

        let cut = &record("response", "application/http", b"abc")[..80];
        let items: Vec<_> = Reader::new(cut, 50).collect();
        assert!(items[0].is_err());
    }

    #[test]
    fn chunked_and_gzipped_bodies() {
        assert_eq!(
            dechunk(b"3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n").unwrap(),
            b"abcde"
        );
        assert_eq!(dechunk(b"5\r\nab"), None);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, b"<p>zipped</p>").unwrap();
        let mut block =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"
                .to_vec();
        block.extend(gz.finish().unwrap());
        let r = Record {
            number: 1,
            kind: "response".into(),
            target_uri: None,
            date: None,
            content_type: None,
            block: Ok(block),
        };
        assert!(matches!(payload(&r), Payload::Html(b) if &b[..] == b"<p>zipped</p>"));
    }
}
