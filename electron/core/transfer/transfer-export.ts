import { randomBytes } from 'node:crypto';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { passphraseContext } from '../auth/passphrase-context';
import { requireStrongPassphrase } from '../auth/passphrase-strength';
import type { HandlerContext } from '../handler-types';
import { createPrivateEmptyFile } from '../files/private-files';
import { qb } from '../db/sql';
import { ACCOUNTS } from '../secrets/vault-secrets';
import { vaultAccountNames } from '../secrets/vault-accounts';
import { writeSealedFile } from './transfer-file';
import { CONTENT_FOLDERS, type Manifest } from './transfer-payload';
import { exportTarget } from './transfer-path';
import { vaultFile } from '../vault/vault-file';

const CONTENT_NAME = /^[0-9a-f]{64}\.[a-z0-9]{3,4}$/;

/** Incident evidence and post media: files named by their SHA-256 in the data folder. */
function contentFiles(dataDir: string): { folder: (typeof CONTENT_FOLDERS)[number]; name: string; size: number; path: string }[] {
  return CONTENT_FOLDERS.flatMap((folder) => {
    let names: string[];
    try {
      names = readdirSync(join(dataDir, folder));
    } catch {
      return [];
    }
    return names
      .filter((name) => CONTENT_NAME.test(name))
      .sort()
      .map((name) => {
        const path = join(dataDir, folder, name);
        return { folder, name, size: statSync(path).size, path };
      });
  });
}

/**
 * Writes the whole vault into one sealed file: a consistent copy of the database (SQLite
 * backup API), the evidence and media files, and every keychain entry of the vault. The
 * export is audited before the copy is taken, so the file carries its own "transfer.export"
 * event and the new computer's trail shows where it came from; a failure after that point is
 * recorded as a second event with outcome "error". Counts only, never values.
 */
export async function exportVault(ctx: HandlerContext, input: { path: string; passphrase: string }) {
  const { vault, operator } = ctx;
  const file = vaultFile(vault, 'A transfer file');
  // It alone guards every secret in the file, which may travel: refused before anything is read or written.
  await requireStrongPassphrase(input.passphrase, await passphraseContext(vault, operator), 'passphrase', "The transfer file's passphrase");
  const target = exportTarget(input.path, vault.dataDir);
  const entries: Manifest['entries'] = [];
  for (const account of vaultAccountNames(file.db)) {
    if (account === ACCOUNTS.auditAnchor) continue; // read after the export event, below
    const value = await vault.secrets.get(account);
    if (value !== null) entries.push({ account, value });
  }
  const files = contentFiles(vault.dataDir);
  const exportedAt = vault.clock.now().toISOString();
  const details = { file: basename(target), keychainEntries: entries.length + 1, files: files.length };
  await vault.audit.append({ actorId: operator.personId, action: 'transfer.export', target: 'vault', outcome: 'ok', details });
  const dbCopy = join(vault.dataDir, `.transfer-export-${randomBytes(8).toString('hex')}.sqlite3`);
  try {
    // The anchor must be at (or before) the head of the copy taken next, so import can verify it.
    await vault.anchor.flush();
    const anchor = await vault.secrets.get(ACCOUNTS.auditAnchor);
    if (anchor !== null) entries.push({ account: ACCOUNTS.auditAnchor, value: anchor });
    createPrivateEmptyFile(dbCopy);
    await file.db.backup(dbCopy);
    const database = { size: statSync(dbCopy).size };
    const manifest: Manifest = {
      format: 1,
      vaultId: vault.vaultId,
      trustName: (await vault.data.first(qb.selectFrom('trust').select('name')))?.name ?? null,
      exportedAt,
      exportedBy: operator.email,
      database,
      files: files.map(({ folder, name, size }) => ({ folder, name, size })),
      entries,
    };
    const bytes = await writeSealedFile(target, input.passphrase, manifest, [{ path: dbCopy, size: database.size }, ...files]);
    return { path: target, exportedAt, entries: entries.length, files: files.length, bytes };
  } catch (error) {
    await vault.audit.append({
      actorId: operator.personId,
      action: 'transfer.export',
      target: 'vault',
      outcome: 'error',
      details: { file: basename(target), error: error instanceof Error && 'code' in error ? String(error.code) : 'internal' },
    });
    throw error;
  } finally {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(dbCopy + suffix, { force: true });
  }
}
