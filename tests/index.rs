//! End to end: `morgue index` on generated archives: every format, where dates come from,
//! incremental re-runs, and bad input that must be reported, never fatal.

mod common;

use common::{Scratch, assert_counts_add_up, problem_for, titles, total};
use predicates::prelude::*;
use serde_json::Value;

fn problems<'a>(summary: &'a Value, kind: &str) -> Vec<&'a Value> {
    summary["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["kind"] == kind)
        .collect()
}

fn only_hit(s: &Scratch, query: &str) -> Value {
    let r = s.search(&[query]);
    assert_eq!(total(&r), 1, "{query}: {r:#}");
    r["hits"][0].clone()
}

#[test]
fn every_format_yields_its_metadata() {
    let s = Scratch::with_files(&[
        (
            "a.txt",
            "Title: Harbour dredging starts\nDate: Feb. 24, 2025\nSource: Harbour City Times\nAuthor: Ana Ruiz and Bo Chen\nURL: https://example.org/dredge\n\nDredging of the harbour began on Monday, the port authority said.\n",
        ),
        (
            "b.md",
            "+++\ntitle = \"Tram line approved\"\ndate = 2024-06-01\nauthors = [\"Kit Dane\"]\nsource = \"Meridian Daily\"\ntags = [\"transport\"]\n+++\nThe council approved the **tram** line after a [long debate](https://example.org).\n",
        ),
        (
            "c.json",
            r#"{"title": "Bridge reopens", "published": "Mon, 03 Mar 2025 08:00:00 +0000", "source_domain": "ledger.example", "authors": [{"name": "Lee Park"}], "maintext": "The old bridge reopened to traffic after repairs lasting two years.", "language": "en", "url": "https://ledger.example/bridge"}"#,
        ),
        (
            "d.html",
            r#"<html lang="en-GB"><head><title>Library wins award</title>
        <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"Library wins award","datePublished":"2023-09-14T09:30:00+01:00","author":{"@type":"Person","name":"Rae Moss"},"publisher":{"@type":"Organization","name":"Northern Ledger"}}]}</script>
        </head><body><nav><a href="/">Home</a></nav><article><h1>Library wins award</h1>
        <p>The central library won a national design award for its new reading rooms, judges announced.</p>
        <p>Visitors have doubled since the rooms opened, according to the library's director.</p></article>
        <div class="newsletter-signup">Subscribe to our newsletter <form><input></form></div></body></html>"#,
        ),
    ]);
    let summary = s.index();
    assert_eq!(summary["indexed_new"], 4, "{summary:#}");
    assert_eq!(summary["articles_in_index"], 4);

    let a = only_hit(&s, "dredging");
    assert_eq!(a["title"], "Harbour dredging starts");
    assert_eq!(a["date"], "2025-02-24");
    assert_eq!(a["date_source"], "metadata");
    assert_eq!(a["source"], "Harbour City Times");
    assert_eq!(a["authors"], serde_json::json!(["Ana Ruiz", "Bo Chen"]));
    assert_eq!(a["url"], "https://example.org/dredge");

    let b = only_hit(&s, "tram");
    assert_eq!(b["title"], "Tram line approved");
    assert_eq!(b["date"], "2024-06-01");
    assert_eq!(b["tags"], serde_json::json!(["transport"]));
    assert_eq!(b["format"], "md");

    let c = only_hit(&s, "bridge");
    assert_eq!(c["date"], "2025-03-03");
    assert_eq!(c["published"], "2025-03-03T08:00:00Z");
    assert_eq!(c["source"], "ledger.example");
    assert_eq!(c["authors"], serde_json::json!(["Lee Park"]));

    let d = only_hit(&s, "library");
    assert_eq!(d["title"], "Library wins award");
    assert_eq!(d["date"], "2023-09-14");
    assert_eq!(d["date_source"], "json-ld");
    assert_eq!(d["source"], "Northern Ledger");
    assert_eq!(d["language"], "en");
    // Navigation and the newsletter box are not part of the article.
    assert_eq!(total(&s.search(&["newsletter"])), 0);
    assert_eq!(total(&s.search(&["home"])), 0);
}

#[test]
fn dates_come_from_path_or_dateline_and_say_so() {
    let s = Scratch::with_files(&[
        (
            "wire/2024/11/05/results.txt",
            "Polls close across the country\n\nVoters queued into the evening at polling stations.\n",
        ),
        (
            "wire/untitled.txt",
            "Talks resume in Geneva\n\nGENEVA, March 3, 2025 (Continental Wire) - Negotiators returned to the table.\n",
        ),
        (
            "clippings/undated.txt",
            "Allotment society elects chair\n\nThe allotment society elected a new chair at its meeting.\n",
        ),
        (
            "clippings/1988/quake.txt",
            "Rescuers dig through the night\n\nYEREVAN, Dec. 8 (Reuters) -- Rescuers searched the rubble of Spitak.\n",
        ),
        (
            "clippings/1989/flood.txt",
            "River rises\n\nThe river rose on Dec. 8 and the levee held.\n",
        ),
    ]);
    s.index();
    // A dateline's day in the year of the story's folder; a day in a sentence is no date.
    let in_year = only_hit(&s, "rubble");
    assert_eq!(in_year["date"], "1988-12-08");
    assert_eq!(in_year["date_source"], "dateline-path-year");
    assert_eq!(only_hit(&s, "levee")["date"], Value::Null);
    let path_dated = only_hit(&s, "polls");
    assert_eq!(path_dated["date"], "2024-11-05");
    assert_eq!(path_dated["date_source"], "path");
    let dateline = only_hit(&s, "geneva");
    assert_eq!(dateline["date"], "2025-03-03");
    assert_eq!(dateline["date_source"], "dateline");
    let undated = only_hit(&s, "allotment");
    assert_eq!(undated["date"], Value::Null);
    assert_eq!(undated["date_source"], "none");
    let mut undated = titles(&s.search(&["--undated"]));
    undated.sort();
    assert_eq!(undated, ["Allotment society elects chair", "River rises"]);
    // The terminal shows where a non-metadata date came from.
    s.morgue()
        .args(["search", "polls"])
        .assert()
        .stdout(predicate::str::contains("2024-11-05 (from path)"));
}

#[test]
fn impossible_and_absurd_dates_are_not_invented() {
    let s = Scratch::with_files(&[
        (
            "a.txt",
            "Title: Leap day story\nDate: 2025-02-30\n\nA story with a date that does not exist.\n",
        ),
        (
            "b.txt",
            "Title: Future story\nDate: 3000-01-01\n\nA story dated a thousand years ahead.\n",
        ),
        (
            "c.txt",
            "Title: Ancient story\nDate: 1066-10-14\n\nA story claiming a medieval date.\n",
        ),
    ]);
    let summary = s.index();
    assert_eq!(summary["indexed_new"], 3);
    assert_eq!(total(&s.search(&["--undated"])), 3);
    let warnings = problems(&summary, "warning");
    assert_eq!(warnings.len(), 3, "{summary:#}");
    assert!(
        problem_for(&summary, "a.txt")["detail"]
            .as_str()
            .unwrap()
            .contains("does not exist")
    );
}

#[test]
fn re_runs_skip_unchanged_replace_changed_and_delete_vanished() {
    let s = Scratch::with_files(&[
        (
            "one.txt",
            "Title: First\nDate: 2025-01-01\n\nAlpha story about otters.\n",
        ),
        (
            "two.txt",
            "Title: Second\nDate: 2025-01-02\n\nBeta story about beavers.\n",
        ),
        (
            "feed.jsonl",
            "{\"title\": \"Third\", \"text\": \"Gamma story about herons.\"}\n{\"title\": \"Fourth\", \"text\": \"Delta story about herons.\"}\n",
        ),
    ]);
    let first = s.index();
    assert_eq!(first["indexed_new"], 3);
    assert_eq!(first["articles_written"], 4);
    assert_counts_add_up(&first);

    let again = s.index();
    assert_eq!(again["unchanged"], 3, "{again:#}");
    assert_eq!(again["indexed_new"], 0);
    assert_eq!(again["articles_written"], 0);
    assert_eq!(again["articles_in_index"], 4);

    // Same content, new mtime: still unchanged (the hash decides).
    let one = s.archive().join("one.txt");
    let bytes = std::fs::read(&one).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&one, &bytes).unwrap();
    assert_eq!(s.index()["unchanged"], 3);

    s.write(
        "two.txt",
        "Title: Second, revised\nDate: 2025-01-02\n\nBeta story about lynxes.\n",
    );
    std::fs::remove_file(s.archive().join("feed.jsonl")).unwrap();
    s.write("five.txt", "Title: Fifth\n\nEpsilon story about otters.\n");
    let changed = s.index();
    assert_eq!(changed["indexed_updated"], 1, "{changed:#}");
    assert_eq!(changed["indexed_new"], 1);
    assert_eq!(changed["unchanged"], 1);
    assert_eq!(changed["deleted"], 1);
    assert_eq!(changed["articles_in_index"], 3);
    assert_counts_add_up(&changed);

    assert_eq!(total(&s.search(&["beavers"])), 0);
    assert_eq!(titles(&s.search(&["lynxes"])), ["Second, revised"]);
    assert_eq!(total(&s.search(&["herons"])), 0);
    assert_eq!(total(&s.search(&["otters"])), 2);
    // No duplicates anywhere.
    assert_eq!(total(&s.search(&[""])), 3);
}

#[test]
fn indexing_a_second_folder_keeps_the_first() {
    let s = Scratch::with_files(&[
        ("a/one.txt", "Title: In folder a\n\nText about walruses.\n"),
        (
            "b/two.txt",
            "Title: In folder b\n\nText about walruses too.\n",
        ),
    ]);
    s.index_paths(&[s.archive().join("a")]);
    let second = s.index_paths(&[s.archive().join("b")]);
    assert_eq!(second["deleted"], 0);
    assert_eq!(total(&s.search(&["walruses"])), 2);
}

#[test]
fn bad_input_is_reported_by_file_and_reason_and_counts_add_up() {
    let s = Scratch::new();
    s.write(
        "good.txt",
        "Title: A good story\n\nThe harbour master retired after forty years.\n",
    );
    s.write("empty.txt", "");
    s.write("blank.md", "   \n\n\t\n");
    s.write(
        "broken.json",
        "{\"title\": \"Half\", \"text\": \"missing brace\"",
    );
    s.write("number.json", "42");
    s.write("array.json", "[1, 2, 3]");
    s.write(
        "feed.ndjson",
        "{\"title\": \"Line one\", \"text\": \"Kingfishers nest by the river.\"}\nnot json at all\n{\"title\": \"Line three\", \"text\": \"Kingfishers again.\"}\n{\"title\": \n",
    );
    s.write(
        "binary.txt",
        b"\x00\x01\x02\x03 not text \x00\x00\xff".repeat(20),
    );
    s.write(
        "image.html",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
    );
    s.write(
        "nav-only.html",
        "<html><body><nav><a href='/'>Home</a></nav></body></html>",
    );
    s.write(
        "front.md",
        "---\ntitle: [unclosed\ndate: 2025-01-01\n---\nBody text here.\n",
    );
    s.write(
        "latin1.txt",
        b"Title: Caf\xe9 society\n\nThe caf\xe9 on the quay reopened.\n",
    );
    s.write("utf16.txt", {
        let mut v = vec![0xFF, 0xFE];
        for unit in "Title: Wide story\n\nHeron sightings rose this spring.\n".encode_utf16() {
            v.extend_from_slice(&unit.to_le_bytes());
        }
        v
    });
    s.write(
        "big.txt",
        format!("Title: Too big\n\n{}", "word ".repeat(1000)),
    );
    s.write("notes.docx", "not an article");
    s.write(
        ".hidden/secret.txt",
        "Title: Hidden\n\nShould never be walked.\n",
    );

    let summary = s.index_with(&["--max-file-size", "2K"]);
    assert_counts_add_up(&summary);
    assert_eq!(summary["files_seen"], 15, "{summary:#}");
    assert_eq!(summary["ignored"], 1);
    let reason = |name: &str| {
        problem_for(&summary, name)["reason"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(reason("empty.txt"), "empty");
    assert_eq!(reason("blank.md"), "empty");
    assert_eq!(reason("broken.json"), "malformed");
    assert!(
        problem_for(&summary, "broken.json")["detail"]
            .as_str()
            .unwrap()
            .contains("line 1")
    );
    assert_eq!(reason("number.json"), "wrong-shape");
    assert_eq!(reason("array.json"), "wrong-shape");
    assert_eq!(reason("binary.txt"), "binary");
    assert_eq!(reason("image.html"), "binary");
    assert_eq!(reason("nav-only.html"), "no-text");
    assert_eq!(reason("front.md"), "malformed");
    assert_eq!(reason("big.txt"), "too-large");
    assert_eq!(reason("notes.docx"), "ignored");

    // Bad NDJSON lines are named by line; the good lines are indexed.
    let bad_lines: Vec<u64> = problems(&summary, "bad-record")
        .iter()
        .map(|p| p["record"].as_u64().unwrap())
        .collect();
    assert_eq!(bad_lines, [2, 4]);
    assert_eq!(total(&s.search(&["kingfishers"])), 2);

    // Text that is not UTF-8 is decoded, indexed and searchable, with a warning.
    assert_eq!(titles(&s.search(&["cafe"])), ["Café society"]);
    assert!(
        problem_for(&summary, "latin1.txt")["detail"]
            .as_str()
            .unwrap()
            .contains("Windows-1252")
    );
    assert_eq!(titles(&s.search(&["heron"])), ["Wide story"]);
    assert_eq!(total(&s.search(&["hidden"])), 0);

    let indexed = ["good.txt", "feed.ndjson", "latin1.txt", "utf16.txt"].len() as u64;
    assert_eq!(summary["indexed_new"], indexed);
    assert_eq!(common::skipped_total(&summary), 15 - 1 - indexed);
}

#[test]
fn the_terminal_summary_lists_skips_and_adds_up() {
    let s = Scratch::with_files(&[
        (
            "good.txt",
            "Title: Fine\n\nAn ordinary story about ferries.\n",
        ),
        ("broken.json", "{\"title\": "),
        ("empty.txt", ""),
    ]);
    s.morgue()
        .arg("index")
        .arg(s.archive())
        .assert()
        .code(3)
        .stdout(predicate::str::contains("broken.json"))
        .stdout(predicate::str::contains("malformed"))
        .stdout(predicate::str::contains("3 files seen"))
        .stdout(predicate::str::contains(
            "1 indexed (1 new, 0 updated, 0 unchanged), 2 skipped",
        ))
        .stdout(predicate::str::contains(
            "skipped by reason: empty 1, malformed 1",
        ));
}

#[test]
fn a_file_that_breaks_loses_its_old_articles() {
    let s = Scratch::new();
    s.write(
        "story.json",
        r#"{"title": "Ferry strike ends", "text": "Ferry crews returned to work."}"#,
    );
    s.index();
    assert_eq!(total(&s.search(&["ferry"])), 1);
    s.write("story.json", r#"{"title": "Ferry strike ends", "text": "#);
    let summary = s.index();
    assert_eq!(summary["skipped"]["malformed"], 1);
    assert_eq!(total(&s.search(&["ferry"])), 0);
}

#[cfg(unix)]
#[test]
fn symlinks_are_reported_not_followed_and_loops_do_not_hang() {
    let s = Scratch::new();
    s.write(
        "real/story.txt",
        "Title: Real\n\nA story about lighthouses.\n",
    );
    std::os::unix::fs::symlink(s.archive().join("real"), s.archive().join("real/loop")).unwrap();
    std::os::unix::fs::symlink(
        s.archive().join("real/story.txt"),
        s.archive().join("link.txt"),
    )
    .unwrap();
    let plain = s.index();
    assert_counts_add_up(&plain);
    assert_eq!(plain["ignored"], 2, "{plain:#}");
    assert_eq!(total(&s.search(&["lighthouses"])), 1);

    let followed = s.index_with(&["--follow-links", "--force"]);
    assert_counts_add_up(&followed);
    assert_eq!(followed["skipped"]["walk-error"], 1, "{followed:#}");
    assert!(
        problem_for(&followed, "loop")["detail"]
            .as_str()
            .unwrap()
            .contains("loop")
    );
}

#[test]
fn missing_folders_are_a_usage_error() {
    let s = Scratch::new();
    s.morgue()
        .args(["index", "/definitely/not/here"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "/definitely/not/here: no such file or folder",
        ));
}

#[test]
fn a_user_gazetteer_adds_and_merges_entities() {
    let s = Scratch::with_files(&[
        (
            "a.txt",
            "Title: Mayor opens market\n\nMayor Ottilie Brandvold opened the winter market in Lindholm on Friday.\n",
        ),
        (
            "b.txt",
            "Title: Market closes\n\nThe winter market in Lindholm closed early, Brandvold's office said.\n",
        ),
    ]);
    let gazetteer = s.dir.path().join("aliases.tsv");
    std::fs::write(
        &gazetteer,
        "# kind\tcanonical\taliases\nperson\tOttilie Brandvold\tBrandvold|Mayor Brandvold\nplace\tLindholm\t\n",
    )
    .unwrap();
    s.morgue()
        .args(["index", "--json", "--gazetteer"])
        .arg(&gazetteer)
        .arg(s.archive())
        .assert()
        .success();
    assert_eq!(total(&s.search(&["--person", "Ottilie Brandvold"])), 2);
    assert_eq!(total(&s.search(&["--person", "brandvold"])), 2);
    assert_eq!(total(&s.search(&["--place", "Lindholm"])), 2);

    std::fs::write(&gazetteer, "person broken line without tabs\n").unwrap();
    s.morgue()
        .args(["index", "--gazetteer"])
        .arg(&gazetteer)
        .arg(s.archive())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("aliases.tsv:1"));
}

#[test]
fn a_second_indexer_is_refused_while_searches_go_on() {
    let s = Scratch::new();
    s.write("a.txt", "Title: One\n\nA story about puffins.\n");
    s.index();
    // Hold the writer lock the way a running `morgue index` does.
    let lock = std::fs::File::create(s.index_dir().join(".tantivy-writer.lock")).unwrap();
    lock.try_lock().unwrap();
    s.morgue()
        .arg("index")
        .arg(s.archive())
        .assert()
        .failure()
        .stderr(predicate::str::contains("locked by another morgue process"));
    assert_eq!(total(&s.search(&["puffins"])), 1);
    drop(lock);
    assert_eq!(s.index()["unchanged"], 1);
}

/// Unreadable files are skipped with the reason, and counted once. Root reads any file
/// whatever its permissions, so the case every user (CI's root included) observes is a file
/// that opens but fails on read: a link to this process's own memory, which the kernel
/// refuses to read at address 0. A file without read permission is checked too where
/// permissions stop its reader.
#[cfg(target_os = "linux")]
#[test]
fn unreadable_files_are_skipped_with_the_reason() {
    use std::os::unix::fs::PermissionsExt;
    let s = Scratch::new();
    s.write("ok.txt", "Title: Fine\n\nA story about gannets.\n");
    std::os::unix::fs::symlink("/proc/self/mem", s.archive().join("mem.txt")).unwrap();
    let locked = s.write("locked.txt", "Title: Locked\n\nA story nobody may read.\n");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let permissions_enforced = std::fs::read(&locked).is_err();

    let summary = s.index_with(&["--follow-links"]);
    assert_counts_add_up(&summary);
    assert_eq!(summary["files_seen"], 3, "{summary:#}");
    assert_eq!(summary["indexed_new"], 1 + u64::from(!permissions_enforced));
    let unreadable = 1 + u64::from(permissions_enforced);
    assert_eq!(summary["skipped"]["unreadable"], unreadable, "{summary:#}");
    assert_eq!(problems(&summary, "skipped").len() as u64, unreadable);
    let mem = problem_for(&summary, "mem.txt");
    assert_eq!(mem["reason"], "unreadable", "{mem:#}");
    assert!(
        mem["detail"].as_str().unwrap().contains("error"),
        "the cause is given: {mem:#}"
    );
    if permissions_enforced {
        assert!(
            problem_for(&summary, "locked.txt")["detail"]
                .as_str()
                .unwrap()
                .contains("ermission")
        );
    }
    assert_eq!(total(&s.search(&["gannets"])), 1);
}

#[test]
fn force_re_reads_everything_and_still_deletes_vanished_files() {
    let s = Scratch::with_files(&[
        ("a.txt", "Title: Alpha\n\nA story about zebras.\n"),
        ("b.txt", "Title: Beta\n\nAnother story about zebras.\n"),
    ]);
    s.index();
    std::fs::remove_file(s.archive().join("b.txt")).unwrap();
    let forced = s.index_with(&["--force"]);
    assert_eq!(forced["deleted"], 1, "{forced:#}");
    assert_eq!(forced["indexed_updated"], 1);
    assert_eq!(forced["unchanged"], 0);
    assert_eq!(titles(&s.search(&["zebras"])), ["Alpha"]);
}

#[test]
fn a_raised_size_limit_takes_effect_on_files_skipped_before() {
    let s = Scratch::new();
    s.write(
        "w.txt",
        format!("Title: Walrus\n\n{}", "walrus ".repeat(20)),
    );
    let run = |limit: &str| -> Value { s.index_with(&["--max-file-size", limit]) };
    assert_eq!(run("20")["skipped"]["too-large"], 1);
    assert_eq!(run("1M")["indexed_new"], 1);
    assert_eq!(total(&s.search(&["walrus"])), 1);
    assert_eq!(run("20")["skipped"]["too-large"], 1);
    assert_eq!(total(&s.search(&["walrus"])), 0);
}

#[test]
fn bad_records_and_warnings_are_reported_again_while_files_stay_unchanged() {
    let s = Scratch::with_files(&[
        (
            "feed.ndjson",
            "{\"title\": \"One\", \"text\": \"Terns nest here.\"}\nbroken\n",
        ),
        (
            "old.txt",
            "Title: Old\nDate: 1066-10-14\n\nA story about a battle.\n",
        ),
    ]);
    let first = s.index();
    let again = s.index();
    assert_eq!(again["unchanged"], 2);
    for key in ["bad_records", "warnings"] {
        assert_eq!(first[key], 1, "{key}: {first:#}");
        assert_eq!(again[key], 1, "{key}: {again:#}");
    }
    assert_counts_add_up(&again);
}

#[test]
fn nested_roots_index_each_file_once() {
    let s = Scratch::new();
    s.write(
        "2025/02/24/story.txt",
        "Polls open\n\nVoters queued at dawn.\n",
    );
    let summary = s.index_paths(&[s.archive(), s.archive().join("2025"), s.archive()]);
    assert_eq!(summary["files_seen"], 1, "{summary:#}");
    assert_eq!(summary["indexed_new"], 1);
    let hit = only_hit(&s, "voters");
    assert_eq!(hit["date"], "2025-02-24");
}

#[test]
fn re_runs_follow_the_walk_through_awkward_names() {
    let s = Scratch::new();
    // A folder and a file that share a stem, case, punctuation and non-ASCII names: the walk
    // and the manifest must agree on their order or re-runs mistake files for vanished ones.
    let names = [
        "b/x/y.txt",
        "b/x.txt",
        "b.txt",
        "B.txt",
        "b-c.txt",
        "a b.txt",
        "Ärzte.txt",
        "b/x.md",
    ];
    for (i, name) in names.iter().enumerate() {
        s.write(
            name,
            format!("Story {i}\n\nText number {i} about otters.\n"),
        );
    }
    let first = s.index();
    assert_eq!(first["indexed_new"], names.len(), "{first:#}");
    let again = s.index();
    assert_eq!(again["unchanged"], names.len(), "{again:#}");
    assert_eq!(again["deleted"], 0);

    std::fs::remove_file(s.archive().join("b/x/y.txt")).unwrap();
    s.write("b.txt", "Story revised\n\nRevised text about lynxes.\n");
    s.write("b/w.txt", "Story new\n\nNew text about otters.\n");
    let changed = s.index();
    assert_counts_add_up(&changed);
    assert_eq!(changed["unchanged"], names.len() - 2, "{changed:#}");
    assert_eq!(changed["indexed_updated"], 1);
    assert_eq!(changed["indexed_new"], 1);
    assert_eq!(changed["deleted"], 1);
    assert_eq!(changed["articles_in_index"], names.len());
    assert_eq!(titles(&s.search(&["lynxes"])), ["Story revised"]);
    assert_eq!(total(&s.search(&["otters"])), names.len() as u64 - 1);
    let report = s.check();
    assert_eq!(report["consistent"], true, "{report:#}");
    assert_eq!(report["files_in_manifest"], names.len());
}

#[cfg(unix)]
#[test]
fn a_file_replaced_by_a_link_loses_its_articles() {
    let s = Scratch::new();
    let story = s.write("story.txt", "Ferry strike\n\nFerry crews walked out.\n");
    let elsewhere = s.write("../elsewhere.txt", "Other\n\nNothing about boats.\n");
    s.write("keep.txt", "Kept\n\nA story that stays.\n");
    s.index();
    assert_eq!(total(&s.search(&["ferry"])), 1);
    std::fs::remove_file(&story).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &story).unwrap();
    let summary = s.index();
    assert_counts_add_up(&summary);
    assert_eq!(summary["ignored"], 1, "{summary:#}");
    assert_eq!(summary["deleted"], 1);
    assert_eq!(summary["unchanged"], 1);
    assert_eq!(total(&s.search(&["ferry"])), 0);
    assert_eq!(s.check()["consistent"], true);
}

#[test]
fn roots_named_in_any_order_keep_each_others_files() {
    let s = Scratch::with_files(&[
        ("z/one.txt", "One\n\nText about walruses.\n"),
        ("a/two.txt", "Two\n\nText about walruses too.\n"),
    ]);
    let (a, z) = (s.archive().join("a"), s.archive().join("z"));
    let first = s.index_paths(&[z.clone(), a.clone()]);
    assert_eq!(first["indexed_new"], 2, "{first:#}");
    let only_a = s.index_paths(std::slice::from_ref(&a));
    assert_eq!(only_a["unchanged"], 1, "{only_a:#}");
    assert_eq!(only_a["deleted"], 0);
    let both = s.index_paths(&[z, a]);
    assert_eq!(both["unchanged"], 2, "{both:#}");
    assert_eq!(total(&s.search(&["walruses"])), 2);
}

#[test]
fn an_index_with_the_old_whole_file_manifest_is_taken_over() {
    let s = Scratch::with_files(&[
        ("one.txt", "One\n\nText about herons.\n"),
        ("two/three.txt", "Three\n\nText about herons too.\n"),
    ]);
    s.index();
    // Turn the manifest back into the single JSON object earlier versions wrote.
    let lines = s.index_dir().join("manifest.jsonl.zst");
    let text = zstd::stream::decode_all(&std::fs::read(&lines).unwrap()[..]).unwrap();
    let mut files = serde_json::Map::new();
    for line in String::from_utf8(text).unwrap().lines() {
        let (path, entry): (String, Value) = serde_json::from_str(line).unwrap();
        files.insert(path, entry);
    }
    assert_eq!(files.len(), 2);
    let old = s.index_dir().join("manifest.json");
    std::fs::write(&old, serde_json::json!({ "files": files }).to_string()).unwrap();
    std::fs::remove_file(&lines).unwrap();

    let summary = s.index();
    assert_eq!(summary["unchanged"], 2, "{summary:#}");
    assert_eq!(summary["articles_written"], 0);
    assert!(!old.exists(), "the old manifest is converted, then removed");
    assert!(lines.exists());
    assert_eq!(s.check()["consistent"], true);
}

#[test]
fn optimize_merges_the_segments_and_changes_no_answer() {
    let s = Scratch::new();
    let stats = |s: &Scratch| -> Value {
        let out = s
            .morgue()
            .args(["stats", "--json", "--index"])
            .arg(s.index_dir())
            .output()
            .unwrap();
        assert!(out.status.success());
        serde_json::from_slice(&out.stdout).unwrap()
    };
    // Three runs: a segment or more each (one per writer thread), too few and too small for
    // the runs' own merges to touch.
    for run in 0..3 {
        for n in 0..4 {
            s.write(
                &format!("run{run}/story{n}.txt"),
                format!(
                    "Title: Harbour story {run}-{n}\nDate: 202{run}-0{}-10\n\n\
                     Mayor Ottilie Brandvold spoke about the harbour in Lindholm, story {n} of run {run}.\n",
                    n + 1
                ),
            );
        }
        s.index();
    }
    assert!(stats(&s)["segments"].as_u64().unwrap() >= 3);
    let ask = [
        "harbour", "--limit", "20", "--facet", "month", "--facet", "person", "--facet", "place",
    ];
    // Facets and every hit with its score (equal scores may come in another order).
    let answer = |s: &Scratch| {
        let r = s.search(&ask);
        let mut hits: Vec<String> = r["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| format!("{} {}", h["path"], h["score"]))
            .collect();
        hits.sort();
        (total(&r), hits, r["facets"].clone())
    };
    let before = answer(&s);
    assert_eq!(before.0, 12);

    let summary = s.index_with(&["--optimize"]);
    assert_eq!(summary["unchanged"], 12, "{summary}");
    let after = stats(&s);
    assert_eq!(after["segments"], 1);
    assert_eq!(after["articles"], 12);
    assert_eq!(answer(&s), before);
    // Nothing left to merge: the next run leaves the one segment as it is.
    s.index_with(&["--optimize=1000"]);
    assert_eq!(stats(&s)["segments"], 1);

    s.morgue()
        .args(["index", "--optimize=5", "--index"])
        .arg(s.index_dir())
        .arg(s.archive())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--optimize"));
}

#[test]
fn numeric_dates_of_a_file_are_read_the_way_the_file_writes_them() {
    let records = |dates: &[(&str, &str)]| {
        let items: Vec<String> = dates
            .iter()
            .map(|(word, date)| {
                format!(
                    r#"{{"headline": "{word} report", "date": "{date}", "content": "The {word} council met on Tuesday and agreed the budget after a long debate."}}"#
                )
            })
            .collect();
        format!("[{}]", items.join(","))
    };
    // One record can only be day first (23/05): the file's 12/11 is 12 November.
    let day_first = records(&[("Lagos", "23/05/2019"), ("Kano", "12/11/2013")]);
    // Nothing says which: month first, as the parser's default.
    let ambiguous = records(&[("Austin", "03/04/2021")]);
    let s = Scratch::with_files(&[
        ("world/stories.json", day_first.as_str()),
        ("us/stories.json", ambiguous.as_str()),
    ]);
    let summary = s.index();
    assert_counts_add_up(&summary);
    assert_eq!(only_hit(&s, "Kano")["date"], "2013-11-12");
    assert_eq!(only_hit(&s, "Lagos")["date"], "2019-05-23");
    assert_eq!(only_hit(&s, "Austin")["date"], "2021-03-04");
    let warning = problem_for(&summary, "stories.json");
    assert!(
        warning["detail"].as_str().unwrap().contains("day first"),
        "{summary:#}"
    );
}
