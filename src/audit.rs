//! `morgue entities --audit FILE`: the precision of an index's top entities, measured
//! against a judgement file a person keeps.
//!
//! A judgement file is plain text, one judged entity a line, three fields separated by tabs:
//!
//! ```text
//! # comments and blank lines are ignored
//! person<TAB>Tony Blair<TAB>ok
//! person<TAB>Oscar<TAB>wrong
//! org<TAB>Labour Party<TAB>duplicate
//! ```
//!
//! The kind is any name `EntityKind::parse` knows (person, org, place, event); the name is the
//! canonical name `morgue entities` lists; the verdict is one of `ok` (a real, distinct,
//! correctly named entity of that kind), `wrong` (not an entity, a fragment, or the wrong
//! kind), `duplicate` (a second name of an entity listed under another) or `anachronism`
//! (linked to an entity of another time). Precision@N of a kind is the share of its top N
//! judged entities that are `ok`; entities the file does not judge are listed so the judge can
//! add them, and do not count.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::article::EntityKind;
use crate::error::MorgueError;
use crate::stats::EntityListing;

/// A judge's verdict on one listed entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Ok,
    Wrong,
    Duplicate,
    Anachronism,
}

impl Verdict {
    pub const ALL: [Verdict; 4] = [
        Verdict::Ok,
        Verdict::Wrong,
        Verdict::Duplicate,
        Verdict::Anachronism,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Verdict::Ok => "ok",
            Verdict::Wrong => "wrong",
            Verdict::Duplicate => "duplicate",
            Verdict::Anachronism => "anachronism",
        }
    }

    fn parse(text: &str) -> Option<Verdict> {
        Verdict::ALL
            .into_iter()
            .find(|v| v.name().eq_ignore_ascii_case(text.trim()))
    }
}

/// The verdicts of a judgement file, by kind and canonical name.
#[derive(Debug, Default)]
pub struct Judgements {
    verdicts: HashMap<(EntityKind, String), Verdict>,
}

impl Judgements {
    /// Reads a judgement file; a malformed line is an error naming the file and line.
    pub fn load(path: &Path) -> Result<Judgements, MorgueError> {
        let text = std::fs::read_to_string(path).map_err(|e| MorgueError::io(path, e))?;
        Judgements::parse(&text).map_err(|(line, reason)| {
            MorgueError::Usage(format!("{}, line {line}: {reason}", path.display()))
        })
    }

    /// Parses the text of a judgement file; errors are (line number, reason).
    pub fn parse(text: &str) -> Result<Judgements, (usize, String)> {
        let mut judgements = Judgements::default();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let [kind, name, verdict] = fields[..] else {
                return Err((
                    i + 1,
                    format!(
                        "expected kind<TAB>name<TAB>verdict, found {} field(s)",
                        fields.len()
                    ),
                ));
            };
            let kind = EntityKind::parse(kind).ok_or_else(|| {
                (
                    i + 1,
                    format!("`{kind}`: expected person, org, place or event"),
                )
            })?;
            let verdict = Verdict::parse(verdict).ok_or_else(|| {
                (
                    i + 1,
                    format!("`{verdict}`: expected ok, wrong, duplicate or anachronism"),
                )
            })?;
            judgements
                .verdicts
                .insert((kind, name.trim().to_string()), verdict);
        }
        Ok(judgements)
    }

    fn get(&self, kind: EntityKind, name: &str) -> Option<Verdict> {
        self.verdicts.get(&(kind, name.to_string())).copied()
    }
}

/// One listed entity the file does not judge, with what the judge needs to decide.
#[derive(Debug, Serialize)]
pub struct Unjudged {
    pub name: String,
    pub articles: u64,
}

/// One judged entity that is not `ok`.
#[derive(Debug, Serialize)]
pub struct Miss {
    pub name: String,
    pub articles: u64,
    pub verdict: Verdict,
}

/// The audit of one kind's top entities.
#[derive(Debug, Serialize)]
pub struct KindAudit {
    pub kind: EntityKind,
    /// Entities listed (at most the requested top N).
    pub listed: usize,
    pub judged: usize,
    /// `ok` / judged, or none when nothing listed is judged.
    pub precision: Option<f64>,
    /// How many listed entities got each verdict, in `Verdict::ALL` order.
    pub verdicts: Vec<(Verdict, usize)>,
    pub misses: Vec<Miss>,
    pub unjudged: Vec<Unjudged>,
}

/// The audit of an index against one judgement file.
#[derive(Debug, Serialize)]
pub struct Audit {
    pub judgements: PathBuf,
    pub top: usize,
    pub kinds: Vec<KindAudit>,
}

/// Scores `listing` (the top entities of each kind in `kinds`, as `morgue entities` lists
/// them) against `judgements`.
pub fn audit(
    listing: &[EntityListing],
    kinds: &[EntityKind],
    judgements: &Judgements,
    file: &Path,
    top: usize,
) -> Audit {
    let kinds = kinds
        .iter()
        .map(|&kind| {
            let mut counts: HashMap<Verdict, usize> = HashMap::new();
            let mut misses = Vec::new();
            let mut unjudged = Vec::new();
            let mut listed = 0;
            for entity in listing.iter().filter(|e| e.kind == kind) {
                listed += 1;
                match judgements.get(kind, &entity.name) {
                    Some(verdict) => {
                        *counts.entry(verdict).or_default() += 1;
                        if verdict != Verdict::Ok {
                            misses.push(Miss {
                                name: entity.name.clone(),
                                articles: entity.articles,
                                verdict,
                            });
                        }
                    }
                    None => unjudged.push(Unjudged {
                        name: entity.name.clone(),
                        articles: entity.articles,
                    }),
                }
            }
            let judged: usize = counts.values().sum();
            let ok = counts.get(&Verdict::Ok).copied().unwrap_or(0);
            KindAudit {
                kind,
                listed,
                judged,
                precision: (judged > 0).then(|| ok as f64 / judged as f64),
                verdicts: Verdict::ALL
                    .into_iter()
                    .map(|v| (v, counts.get(&v).copied().unwrap_or(0)))
                    .collect(),
                misses,
                unjudged,
            }
        })
        .collect();
    Audit {
        judgements: file.to_path_buf(),
        top,
        kinds,
    }
}

impl Audit {
    /// The report for people: one line per kind, then what missed and what is unjudged.
    pub fn table(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "precision@{} against {}",
            self.top,
            self.judgements.display()
        );
        for k in &self.kinds {
            let precision = k
                .precision
                .map_or("-".to_string(), |p| format!("{:.1}%", p * 100.0));
            let verdicts: Vec<String> = k
                .verdicts
                .iter()
                .map(|(v, n)| format!("{} {n}", v.name()))
                .collect();
            let _ = writeln!(
                out,
                "{:<7} {precision:>6}  ({} judged of {} listed: {}; unjudged {})",
                k.kind.field_name(),
                k.judged,
                k.listed,
                verdicts.join(", "),
                k.unjudged.len()
            );
        }
        for k in &self.kinds {
            for m in &k.misses {
                let _ = writeln!(
                    out,
                    "  {:<7} {:<12} {} ({} articles)",
                    k.kind.field_name(),
                    m.verdict.name(),
                    m.name,
                    m.articles
                );
            }
        }
        if self.kinds.iter().any(|k| !k.unjudged.is_empty()) {
            let _ = writeln!(out, "unjudged (add a verdict for each to the file):");
            for k in &self.kinds {
                for u in &k.unjudged {
                    let _ = writeln!(
                        out,
                        "{}\t{}\t?\t# {} articles",
                        k.kind.field_name(),
                        u.name,
                        u.articles
                    );
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(kind: EntityKind, name: &str, articles: u64) -> EntityListing {
        EntityListing {
            kind,
            name: name.to_string(),
            articles,
            aliases: Vec::new(),
        }
    }

    #[test]
    fn precision_counts_judged_entities_only() {
        let j = Judgements::parse(
            "# a comment\n\nperson\tTony Blair\tok\nperson\tOscar\twrong\n\
             persons\tGordon Brown\tOK\norg\tBBC\tduplicate\n",
        )
        .unwrap();
        let listing = [
            listed(EntityKind::Person, "Tony Blair", 9),
            listed(EntityKind::Person, "Oscar", 5),
            listed(EntityKind::Person, "Gordon Brown", 4),
            listed(EntityKind::Person, "Michael Howard", 3),
            listed(EntityKind::Org, "BBC", 2),
        ];
        let kinds = [EntityKind::Person, EntityKind::Org, EntityKind::Place];
        let a = audit(&listing, &kinds, &j, Path::new("j.tsv"), 50);
        let person = &a.kinds[0];
        assert_eq!((person.listed, person.judged), (4, 3));
        assert!((person.precision.unwrap() - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(person.unjudged[0].name, "Michael Howard");
        assert_eq!(person.misses[0].name, "Oscar");
        assert_eq!(a.kinds[1].precision, Some(0.0));
        assert_eq!(a.kinds[2].precision, None);
        let table = a.table();
        assert!(table.contains("66.7%"), "{table}");
        assert!(table.contains("person\tMichael Howard\t?"), "{table}");
    }

    #[test]
    fn malformed_lines_name_their_line() {
        assert_eq!(Judgements::parse("person\tX\n").unwrap_err().0, 1);
        let e = Judgements::parse("# c\nperson\tX\tmaybe\n").unwrap_err();
        assert_eq!(e.0, 2);
        assert!(e.1.contains("maybe"), "{}", e.1);
        assert!(Judgements::parse("thing\tX\tok\n").is_err());
    }
}
