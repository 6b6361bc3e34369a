import { parseBankHolidaysJson } from '../../../shared/calendar/bank-holidays.json';
import { londonDate } from '../../../shared/calendar/london-date';
import { parseTermDatesCsv } from '../../../shared/calendar/term-dates.csv';
import type { HandlerMap } from '../handler-types';
import { replaceBankHolidays, replaceTermDates } from './calendar.repo';
import { calendarView, importRefused, resolveScope } from './calendar.view';
import { londonToday } from '../clock';

export const calendarHandlers: HandlerMap<'calendar.importTerms' | 'calendar.importBankHolidays' | 'calendar.show'> = {
  'calendar.importTerms': ({ vault, operator }, input) => {
    const { data } = vault;
    // Parsed in full before anything is written: a file with one bad line changes nothing.
    const parsed = parseTermDatesCsv(input.csv);
    if (!parsed.ok) throw importRefused('The term-dates file', 'csv', parsed.errors);
    const dates = parsed.value;
    return data.transaction(async () => {
      const now = vault.clock.now();
      const scope = await resolveScope(vault, input.scope);
      await replaceTermDates(data, scope.schoolId, dates, operator.personId, now.toISOString());
      await vault.audit.append({
        actorId: operator.personId,
        action: 'calendar.import',
        target: `calendar:${scope.scope}`,
        schoolId: scope.schoolId,
        outcome: 'ok',
        details: {
          scope: scope.scope,
          terms: dates.terms.length,
          halfTerms: dates.closures.filter((c) => c.kind === 'half-term').length,
          insetDays: dates.insetDays.length,
          closures: dates.closures.filter((c) => c.kind === 'closure').length,
        },
      });
      return calendarView(data, scope, londonDate(now.getTime()));
    });
  },

  'calendar.importBankHolidays': ({ vault, operator }, input) => {
    const { data } = vault;
    const parsed = parseBankHolidaysJson(input.json, input.division);
    if (!parsed.ok) throw importRefused('The bank-holidays file', 'json', parsed.errors);
    const { events, division } = parsed.value;
    const from = events[0]?.date ?? '';
    const to = events.at(-1)?.date ?? '';
    return data.transaction(async () => {
      await replaceBankHolidays(data, events, division, operator.personId, vault.clock.now().toISOString());
      await vault.audit.append({
        actorId: operator.personId,
        action: 'calendar.bankHolidays',
        target: 'calendar:bank-holidays',
        outcome: 'ok',
        details: { division, count: events.length, from, to },
      });
      return { count: events.length, from, to };
    });
  },

  'calendar.show': async ({ vault }, input) => calendarView(vault.data, await resolveScope(vault, input.scope), londonToday(vault.clock)),
};
