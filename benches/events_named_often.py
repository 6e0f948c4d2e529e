#!/usr/bin/env python3
"""Which event names an archive writes in N stories or more, and what morgue made of each
(a bench tool for the target "every event named in 15+ stories appears as an event").

  events_named_often.py ARCHIVE_DIR ENTITIES.json [N=15]

ENTITIES.json is `morgue entities --index IDX --top 100000 --json` of an index of ARCHIVE_DIR.
Candidate names are runs of capitalised words (or years, with "of", "the", "de", "and"
inside) ending in an event word (Cup, Open, Games, War, Summit, Election, ...), counted once
per story; each is looked up among the entities' names and aliases (case-insensitive, with
or without a leading "the"). Names of other kinds show their kind; "NOT FOUND" is a miss.
The candidates are a pattern's guesses: an org such as "United Nations" also matches, so
read the list, do not count it blindly. Text files, Markdown and NDJSON (`title` + `body`).
"""
import collections
import json
import os
import re
import sys

HEADS = (
    "Cup|Championship|Championships|Olympics|Olympic Games|Games|War|Summit|Election|"
    "Elections|Open|Grand Prix|Festival|Awards|Conference|Tour|Series|Trophy|Nations|"
    "Marathon|Oscars|Prize|Crisis|Talks|Round|Treaty|Accord|Agreement|Referendum|Convention|"
    "Forum|Fair|Expo|Race|Tournament|Masters|Grand Slam|Strike|Revolution|Show|Week|Bowl|"
    "Derby|Classic|Final|Finals|League"
)
CAPITALISED = r"(?:[A-Z][A-Za-z'’\.\-]*|[0-9]{4})"
NAME = re.compile(
    r"\b(?:" + CAPITALISED + r"\s+(?:(?:of|the|de|and)\s+)?)+(?:" + HEADS + r")\b"
)


def stories(root):
    for folder, _, files in os.walk(root):
        for name in files:
            path = os.path.join(folder, name)
            try:
                text = open(path, errors="ignore").read()
            except OSError:
                continue
            if name.endswith((".ndjson", ".jsonl")):
                for line in text.splitlines():
                    try:
                        record = json.loads(line)
                    except ValueError:
                        continue
                    yield f"{record.get('title', '')} {record.get('body', '')}"
            else:
                yield text


def main():
    root, entities = sys.argv[1], sys.argv[2]
    at_least = int(sys.argv[3]) if len(sys.argv) > 3 else 15
    counts = collections.Counter()
    for text in stories(root):
        text = re.sub(r"\s+", " ", text)
        counts.update({m.group(0) for m in NAME.finditer(text)})
    known = {}
    for e in json.load(open(entities)):
        for name in [e["name"]] + [a["value"] for a in e.get("aliases", [])]:
            known.setdefault(name.lower(), []).append((e["kind"], e["name"], e["articles"]))
    for name, n in counts.most_common():
        if n < at_least:
            break
        key = name.lower()
        found = known.get(key) or known.get(re.sub(r"^the ", "", key))
        print(n, name, "->", found[:3] if found else "NOT FOUND")


if __name__ == "__main__":
    main()
