"""Cut CoNLL-2003 eng.train (1996-08 Reuters wire, sentences in order) into pseudo-stories,
the 1996 archive that data/judgements/conll1996.tsv judges (BENCHMARKS.md).

    python3 benches/conll_stories.py ../shared/conll2003/eng.train /tmp/conll1996
    morgue index /tmp/conll1996 --index /tmp/conll1996-idx
    morgue entities --index /tmp/conll1996-idx --audit data/judgements/conll1996.tsv

A story starts at the headline before a dateline sentence "CITY 1996-08-22" (a byline
sentence between them is skipped); each story is written, detokenised, as a Markdown file
dated by its dateline, one sentence per paragraph. Never write the output into the repo."""
import re, sys, os, json
src, out = sys.argv[1], sys.argv[2]
sents, cur = [], []
for line in open(src, encoding='utf-8'):
    f = line.split()
    if not f:
        if cur: sents.append(cur); cur = []
        continue
    if f[0] == '-DOCSTART-': continue
    cur.append((f[0], f[-1]))
if cur: sents.append(cur)
DATE = re.compile(r'^(19\d\d)-(\d\d)-(\d\d)$')
def dateline(s):
    return len(s) <= 6 and DATE.match(s[-1][0]) and all(t[1] != 'O' or t[0] in (',', '-') for t in s[:-1])
def detok(toks):
    s = ' '.join(toks)
    s = re.sub(r' ([,.;:!?%)\]])', r'\1', s)
    s = re.sub(r'([(\[$]) ', r'\1', s)
    s = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m|')(?=\s|$)", r'\1', s)
    s = re.sub(r'" (.*?) "', r'"\1"', s)
    return s
def is_byline(s):
    return len(s) <= 4 and all(t[1].endswith('PER') for t in s)
starts = []
for i, s in enumerate(sents):
    if dateline(s) and i > 0:
        h = i - 1
        if is_byline(sents[h]) and h > 0: h -= 1
        starts.append((h, i))
os.makedirs(out, exist_ok=True)
n = 0
for k, (h, d) in enumerate(starts):
    end = starts[k + 1][0] if k + 1 < len(starts) else len(sents)
    m = DATE.match(sents[d][-1][0])
    date = '-'.join(m.groups())
    title = detok([t[0] for t in sents[h]])
    city = detok([t[0] for t in sents[d][:-1]])
    body = [detok([t[0] for t in s]) for s in sents[d + 1:end]]
    if not body: continue
    n += 1
    text = city + " " + date + " - " + "\n\n".join(body)
    with open(os.path.join(out, f'{date}-{n:04d}.md'), 'w', encoding='utf-8') as fh:
        fh.write('---\ntitle: ' + json.dumps(title) + '\ndate: ' + date + '\n---\n\n' + text + '\n')
print(n, 'stories')
