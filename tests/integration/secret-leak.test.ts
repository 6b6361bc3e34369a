import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestVault, value, type TestVault } from '../support/test-vault';

/** Every file under a folder, as raw bytes (the database, its WAL, logs, backups). */
function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [{ path, bytes: readFileSync(path) }];
  });
}

describe('secrets stay in the keychain', () => {
  let v: TestVault | null = null;
  afterEach(async () => v?.close());

  it('leaves no planted secret in the database, its WAL, logs or backups after a full workflow', async () => {
    v = await createTestVault();
    const password = `pw-${randomBytes(12).toString('hex')}`;
    const recovery = `rc-${randomBytes(12).toString('hex')}`;
    const big = `token-${randomBytes(900).toString('hex')}`; // over 1 KB: sealed in the database
    const totpSecret = 'KRSXG5CTMVRXEZLUKN2XAZLDOJSXIMZS'; // base32, distinctive
    const passphrase = `pass-${randomBytes(8).toString('hex')}`;
    const planted = [password, recovery, big.slice(0, 64), totpSecret, totpSecret.toLowerCase(), passphrase];

    value(await v.call(v.admin, 'example.load', { demo: false }));
    value(await v.call(v.admin, 'person.add', { name: 'P', email: 'p@pet.example', role: 'core-team', consoleRole: 'poster', passphrase }));
    const channel = 'instagram:@pendleprimaryacademy';
    value(await v.call(v.admin, 'secret.set', { channel, kind: 'password', value: password }));
    value(await v.call(v.admin, 'secret.set', { channel, kind: 'recovery-codes', value: recovery }));
    value(await v.call(v.admin, 'secret.set', { channel, kind: 'totp', value: totpSecret.toLowerCase() }));
    value(await v.call(v.admin, 'secret.set', { channel: 'x:@pendleeducation', kind: 'password', value: big }));
    value(await v.call(v.admin, 'access.grant', { channel, email: 'p@pet.example' }));
    value(await v.call(v.admin, 'access.grant', { channel: 'x:@pendleeducation', email: 'p@pet.example' }));
    const poster = await v.signIn('p@pet.example', passphrase);
    expect(value(await v.call(poster, 'secret.reveal', { channel, kind: 'password', reason: 'Leak scan' })).value).toBe(password);
    expect(value(await v.call(poster, 'secret.reveal', { channel: 'x:@pendleeducation', kind: 'password', reason: 'Leak scan' })).value).toBe(big);
    value(await v.call(poster, 'totp.code', { channel, reason: 'Leak scan' }));
    // Failures too: a refused reveal and a bad value must not echo the secret either.
    const bad = await v.call(v.admin, 'secret.set', { channel, kind: 'totp', value: `${password}!!` });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).not.toContain(password);
    value(await v.call(v.admin, 'secret.set', { channel, kind: 'password', value: `${password}-rotated` }));
    value(await v.call(v.admin, 'audit.list', { limit: 1000 }));

    const scan = () => {
      const hits: string[] = [];
      for (const file of filesUnder(v?.dataDir ?? '')) {
        for (const secret of planted) if (file.bytes.includes(Buffer.from(secret))) hits.push(`${file.path}: ${secret.slice(0, 8)}…`);
      }
      return hits;
    };
    const withWal = filesUnder(v.dataDir).map((f) => f.path);
    expect(withWal.some((p) => p.endsWith('-wal'))).toBe(true);
    expect(scan()).toEqual([]);
    await v.core.close();
    expect(scan()).toEqual([]);
  });
});
