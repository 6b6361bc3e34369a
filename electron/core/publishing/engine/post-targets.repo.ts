import type { Db } from '../../db/db.port';
import { qb } from '../../db/sql';
import type { TargetState } from '../../posts/posts.repo';

/**
 * The publishing engine's SQL on post_targets: what is due, the lease (claim, renew, reconcile)
 * and the recorded outcome. Every write is conditional on the state (and the lease owner) it
 * expects, and returns whether it applied: that, not an earlier read, decides which runner won.
 * The caller wraps each write in a transaction with its audit event.
 */

export interface TargetRecord {
  id: number;
  post_id: number;
  channel_id: number;
  state: TargetState;
  attempts: number;
  next_attempt_at: string | null;
  remote_state: string | null;
  sending_started_at: string | null;
  late: number;
  platform: string;
  handle: string;
  school_id: number | null;
}

/** What an outcome may set besides the state (the rest of the lease is always cleared). */
export interface OutcomeFields {
  attempts?: number;
  next_attempt_at?: string | null;
  remote_id?: string;
  published_at?: string;
  remote_state?: string | null;
  late?: number;
  /** A published target's notice (what a person must still do), kept where a failure's reason is. */
  last_error?: string | null;
}

function targetsQuery() {
  return qb
    .selectFrom('post_targets as t')
    .innerJoin('channels as c', 'c.id', 't.channel_id')
    .innerJoin('posts as p', 'p.id', 't.post_id')
    .select(['t.id', 't.post_id', 't.channel_id', 't.state', 't.attempts', 't.next_attempt_at', 't.remote_state', 't.sending_started_at', 't.late', 'c.platform', 'c.handle', 'c.school_id']);
}

export function targetById(db: Db, id: number): Promise<TargetRecord | undefined> {
  return db.first(targetsQuery().where('t.id', '=', id));
}

/** Claimed targets whose lease ran out: their runner stopped (a crash, a kill, a closed laptop). */
export function staleTargets(db: Db, nowIso: string): Promise<TargetRecord[]> {
  return db.all(targetsQuery().where('t.state', '=', 'claimed').where('t.lease_until', '<', nowIso).orderBy('t.id'));
}

/** Due targets, oldest first: scheduled or part-way, not leased, on a post still scheduled, on a channel not waiting for a reconnect. */
export function dueTargetRows(db: Db, nowIso: string, limit: number): Promise<TargetRecord[]> {
  return db.all(
    targetsQuery()
      .leftJoin('channel_connections as cc', 'cc.channel_id', 't.channel_id')
      .where('t.state', 'in', ['scheduled', 'remote_created'])
      .where('t.next_attempt_at', '<=', nowIso)
      .where('p.status', '=', 'scheduled')
      // A channel published by hand never waits for a reconnect: no token is used for it.
      .where((eb) => eb.or([eb('cc.status', 'is', null), eb('cc.status', '=', 'connected'), eb('t.channel_id', 'in', eb.selectFrom('manual_channels').select('channel_id'))]))
      .where((eb) => eb.or([eb('t.lease_owner', 'is', null), eb('t.lease_until', '<', nowIso)]))
      .orderBy('t.next_attempt_at')
      .orderBy('t.id')
      .limit(limit),
  );
}

/** What every end of a lease clears, whoever ends it. */
const leaseEnded = (nowIso: string) => ({ lease_owner: null, lease_until: null, sending_started_at: null, updated_at: nowIso });

/** Gives a stale claim back (or to a person): only while it is still claimed with its lease run out. */
export async function reconcileTarget(db: Db, id: number, state: TargetState, detail: string, nowIso: string): Promise<boolean> {
  const result = await db.run(
    qb
      .updateTable('post_targets')
      .set({
        state,
        ...leaseEnded(nowIso),
        ...(state === 'needs_review' ? { last_error: detail, next_attempt_at: null } : { next_attempt_at: nowIso }),
      })
      .where('id', '=', id)
      .where('state', '=', 'claimed')
      .where('lease_until', '<', nowIso),
  );
  return result.changes === 1;
}

/** Takes the lease: one conditional UPDATE, so of two runners exactly one sees a change. */
export async function claimTarget(db: Db, id: number, owner: string, leaseUntil: string, nowIso: string): Promise<boolean> {
  const result = await db.run(
    qb
      .updateTable('post_targets')
      .set({ state: 'claimed', lease_owner: owner, lease_until: leaseUntil, updated_at: nowIso })
      .where('id', '=', id)
      .where('state', 'in', ['scheduled', 'remote_created'])
      .where('next_attempt_at', '<=', nowIso)
      .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_until', '<', nowIso)])),
  );
  return result.changes === 1;
}

/** Keeps the lease while a platform call runs. */
export async function renewLease(db: Db, id: number, owner: string, leaseUntil: string): Promise<void> {
  await db.run(qb.updateTable('post_targets').set({ lease_until: leaseUntil }).where('id', '=', id).where('state', '=', 'claimed').where('lease_owner', '=', owner));
}

/** Marks the attempt as leaving this machine (what tells "maybe sent" from "never sent" after a crash). */
export async function markSending(db: Db, id: number, owner: string, late: number, nowIso: string): Promise<boolean> {
  const result = await db.run(
    qb
      .updateTable('post_targets')
      .set({ sending_started_at: nowIso, late, updated_at: nowIso })
      .where('id', '=', id)
      .where('state', '=', 'claimed')
      .where('lease_owner', '=', owner),
  );
  return result.changes === 1;
}

/** Records the outcome and ends the lease, only while `owner` still holds it. */
export async function recordOutcome(db: Db, id: number, owner: string, state: TargetState, detail: string, set: OutcomeFields, nowIso: string): Promise<boolean> {
  const result = await db.run(
    qb
      .updateTable('post_targets')
      .set({
        state,
        ...leaseEnded(nowIso),
        last_error: state === 'published' || state === 'remote_created' || state === 'manual' ? null : detail,
        ...set,
      })
      .where('id', '=', id)
      .where('state', '=', 'claimed')
      .where('lease_owner', '=', owner),
  );
  return result.changes === 1;
}

/** The connection a target publishes through (none: the channel is not connected). */
export function targetConnection(db: Db, channelId: number) {
  return db.first(qb.selectFrom('channel_connections').select(['account_id', 'api_base', 'status', 'auth']).where('channel_id', '=', channelId));
}
