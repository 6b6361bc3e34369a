import { copyFileSync, existsSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/app';
import { hashPassphrase } from '../../electron/core/auth/passphrase';
import { bundledMigrations } from '../../electron/core/db/migrations';
import { createKeytarStore } from '../../electron/core/secrets/keytar.store';
import { databasePath } from '../../electron/core/vault/data-dir';
import { VaultHost } from '../../electron/core/vault/vault-host';
import type { BackupView } from '../../shared/contract/views';
import { custodian } from '../support/run-custodian';
import { ADMIN, tempDir, testClock, value } from '../support/test-vault';
import { dirs, expectNothingChanged, refusal, schoolCodes, snapshot, vault, vaultIdOf } from '../support/backup-vaults';

describe('backups: checks, retention and the command line', () => {
  it('refuses a tampered backup, naming the problem, and changes nothing', async () => {
    const v = await vault();
    const backup = value(await v.call(v.admin, 'backup.create', {}));
    value(await v.call(v.admin, 'school.add', { name: 'Kept Academy', code: 'KEPT' }));
    const spare = tempDir();
    dirs.push(spare);
    const original = join(spare.path, 'original.sqlite3');
    copyFileSync(backup.file, original);

    // One byte of the first audit event's action, edited in the file.
    const bytes = readFileSync(original);
    const at = bytes.indexOf('vault.init');
    expect(at).toBeGreaterThan(0);
    bytes[at + 9] = 'x'.charCodeAt(0);
    writeFileSync(backup.file, bytes);
    let before = await snapshot(v);
    const altered = await refusal(v, { id: backup.id });
    expect(altered.code).toBe('backup_invalid');
    expect(altered.message).toMatch(/audit trail fails at event 1: event 1 was altered.*Nothing was changed/);
    await expectNothingChanged(v, before);

    // Cut short.
    copyFileSync(original, backup.file);
    truncateSync(backup.file, Math.floor(bytes.length / 2));
    before = await snapshot(v);
    expect((await refusal(v, { id: backup.id })).message).toMatch(/damaged|cannot be opened/);
    await expectNothingChanged(v, before);

    // The file intact but its record edited (a different time): the seal no longer matches.
    copyFileSync(original, backup.file);
    const recordFile = backup.file.replace(/\.sqlite3$/, '.json');
    const record = JSON.parse(readFileSync(recordFile, 'utf8')) as { takenAt: string };
    writeFileSync(recordFile, JSON.stringify({ ...record, takenAt: '2026-11-25T10:00:00.000Z' }));
    before = await snapshot(v);
    expect((await refusal(v, { id: backup.id })).message).toMatch(/seal does not match/);
    await expectNothingChanged(v, before);
  });

  it('mirrors the trail head in the backup record, as it was when the backup was taken, and names an edited one', async () => {
    const v = await vault();
    value(await v.call(v.admin, 'school.add', { name: 'Before Academy', code: 'BEF' }));
    const backup = value(await v.call(v.admin, 'backup.create', {}));
    await v.core.close();
    const db = new Database(databasePath(v.dataDir), { readonly: true });
    const created = db.prepare("SELECT seq, details FROM audit_events WHERE action = 'backup.create'").get() as { seq: number; details: string };
    // The head then: the event just before the backup's own event.
    const headThen = db.prepare('SELECT seq, hash FROM audit_events WHERE seq = ?').get(created.seq - 1) as { seq: number; hash: string };
    const earlier = db.prepare('SELECT seq, hash FROM audit_events WHERE seq = ?').get(created.seq - 2) as { seq: number; hash: string };
    db.close();
    const recordFile = backup.file.replace(/\.sqlite3$/, '.json');
    const record = JSON.parse(readFileSync(recordFile, 'utf8')) as { auditHead: { seq: number; hash: string } };
    expect(record.auditHead).toEqual(headThen);
    expect(backup.auditHeadSeq).toBe(headThen.seq);
    expect(JSON.parse(created.details)).toMatchObject({ auditHeadSeq: headThen.seq });
    const listed = value(await v.call(v.admin, 'backup.list', {})).backups.find((b) => b.id === backup.id);
    expect(listed?.auditHeadSeq).toBe(headThen.seq);

    // An earlier head (a real one of this trail) written into the record: named, nothing restored.
    writeFileSync(recordFile, JSON.stringify({ ...record, auditHead: earlier }));
    const before = await snapshot(v);
    expect((await refusal(v, { id: backup.id })).message).toMatch(
      new RegExp(`record names audit head ${earlier.seq} .* but the trail it carries ends at event ${headThen.seq} .*do not belong together`),
    );
    await expectNothingChanged(v, before);
  });

  it("refuses another vault's backup and one from a branch of the trail; one from before an earlier restore still restores", async () => {
    const v = await vault();
    const other = await vault();
    const theirs = value(await other.call(other.admin, 'backup.create', {}));
    const before = await snapshot(v);
    const foreign = await refusal(v, { file: theirs.file });
    expect(foreign.message).toMatch(/backup of another vault/);
    await expectNothingChanged(v, before);

    // A copy of this vault that went its own way (same vault id and keychain): its backup is a branch.
    const fork = tempDir();
    dirs.push(fork);
    await v.core.close();
    copyFileSync(databasePath(v.dataDir), databasePath(fork.path));
    // The fork shares this vault's keychain entries; its anchor is put back afterwards, as if it had been on another computer.
    const service = `Custodian vault ${vaultIdOf(v)}`;
    const anchor = await createKeytarStore().get(service, 'audit-anchor');
    // Its own clock too: events with the same time, actor and ids would hash alike (names are not hashed yet).
    const forkCore = createCore({ dataDir: fork.path, secretStore: createKeytarStore(), clock: testClock(new Date('2026-11-25T10:00:00Z')) });
    const forkToken = value(await forkCore.call(null, 'auth.signIn', { email: ADMIN.email, passphrase: ADMIN.passphrase })).token;
    value(await forkCore.call(forkToken, 'school.add', { name: 'Branch Academy', code: 'BRANCH' }));
    const branch = value(await forkCore.call(forkToken, 'backup.create', {}));
    await forkCore.close();
    await createKeytarStore().set(service, 'audit-anchor', anchor ?? '');
    const token = await v.signIn(ADMIN.email, ADMIN.passphrase);
    for (const code of ['ONE', 'TWO']) value(await v.call(token, 'school.add', { name: `${code} Academy`, code }));
    const forked = await v.call(token, 'backup.restoreFile', { file: branch.file });
    expect(forked.ok ? 'restored' : forked.error.message).toMatch(/its event \d+ differs .* not an earlier state of this vault \(its trail is not a prefix/);
    expect(await schoolCodes(v, token)).not.toContain('BRANCH');

    // A backup taken before an earlier restore is still an earlier state: the trail was never rolled back.
    const a = value(await v.call(token, 'backup.create', {}));
    value(await v.call(token, 'school.add', { name: 'Between Academy', code: 'BETWEEN' }));
    const b = value(await v.call(token, 'backup.create', {}));
    value(await v.call(token, 'backup.restore', { id: a.id }));
    const after = await v.signIn(ADMIN.email, ADMIN.passphrase);
    value(await v.call(after, 'backup.restore', { id: b.id }));
    const last = await v.signIn(ADMIN.email, ADMIN.passphrase);
    expect(await schoolCodes(v, last)).toContain('BETWEEN');
    expect(value(await v.call(last, 'audit.verify', {})).ok).toBe(true);
  });

  it('keeps 7 daily and 4 weekly automatic backups over 60 days, and every manual one', async () => {
    const clock = testClock(new Date('2026-09-01T08:00:00Z'));
    const v = await vault({ clock });
    const manual = value(await v.call(v.admin, 'backup.create', {}));
    const made: string[] = [];
    for (let day = 0; day < 60; day += 1) {
      const id = await v.core.backupDue();
      expect(id, `day ${day}`).not.toBeNull();
      made.push(id as string);
      // Asked again the same day: nothing more is due.
      clock.advance(4 * 3_600_000);
      expect(await v.core.backupDue()).toBeNull();
      clock.advance(20 * 3_600_000);
    }
    const { backups } = value(await v.call(v.admin, 'backup.list', {}));
    const of = (kind: BackupView['kind']) => backups.filter((b) => b.kind === kind);
    expect(of('daily')).toHaveLength(7);
    expect(of('weekly')).toHaveLength(4);
    expect(of('manual').map((b) => b.id)).toEqual([manual.id]);
    // The newest daily is today's; the weekly ones are a week apart, each on the first day of its week.
    expect(of('daily')[0]?.id).toBe(made.at(-1));
    const weekly = of('weekly').map((b) => Date.parse(b.takenAt));
    for (let i = 1; i < weekly.length; i += 1) expect((weekly[i - 1] as number) - (weekly[i] as number)).toBe(7 * 86_400_000);
    expect(weekly.every((t) => new Date(t).getUTCDay() === 1)).toBe(true);
    expect(readdirSync(join(v.dataDir, 'backups')).filter((name) => name.endsWith('.sqlite3'))).toHaveLength(12);
  });

  it('takes a sealed backup before migrating an existing vault, and it can be restored', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const clock = testClock();
    const shipped = bundledMigrations();
    const older = shipped.slice(0, -1);
    const host = new VaultHost(dir.path, createKeytarStore(), clock, () => {}, undefined, older);
    await host.create({ trustName: 'Older Trust', adminName: ADMIN.name, adminEmail: ADMIN.email, passphraseHash: await hashPassphrase(ADMIN.passphrase) });
    await host.close();
    expect(existsSync(join(dir.path, 'backups'))).toBe(false);

    clock.advance(60_000);
    const core = createCore({ dataDir: dir.path, secretStore: createKeytarStore(), clock });
    const token = value(await core.call(null, 'auth.signIn', { email: ADMIN.email, passphrase: ADMIN.passphrase })).token;
    const { backups } = value(await core.call(token, 'backup.list', {}));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatchObject({ kind: 'pre-migration', sealed: true, schemaVersion: older.length });
    // Restored, its staged copy is migrated before the swap (the backup itself is the copy from before).
    value(await core.call(token, 'backup.restore', { id: (backups[0] as BackupView).id }));
    const after = value(await core.call(null, 'auth.signIn', { email: ADMIN.email, passphrase: ADMIN.passphrase })).token;
    expect(value(await core.call(after, 'audit.verify', {})).ok).toBe(true);
    expect(value(await core.call(after, 'backup.list', {})).backups.filter((b) => b.kind === 'pre-migration')).toHaveLength(1);
    await core.close();
  });

  it('custodian backup create, list, folder and restore', async () => {
    const v = await vault();
    await v.core.close();
    const env = { CUSTODIAN_DATA_DIR: v.dataDir, CUSTODIAN_OPERATOR: ADMIN.email, CUSTODIAN_PASSPHRASE: ADMIN.passphrase };
    const folder = tempDir();
    dirs.push(folder);
    const moved = custodian(['backup', 'folder', folder.path], { env });
    expect(moved.code, moved.stderr).toBe(0);
    const created = custodian(['backup', 'create'], { env });
    expect(created.code, created.stderr).toBe(0);
    const id = created.stdout.trim();
    expect(readdirSync(folder.path)).toContain(`${id}.sqlite3`);
    const list = JSON.parse(custodian(['backup', 'list', '--json'], { env }).stdout) as { folder: string; backups: BackupView[] };
    expect(list.folder).toBe(folder.path);
    expect(list.backups.map((b) => b.id)).toEqual([id]);

    expect(custodian(['school', 'add', '--name', 'Later Academy', '--code', 'LATER'], { env }).code).toBe(0);
    // An empty name or a folder is not a backup: named as such, not an internal error.
    const empty = custodian(['backup', 'restore', '', '--yes'], { env });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/Name the backup to restore/);
    const aFolder = custodian(['backup', 'restore', folder.path, '--yes'], { env });
    expect(aFolder.code).toBe(2);
    expect(aFolder.stderr).toMatch(/is a folder, not a backup file/);
    const unconfirmed = custodian(['backup', 'restore', id], { env });
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toMatch(/add --yes/);
    const restored = custodian(['backup', 'restore', id, '--yes'], { env });
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toBe(`restored ${id}\n`);
    expect(restored.stderr).toMatch(/kept as .*replaced-/);
    expect(custodian(['school', 'list', '--json'], { env }).stdout).not.toContain('LATER');
    const refused = custodian(['backup', 'restore', join(v.dataDir, 'custodian.sqlite3'), '--yes'], { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/record .* is missing/);
  });
});
