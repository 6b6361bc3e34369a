import { cpSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/app';
import { RESTORE_STEPS } from '../../electron/core/backup/restore-steps';
import { createKeytarStore } from '../../electron/core/secrets/keytar.store';
import { ACCOUNTS, VaultSecrets } from '../../electron/core/secrets/vault-secrets';
import { databasePath } from '../../electron/core/vault/data-dir';
import { custodian } from '../support/run-custodian';
import { ADMIN, createTestVault, tempDir, value, type TestVault } from '../support/test-vault';

/**
 * kill -9 of `custodian backup restore` at every step (the core's test-only hook
 * CUSTODIAN_TEST_RESTORE_KILL_AT kills the process with SIGKILL when it gets there). After each:
 * the vault opens, its trail verifies, the reveal made after the backup is still in it, and the
 * restore's own event is there exactly when the restore got as far as the swap.
 */
describe('kill -9 during a restore', () => {
  let v: TestVault;
  const template = tempDir('custodian-restore-template-');
  let backupId: string;
  let anchor: string;
  let secrets: VaultSecrets;
  const env = () => ({ CUSTODIAN_DATA_DIR: v.dataDir, CUSTODIAN_OPERATOR: ADMIN.email, CUSTODIAN_PASSPHRASE: ADMIN.passphrase });

  beforeAll(async () => {
    v = await createTestVault();
    value(await v.call(v.admin, 'example.load', { demo: false }));
    value(await v.call(v.admin, 'secret.set', { channel: 'x:@SHINEatPPA', kind: 'password', value: 'PPA-pass-5b1e' }));
    // Setting it made the administrator its holder.
    backupId = value(await v.call(v.admin, 'backup.create', {})).id;
    v.clock.advance(60_000);
    value(await v.call(v.admin, 'secret.reveal', { channel: 'x:@SHINEatPPA', kind: 'password', reason: 'After the backup' }));
    value(await v.call(v.admin, 'school.add', { name: 'Later Academy', code: 'LATER' }));
    await v.core.close();
    const db = new Database(databasePath(v.dataDir), { readonly: true });
    const { vault_id: vaultId } = db.prepare('SELECT vault_id FROM vault').get() as { vault_id: string };
    db.close();
    secrets = new VaultSecrets(createKeytarStore(), vaultId);
    anchor = (await secrets.get(ACCOUNTS.auditAnchor))!;
    cpSync(v.dataDir, template.path, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await v?.close();
    template.remove();
  });

  /** Each round starts from the same vault: its folder, and its anchor in the keychain. */
  const reset = async () => {
    for (const name of readdirSync(v.dataDir)) rmSync(join(v.dataDir, name), { recursive: true, force: true });
    cpSync(template.path, v.dataDir, { recursive: true });
    await secrets.set(ACCOUNTS.auditAnchor, anchor);
  };

  /** What a user finds afterwards, through a fresh core. */
  const inspect = async () => {
    const db = new Database(databasePath(v.dataDir), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    const core = createCore({ dataDir: v.dataDir, secretStore: createKeytarStore(), clock: v.clock });
    try {
      const token = value(await core.call(null, 'auth.signIn', { email: ADMIN.email, passphrase: ADMIN.passphrase })).token;
      const verify = value(await core.call(token, 'audit.verify', {}));
      const reveals = value(await core.call(token, 'audit.list', { action: 'secret.reveal' })).map((e) => e.reason);
      const restores = value(await core.call(token, 'audit.list', { action: 'backup.restore' }));
      const schools = value(await core.call(token, 'school.list', {})).map((s) => s.code);
      return { verify, reveals, restores: restores.length, laterSchool: schools.includes('LATER') };
    } finally {
      await core.close();
    }
  };

  it.each(RESTORE_STEPS)('killed at %s: the vault opens, verifies, keeps the reveal, and has a restore event iff it swapped', async (step) => {
    await reset();
    const run = custodian(['backup', 'restore', backupId, '--yes'], { env: { ...env(), CUSTODIAN_TEST_RESTORE_KILL_AT: step } });
    expect(run.code, `the restore should have been killed at ${step}: ${run.stderr}`).toBeNull();
    const after = await inspect();
    const completed = step === 'swapped' || step === 'reopened';
    expect(after.verify, JSON.stringify(after.verify)).toMatchObject({ ok: true });
    expect(after.reveals).toEqual(['After the backup']);
    expect(after.restores).toBe(completed ? 1 : 0);
    // The register and the rest are the backup's once swapped, the live vault's before.
    expect(after.laterSchool).toBe(!completed);
  }, 60_000);

  it('unkilled, the restore completes the same way, and is recorded once', async () => {
    await reset();
    const run = custodian(['backup', 'restore', backupId, '--yes'], { env: env() });
    expect(run.code, run.stderr).toBe(0);
    expect(await inspect()).toMatchObject({ verify: { ok: true }, reveals: ['After the backup'], restores: 1, laterSchool: false });
  }, 60_000);
});
