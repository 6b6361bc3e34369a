import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKeytarStore } from '../../electron/core/secrets/keytar.store';
import { ACCOUNTS, vaultService } from '../../electron/core/secrets/vault-secrets';
import { databasePath } from '../../electron/core/vault/data-dir';
import type { FakeHandle } from '../fakes/fake-server';
import { OAuthFake, playBrowser } from '../fakes/oauth.fake';
import { XFake } from '../fakes/x.fake';
import { freeRedirect } from '../support/free-port';
import { createTestVault, testClock, value, type TestVault } from '../support/test-vault';

/**
 * An administrator reconnects a channel (a new sign-in, new tokens) while a refresh's token
 * request is still on its way: the refresh's late answer must never land in the keychain over
 * the reconnect's tokens. The reconnect takes the channel's refresh lease before it writes the
 * keychain; the refresh writes only while the lease is still its own.
 */

const PPA_X = 'x:@SHINEatPPA';
const CLIENT_ID = 'Zm9vYmFyLWNsaWVudC1pZA';
const CLIENT_SECRET = 'x-client-secret-7f6e5d4c3b2a1908-secret';
const SAM = { name: 'Sam Poster', email: 'sam@ppa.example', passphrase: 'poster passphrase 1' };
const CHECKED = { adultsConsented: true, rightsConfirmed: true, dosAndDontsAcknowledged: true };
const START = new Date('2026-11-24T10:00:00Z');
const publishing = { requestTimeoutMs: 2_000, uploadTimeoutMs: 2_000, sleep: () => Promise.resolve() };

async function until(what: string, done: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('a reconnect while a token refresh is in flight', () => {
  let v: TestVault;
  let clock: ReturnType<typeof testClock>;
  let x: XFake;
  let xAuth: OAuthFake;
  let servers: FakeHandle[];
  let sam: string;
  let release: () => void;

  beforeEach(async () => {
    clock = testClock(START);
    v = await createTestVault({ clock, sinks: { publishing, browser: playBrowser(), oauthWaitMs: 3_000 } });
    value(await v.call(v.admin, 'example.load', { demo: false }));
    value(await v.call(v.admin, 'person.add', { ...SAM, role: 'staff', school: 'PPA', consoleRole: 'poster' }));
    value(await v.call(v.admin, 'training.record', { email: SAM.email, on: '2026-09-01' }));
    sam = await v.signIn(SAM.email, SAM.passphrase);
    x = new XFake('none-yet');
    // X accepts only the registered callback: this test's own free port, registered in the fake and the app.
    const redirect = await freeRedirect();
    xAuth = new OAuthFake('x', CLIENT_ID, CLIENT_SECRET).register(redirect.uri);
    // The platform accepts exactly the newest token the sign-in service issued.
    xAuth.onIssue = (token) => (x.token = token);
    servers = [await x.start(), await xAuth.start()];
    value(await v.call(v.admin, 'platform.app', { platform: 'x', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectPort: redirect.port }));
    value(await v.call(v.admin, 'platform.appAddresses', { platform: 'x', authorizeUrl: xAuth.authorizeUrl, tokenUrl: xAuth.tokenUrl }));
    await connectX();
    const post = value(
      await v.call(sam, 'post.create', { channels: [PPA_X], text: 'Our choir sang at the town carol service. Thank you, families!', outcome: 'Share the choir’s concert with families', pupils: 'none', checklist: CHECKED, at: 'now' }),
    );
    value(await v.call(v.admin, 'post.approve', { id: post.id, checklist: { confirmed: true } }));
    // 1 h 56 min later: inside the 5-minute margin before the 2-hour expiry, so the pass refreshes;
    // the token endpoint holds its answer until the test lets it go.
    clock.advance(116 * 60_000);
    xAuth.refreshHold = new Promise<void>((resolve) => (release = resolve));
  });

  afterEach(async () => {
    release();
    // No token or client secret reaches the database file, its WAL or the trail.
    const files = [databasePath(v.dataDir), `${databasePath(v.dataDir)}-wal`].filter((f) => existsSync(f));
    const secrets = [CLIENT_SECRET, ...xAuth.issued, ...xAuth.liveRefreshTokens];
    for (const file of files) for (const secret of secrets) expect(readFileSync(file).includes(Buffer.from(secret)), `${file} holds a secret`).toBe(false);
    const trail = JSON.stringify(value(await v.call(v.admin, 'audit.list', { limit: 1000 })));
    for (const secret of secrets) expect(trail).not.toContain(secret);
    for (const server of servers) await server.close();
    expect(x.problems).toEqual([]);
    expect(xAuth.problems).toEqual([]);
    await v.close();
  });

  async function connectX() {
    return value(await v.call(v.admin, 'channel.connectOAuthVia', { channel: PPA_X, apiBase: x.base }));
  }
  const pass = async () => value(await v.call(v.admin, 'scheduler.runOnce', {})).results;
  const channelId = async () => (await v.database.get<{ id: number }>("SELECT id FROM channels WHERE platform = 'x' AND handle = '@SHINEatPPA'"))?.id ?? -1;
  const keychain = async (account: string) => {
    const row = await v.database.get<{ vault_id: string }>('SELECT vault_id FROM vault');
    return createKeytarStore().get(vaultService(row?.vault_id ?? ''), account);
  };
  const refreshEvents = async () => value(await v.call(v.admin, 'audit.list', { limit: 1000 })).filter((e) => e.action === 'channel.token_refresh');
  /** The pass is publishing, its refresh request is at the token endpoint (held), and an administrator reconnects. */
  const reconnectDuringRefresh = async () => {
    const running = pass();
    await until('the refresh request', () => xAuth.grants('refresh_token').length === 1);
    let settled = false;
    const reconnect = connectX().finally(() => (settled = true));
    await until('the reconnect’s sign-in', () => xAuth.grants('authorization_code').length === 2);
    // The reconnect's tokens are the newest the sign-in service issued so far.
    const reconnectToken = xAuth.issued.at(-1);
    return { running, reconnect, reconnectToken, settled: () => settled };
  };

  it('the refresh outlives its lease: the reconnect takes the lease over, the refresh’s late answer is dropped, and the post goes out with the reconnect’s token', async () => {
    const id = await channelId();
    const { running, reconnect, reconnectToken } = await reconnectDuringRefresh();
    // The refresh's lease (a minute) runs out while its answer is still on the way.
    await new Promise((resolve) => setTimeout(resolve, 300));
    clock.advance(61_000);
    await reconnect;
    expect(await keychain(ACCOUNTS.channelToken(id))).toBe(reconnectToken);
    const reconnectRefresh = await keychain(ACCOUNTS.channelRefreshToken(id));
    expect(reconnectRefresh).toMatch(/^x-refresh-/);
    // The platform accepts the reconnect's grant; the late answer is not passed on to it.
    xAuth.onIssue = () => undefined;
    release();
    const results = await running;

    // The late answer came back …
    expect(xAuth.issued.at(-1)).not.toBe(reconnectToken);
    // … and never reached the keychain.
    expect(await keychain(ACCOUNTS.channelToken(id))).toBe(reconnectToken);
    expect(await keychain(ACCOUNTS.channelRefreshToken(id))).toBe(reconnectRefresh);
    expect(results).toEqual([expect.objectContaining({ state: 'published' })]);
    expect(x.requestsTo('POST /2/tweets').map((r) => r.headers.authorization)).toEqual([`Bearer ${reconnectToken}`]);
    expect(x.posts).toHaveLength(1);
    const events = await refreshEvents();
    expect(events).toEqual([expect.objectContaining({ outcome: 'error', details: expect.objectContaining({ result: 'superseded' }) })]);
    const row = await v.database.get<{ refresh_owner: string | null; status: string }>('SELECT refresh_owner, status FROM channel_connections WHERE channel_id = ?', id);
    expect(row).toEqual({ refresh_owner: null, status: 'connected' });
    expect(xAuth.grants('refresh_token')).toHaveLength(1);
  });

  it('the refresh still holds its lease: the reconnect waits for it, then writes its own tokens last', async () => {
    const id = await channelId();
    const { running, reconnect, reconnectToken, settled } = await reconnectDuringRefresh();
    await new Promise((resolve) => setTimeout(resolve, 600));
    const early = settled();
    release();
    expect(await running).toEqual([expect.objectContaining({ state: 'published' })]);
    await reconnect;
    // The sign-in was done, but the reconnect did not write while the refresh held the channel.
    expect(early).toBe(false);

    expect(await keychain(ACCOUNTS.channelToken(id))).toBe(reconnectToken);
    expect(await refreshEvents()).toEqual([expect.objectContaining({ outcome: 'ok', details: expect.objectContaining({ result: 'refreshed' }) })]);
    const [connection] = value(await v.call(v.admin, 'channel.connections', {}));
    expect(connection).toMatchObject({ status: 'connected', tokenExpiresAt: new Date(clock.now().getTime() + 7200 * 1000).toISOString() });
  });
});
