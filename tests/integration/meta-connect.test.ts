import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MetaLogin } from '../../electron/core/publishing/oauth/meta-login';
import { createKeytarStore } from '../../electron/core/secrets/keytar.store';
import { ACCOUNTS, vaultService } from '../../electron/core/secrets/vault-secrets';
import { FacebookFake } from '../fakes/facebook.fake';
import type { FakeHandle } from '../fakes/fake-server';
import { InstagramFake } from '../fakes/instagram.fake';
import { META_LOGIN_SUCCESS, OAuthFake, playMetaLoginWindow } from '../fakes/oauth.fake';
import { createTestVault, testClock, value, type TestVault } from '../support/test-vault';

const CPA_FACEBOOK = 'facebook:Colne Primet Academy';
const IG = 'instagram:@pendleprimaryacademy';
const APP_ID = '1234567890123456';
const APP_SECRET = 'fb-app-secret-0a9b8c7d6e5f4-secret';
const FB_PAGE = '104857600000001';
const FB_PAGE_TOKEN = 'EAABpage-oauth-7d6c5b4a3928-secret';
const SAM = { name: 'Sam Poster', email: 'sam@ppa.example', passphrase: 'poster passphrase 1' };
const CHECKED = { adultsConsented: true, rightsConfirmed: true, dosAndDontsAcknowledged: true };
const START = new Date('2026-11-24T10:00:00Z');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4096, 7), Buffer.from([0xff, 0xd9])]).toString('base64');
const publishing = { requestTimeoutMs: 2_000, uploadTimeoutMs: 2_000, sleep: () => Promise.resolve(), instagram: { firstCheckAfterMs: 0, pollEveryMs: 0 } };

function failure(result: { ok: boolean; error?: { code: string; message: string; field?: string } }): { code: string; message: string; field?: string } {
  if (result.ok || result.error === undefined) throw new Error('expected a failure');
  return result.error;
}

describe('Meta (Facebook, Instagram): the sign-in window’s redirect, the code exchange and the token each keeps', () => {
  let v: TestVault;
  let meta: OAuthFake;
  let fb: FacebookFake;
  let ig: InstagramFake;
  let servers: FakeHandle[];
  let window: ReturnType<typeof playMetaLoginWindow>;
  let sam: string;

  const open = async (login: MetaLogin | undefined) => {
    v = await createTestVault({ clock: testClock(START), sinks: { publishing, ...(login === undefined ? {} : { metaLogin: login }) } });
    value(await v.call(v.admin, 'example.load', { demo: false }));
    value(await v.call(v.admin, 'person.add', { ...SAM, role: 'staff', school: 'PPA', consoleRole: 'poster' }));
    value(await v.call(v.admin, 'training.record', { email: SAM.email, on: '2026-09-01' }));
    sam = await v.signIn(SAM.email, SAM.passphrase);
  };

  beforeEach(async () => {
    meta = new OAuthFake('graph', APP_ID, APP_SECRET);
    fb = new FacebookFake(FB_PAGE, FB_PAGE_TOKEN);
    ig = new InstagramFake('17841400000000000', 'none-yet');
    // Facebook lists the Page to the newest user token; Instagram publishes with it.
    meta.onIssue = (token) => {
      fb.userToken = token;
      ig.token = token;
    };
    servers = [await meta.start(), await fb.start(), await ig.start()];
    window = playMetaLoginWindow();
    await open((url) => window.login(url));
  });

  afterEach(async () => {
    // No code, token or app secret reaches the database or the logs.
    const places = await v.database.stored();
    const logs = join(v.dataDir, 'logs');
    if (existsSync(logs)) places.push(...readdirSync(logs).map((name) => ({ where: join(logs, name), bytes: readFileSync(join(logs, name)) })));
    const secrets = [APP_SECRET, FB_PAGE_TOKEN, ig.pageToken, ...meta.issued];
    for (const place of places) for (const secret of secrets) expect(place.bytes.includes(Buffer.from(secret)), `${place.where} holds a secret`).toBe(false);
    for (const server of servers) await server.close();
    expect(meta.problems).toEqual([]);
    expect(fb.problems).toEqual([]);
    expect(ig.problems).toEqual([]);
    await v.close();
  });

  const register = async (platform: 'facebook' | 'instagram', configId?: string) => {
    value(await v.call(v.admin, 'platform.app', { platform, clientId: APP_ID, clientSecret: APP_SECRET, ...(configId === undefined ? {} : { configId }) }));
    return value(await v.call(v.admin, 'platform.appAddresses', { platform, authorizeUrl: meta.authorizeUrl, tokenUrl: meta.tokenUrl }));
  };
  const keychain = async (account: string) => {
    const vault = (await v.database.get<{ vault_id: string }>('SELECT vault_id FROM vault'))?.vault_id ?? expect.fail('no vault row');
    return createKeytarStore().get(vaultService(vault), account);
  };
  const channelId = async (ref: string) => {
    const [platform, handle] = ref.split(':');
    return (await v.database.get<{ id: number }>('SELECT id FROM channels WHERE platform = ? AND handle = ?', platform, handle))?.id ?? expect.fail('no channel');
  };
  const approved = async (channel: string, media: boolean) => {
    const post = value(
      await v.call(sam, 'post.create', {
        channels: [channel],
        text: 'Our choir sang at the town carol service. Thank you, families!',
        outcome: 'Share the choir’s concert with families',
        ...(media ? { media: [{ name: 'choir.jpg', mediaType: 'image/jpeg' as const, contentBase64: JPEG, alt: 'The choir on stage', publicUrl: 'https://www.ppa.example.org.uk/choir.jpg' }] } : {}),
        pupils: 'none',
        checklist: CHECKED,
        at: 'now',
      }),
    );
    value(await v.call(v.admin, 'post.approve', { id: post.id, checklist: { confirmed: true } }));
    return post.id;
  };
  const settle = async () => {
    for (let i = 0; i < 6; i += 1) {
      const done = value(await v.call(v.admin, 'scheduler.runOnce', {})).results.filter((r) => r.state === 'published' || r.state === 'failed');
      if (done.length > 0) return done;
      v.clock.advance(60_000);
    }
    return [];
  };

  it('Facebook: the dialog returns to login_success.html, the code is exchanged for it with the app secret, and the Page publishes with its own token', async () => {
    await register('facebook');
    const connection = value(await v.call(v.admin, 'channel.connectOAuthVia', { channel: CPA_FACEBOOK, apiBase: fb.base }));
    expect(connection).toMatchObject({ accountId: FB_PAGE, auth: 'oauth', tokenExpiresAt: null });
    const dialog = meta.authorizations[0];
    expect(dialog?.get('redirect_uri')).toBe(META_LOGIN_SUCCESS);
    expect(dialog?.get('response_type')).toBe('code');
    expect(dialog?.get('scope')).toBe('pages_show_list,pages_manage_posts,pages_read_engagement,business_management');
    expect(dialog?.has('config_id')).toBe(false);
    expect(dialog?.has('code_challenge')).toBe(false);
    const [code] = meta.grants('authorization_code');
    const form = new URLSearchParams(code?.body.toString());
    expect(form.get('redirect_uri')).toBe(META_LOGIN_SUCCESS);
    expect(form.get('client_secret')).toBe(APP_SECRET);
    expect(meta.grants('fb_exchange_token')).toHaveLength(1);
    expect(await keychain(ACCOUNTS.channelToken(await channelId(CPA_FACEBOOK)))).toBe(FB_PAGE_TOKEN);

    const id = await approved(CPA_FACEBOOK, false);
    expect(await settle()).toEqual([expect.objectContaining({ post: id, state: 'published' })]);
    expect(fb.posts).toHaveLength(1);
  });

  it('Instagram keeps the long-lived User access token (not the Page token) and its expiry, and publishes with it', async () => {
    await register('instagram');
    const connection = value(await v.call(v.admin, 'channel.connectOAuthVia', { channel: IG, apiBase: ig.base }));
    const longLived = meta.issued.at(-1);
    expect(meta.issued).toHaveLength(2);
    expect(connection).toMatchObject({ accountId: ig.igUserId, auth: 'oauth', tokenExpiresAt: new Date(START.getTime() + 5_183_944_000).toISOString() });
    expect(await keychain(ACCOUNTS.channelToken(await channelId(IG)))).toBe(longLived);
    expect(meta.authorizations[0]?.get('scope')).toBe('pages_show_list,pages_read_engagement,instagram_basic,instagram_content_publish,business_management');

    // The fake accepts only the user token on the publishing calls, as documented.
    const id = await approved(IG, true);
    expect(await settle()).toEqual([expect.objectContaining({ post: id, state: 'published' })]);
    expect(ig.containers).toEqual([expect.objectContaining({ status: 'PUBLISHED' })]);
  });

  it('a Facebook Login for Business app opens the dialog with its config_id instead of scopes; the id is checked and only Meta apps take one', async () => {
    const app = await register('facebook', '987654321012345');
    expect(app).toMatchObject({ platform: 'facebook', configId: '987654321012345' });
    value(await v.call(v.admin, 'channel.connectOAuthVia', { channel: CPA_FACEBOOK, apiBase: fb.base }));
    expect(meta.authorizations[0]?.get('config_id')).toBe('987654321012345');
    expect(meta.authorizations[0]?.has('scope')).toBe(false);

    const letters = failure(await v.call(v.admin, 'platform.app', { platform: 'facebook', clientId: APP_ID, clientSecret: APP_SECRET, configId: '98765abc' }));
    expect(letters).toMatchObject({ code: 'invalid_input', field: 'configId' });
    expect(letters.message).toContain('digits only');
    const elsewhere = failure(await v.call(v.admin, 'platform.app', { platform: 'x', clientId: 'x-client', configId: '123' }));
    expect(elsewhere).toMatchObject({ code: 'invalid_input', field: 'configId' });
    expect(elsewhere.message).toContain('only a Facebook or Instagram app');
    // Neither refusal changed what was saved.
    expect(value(await v.call(v.admin, 'platform.apps', {}))).toEqual([expect.objectContaining({ platform: 'facebook', configId: '987654321012345' })]);
    // Saving the app again without one goes back to scopes.
    expect(await register('facebook')).toMatchObject({ configId: null });
  });

  it('Meta’s rules, as the fake holds us to them: a loopback redirect is blocked, the exchange needs the identical redirect and the app secret', async () => {
    const dialog = new URL(meta.authorizeUrl);
    dialog.search = new URLSearchParams({ client_id: APP_ID, redirect_uri: 'http://127.0.0.1:53682/callback', state: 'a-long-enough-state-value', response_type: 'code', scope: 'pages_show_list' }).toString();
    const loopback = await fetch(dialog, { redirect: 'manual' });
    expect(loopback.status).toBe(400);
    expect(loopback.headers.get('location')).toBeNull();
    dialog.searchParams.set('redirect_uri', 'https://www.ppa.example.org.uk/oauth');
    expect((await fetch(dialog, { redirect: 'manual' })).status).toBe(400);

    dialog.searchParams.set('redirect_uri', META_LOGIN_SUCCESS);
    const exchange = async (fields: Record<string, string>) => {
      const location = (await fetch(dialog, { redirect: 'manual' })).headers.get('location') ?? expect.fail('no redirect');
      const code = new URL(location).searchParams.get('code') ?? '';
      const answer = await fetch(meta.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'authorization_code', client_id: APP_ID, code, ...fields }) });
      return { status: answer.status, body: (await answer.json()) as { access_token?: string; error?: { message: string; code: number } } };
    };
    const otherRedirect = await exchange({ client_secret: APP_SECRET, redirect_uri: 'http://127.0.0.1:53682/callback' });
    expect(otherRedirect).toMatchObject({ status: 400, body: { error: { code: 100, message: expect.stringContaining('redirect_uri is identical') } } });
    expect(await exchange({ redirect_uri: META_LOGIN_SUCCESS })).toMatchObject({ status: 400, body: { error: { code: 1 } } });
    expect(await exchange({ client_secret: 'not-the-secret', redirect_uri: META_LOGIN_SUCCESS })).toMatchObject({ status: 400, body: { error: { code: 1 } } });
    const good = await exchange({ client_secret: APP_SECRET, redirect_uri: META_LOGIN_SUCCESS });
    expect(good.status).toBe(200);
    expect(good.body.access_token).toMatch(/^graph-access-/);
  });

  it('a redirect with a state Custodian did not send, a closed window and a refusal on the dialog each stop the connection, audited, with nothing stored', async () => {
    await register('facebook');
    await v.close();
    const forged = playMetaLoginWindow({
      answer: (redirect) => {
        redirect.searchParams.set('state', 'forged-by-someone-else');
        return redirect.href;
      },
    });
    await open((url) => forged.login(url));
    await register('facebook');
    const wrongState = failure(await v.call(v.admin, 'channel.connectOAuthVia', { channel: CPA_FACEBOOK, apiBase: fb.base }));
    expect(wrongState).toMatchObject({ code: 'platform_error' });
    expect(wrongState.message).toContain('state Custodian did not send');
    // The code that came back with it was never exchanged.
    expect(meta.grants('authorization_code')).toHaveLength(0);

    meta.registeredRedirects.length = 0;
    const blocked = failure(await v.call(v.admin, 'channel.connectOAuthVia', { channel: CPA_FACEBOOK, apiBase: fb.base }));
    expect(blocked.message).toContain('The sign-in was stopped');
    expect(forged.pages).toEqual([302, 400]);

    meta.registeredRedirects.push(META_LOGIN_SUCCESS);
    meta.deny = true;
    await v.close();
    await open((url) => window.login(url));
    await register('facebook');
    const denied = failure(await v.call(v.admin, 'channel.connectOAuthVia', { channel: CPA_FACEBOOK, apiBase: fb.base }));
    expect(denied.message).toContain('access was not allowed');
    expect(value(await v.call(v.admin, 'channel.connections', {}))).toEqual([]);
    const audit = value(await v.call(v.admin, 'audit.list', { limit: 100 }));
    expect(audit.filter((e) => e.action === 'channel.connect').map((e) => e.outcome)).toEqual(['error']);
  });

  it('says plainly when the person who signed in manages no Page Custodian can see (a Business portfolio Page needs business_management)', async () => {
    await register('facebook');
    fb.managesPage = false;
    const none = failure(await v.call(v.admin, 'channel.connectOAuthVia', { channel: CPA_FACEBOOK, apiBase: fb.base }));
    expect(none.message).toContain('manages no Facebook Page that Custodian can see');
    expect(none.message).toContain('Business portfolio');
    expect(none.message).toContain('business_management');
    await register('instagram', '555000111');
    ig.managesPage = false;
    const noIg = failure(await v.call(v.admin, 'channel.connectOAuthVia', { channel: IG, apiBase: ig.base }));
    expect(noIg.message).toContain('Instagram professional account');
    expect(noIg.message).toContain('Facebook Login for Business configuration must include business_management');
    expect(value(await v.call(v.admin, 'channel.connections', {}))).toEqual([]);
  });

  it('without the desktop app’s sign-in window (the command line), a Meta sign-in is refused with why and what to do instead', async () => {
    await v.close();
    await open(undefined);
    const refused = failure(await v.call(v.admin, 'channel.connectOAuth', { channel: CPA_FACEBOOK }));
    expect(refused).toMatchObject({ code: 'conflict' });
    expect(refused.message).toContain('login_success.html');
    expect(refused.message).toContain('--token-stdin');
    expect(meta.authorizations).toHaveLength(0);
  });
});
