import type BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/database';
import { checksum } from '../../electron/core/db/migration-checks';
import { bundledMigrations, type Migration } from '../../electron/core/db/migrations';
import { migrate } from '../../electron/core/db/migrator';
import { MIGRATION_LOCK, migratePostgres, pendingPostgresMigrations } from '../../electron/core/db/postgres-migrator';
import { CoreError } from '../../electron/core/errors';
import { freshPostgresDatabase, postgresAvailable, withPostgresClient, type PostgresTestDatabase } from '../support/postgres-db';
import { tempDir } from '../support/test-vault';

const now = new Date('2026-12-07T10:00:00Z');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Migrations valid on both engines, to hold the two migrators to the same rules. */
const first: Migration = { version: 1, name: '0001_first.sql', sql: 'CREATE TABLE first_table (id INTEGER PRIMARY KEY, note TEXT)' };
const second: Migration = { version: 2, name: '0002_second.sql', sql: 'CREATE TABLE second_table (id INTEGER PRIMARY KEY)' };

async function emptyPostgres(locale: 'C' | 'C.utf8' = 'C'): Promise<{ database: PostgresTestDatabase; owner: pg.Client }> {
  const database = await freshPostgresDatabase({ empty: true, locale });
  const owner = new pg.Client(database.config('owner'));
  await owner.connect();
  cleanups.push(() => database.drop(), () => owner.end());
  return { database, owner };
}

function emptySqlite(): BetterSqlite3.Database {
  const dir = tempDir();
  const db = openDatabase(join(dir.path, 'test.sqlite3'), { create: true });
  cleanups.push(() => dir.remove(), () => void db.close());
  return db;
}

const sqliteMigrate = (db: BetterSqlite3.Database, migrations: Migration[]) => migrate(db, migrations, { backupDir: join(db.name, '..', 'backups'), now });
const refusal = (promise: Promise<unknown>) => promise.then(() => expect.fail('expected a refusal'), (error: unknown) => error);
const tableExists = async (client: pg.ClientBase, table: string) =>
  (await client.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [table])).rows[0]?.found != null;

describe.skipIf(!postgresAvailable)('the migrator on PostgreSQL', () => {
  it('applies the shipped migrations once, in order, with checksums', async () => {
    const { owner } = await emptyPostgres();
    const shipped = bundledMigrations('postgres');
    expect((await migratePostgres(owner, shipped, { now })).applied).toEqual(shipped.map((m) => m.version));
    expect((await migratePostgres(owner, shipped, { now })).applied).toEqual([]);
    const rows = await owner.query('SELECT version, checksum, applied_at FROM schema_migrations ORDER BY version');
    expect(rows.rows).toEqual(shipped.map((m) => ({ version: m.version, checksum: checksum(m.sql), applied_at: now.toISOString() })));
  });

  it('refuses a database whose text would not compare as on SQLite, names the fix, and creates nothing', async () => {
    // C.utf8 sorts as C does, but its lower() folds more than ASCII, unlike SQLite's NOCASE.
    const { owner } = await emptyPostgres('C.utf8');
    await expect(migratePostgres(owner, bundledMigrations('postgres'), { now })).rejects.toThrow(
      /must be created with ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' \(TEMPLATE template0\)/,
    );
    expect(await tableExists(owner, 'schema_migrations')).toBe(false);
    expect(await tableExists(owner, 'people')).toBe(false);
  });

  it('refuses a migration edited after it was applied, as SQLite does, and changes nothing', async () => {
    const { owner } = await emptyPostgres();
    const sqlite = emptySqlite();
    await migratePostgres(owner, [first], { now });
    await sqliteMigrate(sqlite, [first]);
    const edited = [{ ...first, sql: `${first.sql}\n-- edited` }, second];
    const onPostgres = await refusal(migratePostgres(owner, edited, { now }));
    const onSqlite = await refusal(sqliteMigrate(sqlite, edited));
    expect(onPostgres).toBeInstanceOf(CoreError);
    expect(onPostgres).toMatchObject({ code: 'migration_changed', message: expect.stringContaining('0001_first.sql was changed') });
    expect([(onPostgres as CoreError).code, (onPostgres as CoreError).message]).toEqual([(onSqlite as CoreError).code, (onSqlite as CoreError).message]);
    expect(await tableExists(owner, 'second_table')).toBe(false);
    expect((await owner.query('SELECT version FROM schema_migrations')).rows).toEqual([{ version: 1 }]);
  });

  it('refuses a database newer than the app, as SQLite does, and changes nothing', async () => {
    const { owner } = await emptyPostgres();
    const sqlite = emptySqlite();
    await migratePostgres(owner, [first], { now });
    await sqliteMigrate(sqlite, [first]);
    const future = "INSERT INTO schema_migrations VALUES (99, '0099_future.sql', 'x', '2030-01-01T00:00:00Z')";
    await owner.query(future);
    sqlite.prepare(future).run();
    const onPostgres = await refusal(migratePostgres(owner, [first, second], { now }));
    const onSqlite = await refusal(sqliteMigrate(sqlite, [first, second]));
    expect(onPostgres).toMatchObject({ code: 'database_newer', message: expect.stringMatching(/newer version of Custodian.*version 99/) });
    expect([(onPostgres as CoreError).code, (onPostgres as CoreError).message]).toEqual([(onSqlite as CoreError).code, (onSqlite as CoreError).message]);
    expect(await tableExists(owner, 'second_table')).toBe(false);
  });

  it('leaves the database at the old version when a migration fails halfway', async () => {
    const { owner } = await emptyPostgres();
    await migratePostgres(owner, [first], { now });
    const broken = { version: 2, name: '0002_good_then_bad.sql', sql: 'CREATE TABLE extra (id INTEGER); INSERT INTO no_such_table VALUES (1);' };
    await expect(migratePostgres(owner, [first, broken], { now })).rejects.toThrow(/no_such_table/);
    expect(await tableExists(owner, 'extra')).toBe(false);
    expect((await owner.query('SELECT version FROM schema_migrations')).rows).toEqual([{ version: 1 }]);
    // The lock went with the transaction: the next migrator is not kept waiting.
    expect((await migratePostgres(owner, [first, second], { now })).applied).toEqual([2]);
  });

  it('two migrators racing on one database wait on the advisory lock, and only one applies', async () => {
    const { database } = await emptyPostgres();
    const clients = [new pg.Client(database.config('owner')), new pg.Client(database.config('owner')), new pg.Client(database.config('owner'))];
    await Promise.all(clients.map((client) => client.connect()));
    cleanups.push(() => Promise.all(clients.map((client) => client.end())).then(() => undefined));
    const [holder, a, b] = clients as [pg.Client, pg.Client, pg.Client];
    // Hold the migrator's lock so that both really start together.
    await holder.query('SELECT pg_advisory_lock($1, $2)', [MIGRATION_LOCK.classid, MIGRATION_LOCK.objid]);
    const runs = [migratePostgres(a, [first, second], { now }), migratePostgres(b, [first, second], { now })];
    const waiting = async () =>
      Number(
        (await holder.query<{ n: string }>(
          "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND classid = $1 AND objid = $2",
          [MIGRATION_LOCK.classid, MIGRATION_LOCK.objid],
        )).rows[0]?.n,
      );
    await expect.poll(waiting, { timeout: 10_000 }).toBe(2);
    await holder.query('SELECT pg_advisory_unlock($1, $2)', [MIGRATION_LOCK.classid, MIGRATION_LOCK.objid]);
    const results = (await Promise.all(runs)).map((result) => result.applied);
    expect(results.sort((x, y) => x.length - y.length)).toEqual([[], [1, 2]]);
    expect((await holder.query('SELECT version FROM schema_migrations ORDER BY version')).rows).toEqual([{ version: 1 }, { version: 2 }]);
  });

  it('the app role can check the version without creating anything', async () => {
    const { database, owner } = await emptyPostgres();
    const shipped = bundledMigrations('postgres');
    // A database never migrated: all pending, and the app role (which may not create tables) was not asked to.
    expect(await withPostgresClient(database.config('app'), (app) => pendingPostgresMigrations(app, shipped))).toEqual(shipped);
    expect(await tableExists(owner, 'schema_migrations')).toBe(false);
    await migratePostgres(owner, shipped, { now });
    expect(await withPostgresClient(database.config('app'), (app) => pendingPostgresMigrations(app, shipped))).toEqual([]);
  });
});
