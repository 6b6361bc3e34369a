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
  /** The school an SLT or staff member works at (its code); null for the trust core team. An administrator at a school administers that school only. */
  workSchool: z.string().nullable(),
  /** An administrator set the passphrase, or it scored too low at sign-in: nothing but changing it is allowed until it is changed. */
  mustChangePassphrase: z.boolean(),
});
export type OperatorView = z.infer<typeof operatorView>;

/** zxcvbn's estimate of a new passphrase: a score of 0–4 (3 needed) and its advice, never the passphrase. */
export const passphraseStrengthView = z.object({
  score: z.number().int().min(0).max(4),
  acceptable: z.boolean(),
  warning: z.string().nullable(),
  suggestions: z.array(z.string()),
});
export type PassphraseStrengthView = z.infer<typeof passphraseStrengthView>;

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
  /** Secrets still in plain in the keychain (a vault from before holders' keys): they move at a holder's next sign-in. */
  notMoved: z.array(z.enum(secretKinds)),
  /** Since when a new value is due: a holder was revoked and may have seen it (null: none due). */
  rotationDueSince: z.string().nullable(),
});
export type ChannelView = z.infer<typeof channelView>;

/**
 * A current grant that cannot open the channel's secrets in Custodian: 'waiting-for-holder'
 * (granted by someone who could not open them, or the holder's key was replaced: a holder's next
 * sign-in completes it), 'waiting-for-key' (the grantee has not signed in yet to make their key),
 * or 'outside-custodian' (the holder has no console access: the register records that they hold
 * the details outside Custodian; no key, no wrap).
 */
export const grantPendingStates = ['waiting-for-holder', 'waiting-for-key', 'outside-custodian'] as const;

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
  pending: z.enum(grantPendingStates).nullable(),
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
  z.object({
    ok: z.literal(false),
    events: z.number().int(),
    firstBadSeq: z.number().int(),
    problem: z.string(),
    /** With an intact chain: every access_grants, operators, people, channels or audit_names row it does not explain, named. */
    findings: z.array(z.string()).optional(),
  }),
]);
export type AuditVerifyView = z.infer<typeof auditVerifyView>;

const findingCounts = z.object({ high: z.number().int(), medium: z.number().int(), low: z.number().int() });

export const dashboardView = z.object({
  trustName: z.string(),
  /** The compliance report's counts and its most pressing findings (the Compliance screen has them all). */
  compliance: z.object({
    counts: findingCounts,
    top: z.array(
      z.object({
        ruleId: z.string(),
        severity: z.enum(['high', 'medium', 'low']),
        subject: z.object({ kind: z.string(), key: z.string(), name: z.string() }),
        message: z.string(),
        fix: z.string(),
      }),
    ),
  }),
  counts: z.object({ channels: z.number().int(), schools: z.number().int(), holders: z.number().int() }),
  withoutCoreTeamHolder: z.array(z.string()),
  withoutSchoolSltHolder: z.array(z.string()),
  withoutTwoFactor: z.array(z.string()),
  holdersWhoLeft: z.array(z.object({ channel: z.string(), holderEmail: z.string() })),
  /** Current grants that cannot open the login details yet (holding them outside Custodian is not waiting). */
  waitingAccess: z.array(z.object({ grantId: z.number().int(), channel: z.string(), holderName: z.string(), pending: z.enum(['waiting-for-holder', 'waiting-for-key']) })),
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

export const trainingView = z.object({
  id: z.number().int(),
  personEmail: z.string(),
  personName: z.string(),
  /** The trainee's school code; null for the trust's core team. */
  school: z.string().nullable(),
  trainedOn: z.string(),
  trainerEmail: z.string().nullable(),
  trainerName: z.string().nullable(),
  note: z.string().nullable(),
  /** The day the training runs out (it counts until the day before): trainedOn plus the policy's validity period. */
  expiresOn: z.string(),
  /** Whether today (in London) is before expiresOn. */
  inDate: z.boolean(),
});
export type TrainingView = z.infer<typeof trainingView>;

const calendarRangeView = z.object({ name: z.string().nullable(), start: z.string(), end: z.string() });

export const calendarView = z.object({
  /** 'TRUST' or the school's code. */
  scope: z.string(),
  /** The trust's or the school's name. */
  name: z.string(),
  /** 'default': the Lancashire pattern, as nothing was imported for this calendar. */
  source: z.enum(['default', 'imported']),
  bankHolidaySource: z.enum(['default', 'imported']),
  terms: z.array(calendarRangeView),
  closures: z.array(calendarRangeView.extend({ kind: z.enum(['half-term', 'closure']) })),
  insetDays: z.array(z.string()),
  /** The bank holidays from the first term's start to the last term's end. */
  bankHolidays: z.array(z.object({ date: z.string(), title: z.string() })),
  /** The last day of the last known term; null when the calendar has no terms. */
  knownUntil: z.string().nullable(),
  warnings: z.array(z.string()),
});
export type CalendarView = z.infer<typeof calendarView>;

export const bankHolidayImportView = z.object({ count: z.number().int(), from: z.string(), to: z.string() });
export type BankHolidayImportView = z.infer<typeof bankHolidayImportView>;

/**
 * A comment, query, complaint, concern or message from a pupil, with its deadline. dueOn is the
 * last school day for a response and lateFrom the first day one is late (a reply at the weekend
 * after a Friday deadline still took 5 school days); both were fixed from the owning school's
 * calendar (the trust's for a trust channel) when the item was logged.
 */
export const inboxStatuses = ['open', 'due-soon', 'overdue', 'responded', 'responded-late'] as const;
export const inboxItemView = z.object({
  id: z.number().int(),
  /** 'platform:handle' */
  channel: z.string(),
  channelName: z.string(),
  school: z.string().nullable(),
  kind: z.enum(['comment', 'query', 'complaint', 'concern', 'pupil-contact']),
  receivedAt: z.string(),
  summary: z.string(),
  from: z.string().nullable(),
  dueOn: z.string(),
  lateFrom: z.string(),
  status: z.enum(inboxStatuses),
  respondedAt: z.string().nullable(),
  how: z.enum(['acknowledged', 'answered', 'referred']).nullable(),
  schoolDaysTaken: z.number().int().nullable(),
  dslAlertedAt: z.string().nullable(),
  /** The calendar's notes, e.g. that the deadline lies past the last known term dates. */
  warnings: z.array(z.string()),
});
export type InboxItemView = z.infer<typeof inboxItemView>;

export const notificationView = z.object({
  id: z.number().int(),
  createdAt: z.string(),
  kind: z.enum(['inbox-due-soon', 'inbox-overdue', 'pupil-contact', 'channel-reconnect-needed', 'post-manual-due', 'vault-restored']),
  /** What it is about, e.g. 'inbox:12'. */
  subject: z.string(),
  school: z.string().nullable(),
  message: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof notificationView>;

/** One monitoring check-in: someone looked at a channel on a (London) day. */
export const checkView = z.object({
  id: z.number().int(),
  channel: z.string(),
  channelName: z.string(),
  school: z.string().nullable(),
  checkedOn: z.string(),
  checkedAt: z.string(),
  checkedBy: z.string(),
  checkedByName: z.string(),
  note: z.string().nullable(),
});
export type CheckView = z.infer<typeof checkView>;

/** Monitoring coverage per channel, every day counted (the policy: 7 days a week, holidays too). */
export const coverageView = z.object({
  from: z.string(),
  to: z.string(),
  channels: z.array(
    z.object({
      channel: z.string(),
      channelName: z.string(),
      school: z.string().nullable(),
      /** The first day of the range that counts: days before the channel was added (and before any recorded check) are neither checked nor missed. */
      countedFrom: z.string(),
      checkedDays: z.number().int(),
      /** Days counted: from countedFrom up to today or the end of the range. */
      totalDays: z.number().int(),
      /** The days in the range (up to today) with no check-in. */
      missedDays: z.array(z.string()),
      /** Weeks start on Monday; the first and last may be partial. */
      weeks: z.array(z.object({ weekStarting: z.string(), checked: z.number().int(), days: z.number().int() })),
    }),
  ),
});
export type CoverageView = z.infer<typeof coverageView>;

export const complianceFindingView = dashboardView.shape.compliance.shape.top.element;
export type ComplianceFindingView = z.infer<typeof complianceFindingView>;

export const complianceView = z.object({
  /** The London date the report is for. */
  today: z.string(),
  counts: findingCounts,
  findings: z.array(complianceFindingView),
  /** Every rule, with the policy sentence it enforces and how many findings it has now. */
  rules: z.array(z.object({ id: z.string(), title: z.string(), source: z.enum(['policy', 'profile']), policy: z.string(), findings: z.number().int() })),
});
export type ComplianceView = z.infer<typeof complianceView>;

export const policyReviewView = z.object({
  id: z.number().int(),
  reviewedOn: z.string(),
  reviewedBy: z.string(),
  outcome: z.string(),
  nextReviewOn: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type PolicyReviewView = z.infer<typeof policyReviewView>;

export const policyView = z.object({
  /** The profile in force, every setting filled in. */
  profile: z.record(z.string(), z.union([z.number(), z.boolean(), z.string()])),
  /** 'default' until an administrator changes a setting. */
  source: z.enum(['default', 'stored']),
  reviews: z.array(policyReviewView),
  /** When the policy is next due for review: the later of the profile's date and the last review's next date. */
  nextReviewOn: z.string(),
  overdue: z.boolean(),
});
export type PolicyView = z.infer<typeof policyView>;

// The views of the daily work and of the data, in their own file (no view there uses one of these).
export * from './views-work';
