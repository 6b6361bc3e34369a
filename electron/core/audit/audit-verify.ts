import type BetterSqlite3 from 'better-sqlite3';
import type { AuditVerifyView } from '../../../shared/contract/views';
import { CHAIN_COLUMNS, canonicalFormOfColumns, chainHashOfCanonical, chainMac, chainMacKey, GENESIS_HASH } from './audit-chain';
import type { AuditHead } from './audit.repo';

/** CHAIN_COLUMNS then the three chain columns, as arrays (raw mode): see canonicalFormOfColumns. */
const COLUMNS = `${CHAIN_COLUMNS}, prev_hash, hash, mac`;
const SEQ = 0;
const PREV_HASH = 10;
const HASH = 11;
const MAC = 12;
/** Rows per page: a page read in one call costs less than a row at a time; bigger pages stop paying (measured). */
const PAGE = 2000;
/** No lower bound on the first page: an event whose seq was edited below 1 must still be seen first. */
const FIRST_PAGE_SQL = `SELECT ${COLUMNS} FROM audit_events ORDER BY seq LIMIT ${PAGE}`;
const NEXT_PAGE_SQL = `SELECT ${COLUMNS} FROM audit_events WHERE seq > ? ORDER BY seq LIMIT ${PAGE}`;

/**
 * Walks the whole trail once, in seq order, and names the first event that fails:
 * a gap in seq (a deleted row), a broken link (a swapped or inserted row), a hash that does
 * not match the fields (an edited field), or a MAC that does not match (a chain recomputed
 * without the keychain key). Then checks the keychain anchor: a trail that ends before the
 * anchor was cut short.
 */
export function verifyAuditTrail(db: BetterSqlite3.Database, macKeyHex: string, anchor: AuditHead | null): AuditVerifyView {
  // One read transaction, so every page comes from the same snapshot, as one statement's would.
  return db.transaction(() => walk(db, macKeyHex, anchor))();
}

/**
 * A million events should cost little more than their hashing: pages of raw (array) rows,
 * no row objects, the canonical bytes rebuilt straight from the columns, the key decoded once.
 * The walk stops at the first bad event, so a seq edited out of order never steers the paging.
 */
function walk(db: BetterSqlite3.Database, macKeyHex: string, anchor: AuditHead | null): AuditVerifyView {
  const firstPage = db.prepare(FIRST_PAGE_SQL).raw(true);
  const nextPage = db.prepare(NEXT_PAGE_SQL).raw(true);
  const macKey = chainMacKey(macKeyHex);
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let anchorHashAtSeq: string | null = null;
  let count = 0;
  const bad = (problem: string): AuditVerifyView => ({ ok: false, events: count, firstBadSeq: expectedSeq, problem });
  for (let rows = firstPage.all() as unknown[][]; rows.length > 0; rows = nextPage.all(expectedSeq - 1) as unknown[][]) {
    for (const row of rows) {
      const seq = row[SEQ] as number;
      if (seq !== expectedSeq) {
        return bad(`event ${expectedSeq} is missing (the next event found is ${seq}): events were deleted`);
      }
      if (row[PREV_HASH] !== prevHash) {
        return bad(`event ${seq} does not follow event ${seq - 1} (prev_hash differs): events were reordered, replaced or inserted`);
      }
      const hash = chainHashOfCanonical(prevHash, canonicalFormOfColumns(row));
      if (hash !== row[HASH]) return bad(`event ${seq} was altered: its contents do not match its hash`);
      if (chainMac(macKey, hash) !== row[MAC]) {
        return bad(`event ${seq} has a MAC that does not match the vault key: the chain was recomputed outside Custodian`);
      }
      if (anchor !== null && seq === anchor.seq) anchorHashAtSeq = hash;
      prevHash = hash;
      expectedSeq += 1;
      count += 1;
    }
  }
  const headSeq = expectedSeq - 1;
  if (anchor !== null) {
    if (anchor.seq > headSeq) {
      return {
        ok: false,
        events: count,
        firstBadSeq: headSeq + 1,
        problem: `the trail ends at event ${headSeq} but the keychain anchor records event ${anchor.seq}: events were cut from the end`,
      };
    }
    if (anchor.seq > 0 && anchorHashAtSeq !== anchor.hash) {
      return {
        ok: false,
        events: count,
        firstBadSeq: anchor.seq,
        problem: `event ${anchor.seq} does not match the hash anchored in the keychain: the trail was rewritten`,
      };
    }
  }
  return { ok: true, events: count, headSeq, headHash: prevHash, anchorSeq: anchor?.seq ?? null };
}
