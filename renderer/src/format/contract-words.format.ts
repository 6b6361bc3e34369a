import { auditActionNames } from '../../../shared/contract/audit-actions';
import { methodLabels } from '../../../shared/contract/labels';
import type { AuditOutcome, ConsoleRole, PersonRole, Platform, SecretKind, TwoFactorState } from '../../../shared/domain/enums';

/** Plain words for the contract's codes, as people at a school would say them. */
export const platformNames: Record<Platform, string> = {
  x: 'X (Twitter)',
  facebook: 'Facebook',
  instagram: 'Instagram',
  linkedin: 'LinkedIn',
  youtube: 'YouTube',
};

export const consoleRoleNames: Record<ConsoleRole, string> = {
  admin: 'Administrator',
  auditor: 'Auditor',
  poster: 'Poster',
};

export const personRoleNames: Record<PersonRole, string> = {
  'core-team': 'Trust core team',
  slt: 'Senior leadership (SLT)',
  staff: 'Staff',
};

/** The same, short enough for a name tag. */
export const personRoleShort: Record<PersonRole, string> = {
  'core-team': 'Core team',
  slt: 'SLT',
  staff: 'Staff',
};

export const secretKindNames: Record<SecretKind, string> = {
  password: 'Password',
  totp: '2FA secret',
  'recovery-codes': 'Recovery codes',
};

export const twoFactorWords: Record<TwoFactorState, { label: string; color: string }> = {
  enabled: { label: 'On', color: 'green' },
  'not-enabled': { label: 'Off', color: 'red' },
  'not-available': { label: 'Not offered', color: 'gray' },
};

export const outcomeWords: Record<AuditOutcome, { label: string; color: string }> = {
  ok: { label: 'Allowed', color: 'green' },
  denied: { label: 'Refused', color: 'red' },
  error: { label: 'Failed', color: 'orange' },
};

export { auditActionNames as actionNames } from '../../../shared/contract/audit-actions';

export function actionName(action: string): string {
  return auditActionNames[action] ?? action;
}

/** Why the core refused or failed something (an audit event's details.why), in plain words. */
const whyWords: Record<string, string> = {
  'not a current holder': 'Does not hold the login details',
  'wrong passphrase': 'Wrong passphrase',
  'wrong current passphrase': 'Wrong current passphrase',
  throttled: 'Too many wrong passphrases',
  'unknown operator': 'Not a console operator',
  'person has left': 'Has left the trust',
  'no such secret': 'Nothing stored',
  'no such channel': 'No such channel',
  'kit not just made': 'Not right after making the kit',
  'another kit': 'The words of another kit',
};

export function whyWordsFor(why: unknown): string | null {
  if (typeof why !== 'string' || why === '') return null;
  return whyWords[why] ?? why;
}

/** 'audit.list' → 'reading the audit trail', for "tried …" sentences. */
export function methodWords(method: string): string {
  return methodLabels[method] ?? method;
}
