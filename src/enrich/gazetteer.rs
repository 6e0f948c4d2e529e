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
//! kind<TAB>canonical<TAB>alias|alias|...<TAB>years
//! place<TAB>United States<TAB>US|U.S.|USA|America
//! place<TAB>Soviet Union<TAB>USSR|U.S.S.R.<TAB>1922-1991
//! ```
//!
//! `kind` is `person`, `org`, `place` or `event` (the synonyms of [`EntityKind::parse`] are
//! accepted too); the alias column may be missing or empty. The optional fourth column says
//! when the entity existed or was active ([`Years`]): `1922-1991`, `1999-` (open end),
//! `-1990` (open start), `1987` (that year only); empty or absent means no bound. For persons
//! the years of public life, for organisations founded-dissolved, for events start-end, for
//! places their existence. The extractor links a name to a dated entry only when the
//! article's date fits (`entities::lexicon`, [`Years::fits`]).
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
    /// When it existed or was active; unbounded when the list does not say.
    pub years: Years,
}

/// Years an entity existed or was active, either end open (`None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Years {
    pub from: Option<i32>,
    pub to: Option<i32>,
}

/// How a name was written, which decides how much an article's date must agree with a dated
/// entry before the name links to it (see [`Years::fits`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameForm {
    /// The canonical name, or an alias that is a full name ("Gerhard Stoltenberg",
    /// "European Community"): it says who or what it is.
    Full,
    /// A surname, acronym or other short alias ("Stoltenberg", "EC"): it names whoever held
    /// it at the time.
    Partial,
    /// A title and a name ("Lord Derby", "Prince Charles", "Mrs Pankhurst") or a peer's title
    /// ("Earl of Derby"): in a dated article it names the holder of the time, as a partial
    /// name does; an undated article, which cannot tell, takes it as a full name.
    Titled,
}

impl Years {
    /// Years of public life of a person may start before and end after what the list says
    /// (an early interview, a memoir): a person's entry fits two years either side, anything
    /// else one (news names an organisation as it is founded and keeps the old name for a
    /// while after it changes).
    pub fn margin(kind: EntityKind) -> i32 {
        match kind {
            EntityKind::Person => 2,
            _ => 1,
        }
    }

    /// No bound at either end.
    pub fn is_open(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    /// Whether `year` falls inside these years, widened by `margin` at both ends (open ends
    /// hold every year).
    pub fn holds(&self, year: i32, margin: i32) -> bool {
        self.from.is_none_or(|from| year >= from - margin)
            && self.to.is_none_or(|to| year <= to + margin)
    }

    /// Whether a name written as `form` in an article of `year` (`None`: undated) may link
    /// to an entry of `kind` with these years:
    /// - an entry with no years: always;
    /// - an undated article: only a full name or a title and a name;
    /// - a full name of a person: always (the article says who it is);
    /// - a full name of anything else: unless the article is older than the entity (nothing
    ///   is named before it exists; a later article may look back at it);
    /// - a partial name, or a title and a name: only when the year falls inside the years,
    ///   with the margin; of an event, from its start on (later articles look back at it by
    ///   its short names).
    pub fn fits(&self, kind: EntityKind, form: NameForm, year: Option<i32>) -> bool {
        if self.is_open() {
            return true;
        }
        let margin = Years::margin(kind);
        let Some(year) = year else {
            return form != NameForm::Partial;
        };
        let started = self.from.is_none_or(|from| year >= from - margin);
        match form {
            NameForm::Full => kind == EntityKind::Person || started,
            // An event is looked back on by name long after it ended ("WWII" in 2005).
            NameForm::Partial if kind == EntityKind::Event => started,
            NameForm::Partial | NameForm::Titled => self.holds(year, margin),
        }
    }

    /// Reads the years column: `1922-1991`, `1999-`, `-1990`, `1987`, or empty.
    pub fn parse(text: &str) -> Result<Years, String> {
        let text = text.trim();
        let year = |s: &str| -> Result<Option<i32>, String> {
            let s = s.trim();
            if s.is_empty() {
                return Ok(None);
            }
            match s.parse::<i32>() {
                Ok(y) if s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()) => Ok(Some(y)),
                _ => Err(format!(
                    "years {text:?}: {s:?} is not a year (expected e.g. 1922-1991, 1999-, -1990 or 1987)"
                )),
            }
        };
        let years = match text.split_once('-') {
            None => {
                let y = year(text)?;
                Years { from: y, to: y }
            }
            Some((from, to)) => Years {
                from: year(from)?,
                to: year(to)?,
            },
        };
        if text.contains('-') && years.is_open() {
            return Err(format!("years {text:?} names no year"));
        }
        if let (Some(from), Some(to)) = (years.from, years.to)
            && from > to
        {
            return Err(format!("years {text:?} end before they start"));
        }
        Ok(years)
    }
}

impl fmt::Display for Years {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.from, self.to) {
            (None, None) => Ok(()),
            (Some(a), Some(b)) if a == b => write!(f, "{a}"),
            (a, b) => {
                if let Some(a) = a {
                    write!(f, "{a}")?;
                }
                f.write_str("-")?;
                if let Some(b) = b {
                    write!(f, "{b}")?;
                }
                Ok(())
            }
        }
    }
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
    /// The first `fallback` entries come from the archive's acronym table
    /// ([`Gazetteer::with_fallback`]): they yield to every other entry.
    fallback: usize,
    /// The first `titled` of those link only a name written after a personal title.
    titled: usize,
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
        // which made this quadratic and the slowest part of starting `morgue search`. Lines
        // of one entity with other years stay apart: their aliases held for those years only
        // ("Russia" was the Soviet Union's name in the news of 1922-1989).
        let mut gazetteer = Gazetteer::default();
        let mut by_canonical: HashMap<(EntityKind, String), usize> = HashMap::new();
        for entry in entries {
            let key = (entry.kind, name_key(&entry.canonical));
            let kept_years = by_canonical.get(&key).map(|&i| gazetteer.entries[i].years);
            let years_of_its_own = kept_years
                .is_some_and(|y| !y.is_open() && !entry.years.is_open() && y != entry.years);
            match by_canonical.get(&key).filter(|_| !years_of_its_own) {
                Some(&i) => {
                    let kept = &mut gazetteer.entries[i];
                    if kept.years.is_open() {
                        kept.years = entry.years;
                    }
                    add_aliases(kept, entry.aliases);
                }
                None => {
                    by_canonical.entry(key).or_insert(gazetteer.entries.len());
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
            let years = Years::parse(cols.get(3).unwrap_or(&"")).map_err(err)?;
            entries.push(GazetteerEntry {
                kind,
                canonical: canonical.to_string(),
                aliases,
                years,
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
    /// through [`name_key`]: the entity whose own name it is, else one that has it as an alias
    /// for all time before one that had it for some years only ("Russia" is Russia, not the
    /// Soviet Union of 1922-1989). User entries win over built-in ones.
    pub fn canonical(&self, kind: EntityKind, name: &str) -> Option<&str> {
        let key = name_key(name);
        let ids = self.index.get(&key)?;
        let of_kind = || {
            ids.iter()
                .rev()
                .map(|&i| &self.entries[i])
                .filter(|e| e.kind == kind)
        };
        of_kind()
            .find(|e| name_key(&e.canonical) == key)
            .or_else(|| of_kind().find(|e| e.years.is_open()))
            .or_else(|| of_kind().next())
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

    /// The entries that list `name` (compared through [`name_key`]), in entry order.
    pub fn claiming(&self, name: &str) -> impl Iterator<Item = &GazetteerEntry> {
        let ids = self
            .index
            .get(&name_key(name))
            .map_or(&[][..], Vec::as_slice);
        ids.iter().map(|&i| &self.entries[i])
    }

    /// All entries: the archive's fallback entries first, then built-in, then user entries in
    /// the order they were added.
    pub fn entries(&self) -> impl Iterator<Item = &GazetteerEntry> {
        self.entries.iter()
    }

    /// How many of [`Self::entries`] (the first ones) are fallback entries.
    pub fn fallback_len(&self) -> usize {
        self.fallback
    }

    /// How many of [`Self::entries`] (the first ones, fallback entries all) link a name only
    /// after a personal title ("Mr Blair", not "Blair"): surnames that are also given names.
    pub fn titled_len(&self) -> usize {
        self.titled
    }

    /// Adds entries that yield to every entry already here: the archive's alias table
    /// (`ingest::archive_aliases`), which links a name only where the lists do not. In an
    /// undated article they link whatever their years (the archive itself says what the
    /// acronym stands for); in a dated one their years must fit, as for any entry. The
    /// `titled` ones link a name only where the article writes it after a personal title.
    /// Called once, on lists without fallback entries.
    pub fn with_fallback(
        mut self,
        titled: Vec<GazetteerEntry>,
        entries: Vec<GazetteerEntry>,
    ) -> Gazetteer {
        debug_assert_eq!(self.fallback, 0, "fallback entries are added once");
        self.titled = titled.len();
        self.fallback = titled.len() + entries.len();
        let rest = std::mem::replace(&mut self.entries, titled);
        self.entries.extend(entries);
        self.entries.extend(rest);
        self.reindex();
        self
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
                // The user's years, when given, replace the list's.
                if !entry.years.is_open() {
                    self.entries[i].years = entry.years;
                }
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
            // A titled surname ("Howard" -> Michael Howard after "Mr") is no name of its own:
            // `--person Howard` still finds every Howard.
            let names = entry
                .names()
                .take(if i < self.titled { 1 } else { usize::MAX });
            for name in names {
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
            years: Years::default(),
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

    /// Two entries of a kind may share a name only when their years do not overlap
    /// ("Stoltenberg": Gerhard in the 1980s, Jens since 2000), when they are lines of one
    /// entity, or when one is dated and the other not: a name's reading of some years
    /// ("Russia", the Soviet Union's name in the news of 1922-1989) beside its reading for
    /// all other times, which the dated one yields to outside its years.
    #[test]
    fn builtin_has_no_alias_claimed_twice_within_a_kind() {
        let g = Gazetteer::builtin();
        let overlap = |a: Years, b: Years| {
            a.from.unwrap_or(i32::MIN) <= b.to.unwrap_or(i32::MAX)
                && b.from.unwrap_or(i32::MIN) <= a.to.unwrap_or(i32::MAX)
        };
        let mut clashes = Vec::new();
        for (key, ids) in &g.index {
            for kind in EntityKind::ALL {
                let same: Vec<&GazetteerEntry> = ids
                    .iter()
                    .map(|&i| &g.entries[i])
                    .filter(|e| e.kind == kind)
                    .collect();
                for (n, a) in same.iter().enumerate() {
                    for b in &same[n + 1..] {
                        let era_reading = a.years.is_open() != b.years.is_open();
                        if overlap(a.years, b.years) && a.canonical != b.canonical && !era_reading {
                            clashes
                                .push(format!("{kind:?} {key}: {} / {}", a.canonical, b.canonical));
                        }
                    }
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
    fn years_column_reads_every_form_and_refuses_nonsense() {
        let y = |s: &str| Years::parse(s).unwrap();
        assert_eq!(
            y("1922-1991"),
            Years {
                from: Some(1922),
                to: Some(1991)
            }
        );
        assert_eq!(
            y("1999-"),
            Years {
                from: Some(1999),
                to: None
            }
        );
        assert_eq!(
            y(" -1990 "),
            Years {
                from: None,
                to: Some(1990)
            }
        );
        assert_eq!(
            y("1987"),
            Years {
                from: Some(1987),
                to: Some(1987)
            }
        );
        assert_eq!(y(""), Years::default());
        for form in ["1922-1991", "1999-", "-1990", "1987", ""] {
            assert_eq!(y(form).to_string(), form);
        }
        for bad in ["-", "1991-1922", "19x2", "12345", "1922-1991-2000", "+1987"] {
            assert!(Years::parse(bad).is_err(), "{bad}");
        }
        let text = "place\tSoviet Union\tUSSR\t1922-1991\nevent\tGulf War\t\t1990-1991\n";
        let entries = Gazetteer::parse_tsv(text, "t").unwrap();
        assert_eq!(entries[0].years.to, Some(1991));
        assert_eq!(entries[1].years.from, Some(1990));
        let e = Gazetteer::parse_tsv("place\tX\t\t1991-1922\n", "u.tsv").unwrap_err();
        assert!(e.to_string().starts_with("u.tsv:1: years"), "{e}");
    }

    #[test]
    fn dated_entries_fit_by_name_form_and_margin() {
        use NameForm::{Full, Partial};
        let jens = Years {
            from: Some(2000),
            to: None,
        };
        let ec = Years {
            from: Some(1958),
            to: Some(1993),
        };
        let p = EntityKind::Person;
        assert!(!jens.fits(p, Partial, Some(1987)));
        assert!(
            jens.fits(p, Partial, Some(1998)),
            "two years' margin for persons"
        );
        assert!(
            jens.fits(p, Full, Some(1987)),
            "a person's full name always links"
        );
        assert!(!jens.fits(p, Partial, None), "undated: full names only");
        assert!(jens.fits(p, Full, None));
        // "Lord Derby": the holder of the time when dated, as written when not.
        assert!(!jens.fits(p, NameForm::Titled, Some(1987)));
        assert!(jens.fits(p, NameForm::Titled, Some(2001)));
        assert!(jens.fits(p, NameForm::Titled, None));
        let o = EntityKind::Org;
        assert!(ec.fits(o, Partial, Some(1994)) && !ec.fits(o, Partial, Some(1995)));
        assert!(
            ec.fits(o, Full, Some(2010)),
            "a later article may look back"
        );
        assert!(
            !ec.fits(o, Full, Some(1950)),
            "nothing is named before it exists"
        );
        assert!(Years::default().fits(o, Partial, None));
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
