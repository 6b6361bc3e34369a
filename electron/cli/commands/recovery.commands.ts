import { resolve } from 'node:path';
import { CommandFailed } from '../cli-io';
import { required, text, type CommandContext, type CommandSpec } from '../command-spec';
import { readTextFile } from '../read-text-file';

const KIT_MAX_BYTES = 64 * 1024;

/** The three checksum words as typed: any case, spaces or commas between. */
const normalised = (words: string): string => words.trim().toLowerCase().split(/[\s,]+/).join(' ');

/**
 * Makes the kit at `path` and walks the person through it: print, check the three words, lock it
 * away, delete the file. The words are checked against --confirm-checksum, or typed back on a
 * terminal; a script without the flag just gets them printed. A mismatch fails (exit 1) and the
 * kit stays: it is valid, the person may have misread it.
 */
export async function makeRecoveryKit(ctx: CommandContext, path: string): Promise<void> {
  const kit = await ctx.call('recovery.createKit', { path: resolve(path) });
  ctx.io.stdout(`Print ${kit.path}, check the three checksum words ${kit.checksum}, put it in the trust's safe, then delete the file.\n`);
  const given = text(ctx, 'confirm-checksum');
  const typed = given ?? (ctx.io.stdinIsTty ? await ctx.io.promptHidden('Type the three checksum words printed on the kit: ') : undefined);
  if (typed === undefined) return;
  if (normalised(typed) !== kit.checksum) {
    throw new CommandFailed(`The checksum words given (${normalised(typed).slice(0, 80)}) are not this kit's. Check the printed kit against ${kit.path}; the kit was made and stays.`);
  }
  ctx.io.stderr('The checksum words match.\n');
}

/** The kit's text from the file named by --kit (the words as typed or as pdftotext gives them). */
export async function kitFile(ctx: CommandContext): Promise<string> {
  return readTextFile(resolve(required(ctx, 'kit')), 'recovery kit', KIT_MAX_BYTES, '64 KB');
}

export const recoveryCommands: CommandSpec[] = [
  {
    words: ['recovery', 'kit'],
    usage: 'custodian recovery kit --out PATH [--confirm-checksum "W1 W2 W3"]',
    options: { out: { type: 'string' }, 'confirm-checksum': { type: 'string' } },
    signIn: true,
    run: (ctx) => makeRecoveryKit(ctx, required(ctx, 'out')),
  },
  {
    words: ['recovery', 'grant'],
    usage: 'custodian recovery grant CHANNEL EMAIL --kit FILE',
    options: { kit: { type: 'string' } },
    positionals: ['channel', 'email'],
    signIn: true,
    async run(ctx) {
      const [channel = '', email = ''] = ctx.positionals;
      const kit = await kitFile(ctx);
      const grant = await ctx.call('recovery.grant', { channel, email, kit });
      ctx.io.stderr(`${grant.holderEmail} now holds the login details of ${grant.channel}, opened with the recovery kit. Put the kit back in the safe.\n`);
    },
  },
  {
    words: ['recovery', 'admin'],
    usage: 'custodian recovery admin EMAIL --kit FILE   (new passphrase: asked twice, or env CUSTODIAN_NEW_PASSPHRASE)',
    options: { kit: { type: 'string' } },
    positionals: ['email'],
    signIn: false,
    async run(ctx) {
      const [email = ''] = ctx.positionals;
      const kit = await kitFile(ctx);
      const passphrase = await ctx.newPassphrase(email);
      const result = await ctx.call('recovery.admin', { email, kit, passphrase });
      ctx.io.stderr(`${result.email} is now an administrator and can sign in with the new passphrase. Put the kit back in the safe.\n`);
    },
  },
];
