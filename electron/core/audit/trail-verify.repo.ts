import { sql } from 'kysely';
import type { AuditVerifyView } from '../../../shared/contract/views';
import type { Db } from '../db/db.port';
import type { AuditEventsTable } from '../db/schema';
import { qb } from '../db/sql';
import type { AuditHead } from './audit.repo';
import { PAGE, TrailWalk, V1_COLUMNS, V2_COLUMNS } from './trail-walk';

const columnsOf = (v2: boolean) => (v2 ? V2_COLUMNS : V1_COLUMNS).split(', ') as (keyof AuditEventsTable)[];
const page = (columns: (keyof AuditEventsTable)[]) => qb.selectFrom('audit_events').select(columns).orderBy('seq').limit(PAGE);

/**
 * Whether this database has trail v2's columns: a staged SQLite copy from an older version (a
 * backup, a transfer file) has not. PostgreSQL's trail was v2 from its first migration.
 */
export async function trailHasV2(db: Db): Promise<boolean> {
  if (db.engine === 'postgres') return true;
  const rows = await db.all(qb.selectFrom(sql<{ name: string }>`pragma_table_info('audit_events')`.as('c')).select('c.name'));
  return rows.some((c) => c.name === 'version');
}

/** Feeds every page of the trail, in seq order, to the walk: call inside a snapshot. */
export async function feedTrailFromDb(db: Db, trail: TrailWalk, v2: boolean): Promise<void> {
  const columns = columnsOf(v2);
  // No lower bound on the first page: an event whose seq was edited below 1 must still be seen first.
  // Pages as arrays in the columns' order, what the walk is fed: no object per row to build and drop.
  for (let rows = await db.tuples(page(columns)); rows.length > 0; rows = await db.tuples(page(columns).where('seq', '>', trail.lastSeq))) {
    for (const row of rows) if (!trail.feed(row)) return;
  }
}

/**
 * The chain's walk through the Db port, on either engine, inside one snapshot (no write lock, so
 * appends go on meanwhile): links, hashes, MACs, no gap, and the anchor. The checks of what the
 * chain vouches for outside itself follow it in verifyAuditTrail (audit-verify.ts).
 */
export async function walkTrailOnDb(db: Db, macKeyHex: string, anchor: AuditHead | null): Promise<AuditVerifyView> {
  return db.snapshot(async () => {
    const v2 = await trailHasV2(db);
    const trail = new TrailWalk(macKeyHex, anchor, v2);
    await feedTrailFromDb(db, trail, v2);
    const walked = trail.finish();
    return walked.ok ? walked.view : walked;
  });
}
