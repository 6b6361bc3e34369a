import { createHash } from 'node:crypto';
import { AuthorizationError } from '../../electron/core/publishing/oauth/loopback-authorization';
import { META_LOGIN_STOPPED } from '../../electron/core/publishing/oauth/meta-login';
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
 *
 * The redirect rules are each platform's (reference: OAuth redirects, /work/shared/reference):
 * - X: redirect_uri exactly equal to one of the app's registered callbacks, 127.0.0.1 and never
 *   localhost (docs.x.com/resources/fundamentals/developer-apps).
 * - LinkedIn standard: redirect_uri equal to a registered redirect URL; the client secret is
 *   required, and a token request carrying PKCE as well as the secret is refused invalid_client
 *   (learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow).
 * - LinkedIn native PKCE ('linkedin-native'): its own authorize path, any 127.0.0.1 port, PKCE
 *   required, no secret (learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow-native).
 * - Google: any 127.0.0.1 port, client_secret required (developers.google.com/identity/protocols/oauth2/native-app).
 * - Graph: unchanged here (Meta's sign-in is an embedded window's, not a loopback one).
 * A refused redirect is answered with an error page and never redirected to, as the platforms do,
 * so the sign-in never comes back; it is recorded in `refusedRedirects`.
 */

export type OAuthStyle = 'x' | 'google' | 'linkedin' | 'linkedin-native' | 'graph';

/** Meta's page a desktop app's embedded login window watches for (reference: OAuth redirects, manual flow). */
export const META_LOGIN_SUCCESS = 'https://www.facebook.com/connect/login_success.html';

interface Pending {
  clientId: string;
  redirectUri: string;
  challenge: string;
  used: boolean;
}

/** Styles whose platform accepts only a registered redirect, exactly. */
const exactRedirect: ReadonlySet<OAuthStyle> = new Set(['x', 'linkedin']);
/** Styles whose sign-in needs PKCE S256 (LinkedIn's standard flow does not use it). */
const needsPkce: ReadonlySet<OAuthStyle> = new Set(['x', 'google', 'linkedin-native', 'graph']);

const paths: Record<OAuthStyle, { authorize: string; token: string }> = {
  x: { authorize: '/i/oauth2/authorize', token: '/2/oauth2/token' },
  google: { authorize: '/o/oauth2/v2/auth', token: '/token' },
  linkedin: { authorize: '/oauth/v2/authorization', token: '/oauth/v2/accessToken' },
  'linkedin-native': { authorize: '/oauth/native-pkce/authorization', token: '/oauth/v2/accessToken' },
  graph: { authorize: '/v25.0/dialog/oauth', token: '/v25.0/oauth/access_token' },
};

export class OAuthFake extends FakePlatformServer {
  readonly authorizations: URLSearchParams[] = [];
  readonly issued: string[] = [];
  /** The redirect URIs registered in the app's developer console (X, LinkedIn standard): set with `register`. */
  readonly registered: string[] = [];
  /** Authorizations the platform refused for their redirect_uri (answered with an error page, never redirected). */
  readonly refusedRedirects: string[] = [];
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
  /** Meta: the app's Valid OAuth Redirect URIs (Facebook Login → Settings); the desktop app registers login_success.html. */
  readonly registeredRedirects: string[] = [META_LOGIN_SUCCESS];
  private counter = 0;

  constructor(
    readonly style: OAuthStyle,
    readonly clientId: string,
    readonly clientSecret: string | null,
  ) {
    super('not-used');
    // Google gives every OAuth client a secret, Desktop ones included, and its token endpoint wants it.
    if (style === 'google' && clientSecret === null) throw new Error('A Google OAuth client always has a client secret.');
    if (style === 'linkedin' && clientSecret === null) throw new Error("LinkedIn's standard flow always has a client secret.");
    // Every Meta app has an App Secret, and the code exchange needs it (reference: OAuth redirects, "code + app secret").
    if (style === 'graph' && clientSecret === null) throw new Error('A Meta app always has an app secret.');
    this.expiresIn = style === 'x' ? 7200 : style === 'google' ? 3599 : style.startsWith('linkedin') ? 5_184_000 : 5_183_944;
  }

  /** Registers redirect URIs as an administrator would in the developer console. */
  register(...uris: string[]): this {
    for (const uri of uris) {
      // X refuses localhost as a callback: 127.0.0.1 only (docs.x.com/resources/fundamentals/developer-apps).
      if (this.style === 'x' && new URL(uri).hostname === 'localhost') throw new Error('X does not accept localhost as a callback URI: use 127.0.0.1.');
      this.registered.push(uri);
    }
    if (this.style === 'x' && this.registered.length > 10) throw new Error('X takes at most 10 callback URIs.');
    return this;
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

  /** Why the platform would refuse this redirect_uri, or undefined when it accepts it. */
  private redirectRefusal(redirect: string): string | undefined {
    if (exactRedirect.has(this.style)) {
      return this.registered.includes(redirect) ? undefined : `redirect_uri ${redirect} does not match a registered redirect`;
    }
    // Google and LinkedIn native: a loopback address on 127.0.0.1, any port.
    return /^http:\/\/127\.0\.0\.1:\d+\/callback$/.test(redirect) ? undefined : `redirect_uri ${redirect} is not a 127.0.0.1 loopback address`;
  }

  private authorize(query: URLSearchParams): FakeReply {
    if (this.style === 'graph') return this.graphDialog(query);
    this.authorizations.push(query);
    const redirect = query.get('redirect_uri') ?? '';
    const refusal = this.redirectRefusal(redirect);
    if (refusal !== undefined) {
      this.refusedRedirects.push(redirect);
      return { status: 400, text: `The redirect_uri does not match the registered value: ${refusal}.` };
    }
    if (query.get('client_id') !== this.clientId) this.problem('authorize with the wrong client_id');
    if (needsPkce.has(this.style) && query.get('code_challenge_method') !== 'S256') this.problem('authorize without PKCE S256');
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
    if (this.style === 'linkedin-native') {
      // A public client: the native flow takes no secret, so sending one is our mistake.
      if (secret !== undefined) this.problem('LinkedIn native PKCE token request carries a client secret');
      return id === this.clientId ? undefined : { status: 401, json: { error: 'invalid_client', error_description: 'Client authentication failed.' } };
    }
    if (this.style === 'linkedin' && form.has('code_verifier') && secret !== undefined) {
      // LinkedIn's standard flow refuses PKCE mixed with the secret (reference: OAuth redirects, [2nd]).
      return { status: 401, json: { error: 'invalid_client', error_description: 'Client authentication failed.' } };
    }
    if (this.style === 'google') {
      // Google's token endpoint, even for a Desktop client with PKCE: no secret is a malformed
      // request (400), a wrong one fails client authentication (401).
      if (secret === undefined || secret === '') return { status: 400, json: { error: 'invalid_request', error_description: 'client_secret is missing.' } };
      if (id !== this.clientId) return { status: 401, json: { error: 'invalid_client', error_description: 'The OAuth client was not found.' } };
      if (secret !== this.clientSecret) return { status: 401, json: { error: 'invalid_client', error_description: 'Unauthorized' } };
      return undefined;
    }
    if (this.style === 'graph') {
      // Graph answers a missing or wrong app secret 400 OAuthException code 1 ([2nd]: facebookarchive/php-graph-sdk#538).
      if (id !== this.clientId) return { status: 400, json: { error: { message: 'Error validating application. Invalid application ID.', type: 'OAuthException', code: 101 } } };
      if (secret !== this.clientSecret) return { status: 400, json: { error: { message: 'Error validating client secret.', type: 'OAuthException', code: 1 } } };
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
    if (this.style === 'graph' && form.get('grant_type') === 'authorization_code') return this.graphCodeExchange(request, form);
    const refused = this.clientRefusal(request, form);
    if (refused !== undefined) return refused;
    const grant = form.get('grant_type');
    if (grant === 'authorization_code') {
      const pending = this.pending.get(form.get('code') ?? '');
      if (pending === undefined || pending.used) return { status: 400, json: { error: 'invalid_grant', error_description: 'The authorization code is invalid or was already used.' } };
      pending.used = true;
      // RFC 6749 §4.1.3: the same redirect_uri as the authorization, when it carried one.
      if (form.get('redirect_uri') !== pending.redirectUri) return { status: 400, json: { error: 'invalid_grant', error_description: 'redirect_uri does not match.' } };
      // PKCE (RFC 7636 §4.6) wherever the authorization carried a challenge.
      const verifier = form.get('code_verifier') ?? '';
      if ((pending.challenge !== '' || needsPkce.has(this.style)) && createHash('sha256').update(verifier).digest('base64url') !== pending.challenge) {
        return { status: 400, json: { error: 'invalid_grant', error_description: 'PKCE verification failed.' } };
      }
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

  /**
   * Meta's Login dialog (reference, OAuth redirects: FB/docs/facebook-login/security/#strict_mode,
   * FB/documentation/facebook-login/guides/advanced/manual-flow). Strict mode: the redirect_uri
   * must equal one of the app's Valid OAuth Redirect URIs exactly, and Enforce HTTPS refuses any
   * http one, so a loopback address is refused here with Meta's "URL blocked" page and no
   * redirect at all. A Facebook Login for Business app sends config_id instead of scope. No PKCE:
   * the reference's Meta flow is the code plus the app secret.
   */
  private graphDialog(query: URLSearchParams): FakeReply {
    this.authorizations.push(query);
    const redirect = query.get('redirect_uri') ?? '';
    const blocked = (why: string): FakeReply => ({ status: 400, headers: { 'content-type': 'text/html; charset=utf-8' }, text: `<!doctype html><title>Error</title><h1>URL blocked</h1><p>${why}</p>` });
    if (query.get('client_id') !== this.clientId) return blocked('Invalid App ID.');
    if (!redirect.startsWith('https://')) return blocked('This redirect failed because the redirect URI is not an https address (Enforce HTTPS).');
    if (!this.registeredRedirects.includes(redirect)) return blocked("This redirect failed because the redirect URI is not whitelisted in the app's Client OAuth Settings.");
    if (query.get('response_type') !== 'code') this.problem(`dialog with response_type ${String(query.get('response_type'))}, not code`);
    if ((query.get('state') ?? '').length < 16) this.problem('dialog without an unguessable state');
    if (!query.has('scope') && !query.has('config_id')) this.problem('dialog with neither scope nor config_id');
    const back = new URL(redirect);
    back.searchParams.set('state', query.get('state') ?? '');
    if (this.deny) {
      // What the manual flow documents for a person who cancels.
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_reason', 'user_denied');
      back.searchParams.set('error_description', 'Permissions error');
    } else {
      this.counter += 1;
      const code = `graph-code-${this.counter}-${Math.random().toString(36).slice(2)}`;
      this.pending.set(code, { clientId: this.clientId, redirectUri: redirect, challenge: '', used: false });
      back.searchParams.set('code', code);
    }
    // The dialog appends an empty fragment to its redirect.
    back.hash = '_=_';
    return { status: 302, headers: { location: back.href } };
  }

  /** GET|POST /oauth/access_token with a code: the app secret, and the redirect_uri identical to the dialog's. */
  private graphCodeExchange(request: RecordedRequest, form: Map<string, string>): FakeReply {
    const refused = this.clientRefusal(request, form);
    if (refused !== undefined) return refused;
    const pending = this.pending.get(form.get('code') ?? '');
    if (pending === undefined || pending.used) return { status: 400, json: { error: { message: 'This authorization code has been used.', type: 'OAuthException', code: 100, error_subcode: 36009 } } };
    pending.used = true;
    if (form.get('redirect_uri') !== pending.redirectUri) {
      // Graph's own words ([2nd]: scribejava/scribejava#605, freizl/hoauth2#19).
      return { status: 400, json: { error: { message: 'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request', type: 'OAuthException', code: 100 } } };
    }
    return { status: 200, json: this.tokens(false) };
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

/**
 * The desktop app's Meta login window, played: it loads the dialog and, when the (fake) Meta
 * redirects to login_success.html, resolves with that address, as the window does. A dialog
 * that answers with a page instead (Meta's "URL blocked") leaves the person nothing to do but
 * close the window: the sign-in stopped. `answer` may change the address (a forged state).
 */
export function playMetaLoginWindow(options: { answer?: (redirect: URL) => string } = {}): { login(url: string): Promise<string>; opened: string[]; pages: number[] } {
  const opened: string[] = [];
  const pages: number[] = [];
  return {
    opened,
    pages,
    login: async (url: string) => {
      opened.push(url);
      const answer = await fetch(url, { redirect: 'manual' });
      pages.push(answer.status);
      const location = answer.headers.get('location');
      if (location === null) throw new AuthorizationError(META_LOGIN_STOPPED);
      return options.answer?.(new URL(location)) ?? location;
    },
  };
}
