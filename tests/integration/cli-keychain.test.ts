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
