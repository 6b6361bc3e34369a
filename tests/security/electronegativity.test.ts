import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const gate = path.join(root, 'scripts', 'electronegativity-gate.mjs');
const { SCAN_PATHS, ALLOW_FILE } = (await import(pathToFileURL(gate).href)) as { SCAN_PATHS: string[]; ALLOW_FILE: string };

interface AllowEntry {
  rule: string;
  file: string;
  code: string;
  reason: string;
}

function runGate(args: string[] = []) {
  const result = spawnSync(process.execPath, [gate, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the scanned code (and the allow-list) to plant problems in, leaving the real tree alone. */
function copyOfApp(): string {
  const copy = mkdtempSync(path.join(os.tmpdir(), 'custodian-eng-'));
  temps.push(copy);
  for (const rel of [...SCAN_PATHS, ALLOW_FILE]) cpSync(path.join(root, rel), path.join(copy, rel), { recursive: true });
  return copy;
}

function readAllow(file: string): { allow: AllowEntry[] } & Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as { allow: AllowEntry[] } & Record<string, unknown>;
}

// Each case runs the real scanner in a child process (a few seconds, more on a busy machine).
describe('Electronegativity on the Electron code', { timeout: 150_000 }, () => {
  it('passes: every finding is on the reviewed allow-list and no entry is stale', () => {
    const { status, output } = runGate();
    expect(output).toMatch(/Electronegativity: \d+ finding\(s\)/);
    expect(status, output).toBe(0);
  });

  // (Not sandbox: false as well: Electronegativity 1.10.3 then skips its nodeIntegration check.)
  it('fails on a window with Node in the renderer, no isolation and a plain-http page, naming each rule and the file', () => {
    const copy = copyOfApp();
    writeFileSync(
      path.join(copy, 'electron', 'main', 'report-window.ts'),
      [
        "import { BrowserWindow } from 'electron';",
        'export function openReport(): BrowserWindow {',
        '  const report = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });',
        "  void report.loadURL('http://reports.example.org/');",
        '  return report;',
        '}',
        '',
      ].join('\n'),
    );
    const { status, output } = runGate(['--root', copy]);
    expect(status).toBe(1);
    expect(output).toMatch(/NODE_INTEGRATION_JS_CHECK at electron\/main\/report-window\.ts:3/);
    expect(output).toMatch(/CONTEXT_ISOLATION_JS_CHECK at electron\/main\/report-window\.ts:3/);
    expect(output).toMatch(/SANDBOX_JS_CHECK at electron\/main\/report-window\.ts:3/);
    expect(output).toMatch(/HTTP_RESOURCES_JS_CHECK at electron\/main\/report-window\.ts:4/);
  });

  it('fails when a reviewed entry is taken off the list, so the list is what lets findings through', () => {
    const copy = copyOfApp();
    const allowFile = path.join(copy, ALLOW_FILE);
    const list = readAllow(allowFile);
    const removed = list.allow.find((entry) => entry.rule === 'OPEN_EXTERNAL_JS_CHECK');
    expect(removed).toBeDefined();
    writeFileSync(allowFile, JSON.stringify({ ...list, allow: list.allow.filter((entry) => entry !== removed) }));
    const { status, output } = runGate(['--root', copy]);
    expect(status).toBe(1);
    expect(output).toMatch(/finding: OPEN_EXTERNAL_JS_CHECK at electron\/main\/index\.ts:\d+/);
  });

  it('fails on an entry that matches nothing, and on an inline eng-disable comment', () => {
    const copy = copyOfApp();
    const allowFile = path.join(copy, ALLOW_FILE);
    const list = readAllow(allowFile);
    const stale: AllowEntry = { rule: 'NODE_INTEGRATION_JS_CHECK', file: 'electron/main/gone.ts', code: 'new BrowserWindow', reason: 'An old window that was removed long ago; this entry should have gone with it.' };
    writeFileSync(allowFile, JSON.stringify({ ...list, allow: [...list.allow, stale] }));
    const window = path.join(copy, 'electron', 'main', 'main-window.ts');
    writeFileSync(window, readFileSync(window, 'utf8').replace('const window = new BrowserWindow({', 'const window = new BrowserWindow({ /* eng-disable SANDBOX_JS_CHECK */'));
    const { status, output } = runGate(['--root', copy]);
    expect(status).toBe(1);
    expect(output).toMatch(/stale allow-list entry: NODE_INTEGRATION_JS_CHECK in electron\/main\/gone\.ts/);
    expect(output).toMatch(/inline disable: electron\/main\/main-window\.ts:\d+/);
  });

  it('fails when a file cannot be parsed, since the scanner would skip it unchecked', () => {
    const copy = copyOfApp();
    writeFileSync(path.join(copy, 'electron', 'main', 'half-written.ts'), "import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({ webPreferences: { nodeIntegration: true ;\n");
    const { status, output } = runGate(['--root', copy]);
    expect(status).toBe(1);
    expect(output).toMatch(/not scanned: electron\/main\/half-written\.ts could not be parsed/);
  });

  it('refuses an allow-list entry without a real reason', () => {
    const copy = copyOfApp();
    const allowFile = path.join(copy, ALLOW_FILE);
    const list = readAllow(allowFile);
    writeFileSync(allowFile, JSON.stringify({ ...list, allow: list.allow.map((entry, i) => (i === 0 ? { ...entry, reason: 'fine' } : entry)) }));
    const { status, output } = runGate(['--root', copy]);
    expect(status).toBe(1);
    expect(output).toMatch(/needs a real reason/);
  });
});
