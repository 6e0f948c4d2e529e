//! HTML pages end to end: no article page lost (the fallback chain, each step recorded),
//! headlines without the site's name, and publication dates in their order of trust with the
//! page's local day kept.

mod common;

use common::{Scratch, assert_counts_add_up, problem_for, total};
use serde_json::Value;

fn only_hit(s: &Scratch, query: &str) -> Value {
    let r = s.search(&[query]);
    assert_eq!(total(&r), 1, "{query}: {r:#}");
    r["hits"][0].clone()
}

const PROSE: &str = "The harbour board voted on Tuesday to dredge the eastern channel, \
    ending a dispute that had lasted most of the decade.";

#[test]
fn no_article_page_is_lost_and_each_says_where_its_text_came_from() {
    // The story only exists in the structured data: the page shows a teaser and a sign-in box.
    let json_ld_only = r#"<html><head><title>Quarry plan withdrawn</title>
        <script type="application/ld+json">{"@type": "NewsArticle", "headline": "Quarry plan withdrawn",
        "articleBody": "The company behind the quarry plan withdrew its application on Friday, days before a vote. Residents had collected four thousand signatures against the pit. The council said it would not charge the company for the planning work."}</script>
        </head><body><nav><a href="/">Home</a></nav><div class="paywall">Sign in to read.</div></body></html>"#;
    // The story's paragraphs sit in a box whose class reads like a sharing widget, which is
    // cleared before extraction: the extractor finds nothing, the densest block is the story.
    let no_markup = format!(
        "<html><body><div><a href=/a>Local</a> <a href=/b>Weather</a></div>\
         <div class=\"share-story\"><p>{PROSE}</p><p>Work on the channel should start in the \
         spring, the board's chairwoman told reporters.</p></div></body></html>"
    );
    // No paragraphs at all, in a box cleared before extraction: the whole visible text.
    let bare_text = "<html><body><div class=\"promo-feature\">Orchard news<br><br>Apple growers in the valley \
        reported their largest harvest in twenty years this autumn, the growers' association \
        said on Monday.<br>Prices fell as a result.</div></body></html>";
    let s = Scratch::with_files(&[
        ("quarry.html", json_ld_only),
        ("harbour.html", &no_markup),
        ("orchard.html", bare_text),
    ]);
    let summary = s.index();
    assert_eq!(summary["indexed_new"], 3, "{summary:#}");
    assert_counts_add_up(&summary);

    let quarry = only_hit(&s, "signatures");
    assert_eq!(quarry["title"], "Quarry plan withdrawn");
    let detail = |file| {
        problem_for(&summary, file)["detail"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(problem_for(&summary, "quarry.html")["kind"], "warning");
    assert!(
        detail("quarry.html").contains("JSON-LD articleBody"),
        "{summary:#}"
    );

    only_hit(&s, "chairwoman");
    assert!(
        detail("harbour.html").contains("densest block"),
        "{summary:#}"
    );
    only_hit(&s, "growers");
    assert!(
        detail("orchard.html").contains("visible text"),
        "{summary:#}"
    );
}

#[test]
fn navigation_only_page_is_still_skipped_as_no_text() {
    let s = Scratch::with_files(&[(
        "nav.html",
        "<html><body><nav><a href=/>Home</a> <a href=/a>About</a></nav></body></html>",
    )]);
    let summary = s.index();
    assert_eq!(
        problem_for(&summary, "nav.html")["reason"],
        "no-text",
        "{summary:#}"
    );
}

fn page(head: &str, body_extra: &str) -> String {
    format!(
        "<html><head>{head}</head><body><article><h1>Ferry service to resume</h1>\
         {body_extra}<p>{PROSE}</p><p>The ferry will run twice a day from March, \
         the operator said in a statement.</p><p>Tickets go on sale next week, \
         with discounts for island residents.</p></article></body></html>"
    )
}

#[test]
fn titles_are_the_headline_without_the_site() {
    let s = Scratch::with_files(&[
        (
            "a.html",
            &page(
                "<title>Ferry service to resume | Island Gazette</title>",
                "",
            ),
        ),
        (
            "b/b.html",
            &page(
                "<meta property=\"og:title\" content=\"Ferry service to resume - Coast Herald\">\
                 <meta property=\"og:site_name\" content=\"Coast Herald\">",
                "",
            ),
        ),
    ]);
    s.index();
    let r = s.search(&["ferry", "--all-copies"]);
    assert_eq!(total(&r), 2, "{r:#}");
    for hit in r["hits"].as_array().unwrap() {
        assert_eq!(hit["title"], "Ferry service to resume", "{hit:#}");
    }
}

#[test]
fn dates_in_order_of_trust_with_the_local_day_kept() {
    let ld = |d: &str| {
        format!(
            "<script type=\"application/ld+json\">{{\"@type\": \"NewsArticle\", \
             \"datePublished\": \"{d}\"}}</script>"
        )
    };
    let meta = "<meta property=\"article:published_time\" content=\"2024-03-14T10:00:00+01:00\">";
    let url = "<link rel=\"canonical\" href=\"https://gazette.test/2024/03/12/ferry\">";
    let time = "<time datetime=\"2024-03-13\">13 March</time>";
    let files = [
        // JSON-LD over meta over <time> over the URL; an evening stamp west of Greenwich
        // keeps its own day (it is already the 16th in UTC).
        (
            "ld.html",
            page(
                &format!("{}{meta}{url}", ld("2024-03-15T21:30:00-05:00")),
                time,
            ),
        ),
        ("meta.html", page(&format!("{meta}{url}"), time)),
        ("time.html", page(url, time)),
        ("url.html", page(url, "")),
        // A UTC stamp whose day the page's own date line contradicts: the local day wins.
        (
            "utc.html",
            page(
                &format!("{}{url}", ld("2024-03-20T02:10:00Z")),
                "<div class=\"article-date\">By Ann Lee | March 19, 2024 at 10:10 PM</div>",
            ),
        ),
    ];
    let s = Scratch::with_files(
        &files
            .iter()
            .map(|(n, c)| (*n, c.as_str()))
            .collect::<Vec<_>>(),
    );
    s.index();
    let r = s.search(&["ferry", "--sort", "date", "--all-copies"]);
    let got: Vec<(String, String, String)> = r["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let path = h["path"].as_str().unwrap();
            let file = path.rsplit('/').next().unwrap().to_string();
            (
                file,
                h["date"].as_str().unwrap().to_string(),
                h["date_source"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = |f: &str, d: &str, src: &str| (f.to_string(), d.to_string(), src.to_string());
    assert_eq!(
        got,
        [
            want("url.html", "2024-03-12", "url"),
            want("time.html", "2024-03-13", "html-time"),
            want("meta.html", "2024-03-14", "html-meta"),
            want("ld.html", "2024-03-15", "json-ld"),
            want("utc.html", "2024-03-19", "page-text"),
        ]
    );
}

/// Page shapes from real publishers that gave the wrong day or none (see
/// `benches/extraction/dates-judged.tsv`), indexed and searched as a user would.
#[test]
fn real_page_shapes_get_the_day_their_readers_see() {
    let ld = |d: &str| {
        format!(
            "<script type=\"application/ld+json\">{{\"@type\": \"NewsArticle\", \
             \"datePublished\": \"{d}\"}}</script>"
        )
    };
    let meta = |n: &str, c: &str| format!("<meta name=\"{n}\" content=\"{c}\">");
    let files = [
        // A UTC stamp, then the local time in a 12-hour clock: 8:19 PM on the 18th.
        (
            "evening.html",
            page(
                &(ld("2019-11-19T01:19:34.819Z")
                    + &meta(
                        "article_date_original",
                        "Monday, November 18, 2019, 08:19 PM",
                    )),
                "",
            ),
        ),
        // A template pasted the UTC clock with the site's offset; the byline has the day.
        (
            "template.html",
            page(
                &(ld("2019-11-20T04:31:13-06:00")
                    + &meta("article:published_time", "2019-11-20T04:31:13+00:00")),
                "<div class=\"author_date\">Chris Davies - Nov 19, 2019, 10:31 pm CST</div>",
            ),
        ),
        // No date-like class: a German publication label.
        (
            "blog.html",
            page(
                "",
                "<span class=\"about__block\">publiziert am 30. Juli 2018</span>",
            ),
        ),
        // A Brazilian page: the date before its label, day first.
        (
            "prefeitura.html",
            page(
                "<meta http-equiv=\"content-language\" content=\"pt_BR\">",
                "<small><b>05/10/2018</b> - Publicado por: Ana Souza</small>",
            ),
        ),
        // Only readers' comment dates, written by a script: no publication date.
        (
            "comments.html",
            page(
                "",
                "<script>document.write('<i>2018-02-24 10:15:59</i> Posted by Tanya');</script>",
            ),
        ),
    ];
    let s = Scratch::with_files(
        &files
            .iter()
            .map(|(n, c)| (*n, c.as_str()))
            .collect::<Vec<_>>(),
    );
    assert_counts_add_up(&s.index());
    let r = s.search(&["ferry", "--sort", "date", "--all-copies"]);
    let got: Vec<(String, Value, Value)> = r["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let path = h["path"].as_str().unwrap();
            let file = path.rsplit('/').next().unwrap().to_string();
            (file, h["date"].clone(), h["date_source"].clone())
        })
        .collect();
    let want = |f: &str, d: &str, src: &str| (f.to_string(), Value::from(d), Value::from(src));
    assert_eq!(
        got,
        [
            want("blog.html", "2018-07-30", "page-text"),
            want("prefeitura.html", "2018-10-05", "page-text"),
            want("evening.html", "2019-11-18", "html-meta"),
            want("template.html", "2019-11-19", "page-text"),
            (
                "comments.html".to_string(),
                Value::Null,
                Value::from("none")
            ),
        ]
    );
}

#[test]
fn lists_of_links_under_the_story_are_not_its_text_but_its_own_lists_are() {
    // "Also on this story" in a box whose class no boilerplate rule knows: each item a
    // headline linking elsewhere, with its date.
    let more = "<section class=\"xq-more\"><h2>Also on this story</h2><ul>\
        <li><a href=\"/a\">Zanzibar ferry strike ends</a><span>2 May 2011</span></li>\
        <li><a href=\"/b\">Zanzibar port reopens</a><span>3 May 2011</span></li></ul></section>";
    // The story's own list: text with a link inside, not a list of links.
    let own = "<ul><li>Sailings resume from the <a href=\"/q\">north quay</a> at dawn \
        and from Pemba landing at noon, weather permitting.</li>\
        <li>Residents of the outer islands travel at half fare until June.</li></ul>";
    let html = page("", &format!("{own}{more}"));
    let s = Scratch::with_files(&[("ferry.html", html.as_str())]);
    s.index();
    assert_eq!(total(&s.search(&["Zanzibar"])), 0);
    assert_eq!(total(&s.search(&["\"Also on this story\""])), 0);
    only_hit(&s, "Pemba");
    only_hit(&s, "\"outer islands\"");
}

/// (date, date_source, authors, body) of the one hit of `query`.
fn dated(s: &Scratch, query: &str) -> (String, String, Vec<String>, String) {
    let hit = only_hit(s, query);
    let authors = hit["authors"]
        .as_array()
        .map(|a| a.iter().map(|v| v.as_str().unwrap().to_string()).collect())
        .unwrap_or_default();
    let text = s.stdout(&["show", "--json", hit["id"].as_str().unwrap()]);
    let shown: Value = serde_json::from_str(&text).unwrap();
    let shown = &shown["articles"][0];
    (
        hit["date"].as_str().unwrap().to_string(),
        hit["date_source"].as_str().unwrap().to_string(),
        authors,
        shown["body"].as_str().unwrap().to_string(),
    )
}

#[test]
fn app_pages_wire_pages_and_date_lines_give_the_story_s_day_authors_and_text() {
    // A Next.js page: the date and authors only in the app's data (with a related story's),
    // an "Updated" line, and a list of other stories with their dates under a CSS module's
    // class.
    let next = r#"<html><head><title>Harbour wall approved | Meridian</title></head><body>
        <div class="Byline_byline__ab1Q"><span class="Byline_updated__Rr">Updated 14 November 2021</span></div>
        <div class="article-body"><h1>Harbour wall approved</h1><p>The harbour board approved the new sea wall on Saturday after a decade of storms had flooded the quay.</p><p>Work starts in spring, the board said, and will take two years.</p></div>
        <section class="MoreList_section__Lk"><ol><li><a href="/x">Quay flooded again</a><span>25 October 2022</span></li><li><a href="/y">Board elects chair</a><span>2 May 2019</span></li></ol></section>
        <script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{"article":{"headline":"Harbour wall approved","publishedAt":"2021-11-13T11:20:00.000Z","authors":[{"name":"Hannah Okonjo"}],"related":[{"title":"Quay flooded again","publishedAt":"2022-10-25T09:00:00Z"}]}}}}</script>
        </body></html>"#;
    // A wire page: a UTC stamp late in the evening, an "Updated" line the next day in UTC,
    // the byline's links, and a dateline the extractor could take for a byline.
    let wire = r#"<html><head><title>Lender collapses</title>
        <meta property="article:published_time" content="2023-03-10T21:02:00Z"></head><body><article>
        <h1>Lender collapses</h1><div class="header__meta"><span class="header__updated">Updated March 11, 2023 2:20 PM UTC</span></div>
        <div class="header__byline">By <a href="/authors/ng" rel="author">Nathan Greeley</a> and <a href="/authors/sl" rel="author">Sofia Lindqvist</a></div>
        <p><span class="article-dateline">NEW YORK, Mar 10 (Orbis) - </span>A regional lender collapsed on Friday in the largest bank failure since 2008, regulators said.</p>
        <p>Depositors queued outside its branches through the afternoon.</p></article></body></html>"#;
    // A regional paper: a section label, published and updated lines above the story.
    let regional = r#"<html><head><title>Bypass opens</title></head><body><article>
        <div class="section-label">Transport</div><h1>Bypass opens</h1>
        <div class="article-dates"><p class="published">Published Tuesday, October 15, 2024 at 6:30 AM</p><p class="updated">Updated Wednesday, October 16, 2024 at 4:45 PM</p></div>
        <p class="byline">By Priya Castellanos, Chief Reporter</p>
        <p>The long-awaited bypass opened to traffic on Tuesday morning, six years after work began.</p>
        <p>Drivers said the town centre was quieter within the hour.</p></article></body></html>"#;
    let s = Scratch::with_files(&[
        ("harbour.html", next),
        ("lender.html", wire),
        ("bypass.html", regional),
    ]);
    s.index();
    let (date, source, authors, _) = dated(&s, "\"sea wall\"");
    assert_eq!(
        (date.as_str(), source.as_str()),
        ("2021-11-13", "page-data")
    );
    assert_eq!(authors, ["Hannah Okonjo"]);
    let (date, source, authors, body) = dated(&s, "depositors");
    assert_eq!(
        (date.as_str(), source.as_str()),
        ("2023-03-10", "html-meta")
    );
    assert_eq!(authors, ["Nathan Greeley", "Sofia Lindqvist"]);
    assert!(!body.contains("Updated"), "{body}");
    let (date, _, authors, body) = dated(&s, "bypass");
    assert_eq!(date, "2024-10-15");
    assert_eq!(authors, ["Priya Castellanos"]);
    assert!(body.starts_with("The long-awaited bypass"), "{body}");
}
