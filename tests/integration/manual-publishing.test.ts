import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../shared/contract/methods';
import { clipboardSink, createClipboardGuard, type ClipboardLike, type ClipboardTimers } from '../../electron/main/clipboard-guard';
import type { FakeHandle } from '../fakes/fake-server';
import { XFake } from '../fakes/x.fake';
import { openDatabase } from '../../electron/core/db/database';
import { bundledMigrations } from '../../electron/core/db/migrations';
import { migrate } from '../../electron/core/db/migrator';
import { ADMIN, createTestVault, tempDir, testClock, value, type TestVault } from '../support/test-vault';

const X_TOKEN = 'xTok-manual-9f8e7d6c5b4a39281706f5e4d3c2-secret';
const X_ACCOUNT = '1500000000000000001';
const PPA_X = 'x:@SHINEatPPA';
const TRUST_X = 'x:@pendleeducation';
const TRUST_LINKEDIN = 'linkedin:@pendleeducationtrust';
const SAM = { name: 'Sam Poster', email: 'sam@ppa.example', passphrase: 'poster passphrase 1' };
const OUTCOME = 'Celebrate pupils’ achievement and thank parents for coming';
const CHECKED = { adultsConsented: true, rightsConfirmed: true, dosAndDontsAcknowledged: true };
const START = new Date('2026-11-24T10:00:00Z');
const HOUR = 3_600_000;
const publishing = { requestTimeoutMs: 1_000, uploadTimeoutMs: 2_000, sleep: () => Promise.resolve() };

type Results = MethodOutput<'scheduler.runOnce'>['results'];

/** The system clipboard as main's guard sees it, with its clearing timers run by the test. */
function systemClipboard() {
  let text = '';
  const timers: { callback: () => void; ms: number }[] = [];
  const clipboard: ClipboardLike = {
    write: async (items) => {
      const item = items[0] as { 'text/plain': string };
      text = item['text/plain'];
    },
    writeText: async (value) => {
      text = value;
    },
    readText: async () => text,
    clear: () => {
      text = '';
    },
  };
  const fakeTimers: ClipboardTimers = {
    setTimeout: (callback, ms) => timers.push({ callback, ms }),
    clearTimeout: () => undefined,
  };
  const guard = createClipboardGuard({ clipboard, makeItem: (items) => items, platform: 'linux', timers: fakeTimers });
  return {
    sink: clipboardSink(guard, () => undefined),
    get text() {
      return text;
    },
    timers,
  };
}

describe('assisted manual publishing', () => {
  let v: TestVault;
  let sam: string;
  let x: XFake;
  let server: FakeHandle;
  let clip: ReturnType<typeof systemClipboard>;
  let texts = 0;

  beforeEach(async () => {
    clip = systemClipboard();
    v = await createTestVault({ clock: testClock(START), sinks: { publishing, clipboard: clip.sink } });
    value(await v.call(v.admin, 'example.load', { demo: false }));
    value(await v.call(v.admin, 'person.add', { ...SAM, role: 'staff', school: 'PPA', consoleRole: 'poster' }));
    value(await v.call(v.admin, 'training.record', { email: SAM.email, on: '2026-09-01' }));
    sam = await v.signIn(SAM.email, SAM.passphrase);
    x = new XFake(X_TOKEN);
    server = await x.start();
    // Both X channels are connected to the fake: a channel set to be published by hand must not use it.
    value(await v.call(v.admin, 'channel.connectVia', { channel: PPA_X, token: X_TOKEN, accountId: X_ACCOUNT, apiBase: x.base }));
    value(await v.call(v.admin, 'channel.connectVia', { channel: TRUST_X, token: X_TOKEN, accountId: X_ACCOUNT, apiBase: x.base }));
  });

  afterEach(async () => {
    await server.close();
    expect(x.problems).toEqual([]);
    await v.close();
  });

  const pass = async (): Promise<Results> => value(await v.call(v.admin, 'scheduler.runOnce', {})).results;

  const scheduledPost = async (channels: string[], at: string | 'now' = 'now'): Promise<{ id: number; text: string }> => {
    texts += 1;
    const text = `Well done to Year 6 on sports day (${texts}) — thank you to every parent who came to cheer!`;
    const post = value(await v.call(sam, 'post.create', { channels, text, outcome: OUTCOME, pupils: 'none', checklist: CHECKED, at }));
    value(await v.call(v.admin, 'post.approve', { id: post.id, checklist: { confirmed: true } }));
    return { id: post.id, text };
  };

  const post = async (id: number) => {
    const found = value(await v.call(v.admin, 'post.list', {})).find((p) => p.id === id);
    if (found === undefined) throw new Error(`no post ${id}`);
    return found;
  };
  const audit = async () => value(await v.call(v.admin, 'audit.list', { limit: 1000 }));
  const notices = async () => value(await v.call(v.admin, 'notification.list', {})).filter((n) => n.kind === 'post-manual-due');

  it('sends a due post on a manual channel to a person: state manual, a notice without the text, an audit event, no API call', async () => {
    const setting = value(await v.call(v.admin, 'channel.setManual', { channel: PPA_X, manual: true }));
    expect(setting).toMatchObject({ channel: PPA_X, manual: true, setBy: ADMIN.email, setAt: START.toISOString() });
    const { id, text } = await scheduledPost([PPA_X]);

    const results = await pass();
    expect(results).toEqual([{ post: id, channel: PPA_X, state: 'manual', detail: expect.stringContaining('published by hand') }]);
    expect(x.requests).toEqual([]);
    const view = await post(id);
    expect(view.targets[0]).toMatchObject({ state: 'manual', remoteId: null, error: null, nextAttemptAt: null, publishedAt: null });
    expect(view.publication).toBe('waiting');

    const [notice, ...more] = await notices();
    expect(more).toEqual([]);
    expect(notice).toMatchObject({ subject: `post:${id}:channel:${await channelId(PPA_X)}`, school: 'PPA', readAt: null });
    expect(notice?.message).toMatch(/Pendle Primary Academy Twitter .*x:@SHINEatPPA.* published by hand/);
    expect(notice?.message).not.toContain(text);
    expect(notice?.message).not.toContain('sports day');

    const events = await audit();
    expect(events.filter((e) => e.action === 'publish.manual_due')).toEqual([expect.objectContaining({ channel: PPA_X, outcome: 'ok', target: `post:${id}` })]);
    expect(events.some((e) => e.action === 'publish.token_use')).toBe(false);
    expect(events.filter((e) => e.action === 'channel.set_manual')).toEqual([expect.objectContaining({ channel: PPA_X, outcome: 'ok' })]);

    // Nothing more happens on later passes, and the notice is not repeated.
    expect(await pass()).toEqual([]);
    expect(await notices()).toHaveLength(1);
  });

  const channelId = async (ref: string) => value(await v.call(v.admin, 'channel.list', {})).find((c) => `${c.platform}:${c.handle}` === ref)?.id;

  it('copies the channel’s text to the clipboard through main’s guard, audited without the text, and clears it after 30 s', async () => {
    value(await v.call(v.admin, 'channel.setManual', { channel: PPA_X, manual: true }));
    const { id, text } = await scheduledPost([PPA_X], new Date(START.getTime() + HOUR).toISOString());

    // Not due yet: nothing to copy.
    const early = await v.call(sam, 'post.manualCopy', { id, channel: PPA_X });
    expect(early.ok ? 'copied' : early.error.code).toBe('conflict');
    expect(clip.text).toBe('');

    v.clock.advance(HOUR);
    await pass();
    const copied = await v.call(sam, 'post.manualCopy', { id, channel: PPA_X });
    expect(copied).toEqual({ ok: true, value: { copied: true, clearsAfterSeconds: 30 } });
    expect(clip.text).toBe(text);
    expect(clip.timers.map((t) => t.ms)).toEqual([30_000]);
    const events = (await audit()).filter((e) => e.action === 'post.manual_copy');
    expect(events).toEqual([expect.objectContaining({ actor: SAM.email, channel: PPA_X, outcome: 'ok', target: `post:${id}` })]);
    expect(JSON.stringify(events)).not.toContain('sports day');

    clip.timers[0]?.callback();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(clip.text).toBe('');
  });

  it('refuses an address that is not the platform’s own https site and writes nothing; records a good one as published', async () => {
    value(await v.call(v.admin, 'channel.setManual', { channel: PPA_X, manual: true }));
    const { id } = await scheduledPost([PPA_X]);
    await pass();
    const before = (await audit()).length;

    const refusals: [string, RegExp][] = [
      ['https://x.com.evil.example/SHINEatPPA/status/1', /is on x\.com\.evil\.example, not on x\.com or twitter\.com/],
      ['http://x.com/SHINEatPPA/status/1', /must start with https:\/\//],
      ['https://www.facebook.com/posts/1', /not on x\.com or twitter\.com/],
      ['https://user@x.com/SHINEatPPA/status/1', /without a user name/],
      ['https://x.com/', /home page/],
      ['javascript:alert(1)', /not a web address/],
    ];
    for (const [url, message] of refusals) {
      const result = await v.call(sam, 'post.manualRecord', { id, channel: PPA_X, url });
      expect(result, url).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(message) } });
    }
    expect((await audit()).length).toBe(before);
    expect((await post(id)).targets[0]).toMatchObject({ state: 'manual', remoteId: null });

    v.clock.advance(10 * 60_000);
    const url = 'https://X.com/SHINEatPPA/status/1861234567890123456';
    const recorded = value(await v.call(sam, 'post.manualRecord', { id, channel: PPA_X, url }));
    expect(recorded.publication).toBe('published');
    expect(recorded.targets[0]).toMatchObject({
      state: 'published',
      remoteId: 'https://x.com/SHINEatPPA/status/1861234567890123456',
      publishedAt: new Date(START.getTime() + 10 * 60_000).toISOString(),
      late: false,
      error: null,
    });
    expect((await audit()).filter((e) => e.action === 'publish.manual_record')).toEqual([expect.objectContaining({ actor: SAM.email, channel: PPA_X, outcome: 'ok' })]);
    expect((await notices())[0]?.readAt).not.toBeNull();
    // Recorded once: a second record is refused.
    const again = await v.call(sam, 'post.manualRecord', { id, channel: PPA_X, url });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/already recorded as published/) } });
    expect(x.requests).toEqual([]);
  });

  it('marks a post recorded more than two hours after its time as late', async () => {
    value(await v.call(v.admin, 'channel.setManual', { channel: PPA_X, manual: true }));
    const { id } = await scheduledPost([PPA_X]);
    await pass();
    v.clock.advance(3 * HOUR);
    const recorded = value(await v.call(sam, 'post.manualRecord', { id, channel: PPA_X, url: 'https://twitter.com/SHINEatPPA/status/42' }));
    expect(recorded.targets[0]).toMatchObject({ state: 'published', late: true });
  });

  it('applies the missed-post grace as for API channels: missed by more than two hours waits for a person to decide', async () => {
    value(await v.call(v.admin, 'channel.setManual', { channel: PPA_X, manual: true }));
    const { id } = await scheduledPost([PPA_X]);
    v.clock.advance(3 * HOUR);
    expect(await pass()).toMatchObject([{ post: id, state: 'needs_review' }]);
    expect(await notices()).toEqual([]);
  });

  it('a mixed post is partly published (the API channel through the fake) until the manual channel is recorded', async () => {
    value(await v.call(v.admin, 'channel.setManual', { channel: TRUST_LINKEDIN, manual: true }));
    const { id } = await scheduledPost([PPA_X, TRUST_LINKEDIN]);
    const results = await pass();
    expect(results).toEqual(
      expect.arrayContaining([expect.objectContaining({ channel: PPA_X, state: 'published' }), expect.objectContaining({ channel: TRUST_LINKEDIN, state: 'manual' })]),
    );
    expect(x.posts).toHaveLength(1);
    expect((await post(id)).publication).toBe('partly published');
    expect((await notices())[0]).toMatchObject({ school: null });

    const wrongPlatform = await v.call(sam, 'post.manualRecord', { id, channel: TRUST_LINKEDIN, url: 'https://x.com/pendleeducation/status/7' });
    expect(wrongPlatform).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/not on linkedin\.com/) } });
    const done = value(await v.call(sam, 'post.manualRecord', { id, channel: TRUST_LINKEDIN, url: 'https://www.linkedin.com/feed/update/urn:li:activity:7265432109876543210/' }));
    expect(done.publication).toBe('published');
  });

  it('cancelling a post stops a channel waiting to be published by hand; the channel can be set back to its API', async () => {
    value(await v.call(v.admin, 'channel.setManual', { channel: PPA_X, manual: true }));
    const { id } = await scheduledPost([PPA_X]);
    await pass();
    const cancelled = value(await v.call(sam, 'post.cancel', { id }));
    expect(cancelled.targets[0]?.state).toBe('cancelled');
    const record = await v.call(sam, 'post.manualRecord', { id, channel: PPA_X, url: 'https://x.com/SHINEatPPA/status/9' });
    expect(record).toMatchObject({ ok: false, error: { code: 'conflict' } });

    expect(value(await v.call(v.admin, 'channel.setManual', { channel: PPA_X, manual: false }))).toMatchObject({ manual: false, setAt: null });
    const next = await scheduledPost([PPA_X]);
    expect(await pass()).toEqual([expect.objectContaining({ post: next.id, state: 'published' })]);
    expect(x.posts).toHaveLength(1);
  });

  it('only an administrator sets a channel to be published by hand', async () => {
    const refused = await v.call(sam, 'channel.setManual', { channel: PPA_X, manual: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const { id } = await scheduledPost([PPA_X]);
    expect(await pass()).toEqual([expect.objectContaining({ post: id, state: 'published' })]);
  });
});

describe('post.manualCopy without a clipboard (the CLI)', () => {
  it('is refused with where to find the text instead', async () => {
    const v = await createTestVault();
    try {
      value(await v.call(v.admin, 'example.load', { demo: false }));
      const result = await v.call(v.admin, 'post.manualCopy', { id: 1, channel: PPA_X });
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/only available in the desktop app.*post list --json/) } });
    } finally {
      await v.close();
    }
  });
});

describe('migration 0010 (manual publishing)', () => {
  it('rebuilds post_targets with its rows, its index and its constraints, and takes the state manual', async () => {
    const dir = tempDir();
    try {
      const db = openDatabase(join(dir.path, 'test.sqlite3'), { create: true });
      const shipped = bundledMigrations();
      const options = { backupDir: join(dir.path, 'backups'), now: START };
      await migrate(db, shipped.filter((m) => m.version <= 9), options);
      const at = START.toISOString();
      db.exec(`
        INSERT INTO people (id, name, email, role, created_at) VALUES (1, 'A', 'a@trust.example', 'core-team', '${at}'), (2, 'B', 'b@trust.example', 'core-team', '${at}');
        INSERT INTO channels (id, platform, handle, handle_key, name, created_at) VALUES (1, 'x', '@a', 'a', 'A', '${at}'), (2, 'linkedin', 'b', 'b', 'B', '${at}');
        INSERT INTO posts (id, author_id, text, intended_outcome, status, scheduled_at, pupils, created_at, updated_at, approved_by, approved_at, approved_version)
          VALUES (1, 1, 'Hello', 'An outcome of ten characters', 'scheduled', '${at}', 'none', '${at}', '${at}', 2, '${at}', 1);
        INSERT INTO post_targets (id, post_id, channel_id, state, remote_id, published_at, late, created_at, updated_at, sending_started_at)
          VALUES (7, 1, 1, 'published', '1861', '${at}', 1, '${at}', '${at}', NULL), (8, 1, 2, 'scheduled', NULL, NULL, 0, '${at}', '${at}', '${at}');
      `);
      expect(() => db.prepare(`UPDATE post_targets SET state = 'manual' WHERE id = 8`).run()).toThrow(/CHECK constraint/);
      expect((await migrate(db, shipped, options)).applied).toEqual(shipped.filter((m) => m.version > 9).map((m) => m.version));

      expect(db.prepare('SELECT id, state, remote_id, late, sending_started_at FROM post_targets ORDER BY id').all()).toEqual([
        { id: 7, state: 'published', remote_id: '1861', late: 1, sending_started_at: null },
        { id: 8, state: 'scheduled', remote_id: null, late: 0, sending_started_at: at },
      ]);
      db.prepare(`UPDATE post_targets SET state = 'manual' WHERE id = 8`).run();
      expect(() => db.prepare(`UPDATE post_targets SET state = 'sideways' WHERE id = 8`).run()).toThrow(/CHECK constraint/);
      expect(() => db.prepare(`UPDATE post_targets SET state = 'published' WHERE id = 8`).run()).toThrow(/CHECK constraint/);
      expect(() => db.prepare(`INSERT INTO post_targets (post_id, channel_id, created_at, updated_at) VALUES (1, 1, '${at}', '${at}')`).run()).toThrow(/UNIQUE/);
      expect(() => db.prepare(`INSERT INTO post_targets (post_id, channel_id, created_at, updated_at) VALUES (99, 1, '${at}', '${at}')`).run()).toThrow(/FOREIGN KEY/);
      expect(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'post_targets' AND name = 'post_targets_due'`).all()).toHaveLength(1);
      expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
      expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
      db.close();
    } finally {
      dir.remove();
    }
  });
});
