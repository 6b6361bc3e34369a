import { UsageError } from '../cli-io';
import { flag, isoDateFlag, isoDateTimeFlag, text, type CommandSpec } from '../command-spec';
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
            `${c.checkedDays}/${c.totalDays}`,
            c.missedDays.length > 7 ? `${c.missedDays.slice(0, 7).join(' ')} … (+${c.missedDays.length - 7})` : c.missedDays.join(' '),
          ]),
        ),
      );
    },
  },
];
