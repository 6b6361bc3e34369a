/** The closed sets the policy and the CLI contract name. */
export const platforms = ['x', 'facebook', 'instagram', 'linkedin', 'youtube'] as const;
export type Platform = (typeof platforms)[number];

export const personRoles = ['core-team', 'slt', 'staff'] as const;
export type PersonRole = (typeof personRoles)[number];

export const consoleRoles = ['admin', 'auditor', 'poster'] as const;
export type ConsoleRole = (typeof consoleRoles)[number];

export const twoFactorStates = ['enabled', 'not-enabled', 'not-available'] as const;
export type TwoFactorState = (typeof twoFactorStates)[number];

export const secretKinds = ['password', 'totp', 'recovery-codes'] as const;
export type SecretKind = (typeof secretKinds)[number];

export const auditOutcomes = ['ok', 'denied', 'error'] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];

export function isAuditOutcome(text: string): text is AuditOutcome {
  return (auditOutcomes as readonly string[]).includes(text);
}

/** Days of the week as the monitoring rota names them (Monday first, as UK calendars do). */
export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];
