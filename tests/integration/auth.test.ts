import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestVault, value, type TestVault } from '../support/test-vault';

const ADMIN_EMAIL = 'alex.admin@trust.example';
const ADMIN_PASS = 'correct horse battery';

describe('operators and sign-in', () => {
  let v: TestVault | null = null;
  afterEach(async () => v?.close());

  // The throttle (wrong passphrases, known and unknown addresses alike): sign-in-throttle.test.ts.
  it('refuses an unknown email the same way as a wrong passphrase, and records it', async () => {
    v = await createTestVault();
    const result = await v.call(null, 'auth.signIn', { email: 'nobody@trust.example', passphrase: 'whatever it is' });
    expect(result).toMatchObject({ ok: false, error: { code: 'unauthenticated', message: 'That email and passphrase do not match a console operator.' } });
    const [event] = value(await v.call(v.admin, 'audit.list', { limit: 1 }));
    expect(event).toMatchObject({ action: 'auth.sign_in', outcome: 'denied', actor: null, details: { email: 'nobody@trust.example' } });
  });

  it('lets an operator change their passphrase, only with the current one', async () => {
    v = await createTestVault();
    expect(await v.call(v.admin, 'auth.changePassphrase', { current: 'not my passphrase', next: 'a brand new passphrase' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    value(await v.call(v.admin, 'auth.changePassphrase', { current: ADMIN_PASS, next: 'a brand new passphrase' }));
    expect((await v.call(null, 'auth.signIn', { email: ADMIN_EMAIL, passphrase: ADMIN_PASS })).ok).toBe(false);
    expect((await v.call(null, 'auth.signIn', { email: ADMIN_EMAIL, passphrase: 'a brand new passphrase' })).ok).toBe(true);
  });

  it('ends the access of a person who has left, at once, and keeps the last admin', async () => {
    v = await createTestVault();
    value(await v.call(v.admin, 'person.add', { name: 'Second Admin', email: 'second@trust.example', role: 'core-team', consoleRole: 'admin', passphrase: 'second admin kettle pass' }));
    const second = await v.signIn('second@trust.example', 'second admin kettle pass');
    value(await v.call(v.admin, 'person.markLeft', { email: 'second@trust.example', on: '2026-11-01' }));
    expect(await v.call(second, 'school.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await v.call(null, 'auth.signIn', { email: 'second@trust.example', passphrase: 'second admin kettle pass' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/has left the trust/) },
    });
    expect(await v.call(v.admin, 'person.markLeft', { email: ADMIN_EMAIL, on: '2026-11-24' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/last administrator/) },
    });
    const people = value(await v.call(v.admin, 'person.list', {}));
    expect(people.find((p) => p.email === ADMIN_EMAIL)).toMatchObject({ active: true, consoleRole: 'admin' });
  });

  it('stores no passphrase in a readable form, hashed at the real cost (N=2^17)', async () => {
    // The suite hashes at a test cost (vitest.config.ts); a user's vault never sees that variable.
    vi.stubEnv('CUSTODIAN_TEST_SCRYPT_LOG2_N', undefined);
    v = await createTestVault();
    // Straight from the database (the SQLite file, or PostgreSQL as its superuser), as someone who took a copy would read it.
    const row = await v.database.get<{ passphrase_hash: string }>('SELECT o.passphrase_hash FROM operators o JOIN people p ON p.id = o.person_id WHERE p.email = ?', ADMIN_EMAIL);
    if (row === undefined) expect.fail('no operator row for the administrator');
    // scrypt2: the scrypt output split with HKDF; the stored verifier does not give the key that opens the person's own key.
    expect(row.passphrase_hash).toMatch(/^scrypt2\$131072\$8\$1\$/);
    expect(row.passphrase_hash).not.toContain(ADMIN_PASS);
    vi.unstubAllEnvs();
  });
});
