import { inboxKinds } from '../../../shared/compliance/compliance-snapshot';
import { responseHows } from '../../../shared/contract/field-values';
import { formatUkDay } from '../../../shared/calendar/uk-time';
import { UsageError } from '../cli-io';
import { flag, isoDateTimeFlag, oneOf, required, text, type CommandSpec } from '../command-spec';
import { json, londonTime, table } from '../format';

function itemId(value: string | undefined): number {
  if (value === undefined || !/^\d+$/.test(value) || Number(value) < 1) {
    throw new UsageError(`ID must be an inbox item's number, such as 12 (got "${(value ?? '').slice(0, 40)}").`);
  }
  return Number(value);
}

const short = (text: string, max = 60) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export const inboxCommands: CommandSpec[] = [
  {
    words: ['inbox', 'add'],
    usage: `custodian inbox add CHANNEL --kind ${inboxKinds.join('|')} --received ISO --summary TEXT [--from HANDLE] [--json]`,
    positionals: ['CHANNEL'],
    options: { kind: { type: 'string' }, received: { type: 'string' }, summary: { type: 'string' }, from: { type: 'string' }, json: { type: 'boolean' } },
    signIn: true,
    async run(ctx) {
      const kind = oneOf(ctx, 'kind', inboxKinds);
      if (kind === undefined) throw new UsageError(`--kind is required: one of ${inboxKinds.join(', ')}.`);
      const received = isoDateTimeFlag(ctx, 'received') ?? required(ctx, 'received');
      const summary = required(ctx, 'summary');
      const from = text(ctx, 'from');
      const item = await ctx.call('inbox.add', {
        channel: ctx.positionals[0] ?? '',
        kind,
        received,
        summary,
        ...(from === undefined ? {} : { from }),
      });
      // Scripts take --json; people read the id with what it is and the deadline in words.
      ctx.io.stdout(flag(ctx, 'json') ? json(item) : `Logged inbox item ${item.id}: reply by ${formatUkDay(item.dueOn, 'words')} (${item.dueOn}).\n`);
      for (const warning of item.warnings) ctx.io.stderr(`Warning: ${warning}\n`);
      if (item.dslAlertedAt !== null) {
        ctx.io.stderr('Contact from a pupil: tell the DSL (or a deputy) now. A notification was raised in Custodian.\n');
      }
    },
  },
  {
    words: ['inbox', 'list'],
    usage: 'custodian inbox list [--json] [--overdue] [--open] [--channel CHANNEL]',
    options: { json: { type: 'boolean' }, overdue: { type: 'boolean' }, open: { type: 'boolean' }, channel: { type: 'string' } },
    signIn: true,
    async run(ctx) {
      const channel = text(ctx, 'channel');
      const items = await ctx.call('inbox.list', {
        ...(flag(ctx, 'overdue') ? { overdue: true } : {}),
        ...(flag(ctx, 'open') ? { open: true } : {}),
        ...(channel === undefined ? {} : { channel }),
      });
      if (flag(ctx, 'json')) {
        ctx.io.stdout(json(items));
        return;
      }
      if (items.length === 0) ctx.io.stderr(flag(ctx, 'overdue') ? 'Nothing is overdue.\n' : 'No inbox items match.\n');
      ctx.io.stdout(
        table(
          ['ID', 'CHANNEL', 'KIND', 'RECEIVED (UK)', 'DUE', 'STATUS', 'SUMMARY'],
          items.map((i) => [i.id, i.channel, i.kind, londonTime(i.receivedAt), i.dueOn, i.status, short(i.summary)]),
        ),
      );
    },
  },
  {
    words: ['inbox', 'respond'],
    usage: `custodian inbox respond ID --how ${responseHows.join('|')} [--at ISO] [--note TEXT]`,
    positionals: ['ID'],
    options: { how: { type: 'string' }, at: { type: 'string' }, note: { type: 'string' } },
    signIn: true,
    async run(ctx) {
      const id = itemId(ctx.positionals[0]);
      const how = oneOf(ctx, 'how', responseHows);
      if (how === undefined) throw new UsageError(`--how is required: one of ${responseHows.join(', ')}.`);
      const at = isoDateTimeFlag(ctx, 'at');
      const note = text(ctx, 'note');
      const item = await ctx.call('inbox.respond', { id, how, ...(at === undefined ? {} : { at }), ...(note === undefined ? {} : { note }) });
      const days = item.schoolDaysTaken ?? 0;
      ctx.io.stderr(
        `Recorded that inbox item ${item.id} was ${how} after ${days} school day${days === 1 ? '' : 's'}` +
          `${item.status === 'responded-late' ? `, after its deadline of ${item.dueOn}` : ', within the deadline'}.\n`,
      );
      for (const warning of item.warnings) ctx.io.stderr(`Warning: ${warning}\n`);
    },
  },
  {
    words: ['inbox', 'notify'],
    usage: 'custodian inbox notify',
    signIn: true,
    async run(ctx) {
      const { created } = await ctx.call('inbox.notify', {});
      ctx.io.stderr(created === 0 ? 'No new notifications.\n' : `Raised ${created} notification${created === 1 ? '' : 's'} for items due soon or overdue.\n`);
    },
  },
];
