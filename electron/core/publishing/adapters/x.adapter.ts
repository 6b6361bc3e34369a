import {
  adapterContext,
  channelBase,
  characterCount,
  guarded,
  jsonOf,
  noResponseOutcome,
  numberField,
  plainBytes,
  retryAfterMs,
  says,
  send,
  shortMessage,
  stringField,
  type AdapterContext,
  type AdapterOptions,
  type HttpResult,
} from '../adapter-http';
import { apiUrl } from '../api-base';
import type { PlatformAdapter, PublishMedia, PublishOutcome, PublishRequest } from '../platform-adapter';

/**
 * X API v2: media through /2/media/upload (simple for a small image, chunked for larger images,
 * GIFs and video, then STATUS polling), alt text through /2/media/metadata, then POST /2/tweets.
 *
 * X has no way to find our post again by a key of ours, so once POST /2/tweets may have been
 * received without an answer, the outcome is ambiguous (a person checks), never a retry. Media
 * uploads create nothing public, so losing one is always safe to retry.
 */

export const xLimits = {
  imageBytes: 5 * 1024 * 1024,
  gifBytes: 15 * 1024 * 1024,
  videoBytes: 512 * 1024 * 1024,
  images: 4,
  altTextChars: 1000,
} as const;

const imageTypes = new Set(['image/jpeg', 'image/png', 'image/webp']);
const videoTypes = new Set(['video/mp4', 'video/quicktime']);

type XMediaKind = 'image' | 'gif' | 'video';

export interface XAdapterOptions extends AdapterOptions {
  /** Bytes per APPEND segment of a chunked upload (default 4 MiB; X allows at most 1,000 segments). */
  chunkBytes?: number;
  /** How long to wait for X to process a GIF or video before handing back a retry (default 10 min). */
  maxProcessingWaitMs?: number;
}

export function createXAdapter(options: XAdapterOptions = {}): PlatformAdapter {
  const context = adapterContext(options);
  const settings = { chunkBytes: options.chunkBytes ?? 4 * 1024 * 1024, maxProcessingWaitMs: options.maxProcessingWaitMs ?? 10 * 60_000 };
  return {
    platform: 'x',
    publish: (request, signal) => guarded('X', () => publishToX(context, settings, request, signal)),
  };
}

interface XSettings {
  chunkBytes: number;
  maxProcessingWaitMs: number;
}

interface XCall {
  context: AdapterContext;
  settings: XSettings;
  base: string;
  token: string;
  signal: AbortSignal | undefined;
}

async function publishToX(context: AdapterContext, settings: XSettings, request: PublishRequest, signal?: AbortSignal): Promise<PublishOutcome> {
  const resolved = channelBase(request.channel);
  if ('outcome' in resolved) return resolved.outcome;
  if (request.text.trim() === '' && request.media.length === 0) {
    return { kind: 'failed', code: 'rejected', reason: 'An X post needs text or media: this one has neither.' };
  }
  const checked = checkMedia(request.media);
  if (typeof checked === 'string') return { kind: 'failed', code: 'media', reason: checked };

  const call: XCall = { context, settings, base: resolved.base, token: request.token, signal };
  const mediaIds: string[] = [];
  for (const [index, item] of request.media.entries()) {
    const uploaded = await uploadMedia(call, item, checked[index] ?? 'image');
    if (typeof uploaded !== 'string') return uploaded;
    mediaIds.push(uploaded);
  }

  const body: { text: string; media?: { media_ids: string[] } } = { text: request.text };
  if (mediaIds.length > 0) body.media = { media_ids: mediaIds };
  const result = await send(
    context,
    { method: 'POST', url: apiUrl(call.base, '/2/tweets'), headers: jsonHeaders(call.token), body: JSON.stringify(body), timeoutMs: context.requestTimeoutMs },
    signal,
  );
  if (result.kind === 'no-response') return noResponseOutcome(result, 'X', true);
  if (result.status === 200 || result.status === 201) {
    const id = stringField(jsonOf(result.text), 'data', 'id');
    if (!id) return { kind: 'ambiguous', reason: 'X accepted the post but did not say its id. Check the channel before posting it again.' };
    return { kind: 'published', remoteId: id, url: `https://x.com/i/web/status/${id}` };
  }
  return problem(call, result, 'post');
}

/** The kind of each item, or why the set cannot be posted (X: up to 4 images, or 1 GIF, or 1 video). */
function checkMedia(media: PublishMedia[]): XMediaKind[] | string {
  const kinds: XMediaKind[] = [];
  for (const item of media) {
    const type = item.mediaType.toLowerCase();
    const kind: XMediaKind | undefined = type === 'image/gif' ? 'gif' : imageTypes.has(type) ? 'image' : videoTypes.has(type) ? 'video' : undefined;
    if (!kind) return `X accepts JPEG, PNG, GIF and WEBP images and MP4 or MOV video: ${item.fileName} is ${item.mediaType}.`;
    const max = kind === 'image' ? xLimits.imageBytes : kind === 'gif' ? xLimits.gifBytes : xLimits.videoBytes;
    if (item.bytes.byteLength > max) return `${item.fileName} is too large for X (at most ${Math.round(max / 1024 / 1024)} MB for this kind of file).`;
    if (item.altText && characterCount(item.altText) > xLimits.altTextChars) return `The alt text of ${item.fileName} is longer than X's ${xLimits.altTextChars} characters.`;
    kinds.push(kind);
  }
  const single = kinds.filter((kind) => kind !== 'image').length;
  if (single > 0 && kinds.length > 1) return 'An X post can have up to 4 images, or one GIF, or one video, not a mix.';
  if (kinds.length > xLimits.images) return `An X post can have at most ${xLimits.images} images.`;
  return kinds;
}

/** Uploads one item and sets its alt text; returns the media id or the outcome that stops the post. */
async function uploadMedia(call: XCall, item: PublishMedia, kind: XMediaKind): Promise<string | PublishOutcome> {
  const id = kind === 'image' ? await simpleUpload(call, item) : await chunkedUpload(call, item, kind);
  if (typeof id !== 'string') return id;
  // X takes alt text for images and GIFs.
  if (item.altText && item.altText.trim() !== '' && kind !== 'video') {
    const result = await send(
      call.context,
      {
        method: 'POST',
        url: apiUrl(call.base, '/2/media/metadata'),
        headers: jsonHeaders(call.token),
        body: JSON.stringify({ id, metadata: { alt_text: { text: item.altText } } }),
        timeoutMs: call.context.requestTimeoutMs,
      },
      call.signal,
    );
    if (result.kind === 'no-response') return noResponseOutcome(result, 'X', false);
    if (!ok(result.status)) return problem(call, result, 'media');
  }
  return id;
}

async function simpleUpload(call: XCall, item: PublishMedia): Promise<string | PublishOutcome> {
  const form = new FormData();
  form.append('media', new Blob([plainBytes(item.bytes)], { type: item.mediaType }), item.fileName);
  // X's spec (MediaUploadRequest) takes only media, media_category and additional_owners, and
  // refuses any other field: the file part's own content type says what the image is.
  form.append('media_category', 'tweet_image');
  const result = await send(
    call.context,
    { method: 'POST', url: apiUrl(call.base, '/2/media/upload'), headers: authHeader(call.token), body: form, timeoutMs: call.context.uploadTimeoutMs },
    call.signal,
  );
  return mediaIdFrom(call, result);
}

async function chunkedUpload(call: XCall, item: PublishMedia, kind: XMediaKind): Promise<string | PublishOutcome> {
  const total = item.bytes.byteLength;
  const init = await send(
    call.context,
    {
      method: 'POST',
      url: apiUrl(call.base, '/2/media/upload/initialize'),
      headers: jsonHeaders(call.token),
      body: JSON.stringify({ media_type: item.mediaType, total_bytes: total, media_category: `tweet_${kind}` }),
      timeoutMs: call.context.requestTimeoutMs,
    },
    call.signal,
  );
  const id = mediaIdFrom(call, init);
  if (typeof id !== 'string') return id;

  // X numbers segments 0..999, so a very large file gets larger segments.
  const segmentBytes = Math.max(call.settings.chunkBytes, Math.ceil(total / 1000));
  for (let index = 0, offset = 0; offset < total; index += 1, offset += segmentBytes) {
    const form = new FormData();
    form.append('media', new Blob([plainBytes(item.bytes.subarray(offset, offset + segmentBytes))], { type: 'application/octet-stream' }), 'blob');
    form.append('segment_index', String(index));
    const append = await send(
      call.context,
      { method: 'POST', url: apiUrl(call.base, `/2/media/upload/${encodeURIComponent(id)}/append`), headers: authHeader(call.token), body: form, timeoutMs: call.context.uploadTimeoutMs },
      call.signal,
    );
    if (append.kind === 'no-response') return noResponseOutcome(append, 'X', false);
    if (!ok(append.status)) return problem(call, append, 'media');
  }

  const finalize = await send(
    call.context,
    { method: 'POST', url: apiUrl(call.base, `/2/media/upload/${encodeURIComponent(id)}/finalize`), headers: authHeader(call.token), timeoutMs: call.context.requestTimeoutMs },
    call.signal,
  );
  if (finalize.kind === 'no-response') return noResponseOutcome(finalize, 'X', false);
  if (!ok(finalize.status)) return problem(call, finalize, 'media');
  return waitForProcessing(call, id, jsonOf(finalize.text));
}

/** Polls STATUS as X asks (check_after_secs) until the media is ready, failed, or we have waited long enough. */
async function waitForProcessing(call: XCall, id: string, answer: unknown): Promise<string | PublishOutcome> {
  let waited = 0;
  let info = answer;
  for (;;) {
    const state = stringField(info, 'data', 'processing_info', 'state');
    if (state === undefined || state === 'succeeded') return id;
    if (state === 'failed') {
      const message = shortMessage(stringField(info, 'data', 'processing_info', 'error', 'message'), call.token);
      return { kind: 'failed', code: 'media', reason: `X could not process the media${says(message)}.` };
    }
    const waitMs = Math.max(1, numberField(info, 'data', 'processing_info', 'check_after_secs') ?? 5) * 1000;
    if (waited + waitMs > call.settings.maxProcessingWaitMs) {
      return { kind: 'retry', reason: 'X is still processing the media; publishing will try again.' };
    }
    try {
      await call.context.sleep(waitMs, call.signal);
    } catch {
      return { kind: 'retry', reason: 'Publishing was stopped before it finished.' };
    }
    waited += waitMs;
    const status = await send(
      call.context,
      { method: 'GET', url: apiUrl(call.base, '/2/media/upload', { command: 'STATUS', media_id: id }), headers: authHeader(call.token), timeoutMs: call.context.requestTimeoutMs },
      call.signal,
    );
    if (status.kind === 'no-response') return noResponseOutcome(status, 'X', false);
    if (!ok(status.status)) return problem(call, status, 'media');
    info = jsonOf(status.text);
  }
}

function mediaIdFrom(call: XCall, result: HttpResult): string | PublishOutcome {
  if (result.kind === 'no-response') return noResponseOutcome(result, 'X', false);
  if (!ok(result.status)) return problem(call, result, 'media');
  const id = stringField(jsonOf(result.text), 'data', 'id');
  return id ?? { kind: 'retry', reason: 'X accepted the media but did not say its id.' };
}

/**
 * Maps an X error answer: RFC 7807 problems ({title, detail, type, status}) or the older
 * {errors:[{code, message}]} shape (code 88 is the rate limit).
 */
function problem(call: XCall, result: Extract<HttpResult, { kind: 'response' }>, step: 'media' | 'post'): PublishOutcome {
  const body = jsonOf(result.text);
  const detail = stringField(body, 'detail') ?? stringField(body, 'errors', 0, 'message') ?? stringField(body, 'title');
  const message = shortMessage(detail, call.token);
  const status = result.status;
  if (status === 429 || numberField(body, 'errors', 0, 'code') === 88) {
    return withWait({ kind: 'retry', reason: "X's rate limit is reached for now; publishing will try again after it resets." }, retryAfterMs(result.headers, call.context.clock));
  }
  if (status === 401) return { kind: 'failed', code: 'token-expired', reason: 'The X access token has expired or was revoked: reconnect the channel.' };
  if (status >= 500) return withWait({ kind: 'retry', reason: `X had a temporary problem (HTTP ${status}).` }, retryAfterMs(result.headers, call.context.clock));
  // X's API is prepaid (no free tier). Running out is undocumented: seen as 402, or as a 403 with
  // no reason we recognise, so both tell the administrator where to look rather than retrying.
  if (status === 402) {
    return { kind: 'failed', code: 'quota', reason: 'X credits have run out: buy credits for the app in the X developer console (developer.x.com), then publish the post again.' };
  }
  if (step === 'post' && status === 403 && /duplicate/i.test(detail ?? '')) {
    return { kind: 'failed', code: 'duplicate', reason: 'X refused duplicate content: this text was already posted.' };
  }
  if (status === 403) {
    return { kind: 'failed', code: 'rejected', reason: `X refused: check the app's credits and permissions in the X developer console (developer.x.com)${says(message)}.` };
  }
  if (step === 'media') return { kind: 'failed', code: 'media', reason: `X refused the media (HTTP ${status})${says(message)}.` };
  return { kind: 'failed', code: 'rejected', reason: `X refused the post (HTTP ${status})${says(message)}.` };
}

function withWait(outcome: { kind: 'retry'; reason: string }, waitMs: number | undefined): PublishOutcome {
  return waitMs === undefined ? outcome : { ...outcome, retryAfterMs: waitMs };
}

function ok(status: number): boolean {
  return status >= 200 && status < 300;
}

function authHeader(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

function jsonHeaders(token: string): Record<string, string> {
  return { ...authHeader(token), 'content-type': 'application/json' };
}
