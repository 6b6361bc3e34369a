import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePath } from '../../electron/core/vault/data-dir';
import type { FakeHandle } from '../fakes/fake-server';
import { OAuthFake } from '../fakes/oauth.fake';
import { XFake } from '../fakes/x.fake';
import { custodianAsync } from '../support/run-custodian';
import { tempDir } from '../support/test-vault';

const BROWSER = fileURLToPath(new URL('../support/fake-browser.mjs', import.meta.url));
const CLIENT_ID = 'cli-client-id-0123456789';
const CLIENT_SECRET = 'cli-client-secret-a1b2c3d4e5f6-secret';
const X = 'x:@SHINEatPPA';

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
  const servers: FakeHandle[] = [];
  const outputs: string[] = [];
  const run = async (args: string[], input?: string) => {
    const result = await custodianAsync(args, admin, input === undefined ? {} : { input });
    outputs.push(result.stdout, result.stderr);
    return result;
  };

  beforeAll(async () => {
    servers.push(await x.start(), await auth.start());
    const init = await run(['init', '--trust', 'Pendle Education Trust', '--admin-name', 'Hannah Head', '--admin-email', 'head@pet.example']);
    expect(init.code, init.stderr).toBe(0);
    expect((await run(['example', 'load'])).code).toBe(0);
  }, 120_000);

  afterAll(async () => {
    for (const server of servers) await server.close();
    const db = databasePath(dir.path);
    const secrets = [CLIENT_SECRET, ...auth.issued, ...auth.liveRefreshTokens];
    for (const file of [db, `${db}-wal`].filter((f) => existsSync(f))) for (const secret of secrets) expect(readFileSync(file).includes(Buffer.from(secret)), file).toBe(false);
    for (const secret of secrets) expect(outputs.join('\n')).not.toContain(secret);
    expect(x.problems).toEqual([]);
    expect(auth.problems).toEqual([]);
    dir.remove();
  });

  it('saves the app (secret from stdin, never shown), signs the channel in through the browser, and lists the connection', async () => {
    const badPlatform = await run(['platform', 'app', 'myspace', '--client-id', CLIENT_ID]);
    expect(badPlatform.code).toBe(2);
    expect(badPlatform.stderr).toMatch(/PLATFORM must be one of x, facebook/);
    const saved = await run(['platform', 'app', 'x', '--client-id', CLIENT_ID, '--client-secret-stdin', '--authorize-url', auth.authorizeUrl, '--token-url', auth.tokenUrl], `${CLIENT_SECRET}\n`);
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stderr).toMatch(/client id and secret are in the keychain/);
    const apps = await run(['platform', 'apps']);
    expect(apps.stdout).toMatch(/x\s+yes/);

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
  }, 120_000);
});
