import { parseArgs } from 'node:util';
import type { SecretStore } from '../core/secrets/secret-store';
import { CommandFailed, EXIT, UsageError, type CliIo } from './cli-io';
import type { CommandContext, CommandSpec } from './command-spec';
import { accessCommands } from './commands/access.commands';
import { auditCommands } from './commands/audit.commands';
import { backupCommands } from './commands/backup.commands';
import { calendarCommands } from './commands/calendar.commands';
import { importCommands } from './commands/import.commands';
import { complianceCommands } from './commands/compliance.commands';
import { consentCommands } from './commands/consent.commands';
import { channelCommands } from './commands/channel.commands';
import { platformCommands } from './commands/platform.commands';
import { credentialCommands } from './commands/credential.commands';
import { inboxCommands } from './commands/inbox.commands';
import { incidentCommands } from './commands/incident.commands';
import { monitorCommands } from './commands/monitor.commands';
import { peopleCommands } from './commands/people.commands';
import { postCommands } from './commands/post.commands';
import { schedulerCommands } from './commands/scheduler.commands';
import { reviewCommands } from './commands/review.commands';
import { trainingCommands } from './commands/training.commands';
import { vaultCommands } from './commands/vault.commands';
import { transferCommands } from './commands/transfer.commands';
import { recoveryCommands } from './commands/recovery.commands';

declare const __CUSTODIAN_VERSION__: string | undefined;
const CUSTODIAN_VERSION = typeof __CUSTODIAN_VERSION__ === 'string' ? __CUSTODIAN_VERSION__ : 'development';

export const commands: CommandSpec[] = [
  ...vaultCommands,
  ...peopleCommands,
  ...channelCommands,
  ...platformCommands,
  ...credentialCommands,
  ...accessCommands,
  ...auditCommands,
  ...backupCommands,
  ...inboxCommands,
  ...monitorCommands,
  ...trainingCommands,
  ...calendarCommands,
  ...importCommands,
  ...complianceCommands,
  ...consentCommands,
  ...incidentCommands,
  ...postCommands,
  ...schedulerCommands,
  ...reviewCommands,
  ...transferCommands,
  ...recoveryCommands,
];

/**
 * The help: every command, or those of one group or command when words come with it
 * (`custodian review --help`, `custodian help secret set`): a busy reader wants the few lines
 * about what they are doing, not all seventy.
 */
function helpText(words: string[] = []): string {
  const chosen = commands.filter((command) => words.every((word, i) => command.words[i] === word));
  const lines = words.length === 0 || chosen.length === 0 ? commands : chosen;
  return [
    'custodian: the command line of the Custodian vault.',
    '',
    'Global: --data-dir DIR (env CUSTODIAN_DATA_DIR), --as EMAIL (env CUSTODIAN_OPERATOR).',
    'The passphrase comes from env CUSTODIAN_PASSPHRASE, else a prompt on a terminal.',
    '',
    ...lines.map((command) => `  ${command.usage}`),
    '',
  ].join('\n');
}

/** The command words a help request names: what comes before --help (or after "help"), options left out. */
function helpWords(argv: string[]): string[] {
  const words = argv[0] === 'help' ? argv.slice(1) : argv.slice(0, argv.findIndex((arg) => arg === '--help' || arg === '-h'));
  return splitGlobals(words).rest.filter((word) => !word.startsWith('-'));
}

/** Takes --data-dir and --as out wherever they stand, so they work before or after the command. */
function splitGlobals(argv: string[]): { rest: string[]; dataDir?: string; as?: string } {
  const rest: string[] = [];
  const found: { dataDir?: string; as?: string } = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    const [name, inline] = arg.startsWith('--') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    if (name === '--data-dir' || name === '--as') {
      const value = inline ?? argv[(i += 1)];
      if (value === undefined || value === '') throw new UsageError(`${name} needs a value.`);
      if (name === '--data-dir') found.dataDir = value;
      else found.as = value;
    } else {
      rest.push(arg);
    }
  }
  return { rest, ...found };
}

function findCommand(words: string[]): { spec: CommandSpec; args: string[] } {
  const matches = commands.filter((spec) => spec.words.every((word, i) => words[i] === word));
  const spec = matches.sort((a, b) => b.words.length - a.words.length)[0];
  if (spec === undefined) {
    const tried = words.filter((w) => !w.startsWith('-')).slice(0, 2).join(' ');
    throw new UsageError(tried === '' ? 'No command given.' : `Unknown command: ${tried}.`);
  }
  return { spec, args: words.slice(spec.words.length) };
}

/**
 * Whether a command got as far as loading the runner (and with it the keychain module): only
 * then can a keychain call still be pending when the process ends.
 */
let runnerLoaded = false;

/** Keychain calls still in a native worker (0 when no command ran: the module is not even loaded). */
export async function pendingKeychainCalls(): Promise<number> {
  if (!runnerLoaded) return 0;
  return (await import('../core/secrets/keytar.store')).pendingKeychainCalls();
}

export interface RunOptions {
  /** Tests may pass a store; by default the OS keychain. Never a fake outside unit tests. */
  secretStore?: SecretStore;
}

/**
 * Runs one CLI command and returns its exit code (0 ok, 1 refused or failed, 2 usage). Help and
 * usage errors need only the command table; the runner (run-command.ts: the core, the keychain)
 * is imported once a command has parsed, so they answer without loading it.
 */
export async function runCli(argv: string[], io: CliIo, options: RunOptions = {}): Promise<number> {
  try {
    if (argv.length === 0) {
      io.stderr(helpText());
      return EXIT.usage;
    }
    if (argv.includes('--version')) {
      io.stdout(`custodian ${CUSTODIAN_VERSION}\n`);
      return EXIT.ok;
    }
    if (argv.some((arg) => arg === '--help' || arg === '-h') || argv[0] === 'help') {
      io.stdout(helpText(helpWords(argv)));
      return EXIT.ok;
    }
    const globals = splitGlobals(argv);
    const { spec, args } = findCommand(globals.rest);
    const parsed = parseArgs({ args, options: spec.options ?? {}, allowPositionals: true, strict: true });
    const expected = spec.positionals ?? [];
    if (spec.variadicPositionals !== true && parsed.positionals.length !== expected.length) {
      throw new UsageError(`Usage: ${spec.usage}`);
    }
    // A signed-in command's scrypt starts now, so the runner loads while it runs (early-sign-in.ts).
    // Its chunk failing to load changes nothing: the sign-in derives for itself.
    if (spec.signIn === true) {
      const email = globals.as ?? (io.env.CUSTODIAN_OPERATOR === '' ? undefined : io.env.CUSTODIAN_OPERATOR);
      await (await import('./early-sign-in').catch(() => null))?.beginSignIn(globals.dataDir, email, io.env);
    }
    const { runCommand } = await import('./run-command');
    runnerLoaded = true;
    await runCommand({ spec, values: parsed.values as CommandContext['values'], positionals: parsed.positionals, globals }, io, options);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`custodian: ${error.message}\nRun "custodian --help" for the commands.\n`);
      return EXIT.usage;
    }
    // parseArgs reports unknown flags and missing values with these codes; its own wording
    // talks about positional arguments, so say it plainly.
    if (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      const option = /'(-[^'\s]+)/.exec(error.message)?.[1];
      const plain =
        error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option !== undefined
          ? `Unknown option ${option}.`
          : error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option !== undefined
            ? `Option ${option.split(' ')[0]} needs a value.`
            : 'The options are not right.';
      io.stderr(`custodian: ${plain}\nRun "custodian --help" for the commands.\n`);
      return EXIT.usage;
    }
    if (error instanceof CommandFailed) {
      io.stderr(`custodian: ${error.message}\n`);
      return EXIT.failed;
    }
    io.stderr('custodian: an unexpected error stopped the command; nothing more was changed.\n');
    return EXIT.failed;
  }
}
