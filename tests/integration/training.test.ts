import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isTrainedOn, trainingExpiresOn, trainingRunsOutOn } from '../../electron/core/training/training.repo';
import { qb } from '../../electron/core/db/sql';
import { ADMIN, createTestVault, value, type TestVault } from '../support/test-vault';

const POSTER = { name: 'Pat Poster', email: 'pat.poster@ppa.example', passphrase: 'poster passphrase 1' };
const SLT_AUDITOR = { name: 'Chris Slt', email: 'chris.slt@cpa.example', passphrase: 'auditor passphrase 1' };
const PPA_STAFF = 'sam.staff@ppa.example';
const CPA_STAFF = 'cal.staff@cpa.example';

function errorOf<T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string; field?: string } }) {
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

describe('training records through the router', () => {
  let v: TestVault;

  beforeEach(async () => {
    v = await createTestVault();
    value(await v.call(v.admin, 'example.load', { demo: false }));
    value(await v.call(v.admin, 'person.add', { name: 'Sam Staff', email: PPA_STAFF, role: 'staff', school: 'PPA' }));
    value(await v.call(v.admin, 'person.add', { name: 'Cal Staff', email: CPA_STAFF, role: 'staff', school: 'CPA' }));
    value(await v.call(v.admin, 'person.add', { ...POSTER, role: 'slt', school: 'PPA', consoleRole: 'poster' }));
    value(await v.call(v.admin, 'person.add', { ...SLT_AUDITOR, role: 'slt', school: 'CPA', consoleRole: 'auditor' }));
  });
  afterEach(async () => v.close());

  it('records training given by an administrator, lists it and audits it', async () => {
    const record = value(await v.call(v.admin, 'training.record', { email: 'Sam.Staff@ppa.example', on: '2026-11-02', trainer: ADMIN.email, note: 'Posting and moderation' }));
    expect(record).toMatchObject({
      personEmail: PPA_STAFF,
      personName: 'Sam Staff',
      school: 'PPA',
      trainedOn: '2026-11-02',
      trainerEmail: ADMIN.email,
      trainerName: ADMIN.name,
      note: 'Posting and moderation',
      expiresOn: '2027-11-02',
      inDate: true,
    });
    const older = value(await v.call(v.admin, 'training.record', { email: PPA_STAFF, on: '2025-10-01' }));
    expect(older).toMatchObject({ trainerEmail: null, trainerName: null, note: null, expiresOn: '2026-10-01', inDate: false });

    const list = value(await v.call(v.admin, 'training.list', {}));
    expect(list.map((r) => [r.personEmail, r.trainedOn])).toEqual([
      [PPA_STAFF, '2026-11-02'],
      [PPA_STAFF, '2025-10-01'],
    ]);
    const events = value(await v.call(v.admin, 'audit.list', { action: 'training.record' }));
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({ actor: ADMIN.email, outcome: 'ok', school: 'PPA', details: { trainedOn: '2026-11-02', trainingId: record.id } });
  });

  it('works out expiry with the policy profile’s period, and follows a change to it', async () => {
    expect(trainingExpiresOn('2026-01-31', 12)).toBe('2027-01-31');
    expect(trainingExpiresOn('2028-02-29', 12)).toBe('2029-02-28');
    expect(trainingExpiresOn('2026-11-02', 6)).toBe('2027-05-02');
    const record = value(await v.call(v.admin, 'training.record', { email: PPA_STAFF, on: '2026-03-10' }));
    expect(record.expiresOn).toBe('2027-03-10');
    value(await v.call(v.admin, 'policy.update', { settings: { trainingValidMonths: 6 } }));
    const [after] = value(await v.call(v.admin, 'training.list', {})).filter((r) => r.personEmail === PPA_STAFF);
    expect(after).toMatchObject({ expiresOn: '2026-09-10', inDate: false });
  });

  it('offers helpers for the poster rule (trained until the run-out day, not on it) to the scheduler and compliance', async () => {
    value(await v.call(v.admin, 'training.record', { email: PPA_STAFF, on: '2026-03-10' }));
    // The Db port on the vault's database, as the scheduler and compliance reach it (the app role on PostgreSQL).
    const opened = await v.database.port();
    try {
      const data = opened.db;
      const person = await data.first(qb.selectFrom('people').select('id').where('email', '=', PPA_STAFF));
      const id = person?.id ?? -1;
      expect(await trainingRunsOutOn(data, id, '2026-11-24')).toBe('2027-03-10');
      expect(await trainingRunsOutOn(data, id, '2026-03-09')).toBeNull();
      expect(await isTrainedOn(data, id, '2027-03-09')).toBe(true);
      expect(await isTrainedOn(data, id, '2027-03-10')).toBe(false);
    } finally {
      await opened.close();
    }
  });

  it('shows an SLT auditor the training of their own school only', async () => {
    value(await v.call(v.admin, 'training.record', { email: PPA_STAFF, on: '2026-11-02' }));
    value(await v.call(v.admin, 'training.record', { email: CPA_STAFF, on: '2026-11-03' }));
    value(await v.call(v.admin, 'training.record', { email: ADMIN.email, on: '2026-11-04' }));
    const auditor = await v.signIn(SLT_AUDITOR.email, SLT_AUDITOR.passphrase);
    expect(value(await v.call(auditor, 'training.list', {})).map((r) => r.personEmail)).toEqual([CPA_STAFF]);
    expect(value(await v.call(v.admin, 'training.list', {}))).toHaveLength(3);
  });

  it('refuses an unknown person, a leaver, a future date and a trainer who is not an administrator, writing nothing', async () => {
    expect(errorOf(await v.call(v.admin, 'training.record', { email: 'nobody@ppa.example', on: '2026-11-02' }))).toMatchObject({ code: 'not_found', field: 'email' });

    value(await v.call(v.admin, 'person.markLeft', { email: CPA_STAFF, on: '2026-10-31' }));
    expect(errorOf(await v.call(v.admin, 'training.record', { email: CPA_STAFF, on: '2026-10-01' }))).toMatchObject({
      code: 'conflict',
      field: 'email',
      message: expect.stringContaining('left on 2026-10-31'),
    });

    expect(errorOf(await v.call(v.admin, 'training.record', { email: PPA_STAFF, on: '2026-11-25' }))).toMatchObject({
      code: 'invalid_input',
      field: 'on',
      message: expect.stringContaining('in the future'),
    });

    // A poster (an operator, but not an administrator), and someone who is not an operator at all.
    for (const trainer of [POSTER.email, PPA_STAFF]) {
      expect(errorOf(await v.call(v.admin, 'training.record', { email: PPA_STAFF, on: '2026-11-02', trainer }))).toMatchObject({
        code: 'conflict',
        field: 'trainer',
        message: expect.stringContaining('not an account administrator'),
      });
    }
    expect(errorOf(await v.call(v.admin, 'training.record', { email: PPA_STAFF, on: '2026-11-02', trainer: 'ghost@trust.example' }))).toMatchObject({
      code: 'not_found',
      field: 'trainer',
    });

    expect(value(await v.call(v.admin, 'training.list', {}))).toEqual([]);
    expect(value(await v.call(v.admin, 'audit.list', { action: 'training.record' }))).toEqual([]);
  });

  it('takes today as the London date: just after midnight in summer time is already the next day', async () => {
    v.clock.set(new Date('2026-06-30T23:30:00Z'));
    const record = value(await v.call(v.admin, 'training.record', { email: PPA_STAFF, on: '2026-07-01' }));
    expect(record.trainedOn).toBe('2026-07-01');
    expect(errorOf(await v.call(v.admin, 'training.record', { email: PPA_STAFF, on: '2026-07-02' }))).toMatchObject({ field: 'on' });
  });

  it('refuses callers who are not administrators, and the router audits the refusal', async () => {
    const poster = await v.signIn(POSTER.email, POSTER.passphrase);
    expect(errorOf(await v.call(poster, 'training.record', { email: PPA_STAFF, on: '2026-11-02' }))).toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('recording training'),
    });
    expect(errorOf(await v.call(poster, 'training.list', {}))).toMatchObject({ code: 'forbidden' });
    const auditor = await v.signIn(SLT_AUDITOR.email, SLT_AUDITOR.passphrase);
    expect(errorOf(await v.call(auditor, 'training.record', { email: CPA_STAFF, on: '2026-11-02' }))).toMatchObject({ code: 'forbidden' });
    const denied = value(await v.call(v.admin, 'audit.list', { action: 'permission.denied' }));
    expect(denied.map((e) => [e.actor, e.target])).toEqual([
      [SLT_AUDITOR.email, 'training.record'],
      [POSTER.email, 'training.list'],
      [POSTER.email, 'training.record'],
    ]);
    expect(value(await v.call(v.admin, 'training.list', {}))).toEqual([]);
  });
});
