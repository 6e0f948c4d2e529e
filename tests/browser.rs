//! The page of `morgue serve` in a real browser: Debian's `chromium`, driven over WebDriver
//! (`chromedriver`) by fantoccini. One session walks through what a reader does: search, keep
//! a facet value, leave one out, drag across the date histogram, open an article and step
//! through its matches, go back, and do it again from the keyboard. Expected counts come from
//! `morgue search --json` over the same index, never written into the test.
//!
//! Without chromium and chromedriver the test fails, saying what to install; set
//! `MORGUE_SKIP_BROWSER=1` to skip it on purpose. Screenshots of each state are written to
//! `$MORGUE_SCREENSHOTS` (default: `page-shots` in the temp folder).

mod common;

use common::server::Server;
use common::{Scratch, facet, sample_corpus, total};
use fantoccini::actions::{
    InputSource, KeyAction, KeyActions, MOUSE_BUTTON_LEFT, MouseActions, PointerAction,
};
use fantoccini::{Client, ClientBuilder, Locator, elements::Element};
use serde_json::{Value, json};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const WAIT: Duration = Duration::from_secs(15);

/// A child process in its own process group, killed with its children (chromedriver starts
/// chromium) when the test ends, also when it fails.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        // SAFETY: kill(2) with a process group id we created; no memory is involved.
        unsafe { libc::kill(-(self.0.id() as i32), libc::SIGKILL) };
        let _ = self.0.wait();
    }
}

fn spawn(command: &mut Command) -> Running {
    let program = format!("{:?}", command.get_program());
    let child = command
        .process_group(0)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {program}: {e}"));
    Running(child)
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port on 127.0.0.1")
        .port()
}

/// Waits until something listens on the port, failing early if the process died.
fn wait_for_port(port: u16, process: &mut Running, what: &str) {
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Ok(Some(status)) = process.0.try_wait() {
            panic!("{what} exited before listening on port {port}: {status}");
        }
        assert!(
            start.elapsed() < WAIT,
            "{what} did not listen on port {port} within {WAIT:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// chromium and chromedriver, from the environment or Debian's paths; else which is missing.
fn browser() -> Result<(PathBuf, PathBuf), String> {
    let find = |var: &str, default: &str| {
        let path = std::env::var_os(var).map_or_else(|| PathBuf::from(default), PathBuf::from);
        if path.is_file() {
            Ok(path)
        } else {
            Err(format!("no {} (${var})", path.display()))
        }
    };
    Ok((
        find("MORGUE_CHROMIUM", CHROMIUM)?,
        find("MORGUE_CHROMEDRIVER", CHROMEDRIVER)?,
    ))
}

#[test]
fn the_page_in_a_browser() {
    let (chromium, chromedriver) = match browser() {
        Ok(found) => found,
        Err(_) if std::env::var("MORGUE_SKIP_BROWSER").is_ok_and(|v| v == "1") => {
            eprintln!("browser test skipped: MORGUE_SKIP_BROWSER=1");
            return;
        }
        Err(missing) => panic!(
            "the browser test needs chromium and chromedriver: {missing}. On Debian: apt-get \
             install chromium chromium-driver (or point MORGUE_CHROMIUM and MORGUE_CHROMEDRIVER \
             at them). Set MORGUE_SKIP_BROWSER=1 to skip this test on purpose."
        ),
    };
    let scratch = Scratch::new();
    scratch.index_paths(&[sample_corpus()]);

    let server = Server::start(&scratch.index_dir(), &[]);
    let driver_port = free_port();
    let mut driver = spawn(Command::new(&chromedriver).arg(format!("--port={driver_port}")));
    wait_for_port(driver_port, &mut driver, "chromedriver");

    let shots = std::env::var_os("MORGUE_SCREENSHOTS")
        .map_or_else(|| std::env::temp_dir().join("page-shots"), PathBuf::from);
    std::fs::create_dir_all(&shots).expect("screenshot folder");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let page = Page::open(&chromium, driver_port, &server.addr, shots).await;
        walk_through(&page, &scratch).await;
        page.client.close().await.expect("browser session closes");
    });
}

/// A browser session on the page, with the small steps the walk-through is made of.
struct Page {
    client: Client,
    base: String,
    shots: PathBuf,
}

impl Page {
    async fn open(chromium: &Path, driver_port: u16, addr: &str, shots: PathBuf) -> Page {
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": chromium,
                "args": ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                         "--window-size=1280,900", "--lang=en-GB"],
            }),
        );
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{driver_port}"))
            .await
            .expect("a chromium session from chromedriver");
        Page {
            client,
            base: format!("http://{addr}"),
            shots,
        }
    }

    /// Runs a JavaScript expression in the page and returns its value.
    async fn js(&self, expression: &str) -> Value {
        self.client
            .execute(&format!("return ({expression});"), vec![])
            .await
            .unwrap_or_else(|e| panic!("script `{expression}` failed: {e}"))
    }

    /// Polls a JavaScript expression until it is truthy; fails naming what was awaited.
    async fn wait(&self, what: &str, expression: &str) -> Value {
        let start = Instant::now();
        loop {
            let value = self.js(expression).await;
            let ready = match &value {
                Value::Null | Value::Bool(false) => false,
                Value::String(s) => !s.is_empty(),
                Value::Number(n) => n.as_f64() != Some(0.0),
                _ => true,
            };
            if ready {
                return value;
            }
            if start.elapsed() > WAIT {
                let count = self.text("#count").await;
                panic!(
                    "waited {WAIT:?} for {what} (`{expression}` is {value}); count line: {count:?}"
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn find(&self, css: &str) -> Element {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element `{css}`: {e}"))
    }

    async fn text(&self, css: &str) -> String {
        let found = self
            .js(&format!(
                "document.querySelector({css:?})?.textContent ?? ''"
            ))
            .await;
        found.as_str().unwrap_or_default().to_string()
    }

    async fn query_string(&self) -> String {
        self.js("location.search")
            .await
            .as_str()
            .unwrap()
            .to_string()
    }

    /// One URL parameter of the page's address.
    async fn param(&self, name: &str) -> Option<String> {
        let value = self
            .js(&format!(
                "new URLSearchParams(location.search).get({name:?})"
            ))
            .await;
        value.as_str().map(str::to_string)
    }

    /// Waits until the live count line says this many articles match.
    async fn wait_for_total(&self, what: &str, expected: u64) {
        let phrase = if expected == 1 {
            "1 article matches".to_string()
        } else {
            format!("{expected} articles match")
        };
        let expression =
            format!("document.getElementById('count').textContent.startsWith({phrase:?})");
        self.wait(&format!("{what}: \"{phrase}\""), &expression)
            .await;
    }

    async fn press(&self, key: char) {
        let keys = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key });
        self.client.perform_actions(keys).await.expect("key press");
    }

    async fn screenshot(&self, name: &str) {
        let png = self.client.screenshot().await.expect("screenshot");
        std::fs::write(self.shots.join(format!("{name}.png")), png).expect("screenshot written");
    }
}

const ENTER: char = '\u{E007}';
const ESCAPE: char = '\u{E00C}';

async fn walk_through(page: &Page, scratch: &Scratch) {
    let query = "minister";
    let cli = |extra: &[&str]| {
        let mut args = vec![query, "--limit", "0", "--facet", "person", "--facet", "org"];
        args.extend_from_slice(extra);
        scratch.search(&args)
    };

    // A search: results with highlighted snippets, the count in the live region.
    page.client.goto(&format!("{}/", page.base)).await.unwrap();
    let search_box = page.find("form[role=search] input#q").await;
    let label = page.text("label[for=q]").await;
    assert!(!label.is_empty(), "the search box has a label");
    search_box
        .send_keys(&format!("{query}{ENTER}"))
        .await
        .unwrap();
    let everything = cli(&[]);
    page.wait_for_total("the first search", total(&everything))
        .await;
    page.wait(
        "highlighted snippets",
        "document.querySelectorAll('#results .hit mark').length",
    )
    .await;
    assert_eq!(page.param("q").await.as_deref(), Some(query));
    assert_eq!(
        page.js("document.getElementById('count').getAttribute('aria-live')")
            .await,
        "polite"
    );
    page.screenshot("01-search").await;

    // Keep one person: the count becomes the CLI's count with --person, the URL says so.
    let (person, _) = facet(&everything, "person")[0].clone();
    let checkbox =
        format!("fieldset[data-facet=person] li[data-value=\"{person}\"] input[type=checkbox]");
    page.find(&checkbox).await.click().await.unwrap();
    let with_person = cli(&["--person", &person]);
    page.wait_for_total("after keeping a person", total(&with_person))
        .await;
    assert_eq!(page.param("person").await.as_deref(), Some(person.as_str()));
    assert_eq!(
        page.js(&format!("document.querySelector({checkbox:?}).checked"))
            .await,
        true
    );
    page.screenshot("02-facet-person").await;

    // Leave out an organisation found in some but not all of those: its count goes.
    let kept = total(&with_person);
    let (org, org_count) = facet(&with_person, "org")
        .into_iter()
        .find(|(_, n)| *n < kept)
        .expect("an organisation in some of the results");
    let row = format!("fieldset[data-facet=org] li[data-value=\"{org}\"]");
    page.find(&format!("{row} button.exclude"))
        .await
        .click()
        .await
        .unwrap();
    let after_exclusion = kept - org_count;
    page.wait_for_total("after leaving out an organisation", after_exclusion)
        .await;
    assert_eq!(page.param("not_org").await.as_deref(), Some(org.as_str()));
    page.wait(
        "the left-out row marked",
        &format!(
            "document.querySelector({:?})?.classList.contains('excluded')",
            row
        ),
    )
    .await;
    page.screenshot("03-exclude-org").await;

    // The export links carry the current search: its query and filters, and a format each;
    // they name how many articles they hold (those with every word, as `morgue export`).
    for format in ["ndjson", "csv"] {
        let link = format!("document.getElementById('export-{format}')");
        let href = page.js(&format!("{link}.getAttribute('href')")).await;
        assert!(href.as_str().unwrap().starts_with("/api/export?"), "{href}");
        let params = page
            .js(&format!("[...new URL({link}.href).searchParams]"))
            .await;
        assert_eq!(
            params,
            json!([
                ["q", query],
                ["person", person],
                ["not_org", org],
                ["format", format]
            ]),
            "the {format} export link"
        );
    }
    assert_eq!(
        page.js("document.getElementById('export').hidden").await,
        false
    );
    let exported = cli(&["--person", &person, "--not-org", &org])["full_matches"]
        .as_u64()
        .unwrap();
    let articles = if exported == 1 { "article" } else { "articles" };
    assert_eq!(
        page.text("#export-count").await,
        format!("{exported} {articles}")
    );
    let before_drag = page.query_string().await;

    // Drag across the later half of the histogram: the dates narrow to the range.
    let bars = page
        .client
        .find_all(Locator::Css("#histogram .bar"))
        .await
        .unwrap();
    assert!(bars.len() >= 3, "the histogram has bars: {}", bars.len());
    let (first, last) = (bars.len() / 2, bars.len() - 1);
    let first_key = bars[first].attr("data-key").await.unwrap().unwrap();
    let last_key = bars[last].attr("data-key").await.unwrap().unwrap();
    let drag = MouseActions::new("mouse".into())
        .then(PointerAction::MoveToElement {
            element: bars[first].clone(),
            duration: None,
            x: 0.0,
            y: 0.0,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        })
        .then(PointerAction::MoveToElement {
            element: bars[(first + last) / 2].clone(),
            duration: Some(Duration::from_millis(100)),
            x: 0.0,
            y: 0.0,
        })
        .then(PointerAction::MoveToElement {
            element: bars[last].clone(),
            duration: Some(Duration::from_millis(100)),
            x: 0.0,
            y: 0.0,
        })
        .then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        });
    page.client.perform_actions(drag).await.unwrap();
    page.wait(
        "the dragged range in the URL",
        "new URLSearchParams(location.search).has('to')",
    )
    .await;
    assert_eq!(page.param("from").await, Some(first_key.clone()));
    assert_eq!(page.param("to").await, Some(last_key.clone()));
    page.wait(
        "results of the narrower range",
        "!document.getElementById('count').textContent.startsWith('Searching')",
    )
    .await;
    let dates = page
        .js("[...document.querySelectorAll('#results .hit .date')].map(d => d.textContent)")
        .await;
    let dates: Vec<&str> = dates
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect();
    assert!(!dates.is_empty(), "the range keeps some results");
    for date in &dates {
        let bucket = &date[..first_key.len().min(date.len())];
        assert!(
            bucket >= first_key.as_str() && bucket <= last_key.as_str(),
            "{date} is outside {first_key}..{last_key}"
        );
    }
    assert!(
        page.js("document.getElementById('date-from').value")
            .await
            .as_str()
            .unwrap()
            .starts_with(&first_key)
    );
    page.screenshot("04-histogram-drag").await;

    // Open the result with the most matches in its snippets: the article marks at least as
    // many, the first is current, Next moves on.
    let (first_id, in_snippets) = {
        let best = page
            .js("[...document.querySelectorAll('#results .hit')].map(h => [h.dataset.id, h.querySelectorAll('.snippet mark').length]).sort((a, b) => b[1] - a[1])[0]")
            .await;
        (best[0].clone(), best[1].as_u64().unwrap() as usize)
    };
    assert!(
        in_snippets >= 2,
        "a result with several matches in its snippets"
    );
    let title = format!("#results .hit[data-id={first_id}] a.title");
    page.find(&title).await.click().await.unwrap();
    let position = page
        .wait(
            "the article's matches",
            "document.getElementById('match-pos').textContent.match(/^Match 1 of (\\d+)/)?.[1]",
        )
        .await;
    let matches: usize = position.as_str().unwrap().parse().unwrap();
    assert_eq!(
        page.param("article").await.as_ref(),
        first_id.as_str().map(str::to_string).as_ref()
    );
    assert_eq!(
        page.js("document.querySelectorAll('#reader-text mark').length")
            .await,
        json!(matches)
    );
    assert!(
        matches >= in_snippets,
        "the article marks {matches} matches of {query:?}, its snippets {in_snippets}"
    );
    page.wait(
        "entities marked in the text",
        "document.querySelectorAll('#reader-text .entity').length",
    )
    .await;
    page.screenshot("05-article").await;
    page.find("#match-next").await.click().await.unwrap();
    page.wait(
        "the second match current",
        &format!("document.getElementById('match-pos').textContent === 'Match 2 of {matches}'"),
    )
    .await;
    assert_eq!(page.js("[...document.querySelectorAll('#reader-text mark')].indexOf(document.querySelector('#reader-text mark.current'))").await, json!(1));
    page.screenshot("06-next-match").await;

    // Back closes the article; back again restores the state before the drag.
    page.client.back().await.unwrap();
    page.wait(
        "the article closed by Back",
        "document.getElementById('reader').hidden",
    )
    .await;
    assert_eq!(page.param("article").await, None);
    page.client.back().await.unwrap();
    page.wait(
        "the state before the drag",
        &format!("location.search === {before_drag:?}"),
    )
    .await;
    page.wait_for_total("the restored state", after_exclusion)
        .await;
    assert_eq!(
        page.js("document.getElementById('date-from').value").await,
        ""
    );
    page.screenshot("07-back").await;

    // Keyboard: / goes to the search box, Esc leaves it, j/k move, Enter opens, Esc closes.
    page.press('/').await;
    assert_eq!(page.js("document.activeElement.id").await, "q");
    page.press(ESCAPE).await;
    assert_ne!(page.js("document.activeElement.id").await, "q");
    page.press('j').await;
    page.press('j').await;
    page.press('k').await;
    let selected = page.js("[...document.querySelectorAll('#results .hit')].findIndex(h => h.classList.contains('selected'))").await;
    assert_eq!(selected, json!(0), "j, j, k selects the first result");
    page.press('j').await;
    let second_id = page
        .js("document.querySelector('#results .hit.selected').dataset.id")
        .await;
    page.screenshot("08-keyboard-selection").await;
    page.press(ENTER).await;
    page.wait(
        "the selected article opened by Enter",
        &format!("new URLSearchParams(location.search).get('article') === {second_id}"),
    )
    .await;
    page.wait(
        "its text",
        "document.querySelectorAll('#reader-text p').length",
    )
    .await;
    page.press('n').await;
    page.press(ESCAPE).await;
    page.wait(
        "the article closed by Esc",
        "document.getElementById('reader').hidden",
    )
    .await;
    page.press('?').await;
    page.wait(
        "the keyboard help",
        "!document.getElementById('help').hidden",
    )
    .await;
    page.screenshot("09-keyboard-help").await;
    page.press(ESCAPE).await;
    page.wait("the help closed", "document.getElementById('help').hidden")
        .await;

    // A click on the fullest bar keeps its period: as many results as the bar counted.
    let bar = page
        .js("[...document.querySelectorAll('#histogram .bar')].map(b => [b.dataset.key, Number(b.getAttribute('aria-label').match(/: (\\d+) article/)[1])]).sort((a, b) => b[1] - a[1])[0]")
        .await;
    let (key, count) = (bar[0].as_str().unwrap(), bar[1].as_u64().unwrap());
    page.find(&format!("#histogram .bar[data-key=\"{key}\"]"))
        .await
        .click()
        .await
        .unwrap();
    page.wait_for_total("after a click on a bar", count).await;
    assert_eq!(page.param("from").await.as_deref(), Some(key));
    assert_eq!(page.param("to").await.as_deref(), Some(key));

    // An entity chip keeps the articles mentioning it too.
    let chip = page
        .js("(c => [c.dataset.kind, c.dataset.value])([...document.querySelectorAll('#results .hit .chip')].find(c => !new URLSearchParams(location.search).getAll(c.dataset.kind).includes(c.dataset.value)))")
        .await;
    let (kind, name) = (chip[0].as_str().unwrap(), chip[1].as_str().unwrap());
    page.find(&format!("#results .hit .chip[data-value=\"{name}\"]"))
        .await
        .click()
        .await
        .unwrap();
    page.wait(
        "the chip's entity kept",
        &format!("new URLSearchParams(location.search).getAll({kind:?}).includes({name:?})"),
    )
    .await;
    page.screenshot("10-bar-and-chip").await;

    // Attention over time: one line per query; the counts add up to each query's dated matches.
    let queries = ["minister", "election"];
    page.find("#tab-trends").await.click().await.unwrap();
    page.find("#trend-queries")
        .await
        .send_keys(&queries.join("\n"))
        .await
        .unwrap();
    page.find("#trends-form button[type=submit]")
        .await
        .click()
        .await
        .unwrap();
    page.wait(
        "two lines",
        "document.querySelectorAll('#trends-chart polyline').length === 2",
    )
    .await;
    let sums = page.js("[...document.querySelectorAll('#trends-table thead th')].slice(1).map((_, k) => [...document.querySelectorAll('#trends-table tbody tr')].reduce((sum, row) => sum + Number(row.children[k + 1].textContent), 0))").await;
    for (k, query) in queries.iter().enumerate() {
        let years = scratch.search(&[query, "--match", "all", "--limit", "0", "--facet", "year"]);
        let dated: u64 = facet(&years, "year").iter().map(|(_, n)| n).sum();
        assert_eq!(
            sums[k],
            json!(dated),
            "articles per period of {query:?} add up to its dated matches"
        );
    }
    page.screenshot("11-attention-over-time").await;
    page.find("#trend-share").await.click().await.unwrap();
    page.find("#trends-form button[type=submit]")
        .await
        .click()
        .await
        .unwrap();
    page.wait("shares", "new URLSearchParams(location.search).get('share') === '1' && document.querySelector('#trends-table tbody td')?.textContent.endsWith('%')").await;

    // Mentioned together: the first person listed with the most mentioned one is the one the
    // CLI's person facet over that person's articles puts first.
    let (someone, _) = facet(&everything, "person")[0].clone();
    page.find("#tab-related").await.click().await.unwrap();
    page.find("#related-name")
        .await
        .send_keys(&someone)
        .await
        .unwrap();
    page.find("#related-form button[type=submit]")
        .await
        .click()
        .await
        .unwrap();
    page.wait(
        "people mentioned together",
        "document.querySelectorAll('#related-list .kind-person li').length",
    )
    .await;
    let cli_people = scratch.search(&["--person", &someone, "--limit", "0", "--facet", "person"]);
    let top = facet(&cli_people, "person")
        .into_iter()
        .filter(|(name, _)| *name != someone)
        .map(|(_, n)| n)
        .max()
        .unwrap();
    let first = page.text("#related-list .kind-person li .n").await;
    assert_eq!(
        first,
        top.to_string(),
        "the top count of people mentioned with {someone}"
    );
    page.screenshot("12-mentioned-together").await;

    let blocked = page.js("window.morgueBlocked").await;
    assert_eq!(
        blocked,
        json!([]),
        "the Content-Security-Policy blocked nothing"
    );
}
