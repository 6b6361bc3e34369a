import { formFields, type FakeReply, type RecordedRequest } from './fake-server';
import { GraphFakeServer, graphErrorReply } from './graph-fake';

/**
 * Instagram content publishing on the Graph API: POST /{ig-user-id}/media (container),
 * GET /{container}?fields=status_code, GET /{ig-user-id}/content_publishing_limit and
 * POST /{ig-user-id}/media_publish.
 */

export type ContainerStatus = 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';

export interface InstagramContainer {
  id: string;
  imageUrl: string;
  caption: string;
  altText: string | undefined;
  pollsLeft: number;
  status: ContainerStatus;
  mediaId: string | undefined;
}

export class InstagramFake extends GraphFakeServer {
  readonly containers: InstagramContainer[] = [];
  /** Status polls that answer IN_PROGRESS for each new container before FINISHED. */
  inProgressPolls = 0;
  /** What a container ends as once its IN_PROGRESS polls are used up. */
  endStatus: 'FINISHED' | 'ERROR' | 'EXPIRED' = 'FINISHED';
  /** The rolling 24-hour quota as content_publishing_limit reports it. */
  quotaUsage = 0;
  quotaTotal = 50;
  /** Whether the signed-in user manages the Page this account is linked to (GET /me/accounts lists it). */
  managesPage = true;
  /**
   * The linked Page's own token, which /me/accounts hands out when asked. Content publishing is
   * documented with the app user's User access token (reference, Instagram:
   * FB/documentation/instagram-platform/content-publishing; a Page token is undocumented), so the
   * fake accepts only `token`, the user's, and refuses this one like any other.
   */
  readonly pageToken = 'ig-linked-page-token';
  private next = 17_900_000_000_000_000;

  constructor(
    readonly igUserId = '17841400000000000',
    token = 'ig-user-token',
  ) {
    super(token);
  }

  protected graphRoute(request: RecordedRequest, path: string): FakeReply {
    if (request.method === 'GET' && path === '/me/accounts') {
      const fields = request.query.get('fields') ?? '';
      if (!fields.includes('instagram_business_account')) this.problem('me/accounts without instagram_business_account in fields');
      const page = { id: '104857600000002', name: 'Colne Primet Academy', instagram_business_account: { id: this.igUserId, username: 'colneprimet' }, ...(fields.split(',').includes('access_token') ? { access_token: this.pageToken } : {}) };
      return { status: 200, json: { data: this.managesPage ? [page] : [], paging: {} } };
    }
    const user = /^\/([^/]+)\/(media|media_publish|content_publishing_limit)$/.exec(path);
    if (user?.[1] !== undefined) {
      if (user[1] !== this.igUserId) {
        this.problem(`IG user ${user[1]} is not the configured user`);
        return graphErrorReply(400, { message: `Unsupported post request. Object with ID '${user[1]}' does not exist`, code: 100, subcode: 33, type: 'GraphMethodException' });
      }
      if (request.method === 'POST' && user[2] === 'media') return this.createContainer(request);
      if (request.method === 'POST' && user[2] === 'media_publish') return this.publish(request);
      if (request.method === 'GET' && user[2] === 'content_publishing_limit') return this.limit(request);
    }
    const container = /^\/([^/]+)$/.exec(path);
    if (request.method === 'GET' && container?.[1] !== undefined) return this.status(request, container[1]);
    this.problem(`unexpected ${request.method} ${path}`);
    return graphErrorReply(400, { message: `Unknown path components: ${path}`, code: 2500 });
  }

  private createContainer(request: RecordedRequest): FakeReply {
    const fields = formFields(request);
    const imageUrl = fields.get('image_url');
    if (!imageUrl || !imageUrl.startsWith('https://')) {
      this.problem('media without a public https image_url');
      return graphErrorReply(400, { message: 'Only photo or video can be accepted as media type.', code: 9004, subcode: 2207052 });
    }
    const caption = fields.get('caption') ?? '';
    if ([...caption].length > 2200) this.problem('caption over 2200 characters');
    this.next += 1;
    const created: InstagramContainer = { id: String(this.next), imageUrl, caption, altText: fields.get('alt_text'), pollsLeft: this.inProgressPolls, status: 'IN_PROGRESS', mediaId: undefined };
    this.containers.push(created);
    return { status: 200, json: { id: created.id } };
  }

  private status(request: RecordedRequest, id: string): FakeReply {
    const container = this.containers.find((entry) => entry.id === id);
    if (!container) return graphErrorReply(400, { message: `Unsupported get request. Object with ID '${id}' does not exist`, code: 100, subcode: 33, type: 'GraphMethodException' });
    if (!(request.query.get('fields') ?? '').split(',').includes('status_code')) this.problem('container read without fields=status_code');
    if (container.status === 'IN_PROGRESS') {
      if (container.pollsLeft > 0) container.pollsLeft -= 1;
      else container.status = this.endStatus;
    }
    const status = container.status === 'ERROR' ? 'Error: Media download has failed. The media URI doesn\u2019t meet our requirements.' : container.status;
    return { status: 200, json: { status_code: container.status, status, id: container.id } };
  }

  private limit(request: RecordedRequest): FakeReply {
    const fields = (request.query.get('fields') ?? '').split(',');
    if (!fields.includes('quota_usage') || !fields.includes('config')) this.problem('content_publishing_limit without fields=quota_usage,config');
    return { status: 200, json: { data: [{ quota_usage: this.quotaUsage, config: { quota_total: this.quotaTotal, quota_duration: 86400 } }] } };
  }

  private publish(request: RecordedRequest): FakeReply {
    const id = formFields(request).get('creation_id');
    const container = this.containers.find((entry) => entry.id === id);
    if (!container) {
      this.problem(`media_publish with unknown creation_id ${String(id)}`);
      return graphErrorReply(400, { message: 'Invalid parameter', code: 100 });
    }
    if (this.quotaUsage >= this.quotaTotal) return this.faultReply({ kind: 'quota' }, request);
    if (container.status === 'PUBLISHED') {
      this.problem(`container ${container.id} published twice`);
      return graphErrorReply(400, { message: 'The media has already been published', code: 9007, subcode: 2207008 });
    }
    if (container.status !== 'FINISHED') {
      this.problem(`media_publish of container ${container.id} in status ${container.status}`);
      return graphErrorReply(400, { message: 'Media ID is not available', code: 9007, subcode: 2207027, userMessage: 'The media is not ready for publishing, please wait for a moment' });
    }
    this.next += 1;
    container.status = 'PUBLISHED';
    container.mediaId = String(this.next);
    this.quotaUsage += 1;
    return { status: 200, json: { id: container.mediaId } };
  }
}
