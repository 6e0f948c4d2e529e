//! The HTTP API: `/api/...` routes over the [`Archive`], answering JSON (README, "HTTP API",
//! and `/api/openapi.json` describe them).
//!
//! Query parameters have the CLI's flag names ([`SearchParams::from_pairs`]), and answers are
//! the bytes `--json` prints ([`render::json::to_bytes`]). Errors are JSON too:
//! `{"error": {"status": 400, "message": "..."}}`, with the status the error's kind calls for
//! (400 bad request, 404 not found, 408 out of time, 500 the archive failed).

use super::AppState;
use crate::archive::Archive;
use crate::archive::params::{BadParam, SearchParams, flag, number, parse_entity_kind};
use crate::archive::timeline::{Interval, TimelineRequest};
use crate::error::{ErrorKind, MorgueError};
use crate::render;
use crate::search::deadline::Deadline;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Serialize;
use std::sync::Arc;

const OPENAPI: &str = include_str!("openapi.json");

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/search", get(search))
        .route("/api/article", get(article_by_query))
        .route("/api/article/{id}", get(article))
        .route("/api/entities", get(entities))
        .route("/api/stats", get(stats))
        .route("/api/timeline", get(timeline))
        .route("/api/cooccurring", get(cooccurring))
        .route("/api/export", get(super::export::export))
        .route("/api/openapi.json", get(openapi))
}

/// Name, value pairs of the query string, percent-decoded (names may repeat).
pub(super) fn pairs(query: Option<String>) -> Vec<(String, String)> {
    form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .into_owned()
        .collect()
}

async fn search(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let params = match SearchParams::from_pairs(&pairs(query), |_, _| Ok(false)) {
        Ok(params) => params,
        Err(bad) => return bad_param(bad),
    };
    let request = match params.request() {
        Ok(request) => request,
        Err(bad) => return bad_param(bad),
    };
    let cache = Arc::clone(&state.cache);
    // The request as the archive runs it (defaults filled in, dates parsed): the cache's key.
    let cached = cache
        .enabled()
        .then(|| generation(&state).map(|g| (g, format!("{request:?}"))))
        .flatten();
    if let Some((generation, key)) = &cached
        && let Some(bytes) = cache.get(*generation, key)
    {
        return cache_header(json(StatusCode::OK, bytes), "hit");
    }
    let search = move || {
        answer_bytes(state, move |archive, deadline| {
            archive.search(&request, deadline)
        })
    };
    let Some((generation, key)) = cached else {
        return search()
            .await
            .map_or_else(|f| f.response(), |b| json(StatusCode::OK, b));
    };
    // A miss: searched once however many requests ask for it meanwhile.
    let (found, shared) = cache.get_or_search(generation, key, search).await;
    let how = if shared { "shared" } else { "miss" };
    match found {
        Ok(bytes) => cache_header(json(StatusCode::OK, bytes), how),
        Err(failure) => failure.response(),
    }
}

/// The generation of the index reader that searches see now (None if it cannot be opened:
/// the search then says why), numbered by what it holds ([`ResponseCache::generation`]).
fn generation(state: &AppState) -> Option<u64> {
    let searcher = state.archive.index().searcher().ok()?;
    Some(state.cache.generation(searcher.generation().segments()))
}

fn cache_header(mut response: Response, how: &'static str) -> Response {
    response
        .headers_mut()
        .insert("x-morgue-cache", HeaderValue::from_static(how));
    response
}

async fn article(
    State(state): State<AppState>,
    id: Result<Path<String>, axum::extract::rejection::PathRejection>,
) -> Response {
    match id {
        Ok(Path(id)) => answer(state, move |archive, _| archive.article(&id)).await,
        Err(e) => error(StatusCode::BAD_REQUEST, &e.body_text()),
    }
}

/// `/api/article?id=...`: the same, for ids that are easier to pass as a parameter.
async fn article_by_query(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let id = pairs(query)
        .into_iter()
        .find(|(name, _)| name == "id")
        .map(|(_, id)| id);
    match id {
        Some(id) => answer(state, move |archive, _| archive.article(&id)).await,
        None => bad_param(BadParam::new("id", "missing: give the article's id")),
    }
}

async fn entities(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let (mut kinds, mut top) = (Vec::new(), 20);
    for (name, value) in pairs(query) {
        let read = match name.as_str() {
            "type" => parse_entity_kind(&value)
                .map(|kind| kinds.push(kind))
                .map_err(|e| BadParam::new("type", e)),
            "top" => number("top", &value).map(|n| top = n),
            other => Err(BadParam::new(other, "unknown parameter")),
        };
        if let Err(bad) = read {
            return bad_param(bad);
        }
    }
    answer(state, move |archive, _| archive.entities(&kinds, top)).await
}

async fn stats(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let mut top = 10;
    for (name, value) in pairs(query) {
        let read = match name.as_str() {
            "top" => number("top", &value).map(|n| top = n),
            other => Err(BadParam::new(other, "unknown parameter")),
        };
        if let Err(bad) = read {
            return bad_param(bad);
        }
    }
    answer(state, move |archive, _| archive.stats(top)).await
}

async fn timeline(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let (queries, rest): (Vec<_>, Vec<_>) = pairs(query)
        .into_iter()
        .partition(|(name, _)| name == "q" || name == "query");
    let (mut interval, mut share) = (Interval::Month, false);
    let filters = SearchParams::from_pairs(&rest, |name, value| match name {
        "interval" => Interval::parse(value)
            .map(|i| interval = i)
            .map(|()| true)
            .map_err(|e| BadParam::new(name, e)),
        "share" => flag(name, value).map(|s| share = s).map(|()| true),
        _ => Ok(false),
    });
    let filters = match filters {
        Ok(filters) => filters,
        Err(bad) => return bad_param(bad),
    };
    let request = TimelineRequest {
        queries: queries.into_iter().map(|(_, q)| q).collect(),
        filters,
        interval,
        share,
    };
    answer(state, move |archive, deadline| {
        archive.timeline(&request, deadline)
    })
    .await
}

async fn cooccurring(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let (mut kind, mut name, mut top) = (None, None, 10);
    let filters = SearchParams::from_pairs(&pairs(query), |param, value| match param {
        "type" => parse_entity_kind(value)
            .map(|k| kind = Some(k))
            .map(|()| true)
            .map_err(|e| BadParam::new(param, e)),
        "name" => {
            name = Some(value.to_string());
            Ok(true)
        }
        "top" => number(param, value).map(|n| top = n).map(|()| true),
        _ => Ok(false),
    });
    let filters = match filters {
        Ok(filters) => filters,
        Err(bad) => return bad_param(bad),
    };
    let (Some(kind), Some(name)) = (kind, name) else {
        return bad_param(BadParam::new(
            "type",
            "give the entity's type (person, org, place, event) and name",
        ));
    };
    answer(state, move |archive, deadline| {
        archive.cooccurring(kind, &name, &filters, top, deadline)
    })
    .await
}

async fn openapi() -> Response {
    json(StatusCode::OK, Bytes::from_static(OPENAPI.as_bytes()))
}

/// Anything else: 404, as JSON.
pub(super) async fn not_found() -> Response {
    error(StatusCode::NOT_FOUND, "no such page or API route")
}

/// Runs `job` on a blocking thread with the request's deadline (which starts now, so waiting
/// for a thread counts) and answers its result as JSON.
async fn answer<T: Serialize>(
    state: AppState,
    job: impl FnOnce(&Archive, &Deadline) -> Result<T, MorgueError> + Send + 'static,
) -> Response {
    match answer_bytes(state, job).await {
        Ok(bytes) => json(StatusCode::OK, bytes),
        Err(failure) => failure.response(),
    }
}

/// [`answer`]'s JSON text, or why there is none.
async fn answer_bytes<T: Serialize>(
    state: AppState,
    job: impl FnOnce(&Archive, &Deadline) -> Result<T, MorgueError> + Send + 'static,
) -> Result<Bytes, Failure> {
    let deadline = Deadline::after(state.timeout);
    let archive = state.archive;
    let done = tokio::task::spawn_blocking(move || {
        let value = job(&archive, &deadline)?;
        render::json::to_bytes(&value).map_err(|e| MorgueError::Usage(e.to_string()))
    })
    .await;
    match done {
        Ok(Ok(bytes)) => Ok(Bytes::from(bytes)),
        Ok(Err(e)) => Err(Failure::of(&e)),
        Err(_) => Err(Failure {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: "the request failed".into(),
        }),
    }
}

/// An error answer before it is sent (requests that share a search share its failure too).
#[derive(Debug, Clone)]
pub(super) struct Failure {
    status: StatusCode,
    message: String,
}

impl Failure {
    fn of(e: &MorgueError) -> Failure {
        let status = match e.kind() {
            ErrorKind::BadRequest => StatusCode::BAD_REQUEST,
            ErrorKind::NotFound => StatusCode::NOT_FOUND,
            ErrorKind::Timeout => StatusCode::REQUEST_TIMEOUT,
            ErrorKind::Failed => StatusCode::INTERNAL_SERVER_ERROR,
        };
        Failure {
            status,
            message: e.to_string(),
        }
    }

    pub(super) fn response(&self) -> Response {
        error(self.status, &self.message)
    }
}

fn json(status: StatusCode, bytes: Bytes) -> Response {
    let mut response = (status, bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

pub(super) fn morgue_error(e: &MorgueError) -> Response {
    Failure::of(e).response()
}

pub(super) fn bad_param(bad: BadParam) -> Response {
    error(StatusCode::BAD_REQUEST, &bad.to_string())
}

/// An error answer: `{"error": {"status": N, "message": "..."}}`.
pub(super) fn error(status: StatusCode, message: &str) -> Response {
    #[derive(Serialize)]
    struct Body<'a> {
        error: Detail<'a>,
    }
    #[derive(Serialize)]
    struct Detail<'a> {
        status: u16,
        message: &'a str,
    }
    let body = Body {
        error: Detail {
            status: status.as_u16(),
            message,
        },
    };
    json(
        status,
        Bytes::from(serde_json::to_vec(&body).unwrap_or_default()),
    )
}
