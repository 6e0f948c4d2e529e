//! The commands: each gathers its options, calls the library and hands the result to a
//! renderer; errors go back to [`super::run`].

use super::*;
use crate::archive::params::SearchParams;
use crate::archive::{self, Archive};
use crate::article::EntityKind;
use crate::check;
use crate::enrich::gazetteer::Gazetteer;
use crate::enrich::ner;
use crate::error::MorgueError;
use crate::index::{self, MorgueIndex};
use crate::ingest::{self, IngestOptions};
use crate::render::{self, Output};
use crate::search::deadline::Deadline;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

pub(super) fn run_index(
    index_dir: &Path,
    args: IndexArgs,
    mut output: Output,
) -> Result<ExitCode, CliError> {
    for dir in &args.dirs {
        if !dir.exists() {
            return Err(
                MorgueError::Usage(format!("{}: no such file or folder", dir.display())).into(),
            );
        }
    }
    let user_entries = match &args.gazetteer {
        Some(path) => Some(archive::read_aliases(path)?),
        None => None,
    };
    let gazetteer = match &user_entries {
        Some((entries, _)) => Gazetteer::builtin().with_entries(entries.clone()),
        None => archive::load_aliases(index_dir)?,
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(4);
    let options = IngestOptions {
        roots: args.dirs.clone(),
        follow_links: args.follow_links,
        max_file_size: args.max_file_size,
        force: args.force,
        // tantivy needs at least 15 MB per writer thread. More than 64 MB each hardly
        // speeds it up (fewer, larger segments to merge) but a 256 MB arena plus its flush
        // took peak memory near 400 MB (README, "Memory").
        writer_memory: args
            .memory_mb
            .map_or(64 * threads, usize::from)
            .max(16 * threads)
            << 20,
        writer_threads: threads,
        progress: !args.json,
        gazetteer,
        entities: !args.no_entities,
        tagger: archive::load_tagger(args.ner_model.as_deref())?,
        max_body_bytes: usize::try_from(args.max_body_size).unwrap_or(usize::MAX),
        commit_interval: std::time::Duration::from_secs_f64(args.commit_interval),
        stop: stop_on_signals(),
        before_read: None,
        optimize: args.optimize,
        refresh_in_memory: ingest::DEFAULT_REFRESH_IN_MEMORY,
    };
    let summary = ingest::run(index_dir, &options)?;
    if let Some((_, text)) = user_entries {
        let path = index_dir.join(index::USER_GAZETTEER);
        std::fs::write(&path, text).map_err(|e| MorgueError::io(&path, e))?;
    }
    render::answer(&mut output, args.json, &summary, |out, summary| {
        render::terminal::index_summary(out, summary, index_dir, args.verbose)
    })?;
    Ok(if summary.interrupted {
        ExitCode::from(EXIT_INTERRUPTED)
    } else if summary.is_partial() {
        ExitCode::from(EXIT_PARTIAL)
    } else {
        ExitCode::SUCCESS
    })
}

/// A flag that Ctrl-C (SIGINT) or SIGTERM sets, so an index run stops and commits what it
/// has; a second signal ends the process at once (safe too: the last commit stays intact).
fn stop_on_signals() -> Arc<AtomicBool> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        // Registration only fails for forbidden signals; without it Ctrl-C just kills the
        // run, which the commit protocol survives as well.
        let _ = signal_hook::flag::register_conditional_shutdown(
            signal,
            i32::from(EXIT_INTERRUPTED),
            Arc::clone(&stop),
        );
        let _ = signal_hook::flag::register(signal, Arc::clone(&stop));
    }
    stop
}

pub(super) fn run_check(
    index_dir: &Path,
    args: CheckArgs,
    mut output: Output,
) -> Result<ExitCode, CliError> {
    let index = MorgueIndex::open(index_dir)?;
    let report = check::check(&index)?;
    render::answer(&mut output, args.json, &report, |out, report| {
        render::terminal::check_report(out, report, index_dir)
    })?;
    Ok(if report.consistent {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_INCONSISTENT)
    })
}

/// Completions are generated from the flag definitions above, so they never go stale.
pub(super) fn run_completions(args: CompletionsArgs, mut output: Output) -> Result<(), CliError> {
    use clap::CommandFactory;
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "morgue", &mut output);
    Ok(())
}

/// A man page, from the same definitions (and help text) as `--help`: the main page lists
/// the commands, and each command has a page of its own (named `morgue-search` and so on).
pub(super) fn run_man(args: ManArgs, mut output: Output) -> Result<(), CliError> {
    use clap::CommandFactory;
    // Built, so each command knows its full name; `help` is not a page of its own.
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    let page = match &args.command {
        None => command,
        Some(name) => command.find_subcommand(name).cloned().ok_or_else(|| {
            MorgueError::Usage(format!("no command `{name}` (morgue --help lists them)"))
        })?,
    };
    clap_mangen::Man::new(page).render(&mut output)?;
    Ok(())
}

pub(super) fn run_search(
    index_dir: &Path,
    args: SearchArgs,
    mut output: Output,
) -> Result<(), CliError> {
    let params = SearchParams {
        query: args.query.clone(),
        sort: args.sort,
        limit: args.limit,
        offset: args.offset,
        all_copies: args.all_copies,
        matching: args.matching,
        explain: args.explain,
        facets: args.facet.clone(),
        facet_limit: args.facet_limit,
        ..args.filters.params()
    };
    let request = params.request().map_err(flag_error)?;
    if let Some(url) = &args.remote {
        return remote::run_search(
            index_dir,
            url,
            &args.remote_index,
            &request,
            args.json,
            output,
        );
    }
    let archive = Archive::open(index_dir)?;
    let deadline = Deadline::after(std::time::Duration::from_secs_f64(args.timeout));
    let results = on_large_stack(|| archive.search(&request, &deadline))??;
    render::answer(
        &mut output,
        args.json,
        &results,
        render::terminal::search_results,
    )?;
    Ok(())
}

pub(super) fn run_show(
    index_dir: &Path,
    args: ShowArgs,
    mut output: Output,
) -> Result<(), CliError> {
    let archive = Archive::open(index_dir)?;
    let shown = crate::show::show(archive.index(), archive.aliases(), &args.target)?;
    render::answer(&mut output, args.json, &shown, render::article::shown)?;
    Ok(())
}

/// An export streams to a file or standard output, or writes a folder; with `--out`, a short
/// summary goes to standard error.
pub(super) fn run_export(index_dir: &Path, args: ExportArgs) -> Result<(), CliError> {
    use crate::export::{self, ExportError, ExportRequest};
    let request = ExportRequest {
        query: args.query,
        filters: args.filters.to_filters()?,
        matching: args.matching,
        format: args.format,
        index_id: args.index_id,
    };
    let archive = Archive::open(index_dir)?;
    let summary = export::run(
        archive.index(),
        archive.aliases_for(&request.filters),
        &request,
        args.out.as_deref(),
    )
    .map_err(|e| match e {
        ExportError::Read(e) => CliError::Morgue(e),
        ExportError::Write(e) => CliError::Output(e),
    })?;
    if let Some(out) = &args.out {
        eprintln!(
            "morgue: exported {} articles to {}",
            summary.articles,
            out.display()
        );
    }
    Ok(())
}

pub(super) fn run_serve(
    index_dir: &Path,
    args: ServeArgs,
    mut output: Output,
) -> Result<(), CliError> {
    use std::io::Write;
    let archive = Archive::open(index_dir)?;
    let options = crate::serve::ServeOptions {
        addr: args.addr,
        timeout: std::time::Duration::from_secs_f64(args.timeout),
        rate_limit: args.rate_limit,
        allow_hosts: args.allow_host,
        cache_bytes: args.cache_mb.saturating_mul(1 << 20),
    };
    if !args.addr.ip().is_loopback() {
        eprintln!(
            "morgue: warning: listening on {}: anyone who can reach it can read the archive",
            args.addr
        );
    }
    let mut said = Ok(());
    crate::serve::run(archive, &options, |bound| {
        let url = format!("http://{bound}/");
        // The first line names the real port (`--addr 127.0.0.1:0` picks a free one).
        said = writeln!(
            output,
            "morgue: serving {} at {url} (Ctrl-C stops)",
            index_dir.display()
        )
        .and_then(|()| output.flush());
        if args.open {
            crate::serve::open_in_browser(&url);
        }
    })?;
    said?;
    Ok(())
}

pub(super) fn run_stats(
    index_dir: &Path,
    args: StatsArgs,
    mut output: Output,
) -> Result<(), CliError> {
    let stats = Archive::open(index_dir)?.stats(args.top)?;
    render::answer(&mut output, args.json, &stats, render::terminal::stats)?;
    Ok(())
}

pub(super) fn run_entities(
    index_dir: &Path,
    args: EntitiesArgs,
    mut output: Output,
) -> Result<(), CliError> {
    let archive = Archive::open(index_dir)?;
    let kinds = if args.kinds.is_empty() {
        EntityKind::ALL.to_vec()
    } else {
        args.kinds
    };
    let top = args
        .top
        .unwrap_or(if args.audit.is_some() { 50 } else { 20 });
    let listing = archive.entities(&kinds, top)?;
    if let Some(file) = &args.audit {
        let judgements = crate::audit::Judgements::load(file)?;
        let report = crate::audit::audit(&listing, &kinds, &judgements, file, top);
        render::answer(&mut output, args.json, &report, |out, report| {
            use std::io::Write;
            write!(out, "{}", report.table())
        })?;
    } else {
        render::answer(&mut output, args.json, &listing, |out, listing| {
            render::terminal::entities(out, listing)
        })?;
    }
    Ok(())
}

pub(super) fn run_ner_eval(args: NerEvalArgs, mut output: Output) -> Result<(), CliError> {
    let tagger = archive::load_tagger(args.ner_model.as_deref())?;
    let sentences = read_annotated(&args.file)?;
    let scores = ner::eval::evaluate(&tagger, &sentences);
    render::answer(&mut output, args.json, &scores, |out, scores| {
        use std::io::Write;
        let tokens: usize = sentences.iter().map(|s| s.words.len()).sum();
        writeln!(
            out,
            "{}: {} sentences, {tokens} tokens (entity-level, exact span and type)",
            args.file.display(),
            sentences.len()
        )?;
        write!(out, "{}", scores.table())
    })?;
    Ok(())
}

pub(super) fn run_ner_train(args: NerTrainArgs, mut output: Output) -> Result<(), CliError> {
    use std::io::Write;
    let train = read_annotated(&args.train)?;
    let dev = args.dev.as_deref().map(read_annotated).transpose()?;
    let mut options = ner::train::TrainOptions::default();
    if let Some(epochs) = args.epochs {
        options.epochs = epochs;
    }
    if let Some(seed) = args.seed {
        options.seed = seed;
    }
    if let Some(members) = args.members {
        options.members = members.max(1);
    }
    options.stage2 = args.stage2;
    if let Some(epochs) = args.stage2_epochs {
        options.stage2_epochs = epochs;
    }
    if let Some(folds) = args.folds {
        options.folds = folds;
    }
    if let Some(rate) = args.word_dropout {
        if !(0.0..1.0).contains(&rate) {
            return Err(MorgueError::Usage(format!(
                "--word-dropout must be at least 0 and below 1, not {rate}"
            ))
            .into());
        }
        options.word_dropout = rate;
    }
    if let Some(clusters) = args.clusters {
        options.clusters = clusters;
    }
    options.brown = !args.no_brown;
    options.gazetteer = !args.no_gazetteer;
    options.lists = !args.no_lists;
    options.global = match args.global.as_deref() {
        None | Some("early") => Some(ner::train::GlobalUpdate::Early),
        Some("off") => None,
        Some("max-violation") => Some(ner::train::GlobalUpdate::MaxViolation),
        Some(other) => {
            return Err(MorgueError::Usage(format!(
                "--global must be early, max-violation or off, not {other}"
            ))
            .into());
        }
    };
    if let Some(width) = args.train_beam {
        options.train_beam = width.max(1);
    }
    let started = std::time::Instant::now();
    let tagger = ner::train::train(&train, dev.as_deref(), &options, &mut |line| {
        eprintln!("{line}")
    });
    let bytes = tagger.to_bytes();
    std::fs::write(&args.out, &bytes).map_err(|e| MorgueError::io(&args.out, e))?;
    writeln!(
        output,
        "trained on {} sentences in {:.0}s; wrote {} ({:.1} MB)",
        train.len(),
        started.elapsed().as_secs_f64(),
        args.out.display(),
        bytes.len() as f64 / 1e6
    )?;
    if let (Some(dev), Some(path)) = (dev, &args.dev) {
        writeln!(output, "{}:", path.display())?;
        write!(output, "{}", ner::eval::evaluate(&tagger, &dev).table())?;
    }
    Ok(())
}

/// Runs `job` on a thread with a large stack, which absorbs deeply nested queries, and waits
/// for it: the search's deadline is what ends a pathological query, not abandoning it.
fn on_large_stack<T: Send>(job: impl FnOnce() -> T + Send) -> Result<T, MorgueError> {
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .name("search".to_string())
            .stack_size(64 << 20)
            .spawn_scoped(scope, job)
            .map_err(|e| MorgueError::io(Path::new("search thread"), e))?;
        worker
            .join()
            .map_err(|_| MorgueError::Usage("the search stopped unexpectedly".to_string()))
    })
}

fn read_annotated(path: &Path) -> Result<Vec<ner::conll::Sentence>, MorgueError> {
    let text = std::fs::read_to_string(path).map_err(|e| MorgueError::io(path, e))?;
    ner::conll::read_conll(&text)
        .map_err(|e| MorgueError::Usage(format!("{}: {e}", path.display())))
}
