//! End to end: the conventions of the command line itself, as a user of ripgrep or fd expects
//! them: completions and man pages from the flag definitions, exit statuses that tell cases
//! apart, hints that name the right flag, and output that stays one line per item in a pipe.

mod common;

use common::Scratch;
use predicates::prelude::*;

/// Three dated articles from three sources, all mentioning ferries.
fn ferry_archive() -> Scratch {
    let s = Scratch::new();
    for (i, source) in ["Harbour Times", "Coast Ledger", "Island Post"]
        .iter()
        .enumerate()
    {
        s.write(
            &format!("ferry-{i}.txt"),
            format!(
                "Title: Ferry story {i}\nDate: 2025-03-0{}\nSource: {source}\n\nThe ferry crossing resumed after the storm, the operator said.\n",
                i + 1
            ),
        );
    }
    s.index();
    s
}

#[test]
fn completions_name_the_real_commands_and_flags() {
    let s = Scratch::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = s.stdout(&["completions", shell]);
        for word in [
            "search",
            "ner-train",
            "completions",
            "facet-limit",
            "max-file-size",
        ] {
            assert!(script.contains(word), "{shell} completions lack {word}");
        }
    }
    s.morgue()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bash"));
}

#[test]
fn man_pages_cover_the_commands_flags_and_exit_statuses() {
    let s = Scratch::new();
    let main = s.stdout(&["man"]);
    assert!(main.contains(".TH morgue 1"), "{main}");
    // roff escapes hyphens.
    for word in [
        r"morgue\-search",
        r"morgue\-check",
        r"\-\-index",
        "Exit status",
    ] {
        assert!(main.contains(word), "man page lacks {word}");
    }
    let search = s.stdout(&["man", "search"]);
    assert!(search.contains(".TH morgue-search 1"), "{search}");
    assert!(search.contains(r"\-\-facet\-limit"));
    s.morgue()
        .args(["man", "no-such-command"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-command"));
}

#[test]
fn check_tells_an_inconsistent_index_from_one_it_could_not_check() {
    let s = ferry_archive();
    s.morgue()
        .arg("check")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Consistent"));

    // The manifest forgets one file the index still holds.
    let manifest = s.index_dir().join("manifest.jsonl.zst");
    let text = zstd::stream::decode_all(&std::fs::read(&manifest).unwrap()[..]).unwrap();
    let lines: Vec<String> = String::from_utf8(text)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(lines.len(), 3);
    let fewer = lines[1..].join("\n") + "\n";
    std::fs::write(
        &manifest,
        zstd::stream::encode_all(fewer.as_bytes(), 3).unwrap(),
    )
    .unwrap();
    s.morgue()
        .arg("check")
        .assert()
        .code(4)
        .stdout(predicate::str::contains("Inconsistent"));
    s.morgue().args(["check", "--json"]).assert().code(4);

    // No index at all: the check could not run, which is not the same answer.
    s.morgue()
        .arg("check")
        .env("MORGUE_INDEX", s.dir.path().join("nowhere"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("morgue: error"));

    // --help says which is which.
    s.morgue()
        .args(["check", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("4 when they disagree"));
}

#[test]
fn stats_points_to_its_own_flag_for_more_values() {
    let s = ferry_archive();
    let stats = s.stdout(&["stats", "--top", "1"]);
    assert!(stats.contains("2 more (--top)"), "{stats}");
    assert!(!stats.contains("--facet-limit"), "{stats}");
    // Search's facets keep pointing to --facet-limit.
    let search = s.stdout(&["search", "ferry", "--facet", "source", "--facet-limit", "1"]);
    assert!(search.contains("2 more (--facet-limit)"), "{search}");
}

#[test]
fn the_next_page_is_offered_only_when_there_is_a_page() {
    let s = ferry_archive();
    let counts_only = s.stdout(&["search", "ferry", "--limit", "0"]);
    assert!(
        counts_only.starts_with("3 articles match."),
        "{counts_only}"
    );
    assert!(!counts_only.contains("More:"), "{counts_only}");
    let first = s.stdout(&["search", "ferry", "--limit", "2"]);
    assert!(first.contains("More: --offset 2"), "{first}");
    let last = s.stdout(&["search", "ferry", "--limit", "2", "--offset", "2"]);
    assert!(!last.contains("More:"), "{last}");
}

#[test]
fn a_run_that_read_nothing_reports_no_speed() {
    let s = Scratch::new();
    s.write(
        "huge.txt",
        format!("Title: Huge\n\n{}", "word ".repeat(40_000)),
    );
    // Skipped by size without being read: no bytes were read, whatever its size.
    let skipped = s
        .morgue()
        .args(["index", "--max-file-size", "1K"])
        .arg(s.archive())
        .assert()
        .code(3)
        .get_output()
        .stdout
        .clone();
    let skipped = String::from_utf8(skipped).unwrap();
    assert!(skipped.contains("too-large"), "{skipped}");
    assert!(!skipped.contains("MB/s"), "{skipped}");
    let summary = s.index_with(&["--max-file-size", "1K"]);
    assert_eq!(summary["bytes_read"], 0, "{summary:#}");

    // A run that indexes shows its rate; a run that finds everything unchanged does not.
    let indexed = s.stdout(&["index", s.archive().to_str().unwrap()]);
    assert!(indexed.contains("MB/s"), "{indexed}");
    let unchanged = s.stdout(&["index", s.archive().to_str().unwrap()]);
    assert!(unchanged.contains("1 unchanged"), "{unchanged}");
    assert!(!unchanged.contains("MB/s"), "{unchanged}");
}

#[test]
fn piped_results_keep_one_line_per_item() {
    let s = Scratch::new();
    let long = "The ferry operator said crossings to the outer islands would resume on Monday once inspectors had checked the harbour walls and the new pontoon that replaced the one lost in the winter storms";
    s.write(
        "long.txt",
        format!("Title: Ferry crossings resume\n\n{long}.\n"),
    );
    s.index();
    // Colour forced on still leaves a pipe unwrapped: wrapping needs a terminal's width.
    for color in ["never", "always"] {
        let out = s.stdout(&["search", "ferry", "--color", color]);
        let snippet = out
            .lines()
            .find(|l| l.contains("harbour"))
            .unwrap_or_else(|| panic!("no snippet line: {out}"));
        assert!(snippet.starts_with("     "), "{snippet:?}");
        assert!(
            snippet.contains("outer islands") && snippet.contains("pontoon"),
            "the snippet is cut over lines: {out}"
        );
        assert!(snippet.chars().count() > 120, "{snippet:?}");
    }
}
