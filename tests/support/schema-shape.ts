import type BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';

/**
 * A schema as a sorted list of facts both engines can state the same way, so that the SQLite and
 * PostgreSQL migrations can be compared (tests/integration/engine-parity.test.ts):
 *   table people
 *   column people.email text not null
 *   primary key people (id)
 *   unique people (lower(email))            (SQLite: UNIQUE COLLATE NOCASE)
 *   index access_grants (person_id)
 *   unique access_grants (channel_id, person_id) where revoked_at is null
 * Column types are the storage class (integer, text, real, blob). A primary key's columns count
 * as NOT NULL on both (SQLite reports INTEGER PRIMARY KEY as nullable: NULL there means "number it").
 * Index names are left out: SQLite names the indexes of UNIQUE constraints itself.
 */
export type SchemaFacts = string[];

export interface SchemaDifference {
  onlyInSqlite: string[];
  onlyInPostgres: string[];
}

export function compareSchemas(sqlite: SchemaFacts, postgres: SchemaFacts): SchemaDifference {
  const inPostgres = new Set(postgres);
  const inSqlite = new Set(sqlite);
  return { onlyInSqlite: sqlite.filter((fact) => !inPostgres.has(fact)), onlyInPostgres: postgres.filter((fact) => !inSqlite.has(fact)) };
}

function storageClass(declared: string): string {
  const type = declared.toLowerCase();
  if (/int/.test(type)) return 'integer';
  if (/char|text|clob/.test(type)) return 'text';
  if (/real|floa|doub|numeric|decimal/.test(type)) return 'real';
  if (/blob|bytea/.test(type)) return 'blob';
  return type;
}

/** One spelling for a predicate or expression: no casts, no brackets around the whole, lower case, single spaces. */
function normalise(expression: string): string {
  let text = expression.replace(/::[a-z_]+/gi, '').replace(/\s+/g, ' ').trim().toLowerCase();
  while (/^\((.*)\)$/.test(text) && balanced(text.slice(1, -1))) text = text.slice(1, -1).trim();
  return text;
}

function balanced(text: string): boolean {
  let depth = 0;
  for (const char of text) {
    if (char === '(') depth += 1;
    if (char === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

function indexFact(kind: 'unique' | 'index', table: string, keys: string[], predicate: string | null): string {
  return `${kind} ${table} (${keys.map(normalise).join(', ')})${predicate === null ? '' : ` where ${normalise(predicate)}`}`;
}

/** The items of a CREATE INDEX's column list, split at top-level commas. */
function indexedItems(createSql: string): string[] {
  const open = createSql.indexOf('(');
  const items: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of createSql.slice(open + 1)) {
    if (char === '(') depth += 1;
    if (char === ')' && depth-- === 0) break;
    if (char === ',' && depth === 0) {
      items.push(current.trim());
      current = '';
    } else current += char;
  }
  return [...items, current.trim()];
}

export function sqliteSchemaFacts(db: BetterSqlite3.Database): SchemaFacts {
  const facts: string[] = [];
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").all() as { name: string }[];
  for (const { name: table } of tables) {
    facts.push(`table ${table}`);
    const columns = db.prepare('SELECT name, type, "notnull" AS not_null, pk FROM pragma_table_info(?)').all(table) as {
      name: string;
      type: string;
      not_null: number;
      pk: number;
    }[];
    for (const column of columns) {
      facts.push(`column ${table}.${column.name} ${storageClass(column.type)} ${column.not_null === 1 || column.pk > 0 ? 'not null' : 'null'}`);
    }
    const primary = columns.filter((column) => column.pk > 0).sort((a, b) => a.pk - b.pk);
    if (primary.length > 0) facts.push(`primary key ${table} (${primary.map((column) => column.name).join(', ')})`);

    const indexes = db.prepare('SELECT name, "unique" AS isUnique, origin, partial FROM pragma_index_list(?)').all(table) as {
      name: string;
      isUnique: number;
      origin: string;
      partial: number;
    }[];
    for (const index of indexes.filter((entry) => entry.origin !== 'pk')) {
      const createSql = (db.prepare('SELECT sql FROM sqlite_master WHERE type = ? AND name = ?').get('index', index.name) as { sql: string | null } | undefined)?.sql ?? null;
      const written = createSql === null ? [] : indexedItems(createSql);
      const keys = (db.prepare('SELECT cid, name, coll FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno').all(index.name) as {
        cid: number;
        name: string | null;
        coll: string;
      }[]).map((key, position) => {
        if (key.cid === -2) return written[position] ?? '?';
        return key.coll.toUpperCase() === 'NOCASE' ? `lower(${key.name})` : (key.name ?? '?');
      });
      const where = createSql === null || index.partial === 0 ? null : createSql.slice(createSql.search(/\sWHERE\s/i)).replace(/^\s*WHERE\s+/i, '');
      facts.push(indexFact(index.isUnique === 1 ? 'unique' : 'index', table, keys, where));
    }
  }
  return facts.sort();
}

export async function postgresSchemaFacts(client: pg.ClientBase): Promise<SchemaFacts> {
  const facts: string[] = [];
  const columns = await client.query<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>(
    "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'public'",
  );
  const tables = await client.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
  );
  for (const { table_name } of tables.rows) facts.push(`table ${table_name}`);
  for (const column of columns.rows) {
    facts.push(`column ${column.table_name}.${column.column_name} ${storageClass(column.data_type)} ${column.is_nullable === 'NO' ? 'not null' : 'null'}`);
  }
  // Every key of every index, in order: a column's name or, for an expression, its text.
  const indexes = await client.query<{ table_name: string; is_primary: boolean; is_unique: boolean; keys: string[]; predicate: string | null }>(
    `SELECT t.relname AS table_name, i.indisprimary AS is_primary, i.indisunique AS is_unique,
            ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnkeyatts) AS k ORDER BY k) AS keys,
            pg_get_expr(i.indpred, i.indrelid, true) AS predicate
       FROM pg_index i
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = 'public'`,
  );
  for (const index of indexes.rows) {
    if (index.is_primary) facts.push(`primary key ${index.table_name} (${index.keys.join(', ')})`);
    else facts.push(indexFact(index.is_unique ? 'unique' : 'index', index.table_name, index.keys, index.predicate));
  }
  return facts.sort();
}
