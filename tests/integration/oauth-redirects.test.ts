import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Platform } from '../../shared/domain/enums';
import { authorizeInBrowser } from '../../electron/core/publishing/oauth/loopback-authorization';
import { formFields, type FakeHandle } from '../fakes/fake-server';
import { LinkedInFake } from '../fakes/linkedin.fake';
import { OAuthFake, playBrowser } from '../fakes/oauth.fake';
import { XFake } from '../fakes/x.fake';
import { YouTubeFake } from '../fakes/youtube.fake';
import { freeRedirect } from '../support/free-port';
import { createTestVault, value, type TestVault } from '../support/test-vault';

const X = 'x:@SHINEatPPA';
const LINKEDIN = 'linkedin:@pendleeducationtrust';
const YOUTUBE = 'youtube:@pendleeducationtrust3072';
const SECRET = 'platform-client-secret-5e4d3c2b1a-secret';
const publishing = { requestTimeoutMs: 2_000, uploadTimeoutMs: 2_000, sleep: () => Promise.resolve() };

function failure(result: { ok: boolean; error?: { code: string; message: string } }): { code: string; message: string } {
  if (result.ok || result.error === undefined) throw new Error('expected a failure');
  return result.error;
}

/**
 * Redirects a trust can register (issue 15): the sign-in listens on the platform app's fixed
 * port, and the OAuth fake holds it to each platform's redirect rules (reference: OAuth redirects).
 */
describe('OAuth redirects a trust can register', () => {
  let v: TestVault;
  let browser: ReturnType<typeof playBrowser>;
  let servers: FakeHandle[];
  let fakes: OAuthFake[];

  beforeEach(async () => {
    browser = playBrowser();
    v = await createTestVault({ sinks: { publishing, browser, oauthWaitMs: 1_500 } });
    value(await v.call(v.admin, 'example.load', { demo: false }));
    servers = [];
    fakes = [];
  });

  afterEach(async () => {
    // No client secret, code or token reaches the database (or the audit trail, which is in it).
    const places = await v.database.stored();
    const secrets = [SECRET, ...fakes.flatMap((f) => [...f.issued, ...f.liveRefreshTokens])];
    for (const place of places) for (const secret of secrets) expect(place.bytes.includes(Buffer.from(secret)), `${place.where} holds a secret`).toBe(false);
    for (const server of servers) await server.close();
    for (const fake of fakes) expect(fake.problems).toEqual([]);
    await v.close();
  });

  const oauth = async (style: ConstructorParameters<typeof OAuthFake>[0], secret: string | null) => {
    const fake = new OAuthFake(style, `${style}-client-id-0123`, secret);
    fakes.push(fake);
    servers.push(await fake.start());
    return fake;
  };
  const saveApp = async (platform: Platform, fake: OAuthFake, extra: { redirectPort?: number; linkedinFlow?: 'standard' | 'native'; clientSecret?: string } = {}) => {
    value(await v.call(v.admin, 'platform.app', { platform, clientId: fake.clientId, ...extra }));
    return value(await v.call(v.admin, 'platform.appAddresses', { platform, authorizeUrl: fake.authorizeUrl, tokenUrl: fake.tokenUrl }));
  };
  const connect = (channel: string, apiBase: string) => v.call(v.admin, 'channel.connectOAuthVia', { channel, apiBase });
  // Oldest first (audit.list gives the newest first).
  const events = async (action: string) => value(await v.call(v.admin, 'audit.list', { limit: 200 })).filter((e) => e.action === action).reverse();
  const connectEvents = () => events('channel.connect');

  it("today's random-port redirect is refused by X's sign-in, so it never comes back", async () => {
    const registered = await freeRedirect();
    const xAuth = (await oauth('x', SECRET)).register(registered.uri);
    // As authorizeInBrowser was before: listen(0), a port the system picks, never the registered one.
    const signIn = authorizeInBrowser({ authorizeUrl: xAuth.authorizeUrl, clientId: xAuth.clientId, scope: 'tweet.read', extraParams: {}, port: 0, pkce: true, platformName: 'X', openBrowser: (url) => browser.open(url), waitMs: 1_000 });
    await expect(signIn).rejects.toThrow('No sign-in came back');
    expect(xAuth.refusedRedirects).toHaveLength(1);
    expect(xAuth.refusedRedirects[0]).not.toBe(registered.uri);
    expect(browser.callbacks).toEqual([]);
  });

  it('shows the exact redirect URI and the console page per platform; the port is checked, kept and audited', async () => {
    const x = await oauth('x', SECRET);
    expect(await saveApp('x', x)).toMatchObject({ redirectPort: 53682, redirectUri: 'http://127.0.0.1:53682/callback', consoleUrl: 'https://developer.x.com/en/portal/projects-and-apps', redirectHelp: expect.stringContaining('exactly as shown') });
    const li = await oauth('linkedin', SECRET);
    expect(await saveApp('linkedin', li, { clientSecret: SECRET })).toMatchObject({ linkedinFlow: 'standard', redirectUri: 'http://127.0.0.1:53683/callback', consoleUrl: 'https://www.linkedin.com/developers/apps' });
    const google = await oauth('google', SECRET);
    expect(await saveApp('youtube', google, { clientSecret: SECRET })).toMatchObject({ redirectUri: 'http://127.0.0.1:53684/callback', consoleUrl: 'https://console.cloud.google.com/apis/credentials' });

    for (const port of [80, 65536, 5368.5]) {
      const refused = failure(await v.call(v.admin, 'platform.app', { platform: 'x', clientId: x.clientId, redirectPort: port }));
      expect(refused.code).toBe('invalid_input');
      expect(refused.message).toMatch(/redirectPort.*(1024 to 65535|whole number)/);
    }
    const meta = failure(await v.call(v.admin, 'platform.app', { platform: 'facebook', clientId: '1234', clientSecret: SECRET, redirectPort: 50000 }));
    expect(meta.message).toContain('no redirect port');
    const taken = failure(await v.call(v.admin, 'platform.app', { platform: 'x', clientId: x.clientId, redirectPort: 53683 }));
    expect(taken.message).toContain("port 53683 is already the linkedin app's redirect port");
    const flow = failure(await v.call(v.admin, 'platform.app', { platform: 'x', clientId: x.clientId, linkedinFlow: 'native' }));
    expect(flow.message).toContain('only a LinkedIn app');
    expect(value(await v.call(v.admin, 'platform.apps', {})).find((a) => a.platform === 'x')?.redirectPort).toBe(53682);

    expect(value(await v.call(v.admin, 'platform.app', { platform: 'x', clientId: x.clientId, clientSecret: SECRET, redirectPort: 50123 }))).toMatchObject({ redirectUri: 'http://127.0.0.1:50123/callback' });
    // A new client id or secret keeps the port.
    expect(value(await v.call(v.admin, 'platform.app', { platform: 'x', clientId: 'another-x-client' }))).toMatchObject({ redirectPort: 50123 });
    const saves = (await events('platform.app')).filter((e) => e.target === 'platform:x');
    expect(saves.map((e) => e.details)).toEqual([
      expect.objectContaining({ redirectPort: 'default', replaced: false }),
      expect.objectContaining({ redirectPort: 50123, previousRedirectPort: 'default', secret: true }),
      expect.not.objectContaining({ previousRedirectPort: expect.anything() }),
    ]);
    expect(JSON.stringify(saves)).not.toContain(SECRET);
  });

  it('a busy port: an error naming the port and the platform and what to do, nothing changed, audited as a failed connect', async () => {
    const redirect = await freeRedirect();
    const xAuth = (await oauth('x', SECRET)).register(redirect.uri);
    const x = new XFake('none-yet');
    servers.push(await x.start());
    await saveApp('x', xAuth, { clientSecret: SECRET, redirectPort: redirect.port });
    const other = createServer();
    await new Promise<void>((resolve) => other.listen(redirect.port, '127.0.0.1', resolve));
    try {
      const busy = failure(await connect(X, x.base));
      expect(busy.code).toBe('platform_error');
      expect(busy.message).toContain(`Port ${redirect.port} on this computer is in use by another program, so the X sign-in could not come back`);
      expect(busy.message).toMatch(/Close that program.*choose another redirect port.*register its new redirect address with X\. Nothing was changed\.$/);
    } finally {
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
    expect(browser.opened).toEqual([]);
    expect(value(await v.call(v.admin, 'channel.connections', {}))).toEqual([]);
    expect(await connectEvents()).toEqual([expect.objectContaining({ outcome: 'error', channel: X, details: expect.objectContaining({ step: 'browser' }) })]);
  });

  it('a redirect on another port than the registered one is refused by X and LinkedIn standard, and accepted by Google', async () => {
    const registered = await freeRedirect();
    const elsewhere = await freeRedirect();
    const xAuth = (await oauth('x', SECRET)).register(registered.uri);
    const liAuth = (await oauth('linkedin', SECRET)).register(registered.uri);
    const googleAuth = await oauth('google', SECRET);
    const x = new XFake('none-yet');
    const li = new LinkedInFake();
    const yt = new YouTubeFake();
    googleAuth.onIssue = (token) => (yt.token = token);
    servers.push(await x.start(), await li.start(), await yt.start());
    await saveApp('x', xAuth, { clientSecret: SECRET, redirectPort: elsewhere.port });
    await saveApp('linkedin', liAuth, { clientSecret: SECRET, redirectPort: elsewhere.port + 1 === registered.port ? elsewhere.port + 2 : elsewhere.port + 1 });
    await saveApp('youtube', googleAuth, { clientSecret: SECRET, redirectPort: (await freeRedirect()).port });

    expect(failure(await connect(X, x.base)).message).toContain('No sign-in came back');
    expect(xAuth.refusedRedirects).toEqual([elsewhere.uri]);
    expect(failure(await connect(LINKEDIN, li.base)).message).toContain('No sign-in came back');
    expect(liAuth.refusedRedirects).toHaveLength(1);
    expect(xAuth.grants('authorization_code')).toEqual([]);
    expect(liAuth.grants('authorization_code')).toEqual([]);

    expect(value(await connect(YOUTUBE, yt.base))).toMatchObject({ channel: YOUTUBE, accountId: yt.channelId, status: 'connected' });
    expect(googleAuth.refusedRedirects).toEqual([]);
    expect(formFields(googleAuth.grants('authorization_code')[0] ?? expect.fail('no exchange')).get('client_secret')).toBe(SECRET);
    expect((await connectEvents()).map((e) => e.outcome)).toEqual(['error', 'error', 'ok']);
  });

  it('LinkedIn standard: the registered redirect and the secret, with no PKCE; PKCE and the secret together are refused', async () => {
    const redirect = await freeRedirect();
    const liAuth = (await oauth('linkedin', SECRET)).register(redirect.uri);
    const li = new LinkedInFake();
    liAuth.onIssue = (token) => (li.token = token);
    servers.push(await li.start());
    await saveApp('linkedin', liAuth, { clientSecret: SECRET, redirectPort: redirect.port });
    expect(value(await connect(LINKEDIN, li.base))).toMatchObject({ accountId: li.organizationId, status: 'connected' });

    const asked = liAuth.authorizations[0];
    expect(asked?.get('redirect_uri')).toBe(redirect.uri);
    expect(asked?.has('code_challenge')).toBe(false);
    const exchange = formFields(liAuth.grants('authorization_code')[0] ?? expect.fail('no exchange'));
    expect(exchange.get('client_secret')).toBe(SECRET);
    expect(exchange.get('redirect_uri')).toBe(redirect.uri);
    expect(exchange.has('code_verifier')).toBe(false);

    // What LinkedIn answers a client that mixes the two (as Custodian did before).
    const mixed = await fetch(liAuth.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: 'any', redirect_uri: redirect.uri, client_id: liAuth.clientId, client_secret: SECRET, code_verifier: 'v'.repeat(43) }),
    });
    expect(mixed.status).toBe(401);
    expect(await mixed.json()).toMatchObject({ error: 'invalid_client' });
  });

  it("LinkedIn native PKCE: its own sign-in page, any loopback port, PKCE, and never the secret (none needs entering)", async () => {
    const liAuth = await oauth('linkedin-native', null);
    const li = new LinkedInFake();
    liAuth.onIssue = (token) => (li.token = token);
    servers.push(await li.start());
    const app = await saveApp('linkedin', liAuth, { linkedinFlow: 'native' });
    expect(app).toMatchObject({ linkedinFlow: 'native', hasSecret: false, secretRequired: false, redirectUri: null, redirectHelp: expect.stringContaining('no redirect to register') });
    const port = failure(await v.call(v.admin, 'platform.app', { platform: 'linkedin', clientId: liAuth.clientId, redirectPort: 50000 }));
    expect(port.message).toContain('takes no redirect port');
    expect(value(await connect(LINKEDIN, li.base))).toMatchObject({ accountId: li.organizationId, status: 'connected' });

    const asked = liAuth.authorizations[0];
    expect(new URL(liAuth.authorizeUrl).pathname).toBe('/oauth/native-pkce/authorization');
    expect(asked?.get('code_challenge_method')).toBe('S256');
    expect(asked?.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const exchange = formFields(liAuth.grants('authorization_code')[0] ?? expect.fail('no exchange'));
    expect(exchange.has('code_verifier')).toBe(true);
    expect(exchange.has('client_secret')).toBe(false);

    // A secret saved all the same is still never sent (the fake counts sending one as a problem).
    value(await v.call(v.admin, 'platform.app', { platform: 'linkedin', clientId: liAuth.clientId, clientSecret: SECRET }));
    value(await connect(LINKEDIN, li.base));
    const second = liAuth.grants('authorization_code')[1] ?? expect.fail('no second exchange');
    expect(formFields(second).has('client_secret')).toBe(false);
    expect(second.headers.authorization).toBeUndefined();
  });

  it('without the client id only the redirect settings change: refused before an app exists, or when the new flow needs a secret not saved', async () => {
    const none = failure(await v.call(v.admin, 'platform.app', { platform: 'x', redirectPort: 50000 }));
    expect(none).toMatchObject({ code: 'not_found', message: expect.stringContaining('enter its client id first') });
    value(await v.call(v.admin, 'platform.app', { platform: 'linkedin', clientId: 'li-client-1', linkedinFlow: 'native' }));
    const toStandard = failure(await v.call(v.admin, 'platform.app', { platform: 'linkedin', linkedinFlow: 'standard' }));
    expect(toStandard.message).toContain("needs the app's client secret, and none is saved");
    const bare = failure(await v.call(v.admin, 'platform.app', { platform: 'linkedin' }));
    expect(bare.message).toContain('give the client id, a redirect port or a LinkedIn flow');
    const secretAlone = failure(await v.call(v.admin, 'platform.app', { platform: 'linkedin', clientSecret: SECRET, linkedinFlow: 'standard' }));
    expect(secretAlone.message).toContain('enter both');
    expect(value(await v.call(v.admin, 'platform.apps', {}))).toEqual([expect.objectContaining({ platform: 'linkedin', linkedinFlow: 'native', hasSecret: false })]);
    expect((await events('platform.app')).map((e) => e.details)).toEqual([expect.objectContaining({ linkedinFlow: 'native', secret: false })]);
  });
});
