//! A morgue search as an Elasticsearch `_search` body, in the subset of the query DSL that
//! Quickwit's Elasticsearch-compatible API also accepts: `query_string`, `bool`, `term`,
//! `match_phrase`, `range`; `terms`, `cardinality` and `date_histogram` aggregations.
//!
//! Fields are those of the cluster documents `morgue export --format quickwit|bulk` and
//! `morgue push` write ([`crate::export::ClusterDoc`]). The engines index them differently
//! (see the export's mappings), which is why some clauses depend on the [`Engine`].

use super::Engine;
use crate::enrich::gazetteer::Gazetteer;
use crate::search::facets::FacetKind;
use crate::search::query::{Filters, MatchMode};
use crate::search::{SearchRequest, SortOrder};
use jiff::civil::Date;
use serde_json::{Value, json};

/// The timestamp Quickwit documents of undated articles carry (see the export).
pub const UNDATED_DAY: &str = "1970-01-01";

/// The `_search` body for `request`, and what of it the engine cannot do as morgue does
/// (said to the user, never faked).
pub fn search_body(
    request: &SearchRequest,
    engine: Engine,
    gazetteer: &Gazetteer,
) -> (Value, Vec<String>) {
    let mut unsupported = Vec::new();
    let mut must = Vec::new();
    let text = request.query.trim();
    if text.is_empty() || text == "*" {
        must.push(json!({"match_all": {}}));
    } else {
        let (query, notes) = query_string_text(text);
        unsupported.extend(notes);
        let operator = match request.matching {
            MatchMode::Any => "OR",
            MatchMode::All | MatchMode::Most => "AND",
        };
        if request.matching == MatchMode::Most {
            unsupported.push(
                "partial matches (--match most): the cluster lists only articles with every word"
                    .into(),
            );
        }
        must.push(json!({"query_string": {
            "query": query,
            "fields": ["title", "body"],
            "default_operator": operator,
        }}));
    }
    if request.fold_copies {
        unsupported.push("copy folding: every copy of a story is its own hit".into());
    }
    if request.explain {
        unsupported.push("--explain: the cluster's scores are not broken down".into());
    }
    let filter = filter_clauses(&request.filters, engine, gazetteer);
    let mut body = json!({
        "query": {"bool": {"must": must, "filter": filter}},
        "from": request.offset,
        "size": request.limit,
        "track_total_hits": true,
    });
    if let Some(sort) = sort_clause(request.sort) {
        body["sort"] = sort;
        if request.sort == SortOrder::Date && engine == Engine::Quickwit {
            unsupported.push(
                "undated articles last in oldest-first order: Quickwit files them under 1970-01-01, so they come first".into(),
            );
        }
    }
    let aggs = aggregations(&request.facets, request.facet_limit);
    if !aggs.as_object().is_some_and(|a| a.is_empty()) {
        body["aggs"] = aggs;
    }
    (body, unsupported)
}

/// The query text as `query_string` takes it. morgue's grammar is Lucene's with three
/// additions: `=word` (exact, unstemmed), which the cluster cannot do (the `=` is dropped and
/// said); `word*` and `word~N`, which it does the same way.
fn query_string_text(text: &str) -> (String, Vec<String>) {
    let mut notes = Vec::new();
    let mut out = String::with_capacity(text.len());
    let mut in_quotes = false;
    let mut previous: Option<char> = None;
    for c in text.chars() {
        if c == '"' {
            in_quotes = !in_quotes;
        }
        let at_word_start = previous.is_none_or(|p| p.is_whitespace() || p == '(' || p == ':');
        if c == '=' && !in_quotes && at_word_start {
            if notes.is_empty() {
                notes.push(
                    "exact words (=word): the cluster searches them stemmed, like other words"
                        .into(),
                );
            }
            previous = Some(c);
            continue;
        }
        out.push(c);
        previous = Some(c);
    }
    (out, notes)
}

fn filter_clauses(filters: &Filters, engine: Engine, gazetteer: &Gazetteer) -> Vec<Value> {
    let mut clauses = Vec::new();
    for (kind, name) in &filters.entities {
        // The canonical name, as the local search matches it.
        let name = gazetteer.canonical(*kind, name).unwrap_or(name);
        clauses.push(entity_clause(kind.field_name(), name, engine));
    }
    if filters.undated {
        clauses.push(json!({"term": {"date_source": "none"}}));
    }
    if filters.from.is_some() || filters.to.is_some() {
        let mut range = serde_json::Map::new();
        if let Some(from) = filters.from {
            range.insert("gte".into(), json!(instant(from)));
        }
        if let Some(to) = filters.to {
            match to.tomorrow() {
                Ok(next) => range.insert("lt".into(), json!(instant(next))),
                Err(_) => range.insert("lte".into(), json!(instant(to))),
            };
        }
        clauses.push(json!({"range": {"date": range}}));
        // Quickwit's undated articles carry 1970-01-01: a period never includes them.
        clauses.push(json!({"bool": {"must_not": [{"term": {"date_source": "none"}}]}}));
    }
    if !filters.sources.is_empty() {
        let any: Vec<Value> = filters
            .sources
            .iter()
            .map(|s| source_clause(s, engine))
            .collect();
        clauses.push(json!({"bool": {"should": any, "minimum_should_match": 1}}));
    }
    let mut leave_out: Vec<Value> = Vec::new();
    for (kind, name) in &filters.excluded_entities {
        let name = gazetteer.canonical(*kind, name).unwrap_or(name);
        leave_out.push(entity_clause(kind.field_name(), name, engine));
    }
    leave_out.extend(
        filters
            .excluded_sources
            .iter()
            .map(|s| source_clause(s, engine)),
    );
    if !leave_out.is_empty() {
        clauses.push(json!({"bool": {"must_not": leave_out}}));
    }
    if !filters.languages.is_empty() {
        let any: Vec<Value> = filters
            .languages
            .iter()
            .map(|l| json!({"term": {"language": l.trim().to_ascii_lowercase()}}))
            .collect();
        clauses.push(json!({"bool": {"should": any, "minimum_should_match": 1}}));
    }
    clauses
}

/// An entity field holding the canonical `name`. Elasticsearch keeps each name whole as a
/// keyword: an exact term, as morgue matches it. Quickwit keeps the name's words (the whole
/// name only in its fast column, which it cannot filter on): the name as a phrase, which also
/// matches a longer name containing it.
fn entity_clause(field: &str, name: &str, engine: Engine) -> Value {
    match engine {
        Engine::Elastic => json!({"term": {field: name}}),
        Engine::Quickwit => json!({"match_phrase": {field: {"query": name}}}),
    }
}

/// A source named by some of its words in order, as morgue's `--source` matches it.
fn source_clause(name: &str, engine: Engine) -> Value {
    let field = match engine {
        Engine::Elastic => "source.text",
        Engine::Quickwit => "source",
    };
    json!({"match_phrase": {field: {"query": name}}})
}

fn instant(day: Date) -> String {
    format!("{day}T00:00:00Z")
}

fn sort_clause(sort: SortOrder) -> Option<Value> {
    match sort {
        SortOrder::Relevance => None,
        SortOrder::DateDesc => Some(json!([{"date": {"order": "desc"}}])),
        SortOrder::Date => Some(json!([{"date": {"order": "asc"}}])),
    }
}

/// Aggregation names: the facet's name (`person`, `month`, ...); `<name>_distinct` for how
/// many values a terms facet has; one `days` histogram serves year, month and day (neither
/// Quickwit nor tantivy have calendar months, so days are summed into them here), with
/// `date_sources` to tell undated articles apart.
pub fn aggregations(facets: &[FacetKind], limit: usize) -> Value {
    let mut aggs = serde_json::Map::new();
    for facet in facets {
        if facet.is_date() {
            aggs.insert(
                "days".into(),
                json!({"date_histogram": {"field": "date", "fixed_interval": "1d", "min_doc_count": 1}}),
            );
            aggs.insert(
                "date_sources".into(),
                json!({"terms": {"field": "date_source", "size": 32}}),
            );
            continue;
        }
        let Some(field) = terms_field(*facet) else {
            continue;
        };
        aggs.insert(
            facet.name().into(),
            json!({"terms": {"field": field, "size": limit.max(1)}}),
        );
        aggs.insert(
            format!("{}_distinct", facet.name()),
            json!({"cardinality": {"field": field}}),
        );
    }
    Value::Object(aggs)
}

/// The cluster field a terms facet counts (named as the facet is).
fn terms_field(facet: FacetKind) -> Option<&'static str> {
    match facet {
        FacetKind::Entity(kind) => Some(kind.field_name()),
        FacetKind::Source => Some("source"),
        FacetKind::Language => Some("language"),
        FacetKind::Year | FacetKind::Month | FacetKind::Day | FacetKind::Aliases(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::EntityKind;

    fn request(query: &str) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            filters: Filters::default(),
            sort: SortOrder::Relevance,
            limit: 10,
            offset: 20,
            facets: Vec::new(),
            facet_limit: 5,
            snippets: true,
            fold_copies: false,
            matching: MatchMode::All,
            explain: false,
        }
    }

    #[test]
    fn exact_words_lose_their_mark_and_say_so_other_syntax_stays() {
        let (text, notes) = query_string_text("=banking \"a = b\" elect* electon~1 title:=Putin");
        assert_eq!(text, "banking \"a = b\" elect* electon~1 title:Putin");
        assert_eq!(notes.len(), 1);
        let (text, notes) = query_string_text("x AND (y OR z)");
        assert_eq!(text, "x AND (y OR z)");
        assert!(notes.is_empty());
    }

    #[test]
    fn filters_become_clauses_each_engine_can_run() {
        let gazetteer = Gazetteer::builtin();
        let mut r = request("summit");
        r.filters.entities = vec![(EntityKind::Person, "Putin".into())];
        r.filters.from = Some(jiff::civil::date(2025, 2, 1));
        r.filters.to = Some(jiff::civil::date(2025, 3, 31));
        r.filters.sources = vec!["Global Dispatch".into()];
        r.filters.excluded_entities = vec![(EntityKind::Person, "Trump".into())];
        let (qw, _) = search_body(&r, Engine::Quickwit, &gazetteer);
        let (es, _) = search_body(&r, Engine::Elastic, &gazetteer);
        let filter = |body: &Value| body["query"]["bool"]["filter"].clone();
        assert_eq!(
            filter(&qw)[0],
            json!({"match_phrase": {"person": {"query": "Vladimir Putin"}}})
        );
        assert_eq!(
            filter(&es)[0],
            json!({"term": {"person": "Vladimir Putin"}})
        );
        assert_eq!(
            filter(&qw)[1]["range"]["date"],
            json!({"gte": "2025-02-01T00:00:00Z", "lt": "2025-04-01T00:00:00Z"})
        );
        assert_eq!(
            filter(&es)[3]["bool"]["should"][0],
            json!({"match_phrase": {"source.text": {"query": "Global Dispatch"}}})
        );
        assert_eq!(
            filter(&es)[4]["bool"]["must_not"][0],
            json!({"term": {"person": "Donald Trump"}})
        );
        assert_eq!(qw["from"], 20);
        assert_eq!(
            qw["query"]["bool"]["must"][0]["query_string"]["default_operator"],
            "AND"
        );
    }

    #[test]
    fn facets_ask_for_terms_with_their_cardinality_and_one_day_histogram() {
        let facets = [
            FacetKind::Month,
            FacetKind::Year,
            FacetKind::Entity(EntityKind::Event),
            FacetKind::Source,
        ];
        let aggs = aggregations(&facets, 7);
        assert_eq!(aggs["days"]["date_histogram"]["fixed_interval"], "1d");
        assert_eq!(aggs["event"]["terms"], json!({"field": "event", "size": 7}));
        assert_eq!(aggs["source_distinct"]["cardinality"]["field"], "source");
        // One histogram, one undated count, two terms facets with their cardinality.
        assert_eq!(aggs.as_object().unwrap().len(), 6);
    }

    #[test]
    fn most_and_date_order_are_said_where_they_differ() {
        let gazetteer = Gazetteer::default();
        let mut r = request("a b");
        r.matching = MatchMode::Most;
        r.sort = SortOrder::Date;
        let (body, notes) = search_body(&r, Engine::Quickwit, &gazetteer);
        assert_eq!(body["sort"], json!([{"date": {"order": "asc"}}]));
        assert_eq!(notes.len(), 2, "{notes:?}");
        let (_, notes) = search_body(&r, Engine::Elastic, &gazetteer);
        assert_eq!(notes.len(), 1, "{notes:?}");
    }
}
