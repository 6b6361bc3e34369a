import { FakePlatformServer, jsonBody, type FakeReply, type PlatformFault, type RecordedRequest } from './fake-server';

/**
 * LinkedIn's versioned REST API: POST /rest/images?action=initializeUpload, a PUT of the bytes to
 * the uploadUrl it hands out, and POST /rest/posts answering 201 with the id in x-restli-id.
 * Every /rest call must carry LinkedIn-Version (YYYYMM) and X-Restli-Protocol-Version 2.0.0.
 */

export interface LinkedInPost {
  id: string;
  body: Record<string, unknown>;
  /** The hashtags LinkedIn reads in the commentary (little text's HashtagElement, "#hashtag"), without the #. */
  hashtags: string[];
}

export interface LinkedInImage {
  urn: string;
  owner: string;
  uploadPath: string;
  bytes: Buffer | undefined;
}

const error = (status: number, code: string, message: string, serviceErrorCode?: number, headers?: Record<string, string>): FakeReply => ({
  status,
  json: serviceErrorCode === undefined ? { status, code, message } : { status, serviceErrorCode, code, message },
  ...(headers ? { headers } : {}),
});

/**
 * Reads commentary as little text does (learn.microsoft.com/en-us/linkedin/marketing/
 * community-management/shares/little-text-format): a backslash makes the next character plain
 * text; an unescaped # followed by letters, digits or underscores is a hashtag; any other
 * unescaped reserved character starts markup we never send, so it is reported.
 */
function readLittleText(text: string): { hashtags: string[]; unescaped: string | undefined } {
  const hashtags: string[] = [];
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index] ?? '';
    if (char === '\\') {
      index += 1;
    } else if (char === '#' && /[\p{L}\p{N}_]/u.test(text[index + 1] ?? '')) {
      const tag = /^[\p{L}\p{N}_]+/u.exec(text.slice(index + 1))?.[0] ?? '';
      hashtags.push(tag);
      index += tag.length;
    } else if ('|{}@[]()<>#*_~'.includes(char)) {
      return { hashtags, unescaped: char };
    }
  }
  return { hashtags, unescaped: undefined };
}

export class LinkedInFake extends FakePlatformServer {
  readonly posts: LinkedInPost[] = [];
  readonly images: LinkedInImage[] = [];
  /** Versions the fake accepts; anything else answers 426 as a sunset version does. */
  acceptedVersions: string[] | undefined;
  private next = 7_100_000_000_000_000_000n;

  constructor(
    readonly organizationId = '2414183',
    token = 'li-member-token',
  ) {
    super(token);
  }

  private id(): string {
    this.next += 1n;
    return this.next.toString();
  }

  protected faultReply(fault: PlatformFault): FakeReply {
    switch (fault.kind) {
      case 'rate-limit':
        return error(429, 'TOO_MANY_REQUESTS', 'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.', 101, fault.retryAfterSeconds === undefined ? undefined : { 'retry-after': String(fault.retryAfterSeconds) });
      case 'server-error':
        return error(fault.status ?? 500, 'INTERNAL_SERVER_ERROR', 'Internal Server Error');
      case 'token-expired':
        return error(401, 'EXPIRED_ACCESS_TOKEN', 'The token used in the request has expired', 65601);
      case 'duplicate':
        return error(422, 'DUPLICATE_POST', 'Content is a duplicate of urn:li:share:7100000000000000001', 0);
      case 'quota':
        return error(429, 'TOO_MANY_REQUESTS', 'Resource level throttle MEMBER DAY limit for calls to this resource is reached.', 101);
      case 'hang':
        return { hang: true };
    }
  }

  protected route(request: RecordedRequest): FakeReply {
    const upload = this.images.find((image) => image.uploadPath === request.path);
    if (request.method === 'PUT' && upload) {
      if (upload.bytes) this.problem(`image ${upload.urn} uploaded twice`);
      upload.bytes = request.body;
      return { status: 201, text: '' };
    }
    if (!request.path.startsWith('/rest/')) {
      this.problem(`unexpected ${request.method} ${request.path}`);
      return error(404, 'NOT_FOUND', 'Not Found');
    }
    const version = request.headers['linkedin-version'];
    if (typeof version !== 'string' || !/^\d{6}$/.test(version)) {
      this.problem(`${request.path} without a LinkedIn-Version YYYYMM header`);
      return error(400, 'VERSION_MISSING', 'A version must be present. Please specify a version by adding the LinkedIn-Version header.');
    }
    if (this.acceptedVersions && !this.acceptedVersions.includes(version)) return error(426, 'NONEXISTENT_VERSION', `Requested version ${version} is not active`);
    if (request.headers['x-restli-protocol-version'] !== '2.0.0') this.problem(`${request.path} without X-Restli-Protocol-Version 2.0.0`);

    if (request.method === 'POST' && request.path === '/rest/images' && request.query.get('action') === 'initializeUpload') return this.initializeUpload(request);
    if (request.method === 'POST' && request.path === '/rest/posts') return this.createPost(request);
    // The organisations the signed-in member administers (the OAuth connect's account lookup).
    if (request.method === 'GET' && request.path === '/rest/organizationAcls' && request.query.get('q') === 'roleAssignee') {
      return { status: 200, json: { elements: [{ organization: `urn:li:organization:${this.organizationId}`, role: 'ADMINISTRATOR', state: 'APPROVED' }] } };
    }
    this.problem(`unexpected ${request.method} ${request.path}`);
    return error(404, 'NOT_FOUND', 'Not Found');
  }

  private initializeUpload(request: RecordedRequest): FakeReply {
    const owner = (jsonBody(request) as { initializeUploadRequest?: { owner?: unknown } } | undefined)?.initializeUploadRequest?.owner;
    if (owner !== `urn:li:organization:${this.organizationId}`) {
      this.problem(`initializeUpload owner ${String(owner)}`);
      return error(403, 'ACCESS_DENIED', 'Not enough permissions to access: images.CREATE', 100);
    }
    const id = this.id();
    const image: LinkedInImage = { urn: `urn:li:image:C4E10AQ${id}`, owner, uploadPath: `/dms-uploads/sp/v2/${id}/uploaded-image/0`, bytes: undefined };
    this.images.push(image);
    return { status: 200, json: { value: { uploadUrlExpiresAt: Date.now() + 86_400_000, uploadUrl: `${this.base}${image.uploadPath}`, image: image.urn } } };
  }

  private createPost(request: RecordedRequest): FakeReply {
    const body = jsonBody(request) as Record<string, unknown> | undefined;
    if (!body) return error(400, 'BAD_REQUEST', 'Request body is not JSON');
    const want = (check: boolean, what: string): void => {
      if (!check) this.problem(`posts body: ${what}`);
    };
    const distribution = body.distribution as Record<string, unknown> | undefined;
    want(body.author === `urn:li:organization:${this.organizationId}`, 'author is the organization URN');
    want(typeof body.commentary === 'string', 'commentary is a string');
    want(body.visibility === 'PUBLIC', 'visibility PUBLIC');
    want(distribution?.feedDistribution === 'MAIN_FEED', 'distribution.feedDistribution MAIN_FEED');
    want(Array.isArray(distribution?.targetEntities) && distribution.targetEntities.length === 0, 'distribution.targetEntities []');
    want(Array.isArray(distribution?.thirdPartyDistributionChannels) && distribution.thirdPartyDistributionChannels.length === 0, 'distribution.thirdPartyDistributionChannels []');
    want(body.lifecycleState === 'PUBLISHED', 'lifecycleState PUBLISHED');
    want(body.isReshareDisabledByAuthor === false, 'isReshareDisabledByAuthor false');
    const commentary = typeof body.commentary === 'string' ? body.commentary : '';
    const little = readLittleText(commentary);
    want(little.unescaped === undefined, `commentary escapes the little format reserved characters (${String(little.unescaped)} is not)`);
    const mediaId = (body.content as { media?: { id?: unknown } } | undefined)?.media?.id;
    if (mediaId !== undefined) {
      const image = this.images.find((entry) => entry.urn === mediaId);
      if (!image?.bytes) {
        this.problem(`post names image ${String(mediaId)} that was never uploaded`);
        return error(422, 'UNPROCESSABLE_ENTITY', `ERROR :: /content/media/id :: ${String(mediaId)} is not available`, 0);
      }
    }
    if (this.posts.some((post) => post.body.commentary === commentary)) return this.faultReply({ kind: 'duplicate' });
    const id = `urn:li:share:${this.id()}`;
    this.posts.push({ id, body, hashtags: little.hashtags });
    return { status: 201, headers: { 'x-restli-id': id }, text: '' };
  }
}
