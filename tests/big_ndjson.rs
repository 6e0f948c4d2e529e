//! One big NDJSON file split across cores: a few MB of generated lines, bad ones among them,
//! cut into pieces that several workers parse at once. Every non-blank line must end up
//! indexed (findable, under its own line number) or listed as a bad record with its reason,
//! the counts must add up, and what the run reports must not depend on how many workers
//! shared the file.

mod common;

use common::{Scratch, assert_counts_add_up, total};
use serde_json::Value;
use std::collections::BTreeSet;

/// Lines of the generated file; the pieces handed to workers are ~64 KB, so this makes
/// dozens of them.
const LINES: usize = 9_000;

/// What a line of the file is.
enum Line {
    Good,
    /// Not indexed: listed as a bad record with this reason.
    Bad(&'static str),
    Blank,
}

/// The file's text and what each line (from 1) is.
fn generate() -> (Vec<u8>, Vec<Line>) {
    let mut text = Vec::new();
    let mut kinds = Vec::new();
    for n in 1..=LINES {
        let (line, kind): (Vec<u8>, Line) = match n % 997 {
            // Cut short: not JSON.
            13 => (
                format!("{{\"title\": \"Broken {n}").into_bytes(),
                Line::Bad("malformed"),
            ),
            // JSON, but no article object.
            101 => (b"[1, 2, 3]".to_vec(), Line::Bad("wrong-shape")),
            211 => (b"{\"id\": 7}".to_vec(), Line::Bad("wrong-shape")),
            // Over the per-record limit (--max-file-size 4K below).
            307 => {
                let body = "overlong ".repeat(600);
                let line = format!("{{\"title\": \"Long {n}\", \"text\": \"{body}\"}}");
                (line.into_bytes(), Line::Bad("too-large"))
            }
            401 | 402 => (b"   ".to_vec(), Line::Blank),
            // Windows-1252, not UTF-8: decoded and indexed, with a warning.
            503 => {
                let mut line = format!("{{\"title\": \"Caf\u{e9} {n}\", \"text\": \"").into_bytes();
                line.extend_from_slice(&article_text(n).into_bytes());
                line.extend_from_slice(b" Caf\xe9 society.\"}");
                (line, Line::Good)
            }
            // CRLF line ending.
            607 => (good_line(n, "\r"), Line::Good),
            _ => (good_line(n, ""), Line::Good),
        };
        text.extend_from_slice(&line);
        // The last line has no newline.
        if n < LINES {
            text.push(b'\n');
        }
        kinds.push(kind);
    }
    (text, kinds)
}

fn article_text(n: usize) -> String {
    format!(
        "Harbour report {n}. Ferries ran to the islands on time while the pilots kept watch over \
         the channel. The council heard that the old pier needs work before winter, and the \
         fishing fleet landed its catch at dawn. Tidemark{n} was logged by the harbour master."
    )
}

fn good_line(n: usize, ending: &str) -> Vec<u8> {
    format!(
        "{{\"title\": \"Dispatch {n}\", \"date\": \"2024-03-{:02}\", \"source\": \"Quay Gazette\", \
         \"text\": \"{}\"}}{ending}",
        n % 28 + 1,
        article_text(n)
    )
    .into_bytes()
}

/// Indexes the file with `threads` rayon workers; returns the summary and the line numbers
/// of the articles in the index.
fn index_with_workers(text: &[u8], threads: usize) -> (Value, BTreeSet<u64>) {
    let s = Scratch::new();
    s.write("wire/dump.ndjson", text);
    let output = s
        .morgue()
        .env("RAYON_NUM_THREADS", threads.to_string())
        .args(["index", "--json", "--no-entities", "--max-file-size", "4K"])
        .arg(s.archive())
        .output()
        .unwrap();
    assert!(
        output.status.code() == Some(0) || output.status.code() == Some(3),
        "index failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let summary: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(total(&s.search(&["harbour"])), summary["articles_written"]);
    let out = s.archive().with_file_name("export.ndjson");
    let exported = s
        .morgue()
        .args(["export", "--format", "ndjson", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(exported.status.success(), "{exported:?}");
    let records = std::fs::read_to_string(&out)
        .unwrap()
        .lines()
        .map(|line| {
            let hit: Value = serde_json::from_str(line).unwrap();
            hit["record"].as_u64().unwrap()
        })
        .collect();
    (summary, records)
}

/// The problems of a run, without the scratch folder's path.
fn reported(summary: &Value) -> Vec<(String, Option<u64>, String, String)> {
    summary["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let path = p["path"].as_str().unwrap();
            assert!(path.ends_with("wire/dump.ndjson"), "{p:#}");
            let text = |k: &str| p[k].as_str().unwrap().to_string();
            (
                text("kind"),
                p["record"].as_u64(),
                text("reason"),
                text("detail"),
            )
        })
        .collect()
}

#[test]
fn every_line_of_a_big_file_split_across_workers_is_indexed_or_listed() {
    let (text, kinds) = generate();
    assert!(text.len() > 3_000_000, "a few MB: {}", text.len());
    let good: BTreeSet<u64> = (1..)
        .zip(&kinds)
        .filter(|(_, k)| matches!(k, Line::Good))
        .map(|(n, _)| n)
        .collect();
    let bad: Vec<(u64, &str)> = (1..)
        .zip(&kinds)
        .filter_map(|(n, k)| match k {
            Line::Bad(reason) => Some((n, *reason)),
            _ => None,
        })
        .collect();
    let blank = kinds.iter().filter(|k| matches!(k, Line::Blank)).count();
    assert_eq!(good.len() + bad.len() + blank, LINES);

    let (summary, indexed) = index_with_workers(&text, 4);
    assert_counts_add_up(&summary);
    assert_eq!(summary["files_seen"], 1, "{summary:#}");
    assert_eq!(summary["indexed_new"], 1, "{summary:#}");
    assert_eq!(summary["articles_in_index"], good.len() as u64);
    assert_eq!(summary["articles_written"], good.len() as u64);
    assert_eq!(summary["bad_records"], bad.len() as u64);
    // Every good line is in the index under its own number, no line twice.
    assert_eq!(indexed, good);
    // Every other non-blank line is listed, in line order, with its reason.
    let problems = summary["problems"].as_array().unwrap();
    let listed: Vec<(u64, &str)> = problems
        .iter()
        .filter(|p| p["kind"] == "bad-record")
        .map(|p| (p["record"].as_u64().unwrap(), p["reason"].as_str().unwrap()))
        .collect();
    assert_eq!(listed, bad);
    let latin1 = problems
        .iter()
        .find(|p| p["kind"] == "warning")
        .expect("a warning for the Windows-1252 lines");
    let first_latin1 = (1..).zip(&kinds).position(|(n, _)| n % 997 == 503).unwrap() + 1;
    assert!(
        latin1["detail"]
            .as_str()
            .unwrap()
            .contains(&format!("first at line {first_latin1}")),
        "{latin1:#}"
    );

    // One worker or four: the same articles and the same report.
    let (alone, alone_indexed) = index_with_workers(&text, 1);
    assert_eq!(alone_indexed, indexed);
    assert_eq!(reported(&alone), reported(&summary));
    assert_eq!(alone["articles_written"], summary["articles_written"]);
}
