import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useE2e } from '../support/e2e-fixture';
import { ADMIN, value } from '../support/test-vault';

const resource = (name: string) => readFileSync(new URL(`../../resources/calendar/${name}`, import.meta.url));
/** Lancashire's terms, as a school would start from them, with the academy's own INSET days and a polling day. */
const PPA_TERMS = `${resource('lancashire-terms.csv').toString('utf8').trimEnd()}
inset,Training day,2026-09-01,
inset,"Training days, safeguarding",2026-11-02,2026-11-03
closure,Polling day,2026-11-26,
`;
/** Line 3 ends before it starts. */
const BROKEN_TERMS = `kind,name,start,end
term,Autumn 2026,2026-09-01,2026-12-18
term,Spring 2027,2027-03-25,2027-01-04
`;
const BANK_HOLIDAYS = resource('england-and-wales-bank-holidays.json');

/** On the calendar screen, shows a school's calendar. */
async function showCalendarOf(page: Page, school: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Calendar for' }).selectOption({ label: school });
  await page.getByText(`${school}’s own dates`, { exact: false }).or(page.getByText('Lancashire’s dates', { exact: false })).waitFor();
}

describe('the calendar screen', () => {
  const e2e = useE2e({ vault: 'example' });

  it('shows a school the Lancashire default, refuses a bad file by its line, and imports the school’s own dates', async () => {
    const { app, page } = await e2e.openScreenAs('admin', 'Calendar');
    await showCalendarOf(page, 'Pendle Primary Academy');
    await page.getByText('Lancashire’s dates (the default until the school imports its own)').waitFor();
    const autumn = page.getByRole('region', { name: 'Autumn term: Tue 1 Sep – Fri 18 Dec 2026' });
    await autumn.getByText('Mon 26 – Fri 30 Oct', { exact: true }).waitFor();
    await autumn.getByText('None until the school enters its own').waitFor();
    const summer = page.getByRole('region', { name: 'Summer term: Mon 12 Apr – Wed 21 Jul 2027' });
    for (const holiday of ['Early May bank holiday, Mon 3 May', 'Spring bank holiday, Mon 31 May']) await summer.getByText(holiday, { exact: true }).waitFor();
    await page.getByRole('list', { name: 'Bank holidays' }).getByText('Mon 31 Aug 2026').waitFor();
    await page.getByText('Wed 21 Jul 2027', { exact: true }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await app.screenshot('calendar');
    await app.expectAccessible('the calendar screen');

    await page.getByRole('button', { name: 'Import term dates' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import term dates for Pendle Primary Academy' });
    await dialog.getByText('What goes in each column, with an example').click();
    await dialog.getByRole('table', { name: 'Columns of the term dates file' }).getByText('term, half-term, inset or closure').waitFor();
    await app.screenshot('calendar-import', { fullPage: false });
    await dialog.getByText('What goes in each column, with an example').click();
    await dialog.getByRole('button', { name: 'Import term dates' }).click();
    await dialog.getByText('Choose the file first.').waitFor();

    const file = dialog.getByLabel('Term dates file (.csv)');
    await file.setInputFiles({ name: 'ppa-terms.csv', mimeType: 'text/csv', buffer: Buffer.from(BROKEN_TERMS) });
    await dialog.getByRole('button', { name: 'Import term dates' }).click();
    const refusal = dialog.getByRole('alert');
    await refusal.getByText('The term-dates file has a problem, so nothing was imported or changed:').waitFor();
    await refusal.getByRole('list', { name: 'Problems in the file' }).getByText('Line 3: end 2027-01-04 is before start 2027-03-25').waitFor();
    expect(value(await e2e.vault.call(e2e.vault.admin, 'calendar.show', { scope: 'PPA' })).source).toBe('default');
    await app.screenshot('calendar-import-refused', { fullPage: false });
    await app.expectAccessible('the refused term dates import');

    await file.setInputFiles({ name: 'ppa-terms.csv', mimeType: 'text/csv', buffer: Buffer.from(PPA_TERMS) });
    expect(await dialog.getByRole('alert').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Import term dates' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Imported the term dates for Pendle Primary Academy: 6 terms, 6 half terms, 3 INSET days and 1 closure.').waitFor();
    await page.getByText('Pendle Primary Academy’s own dates, imported from its term dates file').waitFor();
    await autumn.getByText('Tue 1 Sep, Mon 2 – Tue 3 Nov', { exact: true }).waitFor();
    await autumn.getByText('Polling day, Thu 26 Nov', { exact: true }).waitFor();
    await app.screenshot('calendar-imported');

    const shown = value(await e2e.vault.call(e2e.vault.admin, 'calendar.show', { scope: 'PPA' }));
    expect(shown).toMatchObject({ source: 'imported', insetDays: ['2026-09-01', '2026-11-02', '2026-11-03'], knownUntil: '2027-07-21' });
    expect(shown.terms).toHaveLength(6);
    // Another school keeps the default.
    expect(value(await e2e.vault.call(e2e.vault.admin, 'calendar.show', { scope: 'WCHS' })).source).toBe('default');
    const [event] = value(await e2e.vault.call(e2e.vault.admin, 'audit.list', { action: 'calendar.import' }));
    expect(event).toMatchObject({ actor: ADMIN.email, outcome: 'ok', details: { scope: 'PPA', terms: 6, insetDays: 3 } });
  });

  it('imports gov.uk’s bank holidays after refusing a broken file', async () => {
    const { app, page } = await e2e.openScreenAs('admin', 'Calendar');
    await page.getByText('England and Wales, the gov.uk list that comes with Custodian').waitFor();

    await page.getByRole('button', { name: 'Import bank holidays' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import bank holidays' });
    const file = dialog.getByLabel('Bank holidays file (.json)');
    await file.setInputFiles({ name: 'terms.csv', mimeType: 'text/csv', buffer: Buffer.from(BROKEN_TERMS) });
    await dialog.getByRole('button', { name: 'Import bank holidays' }).click();
    await dialog.getByText('Choose the .json file downloaded from gov.uk (bank-holidays.json).').waitFor();

    const broken = `{\n  "england-and-wales": {\n    "division": "england-and-wales",\n    "events": [\n      { "title": "Christmas Day", "date": "2026-12-32" }\n    ]\n  }\n}\n`;
    await file.setInputFiles({ name: 'bank-holidays.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
    await dialog.getByRole('button', { name: 'Import bank holidays' }).click();
    // The line and what is wrong with it, never the file's own text (an import never echoes a cell).
    await dialog.getByRole('alert').getByText(/^Line 5: .*its date is not a real date/).waitFor();
    await app.screenshot('calendar-bank-holidays-refused', { fullPage: false });
    await app.expectAccessible('the refused bank holidays import');
    expect(value(await e2e.vault.call(e2e.vault.admin, 'calendar.show', { scope: 'TRUST' })).bankHolidaySource).toBe('default');

    await file.setInputFiles({ name: 'bank-holidays.json', mimeType: 'application/json', buffer: BANK_HOLIDAYS });
    await dialog.getByRole('button', { name: 'Import bank holidays' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Imported 24 bank holidays, from Wed 1 Jan 2025 to Tue 28 Dec 2027. They apply to the trust and every school.').waitFor();
    await page.getByText('England and Wales, imported from the gov.uk bank holidays file').waitFor();
    expect(value(await e2e.vault.call(e2e.vault.admin, 'calendar.show', { scope: 'TRUST' })).bankHolidaySource).toBe('imported');
    const [event] = value(await e2e.vault.call(e2e.vault.admin, 'audit.list', { action: 'calendar.bankHolidays' }));
    expect(event).toMatchObject({ actor: ADMIN.email, outcome: 'ok', details: { count: 24, from: '2025-01-01', to: '2027-12-28' } });
  });

  it('warns when the calendar is running out, and shows a poster the calendar read-only', async () => {
    const lastTerm = 'kind,name,start,end\nterm,Summer 2026,2026-04-13,2026-07-20\nhalf-term,,2026-05-25,2026-05-29\n';
    value(await e2e.vault.call(e2e.vault.admin, 'calendar.importTerms', { scope: 'TRUST', csv: lastTerm }));

    const { app, page } = await e2e.openScreenAs('non-holder', 'Calendar');
    const warning = page.getByRole('alert');
    await warning.getByText('This calendar needs attention').waitFor();
    await warning.getByText('Ask an administrator to import the new dates.', { exact: false }).waitFor();
    await warning.getByText('The calendar needs updating: no term dates are known after 20 July 2026.').waitFor();
    await page.getByText('The trust’s own dates, imported from its term dates file').waitFor();
    await page.getByRole('region', { name: 'Summer term: Mon 13 Apr – Mon 20 Jul 2026' }).getByText('Mon 25 – Fri 29 May', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: /^Import/ }).count()).toBe(0);
    await app.screenshot('calendar-warning');
    await app.expectAccessible('the calendar with a warning');

    await page.getByRole('combobox', { name: 'Calendar for' }).selectOption({ label: 'West Craven High School' });
    await page.getByText('Lancashire’s dates (the default until the school imports its own)').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
  });
});
