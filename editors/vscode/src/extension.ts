// The newsls extension: starts the newsls language server for news articles and adds a few
// commands on top of what the server offers (outline, hovers, diagnostics come from the server
// through vscode-languageclient).

import * as fs from 'fs';
import * as os from 'os';
import * as vscode from 'vscode';
import {
  DocumentSymbolRequest,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  State,
} from 'vscode-languageclient/node';
import { findServer } from './discovery';
import { exportRows, formatQuotes, type ExportFormat } from './export';
import { countQuotes, describeCounts, quotesBySpeaker, type Range, type SpeakerGroup } from './quotes';
import { documentSelector, type DocumentFilter } from './selector';

const SECTION = 'newsls';
/** Settings whose change needs a new client (the others are sent to the running server). */
const RESTART_SETTINGS = ['newsls.server', 'newsls.languages', 'newsls.files'];

let client: LanguageClient | undefined;
let selector: DocumentFilter[] = [];
let output: vscode.LogOutputChannel;
let statusBar: StatusBar;

export interface NewslsApi {
  /** The running client, for tests and other extensions. */
  client(): LanguageClient | undefined;
  quotesBySpeaker(document: vscode.TextDocument): Promise<SpeakerGroup[]>;
}

export async function activate(context: vscode.ExtensionContext): Promise<NewslsApi> {
  output = vscode.window.createOutputChannel('newsls', { log: true });
  statusBar = new StatusBar();
  context.subscriptions.push(
    output,
    statusBar,
    vscode.commands.registerCommand('newsls.restartServer', () => restart(context)),
    vscode.commands.registerCommand('newsls.showQuotes', showQuotes),
    vscode.commands.registerCommand('newsls.exportQuotes', exportQuotes),
    vscode.commands.registerCommand('newsls.showOutput', () => output.show()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (RESTART_SETTINGS.some((setting) => event.affectsConfiguration(setting))) {
        void restart(context);
      } else if (event.affectsConfiguration('newsls.statusBar')) {
        statusBar.schedule();
      }
    }),
    vscode.window.onDidChangeActiveTextEditor(() => statusBar.schedule()),
    vscode.languages.onDidChangeDiagnostics((event) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (active !== undefined && event.uris.some((uri) => uri.toString() === active)) {
        statusBar.schedule();
      }
    }),
    { dispose: () => void stopClient() },
  );
  await startClient(context);
  return {
    client: () => client,
    quotesBySpeaker: (document) => requestQuotes(document),
  };
}

export async function deactivate(): Promise<void> {
  await stopClient();
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const configuration = vscode.workspace.getConfiguration(SECTION);
  const workspaceFolder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  makeBundledServerExecutable(context);
  const discovery = findServer({
    configuredPath: configuration.get<string>('server.path', ''),
    workspaceFolder,
    extensionPath: context.extensionPath,
    pathVariable: process.env.PATH,
    platform: process.platform,
    home: os.homedir(),
    isExecutable,
  });
  if (discovery.kind === 'not-found') {
    output.error(`newsls server not found; tried: ${discovery.tried.join('; ')}`);
    void reportServerNotFound(context, discovery.badSetting, discovery.tried);
    return;
  }
  output.info(`starting ${discovery.path} (from ${discovery.source})`);

  const extraEnv = configuration.get<Record<string, string>>('server.extraEnv', {});
  const serverOptions: ServerOptions = {
    command: discovery.path,
    args: [],
    options: { env: { ...process.env, ...extraEnv } },
  };
  selector = documentSelector(
    configuration.get<string[]>('languages', ['plaintext', 'markdown', 'news']),
    configuration.get<string>('files', '**'),
  );
  const clientOptions: LanguageClientOptions = {
    documentSelector: selector,
    outputChannel: output,
    // Sends the whole `newsls` section as `{ settings: { newsls: … } }` at start and on change,
    // and answers the server's `workspace/configuration` requests.
    synchronize: { configurationSection: SECTION },
    initializationOptions: { settings: { newsls: configuration } },
  };
  const newClient = new LanguageClient('newsls', 'newsls', serverOptions, clientOptions);
  newClient.onDidChangeState((event) => {
    if (event.newState === State.Running) {
      statusBar.schedule();
    } else {
      statusBar.hide();
    }
  });
  client = newClient;
  try {
    await newClient.start();
  } catch (error) {
    output.error(`newsls failed to start: ${String(error)}`);
    void vscode.window
      .showErrorMessage(
        `newsls: the server at ${discovery.path} failed to start (${String(error)}).`,
        'Show Log',
        'Open Settings',
      )
      .then((choice) => {
        if (choice === 'Show Log') {
          output.show();
        } else if (choice === 'Open Settings') {
          void vscode.commands.executeCommand('workbench.action.openSettings', 'newsls.server.path');
        }
      });
  }
}

async function stopClient(): Promise<void> {
  const running = client;
  client = undefined;
  statusBar?.hide();
  if (running !== undefined) {
    try {
      await running.dispose(2000);
    } catch (error) {
      output.warn(`stopping newsls: ${String(error)}`);
    }
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  await stopClient();
  await startClient(context);
}

async function reportServerNotFound(
  context: vscode.ExtensionContext,
  badSetting: string | undefined,
  tried: string[],
): Promise<void> {
  const message =
    badSetting !== undefined
      ? `newsls: newsls.server.path is set to "${badSetting}", which is not an executable file. Fix the setting or clear it to use the bundled server or newsls on PATH.`
      : 'newsls: could not find the newsls language server. Install it with `cargo install --path .` in the newsls repository (puts `newsls` on PATH) or set newsls.server.path to the binary, then retry.';
  output.error(`looked at: ${tried.join('; ')}`);
  const choice = await vscode.window.showErrorMessage(message, 'Open Settings', 'Retry', 'Show Log');
  if (choice === 'Open Settings') {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'newsls.server.path');
  } else if (choice === 'Retry') {
    await restart(context);
  } else if (choice === 'Show Log') {
    output.show();
  }
}

function isExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    fs.accessSync(file, process.platform === 'win32' ? fs.constants.F_OK : fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A .vsix does not always keep the executable bit of the bundled binary; put it back. */
function makeBundledServerExecutable(context: vscode.ExtensionContext): void {
  if (process.platform === 'win32') {
    return;
  }
  const bundled = context.asAbsolutePath('server/newsls');
  try {
    if (fs.existsSync(bundled) && !isExecutable(bundled)) {
      fs.chmodSync(bundled, 0o755);
    }
  } catch (error) {
    output.warn(`could not make ${bundled} executable: ${String(error)}`);
  }
}

function isArticle(document: vscode.TextDocument): boolean {
  return selector.length > 0 && vscode.languages.match(selector, document) > 0;
}

async function requestQuotes(document: vscode.TextDocument): Promise<SpeakerGroup[]> {
  if (client === undefined || !client.isRunning()) {
    throw new Error('the newsls server is not running');
  }
  const symbols = await client.sendRequest(DocumentSymbolRequest.type, {
    textDocument: { uri: client.code2ProtocolConverter.asUri(document.uri) },
  });
  return quotesBySpeaker(symbols);
}

function toVscodeRange(range: Range): vscode.Range {
  return new vscode.Range(
    range.start.line,
    range.start.character,
    range.end.line,
    range.end.character,
  );
}

/** The editor on an article, or a message saying why there is none. */
function activeArticle(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor === undefined || !isArticle(editor.document)) {
    void vscode.window.showInformationMessage(
      'newsls: open a news article (plain text, Markdown or .news) first.',
    );
    return undefined;
  }
  if (client === undefined || !client.isRunning()) {
    void vscode.window.showWarningMessage('newsls: the server is not running.', 'Restart').then(
      (choice) => choice && vscode.commands.executeCommand('newsls.restartServer'),
    );
    return undefined;
  }
  return editor;
}

interface QuoteItem extends vscode.QuickPickItem {
  range?: Range;
}

async function showQuotes(): Promise<void> {
  const editor = activeArticle();
  if (editor === undefined) {
    return;
  }
  const groups = await requestQuotes(editor.document);
  if (groups.length === 0) {
    void vscode.window.showInformationMessage('newsls: no quotes in this article.');
    return;
  }
  const items: QuoteItem[] = [];
  for (const group of groups) {
    const count = `${group.quotes.length} ${group.quotes.length === 1 ? 'quote' : 'quotes'}`;
    items.push({ label: `${group.speaker} · ${count}`, kind: vscode.QuickPickItemKind.Separator });
    for (const quote of group.quotes) {
      items.push({
        label: `$(quote) ${quote.name}`,
        description: quote.cue,
        detail: `${group.speaker}, line ${quote.range.start.line + 1}`,
        range: quote.selectionRange,
      });
    }
  }

  const originalSelection = editor.selection;
  const picker = vscode.window.createQuickPick<QuoteItem>();
  picker.title = 'Quotes by speaker';
  picker.placeholder = 'Type a speaker or words of a quote';
  picker.matchOnDescription = true;
  picker.matchOnDetail = true;
  picker.items = items;
  let accepted = false;
  const reveal = (item: QuoteItem | undefined, preview: boolean) => {
    if (item?.range === undefined) {
      return;
    }
    const range = toVscodeRange(item.range);
    editor.selection = new vscode.Selection(range.start, preview ? range.start : range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  };
  picker.onDidChangeActive((active) => reveal(active[0], true));
  picker.onDidAccept(() => {
    accepted = true;
    reveal(picker.selectedItems[0], false);
    picker.hide();
  });
  picker.onDidHide(() => {
    if (!accepted) {
      editor.selection = originalSelection;
      editor.revealRange(originalSelection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
    picker.dispose();
  });
  picker.show();
}

/**
 * Exports the active article's quotes. Both arguments are optional (the command asks): a format,
 * and where to write, for key bindings and tests.
 */
async function exportQuotes(format?: ExportFormat, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const editor = activeArticle();
  if (editor === undefined) {
    return undefined;
  }
  const document = editor.document;
  if (format === undefined) {
    const picked = await vscode.window.showQuickPick(
      [
        { label: 'JSON', description: '{ "quotes": [ { speaker, text, cue, line, … } ] }', format: 'json' as const },
        { label: 'CSV', description: 'speaker,text,cue,line,column,end_line,end_column', format: 'csv' as const },
      ],
      { title: 'Export quotes as' },
    );
    if (picked === undefined) {
      return undefined;
    }
    format = picked.format;
  }
  const groups = await requestQuotes(document);
  const rows = exportRows(groups, (range) => document.getText(toVscodeRange(range)));
  const contents = formatQuotes(rows, format);

  if (target === undefined) {
    const base = document.uri.scheme === 'file'
      ? document.uri.with({ path: document.uri.path.replace(/(\.[^./]*)?$/, `.quotes.${format}`) })
      : vscode.workspace.workspaceFolders?.[0]?.uri;
    target = await vscode.window.showSaveDialog({
      defaultUri: base,
      filters: format === 'json' ? { JSON: ['json'] } : { CSV: ['csv'] },
      title: 'Export quotes',
    });
    if (target === undefined) {
      return undefined;
    }
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(contents));
  const written = target;
  void vscode.window
    .showInformationMessage(`newsls: exported ${rows.length} quotes to ${vscode.workspace.asRelativePath(written)}.`, 'Open')
    .then((choice) => choice && vscode.window.showTextDocument(written));
  return written;
}

/** "14 quotes · 1 unattributed" for the active article; a click opens the Problems view. */
class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('newsls.quotes', vscode.StatusBarAlignment.Right, 100);
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;

  constructor() {
    this.item.name = 'newsls quotes';
    this.item.command = 'workbench.actions.view.problems';
  }

  /** Refreshes soon; a burst of diagnostics while typing gives one request. */
  schedule(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => void this.refresh(), 250);
  }

  hide(): void {
    this.generation += 1;
    this.item.hide();
  }

  private async refresh(): Promise<void> {
    this.timer = undefined;
    const generation = ++this.generation;
    const editor = vscode.window.activeTextEditor;
    const enabled = vscode.workspace.getConfiguration(SECTION).get<boolean>('statusBar.enable', true);
    if (!enabled || editor === undefined || !isArticle(editor.document) || !client?.isRunning()) {
      this.item.hide();
      return;
    }
    try {
      const counts = countQuotes(await requestQuotes(editor.document));
      if (generation !== this.generation) {
        return; // A newer refresh or a hide came in meanwhile.
      }
      this.item.text = `$(quote) ${describeCounts(counts)}`;
      this.item.tooltip = `newsls: ${counts.quotes} quotes by ${counts.speakers} speakers. Click to open the Problems view.`;
      this.item.show();
    } catch (error) {
      output.debug(`status bar refresh: ${String(error)}`);
    }
  }

  dispose(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
    }
    this.item.dispose();
  }
}
