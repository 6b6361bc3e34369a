import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { CoreError } from '../errors';
import { createPrivateEmptyFile } from '../files/private-files';

export const DATABASE_FILE = 'custodian.sqlite3';

/**
 * Opens the vault database with the settings the audit trail relies on. better-sqlite3 is
 * built with WAL defaulting to synchronous=NORMAL, which can lose the last commits on power
 * failure, so FULL is set explicitly.
 */
export function openDatabase(path: string, options: { create: boolean; nativeBinding?: string }): BetterSqlite3.Database {
  let db: BetterSqlite3.Database;
  try {
    // A new database starts as a private empty file: its -wal and -shm then take the same mode.
    if (options.create && !existsSync(path)) createPrivateEmptyFile(path);
    // The desktop app passes its own Electron-ABI build of better-sqlite3; the CLI and
    // tests use the Node build in node_modules (docs/native-modules.md).
    db = new Database(path, {
      fileMustExist: !options.create,
      ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }),
    });
  } catch (error) {
    throw new CoreError('database_error', `Cannot open the vault database at ${path}: ${(error as Error).message}`);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Reads the schema, so a file that is not a SQLite database fails here, clearly.
    db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
  } catch (error) {
    db.close();
    throw new CoreError('database_error', `The vault database at ${path} is not usable: ${(error as Error).message}`);
  }
  return db;
}
