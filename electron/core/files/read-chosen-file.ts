import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { CoreError } from '../errors';
import type { ChosenFile } from './file-picker';

/** The imports' limit (the contract's for import.register and import.credentials). */
export const CHOSEN_FILE_MAX_BYTES = 5 * 1024 * 1024;

/**
 * The text of a file the person picked in main's dialog. Its size is checked before it is read
 * into memory; a folder, an unreadable, oversized or non-UTF-8 file is a refusal that names the
 * file (never its folder) and says what to do.
 */
export async function readChosenFile(path: string, maxBytes = CHOSEN_FILE_MAX_BYTES): Promise<ChosenFile> {
  const name = basename(path);
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new CoreError('invalid_input', `${name} is not a file. Choose the file itself.`, 'file');
    if (info.size > maxBytes) throw new CoreError('invalid_input', `${name} is too large to import (at most ${Math.round(maxBytes / 1024 / 1024)} MB).`, 'file');
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof CoreError) throw error;
    throw new CoreError('invalid_input', `${name} could not be read. Check that you may open it, then choose it again.`, 'file');
  }
  try {
    return { name, content: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    throw new CoreError('invalid_input', `${name} is not UTF-8 text. Save it as CSV UTF-8 (or export it again from the password manager) and choose it again.`, 'file');
  } finally {
    bytes.fill(0);
  }
}
