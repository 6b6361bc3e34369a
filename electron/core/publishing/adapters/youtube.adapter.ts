import {
  adapterContext,
  channelBase,
  characterCount,
  field,
  guarded,
  jsonOf,
  noResponseOutcome,
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
import { ApiBaseError, apiUrl, checkUploadUrl } from '../api-base';
import type { PlatformAdapter, PublishOutcome, PublishRequest } from '../platform-adapter';

/**
 * YouTube Data API v3, resumable videos.insert:
 *   1. POST /upload/youtube/v3/videos?uploadType=resumable&part=snippet,status with the metadata
 *      answers with the session address (Location). We hand it back at once as 'remote-created', so
 *      the engine records it before a single byte goes.
 *   2. With a session: ask how far it got (PUT, Content-Range: bytes *\/TOTAL): 200/201 means the
 *      video exists (a lost answer is read back here, so YouTube is never ambiguous), 308 with
 *      Range says which bytes arrived; then PUT the rest.
 * An upload cut short is a plain retry: the engine still holds the session, and the next attempt
 * sends only what YouTube has not got.
 */

export const youtubeLimits = { titleChars: 100, descriptionBytes: 5000 } as const;

export interface YouTubeAdapterOptions extends AdapterOptions {
  /** The video category (default 27, Education). */
  categoryId?: string;
}

export function createYouTubeAdapter(options: YouTubeAdapterOptions = {}): PlatformAdapter {
  const context = adapterContext(options);
  const categoryId = options.categoryId ?? '27';
  return {
    platform: 'youtube',
    publish: (request, signal) =>
      guarded('YouTube', async () => {
        const resolved = channelBase(request.channel);
        if ('outcome' in resolved) return resolved.outcome;
        const checked = checkVideo(request);
        if (checked) return checked;
        const call: YouTubeCall = { context, categoryId, base: resolved.base, request, signal };
        const uploadUrl = request.remote?.uploadUrl;
        return uploadUrl ? resume(call, uploadUrl) : startSession(call);
      }),
  };
}

interface YouTubeCall {
  context: AdapterContext;
  categoryId: string;
  base: string;
  request: PublishRequest;
  signal: AbortSignal | undefined;
}

function checkVideo(request: PublishRequest): PublishOutcome | undefined {
  const video = request.media[0];
  if (!video || request.media.length > 1 || !video.mediaType.toLowerCase().startsWith('video/')) {
    return { kind: 'failed', code: 'media', reason: 'A YouTube post needs exactly one video file.' };
  }
  const title = request.title?.trim() ?? '';
  if (title === '') return { kind: 'failed', code: 'rejected', reason: 'A YouTube video needs a title.' };
  if (characterCount(title) > youtubeLimits.titleChars) return { kind: 'failed', code: 'rejected', reason: `The title is longer than YouTube's ${youtubeLimits.titleChars} characters.` };
  // YouTube refuses angle brackets in titles and descriptions.
  if (/[<>]/.test(title) || /[<>]/.test(request.text)) return { kind: 'failed', code: 'rejected', reason: 'YouTube does not allow < or > in a title or description.' };
  if (new TextEncoder().encode(request.text).byteLength > youtubeLimits.descriptionBytes) {
    return { kind: 'failed', code: 'rejected', reason: "The description is longer than YouTube's 5,000 bytes." };
  }
  return undefined;
}

function authHeader(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

async function startSession(call: YouTubeCall): Promise<PublishOutcome> {
  const { context, request } = call;
  const video = request.media[0];
  if (!video) return { kind: 'failed', code: 'media', reason: 'A YouTube post needs exactly one video file.' };
  // Public now, never private + publishAt: our gates run when the post is due, so the engine
  // starts the upload then, not YouTube's scheduler.
  const status = { privacyStatus: 'public', selfDeclaredMadeForKids: false };
  const metadata = { snippet: { title: request.title?.trim(), description: request.text, categoryId: call.categoryId }, status };
  const result = await send(
    context,
    {
      method: 'POST',
      // Written out rather than built with URLSearchParams, which would encode the comma.
      url: `${call.base}/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status`,
      headers: {
        ...authHeader(request.token),
        'content-type': 'application/json; charset=UTF-8',
        'x-upload-content-length': String(video.bytes.byteLength),
        'x-upload-content-type': video.mediaType,
      },
      body: JSON.stringify(metadata),
      timeoutMs: context.requestTimeoutMs,
    },
    call.signal,
  );
  // A session is not a video: one lost in transit is simply abandoned.
  if (result.kind === 'no-response') return noResponseOutcome(result, 'YouTube', false);
  if (result.status !== 200 && result.status !== 201) return problem(call, result, 'session');
  const location = result.headers.get('location');
  if (!location) return { kind: 'retry', reason: 'YouTube did not give an address to upload the video to.' };
  const uploadUrl = checkedUploadUrl(call, location);
  if (typeof uploadUrl !== 'string') return uploadUrl;
  return { kind: 'remote-created', remote: { uploadUrl }, retryAfterMs: 0 };
}

async function resume(call: YouTubeCall, sessionUrl: string): Promise<PublishOutcome> {
  const { context, request } = call;
  const video = request.media[0];
  if (!video) return { kind: 'failed', code: 'media', reason: 'A YouTube post needs exactly one video file.' };
  const uploadUrl = checkedUploadUrl(call, sessionUrl);
  if (typeof uploadUrl !== 'string') return uploadUrl;
  const total = video.bytes.byteLength;

  const query = await send(
    context,
    { method: 'PUT', url: uploadUrl, headers: { ...authHeader(request.token), 'content-range': `bytes */${total}` }, body: new Uint8Array(0), timeoutMs: context.requestTimeoutMs },
    call.signal,
  );
  if (query.kind === 'no-response') return noResponseOutcome(query, 'YouTube', false);
  if (query.status === 200 || query.status === 201) return published(call, query.text);
  // The session is gone (YouTube keeps one about a week): it never became a video, so start again.
  if (query.status === 404 || query.status === 410) return startSession(call);
  if (query.status !== 308) return problem(call, query, 'upload');

  // Range: bytes=0-N lists what arrived; no Range means nothing did.
  const range = /bytes=0-(\d+)/.exec(query.headers.get('range') ?? '');
  const offset = range ? Number(range[1]) + 1 : 0;
  if (offset > total) return { kind: 'failed', code: 'media', reason: 'YouTube holds more of this upload than the video has: the file changed since the upload began.' };

  const upload = await send(
    context,
    {
      method: 'PUT',
      url: uploadUrl,
      headers: { ...authHeader(request.token), 'content-type': video.mediaType, 'content-range': total === 0 ? 'bytes */0' : `bytes ${offset}-${total - 1}/${total}` },
      body: plainBytes(video.bytes.subarray(offset)),
      timeoutMs: context.uploadTimeoutMs,
    },
    call.signal,
  );
  if (upload.kind === 'no-response') {
    return { kind: 'retry', reason: 'The upload to YouTube was interrupted; it will resume where it stopped.' };
  }
  if (upload.status === 200 || upload.status === 201) return published(call, upload.text);
  if (upload.status === 308) return { kind: 'retry', reason: 'YouTube has not received the whole video yet; the upload will resume where it stopped.' };
  if (upload.status === 404 || upload.status === 410) return { kind: 'retry', reason: 'The YouTube upload session expired; the upload will start again.' };
  return problem(call, upload, 'upload');
}

/**
 * What a target shows when YouTube locked the upload private: an API project that has not passed
 * YouTube's audit gets every upload locked private, with no appeal; the owner cannot make it
 * public, only upload it again where YouTube allows public videos (support.google.com/youtube/answer/7300965).
 */
export const youtubeLockedPrivateNotice =
  "private: your Google project is not audited. YouTube locked the video to private and it cannot be made public: upload it again in YouTube Studio, and get the trust's Google project through YouTube's API audit so that Custodian's uploads can be public.";

/**
 * The video is up. Its status says whether YouTube kept what was asked: Custodian always asks
 * public, so private means YouTube locked it.
 * The upload's answer carries the status (part=snippet,status); without it, it is read back.
 */
async function published(call: YouTubeCall, text: string): Promise<PublishOutcome> {
  const answer = jsonOf(text);
  const id = stringField(answer, 'id');
  if (!id) return { kind: 'ambiguous', reason: 'YouTube finished the upload but did not say the video id. Check the channel before uploading it again.' };
  const status = stringField(answer, 'status', 'privacyStatus') === undefined ? await readStatus(call, id) : field(answer, 'status');
  const privacy = stringField(status, 'privacyStatus');
  if (privacy === 'private') return { kind: 'published', remoteId: id, notice: youtubeLockedPrivateNotice };
  // A link only when YouTube said it is public or will be: an unknown status gets none.
  if (privacy === undefined) return { kind: 'published', remoteId: id };
  return { kind: 'published', remoteId: id, url: `https://www.youtube.com/watch?v=${encodeURIComponent(id)}` };
}

/** GET videos?part=status&id=: the video's status, or undefined when YouTube does not say. */
async function readStatus(call: YouTubeCall, id: string): Promise<unknown> {
  const result = await send(
    call.context,
    { method: 'GET', url: apiUrl(call.base, '/youtube/v3/videos', { part: 'status', id }), headers: { ...authHeader(call.request.token), accept: 'application/json' }, timeoutMs: call.context.requestTimeoutMs },
    call.signal,
  );
  if (result.kind === 'no-response' || result.status !== 200) return undefined;
  const items = field(jsonOf(result.text), 'items');
  return Array.isArray(items) ? field(items.find((item: unknown) => stringField(item, 'id') === id), 'status') : undefined;
}

function checkedUploadUrl(call: YouTubeCall, url: string): string | PublishOutcome {
  try {
    // The token goes with every PUT, so the session must be on Google's hosts (or the channel's proxy).
    return checkUploadUrl('youtube', call.base, url);
  } catch (error) {
    const why = error instanceof ApiBaseError ? ` ${error.message}` : '';
    return { kind: 'failed', code: 'rejected', reason: `YouTube gave an upload address Custodian will not send the token to.${why}` };
  }
}

/** Maps {"error":{"code","message","errors":[{"domain","reason","message"}]}}. */
function problem(call: YouTubeCall, result: Extract<HttpResult, { kind: 'response' }>, step: 'session' | 'upload'): PublishOutcome {
  const body = jsonOf(result.text);
  const reasons = new Set<string>();
  const errors = (body as { error?: { errors?: unknown } } | undefined)?.error?.errors;
  if (Array.isArray(errors)) for (const entry of errors) reasons.add(stringField(entry, 'reason') ?? '');
  const message = shortMessage(stringField(body, 'error', 'message'), call.request.token);
  const status = result.status;
  const wait = retryAfterMs(result.headers, call.context.clock);
  const retry = (reason: string): PublishOutcome => (wait === undefined ? { kind: 'retry', reason } : { kind: 'retry', reason, retryAfterMs: wait });

  if (status === 401) return { kind: 'failed', code: 'token-expired', reason: 'The YouTube access token has expired or was revoked: reconnect the channel.' };
  if (reasons.has('quotaExceeded')) {
    return { kind: 'failed', code: 'quota', reason: "YouTube's daily API quota for Custodian is used up: the upload can be retried after it resets (midnight Pacific time)." };
  }
  if (reasons.has('uploadLimitExceeded')) return { kind: 'failed', code: 'quota', reason: 'This YouTube channel has reached its upload limit for now: retry the upload later.' };
  if (status === 429 || reasons.has('rateLimitExceeded') || reasons.has('userRateLimitExceeded')) return retry("YouTube's rate limit is reached for now; publishing will try again later.");
  if (status >= 500) return retry(`YouTube had a temporary problem (HTTP ${status}).`);
  if (step === 'upload' && status === 400) return { kind: 'failed', code: 'media', reason: `YouTube refused the video file${says(message)}.` };
  return { kind: 'failed', code: 'rejected', reason: `YouTube refused the video (HTTP ${status})${says(message)}.` };
}
