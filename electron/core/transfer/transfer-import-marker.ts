import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writePrivateFile } from '../files/private-files';
import { databasePath } from '../vault/data-dir';

/**
 * An import in progress says so in the data folder: the marker is written before anything else
 * (once the passphrase has been checked) and removed last, when the vault is complete. A
 * process killed in between (kill -9, power cut) leaves the marker, so that a plain retry knows
 * the half-written folder is its own to clear and finish, while a complete vault (no marker) is
 * still refused without --replace, and the vault is not opened half-imported meanwhile.
 */
export const IMPORT_MARKER = '.transfer-import.json';

export interface ImportMarker {
  format: 1;
  vaultId: string;
  /** The import made the data folder: clearing it up removes the folder too. */
  createdDataDir: boolean;
  /** Keychain entries may have been written: a retry of the same vault may overwrite them. */
  keychain: boolean;
}

export function markerPath(dataDir: string): string {
  return join(dataDir, IMPORT_MARKER);
}

export function hasUnfinishedImport(dataDir: string): boolean {
  return existsSync(markerPath(dataDir)) || existsSync(`${markerPath(dataDir)}.tmp`);
}

/**
 * The marker of an unfinished import, or null. One cut short by the crash it records (only its
 * temporary file, or unreadable) still means "unfinished", promising nothing about the keychain.
 */
export function readImportMarker(dataDir: string): ImportMarker | null {
  if (!hasUnfinishedImport(dataDir)) return null;
  try {
    const marker = JSON.parse(readFileSync(markerPath(dataDir), 'utf8')) as Partial<ImportMarker>;
    if (marker.format === 1 && typeof marker.vaultId === 'string') {
      return { format: 1, vaultId: marker.vaultId, createdDataDir: marker.createdDataDir === true, keychain: marker.keychain === true };
    }
  } catch {
    // Fall through to the marker that promises nothing.
  }
  return { format: 1, vaultId: '', createdDataDir: false, keychain: false };
}

/** Written whole or not at all (a temporary file renamed over it). */
export function writeImportMarker(dataDir: string, marker: ImportMarker): void {
  const path = markerPath(dataDir);
  writePrivateFile(`${path}.tmp`, `${JSON.stringify(marker)}\n`);
  renameSync(`${path}.tmp`, path);
}

export function removeImportMarker(dataDir: string): void {
  rmSync(markerPath(dataDir), { force: true });
  rmSync(`${markerPath(dataDir)}.tmp`, { force: true });
}

/**
 * Clears what an unfinished import left (its staging folders, a database it had linked into
 * place, their SQLite side files), keeping the marker: the retry rewrites it. Content files it
 * had moved into evidence/ and media/ stay: they are complete, named by their SHA-256, and the
 * retry finds them there.
 */
export function clearUnfinishedImport(dataDir: string): void {
  for (const name of readdirSync(dataDir)) if (STAGING_PATTERN.test(name)) rmSync(join(dataDir, name), { recursive: true, force: true });
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(databasePath(dataDir) + suffix, { force: true });
}

/** The folder a file is unsealed into before anything moves into place. */
export function stagingName(suffix: string): string {
  return `.transfer-import-${suffix}`;
}

const STAGING_PATTERN = /^\.transfer-import-[0-9a-f]+$/;
