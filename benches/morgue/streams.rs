//! The streamed-formats bench (`--streams MB`): one big NDJSON file, one WARC.gz of generated
//! HTML pages (one gzip member per record, as crawlers write them), and the same pages as a
//! folder of `.html` files, the baseline. Each is indexed into a fresh index; the table gives
//! seconds, MB/s of articles (NDJSON: the file's bytes; WARC and folder: the HTML bytes, so
//! the two compare per MB of HTML) and peak RSS, with ratios against the folder.
//!
//! The inputs are generated once per seed and size and reused (`target/bench/streams-*`).

use super::corpus::{self, Generator};
use flate2::Compression;
use flate2::write::GzEncoder;
use std::io::{BufWriter, Write};
use std::path::Path;

type IndexRun = fn(&Path, &Path, &[&str]) -> (f64, u64, u64);

pub fn run(work: &Path, seed: u64, repo: &Path, mb: u64, flags: &[&str], index: IndexRun) {
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
         flags {flags:?}\n",
        ndjson_bytes as f64 / 1e6,
        html_bytes as f64 / 1e6,
        warc_bytes as f64 / 1e6
    );
    let mut rows = Vec::new();
    for (name, input, bytes) in [
        ("folder of .html (baseline)", folder.as_path(), html_bytes),
        (
            "WARC.gz of the same pages",
            warc.parent().unwrap(),
            html_bytes,
        ),
        ("one NDJSON file", ndjson.parent().unwrap(), ndjson_bytes),
    ] {
        eprintln!("indexing {name}");
        let (secs, rss_kb, articles) = index(input, &dir.join("index"), flags);
        rows.push((
            name,
            secs,
            bytes as f64 / 1e6 / secs,
            rss_kb / 1024,
            articles,
        ));
    }
    let (base_rate, base_rss) = (rows[0].2, rows[0].3 as f64);
    println!("| input | articles | seconds | MB/s | vs folder | peak RSS | vs folder |");
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    for (name, secs, rate, rss, articles) in rows {
        println!(
            "| {name} | {articles} | {secs:.1} | {rate:.2} | {:.2}x | {rss} MB | {:.2}x |",
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
