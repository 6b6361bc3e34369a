import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../shared/contract/error-codes';
import { bundleChild } from '../support/core-bundle';
import {
  runInPrivateKeyring,
  runWithoutKeychain,
  runWithoutSecretService,
  runWithSilentKeychain,
  runWithUnsetUpKeyring,
  type ChildRun,
} from '../support/keyring-session';
import { ADMIN, tempDir } from '../support/test-vault';
import type { VaultChildCall, VaultChildPlan } from '../support/vault-child';

/**
 * The keychain matrix through the whole core, each case in a process of its own with its own
 * keychain (tests/support/keyring-session.ts): no D-Bus, no Secret Service, a keyring nobody
 * set up, a locked collection, a bus that never answers, and an unlocked keyring. Creating a
 * vault and opening one must each end in a typed error within the timeout, and leave nothing
 * behind: no data folder from a failed init, no file changed in an existing vault, nothing in
 * the home folder, and no passphrase or secret in any file. The store-level behaviour of each
 * case is in tests/integration/keychain.test.ts; the CLI's wording in cli-keychain.test.ts.
 */

const TIMEOUT_MS = 2000;
const MARGIN_MS = 1500;
const INIT = { trustName: 'Pendle Education Trust', adminName: ADMIN.name, adminEmail: ADMIN.email, passphrase: ADMIN.passphrase };
const SIGN_IN = { email: ADMIN.email, passphrase: ADMIN.passphrase };

/** Every file under a folder with its hash, so a comparison shows any change. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      // The -shm index is shared memory that readers may touch; the database and WAL may not change.
      else if (!name.endsWith('-shm')) files[path.slice(dir.length)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  if (existsSync(dir)) walk(dir);
  return files;
}

function filesContaining(dir: string, needles: string[]): string[] {
  return Object.keys(snapshot(dir)).filter((path) => needles.some((needle) => readFileSync(join(dir, path)).includes(Buffer.from(needle))));
}

describe.runIf(process.platform === 'linux')('the keychain matrix through the core', () => {
  const root = tempDir('custodian-keychain-matrix-');
  /** The HOME and XDG folders of every child: Custodian must write nothing there. */
  const home = join(root.path, 'home');
  const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_CACHE_HOME: join(home, '.cache') };
  // The keyring's own files live apart: GNOME Keyring may rewrite them, Custodian may not.
  const keyringDir = tempDir('custodian-keychain-matrix-keyring-');
  const keyring = keyringDir.path;
  const vault = join(root.path, 'existing-vault');
  const planted = `planted-secret-${randomBytes(12).toString('hex')}`;
  let child: string;

  const command = (plan: VaultChildPlan) => [process.execPath, child, JSON.stringify({ timeoutMs: TIMEOUT_MS, ...plan })];
  const results = (run: ChildRun): VaultChildCall[] => {
    const line = run.stdout.split('\n').find((l) => l.startsWith('RESULT '));
    if (line === undefined) expect.fail(`the child printed no result (code ${run.code}, signal ${run.signal}, timed out ${run.timedOut}):\n${run.stderr}`);
    return (JSON.parse(line.slice('RESULT '.length)) as { results: VaultChildCall[] }).results;
  };
  const unlocked = (plan: VaultChildPlan) => runInPrivateKeyring(command(plan), { password: 'the right password', dataHome: keyring, env });

  beforeAll(async () => {
    child = await bundleChild('tests/support/vault-child.ts', 'vault-child');
    mkdirSync(home);
    // The control case, which also makes the vault the "open" cases use: an unlocked keyring.
    const made = results(
      await unlocked({
        dataDir: vault,
        calls: [
          { method: 'vault.init', input: INIT },
          { method: 'auth.signIn', input: SIGN_IN },
          { method: 'example.load', input: { demo: false }, signedIn: true },
          { method: 'secret.set', input: { channel: 'x:@pendleeducation', kind: 'password', value: planted }, signedIn: true },
        ],
      }),
    );
    expect(made.map((r) => [r.method, r.ok, r.code])).toEqual([
      ['vault.init', true, undefined],
      ['auth.signIn', true, undefined],
      ['example.load', true, undefined],
      ['secret.set', true, undefined],
    ]);
  }, 120_000);
  afterAll(() => {
    root.remove();
    keyringDir.remove();
  });

  const cases: { name: string; code: ErrorCode; run: (cmd: string[]) => Promise<ChildRun> }[] = [
    { name: 'no D-Bus session (the address names a socket that is gone)', code: 'keychain_unavailable', run: (cmd) => runWithoutKeychain(cmd, { env }) },
    { name: 'no D-Bus session (no address at all: SSH, cron)', code: 'keychain_unavailable', run: (cmd) => runWithoutKeychain(cmd, { env, bus: 'unset' }) },
    { name: 'a D-Bus session without any Secret Service', code: 'keychain_unavailable', run: (cmd) => runWithoutSecretService(cmd, { env }) },
    { name: 'GNOME Keyring with no login keyring set up', code: 'keychain_unavailable', run: (cmd) => runWithUnsetUpKeyring(cmd, { env }) },
    {
      name: 'a locked collection (the keyring opened with another password)',
      code: 'keychain_locked',
      run: (cmd) => runInPrivateKeyring(cmd, { password: 'not the right password', dataHome: keyring, env }),
    },
    { name: 'a keychain that never answers (an unlock prompt nobody sees)', code: 'keychain_timeout', run: (cmd) => runWithSilentKeychain(cmd, { env, timeoutMs: 30_000 }) },
  ];

  describe.each(cases)('$name', ({ code, run }) => {
    it(`refuses to create a vault with ${code} in time, and creates no data folder`, async () => {
      const before = snapshot(root.path);
      const dataDir = join(root.path, `new-vault-${randomBytes(4).toString('hex')}`);
      const [init] = results(await run(command({ dataDir, calls: [{ method: 'vault.init', input: INIT }] })));
      expect(init).toMatchObject({ ok: false, code });
      expect(init!.ms).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
      if (code === 'keychain_timeout') expect(init!.ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 10);
      expect(init!.message).toMatch(/keychain|Secret Service|D-Bus/i);
      expect(init!.message).not.toContain(ADMIN.passphrase);
      expect(existsSync(dataDir)).toBe(false);
      // Nothing anywhere else either: not in the home folder, not next to the data folder.
      expect(snapshot(root.path)).toEqual(before);
    });

    it(`refuses to open the existing vault with ${code} in time, and changes none of its files`, async () => {
      const before = snapshot(root.path);
      const calls = results(
        await run(
          command({
            dataDir: vault,
            calls: [
              { method: 'vault.status', input: {} },
              { method: 'auth.signIn', input: SIGN_IN },
            ],
          }),
        ),
      );
      for (const call of calls) {
        expect(call).toMatchObject({ ok: false, code });
        expect(call.ms).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
        expect(call.message).not.toContain(planted);
      }
      expect(snapshot(root.path)).toEqual(before);
    });
  });

  it('opens again once the keychain is back, the trail intact, and no file holds the secret or a passphrase', async () => {
    const calls = results(
      await unlocked({
        dataDir: vault,
        calls: [
          { method: 'auth.signIn', input: SIGN_IN },
          { method: 'audit.verify', input: {}, signedIn: true },
        ],
      }),
    );
    expect(calls.map((c) => [c.method, c.ok, c.code])).toEqual([
      ['auth.signIn', true, undefined],
      ['audit.verify', true, undefined],
    ]);
    expect(Object.keys(snapshot(home))).toEqual([]);
    expect(filesContaining(root.path, [planted, ADMIN.passphrase])).toEqual([]);
  });
});
