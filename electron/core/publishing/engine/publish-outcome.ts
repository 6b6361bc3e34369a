import type { Platform } from '../../../../shared/domain/enums';
import { platformNames } from '../../../../shared/posts/platform-rules';
import type { TargetState } from '../../posts/posts.repo';
import type { PublishOutcome, RemoteProgress } from '../platform-adapter';
import { MAX_ATTEMPTS, retryDelayMs } from './backoff';
import type { OutcomeFields, TargetRecord } from './post-targets.repo';

/** The platform's name in sentences (its own label when Custodian does not know it). */
export const platformName = (t: { platform: string }) => platformNames[t.platform as Platform] ?? t.platform;

/** What an attempt's outcome writes: the target's new state, its detail, the fields and the audit event. */
export interface OutcomeRecord {
  state: TargetState;
  detail: string;
  set: OutcomeFields;
  audit: { action: string; outcome: 'ok' | 'error'; details: Record<string, unknown> };
}

/**
 * The platform's answer as the target records it (pure: the pass writes it while it holds the
 * lease). A retry backs off, with the platform's own wait when it gave one, until the attempts
 * are used up; an ambiguous answer goes to a person, never to a second attempt.
 */
export function outcomeRecord(t: TargetRecord, outcome: PublishOutcome, late: number, now: Date, random: () => number): OutcomeRecord {
  const nowIso = now.toISOString();
  const at = (ms: number) => new Date(now.getTime() + ms).toISOString();
  switch (outcome.kind) {
    case 'published': {
      const done = `Published on ${platformName(t)} (id ${outcome.remoteId})${outcome.url === undefined ? '' : `: ${outcome.url}`}${late === 1 ? ', late' : ''}`;
      return {
        state: 'published',
        detail: outcome.notice === undefined ? `${done}.` : `${done}, but ${outcome.notice}`,
        // The progress is spent (an upload address is not kept once the post is up). A notice
        // stays on the target, where the Posts screen and `post list` show a failure's reason.
        set: { remote_id: outcome.remoteId, published_at: nowIso, next_attempt_at: null, late, remote_state: null, ...(outcome.notice === undefined ? {} : { last_error: outcome.notice }) },
        audit: { action: 'publish.outcome', outcome: 'ok', details: { remoteId: outcome.remoteId, late: late === 1, ...(outcome.notice === undefined ? {} : { notice: true }) } },
      };
    }
    case 'remote-created': {
      const next = at(outcome.retryAfterMs ?? 0);
      const merged = { ...(t.remote_state === null ? {} : (JSON.parse(t.remote_state) as RemoteProgress)), ...outcome.remote };
      return {
        state: 'remote_created',
        detail: `${platformName(t)} holds the post part-way; the next step is due at ${next}.`,
        set: { remote_state: JSON.stringify(merged), next_attempt_at: next },
        audit: { action: 'publish.progress', outcome: 'ok', details: { remote: Object.keys(merged).sort() } },
      };
    }
    case 'retry': {
      const attempts = t.attempts + 1;
      if (attempts >= MAX_ATTEMPTS) {
        return {
          state: 'failed',
          detail: `Gave up after ${attempts} attempts: ${outcome.reason}`,
          set: { attempts, next_attempt_at: null },
          audit: { action: 'publish.outcome', outcome: 'error', details: { attempts, why: 'attempts used up' } },
        };
      }
      const next = at(retryDelayMs(t.attempts, outcome.retryAfterMs, random));
      return {
        state: t.remote_state === null ? 'scheduled' : 'remote_created',
        detail: `${outcome.reason} Attempt ${attempts} of ${MAX_ATTEMPTS}; trying again at ${next}.`,
        set: { attempts, next_attempt_at: next },
        audit: { action: 'publish.retry', outcome: 'error', details: { attempts, next, platformWait: outcome.retryAfterMs !== undefined } },
      };
    }
    case 'failed':
      return {
        state: 'failed',
        detail: outcome.reason,
        set: { attempts: t.attempts + 1, next_attempt_at: null },
        audit: { action: 'publish.outcome', outcome: 'error', details: { code: outcome.code } },
      };
    case 'ambiguous':
      return {
        state: 'needs_review',
        detail: outcome.reason,
        set: { attempts: t.attempts + 1, next_attempt_at: null },
        audit: { action: 'publish.outcome', outcome: 'error', details: { why: 'ambiguous' } },
      };
  }
}
