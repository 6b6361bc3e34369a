import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseTotpInput, totpCode } from '../../electron/core/credentials/totp';
import { openScreen, signInTo } from '../support/e2e-actions';
import { launchE2eBrowser, type E2eApp, type E2eBrowser } from '../support/e2e-harness';
import { CHANNEL_PASSWORD, createExampleTrust, HOLDER_CHANNEL, NON_HOLDER, SUMMER_MORNING, TOTP_SECRET } from '../support/e2e-trust';
import { ADMIN, value, type TestVault } from '../support/test-vault';

async function openChannels(page: Page): Promise<void> {
  await openScreen(page, 'Channels');
}

describe('channels and their login details', () => {
  let browser: E2eBrowser;
  let vault: TestVault;
  let app: E2eApp | null = null;

  beforeAll(async () => {
    [browser, vault] = await Promise.all([launchE2eBrowser(), createExampleTrust()]);
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

  it('lists every channel with its platform, school, 2FA state, stored secrets and holders', async () => {
    app = await browser.openApp(vault.core);
    const { page } = app;
    await signInTo(page, ADMIN.email, ADMIN.passphrase);
    await openChannels(page);
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('button', { name: 'Channels' }).getAttribute('aria-current')).toBe('page');

    const rows = page.getByRole('table').getByRole('row');
    expect(await rows.count()).toBe(16); // the header and 15 channels
    const pet = page.getByRole('row', { name: /PET Twitter/ });
    for (const text of ['@pendleeducation', 'X (Twitter)', 'Trust', 'On', 'Password, 2FA secret', ADMIN.name]) await pet.getByText(text, { exact: true }).waitFor();
    const school = page.getByRole('row', { name: /Pendle Primary Academy Twitter/ });
    for (const text of ['@SHINEatPPA', 'Pendle Primary Academy', 'Off', 'Nothing yet', 'Nobody', 'Nothing to open']) await school.getByText(text, { exact: true }).waitFor();
    await app.screenshot('channels');
    await app.expectAccessible('the channels list');

    await page.getByLabel('Find a channel').fill('west craven');
    expect(await rows.count()).toBe(3);
    await page.getByLabel('Find a channel').fill('nothing like this');
    await page.getByText('No channel matches that search.').waitFor();
  });

  it('gives a holder the current 2FA code after asking why, and shows the password for a while', async () => {
    app = await browser.openApp(vault.core);
    const { page } = app;
    await signInTo(page, ADMIN.email, ADMIN.passphrase);
    await openChannels(page);

    await page.getByRole('button', { name: `Get 2FA code for ${HOLDER_CHANNEL.name}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Get a 2FA code' });
    await dialog.getByLabel('Why do you need it?').waitFor();
    await dialog.getByRole('button', { name: 'Get 2FA code' }).click();
    await dialog.getByText('Say in a few words why you need it.').waitFor();
    await app.screenshot('totp-reason', { fullPage: false });
    await app.expectAccessible('the reason dialog');

    await dialog.getByLabel('Why do you need it?').fill('Posting the summer fair photos');
    await dialog.getByRole('button', { name: 'Get 2FA code' }).click();
    const code = dialog.getByRole('status', { name: '2FA code' });
    await code.waitFor();
    const expected = await totpCode(parseTotpInput(TOTP_SECRET), SUMMER_MORNING.getTime());
    expect(await code.textContent()).toBe(expected.code);
    expect(expected.code).toMatch(/^\d{6}$/);
    await dialog.getByText(/Type it in within \d+ seconds?\./).waitFor();
    await app.screenshot('totp-code', { fullPage: false });
    await app.expectAccessible('the 2FA code');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: `Reveal password for ${HOLDER_CHANNEL.name}` }).click();
    const reveal = page.getByRole('dialog', { name: 'Reveal the password' });
    await reveal.getByLabel('Why do you need it?').fill('Signing in on the new office laptop');
    await reveal.getByRole('button', { name: 'Reveal password' }).click();
    const password = reveal.getByRole('status', { name: 'Password' });
    expect(await password.textContent()).toBe(CHANNEL_PASSWORD);
    await reveal.getByText(/Hidden again in \d+ seconds?\./).waitFor();
    await app.screenshot('password-revealed', { fullPage: false });
    await reveal.getByRole('button', { name: 'Hide it now' }).click();
    await reveal.getByText('The password is hidden again.', { exact: false }).waitFor();
    expect(await reveal.getByText(CHANNEL_PASSWORD).count()).toBe(0);
    await reveal.getByRole('button', { name: 'Close', exact: true }).click();

    // Both uses are on the dashboard, in UK time: 09:30 UTC on 1 July is 10:30 British Summer Time.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Dashboard' }).click();
    const recent = page.getByRole('region', { name: 'Recent use of login details' });
    const codeRow = recent.getByRole('row', { name: /Got a 2FA code/ });
    for (const text of ['Wed, 1 Jul 2026, 10:30', ADMIN.email, HOLDER_CHANNEL.name, 'Posting the summer fair photos', 'Allowed']) await codeRow.getByText(text, { exact: true }).waitFor();
    await recent.getByRole('row', { name: /Revealed login details/ }).getByText('Signing in on the new office laptop').waitFor();
    await app.screenshot('dashboard-recent-use');
    await app.expectAccessible('the dashboard with recent use');
  });

  it('refuses someone who does not hold the channel, with the core’s reason, and records the attempt', async () => {
    app = await browser.openApp(vault.core);
    const { page } = app;
    await signInTo(page, NON_HOLDER.email, NON_HOLDER.passphrase);
    await openChannels(page);
    await page.getByRole('button', { name: `Get 2FA code for ${HOLDER_CHANNEL.name}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Get a 2FA code' });
    await dialog.getByLabel('Why do you need it?').fill('Checking the account');
    await dialog.getByRole('button', { name: 'Get 2FA code' }).click();
    const alert = dialog.getByRole('alert');
    await alert.getByText('Not allowed').waitFor();
    await alert
      .getByText(`You do not hold the login details of ${HOLDER_CHANNEL.ref}. Ask an administrator to grant you access; this attempt was recorded.`)
      .waitFor();
    expect(await dialog.getByRole('status', { name: '2FA code' }).count()).toBe(0);
    await app.screenshot('totp-refused', { fullPage: false });
    await app.expectAccessible('the refusal');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();

    const events = value(await vault.call(vault.admin, 'audit.list', { channel: HOLDER_CHANNEL.ref, actor: NON_HOLDER.email }));
    expect(events).toEqual([expect.objectContaining({ action: 'totp.code', outcome: 'denied', reason: 'Checking the account' })]);
  });
});
