//! Facet counts over the whole result set (not just the page shown), in one pass.
//!
//! A custom collector reads fast columns directly: the day number of each hit's `date` (so
//! year, month and day counts come from one tally, in an array indexed by day), and term
//! ordinals of the exact-name string columns (entities, source), counted in an array per
//! segment. It notes a segment's matches first and reads the columns when the segment is
//! done: when the matches are more than two documents in three, each column is decoded whole,
//! in order and in chunks, keeping the rows of matching documents (a bulk read of packed
//! values costs far less than a lookup per document); fewer matches are looked up one by one.
//! Segments run on all cores (the searcher's executor). Segments number their values
//! independently, so merging needs the union of their dictionaries: [`GlobalOrds`] maps every
//! segment ordinal to a position in that sorted union. It is made once per set of segments
//! (`morgue index` stores it beside the index, `ords.rs`) and kept, so a query only adds
//! arrays together and turns the few values it shows into strings.

mod ords;
mod scan;

use crate::article::EntityKind;
use crate::index::schema::{entity_alias_field, entity_name_field};
use ords::GlobalOrds;
use scan::{DENSE_OF, DocBits, scan_matching};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, ColumnIndex, StrColumn};
use tantivy::index::SegmentId;
use tantivy::{DateTime, DocId, Score, SegmentOrdinal, SegmentReader};

/// A facet a user can ask for with `--facet`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FacetKind {
    Year,
    Month,
    Day,
    Entity(EntityKind),
    /// Canonical name and alias pairs of one entity kind (for `morgue entities`; not a
    /// `--facet` users name).
    Aliases(EntityKind),
    Source,
    Language,
}

impl FacetKind {
    pub fn parse(name: &str) -> Option<FacetKind> {
        match name.trim().to_ascii_lowercase().as_str() {
            "year" | "years" => Some(FacetKind::Year),
            "month" | "months" => Some(FacetKind::Month),
            "day" | "days" | "date" => Some(FacetKind::Day),
            "source" | "sources" => Some(FacetKind::Source),
            "language" | "languages" | "lang" => Some(FacetKind::Language),
            other => EntityKind::parse(other).map(FacetKind::Entity),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            FacetKind::Year => "year",
            FacetKind::Month => "month",
            FacetKind::Day => "day",
            FacetKind::Entity(kind) | FacetKind::Aliases(kind) => kind.field_name(),
            FacetKind::Source => "source",
            FacetKind::Language => "language",
        }
    }

    fn column(self) -> Option<String> {
        match self {
            FacetKind::Entity(kind) => Some(entity_name_field(kind)),
            FacetKind::Aliases(kind) => Some(entity_alias_field(kind)),
            FacetKind::Source => Some("source_name".to_string()),
            FacetKind::Language => Some("language".to_string()),
            _ => None,
        }
    }

    pub fn is_date(self) -> bool {
        matches!(self, FacetKind::Year | FacetKind::Month | FacetKind::Day)
    }
}

/// Counts for one facet, biggest first (dates: chronological).
#[derive(Debug, Clone, Serialize)]
pub struct FacetResult {
    pub name: String,
    pub values: Vec<FacetValue>,
    /// Distinct values beyond `--facet-limit` that were not listed.
    pub more: usize,
    /// For date facets: matching articles that have no date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undated: Option<u64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FacetValue {
    pub value: String,
    pub count: u64,
}

/// Collects the tallies every requested facet needs.
#[derive(Debug, Clone)]
pub struct FacetCollector {
    pub facets: Vec<FacetKind>,
    /// The index folder, whose stored global ordinals (see [`store_global_ords`]) spare
    /// building them.
    pub stored_in: Option<PathBuf>,
}

/// Raw tallies of the whole result set.
#[derive(Default)]
pub struct Tallies {
    /// `day_counts[i]` articles fall on day number `day_base + i` (days since 1970-01-01).
    day_base: i64,
    day_counts: Vec<u64>,
    undated: u64,
    /// Per string facet: the union of values and the count of each.
    strings: Vec<(Arc<GlobalOrds>, Vec<u64>)>,
}

/// One segment's tallies.
pub struct SegmentTallies {
    segment: SegmentId,
    day_base: i64,
    day_counts: Vec<u32>,
    undated: u64,
    columns: Vec<Option<StrColumn>>,
    ord_counts: Vec<Vec<u32>>,
}

pub struct SegmentTally {
    dates: Option<Column<DateTime>>,
    /// The segment's matching documents, in order, tallied when the segment is done.
    matched: Vec<DocId>,
    max_doc: DocId,
    tallies: SegmentTallies,
}

/// Every string column a facet can count.
fn string_columns() -> impl Iterator<Item = String> {
    EntityKind::ALL
        .into_iter()
        .flat_map(|kind| [FacetKind::Entity(kind), FacetKind::Aliases(kind)])
        .chain([FacetKind::Source, FacetKind::Language])
        .filter_map(FacetKind::column)
}

/// Builds the global ordinals of every facet column over `searcher`'s segments and writes them
/// into the index folder `dir`, for later processes to read instead of building them
/// (`morgue index` calls it after its last commit).
pub fn store_global_ords(searcher: &tantivy::Searcher, dir: &Path) -> std::io::Result<()> {
    for name in string_columns() {
        let mut columns = Vec::new();
        for segment in searcher.segment_readers() {
            let column = segment
                .fast_fields()
                .str(&name)
                .map_err(std::io::Error::other)?;
            if let Some(column) = column {
                columns.push((segment.segment_id(), column));
            }
        }
        let keys: Vec<(SegmentId, &StrColumn)> = columns.iter().map(|(id, c)| (*id, c)).collect();
        let ids: Vec<SegmentId> = keys.iter().map(|(id, _)| *id).collect();
        GlobalOrds::build(&keys)?.write(dir, &name, &ids)?;
    }
    Ok(())
}

impl FacetCollector {
    pub fn new(facets: Vec<FacetKind>, stored_in: Option<&Path>) -> FacetCollector {
        FacetCollector {
            facets,
            stored_in: stored_in.map(Path::to_path_buf),
        }
    }

    fn string_facets(&self) -> impl Iterator<Item = String> + '_ {
        self.facets.iter().filter_map(|f| f.column())
    }

    fn wants_dates(&self) -> bool {
        self.facets.iter().any(|f| f.is_date())
    }

    /// Turns tallies into the facet results users see.
    pub fn results(&self, tallies: Tallies, limit: usize) -> Vec<FacetResult> {
        let mut strings = tallies.strings.iter();
        self.facets
            .iter()
            .map(|&facet| {
                if facet.is_date() {
                    let mut values = date_buckets(tallies.day_base, &tallies.day_counts, facet);
                    let more = values.len().saturating_sub(limit);
                    // Keep the most recent buckets when a date facet is cut.
                    values.drain(..more);
                    return FacetResult {
                        name: facet.name().to_string(),
                        values,
                        more,
                        undated: Some(tallies.undated),
                    };
                }
                let (values, more) = match strings.next() {
                    Some((ords, counts)) => top_values(ords, counts, limit),
                    None => (Vec::new(), 0),
                };
                FacetResult {
                    name: facet.name().to_string(),
                    values,
                    more,
                    undated: None,
                }
            })
            .collect()
    }
}

/// The `limit` values with the highest counts (ties: alphabetical), and how many others
/// had a count.
fn top_values(ords: &GlobalOrds, counts: &[u64], limit: usize) -> (Vec<FacetValue>, usize) {
    let mut hit: Vec<u32> = (0..counts.len() as u32)
        .filter(|&i| counts[i as usize] > 0)
        .collect();
    // Names are sorted, so position order is alphabetical order.
    let order = |a: &u32, b: &u32| counts[*b as usize].cmp(&counts[*a as usize]).then(a.cmp(b));
    let more = hit.len().saturating_sub(limit);
    if more > 0 {
        hit.select_nth_unstable_by(limit, order);
        hit.truncate(limit);
    }
    hit.sort_unstable_by(order);
    let values = hit
        .into_iter()
        .map(|i| FacetValue {
            value: ords.name(i as usize),
            count: counts[i as usize],
        })
        .collect();
    (values, more)
}

/// Proleptic Gregorian (year, month, day) of a day number (days since 1970-01-01).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    // Howard Hinnant's days_from_civil inverse.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn date_buckets(base: i64, day_counts: &[u64], facet: FacetKind) -> Vec<FacetValue> {
    // Days in order give buckets in order: add up runs of the same bucket.
    let mut buckets: Vec<((i64, u32, u32), u64)> = Vec::new();
    for (i, &count) in day_counts.iter().enumerate() {
        if count == 0 {
            continue;
        }
        let (y, m, d) = civil_from_days(base + i as i64);
        let key = match facet {
            FacetKind::Year => (y, 0, 0),
            FacetKind::Month => (y, m, 0),
            _ => (y, m, d),
        };
        match buckets.last_mut() {
            Some((last, total)) if *last == key => *total += count,
            _ => buckets.push((key, count)),
        }
    }
    let mut values: Vec<FacetValue> = buckets
        .into_iter()
        .map(|((y, m, d), count)| FacetValue {
            value: match facet {
                FacetKind::Year => format!("{y:04}"),
                FacetKind::Month => format!("{y:04}-{m:02}"),
                _ => format!("{y:04}-{m:02}-{d:02}"),
            },
            count,
        })
        .collect();
    // Text order, as always (the same as date order for four-digit years).
    values.sort_by(|a, b| a.value.cmp(&b.value));
    values
}

const SECS_PER_DAY: i64 = 86_400;

impl Collector for FacetCollector {
    type Fruit = Tallies;
    type Child = SegmentTally;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentTally> {
        let fast = segment.fast_fields();
        let dates = if self.wants_dates() {
            Some(fast.date("date")?)
        } else {
            None
        };
        let (day_base, day_counts) = match &dates {
            Some(dates) if dates.num_docs() > 0 => {
                let first = dates
                    .min_value()
                    .into_timestamp_secs()
                    .div_euclid(SECS_PER_DAY);
                let last = dates
                    .max_value()
                    .into_timestamp_secs()
                    .div_euclid(SECS_PER_DAY);
                (first, vec![0; (last - first + 1).max(0) as usize])
            }
            _ => (0, Vec::new()),
        };
        let mut columns = Vec::new();
        let mut ord_counts = Vec::new();
        for name in self.string_facets() {
            let column = fast.str(&name)?;
            ord_counts.push(vec![0; column.as_ref().map_or(0, |c| c.num_terms())]);
            columns.push(column);
        }
        Ok(SegmentTally {
            dates,
            matched: Vec::new(),
            max_doc: segment.max_doc(),
            tallies: SegmentTallies {
                segment: segment.segment_id(),
                day_base,
                day_counts,
                undated: 0,
                columns,
                ord_counts,
            },
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<SegmentTallies>) -> tantivy::Result<Tallies> {
        let mut merged = Tallies::default();
        let dated = segments.iter().filter(|s| !s.day_counts.is_empty());
        if let (Some(first), Some(end)) = (
            dated.clone().map(|s| s.day_base).min(),
            dated.map(|s| s.day_base + s.day_counts.len() as i64).max(),
        ) {
            merged.day_base = first;
            merged.day_counts = vec![0; (end - first) as usize];
            for segment in &segments {
                let offset = (segment.day_base - first).max(0) as usize;
                for (into, &count) in merged.day_counts[offset..]
                    .iter_mut()
                    .zip(&segment.day_counts)
                {
                    *into += u64::from(count);
                }
            }
        }
        merged.undated = segments.iter().map(|s| s.undated).sum();
        for (c, name) in self.string_facets().enumerate() {
            let with_column: Vec<(SegmentId, &StrColumn, &[u32])> = segments
                .iter()
                .filter_map(|s| {
                    Some((
                        s.segment,
                        s.columns[c].as_ref()?,
                        s.ord_counts[c].as_slice(),
                    ))
                })
                .collect();
            let keys: Vec<(SegmentId, &StrColumn)> = with_column
                .iter()
                .map(|&(id, column, _)| (id, column))
                .collect();
            let ords = GlobalOrds::get(&name, &keys, self.stored_in.as_deref())?;
            let mut counts = vec![0u64; ords.len()];
            for ((_, _, segment_counts), map) in with_column.iter().zip(&ords.maps) {
                for (&count, &at) in segment_counts.iter().zip(map) {
                    counts[at as usize] += u64::from(count);
                }
            }
            merged.strings.push((ords, counts));
        }
        Ok(merged)
    }
}

impl SegmentCollector for SegmentTally {
    type Fruit = SegmentTallies;

    // The matches are only noted here; `harvest` reads the columns for all of them at once.
    fn collect(&mut self, doc: DocId, _: Score) {
        self.matched.push(doc);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        self.matched.extend_from_slice(docs);
    }

    fn harvest(mut self) -> SegmentTallies {
        let matched = std::mem::take(&mut self.matched);
        // Many matches: decode whole columns in order (bulk reads of packed values) and keep
        // the matching rows. Few: look each match up.
        let dense = (matched.len() as u64) * DENSE_OF.1 >= u64::from(self.max_doc) * DENSE_OF.0;
        let members = dense.then(|| DocBits::new(self.max_doc, &matched));
        let t = &mut self.tallies;
        if let Some(dates) = &self.dates {
            let (base, counts) = (t.day_base, &mut t.day_counts);
            let mut dated = 0u64;
            let mut add = |date: DateTime| {
                dated += 1;
                let day = date.into_timestamp_secs().div_euclid(SECS_PER_DAY);
                if let Some(count) = counts.get_mut((day - base) as usize) {
                    *count += 1;
                }
            };
            // Dates are single-valued: a multi-valued column takes the per-document path,
            // which counts each article's first date.
            let scanned = members.as_ref().is_some_and(|members| {
                !matches!(dates.index, ColumnIndex::Multivalued(_))
                    && scan_matching(dates, members, &mut add)
            });
            if !scanned {
                matched
                    .iter()
                    .filter_map(|&doc| dates.first(doc))
                    .for_each(add);
            }
            t.undated += matched.len() as u64 - dated;
        }
        for (column, counts) in t.columns.iter().zip(&mut t.ord_counts) {
            let Some(column) = column else { continue };
            let mut add = |ord: u64| {
                if let Some(count) = counts.get_mut(ord as usize) {
                    *count += 1;
                }
            };
            let scanned = members
                .as_ref()
                .is_some_and(|members| scan_matching(column.ords(), members, &mut add));
            if !scanned {
                for &doc in &matched {
                    column.term_ords(doc).for_each(&mut add);
                }
            }
        }
        self.tallies
    }
}

#[cfg(test)]
mod tests;
