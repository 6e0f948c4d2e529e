//! `/api/export`: every article a search matches, body included, as `morgue export` writes
//! it (NDJSON or CSV), streamed.
//!
//! The parameters are `/api/search`'s plus `format` (`ndjson` or `csv`); paging, sorting and
//! facets are accepted (the page sends its whole state) and ignored: an export lists every
//! match in index order. A query of plain words matches all of them, or any with
//! `match=any`, as the CLI's `--match` (`most`, a search's default, fills a page and means
//! `all` here).
//!
//! The rows are written by [`crate::export::write_stream`], the CLI's own code, on a thread
//! of the export's own (not one of the blocking threads searches wait for), into a bounded
//! channel that the answer's body drains: memory stays flat whatever the export's size, and
//! a client that goes away ends the export at its next chunk. The search deadline does not
//! apply (an export takes as long as the archive is big); what bounds exports is
//! [`MAX_RUNNING`] at a time, besides the rate limit every request passes.

use super::AppState;
use super::api::{bad_param, error, morgue_error, pairs};
use crate::archive::Archive;
use crate::archive::params::{BadParam, SearchParams};
use crate::error::MorgueError;
use crate::export::{self, ExportError, ExportFormat, ExportRequest};
use crate::search::query::MatchMode;
use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::io::{self, Write};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};
use tokio::sync::{mpsc, oneshot};

/// Exports running at once; more are refused with 429 until one ends.
pub const MAX_RUNNING: usize = 2;
/// Bytes sent to the client at a time, and how many such chunks may wait in the channel.
const CHUNK: usize = 64 << 10;
const CHUNKS_AHEAD: usize = 4;

/// Counts running exports (shared by the router's clones of the state).
#[derive(Default)]
pub struct Running(AtomicUsize);

pub(super) async fn export(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let request = match read_request(&pairs(query)) {
        Ok(request) => request,
        Err(bad) => return bad_param(bad),
    };
    let Some(slot) = Slot::take(&state.exports) else {
        return error(
            StatusCode::TOO_MANY_REQUESTS,
            "two exports are running already: try again when one has finished",
        );
    };
    let (started_tx, started_rx) = oneshot::channel();
    let (chunks_tx, chunks_rx) = mpsc::channel(CHUNKS_AHEAD);
    let archive = state.archive.clone();
    let format = request.format;
    let spawned = std::thread::Builder::new()
        .name("morgue-export".into())
        // Deeply nested queries recurse in the query parser, as on the search threads.
        .stack_size(32 << 20)
        .spawn(move || {
            let _slot = slot;
            run(&archive, &request, started_tx, chunks_tx);
        });
    if spawned.is_err() {
        return error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "could not start the export",
        );
    }
    match started_rx.await {
        Ok(Ok(())) => attachment(format, Body::new(ChunkBody(chunks_rx))),
        Ok(Err(e)) => morgue_error(&e),
        Err(_) => error(StatusCode::INTERNAL_SERVER_ERROR, "the export failed"),
    }
}

/// The export a query string asks for.
fn read_request(pairs: &[(String, String)]) -> Result<ExportRequest, BadParam> {
    let mut format = None;
    let params = SearchParams::from_pairs(pairs, |name, value| match name {
        "format" => match value.trim().to_ascii_lowercase().as_str() {
            "ndjson" => Ok(true).inspect(|_| format = Some(ExportFormat::Ndjson)),
            "csv" => Ok(true).inspect(|_| format = Some(ExportFormat::Csv)),
            _ => Err(BadParam::new(
                name,
                format!("`{value}`: expected ndjson or csv"),
            )),
        },
        _ => Ok(false),
    })?;
    let format = format.ok_or_else(|| BadParam::new("format", "missing: ndjson or csv"))?;
    Ok(ExportRequest {
        query: params.query.clone(),
        filters: params.filters()?,
        matching: match params.matching {
            MatchMode::Most => MatchMode::All,
            how => how,
        },
        format,
        index_id: String::new(),
    })
}

/// On the export's thread: prepares the query (its failure is the answer, sent through
/// `started` before any byte of the body), then writes the rows into `chunks`.
fn run(
    archive: &Archive,
    request: &ExportRequest,
    started: oneshot::Sender<Result<(), MorgueError>>,
    chunks: mpsc::Sender<io::Result<Bytes>>,
) {
    let aliases = archive.aliases_for(&request.filters);
    let found = match export::matches(archive.index(), aliases, request) {
        Ok(found) => found,
        Err(e) => {
            let _ = started.send(Err(e));
            return;
        }
    };
    if started.send(Ok(())).is_err() {
        return;
    }
    let mut out = ChunkWriter {
        buffer: Vec::with_capacity(CHUNK),
        chunks,
    };
    match export::write_stream(found, request.format, &mut out) {
        // The client went away: nothing more to say.
        Ok(_) | Err(ExportError::Write(_)) => {}
        // The index failed mid-way: the body ends with an error, so the client sees a
        // broken transfer rather than a short file that looks whole.
        Err(ExportError::Read(e)) => {
            let _ = out
                .chunks
                .blocking_send(Err(io::Error::other(e.to_string())));
        }
    }
}

/// The answer's headers: the format's type, and a download under a fixed name (never the
/// query's words, which may hold anything).
fn attachment(format: ExportFormat, body: Body) -> Response {
    let (content_type, name) = match format {
        ExportFormat::Csv => ("text/csv; charset=utf-8", "morgue-export.csv"),
        _ => ("application/x-ndjson", "morgue-export.ndjson"),
    };
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// One of the [`MAX_RUNNING`] places, given back when dropped (however the export ends).
struct Slot(Arc<Running>);

impl Slot {
    fn take(running: &Arc<Running>) -> Option<Slot> {
        running
            .0
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < MAX_RUNNING).then_some(n + 1)
            })
            .ok()
            .map(|_| Slot(Arc::clone(running)))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Writes into chunks of [`CHUNK`] bytes sent down the channel, waiting while it is full; a
/// closed channel (the client left) is a broken pipe.
struct ChunkWriter {
    buffer: Vec<u8>,
    chunks: mpsc::Sender<io::Result<Bytes>>,
}

impl ChunkWriter {
    fn send(&mut self) -> io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let chunk = std::mem::replace(&mut self.buffer, Vec::with_capacity(CHUNK));
        self.chunks
            .blocking_send(Ok(Bytes::from(chunk)))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the client went away"))
    }
}

impl Write for ChunkWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= CHUNK {
            self.send()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.send()
    }
}

/// The answer's body: the chunks as they come, until the export's thread ends.
struct ChunkBody(mpsc::Receiver<io::Result<Bytes>>);

impl HttpBody for ChunkBody {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        context: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, io::Error>>> {
        self.0
            .poll_recv(context)
            .map(|chunk| chunk.map(|chunk| chunk.map(http_body::Frame::data)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn the_page_state_reads_as_an_export_matching_every_word() {
        let request = read_request(&pairs(&[
            ("q", "phone call"),
            ("person", "Putin"),
            ("sort", "-date"),
            ("offset", "20"),
            ("facet", "month"),
            ("format", "CSV"),
        ]))
        .unwrap();
        assert_eq!(request.format, ExportFormat::Csv);
        assert_eq!(request.matching, MatchMode::All);
        assert_eq!(request.filters.entities.len(), 1);
        let any = read_request(&pairs(&[("match", "any"), ("format", "ndjson")])).unwrap();
        assert_eq!(any.matching, MatchMode::Any);
        let bad = |list: &[(&str, &str)]| read_request(&pairs(list)).unwrap_err().param;
        assert_eq!(bad(&[("q", "x")]), "format");
        assert_eq!(bad(&[("format", "bulk")]), "format");
        assert_eq!(bad(&[("format", "csv"), ("from", "2025-13")]), "from");
    }

    #[test]
    fn only_so_many_exports_run_at_once() {
        let running = Arc::new(Running::default());
        let slots: Vec<Slot> = (0..MAX_RUNNING)
            .map(|_| Slot::take(&running).unwrap())
            .collect();
        assert!(Slot::take(&running).is_none());
        drop(slots);
        assert!(Slot::take(&running).is_some());
    }
}
