import { chmodSync, existsSync, lstatSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../files/private-files';

/** A folder or file that other OS users could read, and what it was tightened to. */
export interface Loosened {
  path: string;
  was: number;
  now: number;
}

const OPEN_TO_OTHERS = 0o077;

function octal(mode: number): string {
  return mode.toString(8).padStart(3, '0');
}

/**
 * Makes the data folder and everything in it private again (0700 folders, 0600 files), and the
 * backups in a backup folder chosen elsewhere (the folder itself is the user's choice), for a
 * vault written by an older version or loosened by hand since. Symbolic links are not followed.
 * On Windows POSIX modes mean nothing and reading an ACL needs a native call, so this is a no-op
 * there; the per-user folder's inherited ACL is what protects it (docs/desktop-shell.md).
 */
export function tightenPrivateModes(dataDir: string, backupDir: string, platform = process.platform): Loosened[] {
  if (platform === 'win32') return [];
  const found: Loosened[] = [];
  const tighten = (path: string, isDir: boolean, mode: number) => {
    if ((mode & OPEN_TO_OTHERS) === 0) return;
    const now = isDir ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE;
    chmodSync(path, now);
    found.push({ path, was: mode & 0o777, now });
  };
  const walk = (path: string) => {
    const stat = lstatSync(path, { throwIfNoEntry: false });
    if (stat === undefined || stat.isSymbolicLink()) return;
    tighten(path, stat.isDirectory(), stat.mode);
    if (stat.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(dataDir);
  const inside = !relative(dataDir, backupDir).startsWith('..');
  if (!inside && existsSync(backupDir)) {
    for (const entry of readdirSync(backupDir, { withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.startsWith('custodian-')) continue;
      const path = join(backupDir, entry.name);
      tighten(path, false, lstatSync(path).mode);
    }
  }
  return found;
}

/** One warning for all of them: which paths were open to other users, and what they are now. */
export function loosenedWarning(dataDir: string, found: readonly Loosened[]): string {
  // The folder and the database first: what matters most is named even when the list is cut.
  const depth = (path: string) => path.split(/[\\/]/).length;
  const sorted = [...found].sort((a, b) => depth(a.path) - depth(b.path) || a.path.localeCompare(b.path));
  const shown = sorted.slice(0, 6).map((entry) => `${entry.path} (was ${octal(entry.was)}, now ${octal(entry.now)})`);
  const more = found.length > shown.length ? ` and ${found.length - shown.length} more` : '';
  return (
    `the data folder ${dataDir} had ${found.length} folder(s) or file(s) that other users of this computer could read: ` +
    `${shown.join(', ')}${more}. They are private to you again; check who else may have copied them.`
  );
}
