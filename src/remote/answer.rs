//! An Elasticsearch-style `_search` answer (from Quickwit or Elasticsearch/OpenSearch) as
//! morgue's own [`SearchResults`], so `--remote` renders and prints `--json` exactly as a
//! local search does. What the cluster does not give (snippets, folded copies, partial
//! matches) stays empty rather than made up.

use super::Engine;
use super::dsl::UNDATED_DAY;
use crate::article::EntityKind;
use crate::index::document::StoredArticle;
use crate::search::facets::{FacetKind, FacetResult, FacetValue};
use crate::search::{Hit, SearchRequest, SearchResults, SortOrder};
use serde_json::Value;
use std::collections::BTreeMap;

/// Reads `answer` (the parsed response body) for `request`; `Err` says what is missing.
pub fn results(
    request: &SearchRequest,
    engine: Engine,
    answer: &Value,
) -> Result<SearchResults, String> {
    let hits = &answer["hits"];
    let total = match &hits["total"] {
        Value::Number(n) => n.as_u64(),
        total => total["value"].as_u64(),
    }
    .ok_or("the answer has no hits.total")? as usize;
    let listed = hits["hits"].as_array().map(Vec::as_slice).unwrap_or(&[]);
    let mut page = Vec::with_capacity(listed.len());
    for (i, hit) in listed.iter().enumerate() {
        let source = hit
            .get("_source")
            .ok_or("a hit has no _source (is the index storing documents?)")?;
        let score = match request.sort {
            SortOrder::Relevance => hit["_score"].as_f64().map(|s| s as f32),
            SortOrder::Date | SortOrder::DateDesc => None,
        };
        page.push(Hit {
            rank: request.offset + i + 1,
            score,
            article: article(source),
            snippets: Vec::new(),
            matched_words: None,
            explain: None,
            copies: Vec::new(),
        });
    }
    let aggs = &answer["aggregations"];
    let facets = request
        .facets
        .iter()
        .map(|&facet| facet_result(facet, aggs, request.facet_limit, engine))
        .collect();
    Ok(SearchResults {
        query: request.query.clone(),
        total,
        full_matches: total,
        partial_of_words: 0,
        offset: request.offset,
        limit: request.limit,
        sort: request.sort,
        hits: page,
        copies_folded: 0,
        facets,
    })
}

/// A cluster document (as `morgue push` and the export write it) as a stored article.
pub fn article(source: &Value) -> StoredArticle {
    let text = |name: &str| source[name].as_str().map(str::to_string);
    let texts = |name: &str| -> Vec<String> {
        match &source[name] {
            Value::Array(values) => values
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            Value::String(one) => vec![one.clone()],
            _ => Vec::new(),
        }
    };
    let date_source = text("date_source").unwrap_or_else(|| "none".into());
    // A timestamp's day; undated articles' stand-in date is not a date.
    let date = text("date")
        .filter(|_| date_source != "none")
        .map(|d| d.get(..10).unwrap_or(&d).to_string());
    let entities: BTreeMap<EntityKind, Vec<String>> = EntityKind::ALL
        .iter()
        .map(|&kind| (kind, texts(kind.field_name())))
        .filter(|(_, names)| !names.is_empty())
        .collect();
    StoredArticle {
        id: text("id").unwrap_or_default(),
        path: text("path").unwrap_or_default(),
        file: text("file").or_else(|| text("path")).unwrap_or_default(),
        record: source["record"].as_u64(),
        format: text("format").unwrap_or_default(),
        title: text("title").unwrap_or_default(),
        title_source: text("title_source").unwrap_or_default(),
        date,
        date_source,
        date_raw: text("date_raw"),
        published: text("published"),
        source: text("source"),
        authors: texts("authors"),
        url: text("url"),
        language: text("language"),
        tags: texts("tags"),
        entities,
        // The cluster documents do not say which names the source marked up.
        markup_entities: BTreeMap::new(),
        body: text("body").unwrap_or_default(),
    }
}

fn facet_result(facet: FacetKind, aggs: &Value, limit: usize, engine: Engine) -> FacetResult {
    if facet.is_date() {
        return date_facet(facet, aggs, limit, engine);
    }
    let buckets = aggs[facet.name()]["buckets"].as_array();
    let values: Vec<FacetValue> = buckets
        .map(Vec::as_slice)
        .unwrap_or(&[])
        .iter()
        .filter_map(|b| {
            Some(FacetValue {
                value: key_text(&b["key"])?,
                count: b["doc_count"].as_u64()?,
            })
        })
        .take(limit)
        .collect();
    // Approximate where the engine estimates (a cardinality aggregation).
    let distinct = aggs[format!("{}_distinct", facet.name())]["value"]
        .as_f64()
        .map_or(values.len(), |v| v.round() as usize);
    FacetResult {
        name: facet.name().to_string(),
        more: distinct.saturating_sub(values.len()),
        values,
        undated: None,
    }
}

fn key_text(key: &Value) -> Option<String> {
    match key {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Years, months or days summed from the `days` histogram; the most recent `limit` buckets
/// kept, as a local date facet keeps them.
fn date_facet(facet: FacetKind, aggs: &Value, limit: usize, engine: Engine) -> FacetResult {
    let undated = aggs["date_sources"]["buckets"]
        .as_array()
        .and_then(|b| b.iter().find(|b| b["key"] == "none"))
        .and_then(|b| b["doc_count"].as_u64())
        .unwrap_or(0);
    let mut values: Vec<FacetValue> = Vec::new();
    let buckets = aggs["days"]["buckets"].as_array();
    for bucket in buckets.map(Vec::as_slice).unwrap_or(&[]) {
        let (Some(day), Some(mut count)) = (bucket_day(bucket), bucket["doc_count"].as_u64())
        else {
            continue;
        };
        if engine == Engine::Quickwit && day == UNDATED_DAY {
            // Quickwit files undated articles under the epoch: they are not that day's.
            count = count.saturating_sub(undated);
        }
        let value = match facet {
            FacetKind::Year => day[..4].to_string(),
            FacetKind::Month => day[..7].to_string(),
            _ => day,
        };
        match values.last_mut() {
            Some(last) if last.value == value => last.count += count,
            _ => values.push(FacetValue { value, count }),
        }
    }
    values.retain(|v| v.count > 0);
    values.sort_by(|a, b| a.value.cmp(&b.value));
    let more = values.len().saturating_sub(limit);
    values.drain(..more);
    FacetResult {
        name: facet.name().to_string(),
        values,
        more,
        undated: Some(undated),
    }
}

/// A histogram bucket's day, `YYYY-MM-DD`, from its `key` (milliseconds since the epoch).
fn bucket_day(bucket: &Value) -> Option<String> {
    let millis = bucket["key"].as_f64()? as i64;
    let instant = jiff::Timestamp::from_millisecond(millis).ok()?;
    Some(
        jiff::tz::Offset::UTC
            .to_datetime(instant)
            .date()
            .to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::{Filters, MatchMode};
    use serde_json::json;

    fn day(d: &str) -> i64 {
        let day: jiff::civil::Date = d.parse().unwrap();
        i64::from(day.since(jiff::civil::date(1970, 1, 1)).unwrap().get_days()) * 86_400_000
    }

    #[test]
    fn days_fold_into_months_and_quickwits_undated_leave_the_epoch() {
        let aggs = json!({
            "days": {"buckets": [
                {"key": day("1970-01-01"), "doc_count": 3},
                {"key": day("2024-12-31"), "doc_count": 1},
                {"key": day("2025-02-01"), "doc_count": 2},
                {"key": day("2025-02-24"), "doc_count": 4},
            ]},
            "date_sources": {"buckets": [{"key": "none", "doc_count": 2}]},
        });
        let month = date_facet(FacetKind::Month, &aggs, 10, Engine::Quickwit);
        let values: Vec<(&str, u64)> = month
            .values
            .iter()
            .map(|v| (v.value.as_str(), v.count))
            .collect();
        // One real article of 1 January 1970, two undated ones filed under it.
        assert_eq!(values, [("1970-01", 1), ("2024-12", 1), ("2025-02", 6)]);
        assert_eq!(month.undated, Some(2));
        let year = date_facet(FacetKind::Year, &aggs, 1, Engine::Elastic);
        assert_eq!(year.values[0].value, "2025");
        assert_eq!(year.more, 2);
    }

    #[test]
    fn hits_become_stored_articles_with_their_entities() {
        let request = SearchRequest {
            query: "x".into(),
            filters: Filters::default(),
            sort: SortOrder::DateDesc,
            limit: 10,
            offset: 10,
            facets: vec![],
            facet_limit: 10,
            snippets: true,
            fold_copies: false,
            matching: MatchMode::All,
            explain: false,
        };
        let answer = json!({"hits": {"total": {"value": 11}, "hits": [{"_score": null, "_source": {
            "id": "/a.txt", "path": "/a.txt", "format": "txt", "title": "T", "title_source": "metadata",
            "date": "2025-02-24T00:00:00Z", "date_source": "path", "authors": ["A"], "person": ["Xi Jinping"],
            "place": [], "body": "B"
        }}]}});
        let found = results(&request, Engine::Quickwit, &answer).unwrap();
        assert_eq!(found.total, 11);
        let hit = &found.hits[0];
        assert_eq!(hit.rank, 11);
        assert_eq!(hit.score, None);
        assert_eq!(hit.article.date.as_deref(), Some("2025-02-24"));
        assert_eq!(hit.article.entities.len(), 1);
        assert_eq!(hit.article.entities[&EntityKind::Person], ["Xi Jinping"]);
        assert!(results(&request, Engine::Quickwit, &json!({})).is_err());
    }
}
