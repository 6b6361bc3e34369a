import type { Platform } from '../../../../shared/domain/enums';
import { channelLabel } from '../../channels/channels.repo';
import { markReconnectNeeded } from '../../channels/connections.repo';
import type { Db } from '../../db/db.port';
import { postRowById, variantRows, type TargetState } from '../../posts/posts.repo';
import type { Vault } from '../../vault/vault';
import { adapterContext, type AdapterContext } from '../adapter-http';
import type { AdapterRegistry } from '../adapters/platform-adapters';
import { ChannelTokens } from '../oauth/channel-tokens';
import type { PublishOutcome, RemoteProgress } from '../platform-adapter';
import { isManualChannel, manualDueDetail, notifyManualDue } from '../manual/manual-channels.repo';
import {
  claimTarget,
  dueTargetRows,
  markSending,
  reconcileTarget,
  recordOutcome,
  renewLease,
  staleTargets,
  targetById,
  targetConnection,
  type OutcomeFields,
  type TargetRecord,
} from './post-targets.repo';
import { checksProblem, publishMedia } from './pre-send-checks';
import { outcomeRecord, platformName } from './publish-outcome';

/**
 * The publishing engine: one pass over what is due, with no timers of its own (the desktop app
 * and `custodian scheduler run` call it at most every 60 s; `scheduler.runOnce` calls it once).
 *
 * Every state change is its own committed transaction with its audit event:
 *   claim (a lease, so two runners never take the same target) → sending (committed right
 *   before the network call, with the token use) → the outcome.
 * After a crash, a claimed target whose lease has run out is reconciled first: never sent →
 * scheduled again; sent with progress recorded (an Instagram container, a YouTube upload) →
 * continued from it; sent with nothing to resume from → needs_review, never a second post.
 */

/** A claim's lease. A live runner renews it every minute while a platform call is under way (a 15-minute upload). */
export const LEASE_MS = 5 * 60_000;
/** A post missed by more than this (Custodian was closed) waits for a person. */
export const MISSED_GRACE_MS = 2 * 3_600_000;
/** Published more than this after its time: marked late. */
export const LATE_AFTER_MS = 5 * 60_000;
export const MISSED_REASON = 'missed while Custodian was closed: publish or cancel';
const DEFAULT_LIMIT = 25;

export interface EngineDeps {
  vault: Vault;
  adapters: AdapterRegistry;
  /** Who the audit events name: the operator who runs the pass (null for none). */
  actorId: number | null;
  /** The publisher that runs the pass (publishing/publisher/): named in each event's details, as it is no person. */
  publisherId?: number;
  /** Jitter source for backoff (tests pin it). */
  random?: () => number;
  /** HTTP for refreshing OAuth tokens (the adapters' fetch and deadlines); defaults to Node's fetch. */
  http?: AdapterContext;
}

export interface PassOptions {
  /** This runner's name in the lease (unique per process and pass loop). */
  owner: string;
  now?: Date;
  limit?: number;
  leaseMs?: number;
}

export interface PassResult {
  post: number;
  channel: string;
  state: TargetState;
  detail: string;
}

/** The channel a target goes to (a target's own id is not the channel's). */
const channelOf = (t: TargetRecord) => ({ id: t.channel_id, platform: t.platform, handle: t.handle, school_id: t.school_id });

class Pass {
  readonly results: PassResult[] = [];
  readonly tokens: ChannelTokens;
  now: Date;
  nowIso: string;
  constructor(
    readonly deps: EngineDeps,
    readonly owner: string,
    readonly fixedNow: Date | undefined,
    readonly leaseMs: number,
  ) {
    this.now = fixedNow ?? deps.vault.clock.now();
    this.nowIso = this.now.toISOString();
    this.tokens = new ChannelTokens(deps.vault, deps.http ?? adapterContext({ clock: deps.vault.clock }), deps.actorId, deps.publisherId ?? null);
  }

  /** Reads the clock again (unless the pass was given a fixed time): each claim's lease runs from when it is taken. */
  tick(): void {
    if (this.fixedNow !== undefined) return;
    this.now = this.deps.vault.clock.now();
    this.nowIso = this.now.toISOString();
  }

  get db(): Db {
    return this.deps.vault.data;
  }

  async audit(t: TargetRecord, action: string, outcome: 'ok' | 'error', details: Record<string, unknown>): Promise<void> {
    await this.deps.vault.audit.append({
      actorId: this.deps.actorId,
      action,
      target: `post:${t.post_id}`,
      channelId: t.channel_id,
      schoolId: t.school_id,
      outcome,
      details: { target: t.id, ...details, ...(this.deps.publisherId === undefined ? {} : { publisher: this.deps.publisherId }) },
    });
  }

  record(t: TargetRecord, state: TargetState, detail: string): void {
    this.results.push({ post: t.post_id, channel: channelLabel(t), state, detail });
  }

  /** Claimed targets whose lease ran out: their runner stopped (a crash, a kill, a closed laptop). */
  async reconcile(): Promise<void> {
    const stale = await staleTargets(this.db, this.nowIso);
    for (const t of stale) {
      let state: TargetState;
      let detail: string;
      if (t.sending_started_at === null) {
        state = t.remote_state === null ? 'scheduled' : 'remote_created';
        detail = 'A runner stopped before sending it; it is due again.';
      } else if (t.remote_state !== null) {
        state = 'remote_created';
        detail = `A runner stopped while publishing it; the next attempt continues what ${platformName(t)} already holds.`;
      } else {
        state = 'needs_review';
        detail = `Custodian stopped while this post was being sent to ${platformName(t)}, so it may or may not have been published. Check the channel, then retry or cancel it.`;
      }
      const changed = await this.db.transaction(async () => {
        if (!(await reconcileTarget(this.db, t.id, state, detail, this.nowIso))) return false;
        await this.audit(t, 'publish.reconcile', state === 'needs_review' ? 'error' : 'ok', { state, sent: t.sending_started_at !== null });
        return true;
      });
      if (changed) this.record(t, state, detail);
    }
  }

  due(limit: number): Promise<TargetRecord[]> {
    return dueTargetRows(this.db, this.nowIso, limit);
  }

  /** Takes the lease; false when another runner got there first. */
  claim(t: TargetRecord): Promise<boolean> {
    return this.db.transaction(async () => {
      const leaseUntil = new Date(this.now.getTime() + this.leaseMs).toISOString();
      if (!(await claimTarget(this.db, t.id, this.owner, leaseUntil, this.nowIso))) return false;
      await this.audit(t, 'publish.claim', 'ok', { from: t.state, attempts: t.attempts });
      return true;
    });
  }

  /** Ends the attempt: the new state and its audit event, only while this runner still holds the lease. */
  async finish(
    t: TargetRecord,
    state: TargetState,
    detail: string,
    set: OutcomeFields,
    audit: { action: string; outcome: 'ok' | 'error'; details: Record<string, unknown> },
    after?: () => Promise<void>,
  ): Promise<void> {
    const done = await this.db.transaction(async () => {
      if (!(await recordOutcome(this.db, t.id, this.owner, state, detail, set, this.nowIso))) return false;
      await this.audit(t, audit.action, audit.outcome, { state, ...audit.details });
      await after?.();
      return true;
    });
    if (done) this.record(t, state, detail);
    else this.record(t, (await targetById(this.db, t.id))?.state ?? t.state, 'Another runner took this target over before the outcome was recorded; see the audit trail.');
  }

  /** Gives the target back untouched (not an attempt): the next pass takes it again. */
  release(t: TargetRecord, detail: string): Promise<void> {
    return this.finish(t, t.remote_state === null ? 'scheduled' : 'remote_created', detail, { next_attempt_at: this.nowIso }, { action: 'publish.release', outcome: 'error', details: { why: detail } });
  }

  /**
   * The channel's token no longer works: the channel is marked "reconnect needed" (the admins
   * are told) and the target waits, untouched, until it is connected again; then it goes out
   * without anyone having to retry it. `sent`: the platform refused an attempt (counted).
   */
  pauseForReconnect(t: TargetRecord, reason: string, sent = false): Promise<void> {
    return this.finish(
      t,
      t.remote_state === null ? 'scheduled' : 'remote_created',
      `${reason} The post waits until ${channelLabel(t)} is connected again.`,
      { next_attempt_at: this.nowIso, ...(sent ? { attempts: t.attempts + 1 } : {}) },
      { action: 'publish.outcome', outcome: 'error', details: { code: 'token-expired', why: 'reconnect needed' } },
      async () => {
        await markReconnectNeeded(this.db, channelOf(t), reason, this.nowIso);
        await this.audit(t, 'channel.reconnect_needed', 'error', { why: 'token-expired' });
      },
    );
  }

  async process(t: TargetRecord): Promise<void> {
    // A post missed while Custodian was closed: within the grace it goes out (late), else a person decides.
    const firstTry = t.state === 'scheduled' && t.attempts === 0 && t.remote_state === null;
    const dueAt = t.next_attempt_at === null ? this.now.getTime() : Date.parse(t.next_attempt_at);
    const behind = this.now.getTime() - dueAt;
    if (firstTry && behind > MISSED_GRACE_MS) {
      await this.finish(t, 'needs_review', MISSED_REASON, { next_attempt_at: null }, { action: 'publish.missed', outcome: 'error', details: { dueAt: t.next_attempt_at } });
      return;
    }
    const late = firstTry && behind > LATE_AFTER_MS ? 1 : t.late;

    const problem = await checksProblem(this.db, t, this.now);
    if (problem !== null) {
      await this.finish(t, 'failed', problem, { next_attempt_at: null }, { action: 'publish.checks', outcome: 'error', details: { why: 'checks' } });
      return;
    }
    // A channel published by hand: the checks passed, so a person is told it is due; no API call.
    if (await isManualChannel(this.db, t.channel_id)) {
      await this.finish(t, 'manual', manualDueDetail(t), { next_attempt_at: null, late }, { action: 'publish.manual_due', outcome: 'ok', details: { late: late === 1 } }, () =>
        notifyManualDue(this.db, t, this.nowIso),
      );
      return;
    }
    const connection = await targetConnection(this.db, t.channel_id);
    if (connection === undefined) {
      await this.finish(
        t,
        'failed',
        `${channelLabel(t)} is not connected for publishing: connect it (Channels → Connect, or custodian channel connect), then retry the post.`,
        { next_attempt_at: null },
        { action: 'publish.outcome', outcome: 'error', details: { why: 'not connected' } },
      );
      return;
    }
    if (connection.status !== 'connected') {
      await this.release(t, `${channelLabel(t)} needs reconnecting; its posts wait until it is.`);
      return;
    }
    const media = await publishMedia(this.db, this.deps.vault.dataDir, t.post_id);
    if (typeof media === 'string') {
      await this.finish(t, 'failed', media, { next_attempt_at: null }, { action: 'publish.outcome', outcome: 'error', details: { why: 'media file' } });
      return;
    }
    const answer = await this.tokens.accessToken(channelOf(t));
    if (answer.kind === 'later') {
      await this.release(t, `${answer.reason} The post waits for the next pass.`);
      return;
    }
    if (answer.kind === 'reconnect') {
      await this.pauseForReconnect(t, answer.reason);
      return;
    }
    let token: string | null = answer.token;

    // Committed before anything leaves this machine: after a crash, this is what tells "maybe
    // sent" from "never sent". The token's use is a credential use, audited with the channel.
    const sending = await this.db.transaction(async () => {
      if (!(await markSending(this.db, t.id, this.owner, late, this.nowIso))) return false;
      await this.audit(t, 'publish.token_use', 'ok', { kind: 'api-token', attempt: t.attempts + 1 });
      return true;
    });
    if (!sending) return;

    const variant = (await variantRows(this.db, { id: t.post_id })).find((v) => v.channel_id === t.channel_id);
    const post = await postRowById(this.db, t.post_id);
    const remote = t.remote_state === null ? undefined : (JSON.parse(t.remote_state) as RemoteProgress);
    // Keep the lease while the call runs, so no other runner reconciles a live attempt.
    const renew = setInterval(() => {
      const until = new Date(this.deps.vault.clock.now().getTime() + this.leaseMs).toISOString();
      renewLease(this.db, t.id, this.owner, until).catch(() => {
          // A busy database: the next renewal tries again, well within the lease.
        });
    }, Math.min(60_000, Math.max(250, Math.floor(this.leaseMs / 3))));
    renew.unref();
    const publish = async (bearer: string): Promise<PublishOutcome> => {
      try {
        return await this.deps.adapters[t.platform as Platform].publish({
          channel: { platform: t.platform as Platform, accountId: connection.account_id, ...(connection.api_base === null ? {} : { apiBase: connection.api_base }) },
          token: bearer,
          text: variant?.text ?? post.text,
          ...(variant?.title === null || variant?.title === undefined ? {} : { title: variant.title }),
          media,
          idempotencyKey: `target-${t.id}`,
          ...(remote === undefined ? {} : { remote }),
        });
      } catch {
        return { kind: 'ambiguous', reason: `Custodian hit an unexpected problem while publishing to ${platformName(t)}. Check the channel before trying again.` };
      }
    };
    let outcome: PublishOutcome;
    try {
      outcome = await publish(token);
      // The platform refused the token before posting anything: a signed-in (OAuth) channel
      // refreshes it once and tries again; if the refresh is refused, the channel lapses.
      if (outcome.kind === 'failed' && outcome.code === 'token-expired' && connection.auth === 'oauth') {
        const refreshed = await this.tokens.accessToken(channelOf(t), { stale: outcome.reason });
        if (refreshed.kind === 'token') {
          await this.audit(t, 'publish.token_use', 'ok', { kind: 'api-token', attempt: t.attempts + 1, refreshed: true });
          token = refreshed.token;
          outcome = await publish(token);
        } else if (refreshed.kind === 'later') {
          outcome = { kind: 'retry', reason: `${platformName(t)} refused the token and a new one could not be got yet: ${refreshed.reason}` };
        }
      }
    } finally {
      clearInterval(renew);
    }
    token = null;
    if (outcome.kind === 'failed' && outcome.code === 'token-expired') {
      await this.pauseForReconnect(t, outcome.reason, true);
      return;
    }
    await this.commit(t, outcome, late);
  }

  commit(t: TargetRecord, outcome: PublishOutcome, late: number): Promise<void> {
    const next = outcomeRecord(t, outcome, late, this.now, this.deps.random ?? Math.random);
    return this.finish(t, next.state, next.detail, next.set, next.audit);
  }
}

/**
 * One pass: reconcile what a stopped runner left, then claim and publish what is due (at most
 * `limit` targets, one at a time). Returns what happened to each target it touched.
 */
export async function runDue(deps: EngineDeps, options: PassOptions): Promise<PassResult[]> {
  const pass = new Pass(deps, options.owner, options.now, options.leaseMs ?? LEASE_MS);
  await pass.reconcile();
  let due = await pass.due(options.limit ?? DEFAULT_LIMIT);
  // A step that left progress due at once (a YouTube upload session) continues in the same pass,
  // a few rounds at most; anything due later waits for a later pass.
  for (let round = 0; round < 4 && due.length > 0; round += 1) {
    const progressed: number[] = [];
    for (const t of due) {
      pass.tick();
      if (!(await pass.claim(t))) continue;
      const claimed = (await targetById(pass.db, t.id)) ?? t;
      await pass.process({ ...claimed, state: t.state });
      if ((await targetById(pass.db, t.id))?.state === 'remote_created') progressed.push(t.id);
    }
    due = progressed.length === 0 ? [] : (await pass.due(progressed.length + DEFAULT_LIMIT)).filter((t) => progressed.includes(t.id));
  }
  return pass.results;
}

/** The due query alone, as a pass at `now` runs it (the bench times it on a long queue). */
export function dueTargets(deps: EngineDeps, now: Date, limit = DEFAULT_LIMIT): Promise<{ id: number; post_id: number; channel_id: number }[]> {
  return new Pass(deps, 'due-query', now, LEASE_MS).due(limit);
}
