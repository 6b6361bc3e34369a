import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePath } from '../../electron/core/vault/data-dir';
import type { FakeHandle } from '../fakes/fake-server';
import { LinkedInFake } from '../fakes/linkedin.fake';
import { OAuthFake } from '../fakes/oauth.fake';
import { XFake } from '../fakes/x.fake';
import { YouTubeFake } from '../fakes/youtube.fake';
import { freeRedirect } from '../support/free-port';
import { custodianAsync } from '../support/run-custodian';
import { tempDir } from '../support/test-vault';

const BROWSER = fileURLToPath(new URL('../support/fake-browser.mjs', import.meta.url));
const CLIENT_ID = 'cli-client-id-0123456789';
const CLIENT_SECRET = 'cli-client-secret-a1b2c3d4e5f6-secret';
const X = 'x:@SHINEatPPA';
const LINKEDIN = 'linkedin:@pendleeducationtrust';
const YOUTUBE = 'youtube:@pendleeducationtrust3072';

describe('custodian platform app and channel connect --oauth', () => {
  const dir = tempDir('custodian-cli-oauth-');
  const browserEnv = join(dir.path, 'browser-env.json');
  const admin = {
    CUSTODIAN_DATA_DIR: dir.path,
    CUSTODIAN_OPERATOR: 'head@pet.example',
    CUSTODIAN_PASSPHRASE: 'a long admin passphrase',
    // Not used by connect: set as a script that also moves vaults would have it.
    CUSTODIAN_TRANSFER_PASSPHRASE: 'moving day, staple battery',
    BROWSER,
    BROWSER_ENV_RECORD: browserEnv,
  };
  const x = new XFake('none-yet');
  const auth = new OAuthFake('x', CLIENT_ID, CLIENT_SECRET);
  auth.onIssue = (token) => (x.token = token);
  const li = new LinkedInFake();
  const liAuth = new OAuthFake('linkedin', CLIENT_ID, CLIENT_SECRET);
  const liNativeAuth = new OAuthFake('linkedin-native', CLIENT_ID, null);
  liAuth.onIssue = (token) => (li.token = token);
  liNativeAuth.onIssue = (token) => (li.token = token);
  const yt = new YouTubeFake();
  const googleAuth = new OAuthFake('google', CLIENT_ID, CLIENT_SECRET);
  googleAuth.onIssue = (token) => (yt.token = token);
  const fakes = [auth, liAuth, liNativeAuth, googleAuth];
  const servers: FakeHandle[] = [];
  const outputs: string[] = [];
  const run = async (args: string[], input?: string) => {
    const result = await custodianAsync(args, admin, input === undefined ? {} : { input });
    outputs.push(result.stdout, result.stderr);
    return result;
  };

  beforeAll(async () => {
    servers.push(await x.start(), await li.start(), await yt.start(), ...(await Promise.all(fakes.map((f) => f.start()))));
    const init = await run(['init', '--trust', 'Pendle Education Trust', '--admin-name', 'Hannah Head', '--admin-email', 'head@pet.example']);
    expect(init.code, init.stderr).toBe(0);
    expect((await run(['example', 'load'])).code).toBe(0);
  }, 120_000);

  afterAll(async () => {
    for (const server of servers) await server.close();
    const db = databasePath(dir.path);
    const secrets = [CLIENT_SECRET, ...fakes.flatMap((f) => [...f.issued, ...f.liveRefreshTokens])];
    for (const file of [db, `${db}-wal`].filter((f) => existsSync(f))) for (const secret of secrets) expect(readFileSync(file).includes(Buffer.from(secret)), file).toBe(false);
    for (const secret of secrets) expect(outputs.join('\n')).not.toContain(secret);
    expect(x.problems).toEqual([]);
    for (const fake of [...fakes, li, yt]) expect(fake.problems).toEqual([]);
    dir.remove();
  });

  it('saves the app (secret from stdin, never shown), signs the channel in through the browser, and lists the connection', async () => {
    const badPlatform = await run(['platform', 'app', 'myspace', '--client-id', CLIENT_ID]);
    expect(badPlatform.code).toBe(2);
    expect(badPlatform.stderr).toMatch(/PLATFORM must be one of x, facebook/);
    // X's developer portal holds this test's own callback; the first save takes X's default port.
    const redirect = await freeRedirect();
    auth.register(redirect.uri);
    const saved = await run(['platform', 'app', 'x', '--client-id', CLIENT_ID, '--client-secret-stdin', '--authorize-url', auth.authorizeUrl, '--token-url', auth.tokenUrl], `${CLIENT_SECRET}\n`);
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stderr).toMatch(/client id and secret are in the keychain/);
    expect(saved.stdout).toContain('Redirect URI: http://127.0.0.1:53682/callback\n  Developer console: https://developer.x.com/en/portal/projects-and-apps');
    const badPort = await run(['platform', 'app', 'x', '--redirect-port', '80']);
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toMatch(/redirectPort.*from 1024 to 65535/);
    const notNumber = await run(['platform', 'app', 'x', '--redirect-port', 'eighty']);
    expect(notNumber.stderr).toMatch(/--redirect-port must be a whole number/);
    // Only the port changes: the id and secret stay in the keychain.
    const moved = await run(['platform', 'app', 'x', '--redirect-port', String(redirect.port)]);
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toContain(`Redirect URI: ${redirect.uri}`);
    const apps = await run(['platform', 'apps']);
    expect(apps.stdout).toMatch(new RegExp(`x\\s+yes\\s+${redirect.uri.replaceAll('.', '\\.')}`));
    expect(apps.stdout).toContain('x: Register this redirect address, exactly as shown, in the X developer portal');

    const connected = await run(['channel', 'connect', X, '--oauth', '--api-base', x.base]);
    expect(connected.code, connected.stderr).toBe(0);
    expect(connected.stderr).toMatch(/If it does not open, visit:\n {2}http:\/\/127\.0\.0\.1:\d+\/i\/oauth2\/authorize\?/);
    // The browser was started without the passphrases the CLI had (attack 8 of issue 12).
    const seen = JSON.parse(readFileSync(browserEnv, 'utf8')) as string[];
    expect(seen).toEqual(expect.arrayContaining(['BROWSER_ENV_RECORD', 'PATH']));
    expect(seen.filter((name) => name.toUpperCase().startsWith('CUSTODIAN_'))).toEqual([]);
    expect(connected.stderr).toMatch(new RegExp(`Connected ${X} for publishing as account ${x.userId}.*Custodian refreshes them`));
    const listed = await run(['channel', 'connections', '--json']);
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ channel: X, auth: 'oauth', status: 'connected', accountId: x.userId })]);
    expect(auth.authorizations.map((a) => a.get('redirect_uri'))).toEqual([redirect.uri]);
  }, 120_000);

  it('LinkedIn standard (registered redirect, the secret, no PKCE), then native PKCE (any port, no secret), through the browser', async () => {
    const redirect = await freeRedirect();
    liAuth.register(redirect.uri);
    const appArgs = ['platform', 'app', 'linkedin', '--client-id', CLIENT_ID, '--authorize-url', liAuth.authorizeUrl, '--token-url', liAuth.tokenUrl];
    const noSecret = await run([...appArgs, '--redirect-port', String(redirect.port)]);
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toMatch(/client secret.*--client-secret-stdin/);
    const saved = await run([...appArgs, '--client-secret-stdin', '--redirect-port', String(redirect.port)], `${CLIENT_SECRET}\n`);
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stdout).toContain(`Redirect URI: ${redirect.uri}\n  Developer console: https://www.linkedin.com/developers/apps`);
    const standard = await run(['channel', 'connect', LINKEDIN, '--oauth', '--api-base', li.base]);
    expect(standard.code, standard.stderr).toBe(0);
    expect(liAuth.authorizations[0]?.has('code_challenge')).toBe(false);
    const exchange = new URLSearchParams(liAuth.grants('authorization_code')[0]?.body.toString());
    expect([exchange.get('client_secret'), exchange.has('code_verifier')]).toEqual([CLIENT_SECRET, false]);

    const native = await run(['platform', 'app', 'linkedin', '--client-id', CLIENT_ID, '--linkedin-flow', 'native', '--authorize-url', liNativeAuth.authorizeUrl, '--token-url', liNativeAuth.tokenUrl]);
    expect(native.code, native.stderr).toBe(0);
    expect(native.stdout).toContain('there is no redirect to register');
    const again = await run(['channel', 'connect', LINKEDIN, '--oauth', '--api-base', li.base]);
    expect(again.code, again.stderr).toBe(0);
    expect(liNativeAuth.authorizations[0]?.get('code_challenge_method')).toBe('S256');
    const nativeExchange = new URLSearchParams(liNativeAuth.grants('authorization_code')[0]?.body.toString());
    expect([nativeExchange.has('client_secret'), nativeExchange.has('code_verifier')]).toEqual([false, true]);
    expect(JSON.parse((await run(['platform', 'apps', '--json'])).stdout)).toContainEqual(expect.objectContaining({ platform: 'linkedin', linkedinFlow: 'native', redirectUri: null }));
  }, 120_000);

  it('Google: any loopback port, the client secret required', async () => {
    const redirect = await freeRedirect();
    const saved = await run(['platform', 'app', 'youtube', '--client-id', CLIENT_ID, '--client-secret-stdin', '--redirect-port', String(redirect.port), '--authorize-url', googleAuth.authorizeUrl, '--token-url', googleAuth.tokenUrl], `${CLIENT_SECRET}\n`);
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stdout).toContain('Developer console: https://console.cloud.google.com/apis/credentials');
    const connected = await run(['channel', 'connect', YOUTUBE, '--oauth', '--api-base', yt.base]);
    expect(connected.code, connected.stderr).toBe(0);
    expect(googleAuth.authorizations[0]?.get('redirect_uri')).toBe(redirect.uri);
    expect(new URLSearchParams(googleAuth.grants('authorization_code')[0]?.body.toString()).get('client_secret')).toBe(CLIENT_SECRET);
  }, 120_000);
});
