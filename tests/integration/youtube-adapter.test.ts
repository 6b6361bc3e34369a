import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createYouTubeAdapter, youtubeLockedPrivateNotice } from '../../electron/core/publishing/adapters/youtube.adapter';
import type { PublishOutcome, PublishRequest } from '../../electron/core/publishing/platform-adapter';
import { OutcomeLog, fileBytes, hangTimeouts, testTimeouts } from '../fakes/adapter-test-kit';
import type { FakeHandle } from '../fakes/fake-server';
import { YouTubeFake } from '../fakes/youtube.fake';

const TOKEN = 'ya29.youtubeAccessToken-0123456789abcdefSECRET';
const log = new OutcomeLog();
const VIDEO = fileBytes(200_000, 7);

let fake: YouTubeFake;
let server: FakeHandle;

beforeEach(async () => {
  fake = new YouTubeFake('UCschoolchannel0000000000', TOKEN);
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
    channel: { platform: 'youtube', accountId: 'UCschoolchannel0000000000', apiBase: server.base },
    token: TOKEN,
    title: 'Christmas concert 2026',
    text: 'Our KS2 choir sings the carols they have practised all term.',
    media: [{ bytes: VIDEO, mediaType: 'video/mp4', fileName: 'concert.mp4' }],
    idempotencyKey: 'target-yt-1',
    ...overrides,
  };
}

const adapter = () => createYouTubeAdapter(testTimeouts);

async function startSession(first = request()): Promise<string> {
  const outcome = await log.publish(adapter(), first);
  if (outcome.kind !== 'remote-created' || !outcome.remote.uploadUrl) throw new Error(`expected a session, got ${JSON.stringify(outcome)}`);
  return outcome.remote.uploadUrl;
}

describe('YouTube adapter against the resumable upload fake', () => {
  it('starts a resumable session (recorded at once), then uploads and publishes', async () => {
    const first = await log.publish(adapter(), request());
    const session = fake.sessions[0];
    expect(first).toEqual({ kind: 'remote-created', remote: { uploadUrl: `${server.base}${String(session?.path)}` }, retryAfterMs: 0 });
    const [start] = fake.requests;
    expect(start?.headers).toMatchObject({ authorization: `Bearer ${TOKEN}`, 'x-upload-content-length': String(VIDEO.length), 'x-upload-content-type': 'video/mp4' });
    expect(session?.metadata).toEqual({
      snippet: { title: 'Christmas concert 2026', description: 'Our KS2 choir sings the carols they have practised all term.', categoryId: '27' },
      status: { privacyStatus: 'public', selfDeclaredMadeForKids: false },
    });

    const done = await log.publish(adapter(), { ...request(), remote: first.kind === 'remote-created' ? first.remote : {} });
    const id = String(session?.video?.id);
    expect(done).toEqual({ kind: 'published', remoteId: id, url: `https://www.youtube.com/watch?v=${id}` });
    expect(session && fake.bytesOf(session).equals(VIDEO)).toBe(true);
    expect(fake.problems).toEqual([]);
  });

  it('an unaudited Google project: YouTube locks the upload private; published with the notice and no public link', async () => {
    fake.projectAudited = false;
    const uploadUrl = await startSession();
    expect(fake.sessions[0]?.metadata.status).toMatchObject({ privacyStatus: 'public' });
    const done = await log.publish(adapter(), { ...request(), remote: { uploadUrl } });
    expect(fake.sessions[0]?.video?.status).toMatchObject({ privacyStatus: 'private' });
    expect(done).toEqual({ kind: 'published', remoteId: String(fake.sessions[0]?.video?.id), notice: youtubeLockedPrivateNotice });
    expect(youtubeLockedPrivateNotice).toMatch(/^private: your Google project is not audited\. .*upload it again in YouTube Studio.*API audit/);
    expect(fake.problems).toEqual([]);
  });

  it('reads the status back (GET videos?part=status) when the upload answer does not carry it', async () => {
    for (const audited of [true, false]) {
      fake.projectAudited = audited;
      const uploadUrl = await startSession();
      expect((await log.publish(adapter(), { ...request(), remote: { uploadUrl } })).kind).toBe('published');
      const id = String(fake.sessions.at(-1)?.video?.id);
      // The same finished session asked again, answered with the video's id only.
      fake.fail({ kind: 'custom', reply: { status: 200, json: { kind: 'youtube#video', id } } }, { match: 'PUT ' });
      const again = await log.publish(adapter(), { ...request(), remote: { uploadUrl } });
      expect(again).toEqual(audited ? { kind: 'published', remoteId: id, url: `https://www.youtube.com/watch?v=${id}` } : { kind: 'published', remoteId: id, notice: youtubeLockedPrivateNotice });
      const read = fake.requests.at(-1);
      expect(read).toMatchObject({ method: 'GET', path: '/youtube/v3/videos', headers: { authorization: `Bearer ${TOKEN}` } });
      expect(Object.fromEntries(read?.query ?? [])).toEqual({ part: 'status', id });
    }
    // No status to be had: published, but no link is promised.
    const uploadUrl = await startSession();
    fake.fail({ kind: 'custom', reply: { status: 200, json: { kind: 'youtube#video', id: 'vidUnknown01' } } }, { match: 'PUT ' });
    expect(await log.publish(adapter(), { ...request(), remote: { uploadUrl } })).toEqual({ kind: 'published', remoteId: 'vidUnknown01' });
    expect(fake.problems).toEqual([]);
  });

  it('an interrupted upload resumes from the session: 308 Range, then only the remaining bytes, once', async () => {
    const uploadUrl = await startSession();
    fake.interruptNextUpload(65_536);
    const cut = await log.publish(adapter(), { ...request(), remote: { uploadUrl } });
    expect(cut).toMatchObject({ kind: 'retry' });

    const resumed = await log.publish(adapter(), { ...request(), remote: { uploadUrl } });
    expect(resumed.kind).toBe('published');
    const session = fake.sessions[0];
    expect(fake.sessions).toHaveLength(1);
    expect(session?.putSizes).toEqual([65_536, VIDEO.length - 65_536]);
    expect(session && fake.bytesOf(session).equals(VIDEO)).toBe(true);
    const statusQuery = fake.requests.find((sent) => sent.headers['content-range'] === `bytes */${VIDEO.length}`);
    expect(statusQuery).toBeDefined();
    expect(fake.requests.at(-1)?.headers['content-range']).toBe(`bytes 65536-${VIDEO.length - 1}/${VIDEO.length}`);
    expect(fake.problems).toEqual([]);
  });

  it('a finished upload whose answer was lost is read back from the session, not uploaded again', async () => {
    const uploadUrl = await startSession();
    fake.fail({ kind: 'lose-answer' }, { match: (sent) => sent.method === 'PUT' && sent.body.length > 0 });
    expect(await log.publish(createYouTubeAdapter(hangTimeouts), { ...request(), remote: { uploadUrl } })).toMatchObject({ kind: 'retry' });
    const again = await log.publish(adapter(), { ...request(), remote: { uploadUrl } });
    expect(again).toMatchObject({ kind: 'published', remoteId: fake.sessions[0]?.video?.id });
    expect(fake.sessions[0]?.putSizes).toEqual([VIDEO.length]);
    expect(fake.problems).toEqual([]);
  });

  it('an expired session starts a new one instead of failing', async () => {
    const uploadUrl = await startSession();
    fake.expireSessions();
    const outcome: PublishOutcome = await log.publish(adapter(), { ...request(), remote: { uploadUrl } });
    expect(outcome).toMatchObject({ kind: 'remote-created' });
    expect(outcome.kind === 'remote-created' && outcome.remote.uploadUrl).not.toBe(uploadUrl);
    expect(fake.sessions).toHaveLength(2);
  });

  it('quotaExceeded (403) and uploadLimitExceeded (400) → failed quota', async () => {
    fake.fail({ kind: 'quota' });
    expect(await log.publish(adapter(), request())).toMatchObject({ kind: 'failed', code: 'quota' });
    fake.fail({ kind: 'quota', reason: 'uploadLimitExceeded' });
    expect(await log.publish(adapter(), request())).toMatchObject({ kind: 'failed', code: 'quota' });
    const uploadUrl = await startSession();
    fake.fail({ kind: 'quota' }, { match: 'PUT ' });
    expect(await log.publish(adapter(), { ...request(), remote: { uploadUrl } })).toMatchObject({ kind: 'failed', code: 'quota' });
  });

  it('401 → failed token-expired; 429 with Retry-After and 5xx → retry', async () => {
    fake.fail({ kind: 'token-expired' });
    expect(await log.publish(adapter(), request())).toEqual({ kind: 'failed', code: 'token-expired', reason: 'The YouTube access token has expired or was revoked: reconnect the channel.' });
    fake.fail({ kind: 'rate-limit', retryAfterSeconds: 12 });
    expect(await log.publish(adapter(), request())).toMatchObject({ kind: 'retry', retryAfterMs: 12_000 });
    fake.fail({ kind: 'server-error', status: 503 });
    expect(await log.publish(adapter(), request())).toMatchObject({ kind: 'retry' });
    expect((await log.publish(adapter(), request())).kind).toBe('remote-created');
  });

  it('a hang on the status query (a read) → retry', async () => {
    const uploadUrl = await startSession();
    fake.fail({ kind: 'hang' }, { match: 'PUT ' });
    expect(await log.publish(createYouTubeAdapter(hangTimeouts), { ...request(), remote: { uploadUrl } })).toMatchObject({ kind: 'retry' });
  });

  it('never sends the token to a session address on another host', async () => {
    const outcome = await log.publish(adapter(), { ...request(), remote: { uploadUrl: 'https://uploads.example.net/upload?upload_id=1' } });
    expect(outcome).toMatchObject({ kind: 'failed', code: 'rejected' });
    fake.fail({ kind: 'custom', reply: { status: 200, headers: { location: 'https://uploads.example.net/x' }, text: '' } });
    expect(await log.publish(adapter(), request())).toMatchObject({ kind: 'failed', code: 'rejected' });
    expect(fake.requests).toHaveLength(1);
  });

  it('needs one video and a title of at most 100 characters', async () => {
    expect(await log.publish(adapter(), request({ title: undefined }))).toMatchObject({ kind: 'failed', code: 'rejected' });
    expect(await log.publish(adapter(), request({ title: 'x'.repeat(101) }))).toMatchObject({ kind: 'failed', code: 'rejected' });
    expect(await log.publish(adapter(), request({ media: [] }))).toMatchObject({ kind: 'failed', code: 'media' });
    expect(await log.publish(adapter(), request({ media: [{ bytes: fileBytes(10), mediaType: 'image/jpeg', fileName: 'a.jpg' }] }))).toMatchObject({ kind: 'failed', code: 'media' });
    expect(fake.requests).toHaveLength(0);
  });
});
