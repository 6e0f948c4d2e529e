//! `morgue export` end to end over the sample corpus: the same articles as a search for the
//! same query and filters, every one of them (not a page), bodies included, in NDJSON, CSV,
//! and the Quickwit and Elasticsearch/OpenSearch files.

mod common;

use common::{Scratch, sample_corpus, total};
use serde_json::Value;
use std::collections::BTreeSet;

/// The sample corpus indexed into a scratch folder (removed when the test ends).
fn sample() -> Scratch {
    let s = Scratch::new();
    s.index_paths(&[sample_corpus()]);
    s
}

fn export_ndjson(s: &Scratch, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["export", "--format", "ndjson"];
    all.extend(args);
    s.stdout(&all)
        .lines()
        .map(|line| serde_json::from_str(line).expect("every line is one JSON object"))
        .collect()
}

fn article_count(s: &Scratch) -> u64 {
    let stats: Value = serde_json::from_str(&s.stdout(&["stats", "--json"])).unwrap();
    stats["articles"].as_u64().unwrap()
}

fn ids(articles: &[Value]) -> BTreeSet<String> {
    articles
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn ndjson_holds_every_article_a_search_counts() {
    let s = &sample();
    let cases: [&[&str]; 4] = [
        &["summit leaders", "--match", "all"],
        &["summit leaders", "--match", "any"],
        &["--place", "Russia", "--from", "2022", "--to", "2025-06"],
        &["--undated"],
    ];
    for args in cases {
        // Every hit of the search, in one page, to compare with.
        let mut search_args = args.to_vec();
        search_args.extend(["--limit", "1000", "--all-copies"]);
        let search = s.search(&search_args);
        let exported = export_ndjson(s, args);
        assert!(!exported.is_empty(), "{args:?}");
        assert_eq!(exported.len() as u64, total(&search), "{args:?}");
        let hits = search["hits"].as_array().unwrap();
        assert_eq!(ids(&exported), ids(hits), "{args:?}");
        // Same field names and values as the hits, plus the body.
        for hit in hits {
            let article = exported.iter().find(|a| a["id"] == hit["id"]).unwrap();
            for (key, value) in hit.as_object().unwrap() {
                if !matches!(key.as_str(), "rank" | "score" | "snippets" | "copies") {
                    assert_eq!(&article[key], value, "{key} of {}", hit["id"]);
                }
            }
            assert!(!article["body"].as_str().unwrap().is_empty());
        }
    }
}

#[test]
fn no_query_exports_the_whole_archive() {
    let s = &sample();
    let exported = export_ndjson(s, &[]);
    assert_eq!(exported.len() as u64, article_count(s));
    assert_eq!(ids(&exported).len(), exported.len(), "each article once");
}

#[test]
fn csv_reads_back_as_the_same_rows() {
    let s = &sample();
    let args = ["--place", "Russia"];
    let exported = export_ndjson(s, &args);
    let out = s.dir.path().join("russia.csv");
    s.morgue()
        .args(["export", "--format", "csv", "--place", "Russia", "--out"])
        .arg(&out)
        .assert()
        .success();
    let mut reader = csv::Reader::from_path(&out).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    for column in [
        "id",
        "title",
        "date",
        "date_source",
        "person",
        "place",
        "body",
    ] {
        assert!(header.iter().any(|h| h == column), "no column {column}");
    }
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), exported.len());
    for (row, article) in rows.iter().zip(&exported) {
        assert_eq!(row.len(), header.len());
        assert_eq!(&row[column("id")], article["id"].as_str().unwrap());
        assert_eq!(&row[column("title")], article["title"].as_str().unwrap());
        assert_eq!(&row[column("body")], article["body"].as_str().unwrap());
        assert_eq!(&row[column("date")], article["date"].as_str().unwrap_or(""));
        let places: Vec<&str> = article["entities"]["place"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect();
        assert_eq!(&row[column("place")], places.join("; "));
    }
}

#[test]
fn quickwit_files_hold_a_config_and_one_document_per_article() {
    let s = &sample();
    let dir = s.dir.path().join("quickwit");
    s.morgue()
        .args([
            "export",
            "--format",
            "quickwit",
            "--index-id",
            "news-archive",
            "--out",
        ])
        .arg(&dir)
        .assert()
        .success();
    let yaml = std::fs::read_to_string(dir.join("index-config.yaml")).unwrap();
    let config: Value = serde_saphyr::from_str(&yaml).expect("the config is YAML");
    assert_eq!(config["version"], "0.8");
    assert_eq!(config["index_id"], "news-archive");
    assert_eq!(config["doc_mapping"]["timestamp_field"], "date");
    let mapped: BTreeSet<String> = config["doc_mapping"]["field_mappings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap().to_string())
        .collect();
    let docs: Vec<Value> = std::fs::read_to_string(dir.join("docs.ndjson"))
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(docs.len() as u64, article_count(s));
    let mut undated = 0;
    for doc in &docs {
        // Quickwit refuses a document without its timestamp field: every one has it.
        let date = doc["date"].as_str().expect("every document has a date");
        if doc["date_source"] == "none" {
            assert_eq!(date, "1970-01-01T00:00:00Z");
            undated += 1;
        } else {
            assert!(date.ends_with("T00:00:00Z"), "{date}");
        }
        for key in doc.as_object().unwrap().keys() {
            assert!(mapped.contains(key), "{key} is not in the mapping");
        }
    }
    assert_eq!(undated, total(&s.search(&["--undated"])));
    assert!(undated > 0, "the sample corpus has undated articles");
}

#[test]
fn bulk_lines_pair_an_action_with_its_document() {
    let s = &sample();
    let dir = s.dir.path().join("bulk");
    s.morgue()
        .args(["export", "--format", "bulk", "putin", "--out"])
        .arg(&dir)
        .assert()
        .success();
    let mapping: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("mapping.json")).unwrap()).unwrap();
    let properties = mapping["mappings"]["properties"].as_object().unwrap();
    let body = std::fs::read_to_string(dir.join("bulk.ndjson")).unwrap();
    assert!(
        body.ends_with('\n'),
        "the bulk API wants the last line ended"
    );
    let lines: Vec<Value> = body
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines.len() % 2, 0);
    let search = s.search(&["putin", "--match", "all", "--limit", "0"]);
    assert_eq!((lines.len() / 2) as u64, total(&search));
    for pair in lines.chunks(2) {
        let (action, doc) = (&pair[0], &pair[1]);
        assert_eq!(action["index"]["_index"], "morgue");
        assert_eq!(action["index"]["_id"], doc["id"]);
        assert!(doc.get("index").is_none());
        assert!(!doc["body"].as_str().unwrap().is_empty());
        for key in doc.as_object().unwrap().keys() {
            assert!(properties.contains_key(key), "{key} is not in the mapping");
        }
        // Undated articles carry no date here: neither engine needs one.
        assert_eq!(doc.get("date").is_none(), doc["date_source"] == "none");
    }
}

#[test]
fn bad_requests_are_usage_errors() {
    let s = &sample();
    for args in [
        &["export", "--format", "quickwit"][..],
        &["export", "--format", "ndjson", "--match", "most", "summit"],
        &["export", "--format", "ndjson", "--from", "2025-13"],
        &[
            "export",
            "--format",
            "quickwit",
            "--index-id",
            "9x",
            "--out",
            "qw",
        ],
    ] {
        let out = s.morgue().args(args).assert().code(2).get_output().clone();
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?}");
    }
}
