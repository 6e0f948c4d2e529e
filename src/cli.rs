//! The command line: flags (defined once here, with the help text users see) and dispatch.
//!
//! Each command gathers its options, calls the library, and hands the result to a renderer.
//! Errors travel up to [`run`], the one place that prints them and picks the exit code.

use crate::archive::params::{BadParam, SearchParams, parse_entity_kind, parse_facet, parse_sort};
use crate::archive::{self, Archive};
use crate::article::EntityKind;
use crate::check;
use crate::enrich::gazetteer::Gazetteer;
use crate::enrich::ner;
use crate::error::MorgueError;
use crate::index::{self, MorgueIndex};
use crate::ingest::{self, IngestOptions};
use crate::render::{self, ColorChoice, Output};
use crate::search::SortOrder;
use crate::search::deadline::Deadline;
use crate::search::facets::FacetKind;
use crate::search::query::{Filters, MatchMode};
use clap::{Args, Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

mod remote;

#[derive(Debug, Parser)]
#[command(
    name = "morgue",
    version,
    about = "Full-text search for news archives: index folders of articles, search them by words, people, places, events and dates.",
    after_help = "Examples:\n  morgue index ~/archive\n  morgue search \"phone call\" --person \"Vladimir Putin\" --from 2025-02 --facet month\n  morgue search 'sanctions AND \"energy exports\"' --place Russia --sort=-date --json\n  morgue stats\n\nExit status: 0 success; 1 error (the command could not run); 2 bad usage or query; 3 index run done but some files or records could not be indexed (listed in its summary); 4 check ran and found the index and its manifest disagree; 130 index run stopped by Ctrl-C after committing what was done."
)]
pub struct Cli {
    /// Index folder [default: the platform data folder, e.g. ~/.local/share/morgue/index]
    #[arg(long, global = true, env = "MORGUE_INDEX", value_name = "PATH")]
    pub index: Option<PathBuf>,

    /// When to use colours and bold on the terminal (NO_COLOR is honoured)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index (or re-index) folders of articles: .txt, .md, .json, .jsonl/.ndjson, .html,
    /// .warc(.gz), bundles (.zip, .tar, .tar.gz) and gzipped files
    Index(IndexArgs),
    /// Search the index
    Search(SearchArgs),
    /// Write out every article a query and filters match (no query: the whole archive),
    /// body included: NDJSON or CSV for scripts, or files for a Quickwit or
    /// Elasticsearch/OpenSearch cluster
    Export(ExportArgs),
    /// Send the index's articles to a Quickwit (or Elasticsearch/OpenSearch) cluster:
    /// creates the index there if missing, then sends only what changed since the last push
    /// and deletes what vanished; an interrupted push resumes
    Push(PushArgs),
    /// Show what the index holds: counts, date range, top entities, last run's skips
    Stats(StatsArgs),
    /// List canonical entities with article counts and the aliases they appear under
    Entities(EntitiesArgs),
    /// Show one stored article whole: every field, the body, and each entity mention with
    /// its offsets and what found it. Name it by the id `search --json` gives, or by its
    /// file's path (`PATH:N` for record N of a multi-article file)
    Show(ShowArgs),
    /// Check that the index holds exactly what the manifest says was indexed (no duplicates,
    /// nothing missing). Exit status 0 when it does, 4 when they disagree, 1 when the check
    /// could not run (no index, unreadable files)
    Check(CheckArgs),
    /// Score the entity tagger on annotated text (CoNLL format), the way conlleval does
    NerEval(NerEvalArgs),
    /// Train an entity tagger model from annotated text (CoNLL format)
    NerTrain(NerTrainArgs),
    /// Print a shell completion script: `morgue completions bash > /etc/bash_completion.d/morgue`
    Completions(CompletionsArgs),
    /// Print the man page (roff): `morgue man > ~/.local/share/man/man1/morgue.1`
    Man(ManArgs),
    /// Serve the archive to a web browser and over an HTTP API (read-only; see README)
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on. The default answers this machine only; another address makes
    /// the archive readable by anyone who can reach it
    #[arg(long, default_value = "127.0.0.1:7700", value_name = "IP:PORT")]
    pub addr: std::net::SocketAddr,
    /// Open the page in the default browser once the server listens
    #[arg(long)]
    pub open: bool,
    /// Answer a search that takes longer than this many seconds with a timeout (408)
    #[arg(long, default_value_t = 10.0, value_name = "SECS", value_parser = parse_seconds)]
    pub timeout: f64,
    /// Most requests per second over all clients, beyond which they get 429 (0: no limit)
    #[arg(long, default_value_t = 1000, value_name = "N")]
    pub rate_limit: u32,
    /// Also answer requests addressed to this host name (repeatable; e.g. the machine's
    /// name on the network with --addr 0.0.0.0:7700). Others are refused, against DNS rebinding
    #[arg(long, value_name = "NAME")]
    pub allow_host: Vec<String>,
    /// Keep up to this many MB of search answers in memory, for requests asked again (emptied
    /// when the index changes; 0: no cache)
    #[arg(long, default_value_t = 64, value_name = "MB")]
    pub cache_mb: usize,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Print this command's page instead (`morgue man search > .../man1/morgue-search.1`)
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct NerEvalArgs {
    /// Annotated file: one token per line, columns `word [POS chunk] tag` (IOB1, IOB2 or
    /// BILOU tags), blank lines between sentences, -DOCSTART- lines optional
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Model to score instead of the built-in one (from `morgue ner-train`)
    #[arg(long, env = "MORGUE_NER_MODEL", value_name = "FILE")]
    pub ner_model: Option<PathBuf>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct NerTrainArgs {
    /// Annotated training file (same format as ner-eval reads)
    #[arg(value_name = "TRAIN")]
    pub train: PathBuf,
    /// Annotated development file: scored after training (never trained on)
    #[arg(long, value_name = "FILE")]
    pub dev: Option<PathBuf>,
    /// Where to write the model
    #[arg(long, short, value_name = "FILE")]
    pub out: PathBuf,
    /// Training passes over the data (first stage)
    #[arg(long)]
    pub epochs: Option<usize>,
    /// Seed for the training order (the same seed and data give the same model)
    #[arg(long)]
    pub seed: Option<u64>,
    /// Perceptrons trained with different seeds whose weights are averaged into one model
    /// (default 3; 1 trains about three times less work)
    #[arg(long, value_name = "N")]
    pub members: Option<usize>,
    /// Also train a second stage that re-tags each document seeing the first stage's labels
    #[arg(long)]
    pub stage2: bool,
    /// Training passes for the second stage (default 5)
    #[arg(long, value_name = "N", requires = "stage2")]
    pub stage2_epochs: Option<usize>,
    /// Jackknife folds giving the second stage its training labels (default 5)
    #[arg(long, value_name = "N", requires = "stage2")]
    pub folds: Option<usize>,
    /// Share of training tokens whose own word is hidden (default 0.1)
    #[arg(long, value_name = "RATE")]
    pub word_dropout: Option<f64>,
    /// Finest number of word clusters induced from the training words (default 1000; 0 = none)
    #[arg(long, value_name = "N")]
    pub clusters: Option<usize>,
    /// Leave out the Brown cluster features (data/ner/lists/brown_clusters.tsv)
    #[arg(long)]
    pub no_brown: bool,
    /// Leave out the gazetteer features (the built-in gazetteer and the name lists)
    #[arg(long)]
    pub no_gazetteer: bool,
    /// Keep the built-in gazetteer but leave out the name lists of data/ner/lists
    #[arg(long)]
    pub no_lists: bool,
    /// Train on whole sentences with the beam search (a structured perceptron), updating at
    /// the first beam miss (`early`, the default) or the largest violation (`max-violation`);
    /// `off` trains token by token (the older, less accurate models)
    #[arg(long, value_name = "RULE")]
    pub global: Option<String>,
    /// Beam width for --global training (default 3)
    #[arg(long, value_name = "N")]
    pub train_beam: Option<usize>,
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Folders (or single files) to index
    #[arg(required = true, value_name = "DIR")]
    pub dirs: Vec<PathBuf>,

    /// Follow symbolic links (loops are reported, not fatal)
    #[arg(long)]
    pub follow_links: bool,

    /// Skip files larger than this (bytes; K, M, G suffixes allowed). Record-oriented files
    /// (NDJSON, WARC, bundles) are streamed whatever their size: for them this limits each
    /// record (line, WARC record, bundle member), and a larger one is a bad record
    #[arg(long, default_value = "64M", value_parser = parse_size, value_name = "SIZE")]
    pub max_file_size: u64,

    /// Index at most this much of an article's body (bytes; K, M, G suffixes allowed); longer
    /// bodies are cut at a word and reported as warnings
    #[arg(long, default_value = "2M", value_parser = parse_size, value_name = "SIZE")]
    pub max_body_size: u64,

    /// Commit at least this often, in seconds, so an interrupted run keeps its work
    #[arg(long, default_value_t = 60.0, value_name = "SECS", value_parser = parse_seconds)]
    pub commit_interval: f64,

    /// Re-read every file, even those the manifest says are unchanged
    #[arg(long)]
    pub force: bool,

    /// Your own alias file (TSV: kind, canonical name, aliases separated by |); kept with the
    /// index for later runs and searches; changing it re-extracts entities from every file.
    #[arg(long, env = "MORGUE_GAZETTEER", value_name = "FILE")]
    pub gazetteer: Option<PathBuf>,

    /// Do not extract entities (faster; person/org/place/event filters and facets find nothing
    /// in files indexed this way)
    #[arg(long)]
    pub no_entities: bool,

    /// Entity tagger model to use instead of the built-in one (from `morgue ner-train`)
    #[arg(long, env = "MORGUE_NER_MODEL", value_name = "FILE")]
    pub ner_model: Option<PathBuf>,

    /// Memory budget of the index writer, in MB (16 to 4000; default 64 per writer thread,
    /// one per core up to 4: 128 MB on 2 cores)
    #[arg(long, value_name = "MB",
          value_parser = clap::value_parser!(u16).range(16..=4000))]
    pub memory_mb: Option<u16>,

    /// List every skipped and ignored file, bad record and warning
    #[arg(long, short)]
    pub verbose: bool,

    /// Print the run summary as JSON
    #[arg(long)]
    pub json: bool,
}

/// The filters `search` and `export` share (one definition, one meaning).
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Only articles mentioning this person (any alias; repeat to require several)
    #[arg(long, value_name = "NAME")]
    pub person: Vec<String>,
    /// Only articles mentioning this organisation (repeatable, all must match)
    #[arg(long, value_name = "NAME")]
    pub org: Vec<String>,
    /// Only articles mentioning this place (repeatable, all must match)
    #[arg(long, value_name = "NAME")]
    pub place: Vec<String>,
    /// Only articles mentioning this event (repeatable, all must match)
    #[arg(long, value_name = "NAME")]
    pub event: Vec<String>,

    /// Published on or after: YYYY, YYYY-MM or YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Published on or before: YYYY, YYYY-MM or YYYY-MM-DD (the whole period counts)
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only articles from this source (repeatable: any of them)
    #[arg(long, value_name = "NAME")]
    pub source: Vec<String>,
    /// Only articles with no publication date
    #[arg(long)]
    pub undated: bool,
    /// Only articles in this language: an ISO 639-1 code such as en, de, fr (repeatable: any)
    #[arg(long, value_name = "CODE")]
    pub lang: Vec<String>,

    /// Leave out articles mentioning this person (any alias; repeatable: none may match)
    #[arg(long, value_name = "NAME")]
    pub not_person: Vec<String>,
    /// Leave out articles mentioning this organisation (repeatable)
    #[arg(long, value_name = "NAME")]
    pub not_org: Vec<String>,
    /// Leave out articles mentioning this place (repeatable)
    #[arg(long, value_name = "NAME")]
    pub not_place: Vec<String>,
    /// Leave out articles mentioning this event (repeatable)
    #[arg(long, value_name = "NAME")]
    pub not_event: Vec<String>,
    /// Leave out articles from this source (repeatable)
    #[arg(long, value_name = "NAME")]
    pub not_source: Vec<String>,
}

impl FilterArgs {
    /// The filters as search parameters (everything else at its default): the one place
    /// their values are read, for every front end.
    pub fn params(&self) -> SearchParams {
        let by_kind = |lists: [&Vec<String>; 4]| -> Vec<(EntityKind, String)> {
            EntityKind::ALL
                .into_iter()
                .zip(lists)
                .flat_map(|(kind, names)| names.iter().map(move |n| (kind, n.clone())))
                .collect()
        };
        let entities = by_kind([&self.person, &self.org, &self.place, &self.event]);
        let excluded_entities = by_kind([
            &self.not_person,
            &self.not_org,
            &self.not_place,
            &self.not_event,
        ]);
        SearchParams {
            entities,
            from: self.from.clone(),
            to: self.to.clone(),
            sources: self.source.clone(),
            undated: self.undated,
            languages: self.lang.clone(),
            excluded_entities,
            excluded_sources: self.not_source.clone(),
            ..SearchParams::default()
        }
    }

    /// The filters as the search library takes them; a date that does not parse, or a
    /// period that ends before it starts, is a usage error naming its flag.
    pub fn to_filters(&self) -> Result<Filters, MorgueError> {
        self.params().filters().map_err(flag_message)
    }
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words, "phrases", AND/OR/NOT, field:term (title, body, person, org, place, event, source,
    /// author, tags). Leave out to list everything that matches the filters. A query that
    /// starts with `-` goes after `--`: `morgue search -- -word other`.
    #[arg(value_name = "QUERY", default_value = "")]
    pub query: String,

    #[command(flatten)]
    pub filters: FilterArgs,

    /// relevance, date (oldest first) or -date (newest first); undated articles sort last
    #[arg(long, default_value = "relevance", value_parser = parse_sort, allow_hyphen_values = true)]
    pub sort: SortOrder,
    /// How many hits to show (0: only the count and facets)
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Skip this many hits first, to page through results
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// List every copy of a story as its own hit (by default near-identical articles, such
    /// as wire copy run by several outlets, are folded under the first one)
    #[arg(long)]
    pub all_copies: bool,
    /// For a query of plain words: all (every word), most (every word first, then articles
    /// matching some words when those are fewer than a page) or any (any word)
    #[arg(long = "match", default_value = "most", value_name = "HOW", value_parser = str::parse::<MatchMode>)]
    pub matching: MatchMode,
    /// Show why each hit ranked where it did: what each matched word added in each field
    #[arg(long)]
    pub explain: bool,

    /// Count results by year, month, day, person, org, place, event, source or language
    /// (repeatable)
    #[arg(long, value_parser = parse_facet, value_name = "KIND")]
    pub facet: Vec<FacetKind>,
    /// How many values to show per facet
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub facet_limit: usize,

    /// Print results as one JSON object (see README for its fields)
    #[arg(long)]
    pub json: bool,

    /// Give up on a search that takes longer than this many seconds (pathological queries)
    #[arg(long, default_value_t = 10.0, value_name = "SECS", value_parser = parse_seconds)]
    pub timeout: f64,

    /// Search a cluster that `morgue push` filled instead of the local index: Quickwit's
    /// REST address (http://HOST:7280) or Elasticsearch/OpenSearch's
    #[arg(long, env = "MORGUE_REMOTE", value_name = "URL")]
    pub remote: Option<String>,
    /// The index on the cluster
    #[arg(long, default_value = "morgue", value_name = "ID")]
    pub remote_index: String,
}

#[derive(Debug, Args)]
pub struct PushArgs {
    /// The cluster: Quickwit's REST address (http://HOST:7280) or Elasticsearch/OpenSearch's
    #[arg(value_name = "URL")]
    pub url: String,
    /// The index on the cluster (created from the same config `export --format quickwit`
    /// writes, or the bulk mapping on Elasticsearch/OpenSearch)
    #[arg(long, default_value = "morgue", value_name = "ID")]
    pub index_id: String,
    /// Send a batch when it holds this many MB of documents
    #[arg(long, default_value_t = 8, value_name = "MB")]
    pub batch_mb: usize,
    /// ... or this many articles
    #[arg(long, default_value_t = 2000, value_name = "N")]
    pub batch_articles: usize,
    /// Print the summary as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The same query syntax as `search`; leave out to export everything the filters match
    #[arg(value_name = "QUERY", default_value = "")]
    pub query: String,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// For a query of plain words: all (every word) or any (any word)
    #[arg(long = "match", default_value = "all", value_name = "HOW", value_parser = str::parse::<MatchMode>)]
    pub matching: MatchMode,
    /// ndjson or csv (one file), quickwit (index-config.yaml + docs.ndjson) or bulk
    /// (mapping.json + bulk.ndjson for Elasticsearch/OpenSearch)
    #[arg(long, value_enum)]
    pub format: crate::export::ExportFormat,
    /// Where to write: a file for ndjson/csv (default: standard output), a folder for
    /// quickwit/bulk (required; created if missing)
    #[arg(long, short, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// The index name in the Quickwit config and the bulk action lines
    #[arg(long, default_value = "morgue", value_name = "ID")]
    pub index_id: String,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// An article id (a hit's `id` in `search --json`), or a file path as indexed
    /// (relative or absolute), with `:N` for record N of a multi-article file
    #[arg(value_name = "ID|PATH[:N]")]
    pub target: String,
    /// Print the article(s) as one JSON object (see README for its fields)
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// How many top entities and sources to list
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub top: usize,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct EntitiesArgs {
    /// Only this kind: person, org, place or event (repeatable; default: all)
    #[arg(long = "type", short = 't', value_parser = parse_entity_kind, value_name = "KIND")]
    pub kinds: Vec<EntityKind>,
    /// How many entities to list per kind (default 20; 50 with --audit)
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Score the top entities against a judgement file (lines `kind<TAB>name<TAB>verdict`,
    /// verdict ok, wrong, duplicate or anachronism): precision per kind, and what is unjudged
    #[arg(long, value_name = "FILE")]
    pub audit: Option<PathBuf>,
    #[arg(long)]
    pub json: bool,
}

/// Exit status when something went wrong: the command could not do its work.
pub const EXIT_ERROR: u8 = 1;
/// Bad flags or a query that does not parse.
pub const EXIT_USAGE: u8 = 2;
/// An index run finished and committed, but some files or records could not be indexed.
pub const EXIT_PARTIAL: u8 = 3;
/// `check` ran to the end and found the index and its manifest disagree: distinct from
/// [`EXIT_ERROR`], so a script can tell "repair it" from "could not look".
pub const EXIT_INCONSISTENT: u8 = 4;
/// An index run was stopped by Ctrl-C (or SIGTERM) after committing what it had done.
pub const EXIT_INTERRUPTED: u8 = 130;

/// Runs the parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    let output = Output::stdout(cli.color);
    let index_dir = cli.index.clone().unwrap_or_else(index::default_index_dir);
    let done = |r: Result<(), CliError>| r.map(|()| ExitCode::SUCCESS);
    let result = match cli.command {
        Command::Index(args) => run_index(&index_dir, args, output),
        Command::Search(args) => done(run_search(&index_dir, args, output)),
        Command::Stats(args) => done(run_stats(&index_dir, args, output)),
        Command::Push(args) => done(remote::run_push(&index_dir, args, output)),
        Command::Show(args) => done(run_show(&index_dir, args, output)),
        Command::Export(args) => done(run_export(&index_dir, args)),
        Command::Entities(args) => done(run_entities(&index_dir, args, output)),
        Command::Check(args) => run_check(&index_dir, args, output),
        Command::NerEval(args) => done(run_ner_eval(args, output)),
        Command::NerTrain(args) => done(run_ner_train(args, output)),
        Command::Completions(args) => done(run_completions(args, output)),
        Command::Man(args) => done(run_man(args, output)),
        Command::Serve(args) => done(run_serve(&index_dir, args, output)),
    };
    match result {
        Ok(code) => code,
        Err(CliError::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            // `morgue search ... | head` closing the pipe early is not an error.
            ExitCode::SUCCESS
        }
        Err(e) => {
            // Error messages quote paths and names from the archive: keep them from
            // rewriting the terminal.
            eprintln!(
                "morgue: error: {}",
                render::terminal::escape_control(&in_cli_words(&e))
            );
            match e {
                CliError::Morgue(MorgueError::Usage(_))
                | CliError::Morgue(MorgueError::Query(_)) => ExitCode::from(EXIT_USAGE),
                _ => ExitCode::from(EXIT_ERROR),
            }
        }
    }
}

/// The library's message, with what a command-line user can do about it.
fn in_cli_words(error: &CliError) -> String {
    match error {
        CliError::Morgue(e @ MorgueError::NoIndex { .. }) => format!(
            "{e}; create one with `morgue index DIR...` (or point --index / MORGUE_INDEX at it)"
        ),
        CliError::Morgue(e @ MorgueError::Timeout { .. }) => {
            format!("{e} (--timeout SECS allows more time)")
        }
        other => other.to_string(),
    }
}

/// A bad value of a flag, said with the flag's name.
fn flag_error(bad: BadParam) -> CliError {
    CliError::Morgue(flag_message(bad))
}

/// A bad parameter in the CLI's words: its flag, then what is wrong.
fn flag_message(bad: BadParam) -> MorgueError {
    let flag = bad.param.replace('_', "-");
    MorgueError::Usage(format!("--{flag} {}", bad.message))
}

#[derive(Debug, thiserror::Error)]
enum CliError {
    #[error(transparent)]
    Morgue(#[from] MorgueError),
    #[error("writing output: {0}")]
    Output(#[from] std::io::Error),
    #[error(transparent)]
    Remote(#[from] crate::remote::RemoteError),
}

fn run_index(index_dir: &Path, args: IndexArgs, mut output: Output) -> Result<ExitCode, CliError> {
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
    };
    let summary = ingest::run(index_dir, &options)?;
    if let Some((_, text)) = user_entries {
        let path = index_dir.join(index::USER_GAZETTEER);
        std::fs::write(&path, text).map_err(|e| MorgueError::io(&path, e))?;
    }
    if args.json {
        render::json::write(&mut output, &summary)?;
    } else {
        render::terminal::index_summary(&mut output, &summary, index_dir, args.verbose)?;
    }
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

fn run_check(index_dir: &Path, args: CheckArgs, mut output: Output) -> Result<ExitCode, CliError> {
    let index = MorgueIndex::open(index_dir)?;
    let report = check::check(&index)?;
    if args.json {
        render::json::write(&mut output, &report)?;
    } else {
        render::terminal::check_report(&mut output, &report, index_dir)?;
    }
    Ok(if report.consistent {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_INCONSISTENT)
    })
}

/// Completions are generated from the flag definitions above, so they never go stale.
fn run_completions(args: CompletionsArgs, mut output: Output) -> Result<(), CliError> {
    use clap::CommandFactory;
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "morgue", &mut output);
    Ok(())
}

/// A man page, from the same definitions (and help text) as `--help`: the main page lists
/// the commands, and each command has a page of its own (named `morgue-search` and so on).
fn run_man(args: ManArgs, mut output: Output) -> Result<(), CliError> {
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

fn run_search(index_dir: &Path, args: SearchArgs, mut output: Output) -> Result<(), CliError> {
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
    if args.json {
        render::json::write(&mut output, &results)?;
    } else {
        render::terminal::search_results(&mut output, &results)?;
    }
    Ok(())
}

fn run_show(index_dir: &Path, args: ShowArgs, mut output: Output) -> Result<(), CliError> {
    let archive = Archive::open(index_dir)?;
    let shown = crate::show::show(archive.index(), archive.aliases(), &args.target)?;
    if args.json {
        render::json::write(&mut output, &shown)?;
    } else {
        render::article::shown(&mut output, &shown)?;
    }
    Ok(())
}

/// An export streams to a file or standard output, or writes a folder; with `--out`, a short
/// summary goes to standard error.
fn run_export(index_dir: &Path, args: ExportArgs) -> Result<(), CliError> {
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

fn run_serve(index_dir: &Path, args: ServeArgs, mut output: Output) -> Result<(), CliError> {
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

fn run_stats(index_dir: &Path, args: StatsArgs, mut output: Output) -> Result<(), CliError> {
    let stats = Archive::open(index_dir)?.stats(args.top)?;
    if args.json {
        render::json::write(&mut output, &stats)?;
    } else {
        render::terminal::stats(&mut output, &stats)?;
    }
    Ok(())
}

fn run_entities(index_dir: &Path, args: EntitiesArgs, mut output: Output) -> Result<(), CliError> {
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
        if args.json {
            render::json::write(&mut output, &report)?;
        } else {
            use std::io::Write;
            write!(output, "{}", report.table())?;
        }
    } else if args.json {
        render::json::write(&mut output, &listing)?;
    } else {
        render::terminal::entities(&mut output, &listing)?;
    }
    Ok(())
}

fn run_ner_eval(args: NerEvalArgs, mut output: Output) -> Result<(), CliError> {
    let tagger = archive::load_tagger(args.ner_model.as_deref())?;
    let sentences = read_annotated(&args.file)?;
    let scores = ner::eval::evaluate(&tagger, &sentences);
    if args.json {
        render::json::write(&mut output, &scores)?;
    } else {
        use std::io::Write;
        let tokens: usize = sentences.iter().map(|s| s.words.len()).sum();
        writeln!(
            output,
            "{}: {} sentences, {tokens} tokens (entity-level, exact span and type)",
            args.file.display(),
            sentences.len()
        )?;
        write!(output, "{}", scores.table())?;
    }
    Ok(())
}

fn run_ner_train(args: NerTrainArgs, mut output: Output) -> Result<(), CliError> {
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

fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let (digits, multiplier) = match text.char_indices().last() {
        Some((i, 'k' | 'K')) => (&text[..i], 1u64 << 10),
        Some((i, 'm' | 'M')) => (&text[..i], 1 << 20),
        Some((i, 'g' | 'G')) => (&text[..i], 1 << 30),
        _ => (text, 1),
    };
    digits
        .trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(multiplier))
        .ok_or_else(|| format!("`{text}` is not a size: use bytes, or a number with K, M or G"))
}

fn parse_seconds(text: &str) -> Result<f64, String> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|s| s.is_finite() && *s > 0.0 && *s <= 1e6)
        .ok_or_else(|| format!("`{text}` is not a number of seconds (above 0)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_take_suffixes() {
        assert_eq!(parse_size("1024"), Ok(1024));
        assert_eq!(parse_size("2K"), Ok(2048));
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("1g"), Ok(1 << 30));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("99999999999999G").is_err());
    }

    #[test]
    fn clap_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
