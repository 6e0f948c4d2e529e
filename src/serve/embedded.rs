//! The page's files, compiled into the binary: the server reads nothing from disk but the
//! index, so no path in a request can reach another file. A file the page adds to `assets/`
//! gets a row in [`ASSETS`].

use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// One of the page's JavaScript modules (app.js imports the others).
macro_rules! script {
    ($name:literal) => {
        (
            $name,
            "text/javascript; charset=utf-8",
            include_bytes!(concat!("assets/", $name)),
        )
    };
}

/// `/assets/NAME`: the name, its content type, its bytes.
const ASSETS: &[(&str, &str, &[u8])] = &[
    script!("app.js"),
    script!("api.js"),
    script!("dom.js"),
    script!("facets.js"),
    script!("histogram.js"),
    script!("keyboard.js"),
    script!("reader.js"),
    script!("research.js"),
    script!("results.js"),
    script!("state.js"),
    (
        "style.css",
        "text/css; charset=utf-8",
        include_bytes!("assets/style.css"),
    ),
];

const INDEX_HTML: &[u8] = include_bytes!("assets/index.html");

/// `/`: the page.
pub async fn page() -> Response {
    file("text/html; charset=utf-8", INDEX_HTML)
}

/// `/assets/{name}`: one of the embedded files, by exact name.
pub async fn asset(Path(name): Path<String>) -> Response {
    match ASSETS.iter().find(|(n, _, _)| *n == name) {
        Some((_, content_type, bytes)) => file(content_type, bytes),
        None => super::api::error(StatusCode::NOT_FOUND, "no such file"),
    }
}

fn file(content_type: &'static str, bytes: &'static [u8]) -> Response {
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    // A new binary may carry a new page: browsers ask again (and get it from memory).
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}
