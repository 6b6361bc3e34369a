import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/app';
import { createKeytarStore } from '../../electron/core/secrets/keytar.store';
import { databasePath } from '../../electron/core/vault/data-dir';
import { ADMIN, createTestVault, value, type TestVault } from '../support/test-vault';

/**
 * The attack (issue 12, 11): the throttle's answer told who is an operator, and it never
 * decayed, so one wrong try every 15 minutes kept an administrator out. Now every address is
 * counted alike (a leaky bucket: five in a row, drained over an hour), in the database.
 */

const UNKNOWN = 'nobody.here@trust.example';
const MINUTE = 60 * 1000;

/** The throttle's rows, read from the database file as anyone with the file could. */
function throttleRows(v: TestVault): { key: string; empty_at: string }[] {
  const db = new Database(databasePath(v.dataDir), { readonly: true });
  try {
    return db.prepare('SELECT key, empty_at FROM sign_in_throttle').all() as { key: string; empty_at: string }[];
  } finally {
    db.close();
  }
}

describe('the sign-in throttle', () => {
  let v: TestVault | null = null;
  afterEach(async () => v?.close());

  const attempt = async (email: string, passphrase: string) => JSON.stringify(await v!.call(null, 'auth.signIn', { email, passphrase }));

  it('answers an unknown address byte for byte as an operator’s, and refuses both alike at the limit, the right passphrase too', async () => {
    v = await createTestVault();
    const tries = async (email: string) => {
      const answers: string[] = [];
      for (let i = 0; i < 5; i += 1) answers.push(await attempt(email, `wrong guess ${i}`));
      answers.push(await attempt(email, 'wrong guess 5'));
      // The administrator's own passphrase, while the count is at the limit.
      answers.push(await attempt(email, ADMIN.passphrase));
      return answers;
    };
    const known = await tries(ADMIN.email);
    const unknown = await tries(UNKNOWN);
    expect(unknown).toEqual(known);
    expect(known.slice(0, 5).map((a) => JSON.parse(a))).toEqual(Array(5).fill({ ok: false, error: { code: 'unauthenticated', message: 'That email and passphrase do not match a console operator.' } }));
    expect(known.slice(5).map((a) => JSON.parse(a))).toEqual(Array(2).fill({ ok: false, error: { code: 'throttled', message: 'Too many wrong passphrases. Try again in 12 minutes.' } }));

    // The count is in the database: another process (the CLI beside the window) is refused too.
    const other = createCore({ dataDir: v.dataDir, secretStore: createKeytarStore(), clock: v.clock });
    try {
      expect(await other.call(null, 'auth.signIn', { email: ADMIN.email, passphrase: ADMIN.passphrase })).toMatchObject({ ok: false, error: { code: 'throttled' } });
    } finally {
      await other.close();
    }
    // Recorded for both, and neither address is kept in the throttle's table.
    const denied = value(await v.call(v.admin, 'audit.list', { action: 'auth.sign_in', limit: 100 })).filter((e) => e.outcome === 'denied');
    expect(denied.filter((e) => e.details.why === 'throttled')).toHaveLength(5);
    const rows = JSON.stringify(throttleRows(v));
    expect(throttleRows(v)).toHaveLength(2);
    for (const address of [ADMIN.email, UNKNOWN, 'nobody.here', 'alex.admin']) expect(rows).not.toContain(address);
  });

  it('never locks anyone out for one wrong try every 15 minutes', async () => {
    v = await createTestVault();
    // Fourteen: the old throttle's wait had grown past 15 minutes by the fourteenth.
    for (let i = 0; i < 14; i += 1) {
      const answer = JSON.parse(await attempt(ADMIN.email, `a slip of the finger ${i}`)) as { ok: boolean; error: { code: string } };
      expect(answer.error.code, `try ${i + 1}`).toBe('unauthenticated');
      v.clock.advance(15 * MINUTE);
    }
    expect((await v.call(null, 'auth.signIn', { email: ADMIN.email, passphrase: ADMIN.passphrase })).ok).toBe(true);
  }, 120_000);

  it('drains over an hour, forgets drained addresses, and a right passphrase clears the count', async () => {
    v = await createTestVault();
    for (let i = 0; i < 5; i += 1) await attempt(UNKNOWN, `guess ${i}`);
    for (let i = 0; i < 5; i += 1) await attempt(ADMIN.email, `guess ${i}`);
    expect(JSON.parse(await attempt(ADMIN.email, ADMIN.passphrase))).toMatchObject({ ok: false, error: { code: 'throttled' } });
    // A quarter of an hour later one more try is let through (and counted), not a sixth in a row.
    v.clock.advance(13 * MINUTE);
    expect(JSON.parse(await attempt(ADMIN.email, 'guess 5'))).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(JSON.parse(await attempt(ADMIN.email, 'guess 6'))).toMatchObject({ ok: false, error: { code: 'throttled' } });

    // An hour after the last try the count has drained: five more wrong tries are answered as wrong.
    v.clock.advance(60 * MINUTE);
    for (let i = 0; i < 5; i += 1) expect(JSON.parse(await attempt(ADMIN.email, `later ${i}`))).toMatchObject({ error: { code: 'unauthenticated' } });
    // The unknown address drained long ago: its row is gone; the administrator's is the only one.
    expect(throttleRows(v)).toHaveLength(1);
    v.clock.advance(60 * MINUTE);
    expect((await v.call(null, 'auth.signIn', { email: ADMIN.email, passphrase: ADMIN.passphrase })).ok).toBe(true);
    expect(throttleRows(v)).toEqual([]);
    // A right passphrase after four wrong ones clears the count: five wrong ones are allowed again.
    for (let i = 0; i < 4; i += 1) await attempt(ADMIN.email, `again ${i}`);
    expect((await v.call(null, 'auth.signIn', { email: ADMIN.email, passphrase: ADMIN.passphrase })).ok).toBe(true);
    for (let i = 0; i < 5; i += 1) expect(JSON.parse(await attempt(ADMIN.email, `after ${i}`))).toMatchObject({ error: { code: 'unauthenticated' } });
  }, 120_000);
});
