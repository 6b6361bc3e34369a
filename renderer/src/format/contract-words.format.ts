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

/** Every action the core records in the audit trail, in the words the audit log uses. */
export const actionNames: Record<string, string> = {
  'secret.reveal': 'Revealed login details',
  'secret.copy': 'Copied login details',
  'totp.code': 'Got a 2FA code',
  'secret.set': 'Stored a secret',
  'secret.rotate': 'Changed a secret',
  'access.grant': 'Gave access',
  'access.revoke': 'Removed access',
  'access.complete': 'Access completed',
  'secret.move': "Moved to holders' keys",
  'key.create': 'Made their key',
  'person.add': 'Added a person',
  'person.left': 'Recorded a leaver',
  'channel.add': 'Added a channel',
  'channel.update': 'Changed channel settings',
  'school.add': 'Added a school',
  'auth.sign_in': 'Signed in',
  'auth.passphrase_change': 'Changed their passphrase',
  'permission.denied': 'Tried something their role does not allow',
  'audit.verify': 'Verified the audit trail',
  'review.export': 'Exported the annual review pack',
  'review.verify': 'Checked a review pack',
  'review.signing_key': 'Created the key that signs review packs',
  'example.load': 'Loaded the example trust',
  'vault.init': 'Set up Custodian',
  'backup.create': 'Made a backup',
  'backup.restore': 'Restored from a backup',
  'register.snapshot': 'Recorded the register and console roles as they were (upgrade to trail v2)',
  'backup.folder': 'Chose the backup folder',
  'transfer.export': 'Exported the vault to a transfer file',
  'transfer.import': 'Imported the vault from a transfer file',
  'policy.update': 'Changed the policy settings',
  'policy.review': 'Recorded a policy review',
  'training.record': 'Recorded training',
  'calendar.import': 'Imported term dates',
  'calendar.bankHolidays': 'Imported bank holidays',
  'inbox.add': 'Logged an inbox item',
  'inbox.respond': 'Recorded a response',
  'inbox.dsl_alert': 'Alerted the DSL (pupil contact)',
  'inbox.notify': 'Raised notifications',
  'notification.read': 'Marked notifications read',
  'monitor.check': 'Recorded a monitoring check',
  'monitor.assign': 'Changed the monitoring rota',
  'monitor.unassign': 'Changed the monitoring rota',
  'consent.view': 'Opened a consent list',
  'consent.add': 'Added to a consent list',
  'consent.remove': 'Removed from a consent list',
  'incident.add': 'Reported an incident',
  'incident.evidence': 'Kept evidence of an incident',
  'incident.action': 'Acted on an incident',
  'incident.audience': 'Recorded whether the audience was told',
  'incident.escalate': 'Escalated an incident',
  'incident.close': 'Closed an incident',
  'post.create': 'Composed a post',
  'post.update': 'Edited a post',
  'post.approve': 'Approved a post',
  'post.cancel': 'Cancelled a post',
  'post.delete': 'Deleted a post',
  'post.retry': 'Asked to retry a post',
  'channel.connect': 'Connected a channel for publishing',
  'platform.app_addresses': 'Set a platform app’s sign-in addresses',
  'channel.reconnect_needed': 'A channel needs reconnecting',
  'publish.claim': 'Began publishing',
  'publish.checks': 'Checked a post before publishing',
  'publish.token_use': 'Used a channel’s publishing token',
  'publish.progress': 'Publishing in progress',
  'publish.outcome': 'Publishing finished',
  'publish.retry': 'Publishing will be retried',
  'publish.missed': 'Missed while Custodian was closed',
  'publish.reconcile': 'Checked an interrupted publish',
  'publish.release': 'Released a publish for later',
  'recovery.kit_created': 'Made the recovery kit',
  'recovery.reveal': 'Showed the recovery words on screen',
  'recovery.kit_confirmed': 'Checked the printed recovery kit',
  'recovery.kit_offered': 'Was offered the recovery kit (none made yet)',
  'recovery.grant': 'Gave access with the recovery kit',
  'recovery.admin': 'Made an administrator with the recovery kit',
};

export function actionName(action: string): string {
  return actionNames[action] ?? action;
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
