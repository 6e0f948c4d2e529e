//! The HTTP calls to a cluster: one blocking agent, JSON and NDJSON bodies, and retries with
//! back-off for what a busy cluster answers (429, 502-504) or a dropped connection.

use super::RemoteError;
use std::time::Duration;

/// How often a call is tried before its last failure is reported.
const ATTEMPTS: u32 = 6;
/// The first wait; each retry waits twice as long (0.25 s ... 8 s).
const FIRST_BACKOFF: Duration = Duration::from_millis(250);
/// A cluster answer larger than this is refused (a search page of full articles is far less).
const MAX_ANSWER_BYTES: u64 = 256 << 20;

pub struct Client {
    agent: ureq::Agent,
    /// Waits between attempts (tests shorten them).
    pub backoff: Duration,
}

/// A status and the body that came with it.
pub struct Answer {
    pub status: u16,
    pub body: String,
}

impl Answer {
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

pub enum Method {
    Get,
    Post,
    Put,
}

impl Client {
    pub fn new(timeout: Duration) -> Client {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(timeout))
            .build()
            .into();
        Client {
            agent,
            backoff: FIRST_BACKOFF,
        }
    }

    /// One call, retried while the cluster is busy or unreachable.
    pub fn call(
        &self,
        method: Method,
        url: &str,
        body: Option<(&str, &[u8])>,
    ) -> Result<Answer, RemoteError> {
        let mut wait = self.backoff;
        let mut attempt = 1;
        loop {
            let outcome = self.once(&method, url, body);
            let retry = match &outcome {
                Ok(answer) => matches!(answer.status, 429 | 502 | 503 | 504),
                Err(RemoteError::Unreachable { .. }) => true,
                Err(_) => false,
            };
            if !retry || attempt >= ATTEMPTS {
                return outcome;
            }
            std::thread::sleep(wait);
            wait = wait.saturating_mul(2);
            attempt += 1;
        }
    }

    fn once(
        &self,
        method: &Method,
        url: &str,
        body: Option<(&str, &[u8])>,
    ) -> Result<Answer, RemoteError> {
        let unreachable = |e: ureq::Error| RemoteError::Unreachable {
            url: url.to_string(),
            detail: e.to_string(),
        };
        let response = match (method, body) {
            (Method::Get, _) => self.agent.get(url).call(),
            (Method::Post, Some((kind, bytes))) => {
                self.agent.post(url).content_type(kind).send(bytes)
            }
            (Method::Post, None) => self.agent.post(url).send_empty(),
            (Method::Put, Some((kind, bytes))) => {
                self.agent.put(url).content_type(kind).send(bytes)
            }
            (Method::Put, None) => self.agent.put(url).send_empty(),
        }
        .map_err(unreachable)?;
        let status = response.status().as_u16();
        let body = response
            .into_body()
            .with_config()
            .limit(MAX_ANSWER_BYTES)
            .read_to_string()
            .map_err(unreachable)?;
        Ok(Answer { status, body })
    }
}
