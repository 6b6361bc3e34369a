import { z } from 'zod';
import type { ConsoleRole } from '../domain/enums';
import { daysBetween, isIsoDate } from '../calendar/iso-date';

/**
 * Who may call a method: 'public' needs no session (status, init, sign in); otherwise the
 * console roles allowed. This is the one permission table (role × method × caller).
 * Credential use has a second, finer rule on top: only a current holder of the channel (see
 * access/).
 */
export type Access = 'public' | readonly ConsoleRole[];

/**
 * Which door a call comes through: the desktop window (its renderer, through main's IPC) or
 * the command line (and tests, and the headless scheduler). A compromised renderer can call
 * any method it is allowed, so methods that take a file path, a file passphrase or a network
 * address are the command line's only: the window names files and folders through main's own
 * dialogs ('…Chosen…' methods), which the command line has no use for.
 */
export type Caller = 'window' | 'cli';
export const callers: readonly Caller[] = ['window', 'cli'];
const BOTH: readonly Caller[] = callers;
const CLI_ONLY: readonly Caller[] = ['cli'];

export const ALL: readonly ConsoleRole[] = ['admin', 'auditor', 'poster'];
export const ADMIN: readonly ConsoleRole[] = ['admin'];
export const OVERSIGHT: readonly ConsoleRole[] = ['admin', 'auditor'];
/** Those who log inbox items, record responses and check the channels: the console's working roles. */
export const RESPONDERS: readonly ConsoleRole[] = ['admin', 'poster'];

/**
 * trustWide: administration of the whole trust (people, schools, backups, moving the vault,
 * the trust's policy and platform apps, bulk imports): the core team's only. An administrator
 * who works at a school (SLT) administers that school only (access/school-scope.ts).
 */
export interface MethodOptions {
  callers?: readonly Caller[];
  trustWide?: true;
  /**
   * The publisher (the identity of `custodian scheduler run` and of the desktop's own publishing,
   * publishing/publisher/) may call it too. It is no console role and holds no channel: the
   * router refuses it every method without this mark, and audits the refusal.
   */
  publisher?: true;
}

/**
 * A method's entry. Its input and output schemas are built at first use, not when the contract
 * is loaded: building all of zod's schemas was a good part of every CLI command's start
 * (issue 14), and a command validates the input of the methods it calls only.
 */
export function method<I extends z.ZodType, O extends z.ZodType>(access: Access, input: () => I, output: () => O, options: MethodOptions = {}) {
  let inputSchema: I | undefined;
  let outputSchema: O | undefined;
  return {
    access,
    get input(): I {
      return (inputSchema ??= input());
    },
    get output(): O {
      return (outputSchema ??= output());
    },
    callers: options.callers ?? BOTH,
    trustWide: options.trustWide === true,
    publisher: options.publisher === true,
  };
}

export const CLI: MethodOptions = { callers: CLI_ONLY };
export const TRUST: MethodOptions = { trustWide: true };
export const CLI_TRUST: MethodOptions = { callers: CLI_ONLY, trustWide: true };

export const empty = z.object({}).strict();
export const done = z.object({ done: z.literal(true) });

/** A review pack's period: both dates or neither, in order, at most a year and a day. */
export function reviewPeriodChecks<T extends z.ZodType<{ from?: string | undefined; to?: string | undefined }>>(schema: T) {
  return schema
    .refine((r) => (r.from === undefined) === (r.to === undefined), { message: 'and the start date go together: give both, or neither', path: ['to'] })
    .refine((r) => r.from === undefined || r.to === undefined || r.from <= r.to, { message: 'must not be before the start date', path: ['to'] })
    // zod runs refinements even when a date failed its own format check: daysBetween would throw on it.
    .refine((r) => r.from === undefined || r.to === undefined || !isIsoDate(r.from) || !isIsoDate(r.to) || daysBetween(r.from, r.to) < 366, {
      message: 'must be at most 366 days after the start date',
      path: ['to'],
    });
}
