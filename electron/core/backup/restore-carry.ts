import type BetterSqlite3 from 'better-sqlite3';

/**
 * A table whose live rows a restore carries into the restored copy. `after`: only rows whose
 * column is past the backup's head seq (the trail); without it, every live row the copy lacks
 * (INSERT OR IGNORE: rows the backup already holds stay as they are).
 */
interface CarriedTable {
  table: string;
  after?: string;
  /** The live row wins over the backup's (INSERT OR REPLACE): a name erased since the backup stays erased. */
  replace?: true;
}

/**
 * What a restore must never roll back: ONE line per table. The trail's own tables belong here
 * (and, with holders' keys, every key table: ciphertexts, wraps, certificates, deletions).
 */
export const CARRIED_TABLES: readonly CarriedTable[] = [
  { table: 'audit_events', after: 'seq' },
  // The names the later events commit to; an erasure (data protection) made since stays made.
  { table: 'audit_names', replace: true },
];

/**
 * Copies the carried rows from the live database into the staged one, every column by name
 * (the staged copy is migrated to the same schema first), inside the caller's transaction on
 * `staged`. Returns how many rows each table gave.
 */
export function carryLaterRows(live: BetterSqlite3.Database, staged: BetterSqlite3.Database, fromSeq: number): Record<string, number> {
  const carried: Record<string, number> = {};
  for (const { table, after, replace } of CARRIED_TABLES) {
    if (!hasTable(live, table)) continue;
    const read = live.prepare(`SELECT * FROM "${table}"${after === undefined ? '' : ` WHERE "${after}" > ? ORDER BY "${after}"`}`);
    const columns = read.columns().map((column) => column.name);
    const insert = staged.prepare(
      `INSERT${replace === true ? ' OR REPLACE' : after === undefined ? ' OR IGNORE' : ''} INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    );
    let count = 0;
    for (const row of (after === undefined ? read.raw().iterate() : read.raw().iterate(fromSeq)) as Iterable<unknown[]>) {
      count += insert.run(...row).changes;
    }
    carried[table] = count;
  }
  return carried;
}

function hasTable(db: BetterSqlite3.Database, table: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
}
