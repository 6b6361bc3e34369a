import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useE2e } from '../support/e2e-fixture';
import { NON_HOLDER } from '../support/e2e-trust';
import { ADMIN, value } from '../support/test-vault';

const X = 'PET Twitter (X · @pendleeducation)';
const INSTAGRAM = 'Pendle Primary Academy Instagram (Instagram · @pendleprimaryacademy)';
const FACEBOOK = 'Colne Primet Academy Facebook (Facebook · Colne Primet Academy)';
const OUTCOME = 'Celebrate Year 6 sports day and thank the parents who came to cheer';
// 241 characters as X counts them: 239 Latin characters (a line break among them) and an emoji, which X counts as 2.
const LONG_TEXT = `What a day! ${'Year 6 ran, jumped and cheered each other on. '.repeat(4)}Thank you to every parent.\nWell done, all! 🎉`;

/** A real JPEG drawn by the page's own canvas: a field under a blue sky, so the thumbnail shows something. */
async function drawJpeg(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(`(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 200;
    const g = canvas.getContext('2d');
    g.fillStyle = '#7fb3e6'; g.fillRect(0, 0, 320, 120);
    g.fillStyle = '#4f9a4a'; g.fillRect(0, 120, 320, 80);
    g.fillStyle = '#ffd54a'; g.beginPath(); g.arc(260, 45, 22, 0, Math.PI * 2); g.fill();
    g.fillStyle = '#ffffff'; g.fillRect(20, 150, 280, 4);
    return canvas.toDataURL('image/jpeg', 0.9).split(',')[1];
  })()`);
  return Buffer.from(String(base64), 'base64');
}

/** On the Posts screen, opens the composer. */
async function openComposer(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'New post' }).click();
  const dialog = page.getByRole('dialog', { name: 'New post' });
  await dialog.getByRole('group', { name: 'Trust' }).waitFor();
  return dialog;
}

/** The composer closes on a save and the Posts screen opens the post: close whatever it opened. */
async function closeAfterSave(page: Page, dialog: Locator): Promise<void> {
  await dialog.waitFor({ state: 'hidden' });
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
}

describe('the post composer', () => {
  const e2e = useE2e({
    vault: 'example',
    seed: async (vault) => {
      value(await vault.call(vault.admin, 'training.record', { email: ADMIN.email, on: '2026-05-01' }));
    },
  });

  const posts = async () => value(await e2e.vault.call(e2e.vault.admin, 'post.list', {}));

  it('counts each account as its platform does, blocks what cannot go out, requires alt text, and saves a draft', async () => {
    const { app, page } = await e2e.openScreenAs('admin', 'Posts');
    const dialog = await openComposer(page);
    const before = (await posts()).length;

    // Nothing filled in: the window says what is missing, and nothing reaches the core.
    await dialog.getByRole('button', { name: 'Send for approval' }).click();
    await dialog.getByText('Choose at least one account to post to.').first().waitFor();
    await dialog.getByText('Write the post.').first().waitFor();

    await dialog.getByRole('checkbox', { name: X }).check();
    await dialog.getByRole('checkbox', { name: INSTAGRAM }).check();
    await dialog.getByRole('checkbox', { name: FACEBOOK }).check();
    await dialog.getByLabel(/^Intended outcome/).fill(OUTCOME);
    await dialog.getByLabel(/^Text/).first().fill(`${LONG_TEXT} And there is more to say about the relay race.`);

    // X: the weighted count, over the limit; Instagram: no image.
    const xRow = dialog.getByRole('listitem', { name: 'PET Twitter (X)' });
    await xRow.getByText('288 / 280').waitFor();
    await xRow.getByText('X allows 280 characters; this is 288.').waitFor();
    const instagramRow = dialog.getByRole('listitem', { name: 'Pendle Primary Academy Instagram (Instagram)' });
    await instagramRow.getByText('Instagram needs an image: it has no text-only posts.').waitFor();
    await dialog.getByRole('listitem', { name: 'Colne Primet Academy Facebook (Facebook)' }).getByText('Fits Facebook.').waitFor();

    // Every box ticked, still blocked: the window does not send a post that does not fit.
    await dialog.getByRole('checkbox', { name: /I have permission to share/ }).check();
    await dialog.getByRole('checkbox', { name: /Dos and Don'ts, and this post follows them/ }).check();
    await dialog.getByRole('button', { name: 'Send for approval' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Not sent for approval yet' }).getByText('PET Twitter cannot take this post yet: see the note under it.').waitFor();
    expect(await posts()).toHaveLength(before);
    await app.screenshot('post-composer-blocked', { fullPage: false });

    // X gets its own shorter text; the common text stays for the others.
    await xRow.getByRole('checkbox', { name: 'Give PET Twitter its own text' }).check();
    await xRow.getByLabel('Text for PET Twitter').fill(LONG_TEXT);
    await xRow.getByText('241 / 280').waitFor();
    await xRow.getByText('Fits X.').waitFor();
    // A link fits (23 characters as X counts it) but costs more on X: a warning, not a refusal.
    const linkWarning = "⚠ A post with a link costs more on X: $0.20 of the trust's X credits instead of $0.015. Leave the link out to pay less.";
    await xRow.getByLabel('Text for PET Twitter').fill(`${LONG_TEXT} ppa.example.org.uk/sports`);
    await xRow.getByText('265 / 280').waitFor();
    await xRow.getByText('Fits X.').waitFor();
    await xRow.getByText(linkWarning).waitFor();
    await app.screenshot('post-composer-x-link-warning', { fullPage: false });
    await xRow.getByLabel('Text for PET Twitter').fill(LONG_TEXT);
    await xRow.getByText(linkWarning).waitFor({ state: 'hidden' });

    // An image: read in the window, thumbnail shown; alt text required before anything is sent.
    const jpeg = await drawJpeg(page);
    await dialog.getByLabel('Add images or a video').setInputFiles({ name: 'sports-day.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    const file = dialog.getByRole('listitem', { name: 'sports-day.jpg' });
    await file.getByText(/^a JPEG image, \d+(\.\d)? KB$/).waitFor();
    await instagramRow.getByText('Fits Instagram.').waitFor();
    await dialog.getByRole('button', { name: 'Save as draft' }).click();
    await file.getByText('Describe the image, for people using screen readers.').waitFor();
    expect(await posts()).toHaveLength(before);
    await file.getByLabel(/^Description of sports-day\.jpg/).fill('The Year 6 relay on the school field');
    // Instagram is chosen: the image's public address (Instagram fetches it from there) is asked for.
    await file.getByLabel(/^Public address of sports-day\.jpg/).fill('https://www.ppa.example.org.uk/news/relay.jpg');
    // The note goes as soon as it is put right.
    await file.getByText('Describe the image, for people using screen readers.').waitFor({ state: 'hidden' });
    await dialog.getByRole('radio', { name: 'No pupils appear' }).check();
    await dialog.getByRole('checkbox', { name: /Every adult shown has consented/ }).check();
    await dialog.getByRole('group', { name: 'Tone key words' }).getByText('Professional').waitFor();
    await dialog.getByRole('heading', { name: 'Images and video' }).scrollIntoViewIfNeeded();
    await app.screenshot('post-composer-media', { fullPage: false });
    await dialog.getByRole('heading', { name: 'Before it goes for approval' }).scrollIntoViewIfNeeded();
    await app.screenshot('post-composer-checklist', { fullPage: false });
    await dialog.getByRole('heading', { name: 'The post' }).scrollIntoViewIfNeeded();
    await app.screenshot('post-composer', { fullPage: false });
    await app.expectAccessible('the post composer');

    // The preview: one card per account, shaped like its platform.
    await dialog.getByRole('tab', { name: 'Preview (3)' }).click();
    const previews = dialog.getByRole('list', { name: 'Previews' });
    await previews.getByRole('listitem', { name: 'Preview on PET Twitter' }).getByText('@pendleeducation · now').waitFor();
    await previews.getByRole('listitem', { name: 'Preview on Pendle Primary Academy Instagram' }).getByRole('img', { name: 'The Year 6 relay on the school field' }).waitFor();
    await app.screenshot('post-composer-preview', { fullPage: false });
    await app.expectAccessible('the post preview');
    await dialog.getByRole('tab', { name: 'Write' }).click();

    // Saved as a draft: the checklist is not sent, so the post waits as a draft in the core.
    await dialog.getByRole('button', { name: 'Save as draft' }).click();
    await closeAfterSave(page, dialog);
    const [draft] = await posts();
    expect(draft).toMatchObject({ status: 'draft', outcome: OUTCOME, pupils: 'none', at: 'now', checklist: { confirmed: false } });
    expect(draft?.channels.map((c) => [c.channel, c.ownText, c.check.ok])).toEqual([
      ['x:@pendleeducation', true, true],
      ['facebook:Colne Primet Academy', false, true],
      ['instagram:@pendleprimaryacademy', false, true],
    ]);
    expect(draft?.media).toEqual([
      expect.objectContaining({ name: 'sports-day.jpg', mediaType: 'image/jpeg', alt: 'The Year 6 relay on the school field', bytes: jpeg.length, publicUrl: 'https://www.ppa.example.org.uk/news/relay.jpg' }),
    ]);
  });

  it('sends a checked post for approval, at a UK time turned into the instant the core keeps', async () => {
    const { page } = await e2e.openScreenAs('admin', 'Posts');
    const dialog = await openComposer(page);
    await dialog.getByRole('checkbox', { name: X }).check();
    await dialog.getByLabel(/^Intended outcome/).fill('Remind parents that school reopens on Thursday');
    await dialog.getByLabel(/^Text/).first().fill('School reopens on Thursday 2 July at 8:45.\nSee you there!');
    await dialog.getByRole('radio', { name: 'At a date and time' }).check();
    await dialog.getByRole('textbox', { name: 'Date' }).fill('2026-07-02');
    await dialog.getByRole('textbox', { name: 'Time (UK time)' }).fill('08:00');

    // A box left unticked: not sent, and the box says why.
    await dialog.getByRole('checkbox', { name: /I have permission to share/ }).check();
    await dialog.getByRole('button', { name: 'Send for approval' }).click();
    await dialog.getByRole('listitem', { name: "The policy's Dos and Don'ts acknowledged" }).getByText("Confirm that the post follows the policy's Dos and Don'ts.").waitFor();
    await dialog.getByRole('checkbox', { name: /Dos and Don'ts, and this post follows them/ }).check();
    await dialog.getByRole('button', { name: 'Send for approval' }).click();
    await closeAfterSave(page, dialog);

    const sent = (await posts()).find((p) => p.outcome === 'Remind parents that school reopens on Thursday');
    // 08:00 in July is British Summer Time: 07:00 UTC.
    expect(sent).toMatchObject({ status: 'awaiting-approval', at: '2026-07-02T07:00:00.000Z', checklist: { confirmed: true }, text: 'School reopens on Thursday 2 July at 8:45.\nSee you there!' });
  });

  it('refuses a post naming a pupil on the no-publish list, and sends one with pupils present once the author confirms', async () => {
    const listed = value(await e2e.vault.call(e2e.vault.admin, 'consent.add', { school: 'PPA', name: 'Jo Bloggs', class: 'Year 5', reason: 'no-consent' }));
    const { app, page } = await e2e.openScreenAs('admin', 'Posts');
    const dialog = await openComposer(page);
    await dialog.getByRole('checkbox', { name: INSTAGRAM }).check();
    await dialog.getByLabel(/^Intended outcome/).fill('Show families the new reading corner in Year 5');
    await dialog.getByLabel(/^Text/).first().fill('Our new reading corner is open!');
    await dialog.getByLabel('Add images or a video').setInputFiles({ name: 'reading.jpg', mimeType: 'image/jpeg', buffer: await drawJpeg(page) });
    await dialog.getByLabel(/^Description of reading\.jpg/).fill('Pupils reading on bean bags');
    await dialog.getByRole('checkbox', { name: /Every adult shown has consented/ }).check();
    await dialog.getByRole('checkbox', { name: /I have permission to share/ }).check();
    await dialog.getByRole('checkbox', { name: /Dos and Don'ts, and this post follows them/ }).check();

    // An administrator sees the list and names who appears: the post cannot go anywhere.
    await dialog.getByRole('radio', { name: 'A pupil on the no-publish list appears' }).check();
    await dialog.getByRole('checkbox', { name: 'Jo Bloggs (Year 5), PPA' }).check();
    await dialog.getByText('This cannot be published').waitFor();
    await dialog.getByRole('button', { name: 'Send for approval' }).click();
    await dialog.getByRole('listitem', { name: 'Pupils in the images' }).getByText(/the post cannot be sent for approval/).waitFor();
    const count = (await posts()).length;
    // Not even as a draft: the core refuses it, says why in the policy's words, and keeps nothing.
    await dialog.getByRole('button', { name: 'Save as draft' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Not saved' }).getByText(`No-publish list entry ${listed.id} can be identified in the media`, { exact: false }).waitFor();
    // …and beside the pupils question too (the third is the policy quoted under the choice).
    expect(await dialog.getByText('images of these children are not published on social media', { exact: false }).count()).toBe(3);
    await app.screenshot('post-composer-pupils-refused', { fullPage: false });
    expect(await posts()).toHaveLength(count);

    // The image edited so no listed pupil can be identified: pupils present, confirmed by the author.
    await dialog.getByRole('radio', { name: 'Pupils appear', exact: true }).check();
    await dialog.getByRole('button', { name: 'Send for approval' }).click();
    await dialog.getByText('Confirm that no pupil on the no-publish list can be identified.').first().waitFor();
    await dialog.getByRole('checkbox', { name: /no pupil on it can be identified/ }).check();
    await dialog.getByRole('button', { name: 'Send for approval' }).click();
    await closeAfterSave(page, dialog);
    expect((await posts())[0]).toMatchObject({ status: 'awaiting-approval', pupils: 'present', outcome: 'Show families the new reading corner in Year 5' });
  });

  it('shows a refusal from the core in plain words: an untrained poster may save a draft, not send it', async () => {
    const { app, page } = await e2e.openScreenAs('non-holder', 'Posts');
    const dialog = await openComposer(page);
    // A poster cannot see the no-publish list, so the checklist says training is checked on sending.
    await dialog.getByText('Custodian checks your training record when you send the post for approval.', { exact: false }).waitFor();
    await dialog.getByRole('checkbox', { name: 'Pendle Primary Academy Twitter (X · @SHINEatPPA)' }).check();
    await dialog.getByLabel(/^Intended outcome/).fill('Share the reading challenge with families');
    await dialog.getByLabel(/^Text/).first().fill('Our summer reading challenge starts today: ask at the office for a card.');
    await dialog.getByRole('checkbox', { name: /I have permission to share/ }).check();
    await dialog.getByRole('checkbox', { name: /Dos and Don'ts, and this post follows them/ }).check();
    const count = (await posts()).length;
    await dialog.getByRole('button', { name: 'Send for approval' }).click();
    const refusal = dialog.getByRole('alert').filter({ hasText: 'Not sent for approval' });
    await refusal.getByText(/The post cannot go for approval\. The author has no training on record\./).waitFor();
    // Also beside the checklist, where the training item is.
    await dialog.getByRole('alert').filter({ hasText: 'Cannot go for approval yet' }).waitFor();
    await app.screenshot('post-composer-refused', { fullPage: false });
    expect(await posts()).toHaveLength(count);

    await dialog.getByRole('button', { name: 'Save as draft' }).click();
    await closeAfterSave(page, dialog);
    const [draft] = await posts();
    expect(draft).toMatchObject({ status: 'draft', author: NON_HOLDER.email, outcome: 'Share the reading challenge with families' });
  });
});
