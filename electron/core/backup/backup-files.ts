import { createHash, createHmac } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { BackupView } from '../../../shared/contract/views';
import { backupKinds } from '../../../shared/contract/fields';

export type BackupKind = (typeof backupKinds)[number];

/**
 * What a backup's record (the .json beside the .sqlite3) says. Nothing in it is secret: the
 * vault id, the audit head and the file's SHA-256. The seal is an HMAC over all of it with a key
 * derived from the vault's audit key (keychain), so the record and the file it describes cannot
 * be made or edited without that key.
 */
export interface BackupRecord {
  format: 1;
  id: string;
  kind: BackupKind;
  takenAt: string;
  vaultId: string;
  schemaVersion: number;
  auditHead: { seq: number; hash: string };
  sha256: string;
  bytes: number;
  seal: string;
}

export const BACKUP_EXT = '.sqlite3';
const ID_PATTERN = /^custodian-(\d{4}-\d{2}-\d{2}T\d{6}Z)-(daily|weekly|manual|pre-migration)(-\d+)?$/;

/** custodian-2026-11-24T100000Z-daily: sorts by time, says what it is, safe on every file system. */
export function backupId(takenAt: Date, kind: BackupKind, attempt = 1): string {
  const stamp = takenAt.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '');
  return `custodian-${stamp}-${kind}${attempt > 1 ? `-${attempt}` : ''}`;
}

export function isBackupId(id: string): boolean {
  return ID_PATTERN.test(id);
}

export function recordPath(databaseFile: string): string {
  return databaseFile.endsWith(BACKUP_EXT) ? `${databaseFile.slice(0, -BACKUP_EXT.length)}.json` : `${databaseFile}.json`;
}

/** Domain-separated from the audit MACs: a seal can never be mistaken for an audit event's MAC. */
function sealKey(macKeyHex: string): Buffer {
  return createHmac('sha256', Buffer.from(macKeyHex, 'hex')).update('custodian backup seal v1').digest();
}

function sealedText(record: Omit<BackupRecord, 'seal'>): string {
  return JSON.stringify([
    record.format,
    record.id,
    record.kind,
    record.takenAt,
    record.vaultId,
    record.schemaVersion,
    record.auditHead.seq,
    record.auditHead.hash,
    record.sha256,
    record.bytes,
  ]);
}

export function sealRecord(record: Omit<BackupRecord, 'seal'>, macKeyHex: string): BackupRecord {
  return { ...record, seal: createHmac('sha256', sealKey(macKeyHex)).update(sealedText(record)).digest('hex') };
}

export function sealMatches(record: BackupRecord, macKeyHex: string): boolean {
  return sealRecord(record, macKeyHex).seal === record.seal;
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The record beside a backup file, or null when it is missing or not one of ours. */
export function readRecord(databaseFile: string): BackupRecord | null {
  const path = recordPath(databaseFile);
  if (!existsSync(path)) return null;
  try {
    const r = JSON.parse(readFileSync(path, 'utf8')) as Partial<BackupRecord>;
    const ok =
      r.format === 1 &&
      typeof r.id === 'string' &&
      (backupKinds as readonly unknown[]).includes(r.kind) &&
      typeof r.takenAt === 'string' &&
      !Number.isNaN(Date.parse(r.takenAt)) &&
      typeof r.vaultId === 'string' &&
      Number.isSafeInteger(r.schemaVersion) &&
      Number.isSafeInteger(r.auditHead?.seq) &&
      typeof r.auditHead?.hash === 'string' &&
      typeof r.sha256 === 'string' &&
      Number.isSafeInteger(r.bytes) &&
      typeof r.seal === 'string';
    return ok ? (r as BackupRecord) : null;
  } catch {
    return null;
  }
}

export interface BackupEntry {
  id: string;
  file: string;
  record: BackupRecord | null;
}

/** Every backup in a folder (by its name), newest first, with its record when it has one. */
export function listBackups(folder: string): BackupEntry[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith(BACKUP_EXT) && isBackupId(name.slice(0, -BACKUP_EXT.length)))
    .map((name) => {
      const file = join(folder, name);
      return { id: name.slice(0, -BACKUP_EXT.length), file, record: readRecord(file) };
    })
    .sort((a, b) => entryTime(b).localeCompare(entryTime(a)) || b.id.localeCompare(a.id));
}

function entryTime(entry: BackupEntry): string {
  return entry.record?.takenAt ?? entry.id;
}

/** The kind a backup's name gives (its record may be missing). */
export function kindOfId(id: string): BackupKind | null {
  return (ID_PATTERN.exec(id)?.[2] as BackupKind | undefined) ?? null;
}

export function toView(entry: BackupEntry): BackupView {
  const { record } = entry;
  let bytes = record?.bytes ?? 0;
  if (record === null) {
    try {
      bytes = statSync(entry.file).size;
    } catch {
      bytes = 0;
    }
  }
  return {
    id: entry.id,
    file: entry.file,
    kind: record?.kind ?? kindOfId(basename(entry.id)) ?? 'manual',
    takenAt: record?.takenAt ?? '',
    bytes,
    schemaVersion: record?.schemaVersion ?? 0,
    auditHeadSeq: record?.auditHead.seq ?? 0,
    sealed: record !== null,
  };
}
