//! Facet counts over the whole result set (not just the page shown), in one pass.
//!
//! A custom collector reads fast columns directly: the day number of each hit's `date` (so
//! year, month and day counts come from one tally), and term ordinals of the exact-name string
//! columns (entities, source). Ordinals are only turned into strings once per segment at the
//! end, which keeps counting cheap on large result sets.

use crate::article::EntityKind;
use crate::index::document::date_from_tantivy;
use crate::index::schema::{entity_alias_field, entity_name_field};
use serde::Serialize;
use std::collections::HashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
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
}

impl FacetKind {
    pub fn parse(name: &str) -> Option<FacetKind> {
        match name.trim().to_ascii_lowercase().as_str() {
            "year" | "years" => Some(FacetKind::Year),
            "month" | "months" => Some(FacetKind::Month),
            "day" | "days" | "date" => Some(FacetKind::Day),
            "source" | "sources" => Some(FacetKind::Source),
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
        }
    }

    fn column(self) -> Option<String> {
        match self {
            FacetKind::Entity(kind) => Some(entity_name_field(kind)),
            FacetKind::Aliases(kind) => Some(entity_alias_field(kind)),
            FacetKind::Source => Some("source_name".to_string()),
            _ => None,
        }
    }

    fn is_date(self) -> bool {
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
}

/// Raw tallies: per day number, and per string value for each string column.
#[derive(Default)]
pub struct Tallies {
    days: HashMap<i64, u64>,
    undated: u64,
    strings: Vec<HashMap<String, u64>>,
}

pub struct SegmentTally {
    dates: Option<Column<DateTime>>,
    columns: Vec<Option<StrColumn>>,
    ord_counts: Vec<Vec<u64>>,
    days: HashMap<i64, u64>,
    undated: u64,
}

impl FacetCollector {
    fn string_facets(&self) -> impl Iterator<Item = String> + '_ {
        self.facets.iter().filter_map(|f| f.column())
    }

    fn wants_dates(&self) -> bool {
        self.facets.iter().any(|f| f.is_date())
    }

    /// Turns tallies into the facet results users see.
    pub fn results(&self, tallies: Tallies, limit: usize) -> Vec<FacetResult> {
        let mut strings = tallies.strings.into_iter();
        self.facets
            .iter()
            .map(|&facet| {
                let (mut values, undated) = if facet.is_date() {
                    (date_buckets(&tallies.days, facet), Some(tallies.undated))
                } else {
                    let counts = strings.next().unwrap_or_default();
                    let mut values: Vec<FacetValue> = counts
                        .into_iter()
                        .map(|(value, count)| FacetValue { value, count })
                        .collect();
                    values.sort_by(|a, b| b.count.cmp(&a.count).then(a.value.cmp(&b.value)));
                    (values, None)
                };
                let more = values.len().saturating_sub(limit);
                if facet.is_date() {
                    // Keep the most recent buckets when a date facet is cut.
                    values.drain(..more);
                } else {
                    values.truncate(limit);
                }
                FacetResult {
                    name: facet.name().to_string(),
                    values,
                    more,
                    undated,
                }
            })
            .collect()
    }
}

fn date_buckets(days: &HashMap<i64, u64>, facet: FacetKind) -> Vec<FacetValue> {
    let mut buckets: HashMap<String, u64> = HashMap::new();
    for (&day, &count) in days {
        let Some(date) = date_from_tantivy(DateTime::from_timestamp_secs(day * 86_400)) else {
            continue;
        };
        let key = match facet {
            FacetKind::Year => format!("{:04}", date.year()),
            FacetKind::Month => format!("{:04}-{:02}", date.year(), date.month()),
            _ => date.to_string(),
        };
        *buckets.entry(key).or_default() += count;
    }
    let mut values: Vec<FacetValue> = buckets
        .into_iter()
        .map(|(value, count)| FacetValue { value, count })
        .collect();
    values.sort_by(|a, b| a.value.cmp(&b.value));
    values
}

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
        let mut columns = Vec::new();
        let mut ord_counts = Vec::new();
        for name in self.string_facets() {
            let column = fast.str(&name)?;
            ord_counts.push(vec![0; column.as_ref().map_or(0, |c| c.num_terms())]);
            columns.push(column);
        }
        Ok(SegmentTally {
            dates,
            columns,
            ord_counts,
            days: HashMap::new(),
            undated: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<Tallies>) -> tantivy::Result<Tallies> {
        let mut merged = Tallies {
            strings: vec![HashMap::new(); self.string_facets().count()],
            ..Tallies::default()
        };
        for segment in segments {
            for (day, count) in segment.days {
                *merged.days.entry(day).or_default() += count;
            }
            merged.undated += segment.undated;
            for (into, from) in merged.strings.iter_mut().zip(segment.strings) {
                for (value, count) in from {
                    *into.entry(value).or_default() += count;
                }
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for SegmentTally {
    type Fruit = Tallies;

    fn collect(&mut self, doc: DocId, _: Score) {
        if let Some(dates) = &self.dates {
            match dates.first(doc) {
                Some(date) => {
                    let day = date.into_timestamp_secs().div_euclid(86_400);
                    *self.days.entry(day).or_default() += 1;
                }
                None => self.undated += 1,
            }
        }
        for (column, counts) in self.columns.iter().zip(&mut self.ord_counts) {
            if let Some(column) = column {
                for ord in column.term_ords(doc) {
                    if let Some(count) = counts.get_mut(ord as usize) {
                        *count += 1;
                    }
                }
            }
        }
    }

    fn harvest(self) -> Tallies {
        let mut strings = Vec::with_capacity(self.columns.len());
        for (column, counts) in self.columns.iter().zip(self.ord_counts) {
            let mut named = HashMap::new();
            if let Some(column) = column {
                // One sorted pass over the dictionary: looking ordinals up one by one decodes
                // a dictionary block per value, which dominated facet time on large sets.
                let (ords, hits): (Vec<u64>, Vec<u64>) = counts
                    .into_iter()
                    .enumerate()
                    .filter(|(_, c)| *c > 0)
                    .map(|(ord, c)| (ord as u64, c))
                    .unzip();
                let mut hits = hits.into_iter();
                let _ = column.dictionary().sorted_ords_to_term_cb(&ords, |term| {
                    if let (Ok(name), Some(count)) = (std::str::from_utf8(term), hits.next()) {
                        named.insert(name.to_string(), count);
                    }
                });
            }
            strings.push(named);
        }
        Tallies {
            days: self.days,
            undated: self.undated,
            strings,
        }
    }
}
