import { resolve } from 'node:path';
import { CommandFailed, UsageError } from '../cli-io';
import { flag, required, type CommandContext, type CommandSpec } from '../command-spec';

/** Scripts give the file's passphrase here; people are asked for it without echo. */
const ENV = 'CUSTODIAN_TRANSFER_PASSPHRASE';
const MIN_LENGTH = 12;

function fromEnv(ctx: CommandContext): string | undefined {
  const value = ctx.io.env[ENV];
  return value === undefined || value === '' ? undefined : value;
}

/** A new passphrase for the file: typed twice, so a typo does not lock the vault away. */
async function newTransferPassphrase(ctx: CommandContext): Promise<string> {
  const given = fromEnv(ctx);
  if (given !== undefined) {
    await ctx.checkNewPassphrase(given, "The transfer file's passphrase");
    return given;
  }
  if (!ctx.io.stdinIsTty) throw new CommandFailed(`No passphrase for the transfer file: set ${ENV} or run this in a terminal.`);
  const first = await ctx.io.promptHidden(`Passphrase to seal the transfer file (at least ${MIN_LENGTH} characters, not your sign-in one): `);
  if (first.length < MIN_LENGTH) throw new CommandFailed(`The passphrase must be at least ${MIN_LENGTH} characters; nothing was written.`);
  await ctx.checkNewPassphrase(first, "The transfer file's passphrase");
  const again = await ctx.io.promptHidden('Type it again: ');
  if (first !== again) throw new CommandFailed('The two passphrases differ; nothing was written.');
  return first;
}

async function transferPassphrase(ctx: CommandContext): Promise<string> {
  const given = fromEnv(ctx);
  if (given !== undefined) return given;
  if (!ctx.io.stdinIsTty) throw new CommandFailed(`No passphrase for the transfer file: set ${ENV} or run this in a terminal.`);
  return ctx.io.promptHidden('Passphrase of the transfer file: ');
}

/**
 * The file and its passphrase are what the command works on, not how it was written: a
 * damaged file or a wrong passphrase is a failure (exit 1), not a usage error (exit 2).
 */
async function asFailure<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof UsageError) throw new CommandFailed(error.message);
    throw error;
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export const transferCommands: CommandSpec[] = [
  {
    words: ['transfer', 'export'],
    usage: `custodian transfer export --out FILE   (file passphrase: asked twice, or env ${ENV})`,
    options: { out: { type: 'string' } },
    signIn: true,
    async run(ctx) {
      const path = resolve(required(ctx, 'out'));
      // Signs in first, so the operator is asked for their own passphrase before the file's.
      await ctx.call('auth.whoami', {});
      const passphrase = await newTransferPassphrase(ctx);
      const result = await asFailure(() => ctx.call('transfer.export', { path, passphrase }));
      ctx.io.stdout(`${result.path}\n`);
      ctx.io.stderr(
        `Wrote the transfer file (${result.entries} keychain entries, ${result.files} evidence and media files, ${megabytes(result.bytes)}).\n` +
          'It holds every password of the vault: keep it and its passphrase apart, and delete the file once the new computer works.\n',
      );
    },
  },
  {
    words: ['transfer', 'import'],
    usage: `custodian transfer import FILE [--replace]   (into an empty --data-dir; passphrase asked, or env ${ENV})`,
    options: { replace: { type: 'boolean' } },
    positionals: ['file'],
    signIn: false,
    async run(ctx) {
      const path = resolve(ctx.positionals[0] as string);
      const passphrase = await transferPassphrase(ctx);
      const result = await asFailure(() => ctx.call('transfer.import', { path, passphrase, replace: flag(ctx, 'replace') }));
      ctx.io.stderr(
        `Imported the vault${result.trustName === null ? '' : ` of ${result.trustName}`} as exported at ${result.exportedAt}: ` +
          `${result.entries} keychain entries, ${result.files} evidence and media files.\n` +
          'Sign in as before, run "custodian audit verify", then remove the vault from the old computer.\n',
      );
    },
  },
];
