//! A fake cluster on loopback for the push and `--remote` tests: enough of Quickwit's REST
//! API (or Elasticsearch's) to create an index, take `_bulk` batches, run delete requests and
//! answer searches, recording every request. Its documents live in memory.

use serde_json::{Value, json};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    Quickwit,
    Elastic,
}

#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub body: String,
}

#[derive(Default)]
pub struct State {
    pub requests: Vec<Request>,
    pub index_exists: bool,
    /// Documents held, in arrival order.
    pub docs: Vec<Value>,
    /// Statuses to answer the next `_bulk` calls with (then 200).
    pub bulk_failures: VecDeque<u16>,
    /// When set, `_bulk` calls after this many successful ones answer 500.
    pub bulk_breaks_after: Option<usize>,
    pub bulk_successes: usize,
    /// The answer to the next `_search` (else a count of every document).
    pub search_answer: Option<Value>,
}

pub struct Fake {
    pub url: String,
    pub state: Arc<Mutex<State>>,
}

impl Fake {
    pub fn start(flavor: Flavor) -> Fake {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let state = Arc::new(Mutex::new(State::default()));
        let shared = state.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let _ = serve(stream, flavor, &shared);
            }
        });
        Fake { url, state }
    }

    pub fn requests_to(&self, fragment: &str) -> Vec<Request> {
        let state = self.state.lock().unwrap();
        state
            .requests
            .iter()
            .filter(|r| r.path.contains(fragment))
            .cloned()
            .collect()
    }

    pub fn docs(&self) -> Vec<Value> {
        self.state.lock().unwrap().docs.clone()
    }
}

fn serve(stream: TcpStream, flavor: Flavor, state: &Mutex<State>) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_string();
    let path = parts.next().unwrap_or_default().to_string();
    let mut length = 0;
    loop {
        let mut header = String::new();
        reader.read_line(&mut header)?;
        if header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    let request = Request {
        method,
        path,
        body: String::from_utf8_lossy(&body).into_owned(),
    };
    let (status, answer) = {
        let mut state = state.lock().unwrap();
        state.requests.push(request.clone());
        answer(flavor, &request, &mut state)
    };
    let text = answer.to_string();
    let mut stream = stream;
    write!(
        stream,
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
        text.len()
    )?;
    stream.flush()
}

fn answer(flavor: Flavor, request: &Request, state: &mut State) -> (u16, Value) {
    let path = request.path.split('?').next().unwrap_or_default();
    let method = request.method.as_str();
    let quickwit = flavor == Flavor::Quickwit;
    match (method, path) {
        ("GET", "/api/v1/version") if quickwit => (200, json!({"build": {"version": "0.9"}})),
        ("GET", "/api/v1/version") => (404, json!({"error": "no such route"})),
        ("GET", "/") if !quickwit => (200, json!({"version": {"number": "2.11.0"}})),
        ("GET", "/api/v1/indexes/morgue") | ("GET", "/morgue") => {
            if state.index_exists {
                (200, json!({"index_id": "morgue"}))
            } else {
                (404, json!({"message": "index `morgue` not found"}))
            }
        }
        ("POST", "/api/v1/indexes") | ("PUT", "/morgue") => {
            state.index_exists = true;
            (200, json!({"acknowledged": true}))
        }
        ("POST", "/api/v1/_elastic/_bulk") | ("POST", "/_bulk") => bulk(request, state),
        ("POST", "/api/v1/morgue/delete-tasks") => {
            let query: Value = serde_json::from_str(&request.body).unwrap();
            let text = query["query"].as_str().unwrap().to_string();
            state.docs.retain(|doc| {
                let file = doc["file"].as_str().unwrap();
                !text.contains(&format!("file:\"{file}\""))
            });
            (200, json!({"opstamp": 1}))
        }
        ("POST", "/morgue/_delete_by_query") => {
            let query: Value = serde_json::from_str(&request.body).unwrap();
            let files = query["query"]["terms"]["file"].as_array().unwrap().clone();
            state.docs.retain(|doc| !files.contains(&doc["file"]));
            (200, json!({"deleted": 1}))
        }
        ("POST", "/api/v1/_elastic/morgue/_search") | ("POST", "/morgue/_search") => {
            let answer = state.search_answer.take().unwrap_or_else(
                || json!({"hits": {"total": {"value": state.docs.len()}, "hits": []}}),
            );
            (200, answer)
        }
        _ => (404, json!({"message": format!("no route {method} {path}")})),
    }
}

fn bulk(request: &Request, state: &mut State) -> (u16, Value) {
    if let Some(status) = state.bulk_failures.pop_front() {
        return (status, json!({"message": "the fake cluster is unwell"}));
    }
    if state
        .bulk_breaks_after
        .is_some_and(|n| state.bulk_successes >= n)
    {
        return (500, json!({"message": "the fake cluster broke"}));
    }
    state.bulk_successes += 1;
    let lines: Vec<Value> = request
        .body
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut items = Vec::new();
    for pair in lines.chunks(2) {
        let id = pair[0]["index"]["_id"].clone();
        state.docs.push(pair[1].clone());
        items.push(json!({"index": {"_id": id, "status": 201}}));
    }
    (200, json!({"errors": false, "items": items}))
}
