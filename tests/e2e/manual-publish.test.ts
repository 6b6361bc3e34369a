import { describe, expect, it } from 'vitest';
import { useE2e } from '../support/e2e-fixture';
import { HOLDER_CHANNEL, POSTER, SUMMER_MORNING, TOTP_SECRET } from '../support/e2e-trust';
import { parseTotpInput, totpCode } from '../../electron/core/credentials/totp';
import { recordingClipboard, value } from '../support/test-vault';
const CHECKED = { adultsConsented: true, rightsConfirmed: true, dosAndDontsAcknowledged: true };
const OUTCOME = 'Tell families the summer fair opens at 3pm today';
const TEXT = 'The summer fair opens at 3pm today on the school field.\nCome and join us!';

describe('publishing a post by hand', () => {
  let postId = 0;
  const clipboard = recordingClipboard();
  const e2e = useE2e({
    vault: 'example',
    sinks: { clipboard },
    people: [POSTER],
    seed: async (vault) => {
      const sam = await vault.signIn(POSTER.email, POSTER.passphrase);
      // PET Twitter has no publishing connection: it is published by hand, and the administrator holds its login details.
      value(await vault.call(vault.admin, 'channel.setManual', { channel: HOLDER_CHANNEL.ref, manual: true }));
      const post = value(await vault.call(sam, 'post.create', { channels: [HOLDER_CHANNEL.ref], text: TEXT, outcome: OUTCOME, pupils: 'none', checklist: CHECKED, at: 'now' }));
      value(await vault.call(vault.admin, 'post.approve', { id: post.id, checklist: { confirmed: true } }));
      value(await vault.call(vault.admin, 'scheduler.runOnce', {}));
      postId = post.id;
    },
  });

  it('copies the text, links to the compose page, gives a holder the 2FA code, and records the published post’s address', async () => {
    const { app, page } = await e2e.openScreenAs('admin', 'Posts');
    await page.getByRole('button', { name: OUTCOME }).click();
    const detail = page.getByRole('dialog', { name: `Post ${postId} by Sam Poster` });
    await detail.getByRole('button', { name: `Publish by hand on ${HOLDER_CHANNEL.name}` }).click();

    const dialog = page.getByRole('dialog', { name: `Publish post ${postId} by hand on ${HOLDER_CHANNEL.name}` });
    await dialog.getByRole('region', { name: 'Copy the text' }).getByText('The summer fair opens at 3pm today', { exact: false }).waitFor();
    const compose = dialog.getByRole('link', { name: 'Open X’s compose page' });
    expect(await compose.getAttribute('href')).toBe('https://x.com/compose/post');
    expect(await compose.getAttribute('target')).toBe('_blank');

    // Copy: main puts the text on the clipboard (cleared after 30 s); the page is told it was done.
    await dialog.getByRole('button', { name: 'Copy the text' }).click();
    await dialog.getByRole('status').filter({ hasText: 'Copied; cleared from the clipboard in 30 seconds.' }).waitFor();
    expect(clipboard.copied).toEqual([TEXT]);
    await app.screenshot('manual-publish', { fullPage: false });
    await app.expectAccessible('the publish-by-hand dialog');

    // Signing in: the holder's 2FA code, after the reason asked for any use of login details.
    await dialog.getByRole('button', { name: 'Need to sign in?' }).click();
    await dialog.getByLabel('Why do you need it?').fill('Publishing the summer fair post by hand');
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await dialog.getByRole('button', { name: 'Get 2FA code' }).click();
    const code = dialog.getByRole('status', { name: '2FA code', exact: true });
    await code.waitFor();
    expect(await code.textContent()).toBe((await totpCode(parseTotpInput(TOTP_SECRET), SUMMER_MORNING.getTime())).code);

    // An address on another site is refused in plain words, and nothing is recorded.
    const address = dialog.getByLabel('Address of the published post');
    await address.fill('https://x.com.example.net/pendleeducation/status/1');
    await dialog.getByRole('button', { name: 'Record as published' }).click();
    await dialog.getByText('The address is on x.com.example.net, not on x.com or twitter.com.', { exact: false }).waitFor();
    await app.screenshot('manual-publish-refused', { fullPage: false });
    const waiting = value(await e2e.vault.call(e2e.vault.admin, 'post.list', {})).find((p) => p.id === postId);
    expect(waiting?.targets[0]).toMatchObject({ state: 'manual', remoteId: null });

    const url = 'https://x.com/pendleeducation/status/1808123456789012345';
    await address.fill(url);
    await dialog.getByRole('button', { name: 'Record as published' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const recorded = value(await e2e.vault.call(e2e.vault.admin, 'post.list', {})).find((p) => p.id === postId);
    expect(recorded).toMatchObject({ publication: 'published', targets: [{ state: 'published', remoteId: url }] });
    await detail.getByText('Published', { exact: false }).first().waitFor();
    const events = value(await e2e.vault.call(e2e.vault.admin, 'audit.list', { limit: 1000 })).map((e) => e.action);
    expect(events).toEqual(expect.arrayContaining(['post.manual_copy', 'totp.code', 'publish.manual_record']));
  });
});
