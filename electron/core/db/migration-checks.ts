import { createHash } from 'node:crypto';
import { CoreError } from '../errors';
import type { Migration } from './migrations';

/**
 * The rules every migrator applies, whatever the engine (migrator.ts: SQLite,
 * postgres-migrator.ts: PostgreSQL): what a database has applied must be exactly what this build
 * ships, and a database newer than the build is never touched.
 */
export function checksum(sql: string): string {
  return createHash('sha256').update(sql, 'utf8').digest('hex');
}

/** The same text creates the table on both engines (no auto-numbering: version is given). */
export const SCHEMA_MIGRATIONS_DDL = `CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`;

export const APPLIED_MIGRATIONS_SQL = 'SELECT version, name, checksum FROM schema_migrations ORDER BY version';

export interface AppliedMigration {
  version: number;
  name: string;
  checksum: string;
}

/** The shipped migrations not applied yet, after checking the applied ones. Throws a clear CoreError. */
export function pendingAgainst(applied: readonly AppliedMigration[], migrations: readonly Migration[]): Migration[] {
  const newest = migrations.at(-1)?.version ?? 0;
  const tooNew = applied.find((row) => row.version > newest);
  if (tooNew !== undefined) {
    throw new CoreError(
      'database_newer',
      `This vault was written by a newer version of Custodian (database version ${applied.at(-1)?.version}, ` +
        `this app knows up to ${newest}). Install the newer Custodian; nothing was changed.`,
    );
  }
  for (const row of applied) {
    const shipped = migrations.find((migration) => migration.version === row.version);
    if (shipped === undefined || checksum(shipped.sql) !== row.checksum) {
      throw new CoreError(
        'migration_changed',
        `Migration ${row.name} was changed after it was applied to this vault (checksum mismatch). ` +
          'Migrations are forward-only: restore the original file and add a new migration instead.',
      );
    }
  }
  return migrations.filter((migration) => !applied.some((row) => row.version === migration.version));
}
