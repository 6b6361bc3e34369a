import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKeytarStore } from '../../electron/core/secrets/keytar.store';
import { ACCOUNTS, vaultService } from '../../electron/core/secrets/vault-secrets';
import type { FakeHandle } from '../fakes/fake-server';
import { OAuthFake, playBrowser } from '../fakes/oauth.fake';
import { XFake } from '../fakes/x.fake';
import { freeRedirect } from '../support/free-port';
import { createTestVault, testClock, value, type TestVault } from '../support/test-vault';

const PPA_X = 'x:@SHINEatPPA';
const CLIENT_ID = 'Zm9vYmFyLWNsaWVudC1pZA';
const CLIENT_SECRET = 'x-client-secret-7f6e5d4c3b2a1908-secret';
const SAM = { name: 'Sam Poster', email: 'sam@ppa.example', passphrase: 'poster passphrase 1' };
const CHECKED = { adultsConsented: true, rightsConfirmed: true, dosAndDontsAcknowledged: true };
const START = new Date('2026-11-24T10:00:00Z');
const publishing = { requestTimeoutMs: 2_000, uploadTimeoutMs: 2_000, sleep: () => Promise.resolve() };

function failure(result: { ok: boolean; error?: { code: string; message: string } }): { code: string; message: string } {
  if (result.ok || result.error === undefined) throw new Error('expected a failure');
  return result.error;
}

describe('connecting a channel by signing in (OAuth 2.0 + PKCE) and keeping its token fresh', () => {
  let v: TestVault;
  let clock: ReturnType<typeof testClock>;
  let browser: ReturnType<typeof playBrowser>;
  let x: XFake;
  let xAuth: OAuthFake;
  let servers: FakeHandle[];
  let sam: string;
  let texts = 0;
  let redirect: { port: number; uri: string };

  beforeEach(async () => {
    clock = testClock(START);
    browser = playBrowser();
    v = await createTestVault({ clock, sinks: { publishing, browser, oauthWaitMs: 3_000 } });
    value(await v.call(v.admin, 'example.load', { demo: false }));
    value(await v.call(v.admin, 'person.add', { ...SAM, role: 'staff', school: 'PPA', consoleRole: 'poster' }));
    value(await v.call(v.admin, 'training.record', { email: SAM.email, on: '2026-09-01' }));
    sam = await v.signIn(SAM.email, SAM.passphrase);
    x = new XFake('none-yet');
    // The app's callback as registered in X's developer portal: this test's own free port.
    redirect = await freeRedirect();
    xAuth = new OAuthFake('x', CLIENT_ID, CLIENT_SECRET).register(redirect.uri);
    // The platform accepts exactly the newest token the sign-in service issued.
    xAuth.onIssue = (token) => (x.token = token);
    servers = [await x.start(), await xAuth.start()];
  });

  afterEach(async () => {
    // No token, code or client secret reaches the database (its file and WAL, or every row on PostgreSQL) or the logs.
    const places = await v.database.stored();
    const logs = join(v.dataDir, 'logs');
    if (existsSync(logs)) places.push(...readdirSync(logs).map((name) => ({ where: join(logs, name), bytes: readFileSync(join(logs, name)) })));
    const secrets = [CLIENT_SECRET, ...xAuth.issued, ...xAuth.liveRefreshTokens];
    for (const place of places) {
      for (const secret of secrets) expect(place.bytes.includes(Buffer.from(secret)), `${place.where} holds a secret`).toBe(false);
    }
    for (const server of servers) await server.close();
    expect(x.problems).toEqual([]);
    expect(xAuth.problems).toEqual([]);
    await v.close();
  });

  const registerX = async () => {
    value(await v.call(v.admin, 'platform.app', { platform: 'x', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectPort: redirect.port }));
    return value(await v.call(v.admin, 'platform.appAddresses', { platform: 'x', authorizeUrl: xAuth.authorizeUrl, tokenUrl: xAuth.tokenUrl }));
  };
  const connectX = async () => value(await v.call(v.admin, 'channel.connectOAuthVia', { channel: PPA_X, apiBase: x.base }));

  const vaultId = async () => (await v.database.get<{ vault_id: string }>('SELECT vault_id FROM vault'))?.vault_id ?? expect.fail('no vault row');
  const keychain = async (account: string) => createKeytarStore().get(vaultService(await vaultId()), account);
  const channelId = async () => (await v.database.get<{ id: number }>("SELECT id FROM channels WHERE platform = 'x' AND handle = '@SHINEatPPA'"))?.id ?? expect.fail('no channel');
  const pass = async () => value(await v.call(v.admin, 'scheduler.runOnce', {})).results;
  const scheduledPost = async (channels: string[]) => {
    texts += 1;
    const post = value(
      await v.call(sam, 'post.create', { channels, text: `Our choir sang at the town carol service (${texts}). Thank you, families!`, outcome: 'Share the choir’s concert with families', pupils: 'none', checklist: CHECKED, at: 'now' }),
    );
    value(await v.call(v.admin, 'post.approve', { id: post.id, checklist: { confirmed: true } }));
    return post.id;
  };

  it('signs in through the browser with PKCE S256 and a checked state, then keeps the tokens in the keychain only', async () => {
    const app = await registerX();
    expect(app).toMatchObject({ platform: 'x', hasSecret: true, secretRequired: false, authorizeUrl: xAuth.authorizeUrl, redirectPort: redirect.port, redirectUri: redirect.uri });
    const connection = await connectX();
    expect(connection).toMatchObject({ channel: PPA_X, accountId: x.userId, auth: 'oauth', status: 'connected' });
    // Refreshed before it runs out: the platform said 2 hours.
    expect(connection.tokenExpiresAt).toBe(new Date(START.getTime() + 7200 * 1000).toISOString());

    const asked = xAuth.authorizations[0];
    expect(asked?.get('code_challenge_method')).toBe('S256');
    expect(asked?.get('scope')).toBe('tweet.read tweet.write users.read media.write offline.access');
    const code = xAuth.grants('authorization_code')[0];
    // X's confidential client: HTTP Basic, never the secret in the URL.
    expect(code?.headers.authorization).toMatch(/^Basic /);
    expect(browser.callbacks).toEqual([200]);

    // The loopback listener is closed once the one callback came in.
    expect(asked?.get('redirect_uri')).toBe(redirect.uri);
    await expect(fetch(redirect.uri)).rejects.toThrow();

    const id = await channelId();
    expect(await keychain(ACCOUNTS.channelToken(id))).toBe(xAuth.issued[0]);
    expect(await keychain(ACCOUNTS.channelRefreshToken(id))).toMatch(/^x-refresh-/);
    expect(await keychain(ACCOUNTS.platformClientSecret('x'))).toBe(CLIENT_SECRET);
    const audit = value(await v.call(v.admin, 'audit.list', { limit: 100 }));
    expect(audit.find((e) => e.action === 'channel.connect')).toMatchObject({ outcome: 'ok', channel: PPA_X });
    expect(JSON.stringify(audit)).not.toContain(xAuth.issued[0] ?? 'missing');
    expect(value(await v.call(v.admin, 'channel.connections', {}))).toEqual([connection]);
  });

  it('ignores a callback that does not carry the state it sent, and takes the real one after it', async () => {
    await registerX();
    const forged: number[] = [];
    browser = playBrowser({
      before: async (redirect) => {
        const wrong = new URL(redirect);
        wrong.searchParams.set('state', 'forged-by-another-page');
        wrong.searchParams.set('code', 'attacker-code');
        forged.push((await fetch(wrong)).status);
      },
    });
    await v.close();
    v = await createTestVault({ clock, sinks: { publishing, browser, oauthWaitMs: 3_000 } });
    value(await v.call(v.admin, 'example.load', { demo: false }));
    await registerX();
    const connection = await connectX();
    expect(forged).toEqual([400]);
    expect(connection.status).toBe('connected');
    // Only the real code was ever exchanged.
    expect(xAuth.grants('authorization_code').map((r) => new URLSearchParams(r.body.toString()).get('code'))).not.toContain('attacker-code');
  });

  it('stops waiting after the time limit, and writes nothing when the user refuses', async () => {
    await registerX();
    xAuth.deny = true;
    const denied = failure(await v.call(v.admin, 'channel.connectOAuthVia', { channel: PPA_X, apiBase: x.base }));
    expect(denied).toMatchObject({ code: 'platform_error' });
    expect(denied.message).toContain('access was not allowed');
    expect(denied.message).toContain('Nothing was changed');

    await v.close();
    const silent = { open: () => Promise.resolve() };
    v = await createTestVault({ clock, sinks: { publishing, browser: silent, oauthWaitMs: 300 } });
    value(await v.call(v.admin, 'example.load', { demo: false }));
    await registerX();
    const timedOut = failure(await v.call(v.admin, 'channel.connectOAuthVia', { channel: PPA_X, apiBase: x.base }));
    expect(timedOut.message).toContain('No sign-in came back');
    expect(value(await v.call(v.admin, 'channel.connections', {}))).toEqual([]);
    const audit = value(await v.call(v.admin, 'audit.list', { limit: 100 }));
    expect(audit.find((e) => e.action === 'channel.connect')).toMatchObject({ outcome: 'error' });
  });

  it('refuses to connect before the platform app is entered, and refuses an app without a secret where the platform needs one', async () => {
    const missing = failure(await v.call(v.admin, 'channel.connectOAuth', { channel: PPA_X }));
    expect(missing.message).toContain('custodian platform app x --client-id');
    const noSecret = failure(await v.call(v.admin, 'platform.app', { platform: 'linkedin', clientId: '86abc' }));
    expect(noSecret).toMatchObject({ code: 'invalid_input' });
    expect(value(await v.call(v.admin, 'platform.apps', {}))).toEqual([]);
    const before = failure(await v.call(v.admin, 'platform.appAddresses', { platform: 'x', authorizeUrl: null, tokenUrl: 'https://auth.example.org/token' }));
    expect(before.message).toContain('custodian platform app x --client-id');
    value(await v.call(v.admin, 'platform.app', { platform: 'x', clientId: CLIENT_ID }));
    const plainHttp = failure(await v.call(v.admin, 'platform.appAddresses', { platform: 'x', authorizeUrl: null, tokenUrl: 'http://auth.example.org/token' }));
    expect(plainHttp.message).toContain('https');
    expect(value(await v.call(v.admin, 'platform.apps', {}))).toMatchObject([{ platform: 'x', customAddresses: false }]);
    expect(browser.opened).toEqual([]);
  });

  it('ten posts due at once with an expiring token make one refresh, and X’s rotated refresh token is kept', async () => {
    await registerX();
    await connectX();
    const firstRefresh = await keychain(ACCOUNTS.channelRefreshToken(await channelId()));
    for (let i = 0; i < 10; i += 1) await scheduledPost([PPA_X]);
    // 1 h 56 min later: inside the 5-minute margin before the 2-hour expiry.
    clock.advance(116 * 60_000);
    xAuth.refreshDelayMs = 150;
    const passes = await Promise.all(Array.from({ length: 10 }, () => pass()));
    const published = passes.flat().filter((r) => r.state === 'published');
    expect(published).toHaveLength(10);
    expect(xAuth.grants('refresh_token')).toHaveLength(1);
    expect(x.posts).toHaveLength(10);
    const rotated = await keychain(ACCOUNTS.channelRefreshToken(await channelId()));
    expect(rotated).not.toBe(firstRefresh);
    expect(xAuth.liveRefreshTokens.has(rotated ?? '')).toBe(true);
    const audit = value(await v.call(v.admin, 'audit.list', { limit: 1000 }));
    expect(audit.filter((e) => e.action === 'channel.token_refresh')).toHaveLength(1);
    expect(audit.filter((e) => e.action === 'publish.token_use')).toHaveLength(10);
  });

  it('a token the platform refuses is refreshed once and the post goes out once', async () => {
    await registerX();
    await connectX();
    const id = await scheduledPost([PPA_X]);
    // The platform withdrew the token early (the expiry says it is still good).
    x.token = 'withdrawn-by-x';
    xAuth.onIssue = (token) => (x.token = token);
    const results = await pass();
    expect(results).toEqual([expect.objectContaining({ post: id, state: 'published' })]);
    expect(xAuth.grants('refresh_token')).toHaveLength(1);
    expect(x.posts).toHaveLength(1);
  });

  it('invalid_grant: the channel needs reconnecting, its posts wait, the admins are told; reconnecting sends them', async () => {
    await registerX();
    await connectX();
    const id = await scheduledPost([PPA_X]);
    xAuth.liveRefreshTokens.clear();
    clock.advance(119 * 60_000);
    const results = await pass();
    expect(results).toEqual([expect.objectContaining({ post: id, state: 'scheduled', detail: expect.stringContaining('connected again') })]);
    expect(x.posts).toHaveLength(0);
    const [connection] = value(await v.call(v.admin, 'channel.connections', {}));
    expect(connection).toMatchObject({ status: 'reconnect-needed', lastError: expect.stringContaining('Token has been expired or revoked') });
    const notices = value(await v.call(v.admin, 'notification.list', {}));
    expect(notices).toEqual([expect.objectContaining({ kind: 'channel-reconnect-needed', message: expect.stringContaining(PPA_X) })]);
    // Paused: later passes leave it alone, and make no more refresh attempts.
    clock.advance(10 * 60_000);
    expect(await pass()).toEqual([]);
    expect(xAuth.grants('refresh_token')).toHaveLength(1);

    await connectX();
    const after = await pass();
    expect(after).toEqual([expect.objectContaining({ post: id, state: 'published' })]);
    expect(x.posts).toHaveLength(1);
  });

  it('waits for a refresh another process is making instead of making a second one', async () => {
    await registerX();
    await connectX();
    await scheduledPost([PPA_X]);
    clock.advance(118 * 60_000);
    const id = await channelId();
    // Another runner (the desktop app) holds the refresh lease …
    const held = await v.database.run('UPDATE channel_connections SET refresh_owner = ?, refresh_until = ? WHERE channel_id = ?', 'desktop', new Date(clock.now().getTime() + 60_000).toISOString(), id);
    expect(held.changes).toBe(1);
    const running = pass();
    // … and finishes: a new token in the keychain, the new expiry, the lease given back.
    await new Promise((resolve) => setTimeout(resolve, 500));
    x.token = 'refreshed-by-the-desktop-app';
    await createKeytarStore().set(vaultService(await vaultId()), ACCOUNTS.channelToken(id), x.token);
    await v.database.run('UPDATE channel_connections SET refresh_owner = NULL, refresh_until = NULL, token_expires_at = ? WHERE channel_id = ?', new Date(clock.now().getTime() + 7_200_000).toISOString(), id);
    const results = await running;
    expect(results).toEqual([expect.objectContaining({ state: 'published' })]);
    expect(xAuth.grants('refresh_token')).toHaveLength(0);
  });
});
