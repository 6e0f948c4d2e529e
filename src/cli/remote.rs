//! The cluster commands: `morgue push` and `morgue search --remote` (see `crate::remote`).

use super::{CliError, PushArgs};
use crate::archive::Archive;
use crate::enrich::gazetteer::Gazetteer;
use crate::error::MorgueError;
use crate::export::valid_index_id;
use crate::index::MorgueIndex;
use crate::render::{self, Output};
use crate::search;
use std::path::Path;

/// `search --remote`: the same request sent to a cluster, rendered as a local search is; what
/// the cluster cannot do is said on standard error (and in `--json` as `remote_notes`).
pub(super) fn run_search(
    index_dir: &Path,
    url: &str,
    remote_index: &str,
    request: &search::SearchRequest,
    json: bool,
    mut output: Output,
) -> Result<(), CliError> {
    use crate::remote::Remote;
    // Entity names are sent as their canonical names, as the local index has them: the
    // alias tables of the local index when there is one.
    let named = request.filters.name_entities();
    let archive = if named && index_dir.exists() {
        Some(Archive::open(index_dir)?)
    } else {
        None
    };
    let builtin;
    let gazetteer = match &archive {
        Some(archive) => archive.aliases(),
        None if named => {
            builtin = Gazetteer::builtin();
            &builtin
        }
        None => {
            builtin = Gazetteer::default();
            &builtin
        }
    };
    let remote = Remote::connect(url, remote_index)?;
    let (results, notes) = remote.search(request, gazetteer)?;
    if json {
        #[derive(serde::Serialize)]
        struct WithNotes<'a> {
            #[serde(flatten)]
            results: &'a search::SearchResults,
            remote: &'a str,
            remote_engine: crate::remote::Engine,
            remote_notes: &'a [String],
        }
        let with_notes = WithNotes {
            results: &results,
            remote: url,
            remote_engine: remote.engine,
            remote_notes: &notes,
        };
        render::json::write(&mut output, &with_notes)?;
    } else {
        for note in &notes {
            eprintln!("morgue: the cluster cannot do {note}");
        }
        render::terminal::search_results(&mut output, &results)?;
    }
    Ok(())
}

/// `morgue push`: sends what changed since the last push, with a progress bar on a terminal.
pub(super) fn run_push(
    index_dir: &Path,
    args: PushArgs,
    mut output: Output,
) -> Result<(), CliError> {
    use crate::remote::{Remote, push};
    if !valid_index_id(&args.index_id) {
        return Err(MorgueError::Usage(format!(
            "--index-id `{}`: index ids start with a letter and hold 3 to 255 letters, digits, `-` or `_`",
            args.index_id
        ))
        .into());
    }
    let index = MorgueIndex::open(index_dir)?;
    let remote = Remote::connect(&args.url, &args.index_id)?;
    let total = index
        .searcher()
        .map(|s| s.num_docs())
        .map_err(|e| MorgueError::tantivy(index_dir, e))?;
    let bar = indicatif::ProgressBar::new(total);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} articles sent, {per_sec}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let limits = push::BatchLimits {
        bytes: args.batch_mb.max(1) << 20,
        articles: args.batch_articles.max(1),
    };
    let summary = push::push(&index, &remote, &limits, &mut |sent| {
        bar.set_position(sent as u64)
    });
    bar.finish_and_clear();
    let summary = summary?;
    render::answer(&mut output, args.json, &summary, |out, summary| {
        use std::io::Write;
        writeln!(
            out,
            "pushed to {} (index `{}`{}{}): {} articles sent in {} batches ({:.1} MB), {} files sent, {} unchanged, {} deleted there",
            args.url,
            summary.index_id,
            if summary.created_index {
                ", created"
            } else {
                ""
            },
            if summary.resumed { ", resumed" } else { "" },
            summary.articles_sent,
            summary.batches,
            summary.bytes_sent as f64 / 1e6,
            summary.files_sent,
            summary.files_unchanged,
            summary.files_deleted,
        )?;
        if summary.articles_refused > 0 {
            writeln!(
                out,
                "{} articles were refused by the cluster (their files are sent again next time):",
                summary.articles_refused
            )?;
            for refusal in &summary.refusals {
                writeln!(out, "  {}", render::terminal::escape_control(refusal))?;
            }
        }
        Ok(())
    })?;
    if summary.articles_refused > 0 {
        return Err(crate::remote::RemoteError::Refused {
            count: summary.articles_refused,
        }
        .into());
    }
    Ok(())
}
