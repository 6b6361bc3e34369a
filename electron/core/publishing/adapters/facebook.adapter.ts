import { adapterContext, channelBase, guarded, jsonOf, noResponseOutcome, plainBytes, says, send, stringField, type AdapterContext, type AdapterOptions } from '../adapter-http';
import type { PlatformAdapter, PublishOutcome, PublishRequest } from '../platform-adapter';
import { commonGraphOutcome, graphError, graphHeaders, graphUrl } from './graph-api';

/**
 * Facebook Pages: a text post through POST /{page-id}/feed, a photo post through
 * POST /{page-id}/photos (multipart source + message). When the post is due at least 10 minutes
 * (and at most 30 days) ahead, Facebook's own scheduler holds it (published=false +
 * scheduled_publish_time), so it goes out on time even if this computer is off.
 *
 * Neither call takes a key that would let us find the post again, so a create that may have been
 * received without an answer is ambiguous.
 */

export const facebookScheduling = { minAheadMs: 10 * 60_000, maxAheadMs: 30 * 24 * 60 * 60_000 } as const;

const photoTypes = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/bmp', 'image/tiff']);

export function createFacebookAdapter(options: AdapterOptions = {}): PlatformAdapter {
  const context = adapterContext(options);
  return {
    platform: 'facebook',
    publish: (request, signal) => guarded('Facebook', () => publishToFacebook(context, request, signal)),
  };
}

async function publishToFacebook(context: AdapterContext, request: PublishRequest, signal?: AbortSignal): Promise<PublishOutcome> {
  const resolved = channelBase(request.channel);
  if ('outcome' in resolved) return resolved.outcome;
  const photo = request.media[0];
  if (request.media.length > 1) {
    return { kind: 'failed', code: 'media', reason: 'Custodian posts one photo per Facebook post: choose one image for the Facebook version.' };
  }
  if (photo && !photoTypes.has(photo.mediaType.toLowerCase())) {
    return { kind: 'failed', code: 'media', reason: `Custodian posts JPEG, PNG, GIF, BMP or TIFF photos to Facebook: ${photo.fileName} is ${photo.mediaType}.` };
  }
  if (!photo && request.text.trim() === '') {
    return { kind: 'failed', code: 'rejected', reason: 'A Facebook post needs a message or a photo: this one has neither.' };
  }

  // Facebook's scheduler takes posts due 10 minutes to 30 days ahead; anything sooner goes now.
  const fields: Record<string, string> = {};
  let scheduledAt: string | undefined;
  if (request.scheduledFor) {
    const ahead = request.scheduledFor.getTime() - context.clock.now().getTime();
    if (ahead > facebookScheduling.maxAheadMs) {
      return { kind: 'failed', code: 'rejected', reason: 'Facebook schedules posts at most 30 days ahead: this one was handed over too early.' };
    }
    if (ahead >= facebookScheduling.minAheadMs) {
      fields.published = 'false';
      fields.scheduled_publish_time = String(Math.floor(request.scheduledFor.getTime() / 1000));
      scheduledAt = request.scheduledFor.toISOString();
    }
  }

  const pageId = encodeURIComponent(request.channel.accountId);
  let body: URLSearchParams | FormData;
  if (photo) {
    const form = new FormData();
    form.append('source', new Blob([plainBytes(photo.bytes)], { type: photo.mediaType }), photo.fileName);
    if (request.text.trim() !== '') form.append('message', request.text);
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    body = form;
  } else {
    body = new URLSearchParams({ message: request.text, ...fields });
  }
  const result = await send(
    context,
    {
      method: 'POST',
      url: graphUrl(resolved.base, `/${pageId}/${photo ? 'photos' : 'feed'}`),
      headers: graphHeaders(request.token),
      body,
      timeoutMs: photo ? context.uploadTimeoutMs : context.requestTimeoutMs,
    },
    signal,
  );
  if (result.kind === 'no-response') return noResponseOutcome(result, 'Facebook', true);

  if (result.status >= 200 && result.status < 300) {
    const answer = jsonOf(result.text);
    // /photos answers {id (the photo), post_id (the post)}; /feed answers {id: "{page}_{post}"}.
    const remoteId = stringField(answer, 'post_id') ?? stringField(answer, 'id');
    if (!remoteId) return { kind: 'ambiguous', reason: 'Facebook accepted the post but did not say its id. Check the Page before posting it again.' };
    const outcome: PublishOutcome = { kind: 'published', remoteId, url: `https://www.facebook.com/${remoteId}` };
    return scheduledAt ? { ...outcome, scheduledAt } : outcome;
  }

  const error = graphError(result.text, request.token);
  const common = commonGraphOutcome(result, error, 'Facebook', 'Page access token', context.clock);
  if (common) return common;
  // 506 is "Duplicate status message"; Graph also words some duplicates without that code.
  if (error.code === 506 || /duplicate/i.test(error.message ?? '')) {
    return { kind: 'failed', code: 'duplicate', reason: 'Facebook refused duplicate content: this text was already posted on the Page.' };
  }
  // 324 "Requires upload file": Facebook could not read the photo we sent.
  if (photo && error.code === 324) {
    return { kind: 'failed', code: 'media', reason: `Facebook refused the photo${says(error.message)}.` };
  }
  return { kind: 'failed', code: 'rejected', reason: `Facebook refused the post (HTTP ${result.status}${error.code === undefined ? '' : `, code ${error.code}`})${says(error.message)}.` };
}
