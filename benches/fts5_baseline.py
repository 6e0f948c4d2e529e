#!/usr/bin/env python3
"""SQLite FTS5 baseline for morgue's benchmark (driven by benches/morgue.rs).

  fts5_baseline.py index DIR DB            -> {"secs", "bytes", "articles"}
  fts5_baseline.py query DB QUERIES N      -> {"p50_ms", "p95_ms", "snippet_p50_ms", ...}

Indexing reads the same files morgue reads and does the least parsing that gives it the same
title and body text (header lines, front matter, JSON fields, tags stripped from HTML), into
an FTS5 table with the porter/unicode61 tokenizer, in one transaction.
"""
import json
import os
import re
import sqlite3
import sys
import time

TAG = re.compile(r"<[^>]+>")


def articles(path):
    ext = os.path.splitext(path)[1].lower()
    with open(path, "rb") as f:
        text = f.read().decode("utf-8", "replace")
    if ext in (".jsonl", ".ndjson"):
        for line in text.splitlines():
            try:
                a = json.loads(line)
                yield a.get("title", ""), a.get("text", "")
            except ValueError:
                pass
    elif ext == ".json":
        try:
            a = json.loads(text)
            yield a.get("title", ""), a.get("text", "")
        except ValueError:
            pass
    elif ext == ".md":
        parts = text.split("---", 2)
        body = parts[2] if len(parts) == 3 else text
        title = re.search(r'^title: "?(.*?)"?$', text, re.M)
        yield (title.group(1) if title else ""), body
    elif ext in (".html", ".htm"):
        title = re.search(r"<title>(.*?)</title>", text, re.S)
        article = re.search(r"<article>(.*?)</article>", text, re.S)
        yield (title.group(1) if title else ""), TAG.sub(" ", article.group(1) if article else text)
    elif ext == ".txt":
        head, _, body = text.partition("\n\n")
        title = re.search(r"^Title: (.*)$", head, re.M)
        yield (title.group(1) if title else head.split("\n")[0]), body


def index(folder, db):
    if os.path.exists(db):
        os.remove(db)
    start = time.perf_counter()
    con = sqlite3.connect(db)
    con.execute("CREATE VIRTUAL TABLE a USING fts5(title, body, tokenize='porter unicode61')")
    total, count = 0, 0
    with con:
        for root, dirs, files in os.walk(folder):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                path = os.path.join(root, name)
                total += os.path.getsize(path)
                rows = list(articles(path))
                con.executemany("INSERT INTO a(title, body) VALUES (?, ?)", rows)
                count += len(rows)
    con.close()
    print(json.dumps({"secs": time.perf_counter() - start, "bytes": total, "articles": count}))


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


def query(db, queries_file, rounds):
    con = sqlite3.connect(db)
    queries = [q for q in open(queries_file).read().splitlines() if q]
    plain, snippets = [], []
    for _ in range(int(rounds)):
        for q in queries:
            start = time.perf_counter()
            con.execute("SELECT rowid FROM a WHERE a MATCH ? ORDER BY rank LIMIT 10", (q,)).fetchall()
            plain.append(time.perf_counter() - start)
            start = time.perf_counter()
            con.execute(
                "SELECT rowid, snippet(a, 1, '[', ']', '...', 24) FROM a WHERE a MATCH ? ORDER BY rank LIMIT 10",
                (q,),
            ).fetchall()
            snippets.append(time.perf_counter() - start)
    ms = lambda v, p: percentile(v, p) * 1000
    print(json.dumps({"p50_ms": ms(plain, 0.5), "p95_ms": ms(plain, 0.95),
                      "snippet_p50_ms": ms(snippets, 0.5), "snippet_p95_ms": ms(snippets, 0.95)}))


if __name__ == "__main__":
    if sys.argv[1] == "index":
        index(sys.argv[2], sys.argv[3])
    else:
        query(sys.argv[2], sys.argv[3], sys.argv[4])
