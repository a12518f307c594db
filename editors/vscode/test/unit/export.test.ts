import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvField, exportRows, formatQuotes } from '../../src/export';
import type { SpeakerGroup } from '../../src/quotes';

const r = (line: number, start: number, end: number) => ({ start: { line, character: start }, end: { line, character: end } });
const groups: SpeakerGroup[] = [
  { speaker: 'Ali Khamenei', attributed: true, quotes: [{ name: '“A slap…', cue: 'the Leader remarked', range: r(10, 0, 33), selectionRange: r(10, 0, 33) }] },
  { speaker: 'Unattributed', attributed: false, quotes: [{ name: '“You saw…', cue: '', range: r(50, 0, 51), selectionRange: r(50, 0, 51) }] },
];
const texts = new Map([
  [10, '“A slap was delivered last night,”'],
  [50, '“You saw what happened in Tehran, and other cities.”'],
]);
const rows = exportRows(groups, (range) => texts.get(range.start.line) ?? '');

test('rows carry the speaker (null when unattributed), the text and 1-based positions', () => {
  assert.deepEqual(rows[0], {
    speaker: 'Ali Khamenei',
    text: '“A slap was delivered last night,”',
    cue: 'the Leader remarked',
    line: 11,
    column: 1,
    endLine: 11,
    endColumn: 34,
  });
  assert.equal(rows[1]?.speaker, null);
});

test('JSON export is an object with a quotes array', () => {
  const parsed = JSON.parse(formatQuotes(rows, 'json'));
  assert.equal(parsed.quotes.length, 2);
  assert.equal(parsed.quotes[1].text, '“You saw what happened in Tehran, and other cities.”');
});

test('CSV export quotes fields with commas, quotes and line breaks (RFC 4180)', () => {
  const csv = formatQuotes(rows, 'csv');
  const lines = csv.split('\r\n');
  assert.equal(lines[0], 'speaker,text,cue,line,column,end_line,end_column');
  assert.equal(lines[1], 'Ali Khamenei,"“A slap was delivered last night,”",the Leader remarked,11,1,11,34');
  assert.equal(lines[2], ',"“You saw what happened in Tehran, and other cities.”",,51,1,51,52');
  assert.equal(csvField('say "no"'), '"say ""no"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField('plain'), 'plain');
});
