import type { ParseArgsConfig } from 'node:util';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract/methods';
import type { ImageSource } from '../core/credentials/image-source';
import type { CliIo } from './cli-io';
import { ukDayEnd, ukDayStart } from '../../shared/calendar/uk-time';
import { UsageError } from './cli-io';

export interface CommandContext {
  io: CliIo;
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  /** Calls the core through the router; a refusal becomes the command's error. */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Signs in as this operator for the rest of the command (init, which starts with no operator). */
  signInAs(email: string, passphrase: string): Promise<void>;
  /** The passphrase this command signed in with (after its first call), for passphrase change. */
  signInPassphrase(): string | null;
  /** Someone's existing passphrase (a second administrator's): env `envName`, else asked once on a terminal. */
  passphrase(envName: string, question: string): Promise<string>;
  /**
   * A new passphrase: env CUSTODIAN_NEW_PASSPHRASE (or `envName`), else asked twice on a
   * terminal; one too easy to guess for `who` (an email) and `name` is refused with zxcvbn's advice.
   */
  newPassphrase(who: string, envName?: string, name?: string): Promise<string>;
  /** Refuses (with zxcvbn's advice, before it is typed again or sent) a new passphrase too easy to guess. */
  checkNewPassphrase(passphrase: string, what: string, about?: { name?: string; email?: string }): Promise<void>;
}

export interface CommandSpec {
  /** The words that name the command: ['school', 'add']. */
  words: string[];
  usage: string;
  options?: NonNullable<ParseArgsConfig['options']>;
  /** Names of the positional arguments, in order; all required. */
  positionals?: string[];
  /** Takes any number of positional words instead (policy set KEY=VALUE …); the command checks them. */
  variadicPositionals?: boolean;
  /**
   * false for init, which needs no operator. 'publisher': the command runs as this computer's
   * publisher (`scheduler run`), never as a person: no operator, no passphrase; its key comes from
   * the keychain or the file the command's `publisherKeyFile` names.
   */
  signIn: boolean | 'publisher';
  /** For signIn 'publisher': the key file of a headless box (--key-file or env), if any. */
  publisherKeyFile?(values: CommandContext['values'], env: NodeJS.ProcessEnv): string | undefined;
  /**
   * For a command that reads an image named on its command line: the core's image source,
   * bound to that file (the contract says only 'file', never a path). Throws UsageError.
   */
  imageSource?(values: CommandContext['values']): ImageSource;
  run(ctx: CommandContext): Promise<void>;
}

export function text(ctx: CommandContext, name: string): string | undefined {
  const value = ctx.values[name];
  return typeof value === 'string' ? value : undefined;
}

export function required(ctx: CommandContext, name: string): string {
  const value = text(ctx, name);
  if (value === undefined || value.trim() === '') throw new UsageError(`--${name} is required.`);
  return value;
}

/** A flag whose value must come from a closed set: anything else is a usage error (exit 2). */
export function oneOf<T extends string>(ctx: CommandContext, name: string, allowed: readonly T[]): T | undefined {
  const value = text(ctx, name);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got "${value.slice(0, 40)}").`);
  }
  return value as T;
}

export function flag(ctx: CommandContext, name: string): boolean {
  return ctx.values[name] === true;
}

export function isoDateFlag(ctx: CommandContext, name: string): string | undefined {
  const value = text(ctx, name);
  if (value === undefined) return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match === null ? null : new Date(`${value}T00:00:00Z`);
  if (date === null || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new UsageError(`--${name} must be a date written YYYY-MM-DD (got "${value.slice(0, 40)}").`);
  }
  return value;
}

/**
 * A date or a full ISO 8601 date-time with a zone. A plain date is a UK calendar day: as a
 * start it means that day's first moment, as an end (`endOfDay`) the whole day is included.
 */
export function isoDateTimeFlag(ctx: CommandContext, name: string, options: { endOfDay?: boolean } = {}): string | undefined {
  const value = text(ctx, name);
  if (value === undefined) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const day = isoDateFlag(ctx, name) as string;
    return (options.endOfDay === true ? ukDayEnd(day) : ukDayStart(day)).toISOString();
  }
  const ok = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value));
  if (!ok) throw new UsageError(`--${name} must be an ISO 8601 date or date-time such as 2026-11-24 or 2026-11-24T09:00:00Z (got "${value.slice(0, 40)}").`);
  return new Date(value).toISOString();
}

export function positiveIntFlag(ctx: CommandContext, name: string): number | undefined {
  const value = text(ctx, name);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`--${name} must be a whole number of at least 1 (got "${value.slice(0, 40)}").`);
  return Number(value);
}

/** Values read from stdin lose one trailing newline (what `echo` and editors add). */
export function stripOneNewline(value: string): string {
  if (value.endsWith('\r\n')) return value.slice(0, -2);
  if (value.endsWith('\n')) return value.slice(0, -1);
  return value;
}
