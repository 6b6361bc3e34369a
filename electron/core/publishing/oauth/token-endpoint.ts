import { send, jsonOf, numberField, shortMessage, stringField, type AdapterContext } from '../adapter-http';
import type { OAuthProvider } from './oauth-providers';

/**
 * The OAuth token endpoint (RFC 6749 §4.1.3 and §6): exchanging an authorization code, and
 * refreshing. Always POST with a form body, so neither a code, a secret nor a token ever sits in
 * a URL (proxies and servers log URLs). Never throws; every answer is one of four kinds.
 */

export interface ClientCredentials {
  clientId: string;
  clientSecret: string | null;
}

export type TokenAnswer =
  | { kind: 'tokens'; accessToken: string; refreshToken: string | null; expiresInSeconds: number | null }
  /** The grant (code or refresh token) is no good any more: a person must sign in again. */
  | { kind: 'invalid-grant'; message: string }
  /** The platform refused the app itself (wrong client id or secret, a scope it does not allow). */
  | { kind: 'refused'; message: string }
  /** No usable answer (network, 5xx, 429): try again later; nothing changed. */
  | { kind: 'unavailable'; message: string };

const TIMEOUT_MS = 30_000;

export function tokenRequest(
  context: AdapterContext,
  provider: OAuthProvider,
  tokenUrl: string,
  client: ClientCredentials,
  grant: Record<string, string>,
): Promise<TokenAnswer> {
  if (provider.secretRequired && client.clientSecret === null) {
    // An app saved before the platform's secret was required (Google's): the platform would only refuse it.
    return Promise.resolve({
      kind: 'refused',
      message: "The platform app's client secret is not saved, and the platform's sign-in requires it: enter it (Channels → Platform apps, or custodian platform app with --client-secret-stdin), then connect the channel again.",
    });
  }
  const form = new URLSearchParams(grant);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  // PKCE's verifier only where the flow uses PKCE (LinkedIn's standard flow refuses PKCE with a secret).
  if (!provider.pkce) form.delete('code_verifier');
  if (client.clientSecret !== null && provider.clientAuth === 'basic') {
    // RFC 6749 §2.3.1: both parts form-encoded before base64.
    const pair = `${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`;
    headers.authorization = `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
    form.set('client_id', client.clientId);
  } else {
    form.set('client_id', client.clientId);
    // A public client (LinkedIn native PKCE) never sends a secret, even one that is saved.
    if (client.clientSecret !== null && provider.clientAuth === 'form') form.set('client_secret', client.clientSecret);
  }
  return exchange(context, tokenUrl, headers, form, [client.clientSecret ?? '', ...Object.values(grant)]);
}

async function exchange(context: AdapterContext, url: string, headers: Record<string, string>, form: URLSearchParams, hidden: string[]): Promise<TokenAnswer> {
  const result = await send(context, { method: 'POST', url, headers, body: form, timeoutMs: TIMEOUT_MS });
  if (result.kind === 'no-response') return { kind: 'unavailable', message: 'The sign-in service did not answer.' };
  const body = jsonOf(result.text);
  // The platform's words, with anything we sent (a code, a secret, a refresh token) taken out.
  const said = (raw: unknown) => hidden.reduce<string | undefined>((text, value) => (text === undefined ? undefined : shortMessage(text, value)), typeof raw === 'string' ? raw : undefined);
  if (result.status >= 200 && result.status < 300) {
    const accessToken = stringField(body, 'access_token');
    if (accessToken === undefined || accessToken === '') return { kind: 'unavailable', message: 'The sign-in service answered without an access token.' };
    return {
      kind: 'tokens',
      accessToken,
      refreshToken: stringField(body, 'refresh_token') ?? null,
      expiresInSeconds: numberField(body, 'expires_in') ?? null,
    };
  }
  if (result.status === 429 || result.status >= 500) return { kind: 'unavailable', message: `The sign-in service is busy or down (HTTP ${result.status}).` };
  const error = stringField(body, 'error') ?? stringField(body, 'error', 'type');
  const description = said(stringField(body, 'error_description') ?? stringField(body, 'error', 'message'));
  const detail = description === undefined ? '' : `: ${description}`;
  // Graph says an expired or withdrawn code/token with OAuthException code 190 (or 100 for a used code).
  const graphCode = numberField(body, 'error', 'code');
  if (error === 'invalid_grant' || graphCode === 190) return { kind: 'invalid-grant', message: `The sign-in is no longer valid${detail}` };
  return { kind: 'refused', message: `The sign-in service refused the request (${error ?? `HTTP ${result.status}`})${detail}` };
}
