import type BetterSqlite3 from 'better-sqlite3';
import type { AuditVerifyView } from '../../../shared/contract/views';
import { CHAIN_COLUMNS, canonicalFormOfColumns, chainHashOfCanonical, chainMac, chainMacKey, GENESIS_HASH } from './audit-chain';
import { canonicalFormV2OfColumns, chainHashV2OfDigest, sha256, V2_COMMIT_COLUMNS } from './audit-chain-v2';
import { NameUses } from './audit-names-verify';
import { hasTrailV2, targetSubject } from './audit-names.repo';
import type { AuditHead } from './audit.repo';
import { RegisterReplay } from './register-replay';
import { PublisherReplay } from '../publishing/publisher/publisher-replay';

/** CHAIN_COLUMNS, the three chain columns, then v2's, as arrays (raw mode): see canonicalFormOfColumns. */
const V1_COLUMNS = `${CHAIN_COLUMNS}, prev_hash, hash, mac`;
const V2_COLUMNS = `${V1_COLUMNS}, ${V2_COMMIT_COLUMNS}`;
const [SEQ, ACTOR_ID, ACTION, TARGET, CHANNEL_ID, SCHOOL_ID, OUTCOME, DETAILS] = [0, 2, 3, 4, 5, 6, 8, 9];
const [PREV_HASH, HASH, MAC, VERSION, ACTOR_COMMIT, TARGET_COMMIT, CHANNEL_COMMIT] = [10, 11, 12, 13, 14, 15, 16];
/** Rows per page: a page read in one call costs less than a row at a time; bigger pages stop paying (measured). */
const PAGE = 2000;

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

type Walked = { ok: true; view: AuditVerifyView & { ok: true }; names: NameUses; replay: RegisterReplay; publishers: PublisherReplay } | (AuditVerifyView & { ok: false });

/**
 * A million events should cost little more than their hashing: pages of raw (array) rows,
 * no row objects, the canonical bytes rebuilt straight from the columns, the key decoded once.
 * The walk stops at the first bad event, so a seq edited out of order never steers the paging.
 */
function walk(db: BetterSqlite3.Database, macKeyHex: string, anchor: AuditHead | null, v2: boolean): Walked {
  const columns = v2 ? V2_COLUMNS : V1_COLUMNS;
  // No lower bound on the first page: an event whose seq was edited below 1 must still be seen first.
  const firstPage = db.prepare(`SELECT ${columns} FROM audit_events ORDER BY seq LIMIT ${PAGE}`).raw(true);
  const nextPage = db.prepare(`SELECT ${columns} FROM audit_events WHERE seq > ? ORDER BY seq LIMIT ${PAGE}`).raw(true);
  const macKey = chainMacKey(macKeyHex);
  const names = new NameUses();
  const replay = new RegisterReplay();
  const publishers = new PublisherReplay();
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let anchorHashAtSeq: string | null = null;
  let count = 0;
  let seenV2 = false;
  const bad = (problem: string): Walked => ({ ok: false, events: count, firstBadSeq: expectedSeq, problem });
  for (let rows = firstPage.all() as unknown[][]; rows.length > 0; rows = nextPage.all(expectedSeq - 1) as unknown[][]) {
    for (const row of rows) {
      const seq = row[SEQ] as number;
      if (seq !== expectedSeq) {
        return bad(`event ${expectedSeq} is missing (the next event found is ${seq}): events were deleted`);
      }
      if (row[PREV_HASH] !== prevHash) {
        return bad(`event ${seq} does not follow event ${seq - 1} (prev_hash differs): events were reordered, replaced or inserted`);
      }
      const version = v2 ? row[VERSION] : 1;
      let hash: string;
      if (version === 2) {
        hash = chainHashV2OfDigest(prevHash, row[SCHOOL_ID] as number | null, sha256(canonicalFormV2OfColumns(row)));
      } else if (version === 1 && !seenV2) {
        hash = chainHashOfCanonical(prevHash, canonicalFormOfColumns(row));
      } else {
        return bad(`event ${seq} claims canonical form ${String(version)} after events of form 2: it was altered`);
      }
      if (hash !== row[HASH]) return bad(`event ${seq} was altered: its contents do not match its hash`);
      if (chainMac(macKey, hash) !== row[MAC]) {
        return bad(`event ${seq} has a MAC that does not match the vault key: the chain was recomputed outside Custodian`);
      }
      if (version === 2) {
        // A trail that begins in v2 is a new vault's: its register starts empty.
        if (seq === 1) replay.startEmpty();
        seenV2 = true;
        names.note(row[ACTOR_COMMIT], 'person', row[ACTOR_ID], seq);
        names.note(row[CHANNEL_COMMIT], 'channel', row[CHANNEL_ID], seq);
        if (row[TARGET_COMMIT] !== null) {
          const subject = targetSubject(row[TARGET] as string | null);
          if (subject !== null) names.note(row[TARGET_COMMIT], subject.kind, subject.id, seq);
        }
      }
      replay.note(row[ACTION] as string, row[OUTCOME] as string, row[DETAILS] as string);
      publishers.note(row[ACTION] as string, row[OUTCOME] as string, row[DETAILS] as string, row[ACTOR_ID]);
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
  return { ok: true, view: { ok: true, events: count, headSeq, headHash: prevHash, anchorSeq: anchor?.seq ?? null }, names, replay, publishers };
}
