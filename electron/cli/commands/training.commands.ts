import { flag, isoDateFlag, required, text, type CommandSpec } from '../command-spec';
import { json, table } from '../format';

export const trainingCommands: CommandSpec[] = [
  {
    words: ['training', 'record'],
    usage: 'custodian training record EMAIL --on DATE [--trainer EMAIL] [--note TEXT]',
    positionals: ['EMAIL'],
    options: { on: { type: 'string' }, trainer: { type: 'string' }, note: { type: 'string' } },
    signIn: true,
    async run(ctx) {
      const on = isoDateFlag(ctx, 'on') ?? required(ctx, 'on');
      const trainer = text(ctx, 'trainer');
      const note = text(ctx, 'note');
      const record = await ctx.call('training.record', {
        email: ctx.positionals[0] ?? '',
        on,
        ...(trainer === undefined ? {} : { trainer }),
        ...(note === undefined ? {} : { note }),
      });
      const by = record.trainerName === null ? '' : ` by ${record.trainerName} <${record.trainerEmail ?? ''}>`;
      ctx.io.stderr(`Recorded training for ${record.personName} <${record.personEmail}> on ${record.trainedOn}${by}; it runs out on ${record.expiresOn}.\n`);
    },
  },
  {
    words: ['training', 'list'],
    usage: 'custodian training list [--json]',
    options: { json: { type: 'boolean' } },
    signIn: true,
    async run(ctx) {
      const records = await ctx.call('training.list', {});
      if (flag(ctx, 'json')) {
        ctx.io.stdout(json(records));
        return;
      }
      if (records.length === 0) ctx.io.stderr('No training is recorded yet (custodian training record EMAIL --on DATE).\n');
      // Newest first per person: an older record is superseded by the one above it.
      const seen = new Set<string>();
      const status = (email: string, inDate: boolean) => (seen.has(email) ? 'superseded' : (seen.add(email), inDate ? 'in date' : 'expired'));
      ctx.io.stdout(
        table(
          ['NAME', 'EMAIL', 'SCHOOL', 'TRAINED', 'TRAINER', 'RUNS OUT', 'STATUS'],
          records.map((r) => [r.personName, r.personEmail, r.school ?? 'trust', r.trainedOn, r.trainerEmail ?? '', r.expiresOn, status(r.personEmail, r.inDate)]),
        ),
      );
    },
  },
];
