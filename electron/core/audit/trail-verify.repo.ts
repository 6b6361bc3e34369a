import type { AuditVerifyView } from '../../../shared/contract/views';
import type { Db } from '../db/db.port';
import type { AuditEventsTable } from '../db/schema';
import { qb } from '../db/sql';
import type { AuditHead } from './audit.repo';
import { PAGE, TrailWalk, V2_COLUMNS } from './trail-walk';

const COLUMNS = V2_COLUMNS.split(', ') as (keyof AuditEventsTable)[];
const page = () => qb.selectFrom('audit_events').select(COLUMNS).orderBy('seq').limit(PAGE);

/**
 * The chain's walk through the Db port, on either engine, inside one snapshot (no write lock, so
 * appends go on meanwhile): links, hashes, MACs, no gap, and the anchor. Both engines' trails
 * are v2. The comparisons that follow the walk on SQLite (the side table of names, the register
 * and the publishers: audit-verify.ts) read better-sqlite3 directly and are not part of this yet.
 */
export async function walkTrailOnDb(db: Db, macKeyHex: string, anchor: AuditHead | null): Promise<AuditVerifyView> {
  return db.snapshot(async () => {
    const trail = new TrailWalk(macKeyHex, anchor, true);
    // No lower bound on the first page: an event whose seq was edited below 1 must still be seen first.
    for (let rows = await db.all(page()); rows.length > 0; rows = await db.all(page().where('seq', '>', trail.lastSeq))) {
      for (const row of rows) if (!trail.feed(COLUMNS.map((column) => row[column]))) return view(trail);
    }
    return view(trail);
  });
}

function view(trail: TrailWalk): AuditVerifyView {
  const walked = trail.finish();
  return walked.ok ? walked.view : walked;
}
