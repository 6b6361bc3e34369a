import Database from 'better-sqlite3';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseTotpInput, totpCode } from '../../electron/core/credentials/totp';
import { openScreen } from '../support/e2e-actions';
import { useE2e } from '../support/e2e-fixture';
import { CHANNEL_PASSWORD, HOLDER_CHANNEL, NON_HOLDER, SUMMER_MORNING, TOTP_SECRET } from '../support/e2e-trust';
import { databasePath } from '../../electron/core/vault/data-dir';
import { qrImageSource } from '../support/qr-image';
import { ADMIN, recordingClipboard, value } from '../support/test-vault';

/** On the Channels screen, opens a channel's window. */
async function openChannel(page: Page, name: string): Promise<Locator> {
  await page.getByRole('button', { name: `Open ${name}` }).click();
  const dialog = page.getByRole('dialog', { name });
  await dialog.waitFor();
  return dialog;
}

async function giveReason(dialog: Locator, reason: string): Promise<void> {
  await dialog.getByLabel('Why do you need it?').fill(reason);
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await dialog.getByRole('button', { name: 'Change reason' }).waitFor();
}

describe('channels and their login details', () => {
  const clipboard = recordingClipboard();
  const QR_LINK = 'otpauth://totp/PET:pendleeducationtrust?secret=KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ&issuer=PET';
  // The vault clock goes back to SUMMER_MORNING after each test (the fixture's afterEach).
  const e2e = useE2e({ vault: 'example', sinks: { clipboard, imageSource: qrImageSource(QR_LINK) } });

  it('lists every channel with its platform, school, 2FA state, stored secrets and holders', async () => {
    const { app, page } = await e2e.openScreenAs('admin', 'Channels');
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('button', { name: 'Channels' }).getAttribute('aria-current')).toBe('page');

    const rows = page.getByRole('table').getByRole('row');
    expect(await rows.count()).toBe(16); // the header and 15 channels
    const pet = page.getByRole('row', { name: /PET Twitter/ });
    for (const text of ['@pendleeducation', 'X (Twitter)', 'Trust', 'On', 'Password, 2FA secret', ADMIN.name]) await pet.getByText(text, { exact: true }).waitFor();
    const school = page.getByRole('row', { name: /Pendle Primary Academy Twitter/ });
    for (const text of ['@SHINEatPPA', 'Pendle Primary Academy', 'Off', 'Nothing yet', 'Nobody']) await school.getByText(text, { exact: true }).waitFor();
    await app.screenshot('channels');
    await app.expectAccessible('the channels list');

    // Ctrl+K, or "/" outside a field, jumps to the search.
    await page.getByRole('heading', { name: 'Channels', level: 1 }).click();
    await page.keyboard.press('Control+K');
    expect(await page.getByLabel('Find a channel').evaluate((el: { matches(selector: string): boolean }) => el.matches(':focus'))).toBe(true);
    await page.keyboard.type('west craven');
    expect(await rows.count()).toBe(3);
    await page.getByRole('heading', { name: 'Channels', level: 1 }).click();
    await page.keyboard.press('/');
    await page.keyboard.type('nothing like this');
    await page.getByText('No channel matches that search.').waitFor();
  });

  it('asks a holder why once, then gives the 2FA code, shows the password for a while and copies it without showing it', async () => {
    const { app, page } = await e2e.openScreenAs('admin', 'Channels');
    const dialog = await openChannel(page, HOLDER_CHANNEL.name);
    const login = dialog.getByRole('link', { name: 'Open the X (Twitter) sign-in page' });
    expect(await login.getAttribute('href')).toBe('https://x.com/login');
    expect(await login.getAttribute('target')).toBe('_blank');

    expect(await dialog.getByText('You do not hold these login details').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await dialog.getByText('Say in a few words why you need it.').waitFor();
    await app.screenshot('channel-reason', { fullPage: false });
    await app.expectAccessible('the reason form');
    await giveReason(dialog, 'Posting the summer fair photos');

    await dialog.getByRole('button', { name: 'Get 2FA code' }).click();
    const code = dialog.getByRole('status', { name: '2FA code', exact: true });
    await code.waitFor();
    const expected = await totpCode(parseTotpInput(TOTP_SECRET), SUMMER_MORNING.getTime());
    expect(await code.textContent()).toBe(expected.code);
    await dialog.getByText(/Type it in within \d+ seconds?\./).waitFor();
    await app.screenshot('totp-code', { fullPage: false });
    await app.expectAccessible('the 2FA code');

    await dialog.getByRole('button', { name: 'Reveal the password' }).click();
    const password = dialog.getByRole('status', { name: 'Password' });
    expect(await password.textContent()).toBe(CHANNEL_PASSWORD);
    await dialog.getByText(/Hidden again in \d+ seconds?\./).waitFor();
    await app.screenshot('password-revealed', { fullPage: false });
    await dialog.getByRole('button', { name: 'Hide it now' }).click();
    await dialog.getByText('Password hidden again.', { exact: false }).waitFor();
    expect(await page.getByText(CHANNEL_PASSWORD).count()).toBe(0);

    // Copy: main puts it on the clipboard; the page is only told that it was done.
    const copiedBefore = clipboard.copied.length;
    await dialog.getByRole('button', { name: 'Copy the password' }).click();
    await dialog.getByRole('status').filter({ hasText: 'Password copied.' }).waitFor();
    expect(clipboard.copied.slice(copiedBefore)).toEqual([CHANNEL_PASSWORD]);
    expect(await page.content()).not.toContain(CHANNEL_PASSWORD);
    await app.expectAccessible('the copied notice');

    // Closed and opened again within two minutes: the reason still covers the channel.
    await dialog.getByRole('button', { name: 'Close this window' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const again = await openChannel(page, HOLDER_CHANNEL.name);
    await again.getByText('Posting the summer fair photos', { exact: true }).waitFor();
    expect(await again.getByLabel('Why do you need it?').count()).toBe(0);
    await again.getByRole('button', { name: 'Get 2FA code' }).click();
    await again.getByRole('status', { name: '2FA code', exact: true }).waitFor();
    // "Change reason" asks again.
    await again.getByRole('button', { name: 'Change reason' }).click();
    await again.getByLabel('Why do you need it?').waitFor();
    // And so do two minutes: a reason given, then the page's clock moved on past the cover.
    await giveReason(again, 'Replying to a parent');
    await page.clock.install();
    await page.clock.fastForward('02:01');
    await again.getByLabel('Why do you need it?').waitFor();
    await again.getByRole('button', { name: 'Close this window' }).click();

    // Each use was recorded on its own, with the reason.
    const uses = value(await e2e.vault.call(e2e.vault.admin, 'audit.list', { channel: HOLDER_CHANNEL.ref, actor: ADMIN.email }))
      .filter((e) => e.reason === 'Posting the summer fair photos')
      .map((e) => [e.action, e.outcome]);
    expect(uses).toEqual([
      ['totp.code', 'ok'],
      ['secret.copy', 'ok'],
      ['secret.reveal', 'ok'],
      ['totp.code', 'ok'],
    ]);

    // Both kinds of use are on the dashboard, in UK time: 09:30 UTC on 1 July is 10:30 British Summer Time.
    await openScreen(page, 'Dashboard');
    const recent = page.getByRole('region', { name: 'Recent use of login details' });
    const codeRow = recent.getByRole('row', { name: /Got a 2FA code/ }).first();
    for (const text of ['Wed, 1 Jul 2026, 10:30', ADMIN.email, HOLDER_CHANNEL.name, 'Posting the summer fair photos', 'Allowed']) await codeRow.getByText(text, { exact: true }).waitFor();
    await recent.getByRole('row', { name: /Copied login details/ }).first().waitFor();
    await app.screenshot('dashboard-recent-use');
  });

  it('shows the next 2FA code when the current one has under five seconds left, then moves on to it', async () => {
    // 27 s into a 30 s period: the current code has 3 s left.
    const late = new Date(SUMMER_MORNING.getTime() + 27_000);
    e2e.vault.clock.set(late);
    // The window's clock runs (it is not held at the vault's): the countdown has to reach zero.
    const { app, page } = await e2e.openScreenAs('admin', 'Channels', { now: null });
    const dialog = await openChannel(page, HOLDER_CHANNEL.name);
    await giveReason(dialog, 'Signing in on the office laptop');
    await dialog.getByRole('button', { name: 'Get 2FA code' }).click();
    const config = parseTotpInput(TOTP_SECRET);
    const current = await totpCode(config, late.getTime());
    const next = await totpCode(config, SUMMER_MORNING.getTime() + 30_000);
    expect(current.secondsLeft).toBe(3);
    expect(await dialog.getByRole('status', { name: '2FA code', exact: true }).textContent()).toBe(current.code);
    expect(await dialog.getByRole('status', { name: 'Next 2FA code' }).textContent()).toBe(next.code);
    await app.screenshot('totp-next-code', { fullPage: false });
    await app.expectAccessible('the next code');
    // When the current code runs out, the next one takes its place.
    await dialog.getByText(/Type it in within (2\d|30) seconds\./).waitFor({ timeout: 6_000 });
    expect(await dialog.getByRole('status', { name: '2FA code', exact: true }).textContent()).toBe(next.code);
    expect(await dialog.getByRole('status', { name: 'Next 2FA code' }).count()).toBe(0);
  });

  it('refuses someone who does not hold the channel, with the core’s reason, and records the attempt', async () => {
    const { app, page } = await e2e.openScreenAs('non-holder', 'Channels');
    const dialog = await openChannel(page, HOLDER_CHANNEL.name);
    // The window says so up front; the core is what refuses.
    await dialog.getByText('You do not hold these login details').waitFor();
    await giveReason(dialog, 'Checking the account');
    await dialog.getByRole('button', { name: 'Get 2FA code' }).click();
    const alert = dialog.getByRole('alert');
    await alert.getByText('Not allowed').waitFor();
    await alert
      .getByText(`You do not hold the login details of ${HOLDER_CHANNEL.ref}. Ask an administrator to grant you access; this attempt was recorded.`)
      .waitFor();
    expect(await dialog.getByRole('status', { name: '2FA code', exact: true }).count()).toBe(0);
    // A poster cannot change what is stored.
    expect(await dialog.getByRole('heading', { name: 'Change what is stored' }).count()).toBe(0);
    await app.screenshot('totp-refused', { fullPage: false });
    await app.expectAccessible('the refusal');

    const events = value(await e2e.vault.call(e2e.vault.admin, 'audit.list', { channel: HOLDER_CHANNEL.ref, actor: NON_HOLDER.email }));
    expect(events).toEqual([expect.objectContaining({ action: 'totp.code', outcome: 'denied', reason: 'Checking the account' })]);
  });

  it('lets an administrator store and change a channel’s password and 2FA key, and names a bad key', async () => {
    const channel = { name: 'Pendle Primary Academy Twitter', ref: 'x:@SHINEatPPA' };
    const { app, page } = await e2e.openScreenAs('admin', 'Channels');
    const dialog = await openChannel(page, channel.name);
    await dialog.getByText('No login details are stored for this channel yet.').waitFor();

    await dialog.getByRole('button', { name: 'Set the password' }).click();
    await dialog.getByLabel('New password').fill('Kingfisher-Meadow-77');
    await dialog.getByLabel('Type it again').fill('Kingfisher-Meadow-78');
    await dialog.getByRole('button', { name: 'Store the password' }).click();
    await dialog.getByText('The two passwords are not the same.').waitFor();
    await dialog.getByLabel('Type it again').fill('Kingfisher-Meadow-77');
    await dialog.getByRole('button', { name: 'Store the password' }).click();
    await dialog.getByText(`The password for ${channel.name} was stored.`).waitFor();
    await dialog.getByRole('button', { name: 'Change the password' }).waitFor();

    await dialog.getByRole('button', { name: 'Set the 2FA key' }).click();
    await dialog.getByLabel('Setup key or otpauth:// link').fill('not a key at all');
    await dialog.getByRole('button', { name: 'Store the 2FA key' }).click();
    const refusal = dialog.getByRole('alert');
    await refusal.getByText('Not stored').waitFor();
    expect(await refusal.textContent()).not.toContain('not a key at all');
    await app.screenshot('secret-editor-refused', { fullPage: false });
    await app.expectAccessible('the secret editor');
    await dialog.getByLabel('Setup key or otpauth:// link').fill('otpauth://totp/PPA:shineatppa?secret=JBSWY3DPEHPK3PXP&issuer=PPA');
    await dialog.getByRole('button', { name: 'Store the 2FA key' }).click();
    await dialog.getByText(`The 2FA key for ${channel.name} was stored.`).waitFor();
    await dialog.getByRole('button', { name: 'Close this window' }).click();

    const row = page.getByRole('row', { name: new RegExp(channel.name) });
    await row.getByText('Password, 2FA secret', { exact: true }).waitFor();
    const trail = value(await e2e.vault.call(e2e.vault.admin, 'audit.list', { channel: channel.ref })).map((e) => [e.action, e.outcome, e.details.kind]);
    expect(trail).toEqual(
      expect.arrayContaining([
        ['secret.set', 'ok', 'password'],
        ['secret.set', 'ok', 'totp'],
      ]),
    );
    expect(JSON.stringify(trail)).not.toContain('Kingfisher');

    // A QR code: main reads the image (here, stand-ins for its file dialog and clipboard) and
    // the core decodes it; the key never passes through the page.
    const instagram = await openChannel(page, 'PET Instagram');
    await instagram.getByRole('button', { name: 'Set the 2FA key' }).click();
    await instagram.getByRole('button', { name: 'From the clipboard' }).click();
    await instagram.getByRole('alert').filter({ hasText: 'Not stored' }).waitFor();
    await instagram.getByRole('button', { name: 'From an image file…' }).click();
    await instagram.getByText('The 2FA key for PET Instagram was read from the QR code and stored.').waitFor();
    await app.screenshot('totp-from-qr', { fullPage: false });
    expect(await page.content()).not.toContain('KRSXG5CTMVRXEZLU');
    const qrTrail = value(await e2e.vault.call(e2e.vault.admin, 'audit.list', { channel: 'instagram:@pendleeducationtrust' })).map((e) => [e.action, e.outcome, e.details.from ?? null]);
    // Storing it made the administrator a holder, audited as a grant beside the set.
    expect(qrTrail.slice(0, 3)).toEqual([
      ['secret.set', 'ok', 'qr'],
      ['access.grant', 'ok', null],
      ['secret.set', 'error', 'qr'],
    ]);
  });

  it('says which channel is due a new password after a revoke, and which has not moved to holders’ keys yet', async () => {
    // A holder removed: the channel is due a new value (they may have seen the old one).
    value(await e2e.vault.call(e2e.vault.admin, 'access.grant', { channel: HOLDER_CHANNEL.ref, email: NON_HOLDER.email }));
    value(await e2e.vault.call(e2e.vault.admin, 'access.revoke', { channel: HOLDER_CHANNEL.ref, email: NON_HOLDER.email, reason: 'Moved school' }));
    // A secret from a vault made before holders' keys, on a channel nobody holds (so no sign-in here moves it).
    const db = new Database(databasePath(e2e.vault.dataDir));
    db.prepare(
      "INSERT INTO secrets (channel_id, kind, storage, set_at, set_by) SELECT id, 'password', 'keychain', '2026-06-01T09:00:00.000Z', 1 FROM channels WHERE platform = 'linkedin' AND handle = '@pendleeducationtrust'",
    ).run();
    db.close();

    const { app, page } = await e2e.openScreenAs('admin', 'Channels');
    await page.getByRole('row', { name: /PET Twitter/ }).getByText('Rotation due since 1 Jul 2026', { exact: true }).waitFor();
    await page.getByRole('row', { name: /PET LinkedIn/ }).getByText("Not yet moved to holders' keys", { exact: true }).waitFor();
    await app.screenshot('channels-key-notes');

    const twitter = await openChannel(page, HOLDER_CHANNEL.name);
    const due = twitter.getByRole('note').filter({ hasText: 'Rotation due' });
    await due.getByText('A holder was removed on 1 Jul 2026; set a new password on the platform, then here.').waitFor();
    await app.screenshot('channel-rotation-due', { fullPage: false });
    await app.expectAccessible('the rotation-due note');
    await twitter.getByRole('button', { name: 'Close this window' }).click();

    const linkedin = await openChannel(page, 'PET LinkedIn');
    await linkedin.getByText("Not yet moved to holders' keys: moves when a holder next signs in.").waitFor();
    await app.screenshot('channel-not-moved', { fullPage: false });
  });
});
