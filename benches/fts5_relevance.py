#!/usr/bin/env python3
"""SQLite FTS5 side of the relevance bench (driven by benches/relevance/main.rs).

  fts5_relevance.py ROWS DB QUERIES DEPTH   -> {"KEY": [doc ids, best first], ...}

ROWS is JSON lines with "id", "title" and "body": the same strings morgue indexes. They go
into an FTS5 table (title, body) with the porter tokenizer over unicode61 (remove_diacritics
2), the document id as rowid. QUERIES is a JSON list of {"key", "match", "weights"}: each
FTS5 MATCH expression is ranked by bm25(table, title weight, body weight) (FTS5's defaults
are 1.0 for every column; its k1 = 1.2 and b = 0.75 are fixed) and the first DEPTH ids kept.
"""
import json
import os
import sqlite3
import sys


def main(rows, db, queries, depth):
    if os.path.exists(db):
        os.remove(db)
    con = sqlite3.connect(db)
    con.execute(
        "CREATE VIRTUAL TABLE a USING fts5(title, body, "
        "tokenize='porter unicode61 remove_diacritics 2')"
    )
    with con, open(rows) as f:
        records = (json.loads(line) for line in f if line.strip())
        con.executemany(
            "INSERT INTO a(rowid, title, body) VALUES (?, ?, ?)",
            ((r["id"], r["title"], r["body"]) for r in records),
        )
    found = {}
    for q in json.load(open(queries)):
        title_weight, body_weight = q["weights"]
        found[q["key"]] = [
            row[0]
            for row in con.execute(
                "SELECT rowid FROM a WHERE a MATCH ? ORDER BY bm25(a, ?, ?) LIMIT ?",
                (q["match"], title_weight, body_weight, int(depth)),
            )
        ]
    con.close()
    print(json.dumps(found))


if __name__ == "__main__":
    main(*sys.argv[1:5])
