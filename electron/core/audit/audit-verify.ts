import type BetterSqlite3 from 'better-sqlite3';
import type { AuditVerifyView } from '../../../shared/contract/views';
import { chainHash, chainMac, GENESIS_HASH, type ChainFields } from './audit-chain';
import type { AuditHead } from './audit.repo';

interface Row extends ChainFields {
  prev_hash: string;
  hash: string;
  mac: string;
}

/**
 * Walks the whole trail once, in seq order, and names the first event that fails:
 * a gap in seq (a deleted row), a broken link (a swapped or inserted row), a hash that does
 * not match the fields (an edited field), or a MAC that does not match (a chain recomputed
 * without the keychain key). Then checks the keychain anchor: a trail that ends before the
 * anchor was cut short.
 */
export function verifyAuditTrail(db: BetterSqlite3.Database, macKeyHex: string, anchor: AuditHead | null): AuditVerifyView {
  const rows = db
    .prepare(
      'SELECT seq, at, actor_id, action, target, channel_id, school_id, reason, outcome, details, prev_hash, hash, mac FROM audit_events ORDER BY seq',
    )
    .iterate() as IterableIterator<Row>;
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let anchorHashAtSeq: string | null = null;
  let count = 0;
  for (const row of rows) {
    const bad = (problem: string): AuditVerifyView => ({ ok: false, events: count, firstBadSeq: expectedSeq, problem });
    if (row.seq !== expectedSeq) {
      return bad(`event ${expectedSeq} is missing (the next event found is ${row.seq}): events were deleted`);
    }
    if (row.prev_hash !== prevHash) {
      return bad(`event ${row.seq} does not follow event ${row.seq - 1} (prev_hash differs): events were reordered, replaced or inserted`);
    }
    const hash = chainHash(prevHash, row);
    if (hash !== row.hash) return bad(`event ${row.seq} was altered: its contents do not match its hash`);
    if (chainMac(macKeyHex, hash) !== row.mac) {
      return bad(`event ${row.seq} has a MAC that does not match the vault key: the chain was recomputed outside Custodian`);
    }
    if (anchor !== null && row.seq === anchor.seq) anchorHashAtSeq = row.hash;
    prevHash = row.hash;
    expectedSeq += 1;
    count += 1;
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
