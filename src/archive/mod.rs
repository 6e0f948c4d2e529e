//! An opened archive: the index with its alias lists, ready to answer searches from any
//! number of threads.
//!
//! [`Archive`] is what a front end holds: the CLI opens one per command, the server one for
//! its whole life and clones it into every request (clones share one index reader and one
//! set of alias tables). Every question it answers returns a typed [`MorgueError`], whose
//! [`kind`](MorgueError::kind) the front end maps to its own answer (an exit code, an HTTP
//! status). Searches take a [`Deadline`] that stops their work when it passes.
//!
//! - [`params`]: a search as a front end receives it (dates as typed) -> [`SearchRequest`];
//! - [`timeline`]: counts per day, week, month or year for several queries side by side;
//! - [`cooccurring`]: the entities most often mentioned together with one entity.

pub mod cooccurring;
pub mod params;
pub mod timeline;

use crate::article::EntityKind;
use crate::enrich::gazetteer::{Gazetteer, GazetteerEntry};
use crate::enrich::ner::Tagger;
use crate::error::MorgueError;
use crate::index::document::StoredArticle;
use crate::index::{self, MorgueIndex};
use crate::search::deadline::Deadline;
use crate::search::memo::FacetMemo;
use crate::search::query::Filters;
use crate::search::{self, SearchRequest, SearchResults};
use crate::stats::{self, EntityListing, IndexStats};
use serde::Serialize;
use std::path::Path;
use std::sync::{Arc, OnceLock};
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{TantivyDocument, Term};

/// How many searches' facet counts an archive remembers (a few KB each).
const FACET_MEMO_ENTRIES: usize = 1024;

/// An opened index with its aliases; cheap to clone and safe to share across threads.
#[derive(Clone)]
pub struct Archive {
    shared: Arc<Shared>,
}

struct Shared {
    index: MorgueIndex,
    /// The user's alias entries kept with the index (read and checked when opening).
    user_aliases: Option<Vec<GazetteerEntry>>,
    /// The archive's alias table (acronyms and surnames) kept with the index
    /// (`ingest::archive_aliases`).
    archive_aliases: crate::ingest::archive_aliases::Table,
    /// The alias tables, built on the first search that filters by entity: building them
    /// costs more than a whole search, and most searches do not need them.
    aliases: OnceLock<Gazetteer>,
    /// Facet counts of recent searches (see [`FacetMemo`]).
    facet_memo: FacetMemo,
}

/// A stored article with its whole body: what `/api/article/{id}` answers.
#[derive(Debug, Serialize)]
pub struct FullArticle {
    #[serde(flatten)]
    pub article: StoredArticle,
    pub body: String,
}

impl Archive {
    /// Opens the index at `dir` for reading, with the alias file kept beside it.
    pub fn open(dir: &Path) -> Result<Archive, MorgueError> {
        let index = MorgueIndex::open(dir)?;
        let stored = dir.join(index::USER_GAZETTEER);
        let user_aliases = if stored.exists() {
            Some(read_aliases(&stored)?.0)
        } else {
            None
        };
        Ok(Archive {
            shared: Arc::new(Shared {
                index,
                user_aliases,
                archive_aliases: crate::ingest::archive_aliases::Table::load(dir)?,
                aliases: OnceLock::new(),
                facet_memo: FacetMemo::new(FACET_MEMO_ENTRIES),
            }),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.shared.index.dir
    }

    pub fn index(&self) -> &MorgueIndex {
        &self.shared.index
    }

    /// The built-in alias lists plus the user's and the archive's alias table, built once.
    pub fn aliases(&self) -> &Gazetteer {
        self.shared.aliases.get_or_init(|| {
            let builtin = Gazetteer::builtin();
            let lists = match &self.shared.user_aliases {
                Some(entries) => builtin.with_entries(entries.clone()),
                None => builtin,
            };
            self.shared.archive_aliases.under(lists)
        })
    }

    /// Runs a search, stopped with [`MorgueError::Timeout`] once `deadline` passes.
    pub fn search(
        &self,
        request: &SearchRequest,
        deadline: &Deadline,
    ) -> Result<SearchResults, MorgueError> {
        let aliases = self.aliases_for(&request.filters);
        search::search_until(
            self.index(),
            aliases,
            request,
            deadline,
            Some(&self.shared.facet_memo),
        )
    }

    /// The alias tables `filters` need: none without entity filters (an empty set does).
    pub fn aliases_for(&self, filters: &Filters) -> &Gazetteer {
        static NONE: OnceLock<Gazetteer> = OnceLock::new();
        if filters.name_entities() {
            self.aliases()
        } else {
            NONE.get_or_init(Gazetteer::default)
        }
    }

    /// The stored article with this id (a hit's `id`), body included.
    pub fn article(&self, id: &str) -> Result<FullArticle, MorgueError> {
        let index = self.index();
        let tantivy_err = |e| MorgueError::tantivy(&index.dir, e);
        let searcher = index.searcher().map_err(tantivy_err)?;
        let query = TermQuery::new(
            Term::from_field_text(index.fields.id, id),
            IndexRecordOption::Basic,
        );
        let hits = searcher
            .search(&query, &TopDocs::with_limit(1).order_by_score())
            .map_err(tantivy_err)?;
        let Some((_, address)) = hits.into_iter().next() else {
            return Err(MorgueError::NotFound(format!(
                "article `{id}` is not in the index"
            )));
        };
        let doc: TantivyDocument = searcher.doc(address).map_err(tantivy_err)?;
        let mut article = StoredArticle::from_document(&index.fields, &doc);
        let body = std::mem::take(&mut article.body);
        Ok(FullArticle { article, body })
    }

    /// What the index holds: counts, date range, top entities and sources, the last run.
    pub fn stats(&self, top: usize) -> Result<IndexStats, MorgueError> {
        stats::collect(self.index(), top)
    }

    /// The `top` most mentioned entities of each kind (all kinds when `kinds` is empty).
    pub fn entities(
        &self,
        kinds: &[EntityKind],
        top: usize,
    ) -> Result<Vec<EntityListing>, MorgueError> {
        let kinds = if kinds.is_empty() {
            &EntityKind::ALL[..]
        } else {
            kinds
        };
        stats::list_entities(self.index(), kinds, top)
    }
}

/// Reads a user alias file (TSV: kind, canonical name, aliases separated by `|`), returning
/// its entries and its text (which `morgue index` keeps with the index).
pub fn read_aliases(path: &Path) -> Result<(Vec<GazetteerEntry>, String), MorgueError> {
    let text = std::fs::read_to_string(path).map_err(|e| MorgueError::io(path, e))?;
    let entries = Gazetteer::parse_tsv(&text, &path.display().to_string())
        .map_err(|e| MorgueError::Usage(format!("gazetteer {e}")))?;
    Ok((entries, text))
}

/// The built-in alias lists plus the user's file kept with the index at `dir`, if any (for
/// an index run, which may create the index).
pub fn load_aliases(dir: &Path) -> Result<Gazetteer, MorgueError> {
    let stored = dir.join(index::USER_GAZETTEER);
    if !stored.exists() {
        return Ok(Gazetteer::builtin());
    }
    let (entries, _) = read_aliases(&stored)?;
    Ok(Gazetteer::builtin().with_entries(entries))
}

/// The built-in entity tagger, or one read from a model file (from `morgue ner-train`).
pub fn load_tagger(path: Option<&Path>) -> Result<Arc<Tagger>, MorgueError> {
    let Some(path) = path else {
        return Ok(Tagger::builtin_shared());
    };
    let bytes = std::fs::read(path).map_err(|e| MorgueError::io(path, e))?;
    let tagger = Tagger::from_bytes(&bytes).map_err(|e| {
        MorgueError::Usage(format!("{}: not a morgue NER model: {e}", path.display()))
    })?;
    Ok(Arc::new(tagger))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_archive_can_be_shared_across_threads() {
        fn shareable<T: Send + Sync + Clone + 'static>() {}
        shareable::<Archive>();
        shareable::<Deadline>();
    }

    #[test]
    fn a_missing_index_is_a_typed_error() {
        let dir = tempfile::tempdir().unwrap();
        let error = Archive::open(&dir.path().join("none")).err().unwrap();
        assert!(matches!(error, MorgueError::NoIndex { .. }), "{error}");
        assert_eq!(error.kind(), crate::error::ErrorKind::Failed);
    }
}
