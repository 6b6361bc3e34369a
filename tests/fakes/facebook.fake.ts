import { formFields, multipartBody, type FakeReply, type RecordedRequest } from './fake-server';
import { GraphFakeServer, graphErrorReply } from './graph-fake';

/**
 * Facebook Pages on the Graph API: POST /{page-id}/feed (message) and POST /{page-id}/photos
 * (multipart source + message), with native scheduling (published=false +
 * scheduled_publish_time 10 minutes to 30 days ahead) and GET /{page-id}/scheduled_posts.
 */

export interface FacebookPost {
  id: string;
  message: string;
  photo: { bytes: Buffer; contentType: string | undefined; fileName: string | undefined } | undefined;
  scheduledPublishTime: number | undefined;
}

export class FacebookFake extends GraphFakeServer {
  readonly posts: FacebookPost[] = [];
  private next = 100;

  constructor(
    readonly pageId = '1234567890',
    token = 'fb-page-token',
  ) {
    super(token);
  }

  /** The user token that may list the Page (GET /me/accounts), and the Page token it hands out. */
  userToken: string | null = null;

  protected override isPublic(request: RecordedRequest): boolean {
    return /^\/v\d+\.\d+\/me\/accounts$/.test(request.path);
  }

  protected graphRoute(request: RecordedRequest, path: string): FakeReply {
    if (request.method === 'GET' && path === '/me/accounts') {
      if (this.userToken === null || request.headers.authorization !== `Bearer ${this.userToken}`) return graphErrorReply(400, { message: 'Invalid OAuth access token.', code: 190 });
      return { status: 200, json: { data: [{ id: this.pageId, name: 'Colne Primet Academy', category: 'School', access_token: this.token, tasks: ['CREATE_CONTENT', 'MANAGE'] }], paging: {} } };
    }
    const found = /^\/([^/]+)\/(feed|photos|scheduled_posts)$/.exec(path);
    if (!found) {
      this.problem(`unexpected ${request.method} ${path}`);
      return graphErrorReply(400, { message: `Unknown path components: ${path}`, code: 2500 });
    }
    if (found[1] !== this.pageId) {
      this.problem(`page ${String(found[1])} is not the configured page`);
      return graphErrorReply(400, { message: `Unsupported post request. Object with ID '${String(found[1])}' does not exist`, code: 100, subcode: 33, type: 'GraphMethodException' });
    }
    if (request.method === 'GET' && found[2] === 'scheduled_posts') {
      return { status: 200, json: { data: this.posts.filter((post) => post.scheduledPublishTime !== undefined).map((post) => ({ id: post.id, message: post.message })) } };
    }
    if (request.method !== 'POST' || found[2] === 'scheduled_posts') return graphErrorReply(400, { message: 'Unsupported request', code: 100 });
    return this.create(request, found[2] === 'photos');
  }

  private create(request: RecordedRequest, isPhoto: boolean): FakeReply {
    const fields = formFields(request);
    const message = fields.get('message') ?? '';
    let photo: FacebookPost['photo'];
    if (isPhoto) {
      const source = multipartBody(request)?.find((part) => part.name === 'source' && part.fileName !== undefined);
      if (!source) {
        this.problem('photos without a multipart source file');
        return graphErrorReply(400, { message: '(#324) Requires upload file', code: 324 });
      }
      photo = { bytes: source.data, contentType: source.contentType, fileName: source.fileName };
    } else if (message === '' && !fields.has('link')) {
      this.problem('feed without message or link');
      return graphErrorReply(400, { message: '(#100) Missing message or attachment', code: 100 });
    }

    let scheduledPublishTime: number | undefined;
    if (fields.has('scheduled_publish_time')) {
      scheduledPublishTime = Number(fields.get('scheduled_publish_time'));
      const ahead = scheduledPublishTime * 1000 - Date.now();
      if (fields.get('published') !== 'false') this.problem('scheduled_publish_time without published=false');
      if (!(ahead >= 10 * 60_000 - 5_000 && ahead <= 30 * 24 * 3_600_000)) {
        this.problem(`scheduled_publish_time ${scheduledPublishTime} is outside 10 minutes to 30 days ahead`);
        return graphErrorReply(400, { message: '(#100) The specified scheduled publish time is invalid.', code: 100 });
      }
    }
    if (message !== '' && this.posts.some((post) => post.message === message)) return this.faultReply({ kind: 'duplicate' }, request);

    this.next += 1;
    const postId = `${this.pageId}_${this.next}`;
    this.posts.push({ id: postId, message, photo, scheduledPublishTime });
    return isPhoto ? { status: 200, json: { id: String(900 + this.next), post_id: postId } } : { status: 200, json: { id: postId } };
  }
}
