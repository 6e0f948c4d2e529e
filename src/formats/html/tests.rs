//! The HTML reader on whole pages: text, boilerplate, metadata, the fallback chain.

use super::*;
use crate::article::DateSource;
use crate::formats::{Format, parse_file};
use std::path::Path;

fn html(s: &str) -> Result<Article, Skip> {
    parse_file(Format::Html, Path::new("page.html"), s.as_bytes()).map(|mut p| p.articles.remove(0))
}

const STORY: &str = "<p>GENEVA, Feb. 24 (Reuters) - Negotiators from both sides met on Monday in a \
    hotel by the lake for the first direct talks in three years, officials said.</p>\
    <p>The talks, brokered by Switzerland, are expected to last several days and to cover \
    prisoner exchanges, grain shipments and the safety of the nuclear plant.</p>\
    <p>Neither delegation spoke to reporters after the first session, which lasted more \
    than six hours and ended late in the evening.</p>";

fn page(head: &str, article_extra: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en-US\"><head>{head}</head><body>\
         <header><nav><a href=\"/\">Home</a> <a href=\"/world\">World news</a> \
         <a href=\"/sport\">Sport section</a></nav></header>\
         <main><article><h1>Talks resume in Geneva</h1>\
         <div class=\"ad\">Buy cheap flights now! Advertisement banner text here.</div>\
         {STORY}\
         <div class=\"newsletter-box\"><h3>Subscribe to our newsletter</h3>\
         <form><input type=\"email\"><button>Sign up</button></form></div>\
         {article_extra}</article></main>\
         <footer><p>Copyright 2025 The Daily. All rights reserved. Contact us. Privacy.</p></footer>\
         </body></html>"
    )
}

#[test]
fn realistic_page_body_and_meta() {
    let head = "<title>Talks resume in Geneva | The Daily</title>\
        <meta property=\"og:site_name\" content=\"The Daily\">\
        <meta property=\"og:url\" content=\"https://daily.test/geneva\">\
        <meta property=\"article:published_time\" content=\"2025-02-24T09:00:00Z\">\
        <meta name=\"sailthru.date\" content=\"2025-02-24 09:05\">\
        <meta name=\"author\" content=\"Jane Doe and John Roe\">\
        <meta name=\"keywords\" content=\"diplomacy, geneva\">";
    let a = html(&page(head, "<time datetime=\"2025-02-24\">Feb 24</time>")).unwrap();
    assert_eq!(a.title, "Talks resume in Geneva");
    assert!(a.body.contains("Negotiators from both sides"), "{}", a.body);
    assert!(a.body.contains("\n\nThe talks, brokered"), "{}", a.body);
    for junk in [
        "Subscribe to our newsletter",
        "Sport section",
        "Buy cheap flights",
        "Copyright",
    ] {
        assert!(!a.body.contains(junk), "{junk} in {}", a.body);
    }
    let dates: Vec<_> = a
        .date_candidates
        .iter()
        .map(|c| (c.source, c.text.as_str()))
        .collect();
    assert_eq!(
        dates,
        [
            (DateSource::HtmlMeta, "2025-02-24T09:00:00Z"),
            (DateSource::HtmlMeta, "2025-02-24 09:05"),
            (DateSource::HtmlTime, "2025-02-24"),
        ]
    );
    assert_eq!(a.authors, ["Jane Doe", "John Roe"]);
    assert_eq!(a.source.as_deref(), Some("The Daily"));
    assert_eq!(a.url.as_deref(), Some("https://daily.test/geneva"));
    assert_eq!(a.language.as_deref(), Some("en"));
    assert_eq!(a.tags, ["diplomacy", "geneva"]);
}

#[test]
fn json_ld_graph() {
    let head = r#"<title>Geneva talks - Other Site</title>
        <link rel="canonical" href="https://daily.test/c">
        <script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
          {"@type": "WebPage", "datePublished": "2020-01-01"},
          {"@type": "NewsArticle", "headline": "Geneva talks", "datePublished": "2025-02-24T08:00:00+01:00",
           "author": [{"@type": "Person", "name": "Ann Poe"}, {"name": "Max Muster"}],
           "publisher": {"@type": "Organization", "name": "Daily Wire Service"}}]}
        </script>"#;
    let a = html(&page(head, "")).unwrap();
    assert_eq!(a.title, "Geneva talks"); // JSON-LD headline before <title>
    let ld: Vec<_> = a
        .date_candidates
        .iter()
        .filter(|c| c.source == DateSource::JsonLd)
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(ld, ["2025-02-24T08:00:00+01:00", "2020-01-01"]);
    assert_eq!(a.authors, ["Ann Poe", "Max Muster"]);
    assert_eq!(a.source.as_deref(), Some("Daily Wire Service"));
    assert_eq!(a.url.as_deref(), Some("https://daily.test/c"));
}

#[test]
fn title_from_h1_and_truncated_html() {
    let cut = page("", "");
    let cut = &cut[..cut.find("Neither delegation").unwrap() + 40];
    let a = html(cut).unwrap();
    assert_eq!(a.title, "Talks resume in Geneva");
    assert!(a.body.contains("brokered by Switzerland"));
}

#[test]
fn story_inside_a_page_wide_form_survives() {
    let p = format!(
        "<html><body><form id=\"aspnetForm\"><nav><a href=/>Home</a></nav>\
         <div class=\"subscriber-content\"><h1>Headline</h1>{STORY}<p>Fourth paragraph \
         of the story with some more words.</p></div></form></body></html>"
    );
    let a = html(&p).unwrap();
    assert!(a.body.contains("brokered by Switzerland"), "{}", a.body);
    assert_eq!(a.title, "Headline");
}

#[test]
fn navigation_only_is_no_text() {
    let e = html(
        "<html><body><nav><a href=/>Home</a><a href=/a>About</a></nav>\
                  <footer>(c) 2025</footer></body></html>",
    )
    .unwrap_err();
    assert_eq!(e.reason, SkipReason::NoText);
    assert_eq!(e.detail, "no main text found on the page");
}

#[test]
fn a_section_front_of_headlines_is_no_text() {
    let items: String = (0..30)
        .map(|i| format!("<li><a href=/s/{i}>Council approves budget for district {i}</a></li>"))
        .collect();
    let e = html(&format!(
        "<html><body><div class=\"list\"><ul>{items}</ul></div></body></html>"
    ))
    .unwrap_err();
    assert_eq!(e.reason, SkipReason::NoText);
}
