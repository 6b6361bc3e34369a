import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { CoreError } from '../errors';
import { createPrivateEmptyFile, makePrivateDir } from '../files/private-files';
import type { Migration } from './migrations';

export function checksum(sql: string): string {
  return createHash('sha256').update(sql, 'utf8').digest('hex');
}

interface Applied {
  version: number;
  name: string;
  checksum: string;
}

/** What the database holds, checked against what this build ships. Throws a clear CoreError. */
export function pendingMigrations(db: BetterSqlite3.Database, migrations: readonly Migration[]): Migration[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as Applied[];
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

/**
 * Applies every pending migration in one transaction, so the database is at the old or the
 * new version, never between. An existing vault is backed up first (SQLite backup API).
 */
export async function migrate(
  db: BetterSqlite3.Database,
  migrations: readonly Migration[],
  options: {
    backupDir: string;
    now: Date;
    /** Takes the backup instead (the vault's sealed, pruned pre-migration backup: core/backup/); returns its file. */
    backup?: (db: BetterSqlite3.Database) => Promise<string>;
  },
): Promise<{ applied: number[]; backup: string | null }> {
  const pending = pendingMigrations(db, migrations);
  if (pending.length === 0) return { applied: [], backup: null };
  const hasData = (db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number }).n > 0;
  let backup: string | null = null;
  if (hasData && options.backup !== undefined) {
    backup = await options.backup(db);
  } else if (hasData) {
    makePrivateDir(options.backupDir);
    const stamp = options.now.toISOString().replace(/[:.]/g, '-');
    backup = join(options.backupDir, `before-migration-${pending[0]?.version}-${stamp}.sqlite3`);
    createPrivateEmptyFile(backup);
    await db.backup(backup);
  }
  const appliedAt = options.now.toISOString();
  const insert = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    for (const migration of pending) {
      db.exec(migration.sql);
      insert.run(migration.version, migration.name, checksum(migration.sql), appliedAt);
    }
  }).immediate();
  return { applied: pending.map((migration) => migration.version), backup };
}
