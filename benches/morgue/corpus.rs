//! A deterministic generator of news-like archives for benchmarks, so anyone can reproduce
//! the figures without our data.
//!
//! Words follow a Zipf distribution over a vocabulary taken from `sample_corpus/` (our own CC0
//! text) plus generated rare words for the long tail; names come from the built-in gazetteer,
//! so entity extraction has real work to do. Articles are 300-900 words, dated over five
//! decades, from a dozen outlets, in every format morgue reads. Wire items (`wire_item`) are
//! the short shape: 80-250 words, in one NDJSON file or as a folder of small files.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io;
use std::path::Path;

/// SplitMix64: small, fast, and the same sequence on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

pub struct Generator {
    rng: Rng,
    vocabulary: Vec<String>,
    /// Cumulative Zipf weights over `vocabulary`.
    cumulative: Vec<f64>,
    persons: Vec<String>,
    places: Vec<String>,
    orgs: Vec<String>,
}

const OUTLETS: [&str; 12] = [
    "Continental Wire",
    "Global Dispatch",
    "The Northern Ledger",
    "Meridian Daily",
    "Harbour City Times",
    "Eastbridge Observer",
    "Riverside Gazette",
    "Capital Courier",
    "Coastal Herald",
    "Valley Chronicle",
    "Metro Standard",
    "Summit Post",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

#[derive(Debug, Default, Clone, Copy)]
pub struct Generated {
    pub files: usize,
    pub articles: usize,
    pub bytes: u64,
}

impl Generator {
    pub fn new(seed: u64, repo: &Path) -> io::Result<Generator> {
        let mut rng = Rng::new(seed);
        let mut counts: HashMap<String, usize> = HashMap::new();
        collect_words(&repo.join("sample_corpus"), &mut counts)?;
        let mut vocabulary: Vec<(String, usize)> = counts.into_iter().collect();
        vocabulary.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut vocabulary: Vec<String> = vocabulary.into_iter().map(|(w, _)| w).collect();
        // The long tail: pronounceable rare words, as real archives are full of them.
        let syllables: [&str; 12] = [
            "ka", "lo", "ren", "ta", "mi", "vor", "sel", "du", "an", "bri", "esk", "ol",
        ];
        for _ in 0..40_000 {
            let mut word = String::new();
            for _ in 0..rng.between(2, 4) {
                word.push_str(syllables[rng.below(syllables.len())]);
            }
            vocabulary.push(word);
        }
        let mut cumulative = Vec::with_capacity(vocabulary.len());
        let mut total = 0.0;
        for rank in 1..=vocabulary.len() {
            total += 1.0 / (rank as f64).powf(1.05);
            cumulative.push(total);
        }
        let gazetteer = |file: &str| -> io::Result<Vec<String>> {
            let text = std::fs::read_to_string(repo.join("data/gazetteer").join(file))?;
            Ok(text
                .lines()
                .filter(|l| !l.starts_with('#'))
                .filter_map(|l| l.split('\t').nth(1))
                .map(str::to_string)
                .collect())
        };
        Ok(Generator {
            rng,
            vocabulary,
            cumulative,
            persons: gazetteer("persons.tsv")?,
            places: gazetteer("places.tsv")?,
            orgs: gazetteer("orgs.tsv")?,
        })
    }

    fn word(&mut self) -> &str {
        let total = *self.cumulative.last().unwrap_or(&1.0);
        let target = (self.rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * total;
        let i = self.cumulative.partition_point(|&c| c < target);
        &self.vocabulary[i.min(self.vocabulary.len() - 1)]
    }

    fn name(&mut self) -> String {
        match self.rng.below(10) {
            0..=3 => self.rng.pick(&self.persons).clone(),
            4..=7 => self.rng.pick(&self.places).clone(),
            _ => self.rng.pick(&self.orgs).clone(),
        }
    }

    fn sentence(&mut self, out: &mut String) {
        let len = self.rng.between(8, 28);
        let name_at = self.rng.chance(0.35).then(|| self.rng.below(len));
        for i in 0..len {
            if i > 0 {
                out.push(' ');
            }
            if Some(i) == name_at {
                let name = self.name();
                out.push_str(&name);
                continue;
            }
            let word = self.word().to_string();
            if i == 0 {
                let mut chars = word.chars();
                if let Some(first) = chars.next() {
                    out.extend(first.to_uppercase());
                    out.push_str(chars.as_str());
                }
            } else {
                out.push_str(&word);
            }
        }
        out.push('.');
    }

    /// One article: (title, date as YYYY-MM-DD, source, author, body).
    pub fn article(&mut self) -> (String, (i32, usize, usize), String, String, String) {
        let mut title = String::new();
        self.sentence(&mut title);
        title.truncate(title.char_indices().nth(80).map_or(title.len(), |(i, _)| i));
        let title = title.trim_end_matches('.').to_string();
        let date = (
            self.rng.between(1975, 2025) as i32,
            self.rng.between(1, 12),
            self.rng.between(1, 28),
        );
        let source = self.rng.pick(&OUTLETS).to_string();
        let author = format!("{} {}", capitalise(self.word()), capitalise(self.word()));
        let words = self.rng.between(300, 900);
        let mut body = String::new();
        let place = self.rng.pick(&self.places).to_uppercase();
        let _ = write!(
            body,
            "{place}, {} {}, {} - ",
            MONTHS[date.1 - 1],
            date.2,
            date.0
        );
        let mut count = 0;
        while count < words {
            let before = body.len();
            self.sentence(&mut body);
            count += body[before..].split_whitespace().count();
            body.push(if self.rng.chance(0.25) { '\n' } else { ' ' });
            if body.ends_with('\n') {
                body.push('\n');
            }
        }
        (title, date, source, author, body.trim_end().to_string())
    }

    /// One short wire item: (title, date, source, body) with a dateline and 80-250 words, the
    /// shape of agency copy (a new user's archive had 19,043 of ~0.9 KB).
    // Other benches include this file (`#[path]`) and use no wire items.
    #[allow(dead_code)]
    pub fn wire_item(&mut self) -> (String, String, String, String) {
        let mut title = String::new();
        self.sentence(&mut title);
        title.truncate(title.char_indices().nth(70).map_or(title.len(), |(i, _)| i));
        let title = title.trim_end_matches('.').to_string();
        let (y, m, d) = (
            self.rng.between(1975, 2025),
            self.rng.between(1, 12),
            self.rng.between(1, 28),
        );
        let source = self.rng.pick(&OUTLETS).to_string();
        let words = self.rng.between(80, 250);
        let place = self.rng.pick(&self.places).to_uppercase();
        let mut body = format!("{place}, {} {d} ({source}) - ", MONTHS[m - 1]);
        let mut count = 0;
        while count < words {
            let before = body.len();
            self.sentence(&mut body);
            count += body[before..].split_whitespace().count();
            body.push(if self.rng.chance(0.3) { '\n' } else { ' ' });
        }
        (
            title,
            format!("{y:04}-{m:02}-{d:02}"),
            source,
            body.trim_end().to_string(),
        )
    }

    /// `articles` wire items in one NDJSON file at `path`; returns its size in bytes.
    // Other benches include this file (`#[path]`) and use no wire items.
    #[allow(dead_code)]
    pub fn write_wire_ndjson(&mut self, path: &Path, articles: usize) -> io::Result<u64> {
        use std::io::Write;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let mut out = io::BufWriter::new(std::fs::File::create(path)?);
        let mut bytes = 0;
        for _ in 0..articles {
            let (title, date, source, body) = self.wire_item();
            let line =
                serde_json::json!({"title": title, "date": date, "source": source, "text": body})
                    .to_string();
            out.write_all(line.as_bytes())?;
            out.write_all(b"\n")?;
            bytes += line.len() as u64 + 1;
        }
        out.flush()?;
        Ok(bytes)
    }

    /// `articles` wire items as a folder of small `.txt` files (header lines, blank line,
    /// body), 1,000 per subfolder, as a wire feed saved to disk item by item.
    // Other benches include this file (`#[path]`) and use no wire items.
    #[allow(dead_code)]
    pub fn write_wire_folder(&mut self, dir: &Path, articles: usize) -> io::Result<u64> {
        let mut bytes = 0;
        for n in 0..articles {
            let (title, date, source, body) = self.wire_item();
            let text = format!("Title: {title}\nDate: {date}\nSource: {source}\n\n{body}\n");
            bytes += write(&dir.join(format!("{:03}/{n}.txt", n / 1000)), &text)?;
        }
        Ok(bytes)
    }

    /// Writes `articles` articles under `dir` in a mix of formats.
    pub fn write_archive(&mut self, dir: &Path, articles: usize) -> io::Result<Generated> {
        let mut stats = Generated::default();
        let mut feed: Vec<String> = Vec::new();
        let mut feed_no = 0;
        for n in 0..articles {
            let (title, (y, m, d), source, author, body) = self.article();
            let date = format!("{y:04}-{m:02}-{d:02}");
            let folder = dir.join(format!("{y:04}/{m:02}"));
            let (name, text) = match self.rng.below(20) {
                0..=10 => (
                    format!("{n}.txt"),
                    format!(
                        "Title: {title}\nDate: {date}\nSource: {source}\nAuthor: {author}\n\n{body}\n"
                    ),
                ),
                11..=13 => (
                    format!("{n}.md"),
                    format!(
                        "---\ntitle: \"{title}\"\ndate: {date}\nsource: {source}\nauthors: [{author}]\n---\n{body}\n"
                    ),
                ),
                14..=15 => (
                    format!("{n}.json"),
                    json_article(&title, &date, &source, &author, &body),
                ),
                16..=17 => {
                    feed.push(json_article(&title, &date, &source, &author, &body));
                    if feed.len() == 50 || n + 1 == articles {
                        feed_no += 1;
                        let path = dir.join(format!("feeds/feed-{feed_no:05}.jsonl"));
                        stats.bytes += write(&path, &(feed.join("\n") + "\n"))?;
                        stats.files += 1;
                        stats.articles += feed.len();
                        feed.clear();
                    }
                    continue;
                }
                _ => (
                    format!("{n}.html"),
                    html_article(&title, &date, &source, &author, &body),
                ),
            };
            stats.bytes += write(&folder.join(name), &text)?;
            stats.files += 1;
            stats.articles += 1;
        }
        if !feed.is_empty() {
            feed_no += 1;
            let path = dir.join(format!("feeds/feed-{feed_no:05}.jsonl"));
            stats.bytes += write(&path, &(feed.join("\n") + "\n"))?;
            stats.files += 1;
            stats.articles += feed.len();
        }
        Ok(stats)
    }
}

fn write(path: &Path, text: &str) -> io::Result<u64> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text)?;
    Ok(text.len() as u64)
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|f| f.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

pub fn json_article(title: &str, date: &str, source: &str, author: &str, body: &str) -> String {
    serde_json::json!({"title": title, "date": date, "source": source, "authors": [author], "text": body})
        .to_string()
}

pub fn html_article(title: &str, date: &str, source: &str, author: &str, body: &str) -> String {
    let paragraphs: String = body
        .split("\n\n")
        .map(|p| format!("<p>{}</p>\n", p.replace('&', "&amp;").replace('<', "&lt;")))
        .collect();
    format!(
        "<!doctype html><html lang=\"en\"><head><title>{title} | {source}</title>\n\
         <meta property=\"og:title\" content=\"{title}\"><meta property=\"og:site_name\" content=\"{source}\">\n\
         <meta property=\"article:published_time\" content=\"{date}T09:00:00Z\"><meta name=\"author\" content=\"{author}\"></head>\n\
         <body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> <a href=\"/sport\">Sport</a></nav>\n\
         <div class=\"ad\">Advertisement</div><article><h1>{title}</h1>\n{paragraphs}</article>\n\
         <footer>Copyright {source}</footer></body></html>\n"
    )
}

fn collect_words(dir: &Path, counts: &mut HashMap<String, usize>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_words(&path, counts)?;
        } else if let Ok(text) = std::fs::read_to_string(&path) {
            for word in text.split(|c: char| !c.is_alphabetic()) {
                if word.len() > 1 && word.chars().all(|c| c.is_lowercase()) {
                    *counts.entry(word.to_string()).or_default() += 1;
                }
            }
        }
    }
    Ok(())
}

/// Total size in bytes of the files under `dir`.
pub fn folder_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| {
                    let path = e.path();
                    if path.is_dir() {
                        folder_bytes(&path)
                    } else {
                        e.metadata().map(|m| m.len()).unwrap_or(0)
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}
