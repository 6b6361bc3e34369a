import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeHandle } from '../fakes/fake-server';
import { YouTubeFake } from '../fakes/youtube.fake';
import { openScreen, signInTo } from '../support/e2e-actions';
import { launchE2eBrowser, type E2eBrowser } from '../support/e2e-harness';
import { createExampleTrust } from '../support/e2e-trust';
import { ADMIN, value, type TestVault } from '../support/test-vault';

const SAM = { name: 'Sam Poster', email: 'sam@ppa.example', passphrase: 'poster passphrase 1' };
const YT = 'youtube:@PendlePrimaryAcademy';
const TOKEN = 'ya29.e2e-youtube-4a39281706f5e4d3c2b1a0-secret';
const CHECKED = { adultsConsented: true, rightsConfirmed: true, dosAndDontsAcknowledged: true };
const VIDEO = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(20_000, 3)]);

/** A video YouTube locked private (the trust's Google project is not audited), as the Posts screen shows it. */
describe('the posts screen: a YouTube upload locked private', () => {
  let browser: E2eBrowser;
  let vault: TestVault;
  let server: FakeHandle;
  const yt = new YouTubeFake('UCppa00000000000000000000', TOKEN);

  beforeAll(async () => {
    yt.projectAudited = false;
    [browser, vault, server] = await Promise.all([launchE2eBrowser(), createExampleTrust({ publishing: { requestTimeoutMs: 2_000, uploadTimeoutMs: 2_000, sleep: () => Promise.resolve() } }), yt.start()]);
    value(await vault.call(vault.admin, 'person.add', { ...SAM, role: 'staff', school: 'PPA', consoleRole: 'poster' }));
    value(await vault.call(vault.admin, 'training.record', { email: SAM.email, on: '2026-06-01' }));
    const sam = await vault.signIn(SAM.email, SAM.passphrase);
    value(await vault.call(vault.admin, 'channel.connectVia', { channel: YT, token: TOKEN, accountId: yt.channelId, apiBase: yt.base }));
    const created = value(
      await vault.call(sam, 'post.create', {
        channels: [YT],
        text: 'Highlights from our sports day.',
        outcome: 'Share sports day with families who could not come',
        pupils: 'none',
        variants: [{ channel: YT, title: 'Sports day 2026' }],
        media: [{ name: 'sports-day.mp4', mediaType: 'video/mp4', contentBase64: VIDEO.toString('base64') }],
        checklist: CHECKED,
        at: 'now',
      }),
    );
    value(await vault.call(vault.admin, 'post.approve', { id: created.id, checklist: { confirmed: true } }));
    expect(value(await vault.call(vault.admin, 'scheduler.runOnce', {})).results.map((r) => r.state)).toEqual(['remote_created', 'published']);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await vault?.close();
    expect(yt.problems).toEqual([]);
  });

  it('shows the channel as published but not public, with what to do, and no link to the video', async () => {
    const app = await browser.openApp(vault.core);
    try {
      const { page } = app;
      await page.clock.setFixedTime(vault.clock.now());
      await signInTo(page, ADMIN.email, ADMIN.passphrase);
      await openScreen(page, 'Posts');
      const row = page.getByRole('table', { name: 'Posts' }).getByRole('row').filter({ hasText: 'Share sports day with families' });
      await expect
        .poll(() => row.innerText())
        .toMatch(/Pendle Primary Academy YouTube\s+Published, not public[\s\S]*Private: your Google project is not audited\. YouTube locked the video to private.*upload it again in YouTube Studio/);
      await app.screenshot('posts-youtube-private');

      await row.getByRole('button', { name: 'Share sports day with families who could not come' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Published, but not public: what to do').waitFor();
      expect(await dialog.innerText()).toMatch(/Out on every channel, but not public on all of them[\s\S]*Published, not public[\s\S]*Private: your Google project is not audited/);
      expect(await page.locator('a[href*="youtube.com/watch"]').count()).toBe(0);
      expect(await page.content()).not.toContain('youtube.com/watch');
      await app.screenshot('posts-youtube-private-detail', { fullPage: false });
      await app.expectAccessible('a post YouTube locked private');
    } finally {
      await app.close();
    }
  });
});
