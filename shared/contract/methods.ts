import { z } from 'zod';
import type { ConsoleRole } from '../domain/enums';
import { handleProblem } from '../domain/handle';
import * as f from './fields';
import * as v from './views';

/**
 * Who may call a method: 'public' needs no session (status, init, sign in); otherwise the
 * console roles allowed. This is the one permission table (role × method). Credential use
 * has a second, finer rule on top: only a current holder of the channel (see access/).
 */
export type Access = 'public' | readonly ConsoleRole[];

const ALL: readonly ConsoleRole[] = ['admin', 'auditor', 'poster'];
const ADMIN: readonly ConsoleRole[] = ['admin'];
const OVERSIGHT: readonly ConsoleRole[] = ['admin', 'auditor'];

function method<I extends z.ZodType, O extends z.ZodType>(access: Access, input: I, output: O) {
  return { access, input, output };
}

const empty = z.object({}).strict();
const done = z.object({ done: z.literal(true) });

export const contract = {
  'vault.status': method('public', empty, z.object({ initialized: z.boolean(), trustName: z.string().nullable() })),
  'vault.init': method(
    'public',
    z.object({ trustName: f.personName, adminName: f.personName, adminEmail: f.email, passphrase: f.passphrase }).strict(),
    z.object({ vaultId: z.string(), trustName: z.string() }),
  ),
  'auth.signIn': method(
    'public',
    // The passphrase is checked, not validated: a short one simply does not match.
    z.object({ email: f.email, passphrase: z.string().min(1, 'must not be empty').max(1024) }).strict(),
    z.object({ token: z.string(), operator: v.operatorView }),
  ),
  'auth.signOut': method(ALL, empty, done),
  'auth.whoami': method(ALL, empty, v.operatorView),
  'auth.changePassphrase': method(
    ALL,
    z.object({ current: z.string().min(1, 'must not be empty').max(1024), next: f.passphrase }).strict(),
    done,
  ),
  'example.load': method(
    ADMIN,
    z.object({ demo: z.boolean().default(false), demoPassphrase: f.passphrase.optional() }).strict(),
    z.object({ schools: z.number().int(), channels: z.number().int(), people: z.number().int(), grants: z.number().int() }),
  ),
  'dashboard.summary': method(ALL, empty, v.dashboardView),
  'school.add': method(ADMIN, z.object({ name: f.personName, code: f.schoolCode }).strict(), v.schoolView),
  'school.list': method(ALL, empty, z.array(v.schoolView)),
  'person.add': method(
    ADMIN,
    z
      .object({
        name: f.personName,
        email: f.email,
        role: f.personRole,
        school: f.schoolCode.optional(),
        consoleRole: f.consoleRole.optional(),
        passphrase: f.passphrase.optional(),
      })
      .strict()
      .refine((p) => p.role === 'core-team' || p.school !== undefined, {
        message: 'SLT and staff members need their school (a school code)',
        path: ['school'],
      })
      .refine((p) => (p.consoleRole === undefined) === (p.passphrase === undefined), {
        message: 'a console operator needs a passphrase, and only operators have one',
        path: ['passphrase'],
      }),
    v.personView,
  ),
  'person.list': method(OVERSIGHT, empty, z.array(v.personView)),
  'person.markLeft': method(
    ADMIN,
    z.object({ email: f.email, on: f.isoDate }).strict(),
    // A leaver's access ends with them: the channels whose login details they held, now revoked.
    z.object({ person: v.personView, revokedChannels: z.array(z.string()) }),
  ),
  'channel.add': method(
    ADMIN,
    z
      .object({
        platform: f.platform,
        handle: f.handle,
        name: f.personName.optional(),
        school: f.schoolCode.optional(),
        registrationEmail: f.email.optional(),
      })
      .strict()
      .superRefine((c, ctx) => {
        const problem = handleProblem(c.platform, c.handle);
        if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, path: ['handle'] });
      }),
    v.channelView,
  ),
  'channel.update': method(
    ADMIN,
    z
      .object({
        channel: f.channelRef,
        twoFactor: f.twoFactor.optional(),
        purpose: z.string().trim().max(1000, 'must be at most 1000 characters').optional(),
        mailboxDedicated: z.boolean().optional(),
        mailboxAccess: z.array(f.email).max(50).optional(),
        registrationEmail: f.email.optional(),
      })
      .strict(),
    v.channelView,
  ),
  'channel.list': method(ALL, empty, z.array(v.channelView)),
  'secret.set': method(
    ADMIN,
    z.object({ channel: f.channelRef, kind: f.secretKind, value: f.secretValue }).strict(),
    z.object({ channel: z.string(), kind: z.string(), rotated: z.boolean() }),
  ),
  'secret.reveal': method(
    ALL,
    z.object({ channel: f.channelRef, kind: f.revealableKind, reason: f.reason }).strict(),
    z.object({ value: z.string() }),
  ),
  'secret.copy': method(
    ALL,
    z.object({ channel: f.channelRef, kind: f.revealableKind, reason: f.reason }).strict(),
    z.object({ copied: z.literal(true) }),
  ),
  'totp.code': method(
    ALL,
    z.object({ channel: f.channelRef, reason: f.reason }).strict(),
    z.object({ code: z.string(), secondsLeft: z.number().int(), period: z.number().int() }),
  ),
  'access.grant': method(ADMIN, z.object({ channel: f.channelRef, email: f.email }).strict(), v.grantView),
  'access.revoke': method(
    ADMIN,
    z.object({ channel: f.channelRef, email: f.email, reason: f.reason.optional() }).strict(),
    v.grantView,
  ),
  'access.list': method(
    ALL,
    z.object({ channel: f.channelRef.optional(), includeRevoked: z.boolean().default(false) }).strict(),
    z.array(v.grantView),
  ),
  'audit.list': method(
    OVERSIGHT,
    z
      .object({
        channel: f.channelRef.optional(),
        actor: f.email.optional(),
        school: f.schoolCode.optional(),
        since: f.isoDateTime.optional(),
        until: f.isoDateTime.optional(),
        beforeSeq: z.number().int().positive().optional(),
        limit: z.number().int().min(1, 'must be at least 1').max(10_000, 'must be at most 10000').default(100),
      })
      .strict(),
    z.array(v.auditEventView),
  ),
  'audit.verify': method(OVERSIGHT, empty, v.auditVerifyView),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}
