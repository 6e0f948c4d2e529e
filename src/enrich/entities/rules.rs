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
    let word = |k: usize| &text[toks[k].start..toks[k].end];
    let is_cap = |k: usize| {
        let t = &toks[k];
        t.word && t.covered == NONE && starts_cap(word(k))
    };
    let mut words: Vec<usize> = Vec::new();
    let mut absorbed: Vec<usize> = Vec::new();
    let n = toks.len();
    let mut i = 0;
    while i < n {
        if !is_cap(i) {
            i += 1;
            continue;
        }
        let (start, mut last) = (i, i);
        absorbed.clear();
        while !toks[last].possessive {
            let mut k = last + 1;
            // "Mr. Okonkwo", "Amara N. Okonkwo", "Johnson & Johnson"
            if k < n && !toks[k].word && toks[k].start == toks[last].end {
                let p = &text[toks[k].start..toks[k].end];
                if (p == "." && is_abbrev(word(last))) || p == "&" {
                    k += 1;
                }
            }
            let mut conns = 0;
            while k < n
                && conns < 2
                && toks[k].word
                && toks[k].covered == NONE
                && !toks[k].newline_before
                && (is_connector(word(k)) || word(k) == "and")
            {
                k += 1;
                conns += 1;
            }
            if k >= n || toks[k].newline_before {
                break;
            }
            if is_cap(k) {
                last = k;
                continue;
            }
            // "Bank of Japan", "Ministry of Defence of Ukraine": a known place after
            // "of" belongs to the org name when the run has an "X of" head.
            let m = toks[k].covered;
            if conns > 0
                && word(k - conns) == "of"
                && m != NONE
                && art.mentions[m as usize].kind == EntityKind::Place
                && (start..=last).any(|j| toks[j].word && is_of_head(word(j)))
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
        words.clear();
        words.extend((start..=last).filter(|&k| toks[k].word));
        if classify(lex, text, base, toks, &words, last, art) == Some(EntityKind::Org) {
            for &m in &absorbed {
                art.mentions[m].removed = true;
            }
        }
        i = last + 1;
    }
}

/// Decides what a run is and records it; returns the kind if it was an entity.
fn classify<'a>(
    lex: &'a Lexicon,
    text: &'a str,
    base: usize,
    toks: &[Token],
    run: &[usize],
    last_tok: usize,
    art: &mut ArticleState<'a>,
) -> Option<EntityKind> {
    let word = |k: usize| &text[toks[k].start..toks[k].end];
    // Sentence openers: grammar words, and at a sentence start also adverbs and
    // participles ("Crucially", "Speaking") that the stopword list cannot enumerate.
    let skip = run
        .iter()
        .take_while(|&&k| {
            let w = word(k);
            is_stopword(w)
                || is_connector(w)
                || (toks[k].sent_start && (w.ends_with("ly") || w.ends_with("ing")))
        })
        .count();
    let w = &run[skip..];
    let (&first, &last) = (w.first()?, w.last()?);
    let end = toks[last_tok].end;
    let caps = w.iter().filter(|&&k| !is_connector(word(k))).count();
    let last_word = word(last);
    let whole = &text[toks[first].start..end];
    let mut push = |kind, surface: &'a str, name: &'a str| {
        let canonical = lex.canonical_for(kind, name);
        art.mentions.push(Mention::new(
            base + toks[first].start,
            base + end,
            kind,
            canonical,
            surface,
            name,
            false,
        ));
        Some(kind)
    };
    let org = is_org_head(last_word)
        || w.windows(2)
            .any(|p| is_of_head(word(p[0])) && matches!(word(p[1]), "of" | "for"));
    // "President Amara Okonkwo of the Northern Party": a titled name ends at the first
    // connector; what follows is classified on its own.
    if let Some(c) = w.iter().position(|&k| is_title_cue(word(k))) {
        let stop = w[c + 1..]
            .iter()
            .position(|&k| (is_connector(word(k)) && !is_particle(word(k))) || word(k) == "and")
            .map(|p| c + 1 + p);
        if let Some(stop) = stop.filter(|&stop| valid_name(text, toks, &w[c + 1..stop])) {
            let found = classify(lex, text, base, toks, &w[..stop], w[stop - 1], art);
            let right = classify(lex, text, base, toks, &w[stop..], last_tok, art);
            return right.or(found);
        }
    }
    // "and" may join the words of one name ("Department for Education and Skills"), but
    // "X and the Y", or a left side that is complete by itself, are two names: classify
    // each side on its own.
    let split = w.iter().position(|&k| word(k) == "and").filter(|&a| {
        let left = word(w[a.saturating_sub(1)]);
        w.get(a + 1).is_some_and(|&k| word(k) == "the")
            || is_org_head(left)
            || is_event_head(left)
            || !(org || is_event_head(last_word))
    });
    if let Some(a) = split {
        let (left, right) = (&w[..a], &w[a + 1..]);
        let mut found = None;
        if let Some(&l) = left.last() {
            found = classify(lex, text, base, toks, left, l, art);
        }
        if !right.is_empty() {
            found = classify(lex, text, base, toks, right, last_tok, art).or(found);
        }
        return found;
    }
    // Legislation is named like an org ("Act of Parliament") but is none.
    let law = matches!(word(first), "Act" | "Bill" | "Treaty" | "Convention");
    if caps >= 2 && org && !law {
        return push(EntityKind::Org, whole, whole);
    }
    if caps >= 2 && is_event_head(last_word) {
        return push(EntityKind::Event, whole, whole);
    }
    // "Nigerian President Amara Okonkwo": the name follows the last title word.
    if let Some(c) = w.iter().rposition(|&k| is_title_cue(word(k))) {
        let name = &w[c + 1..];
        if valid_name(text, toks, name) {
            let cue = w[..=c]
                .iter()
                .rev()
                .take_while(|&&k| is_title_cue(word(k)) || is_cue_modifier(word(k)))
                .last()
                .copied()
                .unwrap_or(w[c]);
            let surface = &text[toks[cue].start..end];
            // A lone name after a title of nobility is known by both: "Prince Edward",
            // "Lord Ashcroft". After "Mr" or "President" it is a surname to resolve.
            let noble = name.len() == 1 && is_noble(word(w[c]));
            let name_start = if noble { w[c] } else { name[0] };
            return push(
                EntityKind::Person,
                surface,
                &text[toks[name_start].start..end],
            );
        }
        return None;
    }
    let prev_cue = run[0] > 0 && {
        let p = run[0] - 1;
        toks[p].word && is_lower_cue(word(p))
    };
    let next_said = toks
        .get(last_tok + 1)
        .is_some_and(|t| t.word && is_said(&text[t.start..t.end]));
    if caps >= 2
        && valid_name(text, toks, w)
        && (prev_cue || (next_said && caps <= 3 && !is_place_head(last_word)))
    {
        return push(EntityKind::Person, whole, whole);
    }
    art.leftover.push(Leftover {
        pos: base + toks[first].start,
        text: whole,
    });
    None
}

/// Words a person's name may consist of: capitalised non-grammar words and particles.
fn valid_name(text: &str, toks: &[Token], name: &[usize]) -> bool {
    let mut real = 0;
    for &k in name {
        let w = &text[toks[k].start..toks[k].end];
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
        if w.is_empty() || !(is_title_cue(w) || is_cue_modifier(w)) || (dotted && !is_abbrev(w)) {
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
        }]);
        let es = EntityExtractor::new(&g).extract(
            "",
            "UK Prime Minister Keir Starmer spoke. Starmer later left.",
        );
        let p = find(&es, EntityKind::Person, "Keir Starmer").unwrap();
        assert_eq!(p.mentions, 2);
    }
}
