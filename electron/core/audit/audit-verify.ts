import type BetterSqlite3 from 'better-sqlite3';
import type { AuditVerifyView } from '../../../shared/contract/views';
import type { Db } from '../db/db.port';
import { SqliteDb } from '../db/sqlite-db';
import { Sql } from '../db/sql';
import type { AuditHead } from './audit.repo';
import { feedTrailFromDb, trailHasV2 } from './trail-verify.repo';
import { PAGE, TrailWalk, V1_COLUMNS, V2_COLUMNS } from './trail-walk';

/**
 * Walks the whole trail once, in seq order, and names the first event that fails:
 * a gap in seq (a deleted row), a broken link (a swapped or inserted row), a hash that does
 * not match the fields (an edited field), or a MAC that does not match (a chain recomputed
 * without the keychain key). Then checks the keychain anchor: a trail that ends before the
 * anchor was cut short. Then what the chain vouches for outside itself: the side table of
 * names (audit-names-verify.ts), the register and roles it replays (register-replay.ts) and the
 * publishers it enrolled (publisher-replay.ts).
 * A database from before trail v2 (a backup, a transfer file) has only v1 events and columns.
 *
 * All of it inside one snapshot of db, so every page and table comes from the same moment.
 * `raw` is db's own better-sqlite3 connection when it runs on SQLite: the walk then reads raw
 * (array) pages, which a million events need. Null on PostgreSQL: the walk pages through the port.
 */
export async function verifyAuditTrail(db: Db, raw: BetterSqlite3.Database | null, macKeyHex: string, anchor: AuditHead | null): Promise<AuditVerifyView> {
  return db.snapshot(async (): Promise<AuditVerifyView> => {
    const v2 = await trailHasV2(db);
    const trail = new TrailWalk(macKeyHex, anchor, v2);
    if (raw === null) await feedTrailFromDb(db, trail, v2);
    else feedTrailRaw(raw, trail, v2);
    const walked = trail.finish();
    if (!walked.ok) return walked;
    const findings = v2 ? [...(await walked.names.check(db)), ...(await walked.replay.compare(db)), ...(await walked.publishers.compare(db))] : [];
    if (findings.length === 0) return walked.view;
    return {
      ok: false as const,
      events: walked.view.events,
      firstBadSeq: walked.view.headSeq + 1,
      problem: `the chain is intact, but ${findings.length === 1 ? 'a row was' : `${findings.length} rows were`} changed outside Custodian: ${findings[0]}`,
      findings,
    };
  });
}

/**
 * The trail of a database opened on its own (a backup's copy, a transfer file's staged database),
 * not the vault's: its own connection, so its own Db.
 */
export function verifyStagedTrail(raw: BetterSqlite3.Database, macKeyHex: string, anchor: AuditHead | null): Promise<AuditVerifyView> {
  return verifyAuditTrail(new SqliteDb(new Sql(raw)), raw, macKeyHex, anchor);
}

/**
 * A million events should cost little more than their hashing: pages of raw (array) rows,
 * no row objects, the canonical bytes rebuilt straight from the columns, the key decoded once.
 * Synchronous on db's connection, so it reads inside the snapshot verifyAuditTrail opened.
 */
function feedTrailRaw(db: BetterSqlite3.Database, trail: TrailWalk, v2: boolean): void {
  const columns = v2 ? V2_COLUMNS : V1_COLUMNS;
  // No lower bound on the first page: an event whose seq was edited below 1 must still be seen first.
  const firstPage = db.prepare(`SELECT ${columns} FROM audit_events ORDER BY seq LIMIT ${PAGE}`).raw(true);
  const nextPage = db.prepare(`SELECT ${columns} FROM audit_events WHERE seq > ? ORDER BY seq LIMIT ${PAGE}`).raw(true);
  for (let rows = firstPage.all() as unknown[][]; rows.length > 0; rows = nextPage.all(trail.lastSeq) as unknown[][]) {
    for (const row of rows) if (!trail.feed(row)) return;
  }
}
