import { describe, expect, it } from 'vitest';
import type { MethodInput } from '../../shared/contract/methods';
import { useE2e } from '../support/e2e-fixture';
import { POSTER, SLT_AUDITOR } from '../support/e2e-trust';
import { ADMIN, value, type TestVault } from '../support/test-vault';

const SAM = POSTER;
const PPA_X = 'x:@SHINEatPPA';
const CPA_FACEBOOK = 'facebook:Colne Primet Academy';
const TRUST_X = 'x:@pendleeducation';
const CHECKED = { adultsConsented: true, rightsConfirmed: true, dosAndDontsAcknowledged: true };
/** 13:00 UK time (12:00 UTC) on Wed 1 Jul 2026: the missed post below is more than 2 hours late by then. */
const NOW = new Date('2026-07-01T12:00:00Z');

/** A JPEG-signed file: the core checks the signature, not the picture. */
function jpeg(): string {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2048, 7), Buffer.from([0xff, 0xd9])]).toString('base64');
}

interface Seeded {
  scheduled: number;
  awaiting: number;
  failed: number;
  missed: number;
  toCancel: number;
  draft: number;
}

/**
 * Posts by Sam (POSTER, a trained poster), approved by the administrator through the core: one
 * scheduled, one waiting with pupils in its photo, one failed (its channel is not connected),
 * one missed while Custodian was closed, one to cancel, and a draft.
 */
async function seedPosts(vault: TestVault): Promise<Seeded> {
  const sam = await vault.signIn(SAM.email, SAM.passphrase);
  const create = async (input: Partial<MethodInput<'post.create'>>) =>
    value(
      await vault.call(sam, 'post.create', {
        channels: [PPA_X],
        text: 'Well done to Year 6 on sports day!',
        outcome: 'Celebrate pupils’ achievement at sports day',
        pupils: 'none',
        checklist: CHECKED,
        ...input,
      } as MethodInput<'post.create'>),
    );
  const approve = async (id: number) => value(await vault.call(vault.admin, 'post.approve', { id, checklist: { confirmed: true } }));

  // Due ten minutes after 10:30 UK time, then Custodian "was closed" until 13:00: missed.
  const missed = await create({ text: 'Reminder: the summer fair opens at 3pm today.', outcome: 'Remind parents that the summer fair opens today', at: '2026-07-01T09:40:00Z' });
  await approve(missed.id);
  vault.clock.set(NOW);
  value(await vault.call(vault.admin, 'scheduler.runOnce', {}));

  const failed = await create({ channels: [TRUST_X], text: 'Applications for September are now open: https://pendle.example.org/admissions', outcome: 'Tell parents that applications are open', at: 'now' });
  await approve(failed.id);
  value(await vault.call(vault.admin, 'scheduler.runOnce', {}));

  const scheduled = await create({ at: '2026-07-03T14:00:00Z' });
  await approve(scheduled.id);
  const toCancel = await create({ channels: [CPA_FACEBOOK], text: 'Our choir sings at the town hall on Tuesday.', outcome: 'Invite families to hear the choir', at: '2026-07-07T16:00:00Z' });
  await approve(toCancel.id);
  const awaiting = await create({
    channels: [CPA_FACEBOOK],
    text: 'Reception enjoyed their trip to the farm.',
    outcome: 'Share the farm trip with Reception families',
    pupils: 'present',
    checklist: { ...CHECKED, noListedPupilIdentifiable: true },
    media: [{ name: 'farm-trip.jpg', mediaType: 'image/jpeg', contentBase64: jpeg(), alt: 'Children feeding lambs at the farm' }],
    at: '2026-07-08T08:00:00Z',
  });
  const draft = await create({ channels: [TRUST_X], text: 'Draft: staff vacancies for September.', outcome: 'Recruit teaching assistants for September', checklist: undefined });
  return { scheduled: scheduled.id, awaiting: awaiting.id, failed: failed.id, missed: missed.id, toCancel: toCancel.id, draft: draft.id };
}

describe('the posts screen', () => {
  let ids: Seeded;
  // The window's clock at the vault's (NOW, once seeded: openScreenAs).
  const e2e = useE2e({ vault: 'example', people: [POSTER, SLT_AUDITOR], seed: async (vault) => void (ids = await seedPosts(vault)) });

  const post = async (id: number) => {
    const found = value(await e2e.vault.call(e2e.vault.admin, 'post.list', {})).find((p) => p.id === id);
    if (found === undefined) throw new Error(`no post ${id}`);
    return found;
  };


  it('lists the queue with a badge per channel and failure reasons in plain words, and filters it', async () => {
    const { app, page } = await e2e.openScreenAs('admin', 'Posts');
    const table = page.getByRole('table', { name: 'Posts' });
    const row = (text: string) => table.getByRole('row').filter({ hasText: text });
    await row('Tell parents that applications are open').waitFor();
    expect(await table.getByRole('row').count()).toBe(7);
    await page.getByText('6 posts shown, 1 with a failed channel, 1 to check, 1 waiting for approval.').waitFor();

    // The failed one: its channel's badge, and why, in words (no command line).
    await expect
      .poll(() => row('Tell parents that applications are open').innerText())
      .toMatch(/Wed, 1 Jul 2026, 13:00[\s\S]*PET Twitter\s+Failed[\s\S]*Sam Poster\s+Failed\s+PET Twitter is not connected for publishing, so nothing was sent\. An administrator connects it for publishing, then retries the post\./);
    expect(await row('Tell parents that applications are open').getByText('custodian channel connect').count()).toBe(0);
    // Missed while closed: needs checking, said plainly.
    await expect
      .poll(() => row('Remind parents that the summer fair opens today').innerText())
      .toMatch(/Pendle Primary Academy Twitter\s+Needs checking[\s\S]*Needs checking\s+It was due while Custodian was closed, more than 2 hours ago, so it was not sent\./);
    await expect.poll(() => row('Celebrate pupils’ achievement at sports day').innerText()).toMatch(/Fri, 3 Jul 2026, 15:00[\s\S]*Scheduled[\s\S]*Scheduled\s+None/);
    await expect.poll(() => row('Share the farm trip').innerText()).toMatch(/Colne Primet Academy Facebook\s+Sam Poster\s+Waiting for approval/);
    // No time yet: the draft is at the top.
    await expect.poll(() => table.getByRole('row').nth(1).innerText()).toMatch(/^No time set\s+Recruit teaching assistants[\s\S]*Draft/);
    await app.screenshot('posts-queue');
    await app.expectAccessible('the posts queue');

    // Filters: a school, then a status, then words.
    await page.getByRole('combobox', { name: 'School' }).selectOption({ label: 'Colne Primet Academy' });
    await expect.poll(() => table.getByRole('row').count()).toBe(3);
    await row('Share the farm trip').waitFor();
    await row('Invite families to hear the choir').waitFor();
    await page.getByRole('combobox', { name: 'School' }).selectOption({ label: 'All schools and the trust' });
    await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Failed' });
    await expect.poll(() => table.getByRole('row').count()).toBe(2);
    await row('Tell parents that applications are open').waitFor();
    await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Any status' });
    await page.getByRole('combobox', { name: 'Channel' }).selectOption({ label: 'Pendle Primary Academy Twitter (@SHINEatPPA)' });
    await expect.poll(() => table.getByRole('row').count()).toBe(3);
    await page.getByRole('combobox', { name: 'Channel' }).selectOption({ label: 'All channels' });
    await page.getByLabel('Find').fill('summer fair');
    await expect.poll(() => table.getByRole('row').count()).toBe(2);
    await page.getByLabel('Find').fill('choir town hall');
    await row('Invite families to hear the choir').waitFor();
    await page.getByLabel('Find').fill('nothing like this');
    await page.getByText('No posts match these filters.').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => table.getByRole('row').count()).toBe(7);
  });

  it('places posts on their UK day in the month and the week, with today marked', async () => {
    const { app, page } = await e2e.openScreenAs('admin', 'Posts');
    await page.getByText('Month', { exact: true }).click();
    const month = page.getByRole('table', { name: 'Posts in July 2026' });
    await page.getByRole('heading', { name: 'July 2026' }).waitFor();
    const friday = month.getByRole('cell', { name: 'Fri 3 Jul 2026: 1 post' });
    await friday.getByRole('button', { name: /^15:00 Celebrate pupils’ achievement at sports day: Scheduled, on Pendle Primary Academy Twitter$/ }).waitFor();
    const today = month.getByRole('cell', { name: /^Wed 1 Jul 2026, today: 2 posts$/ });
    expect(await today.getAttribute('aria-current')).toBe('date');
    await today.getByText('Today', { exact: true }).waitFor();
    await month.getByRole('cell', { name: 'Wed 8 Jul 2026: 1 post' }).getByRole('button', { name: /Share the farm trip/ }).waitFor();
    // Monday first, whole weeks: 29 June to 2 August.
    await month.getByRole('cell', { name: 'Mon 29 Jun 2026: no posts' }).waitFor();
    await month.getByRole('cell', { name: 'Sun 2 Aug 2026: no posts' }).waitFor();
    await page.getByText('post has no time yet, so it is in the queue only.').waitFor();
    await app.screenshot('posts-month');
    await app.expectAccessible('the posts month');

    await page.getByRole('button', { name: 'Next month' }).click();
    await page.getByRole('heading', { name: 'August 2026' }).waitFor();
    await page.getByRole('button', { name: 'Today' }).click();
    await page.getByRole('heading', { name: 'July 2026' }).waitFor();

    await page.getByText('Week', { exact: true }).click();
    const week = page.getByRole('table', { name: 'Posts in the week Mon 29 Jun – Sun 5 Jul 2026' });
    await week.getByRole('cell', { name: 'Fri 3 Jul 2026: 1 post' }).getByRole('button', { name: /Celebrate pupils’ achievement/ }).waitFor();
    await week.getByRole('cell', { name: 'Sat 4 Jul 2026: no posts' }).waitFor();
    await app.screenshot('posts-week');
    await app.expectAccessible('the posts week');
    await page.getByRole('button', { name: 'Next week' }).click();
    const next = page.getByRole('table', { name: 'Posts in the week Mon 6 – Sun 12 Jul 2026' });
    await next.getByRole('cell', { name: 'Tue 7 Jul 2026: 1 post' }).getByRole('button', { name: /Invite families to hear the choir/ }).waitFor();

    // A post opens from the calendar too.
    await next.getByRole('button', { name: /Share the farm trip/ }).click();
    await page.getByRole('dialog', { name: `Post ${ids.awaiting} by Sam Poster` }).waitFor();
  });

  it('approves (ticking that no listed pupil shows), cancels and retries from the window, and the core agrees', async () => {
    const { app, page } = await e2e.openScreenAs('admin', 'Posts');

    // Approve: pupils appear, so the administrator confirms none on the no-publish list can be identified.
    await page.getByRole('button', { name: 'Share the farm trip with Reception families' }).click();
    const detail = page.getByRole('dialog', { name: `Post ${ids.awaiting} by Sam Poster` });
    await detail.getByText('Reception enjoyed their trip to the farm.').waitFor();
    await detail.getByText('farm-trip.jpg').waitFor();
    await detail.getByText(/alt text: Children feeding lambs at the farm/).waitFor();
    // Facebook posts links at no extra cost, and this one has none: no X price warning here.
    expect(await detail.getByText(/costs more on X/).count()).toBe(0);
    await detail.getByRole('list', { name: 'Checklist' }).getByText('Done').first().waitFor();
    await app.screenshot('post-detail', { fullPage: false });
    await app.expectAccessible('a post waiting for approval');
    await detail.getByRole('button', { name: 'Approve' }).scrollIntoViewIfNeeded();
    await app.screenshot('post-detail-approve', { fullPage: false });
    await detail.getByLabel('I have checked this post against the checklist and the social media policy').check();
    await detail.getByRole('button', { name: 'Approve' }).click();
    await detail.getByText('Tick the box to say no pupil on the no-publish list can be identified.').waitFor();
    expect((await post(ids.awaiting)).status).toBe('awaiting-approval');
    await detail.getByLabel(/No pupil on the school's no-publish list can be identified/).check();
    await detail.getByRole('button', { name: 'Approve' }).click();
    await detail.getByText(`Approved by ${ADMIN.email}`, { exact: false }).waitFor();
    const approved = await post(ids.awaiting);
    expect(approved).toMatchObject({ status: 'scheduled', approvedBy: ADMIN.email, approvedVersion: approved.version, targets: [{ channel: CPA_FACEBOOK, state: 'scheduled' }] });
    await detail.getByRole('button', { name: 'Close this window' }).click();

    // Cancel, after asking.
    await page.getByRole('button', { name: 'Invite families to hear the choir' }).click();
    const choir = page.getByRole('dialog', { name: `Post ${ids.toCancel} by Sam Poster` });
    await choir.getByRole('button', { name: 'Cancel the post' }).click();
    await choir.getByText('Stop this post? It will not be published.').waitFor();
    await choir.getByRole('button', { name: 'Yes, cancel it' }).click();
    await choir.getByText('Stopped: it will not be published.').waitFor();
    expect(await post(ids.toCancel)).toMatchObject({ status: 'cancelled', targets: [{ state: 'cancelled' }] });
    await choir.getByRole('button', { name: 'Close this window' }).click();

    // Retry the failed one: its channel goes back to scheduled, due now.
    await page.getByRole('button', { name: 'Tell parents that applications are open' }).click();
    const failed = page.getByRole('dialog', { name: `Post ${ids.failed} by Sam Poster` });
    await failed.getByRole('note').getByText(/PET Twitter is not connected for publishing/).waitFor();
    // Its link costs more on X: the same warning the composer gave, under the channel.
    await failed
      .getByRole('article', { name: 'PET Twitter' })
      .getByText("⚠ A post with a link costs more on X: $0.20 of the trust's X credits instead of $0.015. Leave the link out to pay less.", { exact: true })
      .waitFor();
    await app.screenshot('post-detail-failed', { fullPage: false });
    await failed.getByRole('button', { name: 'Retry' }).click();
    await failed.getByRole('article', { name: 'PET Twitter' }).getByText('Scheduled', { exact: true }).waitFor();
    expect((await post(ids.failed)).targets).toMatchObject([{ state: 'scheduled', error: null }]);
    await failed.getByRole('button', { name: 'Close this window' }).click();
    const table = page.getByRole('table', { name: 'Posts' });
    await expect.poll(() => table.getByRole('row').filter({ hasText: 'Tell parents that applications are open' }).innerText()).toMatch(/PET Twitter\s+Scheduled/);
  });

  it('lets the author wait for a second person, and deletes a draft only after asking', async () => {
    const { app: samApp, page: sam } = await e2e.openScreenAs('poster', 'Posts');
    await sam.getByRole('button', { name: 'New post' }).waitFor();
    await sam.getByRole('button', { name: 'Recruit teaching assistants for September' }).click();
    const draft = sam.getByRole('dialog', { name: `Post ${ids.draft} by Sam Poster` });
    await draft.getByRole('button', { name: 'Cancel the post' }).waitFor();
    // Only administrators delete or retry.
    expect(await draft.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    await samApp.close();

    const { page } = await e2e.openScreenAs('admin', 'Posts');
    await page.getByRole('button', { name: 'Recruit teaching assistants for September' }).click();
    const dialog = page.getByRole('dialog', { name: `Post ${ids.draft} by Sam Poster` });
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await dialog.getByRole('button', { name: 'Yes, delete it' }).click();
    await page.getByRole('status').getByText(`Post ${ids.draft} was deleted.`).waitFor();
    expect(value(await e2e.vault.call(e2e.vault.admin, 'post.list', {})).some((p) => p.id === ids.draft)).toBe(false);
  });

  it('shows an SLT auditor their school’s posts with no actions', async () => {
    const { app, page } = await e2e.openScreenAs('slt-auditor', 'Posts');
    expect(await page.getByRole('button', { name: 'New post' }).count()).toBe(0);
    const table = page.getByRole('table', { name: 'Posts' });
    await table.getByRole('row').filter({ hasText: 'Remind parents that the summer fair opens today' }).waitFor();
    // Pendle Primary's channels only: nothing for Colne Primet or the trust's own accounts.
    expect(await page.getByText('Share the farm trip with Reception families').count()).toBe(0);
    expect(await page.getByText('Tell parents that applications are open').count()).toBe(0);

    await page.getByRole('button', { name: 'Remind parents that the summer fair opens today' }).click();
    const detail = page.getByRole('dialog', { name: `Post ${ids.missed} by Sam Poster` });
    await detail.getByText('You can read this post. Only administrators and posters approve or cancel posts.').waitFor();
    await detail.getByText(/It was due while Custodian was closed/).waitFor();
    for (const name of ['Approve', 'Retry', 'Cancel the post', 'Delete', 'Publish by hand']) {
      expect(await detail.getByRole('button', { name }).count()).toBe(0);
    }
    await app.screenshot('post-detail-auditor', { fullPage: false });
    await app.expectAccessible('a post, read-only');
  });
});
