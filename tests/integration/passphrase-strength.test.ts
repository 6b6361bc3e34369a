import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/app';
import { hashPassphrase } from '../../electron/core/auth/passphrase';
import { createKeytarStore } from '../../electron/core/secrets/keytar.store';
import { ADMIN, createTestVault, tempDir, value, type TestVault } from '../support/test-vault';

/** Issue 12, attack 10: passphrases the console accepted, and one that sealed a transfer file. */
const ATTACKS = ['aaaaaaaaaa', 'password12', '1234567890'];
const TRANSFER_ATTACKS = ['aaaaaaaaaaaa', 'password1234', '123456789012'];
/** zxcvbn's own sentences, one of which each refusal must quote. */
const FEEDBACK = /Repeated characters|commonly used password|frequently used password|heavily used password|Add more words that are less common/;

function expectWeakRefusal(result: { ok: boolean; error?: { code: string; message: string } }, passphrase: string): void {
  expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/too easy to guess/) } });
  expect(result.error?.message).toMatch(FEEDBACK);
  expect(JSON.stringify(result)).not.toContain(passphrase);
}

describe('passphrase strength (zxcvbn, score 3 of 4 needed)', () => {
  let v: TestVault | null = null;
  afterEach(async () => {
    await v?.close();
    v = null;
  });

  it('refuses each weak passphrase at init, and no vault is made', async () => {
    for (const passphrase of ATTACKS) {
      const dir = tempDir();
      const core = createCore({ dataDir: join(dir.path, 'vault'), secretStore: createKeytarStore(), validateOutputs: true });
      try {
        expectWeakRefusal(await core.call(null, 'vault.init', { trustName: 'Pendle Education Trust', adminName: ADMIN.name, adminEmail: ADMIN.email, passphrase }), passphrase);
        expect(value(await core.call(null, 'vault.status', {}))).toEqual({ initialized: false, trustName: null });
        expect(existsSync(join(dir.path, 'vault'))).toBe(false);
      } finally {
        await core.close();
        dir.remove();
      }
    }
  });

  it('refuses each weak passphrase for a new operator, a changed passphrase, the demo people and a transfer file; nothing changes', async () => {
    v = await createTestVault();
    const before = value(await v.call(v.admin, 'audit.list', {})).length;
    for (const passphrase of ATTACKS) {
      expectWeakRefusal(await v.call(v.admin, 'person.add', { name: 'Sam Poster', email: 'sam@trust.example', role: 'core-team', consoleRole: 'poster', passphrase }), passphrase);
      expectWeakRefusal(await v.call(v.admin, 'auth.changePassphrase', { current: ADMIN.passphrase, next: passphrase }), passphrase);
      expectWeakRefusal(await v.call(v.admin, 'example.load', { demo: true, demoPassphrase: passphrase }), passphrase);
    }
    const dir = tempDir();
    try {
      for (const passphrase of TRANSFER_ATTACKS) {
        const path = join(dir.path, 'vault.custodian-transfer');
        expectWeakRefusal(await v.call(v.admin, 'transfer.export', { path, passphrase }), passphrase);
        expect(existsSync(path)).toBe(false);
      }
    } finally {
      dir.remove();
    }
    expect(value(await v.call(v.admin, 'person.list', {})).map((p) => p.email)).toEqual([ADMIN.email]);
    expect(value(await v.call(v.admin, 'audit.list', {})).length).toBe(before);
    // The admin's passphrase is still the one it was.
    expect(await v.signIn(ADMIN.email, ADMIN.passphrase)).toBeTruthy();
  });

  it("counts the person's name, email and the trust's name as easy to guess", async () => {
    v = await createTestVault();
    const result = await v.call(v.admin, 'person.add', { name: 'Zebedee Quartermaine', email: 'zq@trust.example', role: 'core-team', consoleRole: 'poster', passphrase: 'zebedeequartermaine' });
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/too easy to guess/) } });
    // The same words for someone else are fine.
    value(await v.call(v.admin, 'person.add', { name: 'Sam Poster', email: 'sam@trust.example', role: 'core-team', consoleRole: 'poster', passphrase: 'zebedeequartermaine' }));
  });

  it('answers the strength of a passphrase without a session, and stores and logs nothing', async () => {
    v = await createTestVault();
    const auditBefore = value(await v.call(v.admin, 'audit.list', {})).length;
    for (const passphrase of [...ATTACKS, ...TRANSFER_ATTACKS]) {
      const answer = value(await v.call(null, 'auth.passphraseStrength', { passphrase }));
      expect(answer.score).toBeLessThan(3);
      expect(answer.acceptable).toBe(false);
      expect([answer.warning ?? '', ...answer.suggestions].join(' ')).toMatch(FEEDBACK);
    }
    expect(value(await v.call(null, 'auth.passphraseStrength', { passphrase: 'aaaaaaaaaa' }))).toMatchObject({
      warning: 'Repeated characters like "aaa" are easy to guess.',
      suggestions: expect.arrayContaining(['Avoid repeated words and characters.']),
    });
    expect(value(await v.call(null, 'auth.passphraseStrength', { passphrase: 'correct horse battery' }))).toEqual({ score: 4, acceptable: true, warning: null, suggestions: [] });
    // The name and email given are counted as guessable words.
    expect(value(await v.call(null, 'auth.passphraseStrength', { passphrase: 'zebedeequartermaine' })).acceptable).toBe(true);
    expect(value(await v.call(null, 'auth.passphraseStrength', { passphrase: 'zebedeequartermaine', name: 'Zebedee Quartermaine' })).acceptable).toBe(false);
    expect(value(await v.call(null, 'auth.passphraseStrength', { passphrase: 'zebedeequartermaine', email: 'zebedee.quartermaine@trust.example' })).acceptable).toBe(false);
    expect(value(await v.call(v.admin, 'audit.list', {})).length).toBe(auditBefore);
    const log = join(v.dataDir, 'logs', 'custodian.log');
    if (existsSync(log)) expect(readFileSync(log, 'utf8')).not.toMatch(/aaaaaaaaaa|password12|zebedee/);
  });

  it('makes an operator with an old weak passphrase change it at sign-in before anything else', async () => {
    v = await createTestVault();
    value(await v.call(v.admin, 'person.add', { name: 'Pat Poster', email: 'pat@trust.example', role: 'core-team', consoleRole: 'poster', passphrase: 'pat passphrase 1' }));
    // As a vault made before strength was checked would have it: the hash of "password12".
    const db = new Database(join(v.dataDir, 'custodian.sqlite3'));
    db.prepare("UPDATE operators SET passphrase_hash = ? WHERE person_id = (SELECT id FROM people WHERE email = 'pat@trust.example')").run(await hashPassphrase('password12'));
    db.close();

    const signedIn = value(await v.call(null, 'auth.signIn', { email: 'pat@trust.example', passphrase: 'password12' }));
    expect(signedIn.operator).toMatchObject({ email: 'pat@trust.example', mustChangePassphrase: true });
    const pat = signedIn.token;
    for (const [method, input] of [['school.list', {}], ['channel.list', {}], ['dashboard.summary', {}]] as const) {
      expect(await v.call(pat, method, input)).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/or is too easy to guess, and must be changed before/) } });
    }
    expect(value(await v.call(pat, 'auth.whoami', {}))).toMatchObject({ mustChangePassphrase: true });
    expect(value(await v.call(pat, 'auth.passphraseStrength', { passphrase: 'password12' })).acceptable).toBe(false);
    // Another session of the same person is held to it too: the mark is on the operator, not the session.
    const again = value(await v.call(null, 'auth.signIn', { email: 'pat@trust.example', passphrase: 'password12' })).token;
    expect((await v.call(again, 'school.list', {})).ok).toBe(false);
    // Changing it to another weak one is refused; a strong one lifts the mark.
    expectWeakRefusal(await v.call(pat, 'auth.changePassphrase', { current: 'password12', next: 'aaaaaaaaaa' }), 'aaaaaaaaaa');
    value(await v.call(pat, 'auth.changePassphrase', { current: 'password12', next: 'lemon tree window seven' }));
    expect(value(await v.call(pat, 'auth.whoami', {})).mustChangePassphrase).toBe(false);
    expect(value(await v.call(pat, 'school.list', {}))).toEqual([]);
    const fresh = value(await v.call(null, 'auth.signIn', { email: 'pat@trust.example', passphrase: 'lemon tree window seven' }));
    expect(fresh.operator.mustChangePassphrase).toBe(false);
    // The trail says why the change was required, and never the passphrase.
    const events = value(await v.call(v.admin, 'audit.list', { actor: 'pat@trust.example' }));
    const signIns = events.filter((e) => e.action === 'auth.sign_in' && e.outcome === 'ok').map((e) => e.details.passphraseChangeRequired ?? false);
    // Newest first: the sign-in with the new passphrase, then the two with the old one.
    expect(signIns).toEqual([false, true, true]);
    expect(JSON.stringify(events)).not.toMatch(/password12|lemon tree/);
  });

  it('estimates a passphrase once: after a sign-in that checked it, only a newly set one is checked again', async () => {
    v = await createTestVault();
    value(await v.call(v.admin, 'person.add', { name: 'Pat Poster', email: 'pat@trust.example', role: 'core-team', consoleRole: 'poster', passphrase: 'pat passphrase 1' }));
    const pat = "(SELECT id FROM people WHERE email = 'pat@trust.example')";
    const signIn = async () => {
      v?.clock.advance(60_000);
      return value(await (v as TestVault).call(null, 'auth.signIn', { email: 'pat@trust.example', passphrase: 'password12' })).operator.mustChangePassphrase;
    };
    const db = new Database(join(v.dataDir, 'custodian.sqlite3'));
    try {
      // As if "password12" had been signed in with (and so estimated) after it was last set: the
      // next sign-in takes that check as done and runs no zxcvbn, so the weak passphrase goes unmarked.
      v.clock.advance(60_000);
      db.prepare(`UPDATE operators SET passphrase_hash = ?, must_change_passphrase = 0, last_signed_in_at = ? WHERE person_id = ${pat}`).run(await hashPassphrase('password12'), v.clock.now().toISOString());
      expect(await signIn()).toBe(false);
      // Set anew, as every path that sets a passphrase records (change, reset, recovery, a new operator): estimated, and marked.
      v.clock.advance(60_000);
      db.prepare(`UPDATE operators SET passphrase_changed_at = ? WHERE person_id = ${pat}`).run(v.clock.now().toISOString());
      expect(await signIn()).toBe(true);
      // A marked operator is estimated at every sign-in until the passphrase is changed.
      expect(await signIn()).toBe(true);
    } finally {
      db.close();
    }
  });

  it('does not mark an operator whose passphrase is strong', async () => {
    v = await createTestVault();
    expect(value(await v.call(null, 'auth.signIn', { email: ADMIN.email, passphrase: ADMIN.passphrase })).operator.mustChangePassphrase).toBe(false);
  });
});
