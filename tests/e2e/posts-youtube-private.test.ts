import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeHandle } from '../fakes/fake-server';
import { YouTubeFake } from '../fakes/youtube.fake';
import { useE2e } from '../support/e2e-fixture';
import { POSTER } from '../support/e2e-trust';
import { value, type TestVault } from '../support/test-vault';
const YT = 'youtube:@PendlePrimaryAcademy';
const TOKEN = 'ya29.e2e-youtube-4a39281706f5e4d3c2b1a0-secret';
const CHECKED = { adultsConsented: true, rightsConfirmed: true, dosAndDontsAcknowledged: true };
const VIDEO = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(20_000, 3)]);

/** A video YouTube locked private (the trust's Google project is not audited), as the Posts screen shows it. */
describe('the posts screen: a YouTube upload locked private', () => {
  let server: FakeHandle;
  const yt = new YouTubeFake('UCppa00000000000000000000', TOKEN);

  // Before the vault's set-up (which publishes to it); closed after the browser and vault.
  beforeAll(async () => {
    yt.projectAudited = false;
    server = await yt.start();
  });
  afterAll(async () => {
    await server?.close();
    expect(yt.problems).toEqual([]);
  });
  const e2e = useE2e({ vault: 'example', sinks: { publishing: { requestTimeoutMs: 2_000, uploadTimeoutMs: 2_000, sleep: () => Promise.resolve() } }, people: [POSTER], seed: seedPublishedVideo });

  async function seedPublishedVideo(vault: TestVault): Promise<void> {
    const sam = await vault.signIn(POSTER.email, POSTER.passphrase);
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
  }

  it('shows the channel as published but not public, with what to do, and no link to the video', async () => {
    const { app, page } = await e2e.openScreenAs('admin', 'Posts');
    {
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
    }
  });
});
