// End-to-end test of the packaged extension in a real VS Code (code-server) in headless Chromium,
// run by editors/test-vscode.sh, which installs everything, starts code-server and passes:
//   E2E_URL          the workbench URL with the article folder open
//   E2E_ARTICLE      the article's file name in that folder
//   E2E_SCREENSHOTS  where to save the screenshots
//   E2E_NODE_MODULES the node_modules holding playwright-core (outside the repository)
// Prints one line per check and ends with "N passed, N failed"; exits non-zero on a failure.

import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as fs from 'node:fs';

const require = createRequire(path.join(process.env.E2E_NODE_MODULES, 'noop.js'));
const { chromium } = require('playwright-core');

const url = process.env.E2E_URL;
const articleName = process.env.E2E_ARTICLE;
const screenshots = process.env.E2E_SCREENSHOTS;
const TIMEOUT = Number(process.env.E2E_STEP_TIMEOUT_MS ?? 90000);
fs.mkdirSync(screenshots, { recursive: true });

let passed = 0;
let failed = 0;
const say = (line) => console.log(line);
function check(name, ok, detail) {
  if (ok) {
    passed += 1;
    say(`ok     ${name}`);
  } else {
    failed += 1;
    say(`FAILED ${name}${detail ? `\n         ${String(detail).replace(/\n/g, '\n         ')}` : ''}`);
  }
  return ok;
}
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

// A persistent context on a fresh profile folder: the --user-data-dir the script made for this run.
const browser = await chromium.launchPersistentContext(process.env.E2E_BROWSER_PROFILE, {
  viewport: { width: 1500, height: 900 },
  executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
  ],
});

try {
  const page = browser.pages()[0] ?? (await browser.newPage());
  page.setDefaultTimeout(TIMEOUT);
  const consoleErrors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });

  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor();
  say(`       workbench loaded (${elapsed()})`);

  // Open the article from the Explorer.
  const explorerItem = page.locator('.explorer-folders-view .monaco-list-row', { hasText: articleName });
  await explorerItem.first().waitFor();
  await explorerItem.first().dblclick();
  const tab = page.locator('.tabs-container .tab', { hasText: articleName });
  await tab.first().waitFor();
  await page.locator('.monaco-editor .view-lines').first().waitFor();
  check('the article opens in an editor', await tab.count() > 0);

  // The status bar item appears once the server has answered the outline request.
  const status = page.locator('.statusbar-item', { hasText: /\d+ quotes?/ });
  let statusText = '';
  try {
    await status.first().waitFor();
    statusText = (await status.first().innerText()).trim();
  } catch {
    // Reported by the check below.
  }
  check('the status bar shows the quote counts', /^\S*\s*\d+ quotes?( · \d+ unattributed)?$/.test(statusText), `status bar: "${statusText}"`);
  say(`       server answered (${elapsed()}): ${statusText}`);

  // Give the Outline view the whole side bar: collapse the folder section, show the outline,
  // and put the cursor in the first quote so the outline (following the cursor) shows his group.
  await page.locator('.pane-header', { hasText: /articles/i }).first().click();
  // A wider side bar, so that the quotes' opening words fit in the screenshot.
  const sidebar = await page.locator('.part.sidebar').boundingBox();
  if (sidebar) {
    const y = sidebar.y + sidebar.height / 2;
    await page.mouse.move(sidebar.x + sidebar.width + 1, y);
    await page.mouse.down();
    await page.mouse.move(sidebar.x + sidebar.width + 200, y, { steps: 5 });
    await page.mouse.up();
  }
  await runCommand(page, 'Explorer: Focus on Outline View');
  await gotoLine(page, 5);
  // VS Code sorts the outline by position, so the entity groups (which start at the first
  // mention) sit among the speakers; with "outline.collapseItems": "alwaysCollapse" only the
  // group holding the cursor's quote opens.
  const outlineRows = page.locator('.outline-pane .monaco-list-row');
  const readOutline = () =>
    outlineRows.evaluateAll((elements) =>
      elements.map((element) => ({
        level: Number(element.getAttribute('aria-level')),
        expanded: element.getAttribute('aria-expanded'),
        name: element.querySelector('.label-name')?.textContent ?? element.textContent ?? '',
        description: element.querySelector('.label-description')?.textContent ?? '',
      })),
    );
  let rows = [];
  try {
    const his = outlineRows.filter({ hasText: 'Ali Khamenei' }).filter({ hasText: /\d+ quotes/ });
    await his.first().waitFor();
    if ((await his.first().getAttribute('aria-expanded')) === 'false') {
      await his.first().locator('.monaco-tl-twistie').click();
    }
    await page.waitForTimeout(1000); // Let the tree finish rendering.
    rows = await readOutline();
  } catch (error) {
    say(`       outline did not show Khamenei's quotes: ${error}`);
    rows = await readOutline().catch(() => []);
  }
  const topLevel = rows.filter((row) => row.level === 1);
  const speakers = topLevel.filter((row) => /\d+ quotes?/.test(row.description)).map((row) => row.name);
  say(`       outline (${elapsed()}): ${topLevel.map((row) => `${row.name} (${row.description})`).join(' | ')}`);
  const first = rows.findIndex((row) => row.level === 1 && row.name.includes('Ali Khamenei') && /quotes/.test(row.description));
  const quotesOfHis = [];
  for (let index = first + 1; first >= 0 && index < rows.length && rows[index].level === 2; index += 1) {
    quotesOfHis.push(`${rows[index].name} (${rows[index].description})`);
  }
  check('the Outline view lists Ali Khamenei as a speaker', speakers.some((name) => name.includes('Ali Khamenei')), `speakers: ${speakers.join(' | ')}`);
  check(
    'his quotes are listed under him',
    quotesOfHis.length >= 10 && quotesOfHis.some((label) => label.includes('This region does not accept')),
    `under him: ${quotesOfHis.join(' | ')}`,
  );
  check('the outline has the entity groups', topLevel.some((row) => row.name === 'People') && topLevel.some((row) => row.name === 'Places'));
  await page.screenshot({ path: path.join(screenshots, 'outline.png') });

  // Type a paragraph with a quote nobody says, after the narration of the stampede (line 55),
  // before the Leader's last quote: it becomes line 57.
  await gotoLine(page, 56);
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await page.keyboard.insertText('“Nobody can tell what comes next.”');
  await page.keyboard.press('Enter');

  // A click on the status bar item opens the Problems view.
  const unattributedStatus = page.locator('.statusbar-item', { hasText: /unattributed/ });
  let statusAfter = '';
  try {
    await unattributedStatus.first().waitFor();
    statusAfter = (await unattributedStatus.first().innerText()).trim();
    await unattributedStatus.first().click();
  } catch (error) {
    say(`       no "unattributed" in the status bar: ${error}`);
    await runCommand(page, 'View: Toggle Problems');
  }
  check('the status bar counts the new unattributed quote', /\d+ quotes · 1 unattributed/.test(statusAfter), `status bar: "${statusAfter}"`);
  const problemRows = page.locator('.markers-panel .monaco-list-row');
  let problems = [];
  try {
    await problemRows.filter({ hasText: 'unattributed-quote' }).first().waitFor();
    problems = await problemRows.evaluateAll((elements) => elements.map((element) => element.textContent ?? ''));
  } catch (error) {
    say(`       Problems view: ${error}`);
  }
  say(`       problems (${elapsed()}): ${problems.join(' | ')}`);
  const warning = problems.find((row) => /newsls/.test(row) && /unattributed-quote/.test(row) && /\[Ln 57, Col 1\]/.test(row));
  check('the Problems view shows the unattributed-quote warning on line 57', warning !== undefined, problems.join('\n'));
  await page.screenshot({ path: path.join(screenshots, 'problems.png') });

  // The quotes quick pick, grouped by speaker.
  await runCommand(page, 'newsls: Show Quotes by Speaker');
  const pickRows = page.locator('.quick-input-widget .monaco-list-row');
  let separators = [];
  try {
    await pickRows.first().waitFor();
    separators = await page.locator('.quick-input-widget .quick-input-list-separator').allInnerTexts();
  } catch (error) {
    say(`       quick pick: ${error}`);
  }
  check('the quotes quick pick groups quotes by speaker', separators.some((text) => /Khamenei/.test(text)), `separators: ${separators.join(' | ')}`);
  await page.screenshot({ path: path.join(screenshots, 'quotes.png') });
  await page.keyboard.press('Escape');

  // Export the quotes as CSV next to the article: pick the format, accept the proposed path.
  const exported = path.join(process.env.E2E_FOLDER, articleName.replace(/\.[^.]*$/, '.quotes.csv'));
  await runCommand(page, 'newsls: Export Quotes (JSON or CSV)');
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'CSV' }).first().click();
  await page.waitForFunction(
    () => /quotes\.csv$/.test(document.querySelector('.quick-input-widget input')?.value ?? ''),
  ).catch(() => {});
  say(`       save dialog: ${await page.locator('.quick-input-widget input').inputValue().catch(() => '?')}`);
  await page.keyboard.press('Enter');
  let csv = '';
  for (let tries = 0; tries < 100 && csv === ''; tries += 1) {
    await page.waitForTimeout(200);
    csv = fs.existsSync(exported) ? fs.readFileSync(exported, 'utf8') : '';
  }
  const csvLines = csv.split('\r\n').filter((line) => line !== '');
  check(
    'Export Quotes writes a CSV with a row per quote',
    csvLines[0] === 'speaker,text,cue,line,column,end_line,end_column' &&
      csvLines.length >= 15 &&
      csvLines.some((line) => line.startsWith('Ali Khamenei,"“This region does not accept')) &&
      csvLines.some((line) => line.startsWith(',“Nobody can tell what comes next.”,,57,')),
    csv.slice(0, 600),
  );

  // Restart the server: the status bar goes away with the old server and comes back with the
  // new one, which gets the edited (unsaved) text.
  await page.keyboard.press('Escape');
  await runCommand(page, 'newsls: Restart Server');
  let restarted = '';
  try {
    await page.locator('.statusbar-item', { hasText: /quotes · 1 unattributed/ }).first().waitFor();
    restarted = await page.locator('.statusbar-item', { hasText: /quotes · 1 unattributed/ }).first().innerText();
  } catch (error) {
    say(`       after restart: ${error}`);
  }
  // The extension's log (the "newsls" output channel) says "starting …" once per server start.
  let starts = 0;
  for (let tries = 0; tries < 50 && starts < 2; tries += 1) {
    starts = countInLogs(process.env.E2E_USER_DATA, 'newsls.log', /starting .* \(from bundled\)/g);
    if (starts < 2) await page.waitForTimeout(200);
  }
  check('Restart Server starts a new server, found in the bundle, that gets the edited text', restarted !== '' && starts === 2, `status: ${restarted}; starts logged: ${starts}`);

  const extensionErrors = consoleErrors.filter((text) => /newsls/i.test(text));
  check('no newsls errors in the browser console', extensionErrors.length === 0, extensionErrors.join('\n'));

  // A wrong newsls.server.path: the extension restarts and says how to fix it.
  await runCommand(page, 'Preferences: Open User Settings');
  const search = page.locator('.settings-editor .settings-header .suggest-input-container textarea, .settings-editor .settings-header input').first();
  await search.waitFor();
  await page.waitForTimeout(500); // The search box has the focus once the editor is open.
  await page.keyboard.type('newsls.server.path');
  // A machine-overridable setting: in code-server (a remote) it lives in the Remote tab.
  await page.locator('.settings-editor .settings-tabs-widget .action-label', { hasText: 'Remote' }).first().click();
  const pathInput = page.locator('.settings-editor input[aria-label="newsls.server.path"]').first();
  await pathInput.waitFor();
  await pathInput.fill('/nowhere/newsls');
  await pathInput.press('Tab');
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'newsls.server.path' });
  let toastText = '';
  try {
    await toast.first().waitFor();
    toastText = (await toast.first().innerText()).replace(/\s+/g, ' ');
  } catch (error) {
    say(`       no notification: ${error}`);
  }
  check(
    'a wrong newsls.server.path gives a notification with a fix',
    toastText.includes('/nowhere/newsls') && toastText.includes('Open Settings'),
    toastText,
  );
  await page.screenshot({ path: path.join(screenshots, 'server-not-found.png') });
  await page.keyboard.press('Escape');

} catch (error) {
  failed += 1;
  say(`FAILED unexpected error: ${error?.stack ?? error}`);
} finally {
  await browser.close();
  say(`       done in ${elapsed()}`);
  say(`${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}

function countInLogs(folder, name, pattern) {
  let count = 0;
  for (const entry of fs.readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name === name) {
      const text = fs.readFileSync(path.join(entry.parentPath ?? entry.path, entry.name), 'utf8');
      count += (text.match(pattern) ?? []).length;
    }
  }
  return count;
}

async function gotoLine(page, line) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`:${line}`);
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  await page.locator('.statusbar-item', { hasText: `Ln ${line},` }).first().waitFor();
}

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  const item = page.locator('.quick-input-widget .monaco-list-row', { hasText: title });
  await item.first().waitFor();
  await page.keyboard.press('Enter');
}
