//! Streamed formats end to end: WARC.gz web archives, bundles (.zip, .tar.gz, single .gz)
//! and NDJSON read as a stream with a per-record limit. Every archive is built here, byte by
//! byte, so the tests need nothing from outside the repository.

mod common;

use common::{Scratch, assert_counts_add_up, problem_for, titles, total};
use flate2::Compression;
use flate2::write::GzEncoder;
use serde_json::Value;
use std::io::Write;

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// One WARC record, gzipped on its own as WARC.gz files are (one gzip member per record).
fn warc_record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut record = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{}>\r\n\
         WARC-Target-URI: {uri}\r\nWARC-Date: 2026-01-15T08:30:00Z\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len(),
        block.len()
    )
    .into_bytes();
    record.extend_from_slice(block);
    record.extend_from_slice(b"\r\n\r\n");
    gzip(&record)
}

fn http_response(content_type: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// An article page; `published` goes in the page's own meta tags when given.
fn page(headline: &str, word: &str, published: Option<&str>) -> String {
    let meta = published
        .map(|d| format!("<meta property=\"article:published_time\" content=\"{d}\">"))
        .unwrap_or_default();
    let paragraph = format!(
        "<p>The harbour board met on Tuesday to discuss the {word} and the new ferry timetable. \
         Members of the public filled the hall and several spoke at length about the plans \
         for the waterfront, the cost of repairs and the future of the old pier.</p>"
    );
    format!(
        "<!doctype html><html lang=\"en\"><head><title>{headline}</title>{meta}</head><body>\
         <nav><a href=\"/\">Home</a></nav><article><h1>{headline}</h1>{}</article></body></html>",
        paragraph.repeat(4)
    )
}

fn hit_with_title<'a>(result: &'a Value, title: &str) -> &'a Value {
    result["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["title"] == title)
        .unwrap_or_else(|| panic!("no hit titled {title}: {result:#}"))
}

#[test]
fn warc_gz_html_responses_become_articles_and_other_records_are_counted() {
    let s = Scratch::new();
    let mut warc = warc_record(
        "warcinfo",
        "",
        "application/warc-fields",
        b"software: test\r\n",
    );
    warc.extend(warc_record(
        "request",
        "https://news.example/a",
        "application/http; msgtype=request",
        b"GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n",
    ));
    let dated = page(
        "Pier repairs approved",
        "kittiwake",
        Some("2025-11-02T09:00:00Z"),
    );
    warc.extend(warc_record(
        "response",
        "https://news.example/a",
        "application/http; msgtype=response",
        &http_response("text/html; charset=utf-8", &dated),
    ));
    warc.extend(warc_record(
        "response",
        "https://news.example/logo.png",
        "application/http; msgtype=response",
        &http_response("image/png", "not really a png"),
    ));
    let undated = page("Ferry timetable changes", "cormorant", None);
    warc.extend(warc_record(
        "response",
        "https://news.example/b",
        "application/http; msgtype=response",
        &http_response("application/xhtml+xml", &undated),
    ));
    s.write("crawl/capture.warc.gz", &warc);

    let summary = s.index();
    assert_counts_add_up(&summary);
    assert_eq!(summary["indexed_new"], 1, "{summary:#}");
    assert_eq!(summary["articles_written"], 2);
    // warcinfo, request and the image response.
    assert_eq!(summary["ignored_records"], 3);
    assert_eq!(summary["bad_records"], 0);

    // The two pages say much the same: keep both hits rather than folding copies.
    let result = s.search(&["harbour", "--all-copies"]);
    assert_eq!(total(&result), 2);
    let own = hit_with_title(&result, "Pier repairs approved");
    assert!(
        own["id"].as_str().unwrap().ends_with("capture.warc.gz#3"),
        "{own:#}"
    );
    assert_eq!(own["record"], 3);
    assert!(own["path"].as_str().unwrap().ends_with("capture.warc.gz"));
    assert_eq!(own["url"], "https://news.example/a");
    assert_eq!(own["format"], "html");
    // The page's own date wins over the crawl time.
    assert_eq!(own["date"], "2025-11-02");
    assert_ne!(own["date_source"], "warc-date");

    let crawled = hit_with_title(&result, "Ferry timetable changes");
    assert_eq!(crawled["record"], 5);
    assert_eq!(crawled["date"], "2026-01-15");
    assert_eq!(crawled["date_source"], "warc-date");

    // Unchanged next time, still counting what it ignored.
    let again = s.index();
    assert_eq!(again["unchanged"], 1);
    assert_eq!(again["ignored_records"], 3);
    assert_eq!(total(&s.search(&["harbour"])), 2);
}

#[test]
fn a_file_that_is_not_a_warc_is_skipped_with_its_reason() {
    let s = Scratch::new();
    s.write("bad.warc.gz", gzip(b"<html>not a web archive</html>\n"));
    s.write("empty.warc", "");
    let summary = s.index();
    assert_counts_add_up(&summary);
    let problem = problem_for(&summary, "bad.warc.gz");
    assert_eq!(problem["reason"], "malformed");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .starts_with("not a WARC file")
    );
    assert_eq!(problem_for(&summary, "empty.warc")["reason"], "no-text");
}

fn zip_bytes(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in members {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn tar_gz_bytes(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut tar = tar::Builder::new(GzEncoder::new(Vec::new(), Compression::fast()));
    for (name, bytes) in members {
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        tar.append_data(&mut header, name, *bytes).unwrap();
    }
    tar.into_inner().unwrap().finish().unwrap()
}

const BRIEF: &str = "Title: Lighthouse keeper retires\n\nThe last keeper of the north light \
                     handed over the keys this week after forty years.\n";
const FEED: &str = "{\"title\": \"Gull census\", \"text\": \"Volunteers counted gulls.\"}\n\
                    {\"title\": broken}\n\
                    {\"title\": \"Tern colony\", \"text\": \"The terns returned early.\"}\n";

#[test]
fn zip_and_tar_gz_bundles_are_read_as_folders() {
    let s = Scratch::new();
    let story = page("Harbour wall collapses", "seawall", None);
    let members: [(&str, &[u8]); 5] = [
        ("2024/05/06/wall.html", story.as_bytes()),
        ("desk/briefs/keeper.txt", BRIEF.as_bytes()),
        ("feeds/birds.ndjson", FEED.as_bytes()),
        ("images/photo.png", b"\x89PNG\r\n\x1a\n"),
        ("old/inner.zip", b"PK\x03\x04"),
    ];
    s.write("bundles/news.zip", zip_bytes(&members));
    s.write("bundles/news.tar.gz", tar_gz_bytes(&members));

    let summary = s.index();
    assert_counts_add_up(&summary);
    assert_eq!(summary["indexed_new"], 2, "{summary:#}");
    // Per bundle: wall, keeper, two good lines of the feed.
    assert_eq!(summary["articles_written"], 8);
    // The image, in each bundle.
    assert_eq!(summary["ignored_records"], 2);
    // The broken feed line and the nested bundle, in each.
    assert_eq!(summary["bad_records"], 4);
    let nested = problem_for(&summary, "news.zip!/old/inner.zip");
    assert_eq!(nested["kind"], "bad-record");
    assert!(
        nested["detail"]
            .as_str()
            .unwrap()
            .contains("inside a bundle")
    );
    let line = problem_for(&summary, "news.tar.gz!/feeds/birds.ndjson");
    assert_eq!(line["record"], 2);

    let result = s.search(&["seawall", "--all-copies"]);
    assert_eq!(total(&result), 2);
    let mut paths: Vec<&str> = result["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["path"].as_str().unwrap())
        .collect();
    paths.sort();
    assert!(
        paths[0].ends_with("bundles/news.tar.gz!/2024/05/06/wall.html"),
        "{paths:?}"
    );
    assert!(
        paths[1].ends_with("bundles/news.zip!/2024/05/06/wall.html"),
        "{paths:?}"
    );
    // The member's path inside the bundle dates it.
    let hit = &result["hits"][0];
    assert_eq!(
        (&hit["date"], &hit["date_source"]),
        (&"2024-05-06".into(), &"path".into())
    );

    let terns = s.search(&["terns", "--all-copies"]);
    let ids: Vec<&str> = terns["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 2);
    assert!(
        ids.iter().all(|id| id.ends_with("!/feeds/birds.ndjson#3")),
        "{ids:?}"
    );
    assert_eq!(
        titles(&s.search(&["keeper", "--all-copies"])),
        ["Lighthouse keeper retires"; 2]
    );
}

#[test]
fn a_bundle_is_incremental_as_one_file() {
    let s = Scratch::new();
    let story = page("Harbour wall collapses", "seawall", None);
    let two: [(&str, &[u8]); 2] = [
        ("a/wall.html", story.as_bytes()),
        ("b/keeper.txt", BRIEF.as_bytes()),
    ];
    let bundle = s.write("news.zip", zip_bytes(&two));
    let first = s.index();
    assert_eq!(
        (
            first["indexed_new"].as_u64(),
            first["articles_written"].as_u64()
        ),
        (Some(1), Some(2))
    );

    let again = s.index();
    assert_eq!(again["unchanged"], 1);
    assert_eq!(again["articles_written"], 0);

    // Touched, same bytes: hashed, not parsed again.
    let bytes = std::fs::read(&bundle).unwrap();
    std::fs::remove_file(&bundle).unwrap();
    std::fs::write(&bundle, &bytes).unwrap();
    let touched = s.index();
    assert_eq!(touched["unchanged"], 1, "{touched:#}");
    assert_eq!(touched["articles_written"], 0);

    // One member gone: the bundle is updated and its articles replaced, none duplicated.
    std::fs::write(&bundle, zip_bytes(&two[1..])).unwrap();
    let updated = s.index();
    assert_eq!(updated["indexed_updated"], 1, "{updated:#}");
    assert_eq!(total(&s.search(&["seawall"])), 0);
    assert_eq!(total(&s.search(&["keeper"])), 1);
    assert_eq!(s.check()["consistent"], true, "{:#}", s.check());
}

#[test]
fn decompression_bombs_are_refused_with_a_reason() {
    let s = Scratch::new();
    let zeros = vec![b' '; 16 << 20];
    s.write(
        "bomb.zip",
        zip_bytes(&[("a.txt", BRIEF.as_bytes()), ("huge.txt", &zeros)]),
    );
    s.write("bomb.tar.gz", tar_gz_bytes(&[("huge.txt", &zeros)]));
    s.write("bomb.txt.gz", gzip(&zeros));
    let summary = s.index();
    assert_counts_add_up(&summary);
    assert_eq!(summary["skipped"]["too-large"], 3, "{summary:#}");
    for name in ["bomb.zip", "bomb.tar.gz", "bomb.txt.gz"] {
        let detail = problem_for(&summary, name)["detail"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(detail.contains("decompression bomb"), "{name}: {detail}");
    }
    assert_eq!(total(&s.search(&["keeper"])), 0);
}

#[test]
fn a_single_gzipped_file_is_read_as_what_it_holds() {
    let s = Scratch::new();
    s.write("2023/story.txt.gz", gzip(BRIEF.as_bytes()));
    s.write("feed.ndjson.gz", gzip(FEED.as_bytes()));
    s.write("broken.txt.gz", b"\x1f\x8b\x08\x00garbage");
    let summary = s.index();
    assert_counts_add_up(&summary);
    assert_eq!(summary["indexed_new"], 2, "{summary:#}");
    assert_eq!(summary["articles_written"], 3);
    assert_eq!(
        problem_for(&summary, "broken.txt.gz")["reason"],
        "malformed"
    );
    let hit = &s.search(&["keeper"])["hits"][0];
    assert_eq!(hit["format"], "txt");
    assert!(hit["path"].as_str().unwrap().ends_with("2023/story.txt.gz"));
}

#[test]
fn a_big_ndjson_file_is_streamed_with_a_per_record_limit() {
    let s = Scratch::new();
    let mut lines = String::new();
    for n in 1..=5_000 {
        match n {
            1_500 => lines.push_str("{\"title\": \"cut short\n"),
            2_000 => lines.push_str(&format!(
                "{{\"title\": \"Long\", \"text\": \"{}\"}}\n",
                "word ".repeat(1_000)
            )),
            _ => lines.push_str(&format!(
                "{{\"title\": \"Dispatch {n}\", \"text\": \"Report number {n} from the \
                 quay about tides, weather and the fishing fleet. Marker{n}.\"}}\n"
            )),
        }
    }
    assert!(lines.len() > 600_000, "several pieces of the stream");
    s.write("dump.ndjson", &lines);
    // The file is far over the limit; only the one long line is.
    let summary = s.index_with(&["--max-file-size", "2K"]);
    assert_counts_add_up(&summary);
    assert_eq!(summary["indexed_new"], 1, "{summary:#}");
    assert_eq!(summary["articles_written"], 4_998);
    assert_eq!(summary["bad_records"], 2);
    let bad: Vec<(u64, &str)> = summary["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["kind"] == "bad-record")
        .map(|p| (p["record"].as_u64().unwrap(), p["reason"].as_str().unwrap()))
        .collect();
    assert_eq!(bad, [(1_500, "malformed"), (2_000, "too-large")]);
    let hit = &s.search(&["marker4999"])["hits"][0];
    assert_eq!(hit["record"], 4_999);
    assert_eq!(hit["title"], "Dispatch 4999");
    assert_eq!(total(&s.search(&["quay"])), 4_998);
}

/// A run killed while a streamed file is half-written: the index opens with no article
/// twice, and the next run reads the file again and converges. (A commit may hold part of a
/// streamed file's new articles; the manifest keeps its old entry until all are in.)
#[test]
fn runs_killed_mid_stream_converge_without_duplicates() {
    const LINES: u64 = 8_000;
    let s = Scratch::new();
    let lines: String = (1..=LINES)
        .map(|n| {
            format!(
                "{{\"title\": \"Tide table {n}\", \"text\": \"High water at the quay on day \
                 {n}; the council posted the harbour notice.\"}}\n"
            )
        })
        .collect();
    s.write("tides.ndjson", &lines);
    let flags = ["--no-entities", "--commit-interval", "0.05"];
    let started = std::time::Instant::now();
    assert_eq!(s.index_with(&flags)["articles_in_index"], LINES);
    let full_run = started.elapsed();
    for (round, fraction) in [0.3, 0.6, 0.85].into_iter().enumerate() {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("morgue"))
            .env("MORGUE_INDEX", s.index_dir())
            .args(["index", "--json", "--force"])
            .args(flags)
            .arg(s.archive())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(full_run.mul_f64(fraction));
        child.kill().ok();
        child.wait().unwrap();
        let found = total(&s.search(&["quay"]));
        assert!(found <= LINES, "round {round}: {found}");
        assert_eq!(s.check()["duplicate_ids"]["count"], 0, "round {round}");
        let summary = s.index_with(&flags);
        assert_counts_add_up(&summary);
        assert_eq!(
            summary["articles_in_index"], LINES,
            "round {round}: {summary:#}"
        );
        assert_eq!(s.check()["consistent"], true, "round {round}");
    }
}

#[test]
fn the_sample_corpus_archives_are_read() {
    let s = Scratch::new();
    let summary = s.index_paths(&[common::sample_corpus().join("archives")]);
    assert_counts_add_up(&summary);
    assert_eq!(summary["indexed_new"], 3, "{summary:#}");
    assert_eq!(summary["articles_written"], 6);
    assert_eq!(summary["ignored_records"], 4);
    let night = &s.search(&["night market"])["hits"][0];
    assert!(night["id"].as_str().unwrap().ends_with("crawl.warc.gz#5"));
    assert_eq!(night["date_source"], "warc-date");
    let budget = &s.search(&["leaner budget"])["hits"][0];
    let path = budget["path"].as_str().unwrap();
    assert!(
        path.ends_with("2022.tar.gz!/wire/2022/11/03/harbour-city-budget.txt"),
        "{path}"
    );
    assert_eq!(budget["date"], "2022-11-03");
}
