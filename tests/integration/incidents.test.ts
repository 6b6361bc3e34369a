import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestVault, testClock, value, type TestVault } from '../support/test-vault';

const PPA = 'x:@SHINEatPPA';
const CPA = 'x:@_CPAcademy_';
const TRUST = 'x:@pendleeducation';
const POSTER = { name: 'Sam Poster', email: 'sam@ppa.example', passphrase: 'poster passphrase 1' };
const SLT_PPA = { name: 'Pat Ppa', email: 'pat@ppa.example', passphrase: 'ppa auditor pass' };
const SUMMARY = 'Abusive replies naming Mrs Featherstonehaugh under the sports day post';

/** A real screenshot-like PNG (a small gradient), different for each seed. */
function png(seed: number): Buffer {
  const image = new PNG({ width: 16, height: 8 });
  for (let i = 0; i < image.data.length; i += 4) {
    image.data[i] = (i * seed) % 256;
    image.data[i + 1] = seed;
    image.data[i + 2] = 255 - seed;
    image.data[i + 3] = 255;
  }
  return PNG.sync.write(image);
}
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('incidents: evidence before any delete, actions, escalation, closure', () => {
  let v: TestVault;
  let poster: string;
  let sltPpa: string;

  beforeEach(async () => {
    v = await createTestVault({ clock: testClock(new Date('2026-11-24T10:00:00Z')) });
    value(await v.call(v.admin, 'example.load', { demo: false }));
    value(await v.call(v.admin, 'person.add', { ...POSTER, role: 'staff', school: 'PPA', consoleRole: 'poster' }));
    value(await v.call(v.admin, 'person.add', { ...SLT_PPA, role: 'slt', school: 'PPA', consoleRole: 'auditor' }));
    poster = await v.signIn(POSTER.email, POSTER.passphrase);
    sltPpa = await v.signIn(SLT_PPA.email, SLT_PPA.passphrase);
  });
  afterEach(async () => v.close());

  it('runs the whole flow: add → evidence → delete (refused before evidence) → escalate to the DSL → close', async () => {
    const incident = value(await v.call(poster, 'incident.add', { channel: PPA, summary: SUMMARY, kind: 'abuse' }));
    expect(incident).toMatchObject({
      channel: PPA,
      school: 'PPA',
      kind: 'abuse',
      summary: SUMMARY,
      openedAt: '2026-11-24T10:00:00.000Z',
      openedBy: POSTER.email,
      actions: [],
      escalations: [],
      evidence: [],
      audienceTold: null,
      closedAt: null,
      inboxItem: null,
      status: 'open',
    });
    expect(incident.channelName).toMatch(/Pendle Primary/);

    // The policy's order: evidence first. Deleting is refused while there is none, and nothing changes.
    expect(await v.call(poster, 'incident.update', { id: incident.id, action: 'delete', escalate: 'dsl' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', field: 'action', message: 'Capture evidence (a screenshot) before deleting; nothing was changed.' },
    });
    expect(value(await v.call(poster, 'incident.list', {}))[0]).toMatchObject({ actions: [], escalations: [] });

    // A path-like name is refused at the door; so is content that is not what its type says.
    const shot = png(7);
    const contentBase64 = shot.toString('base64');
    for (const name of ['../../etc/passwd', 'C:\\evil\\shot.png', '/tmp/shot.png']) {
      expect(await v.call(poster, 'incident.addEvidence', { id: incident.id, name, mediaType: 'image/png', contentBase64 })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', field: 'name' },
      });
    }
    expect(
      await v.call(poster, 'incident.addEvidence', { id: incident.id, name: 'page.png', mediaType: 'image/png', contentBase64: Buffer.from('<html>hi</html>').toString('base64') }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'contentBase64', message: expect.stringContaining('is not a PNG image') } });
    expect(existsSync(join(v.dataDir, 'evidence')) ? readdirSync(join(v.dataDir, 'evidence')) : []).toEqual([]);

    v.clock.advance(60_000);
    const withEvidence = value(await v.call(poster, 'incident.addEvidence', { id: incident.id, name: 'Screenshot 2026-11-24 at 10.01.png', mediaType: 'image/png', contentBase64 }));
    expect(withEvidence.evidence).toEqual([
      { id: expect.any(Number), originalName: 'Screenshot 2026-11-24 at 10.01.png', sha256: sha256(shot), bytes: shot.length, mediaType: 'image/png', capturedAt: '2026-11-24T10:01:00.000Z' },
    ]);
    const stored = join(v.dataDir, 'evidence', `${sha256(shot)}.png`);
    expect(existsSync(stored)).toBe(true);
    expect(sha256(readFileSync(stored))).toBe(sha256(shot));
    if (process.platform !== 'win32') expect(statSync(stored).mode & 0o077).toBe(0);
    // Nothing else in the folder: no temporary file left behind.
    expect(readdirSync(join(v.dataDir, 'evidence'))).toEqual([`${sha256(shot)}.png`]);
    // The same file twice on one incident is refused; a text note is fine.
    expect(await v.call(poster, 'incident.addEvidence', { id: incident.id, name: 'again.png', mediaType: 'image/png', contentBase64 })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    const note = Buffer.from('Replies by @troll_account at 09:55, 09:57 and 09:58.\n');
    const two = value(await v.call(v.admin, 'incident.addEvidence', { id: incident.id, name: 'notes.txt', mediaType: 'text/plain', contentBase64: note.toString('base64') }));
    expect(two.evidence.map((e) => e.mediaType)).toEqual(['image/png', 'text/plain']);
    expect(existsSync(join(v.dataDir, 'evidence', `${sha256(note)}.txt`))).toBe(true);

    const deleted = value(await v.call(poster, 'incident.update', { id: incident.id, action: 'delete', audienceTold: true }));
    expect(deleted.actions).toEqual([{ action: 'delete', at: '2026-11-24T10:01:00.000Z', by: POSTER.email }]);
    expect(deleted.audienceTold).toBe(true);
    const blocked = value(await v.call(poster, 'incident.update', { id: incident.id, action: 'block', escalate: 'dsl' }));
    expect(blocked.actions.map((a) => a.action)).toEqual(['delete', 'block']);
    expect(blocked.escalations).toEqual([{ to: 'dsl', at: '2026-11-24T10:01:00.000Z', by: POSTER.email }]);

    v.clock.advance(3_600_000);
    const closed = value(await v.call(v.admin, 'incident.update', { id: incident.id, close: true }));
    expect(closed).toMatchObject({ status: 'closed', closedAt: '2026-11-24T11:01:00.000Z' });
    // A closed incident is the record: no more changes, no more evidence.
    expect(await v.call(poster, 'incident.update', { id: incident.id, escalate: 'principal' })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('closed') } });
    expect(await v.call(poster, 'incident.addEvidence', { id: incident.id, name: 'late.png', mediaType: 'image/png', contentBase64: png(8).toString('base64') })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });

    // Every change is audited, with the kind, the action, the escalation and the file's hash: never the summary.
    const events = value(await v.call(v.admin, 'audit.list', { limit: 1000 })).filter((e) => e.action.startsWith('incident.'));
    expect(events.reverse().map((e) => [e.action, e.target, e.school, e.details])).toEqual([
      ['incident.add', `incident:${incident.id}`, 'PPA', { kind: 'abuse', channel: PPA }],
      ['incident.evidence', `incident:${incident.id}`, 'PPA', { sha256: sha256(shot), bytes: shot.length }],
      ['incident.evidence', `incident:${incident.id}`, 'PPA', { sha256: sha256(note), bytes: note.length }],
      ['incident.action', `incident:${incident.id}`, 'PPA', { action: 'delete' }],
      ['incident.audience', `incident:${incident.id}`, 'PPA', { told: true }],
      ['incident.action', `incident:${incident.id}`, 'PPA', { action: 'block' }],
      ['incident.escalate', `incident:${incident.id}`, 'PPA', { to: 'dsl' }],
      ['incident.close', `incident:${incident.id}`, 'PPA', { actions: 2, escalations: 1, evidence: 2 }],
    ]);
    // Straight from the database (the SQLite file, or PostgreSQL as its superuser).
    const text = JSON.stringify(await v.database.all('SELECT * FROM audit_events'));
    expect(text).toContain('incident.close');
    expect(text).not.toContain('Featherstonehaugh');
    expect(text).not.toContain('troll_account');
    expect(text).not.toContain('Screenshot 2026');
  });

  it('closes only an incident with an action or an escalation on record, and needs some change', async () => {
    const incident = value(await v.call(poster, 'incident.add', { channel: TRUST, summary: 'Spam link under a post' }));
    expect(incident).toMatchObject({ kind: 'other', school: null });
    expect(await v.call(poster, 'incident.update', { id: incident.id, close: true })).toMatchObject({ ok: false, error: { code: 'conflict', field: 'close' } });
    expect(await v.call(poster, 'incident.update', { id: incident.id, audienceTold: false, close: true })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(value(await v.call(poster, 'incident.list', {}))[0]?.audienceTold).toBeNull();
    expect(await v.call(poster, 'incident.update', { id: incident.id })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    // An action and closing in one go is fine.
    expect(value(await v.call(poster, 'incident.update', { id: incident.id, action: 'hide', close: true }))).toMatchObject({ status: 'closed', actions: [{ action: 'hide' }] });
    expect(await v.call(poster, 'incident.update', { id: 9999, action: 'hide' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // Auditors look; they do not log or change incidents.
    expect(await v.call(sltPpa, 'incident.add', { channel: PPA, summary: 'x' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('links an incident to an inbox item of the same channel only', async () => {
    const item = value(await v.call(poster, 'inbox.add', { channel: PPA, kind: 'complaint', received: '2026-11-23T09:00:00Z', summary: 'Comment naming a child' }));
    const wrong = await v.call(v.admin, 'incident.add', { channel: CPA, summary: 'Comment naming a child', inbox: item.id });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'inbox', message: expect.stringContaining(`came in through ${PPA}`) } });
    expect(await v.call(poster, 'incident.add', { channel: PPA, summary: 'x', inbox: 9999 })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'inbox' } });
    expect(value(await v.call(poster, 'incident.list', {}))).toEqual([]);
    const linked = value(await v.call(poster, 'incident.add', { channel: PPA, summary: 'Comment naming a child', kind: 'concern', inbox: item.id }));
    expect(linked).toMatchObject({ inboxItem: item.id, kind: 'concern' });
  });

  it("lists open incidents first, newest first, and an SLT auditor sees their own school's and the trust's only", async () => {
    const a = value(await v.call(poster, 'incident.add', { channel: PPA, summary: 'First' }));
    v.clock.advance(60_000);
    const b = value(await v.call(poster, 'incident.add', { channel: TRUST, summary: 'Second' }));
    v.clock.advance(60_000);
    // A poster at PPA cannot log one on another school's channel: the core team does.
    expect(await v.call(poster, 'incident.add', { channel: CPA, summary: 'Third' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const c = value(await v.call(v.admin, 'incident.add', { channel: CPA, summary: 'Third' }));
    v.clock.advance(60_000);
    const d = value(await v.call(poster, 'incident.add', { channel: PPA, summary: 'Fourth' }));
    value(await v.call(poster, 'incident.update', { id: d.id, escalate: 'line-manager', close: true }));
    expect(value(await v.call(v.admin, 'incident.list', {})).map((i) => i.id)).toEqual([c.id, b.id, a.id, d.id]);
    expect(value(await v.call(v.admin, 'incident.list', { open: true })).map((i) => i.id)).toEqual([c.id, b.id, a.id]);
    expect(value(await v.call(sltPpa, 'incident.list', {})).map((i) => i.id)).toEqual([b.id, a.id, d.id]);
    expect(value(await v.call(sltPpa, 'incident.list', { open: true })).map((i) => i.id)).toEqual([b.id, a.id]);
    expect(value(await v.call(poster, 'incident.list', {})).map((i) => i.id)).toEqual([b.id, a.id, d.id]);
  });

  it('feeds the compliance report: an open unescalated incident over a day old is a finding until it is escalated', async () => {
    const escalationFindings = async (id: number) =>
      value(await v.call(v.admin, 'compliance.report', {})).findings.filter(
        (f) => f.ruleId === 'incident-escalation' && f.subject.key === String(id) && /not been reported/.test(f.message),
      );
    const incident = value(await v.call(v.admin, 'incident.add', { channel: CPA, summary: 'Offensive comment', kind: 'abuse' }));
    expect((await escalationFindings(incident.id)).map((f) => f.severity)).toEqual(['medium']);
    v.clock.set(new Date('2026-11-26T12:00:00Z'));
    const late = await escalationFindings(incident.id);
    expect(late.map((f) => f.severity)).toEqual(['high']);
    expect(late[0]?.subject.name).toContain('@_CPAcademy_');
    // Without evidence it is flagged too, and the SLT auditor of PPA sees nothing of CPA's incident.
    const all = value(await v.call(v.admin, 'compliance.report', {})).findings.filter((f) => f.ruleId === 'incident-escalation');
    expect(all.some((f) => /no evidence/.test(f.message))).toBe(true);
    expect(value(await v.call(sltPpa, 'compliance.report', {})).findings.filter((f) => f.ruleId === 'incident-escalation')).toEqual([]);

    // CPA's incident is not PPA's poster's to escalate; the core team does.
    expect(await v.call(poster, 'incident.update', { id: incident.id, escalate: 'principal' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    value(await v.call(v.admin, 'incident.update', { id: incident.id, escalate: 'principal' }));
    expect(await escalationFindings(incident.id)).toEqual([]);
    value(await v.call(v.admin, 'incident.addEvidence', { id: incident.id, name: 'shot.png', mediaType: 'image/png', contentBase64: png(3).toString('base64') }));
    expect(value(await v.call(v.admin, 'compliance.report', {})).findings.filter((f) => f.ruleId === 'incident-escalation')).toEqual([]);
  });
});
