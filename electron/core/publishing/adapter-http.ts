import { setTimeout as delay } from 'node:timers/promises';
import { systemClock, type Clock } from '../clock';
import { ApiBaseError, resolveApiBase } from './api-base';
import type { PublishChannel, PublishOutcome } from './platform-adapter';

/**
 * What every adapter shares: one way to send a request with a deadline, to tell "never sent" from
 * "sent, no answer", to read rate-limit headers, and to turn a platform's message into a short,
 * token-free line for a person.
 */

export interface AdapterOptions {
  /** Injected so tests (and a proxy-aware caller) can swap it; defaults to Node's global fetch. */
  fetch?: typeof globalThis.fetch;
  /** Deadline for an ordinary request, headers and body (default 30 s). */
  requestTimeoutMs?: number;
  /** Deadline for a request that carries media bytes (default 15 min). */
  uploadTimeoutMs?: number;
  clock?: Clock;
  /** Waits between status polls (X media processing); tests pass one that does not wait. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface AdapterContext {
  fetch: typeof globalThis.fetch;
  requestTimeoutMs: number;
  uploadTimeoutMs: number;
  clock: Clock;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export function adapterContext(options: AdapterOptions = {}): AdapterContext {
  return {
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
    uploadTimeoutMs: options.uploadTimeoutMs ?? 15 * 60_000,
    clock: options.clock ?? systemClock,
    sleep: options.sleep ?? ((ms, signal) => delay(ms, undefined, signal ? { signal } : {})),
  };
}

export interface HttpCall {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer> | FormData | URLSearchParams;
  timeoutMs: number;
}

export type HttpResult =
  | { kind: 'response'; status: number; headers: Headers; text: string }
  /** maybeSent: the request may have reached the platform (a timeout, a broken connection). */
  | { kind: 'no-response'; maybeSent: boolean; cause: 'timeout' | 'stopped' | 'network' };

/**
 * Error codes that mean the request never left this machine (no connection was made), so even a
 * create is safe to try again. Anything else after the connection opened may have been received.
 */
const neverSentCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function errorCodes(error: unknown): string[] {
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  if (!cause || typeof cause !== 'object') return [];
  const inner = (cause as { errors?: unknown }).errors;
  // Connecting to a name with several addresses fails with an AggregateError of each attempt.
  if (Array.isArray(inner) && inner.length > 0) return inner.map((e: unknown) => String((e as { code?: unknown }).code ?? ''));
  return [String((cause as { code?: unknown }).code ?? '')];
}

function neverSent(error: unknown): boolean {
  const codes = errorCodes(error);
  return codes.length > 0 && codes.every((code) => neverSentCodes.has(code));
}

/**
 * Sends one request with a deadline covering the whole exchange (a body that stalls is as bad as
 * headers that never come). Never throws: a lost exchange comes back as 'no-response'. Redirects
 * are not followed, so a bearer token never travels to an address we did not choose (and YouTube's
 * 308 "resume incomplete" reaches us as it is).
 */
export async function send(context: AdapterContext, call: HttpCall, signal?: AbortSignal): Promise<HttpResult> {
  if (signal?.aborted) return { kind: 'no-response', maybeSent: false, cause: 'stopped' };
  const timeout = AbortSignal.timeout(call.timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  try {
    const init: RequestInit = { method: call.method, signal: combined, redirect: 'manual' };
    if (call.headers) init.headers = call.headers;
    if (call.body !== undefined) init.body = call.body;
    const response = await context.fetch(call.url, init);
    const text = await response.text();
    return { kind: 'response', status: response.status, headers: response.headers, text };
  } catch (error) {
    if (timeout.aborted) return { kind: 'no-response', maybeSent: true, cause: 'timeout' };
    if (signal?.aborted) return { kind: 'no-response', maybeSent: true, cause: 'stopped' };
    return { kind: 'no-response', maybeSent: !neverSent(error), cause: 'network' };
  }
}

/** Parses a body as JSON; anything else (an HTML error page, nothing) is undefined. */
export function jsonOf(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A property of an unknown JSON value, or undefined. */
export function field(value: unknown, ...path: (string | number)[]): unknown {
  let current: unknown = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

export function stringField(value: unknown, ...path: (string | number)[]): string | undefined {
  const found = field(value, ...path);
  if (typeof found === 'string') return found;
  if (typeof found === 'number') return String(found);
  return undefined;
}

export function numberField(value: unknown, ...path: (string | number)[]): number | undefined {
  const found = field(value, ...path);
  if (typeof found === 'number' && Number.isFinite(found)) return found;
  if (typeof found === 'string' && /^-?\d+(\.\d+)?$/.test(found)) return Number(found);
  return undefined;
}

/**
 * How long the platform asked us to wait: Retry-After (seconds or an HTTP date, RFC 9110) first,
 * then X's x-rate-limit-reset (unix seconds). Undefined when it did not say, so the engine
 * applies its own backoff.
 */
export function retryAfterMs(headers: Headers, clock: Clock): number | undefined {
  const now = clock.now().getTime();
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const reset = headers.get('x-rate-limit-reset')?.trim();
  if (reset && /^\d+$/.test(reset)) return Math.max(0, Number(reset) * 1000 - now);
  return undefined;
}

const maxMessageLength = 200;

/**
 * A platform's own message, made safe to store and show: one line, at most 200 characters, with
 * the token (or any long piece of it a platform might echo) replaced.
 */
export function shortMessage(raw: unknown, token: string): string | undefined {
  if (typeof raw !== 'string') return undefined;
  let text = raw.replace(/\p{Cc}+/gu, ' ').replace(/\s+/g, ' ').trim();
  if (token !== '') {
    text = text.split(token).join('[token]');
    text = text.replace(/[A-Za-z0-9._~+/=-]{12,}/g, (run) => (token.includes(run) ? '[token]' : run));
  }
  if (text === '') return undefined;
  return text.length > maxMessageLength ? `${text.slice(0, maxMessageLength - 1)}…` : text;
}

/** " (platform says: …)" when the platform gave a message, else nothing. */
export function says(message: string | undefined): string {
  return message ? ` (the platform says: ${message})` : '';
}

/** The outcome for a request that got no answer, by whether it could have created a post. */
export function noResponseOutcome(result: Extract<HttpResult, { kind: 'no-response' }>, platformName: string, isCreate: boolean): PublishOutcome {
  if (isCreate && result.maybeSent) {
    const how =
      result.cause === 'timeout'
        ? `${platformName} did not answer in time after the post was sent`
        : result.cause === 'stopped'
          ? `Publishing was stopped after the post was sent to ${platformName}`
          : `The connection to ${platformName} broke after the post was sent`;
    return {
      kind: 'ambiguous',
      reason: `${how}, so it may or may not have been published. Check the channel before posting it again.`,
    };
  }
  const reason =
    result.cause === 'timeout'
      ? `${platformName} did not answer in time.`
      : result.cause === 'stopped'
        ? 'Publishing was stopped before it finished.'
        : `Could not reach ${platformName} (network problem).`;
  return { kind: 'retry', reason };
}

/** The channel's base, or a failed outcome saying why its configured address is refused. */
export function channelBase(channel: PublishChannel): { base: string } | { outcome: PublishOutcome } {
  try {
    return { base: resolveApiBase(channel.platform, channel.apiBase) };
  } catch (error) {
    const message = error instanceof ApiBaseError ? error.message : 'The API address is not valid.';
    return { outcome: { kind: 'failed', code: 'rejected', reason: `The channel's API address is refused: ${message}` } };
  }
}

/**
 * Runs an adapter's body so that nothing escapes as an exception: an unexpected error (a bug) is
 * treated as possibly posted, so a person checks rather than the engine posting twice. The error's
 * own text is not used, in case it carries something from a request.
 */
export async function guarded(platformName: string, run: () => Promise<PublishOutcome>): Promise<PublishOutcome> {
  try {
    return await run();
  } catch {
    return {
      kind: 'ambiguous',
      reason: `Custodian hit an unexpected problem while publishing to ${platformName}. Check the channel before trying again.`,
    };
  }
}

/** A copy whose buffer is a plain ArrayBuffer, as Blob and fetch bodies require. */
export function plainBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}

/** Unicode characters, as the platforms count them for titles and captions (not UTF-16 units). */
export function characterCount(text: string): number {
  return [...text].length;
}
