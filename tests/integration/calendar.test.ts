import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lancashireTermDates } from '../../shared/calendar/default-calendar';
import { addSchoolDays } from '../../shared/calendar/school-days';
import { calendarFor, calendarSource } from '../../electron/core/calendar/calendar.repo';
import type { Db } from '../../electron/core/db/db.port';
import { qb } from '../../electron/core/db/sql';
import { createTestVault, value, type TestVault } from '../support/test-vault';

const resource = (name: string) => readFileSync(new URL(`../../resources/calendar/${name}`, import.meta.url), 'utf8');
const LANCASHIRE = resource('lancashire-terms.csv');
const TEMPLATE = resource('term-dates-template.csv');
const BANK_HOLIDAYS = resource('england-and-wales-bank-holidays.json');

const POSTER = { email: 'pat.poster@ppa.example', passphrase: 'poster passphrase 1' };

function errorOf<T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string; field?: string } }) {
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

/**
 * The Db port on the vault's database beside the open core, as other core code would reach it:
 * the SQLite file (WAL lets a reader in), or the vault's PostgreSQL database as the app role.
 */
async function withDb<T>(v: TestVault, fn: (data: Db, schoolId: (code: string) => Promise<number>) => Promise<T>): Promise<T> {
  const opened = await v.database.port();
  try {
    const schoolId = async (code: string) => (await opened.db.first(qb.selectFrom('schools').select('id').where('code', '=', code)))?.id ?? -1;
    return await fn(opened.db, schoolId);
  } finally {
    await opened.close();
  }
}

describe('the school calendar through the router', () => {
  let v: TestVault;

  beforeEach(async () => {
    v = await createTestVault();
    value(await v.call(v.admin, 'example.load', { demo: false }));
  });
  afterEach(async () => v.close());

  it('imports a school’s term dates from CSV, shows them and audits the import with counts', async () => {
    const imported = value(await v.call(v.admin, 'calendar.importTerms', { scope: 'ppa', csv: LANCASHIRE }));
    expect(imported).toMatchObject({ scope: 'PPA', name: 'Pendle Primary Academy', source: 'imported', knownUntil: '2027-07-21', warnings: [] });
    expect(imported.terms).toHaveLength(6);
    expect(imported.terms[0]).toEqual({ name: 'Autumn 2025', start: '2025-09-01', end: '2025-12-19' });
    expect(imported.closures.filter((c) => c.kind === 'half-term')).toHaveLength(6);
    expect(imported.insetDays).toEqual([]);
    // Bank holidays within the terms shown: Boxing Day 2025 onwards, not New Year's Day 2025.
    expect(imported.bankHolidays[0]).toEqual({ date: '2025-12-25', title: 'Christmas Day' });
    expect(imported.bankHolidays.at(-1)?.date).toBe('2027-05-31');

    expect(value(await v.call(v.admin, 'calendar.show', { scope: 'PPA' }))).toEqual(imported);
    const [event] = value(await v.call(v.admin, 'audit.list', { action: 'calendar.import' }));
    expect(event).toMatchObject({ actor: 'alex.admin@trust.example', school: 'PPA', target: 'calendar:PPA', details: { scope: 'PPA', terms: 6, halfTerms: 6, insetDays: 0, closures: 0 } });
  });

  it('keeps INSET days and closures, and warns when the known terms end within eight weeks', async () => {
    const view = value(await v.call(v.admin, 'calendar.importTerms', { scope: 'PPA', csv: TEMPLATE }));
    expect(view.insetDays).toEqual(['2026-09-01', '2026-11-02', '2026-11-03']);
    expect(view.closures).toEqual([
      { kind: 'half-term', name: 'Autumn half term', start: '2026-10-26', end: '2026-10-30' },
      { kind: 'closure', name: 'Polling day', start: '2026-11-26', end: '2026-11-26' },
    ]);
    expect(view.knownUntil).toBe('2026-12-18');
    expect(view.warnings).toEqual(['The calendar needs updating: no term dates are known after 18 December 2026.']);
    const [event] = value(await v.call(v.admin, 'audit.list', { action: 'calendar.import' }));
    expect(event?.details).toEqual({ scope: 'PPA', terms: 1, halfTerms: 1, insetDays: 3, closures: 1 });
  });

  it('refuses a bad file with every bad line named, and leaves the calendar as it was', async () => {
    const before = value(await v.call(v.admin, 'calendar.importTerms', { scope: 'PPA', csv: LANCASHIRE }));
    const bad = ['kind,name,start,end', 'term,Autumn 2026,2026-09-01,2026-12-18', 'term,Spring 2027,2027-03-25,2027-01-04', 'holiday,Fun day,2026-10-01,2026-10-01', 'inset,Training,01/09/2026,'].join('\n');
    const error = errorOf(await v.call(v.admin, 'calendar.importTerms', { scope: 'PPA', csv: bad }));
    expect(error).toMatchObject({ code: 'invalid_input', field: 'csv' });
    expect(error.message).toContain('3 problems, so nothing was imported or changed');
    expect(error.message).toContain('line 3: end 2027-01-04 is before start 2027-03-25');
    expect(error.message).toContain('line 4: kind is not one of');
    expect(error.message).toContain('line 5: start is not a date written YYYY-MM-DD');
    expect(value(await v.call(v.admin, 'calendar.show', { scope: 'PPA' }))).toEqual(before);
    expect(value(await v.call(v.admin, 'audit.list', { action: 'calendar.import' }))).toHaveLength(1);

    // A long list of problems shows the first 20 and how many more.
    const many = ['kind,name,start,end', ...Array.from({ length: 25 }, (_, i) => `term,T${i},2026-13-${String(i + 1).padStart(2, '0')},2026-12-01`)].join('\n');
    const long = errorOf(await v.call(v.admin, 'calendar.importTerms', { scope: 'PPA', csv: many }));
    expect(long.message).toContain('line 21:');
    expect(long.message).not.toContain('line 22:');
    expect(long.message).toMatch(/and \d+ more$/);
    expect(value(await v.call(v.admin, 'calendar.show', { scope: 'PPA' }))).toEqual(before);
  });

  it('shows the default Lancashire terms for a school (or the trust) with nothing imported', async () => {
    value(await v.call(v.admin, 'calendar.importTerms', { scope: 'PPA', csv: TEMPLATE }));
    const cpa = value(await v.call(v.admin, 'calendar.show', { scope: 'CPA' }));
    expect(cpa).toMatchObject({ scope: 'CPA', name: 'Colne Primet Academy', source: 'default', bankHolidaySource: 'default', insetDays: [], knownUntil: '2027-07-21' });
    expect(cpa.terms).toEqual(lancashireTermDates.terms.map((t) => ({ name: t.name, start: t.start, end: t.end })));
    const trust = value(await v.call(v.admin, 'calendar.show', { scope: 'TRUST' }));
    expect(trust).toMatchObject({ scope: 'TRUST', name: 'Pendle Education Trust', source: 'default' });

    expect(errorOf(await v.call(v.admin, 'calendar.show', { scope: 'NOPE' }))).toMatchObject({ code: 'not_found', message: expect.stringContaining('No school has the code NOPE') });
  });

  it('gives calendarFor the imported ranges for that school and the defaults for another', async () => {
    value(await v.call(v.admin, 'calendar.importTerms', { scope: 'PPA', csv: TEMPLATE }));
    await withDb(v, async (data, schoolId) => {
      const ppa = await calendarFor(data, await schoolId('PPA'));
      expect(ppa.terms).toEqual([{ name: 'Autumn 2026', start: '2026-09-01', end: '2026-12-18' }]);
      expect(ppa.insetDays).toEqual(['2026-09-01', '2026-11-02', '2026-11-03']);
      expect(ppa.closures).toHaveLength(2);
      expect(ppa.bankHolidays).toContain('2026-12-25');
      expect(await calendarSource(data, await schoolId('PPA'))).toBe('imported');

      const cpa = await calendarFor(data, await schoolId('CPA'));
      expect(cpa.terms).toEqual(lancashireTermDates.terms);
      expect(cpa.closures).toEqual(lancashireTermDates.closures);
      expect(await calendarSource(data, await schoolId('CPA'))).toBe('default');
      expect(await calendarSource(data, null)).toBe('default');

      // Polling day (Thu 26 Nov) is shut at PPA but a school day at CPA.
      expect(addSchoolDays(ppa, '2026-11-25', 1).date).toBe('2026-11-27');
      expect(addSchoolDays(cpa, '2026-11-25', 1).date).toBe('2026-11-26');
    });

    // The trust has a calendar of its own.
    value(await v.call(v.admin, 'calendar.importTerms', { scope: 'TRUST', csv: 'kind,name,start,end\nterm,Trust year,2026-09-01,2027-07-31\n' }));
    await withDb(v, async (data, schoolId) => {
      expect(await calendarSource(data, null)).toBe('imported');
      expect((await calendarFor(data, null)).terms).toEqual([{ name: 'Trust year', start: '2026-09-01', end: '2027-07-31' }]);
      expect((await calendarFor(data, null)).closures).toEqual([]);
      expect((await calendarFor(data, await schoolId('PPA'))).terms).toHaveLength(1);
    });
  });

  it('imports the gov.uk bank holidays, replacing the list, and refuses a bad file without changing it', async () => {
    expect(value(await v.call(v.admin, 'calendar.importBankHolidays', { json: BANK_HOLIDAYS }))).toEqual({ count: 24, from: '2025-01-01', to: '2027-12-28' });
    const show = value(await v.call(v.admin, 'calendar.show', { scope: 'PPA' }));
    expect(show.bankHolidaySource).toBe('imported');
    const [event] = value(await v.call(v.admin, 'audit.list', { action: 'calendar.bankHolidays' }));
    expect(event?.details).toEqual({ division: 'england-and-wales', count: 24, from: '2025-01-01', to: '2027-12-28' });

    const newer = JSON.stringify({ 'england-and-wales': { division: 'england-and-wales', events: [{ title: 'Christmas Day', date: '2028-12-25' }, { title: 'Boxing Day', date: '2028-12-26' }] } }, null, 2);
    expect(value(await v.call(v.admin, 'calendar.importBankHolidays', { json: newer }))).toEqual({ count: 2, from: '2028-12-25', to: '2028-12-26' });
    await withDb(v, async (data) => expect((await calendarFor(data, null)).bankHolidays).toEqual(['2028-12-25', '2028-12-26']));

    const broken = errorOf(await v.call(v.admin, 'calendar.importBankHolidays', { json: '{\n  "england-and-wales": {\n    "events": [\n  }\n}' }));
    expect(broken).toMatchObject({ code: 'invalid_input', field: 'json', message: expect.stringMatching(/^The bank-holidays file has a problem.*\n {2}line 4:/) });
    const badDate = errorOf(await v.call(v.admin, 'calendar.importBankHolidays', { json: newer.replace('2028-12-26', '2028-02-30') }));
    expect(badDate.message).toContain("is not a real date");
    expect(errorOf(await v.call(v.admin, 'calendar.importBankHolidays', { json: newer, division: 'scotland' })).message).toContain('there is no "scotland" division');
    await withDb(v, async (data) => expect((await calendarFor(data, null)).bankHolidays).toEqual(['2028-12-25', '2028-12-26']));
    expect(value(await v.call(v.admin, 'audit.list', { action: 'calendar.bankHolidays' }))).toHaveLength(2);
  });

  it('warns when today is past the last known term date, taking today in London', async () => {
    v.clock.set(new Date('2027-11-15T12:00:00Z'));
    const view = value(await v.call(v.admin, 'calendar.show', { scope: 'TRUST' }));
    expect(view.warnings).toEqual([
      'The calendar needs updating: no term dates are known after 21 July 2027.',
      'The bank holidays need updating: none are known after 31 December 2027.',
    ]);
    // 2027-05-25T23:30Z is already 26 May in London, exactly eight weeks before the last term day.
    v.clock.set(new Date('2027-05-25T23:30:00Z'));
    expect(value(await v.call(v.admin, 'calendar.show', { scope: 'TRUST' })).warnings).toHaveLength(1);
    v.clock.set(new Date('2027-05-25T22:30:00Z'));
    expect(value(await v.call(v.admin, 'calendar.show', { scope: 'TRUST' })).warnings).toEqual([]);
  });

  it('lets every role see a calendar, and only administrators import', async () => {
    value(await v.call(v.admin, 'person.add', { name: 'Pat Poster', email: POSTER.email, role: 'slt', school: 'PPA', consoleRole: 'poster', passphrase: POSTER.passphrase }));
    const poster = await v.signIn(POSTER.email, POSTER.passphrase);
    expect(value(await v.call(poster, 'calendar.show', { scope: 'PPA' })).source).toBe('default');
    expect(errorOf(await v.call(poster, 'calendar.importTerms', { scope: 'PPA', csv: LANCASHIRE }))).toMatchObject({ code: 'forbidden' });
    expect(errorOf(await v.call(poster, 'calendar.importBankHolidays', { json: BANK_HOLIDAYS }))).toMatchObject({ code: 'forbidden' });
    expect(value(await v.call(v.admin, 'audit.list', { action: 'permission.denied' })).map((e) => e.target)).toEqual(['calendar.importBankHolidays', 'calendar.importTerms']);
    expect(value(await v.call(poster, 'calendar.show', { scope: 'PPA' })).source).toBe('default');
  });
});
