//! `cargo bench --bench extraction [--features bench-candidates] -- [OPTIONS]`: main-text
//! extraction judged on the Zyte article-extraction-benchmark (181 pages with their expected
//! article text) with the benchmark's own metric (see `metric.rs`), plus speed per candidate.
//!
//! Candidates: `morgue` (the HTML reader as it indexes: `formats::parse_file`, fallbacks and
//! all), `dom_smoothie` (the Readability port alone, as morgue used it before), and with the
//! `bench-candidates` feature `rs_trafilatura` (its `extract`, text output). Other tools'
//! outputs can be added as reference rows: every `NAME.json` in `--reference DIR` shaped like
//! the ground truth (`{"<page id>": {"articleBody": "..."}}`), e.g. from Python trafilatura.
//!
//! Options:
//!   --corpus DIR      the benchmark (default ../shared/corpora/article-extraction-benchmark)
//!   --reference DIR   extra predictions, one NAME.json per tool (default target/extraction)
//!   --only NAME       run one candidate
//!   --dump NAME       write NAME's text per page to target/extraction/dump-NAME/ (for reading)
//!   --dates           also list the pages where morgue's publication day is wrong or differs
//!                     from htmldate's
//!
//! Prints a markdown table: precision, recall, F1 (the benchmark's), pages with no text, and
//! MB/s of HTML on one thread (the HTML is decoded once, outside the timing). Then publication
//! days: how often morgue's (parser + `enrich::dates::resolve`, the page alone) is the right
//! day of `dates-judged.tsv` (each page read by hand where morgue and htmldate differed; see
//! its header), the same for htmldate's when `--reference DIR` has `htmldate-dates.txt` (page
//! id, tab, day: `reference.py` writes it), how often the two agree, and morgue's sources.

mod metric;

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

struct Page {
    id: String,
    html: String,
    truth: String,
}

type Extractor = fn(&str) -> String;

fn candidates() -> Vec<(&'static str, Extractor)> {
    let ours: [(&'static str, Extractor); 2] =
        [("morgue", morgue_text), ("dom_smoothie", dom_smoothie_text)];
    #[cfg(feature = "bench-candidates")]
    let theirs: [(&'static str, Extractor); 1] = [("rs_trafilatura", rs_trafilatura_text)];
    #[cfg(not(feature = "bench-candidates"))]
    let theirs: [(&'static str, Extractor); 0] = [];
    ours.into_iter().chain(theirs).collect()
}

fn morgue_text(html: &str) -> String {
    use morgue::formats::{Format, parse_file};
    parse_file(Format::Html, Path::new("page.html"), html.as_bytes())
        .map(|mut p| p.articles.remove(0).body)
        .unwrap_or_default()
}

fn dom_smoothie_text(html: &str) -> String {
    use dom_smoothie::{Config, Readability, TextMode};
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    Readability::new(html, None, Some(cfg))
        .and_then(|mut r| r.parse())
        .map(|a| a.text_content.to_string())
        .unwrap_or_default()
}

#[cfg(feature = "bench-candidates")]
fn rs_trafilatura_text(html: &str) -> String {
    rs_trafilatura::extract(html)
        .map(|r| r.content_text)
        .unwrap_or_default()
}

fn main() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut corpus = repo.join("../shared/corpora/article-extraction-benchmark");
    let mut reference = repo.join("target/extraction");
    let (mut only, mut dump, mut list_dates) = (None, None, false);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().expect("flag needs a value");
        match arg.as_str() {
            "--corpus" => corpus = PathBuf::from(value()),
            "--reference" => reference = PathBuf::from(value()),
            "--only" => only = Some(value()),
            "--dump" => dump = Some(value()),
            "--dates" => list_dates = true,
            "--bench" => {}
            other => panic!("unknown option {other}"),
        }
    }
    let pages = load(&corpus);
    let mb = pages.iter().map(|p| p.html.len()).sum::<usize>() as f64 / 1e6;
    println!("{} pages, {mb:.1} MB of HTML\n", pages.len());
    println!("| extractor | precision | recall | F1 | pages without text | MB/s (1 thread) |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    for (name, extract) in candidates() {
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        let mut texts = Vec::with_capacity(pages.len());
        let mut spent = Duration::ZERO;
        for page in &pages {
            let start = Instant::now();
            let text = extract(&page.html);
            spent += start.elapsed();
            texts.push(text);
        }
        if dump.as_deref() == Some(name) {
            let dir = repo.join("target/extraction").join(format!("dump-{name}"));
            std::fs::create_dir_all(&dir).expect("dump folder");
            for (page, text) in pages.iter().zip(&texts) {
                std::fs::write(dir.join(format!("{}.txt", page.id)), text).expect("dump");
            }
        }
        row(name, &pages, &texts, Some(mb / spent.as_secs_f64()));
    }
    for (name, predicted) in references(&reference) {
        let texts: Vec<String> = pages
            .iter()
            .map(|p| predicted.get(&p.id).cloned().unwrap_or_default())
            .collect();
        row(&format!("{name} (reference)"), &pages, &texts, None);
    }
    titles_against_h1(&pages, list_dates);
    let htmldate = std::fs::read_to_string(reference.join("htmldate-dates.txt")).ok();
    dates_against(&pages, htmldate.as_deref(), list_dates);
}

/// Titles: how often morgue's title is the page's own `<h1>` (the first inside `<article>`,
/// else the first), and how many still carry a " | " site suffix.
fn titles_against_h1(pages: &[Page], list: bool) {
    use morgue::formats::{Format, parse_file};
    let squash = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let (mut with_h1, mut same, mut piped) = (0, 0, 0);
    let mut text_sources: BTreeMap<String, usize> = BTreeMap::new();
    for page in pages {
        let Ok(mut parsed) = parse_file(Format::Html, Path::new("page.html"), page.html.as_bytes())
        else {
            *text_sources.entry("skipped".into()).or_default() += 1;
            continue;
        };
        let source = parsed
            .warnings
            .iter()
            .find(|w| w.starts_with("main text"))
            .cloned()
            .unwrap_or_else(|| "extractor".into());
        *text_sources.entry(source).or_default() += 1;
        let title = parsed.articles.remove(0).title;
        piped += usize::from(title.contains(" | "));
        let Ok(rd) = dom_smoothie::Readability::new(page.html.as_str(), None, None) else {
            continue;
        };
        let h1 = [rd.doc.select("article h1"), rd.doc.select("h1")]
            .iter()
            .map(|s| squash(&s.first().text()))
            .find(|t| !t.is_empty());
        if let Some(h1) = h1 {
            with_h1 += 1;
            if squash(&title) == h1 {
                same += 1;
            } else if list {
                println!("  {} title {title:?} h1 {h1:?}", &page.id[..10]);
            }
        }
    }
    println!(
        "\nTitles: {same} of the {with_h1} pages with an <h1> have it as their title; \
         {piped} of {} titles contain \" | \".\nMain text from: {text_sources:?}",
        pages.len()
    );
}

/// Publication days: morgue's (from the page alone, parser + `enrich::dates::resolve`) against
/// the judged right day of each page (`dates-judged.tsv`, beside this file) and against
/// htmldate's (`htmldate-dates.txt` from `reference.py`, when present): the right-day rate of
/// both, how often they agree, and where morgue's dates came from.
fn dates_against(pages: &[Page], htmldate: Option<&str>, list: bool) {
    use morgue::enrich::dates::{DateBounds, resolve};
    use morgue::formats::{Format, parse_file};
    let judged_text = include_str!("dates-judged.tsv");
    // Page id -> the right day, `None` when the page states no publication date.
    let judged: BTreeMap<&str, Option<&str>> = judged_text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let (id, day) = (cols.next()?, cols.next()?);
            Some((id, (day != "none").then_some(day)))
        })
        .collect();
    let theirs: BTreeMap<&str, &str> = htmldate
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .filter(|(_, d)| !d.is_empty())
        .collect();
    let bounds = DateBounds::news_default(jiff::ZonedDateTime::now().date());
    let (mut ours, mut both, mut same) = (0, 0, 0);
    let (mut judged_pages, mut ours_right, mut theirs_right) = (0, 0, 0);
    let mut sources: BTreeMap<&str, usize> = BTreeMap::new();
    for page in pages {
        let day = parse_file(Format::Html, Path::new("page.html"), page.html.as_bytes())
            .ok()
            .and_then(|mut p| {
                let mut a = p.articles.remove(0);
                resolve(&mut a, Path::new("page.html"), &bounds);
                a.date
            });
        *sources
            .entry(day.as_ref().map_or("none", |d| d.source.label()))
            .or_default() += 1;
        let our_day = day.as_ref().map(|d| d.date.to_string());
        let theirs = theirs.get(page.id.as_str()).copied();
        ours += usize::from(day.is_some());
        if let (Some(d), Some(t)) = (&our_day, theirs) {
            both += 1;
            same += usize::from(d == t);
        }
        let Some(right) = judged.get(page.id.as_str()) else {
            continue;
        };
        judged_pages += 1;
        let ours_ok = our_day.as_deref() == *right;
        ours_right += usize::from(ours_ok);
        theirs_right += usize::from(theirs == *right);
        if list && (!ours_ok || theirs != our_day.as_deref()) {
            let raw = day
                .as_ref()
                .map(|d| format!(" ({} {:?})", d.source.label(), d.raw));
            println!(
                "  {} {} morgue {:?}{} htmldate {theirs:?} right {right:?}",
                &page.id[..10],
                if ours_ok { "ok   " } else { "WRONG" },
                our_day,
                raw.unwrap_or_default(),
            );
        }
    }
    let pct = |n: usize, of: usize| 100.0 * n as f64 / of.max(1) as f64;
    println!(
        "\nDates: right day (dates-judged.tsv, {judged_pages} pages): morgue {ours_right} \
         ({:.1}%), htmldate {theirs_right} ({:.1}%).\nmorgue finds a day on {ours} of {} pages, \
         htmldate on {}; same day on {same} of the {both} both date ({:.1}%). morgue's \
         sources: {sources:?}",
        pct(ours_right, judged_pages),
        pct(theirs_right, judged_pages),
        pages.len(),
        theirs.len(),
        pct(same, both),
    );
}

fn row(name: &str, pages: &[Page], texts: &[String], speed: Option<f64>) {
    let per_page: Vec<_> = pages
        .iter()
        .zip(texts)
        .map(|(p, t)| metric::page_scores(&p.truth, t))
        .collect();
    let s = metric::scores(&per_page);
    let empty = texts
        .iter()
        .filter(|t| metric::tokens(t).is_empty())
        .count();
    let speed = speed.map_or("-".to_string(), |s| format!("{s:.1}"));
    println!(
        "| {name} | {:.3} | {:.3} | {:.3} | {empty} | {speed} |",
        s.precision, s.recall, s.f1
    );
}

fn load(corpus: &Path) -> Vec<Page> {
    let truth: BTreeMap<String, Value> = serde_json::from_slice(
        &std::fs::read(corpus.join("ground-truth.json")).expect("ground-truth.json"),
    )
    .expect("ground truth is JSON");
    truth
        .into_iter()
        .map(|(id, v)| {
            let gz = corpus.join("html").join(format!("{id}.html.gz"));
            let out = Command::new("gzip")
                .arg("-dc")
                .arg(&gz)
                .output()
                .expect("gzip runs");
            assert!(out.status.success(), "cannot gunzip {}", gz.display());
            let html = morgue::formats::decode::decode_text(&out.stdout)
                .map(|d| d.text)
                .unwrap_or_default();
            let truth = v["articleBody"].as_str().unwrap_or_default().to_string();
            Page { id, html, truth }
        })
        .collect()
}

fn references(dir: &Path) -> Vec<(String, BTreeMap<String, String>)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for path in entries.flatten().map(|e| e.path()) {
        if path.extension().is_some_and(|e| e == "json") {
            let Ok(v) = serde_json::from_slice::<BTreeMap<String, Value>>(
                &std::fs::read(&path).unwrap_or_default(),
            ) else {
                continue;
            };
            let texts = v
                .into_iter()
                .map(|(id, o)| {
                    (
                        id,
                        o["articleBody"].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect();
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            out.push((name, texts));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}
