import { resolve } from 'node:path';
import { CommandFailed, UsageError } from '../cli-io';
import { flag, isoDateFlag, required, text, type CommandSpec } from '../command-spec';
import { json } from '../format';

export const reviewCommands: CommandSpec[] = [
  {
    words: ['review', 'export'],
    usage: 'custodian review export --out DIR [--from DATE --to DATE] [--school CODE] [--json]',
    options: { out: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, school: { type: 'string' }, json: { type: 'boolean' } },
    signIn: true,
    async run(ctx) {
      // A relative folder is taken from where the command runs; the core gets a full path.
      const out = resolve(required(ctx, 'out'));
      const from = isoDateFlag(ctx, 'from');
      const to = isoDateFlag(ctx, 'to');
      if ((from === undefined) !== (to === undefined)) throw new UsageError('Give both --from and --to, or neither (then the pack covers the last 12 months, to today).');
      const school = text(ctx, 'school');
      const pack = await ctx.call('review.export', {
        out,
        ...(from === undefined || to === undefined ? {} : { from, to }),
        ...(school === undefined ? {} : { school }),
      });
      if (flag(ctx, 'json')) {
        ctx.io.stdout(json(pack));
        return;
      }
      ctx.io.stdout(
        [
          `Review pack for ${pack.school ?? 'the whole trust'}, ${pack.from} to ${pack.to}, written to ${pack.dir}`,
          ...pack.files.map((file) => `  ${file.name.padEnd(12)} ${String(file.bytes).padStart(10)} bytes  sha256 ${file.sha256}`),
          '  manifest.json, manifest.sig (signed)',
          `Signing key fingerprint: ${pack.fingerprint}`,
          '',
        ].join('\n'),
      );
    },
  },
  {
    words: ['review', 'verify'],
    usage: 'custodian review verify DIR [--json]',
    positionals: ['DIR'],
    options: { json: { type: 'boolean' } },
    signIn: true,
    async run(ctx) {
      const result = await ctx.call('review.verify', { dir: resolve(ctx.positionals[0] ?? '') });
      if (flag(ctx, 'json')) ctx.io.stdout(json(result));
      else if (result.valid) ctx.io.stdout(`valid: every file matches the manifest signed by key ${result.fingerprint ?? ''}\n`);
      else ctx.io.stdout(`invalid\n${result.problems.map((p) => `  ${p.file}: ${p.problem}`).join('\n')}\n`);
      if (!result.valid) throw new CommandFailed(`The review pack is not valid: ${result.problems.map((p) => `${p.file} ${p.problem}`).join('; ')}.`);
    },
  },
];
