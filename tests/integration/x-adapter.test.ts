import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createXAdapter } from '../../electron/core/publishing/adapters/x.adapter';
import type { PublishRequest } from '../../electron/core/publishing/platform-adapter';
import { OutcomeLog, fileBytes, fixedClock, hangTimeouts, testTimeouts } from '../fakes/adapter-test-kit';
import { multipartBody, type FakeHandle } from '../fakes/fake-server';
import { XFake } from '../fakes/x.fake';

const TOKEN = 'xTok-9f8e7d6c5b4a39281706f5e4d3c2b1a0-secret';
const log = new OutcomeLog();

let fake: XFake;
let server: FakeHandle;

beforeEach(async () => {
  fake = new XFake(TOKEN);
  server = await fake.start();
});
afterEach(async () => {
  await server.close();
  // The fake checks every request against X's OpenAPI spec and records what the spec refuses.
  expect(fake.problems).toEqual([]);
});
afterAll(() => {
  log.expectNoSecret(TOKEN);
});

function request(overrides: Partial<PublishRequest> = {}): PublishRequest {
  return {
    channel: { platform: 'x', accountId: '1500000000000000001', apiBase: server.base },
    token: TOKEN,
    text: 'Well done to our Year 6 choir at the county festival!',
    media: [],
    idempotencyKey: 'target-1',
    ...overrides,
  };
}

const adapter = () => createXAdapter(testTimeouts);

describe('X adapter against the X fake', () => {
  it('publishes a text post: 201 → published with the post URL', async () => {
    const outcome = await log.publish(adapter(), request());
    const id = fake.posts[0]?.id ?? '';
    expect(outcome).toEqual({ kind: 'published', remoteId: id, url: `https://x.com/i/web/status/${id}` });
    const [sent] = fake.requestsTo('POST /2/tweets');
    expect(sent?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(JSON.parse(sent?.body.toString() ?? '')).toEqual({ text: 'Well done to our Year 6 choir at the county festival!' });
    expect(fake.problems).toEqual([]);
  });

  it('uploads images (simple upload), sets their alt text, and attaches them', async () => {
    const media = [
      { bytes: fileBytes(2048, 1), mediaType: 'image/jpeg', fileName: 'choir.jpg', altText: 'The choir on stage in blue jumpers' },
      { bytes: fileBytes(1024, 2), mediaType: 'image/png', fileName: 'cup.png' },
    ];
    const outcome = await log.publish(adapter(), request({ media }));
    expect(outcome.kind).toBe('published');
    const uploaded = [...fake.media.values()];
    expect(uploaded.map((item) => item.category)).toEqual(['tweet_image', 'tweet_image']);
    expect(Buffer.concat(uploaded[0]?.received ?? [])).toEqual(Buffer.from(media[0]?.bytes ?? []));
    expect(uploaded[0]?.altText).toBe('The choir on stage in blue jumpers');
    expect(fake.requestsTo('POST /2/media/metadata')).toHaveLength(1);
    expect(fake.posts[0]?.mediaIds).toEqual(uploaded.map((item) => item.id));
    // X's spec (mediaUpload) takes media, media_category and additional_owners only: no media_type.
    for (const sent of fake.requestsTo('POST /2/media/upload')) expect(multipartBody(sent)?.map((part) => part.name)).toEqual(['media', 'media_category']);
    expect(fake.problems).toEqual([]);
  });

  it('uploads a video in chunks (initialize, append, finalize) and waits for STATUS succeeded', async () => {
    fake.processingPolls = 2;
    const video = fileBytes(3500, 3);
    const outcome = await log.publish(createXAdapter({ ...testTimeouts, chunkBytes: 1000 }), request({ media: [{ bytes: video, mediaType: 'video/mp4', fileName: 'concert.mp4' }] }));
    expect(outcome.kind).toBe('published');
    const [item] = [...fake.media.values()];
    expect(item?.category).toBe('tweet_video');
    expect(item?.received.map((chunk) => chunk.length)).toEqual([1000, 1000, 1000, 500]);
    expect(Buffer.concat(item?.received ?? [])).toEqual(Buffer.from(video));
    expect(fake.requestsTo('GET /2/media/upload')).toHaveLength(3); // in_progress, in_progress, succeeded
    expect(fake.problems).toEqual([]);
  });

  it('a video X cannot process fails as a media problem, without posting', async () => {
    fake.processingFails = true;
    const outcome = await log.publish(adapter(), request({ media: [{ bytes: fileBytes(100), mediaType: 'image/gif', fileName: 'wave.gif' }] }));
    expect(outcome).toMatchObject({ kind: 'failed', code: 'media' });
    expect(outcome.kind === 'failed' && outcome.reason).toBe('X could not process the media.');
    expect(fake.posts).toHaveLength(0);
  });

  it('refuses media X does not take before sending anything', async () => {
    const five = Array.from({ length: 5 }, (_, index) => ({ bytes: fileBytes(10, index), mediaType: 'image/jpeg', fileName: `p${index}.jpg` }));
    expect(await log.publish(adapter(), request({ media: five }))).toMatchObject({ kind: 'failed', code: 'media' });
    expect(await log.publish(adapter(), request({ media: [{ bytes: fileBytes(10), mediaType: 'application/pdf', fileName: 'letter.pdf' }] }))).toMatchObject({ kind: 'failed', code: 'media' });
    expect(await log.publish(adapter(), request({ text: ' ' }))).toMatchObject({ kind: 'failed', code: 'rejected' });
    expect(fake.requests).toHaveLength(0);
  });

  it('429 with Retry-After → retry after that many seconds', async () => {
    fake.fail({ kind: 'rate-limit', retryAfterSeconds: 7 }, { match: 'POST /2/tweets' });
    const outcome = await log.publish(adapter(), request());
    expect(outcome).toMatchObject({ kind: 'retry', retryAfterMs: 7000 });
    expect(fake.posts).toHaveLength(0);
  });

  it("429 in the older {errors:[{code:88}]} shape → retry until x-rate-limit-reset", async () => {
    const clock = fixedClock('2026-11-24T12:00:00Z');
    const reset = Date.parse('2026-11-24T12:02:00Z') / 1000;
    fake.fail({ kind: 'rate-limit', style: 'code-88', resetAtUnixSeconds: reset });
    const outcome = await log.publish(createXAdapter({ ...testTimeouts, clock }), request());
    expect(outcome).toMatchObject({ kind: 'retry', retryAfterMs: 120_000 });
  });

  it('5xx → retry (twice here), and the next attempt publishes', async () => {
    fake.fail({ kind: 'server-error', status: 503 }, { match: 'POST /2/tweets', times: 2 });
    expect(await log.publish(adapter(), request())).toMatchObject({ kind: 'retry' });
    expect(await log.publish(adapter(), request())).toMatchObject({ kind: 'retry' });
    expect(await log.publish(adapter(), request())).toMatchObject({ kind: 'published' });
    expect(fake.posts).toHaveLength(1);
  });

  it('an expired token → failed token-expired (reconnect)', async () => {
    fake.token = 'a-newer-token';
    const outcome = await log.publish(adapter(), request());
    expect(outcome).toEqual({ kind: 'failed', code: 'token-expired', reason: 'The X access token has expired or was revoked: reconnect the channel.' });
  });

  it('duplicate content → failed duplicate', async () => {
    expect(await log.publish(adapter(), request())).toMatchObject({ kind: 'published' });
    const again = await log.publish(adapter(), request({ idempotencyKey: 'target-2' }));
    expect(again).toEqual({ kind: 'failed', code: 'duplicate', reason: 'X refused duplicate content: this text was already posted.' });
    expect(fake.posts).toHaveLength(1);
  });

  it('X credits used up (402) → failed, saying to buy credits in the X developer console; nothing posted', async () => {
    fake.creditsDepleted = true;
    const outcome = await log.publish(adapter(), request());
    expect(outcome).toEqual({ kind: 'failed', code: 'quota', reason: 'X credits have run out: buy credits for the app in the X developer console (developer.x.com), then publish the post again.' });
    expect(await log.publish(adapter(), request({ media: [{ bytes: fileBytes(64), mediaType: 'image/jpeg', fileName: 'a.jpg' }] }))).toEqual(outcome);
    expect(fake.posts).toHaveLength(0);
  });

  it('any other 403 → failed, pointing at the app\'s credits and permissions, with what X says', async () => {
    fake.forbiddenDetail = 'Your account is not permitted to access this feature.';
    const outcome = await log.publish(adapter(), request());
    expect(outcome).toEqual({
      kind: 'failed',
      code: 'rejected',
      reason: "X refused: check the app's credits and permissions in the X developer console (developer.x.com) (the platform says: Your account is not permitted to access this feature.).",
    });
    const media = await log.publish(adapter(), request({ media: [{ bytes: fileBytes(64), mediaType: 'image/jpeg', fileName: 'a.jpg' }] }));
    expect(media.kind === 'failed' && media.reason).toMatch(/^X refused: check the app's credits and permissions/);
    expect(fake.posts).toHaveLength(0);
  });

  it('no answer after POST /2/tweets was sent → ambiguous (X has no read-back), even when the post was made', async () => {
    fake.fail({ kind: 'lose-answer' }, { match: 'POST /2/tweets' });
    const outcome = await log.publish(createXAdapter(hangTimeouts), request());
    expect(outcome.kind).toBe('ambiguous');
    expect(fake.posts).toHaveLength(1);
    fake.fail({ kind: 'hang' }, { match: 'POST /2/tweets' });
    expect((await log.publish(createXAdapter(hangTimeouts), request({ text: 'another' }))).kind).toBe('ambiguous');
  });

  it('a hang during media upload (no post yet) → retry', async () => {
    fake.fail({ kind: 'hang' }, { match: 'POST /2/media/upload' });
    const outcome = await log.publish(createXAdapter(hangTimeouts), request({ media: [{ bytes: fileBytes(64), mediaType: 'image/jpeg', fileName: 'a.jpg' }] }));
    expect(outcome).toMatchObject({ kind: 'retry' });
    expect(fake.requestsTo('POST /2/tweets')).toHaveLength(0);
  });

  it('a refused connection (nothing sent) → retry, even for a create', async () => {
    const closed = new XFake(TOKEN);
    const gone = await closed.start();
    await gone.close();
    const outcome = await log.publish(adapter(), request({ channel: { platform: 'x', accountId: '1', apiBase: gone.base } }));
    expect(outcome).toMatchObject({ kind: 'retry' });
  });

  it('a stop requested by the caller after the post was sent → ambiguous', async () => {
    fake.fail({ kind: 'hang' }, { match: 'POST /2/tweets' });
    const controller = new AbortController();
    const pending = log.publish(adapter(), request(), controller.signal);
    while (fake.requestsTo('POST /2/tweets').length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    expect((await pending).kind).toBe('ambiguous');
  });

  it('refuses a plain-http API address that is not loopback, without sending anything', async () => {
    const outcome = await log.publish(adapter(), request({ channel: { platform: 'x', accountId: '1', apiBase: 'http://proxy.example.org' } }));
    expect(outcome).toMatchObject({ kind: 'failed', code: 'rejected' });
    expect(outcome.kind === 'failed' && outcome.reason).toMatch(/https/);
    expect(fake.requests).toHaveLength(0);
  });

  it('passes on a short platform message without the token, even if X echoes it', async () => {
    fake.fail({ kind: 'custom', reply: { status: 400, json: { title: 'Invalid Request', detail: `Bad token ${TOKEN} in ${'x'.repeat(500)}`, type: 'about:blank', status: 400 } } });
    const outcome = await log.publish(adapter(), request());
    expect(outcome).toMatchObject({ kind: 'failed', code: 'rejected' });
    const reason = outcome.kind === 'failed' ? outcome.reason : '';
    expect(reason).toContain('[token]');
    expect(reason.length).toBeLessThan(320);
  });
});
