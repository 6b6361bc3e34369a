import { sql, type RawBuilder } from 'kysely';
import type { DbEngine } from './db.port';

/**
 * A top-level field of a JSON text column (an audit event's details), as text, on either engine:
 * SQLite's json_extract gives the field's own type (a number stays a number, and 5 never equals
 * '5'), so it is cast; PostgreSQL's ->> gives text already. Compare it with String(value).
 */
export function jsonFieldText(engine: DbEngine, column: string, key: string): RawBuilder<string | null> {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(key)) throw new Error(`not a plain JSON field name: ${key}`);
  if (engine === 'postgres') return sql<string | null>`(${sql.ref(column)}::jsonb ->> ${sql.lit(key)})`;
  return sql<string | null>`CAST(json_extract(${sql.ref(column)}, ${sql.lit(`$.${key}`)}) AS TEXT)`;
}
