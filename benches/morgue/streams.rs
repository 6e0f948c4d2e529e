//! The streamed-formats bench (`--streams MB`): one big NDJSON file, one WARC.gz of generated
//! HTML pages (one gzip member per record, as crawlers write them), and the same pages as a
//! folder of `.html` files, the baseline. Each is indexed into a fresh index; the table gives
//! seconds, MB/s of articles (NDJSON: the file's bytes; WARC and folder: the HTML bytes, so
//! the two compare per MB of HTML) and peak RSS, with ratios against the folder. Each input
//! is indexed `--streams-rounds` times (default 3), the inputs taking turns, and the table
//! gives the median time (and the range) and the highest peak.
//!
//! The inputs are generated once per seed and size and reused (`target/bench/streams-*`).

use super::corpus::{self, Generator};
use flate2::Compression;
use flate2::write::GzEncoder;
use std::io::{BufWriter, Write};
use std::path::Path;

type IndexRun = fn(&Path, &Path, &[&str]) -> (f64, u64, u64);

/// What `--streams` runs: inputs of about `mb` MB each, indexed `rounds` times in turn.
pub struct Plan<'a> {
    pub mb: u64,
    /// Extra flags for `morgue index` (`--no-entities`).
    pub flags: &'a [&'a str],
    /// Each input is indexed this many times, the inputs alternating, and the median kept:
    /// on a shared machine one run of each says little about their ratio.
    pub rounds: usize,
    /// Which inputs to index (`folder`, `warc`, `ndjson`); all when empty. The folder is the
    /// baseline of the ratios, so without it they are against the first input listed.
    pub inputs: &'a [String],
}

pub fn run(work: &Path, seed: u64, repo: &Path, plan: &Plan, index: IndexRun) {
    let mb = plan.mb;
    let dir = work.join(format!("streams-{seed}-{mb}"));
    let target = mb * 1_000_000;
    let (ndjson, warc, folder) = (
        dir.join("dump/dump.ndjson"),
        dir.join("crawl/crawl.warc.gz"),
        dir.join("pages"),
    );
    let (ndjson_bytes, html_bytes) = if dir.join(".complete").exists() {
        let sizes = std::fs::read_to_string(dir.join(".complete")).unwrap();
        let mut sizes = sizes.split_whitespace().map(|n| n.parse::<u64>().unwrap());
        (sizes.next().unwrap(), sizes.next().unwrap())
    } else {
        let _ = std::fs::remove_dir_all(&dir);
        eprintln!(
            "generating {mb} MB of NDJSON and of HTML pages into {}",
            dir.display()
        );
        let mut generator = Generator::new(seed, repo).unwrap();
        let ndjson_bytes = write_ndjson(&mut generator, &ndjson, target).unwrap();
        let html_bytes = write_pages(&mut generator, &warc, &folder, target).unwrap();
        let sizes = format!("{ndjson_bytes} {html_bytes}");
        std::fs::write(dir.join(".complete"), sizes).unwrap();
        (ndjson_bytes, html_bytes)
    };
    let warc_bytes = std::fs::metadata(&warc).unwrap().len();
    println!(
        "inputs: NDJSON {:.0} MB; HTML {:.0} MB as a folder and as a WARC.gz of {:.0} MB; \
         flags {:?}; median of {} alternated rounds, peak RSS the highest\n",
        ndjson_bytes as f64 / 1e6,
        html_bytes as f64 / 1e6,
        warc_bytes as f64 / 1e6,
        plan.flags,
        plan.rounds
    );
    let inputs: Vec<(&str, &Path, u64)> = [
        (
            "folder",
            "folder of .html (baseline)",
            folder.as_path(),
            html_bytes,
        ),
        (
            "warc",
            "WARC.gz of the same pages",
            warc.parent().unwrap(),
            html_bytes,
        ),
        (
            "ndjson",
            "one NDJSON file",
            ndjson.parent().unwrap(),
            ndjson_bytes,
        ),
    ]
    .into_iter()
    .filter(|(key, ..)| plan.inputs.is_empty() || plan.inputs.iter().any(|i| i == key))
    .map(|(_, name, input, bytes)| (name, input, bytes))
    .collect();
    // runs[i]: (seconds, peak RSS in KB, articles) of each round of input i.
    let mut runs: Vec<Vec<(f64, u64, u64)>> = vec![Vec::new(); inputs.len()];
    for round in 1..=plan.rounds.max(1) {
        for ((name, input, _), runs) in inputs.iter().zip(&mut runs) {
            eprintln!("round {round}: indexing {name}");
            runs.push(index(input, &dir.join("index"), plan.flags));
        }
    }
    let rows: Vec<_> = inputs
        .iter()
        .zip(&runs)
        .map(|((name, _, bytes), runs)| {
            let mut secs: Vec<f64> = runs.iter().map(|r| r.0).collect();
            secs.sort_by(f64::total_cmp);
            let median = secs[secs.len() / 2];
            let rss_mb = runs.iter().map(|r| r.1).max().unwrap() / 1024;
            let spread = format!("{:.1}-{:.1}", secs[0], secs[secs.len() - 1]);
            (
                *name,
                runs[0].2,
                median,
                spread,
                *bytes as f64 / 1e6 / median,
                rss_mb,
            )
        })
        .collect();
    let (base_rate, base_rss) = (rows[0].4, rows[0].5 as f64);
    println!("| input | articles | seconds (range) | MB/s | vs first | peak RSS | vs first |");
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    for (name, articles, secs, spread, rate, rss) in rows {
        println!(
            "| {name} | {articles} | {secs:.1} ({spread}) | {rate:.2} | {:.2}x | {rss} MB | {:.2}x |",
            rate / base_rate,
            rss as f64 / base_rss
        );
    }
}

/// One NDJSON file of generated articles, about `target` bytes; returns its size.
fn write_ndjson(generator: &mut Generator, path: &Path, target: u64) -> std::io::Result<u64> {
    std::fs::create_dir_all(path.parent().unwrap())?;
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    let mut written = 0;
    while written < target {
        let (title, (y, m, d), source, author, body) = generator.article();
        let date = format!("{y:04}-{m:02}-{d:02}");
        let line = corpus::json_article(&title, &date, &source, &author, &body);
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
        written += line.len() as u64 + 1;
    }
    out.flush()?;
    Ok(written)
}

/// About `target` bytes of generated HTML pages, written both as a WARC.gz (a request and a
/// response record per page, each gzipped on its own) and as a folder of `.html` files, a
/// thousand to a subfolder; returns the HTML bytes.
fn write_pages(
    generator: &mut Generator,
    warc: &Path,
    folder: &Path,
    target: u64,
) -> std::io::Result<u64> {
    std::fs::create_dir_all(warc.parent().unwrap())?;
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(warc)?);
    let mut html_bytes = 0;
    let mut n = 0u64;
    while html_bytes < target {
        let (title, (y, m, d), source, author, body) = generator.article();
        let date = format!("{y:04}-{m:02}-{d:02}");
        let page = corpus::html_article(&title, &date, &source, &author, &body);
        let uri = format!("https://news.example/{y:04}/{m:02}/{n}.html");
        let request = format!("GET /{y:04}/{m:02}/{n}.html HTTP/1.1\r\nHost: news.example\r\n\r\n");
        out.write_all(&record(
            n * 2 + 1,
            "request",
            &uri,
            "application/http; msgtype=request",
            request.as_bytes(),
        )?)?;
        let response = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{page}",
            page.len()
        );
        out.write_all(&record(
            n * 2 + 2,
            "response",
            &uri,
            "application/http; msgtype=response",
            response.as_bytes(),
        )?)?;
        let file = folder.join(format!("{:05}/{n}.html", n / 1000));
        std::fs::create_dir_all(file.parent().unwrap())?;
        std::fs::write(&file, &page)?;
        html_bytes += page.len() as u64;
        n += 1;
    }
    out.flush()?;
    Ok(html_bytes)
}

/// One WARC record as its own gzip member.
fn record(
    id: u64,
    kind: &str,
    uri: &str,
    content_type: &str,
    block: &[u8],
) -> std::io::Result<Vec<u8>> {
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    write!(
        gz,
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{id:012}>\r\n\
         WARC-Date: 2026-01-15T08:30:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\n\
         Content-Length: {}\r\n\r\n",
        block.len()
    )?;
    gz.write_all(block)?;
    gz.write_all(b"\r\n\r\n")?;
    gz.finish()
}
