import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../shared/contract/methods';
import { createTestVault, testClock, value, type TestVault } from '../support/test-vault';

const PPA_X = 'x:@SHINEatPPA';
const PPA_INSTAGRAM = 'instagram:@pendleprimaryacademy';
const CPA_FACEBOOK = 'facebook:Colne Primet Academy';
const CPA_X = 'x:@_CPAcademy_';
const TRUST_X = 'x:@pendleeducation';
const SAM = { name: 'Sam Poster', email: 'sam@ppa.example', passphrase: 'poster passphrase 1' };
const KIM = { name: 'Kim Poster', email: 'kim@cpa.example', passphrase: 'poster passphrase 2' };
const UNA = { name: 'Una Untrained', email: 'una@ppa.example', passphrase: 'poster passphrase 3' };
const SLT = { name: 'Pat Ppa', email: 'pat@ppa.example', passphrase: 'ppa auditor pass' };
const TEXT = 'Congratulations to Year 6 on a brilliant sports day — thank you to every parent who came to cheer!';
const OUTCOME = 'Celebrate pupils’ achievement and thank parents for coming';
const CHECKED = { adultsConsented: true, rightsConfirmed: true, dosAndDontsAcknowledged: true };

/** A JPEG-signed file (the core checks the signature, not the picture), different per seed. */
function jpeg(seed: number, size = 4096): Buffer {
  const body = Buffer.alloc(size);
  body.fill(seed);
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), body, Buffer.from([0xff, 0xd9])]);
}
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const image = (bytes: Buffer, name = 'sports-day.jpg') => ({ name, mediaType: 'image/jpeg' as const, contentBase64: bytes.toString('base64'), alt: 'Pupils running the relay race on the field' });

describe('posts: compose, check, approve', () => {
  let v: TestVault;
  let sam: string;
  let kim: string;
  let una: string;
  let slt: string;
  const create = (token: string, input: Partial<MethodInput<'post.create'>>) =>
    v.call(token, 'post.create', { channels: [PPA_X], text: TEXT, outcome: OUTCOME, pupils: 'none', ...input } as MethodInput<'post.create'>);

  beforeEach(async () => {
    v = await createTestVault({ clock: testClock(new Date('2026-11-24T10:00:00Z')) });
    value(await v.call(v.admin, 'example.load', { demo: false }));
    value(await v.call(v.admin, 'person.add', { ...SAM, role: 'staff', school: 'PPA', consoleRole: 'poster' }));
    value(await v.call(v.admin, 'person.add', { ...KIM, role: 'staff', school: 'CPA', consoleRole: 'poster' }));
    value(await v.call(v.admin, 'person.add', { ...UNA, role: 'staff', school: 'PPA', consoleRole: 'poster' }));
    value(await v.call(v.admin, 'person.add', { ...SLT, role: 'slt', school: 'PPA', consoleRole: 'auditor' }));
    value(await v.call(v.admin, 'training.record', { email: SAM.email, on: '2026-09-01' }));
    value(await v.call(v.admin, 'training.record', { email: KIM.email, on: '2026-10-01' }));
    sam = await v.signIn(SAM.email, SAM.passphrase);
    kim = await v.signIn(KIM.email, KIM.passphrase);
    una = await v.signIn(UNA.email, UNA.passphrase);
    slt = await v.signIn(SLT.email, SLT.passphrase);
  });
  afterEach(async () => v.close());

  const rows = (sqlText: string, ...params: unknown[]) => v.database.all<Record<string, unknown>>(sqlText, ...params);
  const mediaFiles = () => (existsSync(join(v.dataDir, 'media')) ? readdirSync(join(v.dataDir, 'media')) : []);

  it('saves a draft without the checklist, and sends a checked post for approval', async () => {
    const draft = value(await create(sam, { channels: [PPA_X, CPA_FACEBOOK] }));
    expect(draft).toMatchObject({
      status: 'draft',
      author: SAM.email,
      authorName: SAM.name,
      outcome: OUTCOME,
      at: null,
      pupils: 'none',
      version: 1,
      approvedBy: null,
      targets: [],
      media: [],
    });
    expect(draft.channels.map((c) => [c.channel, c.platform, c.school, c.text === TEXT, c.check.ok])).toEqual([
      [PPA_X, 'x', 'PPA', true, true],
      [CPA_FACEBOOK, 'facebook', 'CPA', true, true],
    ]);
    expect(draft.checklist.confirmed).toBe(false);
    expect(draft.checklist.items.filter((i) => i.state === 'missing').map((i) => i.id)).toEqual(['rights', 'dos-and-donts']);

    const checked = value(await create(sam, { checklist: CHECKED, at: '2026-11-25T09:00:00Z' }));
    expect(checked).toMatchObject({ status: 'awaiting-approval', at: '2026-11-25T09:00:00.000Z', checklist: { confirmed: true } });
    expect(value(await v.call(v.admin, 'post.list', { status: 'draft' })).map((p) => p.id)).toEqual([draft.id]);
    expect(value(await v.call(v.admin, 'post.list', {})).map((p) => p.id)).toEqual([checked.id, draft.id]);

    // A checked box left false is not a submission: refused, naming it, nothing written.
    const half = await create(sam, { checklist: { ...CHECKED, rightsConfirmed: false } });
    expect(half).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'checklist.rightsConfirmed', message: expect.stringContaining('save a draft') } });
    // An untrained poster may save a draft, not submit one.
    expect(value(await create(una, {})).status).toBe('draft');
    expect(await create(una, { checklist: CHECKED })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('The author has no training on record') },
    });
    // Auditors do not compose.
    expect(await create(slt, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // The intended outcome is required (the policy asks for one), at least 10 characters.
    expect(await v.call(sam, 'post.create', { channels: [PPA_X], text: TEXT, pupils: 'none' } as never)).toMatchObject({ ok: false, error: { field: 'outcome' } });
    expect(await create(sam, { outcome: 'News' })).toMatchObject({ ok: false, error: { field: 'outcome', message: expect.stringContaining('intended outcomes') } });
    expect(await create(sam, { channels: [PPA_X, 'x:@shineatppa'] })).toMatchObject({ ok: false, error: { field: 'channels', message: expect.stringContaining('twice') } });
    expect(await create(sam, { at: '2026-11-24T09:00:00Z' })).toMatchObject({ ok: false, error: { field: 'at', message: expect.stringContaining('has passed') } });
    expect(value(await v.call(v.admin, 'post.list', {}))).toHaveLength(3);
  });

  it('refuses an over-length X variant in a checked post, naming the channel; a draft keeps the problem to fix', async () => {
    const long = `${'a'.repeat(290)} end`;
    const refused = await create(sam, { channels: [CPA_FACEBOOK, PPA_X], text: long, checklist: CHECKED });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'text', message: expect.stringContaining(`${PPA_X} (X): X allows 280 characters; this is 294.`) },
    });
    expect(value(await v.call(v.admin, 'post.list', {}))).toEqual([]);

    const draft = value(await create(sam, { channels: [CPA_FACEBOOK, PPA_X], text: long }));
    expect(draft.channels.map((c) => c.check)).toEqual([
      { ok: true, problems: [], length: 294, limit: 63_206, warnings: [] },
      { ok: false, problems: [{ field: 'text', message: 'X allows 280 characters; this is 294.' }], length: 294, limit: 280, warnings: [] },
    ]);
    // The author gives X its own, shorter text and submits: the long text stays on Facebook.
    const fixed = value(await v.call(sam, 'post.update', { id: draft.id, variants: [{ channel: PPA_X, text: 'Sports day! Full report on our Facebook page.' }], checklist: CHECKED }));
    expect(fixed).toMatchObject({ status: 'awaiting-approval', version: 2 });
    expect(fixed.channels.map((c) => [c.channel, c.ownText, c.check.ok])).toEqual([
      [CPA_FACEBOOK, false, true],
      [PPA_X, true, true],
    ]);
  });

  it('refuses Instagram without an image, and an image without alt text', async () => {
    expect(await create(sam, { channels: [PPA_INSTAGRAM], checklist: CHECKED })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'media', message: expect.stringContaining(`${PPA_INSTAGRAM} (Instagram): Instagram needs an image: it has no text-only posts.`) },
    });
    const { alt: _alt, ...withoutAlt } = image(jpeg(1));
    expect(await create(sam, { channels: [PPA_INSTAGRAM], media: [withoutAlt], checklist: CHECKED })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'media.0.alt' },
    });
    expect(await create(sam, { channels: [PPA_INSTAGRAM], media: [{ ...image(Buffer.from('<html>not a photo</html>')) }], checklist: CHECKED })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'media.0.contentBase64', message: expect.stringContaining('is not a JPEG image') },
    });
    expect(mediaFiles()).toEqual([]);
    const bytes = jpeg(2);
    const post = value(await create(sam, { channels: [PPA_INSTAGRAM, PPA_X], media: [image(bytes)], checklist: CHECKED }));
    expect(post.media).toEqual([{ id: expect.any(Number), name: 'sports-day.jpg', sha256: sha256(bytes), bytes: bytes.length, mediaType: 'image/jpeg', alt: 'Pupils running the relay race on the field', publicUrl: null }]);
    expect(mediaFiles()).toEqual([`${sha256(bytes)}.jpg`]);
    expect(sha256(readFileSync(join(v.dataDir, 'media', `${sha256(bytes)}.jpg`)))).toBe(sha256(bytes));
  });

  it('refuses named listed pupils with the policy’s reason, writing nothing, and audits the attempt without names', async () => {
    const entry = value(await v.call(v.admin, 'consent.add', { school: 'PPA', name: 'Jo Bloggs-Featherstone', reason: 'no-consent' }));
    const refused = await create(sam, { media: [image(jpeg(3))], pupils: { named: [entry.id] } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'pupils' } });
    if (!refused.ok) {
      expect(refused.error.message).toContain(`No-publish list entry ${entry.id} can be identified`);
      expect(refused.error.message).toContain('images of these children are not published on social media');
      expect(refused.error.message).not.toContain('Bloggs');
    }
    expect(await create(sam, { media: [image(jpeg(3))], pupils: { named: [9999] } })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'pupils' } });
    expect(value(await v.call(v.admin, 'post.list', {}))).toEqual([]);
    expect(mediaFiles()).toEqual([]);
    const denied = value(await v.call(v.admin, 'audit.list', { action: 'post.create' }));
    expect(denied.map((e) => [e.outcome, e.details])).toEqual([['denied', { channels: 1, media: 1, pupils: 'named', named: 1 }]]);
  });

  it('is approved by a second operator: not the author, and a poster only when trained', async () => {
    const post = value(await create(sam, { checklist: CHECKED }));
    expect(await v.call(sam, 'post.approve', { id: post.id, checklist: { confirmed: true } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('a second operator (not its author) must approve it') },
    });
    expect(await v.call(una, 'post.approve', { id: post.id, checklist: { confirmed: true } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('not trained in date') },
    });
    expect(await v.call(slt, 'post.approve', { id: post.id, checklist: { confirmed: true } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await v.call(kim, 'post.approve', { id: post.id, checklist: { confirmed: true }, version: 7 })).toMatchObject({ ok: false, error: { code: 'conflict', field: 'version' } });
    const approved = value(await v.call(kim, 'post.approve', { id: post.id, checklist: { confirmed: true }, version: 1 }));
    expect(approved).toMatchObject({ status: 'approved', approvedBy: KIM.email, approvedAt: '2026-11-24T10:00:00.000Z', approvedVersion: 1, targets: [] });
    expect(await v.call(v.admin, 'post.approve', { id: post.id, checklist: { confirmed: true } })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('already approved') } });
    // A draft is not approved: its author has not confirmed the checklist.
    const draft = value(await create(sam, {}));
    expect(await v.call(kim, 'post.approve', { id: draft.id, checklist: { confirmed: true } })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('is a draft') } });
    // The refusals are on the record.
    const events = value(await v.call(v.admin, 'audit.list', { action: 'post.approve' })).reverse();
    expect(events.map((e) => [e.outcome, e.actor, e.details.why ?? e.details.status])).toEqual([
      ['denied', SAM.email, 'own-post'],
      ['denied', UNA.email, 'approver-not-trained'],
      ['ok', KIM.email, 'approved'],
    ]);
  });

  it('schedules on approval: one target per channel, due at the post’s time; "now" means the moment of approval', async () => {
    const post = value(await create(sam, { channels: [PPA_X, TRUST_X], checklist: CHECKED, at: '2026-11-25T09:00:00+00:00' }));
    const scheduled = value(await v.call(kim, 'post.approve', { id: post.id, checklist: { confirmed: true } }));
    expect(scheduled).toMatchObject({ status: 'scheduled', at: '2026-11-25T09:00:00.000Z' });
    expect(scheduled.targets).toEqual([
      { channel: PPA_X, state: 'scheduled', remoteId: null, error: null, nextAttemptAt: '2026-11-25T09:00:00.000Z', publishedAt: null, late: false },
      { channel: TRUST_X, state: 'scheduled', remoteId: null, error: null, nextAttemptAt: '2026-11-25T09:00:00.000Z', publishedAt: null, late: false },
    ]);
    expect(await rows('SELECT state, next_attempt_at, attempts, lease_owner FROM post_targets WHERE post_id = ? ORDER BY id', post.id)).toEqual([
      { state: 'scheduled', next_attempt_at: '2026-11-25T09:00:00.000Z', attempts: 0, lease_owner: null },
      { state: 'scheduled', next_attempt_at: '2026-11-25T09:00:00.000Z', attempts: 0, lease_owner: null },
    ]);

    const soon = value(await create(sam, { checklist: CHECKED, at: 'now' }));
    expect(soon.at).toBe('now');
    v.clock.advance(30 * 60_000);
    const approvedNow = value(await v.call(v.admin, 'post.approve', { id: soon.id, checklist: { confirmed: true } }));
    expect(approvedNow).toMatchObject({ status: 'scheduled', at: '2026-11-24T10:30:00.000Z', targets: [{ nextAttemptAt: '2026-11-24T10:30:00.000Z' }] });

    // A time that passed while the post waited is not approved as it is.
    const stale = value(await create(sam, { checklist: CHECKED, at: '2026-11-24T11:00:00Z' }));
    v.clock.advance(60 * 60_000);
    expect(await v.call(kim, 'post.approve', { id: stale.id, checklist: { confirmed: true } })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('which has passed') } });

    // Cancelling stops the targets.
    const cancelled = value(await v.call(sam, 'post.cancel', { id: post.id }));
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.targets.map((t) => [t.state, t.nextAttemptAt])).toEqual([
      ['cancelled', null],
      ['cancelled', null],
    ]);
    expect(await v.call(sam, 'post.cancel', { id: post.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('needs approval again after an edit, and drops the scheduled targets (saying why)', async () => {
    const post = value(await create(sam, { checklist: CHECKED, at: '2026-11-26T09:00:00Z' }));
    value(await v.call(kim, 'post.approve', { id: post.id, checklist: { confirmed: true } }));
    expect(await v.call(kim, 'post.update', { id: post.id, text: 'Kim rewrites it' })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('Only the author') } });
    v.clock.advance(60_000);
    const edited = value(await v.call(sam, 'post.update', { id: post.id, text: `${TEXT} Photos to follow.` }));
    expect(edited).toMatchObject({ status: 'awaiting-approval', version: 2, approvedBy: null, approvedVersion: null, targets: [], at: '2026-11-26T09:00:00.000Z' });
    expect(edited.channels[0]?.text).toBe(`${TEXT} Photos to follow.`);
    expect(await rows('SELECT COUNT(*) AS n FROM post_targets WHERE post_id = ?', post.id)).toEqual([{ n: 0 }]);
    const update = value(await v.call(v.admin, 'audit.list', { action: 'post.update' }))[0];
    expect(update?.details).toMatchObject({ version: 2, changed: ['text'], from: 'scheduled', status: 'awaiting-approval', targetsRemoved: 1, why: expect.stringContaining('needs approval again') });
    // Approval is of the version now: the approver's old view is refused, the new one accepted.
    expect(await v.call(kim, 'post.approve', { id: post.id, checklist: { confirmed: true }, version: 1 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const again = value(await v.call(kim, 'post.approve', { id: post.id, checklist: { confirmed: true }, version: 2 }));
    expect(again).toMatchObject({ status: 'scheduled', approvedVersion: 2, targets: [{ state: 'scheduled' }] });
    // An administrator may edit too; a checked post may not take on a platform problem.
    expect(await v.call(v.admin, 'post.update', { id: post.id, text: 'b'.repeat(300) })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining(PPA_X) } });
    expect(value(await v.call(v.admin, 'post.update', { id: post.id, at: null }))).toMatchObject({ status: 'awaiting-approval', at: null, version: 3 });
  });

  it('re-checks the no-publish list at approval: pupils present need an admin approver’s confirmation, told of new entries', async () => {
    const bytes = jpeg(5);
    const post = value(await create(sam, { channels: [PPA_INSTAGRAM], media: [image(bytes)], pupils: 'present', checklist: { ...CHECKED, noListedPupilIdentifiable: true } }));
    expect(post).toMatchObject({ status: 'awaiting-approval', pupils: 'present' });
    // Without the author's confirmation about listed pupils, it is not submitted.
    expect(await create(sam, { channels: [PPA_INSTAGRAM], media: [image(jpeg(6))], pupils: 'present', checklist: CHECKED })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'checklist.noListedPupilIdentifiable' },
    });

    v.clock.advance(60_000);
    value(await v.call(v.admin, 'consent.add', { school: 'PPA', name: 'A.B.', reason: 'withdrawn' }));
    // A poster cannot see the list, so cannot confirm against it.
    expect(await v.call(kim, 'post.approve', { id: post.id, checklist: { confirmed: true, noListedPupilIdentifiable: true } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining("can see the school's no-publish list") },
    });
    const unconfirmed = await v.call(v.admin, 'post.approve', { id: post.id, checklist: { confirmed: true } });
    expect(unconfirmed).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'checklist.noListedPupilIdentifiable' } });
    if (!unconfirmed.ok) expect(unconfirmed.error.message).toMatch(/An entry was added to the no-publish list since the author confirmed/);
    expect(await v.call(v.admin, 'post.approve', { id: post.id, checklist: { confirmed: true, noListedPupilIdentifiable: false } })).toMatchObject({ ok: false });
    const approved = value(await v.call(v.admin, 'post.approve', { id: post.id, checklist: { confirmed: true, noListedPupilIdentifiable: true } }));
    expect(approved).toMatchObject({ status: 'approved', approvedBy: 'alex.admin@trust.example' });
    expect(approved.checklist.items.find((i) => i.id === 'pupils')).toMatchObject({ state: 'ok', message: expect.stringContaining('the author and the approver each confirmed') });
  });

  it("refuses approval when the author's training has lapsed since submission", async () => {
    const post = value(await create(sam, { checklist: CHECKED }));
    v.clock.set(new Date('2027-09-02T10:00:00Z'));
    const refused = await v.call(kim, 'post.approve', { id: post.id, checklist: { confirmed: true } });
    // Kim's own training (2026-10-01) is still in date; Sam's (2026-09-01) ran out on 2027-09-01.
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining("The author's training ran out on 2027-09-01") } });
  });

  it('deletes drafts and cancelled posts with their media files, keeping a file another post shares', async () => {
    const shared = jpeg(8);
    const own = jpeg(9);
    const a = value(await create(sam, { media: [image(shared), image(own, 'own.jpg')] }));
    const b = value(await create(sam, { media: [image(shared, 'copy.jpg')], checklist: CHECKED, at: '2026-12-01T09:00:00Z' }));
    expect(mediaFiles().sort()).toEqual([`${sha256(shared)}.jpg`, `${sha256(own)}.jpg`].sort());
    expect(await v.call(sam, 'post.delete', { id: a.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(value(await v.call(v.admin, 'post.delete', { id: a.id }))).toEqual({ id: a.id, filesRemoved: 1 });
    expect(mediaFiles()).toEqual([`${sha256(shared)}.jpg`]);

    value(await v.call(kim, 'post.approve', { id: b.id, checklist: { confirmed: true } }));
    expect(await v.call(v.admin, 'post.delete', { id: b.id })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('Cancel it first') } });
    value(await v.call(sam, 'post.cancel', { id: b.id }));
    expect(value(await v.call(v.admin, 'post.delete', { id: b.id }))).toEqual({ id: b.id, filesRemoved: 1 });
    expect(mediaFiles()).toEqual([]);
    expect(await rows('SELECT (SELECT COUNT(*) FROM posts) + (SELECT COUNT(*) FROM post_media) + (SELECT COUNT(*) FROM post_variants) + (SELECT COUNT(*) FROM post_targets) AS n')).toEqual([{ n: 0 }]);
    expect(await v.call(v.admin, 'post.delete', { id: b.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('keeps post text, outcome and file names out of the audit trail', async () => {
    const marker = `Featherstonehaugh-${randomBytes(4).toString('hex')}`;
    const post = value(
      await create(sam, {
        text: `${TEXT} ${marker}`,
        outcome: `Outcome ${marker}`,
        media: [image(jpeg(10), `${marker}.jpg`)],
        variants: [{ channel: PPA_X, text: `Own ${marker}` }],
        checklist: CHECKED,
      }),
    );
    value(await v.call(sam, 'post.update', { id: post.id, text: `Edited ${marker}` }));
    value(await v.call(kim, 'post.approve', { id: post.id, checklist: { confirmed: true } }));
    value(await v.call(sam, 'post.cancel', { id: post.id }));
    value(await v.call(v.admin, 'post.delete', { id: post.id }));
    const actions = (await rows("SELECT action FROM audit_events WHERE action LIKE 'post.%' ORDER BY seq")).map((r) => r.action);
    expect(actions).toEqual(['post.create', 'post.update', 'post.approve', 'post.cancel', 'post.delete']);
    expect(JSON.stringify(await rows('SELECT * FROM audit_events'))).not.toContain(marker);
    const created = value(await v.call(v.admin, 'audit.list', { action: 'post.create' }))[0];
    expect(created).toMatchObject({ target: `post:${post.id}`, channel: PPA_X, school: 'PPA', details: { status: 'awaiting-approval', channels: 1, media: 1, pupils: 'none', at: null } });
  });

  it("shows an SLT auditor only posts to their own school's channels", async () => {
    const ppa = value(await create(sam, { channels: [PPA_X] }));
    const both = value(await create(kim, { channels: [CPA_X, PPA_INSTAGRAM] }));
    const cpa = value(await create(kim, { channels: [CPA_X] }));
    const trust = value(await create(v.admin, { channels: [TRUST_X] }));
    expect(value(await v.call(v.admin, 'post.list', {})).map((p) => p.id)).toEqual([trust.id, cpa.id, both.id, ppa.id]);
    expect(value(await v.call(slt, 'post.list', {})).map((p) => p.id)).toEqual([both.id, ppa.id]);
    expect(value(await v.call(slt, 'post.list', { status: 'draft' })).map((p) => p.id)).toEqual([both.id, ppa.id]);
    expect(value(await v.call(una, 'post.list', {}))).toHaveLength(4);
  });
});
