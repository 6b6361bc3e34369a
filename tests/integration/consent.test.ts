import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestVault, testClock, value, type TestVault } from '../support/test-vault';

const SLT_PPA = { name: 'Pat Ppa', email: 'pat@ppa.example', passphrase: 'ppa auditor pass' };
const SLT_CAS = { name: 'Cal Cas', email: 'cal@cas.example', passphrase: 'cas auditor pass' };
const TRUST_AUDITOR = { name: 'Tia Trust', email: 'tia@pet.example', passphrase: 'trust auditor pass' };
const POSTER = { name: 'Paul Poster', email: 'paul@ppa.example', passphrase: 'poster passphrase 1' };
// Names that must never reach the audit trail.
const NAMES = ['Jessica Quartermaine', 'R.T.', 'Olufemi Zebedee-Hart'];

describe("the consent register: per school, admins and the school's own SLT only, every view audited", () => {
  let v: TestVault;
  let sltPpa: string;
  let sltCas: string;
  let trustAuditor: string;
  let poster: string;

  beforeAll(async () => {
    v = await createTestVault({ clock: testClock(new Date('2026-11-24T10:00:00Z')) });
    value(await v.call(v.admin, 'example.load', { demo: false }));
    value(await v.call(v.admin, 'person.add', { ...SLT_PPA, role: 'slt', school: 'PPA', consoleRole: 'auditor' }));
    value(await v.call(v.admin, 'person.add', { ...SLT_CAS, role: 'slt', school: 'CAS', consoleRole: 'auditor' }));
    value(await v.call(v.admin, 'person.add', { ...TRUST_AUDITOR, role: 'core-team', consoleRole: 'auditor' }));
    value(await v.call(v.admin, 'person.add', { ...POSTER, role: 'slt', school: 'PPA', consoleRole: 'poster' }));
    sltPpa = await v.signIn(SLT_PPA.email, SLT_PPA.passphrase);
    sltCas = await v.signIn(SLT_CAS.email, SLT_CAS.passphrase);
    trustAuditor = await v.signIn(TRUST_AUDITOR.email, TRUST_AUDITOR.passphrase);
    poster = await v.signIn(POSTER.email, POSTER.passphrase);
  });
  afterAll(async () => v.close());

  it('adds, lists and removes entries; active follows from/to and removal', async () => {
    const jess = value(
      await v.call(v.admin, 'consent.add', { school: 'ppa', name: NAMES[0] as string, class: 'Year 4 Oak', reason: 'no-consent', note: 'Parents refused on the consent form' }),
    );
    expect(jess).toMatchObject({
      school: 'PPA',
      name: NAMES[0],
      class: 'Year 4 Oak',
      reason: 'no-consent',
      from: null,
      to: null,
      note: 'Parents refused on the consent form',
      addedBy: 'alex.admin@trust.example',
      addedAt: '2026-11-24T10:00:00.000Z',
      removedAt: null,
      active: true,
    });
    const rt = value(await v.call(v.admin, 'consent.add', { school: 'PPA', name: NAMES[1] as string, reason: 'safeguarding', from: '2026-11-01', to: '2027-07-22' }));
    const later = value(await v.call(v.admin, 'consent.add', { school: 'PPA', name: 'Future F.', reason: 'withdrawn', from: '2026-12-01' }));
    // Empty optional fields (as a form sends them) are stored as nothing.
    const past = value(await v.call(v.admin, 'consent.add', { school: 'PPA', name: 'Past P.', class: '', note: ' ', reason: 'not-filmed', from: '2026-09-01', to: '2026-10-31' }));
    expect([past.class, past.note]).toEqual([null, null]);
    value(await v.call(v.admin, 'consent.add', { school: 'CAS', name: NAMES[2] as string, reason: 'not-filmed' }));
    expect([rt.active, later.active, past.active]).toEqual([true, false, false]);

    const list = value(await v.call(v.admin, 'consent.list', { school: 'PPA' }));
    expect(list.map((e) => e.name)).toEqual(['Future F.', NAMES[0], 'Past P.', NAMES[1]]);
    expect(list.every((e) => e.school === 'PPA')).toBe(true);

    const removed = value(await v.call(v.admin, 'consent.remove', { id: jess.id }));
    expect(removed).toMatchObject({ id: jess.id, active: false, removedAt: '2026-11-24T10:00:00.000Z' });
    expect(value(await v.call(v.admin, 'consent.list', { school: 'PPA' })).map((e) => e.id)).not.toContain(jess.id);
    expect(value(await v.call(v.admin, 'consent.list', { school: 'PPA', includeRemoved: true })).map((e) => e.id)).toContain(jess.id);
    expect(await v.call(v.admin, 'consent.remove', { id: jess.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await v.call(v.admin, 'consent.remove', { id: 9999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });

    // Time moves on: the December entry comes into force.
    v.clock.set(new Date('2026-12-01T09:00:00Z'));
    expect(value(await v.call(v.admin, 'consent.list', { school: 'PPA' })).find((e) => e.id === later.id)?.active).toBe(true);
    v.clock.set(new Date('2026-11-24T10:00:00Z'));
  });

  it('refuses bad input with a clear message and writes nothing', async () => {
    const before = value(await v.call(v.admin, 'consent.list', { school: 'PPA', includeRemoved: true })).length;
    expect(await v.call(v.admin, 'consent.add', { school: 'NOPE', name: 'A.', reason: 'withdrawn' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', field: 'school', message: expect.stringContaining('No school has the code NOPE') },
    });
    expect(await v.call(v.admin, 'consent.add', { school: 'PPA', name: 'A.', reason: 'withdrawn', from: '2026-12-01', to: '2026-11-01' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'to' },
    });
    expect(await v.call(v.admin, 'consent.add', { school: 'PPA', name: 'A.', reason: 'withdrawn', from: '2026-13-01' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'from' },
    });
    expect(value(await v.call(v.admin, 'consent.list', { school: 'PPA', includeRemoved: true }))).toHaveLength(before);
  });

  it("lets the school's own SLT auditor see its list, and refuses another school's SLT, a core-team auditor and posters", async () => {
    const own = value(await v.call(sltPpa, 'consent.list', { school: 'PPA' }));
    expect(own.length).toBeGreaterThan(0);
    expect(value(await v.call(sltCas, 'consent.list', { school: 'CAS' })).map((e) => e.name)).toEqual([NAMES[2]]);

    const other = await v.call(sltCas, 'consent.list', { school: 'PPA' });
    expect(other).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining("PPA's own senior leadership team") } });
    expect(await v.call(trustAuditor, 'consent.list', { school: 'PPA' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await v.call(poster, 'consent.list', { school: 'PPA' })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('console role (poster)') } });
    // A member of staff (not SLT) given auditor access at the school is refused too.
    value(await v.call(v.admin, 'person.add', { name: 'Stella Staff', email: 'stella@ppa.example', role: 'staff', school: 'PPA', consoleRole: 'auditor', passphrase: 'staff auditor pass 1' }));
    const staffAuditor = await v.signIn('stella@ppa.example', 'staff auditor pass 1');
    expect(await v.call(staffAuditor, 'consent.list', { school: 'PPA' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // Only administrators change the register.
    expect(await v.call(sltPpa, 'consent.add', { school: 'PPA', name: 'X.', reason: 'withdrawn' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await v.call(poster, 'consent.remove', { id: 1 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const denied = value(await v.call(v.admin, 'audit.list', { action: 'consent.view', outcome: 'denied' }));
    expect(denied.map((e) => [e.actor, e.school, e.details])).toEqual(
      expect.arrayContaining([
        [SLT_CAS.email, 'PPA', { school: 'PPA' }],
        [TRUST_AUDITOR.email, 'PPA', { school: 'PPA' }],
      ]),
    );
  });

  it('audits every view of a list (who, which school, how many entries) and every change, without names', async () => {
    const before = value(await v.call(v.admin, 'audit.list', { action: 'consent.view', outcome: 'ok', limit: 1000 })).length;
    const seen = value(await v.call(sltPpa, 'consent.list', { school: 'PPA' }));
    value(await v.call(v.admin, 'consent.list', { school: 'PPA', includeRemoved: true }));
    const views = value(await v.call(v.admin, 'audit.list', { action: 'consent.view', outcome: 'ok', limit: 1000 }));
    expect(views).toHaveLength(before + 2);
    expect(views[1]).toMatchObject({ actor: SLT_PPA.email, school: 'PPA', target: 'school:PPA', details: { school: 'PPA', entries: seen.length } });
    // The SLT auditor sees their own views in their school's audit trail.
    expect(value(await v.call(sltPpa, 'audit.list', { action: 'consent.view' })).some((e) => e.actor === SLT_PPA.email)).toBe(true);

    const adds = value(await v.call(v.admin, 'audit.list', { action: 'consent.add', limit: 1000 }));
    expect(adds.map((e) => e.details)).toContainEqual({ school: 'PPA', reason: 'no-consent' });
    expect(adds.map((e) => e.details)).toContainEqual({ school: 'CAS', reason: 'not-filmed' });
    const removes = value(await v.call(v.admin, 'audit.list', { action: 'consent.remove' }));
    expect(removes).toHaveLength(1);
    expect(removes[0]?.details).toEqual({ school: 'PPA', reason: 'no-consent' });
    expect(value(await v.call(v.admin, 'audit.verify', {}))).toMatchObject({ ok: true });

    // Straight from the database (the SQLite file, or PostgreSQL as its superuser): no name appears anywhere in the audit trail.
    const rows = await v.database.all('SELECT * FROM audit_events');
    const text = JSON.stringify(rows).toLowerCase();
    expect(rows.length).toBeGreaterThan(10);
    for (const name of [...NAMES, 'Future F.', 'Past P.', 'Year 4 Oak', 'Parents refused']) expect(text).not.toContain(name.toLowerCase());
    // The names are in the register itself, of course.
    expect(await v.database.get('SELECT count(*) AS n FROM consent_entries WHERE name = ?', NAMES[0])).toEqual({ n: 1 });
  });
});
