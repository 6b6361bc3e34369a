import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeHandle } from '../fakes/fake-server';
import { InstagramFake } from '../fakes/instagram.fake';
import { createTestVault, testClock, value, type TestVault } from '../support/test-vault';

const IG = 'instagram:@pendleprimaryacademy';
const IG_TOKEN = 'EAAB-ig-engine-4d3c2b1a0f9e8d7c-secret';
const SAM = { name: 'Sam Poster', email: 'sam@ppa.example', passphrase: 'poster passphrase 1' };
const CHECKED = { adultsConsented: true, rightsConfirmed: true, dosAndDontsAcknowledged: true };
const PUBLIC = 'https://www.ppa.example.org.uk/news/sports-day.jpg';
// A small JPEG as far as the media checks go: the start and end markers around its bytes.
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4096, 7), Buffer.from([0xff, 0xd9])]).toString('base64');
const publishing = { requestTimeoutMs: 2_000, uploadTimeoutMs: 2_000, sleep: () => Promise.resolve(), instagram: { firstCheckAfterMs: 0, pollEveryMs: 0 } };

describe('Instagram through the publishing engine: the image at its public address', () => {
  let v: TestVault;
  let sam: string;
  let ig: InstagramFake;
  let server: FakeHandle;

  beforeEach(async () => {
    v = await createTestVault({ clock: testClock(new Date('2026-11-24T10:00:00Z')), sinks: { publishing } });
    value(await v.call(v.admin, 'example.load', { demo: false }));
    value(await v.call(v.admin, 'person.add', { ...SAM, role: 'staff', school: 'PPA', consoleRole: 'poster' }));
    value(await v.call(v.admin, 'training.record', { email: SAM.email, on: '2026-09-01' }));
    sam = await v.signIn(SAM.email, SAM.passphrase);
    ig = new InstagramFake('17841400000000000', IG_TOKEN);
    server = await ig.start();
    value(await v.call(v.admin, 'channel.connectVia', { channel: IG, token: IG_TOKEN, accountId: ig.igUserId, apiBase: ig.base }));
  });

  afterEach(async () => {
    await server.close();
    expect(ig.problems).toEqual([]);
    await v.close();
  });

  const approvedPost = async (publicUrl?: string) => {
    const media = [{ name: 'sports day.jpg', mediaType: 'image/jpeg' as const, contentBase64: JPEG, alt: 'The relay race on the school field', ...(publicUrl === undefined ? {} : { publicUrl }) }];
    const post = value(await v.call(sam, 'post.create', { channels: [IG], text: 'What a sports day! #SportsDay', outcome: 'Celebrate sports day with families', media, pupils: 'none', checklist: CHECKED, at: 'now' }));
    value(await v.call(v.admin, 'post.approve', { id: post.id, checklist: { confirmed: true } }));
    return post.id;
  };

  const passUntilSettled = async () => {
    for (let i = 0; i < 6; i += 1) {
      const results = value(await v.call(v.admin, 'scheduler.runOnce', {})).results;
      // Part-way steps (the container made, still processing) come first; the last step settles it.
      const settled = results.filter((r) => r.state === 'published' || r.state === 'failed');
      if (settled.length > 0) return settled;
      v.clock.advance(60_000);
    }
    return [];
  };

  it('creates the container from the public address, then publishes it once', async () => {
    const id = await approvedPost(PUBLIC);
    const post = value(await v.call(v.admin, 'post.list', {})).find((p) => p.id === id);
    expect(post?.media[0]?.publicUrl).toBe(PUBLIC);
    expect(await passUntilSettled()).toEqual([expect.objectContaining({ post: id, state: 'published' })]);
    expect(ig.containers).toEqual([expect.objectContaining({ imageUrl: PUBLIC, caption: 'What a sports day! #SportsDay', altText: 'The relay race on the school field', status: 'PUBLISHED' })]);
  });

  it('without a public address, fails in plain words and sends nothing; a non-https address is refused when the post is made', async () => {
    const id = await approvedPost();
    expect(await passUntilSettled()).toEqual([expect.objectContaining({ post: id, state: 'failed', detail: expect.stringContaining('public web address') })]);
    expect(ig.containers).toEqual([]);
    const refused = await v.call(sam, 'post.create', {
      channels: [IG],
      text: 'Sports day',
      outcome: 'Celebrate sports day with families',
      media: [{ name: 'a.jpg', mediaType: 'image/jpeg', contentBase64: JPEG, alt: 'A race', publicUrl: 'http://www.ppa.example.org.uk/a.jpg' }],
      pupils: 'none',
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatchObject({ code: 'invalid_input', field: 'media.0.publicUrl' });
  });
});
