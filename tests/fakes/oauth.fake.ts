import { createHash } from 'node:crypto';
import { FakePlatformServer, formFields, type FakeReply, type PlatformFault, type RecordedRequest } from './fake-server';

/**
 * A platform's OAuth 2.0 sign-in as the reference and the RFCs describe it: the authorization
 * endpoint (here it plays the user who agrees, redirecting straight back to the loopback
 * redirect with a code and the state), and the token endpoint: authorization_code with PKCE
 * S256 checked against the challenge, refresh_token (X rotates it; Google and LinkedIn do not),
 * and Graph's fb_exchange_token. Refused grants answer 400 {"error":"invalid_grant"} (RFC 6749
 * §5.2). Google's token endpoint requires the client secret (reference: OAuth redirects) and
 * answers a request without it 400 {"error":"invalid_request","error_description":"client_secret
 * is missing."}, a wrong one 401 {"error":"invalid_client"}. Every token it issues is reported to `onIssue`, so the platform fake accepts it.
 */

export type OAuthStyle = 'x' | 'google' | 'linkedin' | 'graph';

interface Pending {
  clientId: string;
  redirectUri: string;
  challenge: string;
  used: boolean;
}

const paths: Record<OAuthStyle, { authorize: string; token: string }> = {
  x: { authorize: '/i/oauth2/authorize', token: '/2/oauth2/token' },
  google: { authorize: '/o/oauth2/v2/auth', token: '/token' },
  linkedin: { authorize: '/oauth/v2/authorization', token: '/oauth/v2/accessToken' },
  graph: { authorize: '/v25.0/dialog/oauth', token: '/v25.0/oauth/access_token' },
};

export class OAuthFake extends FakePlatformServer {
  readonly authorizations: URLSearchParams[] = [];
  readonly issued: string[] = [];
  /** Refresh tokens the fake still honours (revoke one to get invalid_grant). */
  readonly liveRefreshTokens = new Set<string>();
  /** The user refuses on the sign-in page. */
  deny = false;
  /** Seconds each access token lasts (X: 2 h, Google: about 1 h; Graph long-lived: 60 days). */
  expiresIn: number;
  /** Slows each refresh, so concurrent callers really overlap. */
  refreshDelayMs = 0;
  /** While set, each refresh request is held until the promise settles (a token endpoint answering slowly, on cue). */
  refreshHold: Promise<void> | null = null;
  onIssue: (accessToken: string) => void = () => undefined;
  private readonly pending = new Map<string, Pending>();
  private counter = 0;

  constructor(
    readonly style: OAuthStyle,
    readonly clientId: string,
    readonly clientSecret: string | null,
  ) {
    super('not-used');
    // Google gives every OAuth client a secret, Desktop ones included, and its token endpoint wants it.
    if (style === 'google' && clientSecret === null) throw new Error('A Google OAuth client always has a client secret.');
    this.expiresIn = style === 'x' ? 7200 : style === 'google' ? 3599 : style === 'linkedin' ? 5_184_000 : 5_183_944;
  }

  get authorizeUrl(): string {
    return `${this.base}${paths[this.style].authorize}`;
  }
  get tokenUrl(): string {
    return `${this.base}${paths[this.style].token}`;
  }

  /** Token requests by grant type. */
  grants(type: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === 'POST' && r.path === paths[this.style].token && formFields(r).get('grant_type') === type);
  }

  protected override isPublic(): boolean {
    return true;
  }

  protected faultReply(fault: PlatformFault): FakeReply {
    if (fault.kind === 'server-error') return { status: fault.status ?? 503, text: 'Service Unavailable' };
    if (fault.kind === 'hang') return { hang: true };
    return { status: 400, json: { error: 'invalid_request' } };
  }

  protected async route(request: RecordedRequest): Promise<FakeReply> {
    if (request.method === 'GET' && request.path === paths[this.style].authorize) return this.authorize(request.query);
    if (request.method === 'POST' && request.path === paths[this.style].token) return this.tokenEndpoint(request);
    this.problem(`unexpected ${request.method} ${request.path}`);
    return { status: 404, json: { error: 'not_found' } };
  }

  private authorize(query: URLSearchParams): FakeReply {
    this.authorizations.push(query);
    const redirect = query.get('redirect_uri') ?? '';
    if (!/^http:\/\/127\.0\.0\.1:\d+\/callback$/.test(redirect)) this.problem(`redirect_uri ${redirect} is not a 127.0.0.1 loopback address`);
    if (query.get('client_id') !== this.clientId) this.problem('authorize with the wrong client_id');
    if (query.get('code_challenge_method') !== 'S256') this.problem('authorize without PKCE S256');
    if ((query.get('state') ?? '').length < 16) this.problem('authorize without an unguessable state');
    const back = new URL(redirect);
    back.searchParams.set('state', query.get('state') ?? '');
    if (this.deny) {
      back.searchParams.set('error', 'access_denied');
    } else {
      this.counter += 1;
      const code = `code-${this.counter}-${Math.random().toString(36).slice(2)}`;
      this.pending.set(code, { clientId: query.get('client_id') ?? '', redirectUri: redirect, challenge: query.get('code_challenge') ?? '', used: false });
      back.searchParams.set('code', code);
    }
    return { status: 302, headers: { location: back.href } };
  }

  /** Client authentication; a refusal is the platform's own answer. */
  private clientRefusal(request: RecordedRequest, form: Map<string, string>): FakeReply | undefined {
    const basic = /^Basic (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const [id, secret] = basic === undefined ? [form.get('client_id'), form.get('client_secret')] : Buffer.from(basic, 'base64').toString('utf8').split(':').map(decodeURIComponent);
    if (this.style === 'google') {
      // Google's token endpoint, even for a Desktop client with PKCE: no secret is a malformed
      // request (400), a wrong one fails client authentication (401).
      if (secret === undefined || secret === '') return { status: 400, json: { error: 'invalid_request', error_description: 'client_secret is missing.' } };
      if (id !== this.clientId) return { status: 401, json: { error: 'invalid_client', error_description: 'The OAuth client was not found.' } };
      if (secret !== this.clientSecret) return { status: 401, json: { error: 'invalid_client', error_description: 'Unauthorized' } };
      return undefined;
    }
    if (id === this.clientId && (this.clientSecret === null || secret === this.clientSecret)) return undefined;
    return { status: 401, json: { error: 'invalid_client', error_description: 'Client authentication failed.' } };
  }

  private tokens(withRefresh: boolean): { access_token: string; refresh_token?: string; expires_in: number; token_type: string; scope: string } {
    this.counter += 1;
    const access = `${this.style}-access-${this.counter}-${Math.random().toString(36).slice(2)}`;
    this.issued.push(access);
    this.onIssue(access);
    const body: { access_token: string; refresh_token?: string; expires_in: number; token_type: string; scope: string } = {
      access_token: access,
      expires_in: this.expiresIn,
      token_type: this.style === 'google' ? 'Bearer' : 'bearer',
      scope: 'granted',
    };
    if (withRefresh) {
      const refresh = `${this.style}-refresh-${this.counter}-${Math.random().toString(36).slice(2)}`;
      this.liveRefreshTokens.add(refresh);
      body.refresh_token = refresh;
    }
    return body;
  }

  private async tokenEndpoint(request: RecordedRequest): Promise<FakeReply> {
    if (request.headers['content-type'] !== 'application/x-www-form-urlencoded') this.problem('token request is not form-encoded');
    if (request.query.size > 0) this.problem('token request carries parameters in the URL');
    const form = formFields(request);
    const refused = this.clientRefusal(request, form);
    if (refused !== undefined) return refused;
    const grant = form.get('grant_type');
    if (grant === 'authorization_code') {
      const pending = this.pending.get(form.get('code') ?? '');
      if (pending === undefined || pending.used) return { status: 400, json: { error: 'invalid_grant', error_description: 'The authorization code is invalid or was already used.' } };
      pending.used = true;
      if (form.get('redirect_uri') !== pending.redirectUri) return { status: 400, json: { error: 'invalid_grant', error_description: 'redirect_uri does not match.' } };
      const verifier = form.get('code_verifier') ?? '';
      if (createHash('sha256').update(verifier).digest('base64url') !== pending.challenge) return { status: 400, json: { error: 'invalid_grant', error_description: 'PKCE verification failed.' } };
      return { status: 200, json: this.tokens(this.style !== 'graph') };
    }
    if (grant === 'refresh_token' && this.style !== 'graph') {
      if (this.refreshDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.refreshDelayMs));
      if (this.refreshHold !== null) await this.refreshHold;
      const presented = form.get('refresh_token') ?? '';
      if (!this.liveRefreshTokens.has(presented)) return { status: 400, json: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' } };
      // X rotates the refresh token on every use; Google and LinkedIn keep it.
      if (this.style === 'x') this.liveRefreshTokens.delete(presented);
      const body = this.tokens(this.style === 'x');
      return { status: 200, json: body };
    }
    if (grant === 'fb_exchange_token' && this.style === 'graph') {
      if (!this.issued.includes(form.get('fb_exchange_token') ?? '')) return { status: 400, json: { error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190 } } };
      return { status: 200, json: this.tokens(false) };
    }
    return { status: 400, json: { error: 'unsupported_grant_type' } };
  }
}

/**
 * The system browser, played: opens the sign-in address, lets the (fake) platform redirect, and
 * follows the redirect to the loopback listener, as a browser would.
 */
export function playBrowser(options: { before?: (redirect: URL) => Promise<void> } = {}): { open(url: string): Promise<void>; opened: string[]; callbacks: number[] } {
  const opened: string[] = [];
  const callbacks: number[] = [];
  return {
    opened,
    callbacks,
    open: async (url: string) => {
      opened.push(url);
      // Like a real browser: the page loads while the app goes on waiting.
      void (async () => {
        const answer = await fetch(url, { redirect: 'manual' });
        const location = answer.headers.get('location');
        if (location === null) return;
        const redirect = new URL(location);
        await options.before?.(redirect);
        const back = await fetch(redirect, { redirect: 'manual' });
        callbacks.push(back.status);
      })().catch(() => undefined);
    },
  };
}
