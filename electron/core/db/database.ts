import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { CoreError } from '../errors';

export const DATABASE_FILE = 'custodian.sqlite3';

/**
 * Opens the vault database with the settings the audit trail relies on. better-sqlite3 is
 * built with WAL defaulting to synchronous=NORMAL, which can lose the last commits on power
 * failure, so FULL is set explicitly.
 */
export function openDatabase(path: string, options: { create: boolean }): BetterSqlite3.Database {
  let db: BetterSqlite3.Database;
  try {
    db = new Database(path, { fileMustExist: !options.create });
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
