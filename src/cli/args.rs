//! The flags of every command, with the help text users see (clap derive).

use super::flag_message;
use crate::archive::params::{SearchParams, parse_entity_kind, parse_facet, parse_sort};
use crate::article::EntityKind;
use crate::error::MorgueError;
use crate::render::ColorChoice;
use crate::search::SortOrder;
use crate::search::facets::FacetKind;
use crate::search::query::{Filters, MatchMode};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

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

    /// After indexing, merge the archive into segments of up to N articles each
    /// (`--optimize`: 250,000; `--optimize=N`): searches of an archive that is done growing
    /// get faster (fewer segments to open and count across). The merge rewrites the index
    /// once, and its peak memory counts the segments it reads
    #[arg(long, value_name = "N", num_args = 0..=1, default_missing_value = "250000",
          require_equals = true,
          value_parser = clap::value_parser!(u32).range(1000..))]
    pub optimize: Option<u32>,

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
}
