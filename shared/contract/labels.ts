/**
 * Words people use for the contract's fields and methods, so messages read as sentences
 * ("The new passphrase must be…", "does not allow granting access") and not as code.
 */
export const fieldLabels: Record<string, string> = {
  trustName: 'The trust name',
  adminName: "The administrator's name",
  adminEmail: "The administrator's email address",
  passphrase: 'The passphrase',
  current: 'The current passphrase',
  next: 'The new passphrase',
  demoPassphrase: 'The demo passphrase',
  name: 'The name',
  email: 'The email address',
  code: 'The school code',
  school: 'The school code',
  role: 'The role',
  consoleRole: 'The console role',
  on: 'The leaving date',
  platform: 'The platform',
  handle: 'The handle',
  registrationEmail: 'The registration email address',
  channel: 'The channel',
  twoFactor: 'The 2FA state',
  purpose: 'The purpose',
  mailboxDedicated: 'Whether the mailbox is dedicated',
  mailboxAccess: 'The mailbox access list',
  kind: 'The kind of secret',
  value: 'The value',
  reason: 'The reason',
  actor: 'The person',
  since: 'The start date',
  until: 'The end date',
  limit: 'The number of events',
  beforeSeq: 'The starting event',
};

export const methodLabels: Record<string, string> = {
  'auth.signOut': 'signing out',
  'auth.whoami': 'seeing who is signed in',
  'auth.changePassphrase': 'changing a passphrase',
  'example.load': 'loading the example trust',
  'dashboard.summary': 'seeing the dashboard',
  'school.add': 'adding schools',
  'school.list': 'listing schools',
  'person.add': 'adding people',
  'person.list': 'listing people',
  'person.markLeft': 'recording leavers',
  'channel.add': 'adding channels',
  'channel.update': 'changing channel settings',
  'channel.list': 'listing channels',
  'secret.set': 'setting or changing secrets',
  'secret.reveal': 'revealing secrets',
  'secret.copy': 'copying secrets',
  'totp.code': 'getting 2FA codes',
  'access.grant': 'granting access',
  'access.revoke': 'revoking access',
  'access.list': 'listing who holds access',
  'audit.list': 'reading the audit trail',
  'audit.verify': 'verifying the audit trail',
};

/** 'The new passphrase' for 'next'; a nested path keeps its last known part. */
export function fieldLabel(path: string): string {
  const last = path.split('.').filter((part) => !/^\d+$/.test(part)).at(-1) ?? path;
  return fieldLabels[last] ?? `The field ${path}`;
}
