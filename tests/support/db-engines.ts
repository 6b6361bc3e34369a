import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { openDatabase } from '../../electron/core/db/database';
import { bundledMigrations } from '../../electron/core/db/migrations';
import { migrate } from '../../electron/core/db/migrator';
import { PostgresDb } from '../../electron/core/db/postgres-db';
import { Sql } from '../../electron/core/db/sql';
import { SqliteDb } from '../../electron/core/db/sqlite-db';
import { freshPostgresDatabase, type PostgresTestDatabase } from './postgres-db';

const now = new Date('2026-12-07T10:00:00Z');

/** A migrated SQLite database file in dir, with the Db port on it (and the raw handle, for SQLite-only checks). */
export async function openSqliteDb(dir: string, name: string): Promise<{ raw: BetterSqlite3.Database; db: SqliteDb; close(): Promise<void> }> {
  const raw = openDatabase(join(dir, `${name}.sqlite3`), { create: true });
  await migrate(raw, bundledMigrations('sqlite'), { backupDir: join(dir, 'backups'), now });
  return {
    raw,
    db: new SqliteDb(new Sql(raw)),
    close: async () => {
      raw.close();
    },
  };
}

/**
 * A migrated PostgreSQL database of its own (a clone of the run's template), reached as the app
 * role, as a server would; `more()` opens further pools on it, as further server processes would.
 */
export async function openPostgresDb(): Promise<{ database: PostgresTestDatabase; db: PostgresDb; more(): PostgresDb; close(): Promise<void> }> {
  const database = await freshPostgresDatabase();
  const pools: PostgresDb[] = [new PostgresDb(database.config('app'))];
  return {
    database,
    db: pools[0]!,
    more: () => {
      const pool = new PostgresDb(database.config('app'));
      pools.push(pool);
      return pool;
    },
    close: async () => {
      await Promise.all(pools.map((pool) => pool.close()));
      await database.drop();
    },
  };
}
