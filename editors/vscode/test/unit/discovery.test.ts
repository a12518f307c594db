// Server discovery order: the setting, then the bundled binary, then PATH.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findServer, type DiscoveryInput } from '../../src/discovery';

const base = (executables: string[], overrides: Partial<DiscoveryInput> = {}): DiscoveryInput => ({
  configuredPath: '',
  workspaceFolder: '/work/articles',
  extensionPath: '/ext/newsls',
  pathVariable: '/usr/local/bin:/home/me/.cargo/bin',
  platform: 'linux',
  home: '/home/me',
  isExecutable: (file) => executables.includes(file),
  ...overrides,
});

test('the setting wins over the bundled binary and PATH', () => {
  const found = findServer(base(['/opt/newsls', '/ext/newsls/server/newsls', '/usr/local/bin/newsls'], { configuredPath: '/opt/newsls' }));
  assert.deepEqual(found, { kind: 'found', path: '/opt/newsls', source: 'setting' });
});

test('the setting expands ~ and ${workspaceFolder}, and is relative to the workspace', () => {
  assert.equal((findServer(base(['/home/me/bin/newsls'], { configuredPath: '~/bin/newsls' })) as { path: string }).path, '/home/me/bin/newsls');
  assert.equal(
    (findServer(base(['/work/articles/target/release/newsls'], { configuredPath: '${workspaceFolder}/target/release/newsls' })) as { path: string }).path,
    '/work/articles/target/release/newsls',
  );
  assert.equal((findServer(base(['/work/articles/bin/newsls'], { configuredPath: 'bin/newsls' })) as { path: string }).path, '/work/articles/bin/newsls');
});

test('a bare command name in the setting is looked up on PATH', () => {
  assert.deepEqual(findServer(base(['/home/me/.cargo/bin/newsls-dev'], { configuredPath: 'newsls-dev' })), {
    kind: 'found',
    path: '/home/me/.cargo/bin/newsls-dev',
    source: 'setting',
  });
});

test('a wrong setting is reported, not replaced by PATH', () => {
  const result = findServer(base(['/usr/local/bin/newsls'], { configuredPath: '/nope/newsls' }));
  assert.equal(result.kind, 'not-found');
  assert.equal(result.kind === 'not-found' && result.badSetting, '/nope/newsls');
});

test('bundled before PATH, PATH in order', () => {
  assert.equal((findServer(base(['/ext/newsls/server/newsls', '/usr/local/bin/newsls'])) as { source: string }).source, 'bundled');
  assert.deepEqual(findServer(base(['/home/me/.cargo/bin/newsls'])), { kind: 'found', path: '/home/me/.cargo/bin/newsls', source: 'PATH' });
});

test('Windows looks for newsls.exe and splits PATH on semicolons', () => {
  const found = findServer(base(['C:\\tools\\newsls.exe'], { platform: 'win32', extensionPath: 'C:\\ext', pathVariable: 'C:\\Windows;C:\\tools', workspaceFolder: undefined }));
  assert.deepEqual(found, { kind: 'found', path: 'C:\\tools\\newsls.exe', source: 'PATH' });
});

test('nothing found lists every place looked at', () => {
  const result = findServer(base([]));
  assert.equal(result.kind, 'not-found');
  assert.equal(result.kind === 'not-found' && result.tried.length, 2);
});
