import { createTestVault, firstSignInDone, testClock, value, type CoreSinks, type TestVault } from './test-vault';

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

export async function createExampleTrust(sinks: CoreSinks = {}): Promise<TestVault> {
  const vault = await createTestVault({ clock: testClock(SUMMER_MORNING), sinks });
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
