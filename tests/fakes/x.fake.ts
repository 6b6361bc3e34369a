import { FakePlatformServer, jsonBody, multipartBody, type FakeReply, type PlatformFault, type RecordedRequest } from './fake-server';
import { XSpecValidator, invalidRequest } from './x-spec.validator';

/**
 * X API v2 as the reference describes it: POST /2/media/upload (simple), the chunked
 * initialize / append / finalize / STATUS sequence, POST /2/media/metadata and POST /2/tweets,
 * with RFC 7807 errors and x-rate-limit-* headers. Every request is checked against X's official
 * OpenAPI spec first (x-spec.validator.ts): what the spec refuses gets X's 400 invalid-request
 * problem, and every answer the fake gives (faults too) is checked against the spec's response.
 */

interface XMedia {
  id: string;
  category: string;
  mediaType: string;
  totalBytes: number;
  received: Buffer[];
  nextSegment: number;
  finalized: boolean;
  /** Chunked media is usable only once a STATUS poll has said succeeded. */
  ready: boolean;
  statusPollsLeft: number;
  altText: string | undefined;
}

export interface XPost {
  id: string;
  text: string;
  mediaIds: string[];
}

const problemJson = (status: number, title: string, detail: string): FakeReply => ({
  status,
  headers: { 'content-type': 'application/problem+json' },
  json: { title, detail, type: 'about:blank', status },
});

export class XFake extends FakePlatformServer {
  readonly posts: XPost[] = [];
  readonly media = new Map<string, XMedia>();
  /** STATUS polls that answer in_progress before one answers succeeded, for each chunked upload. */
  processingPolls = 1;
  /** Makes processing end in 'failed'. */
  processingFails = false;
  private nextId = 1_850_000_000_000_000_000n;

  /** The user the token belongs to (GET /2/users/me). */
  userId = '1500000000000000001';
  /** The app's prepaid credits are used up: every call answers 402 (undocumented; the shape is X's in production, see x-schemas.ts). */
  creditsDepleted = false;
  /** The app may not do this (not enrolled, no access, suspended): every call answers 403 with this detail. */
  forbiddenDetail: string | undefined;
  private readonly spec = new XSpecValidator();

  constructor(token = 'x-user-token') {
    super(token);
  }

  private id(): string {
    this.nextId += 1n;
    return this.nextId.toString();
  }

  protected faultReply(fault: PlatformFault, request: RecordedRequest): FakeReply {
    return this.checked(request, this.renderFault(fault));
  }

  protected route(request: RecordedRequest): FakeReply {
    const check = this.spec.checkRequest(request);
    if (check.kind === 'invalid') {
      this.problem(`${check.operationId}: X's spec refuses ${check.messages.join('; ')}`);
      return this.checked(request, invalidRequest(check.messages));
    }
    return this.checked(request, this.answer(request));
  }

  /** Records, as a bug in the fake, an answer that X's spec does not allow for the operation called. */
  private checked(request: RecordedRequest, reply: FakeReply): FakeReply {
    const check = this.spec.checkRequest(request);
    if ('hang' in reply || check.kind === 'unknown') return reply;
    const wrong = this.spec.checkResponse(check.operationId, reply.status, reply.json);
    if (wrong.length > 0) this.problem(`the fake's answer to ${check.operationId} breaks X's spec: ${wrong.join('; ')}`);
    return reply;
  }

  private renderFault(fault: PlatformFault): FakeReply {
    switch (fault.kind) {
      case 'rate-limit': {
        const reset = fault.resetAtUnixSeconds ?? Math.floor(Date.now() / 1000) + 900;
        const headers: Record<string, string> = { 'x-rate-limit-limit': '100', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(reset) };
        if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
        if (fault.style === 'code-88') return { status: 429, headers, json: { errors: [{ code: 88, message: 'Rate limit exceeded' }] } };
        return { ...problemJson(429, 'Too Many Requests', 'Too Many Requests'), headers: { ...headers, 'content-type': 'application/problem+json' } };
      }
      case 'server-error':
        return problemJson(fault.status ?? 503, 'Service Unavailable', 'Service Unavailable');
      case 'token-expired':
        return problemJson(401, 'Unauthorized', 'Unauthorized');
      case 'duplicate':
        return problemJson(403, 'Forbidden', 'You are not allowed to create a Tweet with duplicate content.');
      case 'quota':
        return problemJson(429, 'UsageCapExceeded', 'Usage cap exceeded: Monthly product cap');
      case 'hang':
        return { hang: true };
    }
  }

  private answer(request: RecordedRequest): FakeReply {
    if (this.creditsDepleted) return { status: 402, json: { title: 'Payment Required', detail: 'credits depleted', type: 'https://api.x.com/2/problems/credits-depleted', status: 402 } };
    if (this.forbiddenDetail !== undefined) return problemJson(403, 'Forbidden', this.forbiddenDetail);
    const line = `${request.method} ${request.path}`;
    if (line === 'POST /2/tweets') return this.createPost(request);
    // Who the token belongs to (read after an OAuth sign-in to learn the account id).
    if (line === 'GET /2/users/me') return { status: 200, json: { data: { id: this.userId, name: 'Pendle Education', username: 'pendleeducation' } } };
    if (line === 'POST /2/media/upload') return this.simpleUpload(request);
    if (line === 'POST /2/media/upload/initialize') return this.initialize(request);
    if (line === 'GET /2/media/upload') return this.status(request);
    if (line === 'POST /2/media/metadata') return this.metadata(request);
    const chunked = /^POST \/2\/media\/upload\/([^/]+)\/(append|finalize)$/.exec(line);
    if (chunked?.[1] && chunked[2] === 'append') return this.append(request, chunked[1]);
    if (chunked?.[1] && chunked[2] === 'finalize') return this.finalize(chunked[1]);
    this.problem(`unexpected ${line}`);
    return problemJson(404, 'Not Found Error', `No route ${line}`);
  }

  private createPost(request: RecordedRequest): FakeReply {
    const body = jsonBody(request) as { text?: unknown; media?: { media_ids?: unknown } } | undefined;
    if (request.headers['content-type'] !== 'application/json') this.problem('POST /2/tweets without a JSON content type');
    const text = typeof body?.text === 'string' ? body.text : undefined;
    const mediaIds = body?.media?.media_ids;
    if (mediaIds !== undefined && (!Array.isArray(mediaIds) || mediaIds.some((id) => typeof id !== 'string'))) {
      this.problem('media.media_ids must be an array of strings');
      return invalidRequest([]);
    }
    const ids = (mediaIds ?? []) as string[];
    if ((text === undefined || text === '') && ids.length === 0) {
      this.problem('a post without text or media');
      return invalidRequest([]);
    }
    for (const id of ids) {
      const media = this.media.get(id);
      if (!media || !media.ready) {
        this.problem(`post names media ${id} that is unknown or not ready`);
        return invalidRequest(['Your media IDs are invalid.']);
      }
    }
    if (this.posts.some((post) => post.text === text)) return this.renderFault({ kind: 'duplicate' });
    const post: XPost = { id: this.id(), text: text ?? '', mediaIds: ids };
    this.posts.push(post);
    return { status: 201, json: { data: { id: post.id, text: post.text, edit_history_post_ids: [post.id] } } };
  }

  private simpleUpload(request: RecordedRequest): FakeReply {
    const parts = multipartBody(request);
    const file = parts?.find((part) => part.name === 'media');
    const category = parts?.find((part) => part.name === 'media_category')?.data.toString();
    if (!file) {
      this.problem('simple upload without a multipart media part');
      return invalidRequest(['media is required']);
    }
    if (category !== 'tweet_image') this.problem(`simple upload with media_category ${String(category)}`);
    if (file.data.length > 5 * 1024 * 1024) {
      this.problem('simple upload over 5 MB');
      return problemJson(413, 'Payload Too Large', 'File size exceeds 5242880 bytes.');
    }
    const media = this.addMedia(category ?? '', file.contentType ?? '', file.data.length);
    media.received.push(file.data);
    media.finalized = true;
    media.ready = true;
    return { status: 200, json: { data: { id: media.id, media_key: `3_${media.id}`, size: file.data.length, expires_after_secs: 86400 } } };
  }

  private addMedia(category: string, mediaType: string, totalBytes: number): XMedia {
    const media: XMedia = { id: this.id(), category, mediaType, totalBytes, received: [], nextSegment: 0, finalized: false, ready: false, statusPollsLeft: this.processingPolls, altText: undefined };
    this.media.set(media.id, media);
    return media;
  }

  private initialize(request: RecordedRequest): FakeReply {
    const body = jsonBody(request) as { media_type?: unknown; total_bytes?: unknown; media_category?: unknown } | undefined;
    if (typeof body?.media_type !== 'string' || typeof body.total_bytes !== 'number' || typeof body.media_category !== 'string') {
      this.problem('initialize needs media_type, total_bytes and media_category');
      return invalidRequest([]);
    }
    const media = this.addMedia(body.media_category, body.media_type, body.total_bytes);
    return { status: 200, json: { data: { id: media.id, media_key: `7_${media.id}`, expires_after_secs: 86400 } } };
  }

  private append(request: RecordedRequest, id: string): FakeReply {
    const media = this.media.get(id);
    const parts = multipartBody(request);
    const segment = Number(parts?.find((part) => part.name === 'segment_index')?.data.toString());
    const data = parts?.find((part) => part.name === 'media')?.data;
    if (!media || !data) {
      this.problem(`append to ${id} without known media or a media part`);
      return invalidRequest([]);
    }
    if (segment !== media.nextSegment || segment > 999) this.problem(`append segment ${segment}, expected ${media.nextSegment}`);
    media.nextSegment += 1;
    media.received.push(data);
    return { status: 200, json: { data: { expires_at: Math.floor(Date.now() / 1000) + 86400 } } };
  }

  private finalize(id: string): FakeReply {
    const media = this.media.get(id);
    if (!media) return invalidRequest(['Unknown media id']);
    const size = media.received.reduce((sum, chunk) => sum + chunk.length, 0);
    if (size !== media.totalBytes) this.problem(`finalize ${id} with ${size} of ${media.totalBytes} bytes`);
    media.finalized = true;
    // GIFs and videos are processed after FINALIZE: the client polls STATUS until succeeded.
    return { status: 200, json: { data: { id, media_key: `7_${id}`, size, expires_after_secs: 86400, processing_info: { state: 'pending', check_after_secs: 1 } } } };
  }

  private status(request: RecordedRequest): FakeReply {
    const media = this.media.get(request.query.get('media_id') ?? '');
    if (request.query.get('command') !== 'STATUS' || !media) {
      this.problem('STATUS without command=STATUS or a known media_id');
      return invalidRequest([]);
    }
    if (!media.finalized) this.problem(`STATUS of ${media.id} before FINALIZE`);
    if (media.statusPollsLeft > 0) {
      media.statusPollsLeft -= 1;
      return { status: 200, json: { data: { id: media.id, processing_info: { state: 'in_progress', check_after_secs: 1, progress_percent: 50 } } } };
    }
    if (this.processingFails) {
      // The spec's processing_info is closed (check_after_secs, progress_percent, state): no error detail.
      return { status: 200, json: { data: { id: media.id, processing_info: { state: 'failed' } } } };
    }
    media.ready = true;
    return { status: 200, json: { data: { id: media.id, processing_info: { state: 'succeeded', progress_percent: 100 } } } };
  }

  private metadata(request: RecordedRequest): FakeReply {
    const body = jsonBody(request) as { id?: unknown; metadata?: { alt_text?: { text?: unknown } } } | undefined;
    const media = typeof body?.id === 'string' ? this.media.get(body.id) : undefined;
    const text = body?.metadata?.alt_text?.text;
    if (!media || typeof text !== 'string' || text.length > 1000) {
      this.problem('metadata needs a known id and alt_text.text of at most 1000 characters');
      return invalidRequest([]);
    }
    media.altText = text;
    return { status: 200, json: { data: { id: media.id, associated_metadata: {} } } };
  }
}
