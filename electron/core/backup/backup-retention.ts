import type { BackupEntry, BackupKind } from './backup-files';
import { kindOfId } from './backup-files';

/**
 * How many of each kind are kept. Daily and weekly backups are automatic: the newest 7 daily
 * and the newest 4 weekly stay (about a week of days and a month of weeks). A backup taken
 * before a migration is kept until 5 newer ones exist. Manual backups are never deleted by
 * Custodian: someone made them on purpose, so only a person removes them.
 */
export const KEEP: Readonly<Record<BackupKind, number>> = { daily: 7, weekly: 4, 'pre-migration': 5, manual: Infinity };

/** The backups to delete, given every backup in the folder (newest first). */
export function backupsToPrune(entries: readonly BackupEntry[]): BackupEntry[] {
  const seen: Record<BackupKind, number> = { daily: 0, weekly: 0, 'pre-migration': 0, manual: 0 };
  const prune: BackupEntry[] = [];
  for (const entry of entries) {
    // A file without a record is left alone: it is not clear what it is, so a person decides.
    const kind = entry.record?.kind ?? null;
    if (kind === null || kind !== kindOfId(entry.id)) continue;
    seen[kind] += 1;
    if (seen[kind] > KEEP[kind]) prune.push(entry);
  }
  return prune;
}
