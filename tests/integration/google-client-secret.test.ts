import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adapterContext } from '../../electron/core/publishing/adapter-http';
import { oauthProviders } from '../../electron/core/publishing/oauth/oauth-providers';
import { tokenRequest } from '../../electron/core/publishing/oauth/token-endpoint';
import { formFields, type FakeHandle } from '../fakes/fake-server';
import { OAuthFake } from '../fakes/oauth.fake';
import { createTestVault, value, type TestVault } from '../support/test-vault';

const CLIENT_ID = '123456789012-desktop0abcdef.apps.googleusercontent.com';
const CLIENT_SECRET = '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-secret';
const REDIRECT = 'http://127.0.0.1:53682/callback';
const VERIFIER = 'google-pkce-verifier-0123456789abcdefghijklmnopqrstuvwxyz-ABCDEF';
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');

/** Google's token endpoint asks for the client secret even from a Desktop client with PKCE (reference: OAuth redirects). */
describe('Google (YouTube) needs the OAuth client secret', () => {
  let auth: OAuthFake;
  let server: FakeHandle;

  beforeEach(async () => {
    auth = new OAuthFake('google', CLIENT_ID, CLIENT_SECRET);
    server = await auth.start();
  });
  afterEach(async () => {
    await server.close();
  });

  /** A code as the sign-in page hands it back to the loopback redirect. */
  const code = async (): Promise<string> => {
    const url = new URL(auth.authorizeUrl);
    for (const [k, v] of Object.entries({ client_id: CLIENT_ID, redirect_uri: REDIRECT, response_type: 'code', code_challenge: CHALLENGE, code_challenge_method: 'S256', state: 'state-0123456789abcdef' })) url.searchParams.set(k, v);
    const answer = await fetch(url, { redirect: 'manual' });
    return new URL(answer.headers.get('location') ?? expect.fail('no redirect')).searchParams.get('code') ?? expect.fail('no code');
  };
  const grant = async () => ({ grant_type: 'authorization_code', code: await code(), redirect_uri: REDIRECT, code_verifier: VERIFIER });
  const context = adapterContext({});
  // As the core was before: the secret optional, so the request goes out without one.
  const optional = { ...oauthProviders.youtube, secretRequired: false };

  it('the fake answers a token request without client_secret as Google does: 400 invalid_request "client_secret is missing."', async () => {
    const missing = await fetch(auth.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ client_id: CLIENT_ID, ...(await grant()) }) });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: 'invalid_request', error_description: 'client_secret is missing.' });

    const answer = await tokenRequest(context, optional, auth.tokenUrl, { clientId: CLIENT_ID, clientSecret: null }, await grant());
    expect(answer).toEqual({ kind: 'refused', message: 'The sign-in service refused the request (invalid_request): client_secret is missing.' });
    expect(auth.issued).toEqual([]);
  });

  it('a wrong secret or client id is 401 invalid_client; the right secret (form fields) gets the tokens', async () => {
    const wrong = await tokenRequest(context, oauthProviders.youtube, auth.tokenUrl, { clientId: CLIENT_ID, clientSecret: 'GOCSPX-not-this-one' }, await grant());
    expect(wrong).toEqual({ kind: 'refused', message: 'The sign-in service refused the request (invalid_client): Unauthorized' });
    const unknown = await tokenRequest(context, oauthProviders.youtube, auth.tokenUrl, { clientId: 'someone-else.apps.googleusercontent.com', clientSecret: CLIENT_SECRET }, await grant());
    expect(unknown).toMatchObject({ kind: 'refused', message: expect.stringContaining('invalid_client') });

    const ok = await tokenRequest(context, oauthProviders.youtube, auth.tokenUrl, { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }, await grant());
    expect(ok).toMatchObject({ kind: 'tokens', accessToken: auth.issued[0], expiresInSeconds: 3599 });
    const sent = auth.grants('authorization_code').at(-1);
    expect(sent?.headers.authorization).toBeUndefined();
    expect(formFields(sent ?? expect.fail('no request')).get('client_secret')).toBe(CLIENT_SECRET);
    expect(auth.problems).toEqual([]);
  });

  it('the core does not send a YouTube token request without the secret: it says to enter it instead', async () => {
    const answer = await tokenRequest(context, oauthProviders.youtube, auth.tokenUrl, { clientId: CLIENT_ID, clientSecret: null }, { grant_type: 'refresh_token', refresh_token: 'google-refresh-1' });
    expect(answer).toMatchObject({ kind: 'refused', message: expect.stringContaining("client secret is not saved, and the platform's sign-in requires it") });
    expect(auth.requests).toEqual([]);
  });
});

describe('the YouTube platform app requires its client secret', () => {
  let v: TestVault;
  beforeEach(async () => {
    v = await createTestVault();
  });
  afterEach(async () => {
    await v.close();
  });

  it('refuses a YouTube app without a secret, saying where Google shows it, and saves nothing', async () => {
    // An empty string is refused by the contract itself; blank and absent reach the rule.
    expect(await v.call(v.admin, 'platform.app', { platform: 'youtube', clientId: CLIENT_ID, clientSecret: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'clientSecret' } });
    for (const clientSecret of [undefined, '   ']) {
      const refused = await v.call(v.admin, 'platform.app', { platform: 'youtube', clientId: CLIENT_ID, ...(clientSecret === undefined ? {} : { clientSecret }) });
      expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'clientSecret' } });
      const message = refused.ok ? '' : refused.error.message;
      expect(message).toMatch(/Google's token endpoint refuses a sign-in without the OAuth client's secret, even for a Desktop app/);
      expect(message).toMatch(/Google Cloud console \(APIs & Services → Credentials/);
      expect(message).toMatch(/Nothing was changed\.$/);
    }
    expect(value(await v.call(v.admin, 'platform.apps', {}))).toEqual([]);

    const saved = value(await v.call(v.admin, 'platform.app', { platform: 'youtube', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }));
    expect(saved).toMatchObject({ platform: 'youtube', hasSecret: true, secretRequired: true });
    // X still takes a public client (PKCE, no secret).
    expect(value(await v.call(v.admin, 'platform.app', { platform: 'x', clientId: 'x-client' }))).toMatchObject({ hasSecret: false, secretRequired: false });
  });
});
