import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openScreen, signInTo } from '../support/e2e-actions';
import { useE2e } from '../support/e2e-fixture';
import { CORE_AUDITOR, NON_HOLDER } from '../support/e2e-trust';
import { databasePath } from '../../electron/core/vault/data-dir';
import { kitPdfText } from '../support/recovery-kit-text';
import { scriptedPicker } from '../support/scripted-picker';
import { ADMIN, tempDir, value } from '../support/test-vault';

const WINDOW_METHODS = ['recovery.kitStatus', 'recovery.createKitInChosenFolder', 'recovery.revealWords', 'recovery.confirmKit'] as const;

describe('the recovery kit on the Data page', () => {
  let out: ReturnType<typeof tempDir>;
  const picker = scriptedPicker();
  // A vault for each test: each makes (or must not find) the one recovery kit a vault has.
  const e2e = useE2e({ vault: 'example', sinks: { folderPicker: picker }, people: [CORE_AUDITOR], perTest: true });
  beforeEach(() => {
    out = tempDir('custodian-e2e-kit-');
  });
  afterEach(() => {
    picker.answers.splice(0);
    picker.asked.splice(0);
    out.remove();
  });

  const kitFindings = async () => value(await e2e.vault.call(e2e.vault.admin, 'compliance.report', {})).findings.filter((f) => f.ruleId === 'recovery-kit');

  it('offers the kit at the first administrator sign-in of a vault from before it; Later goes on to the dashboard, and it is not offered again', async () => {
    // A vault from before the kit has no offer on record (init records one: its first run is the offer).
    const db = new Database(databasePath(e2e.vault.dataDir));
    db.prepare('DELETE FROM recovery_kit_offer').run();
    db.close();
    const app = await e2e.openApp();
    const { page } = app;
    await page.getByLabel('Email address').fill(ADMIN.email);
    await page.getByLabel(/^Passphrase/).fill(ADMIN.passphrase);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Make the recovery kit' }).waitFor();
    await page.getByText(/has no recovery kit yet/).waitFor();
    await app.screenshot('sign-in-offers-recovery-kit');
    await app.expectAccessible('the recovery kit offered at sign-in');
    await page.getByRole('button', { name: 'Later' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    expect(value(await e2e.vault.call(e2e.vault.admin, 'audit.list', { action: 'recovery.kit_offered' }))).toEqual([expect.objectContaining({ actor: ADMIN.email })]);
    expect(await kitFindings()).toHaveLength(1);

    await page.reload();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    // Offered once: this sign-in goes straight to the dashboard.
    await signInTo(page, ADMIN.email, ADMIN.passphrase);
  });

  it('lets an administrator make the kit once, then says when and by whom', async () => {
    const { app, page } = await e2e.openScreenAs('admin', 'Data');
    const card = page.getByRole('region', { name: 'Recovery kit' });
    await card.getByText('No recovery kit yet.').waitFor();
    await card.getByText('Not made', { exact: true }).waitFor();
    await app.screenshot('data-recovery-kit-none');
    await app.expectAccessible('the Data page without a recovery kit');

    picker.answers.push(out.path);
    await card.getByRole('button', { name: 'Save the kit as PDF…' }).click();
    await card.getByRole('status').filter({ hasText: 'Recovery kit saved' }).waitFor();
    // 09:30 UTC on 1 July 2026 is that day in the UK too.
    await card.getByText(/Made on\s+1 Jul 2026\s+by\s+Alex Admin\./).waitFor();
    await card.getByText('Made', { exact: true }).waitFor();
    const [file = ''] = readdirSync(out.path);
    expect(file).toBe('custodian-recovery-kit-2026-07-01.pdf');
    expect(statSync(join(out.path, file)).mode & 0o777).toBe(0o600);
    const checksum = /Checksum words\s+(\w+ \w+ \w+)/.exec(kitPdfText(join(out.path, file)))?.[1] ?? '';
    await card.getByText(new RegExp(`checksum words are ${checksum}\\.`)).waitFor();
    await card.getByLabel('Checksum words on the printed kit').fill(checksum);
    await card.getByRole('button', { name: 'Check', exact: true }).click();
    await card.getByText(/The checksum words match/).waitFor();
    await app.screenshot('data-recovery-kit-made');
    expect(await kitFindings()).toEqual([]);

    // Another visit: the status, and no way to make a second one.
    await openScreen(page, 'Dashboard');
    await openScreen(page, 'Data');
    await card.getByText(/Made on\s+1 Jul 2026\s+by\s+Alex Admin\./).waitFor();
    expect(await card.getByRole('button', { name: 'Save the kit as PDF…' }).count()).toBe(0);
    // A page that asks anyway gets the core's refusal, and no dialog opens.
    const again = await page.evaluate("window.custodian.invoke('recovery.createKitInChosenFolder', {})");
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('A recovery kit already exists') as unknown } });
    expect(picker.asked).toEqual(['recovery-kit']);
    await app.screenshot('data-recovery-kit-status');
  });

  it('shows an auditor the status only', async () => {
    const { app, page } = await e2e.openScreenAs('core-auditor', 'Data');
    const card = page.getByRole('region', { name: 'Recovery kit' });
    await card.getByText('No recovery kit yet. An administrator of the trust can make it here.').waitFor();
    expect(await card.getByRole('button').count()).toBe(0);
    await app.screenshot('data-recovery-kit-auditor');
    await app.expectAccessible('the recovery kit card for an auditor');

    value(await e2e.vault.call(e2e.vault.admin, 'recovery.createKit', { path: join(out.path, 'kit.pdf') }));
    await openScreen(page, 'Dashboard');
    await openScreen(page, 'Data');
    await card.getByText(/Made on\s+1 Jul 2026\s+by\s+Alex Admin\./).waitFor();
    expect(await card.getByRole('button').count()).toBe(0);
    // The words are an administrator's only, whatever the page asks.
    expect(await page.evaluate("window.custodian.invoke('recovery.revealWords', {})")).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses every kit method to a compromised page signed in as a poster, and audits each', async () => {
    const { page } = await e2e.openScreenAs('non-holder', 'Dashboard');
    picker.answers.push(out.path);
    for (const method of WINDOW_METHODS) {
      const input = method === 'recovery.confirmKit' ? { checksum: 'abandon ability able' } : {};
      // A string, not a function: this project's Node typings have no DOM.
      const result = await page.evaluate(`window.custodian.invoke(${JSON.stringify(method)}, ${JSON.stringify(input)})`);
      expect(result, method).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('console role (poster)') as unknown } });
    }
    // Nothing reached a handler: no dialog, no file, no kit.
    expect(picker.asked).toEqual([]);
    expect(readdirSync(out.path)).toEqual([]);
    expect(value(await e2e.vault.call(e2e.vault.admin, 'recovery.kitStatus', {}))).toEqual({ kit: null });
    const denied = value(await e2e.vault.call(e2e.vault.admin, 'audit.list', { action: 'permission.denied', limit: 100 }));
    expect(denied.map((e) => [e.target, e.actor]).sort()).toEqual(WINDOW_METHODS.map((m) => [m, NON_HOLDER.email]).sort());
  });
});
