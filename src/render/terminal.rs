//! Human-readable output: search hits, facet tables, index summaries and stats.

use super::Output;
use crate::check::CheckReport;
use crate::index::document::StoredArticle;
use crate::ingest::RunSummary;
use crate::search::facets::FacetResult;
use crate::search::snippets::Snippet;
use crate::search::{CopyOf, SearchResults, SortOrder};
use crate::skip::ProblemKind;
use crate::stats::{EntityListing, IndexStats};
use anstyle::{AnsiColor, Style};
use std::io::{self, Write};
use std::path::Path;

const MATCH: Style = Style::new()
    .bold()
    .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red)));
pub(super) const TITLE: Style = Style::new().bold();
pub(super) const DIM: Style = Style::new().dimmed();
pub(super) const HEADING: Style = Style::new().bold().underline();

/// How many problem lines `morgue index` prints without `--verbose`.
const PROBLEMS_SHOWN: usize = 10;

pub fn search_results(out: &mut Output, results: &SearchResults) -> io::Result<()> {
    let shown_to = results.offset + results.hits.len();
    let (noun, verb) = if results.total == 1 {
        ("article", "matches")
    } else {
        ("articles", "match")
    };
    if results.hits.is_empty() {
        writeln!(out, "{} {noun} {verb}.", results.total)?;
    } else {
        let order = match results.sort {
            SortOrder::Relevance => "best match first",
            SortOrder::Date => "oldest first",
            SortOrder::DateDesc => "newest first",
        };
        writeln!(
            out,
            "{} {noun} {verb}; showing {}-{}, {order}.",
            results.total,
            results.offset + 1,
            shown_to
        )?;
    }
    if results.partial_of_words > 0 {
        writeln!(
            out,
            "{DIM}{} match every word; the others match some of the {} words (--match all lists only full matches).{DIM:#}",
            results.full_matches, results.partial_of_words
        )?;
    }
    for hit in &results.hits {
        writeln!(out)?;
        let title = hit
            .snippets
            .iter()
            .find(|s| s.field == "title")
            .map(|s| highlighted(out, s))
            .unwrap_or_else(|| escape_control(&hit.article.title));
        let title = fit(out, format!("{TITLE}{title}{TITLE:#}"));
        writeln!(out, "{:>3}. {title}", hit.rank)?;
        let mut meta = vec![date_label(&hit.article)];
        if let Some(source) = &hit.article.source {
            meta.push(escape_control(source));
        }
        meta.push(display_path(
            &hit.article.path,
            hit.article.record.map(|r| r as usize),
        ));
        if let Some(matched) = hit.matched_words {
            meta.push(format!(
                "matches {matched} of {} words",
                results.partial_of_words
            ));
        }
        // A filter-only search scores every hit 0: no point showing it.
        if let Some(score) = hit.score.filter(|s| *s > 0.0) {
            meta.push(format!("score {score:.2}"));
        }
        hit_line(out, format!("{DIM}{}{DIM:#}", meta.join(" · ")))?;
        if let Some(explained) = &hit.explain {
            hit_line(out, format!("{DIM}{}{DIM:#}", explain_line(explained)))?;
        }
        for snippet in hit.snippets.iter().filter(|s| s.field == "body") {
            let open = if snippet.starts_mid { "…" } else { "" };
            let close = if snippet.ends_mid { "…" } else { "" };
            hit_line(out, format!("{open}{}{close}", highlighted(out, snippet)))?;
        }
        let entities = entity_line(&hit.article);
        if !entities.is_empty() {
            hit_line(out, format!("{DIM}{entities}{DIM:#}"))?;
        }
        if !hit.copies.is_empty() {
            hit_line(out, format!("{DIM}{}{DIM:#}", copies_line(&hit.copies)))?;
        }
    }
    if results.copies_folded > 0 {
        writeln!(
            out,
            "\n{DIM}{} near-identical {} folded under the hits above (--all-copies lists each){DIM:#}",
            results.copies_folded,
            if results.copies_folded == 1 {
                "copy"
            } else {
                "copies"
            }
        )?;
    }
    // Folded copies are among the total but take no place in the list.
    let listed = results.hits.len() + results.copies_folded;
    // With --limit 0 only counts and facets were asked for: there is no next page to offer.
    let full_page = results.limit > 0 && results.hits.len() == results.limit;
    if listed < results.total.saturating_sub(results.offset) && full_page {
        writeln!(
            out,
            "\n{DIM}More: --offset {} (or --limit){DIM:#}",
            shown_to
        )?;
    }
    for facet in &results.facets {
        facet_table(out, facet, "--facet-limit")?;
    }
    out.flush()
}

/// How far a hit's lines stand in, under the text after its rank ("  1. ").
const HIT_INDENT: usize = 5;

/// One line of a hit, wrapped to the terminal under the hit's indent.
fn hit_line(out: &mut Output, text: String) -> io::Result<()> {
    let text = fit(out, text);
    writeln!(out, "{:HIT_INDENT$}{text}", "")
}

/// `text` wrapped to the terminal's width when there is one (see `Output::width`).
fn fit(out: &Output, text: String) -> String {
    match out.width {
        Some(width) => super::wrap::wrap(&text, width, HIT_INDENT),
        None => text,
    }
}

/// "Same story: Wire Daily 2025-02-24, Evening Post 2025-02-25, and 3 more".
fn copies_line(copies: &[CopyOf]) -> String {
    const LISTED: usize = 4;
    let mut labels: Vec<String> = copies
        .iter()
        .take(LISTED)
        .map(|copy| {
            let place = match &copy.source {
                Some(source) => escape_control(source),
                None => display_path(&copy.path, None),
            };
            match &copy.date {
                Some(date) => format!("{place} {date}"),
                None => place,
            }
        })
        .collect();
    if copies.len() > LISTED {
        labels.push(format!("and {} more", copies.len() - LISTED));
    }
    format!("Same story: {}", labels.join(", "))
}

fn date_label(article: &StoredArticle) -> String {
    match &article.date {
        None => "undated".to_string(),
        Some(date) if article.date_source == "metadata" => date.clone(),
        Some(date) => format!("{date} (from {})", article.date_source),
    }
}

/// The path relative to the current folder when the file is below it, as users typed it,
/// with `:record` for one article of a multi-article file.
pub(super) fn display_path(path: &str, record: Option<usize>) -> String {
    let path = Path::new(path);
    let shown = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    let shown = escape_control(&shown.display().to_string());
    match record {
        Some(record) => format!("{shown}:{record}"),
        None => shown,
    }
}

/// Replaces control characters (newlines, escapes) and invisible format characters
/// (right-to-left overrides, zero-width spaces) so text from an archive cannot rewrite the
/// terminal or disguise itself.
pub fn escape_control(text: &str) -> String {
    let needs = |c: char| c.is_control() || is_format_char(c);
    if !text.chars().any(needs) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// Unicode "format" characters that change how text is displayed without being visible.
fn is_format_char(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// "why: 9.80 = title:summit 4.03 (x2) + body:putin 1.52 + ..."
fn explain_line(explained: &crate::search::explain::Explained) -> String {
    let parts: Vec<String> = explained
        .parts
        .iter()
        .map(|p| {
            let name = if p.field.is_empty() {
                p.word.clone()
            } else {
                format!("{}:{}", p.field, escape_control(&p.word))
            };
            if p.boost == 1.0 {
                format!("{name} {:.2}", p.score)
            } else {
                format!("{name} {:.2} (x{})", p.score, p.boost)
            }
        })
        .collect();
    format!("why: {:.2} = {}", explained.score, parts.join(" + "))
}

fn entity_line(article: &StoredArticle) -> String {
    article
        .entities
        .iter()
        .map(|(kind, names)| {
            let shown: Vec<&str> = names.iter().take(4).map(String::as_str).collect();
            let more = if names.len() > 4 {
                format!(" +{}", names.len() - 4)
            } else {
                String::new()
            };
            format!(
                "{}: {}{more}",
                kind.field_name(),
                escape_control(&shown.join(", "))
            )
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The snippet text with its matches in bold colour, or between `**` when colour is off.
fn highlighted(out: &Output, snippet: &Snippet) -> String {
    let (open, close) = if out.color {
        (format!("{MATCH}"), format!("{MATCH:#}"))
    } else {
        ("**".to_string(), "**".to_string())
    };
    // Escape the article's text piece by piece: escaping after styling would escape the
    // style codes themselves.
    let mut text = String::with_capacity(snippet.text.len() + 16);
    let mut at = 0;
    for &[start, end] in &snippet.highlights {
        if start < at || end > snippet.text.len() {
            continue;
        }
        text.push_str(&escape_control(&snippet.text[at..start]));
        text.push_str(&open);
        text.push_str(&escape_control(&snippet.text[start..end]));
        text.push_str(&close);
        at = end;
    }
    text.push_str(&escape_control(&snippet.text[at..]));
    text
}

/// A facet's counts; `more_flag` is the flag that lists more values (it differs by command).
fn facet_table(out: &mut Output, facet: &FacetResult, more_flag: &str) -> io::Result<()> {
    writeln!(out, "\n{HEADING}by {}{HEADING:#}", facet.name)?;
    if facet.values.is_empty() {
        writeln!(out, "  (none)")?;
    }
    let width = facet
        .values
        .iter()
        .map(|v| v.value.chars().count())
        .max()
        .unwrap_or(0);
    for value in &facet.values {
        let pad = width - value.value.chars().count();
        writeln!(
            out,
            "  {}{} {:>6}",
            escape_control(&value.value),
            " ".repeat(pad),
            value.count
        )?;
    }
    if facet.more > 0 {
        writeln!(out, "  {DIM}… {} more ({more_flag}){DIM:#}", facet.more)?;
    }
    if let Some(undated) = facet.undated.filter(|n| *n > 0) {
        writeln!(out, "  {DIM}undated: {undated}{DIM:#}")?;
    }
    Ok(())
}

pub fn index_summary(
    out: &mut Output,
    summary: &RunSummary,
    index_dir: &Path,
    verbose: bool,
) -> io::Result<()> {
    let listed: Vec<_> = summary
        .problems
        .iter()
        .filter(|p| verbose || matches!(p.kind, ProblemKind::Skipped | ProblemKind::BadRecord))
        .collect();
    let limit = if verbose { usize::MAX } else { PROBLEMS_SHOWN };
    for problem in listed.iter().take(limit) {
        let detail = if problem.detail.is_empty() {
            String::new()
        } else {
            format!(": {}", escape_control(&problem.detail))
        };
        writeln!(
            out,
            "{DIM}{}{DIM:#} {}{detail}",
            problem.kind.label(),
            display_path(&problem.path, problem.record),
        )?;
    }
    if listed.len() > limit {
        writeln!(
            out,
            "{DIM}… {} more; --verbose lists them all, with warnings and ignored files{DIM:#}",
            listed.len() - limit
        )?;
    }
    let indexed = summary.indexed_new + summary.indexed_updated + summary.unchanged;
    writeln!(
        out,
        "{HEADING}Indexed{HEADING:#} {} files seen in {:.1}s: {indexed} indexed ({} new, {} updated, {} unchanged), {} skipped, {} ignored; {} deleted",
        summary.files_seen,
        summary.elapsed_secs,
        summary.indexed_new,
        summary.indexed_updated,
        summary.unchanged,
        summary.skipped_total(),
        summary.ignored,
        summary.deleted,
    )?;
    if !summary.skipped.is_empty() {
        writeln!(out, "  skipped by reason: {}", counts(&summary.skipped))?;
    }
    if summary.ignored_records > 0 {
        writeln!(
            out,
            "  {} records of web archives and bundles are not articles (requests, images, other formats): ignored",
            summary.ignored_records
        )?;
    }
    if summary.entities_refreshed > 0 {
        writeln!(
            out,
            "  entities of {} files re-resolved from the index for the archive's changed alias table (not read again)",
            summary.entities_refreshed
        )?;
    }
    writeln!(
        out,
        "  {} articles written{}, {} bad records, {} warnings; {} articles in the index at {}",
        summary.articles_written,
        rate(summary),
        summary.bad_records,
        summary.warnings,
        summary.articles_in_index,
        escape_control(&index_dir.display().to_string()),
    )?;
    if summary.interrupted {
        writeln!(
            out,
            "{HEADING}Interrupted:{HEADING:#} everything counted above is committed; {} files were not read yet. Run the same `morgue index` again to finish.",
            summary.pending
        )?;
    }
    out.flush()
}

/// " (1200 articles/s, 3.4 MB/s)", or nothing when the run wrote no articles: a run that
/// only skipped or found everything unchanged did no reading worth a rate, and dividing by
/// its few milliseconds gave figures like thousands of MB/s.
fn rate(summary: &RunSummary) -> String {
    if summary.articles_written == 0 || summary.bytes_read == 0 {
        return String::new();
    }
    let secs = summary.elapsed_secs.max(1e-3);
    format!(
        " ({:.0} articles/s, {:.1} MB/s)",
        summary.articles_written as f64 / secs,
        summary.bytes_read as f64 / 1e6 / secs
    )
}

pub fn check_report(out: &mut Output, report: &CheckReport, index_dir: &Path) -> io::Result<()> {
    let shown = escape_control(&index_dir.display().to_string());
    if report.consistent {
        writeln!(
            out,
            "{HEADING}Consistent:{HEADING:#} {shown} holds {} articles from {} files, each once, exactly as its manifest lists",
            report.articles_in_index, report.files_in_index
        )?;
        return out.flush();
    }
    writeln!(
        out,
        "{HEADING}Inconsistent:{HEADING:#} {shown} holds {} articles from {} files; its manifest lists {} articles from {} files",
        report.articles_in_index,
        report.files_in_index,
        report.articles_in_manifest,
        report.files_in_manifest
    )?;
    for (label, problems) in [
        ("article ids stored more than once", &report.duplicate_ids),
        ("files listed but not in the index", &report.missing_files),
        ("files in the index but not listed", &report.unlisted_files),
        ("files with another article count", &report.miscounted_files),
    ] {
        if problems.count == 0 {
            continue;
        }
        writeln!(out, "  {} {label}:", problems.count)?;
        for example in &problems.examples {
            writeln!(out, "    {}", escape_control(example))?;
        }
        if problems.count > problems.examples.len() {
            writeln!(out, "    …")?;
        }
    }
    writeln!(
        out,
        "Run `morgue index` on the same folders to repair it (after a killed run this is expected)."
    )?;
    out.flush()
}

/// "label count, label count" for a tally.
fn counts<K: std::fmt::Display, V: std::fmt::Display>(
    tally: &std::collections::BTreeMap<K, V>,
) -> String {
    tally
        .iter()
        .map(|(label, n)| format!("{label} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn stats(out: &mut Output, stats: &IndexStats) -> io::Result<()> {
    writeln!(
        out,
        "{HEADING}Index{HEADING:#} {}",
        escape_control(&stats.index)
    )?;
    writeln!(out, "  articles:   {}", stats.articles)?;
    match (&stats.earliest, &stats.latest) {
        (Some(first), Some(last)) => writeln!(out, "  dates:      {first} to {last}")?,
        _ => writeln!(out, "  dates:      none")?,
    }
    writeln!(out, "  undated:    {}", stats.undated)?;
    writeln!(out, "  date from:  {}", counts(&stats.date_sources))?;
    writeln!(
        out,
        "  size:       {:.1} MB in {} segment{}",
        stats.index_bytes as f64 / 1e6,
        stats.segments,
        if stats.segments == 1 { "" } else { "s" }
    )?;
    if let Some(run) = &stats.last_run {
        writeln!(
            out,
            "  last run:   {} files seen, {} skipped{}, {} ignored, {} bad records",
            run.files_seen,
            run.skipped_total(),
            if run.skipped.is_empty() {
                String::new()
            } else {
                format!(" ({})", counts(&run.skipped))
            },
            run.ignored,
            run.bad_records
        )?;
    }
    for facet in &stats.top {
        facet_table(out, facet, "--top")?;
    }
    out.flush()
}

pub fn entities(out: &mut Output, listing: &[EntityListing]) -> io::Result<()> {
    let mut current = None;
    let width = listing
        .iter()
        .map(|e| e.name.chars().count())
        .max()
        .unwrap_or(0);
    for entity in listing {
        if current != Some(entity.kind) {
            let gap = if current.is_some() { "\n" } else { "" };
            writeln!(out, "{gap}{HEADING}{}{HEADING:#}", entity.kind.field_name())?;
            current = Some(entity.kind);
        }
        let aliases: Vec<String> = entity
            .aliases
            .iter()
            .map(|a| format!("{} ({})", escape_control(&a.value), a.count))
            .collect();
        let pad = width - entity.name.chars().count();
        writeln!(
            out,
            "  {}{} {:>6}  {DIM}{}{DIM:#}",
            escape_control(&entity.name),
            " ".repeat(pad),
            entity.articles,
            aliases.join(", ")
        )?;
    }
    if listing.is_empty() {
        writeln!(out, "No entities in the index.")?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::escape_control;

    #[test]
    fn control_and_invisible_characters_are_escaped() {
        assert_eq!(escape_control("plain text"), "plain text");
        assert_eq!(escape_control("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(escape_control("line\nbreak"), "line\\u{a}break");
        assert_eq!(escape_control("evil\u{202e}txt"), "evil\\u{202e}txt");
    }
}
