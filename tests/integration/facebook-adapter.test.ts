import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFacebookAdapter } from '../../electron/core/publishing/adapters/facebook.adapter';
import { GRAPH_API_VERSION } from '../../electron/core/publishing/api-base';
import type { PublishRequest } from '../../electron/core/publishing/platform-adapter';
import { OutcomeLog, fileBytes, hangTimeouts, testTimeouts } from '../fakes/adapter-test-kit';
import { FacebookFake } from '../fakes/facebook.fake';
import type { FakeHandle } from '../fakes/fake-server';

const TOKEN = 'EAAGfbPageToken0123456789abcdefSECRET';
const PAGE = '104857600123456';
const log = new OutcomeLog();

let fake: FacebookFake;
let server: FakeHandle;

beforeEach(async () => {
  fake = new FacebookFake(PAGE, TOKEN);
  server = await fake.start();
});
afterEach(async () => {
  await server.close();
});
afterAll(() => {
  log.expectNoSecret(TOKEN);
});

function request(overrides: Partial<PublishRequest> = {}): PublishRequest {
  return {
    channel: { platform: 'facebook', accountId: PAGE, apiBase: server.base },
    token: TOKEN,
    text: 'Our new library opens on Monday: come and see it after school.',
    media: [],
    idempotencyKey: 'target-fb-1',
    ...overrides,
  };
}

const adapter = () => createFacebookAdapter(testTimeouts);
const photo = { bytes: fileBytes(4096, 5), mediaType: 'image/jpeg', fileName: 'library.jpg' };

describe('Facebook Pages adapter against the Graph fake', () => {
  it('publishes a message through /{page-id}/feed with the token in the header only', async () => {
    const outcome = await log.publish(adapter(), request());
    const id = fake.posts[0]?.id ?? '';
    expect(outcome).toEqual({ kind: 'published', remoteId: id, url: `https://www.facebook.com/${id}` });
    const [sent] = fake.requests;
    expect(sent?.path).toBe(`/${GRAPH_API_VERSION}/${PAGE}/feed`);
    expect(sent?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(sent?.body.toString()).not.toContain(TOKEN);
    expect(fake.posts[0]?.message).toBe('Our new library opens on Monday: come and see it after school.');
    expect(fake.problems).toEqual([]);
  });

  it('publishes a photo through /{page-id}/photos as multipart source + message, keeping the post id', async () => {
    const outcome = await log.publish(adapter(), request({ media: [photo] }));
    const post = fake.posts[0];
    expect(outcome).toMatchObject({ kind: 'published', remoteId: post?.id });
    expect(fake.requests[0]?.path).toBe(`/${GRAPH_API_VERSION}/${PAGE}/photos`);
    expect(post?.photo?.bytes).toEqual(Buffer.from(photo.bytes));
    expect(post?.photo?.contentType).toBe('image/jpeg');
    expect(post?.photo?.fileName).toBe('library.jpg');
    expect(post?.message).toBe('Our new library opens on Monday: come and see it after school.');
    expect(fake.problems).toEqual([]);
  });

  it('sends the photo’s alt text as alt_text_custom, and nothing the endpoint does not take', async () => {
    const described = { ...photo, altText: '  The new library, with shelves of picture books  ' };
    expect(await log.publish(adapter(), request({ media: [described] }))).toMatchObject({ kind: 'published' });
    expect(fake.posts[0]?.photo?.altText).toBe('The new library, with shelves of picture books');
    // No alt text: no empty field either.
    expect(await log.publish(adapter(), request({ text: 'Book fair', media: [photo] }))).toMatchObject({ kind: 'published' });
    expect(fake.posts[1]?.photo?.altText).toBeUndefined();
    expect(fake.problems).toEqual([]);
  });

  it('the fake refuses a field /photos does not take (Instagram’s alt_text) and a photo of 10 MB or more', async () => {
    const form = new FormData();
    form.append('source', new Blob([Buffer.from(photo.bytes)], { type: 'image/jpeg' }), 'library.jpg');
    form.append('alt_text', 'The new library');
    const refused = await fetch(`${server.base}/${GRAPH_API_VERSION}/${PAGE}/photos`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: form });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { code: 100, message: '(#100) Param alt_text is not valid' } });
    // Sent anyway (our pre-send checks stop it first: see publishing-engine.test.ts), Graph refuses it
    // after the whole upload, and the adapter says the photo was refused.
    const big = { ...photo, bytes: fileBytes(10 * 1024 * 1024, 7), fileName: 'hall.jpg' };
    const outcome = await log.publish(adapter(), request({ media: [big] }));
    expect(outcome).toMatchObject({ kind: 'failed', code: 'media', reason: expect.stringContaining('Facebook refused the photo') });
    expect(fake.posts).toHaveLength(0);
    expect(fake.problems).toEqual(['photos with the field alt_text, which the endpoint does not take', `photo of ${10 * 1024 * 1024} bytes, not under 10 MB`]);
  });

  it.each([
    [4, { regainMinutes: 5 }, 300_000],
    [17, {}, undefined],
    [32, {}, undefined],
    [613, { retryAfterSeconds: 30 }, 30_000],
    [80001, { regainMinutes: 2 }, 120_000],
  ])('Graph throttling code %i (sent as HTTP 400) → retry like a 429', async (graphCode, extra, wait) => {
    fake.fail({ kind: 'rate-limit', graphCode, ...extra });
    const outcome = await log.publish(adapter(), request());
    expect(outcome.kind).toBe('retry');
    expect(outcome.kind === 'retry' && outcome.retryAfterMs).toBe(wait);
    expect(fake.posts).toHaveLength(0);
  });

  it('5xx → retry, and the next attempt publishes', async () => {
    fake.fail({ kind: 'server-error', status: 500 });
    fake.fail({ kind: 'server-error', status: 503 });
    expect(await log.publish(adapter(), request())).toMatchObject({ kind: 'retry' });
    expect(await log.publish(adapter(), request())).toMatchObject({ kind: 'retry' });
    expect(await log.publish(adapter(), request())).toMatchObject({ kind: 'published' });
  });

  it('an expired token (code 190) → failed token-expired, never echoing the token Graph quotes', async () => {
    fake.fail({ kind: 'token-expired' });
    expect(await log.publish(adapter(), request())).toMatchObject({ kind: 'failed', code: 'token-expired' });
    fake.token = 'another-token';
    const outcome = await log.publish(adapter(), request());
    expect(outcome).toEqual({ kind: 'failed', code: 'token-expired', reason: 'The Facebook Page access token has expired or was revoked: reconnect the channel.' });
  });

  it('a duplicate message (code 506) → failed duplicate', async () => {
    expect(await log.publish(adapter(), request())).toMatchObject({ kind: 'published' });
    expect(await log.publish(adapter(), request())).toEqual({ kind: 'failed', code: 'duplicate', reason: 'Facebook refused duplicate content: this text was already posted on the Page.' });
  });

  it('other Graph errors → failed rejected with a short, token-free message', async () => {
    fake.fail({ kind: 'custom', reply: { status: 400, json: { error: { message: `(#200) Permissions error for ${TOKEN}`, type: 'OAuthException', code: 200, fbtrace_id: 'x' } } } });
    const outcome = await log.publish(adapter(), request());
    expect(outcome).toMatchObject({ kind: 'failed', code: 'rejected' });
    expect(outcome.kind === 'failed' && outcome.reason).toContain('Permissions error for [token]');
  });

  it('no answer to a create → ambiguous; a refused photo type or two photos → failed media', async () => {
    fake.fail({ kind: 'hang' });
    expect((await log.publish(createFacebookAdapter(hangTimeouts), request())).kind).toBe('ambiguous');
    expect(await log.publish(adapter(), request({ media: [photo, photo] }))).toMatchObject({ kind: 'failed', code: 'media' });
    expect(await log.publish(adapter(), request({ media: [{ ...photo, mediaType: 'video/mp4' }] }))).toMatchObject({ kind: 'failed', code: 'media' });
    expect(fake.requests).toHaveLength(1);
  });
});
