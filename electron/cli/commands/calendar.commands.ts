import type { CalendarView } from '../../../shared/contract/views';
import { readTextFile } from '../read-text-file';
import { flag, oneOf, required, type CommandContext, type CommandSpec } from '../command-spec';
import { json, table } from '../format';

/** The same limits as the contract's: the file is refused here before it is read into memory. */
const TERM_DATES_MAX_BYTES = 200 * 1024;
const BANK_HOLIDAYS_MAX_BYTES = 2 * 1024 * 1024;

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** '2026-10-26' → 'Mon 26 Oct 2026' (en-GB, as the school calendar is read). */
export function shortDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const weekday = weekdays[new Date(Date.UTC(year, month - 1, day)).getUTCDay()] ?? '';
  return `${weekday} ${day} ${months[month - 1] ?? '?'} ${year}`;
}

function calendarRows(view: CalendarView): [string, string, string, string][] {
  const rows: { sort: string; order: number; row: [string, string, string, string] }[] = [
    ...view.terms.map((t) => ({ sort: t.start, order: 0, row: ['term', t.name ?? '', shortDate(t.start), shortDate(t.end)] as [string, string, string, string] })),
    ...view.closures.map((c) => ({ sort: c.start, order: 1, row: [c.kind, c.name ?? '', shortDate(c.start), shortDate(c.end)] as [string, string, string, string] })),
    ...view.insetDays.map((d) => ({ sort: d, order: 2, row: ['inset', 'INSET day', shortDate(d), shortDate(d)] as [string, string, string, string] })),
    ...view.bankHolidays.map((h) => ({ sort: h.date, order: 3, row: ['bank holiday', h.title, shortDate(h.date), shortDate(h.date)] as [string, string, string, string] })),
  ];
  return rows.sort((a, b) => a.sort.localeCompare(b.sort) || a.order - b.order).map((r) => r.row);
}

function warn(ctx: CommandContext, warnings: readonly string[]): void {
  for (const warning of warnings) ctx.io.stderr(`Warning: ${warning}\n`);
}

export const calendarCommands: CommandSpec[] = [
  {
    words: ['calendar', 'import'],
    usage: 'custodian calendar import --school CODE|TRUST FILE   (CSV of term/INSET ranges; see resources/calendar/term-dates-template.csv)',
    positionals: ['FILE'],
    options: { school: { type: 'string' } },
    signIn: true,
    async run(ctx) {
      const scope = required(ctx, 'school');
      const csv = await readTextFile(ctx.positionals[0] ?? '', 'a term-dates CSV file', TERM_DATES_MAX_BYTES, '200 KB');
      const view = await ctx.call('calendar.importTerms', { scope, csv });
      const halfTerms = view.closures.filter((c) => c.kind === 'half-term').length;
      const closures = view.closures.length - halfTerms;
      ctx.io.stderr(
        `Imported the term dates of ${view.name} (${view.scope}): ${view.terms.length} term(s), ${halfTerms} half term(s), ` +
          `${view.insetDays.length} INSET day(s) and ${closures} other closure(s), known until ${view.knownUntil ?? 'no term'}.\n`,
      );
      warn(ctx, view.warnings);
    },
  },
  {
    words: ['calendar', 'bank-holidays'],
    usage: 'custodian calendar bank-holidays FILE [--division england-and-wales|scotland|northern-ireland]   (gov.uk bank-holidays.json)',
    positionals: ['FILE'],
    options: { division: { type: 'string' } },
    signIn: true,
    async run(ctx) {
      const division = oneOf(ctx, 'division', ['england-and-wales', 'scotland', 'northern-ireland'] as const);
      const fileJson = await readTextFile(ctx.positionals[0] ?? '', 'a bank-holidays JSON file', BANK_HOLIDAYS_MAX_BYTES, '2 MB');
      const result = await ctx.call('calendar.importBankHolidays', {
        json: fileJson,
        ...(division === undefined ? {} : { division }),
      });
      ctx.io.stderr(`Imported ${result.count} bank holidays, from ${shortDate(result.from)} to ${shortDate(result.to)}.\n`);
    },
  },
  {
    words: ['calendar', 'show'],
    usage: 'custodian calendar show --school CODE|TRUST [--json]',
    options: { school: { type: 'string' }, json: { type: 'boolean' } },
    signIn: true,
    async run(ctx) {
      const scope = required(ctx, 'school');
      const view = await ctx.call('calendar.show', { scope });
      if (flag(ctx, 'json')) {
        ctx.io.stdout(json(view));
      } else {
        const source = view.source === 'imported' ? 'its own imported term dates' : 'the default Lancashire term dates (none imported)';
        ctx.io.stdout(`${view.name} (${view.scope}): ${source}; term dates known until ${view.knownUntil === null ? '(none)' : shortDate(view.knownUntil)}.\n\n`);
        ctx.io.stdout(table(['KIND', 'NAME', 'FROM', 'TO'], calendarRows(view)));
      }
      warn(ctx, view.warnings);
    },
  },
];
