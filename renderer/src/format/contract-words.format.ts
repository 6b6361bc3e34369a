import type { AuditOutcome, ConsoleRole, Platform, SecretKind, TwoFactorState } from '../../../shared/domain/enums';

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

const actionNames: Record<string, string> = {
  'secret.reveal': 'Revealed login details',
  'secret.copy': 'Copied login details',
  'totp.code': 'Got a 2FA code',
};

export function actionName(action: string): string {
  return actionNames[action] ?? action;
}
