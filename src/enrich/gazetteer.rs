//! The gazetteer: canonical names of persons, organisations, places and events, each with
//! the aliases news text uses for it ("US", "U.S.", "America" -> "United States").
//!
//! All names are data, never code. The built-in lists live in `data/gazetteer/*.tsv` and are
//! compiled into the binary; users add their own file in the same format (see [`parse_tsv`])
//! and merge it with [`Gazetteer::with_entries`].
//!
//! File format (UTF-8, one entry per line, `#` starts a comment line, blank lines ignored):
//!
//! ```text
//! kind<TAB>canonical<TAB>alias|alias|...
//! place<TAB>United States<TAB>US|U.S.|USA|America
//! ```
//!
//! `kind` is `person`, `org`, `place` or `event` (the synonyms of [`EntityKind::parse`] are
//! accepted too); the alias column may be missing or empty.
//!
//! Names are compared through [`name_key`]: case-insensitive and tolerant of punctuation, so
//! `u.s.`, `U.S.` and `US` are the same key. Case *is* significant when the extractor matches
//! running text; that policy lives in `entities.rs`, not here.
//!
//! [`parse_tsv`]: Gazetteer::parse_tsv

use std::collections::HashMap;
use std::fmt;

use crate::article::EntityKind;

/// One real-world thing: its canonical name and the other names it goes by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GazetteerEntry {
    pub kind: EntityKind,
    pub canonical: String,
    /// Other names; the canonical name itself need not be repeated here.
    pub aliases: Vec<String>,
}

impl GazetteerEntry {
    /// The canonical name followed by every alias.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.canonical.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// A malformed gazetteer line. `origin` is the file name (or "builtin:persons.tsv").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GazetteerError {
    pub origin: String,
    /// 1-based line number.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for GazetteerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.origin, self.line, self.message)
    }
}

impl std::error::Error for GazetteerError {}

/// The built-in data files, embedded at compile time so the binary needs no data directory.
const BUILTIN: [(&str, &str); 4] = [
    (
        "persons.tsv",
        include_str!("../../data/gazetteer/persons.tsv"),
    ),
    ("orgs.tsv", include_str!("../../data/gazetteer/orgs.tsv")),
    (
        "places.tsv",
        include_str!("../../data/gazetteer/places.tsv"),
    ),
    (
        "events.tsv",
        include_str!("../../data/gazetteer/events.tsv"),
    ),
];

/// A set of entries plus an index from every name key to the entries that claim it.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    entries: Vec<GazetteerEntry>,
    /// `name_key` of every canonical name and alias -> indexes into `entries`.
    index: HashMap<String, Vec<usize>>,
}

impl Gazetteer {
    /// The lists shipped in `data/gazetteer/`.
    pub fn builtin() -> Gazetteer {
        let mut entries = Vec::new();
        for (name, text) in BUILTIN {
            // The data files are tested (see tests::builtin_parses), so this cannot fail in a
            // released binary; a panic here means someone committed a broken file.
            match Gazetteer::parse_tsv(text, &format!("builtin:{name}")) {
                Ok(parsed) => entries.extend(parsed),
                Err(e) => panic!("built-in gazetteer is malformed: {e}"),
            }
        }
        // Same kind and canonical name: one entry. A map, not merge_same_canonical's scan,
        // which made this quadratic and the slowest part of starting `morgue search`.
        let mut gazetteer = Gazetteer::default();
        let mut by_canonical: HashMap<(EntityKind, String), usize> = HashMap::new();
        for entry in entries {
            let key = (entry.kind, name_key(&entry.canonical));
            match by_canonical.get(&key) {
                Some(&i) => add_aliases(&mut gazetteer.entries[i], entry.aliases),
                None => {
                    by_canonical.insert(key, gazetteer.entries.len());
                    gazetteer.entries.push(entry);
                }
            }
        }
        gazetteer.reindex();
        gazetteer
    }

    /// Parses the TSV format described in the module docs. `origin` names the source in
    /// error messages.
    pub fn parse_tsv(text: &str, origin: &str) -> Result<Vec<GazetteerEntry>, GazetteerError> {
        let mut entries = Vec::new();
        for (n, raw) in text.lines().enumerate() {
            let err = |message: String| GazetteerError {
                origin: origin.to_string(),
                line: n + 1,
                message,
            };
            let line = raw.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            // A 4th column (years) is read by time-aware linking; accepted here meanwhile.
            if cols.len() < 2 || cols.len() > 4 {
                return Err(err(format!(
                    "expected 2 to 4 tab-separated columns (kind, canonical, aliases, years), found {}",
                    cols.len()
                )));
            }
            let kind = EntityKind::parse(cols[0]).ok_or_else(|| {
                err(format!(
                    "unknown kind {:?} (expected person, org, place or event)",
                    cols[0].trim()
                ))
            })?;
            let canonical = cols[1].trim();
            if name_key(canonical).is_empty() {
                return Err(err("empty canonical name".to_string()));
            }
            let mut aliases: Vec<String> = Vec::new();
            for alias in cols.get(2).unwrap_or(&"").split('|').map(str::trim) {
                if alias.is_empty() {
                    continue;
                }
                if name_key(alias).is_empty() {
                    return Err(err(format!("alias {alias:?} has no letters or digits")));
                }
                if alias != canonical && !aliases.iter().any(|a| a == alias) {
                    aliases.push(alias.to_string());
                }
            }
            entries.push(GazetteerEntry {
                kind,
                canonical: canonical.to_string(),
                aliases,
            });
        }
        Ok(entries)
    }

    /// Adds user entries on top of these. For each user entry, in order:
    /// - same kind and canonical name as an existing entry: its aliases are added (merge);
    /// - every name the user entry lists is taken away from all other entries, of any kind
    ///   (split: a place "Great Britain" with alias "Britain" moves "Britain" out of "United Kingdom");
    /// - if one of its names is another same-kind entry's canonical name, that entry is folded
    ///   into the user's (merge two built-in entities under one name).
    pub fn with_entries(mut self, entries: Vec<GazetteerEntry>) -> Gazetteer {
        for user in entries {
            let target = self.merge_same_canonical(user);
            let claimed: Vec<String> = self.entries[target].names().map(name_key).collect();
            let kind = self.entries[target].kind;
            let mut absorbed: Vec<String> = Vec::new();
            let mut keep = vec![true; self.entries.len()];
            for (i, other) in self.entries.iter_mut().enumerate() {
                if i == target {
                    continue;
                }
                other.aliases.retain(|a| !claimed.contains(&name_key(a)));
                if other.kind == kind && claimed.contains(&name_key(&other.canonical)) {
                    keep[i] = false;
                    absorbed.push(std::mem::take(&mut other.canonical));
                    absorbed.append(&mut other.aliases);
                }
            }
            add_aliases(&mut self.entries[target], absorbed);
            let mut i = 0;
            self.entries.retain(|_| {
                i += 1;
                keep[i - 1]
            });
        }
        self.reindex();
        self
    }

    /// The canonical name of the `kind` entity called `name` (canonical or alias), compared
    /// through [`name_key`]. User entries win over built-in ones.
    pub fn canonical(&self, kind: EntityKind, name: &str) -> Option<&str> {
        let ids = self.index.get(&name_key(name))?;
        ids.iter()
            .rev()
            .map(|&i| &self.entries[i])
            .find(|e| e.kind == kind)
            .map(|e| e.canonical.as_str())
    }

    /// Every (kind, canonical name) that `name` may refer to, user entries first.
    pub fn lookup(&self, name: &str) -> Vec<(EntityKind, &str)> {
        let mut out: Vec<(EntityKind, &str)> = Vec::new();
        for &i in self.index.get(&name_key(name)).into_iter().flatten().rev() {
            let e = &self.entries[i];
            if !out.contains(&(e.kind, e.canonical.as_str())) {
                out.push((e.kind, e.canonical.as_str()));
            }
        }
        out
    }

    /// All entries, built-in first, then user entries in the order they were added.
    pub fn entries(&self) -> impl Iterator<Item = &GazetteerEntry> {
        self.entries.iter()
    }

    /// Adds `entry`, or merges its aliases into an existing entry of the same kind and
    /// canonical name. Returns the index of the entry that now holds them.
    fn merge_same_canonical(&mut self, entry: GazetteerEntry) -> usize {
        let key = name_key(&entry.canonical);
        let existing = self
            .entries
            .iter()
            .position(|e| e.kind == entry.kind && name_key(&e.canonical) == key);
        match existing {
            Some(i) => {
                add_aliases(&mut self.entries[i], entry.aliases);
                i
            }
            None => {
                self.entries.push(entry);
                self.entries.len() - 1
            }
        }
    }

    fn reindex(&mut self) {
        self.index.clear();
        for (i, entry) in self.entries.iter().enumerate() {
            for name in entry.names() {
                let ids = self.index.entry(name_key(name)).or_default();
                if !ids.contains(&i) {
                    ids.push(i);
                }
            }
        }
    }
}

/// Appends the aliases `entry` does not already have (by [`name_key`]).
fn add_aliases(entry: &mut GazetteerEntry, aliases: Vec<String>) {
    for alias in aliases {
        let key = name_key(&alias);
        if !entry.names().any(|n| name_key(n) == key) {
            entry.aliases.push(alias);
        }
    }
}

/// The form names are compared in: lowercase, dots, commas and apostrophes dropped, hyphens
/// and runs of whitespace turned into one space, a trailing possessive removed. So
/// "U.S." == "us", "Russia’s" == "russia", "Abu-Dhabi" == "abu dhabi".
pub fn name_key(name: &str) -> String {
    let name = name.trim();
    let name = ["'s", "’s", "'S", "’S"]
        .iter()
        .find_map(|p| name.strip_suffix(p))
        .unwrap_or(name);
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for c in name.chars() {
        match c {
            '.' | ',' | '\'' | '’' | '‘' | '`' => {}
            '-' | '‐' | '–' | '—' | '_' => space = true,
            c if c.is_whitespace() => space = true,
            c => {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.extend(c.to_lowercase());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(kind: EntityKind, canonical: &str, aliases: &[&str]) -> GazetteerEntry {
        GazetteerEntry {
            kind,
            canonical: canonical.to_string(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
        }
    }

    #[test]
    fn builtin_parses_and_has_the_basics() {
        let g = Gazetteer::builtin();
        let us = Some("United States");
        for name in ["US", "U.S.", "u.s.", "USA", "United States", "America"] {
            assert_eq!(g.canonical(EntityKind::Place, name), us, "{name}");
        }
        assert_eq!(
            g.canonical(EntityKind::Place, "Britain"),
            Some("United Kingdom")
        );
        assert_eq!(
            g.canonical(EntityKind::Person, "Putin"),
            Some("Vladimir Putin")
        );
        assert_eq!(
            g.canonical(EntityKind::Person, "Zelenskyy"),
            Some("Volodymyr Zelensky")
        );
        assert_eq!(
            g.canonical(EntityKind::Org, "SCO"),
            Some("Shanghai Cooperation Organisation")
        );
        assert_eq!(g.canonical(EntityKind::Event, "WWII"), Some("World War II"));
        assert_eq!(g.canonical(EntityKind::Person, "United States"), None);
    }

    #[test]
    fn builtin_has_no_alias_claimed_twice_within_a_kind() {
        let g = Gazetteer::builtin();
        let mut clashes = Vec::new();
        for (key, ids) in &g.index {
            for kind in EntityKind::ALL {
                let n = ids.iter().filter(|&&i| g.entries[i].kind == kind).count();
                if n > 1 {
                    clashes.push(format!("{kind:?} {key}"));
                }
            }
        }
        clashes.sort();
        assert!(clashes.is_empty(), "{clashes:#?}");
    }

    #[test]
    fn name_key_is_punctuation_tolerant() {
        assert_eq!(name_key("U.S."), "us");
        assert_eq!(name_key(" Russia’s "), "russia");
        assert_eq!(name_key("Guinea-Bissau"), "guinea bissau");
        assert_eq!(name_key("Côte d'Ivoire"), "côte divoire");
        assert_eq!(name_key("New   York"), "new york");
    }

    #[test]
    fn parse_tsv_reads_kinds_aliases_and_comments() {
        let text = "# comment\n\nplace\tUnited States\tUS| U.S. ||America\norg\tXinhua\n\
                    event\tCold War\t\r\n";
        let entries = Gazetteer::parse_tsv(text, "t.tsv").unwrap();
        assert_eq!(
            entries,
            vec![
                entry(
                    EntityKind::Place,
                    "United States",
                    &["US", "U.S.", "America"]
                ),
                entry(EntityKind::Org, "Xinhua", &[]),
                entry(EntityKind::Event, "Cold War", &[]),
            ]
        );
    }

    #[test]
    fn parse_tsv_errors_name_the_line() {
        let bad_kind = "# header\nplace\tChina\nthing\tFoo\tBar\n";
        let e = Gazetteer::parse_tsv(bad_kind, "user.tsv").unwrap_err();
        assert_eq!((e.origin.as_str(), e.line), ("user.tsv", 3));
        assert!(e.to_string().starts_with("user.tsv:3: unknown kind"), "{e}");

        let e = Gazetteer::parse_tsv("place\n", "u").unwrap_err();
        assert_eq!(e.line, 1);
        let e = Gazetteer::parse_tsv("\n\nplace\t \tX\n", "u").unwrap_err();
        assert_eq!(e.to_string(), "u:3: empty canonical name");
        let e = Gazetteer::parse_tsv("place\ta\tb\t1990\tc\n", "u").unwrap_err();
        assert!(e.message.contains("found 5"), "{e}");
        let e = Gazetteer::parse_tsv("org\tX\tY|...\n", "u").unwrap_err();
        assert!(e.message.contains("no letters"), "{e}");
    }

    fn small() -> Gazetteer {
        Gazetteer::default().with_entries(vec![
            entry(
                EntityKind::Place,
                "United Kingdom",
                &["UK", "Britain", "Great Britain"],
            ),
            entry(EntityKind::Place, "England", &[]),
            entry(EntityKind::Person, "Vladimir Putin", &["Putin"]),
        ])
    }

    #[test]
    fn user_entries_extend_an_existing_canonical() {
        let g = small().with_entries(vec![entry(
            EntityKind::Place,
            "united kingdom",
            &["Blighty"],
        )]);
        assert_eq!(
            g.canonical(EntityKind::Place, "blighty"),
            Some("United Kingdom")
        );
        assert_eq!(g.canonical(EntityKind::Place, "UK"), Some("United Kingdom"));
        assert_eq!(g.entries().count(), 3);
    }

    #[test]
    fn user_entries_split_by_claiming_an_alias() {
        let g = small().with_entries(vec![entry(
            EntityKind::Place,
            "Great Britain",
            &["Britain"],
        )]);
        assert_eq!(
            g.canonical(EntityKind::Place, "Britain"),
            Some("Great Britain")
        );
        assert_eq!(
            g.canonical(EntityKind::Place, "Great Britain"),
            Some("Great Britain")
        );
        assert_eq!(g.canonical(EntityKind::Place, "UK"), Some("United Kingdom"));
    }

    #[test]
    fn user_entries_merge_by_claiming_a_canonical() {
        let g = small().with_entries(vec![entry(
            EntityKind::Place,
            "United Kingdom",
            &["England"],
        )]);
        assert_eq!(
            g.canonical(EntityKind::Place, "England"),
            Some("United Kingdom")
        );
        assert_eq!(g.entries().count(), 2);
        assert_eq!(
            g.lookup("england"),
            vec![(EntityKind::Place, "United Kingdom")]
        );
    }

    #[test]
    fn user_entries_can_reassign_across_kinds_and_lookup_lists_all() {
        let g = small().with_entries(vec![
            entry(EntityKind::Org, "Kremlin", &["Putin"]),
            entry(EntityKind::Org, "England", &[]),
        ]);
        assert_eq!(g.canonical(EntityKind::Person, "Putin"), None);
        assert_eq!(g.canonical(EntityKind::Org, "putin"), Some("Kremlin"));
        // A canonical name of another kind is not taken away: both readings remain.
        assert_eq!(
            g.lookup("England"),
            vec![(EntityKind::Org, "England"), (EntityKind::Place, "England")]
        );
    }
}
