import { createHash, createHmac } from 'node:crypto';

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

export function chainHash(prevHash: string, event: ChainFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalForm(event)).digest('hex');
}

/** Keyed with a key from the keychain: editing the file alone cannot recompute it. */
export function chainMac(keyHex: string, hash: string): string {
  return createHmac('sha256', Buffer.from(keyHex, 'hex')).update(hash).digest('hex');
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
