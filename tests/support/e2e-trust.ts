import type { MethodInput } from '../../shared/contract/methods';
import { ADMIN, createTestVault, firstSignInDone, testClock, value, type CoreSinks, type TestVault } from './test-vault';

/**
 * The example trust, set up through the core as an administrator would: one channel whose
 * login details the administrator holds (password and 2FA secret stored), and a second
 * console operator who holds nothing.
 */
export const HOLDER_CHANNEL = { ref: 'x:@pendleeducation', name: 'PET Twitter' };
export const CHANNEL_PASSWORD = 'Blue-Heron-Lantern-42';
/** The RFC 6238 test key, base32. */
export const TOTP_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
export const NON_HOLDER = { name: 'Priya Patel', email: 'priya.patel@ppa.example', passphrase: 'lemon tree window seven' };
/** Summer, so the UI has to turn UTC into British Summer Time: 09:30 UTC is 10:30 in the UK. */
export const SUMMER_MORNING = new Date('2026-07-01T09:30:00Z');

/**
 * `since`: when the trust set Custodian up (its channels added, its people registered); by
 * default SUMMER_MORNING itself. The vault's clock then stands at SUMMER_MORNING either way.
 */
export async function createExampleTrust(sinks: CoreSinks = {}, options: { since?: Date } = {}): Promise<TestVault> {
  const vault = await createTestVault({ clock: testClock(options.since ?? SUMMER_MORNING), sinks });
  const admin = vault.admin;
  value(await vault.call(admin, 'example.load', { demo: false }));
  value(await vault.call(admin, 'access.grant', { channel: HOLDER_CHANNEL.ref, email: 'alex.admin@trust.example' }));
  value(await vault.call(admin, 'secret.set', { channel: HOLDER_CHANNEL.ref, kind: 'password', value: CHANNEL_PASSWORD }));
  value(await vault.call(admin, 'secret.set', { channel: HOLDER_CHANNEL.ref, kind: 'totp', value: TOTP_SECRET }));
  value(await vault.call(admin, 'channel.update', { channel: HOLDER_CHANNEL.ref, twoFactor: 'enabled' }));
  value(
    await vault.call(admin, 'person.add', {
      name: NON_HOLDER.name,
      email: NON_HOLDER.email,
      role: 'slt',
      school: 'PPA',
      consoleRole: 'poster',
      passphrase: NON_HOLDER.passphrase,
    }),
  );
  await firstSignInDone(vault, NON_HOLDER);
  if (options.since !== undefined) {
    vault.clock.set(SUMMER_MORNING);
    vault.admin = await vault.signIn(ADMIN.email, ADMIN.passphrase);
  }
  return vault;
}

export const DEMO_PASSPHRASE = 'demo passphrase twenty six';

/**
 * The example trust above plus the demo's fictional people (core team, SLT and staff at each
 * school, some of them console operators with DEMO_PASSPHRASE), their holdings, a leaver
 * whose access was revoked, and a year of credential use: about 800 audit events.
 */
export async function createDemoTrust(): Promise<TestVault> {
  const vault = await createExampleTrust();
  value(await vault.call(vault.admin, 'example.load', { demo: true, demoPassphrase: DEMO_PASSPHRASE }));
  return vault;
}

/** Someone the e2e tests sign in as: who they are and, for those a test adds, how they are added. */
export interface E2ePerson {
  name: string;
  email: string;
  passphrase: string;
  role?: MethodInput<'person.add'>['role'];
  school?: string;
  consoleRole?: MethodInput<'person.add'>['consoleRole'];
  /** The day their social media training was recorded, if it was. */
  trainedOn?: string;
}

/** The example trust's administrator (created with the vault). */
export { ADMIN };

/** A member of Pendle Primary Academy's senior leadership team who audits: sees their own school's work, changes nothing. */
export const SLT_AUDITOR: E2ePerson = { name: 'Sara Slt', email: 'sara.slt@ppa.example', passphrase: 'auditor passphrase 9', role: 'slt', school: 'PPA', consoleRole: 'auditor' };

/** A trained member of staff at Pendle Primary Academy who writes posts. */
export const POSTER: E2ePerson = {
  name: 'Sam Poster',
  email: 'sam@ppa.example',
  passphrase: 'poster passphrase 1',
  role: 'staff',
  school: 'PPA',
  consoleRole: 'poster',
  trainedOn: '2026-06-01',
};

/** A member of the trust's core team who audits every school. */
export const CORE_AUDITOR: E2ePerson = { name: 'Casey Brook', email: 'casey.brook@trust.example', passphrase: 'quiet harbour lamp nine', role: 'core-team', consoleRole: 'auditor' };

/**
 * Adds a console operator as an administrator would, records their training if they have any,
 * and puts their first sign-in (the change of the passphrase they were given) behind them.
 */
export async function addPerson(vault: TestVault, person: E2ePerson): Promise<void> {
  value(
    await vault.call(vault.admin, 'person.add', {
      name: person.name,
      email: person.email,
      role: person.role ?? 'staff',
      ...(person.school !== undefined ? { school: person.school } : {}),
      ...(person.consoleRole !== undefined ? { consoleRole: person.consoleRole, passphrase: person.passphrase } : {}),
    }),
  );
  if (person.consoleRole !== undefined) await firstSignInDone(vault, person);
  if (person.trainedOn !== undefined) value(await vault.call(vault.admin, 'training.record', { email: person.email, on: person.trainedOn }));
}
