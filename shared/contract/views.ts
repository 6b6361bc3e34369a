import { z } from 'zod';
import { auditOutcomes, consoleRoles, personRoles, platforms, secretKinds, twoFactorStates } from '../domain/enums';

/** The shapes the core returns. Times are ISO-8601 UTC; the UI shows them in Europe/London. */
export const operatorView = z.object({
  personId: z.number().int(),
  name: z.string(),
  email: z.string(),
  consoleRole: z.enum(consoleRoles),
  /** An SLT auditor's own school (its code): what they may see is limited to it. */
  schoolScope: z.string().nullable(),
});
export type OperatorView = z.infer<typeof operatorView>;

export const schoolView = z.object({ id: z.number().int(), code: z.string(), name: z.string() });
export type SchoolView = z.infer<typeof schoolView>;

export const personView = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string(),
  role: z.enum(personRoles),
  school: z.string().nullable(),
  leftOn: z.string().nullable(),
  active: z.boolean(),
  consoleRole: z.enum(consoleRoles).nullable(),
});
export type PersonView = z.infer<typeof personView>;

export const channelView = z.object({
  id: z.number().int(),
  platform: z.enum(platforms),
  handle: z.string(),
  name: z.string(),
  school: z.string().nullable(),
  registrationEmail: z.string().nullable(),
  mailboxDedicated: z.boolean().nullable(),
  mailboxAccess: z.array(z.string()),
  twoFactor: z.enum(twoFactorStates),
  purpose: z.string().nullable(),
  secrets: z.array(z.enum(secretKinds)),
});
export type ChannelView = z.infer<typeof channelView>;

export const grantView = z.object({
  id: z.number().int(),
  channelId: z.number().int(),
  channel: z.string(),
  holderEmail: z.string(),
  holderName: z.string(),
  grantedBy: z.string(),
  grantedAt: z.string(),
  revokedBy: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
  current: z.boolean(),
});
export type GrantView = z.infer<typeof grantView>;

export const auditEventView = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  channel: z.string().nullable(),
  school: z.string().nullable(),
  outcome: z.enum(auditOutcomes),
  reason: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEventView = z.infer<typeof auditEventView>;

export const auditVerifyView = z.union([
  z.object({ ok: z.literal(true), events: z.number().int(), headSeq: z.number().int(), headHash: z.string(), anchorSeq: z.number().int().nullable() }),
  z.object({ ok: z.literal(false), events: z.number().int(), firstBadSeq: z.number().int(), problem: z.string() }),
]);
export type AuditVerifyView = z.infer<typeof auditVerifyView>;

export const dashboardView = z.object({
  trustName: z.string(),
  counts: z.object({ channels: z.number().int(), schools: z.number().int(), holders: z.number().int() }),
  withoutCoreTeamHolder: z.array(z.string()),
  withoutSchoolSltHolder: z.array(z.string()),
  withoutTwoFactor: z.array(z.string()),
  holdersWhoLeft: z.array(z.object({ channel: z.string(), holderEmail: z.string() })),
  recentUse: z.array(
    z.object({
      seq: z.number().int(),
      at: z.string(),
      actor: z.string().nullable(),
      action: z.string(),
      channel: z.string().nullable(),
      outcome: z.enum(auditOutcomes),
      reason: z.string().nullable(),
    }),
  ),
});
export type DashboardView = z.infer<typeof dashboardView>;
