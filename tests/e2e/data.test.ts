import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { useE2e } from '../support/e2e-fixture';
import { scriptedPicker } from '../support/scripted-picker';
import { ADMIN, tempDir, value } from '../support/test-vault';

const PACK_FILES = ['audit.csv', 'manifest.json', 'manifest.sig', 'review.json', 'review.pdf', 'review.xlsx'];

/** Holds the export at review.pdf until the test has seen the progress bar say so. */
function pdfGate() {
  let release: () => void = () => undefined;
  let reached: () => void = () => undefined;
  const arrived = new Promise<void>((resolve) => (reached = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  return { arrived, released, reach: () => reached(), release: () => release() };
}

describe('the Data page: review pack and backups', () => {
  const picker = scriptedPicker();
  let gate: ReturnType<typeof pdfGate> | null = null;
  const out = tempDir('custodian-e2e-data-');
  const e2e = useE2e({
    vault: 'example',
    sinks: {
      folderPicker: picker,
      reviewProgress: async (step) => {
        if (step.file !== 'review.pdf' || gate === null) return;
        gate.reach();
        await gate.released;
      },
    },
  });
  afterAll(() => out.remove());
  // Runs before the fixture closes the test's app (after-hooks run last registered first).
  afterEach(() => {
    gate?.release();
    gate = null;
    picker.answers.splice(0);
  });

  it('exports the pack to the folder chosen in main’s dialog, with the step on a progress bar, and checks it', async () => {
    const { app, page } = await e2e.openScreenAs('admin', 'Data');
    const section = page.getByRole('region', { name: 'Annual review pack' });
    const defaults = value(await e2e.vault.call(e2e.vault.admin, 'review.defaults', {}));
    // The usual period is filled in (the date fields hold ISO days; Chromium shows them dd/mm/yyyy).
    await expect.poll(() => section.getByLabel('From (UK date)').inputValue()).toBe(defaults.from);
    await expect.poll(() => section.getByLabel('To (UK date)').inputValue()).toBe(defaults.to);
    await section.getByText(/Normally the last 12 months, to today/).waitFor();

    // Closing the dialog does nothing.
    picker.answers.push(null);
    await section.getByRole('button', { name: 'Export…' }).click();
    await section.getByText('No folder was chosen, so nothing was exported.').waitFor();
    expect(readdirSync(out.path)).toEqual([]);

    gate = pdfGate();
    picker.answers.push(out.path);
    await section.getByRole('button', { name: 'Export…' }).click();
    await gate.arrived;
    await section.getByText('Writing review.pdf… (step 1 of 5)').waitFor();
    await section.getByRole('progressbar', { name: 'Review pack export' }).waitFor();
    await app.screenshot('data-export-progress');
    gate.release();

    const saved = section.getByRole('region', { name: 'Review pack saved' });
    await saved.waitFor({ timeout: 30_000 });
    const dir = join(out.path, `custodian-review-${defaults.from}-to-${defaults.to}`);
    expect(readdirSync(dir).sort()).toEqual(PACK_FILES);
    await saved.getByText(dir, { exact: true }).waitFor();
    for (const name of ['review.pdf', 'review.xlsx', 'review.json', 'audit.csv']) await saved.getByRole('row', { name: new RegExp(name.replace('.', '\\.')) }).waitFor();
    expect(await section.getByRole('progressbar').count()).toBe(0);
    await app.screenshot('data-export');
    await app.expectAccessible('the Data page after an export');

    picker.answers.push(dir);
    await section.getByRole('button', { name: 'Check a pack…' }).click();
    await section.getByRole('status').filter({ hasText: 'This review pack is valid' }).waitFor();

    // Someone edits a file after it was signed: the check names it.
    writeFileSync(join(dir, 'review.json'), '{"edited":true}\n');
    picker.answers.push(dir);
    await section.getByRole('button', { name: 'Check a pack…' }).click();
    const invalid = section.getByRole('alert').filter({ hasText: 'This review pack is not valid' });
    await invalid.waitFor();
    await invalid.getByRole('list', { name: 'What is wrong' }).getByText('review.json', { exact: true }).waitFor();
    await app.screenshot('data-verify-invalid');
    expect(picker.asked).toEqual(['review-export', 'review-export', 'review-verify', 'review-verify']);
  }, 90_000);

  it('is not offered to a poster', async () => {
    const { page } = await e2e.openScreenAs('non-holder', 'Dashboard');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('button', { name: 'Calendar' }).waitFor();
    expect(await nav.getByRole('button', { name: 'Data' }).count()).toBe(0);
  });

  it('makes a backup now, moves new backups to a chosen folder, and restores only after saying what it does', async () => {
    const { app, page } = await e2e.openScreenAs('admin', 'Data');
    const section = page.getByRole('region', { name: 'Backups' });
    await section.getByText(join(e2e.vault.dataDir, 'backups')).waitFor();

    await section.getByRole('button', { name: 'Back up now' }).click();
    await section.getByText('Backup made').waitFor();
    const table = section.getByRole('table', { name: 'Backups' });
    // 09:30 UTC on 1 July is 10:30 in the UK (British Summer Time).
    await table.getByRole('row', { name: /Wed, 1 Jul 2026, 10:30.*Made by hand/ }).waitFor();

    const nas = join(out.path, 'nas-backups');
    mkdirSync(nas);
    picker.answers.push(nas);
    await section.getByRole('button', { name: 'Change…' }).click();
    await section.getByText('Backup folder changed').waitFor();
    await section.getByText(nas, { exact: true }).waitFor();
    // The new folder has none yet; the next one goes there.
    await section.getByText(/There are no backups in this folder yet/).waitFor();
    e2e.vault.clock.advance(60 * 60_000);
    await section.getByRole('button', { name: 'Back up now' }).click();
    await table.getByRole('row', { name: /11:30.*Made by hand/ }).waitFor();
    expect(readdirSync(nas).filter((name) => name.endsWith('.sqlite3'))).toHaveLength(1);
    await app.screenshot('data-backups');

    // Restore asks first, and Cancel changes nothing.
    await table.getByRole('button', { name: /^Restore the backup taken/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Restore from this backup?' });
    await dialog.getByText(/Every session ends, yours included/).waitFor();
    await dialog.getByText(/The database it replaces is kept in the data folder/).waitFor();
    await app.screenshot('data-restore-confirm', { fullPage: false });
    await app.expectAccessible('the restore confirmation');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(value(await e2e.vault.call(e2e.vault.admin, 'auth.whoami', {})).email).toBe(ADMIN.email);

    await table.getByRole('button', { name: /^Restore the backup taken/ }).click();
    await dialog.getByRole('button', { name: 'Restore and sign everyone out' }).click();
    const done = page.getByRole('dialog', { name: 'The backup has been restored' });
    await done.getByText(/custodian\.sqlite3\.replaced-/).waitFor();
    const replaced = readdirSync(e2e.vault.dataDir).find((name) => name.includes('.replaced-'));
    expect(replaced && existsSync(join(e2e.vault.dataDir, replaced))).toBe(true);
    // Every session ended, the test's own too.
    expect(await e2e.vault.call(e2e.vault.admin, 'auth.whoami', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    await done.getByRole('button', { name: 'Sign in again' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
  }, 90_000);
});
