// Finds the newsls binary: the `newsls.server.path` setting, then the binary bundled in the
// extension's server/ folder, then `newsls` on PATH. Pure apart from the injected file check, so
// the order is unit-tested.

import * as path from 'path';

export type ServerSource = 'setting' | 'bundled' | 'PATH';

export interface Found {
  kind: 'found';
  path: string;
  source: ServerSource;
}

export interface NotFound {
  kind: 'not-found';
  /** Every place looked at, in order, for the error message. */
  tried: string[];
  /** Set when the setting names a file that is not there or not executable. */
  badSetting?: string;
}

export interface DiscoveryInput {
  configuredPath: string;
  workspaceFolder: string | undefined;
  extensionPath: string;
  pathVariable: string | undefined;
  platform: NodeJS.Platform;
  home: string;
  isExecutable: (file: string) => boolean;
}

export function findServer(input: DiscoveryInput): Found | NotFound {
  const windows = input.platform === 'win32';
  const exe = windows ? 'newsls.exe' : 'newsls';
  const pathApi = windows ? path.win32 : path.posix;
  const tried: string[] = [];

  const directories = (input.pathVariable ?? '').split(windows ? ';' : ':').filter((d) => d !== '');
  const onPath = (name: string): string | undefined =>
    directories.map((directory) => pathApi.join(directory, name)).find(input.isExecutable);

  const configured = input.configuredPath.trim();
  if (configured !== '' && !/[\\/]/.test(configured) && configured !== '~') {
    // A bare command name in the setting: look it up on PATH.
    const found = onPath(configured);
    tried.push(`newsls.server.path: ${configured} on PATH`);
    return found !== undefined
      ? { kind: 'found', path: found, source: 'setting' }
      : { kind: 'not-found', tried, badSetting: configured };
  }
  if (configured !== '') {
    const resolved = expandPath(configured, input, pathApi);
    tried.push(`newsls.server.path: ${resolved}`);
    if (input.isExecutable(resolved)) {
      return { kind: 'found', path: resolved, source: 'setting' };
    }
    // A wrong setting is an error the user must see, not something to paper over with PATH.
    return { kind: 'not-found', tried, badSetting: resolved };
  }

  const bundled = pathApi.join(input.extensionPath, 'server', exe);
  tried.push(`bundled: ${bundled}`);
  if (input.isExecutable(bundled)) {
    return { kind: 'found', path: bundled, source: 'bundled' };
  }

  const found = onPath(exe);
  if (found !== undefined) {
    return { kind: 'found', path: found, source: 'PATH' };
  }
  tried.push(`${exe} on PATH (${directories.length} directories)`);
  return { kind: 'not-found', tried };
}

function expandPath(configured: string, input: DiscoveryInput, pathApi: path.PlatformPath): string {
  let expanded = configured;
  if (expanded === '~' || expanded.startsWith('~/') || expanded.startsWith('~\\')) {
    expanded = input.home + expanded.slice(1);
  }
  if (input.workspaceFolder !== undefined) {
    expanded = expanded.replace(/\$\{workspaceFolder\}/g, input.workspaceFolder);
  }
  if (!pathApi.isAbsolute(expanded) && input.workspaceFolder !== undefined) {
    expanded = pathApi.join(input.workspaceFolder, expanded);
  }
  return expanded;
}
