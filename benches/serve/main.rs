//! Load on `morgue serve`: many clients searching at once over loopback.
//!
//! Starts the release binary's server over an existing index (the `morgue` bench's 100k
//! archive by default: `cargo bench --bench morgue` builds one) and runs `--clients` threads,
//! each on its own keep-alive connection, sending `/api/search` with facets for a rotating
//! list of queries, for `--requests` requests in all. It reports latency percentiles, errors,
//! throughput, and the server's resident memory sampled during the run (flat is the target).
//! Targets (issue 19): p50 <= 5 ms, p99 <= 50 ms, no errors, memory flat.
//!
//! `cargo bench --bench serve -- --index /work/bench100k/idx --clients 32 --requests 20000`

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Queries like the `morgue` bench's: single words, AND pairs, phrases, names.
const QUERIES: &[&str] = &[
    "government",
    "minister",
    "election",
    "economy",
    "summit",
    "talks",
    "market",
    "council",
    "government AND minister",
    "economy AND market",
    "\"prime minister\"",
    "\"foreign minister\"",
    "\"vladimir putin\"",
    "\"xi jinping\"",
    "trade talks",
    "",
];

struct Options {
    index: PathBuf,
    binary: PathBuf,
    clients: usize,
    requests: usize,
}

fn options() -> Options {
    let mut options = Options {
        index: PathBuf::from("/work/bench100k/idx"),
        binary: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/release/morgue"),
        clients: 32,
        requests: 20_000,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().expect("a value after the flag");
        match arg.as_str() {
            "--index" => options.index = value().into(),
            "--binary" => options.binary = value().into(),
            "--clients" => options.clients = value().parse().expect("a number"),
            "--requests" => options.requests = value().parse().expect("a number"),
            "--bench" => {}
            "--help" | "-h" => {
                println!(
                    "serve bench: --index PATH (default /work/bench100k/idx) --binary PATH \
                     (default target/release/morgue) --clients N (32) --requests N (20000)"
                );
                std::process::exit(0);
            }
            other => panic!("unknown flag {other}"),
        }
    }
    options
}

fn main() {
    let o = options();
    assert!(
        o.binary.exists(),
        "{} missing: run `cargo build --release` first",
        o.binary.display()
    );
    let mut child = Command::new(&o.binary)
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--rate-limit",
            "0",
            "--index",
        ])
        .arg(&o.index)
        .stdout(Stdio::piped())
        .spawn()
        .expect("server starts");
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let addr = first
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .expect("address")
        .to_string();
    let pid = child.id();
    let paths: Vec<String> = QUERIES
        .iter()
        .map(|q| {
            let q: String = form_urlencoded::byte_serialize(q.as_bytes()).collect();
            format!("/api/search?q={q}&facet=month&facet=person&facet=place&facet=source")
        })
        .collect();

    // Warm up: every query once, so the first-use costs (reader, caches) are not measured.
    let mut warm = Client::connect(&addr);
    for path in &paths {
        assert_eq!(warm.get(path).0, 200, "{path}");
    }
    let rss_start = rss_kb(pid);

    let next = Arc::new(AtomicUsize::new(0));
    let errors = Arc::new(AtomicUsize::new(0));
    let latencies = Arc::new(Mutex::new(Vec::with_capacity(o.requests)));
    let rss_samples = Arc::new(Mutex::new(Vec::new()));
    let started = Instant::now();
    let sampler = {
        let (next, rss_samples) = (Arc::clone(&next), Arc::clone(&rss_samples));
        let total = o.requests;
        std::thread::spawn(move || {
            while next.load(Ordering::Relaxed) < total {
                rss_samples.lock().unwrap().push(rss_kb(pid));
                std::thread::sleep(Duration::from_millis(200));
            }
        })
    };
    let workers: Vec<_> = (0..o.clients)
        .map(|_| {
            let (next, errors, latencies) = (
                Arc::clone(&next),
                Arc::clone(&errors),
                Arc::clone(&latencies),
            );
            let (paths, addr, total) = (paths.clone(), addr.clone(), o.requests);
            std::thread::spawn(move || {
                let mut client = Client::connect(&addr);
                let mut mine = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= total {
                        break;
                    }
                    let t = Instant::now();
                    let (status, _) = client.get(&paths[i % paths.len()]);
                    mine.push(t.elapsed());
                    if status != 200 {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                }
                latencies.lock().unwrap().extend(mine);
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    let elapsed = started.elapsed();
    sampler.join().unwrap();
    let rss_end = rss_kb(pid);
    let _ = child.kill();
    let _ = child.wait();

    let mut latencies = latencies.lock().unwrap().clone();
    latencies.sort();
    let pct = |p: f64| {
        let at = ((latencies.len() as f64 * p).ceil() as usize).clamp(1, latencies.len()) - 1;
        latencies[at].as_secs_f64() * 1e3
    };
    let samples = rss_samples.lock().unwrap().clone();
    let (lo, hi) = (
        samples.iter().min().copied().unwrap_or(0),
        samples.iter().max().copied().unwrap_or(0),
    );
    println!(
        "serve bench: {} requests, {} clients, index {}",
        latencies.len(),
        o.clients,
        o.index.display()
    );
    println!(
        "  latency ms: p50 {:.2}  p90 {:.2}  p99 {:.2}  max {:.2}   (targets: p50 <= 5, p99 <= 50)",
        pct(0.50),
        pct(0.90),
        pct(0.99),
        pct(1.0)
    );
    println!(
        "  errors: {}   throughput: {:.0} requests/s over {:.1} s",
        errors.load(Ordering::Relaxed),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        elapsed.as_secs_f64()
    );
    println!(
        "  server RSS MB: after warm-up {:.0}, during run {:.0}..{:.0}, at end {:.0}",
        rss_start as f64 / 1024.0,
        lo as f64 / 1024.0,
        hi as f64 / 1024.0,
        rss_end as f64 / 1024.0
    );
}

/// The server's resident memory (kB), from /proc (Linux); 0 elsewhere.
fn rss_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))?
                .split_whitespace()
                .nth(1)?
                .parse()
                .ok()
        })
        .unwrap_or(0)
}

/// One keep-alive HTTP/1.1 connection.
struct Client {
    reader: BufReader<TcpStream>,
    host: String,
}

impl Client {
    fn connect(addr: &str) -> Client {
        let stream = TcpStream::connect(addr).expect("connect");
        stream.set_nodelay(true).unwrap();
        Client {
            reader: BufReader::new(stream),
            host: addr.to_string(),
        }
    }

    /// Status and body of `GET path`.
    fn get(&mut self, path: &str) -> (u16, Vec<u8>) {
        let request = format!("GET {path} HTTP/1.1\r\nHost: {}\r\n\r\n", self.host);
        self.reader.get_mut().write_all(request.as_bytes()).unwrap();
        let mut line = String::new();
        self.reader.read_line(&mut line).unwrap();
        let status = line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let mut length = 0;
        loop {
            line.clear();
            self.reader.read_line(&mut line).unwrap();
            if line == "\r\n" || line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse().unwrap_or(0);
            }
        }
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body).unwrap();
        (status, body)
    }
}
