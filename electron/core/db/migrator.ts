import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { createPrivateEmptyFile, makePrivateDir } from '../files/private-files';
import { APPLIED_MIGRATIONS_SQL, checksum, pendingAgainst, SCHEMA_MIGRATIONS_DDL, type AppliedMigration } from './migration-checks';
import type { Migration } from './migrations';

// Its importers (backups verify a copy's migrations) keep reaching checksum here.
export { checksum };

/** What the database holds, checked against what this build ships. Throws a clear CoreError. */
export function pendingMigrations(db: BetterSqlite3.Database, migrations: readonly Migration[]): Migration[] {
  db.exec(SCHEMA_MIGRATIONS_DDL);
  return pendingAgainst(db.prepare(APPLIED_MIGRATIONS_SQL).all() as AppliedMigration[], migrations);
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
