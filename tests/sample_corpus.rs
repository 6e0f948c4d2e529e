//! End to end over the repository's sample corpus: the README demo, the seed article's
//! entities, the skip report, and counts checked against the corpus files themselves.

mod common;

use common::{Scratch, assert_counts_add_up, facet, sample_corpus, total};
use serde_json::Value;
use std::path::Path;

fn indexed_sample() -> (Scratch, Value) {
    let s = Scratch::new();
    let summary = s.index_paths(&[sample_corpus()]);
    (s, summary)
}

/// Every non-hidden file under `dir`, found independently of morgue's walker.
fn visible_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap().to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            out.extend(visible_files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn every_file_is_accounted_for() {
    let (_s, summary) = indexed_sample();
    assert_counts_add_up(&summary);
    assert_eq!(
        summary["files_seen"].as_u64().unwrap() as usize,
        visible_files(&sample_corpus()).len()
    );
    let reason_of = |name: &str| -> String {
        summary["problems"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["path"].as_str().unwrap().ends_with(name) && p["kind"] != "warning")
            .unwrap_or_else(|| panic!("{name} not reported"))["reason"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(reason_of("inbox/empty.txt"), "empty");
    assert_eq!(reason_of("inbox/malformed-article.json"), "malformed");
    assert_eq!(reason_of("inbox/scan-0001.txt"), "binary");
    assert_eq!(reason_of("inbox/broken-front-matter.md"), "malformed");
    assert_eq!(reason_of("inbox/front-page.html"), "no-text");
    assert_eq!(reason_of("inbox/notes.docx"), "ignored");
    assert_eq!(reason_of("inbox/sitemap.xml"), "wrong-shape");
    let bad: Vec<_> = summary["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["kind"] == "bad-record")
        .collect();
    assert_eq!(bad.len(), 1);
    assert!(
        bad[0]["path"]
            .as_str()
            .unwrap()
            .ends_with("global-dispatch-2024.ndjson")
    );
    assert_eq!(bad[0]["record"], 3);
}

#[test]
fn the_seed_article_is_dated_and_its_entities_are_canonical() {
    let (s, _) = indexed_sample();
    let r = s.search(&["title:\"phone call\" AND title:xi"]);
    assert_eq!(total(&r), 1, "{r:#}");
    let seed = &r["hits"][0];
    assert!(
        seed["path"]
            .as_str()
            .unwrap()
            .ends_with("xi-putin-phone-call.md")
    );
    assert_eq!(seed["date"], "2025-02-24");
    assert_eq!(seed["date_source"], "metadata");
    let names = |kind: &str| -> Vec<String> {
        seed["entities"][kind]
            .as_array()
            .unwrap_or_else(|| panic!("no {kind} entities: {seed:#}"))
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    let expect = [
        (
            "person",
            vec!["Xi Jinping", "Vladimir Putin", "Donald Trump"],
        ),
        ("org", vec!["Xinhua", "Shanghai Cooperation Organisation"]),
        (
            "place",
            vec![
                "China",
                "Russia",
                "Ukraine",
                "Moscow",
                "Beijing",
                "Washington",
                "Japan",
            ],
        ),
        ("event", vec!["Great Patriotic War", "World War II"]),
    ];
    for (kind, wanted) in expect {
        let found = names(kind);
        for name in wanted {
            assert!(
                found.iter().any(|f| f == name),
                "{kind} {name} missing from {found:?}"
            );
        }
        // One canonical entry per real-world thing, and no sentence openers as names.
        let unique: std::collections::BTreeSet<&String> = found.iter().collect();
        assert_eq!(
            unique.len(),
            found.len(),
            "{kind} lists a name twice: {found:?}"
        );
        for junk in [
            "The",
            "Stressing",
            "Notably",
            "According",
            "Additionally",
            "Putin",
            "US",
        ] {
            assert!(
                !found.iter().any(|f| f == junk),
                "{kind} has junk {junk}: {found:?}"
            );
        }
    }
    // An event's name never swallows the next name the text gives ("... War and the
    // Shanghai Cooperation Organisation").
    let events = names("event");
    assert!(
        !events.iter().any(|e| e.contains(" and the ")),
        "{events:?}"
    );
}

#[test]
fn the_readme_demo_finds_the_seed_first() {
    let (s, _) = indexed_sample();
    let r = s.search(&[
        "phone call",
        "--person",
        "Vladimir Putin",
        "--from",
        "2025-02",
        "--facet",
        "month",
        "--facet",
        "person",
    ]);
    assert!(total(&r) >= 2);
    assert!(
        r["hits"][0]["path"]
            .as_str()
            .unwrap()
            .ends_with("xi-putin-phone-call.md")
    );
    let months = facet(&r, "month");
    assert!(
        months.iter().all(|(m, _)| m.as_str() >= "2025-02"),
        "{months:?}"
    );
    assert_eq!(months.iter().map(|(_, n)| n).sum::<u64>(), total(&r));
    let persons = facet(&r, "person");
    assert_eq!(
        persons
            .iter()
            .find(|(p, _)| p == "Vladimir Putin")
            .unwrap()
            .1,
        total(&r)
    );
}

/// Articles whose text mentions `word`, counted straight from the corpus files: one per
/// single-article file, one per valid line of a feed.
fn articles_mentioning(word: &str) -> usize {
    visible_files(&sample_corpus())
        .iter()
        .filter(|p| !p.starts_with(sample_corpus().join("inbox")))
        .map(|path| {
            let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
            match path.extension().and_then(|e| e.to_str()) {
                Some("jsonl" | "ndjson") => text
                    .lines()
                    .filter(|l| serde_json::from_str::<Value>(l).is_ok() && l.contains(word))
                    .count(),
                Some("rss" | "atom") => text
                    .replace("<entry>", "<item>")
                    .split("<item>")
                    .skip(1)
                    .filter(|item| item.contains(word))
                    .count(),
                Some("xml") => text
                    .split("<newsItem ")
                    .skip(usize::from(text.contains("<newsItem ")))
                    .filter(|item| item.contains(word))
                    .count(),
                Some("txt" | "md" | "json" | "html") => usize::from(text.contains(word)),
                _ => 0,
            }
        })
        .sum()
}

#[test]
fn person_filters_find_every_article_that_names_them() {
    let (s, _) = indexed_sample();
    for (alias, surname) in [
        ("Putin", "Putin"),
        ("Xi Jinping", "Xi Jinping"),
        ("Zelenskyy", "Zelensky"),
        ("Emmanuel Macron", "Macron"),
    ] {
        let expected = articles_mentioning(surname);
        assert!(expected > 0);
        assert_eq!(
            total(&s.search(&["--person", alias])) as usize,
            expected,
            "--person {alias}"
        );
    }
}

#[test]
fn dated_and_undated_articles_partition_the_index() {
    let (s, summary) = indexed_sample();
    let all = s.search(&["--facet", "year", "--limit", "0"]);
    let undated = total(&s.search(&["--undated"]));
    assert!(undated > 0);
    let year = all["facets"][0].clone();
    assert_eq!(year["undated"].as_u64().unwrap(), undated);
    let dated: u64 = facet(&all, "year").iter().map(|(_, n)| n).sum();
    assert_eq!(dated + undated, total(&all));
    assert_eq!(total(&all), summary["articles_in_index"].as_u64().unwrap());
    let years: Vec<String> = facet(&all, "year").into_iter().map(|(y, _)| y).collect();
    assert!(years.len() >= 3, "{years:?}");
}

#[test]
fn stats_reports_the_index_and_the_last_run() {
    let (s, summary) = indexed_sample();
    let stats: Value = serde_json::from_str(&s.stdout(&["stats", "--json"])).unwrap();
    assert_eq!(stats["articles"], summary["articles_in_index"]);
    assert_eq!(
        stats["undated"].as_u64().unwrap(),
        total(&s.search(&["--undated"]))
    );
    assert!(stats["earliest"].as_str().unwrap() < stats["latest"].as_str().unwrap());
    assert_eq!(stats["last_run"]["skipped"], summary["skipped"]);
    assert!(stats["index_bytes"].as_u64().unwrap() > 0);
    let sources: u64 = stats["date_sources"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(sources, stats["articles"].as_u64().unwrap());
    s.morgue()
        .arg("stats")
        .assert()
        .success()
        .stdout(predicates::str::contains("articles:"))
        .stdout(predicates::str::contains("by person"));
}

/// The sample corpus carries wire copy: identical bodies from two outlets and one edited
/// version. Each story takes one place in the results, its copies listed under it.
#[test]
fn wire_copy_in_the_sample_corpus_is_folded() {
    let (s, _) = indexed_sample();
    let r = s.search(&["\"flood warning\" Millbrook"]);
    let hits = r["hits"].as_array().unwrap();
    let flood = hits
        .iter()
        .find(|h| {
            h["path"]
                .as_str()
                .unwrap()
                .ends_with("millbrook-river-alder-flood-warning.txt")
        })
        .unwrap_or_else(|| panic!("the wire story is a hit: {r:#}"));
    let copies: Vec<&str> = flood["copies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["path"].as_str().unwrap())
        .collect();
    assert_eq!(copies.len(), 1, "{r:#}");
    assert!(copies[0].ends_with("millbrook-braces-for-flooding.md"));
    assert!(!hits.iter().any(|h| h["path"] == copies[0]));

    let kyiv = s.search(&["anniversary AND sanctions AND Kyiv"]);
    assert_eq!(total(&kyiv), 2, "{kyiv:#}");
    assert_eq!(kyiv["hits"].as_array().unwrap().len(), 1);
    assert_eq!(kyiv["copies_folded"], 1);
}

#[test]
fn feeds_and_xml_wire_copy_in_the_sample_corpus() {
    let (s, _) = indexed_sample();
    let records = |file: &str| -> Vec<u64> {
        let r = s.search(&["", "--limit", "100"]);
        let mut n: Vec<u64> = r["hits"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|h| h["path"].as_str().unwrap().ends_with(file))
            .map(|h| h["record"].as_u64().unwrap_or(0))
            .collect();
        n.sort();
        n
    };
    assert_eq!(records("harbour-city-times.rss"), [1, 2]);
    assert_eq!(records("meridian-daily.atom"), [1, 2]);
    assert_eq!(records("continental-wire-harbour-g2.xml"), [1, 2]);
    assert_eq!(records("continental-wire-alder-weir-nitf.xml"), [0]);

    let r = s.search(&[
        "weir",
        "--person",
        "Sanjay Mehta",
        "--org",
        "Alder Valley Water Authority",
    ]);
    assert_eq!(total(&r), 1, "{r:#}");
    let nitf = &r["hits"][0];
    assert_eq!(nitf["date"], "2025-04-10");
    assert_eq!(nitf["authors"][0], "Mara Ellis");
    let marked = &nitf["markup_entities"];
    assert_eq!(marked["person"][0], "Sanjay Mehta", "{nitf:#}");
    // The dateline's "MILLBROOK" is the town the gazetteer-less text also names.
    assert!(
        marked["place"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p == "Millbrook"),
        "{marked}"
    );

    let r = s.search(&["seawall", "--source", "Harbour City Times"]);
    assert_eq!(total(&r), 1, "{r:#}");
    assert_eq!(r["hits"][0]["authors"][0], "Priya Nandakumar");
    assert_eq!(r["hits"][0]["date"], "2024-09-16");
}
