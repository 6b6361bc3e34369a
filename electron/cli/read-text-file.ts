import { readFile, stat } from 'node:fs/promises';
import { CommandFailed } from './cli-io';

/**
 * The text of a file named on the command line. A missing, unreadable, oversized or non-UTF-8
 * file is a failure (exit 1) with a message that says which and what to do.
 */
export async function readTextFile(path: string, what: string, maxBytes: number, sizeText: string): Promise<string> {
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new CommandFailed(`${path} is not a file. Give the ${what}.`);
    if (info.size > maxBytes) throw new CommandFailed(`${path} is too large for ${what} (at most ${sizeText}).`);
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof CommandFailed) throw error;
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    if (code === 'ENOENT') throw new CommandFailed(`There is no file ${path}. Check the path and try again.`);
    throw new CommandFailed(`${path} could not be read: check the path and that you may read it.`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CommandFailed(`${path} is not UTF-8 text. Save it as CSV UTF-8 (or plain UTF-8 text) and try again.`);
  }
}
