//! The headline, not "Headline | Site": `og:title`, JSON-LD `headline`, the page's `<h1>`,
//! then `<title>`, with the site's name cut from either end, and the `<h1>` as the arbiter
//! when the page's own title tags only add the site to it.

use crate::formats::collapse_ws;

/// Separators sites put between the headline and their name.
const SEPARATORS: [&str; 7] = [" | ", " - ", " – ", " — ", " :: ", " · ", " « "];

pub(super) struct TitleSources<'a> {
    pub og_title: Option<&'a str>,
    pub ld_headline: Option<&'a str>,
    pub h1: Option<&'a str>,
    pub title_tag: Option<&'a str>,
    /// og:site_name, JSON-LD publisher, or the host of the page's URL.
    pub sites: Vec<String>,
}

/// The page's headline: when a title tag, once its site name is cut, *is* the `<h1>` (or
/// starts with it and a separator), the `<h1>` wins; otherwise the first of og:title,
/// JSON-LD headline, `<h1>`, `<title>`, each with its site name cut.
pub(super) fn headline(s: &TitleSources) -> String {
    let cut = |t: &str| cut_site(&collapse_ws(t), &s.sites);
    let tagged: Vec<String> = [s.og_title, s.ld_headline, s.title_tag]
        .into_iter()
        .flatten()
        .map(cut)
        .filter(|t| !t.is_empty())
        .collect();
    if let Some(h1) = s.h1.map(collapse_ws).filter(|h| !h.is_empty()) {
        let h = h1.to_lowercase();
        let agrees = |t: &String| {
            let t = t.to_lowercase();
            t == h
                || SEPARATORS
                    .iter()
                    .any(|sep| t.starts_with(&format!("{h}{}", sep.trim_end())))
        };
        if tagged.iter().any(agrees) {
            return h1;
        }
    }
    [s.og_title, s.ld_headline]
        .into_iter()
        .flatten()
        .map(cut)
        .chain(s.h1.map(collapse_ws))
        .chain(s.title_tag.map(cut))
        .find(|t| !t.is_empty())
        .unwrap_or_default()
}

/// "Story | The Daily" → "Story" and "The Daily - Story" → "Story" when "The Daily" is one of
/// `sites` (compared loosely: "daily.test" matches "The Daily Test"). A title is never cut to
/// nothing, and a " | " tail of one to four words that looks like a name ("BBC News") is cut
/// even when the site is not named elsewhere: pipes almost always separate a site's name.
pub(super) fn cut_site(title: &str, sites: &[String]) -> String {
    let is_site = |part: &str| {
        let p = squash(part);
        p.len() >= 2
            && sites.iter().map(|s| squash(s)).any(|s| {
                s.len() >= 2 && ((p.contains(&s) && p.len() <= s.len() + 12) || s.contains(&p))
            })
    };
    let mut t = title.trim().to_string();
    for sep in SEPARATORS {
        if let Some((head, tail)) = t.rsplit_once(sep)
            && !head.trim().is_empty()
            && (is_site(tail) || (sep == " | " && looks_like_name(tail)))
        {
            t = head.trim().to_string();
        }
        if let Some((head, tail)) = t.split_once(sep)
            && !tail.trim().is_empty()
            && is_site(head)
        {
            t = tail.trim().to_string();
        }
    }
    t
}

/// Lowercase letters and digits only, with a leading "www" and a TLD-like last part dropped,
/// so "www.daily-test.com", "Daily Test" and "The Daily Test" compare.
fn squash(s: &str) -> String {
    let s = s.trim().to_lowercase();
    let s = s.strip_prefix("www.").unwrap_or(&s);
    let s = match s.rsplit_once('.') {
        Some((host, tld)) if !host.is_empty() && tld.len() <= 4 && !tld.contains(' ') => host,
        _ => s,
    };
    let s = s.strip_prefix("the ").unwrap_or(s);
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// One to four words, each starting with a capital or a digit: "BBC News", "The Daily".
fn looks_like_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_numeric())
        })
}

/// The host of a URL without "www.": "https://www.daily.test/x" → "daily.test".
pub(super) fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sites(s: &[&str]) -> Vec<String> {
        s.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn site_names_cut_from_either_end() {
        let bbc = sites(&["BBC News"]);
        assert_eq!(cut_site("A - B | BBC News", &bbc), "A - B");
        assert_eq!(cut_site("A — The Daily", &sites(&["the daily"])), "A");
        assert_eq!(
            cut_site("Daily Test - Story here", &sites(&["www.daily.test"])),
            "Story here"
        );
        assert_eq!(cut_site("A - B", &[]), "A - B");
        assert_eq!(
            cut_site("Storm hits coast | Local News", &[]),
            "Storm hits coast"
        );
        // A pipe tail that reads like prose is not a name.
        assert_eq!(
            cut_site("Votes | what the count says", &[]),
            "Votes | what the count says"
        );
        assert_eq!(cut_site("BBC News", &bbc), "BBC News");
    }

    #[test]
    fn h1_arbitrates() {
        let mut s = TitleSources {
            og_title: Some("Talks resume in Geneva | Daily Wire Service"),
            ld_headline: None,
            h1: Some("Talks resume in Geneva"),
            title_tag: Some("Talks resume in Geneva - Breaking world news - DWS"),
            sites: vec![],
        };
        assert_eq!(headline(&s), "Talks resume in Geneva");
        // An h1 that is the site's logo does not win over the page's title.
        s.h1 = Some("Daily Wire Service");
        s.og_title = Some("Talks resume in Geneva, officials say");
        assert_eq!(headline(&s), "Talks resume in Geneva, officials say");
        s.og_title = None;
        s.ld_headline = None;
        assert_eq!(headline(&s), "Daily Wire Service");
        assert_eq!(
            host_of("https://www.daily.test/a/b?c"),
            Some("daily.test".into())
        );
    }
}
