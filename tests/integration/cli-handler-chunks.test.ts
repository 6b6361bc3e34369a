import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { custodian } from '../support/run-custodian';
import { tempDir } from '../support/test-vault';

const BUILT = fileURLToPath(new URL('../../out/cli', import.meta.url));
const NODE_MODULES = fileURLToPath(new URL('../../node_modules', import.meta.url));
/** What `custodian totp` runs: sign-in (vault.handlers) and the code (credentials.handlers). */
const TOTP_NEEDS = ['vault.handlers-', 'credentials.handlers-'];

/**
 * Issue 14: a command loads the handler modules of the methods it calls, not all of them
 * (core/method-handlers.ts). Proved on a copy of the built CLI with every other handler chunk
 * deleted: `totp` still works there, and a command whose handlers were deleted does not.
 */
describe('the CLI loads the handlers of the methods a command calls', () => {
  const dir = tempDir('custodian-cli-chunks-');
  const env = { CUSTODIAN_DATA_DIR: join(dir.path, 'vault'), CUSTODIAN_OPERATOR: 'head@pet.example', CUSTODIAN_PASSPHRASE: 'a long admin passphrase' };
  let pruned: string[] = [];
  const runCopy = (args: string[]) =>
    spawnSync(process.execPath, [join(dir.path, 'cli/index.js'), ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });

  beforeAll(() => {
    expect(custodian(['init', '--trust', 'Pendle Education Trust', '--admin-name', 'Hannah Head', '--admin-email', env.CUSTODIAN_OPERATOR], { env }).code).toBe(0);
    expect(custodian(['example', 'load'], { env }).code).toBe(0);
    expect(custodian(['secret', 'set', 'x:@pendleeducation', '--kind', 'totp'], { env, input: 'JBSWY3DPEHPK3PXP\n' }).code).toBe(0);
    cpSync(BUILT, join(dir.path, 'cli'), { recursive: true });
    // The copy finds the native modules (better-sqlite3, keytar) where the real one does.
    symlinkSync(NODE_MODULES, join(dir.path, 'node_modules'));
    const chunks = join(dir.path, 'cli/chunks');
    pruned = readdirSync(chunks).filter((name) => name.includes('.handlers-') && !TOTP_NEEDS.some((kept) => name.startsWith(kept)));
    for (const name of pruned) rmSync(join(chunks, name));
  });
  afterAll(() => dir.remove());

  it('builds the handler modules as chunks of their own', () => {
    for (const module of ['posts.handlers-', 'review.handlers-', 'credentials-import.handlers-', 'backup.handlers-', 'trust.handlers-']) {
      expect(pruned.some((name) => name.startsWith(module)), module).toBe(true);
    }
  });

  it('runs totp without the other handler modules', () => {
    const totp = runCopy(['totp', 'x:@pendleeducation', '--reason', 'Checking the split']);
    expect(totp.stderr).toContain('This use was recorded');
    expect(totp.status).toBe(0);
    expect(totp.stdout).toMatch(/^\d{6}\n$/);
  });

  it('needs a deleted handler module for its methods (so the copy really lacks them)', () => {
    const list = runCopy(['school', 'list']);
    expect(list.status).toBe(1);
    expect(list.stderr).toContain('could not complete school.list');
  });
});
