import { hash, type KeyObject } from 'node:crypto';
import { canonicalDetails, chainMac, GENESIS_HASH } from './audit-chain';
import { CHAIN_VERSION, chainHashV2, type ChainFieldsV2 } from './audit-chain-v2';
import { targetSubject, type NameKind } from './audit-names.repo';
import type { AuditEventInput, AuditHead } from './audit.repo';

/** A v2 event as stored: the chained fields, its link to the previous event, its hash and MAC. */
export interface ChainedEventRow extends ChainFieldsV2 {
  prev_hash: string;
  hash: string;
  mac: string;
  version: number;
}

/**
 * The key's HMAC-SHA256 pads, made once per key: (K ⊕ ipad) and (K ⊕ opad), each with room
 * after it for what it is hashed with (RFC 2104). Null when they would not give chainMac's bytes.
 */
interface MacPads {
  inner: Buffer;
  outer: Buffer;
}
const BLOCK = 64;
const padsByKey = new WeakMap<KeyObject, MacPads | null>();

function padsOf(key: KeyObject): MacPads | null {
  let pads = padsByKey.get(key);
  if (pads === undefined) {
    let bytes = key.export();
    if (bytes.length > BLOCK) bytes = hash('sha256', bytes, 'buffer');
    const inner = Buffer.alloc(BLOCK + 64);
    const outer = Buffer.alloc(BLOCK + 32);
    for (let i = 0; i < BLOCK; i += 1) {
      inner[i] = (bytes[i] ?? 0) ^ 0x36;
      outer[i] = (bytes[i] ?? 0) ^ 0x5c;
    }
    pads = { inner, outer };
    // The same bytes as the trail's own definition, or that definition is used.
    const probe = sha256Hex('custodian chain mac probe');
    if (macWithPads(pads, probe) !== chainMac(key, probe)) pads = null;
    padsByKey.set(key, pads);
  }
  return pads;
}

const sha256Hex = (text: string): string => hash('sha256', text, 'hex');

/**
 * HMAC-SHA256 of a 64-hex event hash: SHA-256((K ⊕ opad) ‖ SHA-256((K ⊕ ipad) ‖ hash)). Null for
 * text that is not 64 bytes in UTF-8 (as chainMac's update reads it): no event hash is.
 */
function macWithPads(pads: MacPads, eventHash: string): string | null {
  const { inner, outer } = pads;
  if (inner.write(eventHash, BLOCK, 'utf8') !== 64) return null;
  hash('sha256', inner, 'buffer').copy(outer, BLOCK);
  return hash('sha256', outer, 'hex');
}

/**
 * chainMac's MAC of an event's hash. createHmac builds an Hmac object and takes the key in again at
 * every call, which was most of an append's MAC (about 13 of 15 µs on the bench machine); with the
 * pads made once per key it is two one-shot SHA-256, the same bytes (checked per key against chainMac).
 */
export function eventMac(key: KeyObject, eventHash: string): string {
  const pads = eventHash.length === 64 ? padsOf(key) : null;
  return (pads === null ? null : macWithPads(pads, eventHash)) ?? chainMac(key, eventHash);
}

/** The subjects an event names, each asked for once: an event on a channel usually targets it too. */
export interface EventSubjects {
  actor: number | null;
  channel: number | null;
  /** The target's subject when it is not the event's channel (that one's commitment serves both). */
  otherTarget: { kind: NameKind; id: number } | null;
  targetIsChannel: boolean;
}

export function eventSubjects(event: AuditEventInput): EventSubjects {
  const channel = event.channelId ?? null;
  const subject = targetSubject(event.target ?? null);
  const targetIsChannel = subject !== null && subject.kind === 'channel' && subject.id === channel;
  return { actor: event.actorId, channel, otherTarget: targetIsChannel ? null : subject, targetIsChannel };
}

/**
 * The next v2 event after `previous` (the head read inside the append's transaction): the one
 * place that turns an event and its name commitments into the stored row, for both engines.
 */
export function chainedEventV2(
  previous: AuditHead | undefined,
  event: AuditEventInput,
  at: string,
  commits: { actor: string | null; target: string | null; channel: string | null },
  macKey: KeyObject,
): ChainedEventRow {
  const fields: ChainFieldsV2 = {
    seq: (previous?.seq ?? 0) + 1,
    at,
    actor_id: event.actorId,
    actor_commit: commits.actor,
    action: event.action,
    target: event.target ?? null,
    target_commit: commits.target,
    channel_id: event.channelId ?? null,
    channel_commit: commits.channel,
    school_id: event.schoolId ?? null,
    reason: event.reason ?? null,
    outcome: event.outcome,
    details: canonicalDetails(event.details ?? {}),
  };
  const prevHash = previous?.hash ?? GENESIS_HASH;
  const hash = chainHashV2(prevHash, fields);
  // Spelled out rather than `{ ...fields, prev_hash, … }`: V8 (Node 20) takes a slow path for a
  // spread object that then gains properties, 10–15 µs of CPU per append on the bench machine,
  // more than the hashing and the MAC; this literal costs well under a microsecond.
  return {
    seq: fields.seq,
    at: fields.at,
    actor_id: fields.actor_id,
    actor_commit: fields.actor_commit,
    action: fields.action,
    target: fields.target,
    target_commit: fields.target_commit,
    channel_id: fields.channel_id,
    channel_commit: fields.channel_commit,
    school_id: fields.school_id,
    reason: fields.reason,
    outcome: fields.outcome,
    details: fields.details,
    prev_hash: prevHash,
    hash,
    mac: eventMac(macKey, hash),
    version: CHAIN_VERSION,
  };
}
