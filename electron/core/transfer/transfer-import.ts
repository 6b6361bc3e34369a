import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { failWithoutAnchor, parseAnchor } from '../audit/audit-anchor';
import { AuditLog } from '../audit/audit.repo';
import { verifyStagedTrail } from '../audit/audit-verify';
import type { Clock } from '../clock';
import { openDatabase } from '../db/database';
import { bundledMigrations } from '../db/migrations';
import { pendingMigrations } from '../db/migrator';
import { qb, Sql } from '../db/sql';
import { SqliteDb } from '../db/sqlite-db';
import { CoreError } from '../errors';
import { makePrivateDir } from '../files/private-files';
import { probeKeychain } from '../secrets/keytar.store';
import type { SecretStore } from '../secrets/secret-store';
import { vaultAccountNames } from '../secrets/vault-accounts';
import { ACCOUNTS, vaultService } from '../secrets/vault-secrets';
import { databasePath } from '../vault/data-dir';
import type { VaultHost } from '../vault/vault-host';
import { DAMAGED } from './transfer-crypto';
import { readSealedFile } from './transfer-file';
import type { Manifest } from './transfer-payload';
import { importSource } from './transfer-path';
import { clearUnfinishedImport, readImportMarker, removeImportMarker, stagingName, writeImportMarker, type ImportMarker } from './transfer-import-marker';

export interface ImportDeps {
  host: VaultHost;
  store: SecretStore;
  clock: Clock;
  nativeBinding?: string;
  log: (event: string, fields: Record<string, unknown>) => void;
}

/** What import has put in place so far, so that a failure can take exactly that back out. */
class Undo {
  createdDataDir = false;
  /** The unfinished-import marker this attempt wrote (null: none yet). */
  marker: ImportMarker | null = null;
  staging: string | null = null;
  movedFiles: string[] = [];
  linkedDatabase: string | null = null;
  /** Keychain entries touched: the value each had before (null: there was none). */
  keychain = new Map<string, string | null>();

  async run(store: SecretStore, service: string, dataDir: string, host: VaultHost): Promise<void> {
    await host.close().catch(() => undefined);
    if (this.linkedDatabase !== null) for (const suffix of ['', '-wal', '-shm']) rmSync(this.linkedDatabase + suffix, { force: true });
    for (const file of this.movedFiles) rmSync(file, { force: true });
    for (const [account, before] of this.keychain) {
      await (before === null ? store.delete(service, account) : store.set(service, account, before)).catch(() => undefined);
    }
    if (this.staging !== null) rmSync(this.staging, { recursive: true, force: true });
    if (this.marker !== null) removeImportMarker(dataDir);
    if (this.createdDataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Checks the staged database before anything else is touched: it is a whole SQLite file of
 * this vault, not newer than this app, and its audit trail verifies with the key and anchor
 * that came with it (the trail the old computer had, unbroken, up to the export).
 */
async function checkStaged(db: BetterSqlite3.Database, manifest: Manifest, macKeyHex: string): Promise<void> {
  const integrity = db.pragma('integrity_check', { simple: true });
  const vaultId = (db.prepare('SELECT vault_id FROM vault').get() as { vault_id: string } | undefined)?.vault_id;
  if (integrity !== 'ok' || vaultId !== manifest.vaultId) throw new CoreError('invalid_input', DAMAGED, 'path');
  pendingMigrations(db, bundledMigrations());
  const anchorText = manifest.entries.find((e) => e.account === ACCOUNTS.auditAnchor)?.value ?? null;
  const anchor = parseAnchor(anchorText);
  const result = failWithoutAnchor(await verifyStagedTrail(db, macKeyHex, anchor.kind === 'head' ? anchor.head : null), anchor);
  if (!result.ok || anchor.kind === 'damaged') {
    throw new CoreError(
      'invalid_input',
      `The audit trail in the transfer file does not check out (${result.ok ? 'its keychain anchor is damaged' : result.problem}); nothing was written.`,
      'path',
    );
  }
}

/**
 * Puts a vault from a transfer file into an empty data folder on this computer: database,
 * evidence and media files, and its keychain entries under its own vault id (so the same
 * namespace as on the old computer). All or nothing: any failure removes what was written
 * and puts back any keychain entry that --replace overwrote.
 */
export async function importVault(deps: ImportDeps, input: { path: string; passphrase: string; replace: boolean }) {
  const { host } = deps;
  const dataDir = host.dataDir;
  const source = importSource(input.path);
  // An import killed part-way left its marker: a plain retry clears what it left and finishes.
  const unfinished = readImportMarker(dataDir);
  if (host.engine === 'postgres') {
    throw new CoreError('conflict', "A transfer file is imported into a vault kept on this computer; this Custodian keeps its data on a PostgreSQL server. Nothing was changed.");
  }
  if ((await host.exists()) && unfinished === null) {
    throw new CoreError('vault_exists', `${dataDir} already holds a vault. Import into a new, empty data folder (choose one with --data-dir).`);
  }
  const undo = new Undo();
  let service: string | null = null;
  try {
    // Nothing is created until the passphrase has been checked (readSealedFile calls this after).
    // Nothing is cleared either: a wrong passphrase on a retry leaves the unfinished import as it was.
    const stage = (manifest: Manifest) => {
      undo.createdDataDir = unfinished?.createdDataDir ?? !existsSync(dataDir);
      makePrivateDir(dataDir);
      if (unfinished !== null) clearUnfinishedImport(dataDir);
      // Keychain entries the unfinished import wrote for this same vault are its own to overwrite.
      undo.marker = { format: 1, vaultId: manifest.vaultId, createdDataDir: undo.createdDataDir, keychain: unfinished?.vaultId === manifest.vaultId && unfinished.keychain };
      writeImportMarker(dataDir, undo.marker);
      const staging = join(dataDir, stagingName(randomBytes(8).toString('hex')));
      makePrivateDir(staging);
      undo.staging = staging;
      return [
        { path: join(staging, 'database.sqlite3'), size: manifest.database.size },
        ...manifest.files.map((file, i) => ({ path: join(staging, `${i}-${file.name}`), size: file.size })),
      ];
    };
    const manifest = await readSealedFile(source, input.passphrase, stage);
    const staging = undo.staging as string;
    const stagedDb = join(staging, 'database.sqlite3');
    service = vaultService(manifest.vaultId);
    const macKeyHex = manifest.entries.find((e) => e.account === ACCOUNTS.auditMacKey)?.value;
    if (macKeyHex === undefined) throw new CoreError('invalid_input', 'The transfer file has no audit key for its vault, so it cannot be imported.', 'path');

    // A locked keyring reads as empty: the probe (a write) makes sure "no entries" is true.
    await probeKeychain(deps.store);
    const db = openDatabase(stagedDb, deps.nativeBinding === undefined ? { create: false } : { create: false, nativeBinding: deps.nativeBinding });
    const values = new Map(manifest.entries.map((e) => [e.account, e.value] as const));
    let trustName: string | null;
    let present: Map<string, string>;
    try {
      await checkStaged(db, manifest, macKeyHex);
      trustName = (await new SqliteDb(new Sql(db)).first(qb.selectFrom('trust').select('name')))?.name ?? null;
      present = new Map();
      for (const account of new Set([...vaultAccountNames(db), ...values.keys()])) {
        const before = await deps.store.get(service, account);
        if (before !== null) present.set(account, before);
      }
      if (present.size > 0 && !input.replace && undo.marker?.keychain !== true) {
        throw new CoreError(
          'conflict',
          `This computer's keychain already holds ${present.size} entries for this vault ("${service}"): the vault is in use here, or was imported before. ` +
            'Nothing was written. Import with --replace only if you are sure those entries should be overwritten.',
        );
      }
      // Recorded as the system's: nobody is signed in yet. The file's own event names who exported it.
      const head = new AuditLog(new Sql(db), macKeyHex, () => deps.clock.now()).appendSync({
        actorId: null,
        action: 'transfer.import',
        target: 'vault',
        outcome: 'ok',
        details: {
          file: basename(source),
          exportedAt: manifest.exportedAt,
          exportedBy: manifest.exportedBy,
          keychainEntries: manifest.entries.length,
          files: manifest.files.length,
          replacedEntries: present.size,
        },
      });
      // The import creates this computer's anchor (one of the two places that may): at its own event.
      values.set(ACCOUNTS.auditAnchor, JSON.stringify(head));
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }

    // Keychain first: the database must never claim a secret the keychain does not hold. From
    // here a retry of this import may overwrite what it finds (the marker says so first).
    undo.marker = { ...(undo.marker as ImportMarker), keychain: true };
    writeImportMarker(dataDir, undo.marker);
    for (const [account, value] of values) {
      undo.keychain.set(account, present.get(account) ?? null);
      await deps.store.set(service, account, value);
    }
    for (const account of present.keys()) {
      if (values.has(account)) continue;
      undo.keychain.set(account, present.get(account) ?? null);
      await deps.store.delete(service, account);
    }
    manifest.files.forEach((file, i) => {
      const folder = join(dataDir, file.folder);
      makePrivateDir(folder);
      const target = join(folder, file.name);
      if (existsSync(target)) return; // named by its content: the same file is already there
      renameSync(join(staging, `${i}-${file.name}`), target);
      undo.movedFiles.push(target);
    });
    try {
      linkSync(stagedDb, databasePath(dataDir));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new CoreError('vault_exists', `${dataDir} already holds a vault.`);
      throw error;
    }
    undo.linkedDatabase = databasePath(dataDir);
    // Complete on disk and in the keychain: the marker goes last, and then the vault may open.
    rmSync(staging, { recursive: true, force: true });
    removeImportMarker(dataDir);
    // Opening migrates an older database and proves the keychain now opens it.
    await host.open();
    deps.log('transfer.imported', { vaultId: manifest.vaultId, keychainEntries: manifest.entries.length, files: manifest.files.length });
    return { vaultId: manifest.vaultId, trustName, exportedAt: manifest.exportedAt, entries: manifest.entries.length, files: manifest.files.length };
  } catch (error) {
    await undo.run(deps.store, service ?? '', dataDir, host);
    throw error;
  }
}
