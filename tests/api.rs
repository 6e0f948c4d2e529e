//! `morgue serve`'s HTTP API, end to end: the real binary on a free loopback port over an
//! index of the sample archive, asked over plain HTTP/1.1 and compared with what the CLI
//! prints for the same flags.

mod common;

use common::server::Server;
use common::{Scratch, sample_corpus};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The sample archive's index, built once for all tests of this file in this process (under
/// cargo's folder for test scratch, replaced on every run). The folder is the process's own:
/// `cargo nextest` runs each test in a process of its own, and two of them rebuilding one
/// folder at once failed each other.
fn sample_index() -> &'static Path {
    static INDEX: OnceLock<PathBuf> = OnceLock::new();
    INDEX.get_or_init(|| {
        let scratch = Path::new(env!("CARGO_TARGET_TMPDIR"));
        remove_indexes_of_finished_runs(scratch);
        let dir = scratch.join(format!("{SAMPLE_INDEX}{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let status = morgue(&dir)
            .args(["index", "--json"])
            .arg(sample_corpus())
            .output()
            .unwrap()
            .status;
        // 3: indexed, with the sample's deliberately broken files skipped.
        assert_eq!(status.code(), Some(3));
        dir
    })
}

const SAMPLE_INDEX: &str = "api-sample-index-";

/// Sample indexes left by test processes that have ended (Linux: no `/proc/PID`).
fn remove_indexes_of_finished_runs(scratch: &Path) {
    if !cfg!(target_os = "linux") {
        return;
    }
    for entry in std::fs::read_dir(scratch).into_iter().flatten().flatten() {
        let name = entry.file_name();
        let pid = name
            .to_str()
            .and_then(|n| n.strip_prefix(SAMPLE_INDEX))
            .and_then(|p| p.parse::<u32>().ok());
        if let Some(pid) = pid
            && !Path::new(&format!("/proc/{pid}")).exists()
        {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fn morgue(index: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_morgue"));
    cmd.env("MORGUE_INDEX", index)
        .env_remove("MORGUE_GAZETTEER")
        .env("NO_COLOR", "1");
    cmd
}

/// What `morgue ARGS... --json` prints, parsed.
fn cli_json(args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.push("--json");
    serde_json::from_slice(&cli_stdout(&args)).unwrap()
}

/// What `morgue ARGS...` writes to standard output (it must succeed).
fn cli_stdout(args: &[&str]) -> Vec<u8> {
    let out = morgue(sample_index()).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

#[test]
fn search_answers_what_the_cli_prints_for_the_same_flags() {
    let server = Server::start(sample_index(), &[]);
    // The CLI's flags, and the same search as query parameters.
    type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)]);
    let cases: &[Case] = &[
        (
            &[
                "phone call",
                "--person",
                "Vladimir Putin",
                "--from",
                "2025-02",
                "--facet",
                "month",
                "--facet",
                "person",
            ],
            &[
                ("q", "phone call"),
                ("person", "Vladimir Putin"),
                ("from", "2025-02"),
                ("facet", "month"),
                ("facet", "person"),
            ],
        ),
        (
            &[
                "summit",
                "--sort=-date",
                "--limit",
                "3",
                "--offset",
                "1",
                "--facet",
                "source",
            ],
            &[
                ("q", "summit"),
                ("sort", "-date"),
                ("limit", "3"),
                ("offset", "1"),
                ("facet", "source"),
            ],
        ),
        (
            &[
                "sanctions energy",
                "--match",
                "any",
                "--all-copies",
                "--facet-limit",
                "2",
                "--facet",
                "place",
            ],
            &[
                ("q", "sanctions energy"),
                ("match", "any"),
                ("all_copies", "true"),
                ("facet_limit", "2"),
                ("facet", "place"),
            ],
        ),
        (
            &["--undated", "--facet", "year"],
            &[("undated", ""), ("facet", "year")],
        ),
        (
            &[
                "minister",
                "--not-person",
                "Donald Trump",
                "--not-source",
                "Global Dispatch",
                "--facet",
                "person",
            ],
            &[
                ("q", "minister"),
                ("not_person", "Donald Trump"),
                ("not_source", "Global Dispatch"),
                ("facet", "person"),
            ],
        ),
        (
            &[
                "title:summit OR event:\"SCO summit\"",
                "--to",
                "2025",
                "--place",
                "China",
            ],
            &[
                ("q", "title:summit OR event:\"SCO summit\""),
                ("to", "2025"),
                ("place", "China"),
            ],
        ),
        // (--explain with a phrase trips a debug assertion inside tantivy's phrase scorer,
        // on main too: explained here on words only.)
        (
            &["sanctions", "--explain", "--limit", "2"],
            &[("q", "sanctions"), ("explain", "1"), ("limit", "2")],
        ),
    ];
    for (flags, params) in cases {
        let mut args = vec!["search"];
        args.extend_from_slice(flags);
        let expected = cli_json(&args);
        let query: Vec<String> = params
            .iter()
            .map(|(n, v)| format!("{n}={}", encode(v)))
            .collect();
        let answer = server.json(&format!("/api/search?{}", query.join("&")));
        assert_eq!(answer, expected, "{flags:?}");
        assert!(
            expected["total"].as_u64().unwrap() > 0,
            "{flags:?} finds something"
        );
    }
}

#[test]
fn pages_and_orders_of_one_search_count_the_same_facets_as_the_cli() {
    // The server remembers facet counts per query and filters (not per page or order): each
    // page state must still answer exactly what the CLI, which counts afresh, prints.
    let server = Server::start(sample_index(), &[]);
    let facets = ["--facet", "month", "--facet", "person", "--facet", "source"];
    let states: &[&[&str]] = &[
        &["summit"],
        &["summit", "--sort=-date", "--offset", "2"],
        &["summit", "--sort=date", "--limit", "1", "--offset", "1"],
        &["summit", "--from", "2025"],
        &["summit", "--from", "2025", "--sort=-date"],
        &["summit", "--facet-limit", "1"],
        // Fewer full matches than the page: the counts cover the partial matches listed.
        &["summit sanctions ukraine", "--limit", "30"],
        &["summit sanctions ukraine", "--limit", "30", "--sort=-date"],
    ];
    let mut partial_seen = false;
    for flags in states {
        let mut args = vec!["search"];
        args.extend_from_slice(flags);
        args.extend_from_slice(&facets);
        let expected = cli_json(&args);
        partial_seen |= expected["partial_of_words"].as_u64() > Some(0);
        let mut query = vec![format!("q={}", encode(flags[0]))];
        let mut rest = flags[1..].iter();
        while let Some(flag) = rest.next() {
            let (name, value) = match flag.split_once('=') {
                Some((name, value)) => (name, value.to_string()),
                None => (*flag, rest.next().unwrap().to_string()),
            };
            let name = name.trim_start_matches("--").replace('-', "_");
            query.push(format!("{name}={}", encode(&value)));
        }
        for facet in ["month", "person", "source"] {
            query.push(format!("facet={facet}"));
        }
        let answer = server.json(&format!("/api/search?{}", query.join("&")));
        assert_eq!(answer, expected, "{flags:?}");
        assert!(
            !expected["facets"][1]["values"]
                .as_array()
                .unwrap()
                .is_empty()
        );
    }
    assert!(partial_seen, "one state lists partial matches");
}

#[test]
fn an_article_is_served_whole_by_its_hit_id() {
    let server = Server::start(sample_index(), &[]);
    let hits = server.json("/api/search?q=phone+call&limit=3");
    let hit = &hits["hits"][0];
    let id = hit["id"].as_str().unwrap();
    let article = server.json(&format!("/api/article/{}", encode(id)));
    for field in [
        "id", "path", "title", "date", "source", "entities", "language",
    ] {
        assert_eq!(article[field], hit[field], "{field}");
    }
    let body = article["body"].as_str().unwrap();
    let file = std::fs::read_to_string(hit["path"].as_str().unwrap()).unwrap();
    // The body is the article's text as indexed: its words are in the file.
    assert!(body.len() > 200, "{body}");
    let first_words: String = body
        .split_whitespace()
        .take(6)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        file.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .contains(&first_words),
        "{first_words}"
    );
    assert_eq!(
        server.json(&format!("/api/article?id={}", encode(id))),
        article
    );

    let missing = server.get(&format!("/api/article/{}", encode("/no/such/file.txt")));
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json()["error"]["status"], 404);
    assert!(
        missing.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("/no/such/file.txt")
    );
}

#[test]
fn bad_requests_get_a_json_400_naming_the_problem() {
    let server = Server::start(sample_index(), &[]);
    let cases = [
        ("/api/search?q=%22unbalanced", "syntax error"),
        ("/api/search?from=2025-13", "from"),
        ("/api/search?to=yesterday", "to"),
        ("/api/search?from=2025-03&to=2025-02", "after"),
        ("/api/search?limit=lots", "limit"),
        ("/api/search?facet=colour", "facet"),
        ("/api/search?sort=up", "sort"),
        ("/api/search?colour=red", "colour"),
        ("/api/timeline?q=a&interval=fortnight", "interval"),
        ("/api/timeline", "queries"),
        ("/api/cooccurring?name=Putin", "type"),
        ("/api/entities?type=animal", "type"),
        ("/api/article/%FF%FE", ""),
    ];
    for (path, says) in cases {
        let response = server.get(path);
        assert_eq!(response.status, 400, "{path}: {}", response.text());
        let error = &response.json()["error"];
        assert_eq!(error["status"], 400, "{path}");
        let message = error["message"].as_str().unwrap();
        assert!(message.contains(says), "{path}: {message}");
        assert_eq!(response.header("content-type"), Some("application/json"));
    }
}

#[test]
fn no_path_reaches_a_file_on_disk_and_foreign_hosts_are_refused() {
    let server = Server::start(sample_index(), &[]);
    let attempts = [
        "/assets/../Cargo.toml",
        "/assets/..%2fCargo.toml",
        "/assets/%2e%2e%2fCargo.toml",
        "/%2e%2e/Cargo.toml",
        "/../Cargo.toml",
        "/assets/../../../../etc/passwd",
        "/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/Cargo.toml",
        "/src/serve/assets/app.js",
        "//etc/passwd",
        "/api/article/..%2f..%2fCargo.toml",
    ];
    for path in attempts {
        let response = server.get(path);
        assert!(
            (400..500).contains(&response.status),
            "{path}: {}",
            response.status
        );
        let text = response.text();
        assert!(
            !text.contains("[package]") && !text.contains("root:"),
            "{path}: {text}"
        );
    }
    for host in [
        "evil.example",
        "evil.example:80",
        "127.0.0.1",
        "localhost:1",
    ] {
        let response = server.get_as("/", host);
        assert_eq!(response.status, 421, "{host}");
        assert!(!response.text().contains("<html"), "{host}");
        let api = server.get_as("/api/stats", host);
        assert_eq!(api.status, 421, "{host}");
        assert!(!api.text().contains("articles"), "{host}");
    }
    let port = server.addr.rsplit(':').next().unwrap();
    assert_eq!(server.get_as("/", &format!("localhost:{port}")).status, 200);
    let no_host = server.request("GET / HTTP/1.0\r\n\r\n");
    assert!((400..500).contains(&no_host.status), "{}", no_host.status);
}

#[test]
fn the_page_and_its_files_are_served_with_a_content_policy_and_no_cors() {
    let server = Server::start(sample_index(), &[]);
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/serve/assets");
    // Every JavaScript module of the page (app.js imports the others) is served.
    let mut files = vec![
        ("/".to_string(), "index.html".to_string(), "text/html"),
        ("/assets/style.css".into(), "style.css".into(), "text/css"),
    ];
    for entry in std::fs::read_dir(&assets).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".js") {
            files.push((format!("/assets/{name}"), name, "text/javascript"));
        }
    }
    assert!(files.len() > 5, "{files:?}");
    for (path, file, content_type) in files {
        let response = server.request(&format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nOrigin: http://evil.example\r\nConnection: close\r\n\r\n",
            server.addr
        ));
        assert_eq!(response.status, 200, "{path}");
        assert_eq!(
            response.body,
            std::fs::read(assets.join(file)).unwrap(),
            "{path}"
        );
        assert!(
            response
                .header("content-type")
                .unwrap()
                .starts_with(content_type)
        );
        let policy = response.header("content-security-policy").expect("CSP");
        assert!(policy.contains("default-src 'none'") && policy.contains("script-src 'self'"));
        assert!(!policy.contains("unsafe-inline"));
        assert_eq!(response.header("x-content-type-options"), Some("nosniff"));
        assert!(response.header("access-control-allow-origin").is_none());
    }
    // Every answer carries the policy, errors included; no route takes a POST.
    assert!(
        server
            .get("/nothing")
            .header("content-security-policy")
            .is_some()
    );
    let post = server.request(&format!(
        "POST /api/search HTTP/1.1\r\nHost: {}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        server.addr
    ));
    assert_eq!(post.status, 405);
    let preflight = server.request(&format!(
        "OPTIONS /api/search HTTP/1.1\r\nHost: {}\r\nOrigin: http://evil.example\r\nConnection: close\r\n\r\n",
        server.addr
    ));
    assert!(preflight.header("access-control-allow-origin").is_none());
    let openapi = server.json("/api/openapi.json");
    for path in ["/api/search", "/api/export"] {
        assert!(openapi["paths"][path].is_object(), "{path}");
    }
}

#[test]
fn stats_and_entities_answer_what_the_cli_prints() {
    let server = Server::start(sample_index(), &[]);
    assert_eq!(
        server.json("/api/stats?top=3"),
        cli_json(&["stats", "--top", "3"])
    );
    assert_eq!(
        server.json("/api/entities?type=person&type=place&top=5"),
        cli_json(&[
            "entities", "--type", "person", "--type", "place", "--top", "5"
        ])
    );
}

#[test]
fn a_timeline_counts_each_query_per_period_as_search_does() {
    let server = Server::start(sample_index(), &[]);
    let timeline = server.json("/api/timeline?q=putin&q=xi&interval=month&share=true");
    let periods: Vec<&str> = timeline["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert!(periods.windows(2).all(|w| w[0] < w[1]), "{periods:?}");
    let all = timeline["all"].as_array().unwrap();
    for (series, query) in timeline["series"]
        .as_array()
        .unwrap()
        .iter()
        .zip(["putin", "xi"])
    {
        assert_eq!(series["query"], query);
        let counts: Vec<u64> = series["counts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_u64().unwrap())
            .collect();
        assert_eq!(counts.len(), periods.len());
        // The same numbers as the month facet of the same search.
        let search = cli_json(&[
            "search",
            query,
            "--match",
            "all",
            "--limit",
            "0",
            "--facet",
            "month",
            "--facet-limit",
            "100000",
        ]);
        let months = &search["facets"][0];
        for value in months["values"].as_array().unwrap() {
            let at = periods
                .iter()
                .position(|p| *p == value["value"].as_str().unwrap())
                .expect("every month with hits is a period");
            assert_eq!(counts[at], value["count"].as_u64().unwrap());
        }
        let dated: u64 = counts.iter().sum();
        assert_eq!(
            dated + months["undated"].as_u64().unwrap(),
            search["total"].as_u64().unwrap()
        );
        assert_eq!(series["total"], search["total"]);
        for ((share, count), of) in series["share"]
            .as_array()
            .unwrap()
            .iter()
            .zip(&counts)
            .zip(all)
        {
            let of = of.as_u64().unwrap();
            assert!(*count <= of);
            let expected = if of == 0 {
                0.0
            } else {
                *count as f64 / of as f64
            };
            assert!((share.as_f64().unwrap() - expected).abs() < 1e-9);
        }
    }
    let weeks = server.json("/api/timeline?q=putin&interval=week&from=2025-02&to=2025-02");
    for week in weeks["periods"].as_array().unwrap() {
        let day: jiff::civil::Date = week.as_str().unwrap().parse().unwrap();
        assert_eq!(day.weekday(), jiff::civil::Weekday::Monday);
    }
}

#[test]
fn cooccurring_names_are_counted_over_the_entitys_articles() {
    let server = Server::start(sample_index(), &[]);
    let answer = server.json("/api/cooccurring?type=person&name=Putin&top=5");
    assert_eq!(answer["name"], "Vladimir Putin");
    let search = cli_json(&[
        "search",
        "--person",
        "Putin",
        "--limit",
        "0",
        "--facet",
        "person",
        "--facet",
        "place",
        "--facet-limit",
        "6",
    ]);
    assert_eq!(answer["articles"], search["total"]);
    let people = &answer["cooccurring"][0];
    assert_eq!(people["name"], "person");
    let names: Vec<&str> = people["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["value"].as_str().unwrap())
        .collect();
    assert!(!names.is_empty() && names.len() <= 5, "{names:?}");
    assert!(!names.contains(&"Vladimir Putin"), "{names:?}");
    let expected: Vec<&Value> = search["facets"][0]["values"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["value"] != "Vladimir Putin")
        .take(5)
        .collect();
    let got: Vec<&Value> = people["values"].as_array().unwrap().iter().collect();
    assert_eq!(got, expected);
}

#[test]
fn a_search_out_of_time_is_a_json_408_and_the_rate_limit_a_429() {
    let slow = Server::start(sample_index(), &["--timeout", "0.000001"]);
    let response = slow.get("/api/search?q=putin&facet=month");
    assert_eq!(response.status, 408, "{}", response.text());
    assert!(
        response.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("took longer")
    );
    // An export is not a search with a deadline: it runs as long as the archive is big.
    let export = slow.get("/api/export?q=putin&format=ndjson");
    assert_eq!(export.status, 200, "{}", export.text());
    assert!(export.text().lines().count() > 1, "{}", export.text());
    assert_eq!(export.body, cli_export(&["putin", "--format", "ndjson"]));
    drop(slow);

    let limited = Server::start(sample_index(), &["--rate-limit", "3"]);
    let statuses: Vec<u16> = (0..12)
        .map(|_| limited.get("/api/openapi.json").status)
        .collect();
    assert!(statuses.contains(&200), "{statuses:?}");
    assert!(statuses.contains(&429), "{statuses:?}");
}

/// What `morgue export ARGS...` writes to standard output.
fn cli_export(args: &[&str]) -> Vec<u8> {
    let mut all = vec!["export"];
    all.extend_from_slice(args);
    cli_stdout(&all)
}

fn query_string(params: &[(&str, &str)]) -> String {
    params
        .iter()
        .map(|(n, v)| format!("{n}={}", encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

#[test]
fn an_export_answers_the_bytes_morgue_export_writes_for_the_same_flags() {
    let server = Server::start(sample_index(), &[]);
    type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)]);
    let cases: &[Case] = &[
        (
            &["minister", "--not-person", "Donald Trump"],
            &[("q", "minister"), ("not_person", "Donald Trump")],
        ),
        (
            &["sanctions energy", "--match", "any", "--from", "2025-02"],
            &[
                ("q", "sanctions energy"),
                ("match", "any"),
                ("from", "2025-02"),
            ],
        ),
        // The page's whole state: paging, order and facets do not change what is exported.
        (
            &["--person", "Putin"],
            &[
                ("person", "Putin"),
                ("sort", "-date"),
                ("offset", "20"),
                ("facet", "month"),
            ],
        ),
    ];
    for (flags, params) in cases {
        for (format, content_type) in [("ndjson", "application/x-ndjson"), ("csv", "text/csv")] {
            let mut args = flags.to_vec();
            args.extend(["--format", format]);
            let expected = cli_export(&args);
            let response = server.get(&format!(
                "/api/export?{}&format={format}",
                query_string(params)
            ));
            assert_eq!(response.status, 200, "{flags:?}: {}", response.text());
            assert!(
                response
                    .header("content-type")
                    .unwrap()
                    .starts_with(content_type)
            );
            assert_eq!(
                response.header("content-disposition"),
                Some(format!("attachment; filename=\"morgue-export.{format}\"").as_str())
            );
            // Streamed, not sized up front.
            assert_eq!(response.header("transfer-encoding"), Some("chunked"));
            assert_eq!(response.body, expected, "{flags:?} {format}");
            assert!(expected.len() > 500, "{flags:?} exports something");
        }
    }
    // Every line is an article with its body; as many as a search counts with match=all.
    let lines = server.get("/api/export?q=minister&format=ndjson").text();
    let search = server.json("/api/search?q=minister&match=all&limit=0");
    assert_eq!(
        lines.lines().count() as u64,
        search["total"].as_u64().unwrap()
    );
    for line in lines.lines() {
        let article: Value = serde_json::from_str(line).unwrap();
        assert!(!article["body"].as_str().unwrap().is_empty());
    }
}

#[test]
fn a_bad_export_is_a_json_400_before_any_row() {
    let server = Server::start(sample_index(), &[]);
    for (path, says) in [
        ("/api/export?q=minister", "format"),
        ("/api/export?q=minister&format=bulk", "format"),
        ("/api/export?q=%22unbalanced&format=csv", "syntax error"),
        ("/api/export?format=csv&from=2025-13", "from"),
    ] {
        let response = server.get(path);
        assert_eq!(response.status, 400, "{path}: {}", response.text());
        assert_eq!(response.header("content-type"), Some("application/json"));
        let message = response.json()["error"]["message"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(message.contains(says), "{path}: {message}");
    }
}

#[test]
fn a_cached_answer_is_byte_identical_and_a_new_commit_replaces_it() {
    let scratch = Scratch::with_files(&[(
        "one.txt",
        "Zebra crossing opens\n\nThe council opened a zebra crossing on the high street on Monday.\n",
    )]);
    scratch.index();
    let server = Server::start(&scratch.index_dir(), &[]);
    let path = "/api/search?q=zebra&facet=month&facet=source";
    let first = server.get(path);
    assert_eq!(first.status, 200);
    assert_eq!(first.header("x-morgue-cache"), Some("miss"));
    assert_eq!(first.json()["total"], 1);
    // The same search asked again, with its parameters in another order and a default
    // spelled out: the same bytes, from the cache.
    for again in [
        path,
        "/api/search?facet=month&limit=10&q=zebra&facet=source",
    ] {
        let response = server.get(again);
        assert_eq!(response.header("x-morgue-cache"), Some("hit"), "{again}");
        assert_eq!(response.body, first.body, "{again}");
    }
    // Another facet order is another answer.
    let other = server.get("/api/search?q=zebra&facet=source&facet=month");
    assert_eq!(other.header("x-morgue-cache"), Some("miss"));

    scratch.write(
        "two.txt",
        "Second zebra crossing\n\nA second zebra crossing was painted near the school.\n",
    );
    scratch.index();
    // The server's reader follows the commit shortly after it; from then on the answer is
    // the new index's, not the cached one.
    let waited = std::time::Instant::now();
    let changed = loop {
        let response = server.get(path);
        if response.json()["total"] == 2 {
            break response;
        }
        assert_eq!(
            response.body, first.body,
            "an answer is the old or the new one"
        );
        assert!(
            waited.elapsed() < std::time::Duration::from_secs(20),
            "the server never saw the new commit"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    assert_eq!(changed.header("x-morgue-cache"), Some("miss"));
    assert_eq!(server.get(path).header("x-morgue-cache"), Some("hit"));

    // Without a cache, no header and the same answer.
    let uncached = Server::start(&scratch.index_dir(), &["--cache-mb", "0"]);
    let response = uncached.get(path);
    assert_eq!(response.header("x-morgue-cache"), None);
    assert_eq!(response.json(), changed.json());
}
