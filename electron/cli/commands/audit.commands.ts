import { CommandFailed, UsageError } from '../cli-io';
import { flag, isoDateTimeFlag, positiveIntFlag, text, type CommandSpec } from '../command-spec';
import { json, londonTime, table } from '../format';

export const auditCommands: CommandSpec[] = [
  {
    words: ['audit', 'list'],
    usage: 'custodian audit list [--json] [--channel CHANNEL] [--actor EMAIL] [--since ISO] [--until ISO] [--limit N]',
    options: {
      json: { type: 'boolean' },
      channel: { type: 'string' },
      actor: { type: 'string' },
      since: { type: 'string' },
      until: { type: 'string' },
      limit: { type: 'string' },
    },
    signIn: true,
    async run(ctx) {
      const channel = text(ctx, 'channel');
      const actor = text(ctx, 'actor');
      const since = isoDateTimeFlag(ctx, 'since');
      const until = isoDateTimeFlag(ctx, 'until', { endOfDay: true });
      if (since !== undefined && until !== undefined && since >= until) throw new UsageError('--since must be before --until.');
      const limit = positiveIntFlag(ctx, 'limit');
      const events = await ctx.call('audit.list', {
        ...(channel === undefined ? {} : { channel }),
        ...(actor === undefined ? {} : { actor }),
        ...(since === undefined ? {} : { since }),
        ...(until === undefined ? {} : { until }),
        ...(limit === undefined ? {} : { limit }),
      });
      if (!flag(ctx, 'json')) {
        if (events.length === 0) ctx.io.stderr('No events match.\n');
        else if (events.length === (limit ?? 100)) ctx.io.stderr(`Showing the newest ${events.length} events; use --limit for more.\n`);
      }
      ctx.io.stdout(
        flag(ctx, 'json')
          ? json(events)
          : table(
              ['SEQ', 'TIME (UK)', 'ACTOR', 'ACTION', 'CHANNEL', 'OUTCOME', 'REASON'],
              events.map((e) => [e.seq, londonTime(e.at), e.actor ?? '', e.action, e.channel ?? e.target ?? '', e.outcome, e.reason ?? '']),
            ),
      );
    },
  },
  {
    words: ['audit', 'verify'],
    usage: 'custodian audit verify',
    signIn: true,
    async run(ctx) {
      const result = await ctx.call('audit.verify', {});
      if (!result.ok) throw new CommandFailed(`Audit trail FAILED at event ${result.firstBadSeq}: ${result.problem}.`);
      ctx.io.stdout(`ok ${result.events} events, head ${result.headHash}\n`);
    },
  },
];
