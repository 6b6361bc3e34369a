import type { IncomingHttpHeaders } from 'node:http';
import { FakePlatformServer, jsonBody, type FakeReply, type PlatformFault, type RecordedRequest } from './fake-server';

/**
 * YouTube Data API v3 resumable uploads: POST /upload/youtube/v3/videos?uploadType=resumable
 * &part=snippet,status answers with the session in Location; PUTs to the session send bytes
 * (Content-Range: bytes START-END/TOTAL) or ask how far it got (Content-Range: bytes *\/TOTAL),
 * answered 308 with Range: bytes=0-N until the video is complete, then 200 with the video.
 * GET /youtube/v3/videos?part=status&id= reads a video's status back.
 *
 * `projectAudited = false` plays an API project that has not passed YouTube's audit: every
 * upload is locked private, whatever privacyStatus was asked (G/youtube/v3/docs/videos/insert;
 * support.google.com/youtube/answer/7300965) [the reply's exact fields for a locked video are
 * undocumented].
 *
 * A publishAt is a problem: YouTube would take it (with privacyStatus private), but Custodian must
 * never hand a video to YouTube's scheduler, as our gates run when the post goes out.
 */

export interface YouTubeSession {
  id: string;
  path: string;
  totalBytes: number;
  contentType: string;
  metadata: { snippet: Record<string, unknown>; status: Record<string, unknown> };
  received: Buffer[];
  /** Bytes of each PUT that carried data (cut ones included), to check nothing is sent twice. */
  putSizes: number[];
  video: Record<string, unknown> | undefined;
  expired: boolean;
}

const googleError = (code: number, reason: string, message: string, domain = 'global', headers?: Record<string, string>): FakeReply => ({
  status: code,
  json: { error: { code, message, errors: [{ message, domain, reason }] } },
  ...(headers ? { headers } : {}),
});

const uploadPath = '/upload/youtube/v3/videos';
const videosPath = '/youtube/v3/videos';

export class YouTubeFake extends FakePlatformServer {
  readonly sessions: YouTubeSession[] = [];
  /** false: the trust's Google project has not passed the API audit, so uploads are locked private. */
  projectAudited = true;
  private interruptAfter: number | undefined;
  private next = 0;

  constructor(
    readonly channelId = 'UCxxxxxxxxxxxxxxxxxxxxxx',
    token = 'yt-user-token',
  ) {
    super(token);
  }

  /** Cuts the connection of the next upload PUT after this many body bytes have arrived (they are kept, as YouTube keeps them). */
  interruptNextUpload(afterBytes: number): void {
    this.interruptAfter = afterBytes;
  }

  /** Every session so far answers 404 from now on, as one past its lifetime does. */
  expireSessions(): void {
    for (const session of this.sessions) session.expired = true;
  }

  protected override cutAfter(method: string, path: string, query: URLSearchParams, headers: IncomingHttpHeaders): number | undefined {
    const isStatusQuery = (headers['content-range'] ?? '').startsWith('bytes */');
    if (method !== 'PUT' || path !== uploadPath || !query.has('upload_id') || isStatusQuery || this.interruptAfter === undefined) return undefined;
    const limit = this.interruptAfter;
    this.interruptAfter = undefined;
    return limit;
  }

  protected override onCut(request: RecordedRequest): void {
    const session = this.sessions.find((entry) => entry.id === request.query.get('upload_id'));
    if (!session) return;
    session.received.push(request.body);
    session.putSizes.push(request.body.length);
  }

  protected faultReply(fault: PlatformFault): FakeReply {
    switch (fault.kind) {
      case 'rate-limit':
        return googleError(429, 'rateLimitExceeded', 'Too many requests.', 'global', fault.retryAfterSeconds === undefined ? undefined : { 'retry-after': String(fault.retryAfterSeconds) });
      case 'server-error':
        return googleError(fault.status ?? 503, 'backendError', 'Backend Error');
      case 'token-expired':
        return {
          status: 401,
          headers: { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
          json: {
            error: {
              code: 401,
              message: 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
              errors: [{ message: 'Invalid Credentials', domain: 'global', reason: 'authError', location: 'Authorization', locationType: 'header' }],
              status: 'UNAUTHENTICATED',
            },
          },
        };
      case 'duplicate':
        // YouTube has no duplicate check; treat a scripted one as a plain refusal.
        return googleError(400, 'invalidVideoMetadata', 'The request metadata is invalid.', 'youtube.video');
      case 'quota':
        return fault.reason === 'uploadLimitExceeded'
          ? googleError(400, 'uploadLimitExceeded', 'The user has exceeded the number of videos they may upload.', 'youtube.video')
          : googleError(403, 'quotaExceeded', 'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.', 'youtube.quota');
      case 'hang':
        return { hang: true };
    }
  }

  protected route(request: RecordedRequest): FakeReply {
    if (request.method === 'GET' && request.path === videosPath) return this.videosList(request);
    // The signed-in user's own channel (the OAuth connect's account lookup: channels.list mine=true).
    if (request.method === 'GET' && request.path === '/youtube/v3/channels' && request.query.get('mine') === 'true') {
      return { status: 200, json: { kind: 'youtube#channelListResponse', items: [{ kind: 'youtube#channel', id: this.channelId, snippet: { title: 'Pendle Education Trust' } }] } };
    }
    if (request.path !== uploadPath) {
      this.problem(`unexpected ${request.method} ${request.path}`);
      return googleError(404, 'notFound', 'Not Found');
    }
    if (request.method === 'POST') return this.startSession(request);
    if (request.method === 'PUT' && request.query.has('upload_id')) return this.put(request);
    this.problem(`unexpected ${request.method} ${request.path}`);
    return googleError(405, 'methodNotAllowed', 'Method Not Allowed');
  }

  private startSession(request: RecordedRequest): FakeReply {
    const want = (check: boolean, what: string): void => {
      if (!check) this.problem(`resumable start: ${what}`);
    };
    want(request.query.get('uploadType') === 'resumable', 'uploadType=resumable');
    want(request.query.get('part') === 'snippet,status', 'part=snippet,status');
    want((request.headers['content-type'] ?? '').startsWith('application/json'), 'a JSON body');
    const total = Number(request.headers['x-upload-content-length']);
    const contentType = String(request.headers['x-upload-content-type'] ?? '');
    want(Number.isInteger(total) && total > 0, 'X-Upload-Content-Length');
    want(contentType.startsWith('video/'), 'X-Upload-Content-Type video/*');
    const body = jsonBody(request) as { snippet?: Record<string, unknown>; status?: Record<string, unknown> } | undefined;
    const title = body?.snippet?.title;
    if (typeof title !== 'string' || title === '' || [...title].length > 100 || /[<>]/.test(title)) {
      this.problem('resumable start: snippet.title of 1 to 100 characters without < or >');
      return googleError(400, 'invalidTitle', 'The request metadata specifies an invalid video title.', 'youtube.video');
    }
    const status = body?.status ?? {};
    want(['public', 'private', 'unlisted'].includes(String(status.privacyStatus)), 'status.privacyStatus');
    want(typeof status.selfDeclaredMadeForKids === 'boolean', 'status.selfDeclaredMadeForKids');
    want(status.publishAt === undefined, "no publishAt (Custodian never uses YouTube's scheduler)");
    this.next += 1;
    const id = `AEnB2U${this.next}`;
    const session: YouTubeSession = {
      id,
      path: `${uploadPath}?uploadType=resumable&upload_id=${id}`,
      totalBytes: total,
      contentType,
      metadata: { snippet: body?.snippet ?? {}, status },
      received: [],
      putSizes: [],
      video: undefined,
      expired: false,
    };
    this.sessions.push(session);
    return { status: 200, headers: { location: `${this.base}${session.path}`, 'x-guploader-uploadid': id }, text: '' };
  }

  private put(request: RecordedRequest): FakeReply {
    const session = this.sessions.find((entry) => entry.id === request.query.get('upload_id'));
    if (!session || session.expired) return googleError(404, 'notFound', 'The upload session was not found or has expired.');
    const received = session.received.reduce((sum, chunk) => sum + chunk.length, 0);
    const range = String(request.headers['content-range'] ?? '');
    const progress = (): FakeReply => ({ status: 308, headers: received > 0 ? { range: `bytes=0-${received - 1}` } : {}, text: '' });

    const query = /^bytes \*\/(\d+)$/.exec(range);
    if (query) {
      if (Number(query[1]) !== session.totalBytes) this.problem(`status query for ${query[1]} bytes, session has ${session.totalBytes}`);
      if (request.body.length > 0) this.problem('status query with a body');
      return session.video ? { status: 200, json: session.video } : progress();
    }

    const found = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(range);
    const start = found ? Number(found[1]) : 0;
    const end = found ? Number(found[2]) : request.body.length - 1;
    if (found && Number(found[3]) !== session.totalBytes) this.problem(`Content-Range total ${found[3]}, session has ${session.totalBytes}`);
    if (session.video) {
      this.problem('bytes sent to a finished upload');
      return { status: 200, json: session.video };
    }
    if (start !== received) {
      this.problem(`upload from byte ${start}, the session holds ${received}`);
      return progress();
    }
    if (end - start + 1 !== request.body.length) this.problem(`Content-Range says ${end - start + 1} bytes, body has ${request.body.length}`);
    if (request.headers['content-type'] !== session.contentType) this.problem(`upload Content-Type ${String(request.headers['content-type'])}, session has ${session.contentType}`);
    session.received.push(request.body);
    session.putSizes.push(request.body.length);
    if (received + request.body.length < session.totalBytes) return { status: 308, headers: { range: `bytes=0-${received + request.body.length - 1}` }, text: '' };

    this.next += 1;
    const videoId = `vid${String(this.next).padStart(8, '0')}`;
    session.video = {
      kind: 'youtube#video',
      etag: `etag${this.next}`,
      id: videoId,
      snippet: { ...session.metadata.snippet, channelId: this.channelId, publishedAt: new Date().toISOString() },
      status: { uploadStatus: 'uploaded', ...this.privacy(session.metadata.status) },
    };
    return { status: 200, json: session.video };
  }

  /** The status as YouTube keeps it: as asked, or locked private for an unaudited project. */
  private privacy(asked: Record<string, unknown>): Record<string, unknown> {
    return this.projectAudited ? asked : { ...asked, privacyStatus: 'private' };
  }

  /** videos.list by id: the parts asked for (only status here), for the uploader's own videos. */
  private videosList(request: RecordedRequest): FakeReply {
    if (request.query.get('part') !== 'status') this.problem(`videos.list with part=${String(request.query.get('part'))}: Custodian reads only status`);
    const ids = (request.query.get('id') ?? '').split(',').filter((id) => id !== '');
    if (ids.length === 0) return googleError(400, 'missingRequiredParameter', 'No filter selected. Expected one of: id, chart, myRated.');
    const items = this.sessions
      .map((session) => session.video)
      .filter((video): video is Record<string, unknown> => video !== undefined && ids.includes(String(video.id)))
      .map((video) => ({ kind: 'youtube#video', etag: video.etag, id: video.id, status: video.status }));
    return { status: 200, json: { kind: 'youtube#videoListResponse', etag: `list${this.next}`, pageInfo: { totalResults: items.length, resultsPerPage: items.length }, items } };
  }

  /** All the bytes a session received, in order. */
  bytesOf(session: YouTubeSession): Buffer {
    return Buffer.concat(session.received);
  }
}
