import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestVault, tempDir, value, type TestVault } from '../support/test-vault';

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

  it('leaves no planted API token, app secret or imported password in backups, the transfer file, a review pack or logs', async () => {
    v = await createTestVault();
    const usb = tempDir('custodian-leak-usb-'); // the transfer file must go outside the data folder
    const out = usb.path;
    const token = `api-token-${randomBytes(16).toString('hex')}`; // stored as an OAuth sign-in would store its tokens
    const clientSecret = `client-secret-${randomBytes(16).toString('hex')}`;
    const imported = `imported-pw-${randomBytes(12).toString('hex')}`;
    const importedTotp = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U'; // base32, distinctive
    const transferPassphrase = `transfer-${randomBytes(8).toString('hex')}`;
    const planted = [token, clientSecret, imported, importedTotp, transferPassphrase];

    value(await v.call(v.admin, 'example.load', { demo: false }));
    value(await v.call(v.admin, 'channel.connect', { channel: 'x:@pendleeducation', token, accountId: '12345' }));
    value(await v.call(v.admin, 'platform.app', { platform: 'linkedin', clientId: 'custodian-leak-client', clientSecret }));
    const csv = `name,url,username,password,totp\nPendle Education X,https://x.com/pendleeducation,office@pet.example,${imported},${importedTotp}\n`;
    value(await v.call(v.admin, 'import.credentials', { format: 'csv', content: csv, dryRun: true }));
    const done = value(await v.call(v.admin, 'import.credentials', { format: 'csv', content: csv, dryRun: false }));
    // The import really stored both (the scan below is about a stored secret, not a skipped one).
    expect(done.entries.map((e) => [e.channel, e.action, e.sets.map((set) => set.item).sort()])).toEqual([['x:@pendleeducation', 'create', ['2fa-key', 'password', 'username']]]);
    value(await v.call(v.admin, 'backup.create', {}));
    value(await v.call(v.admin, 'transfer.export', { path: join(out, 'pendle.custodian-transfer'), passphrase: transferPassphrase }));
    value(await v.call(v.admin, 'review.export', { from: '2025-09-01', to: '2026-08-31', out: join(out, 'review-pack') }));

    const scanned = () => [...filesUnder(v?.dataDir ?? ''), ...filesUnder(out)];
    const paths = scanned().map((f) => f.path);
    // The scan reached each place it is about.
    expect(paths.some((p) => p.includes('/backups/'))).toBe(true);
    expect(paths.some((p) => p.endsWith('.custodian-transfer'))).toBe(true);
    expect(paths.some((p) => p.includes('/review-pack/'))).toBe(true);
    const hits = () =>
      scanned().flatMap((file) => planted.filter((secret) => file.bytes.includes(Buffer.from(secret))).map((secret) => `${file.path}: ${secret.slice(0, 12)}…`));
    expect(hits()).toEqual([]);
    await v.core.close();
    expect(hits()).toEqual([]);
    usb.remove();
  }, 60_000);
});
