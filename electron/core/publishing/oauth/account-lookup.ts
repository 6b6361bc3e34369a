import type { Platform } from '../../../../shared/domain/enums';
import { apiUrl, GRAPH_API_VERSION, LINKEDIN_API_VERSION } from '../api-base';
import { field, jsonOf, send, stringField, type AdapterContext } from '../adapter-http';

/**
 * After a sign-in: which accounts the signed-in user can publish to, in each platform's own
 * terms (the X user, the YouTube channel, the LinkedIn organisations they administer, the
 * Facebook Pages they manage or the Instagram accounts linked to them). For Facebook each
 * account carries the Page's own token, which is what publishing uses.
 */

export interface PublishableAccount {
  id: string;
  name: string;
  /** The token to publish with when it is not the user's own (a Facebook Page token). */
  token?: string;
}

export type LookupAnswer = { kind: 'accounts'; accounts: PublishableAccount[] } | { kind: 'failed'; message: string };

const TIMEOUT_MS = 30_000;

async function getJson(context: AdapterContext, url: string, token: string, headers: Record<string, string> = {}): Promise<{ ok: true; body: unknown } | { ok: false; message: string }> {
  const result = await send(context, { method: 'GET', url, headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...headers }, timeoutMs: TIMEOUT_MS });
  if (result.kind === 'no-response') return { ok: false, message: 'The platform did not answer when Custodian asked which accounts it may publish to.' };
  if (result.status < 200 || result.status >= 300) return { ok: false, message: `The platform refused to say which accounts it may publish to (HTTP ${result.status}).` };
  return { ok: true, body: jsonOf(result.text) };
}

export async function publishableAccounts(context: AdapterContext, platform: Platform, base: string, token: string): Promise<LookupAnswer> {
  switch (platform) {
    case 'x': {
      const answer = await getJson(context, apiUrl(base, '/2/users/me'), token);
      if (!answer.ok) return { kind: 'failed', message: answer.message };
      const id = stringField(answer.body, 'data', 'id');
      return { kind: 'accounts', accounts: id === undefined ? [] : [{ id, name: `@${stringField(answer.body, 'data', 'username') ?? id}` }] };
    }
    case 'youtube': {
      const answer = await getJson(context, apiUrl(base, '/youtube/v3/channels', { part: 'id,snippet', mine: 'true' }), token);
      if (!answer.ok) return { kind: 'failed', message: answer.message };
      const items = field(answer.body, 'items');
      const accounts = (Array.isArray(items) ? items : []).flatMap((item: unknown) => {
        const id = stringField(item, 'id');
        return id === undefined ? [] : [{ id, name: stringField(item, 'snippet', 'title') ?? id }];
      });
      return { kind: 'accounts', accounts };
    }
    case 'linkedin': {
      const answer = await getJson(context, apiUrl(base, '/rest/organizationAcls', { q: 'roleAssignee', role: 'ADMINISTRATOR', state: 'APPROVED' }), token, {
        'linkedin-version': LINKEDIN_API_VERSION,
        'x-restli-protocol-version': '2.0.0',
      });
      if (!answer.ok) return { kind: 'failed', message: answer.message };
      const elements = field(answer.body, 'elements');
      const accounts = (Array.isArray(elements) ? elements : []).flatMap((element: unknown) => {
        const urn = stringField(element, 'organization') ?? '';
        const id = /^urn:li:organization:(\d+)$/.exec(urn)?.[1];
        return id === undefined ? [] : [{ id, name: `organisation ${id}` }];
      });
      return { kind: 'accounts', accounts };
    }
    case 'facebook':
    case 'instagram': {
      // Instagram publishes with the user's token (meta-connect.ts), so only Facebook needs each Page's own.
      const fields = platform === 'instagram' ? 'id,name,instagram_business_account{id,username}' : 'id,name,access_token';
      const answer = await getJson(context, apiUrl(base, `/${GRAPH_API_VERSION}/me/accounts`, { fields }), token);
      if (!answer.ok) return { kind: 'failed', message: answer.message };
      const data = field(answer.body, 'data');
      const accounts = (Array.isArray(data) ? data : []).flatMap((page: unknown) => {
        if (platform === 'facebook') {
          const id = stringField(page, 'id');
          const pageToken = stringField(page, 'access_token');
          return id === undefined || pageToken === undefined ? [] : [{ id, name: stringField(page, 'name') ?? id, token: pageToken }];
        }
        const id = stringField(page, 'instagram_business_account', 'id');
        return id === undefined ? [] : [{ id, name: `@${stringField(page, 'instagram_business_account', 'username') ?? id}` }];
      });
      return { kind: 'accounts', accounts };
    }
  }
}
