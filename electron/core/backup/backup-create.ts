import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { addDays, weekday } from '../../../shared/calendar/iso-date';
import { londonDate } from '../../../shared/calendar/london-date';
import { BACKUP_EXT, backupId, recordPath, sealRecord, sha256OfFile, type BackupEntry, type BackupKind, type BackupRecord } from './backup-files';
import { createPrivateEmptyFile, makePrivateDir, writePrivateFile } from '../files/private-files';
import { backupsToPrune } from './backup-retention';
import { listBackups } from './backup-files';

/** What a backup is taken from: the open database and what seals its record. */
export interface BackupSource {
  db: BetterSqlite3.Database;
  vaultId: string;
  macKeyHex: string;
  /** The desktop app's Electron-ABI build of better-sqlite3, for opening the copy. */
  nativeBinding?: string;
}

export type SealedBackup = BackupEntry & { record: BackupRecord };

/**
 * Copies the live database with SQLite's online backup API (consistent, while others keep
 * working), into a hidden partial file that is renamed into place only when complete, so a
 * crash never leaves a half backup that looks whole. The record is written first and the
 * database last: a backup that is listed always has its record.
 */
export async function takeBackup(source: BackupSource, folder: string, kind: BackupKind, now: Date): Promise<SealedBackup> {
  makePrivateDir(folder);
  let attempt = 1;
  let id = backupId(now, kind);
  while (existsSync(join(folder, id + BACKUP_EXT))) id = backupId(now, kind, (attempt += 1));
  const file = join(folder, id + BACKUP_EXT);
  const partial = join(folder, `.${id}.partial`);
  const partialRecord = `${partial}.json`;
  const cleanUp = () => [partial, `${partial}-journal`, `${partial}-wal`, `${partial}-shm`, partialRecord].forEach((path) => rmSync(path, { force: true }));
  try {
    // A partial file left by a process killed at the same second is never a backup: start afresh.
    cleanUp();
    createPrivateEmptyFile(partial);
    await source.db.backup(partial);
    const facts = describeCopy(partial, source.nativeBinding);
    const record = sealRecord(
      {
        format: 1,
        id,
        kind,
        takenAt: now.toISOString(),
        vaultId: facts.vaultId ?? source.vaultId,
        schemaVersion: facts.schemaVersion,
        auditHead: facts.head,
        sha256: await sha256OfFile(partial),
        bytes: statSync(partial).size,
      },
      source.macKeyHex,
    );
    writePrivateFile(partialRecord, `${JSON.stringify(record, null, 2)}\n`);
    renameSync(partialRecord, recordPath(file));
    renameSync(partial, file);
    return { id, file, record };
  } catch (error) {
    cleanUp();
    throw error;
  }
}

/** Makes the copy one self-contained file (no WAL beside it) and reads what its record says. */
function describeCopy(path: string, nativeBinding?: string): { vaultId: string | null; schemaVersion: number; head: { seq: number; hash: string } } {
  const copy = new Database(path, { fileMustExist: true, ...(nativeBinding === undefined ? {} : { nativeBinding }) });
  try {
    copy.pragma('journal_mode = DELETE');
    const vault = copy.prepare('SELECT vault_id FROM vault WHERE id = 1').get() as { vault_id: string } | undefined;
    const version = copy.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
    const head = copy.prepare('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
    return { vaultId: vault?.vault_id ?? null, schemaVersion: version.v ?? 0, head: head ?? { seq: 0, hash: '' } };
  } finally {
    copy.close();
  }
}

/** Deletes what the retention rule no longer keeps (backup-retention.ts); returns the ids. */
export function pruneBackups(folder: string): string[] {
  const pruned = backupsToPrune(listBackups(folder));
  for (const entry of pruned) {
    rmSync(entry.file, { force: true });
    rmSync(recordPath(entry.file), { force: true });
  }
  return pruned.map((entry) => entry.id);
}

/**
 * The automatic backup due now, if any: one a day (UK days). The first of each week (Monday to
 * Sunday) is kept as the weekly one, the rest as daily ones, so the weekly backups are spread a
 * week apart and outlive the daily ones.
 */
export function dueAutomaticKind(entries: readonly BackupEntry[], now: Date): 'daily' | 'weekly' | null {
  const today = londonDate(now.getTime());
  const automatic = entries.flatMap((entry) =>
    entry.record !== null && (entry.record.kind === 'daily' || entry.record.kind === 'weekly')
      ? [{ kind: entry.record.kind, day: londonDate(entry.record.takenAt) }]
      : [],
  );
  if (automatic.some((backup) => backup.day === today)) return null;
  const monday = mondayOf(today);
  return automatic.some((backup) => backup.kind === 'weekly' && mondayOf(backup.day) === monday) ? 'daily' : 'weekly';
}

function mondayOf(date: string): string {
  return addDays(date, -((weekday(date) + 6) % 7));
}
