#!/usr/bin/env python3
"""Mechanical checks for the whole annotated corpus under tests/corpus/ (stdlib only), adapted
from the shared corpus' verify_wikinews.py.

Usage: python3 tests/corpus/tools/verify.py   (from anywhere)

Checks: ids, sources, offsets in range, `text == txt[start:end]`, spans sorted and not
overlapping, no line break or edge white space in a span, kinds, entity types, every entity alias
and speaker alias occurs in the text, and every double-quote pair (“…”, "…", «…»; per line) is
either annotated or listed in `not_quotes` (never both). The text of a `seeds/` gold file is read
from the repository's `seeds/` directory."""
import json, os, sys, glob
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from marks import double_pairs, starts_quote_piece, ends_quote_piece

CORPUS = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
ROOT = os.path.abspath(os.path.join(CORPUS, '..', '..'))
KINDS = {'direct', 'partial'}; TYPES = {'PERSON', 'ORG', 'GPE', 'LOC', 'OTHER'}
bad = 0; nq = 0; na = 0; nulls = 0


def err(*a):
    global bad; bad += 1; print('ERROR', *a)


for sub in ('wikinews', 'written', 'seeds', 'heldout'):
    for jf in sorted(glob.glob(os.path.join(CORPUS, sub, '*.json'))):
        d = json.load(open(jf, encoding='utf-8')); name = sub + '/' + os.path.basename(jf)[:-5]
        if sub == 'seeds':
            tf = os.path.join(ROOT, 'seeds', d['id'] + '.txt')
        else:
            tf = next((jf[:-5] + ext for ext in ('.txt', '.md') if os.path.exists(jf[:-5] + ext)), None)
        if tf is None or not os.path.exists(tf):
            err(name, 'no text file'); continue
        t = open(tf, encoding='utf-8').read(); na += 1
        if d['id'] != os.path.basename(jf)[:-5]: err(name, 'id mismatch')
        if sub == 'wikinews' and (not d['source'].startswith('Wikinews, "') or 'CC BY 2.5' not in d['source']): err(name, 'source')
        if sub in ('written', 'heldout') and 'MIT OR Apache-2.0' not in d['source']: err(name, 'source must name the licence')
        prev = -1
        for q in d['quotes']:
            s, e = q['start'], q['end']; nq += 1
            if not (0 <= s < e <= len(t)): err(name, 'offsets out of range', s, e); continue
            if t[s:e] != q['text']: err(name, 'text mismatch at', s)
            if s < prev: err(name, 'overlap/unsorted at', s)
            prev = e
            if q['kind'] not in KINDS: err(name, 'kind', q['kind'])
            if q['text'] != q['text'].strip() or '\n' in q['text']: err(name, 'whitespace/newline in span', s)
            if not isinstance(q['speaker_aliases'], list): err(name, 'aliases not list')
            for a in q['speaker_aliases']:
                if a not in t: err(name, 'speaker alias not in text', a)
            if q['speaker'] is None: nulls += 1; print('note', name, 'null speaker at', s)
            if not (starts_quote_piece(t, s) and ends_quote_piece(t, e)): err(name, 'span not between marks / line ends', s)
        for en in d['entities']:
            if en['type'] not in TYPES: err(name, 'entity type', en)
            for a in en['aliases']:
                if a not in t: err(name, 'entity alias not in text', a)
        for s, e in double_pairs(t):
            if not t[s:e].strip():
                continue
            covered = any(s <= q['start'] and q['end'] <= e for q in d['quotes'])
            listed = any(f'at {s}-{e}:' in x for x in d.get('not_quotes', []))
            if covered == listed: err(name, 'quote pair', s, e, repr(t[s:e][:50]), 'annotated' if covered else 'NOT annotated', 'and listed' if listed else 'and not listed')
print(f'{na} articles, {nq} quote spans ({nulls} with a null speaker), {bad} errors')
sys.exit(1 if bad else 0)
