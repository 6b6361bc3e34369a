import { createHash, createHmac, createSecretKey, type KeyObject } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** The hashed fields of one event. People are referred to by id, so names can be pseudonymised later. */
export interface ChainFields {
  seq: number;
  at: string;
  actor_id: number | null;
  action: string;
  target: string | null;
  channel_id: number | null;
  school_id: number | null;
  reason: string | null;
  outcome: string;
  details: string;
}

/** A fixed-order JSON array: the same event always gives the same bytes. */
export function canonicalForm(event: ChainFields): string {
  return JSON.stringify([
    1,
    event.seq,
    event.at,
    event.actor_id,
    event.action,
    event.target,
    event.channel_id,
    event.school_id,
    event.reason,
    event.outcome,
    event.details,
  ]);
}

/**
 * The same bytes as canonicalForm, from a row read in raw (array) mode whose first ten
 * columns are CHAIN_COLUMNS in order: verify reads a million rows, and skipping the row
 * object saves much of its time. Any change here breaks every existing vault's chain.
 */
export const CHAIN_COLUMNS = 'seq, at, actor_id, action, target, channel_id, school_id, reason, outcome, details';
export function canonicalFormOfColumns(row: readonly unknown[]): string {
  return JSON.stringify([1, row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[9]]);
}

/** SHA-256 of the previous hash, a newline and the canonical form, as hex. */
export function chainHash(prevHash: string, event: ChainFields): string {
  return chainHashOfCanonical(prevHash, canonicalForm(event));
}

/** One update of one string: the same bytes as hashing the three parts in turn, with fewer calls. */
export function chainHashOfCanonical(prevHash: string, canonical: string): string {
  return createHash('sha256').update(`${prevHash}\n${canonical}`).digest('hex');
}

/** Keyed with a key from the keychain: editing the file alone cannot recompute it. */
export function chainMac(key: string | KeyObject, hash: string): string {
  return createHmac('sha256', typeof key === 'string' ? Buffer.from(key, 'hex') : key).update(hash).digest('hex');
}

/** The MAC key decoded once, for the many events of a vault's life or of one verify. */
export function chainMacKey(keyHex: string): KeyObject {
  return createSecretKey(Buffer.from(keyHex, 'hex'));
}

/** Details are stored as JSON with sorted keys, so the stored text is already canonical. */
export function canonicalDetails(details: Record<string, unknown>): string {
  return JSON.stringify(sortKeys(details));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
