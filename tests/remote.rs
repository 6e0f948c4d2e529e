//! `morgue push` and `morgue search --remote` end to end against a fake cluster on loopback
//! (tests/remote/fake.rs): what is sent, what is sent again (nothing unchanged), what is
//! deleted, resuming an interrupted push, and a remote answer rendered as a local one. A real
//! Quickwit node is exercised by `quickwit_round_trip` when MORGUE_TEST_QUICKWIT names one.

mod common;
#[path = "remote/fake.rs"]
mod fake;

use common::Scratch;
use fake::{Fake, Flavor};
use serde_json::{Value, json};
use std::collections::BTreeSet;

fn archive() -> Scratch {
    let s = Scratch::with_files(&[
        (
            "2025/02/24/call.txt",
            "Title: Xi and Putin speak by phone\n\nVladimir Putin and Xi Jinping spoke by phone on Monday about the SCO summit.\n",
        ),
        (
            "desk/flood.txt",
            "Title: River Alder floods the lower quay\n\nThe River Alder burst its banks overnight.\n",
        ),
        (
            "feeds/wire.ndjson",
            "{\"title\": \"Markets steady\", \"body\": \"Shares closed flat in London.\", \"date\": \"2024-05-02\"}\n{\"title\": \"Oil slips\", \"body\": \"Brent crude fell two percent.\", \"date\": \"2024-05-03\"}\n",
        ),
    ]);
    // A bundle: its members are articles of one indexed file.
    let mut tar = tar::Builder::new(Vec::new());
    for (name, text) in [
        (
            "desk/a.txt",
            "Title: Ferry timetable changes\n\nThe harbour ferry runs later.\n",
        ),
        (
            "desk/b.txt",
            "Title: Library extends hours\n\nThe library opens on Sundays.\n",
        ),
    ] {
        let mut header = tar::Header::new_gnu();
        header.set_size(text.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        tar.append_data(&mut header, name, text.as_bytes()).unwrap();
    }
    s.write("bundles/desk.tar", tar.into_inner().unwrap());
    s.index();
    s
}

fn push(s: &Scratch, fake: &Fake, extra: &[&str]) -> Value {
    let mut args = vec!["push", fake.url.as_str(), "--json"];
    args.extend(extra);
    serde_json::from_str(&s.stdout(&args)).expect("push --json prints JSON")
}

fn articles(s: &Scratch) -> usize {
    let stats: Value = serde_json::from_str(&s.stdout(&["stats", "--json"])).unwrap();
    stats["articles"].as_u64().unwrap() as usize
}

/// Every id the fake holds, checking none is held twice.
fn held_ids(fake: &Fake) -> BTreeSet<String> {
    let docs = fake.docs();
    let ids: BTreeSet<String> = docs
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        ids.len(),
        docs.len(),
        "an article was sent twice: {docs:#?}"
    );
    ids
}

#[test]
fn push_sends_every_article_once_then_only_what_changed() {
    let s = archive();
    let fake = Fake::start(Flavor::Quickwit);
    let first = push(&s, &fake, &[]);
    assert_eq!(first["created_index"], true);
    assert_eq!(first["engine"], "quickwit");
    assert_eq!(first["articles_sent"], articles(&s));
    assert_eq!(held_ids(&fake).len(), articles(&s));
    // The index was created from the export's Quickwit config.
    let created = &fake.requests_to("/api/v1/indexes")[1];
    let config: Value = serde_json::from_str(&created.body).unwrap();
    assert_eq!(config["index_id"], "morgue");
    assert_eq!(config["doc_mapping"]["timestamp_field"], "date");
    // Quickwit needs a timestamp on every document, undated ones included.
    assert!(fake.docs().iter().all(|d| d["date"].is_string()));

    let again = push(&s, &fake, &[]);
    assert_eq!(again["articles_sent"], 0);
    assert_eq!(again["files_unchanged"], 4);
    assert_eq!(again["created_index"], false);
    assert_eq!(fake.requests_to("_bulk").len(), 1, "nothing re-sent");

    // One file changed, one gone: their documents are deleted first, then the new ones sent.
    s.write(
        "desk/flood.txt",
        "Title: River Alder floods the lower quay again\n\nA second night of flooding.\n",
    );
    std::fs::remove_file(s.archive().join("feeds/wire.ndjson")).unwrap();
    std::fs::remove_file(s.archive().join("bundles/desk.tar")).unwrap();
    s.index();
    let third = push(&s, &fake, &[]);
    assert_eq!(third["files_deleted"], 3);
    assert_eq!(third["articles_sent"], 1);
    assert_eq!(third["files_unchanged"], 1);
    let delete = &fake.requests_to("delete-tasks")[0];
    assert!(delete.body.contains("flood.txt") && delete.body.contains("wire.ndjson"));
    // A bundle's members go with it.
    assert!(delete.body.contains("desk.tar"));
    assert!(
        !fake
            .docs()
            .iter()
            .any(|d| d["title"] == "Library extends hours")
    );
    assert_eq!(held_ids(&fake).len(), articles(&s));
    let titles: Vec<String> = fake
        .docs()
        .iter()
        .map(|d| d["title"].as_str().unwrap().to_string())
        .collect();
    assert!(titles.contains(&"River Alder floods the lower quay again".to_string()));
    assert!(!titles.contains(&"Oil slips".to_string()));
}

#[test]
fn an_interrupted_push_resumes_without_sending_twice() {
    let s = archive();
    let fake = Fake::start(Flavor::Quickwit);
    // The second batch fails for good (500 is not retried).
    fake.state.lock().unwrap().bulk_breaks_after = Some(1);
    let fail = s
        .morgue()
        .args(["push", &fake.url, "--batch-articles", "1"])
        .output()
        .unwrap();
    assert!(!fail.status.success());
    let message = String::from_utf8_lossy(&fail.stderr);
    assert!(message.contains("HTTP 500"), "{message}");
    let sent_before = fake.docs().len();
    assert!(sent_before >= 1 && sent_before < articles(&s));

    fake.state.lock().unwrap().bulk_breaks_after = None;
    let resumed = push(&s, &fake, &["--batch-articles", "1"]);
    assert_eq!(resumed["resumed"], true);
    assert_eq!(held_ids(&fake).len(), articles(&s));
    // And the record is complete: nothing left to send.
    assert_eq!(push(&s, &fake, &[])["articles_sent"], 0);
}

#[test]
fn a_file_split_across_batches_is_deleted_there_before_it_is_sent_again() {
    let records: String = (1..=12)
        .map(|n| format!("{{\"title\": \"Brief {n}\", \"body\": \"Item number {n}.\"}}\n"))
        .collect();
    let s = Scratch::with_files(&[("big.ndjson", records.as_str())]);
    s.index();
    let fake = Fake::start(Flavor::Quickwit);
    // One article per batch: the file is split after four, and the second part fails.
    fake.state.lock().unwrap().bulk_breaks_after = Some(1);
    let fail = s
        .morgue()
        .args(["push", &fake.url, "--batch-articles", "1"])
        .output()
        .unwrap();
    assert!(!fail.status.success());
    assert_eq!(fake.docs().len(), 4);
    fake.state.lock().unwrap().bulk_breaks_after = None;
    let resumed = push(&s, &fake, &["--batch-articles", "1"]);
    assert_eq!(resumed["resumed"], true);
    assert_eq!(fake.requests_to("delete-tasks").len(), 1);
    assert_eq!(held_ids(&fake).len(), 12);
}

#[test]
fn a_busy_cluster_is_retried() {
    let s = archive();
    let fake = Fake::start(Flavor::Quickwit);
    fake.state.lock().unwrap().bulk_failures.extend([429, 503]);
    let summary = push(&s, &fake, &[]);
    assert_eq!(summary["articles_sent"], articles(&s));
    assert_eq!(fake.requests_to("_bulk").len(), 3);
    assert_eq!(held_ids(&fake).len(), articles(&s));
}

#[test]
fn an_index_this_archive_did_not_fill_is_left_alone() {
    let s = archive();
    let fake = Fake::start(Flavor::Quickwit);
    {
        let mut state = fake.state.lock().unwrap();
        state.index_exists = true;
        state.docs.push(json!({"id": "someone-else", "path": "/x"}));
    }
    let out = s.morgue().args(["push", &fake.url]).output().unwrap();
    assert!(!out.status.success());
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(message.contains("already holds 1 documents"), "{message}");
    assert!(fake.requests_to("_bulk").is_empty());
}

#[test]
fn elasticsearch_gets_its_mapping_bulk_and_delete_by_query() {
    let s = archive();
    let fake = Fake::start(Flavor::Elastic);
    let first = push(&s, &fake, &[]);
    assert_eq!(first["engine"], "elastic");
    let created = &fake.requests_to("/morgue")[1];
    assert_eq!(created.method, "PUT");
    let mapping: Value = serde_json::from_str(&created.body).unwrap();
    assert!(mapping["mappings"]["properties"]["body"].is_object());
    assert_eq!(held_ids(&fake).len(), articles(&s));
    // Undated articles have no date in Elasticsearch.
    assert!(fake.docs().iter().any(|d| d.get("date").is_none()));
    std::fs::remove_file(s.archive().join("desk/flood.txt")).unwrap();
    s.index();
    push(&s, &fake, &[]);
    assert_eq!(fake.requests_to("_delete_by_query").len(), 1);
    assert_eq!(held_ids(&fake).len(), articles(&s));
}

#[test]
fn a_remote_search_is_asked_and_shown_like_a_local_one() {
    let s = archive();
    let fake = Fake::start(Flavor::Quickwit);
    push(&s, &fake, &[]);
    let docs = fake.docs();
    let call = docs
        .iter()
        .find(|d| d["title"] == "Xi and Putin speak by phone")
        .unwrap()
        .clone();
    let undated = docs
        .iter()
        .find(|d| d["date_source"] == "none")
        .unwrap()
        .clone();
    let day_ms = |d: &str| {
        let day: jiff::civil::Date = d.parse().unwrap();
        let days = day.since(jiff::civil::date(1970, 1, 1)).unwrap().get_days();
        i64::from(days) * 86_400_000
    };
    fake.state.lock().unwrap().search_answer = Some(json!({
        "hits": {"total": {"value": 2}, "hits": [
            {"_score": 2.5, "_source": call},
            {"_score": 1.0, "_source": undated},
        ]},
        "aggregations": {
            "days": {"buckets": [
                {"key": day_ms("1970-01-01"), "doc_count": 1},
                {"key": day_ms("2025-02-24"), "doc_count": 1},
            ]},
            "date_sources": {"buckets": [{"key": "none", "doc_count": 1}, {"key": "path", "doc_count": 1}]},
            "person": {"buckets": [{"key": "Vladimir Putin", "doc_count": 1}]},
            "person_distinct": {"value": 2.0},
        }
    }));
    let result = s.search(&[
        "--remote", &fake.url, "phone", "--person", "Putin", "--from", "2025-02", "--facet",
        "month", "--facet", "person",
    ]);
    // What was asked: the words, the canonical person, the period.
    let asked: Value =
        serde_json::from_str(&fake.requests_to("_search").last().unwrap().body).unwrap();
    let query = &asked["query"]["bool"];
    assert_eq!(query["must"][0]["query_string"]["query"], "phone");
    let filters = query["filter"].to_string();
    assert!(filters.contains("Vladimir Putin"), "{filters}");
    assert!(filters.contains("2025-02-01T00:00:00Z"), "{filters}");
    assert!(asked["aggs"]["person"].is_object() && asked["aggs"]["days"].is_object());
    // What came back, in the local search's shape.
    assert_eq!(result["total"], 2);
    assert_eq!(result["hits"][0]["title"], "Xi and Putin speak by phone");
    assert_eq!(result["hits"][0]["rank"], 1);
    assert_eq!(result["hits"][1]["date"], Value::Null);
    let month = result["facets"].as_array().unwrap()[0].clone();
    assert_eq!(month["name"], "month");
    assert_eq!(month["values"], json!([{"value": "2025-02", "count": 1}]));
    assert_eq!(month["undated"], 1);
    assert_eq!(result["facets"][1]["more"], 1);
    let notes = result["remote_notes"].to_string();
    assert!(notes.contains("snippets"), "{notes}");
    assert!(notes.contains("partial matches"), "{notes}");
}

/// Against a real Quickwit node (MORGUE_TEST_QUICKWIT=http://host:7280): push an archive
/// into a fresh index, then compare remote and local totals and facet counts.
#[test]
fn quickwit_round_trip() {
    let Ok(url) = std::env::var("MORGUE_TEST_QUICKWIT") else {
        eprintln!("MORGUE_TEST_QUICKWIT is not set: no real Quickwit node to test against");
        return;
    };
    let s = archive();
    let index_id = format!("morgue-test-{}", std::process::id());
    let summary: Value =
        serde_json::from_str(&s.stdout(&["push", &url, "--index-id", &index_id, "--json"]))
            .unwrap();
    assert_eq!(summary["articles_sent"], articles(&s));
    for (query, extra) in [("*", vec![]), ("phone", vec![]), ("", vec!["--undated"])] {
        let mut local_args = vec![
            query,
            "--facet",
            "person",
            "--facet",
            "year",
            "--all-copies",
        ];
        local_args.extend(extra.iter().copied());
        let local = s.search(&local_args);
        let mut remote_args = local_args.clone();
        remote_args.extend(["--remote", &url, "--remote-index", &index_id]);
        let remote = s.search(&remote_args);
        assert_eq!(remote["total"], local["total"], "{query}");
        assert_eq!(remote["facets"], local["facets"], "{query}");
    }
}
