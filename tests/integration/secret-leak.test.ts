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

/**
 * The database where it is not a file in the data folder: on PostgreSQL, every row of every table
 * as text (database-access.ts). On SQLite the file and its WAL are under the data folder, scanned with it.
 */
async function databaseRows(v: TestVault): Promise<{ path: string; bytes: Buffer }[]> {
  if (v.database.engine === 'sqlite') return [];
  return (await v.database.stored()).map(({ where, bytes }) => ({ path: where, bytes }));
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

    const places = async (t: TestVault) => [...filesUnder(t.dataDir), ...(await databaseRows(t))];
    const scan = async (t: TestVault) => {
      const hits: string[] = [];
      for (const place of await places(t)) {
        for (const secret of planted) if (place.bytes.includes(Buffer.from(secret))) hits.push(`${place.path}: ${secret.slice(0, 8)}…`);
      }
      return hits;
    };
    const scanned = await places(v);
    if (v.database.engine === 'sqlite') {
      // The scan reached the WAL, where fresh writes sit before a checkpoint.
      expect(scanned.some((p) => p.path.endsWith('-wal'))).toBe(true);
    } else {
      // The scan reached the rows that hold the stored secrets (wrapped versions and sealed values).
      for (const table of ['secrets', 'secret_versions']) expect(scanned.find((p) => p.path === `table ${table}`)?.bytes.length ?? 0, table).toBeGreaterThan(0);
    }
    expect(await scan(v)).toEqual([]);
    await v.core.close();
    expect(await scan(v)).toEqual([]);
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
    const onFile = v.database.engine === 'sqlite';
    const backup = await v.call(v.admin, 'backup.create', {});
    const transfer = await v.call(v.admin, 'transfer.export', { path: join(out, 'pendle.custodian-transfer'), passphrase: transferPassphrase });
    if (onFile) {
      value(backup);
      value(transfer);
    } else {
      // Backups and transfer files are copies of the SQLite file: a vault on PostgreSQL has none, and
      // both are refused by name, pointing to the server's own tools (the leak scan below still covers
      // the refused calls' logs, the review pack and every row of the database).
      for (const refused of [backup, transfer]) expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('pg_dump') } });
    }
    value(await v.call(v.admin, 'review.export', { from: '2025-09-01', to: '2026-08-31', out: join(out, 'review-pack') }));

    const scanned = async (t: TestVault) => [...filesUnder(t.dataDir), ...filesUnder(out), ...(await databaseRows(t))];
    const paths = (await scanned(v)).map((f) => f.path);
    // The scan reached each place it is about (on PostgreSQL: no backup or transfer file was written).
    expect(paths.some((p) => p.includes('/backups/'))).toBe(onFile);
    expect(paths.some((p) => p.endsWith('.custodian-transfer'))).toBe(onFile);
    expect(paths.some((p) => p.includes('/review-pack/'))).toBe(true);
    if (!onFile) {
      // … and on PostgreSQL the rows that hold the connection, the platform app and the imported secrets.
      const tables = await databaseRows(v);
      for (const table of ['channel_connections', 'platform_apps', 'secrets']) expect(tables.find((p) => p.path === `table ${table}`)?.bytes.length ?? 0, table).toBeGreaterThan(0);
    }
    const hits = async (t: TestVault) =>
      (await scanned(t)).flatMap((file) => planted.filter((secret) => file.bytes.includes(Buffer.from(secret))).map((secret) => `${file.path}: ${secret.slice(0, 12)}…`));
    expect(await hits(v)).toEqual([]);
    await v.core.close();
    expect(await hits(v)).toEqual([]);
    usb.remove();
  }, 60_000);
});
