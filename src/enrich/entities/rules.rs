//! Pass 2 of entity extraction without a tagger: names the gazetteer does not know, found
//! from capitalisation and cue words (the lists in `words`).
//!
//! Runs of capitalised words the gazetteer did not claim are classified: a title cue makes a
//! person ("President Amara Okonkwo"), an organisation head word an org ("... Ministry",
//! "Bank of ..."), an event head word an event ("... War", "... Summit"), and two or three
//! capitalised words before "said"/"told" a person. A single capitalised word is never an
//! entity by rule alone, which is what keeps "Stressing", "Notably" or "According" out; pass 3
//! may still resolve it as a surname.

use super::lexicon::Lexicon;
use super::mentions::{ArticleState, Leftover, Mention};
use super::tokens::{NONE, Token};
use super::words::{
    is_abbrev, is_connector, is_cue_modifier, is_event_head, is_lower_cue, is_noble, is_of_head,
    is_org_head, is_particle, is_place_head, is_said, is_stopword, is_title_cue,
};
use crate::article::EntityKind;

/// Finds runs of capitalised words not covered by the gazetteer and classifies them.
pub(super) fn apply<'a>(
    lex: &'a Lexicon,
    text: &'a str,
    base: usize,
    toks: &[Token],
    art: &mut ArticleState<'a>,
) {
    let mut seg = Segment {
        lex,
        text,
        base,
        toks,
        art,
    };
    let mut words: Vec<usize> = Vec::new();
    let mut absorbed: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !seg.is_cap(i) {
            i += 1;
            continue;
        }
        absorbed.clear();
        let last = seg.run_end(i, &mut absorbed);
        words.clear();
        words.extend((i..=last).filter(|&k| toks[k].word));
        if seg.classify(&words, last) == Some(EntityKind::Org) {
            for &m in &absorbed {
                seg.art.mentions[m].removed = true;
            }
        }
        i = last + 1;
    }
}

/// One segment (title or body) as the rules read it, and the article state they add to.
struct Segment<'a, 's> {
    lex: &'a Lexicon,
    text: &'a str,
    /// Added to segment positions to make mention positions unique across segments.
    base: usize,
    toks: &'s [Token],
    art: &'s mut ArticleState<'a>,
}

impl<'a> Segment<'a, '_> {
    fn word(&self, k: usize) -> &'a str {
        let text = self.text;
        &text[self.toks[k].start..self.toks[k].end]
    }

    /// A capitalised word no gazetteer mention covers.
    fn is_cap(&self, k: usize) -> bool {
        let t = &self.toks[k];
        t.word && t.covered == NONE && starts_cap(self.word(k))
    }

    /// The last token of the run of capitalised words from `start`. The run goes on through
    /// abbreviation dots and "&" ("Mr. Okonkwo", "Johnson & Johnson"), up to two connectors
    /// ("Bank of the ..."), and, after an "X of" head, through a place the gazetteer found
    /// ("Bank of Japan"): that place's mention goes to `absorbed`, for an org to swallow.
    fn run_end(&self, start: usize, absorbed: &mut Vec<usize>) -> usize {
        let (toks, n) = (self.toks, self.toks.len());
        let mut last = start;
        while !toks[last].possessive {
            let mut k = last + 1;
            // "Mr. Okonkwo", "Amara N. Okonkwo", "Johnson & Johnson"
            if k < n && !toks[k].word && toks[k].start == toks[last].end {
                let p = &self.text[toks[k].start..toks[k].end];
                if (p == "." && is_abbrev(self.word(last))) || p == "&" {
                    k += 1;
                }
            }
            let mut conns = 0;
            while k < n
                && conns < 2
                && toks[k].word
                && toks[k].covered == NONE
                && !toks[k].newline_before
                && (is_connector(self.word(k)) || self.word(k) == "and")
            {
                k += 1;
                conns += 1;
            }
            if k >= n || toks[k].newline_before {
                break;
            }
            if self.is_cap(k) {
                last = k;
                continue;
            }
            // "Bank of Japan", "Ministry of Defence of Ukraine": a known place after
            // "of" belongs to the org name when the run has an "X of" head.
            let m = toks[k].covered;
            if conns > 0
                && self.word(k - conns) == "of"
                && m != NONE
                && self.art.mentions[m as usize].kind == EntityKind::Place
                && (start..=last).any(|j| toks[j].word && is_of_head(self.word(j)))
            {
                let mut j = k;
                while j + 1 < n && toks[j + 1].covered == m {
                    j += 1;
                }
                absorbed.push(m as usize);
                last = j;
                continue;
            }
            break;
        }
        last
    }

    /// Decides what a run is and records it; returns the kind if it was an entity. `run` holds
    /// the run's word tokens, `last_tok` the token it ends on.
    fn classify(&mut self, run: &[usize], last_tok: usize) -> Option<EntityKind> {
        let w = &run[self.openers(run)..];
        let &first = w.first()?;
        let org = self.org_named(w);
        if let Some(stop) = self.titled_name_end(w) {
            let found = self.classify(&w[..stop], w[stop - 1]);
            let right = self.classify(&w[stop..], last_tok);
            return right.or(found);
        }
        if let Some(a) = self.and_split(w, org) {
            let (left, right) = (&w[..a], &w[a + 1..]);
            let mut found = None;
            if let Some(&l) = left.last() {
                found = self.classify(left, l);
            }
            if !right.is_empty() {
                found = self.classify(right, last_tok).or(found);
            }
            return found;
        }
        let whole = &self.text[self.toks[first].start..self.toks[last_tok].end];
        if let Some(kind) = self.headed_kind(w, org) {
            return self.record(kind, first, last_tok, whole, whole);
        }
        if let Some(c) = w.iter().rposition(|&k| is_title_cue(self.word(k))) {
            return self.titled_person(w, c, last_tok);
        }
        if self.cued_person(run, w, last_tok) {
            return self.record(EntityKind::Person, first, last_tok, whole, whole);
        }
        self.art.leftover.push(Leftover {
            pos: self.base + self.toks[first].start,
            text: whole,
        });
        None
    }

    /// How many words open the run without being part of a name: grammar words, and at a
    /// sentence start also adverbs and participles ("Crucially", "Speaking") that the stopword
    /// list cannot enumerate.
    fn openers(&self, run: &[usize]) -> usize {
        run.iter()
            .take_while(|&&k| {
                let w = self.word(k);
                is_stopword(w)
                    || is_connector(w)
                    || (self.toks[k].sent_start && (w.ends_with("ly") || w.ends_with("ing")))
            })
            .count()
    }

    /// The words that are not connectors.
    fn caps(&self, w: &[usize]) -> usize {
        w.iter().filter(|&&k| !is_connector(self.word(k))).count()
    }

    /// Named like an org: an org head word last ("... Ministry"), or an "X of" / "X for" head
    /// inside ("Bank of ...", "Department for ...").
    fn org_named(&self, w: &[usize]) -> bool {
        w.last().is_some_and(|&k| is_org_head(self.word(k)))
            || w.windows(2)
                .any(|p| is_of_head(self.word(p[0])) && matches!(self.word(p[1]), "of" | "for"))
    }

    /// "President Amara Okonkwo of the Northern Party": a titled name ends at the first
    /// connector (not a particle) or "and" after the title; what follows is classified on its
    /// own. Where the name ends, when a valid name lies between.
    fn titled_name_end(&self, w: &[usize]) -> Option<usize> {
        let c = w.iter().position(|&k| is_title_cue(self.word(k)))?;
        let stop = w[c + 1..]
            .iter()
            .position(|&k| {
                let word = self.word(k);
                (is_connector(word) && !is_particle(word)) || word == "and"
            })
            .map(|p| c + 1 + p)?;
        self.valid_name(&w[c + 1..stop]).then_some(stop)
    }

    /// "and" may join the words of one name ("Department for Education and Skills"), but
    /// "X and the Y", or a left side that is complete by itself, are two names: where to split
    /// the run, if so.
    fn and_split(&self, w: &[usize], org: bool) -> Option<usize> {
        let last_word = self.word(*w.last()?);
        w.iter().position(|&k| self.word(k) == "and").filter(|&a| {
            let left = self.word(w[a.saturating_sub(1)]);
            w.get(a + 1).is_some_and(|&k| self.word(k) == "the")
                || is_org_head(left)
                || is_event_head(left)
                || !(org || is_event_head(last_word))
        })
    }

    /// Two or more capitalised words named like an org, or ending in an event head word
    /// ("... War", "... Summit"). Legislation is named like an org ("Act of Parliament") but is
    /// none.
    fn headed_kind(&self, w: &[usize], org: bool) -> Option<EntityKind> {
        if self.caps(w) < 2 {
            return None;
        }
        let law = matches!(self.word(w[0]), "Act" | "Bill" | "Treaty" | "Convention");
        if org && !law {
            Some(EntityKind::Org)
        } else if is_event_head(self.word(*w.last()?)) {
            Some(EntityKind::Event)
        } else {
            None
        }
    }

    /// "Nigerian President Amara Okonkwo": the name follows the last title word, `w[c]`; the
    /// surface reaches back over the whole cue ("Prime Minister"). Nothing is recorded, not
    /// even a leftover, when no valid name follows the title.
    fn titled_person(&mut self, w: &[usize], c: usize, last_tok: usize) -> Option<EntityKind> {
        let name = &w[c + 1..];
        if !self.valid_name(name) {
            return None;
        }
        let cue = w[..=c]
            .iter()
            .rev()
            .take_while(|&&k| is_title_cue(self.word(k)) || is_cue_modifier(self.word(k)))
            .last()
            .copied()
            .unwrap_or(w[c]);
        let text = self.text;
        let end = self.toks[last_tok].end;
        let surface = &text[self.toks[cue].start..end];
        // A lone name after a title of nobility is known by both: "Prince Edward",
        // "Lord Ashcroft". After "Mr" or "President" it is a surname to resolve.
        let noble = name.len() == 1 && is_noble(self.word(w[c]));
        let name_start = if noble { w[c] } else { name[0] };
        let name = &text[self.toks[name_start].start..end];
        self.record(EntityKind::Person, w[0], last_tok, surface, name)
    }

    /// A person without a title: two or more capitalised words after a lowercase cue ("his
    /// counterpart Vladimir Putin"), or two or three before "said" or "told", unless they name
    /// a street or building ("Downing Street said").
    fn cued_person(&self, run: &[usize], w: &[usize], last_tok: usize) -> bool {
        let caps = self.caps(w);
        let prev_cue = run[0] > 0 && {
            let p = run[0] - 1;
            self.toks[p].word && is_lower_cue(self.word(p))
        };
        let next_said = self
            .toks
            .get(last_tok + 1)
            .is_some_and(|t| t.word && is_said(&self.text[t.start..t.end]));
        let last_word = w.last().map_or("", |&k| self.word(k));
        caps >= 2
            && self.valid_name(w)
            && (prev_cue || (next_said && caps <= 3 && !is_place_head(last_word)))
    }

    /// Words a person's name may consist of: capitalised non-grammar words and particles.
    fn valid_name(&self, name: &[usize]) -> bool {
        let mut real = 0;
        for &k in name {
            let w = self.word(k);
            if is_particle(w) {
                continue;
            }
            if !starts_cap(w)
                || is_stopword(w)
                || is_connector(w)
                || is_title_cue(w)
                || is_org_head(w)
                || is_event_head(w)
            {
                return false;
            }
            real += usize::from(w.chars().count() > 1);
        }
        real > 0
    }

    /// Records a mention from the start of token `first` to the end of `last_tok`.
    fn record(
        &mut self,
        kind: EntityKind,
        first: usize,
        last_tok: usize,
        surface: &'a str,
        name: &'a str,
    ) -> Option<EntityKind> {
        let canonical = self.lex.canonical_for(kind, name, self.art.when());
        self.art.mentions.push(Mention::new(
            self.base + self.toks[first].start,
            self.base + self.toks[last_tok].end,
            kind,
            canonical,
            surface,
            name,
            false,
        ));
        Some(kind)
    }
}

/// Start of a person mention's surface form, reaching back over title cues:
/// "President Putin", "Mr. Putin", "Prime Minister Modi".
pub(super) fn cue_start(text: &str, s: usize) -> usize {
    let mut start = s;
    loop {
        let head = text[..start].trim_end_matches(' ');
        if head.len() == start {
            return start;
        }
        let bare = head.strip_suffix('.').unwrap_or(head);
        let w_start = bare
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphabetic())
            .last()
            .map_or(bare.len(), |(i, _)| i);
        let w = &bare[w_start..];
        let dotted = bare.len() < head.len();
        // "Secretary of State George Shultz", "Minister of Finance Kiichi Miyazawa": "of"
        // after a title is part of it.
        let of_a_title = w == "of"
            && bare[..w_start]
                .trim_end_matches(' ')
                .rsplit(char::is_whitespace)
                .next()
                .is_some_and(is_title_cue);
        if w.is_empty()
            || !(is_title_cue(w) || is_cue_modifier(w) || of_a_title)
            || (dotted && !is_abbrev(w))
        {
            return start;
        }
        start = w_start;
    }
}

fn starts_cap(w: &str) -> bool {
    w.starts_with(char::is_uppercase)
        || ((w.starts_with("al-") || w.starts_with("el-"))
            && w[3..].starts_with(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::super::EntityExtractor;
    use super::super::tests::{builtin, find, names};
    use crate::article::EntityKind;
    use crate::enrich::gazetteer::{Gazetteer, GazetteerEntry};

    #[test]
    fn a_title_with_of_is_read_whole_before_a_name() {
        let text = "Secretary of State George Shultz met a friend of Finance Minister Kiichi \
                    Miyazawa.";
        let at = |name: &str| text.find(name).unwrap();
        assert_eq!(super::cue_start(text, at("George")), 0);
        // "of" after a word that is no title is no title's.
        assert_eq!(super::cue_start(text, at("Kiichi")), at("Finance"));
        // A title opening a paragraph.
        let text = "Talks resumed.\n\nSecretary of State James A. Baker arrived.";
        assert_eq!(
            super::cue_start(text, text.find("James").unwrap()),
            text.find("Secretary").unwrap()
        );
    }

    #[test]
    fn unknown_persons_from_title_cues_and_said() {
        let es = builtin().extract(
            "Okonkwo wins vote",
            "Nigerian President Amara Okonkwo met Prime Minister Tobias Lindqvist on Friday. \
             Okonkwo said the talks went well. Mr. Lindqvist's aide, Clara Weiss, was there. \
             Beata Nowak told reporters she agreed, and spokesperson Ivo Petrov declined comment.",
        );
        let amara = find(&es, EntityKind::Person, "Amara Okonkwo").unwrap();
        assert_eq!(amara.mentions, 3);
        assert_eq!(amara.aliases, ["Okonkwo", "President Amara Okonkwo"]);
        let tobias = find(&es, EntityKind::Person, "Tobias Lindqvist").unwrap();
        assert_eq!(
            tobias.aliases,
            ["Prime Minister Tobias Lindqvist", "Mr. Lindqvist"]
        );
        assert!(find(&es, EntityKind::Person, "Beata Nowak").is_some());
        assert!(find(&es, EntityKind::Person, "Ivo Petrov").is_some());
        // No cue, no "said": not enough evidence.
        assert!(find(&es, EntityKind::Person, "Clara Weiss").is_none());
    }

    #[test]
    fn rules_find_orgs_and_events() {
        let es = builtin().extract(
            "",
            "Officials from the Ministry of Water Resources and the Bank of Japan met the \
             Coastal Fisheries Association before the Harvest Games and the Salt Crisis.",
        );
        let orgs = names(&es, EntityKind::Org);
        for o in [
            "Ministry of Water Resources",
            "Bank of Japan",
            "Coastal Fisheries Association",
        ] {
            assert!(orgs.contains(&o), "{o} in {orgs:?}");
        }
        // Japan is part of the bank's name here, not a separate place.
        assert!(names(&es, EntityKind::Place).is_empty(), "{es:?}");
        assert_eq!(
            names(&es, EntityKind::Event),
            ["Harvest Games", "Salt Crisis"]
        );
    }

    #[test]
    fn sentence_initial_words_are_not_entities() {
        let es = builtin().extract(
            "",
            "Stressing unity, officials met. Notably, nothing changed. According to aides, \
             it was calm. Additionally, Crucially Important Things happened. In March, talks \
             resumed. The Ministry said so. “In addition,” he said.",
        );
        assert!(es.is_empty(), "{es:?}");
    }

    #[test]
    fn gazetteer_without_a_person_falls_back_to_rules() {
        let g = Gazetteer::default().with_entries(vec![GazetteerEntry {
            kind: EntityKind::Place,
            canonical: "United Kingdom".into(),
            aliases: vec!["UK".into()],
            years: Default::default(),
        }]);
        let es = EntityExtractor::new(&g).extract(
            "",
            "UK Prime Minister Keir Starmer spoke. Starmer later left.",
        );
        let p = find(&es, EntityKind::Person, "Keir Starmer").unwrap();
        assert_eq!(p.mentions, 2);
    }
}
