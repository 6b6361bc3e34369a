import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLinkedInAdapter } from '../../electron/core/publishing/adapters/linkedin.adapter';
import { LINKEDIN_API_VERSION } from '../../electron/core/publishing/api-base';
import type { PublishRequest } from '../../electron/core/publishing/platform-adapter';
import { OutcomeLog, fileBytes, hangTimeouts, testTimeouts } from '../fakes/adapter-test-kit';
import type { FakeHandle } from '../fakes/fake-server';
import { LinkedInFake } from '../fakes/linkedin.fake';

const TOKEN = 'AQVliMemberToken-0123456789abcdefSECRET';
const ORG = '2414183';
const log = new OutcomeLog();

let fake: LinkedInFake;
let server: FakeHandle;

beforeEach(async () => {
  fake = new LinkedInFake(ORG, TOKEN);
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
    channel: { platform: 'linkedin', accountId: ORG, apiBase: server.base },
    token: TOKEN,
    text: 'We are hiring: Teacher of Maths (MPS/UPS) #TeachInLancashire @Trust [apply by 1 Dec]',
    media: [],
    idempotencyKey: 'target-li-1',
    ...overrides,
  };
}

const adapter = () => createLinkedInAdapter(testTimeouts);

describe('LinkedIn adapter against the LinkedIn fake', () => {
  it('publishes with the versioned headers and the reference body; the id comes from x-restli-id', async () => {
    const outcome = await log.publish(adapter(), request());
    const post = fake.posts[0];
    expect(outcome).toEqual({ kind: 'published', remoteId: post?.id, url: `https://www.linkedin.com/feed/update/${String(post?.id)}/` });
    const [sent] = fake.requests;
    expect(sent?.headers).toMatchObject({ authorization: `Bearer ${TOKEN}`, 'linkedin-version': LINKEDIN_API_VERSION, 'x-restli-protocol-version': '2.0.0' });
    expect(post?.body).toEqual({
      author: `urn:li:organization:${ORG}`,
      commentary: 'We are hiring: Teacher of Maths \\(MPS/UPS\\) #TeachInLancashire \\@Trust \\[apply by 1 Dec\\]',
      visibility: 'PUBLIC',
      distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
      lifecycleState: 'PUBLISHED',
      isReshareDisabledByAuthor: false,
    });
    expect(fake.problems).toEqual([]);
  });

  it('keeps hashtags as hashtags and escapes every other reserved character', async () => {
    const text = 'Well done #Year6 and #sports_day! Room #12 (hall) a|b *c* ~d~ {e} <f> C# \\ @Head';
    expect(await log.publish(adapter(), request({ text }))).toMatchObject({ kind: 'published' });
    expect(fake.posts[0]?.hashtags).toEqual(['Year6', 'sports_day']);
    expect(fake.posts[0]?.body.commentary).toBe('Well done #Year6 and #sports_day! Room \\#12 \\(hall\\) a\\|b \\*c\\* \\~d\\~ \\{e\\} \\<f\\> C\\# \\\\ \\@Head');
    expect(fake.problems).toEqual([]);
  });

  it('uploads an image (initializeUpload, PUT to uploadUrl) and posts it with its alt text', async () => {
    const bytes = fileBytes(3000, 4);
    const outcome = await log.publish(adapter(), request({ media: [{ bytes, mediaType: 'image/png', fileName: 'staff.png', altText: 'Maths department' }] }));
    expect(outcome.kind).toBe('published');
    const image = fake.images[0];
    expect(image?.owner).toBe(`urn:li:organization:${ORG}`);
    expect(image?.bytes).toEqual(Buffer.from(bytes));
    expect(fake.posts[0]?.body.content).toEqual({ media: { id: image?.urn, altText: 'Maths department' } });
    expect(fake.problems).toEqual([]);
  });

  it('429 with Retry-After → retry after it', async () => {
    fake.fail({ kind: 'rate-limit', retryAfterSeconds: 60 });
    expect(await log.publish(adapter(), request())).toMatchObject({ kind: 'retry', retryAfterMs: 60_000 });
    expect(fake.posts).toHaveLength(0);
  });

  it('5xx → retry, and the next attempt publishes', async () => {
    fake.fail({ kind: 'server-error', status: 502 }, { match: 'POST /rest/posts' });
    expect(await log.publish(adapter(), request())).toMatchObject({ kind: 'retry' });
    expect(await log.publish(adapter(), request())).toMatchObject({ kind: 'published' });
  });

  it('401 → failed token-expired', async () => {
    fake.fail({ kind: 'token-expired' });
    expect(await log.publish(adapter(), request())).toEqual({ kind: 'failed', code: 'token-expired', reason: 'The LinkedIn access token has expired or was revoked: reconnect the channel.' });
  });

  it('422 duplicate → failed duplicate', async () => {
    expect((await log.publish(adapter(), request())).kind).toBe('published');
    expect(await log.publish(adapter(), request())).toEqual({ kind: 'failed', code: 'duplicate', reason: 'LinkedIn refused duplicate content: this text was already posted.' });
    expect(fake.posts).toHaveLength(1);
  });

  it('a sunset API version (426) → failed rejected, saying Custodian needs an update', async () => {
    fake.acceptedVersions = ['209901'];
    const outcome = await log.publish(adapter(), request());
    expect(outcome).toMatchObject({ kind: 'failed', code: 'rejected' });
    expect(outcome.kind === 'failed' && outcome.reason).toContain(LINKEDIN_API_VERSION);
  });

  it('no answer to POST /rest/posts → ambiguous; to the image upload → retry', async () => {
    fake.fail({ kind: 'lose-answer' }, { match: 'POST /rest/posts' });
    expect((await log.publish(createLinkedInAdapter(hangTimeouts), request())).kind).toBe('ambiguous');
    expect(fake.posts).toHaveLength(1);
    fake.fail({ kind: 'hang' }, { match: 'POST /rest/images' });
    const image = { bytes: fileBytes(10), mediaType: 'image/jpeg', fileName: 'a.jpg' };
    expect(await log.publish(createLinkedInAdapter(hangTimeouts), request({ text: 'Another', media: [image] }))).toMatchObject({ kind: 'retry' });
    expect(fake.posts).toHaveLength(1);
  });

  it('never sends the token to an upload address on another host', async () => {
    fake.fail({ kind: 'custom', reply: { status: 200, json: { value: { uploadUrl: 'https://uploads.example.net/steal', image: 'urn:li:image:1' } } } });
    const outcome = await log.publish(adapter(), request({ media: [{ bytes: fileBytes(10), mediaType: 'image/jpeg', fileName: 'a.jpg' }] }));
    expect(outcome).toMatchObject({ kind: 'failed', code: 'rejected' });
    expect(fake.requests).toHaveLength(1);
  });

  it('refuses two images or a video before sending anything', async () => {
    const jpeg = { bytes: fileBytes(10), mediaType: 'image/jpeg', fileName: 'a.jpg' };
    expect(await log.publish(adapter(), request({ media: [jpeg, jpeg] }))).toMatchObject({ kind: 'failed', code: 'media' });
    expect(await log.publish(adapter(), request({ media: [{ ...jpeg, mediaType: 'video/mp4' }] }))).toMatchObject({ kind: 'failed', code: 'media' });
    expect(fake.requests).toHaveLength(0);
  });
});
