import type { AuditVerifyView } from '../../../shared/contract/views';
import { CHAIN_COLUMNS, canonicalFormOfColumns, chainHashOfCanonical, chainMac, chainMacKey, GENESIS_HASH } from './audit-chain';
import { canonicalFormV2OfColumns, chainHashV2OfDigest, sha256, V2_COMMIT_COLUMNS } from './audit-chain-v2';
import { NameUses } from './audit-names-verify';
import { targetSubject } from './audit-names.repo';
import type { AuditHead } from './audit.repo';
import { RegisterReplay } from './register-replay';
import { PublisherReplay } from '../publishing/publisher/publisher-replay';

/** CHAIN_COLUMNS, the three chain columns, then v2's, as arrays (raw mode): see canonicalFormOfColumns. */
export const V1_COLUMNS = `${CHAIN_COLUMNS}, prev_hash, hash, mac`;
export const V2_COLUMNS = `${V1_COLUMNS}, ${V2_COMMIT_COLUMNS}`;
const [SEQ, ACTOR_ID, ACTION, TARGET, CHANNEL_ID, SCHOOL_ID, OUTCOME, DETAILS] = [0, 2, 3, 4, 5, 6, 8, 9];
const [PREV_HASH, HASH, MAC, VERSION, ACTOR_COMMIT, TARGET_COMMIT, CHANNEL_COMMIT] = [10, 11, 12, 13, 14, 15, 16];
/** Rows per page: a page read in one call costs less than a row at a time; bigger pages stop paying (measured). */
export const PAGE = 2000;

export type Walked = { ok: true; view: AuditVerifyView & { ok: true }; names: NameUses; replay: RegisterReplay; publishers: PublisherReplay } | (AuditVerifyView & { ok: false });

/**
 * One walk of the trail in seq order, fed a row at a time (arrays in V1_COLUMNS or V2_COLUMNS
 * order) by whichever engine reads the pages: it names the first event that fails, a gap in seq
 * (a deleted row), a broken link (a swapped or inserted row), a hash that does not match the
 * fields (an edited field) or a MAC that does not match (a chain recomputed without the key), and
 * then checks the anchor. The reader stops at the first bad event, so a seq edited out of order
 * never steers the paging: it asks for the rows after `lastSeq`.
 */
export class TrailWalk {
  private readonly macKey;
  private readonly names = new NameUses();
  private readonly replay = new RegisterReplay();
  private readonly publishers = new PublisherReplay();
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private anchorHashAtSeq: string | null = null;
  private count = 0;
  private seenV2 = false;
  private failure: (AuditVerifyView & { ok: false }) | null = null;

  constructor(
    macKeyHex: string,
    private readonly anchor: AuditHead | null,
    private readonly v2: boolean,
  ) {
    this.macKey = chainMacKey(macKeyHex);
  }

  /** The seq of the last good event: the next page starts after it. */
  get lastSeq(): number {
    return this.expectedSeq - 1;
  }

  /** Checks one event; false once the walk has found a bad one (then stop feeding). */
  feed(row: readonly unknown[]): boolean {
    const seq = row[SEQ] as number;
    const expectedSeq = this.expectedSeq;
    const prevHash = this.prevHash;
    if (seq !== expectedSeq) return this.bad(`event ${expectedSeq} is missing (the next event found is ${seq}): events were deleted`);
    if (row[PREV_HASH] !== prevHash) return this.bad(`event ${seq} does not follow event ${seq - 1} (prev_hash differs): events were reordered, replaced or inserted`);
    const version = this.v2 ? row[VERSION] : 1;
    let hash: string;
    if (version === 2) {
      hash = chainHashV2OfDigest(prevHash, row[SCHOOL_ID] as number | null, sha256(canonicalFormV2OfColumns(row)));
    } else if (version === 1 && !this.seenV2) {
      hash = chainHashOfCanonical(prevHash, canonicalFormOfColumns(row));
    } else {
      return this.bad(`event ${seq} claims canonical form ${String(version)} after events of form 2: it was altered`);
    }
    if (hash !== row[HASH]) return this.bad(`event ${seq} was altered: its contents do not match its hash`);
    if (chainMac(this.macKey, hash) !== row[MAC]) return this.bad(`event ${seq} has a MAC that does not match the vault key: the chain was recomputed outside Custodian`);
    if (version === 2) {
      // A trail that begins in v2 is a new vault's: its register starts empty.
      if (seq === 1) this.replay.startEmpty();
      this.seenV2 = true;
      this.names.note(row[ACTOR_COMMIT], 'person', row[ACTOR_ID], seq);
      this.names.note(row[CHANNEL_COMMIT], 'channel', row[CHANNEL_ID], seq);
      if (row[TARGET_COMMIT] !== null) {
        const subject = targetSubject(row[TARGET] as string | null);
        if (subject !== null) this.names.note(row[TARGET_COMMIT], subject.kind, subject.id, seq);
      }
    }
    this.replay.note(row[ACTION] as string, row[OUTCOME] as string, row[DETAILS] as string);
    this.publishers.note(row[ACTION] as string, row[OUTCOME] as string, row[DETAILS] as string, row[ACTOR_ID]);
    if (this.anchor !== null && seq === this.anchor.seq) this.anchorHashAtSeq = hash;
    this.prevHash = hash;
    this.expectedSeq += 1;
    this.count += 1;
    return true;
  }

  /** After the last row (or the first bad one): the walk's result, the anchor checked. */
  finish(): Walked {
    if (this.failure !== null) return this.failure;
    const { anchor, count } = this;
    const headSeq = this.lastSeq;
    if (anchor !== null) {
      if (anchor.seq > headSeq) {
        return { ok: false, events: count, firstBadSeq: headSeq + 1, problem: `the trail ends at event ${headSeq} but the keychain anchor records event ${anchor.seq}: events were cut from the end` };
      }
      if (anchor.seq > 0 && this.anchorHashAtSeq !== anchor.hash) {
        return { ok: false, events: count, firstBadSeq: anchor.seq, problem: `event ${anchor.seq} does not match the hash anchored in the keychain: the trail was rewritten` };
      }
    }
    return { ok: true, view: { ok: true, events: count, headSeq, headHash: this.prevHash, anchorSeq: anchor?.seq ?? null }, names: this.names, replay: this.replay, publishers: this.publishers };
  }

  private bad(problem: string): false {
    this.failure = { ok: false, events: this.count, firstBadSeq: this.expectedSeq, problem };
    return false;
  }
}
