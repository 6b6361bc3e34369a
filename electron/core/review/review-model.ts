/**
 * The annual review pack's data: one object gathered once (review-data.ts) and written as
 * PDF, XLSX and JSON, so the three never disagree. Dates are London calendar dates
 * ('YYYY-MM-DD'); times are UTC instants as the database stores them. Nothing here is ever a
 * secret value: only the register, counts, dates and names of things.
 */
export const REVIEW_SCHEMA_VERSION = 1;

export interface ReviewChannel {
  label: string;
  platform: string;
  handle: string;
  name: string;
  school: string | null;
  purpose: string | null;
  twoFactor: string;
  registrationEmail: string | null;
  mailboxDedicated: boolean | null;
}

export interface ReviewHolding {
  channel: string;
  holderName: string;
  holderEmail: string;
  grantedAt: string;
  grantedBy: string;
}

export interface ReviewAccessChange {
  at: string;
  change: 'granted' | 'revoked';
  channel: string;
  holderName: string;
  holderEmail: string;
  by: string | null;
  reason: string | null;
}

export interface UseCounts {
  reveal: number;
  copy: number;
  totp: number;
  total: number;
}

export interface ReviewRotation {
  at: string;
  channel: string;
  kind: string;
  by: string | null;
}

export interface ReviewTraining {
  personName: string;
  personEmail: string;
  school: string | null;
  trainedOn: string;
  trainer: string | null;
  expiresOn: string;
  /** Still in date on the last day of the period. */
  inDateAtEnd: boolean;
}

export interface ReviewInboxItem {
  id: number;
  channel: string;
  kind: string;
  receivedAt: string;
  dueOn: string;
  respondedAt: string | null;
  /** School days the response took (the policy allows 5); null while unanswered. */
  schoolDaysTaken: number | null;
  /** As at the end of the period: on time, late (a breach), overdue (a breach), or still open in time. */
  standing: 'on time' | 'late' | 'overdue' | 'open';
}

export interface ReviewIncident {
  id: number;
  channel: string;
  kind: string;
  openedAt: string;
  closedAt: string | null;
  actions: string[];
  escalations: { to: string; at: string }[];
  audienceTold: boolean | null;
}

export interface ReviewData {
  schemaVersion: typeof REVIEW_SCHEMA_VERSION;
  trust: string;
  /** The school the pack is for (its code and name); null for the whole trust. */
  school: { code: string; name: string } | null;
  period: { from: string; to: string };
  generated: { at: string; byName: string; byEmail: string };
  /** The audit trail's head when the pack was made: audit.csv stops there. */
  auditHead: { seq: number; hash: string } | null;
  signingKeyFingerprint: string;
  policy: {
    /** The review date in the policy profile (the policy's own "Review Date"). */
    profileReviewDate: string;
    lastReview: { reviewedOn: string; reviewedBy: string; outcome: string; nextReviewOn: string } | null;
    reviewsInPeriod: { reviewedOn: string; reviewedBy: string; outcome: string; nextReviewOn: string }[];
    nextReviewOn: string;
  };
  compliance: {
    /** The compliance rules look at the register as it is today, not as it was on the end date. */
    asOf: string;
    counts: { high: number; medium: number; low: number };
    findings: { severity: string; rule: string; subject: string; message: string }[];
  };
  channels: ReviewChannel[];
  access: { atEnd: ReviewHolding[]; changes: ReviewAccessChange[] };
  credentialUse: {
    total: number;
    /** Attempts refused because the person did not hold the channel. */
    denied: number;
    byChannel: (UseCounts & { channel: string })[];
    byPerson: (UseCounts & { name: string; email: string })[];
  };
  rotations: ReviewRotation[];
  training: ReviewTraining[];
  inbox: { items: ReviewInboxItem[]; total: number; responded: number; onTime: number; breaches: number; open: number };
  monitoring: {
    /** Channel-days checked out of channel-days due, per week (Monday start) and per channel. */
    weeks: { weekStarting: string; checked: number; days: number }[];
    channels: { channel: string; checkedDays: number; totalDays: number }[];
  };
  incidents: { items: ReviewIncident[]; escalations: number };
  posts: { months: string[]; byChannel: { channel: string; perMonth: number[]; total: number }[]; total: number };
}
