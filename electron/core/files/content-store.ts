import { createHash, randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { makePrivateDirAsync, PRIVATE_FILE_MODE } from './private-files';

/**
 * Files in the data folder named by their content: <dataDir>/<folder>/<sha256>.<ext>. Used for
 * incident evidence (evidence/) and post media (media/). A file is written atomically and never
 * replaced by a different one; the same content is stored once.
 */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function contentFileName(sha256: string, extension: string): string {
  return `${sha256}.${extension}`;
}

/**
 * Writes the file as <dataDir>/<folder>/<sha256>.<ext>, atomically: into a temporary file in
 * the same folder, flushed to disk, then renamed into place, so the folder never holds half a
 * file under a content name. A file already there with the right SHA-256 is kept as it is (one
 * that no longer matches is replaced). The files may show personal data (a screenshot, a photo
 * of pupils), so the folder and files are private to the user.
 */
export async function storeContentFile(dataDir: string, folder: string, bytes: Buffer, sha256: string, extension: string): Promise<string> {
  const dir = join(dataDir, folder);
  await makePrivateDirAsync(dir);
  const fileName = contentFileName(sha256, extension);
  const target = join(dir, fileName);
  const existing = await readFile(target).catch(() => null);
  if (existing !== null && sha256Hex(existing) === sha256) return fileName;
  const temp = join(dir, `.incoming-${randomBytes(8).toString('hex')}`);
  try {
    const handle = await open(temp, 'wx', PRIVATE_FILE_MODE);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  return fileName;
}

/**
 * Removes a stored file (absent already is fine). Synchronous on purpose: the caller checks in
 * the database that nothing names the file any more and removes it in the same turn, so no
 * other call in this process can attach the same content in between.
 */
export function removeContentFile(dataDir: string, folder: string, fileName: string): boolean {
  if (!/^[0-9a-f]{64}\.[a-z0-9]{3,4}$/.test(fileName)) throw new Error('not a content file name');
  const path = join(dataDir, folder, fileName);
  try {
    rmSync(path);
    return true;
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return false;
    throw error;
  }
}
