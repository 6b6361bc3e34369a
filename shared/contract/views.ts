import { z } from 'zod';
import { auditOutcomes, consoleRoles, personRoles, platforms, secretKinds, twoFactorStates, weekdays } from '../domain/enums';
import { connectionAuths, connectionStatuses, consentReasons, escalationTargets, evidenceMediaTypes, incidentActions, incidentKinds, postPublications, postStatuses, postTargetStates } from './fields';
import { postMediaTypes } from '../posts/media-types';

/** The shapes the core returns. Times are ISO-8601 UTC; the UI shows them in Europe/London. */
export const operatorView = z.object({
  personId: z.number().int(),
  name: z.string(),
  email: z.string(),
  consoleRole: z.enum(consoleRoles),
  /** An SLT auditor's own school (its code): what they may see is limited to it. */
  schoolScope: z.string().nullable(),
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
      checkedDays: z.number().int(),
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

/**
 * One entry of a school's consent register: a person whose image must not be published (or who
 * asked not to be filmed). Minimal personal data: a name or initials, the class, why, and when.
 * active: not removed, and today (in London) within from..to where they are set.
 */
export const consentEntryView = z.object({
  id: z.number().int(),
  school: z.string(),
  name: z.string(),
  class: z.string().nullable(),
  reason: z.enum(consentReasons),
  from: z.string().nullable(),
  to: z.string().nullable(),
  note: z.string().nullable(),
  /** The email of the administrator who added it. */
  addedBy: z.string(),
  addedAt: z.string(),
  removedAt: z.string().nullable(),
  active: z.boolean(),
});
export type ConsentEntryView = z.infer<typeof consentEntryView>;

/**
 * An incident on a channel: what happened, what was done (actions), who it was reported to
 * (escalations), the evidence captured (files in the data folder, named by SHA-256; no path
 * leaves the core), whether the audience was told why, and when it was closed.
 */
export const incidentView = z.object({
  id: z.number().int(),
  /** 'platform:handle' */
  channel: z.string(),
  channelName: z.string(),
  school: z.string().nullable(),
  kind: z.enum(incidentKinds),
  summary: z.string(),
  openedAt: z.string(),
  /** The email of who opened it. */
  openedBy: z.string(),
  actions: z.array(z.object({ action: z.enum(incidentActions), at: z.string(), by: z.string() })),
  escalations: z.array(z.object({ to: z.enum(escalationTargets), at: z.string(), by: z.string() })),
  evidence: z.array(
    z.object({
      id: z.number().int(),
      originalName: z.string(),
      sha256: z.string(),
      bytes: z.number().int(),
      mediaType: z.enum(evidenceMediaTypes),
      capturedAt: z.string(),
    }),
  ),
  /** Whether the audience was told why content was removed; null until recorded. */
  audienceTold: z.boolean().nullable(),
  closedAt: z.string().nullable(),
  /** The inbox item it came from, if any. */
  inboxItem: z.number().int().nullable(),
  status: z.enum(['open', 'closed']),
});
export type IncidentView = z.infer<typeof incidentView>;

export { weekdays, type Weekday } from '../domain/enums';

export const rotaView = z.object({
  channel: z.string(),
  channelName: z.string(),
  school: z.string().nullable(),
  /** Who checks the channel on each day of the week; null where nobody is on the rota. */
  days: z.record(z.enum(weekdays), z.object({ email: z.string(), name: z.string(), active: z.boolean() }).nullable()),
});
export type RotaView = z.infer<typeof rotaView>;

/** What a platform check says about one channel's variant (shared/posts/platform-rules.ts). */
export const variantCheckView = z.object({
  ok: z.boolean(),
  problems: z.array(z.object({ field: z.enum(['text', 'title', 'media']), message: z.string() })),
  /** The text's length as the platform counts it (X: weighted), and its limit. */
  length: z.number(),
  limit: z.number(),
});
export type VariantCheckView = z.infer<typeof variantCheckView>;

export const checklistItemView = z.object({
  id: z.enum(['author-trained', 'pupils', 'adults-consented', 'rights', 'dos-and-donts', 'tone']),
  label: z.string(),
  state: z.enum(['ok', 'missing', 'refused']),
  message: z.string(),
});
export type ChecklistItemView = z.infer<typeof checklistItemView>;

/**
 * A post: its intended outcome, one variant per channel (each checked against its platform),
 * its media (files in the data folder, named by SHA-256; no path leaves the core), the
 * pre-publication checklist as it stands today, who approved which version, and one target per
 * channel once it is scheduled (the publishing engine moves those along).
 */
export const postView = z.object({
  id: z.number().int(),
  status: z.enum(postStatuses),
  /** The author's email, and name. */
  author: z.string(),
  authorName: z.string(),
  outcome: z.string(),
  /** The common text; a channel may have its own (channels[].text). */
  text: z.string(),
  /** When to publish: an ISO instant, 'now' (as soon as approved), or null (not scheduled yet). */
  at: z.string().nullable(),
  pupils: z.union([z.enum(['none', 'present']), z.object({ named: z.array(z.number().int()) })]),
  /** Bumped on every edit; approval is of one version. */
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  channels: z.array(
    z.object({
      channel: z.string(),
      channelName: z.string(),
      platform: z.enum(platforms),
      school: z.string().nullable(),
      text: z.string(),
      /** Whether this channel has its own text rather than the common one. */
      ownText: z.boolean(),
      title: z.string().nullable(),
      check: variantCheckView,
    }),
  ),
  media: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      sha256: z.string(),
      bytes: z.number().int(),
      mediaType: z.enum(postMediaTypes),
      alt: z.string().nullable(),
      /** The same image at a public https address (Instagram fetches it from there); null when none was given. */
      publicUrl: z.string().nullable(),
    }),
  ),
  /** The checklist evaluated now (training may lapse, the no-publish list may grow). */
  checklist: z.object({ confirmed: z.boolean(), items: z.array(checklistItemView) }),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  approvedVersion: z.number().int().nullable(),
  /**
   * What the targets add up to (null: none yet): 'partly published' when some channels published
   * and others failed or need review; post.retry sends only those back.
   */
  publication: z.enum(postPublications).nullable(),
  targets: z.array(
    z.object({
      channel: z.string(),
      state: z.enum(postTargetStates),
      remoteId: z.string().nullable(),
      error: z.string().nullable(),
      nextAttemptAt: z.string().nullable(),
      publishedAt: z.string().nullable(),
      late: z.boolean(),
    }),
  ),
});
export type PostView = z.infer<typeof postView>;

/** A channel's publishing connection; the token is in the keychain and never in a view. */
export const connectionView = z.object({
  channel: z.string(),
  platform: z.enum(platforms),
  accountId: z.string(),
  apiBase: z.string().nullable(),
  connectedAt: z.string(),
  connectedBy: z.string(),
  status: z.enum(connectionStatuses),
  lastError: z.string().nullable(),
  /** 'oauth': signed in through the platform (refreshed by Custodian); 'token': a ready token given to it. */
  auth: z.enum(connectionAuths),
  /** When the access token runs out (null: the platform did not say, or it does not expire). */
  tokenExpiresAt: z.string().nullable(),
});
export type ConnectionView = z.infer<typeof connectionView>;

/** A platform's app registration; its client id and secret are in the keychain and never in a view. */
export const platformAppView = z.object({
  platform: z.enum(platforms),
  hasSecret: z.boolean(),
  /** Whether the platform's token exchange needs a client secret (Meta, LinkedIn). */
  secretRequired: z.boolean(),
  authorizeUrl: z.string(),
  tokenUrl: z.string(),
  /** Whether the addresses are a proxy's, set from the command line (platform.appAddresses), not the platform's own. */
  customAddresses: z.boolean(),
  configuredAt: z.string(),
  configuredBy: z.string(),
});
export type PlatformAppView = z.infer<typeof platformAppView>;

/** Whether a channel is published by hand (assisted manual publishing) rather than through its API. */
export const manualChannelView = z.object({
  channel: z.string(),
  manual: z.boolean(),
  /** When and by whom it was set to be published by hand; null when it is not. */
  setAt: z.string().nullable(),
  setBy: z.string().nullable(),
});
export type ManualChannelView = z.infer<typeof manualChannelView>;

/** One target's step in a publishing pass. */
export const publishResultView = z.object({
  post: z.number().int(),
  channel: z.string(),
  state: z.enum(postTargetStates),
  detail: z.string(),
});
export const schedulerRunView = z.object({ results: z.array(publishResultView) });
export type SchedulerRunView = z.infer<typeof schedulerRunView>;

/** A publisher enrolment: where its private half went, and the publisher it retired (null: none). */
export const publisherEnrolView = z.object({
  publisherId: z.number().int(),
  enrolledAt: z.string(),
  keptIn: z.enum(['keychain', 'file']),
  keyFile: z.string().nullable(),
  retired: z.number().int().nullable(),
});
export type PublisherEnrolView = z.infer<typeof publisherEnrolView>;

/** One database backup, as its sealed record describes it (no secrets). */
export const backupView = z.object({
  id: z.string(),
  file: z.string(),
  kind: z.enum(['daily', 'weekly', 'manual', 'pre-migration']),
  takenAt: z.string(),
  bytes: z.number().int(),
  schemaVersion: z.number().int(),
  auditHeadSeq: z.number().int(),
  /** false when its record (.json beside it) is missing or unreadable: such a file cannot be restored. */
  sealed: z.boolean(),
});
export type BackupView = z.infer<typeof backupView>;
export const backupListView = z.object({ folder: z.string(), backups: z.array(backupView) });
export type BackupListView = z.infer<typeof backupListView>;
export const backupRestoreView = z.object({
  restored: backupView,
  /** The database that was replaced, kept beside the live one: nothing is lost. */
  replacedFile: z.string(),
  /** Every session ended: the restored database decides who may sign in. */
  signedOut: z.literal(true),
});
export type BackupRestoreView = z.infer<typeof backupRestoreView>;

/** The annual review pack: what was written and signed (review.export). */
export const reviewExportView = z.object({
  dir: z.string(),
  from: z.string(),
  to: z.string(),
  /** The school the pack is for; null for the whole trust. */
  school: z.string().nullable(),
  files: z.array(z.object({ name: z.string(), sha256: z.string(), bytes: z.number().int() })),
  auditHead: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
  /** The signing key's fingerprint, as printed in the PDF. */
  fingerprint: z.string(),
});
export type ReviewExportView = z.infer<typeof reviewExportView>;

/** A pack checked against its manifest and this vault's signing key (review.verify). */
export const reviewVerifyView = z.object({
  valid: z.boolean(),
  /** Each problem names the file it is about (manifest.sig for the signature). */
  problems: z.array(z.object({ file: z.string(), problem: z.string() })),
  fingerprint: z.string().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  school: z.string().nullable(),
});
export type ReviewVerifyView = z.infer<typeof reviewVerifyView>;

/** The period a new pack covers unless the operator changes it (review.defaults). */
export const reviewDefaultsView = z.object({ from: z.string(), to: z.string(), nextReviewOn: z.string() });
export type ReviewDefaultsView = z.infer<typeof reviewDefaultsView>;

/** The window's export under way (review.progress): the file being written, step index of total. */
export const reviewProgressView = z.object({ running: z.boolean(), file: z.string().nullable(), index: z.number().int(), total: z.number().int() });
export type ReviewProgressView = z.infer<typeof reviewProgressView>;

/** The person closed main's folder dialog without choosing: nothing was done. */
export const folderCancelledView = z.object({ cancelled: z.literal(true) });

/** Imports: what a register file does, row by row (import.register); a dry run says the same and changes nothing. */
export const registerImportKinds = ['channel', 'person', 'holder'] as const;
export const registerImportView = z.object({
  dryRun: z.boolean(),
  rows: z.array(
    z.object({
      line: z.number().int(),
      kind: z.enum(registerImportKinds),
      /** The channel (platform:handle), the person's email, or "email → platform:handle". */
      subject: z.string(),
      action: z.enum(['create', 'update', 'skip']),
      /** Why: what changes, or why nothing does. */
      detail: z.string(),
    }),
  ),
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
});
export type RegisterImportView = z.infer<typeof registerImportView>;

/** What a credentials import sets on a channel; never the values. */
export const credentialImportItems = ['password', '2fa-key', 'username'] as const;
export const credentialImportFormats = ['bitwarden-json', 'keepass-xml', 'csv'] as const;
export const credentialImportView = z.object({
  dryRun: z.boolean(),
  format: z.enum(credentialImportFormats),
  entries: z.array(
    z.object({
      /** Where the entry starts in the file (0 when it cannot be told). */
      line: z.number().int(),
      /** The entry's title as the password manager shows it (and its folder, for KeePass). */
      entry: z.string(),
      channel: z.string().nullable(),
      action: z.enum(['create', 'replace', 'skip']),
      sets: z.array(z.object({ item: z.enum(credentialImportItems), change: z.enum(['create', 'replace']) })),
      detail: z.string(),
    }),
  ),
  created: z.number().int(),
  replaced: z.number().int(),
  skipped: z.number().int(),
});
export type CredentialImportView = z.infer<typeof credentialImportView>;

/**
 * The desktop window's import: what a file chosen in main's dialog would do (a dry run), kept by
 * the core for this session under importId until applied or discarded. Never the file's text.
 */
export const chosenImportView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('register'), importId: z.string(), fileName: z.string(), preview: registerImportView }),
  z.object({ kind: z.literal('credentials'), importId: z.string(), fileName: z.string(), preview: credentialImportView }),
]);
export type ChosenImportView = z.infer<typeof chosenImportView>;
/** What applying a chosen file did: the same views as the imports themselves. */
export const appliedImportView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('register'), fileName: z.string(), result: registerImportView }),
  z.object({ kind: z.literal('credentials'), fileName: z.string(), result: credentialImportView }),
]);
export type AppliedImportView = z.infer<typeof appliedImportView>;

/** Whether the vault has its recovery kit, and when and by whom it was made (recovery.kitStatus). */
export const recoveryKitStatusView = z.object({
  kit: z.object({ createdAt: z.string(), createdBy: z.string() }).nullable(),
});
export type RecoveryKitStatusView = z.infer<typeof recoveryKitStatusView>;

/** A kit just made from the window: its checksum words and where its file is, never its words. */
export const recoveryKitMadeView = z.object({ checksum: z.string(), fileName: z.string(), folder: z.string() });
export type RecoveryKitMadeView = z.infer<typeof recoveryKitMadeView>;
