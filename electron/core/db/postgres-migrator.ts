import type { ClientBase } from 'pg';
import { APPLIED_MIGRATIONS_SQL, checksum, pendingAgainst, SCHEMA_MIGRATIONS_DDL, type AppliedMigration } from './migration-checks';
import type { Migration } from './migrations';

/**
 * Migrations on PostgreSQL (migrations/postgres/), by the rules of the SQLite migrator
 * (migration-checks.ts): checksums, never touch a newer database, all pending migrations in one
 * transaction. Run it as the owner role: the app role can neither create nor alter tables.
 *
 * Several servers of one trust may start at once. Each takes the transaction-level advisory lock
 * MIGRATION_LOCK first, so one migrates and the others then find nothing pending. Keys are
 * (classid, objid) pairs: classid 0x43555354 ('CUST') is Custodian's, objid 1 is the migrator's
 * (other objids belong to other locks of the core, such as the trail's). A transaction-level lock
 * is released by COMMIT or ROLLBACK, so a failed migration never leaves it held on a pooled client.
 */
export const MIGRATION_LOCK = { classid: 0x43555354, objid: 1 } as const;

/**
 * The check alone, for a server starting as the app role: reads schema_migrations (the baseline
 * grants it SELECT) and creates nothing. A database never migrated has every migration pending.
 */
export async function pendingPostgresMigrations(client: ClientBase, migrations: readonly Migration[]): Promise<Migration[]> {
  const exists = await client.query<{ found: string | null }>("SELECT to_regclass('schema_migrations')::text AS found");
  if (exists.rows[0]?.found == null) return pendingAgainst([], migrations);
  const applied = await client.query<AppliedMigration>(APPLIED_MIGRATIONS_SQL);
  return pendingAgainst(applied.rows, migrations);
}

/** Applies every pending migration in one transaction, under MIGRATION_LOCK. */
export async function migratePostgres(
  client: ClientBase,
  migrations: readonly Migration[],
  options: { now: Date },
): Promise<{ applied: number[] }> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [MIGRATION_LOCK.classid, MIGRATION_LOCK.objid]);
    await client.query(SCHEMA_MIGRATIONS_DDL);
    const pending = await pendingPostgresMigrations(client, migrations);
    const appliedAt = options.now.toISOString();
    for (const migration of pending) {
      // No parameters: the simple query protocol, which runs a file of several statements.
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)', [
        migration.version,
        migration.name,
        checksum(migration.sql),
        appliedAt,
      ]);
    }
    await client.query('COMMIT');
    return { applied: pending.map((migration) => migration.version) };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
