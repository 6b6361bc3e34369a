import { UsageError } from '../cli-io';
import { weekdays, type Weekday } from '../../../shared/domain/enums';
import { flag, isoDateFlag, isoDateTimeFlag, required, text, type CommandContext, type CommandSpec } from '../command-spec';
import { json, table } from '../format';

export const monitorCommands: CommandSpec[] = [
  {
    words: ['monitor', 'check'],
    usage: 'custodian monitor check CHANNEL [--at ISO] [--note TEXT]',
    positionals: ['CHANNEL'],
    options: { at: { type: 'string' }, note: { type: 'string' } },
    signIn: true,
    async run(ctx) {
      const at = isoDateTimeFlag(ctx, 'at');
      const note = text(ctx, 'note');
      const check = await ctx.call('monitor.check', {
        channel: ctx.positionals[0] ?? '',
        ...(at === undefined ? {} : { at }),
        ...(note === undefined ? {} : { note }),
      });
      ctx.io.stderr(`Recorded a check of ${check.channel} on ${check.checkedOn}.\n`);
    },
  },
  {
    words: ['monitor', 'coverage'],
    usage: 'custodian monitor coverage [--json] [--from DATE --to DATE]',
    options: { json: { type: 'boolean' }, from: { type: 'string' }, to: { type: 'string' } },
    signIn: true,
    async run(ctx) {
      const from = isoDateFlag(ctx, 'from');
      const to = isoDateFlag(ctx, 'to');
      if (from !== undefined && to !== undefined && from > to) throw new UsageError('--from must not be after --to.');
      const report = await ctx.call('monitor.coverage', { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) });
      if (flag(ctx, 'json')) {
        ctx.io.stdout(json(report));
        return;
      }
      ctx.io.stderr(`Monitoring coverage ${report.from} to ${report.to} (every day counts, weekends and holidays too).\n`);
      ctx.io.stdout(
        table(
          ['CHANNEL', 'SCHOOL', 'CHECKED', 'DAYS NOBODY CHECKED'],
          report.channels.map((c) => [
            c.channel,
            c.school ?? 'trust',
            c.totalDays === 0 ? 'not started' : `${c.checkedDays}/${c.totalDays}`,
            c.missedDays.length > 7 ? `${c.missedDays.slice(0, 7).join(' ')} … (+${c.missedDays.length - 7})` : c.missedDays.join(' '),
          ]),
        ),
      );
    },
  },
  {
    words: ['monitor', 'rota'],
    usage: 'custodian monitor rota [--json]',
    options: { json: { type: 'boolean' } },
    signIn: true,
    async run(ctx) {
      const rota = await ctx.call('monitor.rota', {});
      if (flag(ctx, 'json')) {
        ctx.io.stdout(json(rota));
        return;
      }
      ctx.io.stdout(
        table(
          ['CHANNEL', ...weekdays.map((d) => d.toUpperCase())],
          rota.map((r) => [r.channel, ...weekdays.map((d) => {
            const who = r.days[d];
            return who === null || who === undefined ? '-' : who.active ? who.email : `${who.email} (left)`;
          })]),
        ),
      );
    },
  },
  {
    words: ['monitor', 'assign'],
    usage: 'custodian monitor assign CHANNEL EMAIL --days mon,tue,wed,thu,fri,sat,sun',
    positionals: ['CHANNEL', 'EMAIL'],
    options: { days: { type: 'string' } },
    signIn: true,
    async run(ctx) {
      const rota = await ctx.call('monitor.assign', { channel: ctx.positionals[0] ?? '', email: ctx.positionals[1] ?? '', days: daysFlag(ctx) });
      ctx.io.stderr(`${ctx.positionals[1] ?? ''} is on the rota for ${rota.channel} on ${daysFlag(ctx).join(', ')}.\n`);
    },
  },
  {
    words: ['monitor', 'unassign'],
    usage: 'custodian monitor unassign CHANNEL --days sat,sun',
    positionals: ['CHANNEL'],
    options: { days: { type: 'string' } },
    signIn: true,
    async run(ctx) {
      const rota = await ctx.call('monitor.unassign', { channel: ctx.positionals[0] ?? '', days: daysFlag(ctx) });
      ctx.io.stderr(`Nobody is on the rota for ${rota.channel} on ${daysFlag(ctx).join(', ')} now.\n`);
    },
  },
];

/** --days mon,tue,…: checked here so a typo is a usage error before signing in. */
function daysFlag(ctx: CommandContext): Weekday[] {
  const words = required(ctx, 'days').toLowerCase().split(',').map((d) => d.trim()).filter((d) => d !== '');
  const bad = words.filter((d) => !(weekdays as readonly string[]).includes(d));
  if (words.length === 0 || bad.length > 0) throw new UsageError('--days takes days written mon,tue,wed,thu,fri,sat,sun (separated by commas).');
  return words as Weekday[];
}
