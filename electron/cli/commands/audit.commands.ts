import { CommandFailed, UsageError } from '../cli-io';
import { flag, isoDateTimeFlag, positiveIntFlag, text, type CommandSpec } from '../command-spec';
import { json, londonTime, table } from '../format';
import { auditActionNames } from '../../../shared/contract/audit-actions';
import { isAuditOutcome } from '../../../shared/domain/enums';

/** An --action that names no action: those it is part of, else every name, so the next try is right. */
function unknownAction(action: string): string {
  const names = Object.keys(auditActionNames);
  const near = names.filter((name) => name.includes(action.toLowerCase()));
  return near.length > 0
    ? `--action "${action}" is not an action name. Did you mean ${near.join(', ')}?`
    : `--action "${action}" is not an action name. The actions: ${names.sort().join(', ')}.`;
}

export const auditCommands: CommandSpec[] = [
  {
    words: ['audit', 'list'],
    usage: 'custodian audit list [--json] [--channel CHANNEL] [--actor EMAIL] [--action NAME] [--outcome ok|denied|error] [--since ISO] [--until ISO] [--limit N] [--sign-ins]   (successful sign-ins only with --sign-ins or --action auth.sign_in)',
    options: {
      json: { type: 'boolean' },
      channel: { type: 'string' },
      actor: { type: 'string' },
      action: { type: 'string' },
      outcome: { type: 'string' },
      since: { type: 'string' },
      until: { type: 'string' },
      limit: { type: 'string' },
      'sign-ins': { type: 'boolean' },
    },
    signIn: true,
    async run(ctx) {
      const channel = text(ctx, 'channel');
      const actor = text(ctx, 'actor');
      const action = text(ctx, 'action');
      // A word that is no action name ('totp') gets the names it is part of; a dotted name goes to the core as it is.
      if (action !== undefined && !action.includes('.') && auditActionNames[action] === undefined) throw new UsageError(unknownAction(action));
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
        // Every command signs in, so its own sign-in would fill the page: they are asked for by name.
        ...(flag(ctx, 'sign-ins') || action !== undefined ? {} : { withoutSignIns: true }),
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
