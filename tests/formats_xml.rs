//! End to end over XML news formats written here: RSS 2.0, RSS 1.0 (RDF), Atom, NITF with
//! inline entity markup, NewsML-G2 items and messages, and XML that is none of these.

mod common;

use common::{Scratch, assert_counts_add_up, problem_for, total};
use serde_json::Value;

/// The one hit of a search, which must find exactly one article.
fn only_hit(s: &Scratch, args: &[&str]) -> Value {
    let r = s.search(args);
    assert_eq!(total(&r), 1, "{args:?}: {r:#}");
    r["hits"][0].clone()
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap_or_else(|| panic!("not an array: {v}"))
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect()
}

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Harbour City Times</title>
  <link>https://harbour.example/</link>
  <language>en-gb</language>
  <item>
    <title>Night ferry sailings cut for winter</title>
    <link>https://harbour.example/ferry-cuts</link>
    <pubDate>Mon, 24 Feb 2025 23:30:00 -0500</pubDate>
    <author>desk@harbour.example (Rosa Quayle)</author>
    <category>Transport</category>
    <category>Harbour</category>
    <description>Short summary that the full text replaces.</description>
    <content:encoded><![CDATA[<p>The last <b>night ferry</b> to Lindholm will sail on Friday.</p>
      <p>Operators blamed falling passenger numbers &amp; fuel costs.</p>]]></content:encoded>
  </item>
  <item>
    <title>Lighthouse repainted</title>
    <link>https://harbour.example/lighthouse</link>
    <pubDate>Tue, 25 Feb 2025 08:00:00 +0000</pubDate>
    <author>Tom Ashby &lt;tom@harbour.example&gt;</author>
    <description>&lt;p&gt;Volunteers finished repainting the breakwater lighthouse in red and white stripes.&lt;/p&gt;</description>
  </item>
  <item><link>https://harbour.example/empty</link></item>
</channel>
</rss>
"#;

#[test]
fn rss_items_are_articles_with_their_fields() {
    let s = Scratch::with_files(&[("feeds/harbour.rss", RSS)]);
    let summary = s.index();
    assert_counts_add_up(&summary);
    assert_eq!(summary["indexed_new"], 1, "{summary:#}");
    // The third item has neither title nor text: a bad record, numbered like NDJSON's.
    assert_eq!(summary["bad_records"], 1, "{summary:#}");
    let bad = problem_for(&summary, "harbour.rss");
    assert_eq!(
        (bad["kind"].as_str(), bad["record"].as_u64()),
        (Some("bad-record"), Some(3))
    );

    let ferry = only_hit(&s, &["fuel costs"]);
    assert_eq!(ferry["title"], "Night ferry sailings cut for winter");
    assert_eq!(ferry["url"], "https://harbour.example/ferry-cuts");
    assert_eq!(ferry["format"], "feed");
    assert_eq!(ferry["record"], 1);
    // The day as the feed states it, not converted to UTC (which would be the 25th).
    assert_eq!(ferry["date"], "2025-02-24");
    assert_eq!(ferry["date_source"], "metadata");
    assert_eq!(strings(&ferry["authors"]), ["Rosa Quayle"]);
    assert_eq!(strings(&ferry["tags"]), ["Transport", "Harbour"]);
    assert_eq!(ferry["source"], "Harbour City Times");
    assert_eq!(ferry["language"], "en");
    // content:encoded wins over the description.
    assert_eq!(total(&s.search(&["summary replaces"])), 0);

    let lighthouse = only_hit(&s, &["breakwater"]);
    assert_eq!(lighthouse["record"], 2);
    assert_eq!(strings(&lighthouse["authors"]), ["Tom Ashby"]);
    assert_eq!(lighthouse["date"], "2025-02-25");
    assert_eq!(total(&s.search(&["author:\"Rosa Quayle\""])), 1);
}

#[test]
fn rdf_and_atom_feeds() {
    let rdf = r#"<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://ledger.example/"><title>The Northern Ledger</title></channel>
  <item rdf:about="https://ledger.example/mill">
    <title>Old mill sold to cooperative</title>
    <link>https://ledger.example/mill</link>
    <description>The cooperative plans a bakery and a small museum in the old mill.</description>
    <dc:date>2024-11-05T09:15:00+01:00</dc:date>
    <dc:creator>Ann Poe</dc:creator>
    <dc:subject>Business</dc:subject>
  </item>
</rdf:RDF>"#;
    let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Meridian Daily</title>
  <author><name>Meridian Desk</name></author>
  <entry>
    <title>Tram line reaches the stadium</title>
    <link rel="alternate" href="https://meridian.example/tram"/>
    <published>2023-08-20T18:00:00+02:00</published>
    <updated>2023-08-21T07:00:00+02:00</updated>
    <category term="City"/>
    <summary>Short.</summary>
    <content type="html">&lt;p&gt;The new tram line carried its first riders to the stadium.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Market hall reopens</title>
    <updated>2023-09-02T10:00:00Z</updated>
    <author><name>Lea Brun</name></author>
    <summary>The market hall reopened after a year of repairs to its roof.</summary>
  </entry>
</feed>"#;
    let s = Scratch::with_files(&[("ledger.xml", rdf), ("meridian.atom", atom)]);
    let summary = s.index();
    assert_eq!(summary["indexed_new"], 2, "{summary:#}");

    let mill = only_hit(&s, &["bakery"]);
    assert_eq!(mill["format"], "xml");
    assert_eq!(mill["source"], "The Northern Ledger");
    assert_eq!(mill["date"], "2024-11-05");
    assert_eq!(strings(&mill["authors"]), ["Ann Poe"]);
    assert_eq!(strings(&mill["tags"]), ["Business"]);
    assert_eq!(mill["url"], "https://ledger.example/mill");

    let tram = only_hit(&s, &["riders"]);
    assert_eq!(tram["format"], "feed");
    // Published, not updated.
    assert_eq!(tram["date"], "2023-08-20");
    assert_eq!(strings(&tram["authors"]), ["Meridian Desk"]);
    assert_eq!(tram["source"], "Meridian Daily");
    assert_eq!(strings(&tram["tags"]), ["City"]);
    let hall = only_hit(&s, &["roof"]);
    assert_eq!(hall["date"], "2023-09-02");
    assert_eq!(strings(&hall["authors"]), ["Lea Brun"]);
    assert_eq!(hall["record"], 2);
}

const NITF: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE nitf SYSTEM "http://www.nitf.org/IPTC/NITF/3.6/specification/dtd/nitf-3-6.dtd">
<nitf version="-//IPTC//DTD NITF 3.6//EN" xml:lang="en">
  <head>
    <title>Ferry union talks</title>
    <tobject tobject.type="news">
      <tobject.subject tobject.subject.type="Economy" tobject.subject.matter="Labour"/>
    </tobject>
    <docdata>
      <doc-id id-string="CW-2025-0301-17"/>
      <date.issue norm="20250301T081500+0000"/>
      <key-list><keyword key="ferries"/></key-list>
      <identified-content><event>Lindholm Harbour Festival</event></identified-content>
    </docdata>
  </head>
  <body>
    <body.head>
      <hedline><hl1>Ferry crews and operators agree to talks</hl1></hedline>
      <byline>By <person>Mara Ellis</person>, <byttl>Continental Wire</byttl></byline>
      <distributor>Continental Wire</distributor>
      <dateline><location>LINDHOLM</location>, March 1</dateline>
    </body.head>
    <body.content>
      <p>Union leader <person>Tilly Brandvold</person> said crews would meet the
      <org>Lindholm Ferry Company</org> on Monday&nbsp;&mdash; the first talks since the strike.</p>
      <p><person>Brandvold</person> said the <location>Lindholm</location> route mattered most,
      and that <person>Putin</person>'s name had no place in a ferry dispute.</p>
    </body.content>
  </body>
</nitf>
"#;

#[test]
fn nitf_fields_and_markup_entities() {
    let s = Scratch::with_files(&[("wire/ferry-talks.xml", NITF)]);
    let summary = s.index();
    assert_eq!(summary["indexed_new"], 1, "{summary:#}");
    let hit = only_hit(&s, &["--person", "Tilly Brandvold"]);
    assert_eq!(hit["title"], "Ferry crews and operators agree to talks");
    assert_eq!(hit["date"], "2025-03-01");
    assert_eq!(hit["source"], "Continental Wire");
    assert_eq!(strings(&hit["authors"]), ["Mara Ellis"]);
    assert_eq!(strings(&hit["tags"]), ["Labour", "ferries"]);
    assert!(hit["record"].is_null());
    let entities = &hit["entities"];
    let people = strings(&entities["person"]);
    // Each once, under its canonical name: "Brandvold" is the full name's surname, "Putin"
    // the gazetteer's Vladimir Putin; the reporter of the byline is an author, not an entity.
    assert_eq!(
        people.iter().filter(|p| p.contains("Brandvold")).count(),
        1,
        "{people:?}"
    );
    assert!(people.contains(&"Vladimir Putin"), "{people:?}");
    assert!(!people.contains(&"Putin"), "{people:?}");
    assert!(!people.contains(&"Mara Ellis"), "{people:?}");
    assert!(strings(&entities["org"]).contains(&"Lindholm Ferry Company"));
    // The dateline's capitals become a name, merged with the marked "Lindholm" in the text.
    assert_eq!(
        strings(&entities["place"])
            .iter()
            .filter(|p| p.eq_ignore_ascii_case("lindholm"))
            .collect::<Vec<_>>(),
        [&"Lindholm"]
    );
    // Marked only in identified-content, absent from the text: still an entity.
    assert_eq!(
        total(&s.search(&["--event", "Lindholm Harbour Festival"])),
        1
    );
    let markup = &hit["markup_entities"];
    assert!(
        strings(&markup["person"]).contains(&"Tilly Brandvold"),
        "{markup}"
    );
    assert!(strings(&markup["event"]).contains(&"Lindholm Harbour Festival"));
    // The dateline opens the body, so search finds it and dates can use it.
    assert_eq!(
        total(&s.search(&["LINDHOLM", "--person", "Vladimir Putin"])),
        1
    );

    // Marked names follow a changed alias file without the file being read again.
    let aliases = s.dir.path().join("aliases.tsv");
    std::fs::write(
        &aliases,
        "person\tOttilie Brandvold\tTilly Brandvold|Brandvold\n",
    )
    .unwrap();
    let refreshed = s.index_with(&["--gazetteer", aliases.to_str().unwrap()]);
    assert_eq!(refreshed["entities_refreshed"], 1, "{refreshed:#}");
    let hit = only_hit(&s, &["--person", "Ottilie Brandvold"]);
    assert!(strings(&hit["markup_entities"]["person"]).contains(&"Ottilie Brandvold"));
    assert_eq!(
        total(&s.search(&["--event", "Lindholm Harbour Festival"])),
        1
    );
}

const G2_ITEM: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:cw.example:20250408:flood"
  version="1" standard="NewsML-G2" standardversion="2.33" xml:lang="en">
  <itemMeta>
    <itemClass qcode="ninat:text"/>
    <provider literal="Continental Wire"/>
    <versionCreated>2025-04-08T11:00:00-04:00</versionCreated>
    <firstCreated>2025-04-08T06:00:00-04:00</firstCreated>
  </itemMeta>
  <contentMeta>
    <headline>Flood barrier closed at Millbrook weir</headline>
    <by>By Mara Ellis and Li Wei</by>
    <dateline>MILLBROOK, April 8</dateline>
    <subject type="cpnat:abstract" qcode="medtop:20000137"><name>flooding</name></subject>
    <subject type="cpnat:organisation"><name>Alder Valley Water Authority</name></subject>
    <keyword>weir</keyword>
  </contentMeta>
  <contentSet>
    <inlineXML contenttype="application/nitf+xml">
      <nitf><body><body.content>
        <p>Engineers closed the flood barrier at the weir before dawn.</p>
        <p>The <org>Alder Valley Water Authority</org> said levels would peak by noon.</p>
      </body.content></body></nitf>
    </inlineXML>
  </contentSet>
</newsItem>
"#;

const G2_MESSAGE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/">
  <header><sent>2025-04-09T07:00:00Z</sent></header>
  <itemSet>
    <newsItem guid="urn:a" standard="NewsML-G2" standardversion="2.33">
      <itemMeta><versionCreated>2025-04-09T06:00:00Z</versionCreated></itemMeta>
      <contentMeta><headline>Bridge Street reopens</headline><creditline>Riverside Gazette</creditline></contentMeta>
      <contentSet><inlineXML contenttype="application/xhtml+xml">
        <html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head>
        <body><p>Bridge Street reopened to traffic after the water receded overnight.</p></body></html>
      </inlineXML></contentSet>
    </newsItem>
    <packageItem guid="urn:pkg" standard="NewsML-G2" standardversion="2.33"/>
    <newsItem guid="urn:b" standard="NewsML-G2" standardversion="2.33">
      <itemMeta><versionCreated>2025-04-09T06:30:00Z</versionCreated></itemMeta>
      <contentMeta><headline>Sandbag depot closes</headline></contentMeta>
      <contentSet><inlineData contenttype="text/plain">The sandbag depot at the community hall closed at noon.</inlineData></contentSet>
    </newsItem>
  </itemSet>
</newsMessage>
"#;

#[test]
fn newsml_items_and_messages() {
    let s = Scratch::with_files(&[("g2/flood.xml", G2_ITEM), ("g2/message.xml", G2_MESSAGE)]);
    let summary = s.index();
    assert_eq!(summary["indexed_new"], 2, "{summary:#}");
    assert_eq!(summary["articles_in_index"], 3, "{summary:#}");

    let item = only_hit(&s, &["barrier"]);
    assert_eq!(item["title"], "Flood barrier closed at Millbrook weir");
    assert_eq!(item["date"], "2025-04-08");
    assert_eq!(strings(&item["authors"]), ["Mara Ellis", "Li Wei"]);
    assert_eq!(item["source"], "Continental Wire");
    assert_eq!(strings(&item["tags"]), ["flooding", "weir"]);
    assert!(item["record"].is_null());
    assert_eq!(
        strings(&item["markup_entities"]["org"]),
        ["Alder Valley Water Authority"]
    );
    assert_eq!(
        total(&s.search(&["--org", "Alder Valley Water Authority"])),
        1
    );

    let first = only_hit(&s, &["receded"]);
    assert_eq!(
        (first["record"].as_u64(), first["source"].as_str()),
        (Some(1), Some("Riverside Gazette"))
    );
    let second = only_hit(&s, &["depot"]);
    assert_eq!(second["record"], 2);
    assert_eq!(second["date"], "2025-04-09");
}

#[test]
fn other_and_broken_xml_is_skipped_with_its_reason() {
    let s = Scratch::with_files(&[
        (
            "misc/sitemap.xml",
            "<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>\
             <url><loc>https://x.example/</loc></url></urlset>",
        ),
        (
            "misc/broken.rss",
            "<rss><channel><title>T</title><item><title>A</item></channel></rss>",
        ),
        ("misc/truncated.xml", "<nitf><body><body.content><p>Cut off"),
        (
            "misc/bomb.xml",
            "<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;\">]><rss><channel><item><title>&c;</title></item></channel></rss>",
        ),
        (
            "misc/package.xml",
            "<packageItem xmlns='http://iptc.org/std/nar/2006-10-01/'><groupSet/></packageItem>",
        ),
        ("misc/binary.xml", "\u{0}\u{1}\u{2}PK"),
    ]);
    let summary = s.index();
    assert_counts_add_up(&summary);
    let reason = |name: &str| {
        let p = problem_for(&summary, name);
        (
            p["reason"].as_str().unwrap().to_string(),
            p["detail"].as_str().unwrap().to_string(),
        )
    };
    assert_eq!(
        reason("sitemap.xml"),
        (
            "wrong-shape".into(),
            "XML but not a feed, NITF or NewsML-G2 document: root element <urlset>".into()
        )
    );
    let (why, detail) = reason("broken.rss");
    assert_eq!(why, "malformed");
    assert!(detail.starts_with("line 1, column "), "{detail}");
    assert_eq!(
        reason("truncated.xml"),
        ("malformed".into(), "the document ends inside <p>".into())
    );
    assert_eq!(reason("package.xml").0, "wrong-shape");
    assert_eq!(reason("binary.xml").0, "binary");
    // Entities declared in a DTD are never expanded: the title stays "&c;".
    assert_eq!(summary["indexed_new"], 1, "{summary:#}");
    let bomb = only_hit(&s, &[""]);
    assert_eq!(bomb["title"], "&c;");
}
