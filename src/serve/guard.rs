//! What every request passes before a route sees it, and what every answer carries: the Host
//! check against DNS rebinding, the rate and size limits, and the security headers.

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// The API only reads: requests carry no body worth more than this.
pub const MAX_BODY: usize = 16 << 10;
/// Longest path and query accepted (a search with many filters stays far below).
pub const MAX_URI: usize = 8 << 10;

/// Only this server's own files: no inline script or style, no other origin, no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
    style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; \
    form-action 'self'; frame-ancestors 'none'";

pub struct Guard {
    /// Accepted `Host` values, lowercase, with the port.
    hosts: Vec<String>,
    /// Any IP literal with the right port is accepted too (bound to every interface).
    any_ip_port: Option<u16>,
    limiter: Option<Mutex<Bucket>>,
    rate: f64,
}

/// A token bucket: `tokens` requests may go now; it refills at the rate, up to one second's.
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Guard {
    pub fn new(bound: SocketAddr, allow: &[String], rate: u32) -> Guard {
        let port = bound.port();
        let mut hosts = vec![bound.to_string()];
        let ip = bound.ip();
        if ip.is_loopback() || ip.is_unspecified() {
            hosts.push(format!("localhost:{port}"));
        }
        if ip.is_unspecified() {
            hosts.push(format!("127.0.0.1:{port}"));
            hosts.push(format!("[::1]:{port}"));
        }
        for name in allow {
            let name = name.trim().to_ascii_lowercase();
            hosts.push(if name.contains(':') && !name.ends_with(']') {
                name
            } else {
                format!("{name}:{port}")
            });
        }
        Guard {
            hosts,
            any_ip_port: ip.is_unspecified().then_some(port),
            limiter: (rate > 0).then(|| {
                Mutex::new(Bucket {
                    tokens: f64::from(rate),
                    at: Instant::now(),
                })
            }),
            rate: f64::from(rate),
        }
    }

    /// Whether a request with this `Host` header value may be answered.
    pub fn host_allowed(&self, host: &str) -> bool {
        let host = host.trim().to_ascii_lowercase();
        if self.hosts.contains(&host) {
            return true;
        }
        // Bound to every interface: reached by any of the machine's addresses.
        self.any_ip_port.is_some_and(|port| {
            host.parse::<SocketAddr>()
                .is_ok_and(|addr| addr.port() == port)
        })
    }

    /// Takes a token for one request; false when the rate is exceeded.
    fn admit(&self) -> bool {
        let Some(limiter) = &self.limiter else {
            return true;
        };
        let mut bucket = limiter.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        let refill = now.duration_since(bucket.at).as_secs_f64() * self.rate;
        bucket.tokens = (bucket.tokens + refill).min(self.rate);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// Refuses requests for another host (DNS rebinding), over the rate, or too long.
pub async fn check(State(guard): State<Arc<Guard>>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    if !host.is_some_and(|h| guard.host_allowed(h)) {
        return super::api::error(
            StatusCode::MISDIRECTED_REQUEST,
            "this server answers only requests addressed to the address it listens on",
        );
    }
    if request.uri().to_string().len() > MAX_URI {
        return super::api::error(
            StatusCode::URI_TOO_LONG,
            "the request's address is too long",
        );
    }
    if !guard.admit() {
        return super::api::error(
            StatusCode::TOO_MANY_REQUESTS,
            "too many requests: slow down",
        );
    }
    next.run(request).await
}

/// Headers on every answer: the content policy, no sniffing, no framing, no referrer.
pub async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let set = [
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ),
    ];
    for (name, value) in set {
        headers.insert(name, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_bound_address_is_a_host() {
        let guard = Guard::new("127.0.0.1:7700".parse().unwrap(), &[], 0);
        assert!(guard.host_allowed("127.0.0.1:7700"));
        assert!(guard.host_allowed("LOCALHOST:7700"));
        assert!(!guard.host_allowed("localhost:7701"));
        assert!(!guard.host_allowed("evil.example:7700"));
        assert!(!guard.host_allowed("127.0.0.1"));
        assert!(!guard.host_allowed("192.168.1.5:7700"));
    }

    #[test]
    fn every_interface_accepts_addresses_and_named_hosts() {
        let allow = vec!["archive.lan".to_string()];
        let guard = Guard::new("0.0.0.0:8000".parse().unwrap(), &allow, 0);
        assert!(guard.host_allowed("192.168.1.5:8000"));
        assert!(guard.host_allowed("[::1]:8000"));
        assert!(guard.host_allowed("archive.lan:8000"));
        assert!(!guard.host_allowed("192.168.1.5:8001"));
        assert!(!guard.host_allowed("evil.example:8000"));
    }

    #[test]
    fn the_rate_limit_allows_a_burst_then_refuses() {
        let guard = Guard::new("127.0.0.1:1".parse().unwrap(), &[], 5);
        let admitted = (0..20).filter(|_| guard.admit()).count();
        assert!((5..=6).contains(&admitted), "{admitted}");
        let unlimited = Guard::new("127.0.0.1:1".parse().unwrap(), &[], 0);
        assert!((0..1000).all(|_| unlimited.admit()));
    }
}
