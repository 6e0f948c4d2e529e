//! `morgue show` for people: an article's stored fields, its entities with where each
//! mention stands and which pass found it, then the body, wrapped to the terminal.

use super::Output;
use super::terminal::{DIM, HEADING, TITLE, display_path, escape_control};
use crate::show::{Shown, ShownArticle};
use std::io::{self, Write};

/// Field labels stand in this column; values start after it.
const LABEL_WIDTH: usize = 14;

pub fn shown(out: &mut Output, shown: &Shown) -> io::Result<()> {
    for (i, article) in shown.articles.iter().enumerate() {
        if i > 0 {
            writeln!(out, "\n{DIM}{}{DIM:#}\n", "─".repeat(40))?;
        }
        write_article(out, article)?;
    }
    out.flush()
}

fn write_article(out: &mut Output, shown: &ShownArticle) -> io::Result<()> {
    let a = &shown.article;
    let title = fit(
        out,
        format!("{TITLE}{}{TITLE:#}", escape_control(&a.title)),
        0,
    );
    writeln!(out, "{title}")?;
    let mut date = match &a.date {
        Some(date) => format!("{date} (from {})", a.date_source),
        None => "undated".to_string(),
    };
    if let Some(raw) = &a.date_raw {
        date.push_str(&format!(", read from \"{}\"", escape_control(raw)));
    }
    let record = a.record.map(|r| r as usize);
    let rows: Vec<(&str, Option<String>)> = vec![
        ("id", Some(escape_control(&a.id))),
        ("file", Some(display_path(&a.path, record))),
        ("format", Some(a.format.clone())),
        ("date", Some(date)),
        ("published", a.published.clone()),
        ("title from", Some(a.title_source.clone())),
        ("source", a.source.as_deref().map(escape_control)),
        ("authors", joined(&a.authors)),
        ("url", a.url.as_deref().map(escape_control)),
        ("language", a.language.clone()),
        ("tags", joined(&a.tags)),
    ];
    for (label, value) in rows {
        if let Some(value) = value {
            field_line(out, label, &value)?;
        }
    }
    write_entities(out, shown)?;
    writeln!(out, "\n{HEADING}body{HEADING:#}")?;
    for paragraph in shown.body.split("\n\n").filter(|p| !p.trim().is_empty()) {
        let text = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
        writeln!(out, "  {}", fit(out, escape_control(&text), 2))?;
        writeln!(out)?;
    }
    Ok(())
}

/// Each entity on its own line under its kind, then where each mention stands.
fn write_entities(out: &mut Output, shown: &ShownArticle) -> io::Result<()> {
    let a = &shown.article;
    if a.entities.is_empty() && shown.mentions_note.is_none() {
        return Ok(());
    }
    writeln!(
        out,
        "\n{HEADING}entities{HEADING:#} {DIM}(mentions: field, byte offsets, what found them){DIM:#}"
    )?;
    for (kind, names) in &a.entities {
        for name in names {
            let places: Vec<String> = shown
                .mentions
                .iter()
                .filter(|m| m.kind == *kind && &m.canonical == name)
                .map(|m| {
                    format!(
                        "{} {}-{} \"{}\" {}",
                        m.field,
                        m.start,
                        m.end,
                        escape_control(&m.text),
                        m.found_by.label()
                    )
                })
                .collect();
            field_line(out, kind.field_name(), &escape_control(name))?;
            if !places.is_empty() {
                let line = format!("{DIM}{}{DIM:#}", places.join(" · "));
                let indent = 2 + LABEL_WIDTH + 2;
                writeln!(out, "{:indent$}{}", "", fit(out, line, indent))?;
            }
        }
    }
    if let Some(note) = &shown.mentions_note {
        let indent = 2;
        writeln!(out, "  {}", fit(out, format!("{DIM}{note}{DIM:#}"), indent))?;
    }
    Ok(())
}

/// "  label         value", the value wrapped under itself.
fn field_line(out: &mut Output, label: &str, value: &str) -> io::Result<()> {
    let indent = 2 + LABEL_WIDTH;
    let value = fit(out, value.to_string(), indent);
    writeln!(out, "  {DIM}{label:<LABEL_WIDTH$}{DIM:#}{value}")
}

fn joined(values: &[String]) -> Option<String> {
    (!values.is_empty()).then(|| escape_control(&values.join("; ")))
}

fn fit(out: &Output, text: String, indent: usize) -> String {
    match out.width {
        Some(width) => super::wrap::wrap(&text, width, indent),
        None => text,
    }
}
