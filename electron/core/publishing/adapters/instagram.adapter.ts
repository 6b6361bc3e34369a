import {
  adapterContext,
  channelBase,
  characterCount,
  guarded,
  jsonOf,
  noResponseOutcome,
  numberField,
  says,
  send,
  shortMessage,
  stringField,
  type AdapterContext,
  type AdapterOptions,
  type HttpResult,
} from '../adapter-http';
import type { PlatformAdapter, PublishOutcome, PublishRequest } from '../platform-adapter';
import { commonGraphOutcome, graphError, graphHeaders, graphUrl, type GraphError } from './graph-api';

/**
 * Instagram (Graph API through Facebook Login), in three steps:
 *   1. POST /{ig-user-id}/media {image_url, caption, alt_text} creates a container;
 *   2. GET /{container}?fields=status_code until FINISHED;
 *   3. GET /{ig-user-id}/content_publishing_limit, then POST /{ig-user-id}/media_publish {creation_id}.
 *
 * Step 1 hands back 'remote-created' at once, so the engine records the container id before
 * anything else happens; every later call continues that container and never creates a second
 * one. The container is also our way to read back: PUBLISHED means a lost media_publish answer did
 * publish, so no Instagram step is ever ambiguous.
 *
 * The token: every call here is made with the app user's long-lived User access token, which
 * is what the content publishing calls are documented with (reference, Instagram:
 * FB/documentation/instagram-platform/content-publishing). A Page token often works too, but
 * that is undocumented, so a sign-in stores the user's token for Instagram (meta-connect.ts).
 *
 * The public address problem: the API fetches the image itself from image_url, which must be a
 * public https address; it does not take bytes. A desktop app has only the file, and Custodian does
 * not put pupils' photos on the web by itself (that would be publishing before approval, somewhere
 * the trust does not control). So the adapter uses a media item's publicUrl when the school has
 * given one (the same image already on its website, say) and otherwise fails with a clear 'media'
 * reason rather than pretending.
 */

export const instagramLimits = {
  captionChars: 2200,
  hashtags: 30,
  mentions: 20,
  imageBytes: 8 * 1024 * 1024,
} as const;

export interface InstagramAdapterOptions extends AdapterOptions {
  /** Wait before the first status check of a new container (default 10 s; images usually finish within seconds). */
  firstCheckAfterMs?: number;
  /** Wait between checks of a container still IN_PROGRESS (default 60 s, as Instagram recommends). */
  pollEveryMs?: number;
}

/** Subcodes (and codes) Instagram uses for an image it could not fetch or accept. */
const mediaSubcodes: ReadonlySet<number> = new Set([2207003, 2207004, 2207005, 2207009, 2207023, 2207026, 2207052]);
const mediaCodes: ReadonlySet<number> = new Set([9004, 36001, 36003]);

export function createInstagramAdapter(options: InstagramAdapterOptions = {}): PlatformAdapter {
  const context = adapterContext(options);
  const timing = { firstCheckAfterMs: options.firstCheckAfterMs ?? 10_000, pollEveryMs: options.pollEveryMs ?? 60_000 };
  return {
    platform: 'instagram',
    publish: (request, signal) =>
      guarded('Instagram', async () => {
        const resolved = channelBase(request.channel);
        if ('outcome' in resolved) return resolved.outcome;
        const call: InstagramCall = { context, timing, base: resolved.base, request, signal };
        const containerId = request.remote?.containerId;
        return containerId ? continueContainer(call, containerId) : createContainer(call);
      }),
  };
}

interface InstagramCall {
  context: AdapterContext;
  timing: { firstCheckAfterMs: number; pollEveryMs: number };
  base: string;
  request: PublishRequest;
  signal: AbortSignal | undefined;
}

function checkPost(request: PublishRequest): PublishOutcome | string {
  const image = request.media[0];
  if (!image) return { kind: 'failed', code: 'rejected', reason: 'Instagram does not allow posts without an image: add a JPEG image to the Instagram version.' };
  if (request.media.length > 1) return { kind: 'failed', code: 'media', reason: 'Custodian posts one image per Instagram post (carousels are not supported yet).' };
  if (image.mediaType.toLowerCase() !== 'image/jpeg') return { kind: 'failed', code: 'media', reason: `Instagram accepts JPEG images only: ${image.fileName} is ${image.mediaType}.` };
  if (image.bytes.byteLength > instagramLimits.imageBytes) return { kind: 'failed', code: 'media', reason: `${image.fileName} is larger than Instagram's 8 MB.` };
  const caption = request.text;
  if (characterCount(caption) > instagramLimits.captionChars) return { kind: 'failed', code: 'rejected', reason: `The caption is longer than Instagram's ${instagramLimits.captionChars} characters.` };
  if ((caption.match(/#[\p{L}\p{N}_]+/gu) ?? []).length > instagramLimits.hashtags) return { kind: 'failed', code: 'rejected', reason: `The caption has more than Instagram's ${instagramLimits.hashtags} hashtags.` };
  if ((caption.match(/@[\p{L}\p{N}._]+/gu) ?? []).length > instagramLimits.mentions) return { kind: 'failed', code: 'rejected', reason: `The caption mentions more than Instagram's ${instagramLimits.mentions} accounts.` };
  const publicUrl = image.publicUrl?.trim();
  if (!publicUrl) {
    return {
      kind: 'failed',
      code: 'media',
      reason:
        'Instagram needs the image at a public web address: its API fetches the picture itself and cannot take it from this computer. ' +
        'Put the image at a public https address (for example on the school website) and give that address with the image, or post it by hand.',
    };
  }
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    return { kind: 'failed', code: 'media', reason: "The image's public address is not a web address." };
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') {
    return { kind: 'failed', code: 'media', reason: "The image's public address must be a plain https address (no user name or password)." };
  }
  return url.href;
}

async function createContainer(call: InstagramCall): Promise<PublishOutcome> {
  const { context, request } = call;
  const checked = checkPost(request);
  if (typeof checked !== 'string') return checked;
  const fields: Record<string, string> = { image_url: checked, caption: request.text };
  const altText = request.media[0]?.altText?.trim();
  if (altText) fields.alt_text = altText;
  const result = await send(
    context,
    {
      method: 'POST',
      url: graphUrl(call.base, `/${encodeURIComponent(request.channel.accountId)}/media`),
      headers: graphHeaders(request.token),
      body: new URLSearchParams(fields),
      timeoutMs: context.requestTimeoutMs,
    },
    call.signal,
  );
  // A container is not a post: one lost in transit is harmless (it expires within 24 hours unpublished).
  if (result.kind === 'no-response') return noResponseOutcome(result, 'Instagram', false);
  if (!ok(result.status)) return problem(call, result);
  const containerId = stringField(jsonOf(result.text), 'id');
  if (!containerId) return { kind: 'retry', reason: 'Instagram accepted the image but did not say the id of what it prepared.' };
  return { kind: 'remote-created', remote: { containerId }, retryAfterMs: call.timing.firstCheckAfterMs };
}

async function continueContainer(call: InstagramCall, containerId: string): Promise<PublishOutcome> {
  const { context, request } = call;
  const status = await send(
    context,
    {
      method: 'GET',
      url: graphUrl(call.base, `/${encodeURIComponent(containerId)}`, { fields: 'status_code,status' }),
      headers: graphHeaders(request.token),
      timeoutMs: context.requestTimeoutMs,
    },
    call.signal,
  );
  if (status.kind === 'no-response') return noResponseOutcome(status, 'Instagram', false);
  if (!ok(status.status)) return problem(call, status, 'The image Instagram prepared for this post is no longer there; start the post again.');
  const answer = jsonOf(status.text);
  const code = stringField(answer, 'status_code');
  switch (code) {
    case 'IN_PROGRESS':
      return { kind: 'remote-created', remote: { containerId }, retryAfterMs: call.timing.pollEveryMs };
    case 'PUBLISHED':
      // An earlier media_publish went through but its answer was lost. The post's own id is not
      // on the container, so the container id stands in for it.
      return { kind: 'published', remoteId: containerId };
    case 'ERROR':
      return { kind: 'failed', code: 'media', reason: `Instagram could not process the image${says(shortMessage(stringField(answer, 'status'), request.token))}.` };
    case 'EXPIRED':
      return { kind: 'failed', code: 'media', reason: 'The image Instagram prepared expired (after 24 hours) before it was published; publish the post again to start over.' };
    case 'FINISHED':
      return publishContainer(call, containerId);
    default:
      return { kind: 'retry', reason: 'Instagram gave an unexpected status for the prepared image.' };
  }
}

async function publishContainer(call: InstagramCall, containerId: string): Promise<PublishOutcome> {
  const { context, request } = call;
  const userPath = `/${encodeURIComponent(request.channel.accountId)}`;

  // Checking the rolling 24-hour quota first gives a clear reason instead of a refused publish.
  const limit = await send(
    context,
    {
      method: 'GET',
      url: graphUrl(call.base, `${userPath}/content_publishing_limit`, { fields: 'quota_usage,config' }),
      headers: graphHeaders(request.token),
      timeoutMs: context.requestTimeoutMs,
    },
    call.signal,
  );
  if (limit.kind === 'no-response') return noResponseOutcome(limit, 'Instagram', false);
  if (ok(limit.status)) {
    const answer = jsonOf(limit.text);
    const usage = numberField(answer, 'data', 0, 'quota_usage');
    const total = numberField(answer, 'data', 0, 'config', 'quota_total');
    if (usage !== undefined && total !== undefined && usage >= total) return quotaReached(total);
  } else {
    // Expired token, throttling and outages stop here; any other refusal of this read is left to
    // media_publish, which enforces the limit itself.
    const common = commonGraphOutcome(limit, graphError(limit.text, request.token), 'Instagram', 'access token', context.clock);
    if (common) return common;
  }

  const result = await send(
    context,
    {
      method: 'POST',
      url: graphUrl(call.base, `${userPath}/media_publish`),
      headers: graphHeaders(request.token),
      body: new URLSearchParams({ creation_id: containerId }),
      timeoutMs: context.requestTimeoutMs,
    },
    call.signal,
  );
  // Not ambiguous: the next attempt reads the container, and PUBLISHED there means it went out.
  if (result.kind === 'no-response') return noResponseOutcome(result, 'Instagram', false);
  if (ok(result.status)) {
    const mediaId = stringField(jsonOf(result.text), 'id');
    return mediaId ? { kind: 'published', remoteId: mediaId } : { kind: 'retry', reason: 'Instagram did not say the id of the published post; checking again.' };
  }
  const error = graphError(result.text, request.token);
  // 9007 / 2207027: "media not ready"; the container needs more time.
  if (error.code === 9007 || error.subcode === 2207027) return { kind: 'remote-created', remote: { containerId }, retryAfterMs: call.timing.pollEveryMs };
  return problem(call, result);
}

function quotaReached(total?: number): PublishOutcome {
  return {
    kind: 'failed',
    code: 'quota',
    reason: `Instagram's daily publishing limit is reached${total === undefined ? '' : ` (${total} posts in 24 hours)`}: retry this post once earlier posts are more than 24 hours old.`,
  };
}

function problem(call: InstagramCall, result: Extract<HttpResult, { kind: 'response' }>, notFound?: string): PublishOutcome {
  const error: GraphError = graphError(result.text, call.request.token);
  const common = commonGraphOutcome(result, error, 'Instagram', 'access token', call.context.clock);
  if (common) return common;
  if (error.code === 9 && error.subcode === 2207042) return quotaReached();
  if ((error.code !== undefined && mediaCodes.has(error.code)) || (error.subcode !== undefined && mediaSubcodes.has(error.subcode))) {
    return { kind: 'failed', code: 'media', reason: `Instagram could not use the image${says(error.message)}.` };
  }
  if (notFound && error.code === 100) return { kind: 'failed', code: 'rejected', reason: notFound };
  return { kind: 'failed', code: 'rejected', reason: `Instagram refused the post (HTTP ${result.status}${error.code === undefined ? '' : `, code ${error.code}`})${says(error.message)}.` };
}

function ok(status: number): boolean {
  return status >= 200 && status < 300;
}
