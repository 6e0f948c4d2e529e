//! A name each country gives its own institution ("the Treasury"): one entity per country,
//! never one for all of them.
//!
//! The table is data (`data/entities/national_institutions.tsv`: name, country, institution).
//! An organisation the article writes under such a name alone becomes, in this order:
//! - the one institution of the name's rows that the article also names in full ("the U.S.
//!   Treasury ... Treasury officials");
//! - the institution of the country the article names most, among the rows' countries
//!   (places named outright or by nationality: "British", "the UK"), or of the body it names
//!   ("the General Assembly" in a story naming the United Nations);
//! - otherwise it stays as written: which country's it is, the article does not say.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use super::mentions::{ArticleState, the_one};
use crate::article::EntityKind;
use crate::enrich::gazetteer::name_key;

pub(super) const DATA: &str = include_str!("../../../data/entities/national_institutions.tsv");

/// Name key -> (country, institution) rows.
fn table() -> &'static HashMap<String, Vec<(String, String)>> {
    static TABLE: OnceLock<HashMap<String, Vec<(String, String)>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: HashMap<String, Vec<(String, String)>> = HashMap::new();
        for line in DATA.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            if let [name, country, institution] = cols[..] {
                table
                    .entry(name_key(name))
                    .or_default()
                    .push((country.to_string(), institution.to_string()));
            }
        }
        table
    })
}

pub(super) fn apply(art: &mut ArticleState<'_>) {
    let table = table();
    // The mentions written under a name of the table: most articles have none.
    let named_so: Vec<(usize, &Vec<(String, String)>)> = art
        .mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| !m.removed && !m.markup && m.kind == EntityKind::Org)
        .filter_map(|(i, m)| {
            // "The Treasury said" at a sentence's start: the tagger took the article in.
            let name = ["The ", "the "]
                .iter()
                .find_map(|the| m.canonical.strip_prefix(the))
                .unwrap_or(&m.canonical);
            Some((i, table.get(&name_key(name))?))
        })
        .collect();
    if named_so.is_empty() {
        return;
    }
    let live = |kind: EntityKind| {
        art.mentions
            .iter()
            .filter(move |m| !m.removed && m.kind == kind)
            .map(|m| m.canonical.as_ref())
    };
    let orgs: Vec<&str> = live(EntityKind::Org).collect();
    // The countries the article names, and the bodies that have institutions of their own
    // ("the General Assembly" of the United Nations).
    let mut places: HashMap<&str, usize> = HashMap::new();
    for place in live(EntityKind::Place).chain(orgs.iter().copied()) {
        *places.entry(place).or_default() += 1;
    }
    let mut readings: Vec<(usize, &'static str)> = Vec::new();
    for (i, rows) in named_so {
        let named = the_one(rows.iter().filter(|(_, org)| orgs.contains(&org.as_str())));
        let reading = named.or_else(|| {
            let most = rows
                .iter()
                .map(|row| (places.get(row.0.as_str()).copied().unwrap_or(0), row))
                .filter(|(n, _)| *n > 0);
            let top = most.clone().map(|(n, _)| n).max()?;
            the_one(most.filter(|(n, _)| *n == top).map(|(_, row)| row))
        });
        if let Some((_, institution)) = reading {
            readings.push((i, institution));
        }
    }
    for (i, institution) in readings {
        let m = &mut art.mentions[i];
        m.canonical = Cow::Borrowed(institution);
        m.gazetteer = true;
    }
}

#[cfg(test)]
mod tests {
    use super::super::EntityExtractor;
    use super::super::tests::names;
    use crate::article::EntityKind;
    use crate::enrich::gazetteer::Gazetteer;
    use crate::enrich::ner::Tagger;
    use std::sync::OnceLock;

    fn orgs(title: &str, body: &str) -> Vec<String> {
        static TAGGED: OnceLock<EntityExtractor> = OnceLock::new();
        let extractor = TAGGED.get_or_init(|| {
            EntityExtractor::new(&Gazetteer::builtin()).with_tagger(Tagger::builtin_shared())
        });
        let es = extractor.extract(title, body);
        let mut orgs: Vec<String> = names(&es, EntityKind::Org)
            .into_iter()
            .map(str::to_string)
            .collect();
        orgs.sort();
        orgs
    }

    #[test]
    fn a_national_name_is_the_institution_of_the_country_the_article_is_about() {
        let british = orgs(
            "Budget",
            "The Treasury said borrowing in Britain rose. British economists and UK \
             retailers agreed with the Treasury.",
        );
        assert_eq!(british, ["HM Treasury"]);
        let american = orgs(
            "Bonds",
            "Officials at the Treasury said the United States would act. American bankers \
             agreed with the Treasury.",
        );
        assert_eq!(american, ["US Treasury"]);
    }

    #[test]
    fn a_body_s_institution_is_read_where_the_story_names_the_body() {
        let un = orgs(
            "Vote",
            "At the United Nations in New York, the General Assembly voted 107 to 2.",
        );
        assert_eq!(un, ["UN General Assembly", "United Nations"]);
    }

    #[test]
    fn the_institution_the_article_names_wins_and_no_country_leaves_the_name() {
        let named = orgs(
            "Dollar",
            "Britain's finance minister met the U.S. Treasury. The Treasury said nothing.",
        );
        assert_eq!(named, ["US Treasury"]);
        let unsaid = orgs(
            "Rates",
            "Officials at the Treasury said rates would stay put.",
        );
        assert_eq!(unsaid, ["Treasury"]);
    }
}
