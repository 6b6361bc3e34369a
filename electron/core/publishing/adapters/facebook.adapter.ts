import { adapterContext, channelBase, guarded, jsonOf, noResponseOutcome, plainBytes, says, send, stringField, type AdapterContext, type AdapterOptions } from '../adapter-http';
import type { PlatformAdapter, PublishOutcome, PublishRequest } from '../platform-adapter';
import { commonGraphOutcome, graphError, graphHeaders, graphUrl } from './graph-api';

/**
 * Facebook Pages: a text post through POST /{page-id}/feed, a photo post through
 * POST /{page-id}/photos (multipart source + message + alt_text_custom, the photo's alt text:
 * developers.facebook.com/docs/graph-api/reference/photo). Always published at once: the engine
 * calls when the post is due, after its gates (approval, consent, the checks) have run again, so
 * Facebook's own scheduler (published=false + scheduled_publish_time) is never used.
 *
 * Neither call takes a key that would let us find the post again, so a create that may have been
 * received without an answer is ambiguous.
 */

/** Graph's error_subcode for a photo it will not take ("Your photos couldn't be uploaded"). */
export const facebookPhotoRefusedSubcode = 1366046;

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

  const pageId = encodeURIComponent(request.channel.accountId);
  let body: URLSearchParams | FormData;
  if (photo) {
    const form = new FormData();
    form.append('source', new Blob([plainBytes(photo.bytes)], { type: photo.mediaType }), photo.fileName);
    if (request.text.trim() !== '') form.append('message', request.text);
    const alt = photo.altText?.trim() ?? '';
    if (alt !== '') form.append('alt_text_custom', alt);
    body = form;
  } else {
    body = new URLSearchParams({ message: request.text });
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
    return { kind: 'published', remoteId, url: `https://www.facebook.com/${remoteId}` };
  }

  const error = graphError(result.text, request.token);
  const common = commonGraphOutcome(result, error, 'Facebook', 'Page access token', context.clock);
  if (common) return common;
  // 506 is "Duplicate status message"; Graph also words some duplicates without that code.
  if (error.code === 506 || /duplicate/i.test(error.message ?? '')) {
    return { kind: 'failed', code: 'duplicate', reason: 'Facebook refused duplicate content: this text was already posted on the Page.' };
  }
  // 324 "Requires upload file": Facebook could not read the photo we sent; subcode 1366046: the
  // photo is too large or of a type it refuses (our pre-send checks should have stopped it).
  if (photo && (error.code === 324 || error.subcode === facebookPhotoRefusedSubcode)) {
    return { kind: 'failed', code: 'media', reason: `Facebook refused the photo${says(error.message)}.` };
  }
  return { kind: 'failed', code: 'rejected', reason: `Facebook refused the post (HTTP ${result.status}${error.code === undefined ? '' : `, code ${error.code}`})${says(error.message)}.` };
}
