//! Each kind of date error found on real publisher pages, on a small page written for it: the
//! page goes through the HTML reader and `enrich::dates::resolve`, as `morgue index` does.

use crate::article::DateSource;
use crate::enrich::dates::{DateBounds, resolve};
use crate::formats::{Format, parse_file};
use std::path::Path;

const STORY: &str = "<p>The council voted on Monday to close the old harbour bridge for repairs, \
    after inspectors found cracks in two of its piers.</p><p>Ferries will run every twenty \
    minutes while the work lasts, the harbour master said.</p>";

/// A page with `head`, and `top` between the headline and the story.
fn page_in(lang: &str, head: &str, top: &str) -> String {
    format!(
        "<!DOCTYPE html><html{lang}><head>{head}</head><body><article><h1>Bridge closes</h1>\
         {top}{STORY}</article></body></html>"
    )
}

fn page(head: &str, top: &str) -> String {
    page_in(" lang=\"en-US\"", head, top)
}

/// The day and where it came from, or `None` when the page stays undated.
fn day(html: &str) -> Option<(String, DateSource)> {
    let mut parsed = parse_file(Format::Html, Path::new("page.html"), html.as_bytes()).unwrap();
    let mut a = parsed.articles.remove(0);
    let bounds = DateBounds::news_default(jiff::civil::date(2026, 1, 1));
    resolve(&mut a, Path::new("page.html"), &bounds);
    a.date.map(|d| (d.date.to_string(), d.source))
}

fn is(day: Option<(String, DateSource)>, want: &str, source: DateSource) {
    assert_eq!(day, Some((want.to_string(), source)));
}

fn ld(date: &str) -> String {
    format!(
        "<script type=\"application/ld+json\">{{\"@type\": \"NewsArticle\", \
         \"datePublished\": \"{date}\"}}</script>"
    )
}

fn meta(name: &str, content: &str) -> String {
    format!("<meta name=\"{name}\" content=\"{content}\">")
}

#[test]
fn a_utc_stamp_takes_the_local_day_the_page_states_next() {
    // 01:19 UTC on the 19th is 8:19 PM on the 18th in New Jersey, as the page's own tag says
    // (in a 12-hour clock).
    let head = ld("2019-11-19T01:19:34.819Z")
        + &meta(
            "article_date_original",
            "Monday, November 18, 2019, 08:19 PM",
        );
    is(day(&page(&head, "")), "2019-11-18", DateSource::HtmlMeta);
    // The first local statement confirms the UTC day: a later URL one day off does not win.
    let head = ld("2019-11-20T06:07:01+0000")
        + "<link rel=\"canonical\" href=\"https://news.test/2019/11/19/hearing\">";
    let time = "<time datetime=\"2019-11-20T01:07:00-0500\">November 20, 2019 / 1:07 AM</time>";
    is(day(&page(&head, time)), "2019-11-20", DateSource::JsonLd);
}

#[test]
fn a_date_only_tag_is_no_local_statement() {
    // Sites derive "2019-11-19" from the UTC stamp (a JavaScript Date string here); the URL
    // says the day the story ran where it was written.
    let head = ld("Tue Nov 19 2019 03:05:46 GMT+0000")
        + "<meta itemprop=\"datePublished\" content=\"2019-11-19\">"
        + "<link rel=\"canonical\" href=\"https://news.test/sites/ann/2019/11/18/duvet/\">";
    is(day(&page(&head, "")), "2019-11-18", DateSource::Url);
}

#[test]
fn a_zone_contradicted_by_the_same_clock_in_utc_is_utc() {
    // A template pasted the UTC clock with the site's offset; the date line is the local day.
    let head = ld("2019-11-20T04:31:13-06:00")
        + &meta("article:published_time", "2019-11-20T04:31:13+00:00");
    let line = "<div class=\"author_date\"><span>Chris Davies</span> - \
                <span>Nov 19, 2019, 10:31 pm CST</span></div>";
    is(day(&page(&head, line)), "2019-11-19", DateSource::PageText);
    // A zone-less stamp beside the same clock in UTC.
    let head = meta("datePublished", "2019-11-19 02:24:00");
    let top = "<time datetime=\"2019-11-19 02:24:00 UTC\"></time>\
               <div class=\"byline\">By Bryan Lee Nov 18, 2019 at 9:24 pm ET</div>";
    is(day(&page(&head, top)), "2019-11-18", DateSource::PageText);
    // A real offset stays: the stamp is the local day already.
    let head = ld("2019-11-18T23:04:24-05:00")
        + &meta("article:published_time", "2019-11-19T04:04:24+00:00");
    is(day(&page(&head, line)), "2019-11-18", DateSource::JsonLd);
}

#[test]
fn dates_of_a_latest_stories_list_are_not_the_story_date() {
    let sidebar = "<aside><h3>Latest</h3>\
        <time pubdate datetime=\"2019-11-20T09:42:20\">20 Nov</time>\
        <time pubdate datetime=\"2019-11-18T09:33:37\">18 Nov</time>\
        <time pubdate datetime=\"2019-11-17T07:12:23\">17 Nov</time>\
        <span itemprop=\"datePublished\">Nov 16, 2019</span>\
        <span itemprop=\"datePublished\">Nov 15, 2019</span>\
        <span itemprop=\"datePublished\">Nov 14, 2019</span></aside>";
    let own = "<header><time datetime=\"2019-11-19T13:16+0000\">19 November 2019</time></header>";
    let html = page("", own).replace("</article>", &format!("</article>{sidebar}"));
    is(day(&html), "2019-11-19", DateSource::HtmlTime);
}

#[test]
fn microdata_with_the_date_as_its_text() {
    let line = "<span class=\"story\">Posted: <span itemprop=\"datePublished\">\
                Fri 6:45 PM, Feb 16, 2018</span> | Updated: Sat 8:31 PM, Feb 17, 2018</span>";
    is(day(&page("", line)), "2018-02-16", DateSource::HtmlMeta);
}

#[test]
fn a_date_next_to_a_publication_label_in_any_language() {
    let german = "<span class=\"about__block\">publiziert am 30. Juli 2018</span>";
    is(
        day(&page_in(" lang=\"de\"", "", german)),
        "2018-07-30",
        DateSource::PageText,
    );
    let korean = "<dl><dt>Headline</dt></dl>기사입력 :[ 2018-08-25 15:24 ]";
    is(
        day(&page_in(" lang=\"ko\"", "", korean)),
        "2018-08-25",
        DateSource::PageText,
    );
    // The date before its label, day first: the page is in Brazilian Portuguese.
    let head = "<meta http-equiv=\"content-language\" content=\"pt_BR\">";
    let line = "<small><b>05/10/2018</b> - Publicado por: Ana Souza - Categoria: Saúde</small>";
    is(
        day(&page_in("", head, line)),
        "2018-10-05",
        DateSource::PageText,
    );
    // "Updated" is not when the story was published, and a script is not visible text.
    let updated = "<p class=\"x\">Updated: Feb 17, 2018</p>\
                   <script>var posted = 'Posted Feb 16, 2018';</script>";
    assert_eq!(day(&page("", updated)), None);
}

#[test]
fn numeric_dates_read_day_first_unless_the_page_is_us_english() {
    let line = "<div class=\"date\">05/10/2018</div>";
    is(day(&page(" ", line)), "2018-05-10", DateSource::PageText);
    for lang in [" lang=\"en-GB\"", " lang=\"pt-BR\"", " lang=\"fr\""] {
        is(
            day(&page_in(lang, "", line)),
            "2018-10-05",
            DateSource::PageText,
        );
    }
    // A day above 12 reads the same either way.
    let line = "<div class=\"date\">24/02/2025</div>";
    is(day(&page(" ", line)), "2025-02-24", DateSource::PageText);
}

#[test]
fn json_ld_article_nested_as_the_main_entity_of_a_page() {
    let ld = "<script type=\"application/ld+json\">{\"@type\": \"WebPage\", \
              \"dateModified\": \"2019-12-01\", \"citation\": {\"@type\": \"Article\", \
              \"datePublished\": \"2001-01-01\"}, \"mainEntity\": {\"@type\": \
              \"NewsArticle\", \"datePublished\": \"2019-11-18T10:00:00-05:00\"}}</script>";
    is(day(&page(ld, "")), "2019-11-18", DateSource::JsonLd);
}

#[test]
fn relative_dates_use_their_timestamp_or_nothing() {
    // "1 day ago" is anchored on the reader's clock: its datetime is the date.
    let time = "<time datetime=\"2019-11-19T11:45:59.000Z\">1 day ago</time>";
    is(day(&page("", time)), "2019-11-19", DateSource::HtmlTime);
    // With no timestamp there is no anchor in the page: undated, never "today".
    let line = "<div class=\"date\">Published 3 hours ago</div>";
    assert_eq!(day(&page("", line)), None);
}

#[test]
fn copyright_years_and_bare_years_are_no_dates() {
    let line = "<div class=\"meta\">© 2019 The Harbour Times</div>\
                <footer class=\"date\">Copyright 2008-2019</footer>";
    assert_eq!(day(&page("", line)), None);
}

#[test]
fn a_last_updated_line_with_no_time_of_day_is_no_local_publication_day() {
    // Published at 19:02 UTC on the 12th; the only visible date is when it was last changed.
    let line = "<div class=\"story-meta\"><span>Last updated 13 December 2015</span></div>";
    is(
        day(&page(&ld("2015-12-12T19:02:00Z"), line)),
        "2015-12-12",
        DateSource::JsonLd,
    );
    // "Updated" with a clock stamps the same instant as the UTC time, in the site's zone.
    let line = "<span class=\"timestamp\">Updated <time>11:21 pm CST, Tuesday, November 19, \
                2019</time></span>";
    let head = meta("article:published_time", "2019-11-20T05:21:58Z");
    is(day(&page(&head, line)), "2019-11-19", DateSource::PageText);
}

#[test]
fn times_of_comments_and_of_other_stories_are_not_the_story_s() {
    let comments = "<section class=\"comments\"><time datetime=\"2016-09-04T19:30:02+00:00\">\
                    September 4, 2016</time></section>\
                    <ul class=\"hbc-more\"><li>Earlier story<span class=\"date\">1 September \
                    2016</span></li></ul>";
    let html = format!(
        "<!DOCTYPE html><html lang=\"en-US\"><head><link rel=\"canonical\" \
         href=\"https://x.test/2016/09/02/bridge-closes/\"></head><body><article><h1>Bridge \
         closes</h1>{STORY}</article>{comments}</body></html>"
    );
    is(day(&html), "2016-09-02", DateSource::Url);
}
