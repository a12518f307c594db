// The quick pick, the export and the status bar read the server's outline through quotesBySpeaker.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countQuotes, describeCounts, quotesBySpeaker, type DocumentSymbol } from '../../src/quotes';

const range = (line: number, start: number, end: number) => ({
  start: { line, character: start },
  end: { line, character: end },
});
const quote = (name: string, detail: string, line: number): DocumentSymbol => ({
  name,
  detail,
  kind: 15,
  range: range(line, 0, 40),
  selectionRange: range(line, 0, 40),
});
const group = (name: string, children: DocumentSymbol[]): DocumentSymbol => ({
  name,
  detail: `${children.length} quotes`,
  kind: 13,
  range: range(children[0]?.range.start.line ?? 0, 0, 40),
  selectionRange: range(children[0]?.range.start.line ?? 0, 0, 10),
  children,
});

// The shape issue 3 specifies: speakers by first quote, "Unattributed", then the entity groups.
const outline: DocumentSymbol[] = [
  group('Ali Khamenei', [quote('“This region does not…', 'he said', 4), quote('“A slap was…', 'the Leader remarked', 10)]),
  group('Jane Doe', [quote('“We will rebuild…', 'said', 20)]),
  group('Unattributed', [quote('“You saw what…', '', 50)]),
  group('People', [quote('Ali Khamenei', 'person', 2)]),
  group('Places', [quote('Qom', 'place', 4)]),
];

test('speaker groups keep the server order and skip the entity groups', () => {
  const groups = quotesBySpeaker(outline);
  assert.deepEqual(
    groups.map((g) => [g.speaker, g.attributed, g.quotes.map((q) => q.name)]),
    [
      ['Ali Khamenei', true, ['“This region does not…', '“A slap was…']],
      ['Jane Doe', true, ['“We will rebuild…']],
      ['Unattributed', false, ['“You saw what…']],
    ],
  );
  assert.equal(groups[0]?.quotes[1]?.cue, 'the Leader remarked');
});

test('counts and the status bar text', () => {
  const counts = countQuotes(quotesBySpeaker(outline));
  assert.deepEqual(counts, { quotes: 4, unattributed: 1, speakers: 2 });
  assert.equal(describeCounts(counts), '4 quotes · 1 unattributed');
  assert.equal(describeCounts({ quotes: 1, unattributed: 0, speakers: 1 }), '1 quote');
  assert.equal(describeCounts({ quotes: 14, unattributed: 1, speakers: 3 }), '14 quotes · 1 unattributed');
});

test('an empty or missing outline has no quotes', () => {
  assert.deepEqual(quotesBySpeaker(null), []);
  assert.deepEqual(quotesBySpeaker([]), []);
  assert.deepEqual(countQuotes([]), { quotes: 0, unattributed: 0, speakers: 0 });
});

test('the flat form groups quotes by container name', () => {
  const groups = quotesBySpeaker([
    { name: 'Ali Khamenei', kind: 13, location: { uri: 'file:///a', range: range(4, 0, 5) } },
    { name: '“This region…', kind: 15, containerName: 'Ali Khamenei', location: { uri: 'file:///a', range: range(4, 0, 40) } },
    { name: 'Qom', kind: 13, containerName: 'Places', location: { uri: 'file:///a', range: range(4, 0, 3) } },
  ]);
  assert.deepEqual(groups.map((g) => [g.speaker, g.quotes.length]), [['Ali Khamenei', 1]]);
});

test('an outline in document order groups top-level quotes by the speaker in their detail', () => {
  const groups = quotesBySpeaker([quote('“A…', 'Ali Khamenei', 1), quote('“B…', 'Jane Doe', 2), quote('“C…', 'Ali Khamenei', 3)]);
  assert.deepEqual(groups.map((g) => [g.speaker, g.quotes.map((q) => q.name)]), [
    ['Ali Khamenei', ['“A…', '“C…']],
    ['Jane Doe', ['“B…']],
  ]);
});
