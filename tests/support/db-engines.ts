import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { openDatabase } from '../../electron/core/db/database';
import type { Db } from '../../electron/core/db/db.port';
import { bundledMigrations } from '../../electron/core/db/migrations';
import { migrate } from '../../electron/core/db/migrator';
import { PostgresDb } from '../../electron/core/db/postgres-db';
import { qb, Sql } from '../../electron/core/db/sql';
import { SqliteDb } from '../../electron/core/db/sqlite-db';
import { freshPostgresDatabase, type PostgresTestDatabase } from './postgres-db';

const now = new Date('2026-12-07T10:00:00Z');
const AT = now.toISOString();

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

/** A school, a person of it and a channel of it: the subjects an event names. */
export async function seedTrailSubjects(db: Db): Promise<{ personId: number; channelId: number }> {
  const school = await db.first(qb.insertInto('schools').values({ code: 'PPA', name: 'Park Primary', created_at: AT }).returning('id'));
  const person = await db.first(qb.insertInto('people').values({ name: 'Ann Head', email: 'ann@ppa.example', role: 'slt', school_id: school!.id, left_on: null, created_at: AT }).returning('id'));
  const channel = await db.first(
    qb
      .insertInto('channels')
      .values({ platform: 'x', handle: '@PPA', handle_key: 'x:ppa', name: 'Park Primary', school_id: school!.id, registration_email: null, mailbox_dedicated: null, mailbox_access: '[]', two_factor: 'enabled', purpose: null, created_at: AT })
      .returning('id'),
  );
  return { personId: person!.id, channelId: channel!.id };
}

