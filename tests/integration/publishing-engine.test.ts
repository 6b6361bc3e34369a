import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../shared/contract/methods';
import type { Core } from '../../electron/core/app';
import { youtubeLockedPrivateNotice } from '../../electron/core/publishing/adapters/youtube.adapter';
import { MISSED_REASON } from '../../electron/core/publishing/engine/publish-pass';
import type { FakeHandle } from '../fakes/fake-server';
import { FacebookFake } from '../fakes/facebook.fake';
import { XFake } from '../fakes/x.fake';
import { YouTubeFake } from '../fakes/youtube.fake';
import { ADMIN, createTestVault, testClock, value, type TestVault } from '../support/test-vault';

const X_TOKEN = 'xTok-engine-9f8e7d6c5b4a39281706f5e4d3c2-secret';
const FB_TOKEN = 'EAABengine7d6c5b4a39281706f5e4d3c2b1a0-secret';
const YT_TOKEN = 'ya29.engine-4a39281706f5e4d3c2b1a0-secret';
const X_ACCOUNT = '1500000000000000001';
const FB_PAGE = '104857600000001';
const PPA_X = 'x:@SHINEatPPA';
const CPA_FACEBOOK = 'facebook:Colne Primet Academy';
const SAM = { name: 'Sam Poster', email: 'sam@ppa.example', passphrase: 'poster passphrase 1' };
const OUTCOME = 'Celebrate pupils’ achievement and thank parents for coming';
const CHECKED = { adultsConsented: true, rightsConfirmed: true, dosAndDontsAcknowledged: true };
const START = new Date('2026-11-24T10:00:00Z');
/** Short deadlines: a lost answer ends in a second, not 30. */
const publishing = { requestTimeoutMs: 1_000, uploadTimeoutMs: 2_000, sleep: () => Promise.resolve() };

type Results = MethodOutput<'scheduler.runOnce'>['results'];

describe('the publishing engine against the platform fakes', () => {
  let v: TestVault;
  let sam: string;
  let x: XFake;
  let fb: FacebookFake;
  let servers: FakeHandle[];
  let seen: string[];
  let texts = 0;

  beforeEach(async () => {
    v = await createTestVault({ clock: testClock(START), sinks: { publishing } });
    value(await v.call(v.admin, 'example.load', { demo: false }));
    value(await v.call(v.admin, 'person.add', { ...SAM, role: 'staff', school: 'PPA', consoleRole: 'poster' }));
    value(await v.call(v.admin, 'training.record', { email: SAM.email, on: '2026-09-01' }));
    sam = await v.signIn(SAM.email, SAM.passphrase);
    x = new XFake(X_TOKEN);
    fb = new FacebookFake(FB_PAGE, FB_TOKEN);
    servers = [await x.start(), await fb.start()];
    seen = [];
    value(await v.call(v.admin, 'channel.connectVia', { channel: PPA_X, token: X_TOKEN, accountId: X_ACCOUNT, apiBase: x.base }));
    value(await v.call(v.admin, 'channel.connectVia', { channel: CPA_FACEBOOK, token: FB_TOKEN, accountId: FB_PAGE, apiBase: fb.base }));
  });

  afterEach(async () => {
    // The tokens never reach the database (its file and WAL, or every row on PostgreSQL), the logs, or anything a pass returned.
    const places = await v.database.stored();
    const logs = join(v.dataDir, 'logs');
    if (existsSync(logs)) places.push(...readdirSync(logs).map((name) => ({ where: join(logs, name), bytes: readFileSync(join(logs, name)) })));
    for (const place of places) {
      for (const token of [X_TOKEN, FB_TOKEN, YT_TOKEN]) expect(place.bytes.includes(Buffer.from(token)), place.where).toBe(false);
    }
    for (const token of [X_TOKEN, FB_TOKEN, YT_TOKEN]) expect(seen.join('\n')).not.toContain(token);
    for (const server of servers) await server.close();
    expect(x.problems).toEqual([]);
    expect(fb.problems).toEqual([]);
    await v.close();
  });

  const pass = async (core: Core = v.core, token = v.admin): Promise<Results> => {
    const run = value(await core.call(token, 'scheduler.runOnce', {}));
    seen.push(JSON.stringify(run));
    return run.results;
  };

  /** A checked post by Sam, approved by the admin: due now, or at `at`. */
  const scheduledPost = async (channels: string[], at: string | 'now' = 'now'): Promise<number> => {
    texts += 1;
    const text = `Well done to Year 6 on sports day (${texts}) — thank you to every parent who came to cheer!`;
    const post = value(await v.call(sam, 'post.create', { channels, text, outcome: OUTCOME, pupils: 'none', checklist: CHECKED, at }));
    value(await v.call(v.admin, 'post.approve', { id: post.id, checklist: { confirmed: true } }));
    return post.id;
  };

  const post = async (id: number) => {
    const found = value(await v.call(v.admin, 'post.list', {})).find((p) => p.id === id);
    if (found === undefined) throw new Error(`no post ${id}`);
    seen.push(JSON.stringify(found));
    return found;
  };

  const creates = () => x.requestsTo('POST /2/tweets').length;

  it('publishes a due post exactly once, audits the token use, and does nothing on the next pass', async () => {
    const id = await scheduledPost([PPA_X]);
    const results = await pass();
    expect(results).toEqual([{ post: id, channel: PPA_X, state: 'published', detail: expect.stringContaining('Published on X') }]);
    expect(x.posts).toHaveLength(1);
    expect(await pass()).toEqual([]);
    expect(creates()).toBe(1);
    const view = await post(id);
    expect(view.publication).toBe('published');
    expect(view.targets[0]).toMatchObject({ state: 'published', remoteId: x.posts[0]?.id, late: false, error: null });
    const audit = value(await v.call(v.admin, 'audit.list', { limit: 1000 }));
    seen.push(JSON.stringify(audit));
    const uses = audit.filter((e) => e.action === 'publish.token_use');
    expect(uses).toHaveLength(1);
    expect(uses[0]).toMatchObject({ channel: PPA_X, outcome: 'ok', actor: ADMIN.email });
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['channel.connect', 'publish.claim', 'publish.outcome']));
  });

  it('publishes from the desktop app’s in-process scheduler as this computer’s publisher, and not before one is enrolled', async () => {
    const id = await scheduledPost([PPA_X]);
    // No publisher on this computer yet: the desktop publishes nothing (and says nothing is due).
    expect(await v.core.publishDue()).toBeNull();
    expect(x.posts).toHaveLength(0);
    const enrolled = value(await v.call(v.admin, 'publisher.enrol', {}));
    expect(await v.core.publishDue()).toBe(1);
    expect(x.posts).toHaveLength(1);
    expect((await post(id)).publication).toBe('published');
    expect(await v.core.publishDue()).toBe(0);
    const uses = value(await v.call(v.admin, 'audit.list', { action: 'publish.token_use' }));
    expect(uses).toEqual([expect.objectContaining({ channel: PPA_X, outcome: 'ok', actor: `publisher:${enrolled.publisherId}`, details: expect.objectContaining({ publisher: enrolled.publisherId }) })]);
  });

  it('honours Retry-After on a 429, then publishes on a later pass', async () => {
    const id = await scheduledPost([PPA_X]);
    x.fail({ kind: 'rate-limit', retryAfterSeconds: 120 }, { match: 'POST /2/tweets' });
    expect(await pass()).toMatchObject([{ post: id, state: 'scheduled' }]);
    const waiting = await post(id);
    expect(waiting.targets[0]?.nextAttemptAt).toBe(new Date(START.getTime() + 120_000).toISOString());
    expect(waiting.publication).toBe('waiting');
    v.clock.advance(119_000);
    expect(await pass()).toEqual([]);
    v.clock.advance(1_000);
    expect(await pass()).toMatchObject([{ post: id, state: 'published' }]);
    expect(creates()).toBe(2);
    expect(x.posts).toHaveLength(1);
  });

  it('retries a 5xx with backoff (within 2 s for the first), then publishes', async () => {
    const id = await scheduledPost([PPA_X]);
    x.fail({ kind: 'server-error', status: 503 }, { match: 'POST /2/tweets' });
    expect(await pass()).toMatchObject([{ post: id, state: 'scheduled', detail: expect.stringContaining('Attempt 1 of 6') }]);
    const next = Date.parse((await post(id)).targets[0]?.nextAttemptAt ?? '');
    expect(next - START.getTime()).toBeGreaterThanOrEqual(0);
    expect(next - START.getTime()).toBeLessThanOrEqual(2_000);
    v.clock.set(new Date(next));
    expect(await pass()).toMatchObject([{ post: id, state: 'published' }]);
    expect(x.posts).toHaveLength(1);
  });

  it('an expired token marks the connection reconnect-needed, tells the admins, and pauses the channel’s posts until it is reconnected', async () => {
    const first = await scheduledPost([PPA_X]);
    const second = await scheduledPost([PPA_X]);
    x.fail({ kind: 'token-expired' }, { match: 'POST /2/tweets' });
    const results = await pass();
    expect(results).toEqual([
      { post: first, channel: PPA_X, state: 'scheduled', detail: expect.stringContaining('waits until x:@SHINEatPPA is connected again') },
      { post: second, channel: PPA_X, state: 'scheduled', detail: expect.stringContaining('needs reconnecting') },
    ]);
    expect(await v.database.all("SELECT status, last_error FROM channel_connections WHERE status = 'reconnect-needed'")).toHaveLength(1);
    const notices = value(await v.call(v.admin, 'notification.list', {}));
    expect(notices).toEqual([expect.objectContaining({ kind: 'channel-reconnect-needed', message: expect.stringContaining(PPA_X) })]);
    // Paused: both stay scheduled and the next passes skip them.
    v.clock.advance(60_000);
    expect(await pass()).toEqual([]);
    expect((await post(first)).targets[0]?.state).toBe('scheduled');
    expect((await post(second)).targets[0]?.state).toBe('scheduled');
    expect(creates()).toBe(1);
    // Reconnected: both go out, once each, without anyone retrying them.
    value(await v.call(v.admin, 'channel.connectVia', { channel: PPA_X, token: X_TOKEN, accountId: X_ACCOUNT, apiBase: x.base }));
    expect(await pass()).toMatchObject([
      { post: first, state: 'published' },
      { post: second, state: 'published' },
    ]);
    expect(creates()).toBe(3);
    expect(x.posts).toHaveLength(2);
  });

  it('a lost answer goes to needs_review and is never sent again', async () => {
    const id = await scheduledPost([PPA_X]);
    x.fail({ kind: 'lose-answer' }, { match: 'POST /2/tweets' });
    expect(await pass()).toMatchObject([{ post: id, state: 'needs_review' }]);
    v.clock.advance(3_600_000);
    expect(await pass()).toEqual([]);
    expect(creates()).toBe(1);
    expect(x.posts).toHaveLength(1);
    expect((await post(id)).publication).toBe('needs review');
  });

  it('a partial failure across two channels is "partly published", and post.retry retries only the failed channel', async () => {
    const id = await scheduledPost([PPA_X, CPA_FACEBOOK]);
    fb.fail({ kind: 'duplicate' });
    const results = await pass();
    expect(results.map((r) => [r.channel, r.state])).toEqual([
      [PPA_X, 'published'],
      [CPA_FACEBOOK, 'failed'],
    ]);
    expect((await post(id)).publication).toBe('partly published');
    expect(await pass()).toEqual([]);

    const sam403 = await v.call(sam, 'post.retry', { id });
    expect(sam403).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const retried = value(await v.call(v.admin, 'post.retry', { id }));
    expect(retried.targets.map((t) => [t.channel, t.state])).toEqual([
      [PPA_X, 'published'],
      [CPA_FACEBOOK, 'scheduled'],
    ]);
    expect(await pass()).toMatchObject([{ channel: CPA_FACEBOOK, state: 'published' }]);
    expect((await post(id)).publication).toBe('published');
    expect(x.posts).toHaveLength(1);
    expect(fb.posts).toHaveLength(1);
    expect(await v.call(v.admin, 'post.retry', { id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  // Two passes at once on one core, each its own lease owner (as two windows, or a window and the
  // app's own scheduler): both see the same due targets and only the conditional claim keeps them
  // apart. (Two cores on one file in one process cannot race here: a transaction now spans awaits,
  // and the second connection's busy wait would block the thread the first needs to commit; two
  // processes, the real case, each wait on their own thread.)
  it('two runners at the same moment publish a target once (the lease)', async () => {
    const id = await scheduledPost([PPA_X, CPA_FACEBOOK]);
    const [a, b] = await Promise.all([pass(), pass()]);
    const published = [...a, ...b].filter((r) => r.state === 'published');
    expect(published.map((r) => r.channel).sort()).toEqual([CPA_FACEBOOK, PPA_X].sort());
    expect(published.every((r) => r.post === id)).toBe(true);
    expect(creates()).toBe(1);
    expect(fb.posts).toHaveLength(1);
  });

  it('after a crash: a target that may have been sent goes to needs_review without calling the platform', async () => {
    const id = await scheduledPost([PPA_X]);
    await v.database.run(
      "UPDATE post_targets SET state = 'claimed', lease_owner = 'dead-runner', lease_until = ?, sending_started_at = ? WHERE post_id = ?",
      new Date(START.getTime() - 60_000).toISOString(),
      new Date(START.getTime() - 120_000).toISOString(),
      id,
    );
    expect(await pass()).toMatchObject([{ post: id, state: 'needs_review', detail: expect.stringContaining('may or may not have been published') }]);
    expect(x.requests).toHaveLength(0);
    expect(await pass()).toEqual([]);
    expect(x.requests).toHaveLength(0);
  });

  it('after a crash: a claimed target that was never sent goes back and is published once', async () => {
    const id = await scheduledPost([PPA_X]);
    await v.database.run("UPDATE post_targets SET state = 'claimed', lease_owner = 'dead-runner', lease_until = ? WHERE post_id = ?", new Date(START.getTime() - 60_000).toISOString(), id);
    const results = await pass();
    expect(results.map((r) => r.state)).toEqual(['scheduled', 'published']);
    expect(creates()).toBe(1);
    expect(await pass()).toEqual([]);
  });

  it('a post missed by more than 2 hours waits for a person; within 2 hours it goes out, marked late', async () => {
    const missed = await scheduledPost([PPA_X], new Date(START.getTime() + 10 * 60_000).toISOString());
    v.clock.set(new Date(START.getTime() + 10 * 60_000 + 2 * 3_600_000 + 1_000));
    expect(await pass()).toEqual([{ post: missed, channel: PPA_X, state: 'needs_review', detail: MISSED_REASON }]);
    expect(x.requests).toHaveLength(0);

    const at = new Date(v.clock.now().getTime() + 10 * 60_000);
    const late = await scheduledPost([PPA_X], at.toISOString());
    v.clock.set(new Date(at.getTime() + 3_600_000));
    expect(await pass()).toMatchObject([{ post: late, state: 'published' }]);
    expect((await post(late)).targets[0]).toMatchObject({ state: 'published', late: true });
    // A person decides to publish the missed one after all.
    value(await v.call(v.admin, 'post.retry', { id: missed }));
    expect(await pass()).toMatchObject([{ post: missed, state: 'published' }]);
    expect((await post(missed)).targets[0]?.late).toBe(false);
  });

  it('re-runs the checks at publishing: a no-publish list entry added since approval stops a post showing pupils, with nothing sent', async () => {
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2048, 9), Buffer.from([0xff, 0xd9])]);
    const created = value(
      await v.call(sam, 'post.create', {
        channels: [PPA_X],
        text: 'Our relay team at the county finals!',
        outcome: OUTCOME,
        pupils: 'present',
        media: [{ name: 'relay.jpg', mediaType: 'image/jpeg', contentBase64: jpeg.toString('base64'), alt: 'The relay team on the track' }],
        checklist: { ...CHECKED, noListedPupilIdentifiable: true },
        at: new Date(START.getTime() + 30 * 60_000).toISOString(),
      }),
    );
    value(await v.call(v.admin, 'post.approve', { id: created.id, checklist: { confirmed: true, noListedPupilIdentifiable: true } }));
    v.clock.advance(60_000);
    value(await v.call(v.admin, 'consent.add', { school: 'PPA', name: 'A.B.', reason: 'withdrawn' }));
    v.clock.set(new Date(START.getTime() + 30 * 60_000));
    expect(await pass()).toMatchObject([{ post: created.id, state: 'failed', detail: expect.stringContaining('added to the no-publish list since the post was approved') }]);
    expect(x.requests).toHaveLength(0);
  });

  it('never sends a Facebook photo of 10 MB or more: refused at create, and again before any upload, naming the file and the limit', async () => {
    const jpeg = (size: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(size - 6, 9), Buffer.from([0xff, 0xd9])]);
    const photoPost = (bytes: Buffer) => ({ channels: [CPA_FACEBOOK], text: 'Our new school hall', outcome: OUTCOME, pupils: 'none' as const, checklist: CHECKED, at: 'now' as const, media: [{ name: 'hall.jpg', mediaType: 'image/jpeg' as const, contentBase64: bytes.toString('base64'), alt: 'The new hall' }] });
    const refused = await v.call(sam, 'post.create', photoPost(jpeg(10 * 1024 * 1024)));
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringContaining('Facebook takes images under 10 MB; hall.jpg is 10 MB.') } });
    // One that got through (approved by an older Custodian, whose rule took 10 MB itself): the
    // checks run again before the engine reads the file, so the upload never starts.
    const created = value(await v.call(sam, 'post.create', photoPost(jpeg(4096))));
    value(await v.call(v.admin, 'post.approve', { id: created.id, checklist: { confirmed: true } }));
    await v.database.run('UPDATE post_media SET bytes = ? WHERE post_id = ?', 10 * 1024 * 1024, created.id);
    expect(await pass()).toEqual([{ post: created.id, channel: CPA_FACEBOOK, state: 'failed', detail: expect.stringContaining('Facebook: Facebook takes images under 10 MB; hall.jpg is 10 MB.') }]);
    expect(fb.requests).toHaveLength(0);
  });

  const YT = 'youtube:@PendlePrimaryAcademy';
  const VIDEO = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(30_000, 3)]);
  /** The YouTube channel connected to a fake, and an approved video post due now. */
  const youtubePost = async (yt: YouTubeFake) => {
    value(await v.call(v.admin, 'channel.connectVia', { channel: YT, token: yt.token, accountId: yt.channelId, apiBase: yt.base }));
    const created = value(
      await v.call(sam, 'post.create', {
        channels: [YT],
        text: 'Highlights from our sports day.',
        outcome: OUTCOME,
        pupils: 'none',
        variants: [{ channel: YT, title: 'Sports day 2026' }],
        media: [{ name: 'sports-day.mp4', mediaType: 'video/mp4', contentBase64: VIDEO.toString('base64') }],
        checklist: CHECKED,
        at: 'now',
      }),
    );
    value(await v.call(v.admin, 'post.approve', { id: created.id, checklist: { confirmed: true } }));
    return created;
  };

  it('continues from recorded progress: a YouTube upload session is recorded, then the video is uploaded in the same pass', async () => {
    const yt = new YouTubeFake('UCppa00000000000000000000', YT_TOKEN);
    const ytServer = await yt.start();
    try {
      const created = await youtubePost(yt);
      const video = VIDEO;
      expect((await pass()).map((r) => r.state)).toEqual(['remote_created', 'published']);
      expect(yt.sessions).toHaveLength(1);
      const session = yt.sessions[0];
      expect(session && yt.bytesOf(session).equals(video)).toBe(true);
      expect((await post(created.id)).targets[0]).toMatchObject({ state: 'published', remoteId: String(session?.video?.id) });
      expect(yt.problems).toEqual([]);
      expect(await v.database.get('SELECT remote_state FROM post_targets WHERE post_id = ?', created.id)).toEqual({ remote_state: null });
      const actions = value(await v.call(v.admin, 'audit.list', { limit: 1000 })).map((e) => e.action);
      expect(actions.filter((a) => a === 'publish.progress')).toHaveLength(1);
    } finally {
      await ytServer.close();
    }
  });

  it('a YouTube upload locked private (unaudited Google project) is published but private: said so, with what to do, and no public link', async () => {
    const yt = new YouTubeFake('UCppa00000000000000000000', YT_TOKEN);
    yt.projectAudited = false;
    const ytServer = await yt.start();
    try {
      const created = await youtubePost(yt);
      const results = await pass();
      const id = String(yt.sessions[0]?.video?.id);
      expect(results.map((r) => r.state)).toEqual(['remote_created', 'published']);
      expect(results[1]?.detail).toBe(`Published on YouTube (id ${id}), but ${youtubeLockedPrivateNotice}`);
      expect(results[1]?.detail).toMatch(/private: your Google project is not audited\..*upload it again in YouTube Studio.*API audit/);
      const view = await post(created.id);
      expect(view.targets[0]).toMatchObject({ state: 'published', remoteId: id, error: youtubeLockedPrivateNotice });
      const audit = value(await v.call(v.admin, 'audit.list', { action: 'publish.outcome' }));
      expect(audit).toEqual([expect.objectContaining({ outcome: 'ok', details: expect.objectContaining({ remoteId: id, notice: true }) })]);
      // Nowhere a link that would not open for anyone else.
      expect(JSON.stringify([results, view, audit])).not.toContain('youtube.com/watch');
      expect(await pass()).toEqual([]);
      expect(yt.problems).toEqual([]);
    } finally {
      await ytServer.close();
    }
  });

  it('refuses an api base that would send the token over plain http off this machine', async () => {
    const refused = await v.call(v.admin, 'channel.connectVia', { channel: PPA_X, token: X_TOKEN, accountId: X_ACCOUNT, apiBase: 'http://proxy.example.org' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'apiBase' } });
    seen.push(JSON.stringify(refused));
  });
});
