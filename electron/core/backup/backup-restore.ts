import { copyFileSync, existsSync, linkSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { AuditAnchor } from '../audit/audit-anchor';
import { verifyAuditTrail } from '../audit/audit-verify';
import { AuditLog, type AuditHead } from '../audit/audit.repo';
import { readRegisterSnapshot, registerDigest } from '../audit/register-snapshot';
import { openDatabase } from '../db/database';
import { migrate } from '../db/migrator';
import { qb, Sql } from '../db/sql';
import { SqliteDb } from '../db/sqlite-db';
import { CoreError } from '../errors';
import type { Operator } from '../handler-types';
import { addNotification } from '../notifications/notifications.repo';
import { databasePath } from '../vault/data-dir';
import type { Vault } from '../vault/vault';
import { vaultFile } from '../vault/vault-file';
import { makeFilePrivate } from '../files/private-files';
import type { VaultHost } from '../vault/vault-host';
import type { BackupEntry } from './backup-files';
import { backupFolder } from './backup-folder';
import { checkBackupCopy } from './backup-verify';
import { carryLaterRows } from './restore-carry';
import { reachedStep } from './restore-steps';
import { formatUkTime } from '../../../shared/calendar/uk-time';

export interface Restored {
  head: AuditHead;
  replacedFile: string;
  /** How many live events after the backup's head were kept. */
  carried: number;
}

const SIDE_FILES = ['', '-wal', '-shm', '-journal'] as const;
const STAGING_PREFIX = '.restore-';

/**
 * Restores a backup without rolling back the trail. All the work happens on a staged copy in
 * the data folder; the live database changes only by one atomic rename at the end, so a kill
 * at any moment leaves either the live vault untouched or the restored one complete:
 * 1. the backup is copied and checked (checkBackupCopy: its trail must be a prefix of the live
 *    trail, the same hash at its head), then migrated to this app's schema;
 * 2. with the vault closed and the live database write-locked (its WAL checkpointed and empty),
 *    every live row after the backup's head is carried into the copy (restore-carry.ts), then
 *    the restore's own event, chained and MACed as usual, records the restored register, and a
 *    notice for administrators and auditors says what happened;
 * 3. the copy becomes one self-contained file, the live file is kept as .replaced (a hard link,
 *    for people: nothing in the trail depends on it) and the copy is renamed over the live file.
 * The trail after a restore is the live trail plus the restore event, so the keychain anchor
 * stays on its chain and simply advances.
 */
export async function restoreBackup(host: VaultHost, vault: Vault, operator: Operator, entry: BackupEntry): Promise<Restored> {
  const file = vaultFile(vault, 'Restoring a backup');
  const now = vault.clock.now();
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '');
  removeStaleStaging(vault.dataDir);
  const staging = join(vault.dataDir, `${STAGING_PREFIX}${stamp}.sqlite3`);
  const removeStaging = () => SIDE_FILES.forEach((suffix) => rmSync(staging + suffix, { force: true }));
  const nativeBinding = host.nativeBinding === undefined ? {} : { nativeBinding: host.nativeBinding };
  let head: AuditHead;
  try {
    copyFileSync(entry.file, staging);
    // A copy keeps its source's mode: a backup from an older version may be 0644.
    makeFilePrivate(staging);
    await vault.anchor.flush();
    const anchor = await AuditAnchor.read(vault.secrets);
    const trail = await verifyAuditTrail(vault.data, file.db, vault.macKeyHex, anchor.kind === 'head' ? anchor.head : null);
    head = await checkBackupCopy(staging, entry.record, {
      vaultId: vault.vaultId,
      macKeyHex: vault.macKeyHex,
      trail: trail.ok ? { ok: true, headSeq: trail.headSeq } : { ok: false, firstBadSeq: trail.firstBadSeq },
      hashAt: (seq) => file.audit.hashAtSync(seq),
      anchor,
      migrations: host.migrations,
      ...nativeBinding,
    });
    reachedStep('checked');
    // The carried rows and the restore event need this app's columns: the backup may be older.
    const staged = openDatabase(staging, { create: false, ...nativeBinding });
    try {
      await migrate(staged, host.migrations, { backupDir: backupFolder(vault.dataDir), now, backup: () => Promise.resolve(entry.file) });
    } finally {
      staged.close();
    }
    reachedStep('migrated');
  } catch (error) {
    removeStaging();
    throw error;
  }

  const live = databasePath(vault.dataDir);
  const replacedFile = `${live}.replaced-${stamp}`;
  // Linked under the staging prefix first: a kill before the swap leaves nothing that looks kept.
  const replacedLink = `${staging}.replaced`;
  const { macKeyHex, clock } = vault;
  const carried = await host.whileClosed(async () => {
    const lock = lockLive(live, nativeBinding);
    let count: number;
    try {
      count = await finishStaged(staging, lock, { head, entry, operator, macKeyHex, now: () => clock.now(), ...nativeBinding });
      linkSync(live, replacedLink);
      reachedStep('linked');
      renameSync(staging, live);
    } catch (error) {
      rmSync(replacedLink, { force: true });
      removeStaging();
      throw error;
    } finally {
      lock.close();
    }
    reachedStep('swapped');
    // The old WAL was empty (checked under the lock); its files must not meet the new database.
    for (const suffix of ['-wal', '-shm']) rmSync(live + suffix, { force: true });
    renameSync(replacedLink, replacedFile);
    return count;
  });
  const restored = await host.open();
  reachedStep('reopened');
  restored.anchor.noteAppend();
  await restored.anchor.flush();
  return { head, replacedFile, carried };
}

/**
 * Opens the live database and holds its write lock until the rename: nothing else can append
 * between the carry and the swap. Its WAL is checkpointed into the file first and must be
 * empty, so the rename moves every committed change and leaves no frames for another file.
 */
function lockLive(live: string, nativeBinding: { nativeBinding?: string }): BetterSqlite3.Database {
  const lock = new Database(live, { fileMustExist: true, ...nativeBinding });
  try {
    lock.pragma('busy_timeout = 5000');
    lock.pragma('wal_checkpoint(TRUNCATE)');
    lock.exec('BEGIN IMMEDIATE');
    if (existsSync(`${live}-wal`) && statSync(`${live}-wal`).size > 0) {
      throw new CoreError('conflict', 'Another Custodian (the desktop app, or a scheduler) is using this vault: close it and restore again. Nothing was changed.');
    }
    reachedStep('locked');
    return lock;
  } catch (error) {
    lock.close();
    throw error;
  }
}

interface FinishInput {
  head: AuditHead;
  entry: BackupEntry;
  operator: Operator;
  macKeyHex: string;
  now: () => Date;
  nativeBinding?: string;
}

/** In one transaction on the staged copy: the carried rows, then the restore event. Returns the events carried. */
async function finishStaged(staging: string, live: BetterSqlite3.Database, input: FinishInput): Promise<number> {
  const staged = openDatabase(staging, { create: false, ...(input.nativeBinding === undefined ? {} : { nativeBinding: input.nativeBinding }) });
  try {
    const sql = new Sql(staged);
    const db = new SqliteDb(sql);
    // The carry and the trail's append are still better-sqlite3 (restore-carry.ts, audit.repo.ts):
    // on the same connection, they run inside this transaction.
    const carried = await db.transaction(async () => {
      const rows = carryLaterRows(live, staged, input.head.seq, input.now().toISOString());
      const events = rows.audit_events ?? 0;
      const register = await readRegisterSnapshot(db);
      // The operator's person id means the same person in the restored database only if it is there
      // with the same email; otherwise the event names them in its details and has no actor id.
      const same = await db.first(qb.selectFrom('people').select('email').where('id', '=', input.operator.personId));
      const event = new AuditLog(sql, input.macKeyHex, input.now).appendSync({
        actorId: same?.email === input.operator.email ? input.operator.personId : null,
        action: 'backup.restore',
        target: null,
        outcome: 'ok',
        details: {
          summary: `restored from the backup taken at ${input.entry.record?.takenAt ?? 'an unknown time'}; ${events} later events kept`,
          backupId: input.entry.id,
          takenAt: input.entry.record?.takenAt ?? null,
          restoredBy: input.operator.email,
          fromSeq: input.head.seq,
          carried: events,
          register,
          digest: registerDigest(register),
        },
      });
      const takenAt = input.entry.record === null ? 'an unknown time' : `${formatUkTime(input.entry.record.takenAt, 'dateTime')} (UK time)`;
      await addNotification(db, {
        kind: 'vault-restored',
        subject: `audit:${event.seq}`,
        schoolId: null,
        message: `The vault was restored from the backup of ${takenAt} by ${input.operator.email}; ${events} later ${events === 1 ? 'event was' : 'events were'} kept in the audit trail.`,
        at: input.now().toISOString(),
      });
      return events;
    });
    reachedStep('carried');
    // One self-contained file (no WAL beside it), so the rename moves all of it.
    staged.pragma('journal_mode = DELETE');
    return carried;
  } finally {
    staged.close();
  }
}

/** A restore killed before its swap leaves its staged copy: it holds nothing the live vault lacks. */
function removeStaleStaging(dataDir: string): void {
  for (const name of readdirSync(dataDir)) {
    if (name.startsWith(STAGING_PREFIX)) rmSync(join(dataDir, name), { force: true });
  }
}

