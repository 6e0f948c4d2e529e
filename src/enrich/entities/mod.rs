//! Named-entity extraction: gazetteer matches plus capitalisation rules or the trained tagger,
//! resolved to one canonical name per real-world thing within an article.
//!
//! Three passes over the title and the body, each in its own file:
//!
//! 1. **Gazetteer** (`lexicon`): every alias of the [`Gazetteer`] in one automaton, with case
//!    and word-boundary rules that keep "china" the porcelain and "us" the pronoun out.
//! 2. **Names the gazetteer does not know**, from the trained tagger's spans (`spans`,
//!    `tagged`) when there is a tagger, else from capitalisation and cue-word rules (`rules`,
//!    over `tokens`, reading the grammar lists in `words`); then nationality words as places
//!    (`demonyms`).
//! 3. **In-article resolution** (`resolve`): acronyms the article defines, org summits, one
//!    kind per name, surnames of people the article names in full.
//! 4. **Fragments out** (`fragments`): lone given names, titles, currencies, legal forms and
//!    halves of names go or become the full name; generic heads ("the Bank") become the one
//!    org the article names with that head, or go.
//!
//! Every pass records `Mention`s in one `ArticleState` (`mentions`), which folds them into one
//! [`Entity`] per canonical name at the end.

use crate::article::{Entity, EntityKind};
use crate::enrich::gazetteer::Gazetteer;
use crate::enrich::ner::Tagger;

mod demonyms;
mod fragments;
mod lexicon;
mod mentions;
mod resolve;
mod rules;
mod spans;
mod tagged;
mod tokens;
mod words;

pub use spans::TaggedSpans;

use lexicon::Lexicon;
use mentions::{ArticleState, aggregate};
use tokens::tokenize;

/// Bump when the extraction rules change what comes out of the same text, so the next index
/// run re-extracts every file (the ingest fingerprint includes it).
pub const EXTRACTION_VERSION: u32 = 8;

/// The built-in data the rules read besides the gazetteer (the demonym table), for the
/// ingest fingerprint.
pub fn rules_data() -> &'static str {
    demonyms::BUILTIN
}

/// What finds the names the gazetteer does not know, in one segment.
enum SecondPass<'s> {
    Off,
    /// Capitalisation and cue-word rules (no model).
    Rules,
    /// Spans from the trained tagger.
    Tagged(&'s [spans::TaggedSpan]),
}

/// Compiled once from a [`Gazetteer`]; `extract` takes `&self` and allocates only per article.
pub struct EntityExtractor {
    lexicon: Lexicon,
    /// The trained tagger for pass 2; `None` uses the rules instead.
    tagger: Option<&'static Tagger>,
    /// Nationality words that add their place ("Russian" -> Russia).
    demonyms: demonyms::Demonyms,
}

impl EntityExtractor {
    pub fn new(gazetteer: &Gazetteer) -> EntityExtractor {
        let lexicon = Lexicon::new(gazetteer);
        let demonyms = demonyms::Demonyms::builtin(&lexicon);
        EntityExtractor {
            lexicon,
            tagger: None,
            demonyms,
        }
    }

    /// Uses the trained tagger instead of the capitalisation rules for names the gazetteer
    /// does not know.
    pub fn with_tagger(mut self, tagger: &'static Tagger) -> EntityExtractor {
        self.tagger = Some(tagger);
        self
    }

    /// All entities of one article, title and body both counted, sorted by kind, then by
    /// mentions (most first), then by name.
    pub fn extract(&self, title: &str, body: &str) -> Vec<Entity> {
        self.extract_tagged(title, body).0
    }

    /// Like [`Self::extract`], and also returns the tagger's spans (when there is a tagger),
    /// for [`Self::extract_with_spans`] to reuse.
    pub fn extract_tagged(&self, title: &str, body: &str) -> (Vec<Entity>, Option<TaggedSpans>) {
        let tagged = self.tagger.map(|t| spans::tag(t, title, body));
        let entities = self.extract_from(title, body, tagged.as_ref());
        (entities, tagged)
    }

    /// The entities of an article whose tagger spans are already known: gazetteer, rules and
    /// resolution run again (they follow the alias lists), the tagger does not.
    pub fn extract_with_spans(&self, title: &str, body: &str, spans: &TaggedSpans) -> Vec<Entity> {
        self.extract_from(title, body, Some(spans))
    }

    fn extract_from(&self, title: &str, body: &str, tagged: Option<&TaggedSpans>) -> Vec<Entity> {
        let mut art = ArticleState::default();
        let (title_pass, body_pass) = match tagged {
            Some(spans) => (
                SecondPass::Tagged(&spans.title),
                SecondPass::Tagged(&spans.body),
            ),
            None => (SecondPass::Rules, SecondPass::Rules),
        };
        // Headlines In Title Case defeat both rules and tagger: gazetteer matches only.
        let title_pass = if looks_title_case(title) {
            SecondPass::Off
        } else {
            title_pass
        };
        self.scan_segment(title, 0, title_pass, &mut art);
        self.scan_segment(body, title.len() + 1, body_pass, &mut art);
        resolve::resolve(&self.lexicon, &mut art);
        fragments::apply(&mut art);
        aggregate(art.mentions)
    }

    /// Passes 1 and 2 over one segment; `base` makes positions unique across segments.
    fn scan_segment<'a>(
        &'a self,
        text: &'a str,
        base: usize,
        second: SecondPass<'_>,
        art: &mut ArticleState<'a>,
    ) {
        let lex = &self.lexicon;
        let mut tokens = tokenize(text);
        let first = art.mentions.len();
        lex.matches(text, 0..text.len(), None, base, &mut art.mentions);
        // Mark the tokens each gazetteer hit covers, so rules only see what is left.
        let mut m = first;
        for tok in tokens.iter_mut() {
            let pos = base + tok.start;
            while m < art.mentions.len() && art.mentions[m].end <= pos {
                m += 1;
            }
            if m < art.mentions.len() && art.mentions[m].pos <= pos {
                tok.covered = m as u32;
            }
        }
        let mut inside_names = Vec::new();
        match second {
            SecondPass::Off => {}
            SecondPass::Rules => rules::apply(lex, text, base, &tokens, art),
            SecondPass::Tagged(spans) => {
                tagged::apply(lex, text, base, spans, art);
                inside_names = tagged::multiword_misc(text, spans);
            }
        }
        self.demonyms
            .apply(lex, text, base, &tokens, &inside_names, art);
        // "the SCO summit", "summit of the Shanghai Cooperation Organisation"
        let orgs: Vec<usize> = (first..art.mentions.len())
            .filter(|&i| art.mentions[i].kind == EntityKind::Org && !art.mentions[i].removed)
            .collect();
        for i in orgs {
            resolve::summit_and_acronym(lex, text, base, i, art);
        }
    }
}

/// Headlines In Title Case capitalise every word, which would feed the rules garbage; such
/// titles get gazetteer matching only.
fn looks_title_case(title: &str) -> bool {
    let (mut long, mut caps) = (0, 0);
    for w in title.split_whitespace() {
        if w.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
            long += 1;
            caps += usize::from(w.starts_with(char::is_uppercase));
        }
    }
    long >= 3 && caps * 4 >= long * 3
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    pub(super) fn builtin() -> &'static EntityExtractor {
        static EX: OnceLock<EntityExtractor> = OnceLock::new();
        EX.get_or_init(|| EntityExtractor::new(&Gazetteer::builtin()))
    }

    pub(super) fn find<'e>(es: &'e [Entity], kind: EntityKind, name: &str) -> Option<&'e Entity> {
        es.iter().find(|e| e.kind == kind && e.canonical == name)
    }

    pub(super) fn names(es: &[Entity], kind: EntityKind) -> Vec<&str> {
        es.iter()
            .filter(|e| e.kind == kind)
            .map(|e| e.canonical.as_str())
            .collect()
    }

    #[test]
    fn extractor_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<EntityExtractor>();
    }

    #[test]
    fn user_entries_change_extraction() {
        let user = "place\tGreat Britain\tBritain\nperson\tAmara Okonkwo\tOkonkwo|Dr O\n";
        let entries = Gazetteer::parse_tsv(user, "user.tsv").unwrap();
        let ex = EntityExtractor::new(&Gazetteer::builtin().with_entries(entries));
        let es = ex.extract("", "Britain and the UK differ. Okonkwo spoke.");
        assert_eq!(
            names(&es, EntityKind::Place),
            ["Great Britain", "United Kingdom"]
        );
        assert_eq!(names(&es, EntityKind::Person), ["Amara Okonkwo"]);
    }

    #[test]
    fn title_case_headlines_get_gazetteer_matches_only() {
        let es = builtin().extract("Putin Hails Grand Harvest Games In Moscow", "");
        assert_eq!(names(&es, EntityKind::Person), ["Vladimir Putin"]);
        assert_eq!(names(&es, EntityKind::Place), ["Moscow"]);
        assert!(names(&es, EntityKind::Event).is_empty());
    }

    /// A paragraph written for this test in the style of a wire story about a leaders' call.
    #[test]
    fn wire_story_paragraph() {
        let title = "Xi and Putin discuss Ukraine in video call";
        let body = "Underlining that Beijing and Moscow remain close partners, President Xi \
            Jinping told his Russian counterpart Vladimir Putin on Tuesday that ties were \
            strong, Xinhua reported.\n\nNotably, it was the first call since Washington’s \
            overture to the Kremlin and Trump's peace push for Ukraine. The Ministry of \
            Foreign Affairs of Russia said both looked ahead to the 80th anniversary of \
            Victory in the Great Patriotic War, to the Shanghai Cooperation Organisation \
            (SCO) summit, and to events marking the end of World War II and of WWII-era \
            rationing. According to the statement, Putin briefed Xi on Russia-US contacts \
            with the United States, and China backed them. In Japan, officials watched.";
        let es = builtin().extract(title, body);
        let got = |k| names(&es, k);
        assert_eq!(
            got(EntityKind::Person),
            ["Vladimir Putin", "Xi Jinping", "Donald Trump"]
        );
        assert_eq!(
            got(EntityKind::Org),
            [
                "Kremlin",
                "Russian Foreign Ministry",
                "Shanghai Cooperation Organisation",
                "Xinhua"
            ]
        );
        for p in [
            "China",
            "Russia",
            "Ukraine",
            "Moscow",
            "Beijing",
            "Washington",
            "Japan",
        ] {
            assert!(got(EntityKind::Place).contains(&p), "{p}");
        }
        assert_eq!(
            find(&es, EntityKind::Place, "United States")
                .unwrap()
                .mentions,
            2
        );
        assert_eq!(
            got(EntityKind::Event),
            ["World War II", "Great Patriotic War", "SCO summit"]
        );
        for junk in ["Underlining", "Notably", "According", "The", "In"] {
            assert!(es.iter().all(|e| e.canonical != junk), "{junk}");
        }
        // Sorted by kind, then mentions (most first), then name.
        let keys: Vec<_> = es
            .iter()
            .map(|e| (e.kind, std::cmp::Reverse(e.mentions)))
            .collect();
        assert!(keys.is_sorted(), "{keys:?}");
    }
}
