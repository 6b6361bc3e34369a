import { appendFileSync, chmodSync, closeSync, createWriteStream, fchmodSync, mkdirSync, openSync, writeFileSync, type WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';

/**
 * Everything Custodian writes is private to the OS user: the database holds passphrase hashes,
 * the consent register and incidents; backups, logs, evidence, review packs and transfer files
 * say as much. Folders are created 0700 and files 0600, here and nowhere else, so that no call
 * site can forget. (On Windows these modes mean nothing: the per-user folder's ACL does the job,
 * docs/desktop-shell.md.)
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates the folder and any missing parents, private. Returns the first folder it created (undefined: it was there). */
export function makePrivateDir(path: string): string | undefined {
  return mkdirSync(path, { recursive: true, mode: PRIVATE_DIR_MODE });
}

export function makePrivateDirAsync(path: string): Promise<string | undefined> {
  return mkdir(path, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/**
 * Writes a whole file, private. The mode given to open() applies only to a new file, so one
 * that was there (made looser by an older version) is tightened before anything is written.
 */
export function writePrivateFile(path: string, data: string | Uint8Array, flag: 'w' | 'wx' = 'w'): void {
  const fd = openSync(path, flag, PRIVATE_FILE_MODE);
  try {
    fchmodSync(fd, PRIVATE_FILE_MODE);
    writeFileSync(fd, data);
  } finally {
    closeSync(fd);
  }
}

/** A new file only ('wx'), as the review pack writes its files. */
export function writePrivateFileAsync(path: string, data: string | Uint8Array): Promise<void> {
  return writeFile(path, data, { flag: 'wx', mode: PRIVATE_FILE_MODE });
}

/** Appends a line to a log file, private. */
export function appendPrivateFile(path: string, data: string): void {
  appendFileSync(path, data, { mode: PRIVATE_FILE_MODE });
}

export function createPrivateWriteStream(path: string): WriteStream {
  return createWriteStream(path, { flags: 'wx', mode: PRIVATE_FILE_MODE });
}

/**
 * An empty private file for SQLite to fill (a database, a backup copy): SQLite creates files
 * 0644, and gives a database's -wal and -shm the mode of the database file, so creating the
 * file first makes all three private.
 */
export function createPrivateEmptyFile(path: string): void {
  closeSync(openSync(path, 'wx', PRIVATE_FILE_MODE));
}

/** For a file another library wrote (exceljs, a copy of an older backup): private before it is used. */
export function makeFilePrivate(path: string): void {
  chmodSync(path, PRIVATE_FILE_MODE);
}
