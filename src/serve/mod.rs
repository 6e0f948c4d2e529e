//! `morgue serve`: the archive over HTTP, for the page in a browser and for scripts.
//!
//! One [`Archive`] is opened for the server's life and shared by every request; searches run
//! on tokio's blocking threads (`spawn_blocking`: tantivy blocks) and stop at the request's
//! [`Deadline`]. The server only reads: no route writes to the index or reads a file from disk
//! besides it; the page (`assets/`) is compiled into the binary ([`embedded`]).
//!
//! A local server is reachable by every page the user's browser opens, so it defends itself
//! ([`guard`]): it binds the loopback address unless told otherwise, answers only requests
//! whose `Host` names the address it listens on (a page of another site that rebinds its DNS
//! name to 127.0.0.1 still sends its own name), sends no CORS headers (other sites' scripts
//! cannot read its answers), sends a Content-Security-Policy that allows only its own files,
//! and limits the request rate and the size of requests. The API's routes are in [`api`].

mod api;
mod cache;
mod embedded;
mod export;
mod guard;

use crate::archive::Archive;
use crate::error::MorgueError;
use axum::Router;
use axum::routing::get;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// How to run the server.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub addr: SocketAddr,
    /// How long one request may search before it is answered with a timeout.
    pub timeout: Duration,
    /// Requests per second over all clients (0: no limit); a burst of as many is allowed.
    pub rate_limit: u32,
    /// Host names accepted besides the bound address itself (and `localhost` on loopback).
    pub allow_hosts: Vec<String>,
    /// The response cache's budget in bytes (0: no cache; see [`cache`]).
    pub cache_bytes: usize,
}

/// What every request handler shares.
#[derive(Clone)]
struct AppState {
    archive: Archive,
    timeout: Duration,
    cache: Arc<cache::ResponseCache>,
    exports: Arc<export::Running>,
}

/// Serves `archive` until the process is stopped. `ready` is called with the address
/// listened on (the real port when `addr` asked for port 0) before the first request.
pub fn run(
    archive: Archive,
    options: &ServeOptions,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), MorgueError> {
    let where_ = || PathBuf::from(options.addr.to_string());
    let listener = std::net::TcpListener::bind(options.addr)
        .and_then(|l| l.set_nonblocking(true).map(|()| l))
        .map_err(|e| MorgueError::io(&where_(), e))?;
    let bound = listener
        .local_addr()
        .map_err(|e| MorgueError::io(&where_(), e))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_io()
        // Searches wait for a free thread rather than piling up: tantivy is CPU-bound.
        .max_blocking_threads(blocking_threads())
        // Deeply nested queries recurse in the query parser: room for them, as in the CLI.
        .thread_stack_size(32 << 20)
        .thread_name("morgue-serve")
        .build()
        .map_err(|e| MorgueError::io(&where_(), e))?;
    let app = router(archive, options, bound);
    ready(bound);
    runtime
        .block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener)?;
            axum::serve(listener, app).await
        })
        .map_err(|e| MorgueError::io(&where_(), e))
}

fn blocking_threads() -> usize {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    (cores * 2).clamp(4, 32)
}

fn router(archive: Archive, options: &ServeOptions, bound: SocketAddr) -> Router {
    // Open the index reader now: the first request need not, and the cache asks it for
    // its generation on the async threads, where opening files has no place.
    let _ = archive.index().searcher();
    let state = AppState {
        archive,
        timeout: options.timeout,
        cache: Arc::new(cache::ResponseCache::new(options.cache_bytes)),
        exports: Arc::default(),
    };
    let guard = Arc::new(guard::Guard::new(
        bound,
        &options.allow_hosts,
        options.rate_limit,
    ));
    Router::new()
        .route("/", get(embedded::page))
        .route("/assets/{name}", get(embedded::asset))
        .merge(api::routes())
        .fallback(api::not_found)
        .with_state(state)
        .layer(axum::middleware::from_fn_with_state(guard, guard::check))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            guard::MAX_BODY,
        ))
        .layer(axum::middleware::from_fn(guard::security_headers))
}

/// Opens `url` in the user's browser, if one can be started (the server runs either way).
pub fn open_in_browser(url: &str) {
    let (program, args): (&str, &[&str]) = if cfg!(target_os = "macos") {
        ("open", &[])
    } else if cfg!(windows) {
        ("cmd", &["/C", "start", ""])
    } else {
        ("xdg-open", &[])
    };
    let started = std::process::Command::new(program)
        .args(args)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if started.is_err() {
        eprintln!("morgue: could not start a browser; open {url} yourself");
    }
}
