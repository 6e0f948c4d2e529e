//! The language of an article whose file did not declare one.
//!
//! whatlang judges any language from letter trigrams, but it was the biggest cost of indexing
//! with entities off (a sixth of all CPU time on English news). Most archives are mostly
//! English, and English prose gives itself away by its function words, so a cheap count of
//! those settles it first; anything else goes to whatlang.

/// Detects the language of the body (titles are too short to judge: "Putin meets Xi" reads as
/// Turkish). Only a confident guess is kept.
pub fn detect(body: &str) -> Option<String> {
    // Detection cost grows with the sample (it was a quarter of indexing time at 4,000
    // characters). A short paragraph settles most articles; only when it leaves the detector
    // unsure is a longer sample tried.
    //
    // Counting function words costs a fraction of whatlang, so both samples are counted
    // before whatlang sees either: English whose opening is a dateline, a list of names or a
    // table is settled by the longer count instead of by whatlang (which ran on most short
    // wire items that way: 6% of indexing time with entities off).
    let samples = [300, 1_200].map(|chars| &body[..first_chars(body, chars)]);
    let distinct = if samples[0].len() == samples[1].len() {
        &samples[..1]
    } else {
        &samples[..]
    };
    if distinct.iter().any(|sample| reads_as_english(sample)) {
        return Some("en".to_string());
    }
    distinct.iter().find_map(|sample| {
        whatlang::detect(sample)
            .filter(|info| info.is_reliable())
            .map(|info| two_letter_code(info.lang().code()).to_string())
    })
}

/// The byte length of the first `n` characters of `text` (all of it when shorter), counted
/// over bytes: every byte that does not continue a character starts one.
fn first_chars(text: &str, n: usize) -> usize {
    let mut starts = 0;
    for (at, &b) in text.as_bytes().iter().enumerate() {
        if !is_continuation(b) {
            if starts == n {
                return at;
            }
            starts += 1;
        }
    }
    text.len()
}

fn is_continuation(byte: u8) -> bool {
    byte & 0xc0 == 0x80
}

/// ISO 639-3 codes (what the detector gives) to the ISO 639-1 codes that HTML `lang` attributes
/// and most metadata use, so one language has one code in facets. Unlisted codes pass through.
fn two_letter_code(code: &str) -> &str {
    const CODES: [(&str, &str); 27] = [
        ("nob", "no"),
        ("tam", "ta"),
        ("arb", "ar"),
        ("eng", "en"),
        ("fra", "fr"),
        ("deu", "de"),
        ("spa", "es"),
        ("ita", "it"),
        ("por", "pt"),
        ("rus", "ru"),
        ("ukr", "uk"),
        ("cmn", "zh"),
        ("jpn", "ja"),
        ("ara", "ar"),
        ("hin", "hi"),
        ("nld", "nl"),
        ("pol", "pl"),
        ("tur", "tr"),
        ("swe", "sv"),
        ("kor", "ko"),
        ("ell", "el"),
        ("heb", "he"),
        ("dan", "da"),
        ("fin", "fi"),
        ("ces", "cs"),
        ("ron", "ro"),
        ("hun", "hu"),
    ];
    CODES
        .iter()
        .find(|(three, _)| *three == code)
        .map_or(code, |(_, two)| two)
}

/// Words that make up a large share of English prose. A few are words in other languages too
/// ("in", "a", "is", "at", "for", "was", "will"), but no other language's prose comes near a
/// quarter of its words from this list (German stuffed with "in", "was" and "will" reaches
/// 14 %, French or Spanish about 5 %), while the opening 300 characters of 93 % of BBC news
/// stories reach it (median 33 %).
const ENGLISH_FUNCTION_WORDS: [&str; 40] = [
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has",
    "have", "he", "her", "his", "in", "is", "it", "its", "not", "of", "on", "said", "she", "that",
    "the", "their", "they", "this", "to", "was", "were", "which", "who", "will", "with", "would",
];

/// Whether `sample` is plainly English: at least 20 words, a quarter of them from
/// [`ENGLISH_FUNCTION_WORDS`]. Words are runs of alphabetic characters; ASCII ones are read
/// as bytes, without decoding characters (this ran on every article).
fn reads_as_english(sample: &str) -> bool {
    let mut words = 0usize;
    let mut function_words = 0usize;
    let bytes = sample.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let start = at;
        while at < bytes.len() {
            let b = bytes[at];
            if b.is_ascii_alphabetic() {
                at += 1;
            } else if b.is_ascii() {
                break;
            } else {
                let c = sample[at..].chars().next().unwrap_or(' ');
                if !c.is_alphabetic() {
                    break;
                }
                at += c.len_utf8();
            }
        }
        if at == start {
            // A character that is not a letter ends no word: step over it.
            at += sample[at..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        words += 1;
        if is_function_word(&bytes[start..at]) {
            function_words += 1;
        }
    }
    words >= 20 && function_words * 4 >= words
}

/// Whether `word` is one of [`ENGLISH_FUNCTION_WORDS`], in any case: the word lowercased
/// into one number, looked up among the list's.
fn is_function_word(word: &[u8]) -> bool {
    word.len() <= LONGEST_FUNCTION_WORD && FUNCTION_WORD_KEYS.contains(&word_key(word))
}

const LONGEST_FUNCTION_WORD: usize = 5;

/// A word of up to 8 ASCII bytes, lowercased, as one number.
const fn word_key(word: &[u8]) -> u64 {
    let mut key = 0u64;
    let mut i = 0;
    while i < word.len() && i < 8 {
        key |= (word[i].to_ascii_lowercase() as u64) << (8 * i);
        i += 1;
    }
    key
}

const FUNCTION_WORD_KEYS: [u64; ENGLISH_FUNCTION_WORDS.len()] = {
    let mut keys = [0u64; ENGLISH_FUNCTION_WORDS.len()];
    let mut i = 0;
    while i < keys.len() {
        assert!(ENGLISH_FUNCTION_WORDS[i].len() <= LONGEST_FUNCTION_WORD);
        keys[i] = word_key(ENGLISH_FUNCTION_WORDS[i].as_bytes());
        i += 1;
    }
    keys
};

#[cfg(test)]
mod tests {
    use super::detect as detect_language;
    use super::{ENGLISH_FUNCTION_WORDS, is_function_word, reads_as_english};

    /// The count as it was, splitting on characters: the byte loop must agree with it.
    fn reads_as_english_by_chars(sample: &str) -> bool {
        let mut words = 0usize;
        let mut function_words = 0usize;
        for word in sample
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
        {
            words += 1;
            if ENGLISH_FUNCTION_WORDS
                .iter()
                .any(|f| f.eq_ignore_ascii_case(word))
            {
                function_words += 1;
            }
        }
        words >= 20 && function_words * 4 >= words
    }

    #[test]
    fn samples_end_after_as_many_characters_as_asked() {
        for text in ["", "abc", "naïve été", "日本語のテキスト", "e\u{301}x"] {
            for n in 0..12 {
                let expected = text.char_indices().nth(n).map_or(text.len(), |(at, _)| at);
                assert_eq!(super::first_chars(text, n), expected, "{text:?} {n}");
            }
        }
    }

    #[test]
    fn the_byte_count_agrees_with_a_count_by_characters() {
        assert!(is_function_word(b"The") && is_function_word(b"WOULD"));
        assert!(!is_function_word(b"thee") && !is_function_word(b"whiches"));
        let pieces = [
            "the ",
            "The ",
            "and ",
            "said, ",
            "Minister ",
            "naïve ",
            "été ",
            "in ",
            "2019 ",
            "U.S. ",
            "WAS ",
            "Straße ",
            "für ",
            "—",
            "日本 ",
            "e\u{301} ",
            "of-the ",
            "a",
        ];
        let mut state = 7u64;
        for _ in 0..2_000 {
            let mut text = String::new();
            for _ in 0..(state % 60) {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(pieces[(state >> 33) as usize % pieces.len()]);
            }
            assert_eq!(
                reads_as_english(&text),
                reads_as_english_by_chars(&text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn language_comes_from_the_body_and_a_longer_sample_when_the_start_is_unclear() {
        let german = "Die Regierung hat am Montag in Berlin neue Gespräche über den Haushalt \
                      angekündigt, nachdem die Verhandlungen in der vergangenen Woche gescheitert \
                      waren. Die Opposition kritisierte den Plan scharf. ";
        assert_eq!(detect_language(german).as_deref(), Some("de"));
        // A table of figures first: nothing to judge in the first 300 characters.
        let figures =
            "2025-02-24 | 12:00 | 4,5 | 17,3 | 99 | 2025-02-25 | 13:00 | 5,1 | 18,0 | 98 | "
                .repeat(9);
        assert!(figures.chars().count() > 600);
        assert_eq!(detect_language(&figures), None);
        let body = format!("{figures}{}", german.repeat(3));
        assert_eq!(detect_language(&body).as_deref(), Some("de"));
        assert_eq!(detect_language(""), None);
    }

    #[test]
    fn english_is_recognised_by_its_function_words_and_other_languages_are_not() {
        let english = "The minister said on Tuesday that the government had agreed to a new \
                       budget, which the opposition described as a betrayal of their voters. \
                       He has been under pressure from his own party since the spring.";
        assert!(reads_as_english(english));
        assert_eq!(detect_language(english).as_deref(), Some("en"));
        for (text, code) in [
            (
                "Le ministre a annoncé mardi que le gouvernement avait accepté un nouveau budget, que l'opposition a qualifié de trahison envers ses électeurs. Il est sous pression de son propre parti depuis le printemps, et la situation ne s'améliore pas à Paris.",
                "fr",
            ),
            (
                "Die Regierung hat am Montag in Berlin neue Gespräche über den Haushalt angekündigt, nachdem die Verhandlungen in der vergangenen Woche gescheitert waren. Was die Opposition will, ist eine Neuwahl im Herbst, sagte ein Sprecher in Bonn.",
                "de",
            ),
            (
                "De minister zei dinsdag dat de regering akkoord is gegaan met een nieuwe begroting, die de oppositie een verraad aan haar kiezers noemde. Hij staat sinds het voorjaar onder druk van zijn eigen partij, en dat is in Den Haag geen geheim.",
                "nl",
            ),
            (
                "El ministro dijo el martes que el gobierno había aceptado un nuevo presupuesto, que la oposición calificó de traición a sus votantes. Ha estado bajo presión de su propio partido desde la primavera, y a nadie en Madrid le sorprende.",
                "es",
            ),
            (
                "Il ministro ha detto martedì che il governo ha accettato un nuovo bilancio, che l'opposizione ha definito un tradimento dei suoi elettori. È sotto pressione dal suo stesso partito dalla primavera, e a Roma nessuno se ne stupisce in questi giorni.",
                "it",
            ),
            (
                "O ministro disse na terça-feira que o governo aceitou um novo orçamento, que a oposição classificou como uma traição aos seus eleitores. Ele está sob pressão do seu próprio partido desde a primavera, e em Lisboa a crise não é segredo.",
                "pt",
            ),
            (
                "Ministeren sa på tirsdag at regjeringen hadde gått med på et nytt budsjett, som opposisjonen kalte et svik mot velgerne. Han har vært under press fra sitt eget parti siden våren, og det er ikke over for ham i Oslo.",
                "no",
            ),
            (
                "Ministern sade på tisdagen att regeringen hade gått med på en ny budget, som oppositionen kallade ett svek mot väljarna. Han har varit under press från sitt eget parti sedan i våras, och det är inte över för honom i Stockholm.",
                "sv",
            ),
            (
                "Ministeren sagde tirsdag, at regeringen havde accepteret et nyt budget, som oppositionen kaldte et svigt af vælgerne. Han har været under pres fra sit eget parti siden foråret, og det er ikke slut for ham i København.",
                "da",
            ),
            (
                "Ministrul a declarat marți că guvernul a acceptat un nou buget, pe care opoziția l-a numit o trădare a alegătorilor. El este sub presiune din partea propriului partid din primăvară, iar la București criza nu este un secret.",
                "ro",
            ),
        ] {
            assert!(!reads_as_english(text), "{code} read as English");
            assert_ne!(detect_language(text).as_deref(), Some("en"), "{code}");
        }
        // Too short to tell by counting: left to the detector.
        assert!(!reads_as_english("The end of the affair."));
    }
}
