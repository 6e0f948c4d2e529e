//! The documents handed to tantivy's `IndexWriter` and not indexed yet, bounded in bytes.
//!
//! tantivy queues up to 10,000 added documents in front of its indexing threads. Whenever
//! they are the slower side (entities off: parsing outruns indexing), that queue fills, and
//! at ~10 KB a document (the body travels three times: stored, `words`, language text) it
//! held 100 MB and more of a run's peak memory. Here each document carries a ticket for its
//! size, which it gives back when tantivy drops it (once indexed), and the writer thread
//! waits before handing over more than [`BACKLOG_BYTES`].

use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};
use tantivy::TantivyDocument;
use tantivy::schema::Value;
use tantivy::schema::document::Document;

/// Bytes of documents that may wait in tantivy's queue: a few thousand news articles, enough
/// to keep its indexing threads fed between two of the writer's turns.
pub const BACKLOG_BYTES: usize = 24 << 20;

/// The longest the writer waits for room. The budget is a bound on memory, not a promise
/// tantivy keeps: if its indexing threads died (a failed write), the documents in its queue
/// are never dropped, and the next `add_document` must get through to report the error.
const MAX_WAIT: Duration = Duration::from_secs(1);

/// The bytes of documents handed to tantivy and not yet dropped by it.
pub struct Backlog {
    held: Mutex<Held>,
    freed: Condvar,
    limit: usize,
}

/// The backlog's bytes, and when the writer waits for room, how low they must fall to wake
/// it: well below the limit, so that it wakes once per some thousand short documents
/// indexed, not once per document (a wake is a system call and a context switch).
#[derive(Default)]
struct Held {
    bytes: usize,
    wake_at: Option<usize>,
}

/// The room the writer waits for, beyond the document it holds: an eighth of the limit.
const SLACK_DIVISOR: usize = 8;

impl Backlog {
    pub fn new(limit: usize) -> Arc<Backlog> {
        Arc::new(Backlog {
            held: Mutex::new(Held::default()),
            freed: Condvar::new(),
            limit,
        })
    }

    /// `doc` with its ticket, once the backlog has room for it (or after [`MAX_WAIT`]). A
    /// document alone over the limit goes in when the backlog is empty.
    pub fn admit(self: &Arc<Backlog>, doc: TantivyDocument) -> Queued {
        let bytes = weight(&doc);
        let deadline = Instant::now() + MAX_WAIT;
        let mut held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        while held.bytes > 0 && held.bytes + bytes > self.limit {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            let room = bytes + self.limit / SLACK_DIVISOR;
            held.wake_at = Some(self.limit.saturating_sub(room));
            held = self
                .freed
                .wait_timeout(held, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        held.wake_at = None;
        held.bytes += bytes;
        Queued {
            doc,
            _ticket: Ticket {
                backlog: Arc::clone(self),
                bytes,
            },
        }
    }

    /// Bytes held right now.
    #[cfg(test)]
    fn held(&self) -> usize {
        self.held.lock().unwrap_or_else(|e| e.into_inner()).bytes
    }
}

/// The memory a document holds, near enough: its text and bytes, plus a little per value.
pub(super) fn weight(doc: &TantivyDocument) -> usize {
    64 + doc
        .field_values()
        .map(|(_, value)| {
            let bytes = value
                .as_str()
                .map(str::len)
                .or_else(|| value.as_bytes().map(<[u8]>::len));
            16 + bytes.unwrap_or(8)
        })
        .sum::<usize>()
}

/// Gives its bytes back to the backlog when dropped.
struct Ticket {
    backlog: Arc<Backlog>,
    bytes: usize,
}

impl Drop for Ticket {
    fn drop(&mut self) {
        let mut held = self.backlog.held.lock().unwrap_or_else(|e| e.into_inner());
        held.bytes = held.bytes.saturating_sub(self.bytes);
        if held.wake_at.is_some_and(|at| held.bytes <= at) {
            self.backlog.freed.notify_one();
        }
    }
}

/// A document on its way through tantivy's queue: indexed as the document it wraps.
pub struct Queued {
    doc: TantivyDocument,
    _ticket: Ticket,
}

impl Document for Queued {
    type Value<'a> = <TantivyDocument as Document>::Value<'a>;
    type FieldsValuesIter<'a> = <TantivyDocument as Document>::FieldsValuesIter<'a>;

    fn iter_fields_and_values(&self) -> Self::FieldsValuesIter<'_> {
        self.doc.iter_fields_and_values()
    }
}

impl Queued {
    /// The fields of the wrapped document (for tests).
    #[cfg(test)]
    fn fields(&self) -> Vec<tantivy::schema::Field> {
        self.doc.field_values().map(|(field, _)| field).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::{Field, STORED, Schema, TEXT};

    fn doc(text: &str) -> (TantivyDocument, Field) {
        let mut schema = Schema::builder();
        let field = schema.add_text_field("body", TEXT | STORED);
        let mut doc = TantivyDocument::default();
        doc.add_text(field, text);
        (doc, field)
    }

    #[test]
    fn tickets_come_back_when_documents_are_dropped() {
        let backlog = Backlog::new(10_000);
        let (first, field) = doc(&"a".repeat(1_000));
        let queued = backlog.admit(first);
        assert_eq!(queued.fields(), [field]);
        let held = backlog.held();
        assert!((1_000..1_200).contains(&held), "{held}");
        let second = backlog.admit(doc(&"b".repeat(2_000)).0);
        assert!(backlog.held() > 3_000);
        drop(queued);
        drop(second);
        assert_eq!(backlog.held(), 0);
    }

    #[test]
    fn a_full_backlog_waits_until_a_document_is_indexed() {
        let backlog = Backlog::new(1_500);
        let queued = backlog.admit(doc(&"a".repeat(1_000)).0);
        let (release, released) = std::sync::mpsc::channel();
        let indexer = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(100));
            release.send(Instant::now()).unwrap();
            drop(queued);
        });
        let second = backlog.admit(doc(&"b".repeat(1_000)).0);
        let admitted = Instant::now();
        let dropped = released.recv().unwrap();
        assert!(admitted >= dropped, "admitted before the first was dropped");
        indexer.join().unwrap();
        assert!(backlog.held() >= 1_000);
        drop(second);
        // Alone, a document over the limit goes in at once.
        let big = backlog.admit(doc(&"c".repeat(5_000)).0);
        assert!(backlog.held() > 5_000);
        drop(big);
    }
}
