#!/usr/bin/env python3
"""Per-phase profile of `morgue index` from `perf` samples (a bench tool, not a test).

  ingest_profile.py MORGUE_BINARY ARCHIVE [morgue index flags...]

Indexes ARCHIVE into a fresh temporary index under `perf record` (all threads, sampled CPU
time), then sorts the samples' functions (self time: the function the CPU was in) into the
phases of an ingest run and prints a markdown table of shares of all CPU time. Inlined code is
counted where it was inlined, so the phases are approximate: a few per cent either way.
"""
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile

# First match wins: (phase, pattern over the demangled symbol and its object).
PHASES = [
    ("entities: tagger (ner)", r"enrich::ner|ner::"),
    ("entities: gazetteer, rules, resolve", r"enrich::entities|enrich::gazetteer|aho_corasick|daachorse"),
    ("language check", r"enrich::language|whatlang"),
    ("dates", r"enrich::dates|jiff::"),
    ("copy sketch", r"enrich::copies"),
    ("parse (formats, JSON, HTML)", r"morgue::formats|serde_json|html5ever|dom_smoothie|dom_query|markup5ever|encoding_rs|quick_xml|serde_saphyr|tendril"),
    ("read + hash + walk + manifest", r"xxh3|xxhash|walkdir|morgue::walk|ingest::plan|index::manifest|ingest::read|ingest::stream|flate2|zlib|crc32"),
    ("document building", r"index::document|TantivyDocument|OwnedValue|CompactDoc|tantivy::schema::document"),
    ("tokenize + stem", r"tokenizer|index::analysis|stemmer|rust_stemmers|frostem|Stemming|AsciiFolding|LowerCaser|unicode_segmentation|SimpleTokenizer"),
    ("docstore (compress, write)", r"tantivy::store|zstd|ZSTD|lz4|StoreWriter|DocStore"),
    ("fast fields", r"fastfield|columnar|tantivy_columnar|sstable"),
    ("postings (index in memory, serialize)", r"postings|segment_writer|stacker|tantivy_stacker|ExpUnrolledLinkedList|ArenaHashMap|bitpack|tantivy_bitpacker|termdict|tantivy_fst|fst::|SegmentSerializer|fieldnorm|skip_index|compute_hash|murmurhash|vint|BlockEncoder|bitpacker"),
    ("merge", r"merger|IndexMerger|merge_policy"),
    ("allocation, copying (libc)", r"malloc|free|realloc|memcpy|memmove|memset|memcmp|_int_|alloc::|RawVec|cfree|__libc"),
    ("kernel (I/O, page faults, scheduling)", r"\[k\]"),
    ("threads, channels, waiting", r"crossbeam|rayon|parking_lot|futex|pthread|std::sync|spin"),
]


def main():
    binary, archive, flags = sys.argv[1], sys.argv[2], sys.argv[3:]
    work = tempfile.mkdtemp(prefix="morgue-profile-")
    try:
        data = os.path.join(work, "perf.data")
        index = os.path.join(work, "idx")
        subprocess.run(
            ["perf", "record", "-F", "499", "-q", "-o", data, "--", binary, "index",
             "--json", *flags, "--index", index, archive],
            check=True, stdout=subprocess.DEVNULL)
        report = subprocess.run(
            ["perf", "report", "-i", data, "--stdio", "--no-children", "--sort", "sym",
             "--percent-limit", "0"],
            check=True, capture_output=True, text=True).stdout
        threads = subprocess.run(
            ["perf", "report", "-i", data, "--stdio", "--no-children", "--sort", "comm"],
            check=True, capture_output=True, text=True).stdout
    finally:
        shutil.rmtree(work, ignore_errors=True)
    shares = collections.Counter()
    top = collections.defaultdict(list)
    for line in report.splitlines():
        m = re.match(r"\s*([\d.]+)%\s+(\[.\])\s+(.*)$", line)
        if not m:
            continue
        share, kind, symbol = float(m.group(1)), m.group(2), m.group(3).strip()
        text = f"{kind} {symbol}"
        phase = next((p for p, pattern in PHASES if re.search(pattern, text)), "other")
        shares[phase] += share
        top[phase].append((share, symbol))
    by_thread = [" ".join(line.split()) for line in threads.splitlines()
                 if line.strip() and not line.startswith("#")]
    # tantivy's indexing threads are `thrd-tantivy-index*`; ours carry the binary's name.
    print("CPU time by thread:", "; ".join(by_thread))
    total = sum(shares.values()) or 1.0
    print(f"| phase ({' '.join(flags) or 'entities on'}) | share of CPU time | top functions |")
    print("| --- | --- | --- |")
    for phase, share in shares.most_common():
        names = ", ".join(f"{short(s)} {v:.1f}%" for v, s in sorted(top[phase], reverse=True)[:3])
        print(f"| {phase} | {100 * share / total:.1f}% | {names} |")


def short(symbol):
    """The last two path segments of a demangled symbol, without generics or hashes."""
    symbol = re.sub(r"<[^<>]*>", "", re.sub(r"<[^<>]*>", "", symbol))
    symbol = re.sub(r"::h[0-9a-f]{16}$", "", symbol)
    return "::".join(symbol.split("::")[-2:])[:60]


if __name__ == "__main__":
    main()
