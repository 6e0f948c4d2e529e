//! Load on `morgue serve`: many clients searching at once over loopback.
//!
//! Starts the release binary's server over an existing index (the `morgue` bench's 100k
//! archive by default: `cargo bench --bench morgue` builds one) and runs `--clients` threads,
//! each on its own keep-alive connection, sending `/api/search` with facets, `--requests`
//! requests in all. It reports latency percentiles, errors, throughput, the share of answers
//! the response cache gave (`X-Morgue-Cache: hit`), and the server's resident memory sampled
//! during the run (flat is the target). Targets (issue 19): p50 <= 5 ms, p99 <= 50 ms, no
//! errors, memory flat.
//!
//! The requests are page states drawn from a pool of `--states` (1000 of 1920) by Zipf's law
//! (`--zipf` 1.0: the k-th most asked state is asked 1/k as often as the first), as people
//! ask again for front pages, shared links and popular names. A page state is a query with a
//! filter (none, a person, a place, an org, a period, a name left out), an order and a page
//! (offset 0 to 80), always with facets month, person, place and source. The same requests
//! are sent once per `--cache-mb` value (default `0,64`), each on a fresh server: without a
//! cache every request is a search (the no-repeat case), with one the repeats are answered
//! from memory. `--overhead` also measures, in this process with one thread, the search and
//! its JSON text alone for the same requests, so that one client's HTTP latency minus these
//! is what the server adds (HTTP, parsing, the hop to a blocking thread).
//!
//! `cargo bench --bench serve -- --index /work/bench100k/idx --clients 32 --requests 20000`

use morgue::archive::Archive;
use morgue::archive::params::SearchParams;
use morgue::search::deadline::Deadline;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
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

/// Filters a reader clicks (facet values of the 100k archive, periods, a value left out).
const FILTERS: &[&str] = &[
    "",
    "&person=Vladimir+Putin",
    "&place=Ukraine",
    "&org=NATO",
    "&from=2020",
    "&from=2010&to=2014",
    "&not_person=Donald+Trump",
    "&person=Xi+Jinping&from=2015",
];
const SORTS: &[&str] = &["", "&sort=-date", "&sort=date"];
const OFFSETS: &[usize] = &[0, 20, 40, 60, 80];
const FACETS: &str = "&facet=month&facet=person&facet=place&facet=source";

struct Options {
    index: PathBuf,
    binary: PathBuf,
    clients: usize,
    requests: usize,
    states: usize,
    zipf: f64,
    cache_mb: Vec<usize>,
    overhead: bool,
}

fn options() -> Options {
    let mut options = Options {
        index: PathBuf::from("/work/bench100k/idx"),
        binary: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/release/morgue"),
        clients: 32,
        requests: 20_000,
        states: 1000,
        zipf: 1.0,
        cache_mb: vec![0, 64],
        overhead: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().expect("a value after the flag");
        match arg.as_str() {
            "--index" => options.index = value().into(),
            "--binary" => options.binary = value().into(),
            "--clients" => options.clients = value().parse().expect("a number"),
            "--requests" => options.requests = value().parse().expect("a number"),
            "--states" => options.states = value().parse().expect("a number"),
            "--zipf" => options.zipf = value().parse().expect("a number"),
            "--cache-mb" => {
                options.cache_mb = value()
                    .split(',')
                    .map(|mb| mb.trim().parse().expect("numbers, comma-separated"))
                    .collect()
            }
            "--overhead" => options.overhead = true,
            "--bench" => {}
            "--help" | "-h" => {
                println!(
                    "serve bench: --index PATH (default /work/bench100k/idx) --binary PATH \
                     (default target/release/morgue) --clients N (32) --requests N (20000) \
                     --states N (1000) --zipf S (1.0) --cache-mb N,N... (0,64) --overhead"
                );
                std::process::exit(0);
            }
            other => panic!("unknown flag {other}"),
        }
    }
    options
}

/// Every page state the bench can ask for, in a fixed shuffled order (so the first N are a
/// spread of queries, filters, orders and pages, not one query's variants).
fn page_states() -> Vec<String> {
    let mut states = Vec::new();
    for q in QUERIES {
        let q: String = form_urlencoded::byte_serialize(q.as_bytes()).collect();
        for filter in FILTERS {
            for sort in SORTS {
                for offset in OFFSETS {
                    states.push(format!(
                        "/api/search?q={q}{filter}{sort}&offset={offset}{FACETS}"
                    ));
                }
            }
        }
    }
    let mut random = Random(0x9E37_79B9_7F4A_7C15);
    for i in (1..states.len()).rev() {
        states.swap(i, random.below(i + 1));
    }
    states
}

/// A small xorshift generator: the bench needs repeatable draws, not good randomness.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The requests of a run, in the order they are sent: Zipf draws from the pool.
fn requests(o: &Options, states: &[String]) -> Vec<String> {
    let pool = &states[..o.states.clamp(1, states.len())];
    let mut cumulative = Vec::with_capacity(pool.len());
    let mut sum = 0.0;
    for k in 1..=pool.len() {
        sum += 1.0 / (k as f64).powf(o.zipf);
        cumulative.push(sum);
    }
    let mut random = Random(42);
    (0..o.requests)
        .map(|_| {
            let x = random.unit() * sum;
            let at = cumulative.partition_point(|c| *c < x).min(pool.len() - 1);
            pool[at].clone()
        })
        .collect()
}

fn main() {
    let o = options();
    assert!(
        o.binary.exists(),
        "{} missing: run `cargo build --release` first",
        o.binary.display()
    );
    let states = page_states();
    let paths = requests(&o, &states);
    let distinct = paths.iter().collect::<std::collections::HashSet<_>>().len();
    println!(
        "serve bench: index {}, {} clients, {} requests per run: {distinct} distinct page states \
         (Zipf s {} over a pool of {})",
        o.index.display(),
        o.clients,
        o.requests,
        o.zipf,
        o.states.clamp(1, states.len())
    );
    for &cache_mb in &o.cache_mb {
        println!("cache {cache_mb} MB");
        run(&o, &paths, cache_mb);
    }
    if o.overhead {
        overhead(&o, &states);
    }
}

/// A server over the bench's index, and the address it listens on.
fn start(o: &Options, cache_mb: usize) -> (Child, String) {
    let mut child = Command::new(&o.binary)
        .args(["serve", "--addr", "127.0.0.1:0", "--rate-limit", "0"])
        .args(["--cache-mb", &cache_mb.to_string(), "--index"])
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
    (child, addr)
}

/// One run of `paths` over `--clients` connections, on a fresh server; prints its figures.
fn run(o: &Options, paths: &[String], cache_mb: usize) {
    let (mut child, addr) = start(o, cache_mb);
    let pid = child.id();
    // Warm up with page states of no run (a cache is not filled with the run's answers), so
    // the first-use costs (reader, alias tables, the OS's page cache) are not measured.
    let mut warm = Client::connect(&addr);
    for q in QUERIES {
        let q: String = form_urlencoded::byte_serialize(q.as_bytes()).collect();
        let path = format!("/api/search?q={q}&limit=3&person=Li{FACETS}");
        assert_eq!(warm.get(&path).0, 200, "{path}");
    }
    let rss_start = rss_kb(pid);

    let next = Arc::new(AtomicUsize::new(0));
    let errors = Arc::new(AtomicUsize::new(0));
    let hits = Arc::new(AtomicUsize::new(0));
    let latencies = Arc::new(Mutex::new(Vec::with_capacity(paths.len())));
    let rss_samples = Arc::new(Mutex::new(Vec::new()));
    let started = Instant::now();
    let total = paths.len();
    let sampler = {
        let (next, rss_samples) = (Arc::clone(&next), Arc::clone(&rss_samples));
        std::thread::spawn(move || {
            while next.load(Ordering::Relaxed) < total {
                rss_samples.lock().unwrap().push(rss_kb(pid));
                std::thread::sleep(Duration::from_millis(200));
            }
        })
    };
    let paths = Arc::new(paths.to_vec());
    let workers: Vec<_> = (0..o.clients)
        .map(|_| {
            let (next, errors, hits, latencies, paths) = (
                Arc::clone(&next),
                Arc::clone(&errors),
                Arc::clone(&hits),
                Arc::clone(&latencies),
                Arc::clone(&paths),
            );
            let addr = addr.clone();
            std::thread::spawn(move || {
                let mut client = Client::connect(&addr);
                let mut mine = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= total {
                        break;
                    }
                    let t = Instant::now();
                    let (status, hit) = client.get(&paths[i]);
                    mine.push(t.elapsed());
                    if status != 200 {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                    if hit {
                        hits.fetch_add(1, Ordering::Relaxed);
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
    let samples = rss_samples.lock().unwrap().clone();
    let range = |pick: fn(&(u64, u64)) -> u64| {
        let mb = |kb: u64| kb as f64 / 1024.0;
        let lo = samples.iter().map(pick).min().unwrap_or(0);
        let hi = samples.iter().map(pick).max().unwrap_or(0);
        // Halfway through: flat memory is as high then as at the end.
        let half = samples.get(samples.len() / 2).map_or(0, pick);
        format!(
            "after warm-up {:.0}, during run {:.0}..{:.0}, halfway {:.0}, at end {:.0}",
            mb(pick(&rss_start)),
            mb(lo),
            mb(hi),
            mb(half),
            mb(pick(&rss_end))
        )
    };
    println!(
        "  latency ms: p50 {:.2}  p90 {:.2}  p99 {:.2}  max {:.2}   (targets: p50 <= 5, p99 <= 50)",
        percentile(&latencies, 0.50),
        percentile(&latencies, 0.90),
        percentile(&latencies, 0.99),
        percentile(&latencies, 1.0)
    );
    println!(
        "  errors: {}   cache hits: {:.1}%   throughput: {:.0} requests/s over {:.1} s",
        errors.load(Ordering::Relaxed),
        100.0 * hits.load(Ordering::Relaxed) as f64 / latencies.len().max(1) as f64,
        latencies.len() as f64 / elapsed.as_secs_f64(),
        elapsed.as_secs_f64()
    );
    println!("  server memory MB, own (heap): {}", range(|r| r.0));
    println!("  server memory MB, index pages mapped: {}", range(|r| r.1));
}

/// Milliseconds at percentile `p` of sorted durations.
fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let at = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[at].as_secs_f64() * 1e3
}

/// What the server adds to a search: one client without cache, against the same searches
/// and their JSON text in this process, alternating so that load from elsewhere falls on
/// both alike.
fn overhead(o: &Options, states: &[String]) {
    const ROUNDS: usize = 5;
    let sample: Vec<&String> = states.iter().take(200).collect();
    let archive = Archive::open(&o.index).expect("index opens");
    let requests: Vec<_> = sample
        .iter()
        .map(|path| {
            let query = path.split_once('?').unwrap().1;
            let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
                .into_owned()
                .collect();
            SearchParams::from_pairs(&pairs, |_, _| Ok(false))
                .and_then(|p| p.request())
                .expect("a valid request")
        })
        .collect();
    let (child, addr) = start(o, 0);
    let mut client = Client::connect(&addr);
    // A second server with a cache, all answers kept: HTTP and routing without the search.
    let (cached_child, cached_addr) = start(o, 64);
    let mut cached = Client::connect(&cached_addr);
    for (path, request) in sample.iter().zip(&requests) {
        // Warm all: reader, alias tables, page cache, the second server's cache.
        client.get(path);
        cached.get(path);
        archive.search(request, &Deadline::none()).unwrap();
    }
    let (mut http, mut search, mut json, mut hits) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        for (path, request) in sample.iter().zip(&requests) {
            let t = Instant::now();
            client.get(path);
            http.push(t.elapsed());
            let t = Instant::now();
            assert!(cached.get(path).1, "a cache hit");
            hits.push(t.elapsed());
            let t = Instant::now();
            let results = archive.search(request, &Deadline::none()).unwrap();
            search.push(t.elapsed());
            let t = Instant::now();
            let bytes = morgue::render::json::to_bytes(&results).unwrap();
            json.push(t.elapsed());
            std::hint::black_box(bytes);
        }
    }
    for mut server in [child, cached_child] {
        let _ = server.kill();
        let _ = server.wait();
    }
    for list in [&mut http, &mut search, &mut json, &mut hits] {
        list.sort();
    }
    let p50 = |list: &[Duration]| percentile(list, 0.5);
    println!(
        "overhead (1 client, {} requests, alternating): HTTP without cache p50 {:.2} ms; in \
         process: search p50 {:.2} ms, JSON text p50 {:.3} ms; the server adds ~{:.2} ms, of \
         which HTTP and routing (a cache hit: no search, no blocking thread) p50 {:.3} ms",
        http.len(),
        p50(&http),
        p50(&search),
        p50(&json),
        p50(&http) - p50(&search) - p50(&json),
        p50(&hits)
    );
}

/// The server's resident memory (kB) of its own (heap, stacks: `RssAnon`) and of mapped files
/// (the index's pages it touched: `RssFile`, which the kernel may drop), from /proc (Linux);
/// 0 elsewhere.
fn rss_kb(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    (field_kb(&status, "RssAnon:"), field_kb(&status, "RssFile:"))
}

fn field_kb(status: &str, name: &str) -> u64 {
    Some(status)
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(name))?
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

    /// Status of `GET path`, and whether the answer came from the server's cache.
    fn get(&mut self, path: &str) -> (u16, bool) {
        let request = format!("GET {path} HTTP/1.1\r\nHost: {}\r\n\r\n", self.host);
        self.reader.get_mut().write_all(request.as_bytes()).unwrap();
        let mut line = String::new();
        self.reader.read_line(&mut line).unwrap();
        let status = line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let (mut length, mut hit) = (0, false);
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
            if let Some((name, value)) = line.split_once(':')
                && name.eq_ignore_ascii_case("x-morgue-cache")
            {
                hit = value.trim() == "hit";
            }
        }
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body).unwrap();
        (status, hit)
    }
}
