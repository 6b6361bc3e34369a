import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The real desktop app, driven by Playwright's Electron support: run with
 * `npm run test:electron` on a machine where `npm install` downloaded Electron. (The main
 * suite cannot: machines without the Electron binary test main with a mocked 'electron'
 * module and the renderer in Chromium.) Without the binary this fails at once and says so.
 */
function electronBinary(): string {
  const require = createRequire(import.meta.url);
  try {
    return require('electron') as unknown as string;
  } catch {
    throw new Error('The Electron binary is not installed. Run `npm install` without ELECTRON_SKIP_BINARY_DOWNLOAD, then `npm run test:electron`.');
  }
}

describe('the desktop app', () => {
  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'custodian-electron-'));
    app = await _electron.launch({
      executablePath: electronBinary(),
      args: ['.'],
      env: { ...process.env, CUSTODIAN_DATA_DIR: dataDir },
    });
    page = await app.firstWindow();
  });
  afterAll(async () => {
    await app?.close();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the window from app:// with only invoke and on exposed, and no Node', async () => {
    expect(page.url()).toMatch(/^app:\/\/custodian\//);
    expect(await page.evaluate('Object.keys(window.custodian).sort().join(",")')).toBe('invoke,on');
    expect(await page.evaluate('typeof require + " " + typeof process')).toBe('undefined undefined');
  });

  it('creates the trust on first run and signs in', async () => {
    await page.getByRole('heading', { name: 'Set up Custodian' }).waitFor();
    await page.getByLabel('Trust name').fill('Pendle Education Trust');
    await page.getByLabel('Your name').fill('Alex Admin');
    await page.getByLabel('Your work email').fill('alex.admin@trust.example');
    await page.getByLabel('Choose a passphrase').fill('correct horse battery');
    await page.getByLabel('Type the passphrase again').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create the trust' }).click();
    await page.getByRole('heading', { name: 'Make the recovery kit' }).waitFor();
    await page.getByRole('button', { name: 'Later' }).click();
    await page.getByRole('heading', { name: 'Pendle Education Trust is set up' }).waitFor();
    expect(existsSync(join(dataDir, 'custodian.sqlite3'))).toBe(true);
  });

  it('stays on app:// when the page tries to leave, and opens no window', async () => {
    await page.evaluate('location.href = "https://example.org/"').catch(() => undefined);
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/^app:\/\/custodian\//);
    expect(await page.evaluate('window.open("https://x.com/login") === null')).toBe(true);
    expect(app.windows()).toHaveLength(1);
  });

  it('locks with Ctrl+L and asks for the passphrase again', async () => {
    await page.keyboard.press('Control+L');
    await page.getByLabel(/^Passphrase/).waitFor();
  });
});
