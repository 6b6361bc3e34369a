import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openDatabase } from '../../electron/core/db/database';
import { PostgresDb } from '../../electron/core/db/postgres-db';
import { Sql } from '../../electron/core/db/sql';
import { SqliteDb } from '../../electron/core/db/sqlite-db';
import { databasePath } from '../../electron/core/vault/data-dir';
import type { VaultDatabase } from '../../electron/core/vault/vault-host';
import { postgresConfig } from './postgres-db';
import type { DatabaseAccess } from './test-database';

/** `?` placeholders as PostgreSQL numbers them ($1, $2, …); the tests' SQL has no `?` inside literals. */
function numbered(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

/** Opened per call and closed after, as sqlite3 or psql would be: nothing stays open under the core. */
export function databaseAccess(dataDir: string, database: VaultDatabase): DatabaseAccess {
  if (database.engine === 'sqlite') {
    const withFile = <T>(fn: (db: Database.Database) => T): Promise<T> => {
      const db = new Database(databasePath(dataDir));
      try {
        return Promise.resolve(fn(db));
      } finally {
        db.close();
      }
    };
    return {
      engine: 'sqlite',
      all: (text, ...params) => withFile((db) => db.prepare(text).all(...params) as never),
      get: (text, ...params) => withFile((db) => db.prepare(text).get(...params) as never),
      run: (text, ...params) => withFile((db) => ({ changes: db.prepare(text).run(...params).changes })),
      exec: (text) => withFile((db) => void db.exec(text)),
      stored: () => {
        const file = databasePath(dataDir);
        return Promise.resolve([file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => ({ where: f, bytes: readFileSync(f) })));
      },
      port: () => {
        const raw = openDatabase(databasePath(dataDir), { create: false });
        return Promise.resolve({ db: new SqliteDb(new Sql(raw)), close: () => Promise.resolve(void raw.close()) });
      },
    };
  }
  const superuser = postgresConfig('superuser', String(database.config.database));
  const withClient = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client(superuser);
    // Counts and ids as numbers, as the core reads them (postgres-db.ts).
    client.setTypeParser(pg.types.builtins.INT8, Number);
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  const all = <T>(text: string, ...params: unknown[]) => withClient(async (c) => (await c.query(numbered(text), params)).rows as T[]);
  return {
    engine: 'postgres',
    all,
    get: (text, ...params) => withClient(async (c) => (await c.query(numbered(text), params)).rows[0] as never),
    run: (text, ...params) => withClient(async (c) => ({ changes: (await c.query(numbered(text), params)).rowCount ?? 0 })),
    exec: (text) => withClient(async (c) => void (await c.query(text))),
    stored: async () => {
      const tables = await all<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
      if (tables.length === 0) throw new Error('no tables to scan');
      const rows = await all<{ tbl: string; row: string }>(tables.map(({ table_name: t }) => `SELECT '${t}' AS tbl, r::text AS row FROM "${t}" r`).join(' UNION ALL '));
      return tables.map(({ table_name: t }) => ({ where: `table ${t}`, bytes: Buffer.from(rows.filter((r) => r.tbl === t).map((r) => r.row).join('\n')) }));
    },
    port: () => {
      const db = new PostgresDb(database.config);
      return Promise.resolve({ db, close: () => db.close() });
    },
  };
}
