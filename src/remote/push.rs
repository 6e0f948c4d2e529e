//! `morgue push URL`: the index's articles sent to a cluster, incrementally.
//!
//! What was pushed is remembered per cluster and index id in `INDEX/push/<target>.jsonl`:
//! one `[path, hash]` line per file, in the manifest's order. A push merges that list with the
//! manifest, as an index run merges the walk with it: unchanged files are not sent; changed
//! and vanished files have their documents deleted on the cluster first (Elasticsearch's
//! `_delete_by_query`; a Quickwit delete task, which removes what was published before it and
//! so spares the documents sent after it), then changed and new files are sent in `_bulk`
//! batches, file by file in the manifest's order (a first push sends every indexed file).
//!
//! Resuming: after each batch the cluster accepted, the files it completed are appended to
//! `<target>.progress.jsonl`; an interrupted push is resumed from there (those files are not
//! sent again). The list is rewritten, and the progress file removed, when a push ends.
//! Articles the cluster refused are reported, and their files left out of the list so the
//! next push sends them again.

use super::{Engine, Remote, RemoteError, expect_json, http::Method};
use crate::error::MorgueError;
use crate::export::{ClusterDoc, UNDATED_TIMESTAMP, bulk_action, bulk_mapping, quickwit_config};
use crate::index::MorgueIndex;
use crate::index::document::StoredArticle;
use crate::index::manifest::{self, Key};
use crate::walk::key_cmp;
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

/// When a batch is sent: this many bytes of bulk body, or this many articles.
pub struct BatchLimits {
    pub bytes: usize,
    pub articles: usize,
}

impl Default for BatchLimits {
    fn default() -> BatchLimits {
        BatchLimits {
            bytes: 8 << 20,
            articles: 2_000,
        }
    }
}

/// A file is split across batches only when it holds this many batches' worth.
const SPLIT_FILE: usize = 4;
/// Paths per delete request.
const DELETE_CHUNK: usize = 100;
/// Refused articles listed in the summary (the count covers all).
const FAILURES_LISTED: usize = 20;

#[derive(Debug, Default, Serialize)]
pub struct PushSummary {
    pub engine: Option<Engine>,
    pub index_id: String,
    /// The index did not exist and was created.
    pub created_index: bool,
    /// Resumed an interrupted push.
    pub resumed: bool,
    pub files_unchanged: usize,
    pub files_sent: usize,
    /// Changed or vanished files whose earlier documents were deleted on the cluster.
    pub files_deleted: usize,
    pub articles_sent: usize,
    pub articles_refused: usize,
    pub batches: usize,
    pub bytes_sent: u64,
    /// The first refusals, as "id: reason".
    pub refusals: Vec<String>,
}

/// Sends what changed since the last push of `index` to `remote`. `progress` is told the
/// number of articles sent so far.
pub fn push(
    index: &MorgueIndex,
    remote: &Remote,
    limits: &BatchLimits,
    progress: &mut dyn FnMut(usize),
) -> Result<PushSummary, RemoteError> {
    let mut summary = PushSummary {
        engine: Some(remote.engine),
        index_id: remote.index_id.clone(),
        ..PushSummary::default()
    };
    let state = State::at(&index.dir, remote);
    let pushed_before = state.exists();
    // An interrupted push leaves its progress file, even before it completed a file.
    let interrupted = state.progress_path().exists();
    summary.created_index = ensure_index(remote, pushed_before || interrupted)?;
    let Progress { done, partial } = state.progress()?;
    summary.resumed = interrupted;
    let mut plan = plan(&index.dir, &state, &done)?;
    summary.files_unchanged = plan.unchanged;
    plan.delete.extend(partial);
    for chunk in plan.delete.chunks(DELETE_CHUNK) {
        delete_files(remote, chunk)?;
        summary.files_deleted += chunk.len();
    }
    let searcher = index
        .searcher()
        .map_err(|e| MorgueError::tantivy(&index.dir, e))?;
    let mut sender = Sender::new(remote, limits, &state)?;
    // File by file, in the manifest's order: a file's articles need not be neighbours in
    // the index (a streamed file is written in parts, between other files' documents).
    for path in &plan.send {
        for address in file_addresses(index, &searcher, path)? {
            let doc: TantivyDocument = searcher
                .doc(address)
                .map_err(|e| MorgueError::tantivy(&index.dir, e))?;
            let article = StoredArticle::from_document(&index.fields, &doc);
            sender.add(&article, &mut summary, progress)?;
        }
        sender.file_done(path, &mut summary, progress)?;
    }
    sender.finish(&mut summary, progress)?;
    summary.files_sent = sender.files_sent;
    state.save(&index.dir, &sender.refused_files)?;
    Ok(summary)
}

/// What a push does with each file.
struct Plan {
    unchanged: usize,
    /// Changed or vanished since the last push: their documents go first.
    delete: Vec<String>,
    /// Changed or new (every indexed file on a first push).
    send: Vec<String>,
}

fn plan(
    index_dir: &Path,
    state: &State,
    done: &HashMap<String, String>,
) -> Result<Plan, RemoteError> {
    let mut plan = Plan {
        unchanged: 0,
        delete: Vec::new(),
        send: Vec::new(),
    };
    let mut indexed = manifest::Entries::open(index_dir)
        .filter(|(_, entry)| entry.is_indexed())
        .map(|(path, entry)| (path, entry.hash))
        .peekable();
    let mut pushed = state.entries()?.peekable();
    loop {
        let order = match (indexed.peek(), pushed.peek()) {
            (None, None) => break,
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (Some((a, _)), Some((b, _))) => key_cmp(a, b),
        };
        match order {
            std::cmp::Ordering::Less => {
                let (path, hash) = indexed.next().unwrap_or_default();
                if done.get(&path) != Some(&hash) {
                    plan.send.push(path);
                }
            }
            std::cmp::Ordering::Greater => {
                let (path, _) = pushed.next().unwrap_or_default();
                if !done.contains_key(&path) {
                    plan.delete.push(path);
                }
            }
            std::cmp::Ordering::Equal => {
                let (path, hash) = indexed.next().unwrap_or_default();
                let (_, was) = pushed.next().unwrap_or_default();
                if hash == was || done.get(&path) == Some(&hash) {
                    plan.unchanged += 1;
                } else {
                    plan.delete.push(path.clone());
                    plan.send.push(path);
                }
            }
        }
    }
    Ok(plan)
}

/// Creates the index when the cluster lacks it; returns whether it did. An existing index
/// that this archive never pushed to (`ours` false) must be empty: Quickwit cannot replace a document by its
/// id, so pushing onto someone else's documents would duplicate or mix them.
fn ensure_index(remote: &Remote, ours: bool) -> Result<bool, RemoteError> {
    let exists_url = match remote.engine {
        Engine::Quickwit => format!("{}/api/v1/indexes/{}", remote.base, remote.index_id),
        Engine::Elastic => format!("{}/{}", remote.base, remote.index_id),
    };
    let answer = remote.get(&exists_url)?;
    if answer.ok() {
        if !ours {
            let count = remote.post_json(
                &remote.url_search(),
                &json!({"query": {"match_all": {}}, "size": 0, "track_total_hits": true}),
            )?;
            let held = count["hits"]["total"]["value"].as_u64().unwrap_or(0);
            if held > 0 {
                return Err(RemoteError::Local(MorgueError::Usage(format!(
                    "the index `{}` at {} already holds {held} documents that this archive did not push (no push record in the index folder's push/); push to another --index-id, or delete that index first",
                    remote.index_id, remote.base
                ))));
            }
        }
        return Ok(false);
    }
    if answer.status != 404 && answer.status != 400 {
        return Err(RemoteError::Status {
            url: exists_url,
            status: answer.status,
            detail: answer.body.chars().take(300).collect(),
        });
    }
    let (method, url, body) = match remote.engine {
        Engine::Quickwit => (
            Method::Post,
            format!("{}/api/v1/indexes", remote.base),
            serde_json::to_value(quickwit_config(&remote.index_id)).unwrap_or_default(),
        ),
        Engine::Elastic => (Method::Put, exists_url, bulk_mapping()),
    };
    let bytes = serde_json::to_vec(&body).unwrap_or_default();
    let answer = remote
        .client
        .call(method, &url, Some(("application/json", &bytes)))?;
    expect_json(&url, answer)?;
    Ok(true)
}

/// Deletes the documents of these files on the cluster.
fn delete_files(remote: &Remote, paths: &[String]) -> Result<(), RemoteError> {
    let (url, body) = match remote.engine {
        Engine::Quickwit => (
            format!("{}/api/v1/{}/delete-tasks", remote.base, remote.index_id),
            json!({"query": quickwit_any_file(paths), "search_field": ["file"]}),
        ),
        Engine::Elastic => (
            format!("{}/{}/_delete_by_query", remote.base, remote.index_id),
            json!({"query": {"terms": {"file": paths}}}),
        ),
    };
    remote.post_json(&url, &body).map(|_| ())
}

/// `file:"a" OR file:"b"` in Quickwit's query language, quotes and backslashes escaped.
pub fn quickwit_any_file(paths: &[String]) -> String {
    paths
        .iter()
        .map(|p| format!("file:\"{}\"", p.replace('\\', "\\\\").replace('"', "\\\"")))
        .collect::<Vec<_>>()
        .join(" OR ")
}

/// Where the articles of one file are, in index order (read one at a time by the caller, so
/// a file of a million records is not held whole).
fn file_addresses(
    index: &MorgueIndex,
    searcher: &Searcher,
    path: &str,
) -> Result<Vec<DocAddress>, RemoteError> {
    let query = TermQuery::new(
        Term::from_field_text(index.fields.file, path),
        IndexRecordOption::Basic,
    );
    let mut addresses: Vec<DocAddress> = searcher
        .search(&query, &DocSetCollector)
        .map_err(|e| MorgueError::tantivy(&index.dir, e))?
        .into_iter()
        .collect();
    addresses.sort();
    Ok(addresses)
}

/// Builds `_bulk` bodies and sends them when full.
struct Sender<'a> {
    remote: &'a Remote,
    limits: &'a BatchLimits,
    body: Vec<u8>,
    /// The articles of the batch being built: id -> file.
    ids: HashMap<String, String>,
    /// Files whose last article is in the batch being built.
    completing: Vec<String>,
    /// Files the cluster refused an article of: not recorded as pushed.
    refused_files: Vec<String>,
    files_sent: usize,
    progress_file: std::io::BufWriter<std::fs::File>,
    /// The file being added, once a batch holding part of it has been sent.
    partial: Option<String>,
    sent: usize,
}

impl<'a> Sender<'a> {
    fn new(
        remote: &'a Remote,
        limits: &'a BatchLimits,
        state: &State,
    ) -> Result<Sender<'a>, RemoteError> {
        let progress_path = state.progress_path();
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&progress_path)
            .map_err(|e| MorgueError::io(&progress_path, e))?;
        Ok(Sender {
            remote,
            limits,
            body: Vec::new(),
            ids: HashMap::new(),
            completing: Vec::new(),
            refused_files: Vec::new(),
            files_sent: 0,
            progress_file: std::io::BufWriter::new(file),
            partial: None,
            sent: 0,
        })
    }

    fn add(
        &mut self,
        article: &StoredArticle,
        summary: &mut PushSummary,
        progress: &mut dyn FnMut(usize),
    ) -> Result<(), RemoteError> {
        let undated = match self.remote.engine {
            Engine::Quickwit => Some(UNDATED_TIMESTAMP),
            Engine::Elastic => None,
        };
        let action = bulk_action(&self.remote.index_id, &article.id);
        serde_json::to_writer(&mut self.body, &action).unwrap_or_default();
        self.body.push(b'\n');
        serde_json::to_writer(&mut self.body, &ClusterDoc::new(article, undated))
            .unwrap_or_default();
        self.body.push(b'\n');
        self.ids.insert(article.id.clone(), article.file.clone());
        // Batches end between files, so an interrupted push never leaves half a file on the
        // cluster; only a file too large for several batches is split.
        if self.body.len() >= SPLIT_FILE * self.limits.bytes
            || self.ids.len() >= SPLIT_FILE * self.limits.articles
        {
            self.partial = Some(article.file.clone());
            self.send(false, summary, progress)?;
        }
        Ok(())
    }

    /// Every article of `path` has been added: the batch goes when it is full.
    fn file_done(
        &mut self,
        path: &str,
        summary: &mut PushSummary,
        progress: &mut dyn FnMut(usize),
    ) -> Result<(), RemoteError> {
        self.files_sent += 1;
        self.partial = None;
        self.completing.push(path.to_string());
        if self.ids.is_empty() {
            // Its last article went with the last batch.
            self.record_completed();
        } else if self.body.len() >= self.limits.bytes || self.ids.len() >= self.limits.articles {
            self.send(false, summary, progress)?;
        }
        Ok(())
    }

    fn finish(
        &mut self,
        summary: &mut PushSummary,
        progress: &mut dyn FnMut(usize),
    ) -> Result<(), RemoteError> {
        self.send(true, summary, progress)
    }

    /// Sends the batch; the last one waits until the cluster has made it searchable.
    fn send(
        &mut self,
        last: bool,
        summary: &mut PushSummary,
        progress: &mut dyn FnMut(usize),
    ) -> Result<(), RemoteError> {
        if self.ids.is_empty() {
            self.record_completed();
            return Ok(());
        }
        let mut url = self.remote.url_bulk();
        if last {
            url.push_str("?refresh=wait_for");
        }
        let answer = self.remote.client.call(
            Method::Post,
            &url,
            Some(("application/x-ndjson", &self.body)),
        )?;
        let answer = expect_json(&url, answer)?;
        summary.batches += 1;
        summary.bytes_sent += self.body.len() as u64;
        let refused = refusals(&answer);
        summary.articles_refused += refused.len();
        summary.articles_sent += self.ids.len() - refused.len();
        for (id, reason) in refused {
            if let Some(path) = self.ids.get(&id) {
                self.refused_files.push(path.clone());
            }
            if summary.refusals.len() < FAILURES_LISTED {
                summary.refusals.push(format!("{id}: {reason}"));
            }
        }
        self.sent += self.ids.len();
        progress(self.sent);
        self.body.clear();
        self.ids.clear();
        self.record_completed();
        Ok(())
    }

    /// Notes the files the cluster has now fully accepted, for a resumed push.
    fn record_completed(&mut self) {
        let mut lines: Vec<Value> = self
            .completing
            .drain(..)
            .filter(|path| !self.refused_files.contains(path))
            .map(Value::String)
            .collect();
        // Part of this file is on the cluster now: a resumed push deletes it there first.
        lines.extend(self.partial.iter().map(|path| json!({"partial": path})));
        for line in lines {
            // A lost line only means the file is sent again on resume.
            let _ = serde_json::to_writer(&mut self.progress_file, &line)
                .map_err(std::io::Error::from)
                .and_then(|_| self.progress_file.write_all(b"\n"));
        }
        let _ = self.progress_file.flush();
    }
}

/// The (id, reason) of every article a `_bulk` answer refused.
pub fn refusals(answer: &Value) -> Vec<(String, String)> {
    if answer["errors"] == Value::Bool(false) {
        return Vec::new();
    }
    let items = answer["items"].as_array().map(Vec::as_slice).unwrap_or(&[]);
    items
        .iter()
        .filter_map(|item| {
            let result = item.as_object()?.values().next()?;
            let error = result.get("error")?;
            let reason = error["reason"]
                .as_str()
                .or(error.as_str())
                .unwrap_or("refused")
                .to_string();
            Some((result["_id"].as_str().unwrap_or("?").to_string(), reason))
        })
        .collect()
}

/// What an interrupted push left: files completed (with their manifest hash) and files
/// partly sent.
#[derive(Default)]
struct Progress {
    done: HashMap<String, String>,
    partial: Vec<String>,
}

/// Where the record of pushes to one cluster and index id is kept.
struct State {
    path: PathBuf,
}

impl State {
    fn at(index_dir: &Path, remote: &Remote) -> State {
        let target: String = format!("{}-{}", remote.base, remote.index_id)
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        State {
            path: index_dir.join("push").join(format!("{target}.jsonl")),
        }
    }

    fn exists(&self) -> bool {
        self.path.exists()
    }

    fn progress_path(&self) -> PathBuf {
        self.path.with_extension("progress.jsonl")
    }

    /// The pushed files in manifest order.
    fn entries(&self) -> Result<impl Iterator<Item = (String, String)>, RemoteError> {
        let file = match std::fs::File::open(&self.path) {
            Ok(file) => Some(file),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(MorgueError::io(&self.path, e).into()),
        };
        Ok(file.into_iter().flat_map(|file| {
            std::io::BufReader::new(file)
                .lines()
                .map_while(Result::ok)
                .filter_map(|line| serde_json::from_str::<(String, String)>(&line).ok())
        }))
    }

    /// The files an interrupted push completed, with the hash they had in the manifest, and
    /// those it sent only part of.
    fn progress(&self) -> Result<Progress, RemoteError> {
        let path = self.progress_path();
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| MorgueError::io(parent, e))?;
        }
        let lines: Vec<Value> = match std::fs::File::open(&path) {
            Ok(file) => std::io::BufReader::new(file)
                .lines()
                .map_while(Result::ok)
                .filter_map(|line| serde_json::from_str(&line).ok())
                .collect(),
            Err(_) => return Ok(Progress::default()),
        };
        let mut completed = BTreeMap::new();
        let mut partial = Vec::new();
        for line in lines {
            match line {
                Value::String(path) => {
                    completed.insert(Key(path), ());
                }
                line => partial.extend(line["partial"].as_str().map(str::to_string)),
            }
        }
        let done: HashMap<String, String> =
            manifest::Entries::open(path.parent().and_then(Path::parent).unwrap_or(&path))
                .filter(|(p, _)| completed.contains_key(&Key(p.clone())))
                .map(|(p, entry)| (p, entry.hash))
                .collect();
        partial.retain(|p| !done.contains_key(p));
        Ok(Progress { done, partial })
    }

    /// Records every indexed file of the manifest as pushed, except `refused` ones, and
    /// drops the progress file.
    fn save(&self, index_dir: &Path, refused: &[String]) -> Result<(), RemoteError> {
        let temporary = self.path.with_extension("jsonl.new");
        let write = || -> std::io::Result<()> {
            let mut out = std::io::BufWriter::new(std::fs::File::create(&temporary)?);
            for (path, entry) in manifest::Entries::open(index_dir) {
                if entry.is_indexed() && !refused.contains(&path) {
                    serde_json::to_writer(&mut out, &(&path, &entry.hash))?;
                    out.write_all(b"\n")?;
                }
            }
            out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
            std::fs::rename(&temporary, &self.path)
        };
        write().map_err(|e| MorgueError::io(&self.path, e))?;
        let _ = std::fs::remove_file(self.progress_path());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bulk_refusals_name_each_refused_article() {
        let answer = json!({"errors": true, "items": [
            {"index": {"_id": "a", "status": 201}},
            {"index": {"_id": "b", "status": 400, "error": {"reason": "failed to parse field [date]"}}},
            {"create": {"_id": "c", "status": 429, "error": "queue full"}},
        ]});
        assert_eq!(
            refusals(&answer),
            vec![
                ("b".to_string(), "failed to parse field [date]".to_string()),
                ("c".to_string(), "queue full".to_string()),
            ]
        );
        assert!(refusals(&json!({"errors": false, "items": []})).is_empty());
    }

    #[test]
    fn delete_queries_quote_every_path() {
        let paths = ["/a/b c.txt".to_string(), "/a/\"q\".txt".to_string()];
        assert_eq!(
            quickwit_any_file(&paths),
            r#"file:"/a/b c.txt" OR file:"/a/\"q\".txt""#
        );
    }
}
