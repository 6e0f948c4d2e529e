//! A search as a front end receives it, before its dates are checked: the CLI fills one from
//! its flags, the server from query parameters of the same names (`q` for the query, `lang`,
//! `facet` repeated, ...). [`SearchParams::request`] turns either into a [`SearchRequest`],
//! so both check dates and ranges the same way and run the same search.

use crate::article::EntityKind;
use crate::search::facets::FacetKind;
use crate::search::query::{Filters, MatchMode, parse_period};
use crate::search::{SearchRequest, SortOrder};

/// The search options every front end offers, with dates as typed.
#[derive(Debug, Clone)]
pub struct SearchParams {
    pub query: String,
    /// Entity names to require, by kind (any alias; all must match).
    pub entities: Vec<(EntityKind, String)>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub sources: Vec<String>,
    pub undated: bool,
    pub languages: Vec<String>,
    /// Entity names to leave out, by kind (`not_person`, ...): none may match.
    pub excluded_entities: Vec<(EntityKind, String)>,
    /// Sources to leave out (`not_source`).
    pub excluded_sources: Vec<String>,
    pub sort: SortOrder,
    pub limit: usize,
    pub offset: usize,
    pub all_copies: bool,
    pub matching: MatchMode,
    pub explain: bool,
    pub facets: Vec<FacetKind>,
    pub facet_limit: usize,
}

impl Default for SearchParams {
    /// The CLI's defaults: 10 hits, 10 values per facet, best matches first, copies folded.
    fn default() -> SearchParams {
        SearchParams {
            query: String::new(),
            entities: Vec::new(),
            from: None,
            to: None,
            sources: Vec::new(),
            undated: false,
            languages: Vec::new(),
            excluded_entities: Vec::new(),
            excluded_sources: Vec::new(),
            sort: SortOrder::Relevance,
            limit: 10,
            offset: 0,
            all_copies: false,
            matching: MatchMode::Most,
            explain: false,
            facets: Vec::new(),
            facet_limit: 10,
        }
    }
}

/// A parameter whose value is wrong: which one (its name without dashes: `from`, `sort`),
/// and why. Each front end says it in its own words (`--from ...`, `from: ...`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{param}: {message}")]
pub struct BadParam {
    pub param: String,
    pub message: String,
}

impl BadParam {
    pub fn new(param: &str, message: impl Into<String>) -> BadParam {
        BadParam {
            param: param.to_string(),
            message: message.into(),
        }
    }
}

impl SearchParams {
    /// The filters: dates turned into periods (`to` takes its whole period) and checked to
    /// be in order.
    pub fn filters(&self) -> Result<Filters, BadParam> {
        let from = self
            .from
            .as_deref()
            .map(|t| parse_period(t, false))
            .transpose()
            .map_err(|e| BadParam::new("from", e))?;
        let to = self
            .to
            .as_deref()
            .map(|t| parse_period(t, true))
            .transpose()
            .map_err(|e| BadParam::new("to", e))?;
        if let (Some(f), Some(t)) = (from, to)
            && f > t
        {
            return Err(BadParam::new("from", format!("{f} is after `to` ({t})")));
        }
        Ok(Filters {
            entities: self.entities.clone(),
            from,
            to,
            sources: self.sources.clone(),
            undated: self.undated,
            languages: self.languages.clone(),
            excluded_entities: self.excluded_entities.clone(),
            excluded_sources: self.excluded_sources.clone(),
        })
    }

    /// The search to run (see [`Self::filters`]).
    pub fn request(&self) -> Result<SearchRequest, BadParam> {
        Ok(SearchRequest {
            query: self.query.clone(),
            filters: self.filters()?,
            sort: self.sort,
            limit: self.limit,
            offset: self.offset,
            facets: self.facets.clone(),
            facet_limit: self.facet_limit,
            snippets: true,
            fold_copies: !self.all_copies,
            matching: self.matching,
            explain: self.explain,
        })
    }

    /// Reads query parameters (name, value pairs, names repeatable), the CLI's flags under
    /// the same names: `q` (the query), `person`, `org`, `place`, `event`, `from`, `to`,
    /// `source`, `not_person` (and the other kinds), `not_source`, `undated`, `lang`, `sort`, `limit`, `offset`, `all_copies`, `match`,
    /// `explain`, `facet`, `facet_limit`. Names it does not know are left to `other`
    /// (which may accept them, e.g. a timeline's `interval`), else refused.
    pub fn from_pairs(
        pairs: &[(String, String)],
        mut other: impl FnMut(&str, &str) -> Result<bool, BadParam>,
    ) -> Result<SearchParams, BadParam> {
        let mut params = SearchParams::default();
        for (name, value) in pairs {
            let value = value.as_str();
            match name.as_str() {
                "q" | "query" => params.query = value.to_string(),
                "from" => params.from = non_empty(value),
                "to" => params.to = non_empty(value),
                "source" => params.sources.push(value.to_string()),
                "lang" | "language" => params.languages.push(value.to_string()),
                "undated" => params.undated = flag(name, value)?,
                "all_copies" => params.all_copies = flag(name, value)?,
                "explain" => params.explain = flag(name, value)?,
                "sort" => params.sort = parse_sort(value).map_err(|e| BadParam::new(name, e))?,
                "match" => {
                    params.matching = value.parse().map_err(|e| BadParam::new(name, e))?;
                }
                "limit" => params.limit = number(name, value)?,
                "offset" => params.offset = number(name, value)?,
                "facet_limit" => params.facet_limit = number(name, value)?,
                "facet" => params
                    .facets
                    .push(parse_facet(value).map_err(|e| BadParam::new(name, e))?),
                "not_source" => params.excluded_sources.push(value.to_string()),
                other_name => {
                    if let Some(kind) = entity_kind(other_name, "") {
                        params.entities.push((kind, value.to_string()));
                    } else if let Some(kind) = entity_kind(other_name, "not_") {
                        params.excluded_entities.push((kind, value.to_string()));
                    } else if !other(other_name, value)? {
                        return Err(BadParam::new(other_name, "unknown parameter"));
                    }
                }
            }
        }
        Ok(params)
    }
}

/// The entity kind a parameter named `<prefix><kind>` names (`person`, `not_person`), by the
/// kind's own name only.
fn entity_kind(name: &str, prefix: &str) -> Option<EntityKind> {
    let kind = EntityKind::parse(name.strip_prefix(prefix)?)?;
    (name == format!("{prefix}{}", kind.field_name())).then_some(kind)
}

fn non_empty(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// A yes/no parameter: present with no value, `true`/`1` or `false`/`0`.
pub fn flag(name: &str, value: &str) -> Result<bool, BadParam> {
    match value.trim().to_ascii_lowercase().as_str() {
        "" | "true" | "1" | "yes" | "on" => Ok(true),
        "false" | "0" | "no" | "off" => Ok(false),
        _ => Err(BadParam::new(
            name,
            format!("`{value}` is not true or false"),
        )),
    }
}

/// A count parameter (a whole number, at most a million: no page or list is larger).
pub fn number(name: &str, value: &str) -> Result<usize, BadParam> {
    value
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|n| *n <= 1_000_000)
        .ok_or_else(|| {
            BadParam::new(
                name,
                format!("`{value}` is not a whole number from 0 to 1000000"),
            )
        })
}

pub fn parse_sort(text: &str) -> Result<SortOrder, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "relevance" | "score" => Ok(SortOrder::Relevance),
        "date" | "+date" | "oldest" => Ok(SortOrder::Date),
        "-date" | "newest" => Ok(SortOrder::DateDesc),
        _ => Err(format!(
            "`{text}`: expected relevance, date (oldest first) or -date (newest first)"
        )),
    }
}

pub fn parse_facet(text: &str) -> Result<FacetKind, String> {
    FacetKind::parse(text).ok_or_else(|| {
        format!(
            "`{text}`: expected year, month, day, person, org, place, event, source or language"
        )
    })
}

pub fn parse_entity_kind(text: &str) -> Result<EntityKind, String> {
    EntityKind::parse(text).ok_or_else(|| format!("`{text}`: expected person, org, place or event"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    fn none(_: &str, _: &str) -> Result<bool, BadParam> {
        Ok(false)
    }

    #[test]
    fn query_parameters_read_like_the_flags() {
        let params = SearchParams::from_pairs(
            &pairs(&[
                ("q", "phone call"),
                ("person", "Vladimir Putin"),
                ("place", "Russia"),
                ("facet", "month"),
                ("facet", "person"),
                ("from", "2025-02"),
                ("sort", "-date"),
                ("limit", "5"),
                ("all_copies", ""),
                ("not_org", "NATO"),
                ("not_source", "Wire"),
            ]),
            none,
        )
        .unwrap();
        assert_eq!(params.query, "phone call");
        assert_eq!(
            params.entities,
            vec![
                (EntityKind::Person, "Vladimir Putin".to_string()),
                (EntityKind::Place, "Russia".to_string())
            ]
        );
        assert_eq!(
            params.facets,
            vec![FacetKind::Month, FacetKind::Entity(EntityKind::Person)]
        );
        assert_eq!(params.sort, SortOrder::DateDesc);
        assert_eq!(
            params.excluded_entities,
            vec![(EntityKind::Org, "NATO".to_string())]
        );
        assert_eq!(params.excluded_sources, vec!["Wire".to_string()]);
        assert_eq!(params.limit, 5);
        assert!(params.all_copies);
        let request = params.request().unwrap();
        assert_eq!(request.filters.from.unwrap().to_string(), "2025-02-01");
        assert!(!request.fold_copies);
    }

    #[test]
    fn bad_values_name_their_parameter() {
        let bad = |list: &[(&str, &str)]| {
            SearchParams::from_pairs(&pairs(list), none)
                .and_then(|p| p.request())
                .unwrap_err()
                .param
        };
        assert_eq!(bad(&[("from", "2025-13")]), "from");
        assert_eq!(bad(&[("to", "yesterday")]), "to");
        assert_eq!(bad(&[("from", "2025-03"), ("to", "2025-02")]), "from");
        assert_eq!(bad(&[("limit", "-1")]), "limit");
        assert_eq!(bad(&[("limit", "99999999999")]), "limit");
        assert_eq!(bad(&[("facet", "colour")]), "facet");
        assert_eq!(bad(&[("sort", "up")]), "sort");
        assert_eq!(bad(&[("undated", "maybe")]), "undated");
        assert_eq!(bad(&[("persons", "x")]), "persons");
        assert_eq!(bad(&[("not_persons", "x")]), "not_persons");
        // A plural entity name is not the parameter: only the field name is.
        assert_eq!(bad(&[("people", "x")]), "people");
    }

    #[test]
    fn other_names_go_to_the_caller() {
        let mut seen = Vec::new();
        SearchParams::from_pairs(&pairs(&[("interval", "week")]), |n, v| {
            seen.push((n.to_string(), v.to_string()));
            Ok(true)
        })
        .unwrap();
        assert_eq!(seen, vec![("interval".to_string(), "week".to_string())]);
    }
}
