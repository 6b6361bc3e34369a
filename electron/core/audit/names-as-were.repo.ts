import type { Db } from '../db/db.port';
import { qb } from '../db/sql';
import { ERASED, type NamesAsWere } from './audit-names.repo';

/** The side table's names for these commitments (erased rows read as ERASED). */
export async function readNamesAsWere(db: Db, commitments: Iterable<string | null>): Promise<Map<string, NamesAsWere>> {
  const wanted = [...new Set([...commitments].filter((c): c is string => c !== null))];
  const names = new Map<string, NamesAsWere>();
  // In chunks: SQLite limits the parameters of one statement.
  for (let i = 0; i < wanted.length; i += 500) {
    const rows = await db.all(qb.selectFrom('audit_names').select(['commitment', 'label', 'name']).where('commitment', 'in', wanted.slice(i, i + 500)));
    for (const row of rows) names.set(row.commitment, { label: row.label ?? ERASED, name: row.name ?? ERASED });
  }
  return names;
}

/** Every name in the side table, for an export that reads the whole trail. */
export async function readAllNamesAsWere(db: Db): Promise<Map<string, NamesAsWere>> {
  const rows = await db.all(qb.selectFrom('audit_names').select(['commitment', 'label', 'name']));
  return new Map(rows.map((row) => [row.commitment, { label: row.label ?? ERASED, name: row.name ?? ERASED }]));
}
