#!/usr/bin/env python3
"""Reference rows for the extraction bench (never a runtime dependency of morgue).

Writes target/extraction/trafilatura.json (main text) and target/extraction/htmldate.json
(htmldate's publication day per page, original dates, from the page alone: no URL given).
Needs `pip install trafilatura htmldate`.
Usage: python3 benches/extraction/reference.py [CORPUS_DIR]
"""
import gzip, json, sys
from pathlib import Path

import trafilatura
from htmldate import find_date

repo = Path(__file__).resolve().parents[2]
corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else repo / "../shared/corpora/article-extraction-benchmark"
out = repo / "target/extraction"
out.mkdir(parents=True, exist_ok=True)
truth = json.loads((corpus / "ground-truth.json").read_text())
texts, dates = {}, {}
for pid in truth:
    html = gzip.decompress((corpus / "html" / f"{pid}.html.gz").read_bytes()).decode("utf-8", "replace")
    texts[pid] = {"articleBody": trafilatura.extract(html) or ""}
    dates[pid] = find_date(html, original_date=True, extensive_search=True) or ""
(out / "trafilatura.json").write_text(json.dumps(texts))
(out / "htmldate-dates.txt").write_text("".join(f"{k}\t{v}\n" for k, v in dates.items()))
