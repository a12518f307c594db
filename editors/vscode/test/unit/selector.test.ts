import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentSelector } from '../../src/selector';

test('default: each language in files and untitled documents', () => {
  assert.deepEqual(documentSelector(['plaintext', 'markdown', 'news'], '**'), [
    { language: 'plaintext', scheme: 'file' },
    { language: 'plaintext', scheme: 'untitled' },
    { language: 'markdown', scheme: 'file' },
    { language: 'markdown', scheme: 'untitled' },
    { language: 'news', scheme: 'file' },
    { language: 'news', scheme: 'untitled' },
  ]);
});

test('a glob narrows to files under it; blanks and duplicates are dropped', () => {
  assert.deepEqual(documentSelector(['markdown', ' ', 'markdown'], '**/articles/**'), [
    { language: 'markdown', scheme: 'file', pattern: '**/articles/**' },
  ]);
});
