#!/usr/bin/env python3
"""Fills in the code-point offsets of a gold file from its quoted texts, so that no offset is
ever typed by hand.

Usage: python3 tests/corpus/tools/place_offsets.py tests/corpus/written/NAME.json [...]

* Each entry of `quotes` needs `text`; its `start`/`end` are (re)computed: the first occurrence of
  `text`, at or after the end of the previous entry, that can be a quoted span (after an opening
  mark or at a line start, before a closing mark or at a line end). Entries must be listed in text
  order.
* A `not_quotes` entry written as `"WORDS" at ?-?: reason` (or with “WORDS” / «WORDS») gets the
  offsets of the next unused quote-mark pair of the text whose trimmed content is WORDS; one
  written ‘WORDS’ gets the offsets of the first ‘WORDS’ in the text.
* Each entry of `interview_turns` (if any) gets the offsets of its `text`, searched in order.
The file is rewritten in the corpus format (indent 1, UTF-8, final newline)."""
import json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from marks import double_pairs, starts_quote_piece, ends_quote_piece

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..'))


def text_of(json_path, gold):
    base = json_path[:-5]
    for ext in ('.txt', '.md'):
        if os.path.exists(base + ext):
            return open(base + ext, encoding='utf-8').read()
    return open(os.path.join(ROOT, 'seeds', gold['id'] + '.txt'), encoding='utf-8').read()


def place(json_path):
    gold = json.load(open(json_path, encoding='utf-8'))
    text = text_of(json_path, gold)
    cursor = 0
    for quote in gold['quotes']:
        needle = quote['text']
        at = text.find(needle, cursor)
        while at >= 0 and not (starts_quote_piece(text, at) and ends_quote_piece(text, at + len(needle))):
            at = text.find(needle, at + 1)
        if at < 0:
            sys.exit(f'{json_path}: quote not found after offset {cursor}: {needle!r}')
        quote['start'], quote['end'] = at, at + len(needle)
        cursor = quote['end']
    cursor = 0
    for turn in gold.get('interview_turns', []):
        at = text.find(turn['text'], cursor)
        if at < 0:
            sys.exit(f'{json_path}: interview turn not found after offset {cursor}: {turn["text"][:40]!r}')
        turn['start'], turn['end'] = at, at + len(turn['text'])
        cursor = turn['end']
    pairs = double_pairs(text)
    used = set()
    fixed = []
    for entry in gold.get('not_quotes', []):
        m = re.match(r'^(["“«‘])(.*?)(["”»’]) at \?-\?: ', entry)
        if m and m.group(1) == '‘':
            s = text.find(m.group(0)[:m.end(3)])
            if s < 0:
                sys.exit(f'{json_path}: single-quoted not_quotes entry not found: {m.group(2)!r}')
            entry = f'‘{m.group(2)}’ at {s + 1}-{s + 1 + len(m.group(2))}: ' + entry[m.end():]
        elif m:
            words = m.group(2).strip()
            for s, e in pairs:
                if (s, e) not in used and text[s:e].strip() == words:
                    used.add((s, e))
                    entry = f'{m.group(1)}{m.group(2)}{m.group(3)} at {s}-{e}: ' + entry[m.end():]
                    break
            else:
                sys.exit(f'{json_path}: no quote-mark pair for not_quotes entry {words!r}')
        fixed.append(entry)
    if 'not_quotes' in gold:
        gold['not_quotes'] = fixed
    ordered = {}
    for key in ('id', 'source', 'quotes', 'entities', 'not_quotes', 'notes'):
        if key in gold:
            ordered[key] = gold.pop(key)
    ordered.update(gold)
    for i, quote in enumerate(ordered['quotes']):
        ordered['quotes'][i] = {k: quote[k] for k in ('start', 'end', 'text', 'speaker', 'speaker_aliases', 'kind')}
    with open(json_path, 'w', encoding='utf-8') as out:
        json.dump(ordered, out, ensure_ascii=False, indent=1)
        out.write('\n')


for path in sys.argv[1:]:
    place(path)
