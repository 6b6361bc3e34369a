import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { custodianAsync } from '../support/run-custodian';
import { tempDir } from '../support/test-vault';

const BROWSER = fileURLToPath(new URL('../support/fake-browser.mjs', import.meta.url));
const APP_ID = '1234567890123456';
const APP_SECRET = 'fb-app-secret-cli-9a8b7c6d5e4f-secret';

describe('custodian and Meta: the Facebook Login for Business option, and --oauth refused with why', () => {
  const dir = tempDir('custodian-cli-meta-');
  const browserEnv = join(dir.path, 'browser-env.json');
  const admin = { CUSTODIAN_DATA_DIR: dir.path, CUSTODIAN_OPERATOR: 'head@pet.example', CUSTODIAN_PASSPHRASE: 'a long admin passphrase', BROWSER, BROWSER_ENV_RECORD: browserEnv };
  const outputs: string[] = [];
  const run = async (args: string[], input?: string) => {
    const result = await custodianAsync(args, admin, input === undefined ? {} : { input });
    outputs.push(result.stdout, result.stderr);
    return result;
  };

  beforeAll(async () => {
    const init = await run(['init', '--trust', 'Pendle Education Trust', '--admin-name', 'Hannah Head', '--admin-email', 'head@pet.example']);
    expect(init.code, init.stderr).toBe(0);
    expect((await run(['example', 'load'])).code).toBe(0);
  }, 120_000);

  afterAll(() => {
    expect(outputs.join('\n')).not.toContain(APP_SECRET);
    dir.remove();
  });

  it('saves a Facebook app with its configuration id (digits only), then refuses a sign-in it cannot finish and says what works', async () => {
    const letters = await run(['platform', 'app', 'facebook', '--client-id', APP_ID, '--client-secret-stdin', '--config-id', '98765abc'], `${APP_SECRET}\n`);
    expect(letters.code).not.toBe(0);
    expect(letters.stderr).toContain('digits only');
    const saved = await run(['platform', 'app', 'facebook', '--client-id', APP_ID, '--client-secret-stdin', '--config-id', '987654321012345'], `${APP_SECRET}\n`);
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stderr).toContain('Facebook Login for Business configuration 987654321012345');
    expect(saved.stderr).toContain('--token-stdin');
    // What to register with Meta, printed as for the other platforms.
    expect(saved.stdout).toContain('https://www.facebook.com/connect/login_success.html');
    expect(saved.stdout).toContain('https://developers.facebook.com/apps/');

    const refused = await run(['channel', 'connect', 'facebook:Colne Primet Academy', '--oauth']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('works only in Custodian');
    expect(refused.stderr).toContain('login_success.html');
    expect(refused.stderr).toContain('custodian channel connect CHANNEL --token-stdin --account-id ID');
    // No browser was started for it.
    expect(existsSync(browserEnv)).toBe(false);
    const listed = await run(['channel', 'connections', '--json']);
    expect(JSON.parse(listed.stdout)).toEqual([]);
  }, 120_000);
});
