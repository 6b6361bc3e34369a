import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeHandle } from '../fakes/fake-server';
import { XFake } from '../fakes/x.fake';
import { xOperations, xSpecSource } from '../fakes/x-schemas';

/**
 * The X fake holds us to X's official OpenAPI spec (xdevplatform/xdk specs/openapi.json 2.167):
 * what the spec refuses, the fake refuses with X's 400 invalid-request problem, as the real API
 * would. Raw requests here, so each shows one thing the spec refuses.
 */

const TOKEN = 'x-spec-test-token';
let fake: XFake;
let server: FakeHandle;

beforeEach(async () => {
  fake = new XFake(TOKEN);
  server = await fake.start();
});
afterEach(async () => {
  await server.close();
});

const auth = { authorization: `Bearer ${TOKEN}` };

async function postJson(path: string, body: unknown): Promise<Response> {
  return fetch(`${server.base}${path}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

function imageForm(extra: Record<string, string> = {}): FormData {
  const form = new FormData();
  form.append('media', new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], { type: 'image/jpeg' }), 'choir.jpg');
  form.append('media_category', 'tweet_image');
  for (const [name, value] of Object.entries(extra)) form.append(name, value);
  return form;
}

async function expectInvalidRequest(answer: Response, mentions: string): Promise<void> {
  expect(answer.status).toBe(400);
  expect(answer.headers.get('content-type')).toBe('application/problem+json');
  const problem = (await answer.json()) as { type: string; title: string; errors: { message: string }[] };
  expect(problem).toMatchObject({ type: 'https://api.x.com/2/problems/invalid-request', title: 'Invalid Request', status: 400 });
  expect(problem.errors.map((error) => error.message).join(' ')).toContain(mentions);
}

describe("the X fake against X's OpenAPI spec", () => {
  it('refuses the simple upload with media_type (the old adapter sent it; MediaUploadRequest is closed), takes it without', async () => {
    const old = await fetch(`${server.base}/2/media/upload`, { method: 'POST', headers: auth, body: imageForm({ media_type: 'image/jpeg' }) });
    await expectInvalidRequest(old, "must not have 'media_type'");
    expect(fake.media.size).toBe(0);
    expect(fake.problems).toEqual(["mediaUpload: X's spec refuses body: must not have 'media_type'"]);

    fake.problems.length = 0;
    const now = await fetch(`${server.base}/2/media/upload`, { method: 'POST', headers: auth, body: imageForm() });
    expect(now.status).toBe(200);
    expect(((await now.json()) as { data: { id: string } }).data.id).toMatch(/^[0-9]{1,19}$/);
    expect(fake.problems).toEqual([]);
  });

  it('refuses what the spec refuses on each operation we call', async () => {
    await expectInvalidRequest(await postJson('/2/tweets', { text: 'Sports day', scheduled_at: '2026-12-08T09:00:00Z' }), "must not have 'scheduled_at'");
    await expectInvalidRequest(await postJson('/2/tweets', { text: 'Five photos', media: { media_ids: ['1', '2', '3', '4', '5'] } }), 'must NOT have more than 4 items');
    await expectInvalidRequest(await postJson('/2/tweets', { text: 'x', media: { media_ids: ['not-a-number'] } }), 'must match pattern');
    await expectInvalidRequest(await postJson('/2/media/upload/initialize', { media_type: 'application/pdf', total_bytes: 10, media_category: 'tweet_image' }), 'must be equal to one of the allowed values');
    await expectInvalidRequest(await postJson('/2/media/metadata', { id: '1', metadata: { alt_text: { text: 'a'.repeat(1001) } } }), 'must NOT have more than 1000 characters');
    const status = await fetch(`${server.base}/2/media/upload?command=STATUS&media_id=1&mode=fast`, { headers: auth });
    await expectInvalidRequest(status, "must not have 'mode'");
    const segment = new FormData();
    segment.append('media', new Blob([new Uint8Array(4)]), 'blob');
    segment.append('segment_index', '1000');
    await expectInvalidRequest(await fetch(`${server.base}/2/media/upload/1/append`, { method: 'POST', headers: auth, body: segment }), 'must be <= 999');
    const text = await fetch(`${server.base}/2/tweets`, { method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, body: 'hello' });
    await expectInvalidRequest(text, "content type 'text/plain' is not one of application/json");
    expect(fake.posts).toHaveLength(0);
    expect(fake.problems).toHaveLength(8);
  });

  it('its own answers, faults included, are what the spec (or X in practice, as x-schemas.ts says) allows', async () => {
    const posted = await postJson('/2/tweets', { text: 'Harvest festival' });
    expect(posted.status).toBe(201);
    expect((await postJson('/2/tweets', { text: 'Harvest festival' })).status).toBe(403);
    fake.fail({ kind: 'rate-limit', style: 'code-88' });
    expect((await postJson('/2/tweets', { text: 'Again' })).status).toBe(429);
    fake.fail({ kind: 'server-error', status: 503 });
    expect((await postJson('/2/tweets', { text: 'Later' })).status).toBe(503);
    fake.creditsDepleted = true;
    expect((await postJson('/2/tweets', { text: 'No credits' })).status).toBe(402);
    fake.creditsDepleted = false;
    fake.forbiddenDetail = 'Your account is not permitted to access this feature.';
    expect((await postJson('/2/tweets', { text: 'Not permitted' })).status).toBe(403);
    fake.token = 'a-newer-token';
    expect((await postJson('/2/tweets', { text: 'Expired' })).status).toBe(401);
    expect(fake.problems).toEqual([]);
  });

  it('covers exactly the operations we call, each citing the spec', () => {
    expect(xSpecSource).toEqual({ repository: 'xdevplatform/xdk', path: 'specs/openapi.json', version: '2.167' });
    expect(xOperations.map((operation) => operation.operationId).sort()).toEqual(
      ['appendMediaUpload', 'createMediaMetadata', 'createPosts', 'finalizeMediaUpload', 'getMediaUploadStatus', 'getUsersMe', 'initializeMediaUpload', 'mediaUpload'].sort(),
    );
  });
});
