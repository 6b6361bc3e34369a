import { consentReasons } from '../../../shared/contract/field-values';
import { UsageError } from '../cli-io';
import { flag, isoDateFlag, oneOf, required, text, type CommandSpec } from '../command-spec';
import { json, table } from '../format';

function entryId(value: string | undefined): number {
  if (value === undefined || !/^\d+$/.test(value) || Number(value) < 1) {
    throw new UsageError(`ID must be a consent register entry's number, such as 12 (got "${(value ?? '').slice(0, 40)}").`);
  }
  return Number(value);
}

/**
 * The consent register: who must not appear in a school's published images. Open to the
 * trust's administrators and that school's own SLT; every listing is audited.
 */
export const consentCommands: CommandSpec[] = [
  {
    words: ['consent', 'add'],
    usage: `custodian consent add --school CODE --name TEXT --reason ${consentReasons.join('|')} [--class TEXT] [--from DATE] [--to DATE] [--note TEXT]`,
    options: {
      school: { type: 'string' },
      name: { type: 'string' },
      reason: { type: 'string' },
      class: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      note: { type: 'string' },
    },
    signIn: true,
    async run(ctx) {
      const school = required(ctx, 'school');
      const name = required(ctx, 'name');
      const reason = oneOf(ctx, 'reason', consentReasons);
      if (reason === undefined) throw new UsageError(`--reason is required: one of ${consentReasons.join(', ')}.`);
      const from = isoDateFlag(ctx, 'from');
      const to = isoDateFlag(ctx, 'to');
      if (from !== undefined && to !== undefined && to < from) throw new UsageError('--to must not be before --from.');
      const className = text(ctx, 'class');
      const note = text(ctx, 'note');
      const entry = await ctx.call('consent.add', {
        school,
        name,
        reason,
        ...(className === undefined ? {} : { class: className }),
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
        ...(note === undefined ? {} : { note }),
      });
      // stdout: the new entry's id, for scripts; the sentence for people goes to stderr.
      ctx.io.stdout(`${entry.id}\n`);
      ctx.io.stderr(`Added entry ${entry.id} to ${entry.school}'s consent register (${entry.reason})${entry.active ? '' : '; it is not in force today'}.\n`);
    },
  },
  {
    words: ['consent', 'list'],
    usage: 'custodian consent list --school CODE [--json] [--include-removed]   (every listing is audited)',
    options: { school: { type: 'string' }, json: { type: 'boolean' }, 'include-removed': { type: 'boolean' } },
    signIn: true,
    async run(ctx) {
      const school = required(ctx, 'school');
      const entries = await ctx.call('consent.list', { school, ...(flag(ctx, 'include-removed') ? { includeRemoved: true } : {}) });
      if (flag(ctx, 'json')) {
        ctx.io.stdout(json(entries));
        return;
      }
      if (entries.length === 0) ctx.io.stderr(`${school.toUpperCase()}'s consent register has no entries.\n`);
      ctx.io.stdout(
        table(
          ['ID', 'NAME', 'CLASS', 'REASON', 'FROM', 'TO', 'IN FORCE', 'NOTE'],
          entries.map((e) => [e.id, e.name, e.class, e.reason, e.from, e.to, e.removedAt !== null ? 'removed' : e.active ? 'yes' : 'no', e.note]),
        ),
      );
    },
  },
  {
    words: ['consent', 'remove'],
    usage: 'custodian consent remove ID',
    positionals: ['ID'],
    signIn: true,
    async run(ctx) {
      const entry = await ctx.call('consent.remove', { id: entryId(ctx.positionals[0]) });
      ctx.io.stderr(`Removed entry ${entry.id} from ${entry.school}'s consent register.\n`);
    },
  },
];
