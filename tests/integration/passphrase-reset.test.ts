import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recoveryWords } from '../../electron/core/keys/recovery-kit';
import { kitPdfText } from '../support/recovery-kit-text';
import { ADMIN, createTestVault, tempDir, value, type TestVault } from '../support/test-vault';

/**
 * Administrator-set passphrases are one-time, and an administrator's reset (design: keys,
 * "Passphrases"): the person's key is made under their own passphrase, a reset retires it until a
 * holder re-makes their wraps, and another administrator's reset needs a second proof.
 */
const CHANNEL = 'x:@SHINEatPPA';
const PASSWORD = 'PPA-pass-5b1e';
const POSTER = { name: 'Pat Poster', email: 'pat.poster@trust.example', given: 'given by the admin 61', own: 'pat own passphrase 62' };
const BEA = { name: 'Bea Backup', email: 'bea.backup@trust.example', passphrase: 'bea backup passphrase 9' };
const CAL = { name: 'Cal Second', email: 'cal.second@trust.example', passphrase: 'cal second passphrase 8' };

/** A raw sign-in: the one-time passphrase's state as the person sees it, with no change made for them. */
async function rawSignIn(v: TestVault, email: string, passphrase: string) {
  return v.core.call(null, 'auth.signIn', { email, passphrase });
}

async function reveal(v: TestVault, token: string) {
  return v.call(token, 'secret.reveal', { channel: CHANNEL, kind: 'password', reason: 'Check' });
}

async function pendingOf(v: TestVault, email: string) {
  const grant = value(await v.call(v.admin, 'access.list', { channel: CHANNEL })).find((g) => g.holderEmail === email);
  // The dashboard's "Access still waiting" card says the same as the access list.
  const waiting = value(await v.call(v.admin, 'dashboard.summary', {})).waitingAccess.filter((w) => w.holderName === grant?.holderName);
  expect(waiting.map((w) => w.pending)).toEqual(grant?.pending === 'waiting-for-key' || grant?.pending === 'waiting-for-holder' ? [grant.pending] : []);
  return grant?.pending;
}

async function events(v: TestVault, action: string, token = v.admin) {
  return value(await v.call(token, 'audit.list', { action, limit: 1000 }));
}

/** Pat's first sign-in with the passphrase the administrator gave, then their own. */
async function firstSignIn(v: TestVault, given: string, own: string): Promise<string> {
  const signedIn = value(await rawSignIn(v, POSTER.email, given));
  expect(signedIn.operator.mustChangePassphrase).toBe(true);
  value(await v.call(signedIn.token, 'auth.changePassphrase', { current: given, next: own }));
  return signedIn.token;
}

describe('administrator-set passphrases and resets', () => {
  let v: TestVault;
  beforeEach(async () => {
    v = await createTestVault();
    value(await v.call(v.admin, 'example.load', { demo: false }));
    // The administrator sets the password, so holds the channel and can complete grants.
    value(await v.call(v.admin, 'secret.set', { channel: CHANNEL, kind: 'password', value: PASSWORD }));
    value(await v.call(v.admin, 'person.add', { name: POSTER.name, email: POSTER.email, role: 'core-team', consoleRole: 'poster', passphrase: POSTER.given }));
  });
  afterEach(async () => v.close());

  it('a new operator must change the passphrase an administrator set before anything else, and their key is made under their own', async () => {
    value(await v.call(v.admin, 'access.grant', { channel: CHANNEL, email: POSTER.email }));
    expect(await pendingOf(v, POSTER.email)).toBe('waiting-for-key');

    const first = value(await rawSignIn(v, POSTER.email, POSTER.given));
    expect(first.operator.mustChangePassphrase).toBe(true);
    expect(await reveal(v, first.token)).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/set by an administrator.*must be changed/) } });
    // No key yet: one made now would be sealed under the passphrase the administrator knows.
    expect(await events(v, 'key.create')).toEqual([expect.objectContaining({ actor: ADMIN.email })]);

    value(await v.call(first.token, 'auth.changePassphrase', { current: POSTER.given, next: POSTER.own }));
    expect(await events(v, 'key.create')).toHaveLength(2);
    // The administrator is signed in: their session completes the grant as soon as the key exists.
    expect(await pendingOf(v, POSTER.email)).toBeNull();
    expect(value(await reveal(v, first.token)).value).toBe(PASSWORD);

    // The key opens with their own passphrase at the next sign-in, and the one the administrator set no longer signs in.
    expect(await rawSignIn(v, POSTER.email, POSTER.given)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    const again = value(await rawSignIn(v, POSTER.email, POSTER.own));
    expect(again.operator.mustChangePassphrase).toBe(false);
    expect(value(await reveal(v, again.token)).value).toBe(PASSWORD);
    expect(await events(v, 'key.create')).toHaveLength(2);
  });

  it('changing one’s own passphrase re-seals one’s key: no new key, no wrap re-made', async () => {
    value(await v.call(v.admin, 'access.grant', { channel: CHANNEL, email: POSTER.email }));
    const pat = await firstSignIn(v, POSTER.given, POSTER.own);
    const completed = (await events(v, 'access.complete')).length;
    value(await v.call(pat, 'auth.changePassphrase', { current: POSTER.own, next: 'pat third passphrase 63' }));
    value(await v.call(v.admin, 'auth.signOut', {}));
    const later = value(await rawSignIn(v, POSTER.email, 'pat third passphrase 63'));
    expect(value(await reveal(v, later.token)).value).toBe(PASSWORD);
    // A holder signing in again finds nothing waiting: Pat's wraps were never dropped.
    const admin = await v.signIn(ADMIN.email, ADMIN.passphrase);
    expect(await events(v, 'key.create', admin)).toHaveLength(2);
    expect(await events(v, 'access.complete', admin)).toHaveLength(completed);
  });

  it('a reset retires the key at once: sessions end, grants wait for the new key, and a holder completes them after the change', async () => {
    value(await v.call(v.admin, 'access.grant', { channel: CHANNEL, email: POSTER.email }));
    const pat = await firstSignIn(v, POSTER.given, POSTER.own);
    expect(value(await reveal(v, pat)).value).toBe(PASSWORD);

    const oneTime = 'a one-time passphrase 64';
    const reset = value(await v.call(v.admin, 'person.resetPassphrase', { email: POSTER.email, passphrase: oneTime }));
    expect(reset).toMatchObject({ person: { email: POSTER.email, consoleRole: 'poster' }, keyRetired: true, grantsWaiting: 1 });
    expect(await v.call(pat, 'auth.whoami', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await pendingOf(v, POSTER.email)).toBe('waiting-for-key');
    const [event] = await events(v, 'person.reset_passphrase');
    expect(event).toMatchObject({ actor: ADMIN.email, outcome: 'ok', details: { by: 'administrator', keyRetired: true, wrapsDropped: 1, consoleRole: 'poster' } });
    expect(JSON.stringify(await events(v, 'person.reset_passphrase'))).not.toContain(oneTime);

    // Their old passphrase is gone; the one-time one must be changed before anything else.
    expect(await rawSignIn(v, POSTER.email, POSTER.own)).toMatchObject({ ok: false });
    value(await v.call(v.admin, 'auth.signOut', {}));
    const next = await firstSignIn(v, oneTime, 'pat after the reset 65');
    // No holder is signed in: the grant waits for one, and nothing opens yet.
    expect(await reveal(v, next)).toMatchObject({ ok: false });
    const admin = await v.signIn(ADMIN.email, ADMIN.passphrase);
    expect(value(await v.call(admin, 'access.list', { channel: CHANNEL })).find((g) => g.holderEmail === POSTER.email)?.pending).toBeNull();
    expect(value(await reveal(v, next)).value).toBe(PASSWORD);
    expect(await events(v, 'key.create', admin)).toHaveLength(3);
    expect(await events(v, 'access.complete', admin)).toEqual(expect.arrayContaining([expect.objectContaining({ actor: ADMIN.email, target: POSTER.email })]));
    expect(value(await v.call(admin, 'audit.verify', {}))).toMatchObject({ ok: true });
  });

  it('refuses a reset of oneself, of someone with no console access, or to a weak passphrase, and writes nothing', async () => {
    value(await v.call(v.admin, 'person.add', { name: 'Sam Steward', email: 'sam.steward@trust.example', role: 'core-team' }));
    const before = (await events(v, 'person.reset_passphrase')).length;
    const self = await v.call(v.admin, 'person.resetPassphrase', { email: ADMIN.email, passphrase: 'a one-time passphrase 66' });
    expect(self).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'email', message: expect.stringContaining('custodian passphrase change') } });
    expect(await v.call(v.admin, 'person.resetPassphrase', { email: 'sam.steward@trust.example', passphrase: 'a one-time passphrase 66' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('not a console operator') },
    });
    expect(await v.call(v.admin, 'person.resetPassphrase', { email: POSTER.email, passphrase: 'password1234' })).toMatchObject({ ok: false, error: { field: 'passphrase' } });
    expect(await events(v, 'person.reset_passphrase')).toHaveLength(before);
    // The passphrase they were given still signs in.
    expect((await rawSignIn(v, POSTER.email, POSTER.given)).ok).toBe(true);
  });

  it('is the command line’s only and an administrator’s only', async () => {
    const input = { email: POSTER.email, passphrase: 'a one-time passphrase 67' };
    const window = (value(await v.core.dispatch(null, 'auth.signIn', { email: ADMIN.email, passphrase: ADMIN.passphrase }, 'window')) as { token: string }).token;
    expect(await v.core.dispatch(window, 'person.resetPassphrase', input, 'window')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    value(await v.call(v.admin, 'person.add', { name: 'Ava Audit', email: 'ava.audit@trust.example', role: 'core-team', consoleRole: 'auditor', passphrase: 'ava audit passphrase 5' }));
    const ava = await v.signIn('ava.audit@trust.example', 'ava audit passphrase 5');
    expect(await v.call(ava, 'person.resetPassphrase', input)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await rawSignIn(v, POSTER.email, POSTER.given)).ok).toBe(true);
  });
});

describe("resetting another administrator's passphrase", () => {
  let v: TestVault;
  let dir: ReturnType<typeof tempDir>;
  beforeEach(async () => {
    v = await createTestVault();
    dir = tempDir('custodian-reset-kit-');
    for (const admin of [BEA, CAL]) {
      value(await v.call(v.admin, 'person.add', { name: admin.name, email: admin.email, role: 'core-team', consoleRole: 'admin', passphrase: admin.passphrase }));
      await v.signIn(admin.email, admin.passphrase);
    }
  });
  afterEach(async () => {
    await v.close();
    dir.remove();
  });
  const oneTime = 'bea one-time passphrase 68';

  it('needs a second administrator’s sign-in or the kit: without either it is refused and nothing changes', async () => {
    const refused = await v.call(v.admin, 'person.resetPassphrase', { email: BEA.email, passphrase: oneTime });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/second administrator's sign-in or the recovery kit/) } });
    const wrong = await v.call(v.admin, 'person.resetPassphrase', { email: BEA.email, passphrase: oneTime, secondAdmin: { email: CAL.email, passphrase: 'not cal passphrase' } });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'secondAdmin' } });
    // Someone who is not an administrator gets the same answer as a wrong passphrase.
    value(await v.call(v.admin, 'person.add', { name: POSTER.name, email: POSTER.email, role: 'core-team', consoleRole: 'poster', passphrase: POSTER.given }));
    const poster = await v.call(v.admin, 'person.resetPassphrase', { email: BEA.email, passphrase: oneTime, secondAdmin: { email: POSTER.email, passphrase: POSTER.given } });
    expect(poster).toMatchObject({ ok: false, error: { code: 'forbidden', message: (wrong.ok ? '' : wrong.error.message) as unknown } });
    // One's own sign-in, or the person's own, is not a second one.
    expect(await v.call(v.admin, 'person.resetPassphrase', { email: BEA.email, passphrase: oneTime, secondAdmin: { email: ADMIN.email, passphrase: ADMIN.passphrase } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await v.call(v.admin, 'person.resetPassphrase', { email: BEA.email, passphrase: oneTime, secondAdmin: { email: BEA.email, passphrase: BEA.passphrase } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    const kitless = await v.call(v.admin, 'person.resetPassphrase', { email: BEA.email, passphrase: oneTime, kit: recoveryWords(new Uint8Array(randomBytes(32))).join(' ') });
    expect(kitless).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('No recovery kit') } });

    expect(await events(v, 'person.reset_passphrase')).toEqual([
      expect.objectContaining({ outcome: 'denied', details: expect.objectContaining({ secondAdministrator: POSTER.email }) as unknown }),
      expect.objectContaining({ outcome: 'denied', details: expect.objectContaining({ secondAdministrator: CAL.email }) as unknown }),
    ]);
    // Bea's passphrase and key are as they were.
    const bea = value(await rawSignIn(v, BEA.email, BEA.passphrase));
    expect(bea.operator.mustChangePassphrase).toBe(false);
    expect(await events(v, 'key.create')).toHaveLength(3);
  });

  it('with a second administrator’s sign-in: audited with both names, one-time, and her key retired', async () => {
    const reset = value(await v.call(v.admin, 'person.resetPassphrase', { email: BEA.email, passphrase: oneTime, secondAdmin: { email: CAL.email, passphrase: CAL.passphrase } }));
    expect(reset).toMatchObject({ person: { email: BEA.email, consoleRole: 'admin' }, keyRetired: true });
    const [event] = await events(v, 'person.reset_passphrase');
    expect(event).toMatchObject({ actor: ADMIN.email, target: BEA.email, outcome: 'ok', details: { by: 'second-administrator', secondAdministrator: CAL.email, consoleRole: 'admin' } });
    expect(JSON.stringify(event)).not.toContain(CAL.passphrase);
    expect(await rawSignIn(v, BEA.email, BEA.passphrase)).toMatchObject({ ok: false });
    const signedIn = value(await rawSignIn(v, BEA.email, oneTime));
    expect(signedIn.operator.mustChangePassphrase).toBe(true);
    expect(await v.call(signedIn.token, 'person.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    value(await v.call(signedIn.token, 'auth.changePassphrase', { current: oneTime, next: 'bea chose this one 69' }));
    expect(value(await v.call(signedIn.token, 'person.list', {})).length).toBeGreaterThan(0);
    expect(value(await v.call(v.admin, 'audit.verify', {}))).toMatchObject({ ok: true });
  });

  it('with the recovery kit: audited as a kit use; another kit is refused', async () => {
    const path = join(dir.path, 'kit.pdf');
    value(await v.call(v.admin, 'recovery.createKit', { path }));
    const kit = kitPdfText(path);
    const other = await v.call(v.admin, 'person.resetPassphrase', { email: BEA.email, passphrase: oneTime, kit: recoveryWords(new Uint8Array(randomBytes(32))).join(' ') });
    expect(other).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'kit' } });
    expect((await rawSignIn(v, BEA.email, BEA.passphrase)).ok).toBe(true);
    value(await v.call(v.admin, 'person.resetPassphrase', { email: BEA.email, passphrase: oneTime, kit }));
    const ok = (await events(v, 'person.reset_passphrase')).filter((e) => e.outcome === 'ok');
    expect(ok).toEqual([expect.objectContaining({ actor: ADMIN.email, target: BEA.email, details: expect.objectContaining({ by: 'recovery-kit' }) as unknown })]);
    expect(value(await rawSignIn(v, BEA.email, oneTime)).operator.mustChangePassphrase).toBe(true);
  });
});
