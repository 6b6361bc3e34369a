import { existsSync, readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { custodian } from '../support/run-custodian';
import { tempDir } from '../support/test-vault';

/** No keychain: Custodian stops with a clear message, quickly, and writes nothing anywhere. */
describe('the CLI without a usable keychain', () => {
  const dirs: { path: string; remove(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

  it('refuses init when there is no D-Bus session, naming the cause, and leaves no files', () => {
    const dir = tempDir('custodian-nokeychain-');
    dirs.push(dir);
    const started = Date.now();
    const result = custodian(['init', '--trust', 'T', '--admin-name', 'A', '--admin-email', 'a@t.example'], {
      env: {
        CUSTODIAN_DATA_DIR: `${dir.path}/vault`,
        CUSTODIAN_PASSPHRASE: 'a long passphrase',
        DBUS_SESSION_BUS_ADDRESS: `unix:path=${dir.path}/no-such-bus`,
        DISPLAY: undefined,
      },
    });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/keychain/i);
    expect(result.stderr).toMatch(/D-Bus|Secret Service/);
    expect(existsSync(`${dir.path}/vault`) ? readdirSync(`${dir.path}/vault`) : []).toEqual([]);
  });
});

describe('the CLI with a locked keychain', () => {
  it('says the keychain is locked, quickly, and changes nothing', async () => {
    const { runInPrivateKeyring } = await import('../support/keyring-session');
    const home = tempDir('custodian-locked-');
    const vault = `${home.path}/vault`;
    const bin = new URL('../../bin/custodian.js', import.meta.url).pathname;
    const env = { CUSTODIAN_DATA_DIR: vault, CUSTODIAN_OPERATOR: 'a@t.example', CUSTODIAN_PASSPHRASE: 'a long passphrase' };
    try {
      const init = await runInPrivateKeyring([process.execPath, bin, 'init', '--trust', 'T', '--admin-name', 'A', '--admin-email', 'a@t.example'], {
        password: 'first password',
        dataHome: `${home.path}/data`,
        env,
      });
      expect(init.code, init.stderr).toBe(0);
      // The same keyring, unlocked with another password, stays locked.
      const locked = await runInPrivateKeyring([process.execPath, bin, 'school', 'add', '--name', 'S', '--code', 'SSS'], {
        password: 'another password',
        dataHome: `${home.path}/data`,
        env,
      });
      expect(locked.code).toBe(1);
      expect(locked.stderr).toMatch(/keychain is locked/i);
      expect(locked.ms).toBeLessThan(15_000);
      const after = await runInPrivateKeyring([process.execPath, bin, 'school', 'list', '--json'], { password: 'first password', dataHome: `${home.path}/data`, env });
      expect(after.code, after.stderr).toBe(0);
      expect(JSON.parse(after.stdout)).toEqual([]);
    } finally {
      home.remove();
    }
  });
});
