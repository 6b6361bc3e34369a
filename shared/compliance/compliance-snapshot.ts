import type { ConsoleRole, PersonRole, Platform, TwoFactorState } from '../domain/enums';

/**
 * Everything the compliance rules look at, as the core reads it from the database: flat rows
 * joined by numeric id, so the engine can index them once. It holds metadata only; no secret
 * value is ever part of it, so no finding can leak one.
 *
 * Dates are London dates 'YYYY-MM-DD'; times are ISO-8601 instants ('2026-11-24T17:30:00.000Z').
 * The engine treats a snapshot as immutable (it caches its indexes per snapshot object).
 */
export interface ComplianceSnapshot {
  readonly trustName: string;
  readonly schools: readonly SnapshotSchool[];
  readonly people: readonly SnapshotPerson[];
  readonly channels: readonly SnapshotChannel[];
  /** Every grant, current and revoked: revoked ones tell which passwords must change. */
  readonly grants: readonly SnapshotGrant[];
  readonly training: readonly SnapshotTraining[];
  readonly inbox: readonly SnapshotInboxItem[];
  /** Monitoring check-ins; only the window the rule reads is needed (see monitoringWindow). */
  readonly monitoring: readonly SnapshotCheckIn[];
  /** Whose turn it is to check each channel on each day of the week. */
  readonly rota: readonly SnapshotRotaEntry[];
  readonly incidents: readonly SnapshotIncident[];
  readonly reviews: readonly SnapshotReview[];
  /** Whether the trust's recovery kit has been made (only that: never anything of the key). */
  readonly recoveryKit: boolean;
}

export interface SnapshotSchool {
  readonly id: number;
  readonly code: string;
  readonly name: string;
}

export interface SnapshotPerson {
  readonly id: number;
  readonly name: string;
  readonly email: string;
  readonly role: PersonRole;
  /** null for the trust core team. */
  readonly schoolId: number | null;
  /** The date they left (or leave); from that day they count as gone. */
  readonly leftOn: string | null;
  /** Their role in Custodian, or null if they never sign in. */
  readonly consoleRole: ConsoleRole | null;
  /** The last time they used Custodian, or null if never. */
  readonly lastActiveAt: string | null;
}

export interface SnapshotChannel {
  readonly id: number;
  readonly platform: Platform;
  readonly handle: string;
  readonly name: string;
  /** null for the trust's own channels. */
  readonly schoolId: number | null;
  readonly registrationEmail: string | null;
  /** null when nobody has recorded whether the mailbox is dedicated to social media. */
  readonly mailboxDedicated: boolean | null;
  /** Email addresses of the people who can open the registration mailbox. */
  readonly mailboxAccess: readonly string[];
  readonly twoFactor: TwoFactorState;
  /** When the password was first stored in Custodian, and last changed; null if never. */
  readonly passwordSetAt: string | null;
  readonly passwordRotatedAt: string | null;
  /** The UK day the channel was added to Custodian: no day before it is missed monitoring. */
  readonly addedOn: string;
}

export interface SnapshotGrant {
  readonly channelId: number;
  readonly personId: number;
  readonly grantedAt: string;
  readonly revokedAt: string | null;
}

export interface SnapshotTraining {
  readonly personId: number;
  readonly trainedOn: string;
  /** The account administrator who gave the training, if recorded. */
  readonly trainerId: number | null;
}

export const inboxKinds = ['comment', 'query', 'complaint', 'concern', 'pupil-contact'] as const;
export type InboxKind = (typeof inboxKinds)[number];

export interface SnapshotInboxItem {
  readonly id: number;
  readonly channelId: number;
  readonly kind: InboxKind;
  readonly receivedAt: string;
  /** The last London date a reply is due, computed by the core in school days (see the profile). */
  readonly dueOn: string;
  /**
   * The first day a reply counts as late: the school day after dueOn (so a Saturday reply to a
   * Friday deadline is still within 5 school days). Stored by the core with dueOn.
   */
  readonly lateFrom: string;
  readonly respondedAt: string | null;
  readonly dslNotifiedAt: string | null;
}

export interface SnapshotCheckIn {
  readonly channelId: number;
  readonly date: string;
}

export interface SnapshotRotaEntry {
  readonly channelId: number;
  /** 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
  readonly personId: number;
}

export interface SnapshotIncident {
  readonly id: number;
  readonly channelId: number;
  readonly openedAt: string;
  /** Who it was reported to (people's emails or names); empty until it is escalated. */
  readonly escalatedTo: readonly string[];
  readonly closedAt: string | null;
  readonly evidenceCount: number;
}

export interface SnapshotReview {
  readonly reviewedOn: string;
  readonly nextReviewOn: string;
}
