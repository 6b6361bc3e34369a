import { secretKinds } from '../../../shared/domain/enums';
import { CommandFailed, UsageError } from '../cli-io';
import { oneOf, required, stripOneNewline, type CommandSpec } from '../command-spec';
import { pngFileImageSource } from '../png-image-source';
import { secretKindWords } from '../../../shared/contract/labels';


/** Commands that print a secret or a code print only that on stdout; notes go to stderr. */
export const credentialCommands: CommandSpec[] = [
  {
    words: ['secret', 'set'],
    usage: 'custodian secret set CHANNEL --kind password|totp|recovery-codes   (value from stdin)',
    positionals: ['CHANNEL'],
    options: { kind: { type: 'string' } },
    signIn: true,
    async run(ctx) {
      const kind = oneOf(ctx, 'kind', secretKinds) ?? (required(ctx, 'kind') as never);
      let value: string;
      if (ctx.io.stdinIsTty) {
        // Sign in first, so the operator's passphrase prompt never comes second and a
        // passphrase is never typed into the secret's prompt by mistake.
        await ctx.call('auth.whoami', {});
        value = await ctx.io.promptHidden(`New ${secretKindWords[kind]} for ${ctx.positionals[0]} (not shown): `);
        if (kind !== 'totp' && (await ctx.io.promptHidden('Type it again: ')) !== value) {
          throw new CommandFailed('The two entries differ; nothing was stored.');
        }
      } else {
        value = stripOneNewline(await ctx.io.readStdin());
      }
      if (value.trim() === '') throw new CommandFailed('No value was given (or only spaces); nothing was stored.');
      const result = await ctx.call('secret.set', { channel: ctx.positionals[0] ?? '', kind, value });
      ctx.io.stderr(`${result.rotated ? 'Changed' : 'Stored'} the ${secretKindWords[kind]} of ${result.channel}, encrypted for its holders.\n`);
    },
  },
  {
    words: ['secret', 'import-qr'],
    usage: 'custodian secret import-qr CHANNEL --file PATH.png   (a 2FA setup QR code, saved as PNG)',
    positionals: ['CHANNEL'],
    options: { file: { type: 'string' } },
    signIn: true,
    imageSource(values) {
      const file = typeof values.file === 'string' ? values.file : '';
      if (file.trim() === '') throw new UsageError('--file is required.');
      return pngFileImageSource(file);
    },
    async run(ctx) {
      const result = await ctx.call('totp.importQr', { channel: ctx.positionals[0] ?? '', source: 'file' });
      // The --file source never cancels (only main's dialog can); the contract allows it, so say it plainly.
      if ('cancelled' in result) throw new CommandFailed('No image was read; nothing was stored.');
      ctx.io.stderr(`${result.rotated ? 'Changed' : 'Stored'} the ${secretKindWords.totp} of ${result.channel}, read from the QR code and encrypted for its holders.\n`);
    },
  },
  {
    words: ['secret', 'reveal'],
    usage: 'custodian secret reveal CHANNEL --kind password|recovery-codes --reason TEXT',
    positionals: ['CHANNEL'],
    options: { kind: { type: 'string' }, reason: { type: 'string' } },
    signIn: true,
    async run(ctx) {
      const kind = oneOf(ctx, 'kind', ['password', 'recovery-codes'] as const) ?? (required(ctx, 'kind') as never);
      const { value } = await ctx.call('secret.reveal', { channel: ctx.positionals[0] ?? '', kind, reason: required(ctx, 'reason') });
      ctx.io.stdout(`${value}\n`);
      ctx.io.stderr('This use was recorded in the audit trail.\n');
    },
  },
  {
    words: ['totp'],
    usage: 'custodian totp CHANNEL --reason TEXT',
    positionals: ['CHANNEL'],
    options: { reason: { type: 'string' } },
    signIn: true,
    async run(ctx) {
      const code = await ctx.call('totp.code', { channel: ctx.positionals[0] ?? '', reason: required(ctx, 'reason') });
      ctx.io.stdout(`${code.code}\n`);
      ctx.io.stderr(`${code.secondsLeft} s left (codes change every ${code.period} s). This use was recorded.\n`);
    },
  },
];
