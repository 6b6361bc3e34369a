import type { ComplianceSnapshot } from './compliance-snapshot';
import type { PolicyProfile } from './policy-profile';

export const severities = ['high', 'medium', 'low'] as const;
export type Severity = (typeof severities)[number];

export const subjectKinds = ['channel', 'person', 'trust', 'inbox-item', 'incident'] as const;
export type SubjectKind = (typeof subjectKinds)[number];

/** What a finding is about. key is stable (a channel's 'platform:handle', a person's email, an id); name is for people. */
export interface FindingSubject {
  kind: SubjectKind;
  key: string;
  name: string;
}

/** One thing to put right, written for a busy school leader: what is wrong, and what to do. */
export interface Finding {
  ruleId: RuleId;
  severity: Severity;
  subject: FindingSubject;
  message: string;
  fix: string;
}

export const ruleIds = [
  'core-team-holder',
  'school-slt-holder',
  'holder-left',
  'holder-inactive',
  'mailbox-dedicated',
  'mailbox-shared-access',
  'two-factor',
  'rotate-after-revoke',
  'poster-training',
  'response-deadline',
  'pupil-contact-dsl',
  'monitoring-coverage',
  'monitoring-rota',
  'incident-escalation',
  'policy-review',
  'recovery-kit',
] as const;
export type RuleId = (typeof ruleIds)[number];

/**
 * Where a rule's requirement comes from: a sentence of the policy (quoted verbatim in `policy`),
 * or the trust's policy profile where the policy itself is silent (then `policy` says so).
 */
export type RuleSource = 'policy' | 'profile';

export interface ComplianceRule {
  readonly id: RuleId;
  readonly title: string;
  readonly source: RuleSource;
  readonly policy: string;
  /** today is the London date 'YYYY-MM-DD' the caller evaluates on. */
  evaluate(snapshot: ComplianceSnapshot, profile: PolicyProfile, today: string): Finding[];
}
