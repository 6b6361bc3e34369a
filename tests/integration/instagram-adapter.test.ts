import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInstagramAdapter } from '../../electron/core/publishing/adapters/instagram.adapter';
import { GRAPH_API_VERSION } from '../../electron/core/publishing/api-base';
import type { PublishOutcome, PublishRequest } from '../../electron/core/publishing/platform-adapter';
import { OutcomeLog, fileBytes, hangTimeouts, testTimeouts } from '../fakes/adapter-test-kit';
import type { FakeHandle } from '../fakes/fake-server';
import { InstagramFake } from '../fakes/instagram.fake';

const TOKEN = 'IGQVJigUserToken_abcdef0123456789SECRET';
const IG_USER = '17841405822304914';
const log = new OutcomeLog();

let fake: InstagramFake;
let server: FakeHandle;

beforeEach(async () => {
  fake = new InstagramFake(IG_USER, TOKEN);
  server = await fake.start();
});
afterEach(async () => {
  await server.close();
});
afterAll(() => {
  log.expectNoSecret(TOKEN);
});

const image = { bytes: fileBytes(2048, 9), mediaType: 'image/jpeg', fileName: 'sports-day.jpg', altText: 'Children racing on the field', publicUrl: 'https://www.example-school.org.uk/news/sports-day.jpg' };

function request(overrides: Partial<PublishRequest> = {}): PublishRequest {
  return {
    channel: { platform: 'instagram', accountId: IG_USER, apiBase: server.base },
    token: TOKEN,
    text: 'Sports day sunshine ☀️ #SportsDay',
    media: [image],
    idempotencyKey: 'target-ig-1',
    ...overrides,
  };
}

const adapter = () => createInstagramAdapter({ ...testTimeouts, firstCheckAfterMs: 10_000, pollEveryMs: 60_000 });

/** Calls again with whatever the last remote-created outcome handed back, as the engine does. */
async function publishUntilSettled(first: PublishRequest, limit = 10): Promise<PublishOutcome[]> {
  const outcomes: PublishOutcome[] = [];
  let next = first;
  for (let attempt = 0; attempt < limit; attempt += 1) {
    const outcome = await log.publish(adapter(), next);
    outcomes.push(outcome);
    if (outcome.kind !== 'remote-created') break;
    next = { ...next, remote: outcome.remote };
  }
  return outcomes;
}

describe('Instagram adapter against the Graph fake', () => {
  it('creates one container, records it, then checks status and quota and publishes', async () => {
    const outcomes = await publishUntilSettled(request());
    const container = fake.containers[0];
    expect(outcomes).toEqual([
      { kind: 'remote-created', remote: { containerId: container?.id }, retryAfterMs: 10_000 },
      { kind: 'published', remoteId: container?.mediaId },
    ]);
    expect(container).toMatchObject({ imageUrl: image.publicUrl, caption: 'Sports day sunshine ☀️ #SportsDay', altText: 'Children racing on the field', status: 'PUBLISHED' });
    expect(fake.requests.map((sent) => `${sent.method} ${sent.path}`)).toEqual([
      `POST /${GRAPH_API_VERSION}/${IG_USER}/media`,
      `GET /${GRAPH_API_VERSION}/${String(container?.id)}`,
      `GET /${GRAPH_API_VERSION}/${IG_USER}/content_publishing_limit`,
      `POST /${GRAPH_API_VERSION}/${IG_USER}/media_publish`,
    ]);
    expect(fake.requests.every((sent) => sent.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(fake.problems).toEqual([]);
  });

  it('a container IN_PROGRESS → remote-created with its id; resuming publishes with exactly ONE container', async () => {
    fake.inProgressPolls = 2;
    const outcomes = await publishUntilSettled(request());
    const id = fake.containers[0]?.id;
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['remote-created', 'remote-created', 'remote-created', 'published']);
    expect(outcomes[1]).toEqual({ kind: 'remote-created', remote: { containerId: id }, retryAfterMs: 60_000 });
    expect(fake.containers).toHaveLength(1);
    expect(fake.requestsTo(`POST /${GRAPH_API_VERSION}/${IG_USER}/media`).filter((sent) => sent.path.endsWith('/media'))).toHaveLength(1);
    expect(fake.requestsTo(`POST /${GRAPH_API_VERSION}/${IG_USER}/media_publish`)).toHaveLength(1);
    expect(fake.problems).toEqual([]);
  });

  it('has no text-only posts, and needs the image at a public https address', async () => {
    expect(await log.publish(adapter(), request({ media: [] }))).toMatchObject({ kind: 'failed', code: 'rejected' });
    const noUrl = await log.publish(adapter(), request({ media: [{ ...image, publicUrl: undefined }] }));
    expect(noUrl).toMatchObject({ kind: 'failed', code: 'media' });
    expect(noUrl.kind === 'failed' && noUrl.reason).toMatch(/^Instagram needs the image at a public web address/);
    expect(await log.publish(adapter(), request({ media: [{ ...image, publicUrl: 'http://www.example-school.org.uk/a.jpg' }] }))).toMatchObject({ kind: 'failed', code: 'media' });
    expect(await log.publish(adapter(), request({ media: [{ ...image, mediaType: 'image/png' }] }))).toMatchObject({ kind: 'failed', code: 'media' });
    expect(await log.publish(adapter(), request({ text: 'x'.repeat(2201) }))).toMatchObject({ kind: 'failed', code: 'rejected' });
    expect(fake.requests).toHaveLength(0);
  });

  it('the daily publishing limit reached (content_publishing_limit) → failed quota, without media_publish', async () => {
    fake.quotaUsage = 50;
    const outcomes = await publishUntilSettled(request());
    expect(outcomes.at(-1)).toEqual({ kind: 'failed', code: 'quota', reason: "Instagram's daily publishing limit is reached (50 posts in 24 hours): retry this post once earlier posts are more than 24 hours old." });
    expect(fake.requestsTo(`POST /${GRAPH_API_VERSION}/${IG_USER}/media_publish`)).toHaveLength(0);
  });

  it('media_publish refused with code 9 / subcode 2207042 → failed quota', async () => {
    fake.fail({ kind: 'quota' }, { match: `POST /${GRAPH_API_VERSION}/${IG_USER}/media_publish` });
    const outcomes = await publishUntilSettled(request());
    expect(outcomes.at(-1)).toMatchObject({ kind: 'failed', code: 'quota' });
  });

  it('a container that ends in ERROR or EXPIRED → failed media', async () => {
    fake.endStatus = 'ERROR';
    expect((await publishUntilSettled(request())).at(-1)).toMatchObject({ kind: 'failed', code: 'media' });
    fake.endStatus = 'EXPIRED';
    expect((await publishUntilSettled(request({ text: 'Second' }))).at(-1)).toMatchObject({ kind: 'failed', code: 'media' });
  });

  it('a lost media_publish answer → retry; the next attempt reads PUBLISHED and never publishes twice', async () => {
    fake.fail({ kind: 'lose-answer' }, { match: `POST /${GRAPH_API_VERSION}/${IG_USER}/media_publish` });
    const created = await log.publish(adapter(), request());
    if (created.kind !== 'remote-created') throw new Error(`expected remote-created, got ${created.kind}`);
    const lost = await log.publish(createInstagramAdapter(hangTimeouts), { ...request(), remote: created.remote });
    expect(lost.kind).toBe('retry');
    const again = await log.publish(adapter(), { ...request(), remote: created.remote });
    expect(again).toEqual({ kind: 'published', remoteId: created.remote.containerId });
    expect(fake.requestsTo(`POST /${GRAPH_API_VERSION}/${IG_USER}/media_publish`)).toHaveLength(1);
    expect(fake.problems).toEqual([]);
  });

  it('a hang on the status read → retry (keeping the container)', async () => {
    const created = await log.publish(adapter(), request());
    if (created.kind !== 'remote-created') throw new Error(`expected remote-created, got ${created.kind}`);
    fake.fail({ kind: 'hang' }, { match: /^GET / });
    expect(await log.publish(createInstagramAdapter(hangTimeouts), { ...request(), remote: created.remote })).toMatchObject({ kind: 'retry' });
    expect(await log.publish(adapter(), { ...request(), remote: created.remote })).toMatchObject({ kind: 'published' });
    expect(fake.containers).toHaveLength(1);
  });

  it('429-like throttling (code 4 as HTTP 400) with Retry-After and 5xx → retry', async () => {
    fake.fail({ kind: 'rate-limit', graphCode: 4, retryAfterSeconds: 90 });
    expect(await log.publish(adapter(), request())).toMatchObject({ kind: 'retry', retryAfterMs: 90_000 });
    fake.fail({ kind: 'server-error', status: 500 });
    expect(await log.publish(adapter(), request())).toMatchObject({ kind: 'retry' });
    expect(fake.containers).toHaveLength(0);
    expect((await publishUntilSettled(request())).at(-1)).toMatchObject({ kind: 'published' });
  });

  it('an expired token → failed token-expired', async () => {
    fake.fail({ kind: 'token-expired' });
    expect(await log.publish(adapter(), request())).toEqual({ kind: 'failed', code: 'token-expired', reason: 'The Instagram access token has expired or was revoked: reconnect the channel.' });
    fake.token = 'rotated';
    expect(await log.publish(adapter(), request())).toMatchObject({ kind: 'failed', code: 'token-expired' });
  });
});
