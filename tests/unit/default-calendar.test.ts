import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBankHolidaysJson } from '../../shared/calendar/bank-holidays.json';
import { defaultCalendar, englandAndWalesBankHolidays, lancashireTermDates } from '../../shared/calendar/default-calendar';
import { parseTermDatesCsv } from '../../shared/calendar/term-dates.csv';

const resources = path.resolve(import.meta.dirname, '../../resources/calendar');
const read = (name: string): string => readFileSync(path.join(resources, name), 'utf8');

describe('the default calendar constants match the resource files they copy', () => {
  it('bank holidays: the constants are what resources/calendar/england-and-wales-bank-holidays.json parses to', () => {
    const parsed = parseBankHolidaysJson(read('england-and-wales-bank-holidays.json'));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.value.events).toEqual(englandAndWalesBankHolidays);
    expect(parsed.value.bankHolidays).toEqual(defaultCalendar.bankHolidays);
    expect(defaultCalendar.bankHolidays).toHaveLength(24);
  });

  it('term dates: the constants are what resources/calendar/lancashire-terms.csv parses to', () => {
    const parsed = parseTermDatesCsv(read('lancashire-terms.csv'));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.value).toEqual({ ...lancashireTermDates });
    expect(parsed.value.terms).toEqual(defaultCalendar.terms);
    expect(parsed.value.closures).toEqual(defaultCalendar.closures);
    expect(defaultCalendar.terms).toHaveLength(6);
    expect(defaultCalendar.closures.every((c) => c.kind === 'half-term')).toBe(true);
    expect(defaultCalendar.insetDays).toEqual([]);
  });

  it('the template parses, so a school starting from it gets a working file', () => {
    const parsed = parseTermDatesCsv(read('term-dates-template.csv'));
    expect(parsed.ok).toBe(true);
  });

  it('the defaults are frozen, since the arithmetic caches an index per calendar object', () => {
    expect(Object.isFrozen(defaultCalendar)).toBe(true);
    expect(Object.isFrozen(defaultCalendar.terms)).toBe(true);
    expect(Object.isFrozen(defaultCalendar.bankHolidays)).toBe(true);
  });
});
