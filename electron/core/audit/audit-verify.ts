import type BetterSqlite3 from 'better-sqlite3';
import type { AuditVerifyView } from '../../../shared/contract/views';
import { hasTrailV2 } from './audit-names.repo';
import type { AuditHead } from './audit.repo';
import { PAGE, TrailWalk, V1_COLUMNS, V2_COLUMNS, type Walked } from './trail-walk';

/**
 * Walks the whole trail once, in seq order, and names the first event that fails:
 * a gap in seq (a deleted row), a broken link (a swapped or inserted row), a hash that does
 * not match the fields (an edited field), or a MAC that does not match (a chain recomputed
 * without the keychain key). Then checks the keychain anchor: a trail that ends before the
 * anchor was cut short. Then what the chain vouches for outside itself: the side table of
 * names (audit-names-verify.ts), the register and roles it replays (register-replay.ts) and the
 * publishers it enrolled (publisher-replay.ts).
 * A database from before trail v2 (a backup, a transfer file) has only v1 events and columns.
 */
export function verifyAuditTrail(db: BetterSqlite3.Database, macKeyHex: string, anchor: AuditHead | null): AuditVerifyView {
  // One read transaction, so every page and table comes from the same snapshot, as one statement's would.
  return db.transaction((): AuditVerifyView => {
    const v2 = hasTrailV2(db);
    const walked = walk(db, macKeyHex, anchor, v2);
    if (!walked.ok) return walked;
    const findings = v2 ? [...walked.names.check(db), ...walked.replay.compare(db), ...walked.publishers.compare(db)] : [];
    if (findings.length === 0) return walked.view;
    return {
      ok: false as const,
      events: walked.view.events,
      firstBadSeq: walked.view.headSeq + 1,
      problem: `the chain is intact, but ${findings.length === 1 ? 'a row was' : `${findings.length} rows were`} changed outside Custodian: ${findings[0]}`,
      findings,
    };
  })();
}

/**
 * A million events should cost little more than their hashing: pages of raw (array) rows,
 * no row objects, the canonical bytes rebuilt straight from the columns, the key decoded once.
 */
function walk(db: BetterSqlite3.Database, macKeyHex: string, anchor: AuditHead | null, v2: boolean): Walked {
  const columns = v2 ? V2_COLUMNS : V1_COLUMNS;
  // No lower bound on the first page: an event whose seq was edited below 1 must still be seen first.
  const firstPage = db.prepare(`SELECT ${columns} FROM audit_events ORDER BY seq LIMIT ${PAGE}`).raw(true);
  const nextPage = db.prepare(`SELECT ${columns} FROM audit_events WHERE seq > ? ORDER BY seq LIMIT ${PAGE}`).raw(true);
  const trail = new TrailWalk(macKeyHex, anchor, v2);
  for (let rows = firstPage.all() as unknown[][]; rows.length > 0; rows = nextPage.all(trail.lastSeq) as unknown[][]) {
    for (const row of rows) if (!trail.feed(row)) return trail.finish();
  }
  return trail.finish();
}
