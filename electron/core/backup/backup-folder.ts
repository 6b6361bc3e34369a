import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { CoreError } from '../errors';
import { makePrivateDir, writePrivateFile } from '../files/private-files';

/**
 * The backup folder is kept in a small settings file in the data folder rather than in the
 * database: the migrator needs it before the database is at the current version, and a
 * restore must not change where backups go.
 */
const SETTINGS_FILE = 'backup-settings.json';

export function defaultBackupFolder(dataDir: string): string {
  return join(dataDir, 'backups');
}

export function backupFolder(dataDir: string): string {
  const path = join(dataDir, SETTINGS_FILE);
  if (!existsSync(path)) return defaultBackupFolder(dataDir);
  try {
    const folder = (JSON.parse(readFileSync(path, 'utf8')) as { folder?: unknown }).folder;
    if (typeof folder === 'string' && isAbsolute(folder)) return folder;
  } catch {
    // An unreadable settings file falls back to the default rather than stopping backups.
  }
  return defaultBackupFolder(dataDir);
}

/** Creates the folder if needed and proves it can be written to before remembering it. */
export function chooseBackupFolder(dataDir: string, folder: string): string {
  const absolute = resolve(folder);
  const probe = join(absolute, `.custodian-probe-${process.pid}`);
  try {
    makePrivateDir(absolute);
    writePrivateFile(probe, 'probe', 'wx');
    rmSync(probe, { force: true });
  } catch (error) {
    throw new CoreError(
      'conflict',
      `Custodian cannot keep backups in ${absolute}: ${(error as NodeJS.ErrnoException).code ?? 'not writable'}. Choose a folder you can write to.`,
      'folder',
    );
  }
  const path = join(dataDir, SETTINGS_FILE);
  writePrivateFile(`${path}.tmp`, `${JSON.stringify({ folder: absolute }, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
  return absolute;
}
