//! `morgue show` end to end over the sample corpus: by a search hit's id, by `PATH:N` for
//! one record of an NDJSON file, by a plain path, and the errors for what is not there.

mod common;

use common::{Scratch, sample_corpus};
use serde_json::Value;

fn indexed_sample() -> Scratch {
    let s = Scratch::new();
    s.index_paths(&[sample_corpus()]);
    s
}

fn show_json(s: &Scratch, target: &str) -> Value {
    serde_json::from_str(&s.stdout(&["show", "--json", target])).expect("show --json prints JSON")
}

#[test]
fn a_search_hit_is_shown_whole_by_its_id() {
    let s = indexed_sample();
    let hit = &s.search(&["putin", "--limit", "1"])["hits"][0];
    let id = hit["id"].as_str().unwrap();
    let shown = show_json(&s, id);
    let articles = shown["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 1);
    let article = &articles[0];
    // Every field search gives, with the same values, plus the body and the mentions.
    for (key, value) in hit.as_object().unwrap() {
        if !matches!(key.as_str(), "rank" | "score" | "snippets" | "copies") {
            assert_eq!(&article[key], value, "field {key}");
        }
    }
    let body = article["body"].as_str().unwrap();
    let title = article["title"].as_str().unwrap();
    let original = std::fs::read_to_string(article["path"].as_str().unwrap()).unwrap();
    assert!(original.contains(body.lines().next().unwrap()));
    // Each mention's offsets point at the text it quotes, and every entity has one.
    let mentions = article["mentions"].as_array().unwrap();
    assert!(!mentions.is_empty());
    for m in mentions {
        let text = if m["field"] == "title" { title } else { body };
        let (start, end) = (m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap());
        assert_eq!(
            &text[start as usize..end as usize],
            m["text"].as_str().unwrap()
        );
        assert!(m["found_by"].is_string());
    }
    for (kind, names) in article["entities"].as_object().unwrap() {
        for name in names.as_array().unwrap() {
            assert!(
                mentions
                    .iter()
                    .any(|m| m["kind"] == kind.as_str() && m["canonical"] == *name),
                "no mention of {kind} {name}"
            );
        }
    }
    assert!(article.get("mentions_note").is_none());
}

#[test]
fn a_record_of_an_ndjson_file_is_shown_by_path_and_number() {
    let s = indexed_sample();
    let path = sample_corpus().join("feeds/global-dispatch-2024.ndjson");
    let line: Value = serde_json::from_str(
        std::fs::read_to_string(&path)
            .unwrap()
            .lines()
            .nth(3)
            .unwrap(),
    )
    .unwrap();
    // Line 3 is a broken record (reported, not indexed): records keep their line numbers.
    let target = format!("{}:4", path.display());
    let shown = show_json(&s, &target);
    let articles = shown["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0]["record"], 4);
    assert_eq!(articles[0]["title"], line["headline"]);
    assert!(articles[0]["id"].as_str().unwrap().ends_with("#4"));
    // A path relative to where morgue runs names the same file.
    let relative = s
        .morgue()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "show",
            "--json",
            "sample_corpus/feeds/global-dispatch-2024.ndjson:4",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let relative: Value = serde_json::from_slice(&relative).unwrap();
    assert_eq!(relative["articles"][0]["id"], articles[0]["id"]);
    // The path alone shows every record of the file, in order.
    let all = show_json(&s, path.to_str().unwrap());
    let records: Vec<u64> = all["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["record"].as_u64().unwrap())
        .collect();
    assert_eq!(records, [1, 2, 4, 5]);
    // People read it too: title, labelled fields, the body.
    let text = s.stdout(&["show", &target]);
    assert!(
        text.starts_with(line["headline"].as_str().unwrap()),
        "{text}"
    );
    assert!(text.contains("date "), "{text}");
    assert!(text.contains("\nbody"), "{text}");
}

#[test]
fn what_is_not_indexed_is_an_error_that_says_so() {
    let s = indexed_sample();
    let out = s
        .morgue()
        .args(["show", "/no/such/article.txt"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let message = String::from_utf8(out.stderr).unwrap();
    assert!(
        message.contains("no article with the id or path"),
        "{message}"
    );
    assert!(out.stdout.is_empty());
    let path = sample_corpus().join("feeds/global-dispatch-2024.ndjson");
    let out = s
        .morgue()
        .args(["show", &format!("{}:99", path.display())])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let message = String::from_utf8(out.stderr).unwrap();
    assert!(message.contains("its records are 1, 2, 4, 5"), "{message}");
}
