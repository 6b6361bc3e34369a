import { resolve } from 'node:path';
import { CoreError } from '../core/errors';
import { SecretStoreError } from '../core/secrets/secret-store';
import type { MethodName, MethodOutput } from '../../shared/contract/methods';
import { weakPassphraseMessage } from '../core/auth/passphrase-strength';
import { createCore, type Core } from '../core/app';
import { systemBrowser } from './system-browser';
import { createKeytarStore } from '../core/secrets/keytar.store';
import { commandDataDir } from './early-sign-in';
import { CommandFailed, UsageError, type CliIo } from './cli-io';
import type { CommandContext, CommandSpec } from './command-spec';
import type { RunOptions } from './run-cli';
import { passphrase as passphraseField } from '../../shared/contract/fields';

/*
 * The part of the CLI that runs a parsed command: the core, the keychain, sign-in. run-cli.ts
 * loads it with import() once a command has been parsed, so `--help` and usage errors never
 * load the core (the database, kysely, zod schemas, libsodium, the keychain module).
 */

async function secret(io: CliIo, envName: string, question: string): Promise<string> {
  const fromEnv = io.env[envName];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!io.stdinIsTty) {
    throw new CommandFailed(`No passphrase: set ${envName} or run this command in a terminal to be asked for it.`);
  }
  return io.promptHidden(question);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/**
 * CUSTODIAN_SCHEDULER_LEASE_SECONDS: how long a runner's claim on a target holds before another
 * runner reconciles it after a crash (1 to 3600; default 300). The runner renews it while it works.
 */
function schedulerLeaseMs(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 3600) throw new UsageError('CUSTODIAN_SCHEDULER_LEASE_SECONDS must be a whole number of seconds from 1 to 3600.');
  return Number(text) * 1000;
}

/** Fields whose problems are about what a file or stdin held, not how the command was written. */
const CONTENT_FIELDS = new Set(['value', 'image', 'csv', 'json', 'content', 'contentBase64', 'mediaType', 'token', 'clientSecret', 'kit']);

/** The publisher's session; a refusal (no publisher here, a key file open to others) is the command's error. */
async function publisherToken(core: Core, keyFile: string | undefined): Promise<string> {
  try {
    return await core.signInPublisher(keyFile === undefined ? {} : { keyFile: resolve(keyFile) });
  } catch (error) {
    if (error instanceof CoreError || error instanceof SecretStoreError) throw new CommandFailed(error.message);
    throw error;
  }
}

export interface ParsedCommand {
  spec: CommandSpec;
  values: CommandContext['values'];
  positionals: string[];
  globals: { dataDir?: string; as?: string };
}

/** Runs one parsed command to the end; throws UsageError / CommandFailed for runCli to report. */
export async function runCommand(command: ParsedCommand, io: CliIo, options: RunOptions): Promise<void> {
  const { spec, globals } = command;
  const parsed = { values: command.values, positionals: command.positionals };
  let core: Core | null = null;
  try {
    const dataDir = commandDataDir(globals.dataDir, io.env);
    const imageSource = spec.imageSource?.(parsed.values as CommandContext['values']);
    const leaseMs = schedulerLeaseMs(io.env.CUSTODIAN_SCHEDULER_LEASE_SECONDS);
    core = createCore({
      dataDir,
      secretStore: options.secretStore ?? createKeytarStore(),
      ...(imageSource === undefined ? {} : { imageSource }),
      ...(leaseMs === undefined ? {} : { schedulerLeaseMs: leaseMs }),
      browser: systemBrowser(io),
      reviewProgress: (step) => io.stderr(`Writing ${step.file}…\n`),
      warn: (message) => io.stderr(`custodian: warning: ${message}\n`),
    });
    const activeCore = core;
    let token: string | null = null;
    let signInPassphrase: string | null = null;
    const dispatch = async (method: MethodName, input: unknown): Promise<unknown> => {
      const result = await activeCore.dispatch(token, method, input);
      if (result.ok) return result.value as never;
      // A bad value given on the command line is a usage error; a refusal is a failure, and
      // so is content that cannot be used (a secret from stdin, an image from a file).
      if (result.error.code === 'invalid_input' && !CONTENT_FIELDS.has(result.error.field ?? '')) throw new UsageError(result.error.message);
      throw new CommandFailed(result.error.message);
    };
    const email = globals.as ?? nonEmpty(io.env.CUSTODIAN_OPERATOR);
    if (spec.signIn === true && email === undefined) throw new UsageError('Say who you are with --as EMAIL (or CUSTODIAN_OPERATOR).');
    // Sign-in waits for the command's first call, so that a usage error in its flags is
    // reported (exit 2) before any passphrase is asked for or checked.
    const call: CommandContext['call'] = async (method, input) => {
      if (spec.signIn === 'publisher' && token === null) {
        token = await publisherToken(activeCore, spec.publisherKeyFile?.(parsed.values as CommandContext['values'], io.env));
      }
      if (spec.signIn === true && token === null && email !== undefined) {
        signInPassphrase = await secret(io, 'CUSTODIAN_PASSPHRASE', `Passphrase for ${email}: `);
        activeCore.prepare(method);
        const signedIn = (await dispatch('auth.signIn', { email, passphrase: signInPassphrase })) as MethodOutput<'auth.signIn'>;
        token = signedIn.token;
        // The core refuses everything else until it is changed; say how, here, once.
        if (signedIn.operator.mustChangePassphrase && spec.words.join(' ') !== 'passphrase change') {
          io.stderr(`custodian: your passphrase was set by an administrator or is too easy to guess, and must be changed first: custodian passphrase change --as ${email}\n`);
        }
        // Once per vault without a kit (keys/recovery-offer.ts): the first administrator sign-in.
        if (signedIn.offerRecoveryKit) {
          io.stderr(
            "custodian: this vault has no recovery kit yet. Without one, login details that no holder can open any more are lost for good. Make it with custodian recovery kit --out FILE, print it, keep it in the trust's safe and delete the file.\n",
          );
        }
      }
      try {
        return (await dispatch(method, input)) as never;
      } catch (error) {
        // A long-running `scheduler run` whose publisher was replaced (its session ended) signs in
        // again at the next pass: the new key if it is in this keychain, else the clear refusal.
        if (spec.signIn === 'publisher') token = null;
        throw error;
      }
    };
    // Public: no sign-in is needed (or asked for) to check a new passphrase.
    const checkNewPassphrase: CommandContext['checkNewPassphrase'] = async (passphrase, what, about = {}) => {
      // The contract's own length rule first: on a terminal it is said after the first entry, not after the second.
      const length = passphraseField.safeParse(passphrase);
      if (!length.success) throw new CommandFailed(`${what} ${length.error.issues[0]?.message ?? 'is not valid'}. Nothing was done.`);
      const strength = (await dispatch('auth.passphraseStrength', { passphrase, ...about })) as MethodOutput<'auth.passphraseStrength'>;
      if (!strength.acceptable) throw new CommandFailed(`${weakPassphraseMessage(what, strength)} Nothing was done.`);
    };
    const ctx: CommandContext = {
      io,
      values: parsed.values as CommandContext['values'],
      positionals: parsed.positionals,
      call,
      async signInAs(asEmail, passphrase) {
        token = ((await dispatch('auth.signIn', { email: asEmail, passphrase })) as MethodOutput<'auth.signIn'>).token;
        signInPassphrase = passphrase;
      },
      signInPassphrase: () => signInPassphrase,
      passphrase: (envName, question) => secret(io, envName, question),
      checkNewPassphrase,
      async newPassphrase(who, envName = 'CUSTODIAN_NEW_PASSPHRASE', name) {
        const fromEnv = io.env[envName];
        if (fromEnv !== undefined && fromEnv !== '') {
          await checkNewPassphrase(fromEnv, 'The passphrase', { email: who, ...(name === undefined ? {} : { name }) });
          return fromEnv;
        }
        if (!io.stdinIsTty) throw new CommandFailed(`No passphrase for ${who}: set ${envName} or run this in a terminal.`);
        const first = await io.promptHidden(`New passphrase for ${who} (at least 10 characters): `);
        await checkNewPassphrase(first, 'The passphrase', { email: who, ...(name === undefined ? {} : { name }) });
        const again = await io.promptHidden('Type it again: ');
        if (first !== again) throw new CommandFailed('The two passphrases differ; nothing was changed.');
        return first;
      },
    };
    await spec.run(ctx);
  } finally {
    await core?.close();
  }
}
