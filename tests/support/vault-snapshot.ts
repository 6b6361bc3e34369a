import { cpSync, existsSync, readdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { createKeytarStore } from '../../electron/core/secrets/keytar.store';
import { vaultAccountNames } from '../../electron/core/secrets/vault-accounts';
import { vaultService } from '../../electron/core/secrets/vault-secrets';
import { databasePath } from '../../electron/core/vault/data-dir';
import { tempDir } from './test-vault';

/**
 * A vault set up once (by the CLI, say: init, the example trust, a first sign-in) and handed to
 * each test of a file as a fresh copy of that moment, instead of every test paying for the same
 * set-up again.
 *
 * A vault's keychain entries live under a service named by its vault id (vault-secrets.ts), and
 * a copy keeps the id, so copies share one set of entries: only ONE copy may be in use at a
 * time (the tests of one file run one after another). restore() writes the entries back as they
 * were at the snapshot and release() deletes every entry the copy's database names
 * (vault-accounts.ts, the list a transfer carries), so what one test wrote to the keychain
 * (a new anchor, a token, a person's key) never reaches the next.
 */
export interface VaultSnapshot {
  /** Copies the snapshot's data folder to `dataDir` (new or empty) and puts its keychain entries back as they were. */
  restore(dataDir: string): Promise<void>;
  /** Deletes the keychain entries of the copy in `dataDir`; call it before removing the folder. */
  release(dataDir: string): Promise<void>;
  /** Deletes the snapshot's folder and its keychain entries. */
  remove(): Promise<void>;
}

export async function vaultSnapshot(build: (dataDir: string) => Promise<void> | void): Promise<VaultSnapshot> {
  const dir = tempDir('custodian-snapshot-');
  await build(dir.path);
  const store = createKeytarStore();
  const { service, names } = keychainNames(dir.path);
  const saved = new Map<string, string>();
  for (const name of names) {
    const value = await store.get(service, name);
    if (value !== null) saved.set(name, value);
  }
  const release = async (dataDir: string) => {
    const copy = keychainNames(dataDir);
    for (const name of copy.names) await store.delete(copy.service, name);
  };
  return {
    restore: async (dataDir) => {
      if (existsSync(dataDir) && readdirSync(dataDir).length > 0) throw new Error(`${dataDir} is not empty: a snapshot is restored into an empty folder`);
      cpSync(dir.path, dataDir, { recursive: true });
      for (const name of names) {
        const value = saved.get(name);
        if (value === undefined) await store.delete(service, name);
        else await store.set(service, name, value);
      }
    },
    release,
    remove: async () => {
      await release(dir.path);
      dir.remove();
    },
  };
}

/** The keychain service of the vault in dataDir and the names of every entry it may have. */
function keychainNames(dataDir: string): { service: string; names: string[] } {
  const db = new Database(databasePath(dataDir), { readonly: true, fileMustExist: true });
  try {
    const { vault_id: vaultId } = db.prepare('SELECT vault_id FROM vault WHERE id = 1').get() as { vault_id: string };
    return { service: vaultService(vaultId), names: vaultAccountNames(db) };
  } finally {
    db.close();
  }
}
