import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { CoreError } from '../errors';

/** Whether `path` is `folder` or lies inside it (after following links). */
function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/**
 * Where an export may be written: an absolute path, in a folder that exists, not already a
 * file, and not inside the data folder (a transfer file there would travel into every backup
 * of the folder and defeat its purpose: it belongs on a USB stick or a network share).
 */
export function exportTarget(path: string, dataDir: string): string {
  if (!isAbsolute(path)) throw new CoreError('invalid_input', 'The file must be given as a full (absolute) path.', 'path');
  const parent = dirname(resolve(path));
  let isFolder = false;
  try {
    isFolder = statSync(parent).isDirectory();
  } catch {
    isFolder = false;
  }
  if (!isFolder) throw new CoreError('not_found', `The folder ${parent} does not exist: create it first, or choose another.`, 'path');
  const target = join(realOrSelf(parent), basename(path));
  if (inside(realOrSelf(dataDir), target)) {
    throw new CoreError('invalid_input', 'Save the transfer file outside the vault’s data folder (for example on a USB stick).', 'path');
  }
  if (existsSync(target)) throw new CoreError('conflict', `${target} already exists: choose a new file name.`, 'path');
  return target;
}

/** The file to import: an absolute path to a file that exists. */
export function importSource(path: string): string {
  if (!isAbsolute(path)) throw new CoreError('invalid_input', 'The file must be given as a full (absolute) path.', 'path');
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch {
    isFile = false;
  }
  if (!isFile) throw new CoreError('not_found', `There is no file at ${path}.`, 'path');
  return path;
}
