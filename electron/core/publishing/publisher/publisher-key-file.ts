import { closeSync, fchmodSync, fstatSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { CoreError } from '../../errors';

/**
 * The publisher key file of a headless server box (the documented exception to "keys live in
 * the keychain"): written once, 0400, never over an existing file; read only when no one but
 * its owner can read it, as ssh treats a private key.
 */
export const KEY_FILE_MODE = 0o400;

export function writeNewKeyFile(path: string, text: string): void {
  let fd: number;
  try {
    fd = openSync(path, 'wx', KEY_FILE_MODE);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new CoreError('conflict', `${path} already exists: Custodian never overwrites a key file. Name a new file. Nothing was enrolled.`, 'keyFile');
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new CoreError('not_found', `The folder of ${path} does not exist. Nothing was enrolled.`, 'keyFile');
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new CoreError('forbidden', `Custodian may not write ${path}. Nothing was enrolled.`, 'keyFile');
    throw error;
  }
  try {
    // The mode given to open() is masked by the umask: set it exactly.
    fchmodSync(fd, KEY_FILE_MODE);
    const bytes = Buffer.from(text, 'utf8');
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
  } catch (error) {
    closeSync(fd);
    removeKeyFile(path);
    throw error;
  }
  closeSync(fd);
}

/** Undoes a key file this enrolment wrote, when the enrolment did not commit. */
export function removeKeyFile(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone: nothing to undo.
  }
}

/**
 * The key file's text, or a clear refusal: missing, not a file, someone else's, or readable or
 * writable by group or others (the key would be anyone's on that box). Null when there is no file.
 */
export function readKeyFile(path: string): string | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    if (code === 'EACCES' || code === 'EPERM') throw new CoreError('forbidden', `Custodian may not read the publisher key file ${path}.`, 'keyFile');
    throw error;
  }
  try {
    // fstat of the open file, not stat of the path: the file checked is the file read.
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new CoreError('invalid_input', `The publisher key file ${path} is not a file.`, 'keyFile');
    if (process.platform !== 'win32') {
      if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) {
        throw new CoreError('forbidden', `The publisher key file ${path} belongs to another user: Custodian uses only a key file of the user it runs as.`, 'keyFile');
      }
      if ((stat.mode & 0o077) !== 0) {
        const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
        throw new CoreError('forbidden', `The publisher key file ${path} is open to other users (mode ${mode}): Custodian does not use it. Make it private with: chmod 400 ${path}`, 'keyFile');
      }
    }
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}
