//! The archive on a cluster: `morgue push` sends an index's articles to Quickwit (or
//! Elasticsearch/OpenSearch) and `morgue search --remote` searches them there, through the
//! Elasticsearch-compatible API both speak.
//!
//! - [`dsl`]: a search as a `_search` body (the same query syntax, filters, sort, paging and
//!   facets as a local search), and what the engine cannot do.
//! - [`answer`]: the engine's answer as morgue's own `SearchResults`, so rendering and
//!   `--json` are the local ones.
//! - [`push`]: incremental, resumable sending of articles in `_bulk` batches.
//! - [`http`]: the calls, with retries and back-off.
//!
//! Documents are the export's cluster documents ([`crate::export::ClusterDoc`]), and indexes
//! are created from the export's Quickwit config or Elasticsearch mapping.

pub mod answer;
pub mod dsl;
mod http;
pub mod push;

use crate::enrich::gazetteer::Gazetteer;
use crate::search::{SearchRequest, SearchResults};
use http::{Client, Method};
use serde_json::Value;
use std::time::Duration;

/// Which engine answers at the URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Engine {
    /// Quickwit: its REST API under `/api/v1`, the Elasticsearch-compatible one under
    /// `/api/v1/_elastic`.
    Quickwit,
    /// Elasticsearch or OpenSearch: the API at the root.
    Elastic,
}

#[derive(Debug, thiserror::Error)]
pub enum RemoteError {
    #[error("cannot reach {url}: {detail}")]
    Unreachable { url: String, detail: String },
    #[error("{url} answered HTTP {status}: {detail}")]
    Status {
        url: String,
        status: u16,
        detail: String,
    },
    #[error("{url} answered something morgue cannot read: {detail}")]
    BadAnswer { url: String, detail: String },
    #[error("no Quickwit, Elasticsearch or OpenSearch answers at {url} ({detail})")]
    NoEngine { url: String, detail: String },
    #[error(
        "the cluster refused {count} articles (listed above); their files are sent again by the next push"
    )]
    Refused { count: usize },
    #[error(transparent)]
    Local(#[from] crate::error::MorgueError),
}

/// A cluster and the index on it.
pub struct Remote {
    base: String,
    pub index_id: String,
    pub engine: Engine,
    client: Client,
}

/// How long one call may take (a bulk batch on a busy node included).
const CALL_TIMEOUT: Duration = Duration::from_secs(120);

impl Remote {
    /// Finds out which engine answers at `url` (Quickwit's `/api/v1/version`, else an
    /// Elasticsearch/OpenSearch root document).
    pub fn connect(url: &str, index_id: &str) -> Result<Remote, RemoteError> {
        let base = url.trim_end_matches('/').to_string();
        if !base.starts_with("http://") && !base.starts_with("https://") {
            return Err(RemoteError::NoEngine {
                url: url.to_string(),
                detail: "give the URL with its scheme, e.g. http://localhost:7280".into(),
            });
        }
        let client = Client::new(CALL_TIMEOUT);
        let mut remote = Remote {
            base,
            index_id: index_id.to_string(),
            engine: Engine::Quickwit,
            client,
        };
        let version = remote.get(&format!("{}/api/v1/version", remote.base))?;
        if version.ok() {
            return Ok(remote);
        }
        let root = remote.get(&format!("{}/", remote.base))?;
        let json: Option<Value> = serde_json::from_str(&root.body).ok();
        if root.ok()
            && json
                .as_ref()
                .is_some_and(|j| j["version"]["number"].is_string())
        {
            remote.engine = Engine::Elastic;
            return Ok(remote);
        }
        Err(RemoteError::NoEngine {
            url: url.to_string(),
            detail: format!(
                "/api/v1/version answered {}, / answered {}",
                version.status, root.status
            ),
        })
    }

    /// A remote search, and what of it the engine could not do as morgue does.
    pub fn search(
        &self,
        request: &SearchRequest,
        gazetteer: &Gazetteer,
    ) -> Result<(SearchResults, Vec<String>), RemoteError> {
        let (body, mut unsupported) = dsl::search_body(request, self.engine, gazetteer);
        unsupported.push("snippets: the cluster's hits are shown by their lead".into());
        let url = self.url_search();
        let answer = self.post_json(&url, &body)?;
        let results = answer::results(request, self.engine, &answer)
            .map_err(|detail| RemoteError::BadAnswer { url, detail })?;
        Ok((results, unsupported))
    }

    fn url_search(&self) -> String {
        match self.engine {
            Engine::Quickwit => format!("{}/api/v1/_elastic/{}/_search", self.base, self.index_id),
            Engine::Elastic => format!("{}/{}/_search", self.base, self.index_id),
        }
    }

    fn url_bulk(&self) -> String {
        match self.engine {
            Engine::Quickwit => format!("{}/api/v1/_elastic/_bulk", self.base),
            Engine::Elastic => format!("{}/_bulk", self.base),
        }
    }

    fn get(&self, url: &str) -> Result<http::Answer, RemoteError> {
        self.client.call(Method::Get, url, None)
    }

    /// POSTs JSON and reads a JSON answer; any status but 2xx is an error with the engine's
    /// own words.
    fn post_json(&self, url: &str, body: &Value) -> Result<Value, RemoteError> {
        let bytes = serde_json::to_vec(body).unwrap_or_default();
        let answer = self
            .client
            .call(Method::Post, url, Some(("application/json", &bytes)))?;
        expect_json(url, answer)
    }
}

/// The JSON of a 2xx answer; otherwise the engine's error message.
fn expect_json(url: &str, answer: http::Answer) -> Result<Value, RemoteError> {
    let json: Result<Value, _> = serde_json::from_str(&answer.body);
    if !answer.ok() {
        return Err(RemoteError::Status {
            url: url.to_string(),
            status: answer.status,
            detail: json
                .ok()
                .and_then(|j| error_message(&j))
                .unwrap_or_else(|| answer.body.chars().take(300).collect()),
        });
    }
    json.map_err(|e| RemoteError::BadAnswer {
        url: url.to_string(),
        detail: e.to_string(),
    })
}

/// The message of an Elasticsearch (`error.reason`) or Quickwit (`message`) error body.
fn error_message(json: &Value) -> Option<String> {
    let text = |v: &Value| v.as_str().map(str::to_string);
    text(&json["error"]["reason"])
        .or_else(|| text(&json["error"]["root_cause"][0]["reason"]))
        .or_else(|| text(&json["error"]))
        .or_else(|| text(&json["message"]))
}
