import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openScreen, signInTo } from '../support/e2e-actions';
import { launchE2eBrowser, type E2eApp, type E2eBrowser } from '../support/e2e-harness';
import { createExampleTrust, NON_HOLDER, SUMMER_MORNING } from '../support/e2e-trust';
import { ADMIN, firstSignInDone, value, type TestVault } from '../support/test-vault';

const AUDITOR = { name: 'Casey Brook', email: 'casey.brook@trust.example', passphrase: 'quiet harbour lamp nine' };

async function openPeople(page: Page): Promise<void> {
  await openScreen(page, 'People');
  await page.getByRole('row', { name: new RegExp(`^${ADMIN.name}`) }).waitFor();
}

describe('training records', () => {
  let browser: E2eBrowser;
  let vault: TestVault;
  let app: E2eApp | null = null;

  /** A window whose clock reads the vault's day (1 July 2026), as the window and the core share one computer. */
  async function openApp(): Promise<E2eApp> {
    const opened = await browser.openApp(vault.core);
    await opened.page.clock.setFixedTime(SUMMER_MORNING);
    return opened;
  }

  beforeAll(async () => {
    [browser, vault] = await Promise.all([launchE2eBrowser(), createExampleTrust()]);
    // The administrator holds a channel's login details; their training ran out on 1 May 2026.
    value(await vault.call(vault.admin, 'training.record', { email: ADMIN.email, on: '2025-05-01' }));
    value(await vault.call(vault.admin, 'person.add', { name: AUDITOR.name, email: AUDITOR.email, role: 'core-team', consoleRole: 'auditor', passphrase: AUDITOR.passphrase }));
    await firstSignInDone(vault, AUDITOR);
  });
  afterAll(async () => {
    await browser?.close();
    await vault?.close();
  });
  afterEach(async () => {
    const closing = app;
    app = null;
    await closing?.close();
  });

  it('flags posters without training in date, and records training given by an administrator', async () => {
    const before = value(await vault.call(vault.admin, 'compliance.report', {}));
    expect(before.findings.some((f) => f.ruleId === 'poster-training' && f.subject.key === NON_HOLDER.email)).toBe(true);

    app = await openApp();
    const { page } = app;
    await signInTo(page, ADMIN.email, ADMIN.passphrase);
    await openPeople(page);
    await page.getByRole('columnheader', { name: 'Training' }).waitFor();
    const poster = page.getByRole('row', { name: new RegExp(`^${NON_HOLDER.name}`) });
    await poster.getByText('No training', { exact: true }).waitFor();
    await poster.getByText('Can post, so must be trained').waitFor();
    const admin = page.getByRole('row', { name: new RegExp(`^${ADMIN.name}`) });
    await admin.getByText('Expired 1 May 2026', { exact: true }).waitFor();
    await admin.getByText('Can post, so must be trained').waitFor();
    await page.getByText('2 people who can post have no training in date.', { exact: false }).waitFor();
    await app.screenshot('people-training');
    await app.expectAccessible('the people list with training');

    await page.getByRole('button', { name: `Record training for ${NON_HOLDER.name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Record training for ${NON_HOLDER.name}` });
    await dialog.getByText('So far: No training', { exact: false }).waitFor();
    expect(await dialog.getByLabel('Date of the training').inputValue()).toBe('2026-07-01');
    const trainer = dialog.getByRole('combobox', { name: 'Trainer' });
    expect(await trainer.inputValue()).toBe(ADMIN.email);
    expect(await trainer.locator('option').allTextContents()).toEqual([ADMIN.name]);

    // A date still to come is refused in the window; nothing reaches the core.
    await dialog.getByLabel('Date of the training').fill('2026-07-15');
    await dialog.getByRole('button', { name: 'Record training' }).click();
    await dialog.getByText('That date is in the future (today is 1 Jul 2026). Record the training once it has happened.').waitFor();
    expect(value(await vault.call(vault.admin, 'training.list', {})).filter((t) => t.personEmail === NON_HOLDER.email)).toEqual([]);
    await app.screenshot('training-record', { fullPage: false });
    await app.expectAccessible('the record-training dialog');

    await dialog.getByLabel('Date of the training').fill('2026-06-29');
    await dialog.getByLabel('Note (optional)').fill('Social media induction with the trust policy');
    await dialog.getByRole('button', { name: 'Record training' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText(`Training recorded for ${NON_HOLDER.name}: trained 29 Jun 2026, it runs out 29 Jun 2027.`).waitFor();
    await poster.getByText('Trained 29 Jun 2026 · runs out 29 Jun 2027', { exact: true }).waitFor();
    await poster.getByText(`by ${ADMIN.name}`).waitFor();
    expect(await poster.getByText('Can post, so must be trained').count()).toBe(0);
    await page.getByText('1 person who can post has no training in date.', { exact: false }).waitFor();

    const records = value(await vault.call(vault.admin, 'training.list', {})).filter((t) => t.personEmail === NON_HOLDER.email);
    expect(records).toEqual([
      expect.objectContaining({ trainedOn: '2026-06-29', trainerEmail: ADMIN.email, note: 'Social media induction with the trust policy', expiresOn: '2027-06-29', inDate: true }),
    ]);
    const after = value(await vault.call(vault.admin, 'compliance.report', {}));
    expect(after.findings.filter((f) => f.ruleId === 'poster-training' && f.subject.key === NON_HOLDER.email)).toEqual([]);
    expect(after.findings.some((f) => f.ruleId === 'poster-training' && f.subject.key === ADMIN.email)).toBe(true);
    const [event] = value(await vault.call(vault.admin, 'audit.list', { action: 'training.record' }));
    expect(event).toMatchObject({ actor: ADMIN.email, outcome: 'ok', details: { trainedOn: '2026-06-29' } });
  });

  it('shows an auditor the training column read-only', async () => {
    app = await openApp();
    const { page } = app;
    await signInTo(page, AUDITOR.email, AUDITOR.passphrase);
    await openPeople(page);
    await page.getByRole('columnheader', { name: 'Training' }).waitFor();
    await page.getByRole('row', { name: new RegExp(`^${ADMIN.name}`) }).getByText('Expired 1 May 2026', { exact: true }).waitFor();
    await page.getByRole('row', { name: new RegExp(`^${AUDITOR.name}`) }).getByText('No training', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: /^Record training/ }).count()).toBe(0);
    await app.screenshot('people-training-read-only');
    await app.expectAccessible('the read-only training column');

    const auditor = await vault.signIn(AUDITOR.email, AUDITOR.passphrase);
    expect(await vault.call(auditor, 'training.record', { email: AUDITOR.email, on: '2026-06-30' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
