import Database from 'better-sqlite3';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { PostgresTestDatabase } from '../support/postgres-db';

/** Rows per piece of the COPY stream. */
const PIECE = 5000;

/** COPY's text format: tab-separated, \\N for NULL, backslash, tab and line breaks escaped. */
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const field = (value: unknown): string => (value === null ? '\\N' : String(value).replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!));

function* copyLines(rows: IterableIterator<unknown[]>, counted: () => void): Generator<string> {
  let piece: string[] = [];
  for (const row of rows) {
    piece.push(`${row.map(field).join('\t')}\n`);
    counted();
    if (piece.length === PIECE) {
      yield piece.join('');
      piece = [];
    }
  }
  if (piece.length > 0) yield piece.join('');
}

interface PgColumn {
  name: string;
  identity: boolean;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function tablesOf(client: pg.Client): Promise<Map<string, PgColumn[]>> {
  const { rows } = await client.query<{ table_name: string; column_name: string; is_identity: string }>(
    `SELECT c.table_name, c.column_name, c.is_identity
       FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.table_name <> 'schema_migrations'
      ORDER BY c.table_name, c.ordinal_position`,
  );
  const tables = new Map<string, PgColumn[]>();
  for (const row of rows) {
    const columns = tables.get(row.table_name) ?? [];
    columns.push({ name: row.column_name, identity: row.is_identity === 'YES' });
    tables.set(row.table_name, columns);
  }
  return tables;
}

/**
 * Copies every row of a SQLite vault into a PostgreSQL database migrated to the same schema
 * (the bench's big trust, so each PostgreSQL figure is measured over the same data as its
 * SQLite twin). As the superuser with session_replication_role = replica, so neither the
 * foreign keys nor the trail's append-only triggers run while tables fill in any order; ids are
 * kept (COPY writes identity columns as given) and each identity column then continues after the largest.
 * Not the way a trust moves in (that is `vault push`, with its checks): a bench fixture.
 */
export async function copySqliteToPostgres(sqlitePath: string, target: PostgresTestDatabase, log: (line: string) => void): Promise<{ rows: number; seconds: number }> {
  const started = performance.now();
  const source = new Database(sqlitePath, { readonly: true });
  const client = new pg.Client(target.config('superuser'));
  await client.connect();
  let total = 0;
  try {
    await client.query('SET session_replication_role = replica');
    const tables = await tablesOf(client);
    for (const [table, columns] of tables) {
      const sqliteColumns = new Set((source.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name));
      const missing = columns.filter((c) => !sqliteColumns.has(c.name)).map((c) => c.name);
      if (missing.length > 0) throw new Error(`${table}: PostgreSQL has columns SQLite has not (${missing.join(', ')}): the engines' schemas differ`);
      const names = columns.map((c) => quote(c.name)).join(', ');
      const tableStarted = performance.now();
      await client.query('BEGIN');
      await client.query(`DELETE FROM ${quote(table)}`);
      // Secondary indexes are built once after the load (a sorted build), not row by row.
      const { rows: indexes } = await client.query<{ name: string; definition: string }>(
        `SELECT indexname AS name, indexdef AS definition FROM pg_indexes i
          WHERE schemaname = 'public' AND tablename = $1
            AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = format('%I', i.indexname)::regclass)`,
        [table],
      );
      for (const index of indexes) await client.query(`DROP INDEX ${quote(index.name)}`);
      // COPY: several times faster than any INSERT form tried (multi-row VALUES, unnest, JSON).
      const read = source.prepare(`SELECT ${names} FROM ${quote(table)}`).raw(true);
      let rows = 0;
      await pipeline(
        Readable.from(copyLines(read.iterate() as IterableIterator<unknown[]>, () => (rows += 1))),
        client.query(copyFrom(`COPY ${quote(table)} (${names}) FROM STDIN`)),
      );
      total += rows;
      for (const index of indexes) await client.query(index.definition);
      for (const column of columns.filter((c) => c.identity)) {
        await client.query(`SELECT setval(pg_get_serial_sequence($1, $2), GREATEST(1, (SELECT COALESCE(MAX(${quote(column.name)}), 0) FROM ${quote(table)})))`, [table, column.name]);
      }
      await client.query('COMMIT');
      const ms = performance.now() - tableStarted;
      if (ms > 1000) log(`  ${table}: ${rows.toLocaleString('en-GB')} rows in ${(ms / 1000).toFixed(1)} s`);
    }
    await client.query('ANALYZE');
    const seconds = (performance.now() - started) / 1000;
    log(`copied ${total.toLocaleString('en-GB')} rows of ${tables.size} tables into PostgreSQL in ${seconds.toFixed(1)} s`);
    return { rows: total, seconds };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
    source.close();
  }
}
