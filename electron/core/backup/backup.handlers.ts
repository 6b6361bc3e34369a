import { existsSync, statSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import type { Sessions } from '../auth/sessions';
import { CoreError } from '../errors';
import type { HandlerMap, Operator } from '../handler-types';
import type { Vault } from '../vault/vault';
import type { VaultHost } from '../vault/vault-host';
import { vaultFile } from '../vault/vault-file';
import { dueAutomaticKind, pruneBackups, takeBackup, type BackupSource } from './backup-create';
import { BACKUP_EXT, isBackupId, listBackups, readRecord, toView, type BackupEntry } from './backup-files';
import { backupFolder, chooseBackupFolder } from './backup-folder';
import { restoreBackup } from './backup-restore';

type BackupMethod = 'backup.create' | 'backup.list' | 'backup.restore' | 'backup.restoreFile' | 'backup.setFolder';

function sourceOf(vault: Vault, host: VaultHost): BackupSource {
  return { db: vaultFile(vault, 'A backup').db, vaultId: vault.vaultId, macKeyHex: vault.macKeyHex, ...(host.nativeBinding === undefined ? {} : { nativeBinding: host.nativeBinding }) };
}

/** A backup named by its id (in the backup folder) or by a full path to its file. */
function findBackup(dataDir: string, ref: { id?: string | undefined; file?: string | undefined }): BackupEntry {
  const file = ref.id !== undefined ? join(backupFolder(dataDir), ref.id + BACKUP_EXT) : (ref.file as string);
  if (!isAbsolute(file) || !existsSync(file)) {
    throw new CoreError('not_found', ref.id !== undefined ? `There is no backup ${ref.id} in ${backupFolder(dataDir)}.` : `There is no file at ${file}.`);
  }
  // A folder (an empty name resolves to the current one) is not a backup: say so, not "internal error".
  if (!statSync(file).isFile()) throw new CoreError('invalid_input', `${file} is a folder, not a backup file: name a custodian-….sqlite3 file or a backup id.`, 'file');
  const name = basename(file);
  const id = name.endsWith(BACKUP_EXT) && isBackupId(name.slice(0, -BACKUP_EXT.length)) ? name.slice(0, -BACKUP_EXT.length) : name;
  return { id, file, record: readRecord(file) };
}

export function backupHandlers(host: VaultHost, sessions: Sessions): HandlerMap<BackupMethod> {
  return {
    'backup.create': async ({ vault, operator }) => {
      // The anchor may trail the head by up to a second: the backup's head is anchored first.
      await vault.anchor.flush();
      const backup = await takeBackup(sourceOf(vault, host), backupFolder(vault.dataDir), 'manual', vault.clock.now());
      await vault.audit.append({
        actorId: operator.personId,
        action: 'backup.create',
        outcome: 'ok',
        details: { backup: backup.id, kind: 'manual', auditHeadSeq: backup.record.auditHead.seq },
      });
      return toView(backup);
    },

    'backup.list': ({ vault }) => {
      const folder = backupFolder(vault.dataDir);
      return { folder, backups: listBackups(folder).map(toView) };
    },

    'backup.setFolder': async ({ vault, operator }, input) => {
      const folder = chooseBackupFolder(vault.dataDir, input.folder);
      await vault.audit.append({ actorId: operator.personId, action: 'backup.folder', outcome: 'ok', details: { folder } });
      return { folder };
    },

    'backup.restore': ({ vault, operator }, input) => restore(vault, operator, findBackup(vault.dataDir, input)),
    'backup.restoreFile': ({ vault, operator }, input) => restore(vault, operator, findBackup(vault.dataDir, input)),
  };

  async function restore(vault: Vault, operator: Operator, entry: BackupEntry) {
    const restored = await restoreBackup(host, vault, operator, entry);
    // Who may sign in, and with which passphrase, is what the restored database says now.
    sessions.endAll();
    return { restored: toView(entry), replacedFile: restored.replacedFile, signedOut: true as const };
  }
}

/**
 * The automatic daily backup (the desktop app asks every few minutes while it runs): does
 * nothing until a vault exists or when today's backup is already there, so asking is cheap.
 * Returns the new backup's id, or null.
 */
export async function automaticBackupIfDue(host: VaultHost): Promise<string | null> {
  if (!(await host.exists())) return null;
  const vault = await host.open();
  // The trust's server is backed up by PostgreSQL's own tools, not by each desktop.
  if (vault.file === null) return null;
  const folder = backupFolder(vault.dataDir);
  const now = vault.clock.now();
  const kind = dueAutomaticKind(listBackups(folder), now);
  if (kind === null) return null;
  await vault.anchor.flush();
  const backup = await takeBackup(sourceOf(vault, host), folder, kind, now);
  const pruned = pruneBackups(folder);
  await vault.audit.append({ actorId: null, action: 'backup.create', outcome: 'ok', details: { backup: backup.id, kind, auditHeadSeq: backup.record.auditHead.seq, pruned: pruned.length } });
  return backup.id;
}
