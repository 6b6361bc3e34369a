import {
  adapterContext,
  channelBase,
  characterCount,
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
import { ApiBaseError, LINKEDIN_API_VERSION, apiUrl, checkUploadUrl } from '../api-base';
import { escapeLittleText } from '../linkedin-little-text';
import type { PlatformAdapter, PublishOutcome, PublishRequest } from '../platform-adapter';

/**
 * LinkedIn (versioned REST API): an image through POST /rest/images?action=initializeUpload and a
 * PUT of its bytes to the uploadUrl LinkedIn gives, then POST /rest/posts as the organisation.
 * The post's id comes back in the x-restli-id header of a 201 with an empty body.
 *
 * LinkedIn takes no key of ours to find a post again, so a POST /rest/posts that may have been
 * received without an answer is ambiguous. An image that is lost is harmless (it is never shown).
 */

export const linkedInLimits = { commentaryChars: 3000 } as const;

const imageTypes = new Set(['image/jpeg', 'image/png', 'image/gif']);

export function createLinkedInAdapter(options: AdapterOptions = {}): PlatformAdapter {
  const context = adapterContext(options);
  return {
    platform: 'linkedin',
    publish: (request, signal) => guarded('LinkedIn', () => publishToLinkedIn(context, request, signal)),
  };
}

/** The author URN: an organisation id, or a full urn:li: URN when the channel stores one. */
export function linkedInAuthor(accountId: string): string {
  return accountId.startsWith('urn:li:') ? accountId : `urn:li:organization:${accountId}`;
}

function headers(token: string, json: boolean): Record<string, string> {
  const result: Record<string, string> = {
    authorization: `Bearer ${token}`,
    'linkedin-version': LINKEDIN_API_VERSION,
    'x-restli-protocol-version': '2.0.0',
  };
  if (json) result['content-type'] = 'application/json';
  return result;
}

interface LinkedInCall {
  context: AdapterContext;
  base: string;
  token: string;
  signal: AbortSignal | undefined;
}

async function publishToLinkedIn(context: AdapterContext, request: PublishRequest, signal?: AbortSignal): Promise<PublishOutcome> {
  const resolved = channelBase(request.channel);
  if ('outcome' in resolved) return resolved.outcome;
  const image = request.media[0];
  if (request.media.length > 1) return { kind: 'failed', code: 'media', reason: 'Custodian posts one image per LinkedIn post: choose one image for the LinkedIn version.' };
  if (image && !imageTypes.has(image.mediaType.toLowerCase())) {
    return { kind: 'failed', code: 'media', reason: `Custodian posts JPEG, PNG or GIF images to LinkedIn: ${image.fileName} is ${image.mediaType}.` };
  }
  if (!image && request.text.trim() === '') return { kind: 'failed', code: 'rejected', reason: 'A LinkedIn post needs text or an image: this one has neither.' };
  if (characterCount(request.text) > linkedInLimits.commentaryChars) {
    return { kind: 'failed', code: 'rejected', reason: `The text is longer than LinkedIn's ${linkedInLimits.commentaryChars} characters.` };
  }

  const call: LinkedInCall = { context, base: resolved.base, token: request.token, signal };
  const author = linkedInAuthor(request.channel.accountId);
  const post: Record<string, unknown> = {
    author,
    commentary: escapeLittleText(request.text),
    visibility: 'PUBLIC',
    distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
    lifecycleState: 'PUBLISHED',
    isReshareDisabledByAuthor: false,
  };
  if (image) {
    const imageUrn = await uploadImage(call, author, image.bytes, image.mediaType);
    if (typeof imageUrn !== 'string') return imageUrn;
    const media: Record<string, string> = { id: imageUrn };
    if (image.altText && image.altText.trim() !== '') media.altText = image.altText;
    post.content = { media };
  }

  const result = await send(
    context,
    { method: 'POST', url: apiUrl(call.base, '/rest/posts'), headers: headers(call.token, true), body: JSON.stringify(post), timeoutMs: context.requestTimeoutMs },
    signal,
  );
  if (result.kind === 'no-response') return noResponseOutcome(result, 'LinkedIn', true);
  if (result.status === 201 || result.status === 200) {
    const id = result.headers.get('x-restli-id')?.trim();
    if (!id) return { kind: 'ambiguous', reason: 'LinkedIn accepted the post but did not say its id. Check the page before posting it again.' };
    return { kind: 'published', remoteId: id, url: `https://www.linkedin.com/feed/update/${id}/` };
  }
  return problem(call, result, 'post');
}

async function uploadImage(call: LinkedInCall, owner: string, bytes: Uint8Array, mediaType: string): Promise<string | PublishOutcome> {
  const init = await send(
    call.context,
    {
      method: 'POST',
      url: apiUrl(call.base, '/rest/images', { action: 'initializeUpload' }),
      headers: headers(call.token, true),
      body: JSON.stringify({ initializeUploadRequest: { owner } }),
      timeoutMs: call.context.requestTimeoutMs,
    },
    call.signal,
  );
  if (init.kind === 'no-response') return noResponseOutcome(init, 'LinkedIn', false);
  if (init.status < 200 || init.status >= 300) return problem(call, init, 'media');
  const answer = jsonOf(init.text);
  const uploadUrl = stringField(answer, 'value', 'uploadUrl');
  const imageUrn = stringField(answer, 'value', 'image');
  if (!uploadUrl || !imageUrn) return { kind: 'retry', reason: 'LinkedIn did not give an address to upload the image to.' };

  let target: string;
  try {
    target = checkUploadUrl('linkedin', call.base, uploadUrl);
  } catch (error) {
    // The token goes with the upload, so it only goes to LinkedIn's hosts (or the channel's proxy).
    const why = error instanceof ApiBaseError ? ` ${error.message}` : '';
    return { kind: 'failed', code: 'rejected', reason: `LinkedIn gave an upload address Custodian will not send the token to.${why}` };
  }
  const put = await send(
    call.context,
    { method: 'PUT', url: target, headers: { authorization: `Bearer ${call.token}`, 'content-type': mediaType }, body: plainBytes(bytes), timeoutMs: call.context.uploadTimeoutMs },
    call.signal,
  );
  if (put.kind === 'no-response') return noResponseOutcome(put, 'LinkedIn', false);
  if (put.status < 200 || put.status >= 300) return problem(call, put, 'media');
  return imageUrn;
}

/** Maps LinkedIn's {status, serviceErrorCode, code, message} errors. */
function problem(call: LinkedInCall, result: Extract<HttpResult, { kind: 'response' }>, step: 'media' | 'post'): PublishOutcome {
  const body = jsonOf(result.text);
  const raw = stringField(body, 'message');
  const message = shortMessage(raw, call.token);
  const status = result.status;
  if (status === 401) return { kind: 'failed', code: 'token-expired', reason: 'The LinkedIn access token has expired or was revoked: reconnect the channel.' };
  if (status === 429) {
    const wait = retryAfterMs(result.headers, call.context.clock);
    const outcome: PublishOutcome = { kind: 'retry', reason: "LinkedIn's rate limit is reached for now; publishing will try again later." };
    return wait === undefined ? outcome : { ...outcome, retryAfterMs: wait };
  }
  if (status >= 500) {
    const wait = retryAfterMs(result.headers, call.context.clock);
    const outcome: PublishOutcome = { kind: 'retry', reason: `LinkedIn had a temporary problem (HTTP ${status}).` };
    return wait === undefined ? outcome : { ...outcome, retryAfterMs: wait };
  }
  if (status === 426) {
    return { kind: 'failed', code: 'rejected', reason: `LinkedIn no longer accepts API version ${LINKEDIN_API_VERSION}: Custodian needs an update.` };
  }
  if (step === 'post' && status === 422 && /duplicate/i.test(raw ?? '')) {
    return { kind: 'failed', code: 'duplicate', reason: 'LinkedIn refused duplicate content: this text was already posted.' };
  }
  if (status === 403) {
    return {
      kind: 'failed',
      code: 'rejected',
      reason: `LinkedIn refused: the connected account may not post for this organisation (it needs to be a page admin, with the w_organization_social permission)${says(message)}.`,
    };
  }
  if (step === 'media') return { kind: 'failed', code: 'media', reason: `LinkedIn refused the image (HTTP ${status})${says(message)}.` };
  return { kind: 'failed', code: 'rejected', reason: `LinkedIn refused the post (HTTP ${status})${says(message)}.` };
}
