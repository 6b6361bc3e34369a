import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../shared/contract/methods';
import { createTestVault, testClock, value, type TestVault } from '../support/test-vault';

const PPA = 'x:@SHINEatPPA';
const CPA = 'x:@_CPAcademy_';
const TRUST = 'x:@pendleeducation';
const POSTER = { name: 'Sam Slt', email: 'sam.slt@ppa.example', passphrase: 'poster passphrase 1' };
const AUDITOR = { name: 'Ava Audit', email: 'ava.audit@trust.example', passphrase: 'auditor passphrase 1' };
const SLT_AUDITOR = { name: 'Pat Ppa', email: 'pat@ppa.example', passphrase: 'ppa auditor pass' };

type AddInput = MethodInput<'inbox.add'>;
const complaint = (over: Partial<AddInput> = {}): AddInput => ({
  channel: PPA,
  kind: 'complaint',
  // Friday 23 October 2026, 15:00 in London, the last school day before the autumn half term.
  received: '2026-10-23T14:00:00Z',
  summary: 'Parent unhappy that the trip letter went out late',
  ...over,
});

describe('the inbox: 5-school-day deadlines in the owning school calendar', () => {
  let v: TestVault;
  let poster: string;
  let auditor: string;

  beforeEach(async () => {
    v = await createTestVault({ clock: testClock(new Date('2026-11-24T10:00:00Z')) });
    value(await v.call(v.admin, 'example.load', { demo: false }));
    value(await v.call(v.admin, 'person.add', { name: POSTER.name, email: POSTER.email, role: 'slt', school: 'PPA', consoleRole: 'poster', passphrase: POSTER.passphrase }));
    value(await v.call(v.admin, 'person.add', { name: AUDITOR.name, email: AUDITOR.email, role: 'core-team', consoleRole: 'auditor', passphrase: AUDITOR.passphrase }));
    poster = await v.signIn(POSTER.email, POSTER.passphrase);
    auditor = await v.signIn(AUDITOR.email, AUDITOR.passphrase);
  });
  afterEach(async () => v.close());

  it('follows a stricter policy profile: 3 school days after the Friday before half term is Wednesday 4 November', async () => {
    value(await v.call(v.admin, 'policy.update', { settings: { responseSchoolDays: 3 } }));
    expect(value(await v.call(poster, 'inbox.add', complaint())).dueOn).toBe('2026-11-04');
  });

  it('gives a complaint received on the Friday before half term 5 school days after it: Friday 6 November', async () => {
    const item = value(await v.call(poster, 'inbox.add', complaint({ from: '@worried_parent' })));
    expect(item).toMatchObject({
      channel: PPA,
      school: 'PPA',
      kind: 'complaint',
      receivedAt: '2026-10-23T14:00:00.000Z',
      from: '@worried_parent',
      dueOn: '2026-11-06',
      // A reply at the weekend after the Friday deadline has still taken only 5 school days.
      lateFrom: '2026-11-09',
      respondedAt: null,
      how: null,
      schoolDaysTaken: null,
      dslAlertedAt: null,
      warnings: [],
    });
    expect(item.channelName).toMatch(/Pendle Primary/);
  });

  it('counts an item received at a weekend from the next school day, by the London date', async () => {
    // Saturday 14 November: day 0 is Monday 16th, so due Monday 23rd.
    expect(value(await v.call(poster, 'inbox.add', complaint({ kind: 'query', received: '2026-11-14T11:00:00Z' }))).dueOn).toBe('2026-11-23');
    // 23:30 UTC on Friday 23 October is 00:30 on Saturday in London (BST): after half term, day 0 is Monday 2 November.
    const late = value(await v.call(poster, 'inbox.add', complaint({ received: '2026-10-23T23:30:00Z' })));
    expect([late.dueOn, late.lateFrom]).toEqual(['2026-11-09', '2026-11-10']);
    // The same instant written with its BST offset is the same item.
    expect(value(await v.call(poster, 'inbox.add', complaint({ received: '2026-10-24T00:30:00+01:00' }))).receivedAt).toBe('2026-10-23T23:30:00.000Z');
  });

  it('counts an item received in the Christmas holiday from the first day of the spring term', async () => {
    v.clock.set(new Date('2027-01-05T09:00:00Z'));
    const item = value(await v.call(poster, 'inbox.add', complaint({ kind: 'comment', received: '2026-12-22T16:00:00Z' })));
    // Spring term starts Monday 4 January 2027 (day 0); 5 school days later is Monday 11th.
    expect([item.dueOn, item.lateFrom]).toEqual(['2027-01-11', '2027-01-12']);
    expect(item.status).toBe('open');
  });

  it("uses the trust's calendar for a trust channel and each school's own for its channels, fixed when logged", async () => {
    const before = value(await v.call(v.admin, 'inbox.add', complaint()));
    // PPA closes on Monday 2 November (a polling day); the trust and other schools do not.
    value(
      await v.call(v.admin, 'calendar.importTerms', {
        scope: 'PPA',
        csv: 'kind,name,start,end\nterm,Autumn 2026,2026-09-01,2026-12-18\nhalf-term,Autumn half term 2026,2026-10-26,2026-10-30\nclosure,Polling day,2026-11-02,2026-11-02\n',
      }),
    );
    expect(value(await v.call(v.admin, 'inbox.add', complaint())).dueOn).toBe('2026-11-09');
    const trust = value(await v.call(v.admin, 'inbox.add', complaint({ channel: TRUST })));
    expect([trust.school, trust.dueOn]).toEqual([null, '2026-11-06']);
    expect(value(await v.call(v.admin, 'inbox.add', complaint({ channel: CPA }))).dueOn).toBe('2026-11-06');
    // The deadline stored when the first item was logged does not move with the new calendar.
    const listed = value(await v.call(v.admin, 'inbox.list', {})).find((i) => i.id === before.id);
    expect(listed?.dueOn).toBe('2026-11-06');
  });

  it('warns when the deadline lies past the last known term dates', async () => {
    v.clock.set(new Date('2027-09-10T09:00:00Z'));
    const item = value(await v.call(poster, 'inbox.add', complaint({ received: '2027-09-07T09:00:00Z' })));
    expect(item.warnings.length).toBeGreaterThan(0);
    expect(item.warnings.join(' ')).toMatch(/calendar|term/i);
  });

  it('stops the clock on an acknowledgement and records the school days taken', async () => {
    const item = value(await v.call(poster, 'inbox.add', complaint()));
    const done = value(await v.call(poster, 'inbox.respond', { id: item.id, how: 'acknowledged', at: '2026-11-03T10:00:00Z', note: 'Thanked them; head will phone' }));
    expect(done).toMatchObject({ status: 'responded', how: 'acknowledged', respondedAt: '2026-11-03T10:00:00.000Z', schoolDaysTaken: 2 });
    // A reply on the Saturday after a Friday deadline took 5 school days: on time.
    const weekend = value(await v.call(poster, 'inbox.add', complaint({ kind: 'query' })));
    expect(value(await v.call(poster, 'inbox.respond', { id: weekend.id, how: 'answered', at: '2026-11-07T10:00:00Z' }))).toMatchObject({ status: 'responded', schoolDaysTaken: 5 });
    const events = value(await v.call(v.admin, 'audit.list', { action: 'inbox.respond' }));
    expect(events.map((e) => [e.actor, e.target, e.details])).toContainEqual([POSTER.email, `inbox:${item.id}`, { how: 'acknowledged', schoolDaysTaken: 2, late: false }]);
  });

  it('marks a response after the deadline as late', async () => {
    const item = value(await v.call(v.admin, 'inbox.add', complaint()));
    const late = value(await v.call(v.admin, 'inbox.respond', { id: item.id, how: 'referred', at: '2026-11-09T09:00:00Z' }));
    expect(late).toMatchObject({ status: 'responded-late', schoolDaysTaken: 6, how: 'referred' });
    // Responded now, even though late: no longer in the overdue list.
    expect(value(await v.call(v.admin, 'inbox.list', { overdue: true }))).toEqual([]);
  });

  it('lists what is overdue first, then by due date, as the clock moves on', async () => {
    v.clock.set(new Date('2026-11-02T12:00:00Z'));
    const a = value(await v.call(poster, 'inbox.add', complaint()));
    const b = value(await v.call(poster, 'inbox.add', complaint({ kind: 'query', received: '2026-11-02T09:00:00Z' })));
    const c = value(await v.call(poster, 'inbox.add', complaint({ kind: 'comment', received: '2026-11-02T08:00:00Z' })));
    value(await v.call(poster, 'inbox.respond', { id: c.id, how: 'answered' }));
    expect(b.dueOn).toBe('2026-11-09');
    const statuses = async () => Object.fromEntries(value(await v.call(auditor, 'inbox.list', {})).map((i) => [i.id, i.status]));
    expect(await statuses()).toEqual({ [a.id]: 'open', [b.id]: 'open', [c.id]: 'responded' });
    v.clock.set(new Date('2026-11-05T12:00:00Z'));
    expect((await statuses())[a.id]).toBe('due-soon');
    v.clock.set(new Date('2026-11-07T12:00:00Z'));
    expect((await statuses())[a.id]).toBe('due-soon');
    expect(value(await v.call(auditor, 'inbox.list', { overdue: true }))).toEqual([]);
    v.clock.set(new Date('2026-11-09T08:00:00Z'));
    expect(await statuses()).toEqual({ [a.id]: 'overdue', [b.id]: 'due-soon', [c.id]: 'responded' });
    expect(value(await v.call(auditor, 'inbox.list', { overdue: true })).map((i) => i.id)).toEqual([a.id]);
    expect(value(await v.call(auditor, 'inbox.list', { open: true })).map((i) => i.id)).toEqual([a.id, b.id]);
    v.clock.set(new Date('2026-11-20T08:00:00Z'));
    const later = value(await v.call(auditor, 'inbox.list', {}));
    expect(later.map((i) => [i.id, i.status])).toEqual([
      [a.id, 'overdue'],
      [b.id, 'overdue'],
      [c.id, 'responded'],
    ]);
    expect(value(await v.call(auditor, 'inbox.list', { channel: CPA }))).toEqual([]);
  });

  it('refuses what cannot be true, and writes nothing', async () => {
    const count = async () => value(await v.call(v.admin, 'inbox.list', {})).length;
    const future = await v.call(poster, 'inbox.add', complaint({ received: '2026-11-24T10:30:00Z' }));
    expect(future).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'received', message: expect.stringMatching(/in the future/) } });
    // A clock a minute or two out is not the future.
    expect((await v.call(poster, 'inbox.add', complaint({ received: '2026-11-24T10:03:00Z' }))).ok).toBe(true);
    expect(await v.call(poster, 'inbox.add', complaint({ channel: 'x:@nosuchschool' }))).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await v.call(auditor, 'inbox.add', complaint())).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('console role (auditor)') } });
    expect(await count()).toBe(1);

    const item = value(await v.call(poster, 'inbox.add', complaint()));
    expect(await v.call(poster, 'inbox.respond', { id: item.id, how: 'answered', at: '2026-10-23T13:59:00Z' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'at', message: expect.stringMatching(/before the item was received/) },
    });
    expect(await v.call(poster, 'inbox.respond', { id: item.id, how: 'answered', at: '2026-11-25T09:00:00Z' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'at' } });
    expect(await v.call(poster, 'inbox.respond', { id: 9999, how: 'answered' })).toMatchObject({ ok: false, error: { code: 'not_found', message: 'No inbox item has the id 9999.' } });
    expect(await v.call(auditor, 'inbox.respond', { id: item.id, how: 'answered' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(value(await v.call(v.admin, 'inbox.list', {})).find((i) => i.id === item.id)?.respondedAt).toBeNull();

    value(await v.call(poster, 'inbox.respond', { id: item.id, how: 'acknowledged', at: '2026-10-26T09:00:00Z' }));
    const twice = await v.call(v.admin, 'inbox.respond', { id: item.id, how: 'answered' });
    expect(twice).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/already has a response \(acknowledged on 2026-10-26\)/) } });
    expect(value(await v.call(v.admin, 'inbox.list', {})).find((i) => i.id === item.id)).toMatchObject({ how: 'acknowledged', schoolDaysTaken: 0 });
  });

  it('raises contact from a pupil with the DSL at once: alert time, notification and audit', async () => {
    const item = value(await v.call(poster, 'inbox.add', complaint({ kind: 'pupil-contact', received: '2026-11-24T08:15:00Z', summary: 'Year 6 pupil messaged asking for help' })));
    expect(item.dslAlertedAt).toBe('2026-11-24T10:00:00.000Z');
    const notices = value(await v.call(v.admin, 'notification.list', {}));
    expect(notices).toEqual([
      expect.objectContaining({ kind: 'pupil-contact', subject: `inbox:${item.id}`, school: 'PPA', readAt: null, message: expect.stringMatching(/DSL/) }),
    ]);
    expect(notices[0]?.message).not.toContain('Year 6');
    const alerts = value(await v.call(v.admin, 'audit.list', { action: 'inbox.dsl_alert' }));
    expect(alerts.map((e) => [e.actor, e.target, e.school, e.outcome])).toEqual([[POSTER.email, `inbox:${item.id}`, 'PPA', 'ok']]);
    expect(value(await v.call(v.admin, 'audit.list', { action: 'inbox.add' })).map((e) => e.details)).toEqual([{ kind: 'pupil-contact', due: item.dueOn }]);
  });

  it('keeps summaries, senders and notes out of the audit trail', async () => {
    const summary = 'Mrs Quixotic-Zebedee says her son was left out of the photo';
    const item = value(await v.call(poster, 'inbox.add', complaint({ summary, from: '@quixotic_zebedee' })));
    value(await v.call(poster, 'inbox.add', complaint({ kind: 'pupil-contact', summary: 'Pupil Zanzibar-Quill asked for help', received: '2026-11-23T09:00:00Z' })));
    value(await v.call(poster, 'inbox.respond', { id: item.id, how: 'answered', at: '2026-11-03T09:00:00Z', note: 'Phoned Mrs Quixotic-Zebedee back' }));
    value(await v.call(v.admin, 'inbox.notify', {}));
    // Straight from the database (the SQLite file, or PostgreSQL as its superuser).
    const rows = await v.database.all('SELECT * FROM audit_events');
    const trail = JSON.stringify(rows);
    expect(rows.length).toBeGreaterThan(0);
    expect(trail).toContain('inbox.add');
    for (const text of ['Quixotic', 'quixotic', 'Zanzibar', 'photo', 'Phoned']) expect(trail).not.toContain(text);
    // The summary itself is kept, where it belongs.
    expect(await v.database.get('SELECT summary FROM inbox_items WHERE id = ?', item.id)).toEqual({ summary });
  });

  it('raises due-soon and overdue notifications once each, however often the sweep runs', async () => {
    v.clock.set(new Date('2026-11-09T07:00:00Z'));
    const a = value(await v.call(poster, 'inbox.add', complaint()));
    const b = value(await v.call(poster, 'inbox.add', complaint({ kind: 'query', received: '2026-11-02T09:00:00Z' })));
    value(await v.call(poster, 'inbox.add', complaint({ kind: 'comment', received: '2026-11-06T09:00:00Z' })));
    expect(value(await v.call(v.admin, 'inbox.notify', {}))).toEqual({ created: 2 });
    expect(value(await v.call(v.admin, 'inbox.notify', {}))).toEqual({ created: 0 });
    const kinds = async () => value(await v.call(auditor, 'notification.list', {})).map((n) => [n.kind, n.subject]).sort();
    expect(await kinds()).toEqual([
      ['inbox-due-soon', `inbox:${b.id}`],
      ['inbox-overdue', `inbox:${a.id}`],
    ]);
    v.clock.set(new Date('2026-11-10T07:00:00Z'));
    expect(value(await v.call(v.admin, 'inbox.notify', {}))).toEqual({ created: 1 });
    expect(value(await v.call(v.admin, 'inbox.notify', {}))).toEqual({ created: 0 });
    expect(await kinds()).toContainEqual(['inbox-overdue', `inbox:${b.id}`]);
    expect(value(await v.call(v.admin, 'notification.list', { unreadOnly: true }))).toHaveLength(3);
    // The sweep is audited when it raises something, and only then.
    expect(value(await v.call(v.admin, 'audit.list', { action: 'inbox.notify' })).map((e) => e.details)).toEqual([
      { created: 1, dueSoon: 0, overdue: 1 },
      { created: 2, dueSoon: 1, overdue: 1 },
    ]);
    expect(await v.call(poster, 'inbox.notify', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it("shows an SLT auditor their own school's inbox and notifications and the trust's, never another school's", async () => {
    value(await v.call(v.admin, 'person.add', { name: SLT_AUDITOR.name, email: SLT_AUDITOR.email, role: 'slt', school: 'PPA', consoleRole: 'auditor', passphrase: SLT_AUDITOR.passphrase }));
    const slt = await v.signIn(SLT_AUDITOR.email, SLT_AUDITOR.passphrase);
    const mine = value(await v.call(poster, 'inbox.add', complaint({ kind: 'pupil-contact', received: '2026-11-23T09:00:00Z' })));
    // Another school's message is logged by the core team: a poster at PPA works on PPA's and the trust's channels only.
    expect(await v.call(poster, 'inbox.add', complaint({ channel: CPA }))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const other = value(await v.call(v.admin, 'inbox.add', complaint({ channel: CPA, kind: 'pupil-contact', received: '2026-11-23T09:00:00Z' })));
    const trust = value(await v.call(poster, 'inbox.add', complaint({ channel: TRUST })));
    expect(value(await v.call(slt, 'inbox.list', {})).map((i) => i.id).sort((x, y) => x - y)).toEqual([mine.id, trust.id]);
    expect(value(await v.call(auditor, 'inbox.list', {})).map((i) => i.id).sort((x, y) => x - y)).toEqual([mine.id, other.id, trust.id]);
    expect(await v.call(slt, 'inbox.list', { channel: CPA })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(value(await v.call(slt, 'inbox.list', { channel: TRUST })).map((i) => i.id)).toEqual([trust.id]);
    expect(value(await v.call(slt, 'inbox.list', { channel: PPA })).map((i) => i.id)).toEqual([mine.id]);
    expect(value(await v.call(slt, 'notification.list', {})).map((n) => n.subject)).toEqual([`inbox:${mine.id}`]);
    expect(value(await v.call(auditor, 'notification.list', {}))).toHaveLength(2);

    // Marking read: the SLT auditor can mark their own school's notice, not another school's.
    const all = value(await v.call(auditor, 'notification.list', {}));
    const theirs = all.find((n) => n.subject === `inbox:${other.id}`);
    expect(value(await v.call(slt, 'notification.markRead', { ids: all.map((n) => n.id) }))).toEqual({ marked: 1 });
    expect(value(await v.call(slt, 'notification.list', { unreadOnly: true }))).toEqual([]);
    expect(value(await v.call(auditor, 'notification.list', { unreadOnly: true })).map((n) => n.id)).toEqual([theirs?.id]);
    expect(value(await v.call(v.admin, 'notification.markRead', { ids: [theirs?.id ?? 0] }))).toEqual({ marked: 1 });
    expect(value(await v.call(v.admin, 'notification.list', { unreadOnly: true }))).toEqual([]);
    const [event] = value(await v.call(v.admin, 'audit.list', { action: 'notification.read' }));
    expect(event).toMatchObject({ actor: 'alex.admin@trust.example', details: { count: 1 } });
  });
});
