import { CommandFailed, UsageError } from '../cli-io';
import { flag, isoDateTimeFlag, positiveIntFlag, text, type CommandSpec } from '../command-spec';
import { json, londonTime, table } from '../format';
import { isAuditOutcome } from '../../../shared/domain/enums';

export const auditCommands: CommandSpec[] = [
  {
    words: ['audit', 'list'],
    usage: 'custodian audit list [--json] [--channel CHANNEL] [--actor EMAIL] [--action NAME] [--outcome ok|denied|error] [--since ISO] [--until ISO] [--limit N]',
    options: {
      json: { type: 'boolean' },
      channel: { type: 'string' },
      actor: { type: 'string' },
      action: { type: 'string' },
      outcome: { type: 'string' },
      since: { type: 'string' },
      until: { type: 'string' },
      limit: { type: 'string' },
    },
    signIn: true,
    async run(ctx) {
      const channel = text(ctx, 'channel');
      const actor = text(ctx, 'actor');
      const action = text(ctx, 'action');
      const outcome = text(ctx, 'outcome');
      if (outcome !== undefined && !isAuditOutcome(outcome)) throw new UsageError('--outcome must be ok, denied or error.');
      const since = isoDateTimeFlag(ctx, 'since');
      const until = isoDateTimeFlag(ctx, 'until', { endOfDay: true });
      if (since !== undefined && until !== undefined && since >= until) throw new UsageError('--since must be before --until.');
      const limit = positiveIntFlag(ctx, 'limit');
      const events = await ctx.call('audit.list', {
        ...(channel === undefined ? {} : { channel }),
        ...(actor === undefined ? {} : { actor }),
        ...(action === undefined ? {} : { action }),
        ...(outcome === undefined ? {} : { outcome }),
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
      if (!result.ok && result.findings !== undefined) {
        throw new CommandFailed(`Audit trail FAILED: the chain is intact, but rows were changed outside Custodian:\n${result.findings.map((f) => `  ${f}`).join('\n')}`);
      }
      if (!result.ok) throw new CommandFailed(`Audit trail FAILED at event ${result.firstBadSeq}: ${result.problem}.`);
      ctx.io.stdout(`ok ${result.events} events, head ${result.headHash}\n`);
    },
  },
];
