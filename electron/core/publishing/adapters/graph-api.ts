import type { Clock } from '../../clock';
import { jsonOf, numberField, retryAfterMs, says, shortMessage, stringField, type HttpResult } from '../adapter-http';
import { GRAPH_API_VERSION, apiUrl } from '../api-base';
import type { PublishOutcome } from '../platform-adapter';

/**
 * What Facebook Pages and Instagram share: the Graph API's paths and its error shape
 * {"error":{"message","type","code","error_subcode","error_user_title","error_user_msg","fbtrace_id"}}.
 * Graph reports most errors, throttling included, as HTTP 400, so we key on error.code, not on the
 * status.
 */

/** Codes Graph uses for throttling (app, user, page, custom and page-level rate limits): retried like a 429. */
export const graphThrottleCodes: ReadonlySet<number> = new Set([4, 17, 32, 613, 80001]);

/** Codes Graph marks as temporary ("unknown error", "service unavailable"). */
const graphTransientCodes: ReadonlySet<number> = new Set([1, 2]);

export function graphUrl(base: string, path: string, query?: Record<string, string>): string {
  return apiUrl(base, `/${GRAPH_API_VERSION}${path}`, query);
}

export function graphHeaders(token: string): Record<string, string> {
  // The token goes in the Authorization header, never in the URL (access_token=), where proxies log it.
  return { authorization: `Bearer ${token}` };
}

export interface GraphError {
  code: number | undefined;
  subcode: number | undefined;
  /** A short, token-free message for a person (error_user_msg when Graph gives one). */
  message: string | undefined;
  transient: boolean;
}

export function graphError(text: string, token: string): GraphError {
  const body = jsonOf(text);
  return {
    code: numberField(body, 'error', 'code'),
    subcode: numberField(body, 'error', 'error_subcode'),
    message: shortMessage(stringField(body, 'error', 'error_user_msg') ?? stringField(body, 'error', 'message'), token),
    transient: (body as { error?: { is_transient?: unknown } } | undefined)?.error?.is_transient === true,
  };
}

/**
 * How long Graph asked us to wait: Retry-After when sent, else the longest
 * estimated_time_to_regain_access (minutes) in X-Business-Use-Case-Usage.
 */
export function graphRetryAfterMs(headers: Headers, clock: Clock): number | undefined {
  const stated = retryAfterMs(headers, clock);
  if (stated !== undefined) return stated;
  const usage = jsonOf(headers.get('x-business-use-case-usage') ?? '');
  if (!usage || typeof usage !== 'object') return undefined;
  let minutes = 0;
  for (const entries of Object.values(usage as Record<string, unknown>)) {
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) minutes = Math.max(minutes, numberField(entry, 'estimated_time_to_regain_access') ?? 0);
  }
  return minutes > 0 ? minutes * 60_000 : undefined;
}

/**
 * The outcomes both Graph platforms share (expired token, throttling, temporary trouble), or
 * undefined when the error is specific to the call and the adapter decides.
 */
export function commonGraphOutcome(
  result: Extract<HttpResult, { kind: 'response' }>,
  error: GraphError,
  platformName: string,
  tokenName: string,
  clock: Clock,
): PublishOutcome | undefined {
  if (error.code === 190 || (result.status === 401 && error.code === undefined)) {
    return { kind: 'failed', code: 'token-expired', reason: `The ${platformName} ${tokenName} has expired or was revoked: reconnect the channel.` };
  }
  if ((error.code !== undefined && graphThrottleCodes.has(error.code)) || result.status === 429) {
    const wait = graphRetryAfterMs(result.headers, clock);
    const outcome: PublishOutcome = {
      kind: 'retry',
      reason: `${platformName} is limiting how often Custodian can call it for now; publishing will try again later${says(error.message)}.`,
    };
    return wait === undefined ? outcome : { ...outcome, retryAfterMs: wait };
  }
  if (result.status >= 500 || error.transient || (error.code !== undefined && graphTransientCodes.has(error.code))) {
    const wait = retryAfterMs(result.headers, clock);
    const outcome: PublishOutcome = { kind: 'retry', reason: `${platformName} had a temporary problem (HTTP ${result.status})${says(error.message)}.` };
    return wait === undefined ? outcome : { ...outcome, retryAfterMs: wait };
  }
  return undefined;
}
