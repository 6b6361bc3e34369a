import { formFields, multipartBody, type FakeReply, type RecordedRequest } from './fake-server';
import { GraphFakeServer, graphErrorReply } from './graph-fake';

/**
 * Facebook Pages on the Graph API: POST /{page-id}/feed (message, link) and POST /{page-id}/photos
 * (multipart source + message + alt_text_custom), as developers.facebook.com/docs/graph-api/reference/photo
 * and .../reference/page/feed describe them.
 *
 * Stricter than Graph in two ways, to hold Custodian to its own rules: a field neither endpoint
 * documents is refused (Graph may drop an unknown one silently, so a misspelt field would be
 * lost without a word), and the native-scheduling fields (published, scheduled_publish_time) are
 * a problem: our gates must run when the post goes out, so Facebook's scheduler is never used.
 */

export interface FacebookPost {
  id: string;
  message: string;
  photo: { bytes: Buffer; contentType: string | undefined; fileName: string | undefined; altText: string | undefined } | undefined;
}

/** Photos must be under 10 MB (reference/photo [2nd]: ../shared/reference/platform-apis-and-calendar.md). */
export const FACEBOOK_PHOTO_MAX_BYTES = 10 * 1024 * 1024;

/** The documented fields of each create (the endpoints take more, none of which Custodian needs). */
const documentedFields: Record<'feed' | 'photos', ReadonlySet<string>> = {
  feed: new Set(['message', 'link', 'place', 'tags', 'published', 'scheduled_publish_time', 'backdated_time', 'targeting', 'feed_targeting']),
  photos: new Set(['source', 'url', 'message', 'caption', 'alt_text_custom', 'place', 'tags', 'published', 'scheduled_publish_time', 'backdated_time', 'no_story', 'targeting', 'feed_targeting']),
};
const nativeScheduling = ['published', 'scheduled_publish_time'];

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
  /** Whether that user manages the Page (a Page in a Business portfolio they are not assigned to is not listed). */
  managesPage = true;

  protected override isPublic(request: RecordedRequest): boolean {
    return /^\/v\d+\.\d+\/me\/accounts$/.test(request.path);
  }

  protected graphRoute(request: RecordedRequest, path: string): FakeReply {
    if (request.method === 'GET' && path === '/me/accounts') {
      if (this.userToken === null || request.headers.authorization !== `Bearer ${this.userToken}`) return graphErrorReply(400, { message: 'Invalid OAuth access token.', code: 190 });
      const page = { id: this.pageId, name: 'Colne Primet Academy', category: 'School', access_token: this.token, tasks: ['CREATE_CONTENT', 'MANAGE'] };
      return { status: 200, json: { data: this.managesPage ? [page] : [], paging: {} } };
    }
    const found = /^\/([^/]+)\/(feed|photos)$/.exec(path);
    if (!found) {
      this.problem(`unexpected ${request.method} ${path}`);
      return graphErrorReply(400, { message: `Unknown path components: ${path}`, code: 2500 });
    }
    if (found[1] !== this.pageId) {
      this.problem(`page ${String(found[1])} is not the configured page`);
      return graphErrorReply(400, { message: `Unsupported post request. Object with ID '${String(found[1])}' does not exist`, code: 100, subcode: 33, type: 'GraphMethodException' });
    }
    if (request.method !== 'POST') return graphErrorReply(400, { message: 'Unsupported request', code: 100 });
    return this.create(request, found[2] === 'photos' ? 'photos' : 'feed');
  }

  private create(request: RecordedRequest, edge: 'feed' | 'photos'): FakeReply {
    const isPhoto = edge === 'photos';
    const fields = formFields(request);
    const names = [...fields.keys(), ...(multipartBody(request) ?? []).filter((part) => part.fileName !== undefined).map((part) => part.name)];
    const unknown = names.find((name) => !documentedFields[edge].has(name));
    if (unknown !== undefined) {
      this.problem(`${edge} with the field ${unknown}, which the endpoint does not take`);
      return graphErrorReply(400, { message: `(#100) Param ${unknown} is not valid`, code: 100 });
    }
    for (const name of nativeScheduling) if (fields.has(name)) this.problem(`${edge} with ${name}: Custodian must not hand a post to Facebook's scheduler`);
    const message = fields.get('message') ?? '';
    let photo: FacebookPost['photo'];
    if (isPhoto) {
      const source = multipartBody(request)?.find((part) => part.name === 'source' && part.fileName !== undefined);
      if (!source) {
        this.problem('photos without a multipart source file');
        return graphErrorReply(400, { message: '(#324) Requires upload file', code: 324 });
      }
      if (source.data.length >= FACEBOOK_PHOTO_MAX_BYTES) {
        // Graph's answer to a photo it will not take (the wording is not in Meta's reference, and
        // names 4 MB there; the limit is the reference's 10 MB).
        this.problem(`photo of ${source.data.length} bytes, not under 10 MB`);
        return graphErrorReply(400, {
          message: "Your photos couldn't be uploaded. Photos should be less than 10 MB and saved as JPG, PNG, GIF, TIFF, HEIF or WebP files.",
          code: 100,
          subcode: 1366046,
          userTitle: "Can't Upload Photos",
          userMessage: "Your photos couldn't be uploaded. Photos should be less than 10 MB and saved as JPG, PNG, GIF, TIFF, HEIF or WebP files.",
        });
      }
      photo = { bytes: source.data, contentType: source.contentType, fileName: source.fileName, altText: fields.get('alt_text_custom') };
    } else if (message === '' && !fields.has('link')) {
      this.problem('feed without message or link');
      return graphErrorReply(400, { message: '(#100) Missing message or attachment', code: 100 });
    }
    if (message !== '' && this.posts.some((post) => post.message === message)) return this.faultReply({ kind: 'duplicate' }, request);

    this.next += 1;
    const postId = `${this.pageId}_${this.next}`;
    this.posts.push({ id: postId, message, photo });
    return isPhoto ? { status: 200, json: { id: String(900 + this.next), post_id: postId } } : { status: 200, json: { id: postId } };
  }
}
