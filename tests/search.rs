//! End to end: query syntax, filters, facets, sorting, snippets and JSON output of
//! `morgue search`, over a small archive whose every fact the tests know.

mod common;

use common::{Scratch, facet, titles, total};
use serde_json::Value;

/// Eight articles in five formats: six dated (2023 x2, 2024 x1, 2025 x3) and two undated.
fn news_archive() -> Scratch {
    let s = Scratch::new();
    s.write(
        "2025/xi-putin.txt",
        "Title: Xi and Putin speak by phone\nDate: 2025-02-24\nSource: Continental Wire\nAuthor: Mara Lind\n\n\
         President Vladimir Putin and Chinese President Xi Jinping held a phone call on Monday.\n\n\
         The leaders discussed ties between China and Russia and the coming Shanghai Cooperation \
         Organisation summit. Putin briefed Xi on talks about Ukraine.\n",
    );
    s.write(
        "2025/energy.md",
        "---\ntitle: Sanctions squeeze Russian energy exports\ndate: 2025-03-10\nsource: Harbour City Times\nauthors: [Ines Varga, Tom Achebe]\n---\n\
         New sanctions adopted by the European Union are cutting into Russia's energy exports, \
         officials said. Vladimir Putin called the measures illegal. Oil revenue fell for a third month.\n",
    );
    s.write(
        "2025/trade.json",
        r#"{"headline": "EU weighs new sanctions", "datePublished": "2025-03-15",
            "publisher": "Continental Wire", "byline": "Sam Osei",
            "text": "European Union ministers weighed new sanctions on Thursday. Exports of gas and the energy market dominated the meeting in Brussels."}"#,
    );
    s.write(
        "web/olympics.html",
        r#"<!doctype html><html lang="en"><head><title>Paris prepares for the Olympics | Meridian Daily</title>
        <meta property="og:title" content="Paris prepares for the Olympics">
        <meta property="og:site_name" content="Meridian Daily">
        <meta property="article:published_time" content="2024-07-20T10:00:00Z"></head>
        <body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
        <div class="ad">Advertisement: buy shoes</div>
        <article><h1>Paris prepares for the Olympics</h1>
        <p>Paris put the final touches to its venues on Saturday as France prepared to welcome athletes from around the world.</p>
        <p>President Emmanuel Macron toured the athletes' village and praised the thousands of volunteers who built it.</p>
        <p>Organisers said security along the Seine would be the tightest the city has seen in decades.</p></article>
        <footer>Copyright Meridian Daily</footer></body></html>"#,
    );
    s.write(
        "feeds/wire.jsonl",
        concat!(
            r#"{"title": "Zelensky visits Brussels", "date": "2023-05-01", "source": "Continental Wire", "text": "Volodymyr Zelensky met European leaders in Brussels to discuss support for Ukraine."}"#,
            "\n",
            r#"{"title": "Climate talks open in Dubai", "date": "2023-11-30", "source": "Harbour City Times", "text": "Delegates gathered in Dubai for the climate conference, with fossil fuels at the centre of the talks."}"#,
            "\n",
            r#"{"title": "Council approves library budget", "source": "Harbour City Times", "text": "The city council approved the library budget after a long debate about opening hours."}"#,
            "\n"
        ),
    );
    s.write(
        "clippings/putin-economy.txt",
        "Putin remarks on the economy\n\nVladimir Putin said the economy had adapted to pressure from abroad.\n",
    );
    s.index();
    s
}

#[test]
fn plain_words_must_all_match_and_are_stemmed() {
    let s = news_archive();
    assert_eq!(total(&s.search(&["sanctions"])), 2);
    // Stemming: "sanction" finds "sanctions"; ASCII folding is covered by the index tests.
    assert_eq!(total(&s.search(&["sanction"])), 2);
    // Two words: both must match (the default is AND, as users expect); articles with one
    // of them are listed after, as partial matches (tests/ranking.rs).
    assert_eq!(
        total(&s.search(&["sanctions olympics", "--match", "all"])),
        0
    );
    assert_eq!(s.search(&["sanctions olympics"])["full_matches"], 0);
}

#[test]
fn boolean_operators_mean_what_they_say() {
    let s = news_archive();
    assert_eq!(total(&s.search(&["sanctions OR olympics"])), 3);
    assert_eq!(total(&s.search(&["sanctions AND gas"])), 1);
    assert_eq!(
        titles(&s.search(&["sanctions NOT gas"])),
        ["Sanctions squeeze Russian energy exports"]
    );
    assert_eq!(
        titles(&s.search(&["sanctions -gas"])),
        ["Sanctions squeeze Russian energy exports"]
    );
}

#[test]
fn phrases_and_slop() {
    let s = news_archive();
    // "energy exports" is a phrase in one article; the other has both words apart.
    assert_eq!(
        titles(&s.search(&["\"energy exports\""])),
        ["Sanctions squeeze Russian energy exports"]
    );
    assert_eq!(total(&s.search(&["sanctions AND \"energy exports\""])), 1);
    assert_eq!(total(&s.search(&["\"gas energy\"~5"])), 1);
    assert_eq!(total(&s.search(&["\"gas energy\""])), 0);
}

#[test]
fn field_scopes() {
    let s = news_archive();
    assert_eq!(
        titles(&s.search(&["title:olympics"])),
        ["Paris prepares for the Olympics"]
    );
    assert_eq!(total(&s.search(&["title:putin"])), 2);
    assert_eq!(total(&s.search(&["person:putin"])), 3);
    assert_eq!(total(&s.search(&["source:\"continental wire\""])), 3);
    assert_eq!(total(&s.search(&["place:brussels"])), 2);
}

#[test]
fn title_matches_rank_first() {
    let s = news_archive();
    let hits = titles(&s.search(&["putin"]));
    assert_eq!(hits.len(), 3);
    assert!(
        hits[..2].contains(&"Putin remarks on the economy".to_string()),
        "{hits:?}"
    );
    assert!(
        hits[..2].contains(&"Xi and Putin speak by phone".to_string()),
        "{hits:?}"
    );
}

#[test]
fn entity_filters_accept_any_alias_and_are_anded() {
    let s = news_archive();
    for name in ["Vladimir Putin", "putin", "PUTIN", "Vladimir V. Putin"] {
        assert_eq!(total(&s.search(&["--person", name])), 3, "--person {name}");
    }
    assert_eq!(
        total(&s.search(&["--person", "Putin", "--person", "Xi Jinping"])),
        1
    );
    assert_eq!(total(&s.search(&["--place", "Russia"])), 2);
    assert_eq!(total(&s.search(&["--org", "EU"])), 2);
    assert_eq!(
        total(&s.search(&["--org", "European Union", "--place", "Brussels"])),
        1
    );
    assert_eq!(total(&s.search(&["--person", "Nobody Atall"])), 0);
}

#[test]
fn a_known_name_filters_by_its_entity_not_by_longer_names_that_contain_it() {
    let s = Scratch::new();
    let article = |name: &str, title: &str, body: &str| {
        s.write(
            &format!("{name}.txt"),
            format!("Title: {title}\nDate: 2024-04-02\n\n{body}\n"),
        );
    };
    article(
        "china",
        "Trade figures",
        "China reported higher exports on Tuesday, the customs office in Beijing said.",
    );
    article(
        "sea",
        "Patrols at sea",
        "Ships from several navies patrolled the South China Sea on Tuesday, officials said.",
    );
    article(
        "council",
        "A vote delayed",
        "The UN Security Council delayed a vote on the resolution until next week.",
    );
    article(
        "assembly",
        "Assembly debate",
        "The United Nations opened its general debate in New York on Tuesday.",
    );
    s.index();
    let found = |flag: &str, name: &str| {
        let result = s.search(&[flag, name, "--sort", "date"]);
        let mut t = titles(&result);
        t.sort();
        t
    };
    // Every alias of a known entity finds that entity's articles, and only those.
    for name in ["China", "PRC", "china"] {
        assert_eq!(found("--place", name), ["Trade figures"], "--place {name}");
    }
    assert_eq!(found("--place", "South China Sea"), ["Patrols at sea"]);
    for name in ["UN", "United Nations", "U.N."] {
        assert_eq!(found("--org", name), ["Assembly debate"], "--org {name}");
    }
    assert_eq!(found("--org", "Security Council"), ["A vote delayed"]);
    // A name the gazetteer does not know still matches by its words among stored names.
    let tagged: Vec<(String, u64)> = facet(&s.search(&["--facet", "place"]), "place");
    let sea = tagged.iter().any(|(name, _)| name == "South China Sea");
    assert!(sea, "the archive's places: {tagged:?}");
    assert_eq!(found("--place", "china sea"), ["Patrols at sea"]);
}

#[test]
fn date_filters_are_inclusive_periods() {
    let s = news_archive();
    assert_eq!(total(&s.search(&["--from", "2025-03"])), 2);
    assert_eq!(total(&s.search(&["--from", "2025", "--to", "2025-02"])), 1);
    assert_eq!(total(&s.search(&["--to", "2023"])), 2);
    assert_eq!(
        total(&s.search(&["--from", "2024-07-20", "--to", "2024-07-20"])),
        1
    );
    assert_eq!(
        total(&s.search(&["--from", "2023-05-02", "--to", "2023-11-29"])),
        0
    );
    let undated = s.search(&["--undated"]);
    assert_eq!(total(&undated), 2);
    for hit in undated["hits"].as_array().unwrap() {
        assert_eq!(hit["date"], Value::Null);
        assert_eq!(hit["date_source"], "none");
    }
}

#[test]
fn bad_dates_are_usage_errors() {
    let s = news_archive();
    for args in [
        vec!["--from", "2025-13"],
        vec!["--to", "yesterday"],
        vec!["--from", "2025-03", "--to", "2025-01"],
        vec!["--undated", "--from", "2024"],
    ] {
        s.morgue()
            .arg("search")
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicates::str::contains("morgue: error:"));
    }
}

#[test]
fn source_filter_is_case_insensitive_and_repeatable() {
    let s = news_archive();
    assert_eq!(total(&s.search(&["--source", "continental wire"])), 3);
    assert_eq!(total(&s.search(&["--source", "MERIDIAN DAILY"])), 1);
    assert_eq!(
        total(&s.search(&[
            "--source",
            "Meridian Daily",
            "--source",
            "Harbour City Times"
        ])),
        4
    );
}

#[test]
fn facets_count_the_whole_result_set_not_the_page() {
    let s = news_archive();
    let r = s.search(&[
        "--limit", "1", "--facet", "year", "--facet", "month", "--facet", "person", "--facet",
        "source",
    ]);
    assert_eq!(r["hits"].as_array().unwrap().len(), 1);
    assert_eq!(total(&r), 8);
    assert_eq!(
        facet(&r, "year"),
        [("2023".into(), 2), ("2024".into(), 1), ("2025".into(), 3)]
    );
    let year = r["facets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "year")
        .unwrap();
    assert_eq!(year["undated"], 2);
    assert_eq!(
        facet(&r, "month"),
        [
            ("2023-05".into(), 1),
            ("2023-11".into(), 1),
            ("2024-07".into(), 1),
            ("2025-02".into(), 1),
            ("2025-03".into(), 2)
        ]
    );
    let persons = facet(&r, "person");
    assert_eq!(persons[0], ("Vladimir Putin".to_string(), 3));
    assert_eq!(
        facet(&r, "source"),
        [
            ("Continental Wire".into(), 3),
            ("Harbour City Times".into(), 3),
            ("Meridian Daily".into(), 1)
        ]
    );
}

#[test]
fn facets_follow_the_query_and_respect_the_limit() {
    let s = news_archive();
    let r = s.search(&[
        "sanctions",
        "--facet",
        "day",
        "--facet",
        "place",
        "--facet-limit",
        "1",
    ]);
    assert_eq!(facet(&r, "day"), [("2025-03-15".to_string(), 1)]);
    let day = r["facets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "day")
        .unwrap();
    assert_eq!(day["more"], 1);
    assert_eq!(facet(&r, "place").len(), 1);
}

#[test]
fn sorting_by_date_puts_undated_last() {
    let s = news_archive();
    let dates = |r: &Value| -> Vec<Value> {
        r["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["date"].clone())
            .collect()
    };
    let oldest = s.search(&["--sort", "date", "--limit", "8"]);
    let d = dates(&oldest);
    assert_eq!(d[0], "2023-05-01");
    assert_eq!(d[5], "2025-03-15");
    assert!(d[6].is_null() && d[7].is_null());
    let newest = s.search(&["--sort", "-date", "--limit", "8"]);
    let d = dates(&newest);
    assert_eq!(d[0], "2025-03-15");
    assert_eq!(d[5], "2023-05-01");
    assert!(d[6].is_null() && d[7].is_null());
    assert!(newest["hits"][0]["score"].is_null());
}

#[test]
fn limit_and_offset_page_through_results() {
    let s = news_archive();
    let all = titles(&s.search(&["--sort", "date", "--limit", "8"]));
    let page = s.search(&["--sort", "date", "--limit", "3", "--offset", "3"]);
    assert_eq!(titles(&page), all[3..6]);
    assert_eq!(page["hits"][0]["rank"], 4);
    assert_eq!(total(&page), 8);
}

#[test]
fn snippets_highlight_phrase_and_stemmed_matches() {
    let s = news_archive();
    let r = s.search(&["\"phone call\""]);
    let hit = &r["hits"][0];
    let body = hit["snippets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["field"] == "body")
        .unwrap();
    let text = body["text"].as_str().unwrap();
    let marked: Vec<&str> = body["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| &text[h[0].as_u64().unwrap() as usize..h[1].as_u64().unwrap() as usize])
        .collect();
    assert_eq!(marked, ["phone", "call"]);

    let r = s.search(&["sanction", "--sort", "date"]);
    let snippet = &r["hits"][0]["snippets"][0];
    assert_eq!(snippet["field"], "title");
    let text = snippet["text"].as_str().unwrap();
    let h = &snippet["highlights"][0];
    assert_eq!(
        &text[h[0].as_u64().unwrap() as usize..h[1].as_u64().unwrap() as usize],
        "Sanctions"
    );
}

#[test]
fn terminal_output_marks_matches_without_colour() {
    let s = news_archive();
    s.morgue()
        .args(["search", "\"phone call\""])
        .assert()
        .success()
        .stdout(predicates::str::contains("**phone** **call**"))
        .stdout(predicates::str::contains("Xi and Putin speak by **phone**"))
        .stdout(predicates::str::contains("1 article matches"))
        .stdout(predicates::str::contains("\u{1b}[").not());
}

#[test]
fn terminal_output_shows_facets_and_date_sources() {
    let s = news_archive();
    s.morgue()
        .args([
            "search", "--facet", "year", "--sort", "-date", "--limit", "8",
        ])
        .assert()
        .success()
        .stdout(predicates::str::contains("by year"))
        .stdout(predicates::str::contains("undated: 2"))
        .stdout(predicates::str::contains("undated ·"));
}

#[test]
fn json_output_has_the_documented_fields() {
    let s = news_archive();
    let r = s.search(&["putin", "--facet", "person"]);
    for key in [
        "query", "total", "offset", "limit", "sort", "hits", "facets",
    ] {
        assert!(r.get(key).is_some(), "missing {key}");
    }
    assert_eq!(r["query"], "putin");
    assert_eq!(r["sort"], "relevance");
    let hit = r["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["title"] == "Xi and Putin speak by phone")
        .unwrap();
    for key in [
        "rank",
        "score",
        "id",
        "path",
        "format",
        "title",
        "date",
        "date_source",
        "source",
        "authors",
        "url",
        "language",
        "tags",
        "entities",
        "snippets",
    ] {
        assert!(hit.get(key).is_some(), "hit lacks {key}: {hit:#}");
    }
    assert_eq!(hit["date"], "2025-02-24");
    assert_eq!(hit["date_source"], "metadata");
    assert_eq!(hit["format"], "txt");
    assert_eq!(hit["authors"], serde_json::json!(["Mara Lind"]));
    assert_eq!(hit["language"], "en");
    assert!(hit["path"].as_str().unwrap().ends_with("xi-putin.txt"));
    let persons = hit["entities"]["person"].as_array().unwrap();
    assert!(persons.contains(&Value::from("Vladimir Putin")));
    assert!(persons.contains(&Value::from("Xi Jinping")));
}

#[test]
fn malformed_queries_get_a_clear_message() {
    let s = news_archive();
    for (query, expect) in [
        ("title:(putin", "invalid query"),
        ("nosuchfield:putin", "unknown field `nosuchfield:`"),
        ("NOT putin", "only exclude"),
        ("title:*", "not supported"),
    ] {
        s.morgue()
            .args(["search", query])
            .assert()
            .code(2)
            .stderr(predicates::str::contains(expect))
            .stderr(predicates::str::contains("panicked").not());
    }
}

#[test]
fn searching_without_an_index_says_how_to_make_one() {
    let s = Scratch::new();
    s.morgue()
        .args(["search", "anything"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("no morgue index"))
        .stderr(predicates::str::contains("morgue index"));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::process::{Command, Stdio};
    let s = news_archive();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("morgue"))
        .args(["search", "--limit", "8", "--facet", "person"])
        .env("MORGUE_INDEX", s.index_dir())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "status {:?}, stderr {stderr}",
        out.status
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

use predicates::prelude::PredicateBooleanExt;

#[test]
fn entities_lists_canonical_names_with_counts_and_aliases() {
    let s = news_archive();
    let listing: Value =
        serde_json::from_str(&s.stdout(&["entities", "--type", "person", "--json"])).unwrap();
    let list = listing.as_array().unwrap();
    assert!(list.iter().all(|e| e["kind"] == "person"));
    let putin = list.iter().find(|e| e["name"] == "Vladimir Putin").unwrap();
    assert_eq!(putin["articles"], 3);
    let aliases: Vec<&str> = putin["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["value"].as_str().unwrap())
        .collect();
    assert!(aliases.contains(&"Putin"), "{aliases:?}");
    // The counts agree with what a filtered search finds.
    for entity in list {
        let name = entity["name"].as_str().unwrap();
        assert_eq!(
            entity["articles"].as_u64().unwrap(),
            total(&s.search(&["--person", name])),
            "{name}"
        );
    }
    s.morgue()
        .args(["entities", "--top", "1"])
        .assert()
        .success()
        .stdout(predicates::str::contains("person"))
        .stdout(predicates::str::contains("Vladimir Putin"))
        .stdout(predicates::str::contains("place"));
}

#[test]
fn dates_beyond_what_the_index_can_store_still_filter_correctly() {
    let s = news_archive();
    assert_eq!(total(&s.search(&["--to", "2262"])), 6);
    assert_eq!(total(&s.search(&["--to", "9999"])), 6);
    assert_eq!(total(&s.search(&["--from", "3000"])), 0);
    assert_eq!(total(&s.search(&["--from", "1000"])), 6);
    assert_eq!(total(&s.search(&["--to", "1600"])), 0);
    for bad in ["2025-257", "2025-02-259", "+202"] {
        s.morgue().args(["search", "--from", bad]).assert().code(2);
    }
}

#[test]
fn huge_limits_and_offsets_are_fine() {
    let s = news_archive();
    let r = s.search(&["--limit", "18446744073709551615"]);
    assert_eq!(r["hits"].as_array().unwrap().len(), 8);
    let r = s.search(&["--offset", "18446744073709551615"]);
    assert_eq!(total(&r), 8);
    assert!(r["hits"].as_array().unwrap().is_empty());
}

#[test]
fn colour_highlights_are_real_escapes_and_archive_text_cannot_inject_any() {
    let s = news_archive();
    s.write(
        "evil.json",
        "{\"title\": \"\\u001b[31mRED phone\\u001b]0;pwned\\u0007\", \"source\": \"Evil\\u001b[2J Source\", \"text\": \"A phone story with an \\u001b[2J escape.\"}",
    );
    s.index();
    let out = s.stdout(&["search", "phone", "--color", "always", "--limit", "8"]);
    // morgue's own styles are escape codes...
    assert!(out.contains("\u{1b}[1m\u{1b}[31mphone"), "{out}");
    // ...the article's are shown as text, never sent to the terminal.
    for injected in ["\u{1b}[31mRED", "\u{1b}]0;", "\u{1b}[2J", "\u{7}"] {
        assert!(
            !out.contains(injected),
            "{injected:?} reached the terminal: {out}"
        );
    }
    assert!(out.contains("\\u{1b}[2J"));
}

/// A wire story run by three outlets (one with its own dateline and last paragraph) takes one
/// place in the results, with the copies listed under it; `--all-copies` lists each; paging
/// goes by stories; a different story on the same event is never folded.
#[test]
fn wire_copies_fold_under_the_first_hit_and_all_copies_lists_them() {
    let s = Scratch::new();
    let story = "The harbour authority said on Monday that the container terminal at \
        Eastgate would close for six weeks from March while its cranes are replaced, and that \
        ships would be sent to the older quays at Westmoor in the meantime. Shipping lines \
        warned of delays of up to three days for cargo bound for the city. The authority \
        said the new cranes would double the number of containers the terminal can handle \
        and cut the time ships spend at berth. Dock workers' representatives said they had \
        been promised that no jobs would be lost during the closure, and that overtime at \
        Westmoor would be shared fairly between the two crews.";
    s.write(
        "wire/terminal.txt",
        format!("Title: Eastgate container terminal to close for crane works\nSource: Continental Wire\nDate: 2025-02-03\n\n{story}\n"),
    );
    s.write(
        "ledger/terminal.txt",
        format!("Title: Port closure to hit shipping for six weeks\nSource: Northern Ledger\nDate: 2025-02-03\n\n{story}\n"),
    );
    let edited = story.replace(
        "Dock workers' representatives said they had been promised that no jobs would be lost \
         during the closure, and that overtime at Westmoor would be shared fairly between the \
         two crews.",
        "Our reporters will follow the works week by week on the Gazette's port page.",
    );
    s.write(
        "gazette/terminal.txt",
        format!("Title: Eastgate terminal shuts for new cranes\nSource: Riverside Gazette\nDate: 2025-02-04\n\nEASTGATE - {edited}\n"),
    );
    s.write(
        "ledger/follow-up.txt",
        "Title: Westmoor quays struggle with diverted ships\nSource: Northern Ledger\nDate: 2025-03-10\n\n\
         A week after the container terminal at Eastgate closed for its cranes to be \
         replaced, ships queued off Westmoor on Monday and hauliers said they waited hours to \
         collect cargo. The harbour authority said the older quays were handling more boxes \
         than at any time since they were built, and asked shipping lines to spread their \
         arrivals through the week. Crews at Westmoor worked double shifts over the weekend, \
         and their representatives said the overtime had been shared fairly so far.\n",
    );
    s.index();

    let folded = s.search(&["container terminal Eastgate"]);
    assert_eq!(total(&folded), 4, "every article still counts: {folded:#}");
    let hits = folded["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 2, "{folded:#}");
    assert_eq!(folded["copies_folded"], 2);
    let copies = hits[0]["copies"].as_array().unwrap();
    let mut sources: Vec<&str> = std::iter::once(&hits[0])
        .chain(copies)
        .map(|h| h["source"].as_str().unwrap())
        .collect();
    sources.sort();
    assert_eq!(
        sources,
        ["Continental Wire", "Northern Ledger", "Riverside Gazette"]
    );
    assert_eq!(
        hits[1]["title"], "Westmoor quays struggle with diverted ships",
        "{folded:#}"
    );
    assert!(hits[1]["copies"].as_array().unwrap().is_empty());
    assert_eq!(hits[1]["rank"], 2);

    // Pages are pages of stories.
    let second = s.search(&[
        "container terminal Eastgate",
        "--limit",
        "1",
        "--offset",
        "1",
    ]);
    assert_eq!(
        titles(&second),
        ["Westmoor quays struggle with diverted ships"]
    );
    // Sorted by date the story still takes one place, at its first copy's date.
    let by_date = s.search(&["Eastgate", "--sort", "date"]);
    assert_eq!(by_date["hits"].as_array().unwrap().len(), 2, "{by_date:#}");
    assert_eq!(by_date["hits"][0]["date"], "2025-02-03");

    let all = s.search(&["container terminal Eastgate", "--all-copies"]);
    assert_eq!(all["hits"].as_array().unwrap().len(), 4);
    assert_eq!(all["copies_folded"], 0);
    assert!(all["hits"][0]["copies"].as_array().unwrap().is_empty());

    // The terminal output names where else the story ran.
    let out = s.stdout(&["search", "container terminal Eastgate"]);
    assert!(out.contains("Same story: "), "{out}");
    assert!(out.contains("2 near-identical copies folded"), "{out}");
}

/// When copies of one story fill more than the first batch of candidates, the search fetches
/// more until the page has its stories.
#[test]
fn a_story_copied_many_times_does_not_hide_the_next_one() {
    let s = Scratch::new();
    let story = "The ferry between Harbour City and the islands will stop for a month from \
        Monday while its engines are overhauled, the operator said, and a replacement boat with \
        half the seats will run twice a day instead. Islanders said the timetable left no way to \
        reach the hospital and return on the same day, and the council said it would ask the \
        operator to add an evening sailing. The overhaul was due last winter but was put off \
        when parts arrived late from the shipyard.";
    for i in 0..12 {
        s.write(
            &format!("copies/outlet{i:02}.txt"),
            format!(
                "Title: Ferry overhaul {i}\nDate: 2025-03-{:02}\n\n{story}\n",
                i + 1
            ),
        );
    }
    s.write(
        "other.txt",
        "Title: Ferry fares rise\nDate: 2025-04-01\n\nFerry fares rise by a tenth in April, \
         the operator said, blaming fuel costs and the overhaul of its main boat earlier in \
         the year. Season tickets for islanders are frozen until the summer, and children \
         under five still travel free. The council called the rise unwelcome but said it had \
         no power over fares, which are set under the operator's contract with the port.\n",
    );
    s.index();
    // Oldest first: the twelve copies come before the other story.
    let r = s.search(&["ferry", "--limit", "2", "--sort", "date"]);
    assert_eq!(total(&r), 13);
    assert_eq!(r["hits"].as_array().unwrap().len(), 2, "{r:#}");
    assert_eq!(r["hits"][0]["title"], "Ferry overhaul 0");
    assert_eq!(
        r["hits"][0]["copies"].as_array().unwrap().len(),
        11,
        "{r:#}"
    );
    assert_eq!(r["hits"][1]["title"], "Ferry fares rise");
}

#[test]
fn left_out_values_remove_exactly_the_articles_that_hold_them() {
    let s = news_archive();
    let all = s.search(&["--facet", "person", "--facet", "source", "--all-copies"]);
    let whole = total(&all);
    // Every person and source the archive holds: leaving one out removes as many articles as
    // its facet counts, whatever alias names it.
    for (person, count) in facet(&all, "person") {
        let without = s.search(&["--not-person", &person, "--all-copies"]);
        assert_eq!(total(&without), whole - count, "--not-person {person}");
        assert!(
            !without["hits"]
                .as_array()
                .unwrap()
                .iter()
                .any(|h| h["entities"]["person"].to_string().contains(&person)),
            "{person}"
        );
    }
    let without_putin = s.search(&["--not-person", "Putin", "--all-copies"]);
    let putin = s.search(&["--person", "Putin", "--all-copies"]);
    assert_eq!(total(&without_putin) + total(&putin), whole);
    for (source, count) in facet(&all, "source") {
        let without = s.search(&["--not-source", &source, "--all-copies"]);
        assert_eq!(total(&without), whole - count, "--not-source {source}");
    }
    // The same in the query's own syntax, a quoted name under NOT included.
    let minister = total(&s.search(&["minister", "--all-copies"]));
    let with_putin = total(&s.search(&["minister person:\"Vladimir Putin\"", "--all-copies"]));
    let without = s.search(&["minister NOT person:\"Vladimir Putin\"", "--all-copies"]);
    assert_eq!(total(&without), minister - with_putin);
    // Kept and left out together: every kept article lacks the left-out name.
    let both = s.search(&[
        "--place",
        "Ukraine",
        "--not-person",
        "Putin",
        "--all-copies",
    ]);
    let ukraine = s.search(&["--place", "Ukraine", "--all-copies"]);
    let ukraine_putin = s.search(&["--place", "Ukraine", "--person", "Putin", "--all-copies"]);
    assert_eq!(total(&both), total(&ukraine) - total(&ukraine_putin));
}

#[test]
fn facet_counts_are_the_same_from_stored_ordinals_stale_ones_or_none() {
    let s = news_archive();
    let all_facets = [
        "--facet",
        "person",
        "--facet",
        "org",
        "--facet",
        "place",
        "--facet",
        "event",
        "--facet",
        "source",
        "--facet",
        "language",
        "--facet-limit",
        "50",
    ];
    let facets_of = |args: &[&str]| s.search(&[args, &all_facets[..]].concat())["facets"].clone();
    let ords_files = || -> Vec<std::path::PathBuf> {
        let mut files: Vec<_> = std::fs::read_dir(s.index_dir())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("ords-")
            })
            .collect();
        files.sort();
        files
    };
    let stored = ords_files();
    assert!(stored.len() >= 6, "{stored:?}");
    let with_files = facets_of(&[]);
    assert_eq!(
        facet(&s.search(&all_facets), "person")[0].0,
        "Vladimir Putin"
    );
    let old: Vec<Vec<u8>> = stored.iter().map(|p| std::fs::read(p).unwrap()).collect();
    for path in &stored {
        std::fs::remove_file(path).unwrap();
    }
    assert_eq!(facets_of(&[]), with_files, "built in the process");

    // A new article: a new segment set, new ordinals written by the run.
    s.write(
        "2026/summit.txt",
        "Title: Ottilie Brandvold opens the harbour summit\nDate: 2026-01-05\n\n\
         Mayor Ottilie Brandvold opened the summit in Lindholm on Monday.\n",
    );
    s.index();
    let after = facets_of(&[]);
    assert!(after.to_string().contains("Ottilie Brandvold"), "{after}");
    assert_eq!(ords_files(), stored);
    // Ordinals stored for the old segments are not used for the new ones.
    for (path, bytes) in stored.iter().zip(&old) {
        std::fs::write(path, bytes).unwrap();
    }
    assert_eq!(facets_of(&[]), after, "stale files ignored");
}
