import { hash } from 'node:crypto';

/**
 * Canonical form v2 of an audit event: the one definition, for this app and later for the
 * server. Any change here breaks every v2 chain; old events keep v1 (audit-chain.ts).
 *
 * The bytes (all UTF-8, every hash lower-case hex):
 *
 *   canonical v2 = JSON.stringify([2, seq, at, actor_id, actor_commit, action, target,
 *                                  target_commit, channel_id, channel_commit, reason,
 *                                  outcome, details])
 *   digest       = SHA-256(canonical v2)
 *   hash         = SHA-256(prev_hash + "\n" + school + "\n" + digest)
 *
 * where school is the school's id in decimal, or "" for a trust-wide event. The school is
 * outside the digest so that an auditor of one school can check the whole chain given only
 * (prev_hash, school, digest) of the other schools' events: their contents stay redacted.
 *
 * Commitments name who and what as they were when the event was written:
 *
 *   person  = SHA-256(JSON.stringify([salt, email, name]))
 *   channel = SHA-256(JSON.stringify([salt, platform + ":" + handle, display name]))
 *
 * with a random 16-byte salt (hex). The JSON array keeps the parts apart whatever they hold.
 * The salt and the plain names live in audit_names; erasing them there leaves the chain intact.
 */
export const CHAIN_VERSION = 2;

export interface ChainFieldsV2 {
  seq: number;
  at: string;
  actor_id: number | null;
  actor_commit: string | null;
  action: string;
  target: string | null;
  target_commit: string | null;
  channel_id: number | null;
  channel_commit: string | null;
  school_id: number | null;
  reason: string | null;
  outcome: string;
  details: string;
}

export function canonicalFormV2(event: ChainFieldsV2): string {
  return JSON.stringify([
    CHAIN_VERSION,
    event.seq,
    event.at,
    event.actor_id,
    event.actor_commit,
    event.action,
    event.target,
    event.target_commit,
    event.channel_id,
    event.channel_commit,
    event.reason,
    event.outcome,
    event.details,
  ]);
}

// crypto.hash: one call, no Hash object per digest (appends hash three to five times each).
export const sha256 = (text: string): string => hash('sha256', text, 'hex');

/** The link: separable into the school and the digest of everything else. */
export function chainHashV2OfDigest(prevHash: string, schoolId: number | null, digest: string): string {
  return sha256(`${prevHash}\n${schoolId === null ? '' : String(schoolId)}\n${digest}`);
}

export function chainHashV2(prevHash: string, event: ChainFieldsV2): string {
  return chainHashV2OfDigest(prevHash, event.school_id, sha256(canonicalFormV2(event)));
}

/** A commitment to a name: label is a person's email or a channel's platform:handle. */
export function nameCommitment(salt: string, label: string, name: string): string {
  return sha256(JSON.stringify([salt, label, name]));
}

/**
 * The same bytes as canonicalFormV2, from a raw (array) row of CHAIN_COLUMNS (audit-chain.ts),
 * prev_hash, hash, mac, then V2_COMMIT_COLUMNS: verify reads a million rows without objects.
 */
export const V2_COMMIT_COLUMNS = 'version, actor_commit, target_commit, channel_commit';
export function canonicalFormV2OfColumns(row: readonly unknown[]): string {
  // seq, at, actor_id, actor_commit, action, target, target_commit, channel_id, channel_commit, reason, outcome, details
  return JSON.stringify([CHAIN_VERSION, row[0], row[1], row[2], row[14], row[3], row[4], row[15], row[5], row[16], row[7], row[8], row[9]]);
}
