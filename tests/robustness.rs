//! End to end: runs that are killed, interrupted or starved of disk, searches during a run,
//! and the rarer kinds of bad input (huge files, deep folders, hostile names, files that
//! change under the indexer). After every mishap the index must open, search, hold no
//! duplicates, and converge to exactly the expected articles on the next run.

mod common;

use common::{Scratch, assert_counts_add_up, problem_for, total};
use serde_json::Value;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Writes `n` small articles, spread over folders by year and month.
fn generate_archive(s: &Scratch, n: usize) {
    for i in 0..n {
        s.write(
            &format!("{}/{:02}/story-{i}.txt", 2000 + i % 20, i % 12 + 1),
            format!(
                "Title: Council story {i}\n\nThe council met on day {i} to discuss the harbour, \
                 the budget and the library. Councillor Mary Okafor said the vote was close.\n"
            ),
        );
    }
}

/// The `morgue` binary as a plain process, for runs the test kills or signals.
fn spawn_index(s: &Scratch, flags: &[&str]) -> Child {
    Command::new(assert_cmd::cargo::cargo_bin("morgue"))
        .env("MORGUE_INDEX", s.index_dir())
        .env("NO_COLOR", "1")
        .arg("index")
        .arg("--json")
        .args(flags)
        .arg(s.archive())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("morgue starts")
}

/// What must hold after any kill: the index opens and searches, no article is stored
/// twice, and every file the manifest lists is in the index with its article count.
fn assert_sound(s: &Scratch, expected: u64, context: &str) -> u64 {
    let found = total(&s.search(&["council"]));
    assert!(found <= expected, "{context}: {found} > {expected}");
    let report = s.check();
    for key in ["duplicate_ids", "missing_files", "miscounted_files"] {
        assert_eq!(report[key]["count"], 0, "{context}: {report:#}");
    }
    found
}

#[test]
fn runs_killed_at_twenty_points_leave_a_sound_index_and_converge() {
    const ARTICLES: u64 = 3000;
    let s = Scratch::new();
    generate_archive(&s, ARTICLES as usize);
    let flags = ["--no-entities", "--commit-interval", "0.05"];
    // A complete run first, to know how long one takes here.
    let started = Instant::now();
    let summary = s.index_with(&flags);
    let full_run = started.elapsed();
    assert_eq!(summary["articles_in_index"], ARTICLES);

    // Kill points spread over the run by a fixed pseudo-random sequence. Odd rounds re-index
    // everything (--force) over a full index, so every kill lands mid-replacement; even
    // rounds start from an empty index, so kills land mid-growth. After each kill a normal
    // run must converge.
    let mut seed: u64 = 0x5eed;
    for round in 0..20 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let fraction = 0.05 + 0.9 * ((seed >> 33) as f64 / (1u64 << 31) as f64);
        let forced = round % 2 == 1;
        let mut run_flags = flags.to_vec();
        if forced {
            run_flags.push("--force");
        } else {
            std::fs::remove_dir_all(s.index_dir()).ok();
            // An empty index, so "the index opens" is a fair demand at any kill point.
            let empty = s.dir.path().join("empty");
            std::fs::create_dir_all(&empty).unwrap();
            s.morgue().arg("index").arg(&empty).assert().success();
        }
        let mut child = spawn_index(&s, &run_flags);
        std::thread::sleep(full_run.mul_f64(fraction));
        child.kill().ok(); // SIGKILL; the run may have finished already, which is fine too
        child.wait().unwrap();
        let context = format!(
            "round {round} (killed at {:.0}% of a run)",
            fraction * 100.0
        );
        let found = assert_sound(&s, ARTICLES, &context);
        eprintln!("{context}: {found} articles searchable after the kill");
        if forced {
            // Replacing a file's articles is atomic per commit: none lost, none doubled.
            assert_eq!(found, ARTICLES, "{context}");
        }

        let summary = s.index_with(&flags);
        assert_counts_add_up(&summary);
        assert_eq!(
            summary["articles_in_index"], ARTICLES,
            "{context}: {summary:#}"
        );
        let report = s.check();
        assert_eq!(report["consistent"], true, "{context}: {report:#}");
        assert_eq!(report["articles_in_manifest"], ARTICLES, "{context}");
    }
    s.morgue().arg("check").assert().success();
}

#[cfg(unix)]
#[test]
fn ctrl_c_commits_what_is_done_searches_see_it_and_the_next_run_resumes() {
    const ARTICLES: u64 = 300;
    let s = Scratch::new();
    // Files are read in walk order (sorted) on one thread: 100 small articles, then one long
    // article whose entity extraction keeps the run busy for seconds (the window in which
    // the test acts), then 200 more that the interrupted run must leave pending.
    for i in 0..ARTICLES - 1 {
        let folder = if i < 100 { "a" } else { "z" };
        s.write(
            &format!("{folder}/story-{i:03}.txt"),
            format!("Title: Council story {i}\n\nThe council met on day {i}.\n"),
        );
    }
    let paragraph = "Councillor Mary Okafor of the Harbour Party told Reuters in Lindholm that \
                     the council and the Port Authority would meet again in March. ";
    s.write(
        "m-long.txt",
        format!("Title: Council long read\n\n{}", paragraph.repeat(10_000)),
    );
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("morgue"))
        .env("MORGUE_INDEX", s.index_dir())
        .env("RAYON_NUM_THREADS", "1")
        .args(["index", "--json", "--commit-interval", "0.02"])
        .arg(s.archive())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();

    // Wait for a commit, then use the index while the run goes on.
    let deadline = Instant::now() + Duration::from_secs(120);
    let seen_mid_run = loop {
        assert!(Instant::now() < deadline, "no commit within two minutes");
        let out = s
            .morgue()
            .args(["search", "--json", "council"])
            .output()
            .unwrap();
        if out.status.success() {
            let result: Value = serde_json::from_slice(&out.stdout).unwrap();
            if total(&result) > 0 {
                break total(&result);
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    // A second indexer is refused at once while the first holds the lock.
    s.morgue()
        .arg("index")
        .arg(s.archive())
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "locked by another morgue process",
        ));
    unsafe {
        libc::kill(child.id() as libc::pid_t, libc::SIGINT);
    }
    let output = wait_with_output(&mut child);
    assert_eq!(
        output.0.code(),
        Some(130),
        "Ctrl-C exits 130 (if the run had already finished, the long article is not long enough here); stderr: {}",
        output.2
    );
    let summary: Value = serde_json::from_str(&output.1).expect("summary printed as JSON");
    assert_eq!(summary["interrupted"], true);
    assert_counts_add_up(&summary);
    let done = summary["indexed_new"].as_u64().unwrap();
    assert!(summary["pending"].as_u64().unwrap() > 0, "{summary:#}");
    assert!(done >= seen_mid_run && done < ARTICLES, "{summary:#}");
    // What the summary says was indexed is exactly what is searchable, and the manifest
    // (saved after the last commit) matches the index.
    assert_eq!(total(&s.search(&["council"])), done);
    assert_eq!(s.check()["consistent"], true);

    let resumed = s.index();
    assert_counts_add_up(&resumed);
    assert_eq!(resumed["unchanged"], done, "{resumed:#}");
    assert_eq!(resumed["indexed_new"], ARTICLES - done);
    assert_eq!(resumed["interrupted"], false);
    assert_eq!(total(&s.search(&["council"])), ARTICLES);
    assert_eq!(s.check()["consistent"], true);
}

/// Waits for a child and returns its status, stdout and stderr.
fn wait_with_output(child: &mut Child) -> (std::process::ExitStatus, String, String) {
    use std::io::Read;
    let mut stdout = String::new();
    let mut stderr = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    (child.wait().unwrap(), stdout, stderr)
}

#[cfg(unix)]
#[test]
fn a_write_error_mid_run_is_reported_and_the_last_commit_survives() {
    use std::os::unix::process::CommandExt;
    let s = Scratch::new();
    generate_archive(&s, 50);
    let first = s.index_with(&["--no-entities"]);
    assert_eq!(first["articles_in_index"], 50);

    // Much more text, written by a process that may not grow any file past 64 KB: the
    // index's segment files cannot be written, as on a full disk.
    for i in 0..200 {
        s.write(
            &format!("more/extra-{i}.txt"),
            // Numbers that do not repeat, so the text does not compress away.
            format!(
                "Title: Extra {i}\n\nShipping news from the estuary. {}",
                (0..300)
                    .map(|j| format!("{} ", i * 7919 + j * 104729))
                    .collect::<String>()
            ),
        );
    }
    let mut command = Command::new(assert_cmd::cargo::cargo_bin("morgue"));
    command
        .env("MORGUE_INDEX", s.index_dir())
        .args(["index", "--no-entities"])
        .arg(s.archive());
    unsafe {
        command.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: 64 << 10,
                rlim_max: 64 << 10,
            };
            libc::setrlimit(libc::RLIMIT_FSIZE, &limit);
            // Get EFBIG from write() instead of being killed by SIGXFSZ.
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            Ok(())
        });
    }
    let output = command.output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "stderr: {stderr}");
    assert!(stderr.contains("writing the index"), "{stderr}");
    assert!(stderr.contains("File too large"), "{stderr}");
    assert!(stderr.contains("last commit"), "{stderr}");

    // The index still holds exactly the last commit.
    assert_eq!(total(&s.search(&["council"])), 50);
    assert_eq!(total(&s.search(&["estuary"])), 0);
    assert_eq!(s.check()["consistent"], true);
    // With room again, the next run converges.
    let summary = s.index_with(&["--no-entities"]);
    assert_eq!(summary["articles_in_index"], 250);
    assert_eq!(s.check()["consistent"], true);
}

#[test]
fn huge_files_deep_folders_and_hostile_names_are_indexed_or_reported() {
    let s = Scratch::new();
    s.write("good.txt", "Title: Good\n\nThe ferry ran on time.\n");
    // 200 MB: skipped by size without being read (sparse, so the test stays cheap).
    let huge = s.write("huge.txt", "");
    std::fs::File::options()
        .write(true)
        .open(&huge)
        .unwrap()
        .set_len(200 << 20)
        .unwrap();
    // One 50 MB line: indexed, its body cut at --max-body-size and the cut reported.
    s.write("one-line.txt", "ferry timetable ".repeat(50 << 20 >> 4));
    // Entity expansion ("billion laughs") in markup: never expanded.
    let bomb = "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\"><!ENTITY lol9 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">]>";
    s.write(
        "bomb.html",
        format!("{bomb}<html><head><title>Laughs</title></head><body><p>&lol9; The ferry crossing resumed after the storm, officials said on Monday.</p></body></html>"),
    );
    s.write("bomb.xml", format!("{bomb}<lolz>&lol9;</lolz>"));
    s.write(
        "bomb.rss",
        format!(
            "{bomb}<rss><channel><item><title>Feed laughs</title><description>&lol9; The ferry \
                 feed kept its entities unexpanded.</description></item></channel></rss>"
        ),
    );
    // UTF-16 big-endian with its BOM: decoded, indexed, with a warning.
    s.write("utf16be.txt", {
        let mut bytes = vec![0xFE, 0xFF];
        for unit in "Title: Big end\n\nThe ferry from Calais.\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        bytes
    });
    // 200 folders deep.
    let deep: String = (0..200).map(|i| format!("d{i}/")).collect();
    s.write(
        &format!("{deep}deep.txt"),
        "Title: Deep\n\nThe ferry in the cellar.\n",
    );
    // Names a terminal or a shell could trip on.
    s.write("-rf.txt", "Title: Dash\n\nA ferry named after a flag.\n");
    s.write(
        "line\nbreak.txt",
        "Title: Newline\n\nA ferry with a newline.\n",
    );
    s.write("evil\u{1b}[2J\u{202e}.json", "{\"title\": ");
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"latin\xe9.txt");
        std::fs::write(
            s.archive().join(name),
            "Title: Bytes\n\nA ferry with a Latin-1 name.\n",
        )
        .unwrap();
    }

    let summary = s.index_with(&["--max-body-size", "100K"]);
    assert_counts_add_up(&summary);
    let reason = |name: &str| {
        problem_for(&summary, name)["reason"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(reason("huge.txt"), "too-large");
    let cut = problem_for(&summary, "one-line.txt");
    assert_eq!(cut["kind"], "warning");
    assert!(
        cut["detail"].as_str().unwrap().contains("only the first"),
        "{cut:#}"
    );
    // Read (XML is a format) but not a news document; the entities were never expanded.
    assert_eq!(reason("bomb.xml"), "wrong-shape");
    assert_eq!(reason(".json"), "malformed");
    let ferries = s.search(&["ferry", "--limit", "20"]);
    let found: Vec<&str> = ferries["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["title"].as_str().unwrap())
        .collect();
    for title in [
        "Good",
        "Laughs",
        "Feed laughs",
        "Deep",
        "Dash",
        "Newline",
        "Big end",
    ] {
        assert!(found.contains(&title), "{title} not found: {found:?}");
    }
    #[cfg(unix)]
    assert!(found.contains(&"Bytes"), "{found:?}");
    // The bomb's entities stayed unexpanded: the page is small in the index.
    let laughs = s.search(&["title:laughs"]);
    assert!(laughs["hits"][0]["snippets"].to_string().len() < 10_000);
    let feed = s.search(&["title:\"feed laughs\""]);
    assert!(
        feed["hits"][0]["snippets"].to_string().contains("&lol9;"),
        "{feed:#}"
    );

    // The terminal listing escapes control and bidi characters in names.
    let out = s.morgue().arg("index").arg(s.archive()).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    let listing = String::from_utf8_lossy(&out.stdout);
    assert!(
        listing.contains("evil\\u{1b}[2J\\u{202e}.json"),
        "{listing}"
    );
    assert!(!listing.contains('\u{1b}') && !listing.contains('\u{202e}'));
}

/// Options for running `morgue::ingest` in-process on the scratch archive (no entities, one
/// writer thread, a commit only at the end).
fn library_options(s: &Scratch) -> morgue::ingest::IngestOptions {
    morgue::ingest::IngestOptions {
        roots: vec![s.archive()],
        follow_links: false,
        max_file_size: 1 << 20,
        force: false,
        writer_memory: 32 << 20,
        writer_threads: 1,
        progress: false,
        gazetteer: morgue::enrich::gazetteer::Gazetteer::builtin(),
        entities: false,
        tagger: morgue::enrich::ner::Tagger::builtin_shared(),
        max_body_bytes: 1 << 20,
        commit_interval: Duration::from_secs(60),
        stop: Default::default(),
        before_read: None,
        optimize: None,
        refresh_in_memory: morgue::ingest::DEFAULT_REFRESH_IN_MEMORY,
    }
}

#[test]
fn files_that_vanish_or_change_between_walk_and_read_are_handled() {
    use morgue::ingest::{self, IngestOptions};
    use std::sync::Arc;

    let s = Scratch::new();
    s.write("stays.txt", "Title: Stays\n\nThe lighthouse stays.\n");
    s.write(
        "vanishes.txt",
        "Title: Vanishes\n\nThe lighthouse vanishes.\n",
    );
    let changes = s.write("changes.txt", "Title: Before\n\nThe lighthouse before.\n");
    let after = "Title: After\n\nThe lighthouse after the change, with more words.\n";
    let hook_target = changes.clone();
    let options = IngestOptions {
        before_read: Some(Arc::new(move |path: &Path| {
            if path.ends_with("vanishes.txt") {
                std::fs::remove_file(path).unwrap();
            } else if path == hook_target {
                std::fs::write(path, after).unwrap();
            }
        })),
        ..library_options(&s)
    };
    let index_dir = s.index_dir();
    let summary = ingest::run(&index_dir, &options).unwrap();
    let json = serde_json::to_value(&summary).unwrap();
    assert_counts_add_up(&json);
    assert_eq!(problem_for(&json, "vanishes.txt")["reason"], "unreadable");
    assert_eq!(summary.indexed_new, 2);
    // What was read is what is indexed: the file's content after the change.
    let titles = common::titles(&s.search(&["lighthouse"]));
    assert!(titles.contains(&"After".to_string()), "{titles:?}");
    assert!(!titles.contains(&"Before".to_string()), "{titles:?}");

    // The next run sees the vanished file gone and the changed one as it was read.
    let again = ingest::run(
        &index_dir,
        &IngestOptions {
            before_read: None,
            ..options
        },
    )
    .unwrap();
    assert_eq!(again.files_seen, 2);
    assert_eq!(again.unchanged, 2, "{again:#?}");
    assert_eq!(again.articles_in_index, 2);
    assert_eq!(s.check()["consistent"], true);
}

/// A big streamed file whose entities must change is never rebuilt whole in memory: when
/// the archive's alias table changes, only its stale articles are replaced; when the alias
/// lists change, all of its articles are rebuilt in parts. (The size limit is lowered to 0
/// so that a small file takes the big files' path.)
#[test]
fn a_big_streamed_file_is_refreshed_in_parts_or_only_where_stale() {
    use morgue::enrich::gazetteer::{Gazetteer, GazetteerEntry};
    use morgue::ingest::{self, IngestOptions};

    let s = Scratch::new();
    let mut lines: Vec<String> = (0..40)
        .map(|n| {
            format!(
                r#"{{"title":"Harbour note {n}","date":"2024-03-{:02}","text":"Ships waited at the harbour board's quay on day {n}, the Tromso Harbour Board said."}}"#,
                n % 28 + 1
            )
        })
        .collect();
    lines.push(r#"{"title":"Grain board meets","date":"2024-01-05","text":"The Northern Grain Council (NGC) met on Monday in Tromso. The NGC said prices would rise."}"#.to_string());
    lines.push(r#"{"title":"Harvest forecast","date":"2024-02-07","text":"The NGC expects a poor harvest, its chairman said on Tuesday."}"#.to_string());
    s.write("wire/feed.ndjson", lines.join("\n") + "\n");
    let options = IngestOptions {
        entities: true,
        refresh_in_memory: 0,
        ..library_options(&s)
    };
    let index_dir = s.index_dir();
    let first = ingest::run(&index_dir, &options).unwrap();
    assert_eq!(first.indexed_new, 1);
    // The table learnt NGC after the first pass; the second replaced the one stale article.
    assert_eq!(first.entities_refreshed, 1, "{first:#?}");
    let orgs = |query: &str| -> Vec<String> {
        let r = s.search(&[query]);
        r["hits"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|h| h["entities"]["org"].as_array().cloned().unwrap_or_default())
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(orgs("harvest"), ["Northern Grain Council"]);
    assert_eq!(total(&s.search(&["ships"])), 40);
    assert_eq!(s.check()["consistent"], true);

    // A new alias entry: every article of the file is rebuilt, in parts.
    let board = GazetteerEntry {
        kind: morgue::article::EntityKind::Org,
        canonical: "Tromso Harbour Board".into(),
        aliases: vec![],
        years: Default::default(),
    };
    let with_board = IngestOptions {
        gazetteer: Gazetteer::builtin().with_entries(vec![board]),
        ..options
    };
    let second = ingest::run(&index_dir, &with_board).unwrap();
    assert_eq!(
        (second.unchanged, second.entities_refreshed),
        (1, 1),
        "{second:#?}"
    );
    assert_eq!(second.articles_in_index, 42);
    assert_eq!(
        total(&s.search(&["ships", "--org", "Tromso Harbour Board"])),
        40
    );
    assert_eq!(orgs("harvest"), ["Northern Grain Council"]);
    assert_eq!(s.check()["consistent"], true);
}

#[test]
fn a_pathological_query_times_out_with_an_error() {
    let s = Scratch::new();
    for i in 0..300 {
        s.write(
            &format!("s{i}.txt"),
            format!("Title: S{i}\n\n{}", "the cat and the dog ".repeat(300)),
        );
    }
    s.index_with(&["--no-entities"]);
    // An 8-word phrase of one common word with a slop: tens of milliseconds per article, in
    // a debug build seconds in all. The deadline stops the search between articles, and the
    // process ends (the search is stopped, not left running).
    let phrase = format!("\"{}\"~10", ["the"; 8].join(" "));
    s.morgue()
        .args(["search", "--timeout", "0.3", &phrase])
        .timeout(Duration::from_secs(60))
        .assert()
        .code(1)
        .stderr(predicates::str::contains("took longer than 0.3 s"))
        .stderr(predicates::str::contains("--timeout"));
    // Longer sloppy phrases grow exponentially inside one article, where no deadline can
    // reach: they are refused as a bad query.
    let long = format!("\"{}\"~100000", vec!["the"; 40].join(" "));
    s.morgue()
        .args(["search", &long])
        .timeout(Duration::from_secs(60))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("at most 8 words"));
    // Ordinary queries are unaffected by the limit.
    assert_eq!(total(&s.search(&["--timeout", "30", "\"the cat\""])), 300);
}

/// Rewriting every file again and again, with a commit every few milliseconds and a run
/// stopped half-way each other time, makes tantivy merge segments while deletes and commits
/// go on. Whatever the interleaving, each file's article must be in the index exactly once,
/// and a stopped run (even a `--force` one) leaves the rest to the next plain run.
#[test]
fn replacing_every_file_under_frequent_commits_keeps_each_article_once() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

    const FILES: usize = 400;
    let s = Scratch::new();
    let write_all = |round: usize| {
        for i in 0..FILES {
            let words: Vec<String> = (0..(20 + (i * 7 + round * 13) % 90))
                .map(|w| format!("w{}r{round}", (w * 31 + i) % 997))
                .collect();
            s.write(
                &format!("a{i:04}.txt"),
                format!("Title: Article {i} round {round}\n\n{}\n", words.join(" ")),
            );
        }
    };
    write_all(0);
    let mut options = library_options(&s);
    options.writer_threads = 2;
    morgue::ingest::run(&s.index_dir(), &options).unwrap();
    options.commit_interval = Duration::from_millis(2);
    // Rounds 1-4 rewrite every file; round 5 rewrites none but re-reads them all (--force).
    for round in 1..=5 {
        let force = round == 5;
        if !force {
            write_all(round);
        }
        let mut re_read = 0;
        if round % 2 == 1 {
            let stop = Arc::new(AtomicBool::new(false));
            let reads = Arc::new(AtomicUsize::new(0));
            let mut stopped = options.clone();
            stopped.force = force;
            stopped.stop = stop.clone();
            stopped.before_read = Some(Arc::new(move |_: &Path| {
                if reads.fetch_add(1, Ordering::SeqCst) == FILES / 2 {
                    stop.store(true, Ordering::SeqCst);
                }
            }));
            let summary = morgue::ingest::run(&s.index_dir(), &stopped).unwrap();
            assert!(
                summary.interrupted,
                "round {round}: the run was not stopped"
            );
            re_read = summary.indexed_updated;
        }
        let summary = morgue::ingest::run(&s.index_dir(), &options).unwrap();
        assert_eq!(
            summary.indexed_new + summary.indexed_updated + summary.unchanged,
            FILES
        );
        // What a stopped run did not reach is read by the next plain run, --force or not.
        assert_eq!(summary.indexed_updated, FILES - re_read, "round {round}");
        let index = morgue::index::MorgueIndex::open(&s.index_dir()).unwrap();
        let report = morgue::check::check(&index).unwrap();
        assert!(report.consistent, "round {round}: {report:?}");
        assert_eq!(report.articles_in_index, FILES as u64, "round {round}");
    }
}
