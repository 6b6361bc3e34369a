import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/database';
import { AWAITED_OUTSIDE_DB } from '../../electron/core/db/db.port';
import { bundledMigrations } from '../../electron/core/db/migrations';
import { migrate } from '../../electron/core/db/migrator';
import { PostgresDb } from '../../electron/core/db/postgres-db';
import { qb, Sql } from '../../electron/core/db/sql';
import { SqliteDb } from '../../electron/core/db/sqlite-db';
import { describeDbPort } from '../support/db-port-checks';
import { freshPostgresDatabase, postgresAvailable } from '../support/postgres-db';
import { tempDir } from '../support/test-vault';

const now = new Date('2026-12-07T10:00:00Z');
const dir = tempDir();

async function openSqlite(name: string): Promise<{ raw: BetterSqlite3.Database; db: SqliteDb }> {
  const raw = openDatabase(join(dir.path, `${name}.sqlite3`), { create: true });
  await migrate(raw, bundledMigrations('sqlite'), { backupDir: join(dir.path, 'backups'), now });
  return { raw, db: new SqliteDb(new Sql(raw)) };
}

describeDbPort('SQLite', async () => {
  const { raw, db } = await openSqlite('port');
  return {
    db,
    close: async () => {
      raw.close();
    },
  };
});

describeDbPort(
  'PostgreSQL',
  async () => {
    const database = await freshPostgresDatabase();
    const db = new PostgresDb(database.config('app'));
    return {
      db,
      close: async () => {
        await db.close();
        await database.drop();
      },
    };
  },
  !postgresAvailable,
);

describe('the transaction guard (on in tests)', () => {
  it('refuses a SQLite transaction that awaits a timer, and writes nothing', async () => {
    const { raw, db } = await openSqlite('guard');
    const add = qb.insertInto('schools').values({ code: 'AAA', name: 'A', created_at: now.toISOString() });
    await expect(
      db.transaction(async () => {
        await db.run(add);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }),
    ).rejects.toThrow(AWAITED_OUTSIDE_DB);
    expect(await db.all(qb.selectFrom('schools').select('code'))).toEqual([]);
    // A transaction that awaits only the database passes.
    await db.transaction(async () => db.run(add));
    expect(await db.all(qb.selectFrom('schools').select('code'))).toEqual([{ code: 'AAA' }]);
    raw.close();
  });
});
