//! Attention over time: how many articles match each of several queries per day, week, month
//! or year, side by side on one axis, optionally as a share of all the articles of each
//! period (so a busy news month does not look like more interest).
//!
//! Each query is one search counting by day (the day facet over the whole result set); the
//! days are then added up into the asked-for periods. Words must all match (`match=all`):
//! a timeline counts the articles about something, not near misses.

use super::Archive;
use super::params::{BadParam, SearchParams};
use crate::error::MorgueError;
use crate::search::deadline::Deadline;
use crate::search::facets::FacetKind;
use crate::search::query::MatchMode;
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;

/// The length of a timeline's periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    Day,
    /// Weeks start on Monday and are named by that day.
    Week,
    Month,
    Year,
}

impl Interval {
    pub fn parse(text: &str) -> Result<Interval, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "day" => Ok(Interval::Day),
            "week" => Ok(Interval::Week),
            "month" => Ok(Interval::Month),
            "year" => Ok(Interval::Year),
            _ => Err(format!("`{text}`: expected day, week, month or year")),
        }
    }

    /// The name of the period holding `day`: `2025-02-24`, `2025-02-24` (its Monday),
    /// `2025-02`, `2025`.
    fn period(self, day: Date) -> String {
        match self {
            Interval::Day => day.to_string(),
            Interval::Week => {
                let back = i64::from(day.weekday().to_monday_zero_offset());
                day.checked_sub(jiff::Span::new().days(back))
                    .unwrap_or(day)
                    .to_string()
            }
            Interval::Month => format!("{:04}-{:02}", day.year(), day.month()),
            Interval::Year => format!("{:04}", day.year()),
        }
    }
}

/// What to count: several queries under the same filters (the filters' own query is ignored).
#[derive(Debug, Clone)]
pub struct TimelineRequest {
    pub queries: Vec<String>,
    pub filters: SearchParams,
    pub interval: Interval,
    /// Also give each count as a share of all articles of its period.
    pub share: bool,
}

#[derive(Debug, Serialize)]
pub struct Timeline {
    pub interval: Interval,
    /// Every period from the first to the last with a matching article, in order.
    pub periods: Vec<String>,
    pub series: Vec<Series>,
    /// With `share`: all articles of each period (under the date filters only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub all: Option<Vec<u64>>,
}

#[derive(Debug, Serialize)]
pub struct Series {
    pub query: String,
    /// Matching articles per period (same order as `periods`).
    pub counts: Vec<u64>,
    /// Matching articles in all (dated and undated).
    pub total: usize,
    /// Matching articles without a date (in no period).
    pub undated: u64,
    /// With `share`: `counts` divided by `all` (0 where a period has no articles).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share: Option<Vec<f64>>,
}

/// At most this many periods: a century by day is a request mistake, not a chart.
pub const MAX_PERIODS: usize = 20_000;
/// At most this many queries side by side.
pub const MAX_QUERIES: usize = 10;

impl Archive {
    pub fn timeline(
        &self,
        request: &TimelineRequest,
        deadline: &Deadline,
    ) -> Result<Timeline, MorgueError> {
        if request.queries.is_empty() || request.queries.len() > MAX_QUERIES {
            return Err(bad(BadParam::new(
                "q",
                format!("give 1 to {MAX_QUERIES} queries (repeat the parameter)"),
            )));
        }
        let by_day = |query: &str, params: &SearchParams| {
            let mut params = params.clone();
            params.query = query.to_string();
            params.limit = 0;
            params.offset = 0;
            params.matching = MatchMode::All;
            params.facets = vec![FacetKind::Day];
            params.facet_limit = usize::MAX;
            let results = self.search(&params.request().map_err(bad)?, deadline)?;
            let days = results.facets.into_iter().next();
            let undated = days.as_ref().and_then(|f| f.undated).unwrap_or(0);
            let mut periods: BTreeMap<String, u64> = BTreeMap::new();
            for value in days.map(|f| f.values).unwrap_or_default() {
                if let Ok(day) = value.value.parse::<Date>() {
                    *periods.entry(request.interval.period(day)).or_default() += value.count;
                }
            }
            Ok::<_, MorgueError>((periods, results.total, undated))
        };
        let counted = request
            .queries
            .iter()
            .map(|q| by_day(q, &request.filters))
            .collect::<Result<Vec<_>, _>>()?;
        let all = if request.share {
            // Every article of the period: only the date range of the filters applies.
            let dates_only = SearchParams {
                from: request.filters.from.clone(),
                to: request.filters.to.clone(),
                ..SearchParams::default()
            };
            Some(by_day("", &dates_only)?.0)
        } else {
            None
        };
        let (Some(first), Some(last)) = (
            counted.iter().filter_map(|c| c.0.keys().next()).min(),
            counted.iter().filter_map(|c| c.0.keys().next_back()).max(),
        ) else {
            return Ok(self.empty_timeline(request, counted));
        };
        let periods = periods_between(first, last, request.interval)?;
        let per_period = |counts: &BTreeMap<String, u64>| -> Vec<u64> {
            periods
                .iter()
                .map(|p| counts.get(p).copied().unwrap_or(0))
                .collect()
        };
        let all = all.as_ref().map(per_period);
        let series = request
            .queries
            .iter()
            .zip(&counted)
            .map(|(query, (counts, total, undated))| {
                let counts = per_period(counts);
                let share = all.as_ref().map(|all| {
                    counts
                        .iter()
                        .zip(all)
                        .map(|(&n, &of)| if of == 0 { 0.0 } else { n as f64 / of as f64 })
                        .collect()
                });
                Series {
                    query: query.clone(),
                    counts,
                    total: *total,
                    undated: *undated,
                    share,
                }
            })
            .collect();
        Ok(Timeline {
            interval: request.interval,
            periods,
            series,
            all,
        })
    }

    fn empty_timeline(
        &self,
        request: &TimelineRequest,
        counted: Vec<(BTreeMap<String, u64>, usize, u64)>,
    ) -> Timeline {
        Timeline {
            interval: request.interval,
            periods: Vec::new(),
            series: request
                .queries
                .iter()
                .zip(counted)
                .map(|(query, (_, total, undated))| Series {
                    query: query.clone(),
                    counts: Vec::new(),
                    total,
                    undated,
                    share: request.share.then(Vec::new),
                })
                .collect(),
            all: request.share.then(Vec::new),
        }
    }
}

fn bad(e: BadParam) -> MorgueError {
    MorgueError::Usage(e.to_string())
}

/// Every period from the one named `first` to the one named `last`.
fn periods_between(
    first: &str,
    last: &str,
    interval: Interval,
) -> Result<Vec<String>, MorgueError> {
    let start = first_day(first, interval);
    let end = first_day(last, interval);
    let step = match interval {
        Interval::Day => jiff::Span::new().days(1),
        Interval::Week => jiff::Span::new().weeks(1),
        Interval::Month => jiff::Span::new().months(1),
        Interval::Year => jiff::Span::new().years(1),
    };
    let (Some(mut day), Some(end)) = (start, end) else {
        return Ok(Vec::new());
    };
    let mut periods = Vec::new();
    while day <= end {
        if periods.len() == MAX_PERIODS {
            return Err(bad(BadParam::new(
                "interval",
                format!(
                    "more than {MAX_PERIODS} periods: use a longer interval or a narrower date range"
                ),
            )));
        }
        periods.push(interval.period(day));
        match day.checked_add(step) {
            Ok(next) => day = next,
            Err(_) => break,
        }
    }
    Ok(periods)
}

/// The first day of the period named `name`.
fn first_day(name: &str, interval: Interval) -> Option<Date> {
    match interval {
        Interval::Day | Interval::Week => name.parse().ok(),
        Interval::Month => format!("{name}-01").parse().ok(),
        Interval::Year => format!("{name}-01-01").parse().ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        text.parse().unwrap()
    }

    #[test]
    fn days_fall_into_their_periods() {
        // 2025-02-26 is a Wednesday; its week starts on Monday the 24th.
        assert_eq!(Interval::Week.period(day("2025-02-26")), "2025-02-24");
        assert_eq!(Interval::Week.period(day("2025-02-24")), "2025-02-24");
        assert_eq!(Interval::Week.period(day("2025-03-02")), "2025-02-24");
        assert_eq!(Interval::Month.period(day("2025-02-26")), "2025-02");
        assert_eq!(Interval::Year.period(day("2025-02-26")), "2025");
    }

    #[test]
    fn periods_run_without_gaps() {
        let months = periods_between("2024-11", "2025-02", Interval::Month).unwrap();
        assert_eq!(months, ["2024-11", "2024-12", "2025-01", "2025-02"]);
        let weeks = periods_between("2024-12-30", "2025-01-13", Interval::Week).unwrap();
        assert_eq!(weeks, ["2024-12-30", "2025-01-06", "2025-01-13"]);
        let days = periods_between("2024-02-28", "2024-03-01", Interval::Day).unwrap();
        assert_eq!(days, ["2024-02-28", "2024-02-29", "2024-03-01"]);
        assert!(periods_between("1900-01-01", "2025-01-01", Interval::Day).is_err());
    }
}
