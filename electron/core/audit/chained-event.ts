import type { KeyObject } from 'node:crypto';
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
    mac: chainMac(macKey, hash),
    version: CHAIN_VERSION,
  };
}
