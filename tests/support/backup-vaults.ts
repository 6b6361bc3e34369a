import { readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, expect } from 'vitest';
import { databasePath } from '../../electron/core/vault/data-dir';
import { ADMIN, createTestVault, value, type TestVault } from './test-vault';

/** The backup suites' vaults and folders, closed and removed after each test (backup*.test.ts). */
const open: TestVault[] = [];
export const dirs: { remove(): void }[] = [];
afterEach(async () => {
  for (const v of open.splice(0)) await v.close();
  dirs.splice(0).forEach((dir) => dir.remove());
});

export async function vault(options: Parameters<typeof createTestVault>[0] = {}): Promise<TestVault> {
  const v = await createTestVault(options);
  open.push(v);
  return v;
}

export const vaultIdOf = (v: TestVault) => {
  const db = new Database(databasePath(v.dataDir), { readonly: true });
  const row = db.prepare('SELECT vault_id FROM vault').get() as { vault_id: string };
  db.close();
  return row.vault_id;
};
export const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
export const schoolCodes = async (v: TestVault, token: string) => value(await v.call(token, 'school.list', {})).map((s) => s.code);
export const refusal = async (v: TestVault, input: { id: string } | { file: string }) => {
  const result = 'id' in input ? await v.call(v.admin, 'backup.restore', input) : await v.call(v.admin, 'backup.restoreFile', input);
  expect(result.ok, 'the restore should have been refused').toBe(false);
  return result.ok ? { code: '', message: '' } : result.error;
};

/** Everything a refused restore must leave as it was: the database bytes, the session, the files. */
export async function expectNothingChanged(v: TestVault, before: { sha: string; files: string[] }) {
  await v.core.close();
  expect(sha(databasePath(v.dataDir))).toBe(before.sha);
  expect(readdirSync(v.dataDir).sort()).toEqual(before.files);
  // The session survived, and the trail still verifies against the keychain anchor.
  expect(value(await v.call(v.admin, 'auth.whoami', {})).email).toBe(ADMIN.email);
  expect(value(await v.call(v.admin, 'audit.verify', {})).ok).toBe(true);
}

export async function snapshot(v: TestVault) {
  await v.core.close();
  const state = { sha: sha(databasePath(v.dataDir)), files: readdirSync(v.dataDir).sort() };
  value(await v.call(v.admin, 'auth.whoami', {}));
  return state;
}
