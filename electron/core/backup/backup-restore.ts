import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AuditAnchor } from '../audit/audit-anchor';
import { verifyAuditTrail } from '../audit/audit-verify';
import type { AuditHead } from '../audit/audit.repo';
import { qb } from '../db/sql';
import type { Operator } from '../handler-types';
import { ACCOUNTS } from '../secrets/vault-secrets';
import { databasePath } from '../vault/data-dir';
import type { Vault } from '../vault/vault';
import type { VaultHost } from '../vault/vault-host';
import type { BackupEntry } from './backup-files';
import { checkBackupCopy } from './backup-verify';

export interface Restored {
  head: AuditHead;
  replacedFile: string;
}

const SIDE_FILES = ['', '-wal', '-shm'] as const;

/**
 * Restores a backup over the live vault. Everything that can refuse runs first, on a copy in the
 * data folder (the exact bytes that go in place, so the file cannot change between the check
 * and the swap). Then, with the vault closed: the keychain anchor moves back to the backup's
 * head (before the swap, so a crash in between leaves a trail that still verifies against it),
 * the live database is renamed aside (kept, with its WAL), the copy is renamed into place, the
 * vault reopens (and migrates, if the backup is older) and the restore is recorded in the
 * restored trail, which moves the anchor forward again along the new chain.
 */
export async function restoreBackup(host: VaultHost, vault: Vault, operator: Operator, entry: BackupEntry): Promise<Restored> {
  const now = vault.clock.now();
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '');
  const staging = join(vault.dataDir, `.restore-${stamp}.sqlite3`);
  const removeStaging = () => [...SIDE_FILES, '-journal'].forEach((suffix) => rmSync(staging + suffix, { force: true }));
  let head: AuditHead;
  await vault.anchor.flush();
  const anchorText = await vault.secrets.get(ACCOUNTS.auditAnchor);
  try {
    copyFileSync(entry.file, staging);
    const anchor = await AuditAnchor.read(vault.secrets);
    const trail = verifyAuditTrail(vault.db, vault.macKeyHex, anchor.kind === 'head' ? anchor.head : null);
    head = await checkBackupCopy(staging, entry.record, {
      vaultId: vault.vaultId,
      macKeyHex: vault.macKeyHex,
      trail: trail.ok ? { ok: true, headSeq: trail.headSeq } : { ok: false, firstBadSeq: trail.firstBadSeq },
      hashAt: (seq) => vault.audit.hashAt(seq),
      anchor,
      migrations: host.migrations,
      ...(host.nativeBinding === undefined ? {} : { nativeBinding: host.nativeBinding }),
    });
  } catch (error) {
    removeStaging();
    throw error;
  }
  const replacedHead = vault.audit.head();
  const live = databasePath(vault.dataDir);
  const replacedFile = `${live}.replaced-${stamp}`;
  const { secrets } = vault;
  await host.whileClosed(async () => {
    await secrets.set(ACCOUNTS.auditAnchor, JSON.stringify(head));
    try {
      for (const suffix of SIDE_FILES) if (existsSync(live + suffix)) renameSync(live + suffix, replacedFile + suffix);
      renameSync(staging, live);
    } catch (error) {
      // Put everything back as it was: the live database and the anchor it was checked against.
      for (const suffix of SIDE_FILES) if (!existsSync(live + suffix) && existsSync(replacedFile + suffix)) renameSync(replacedFile + suffix, live + suffix);
      if (anchorText === null) await secrets.delete(ACCOUNTS.auditAnchor);
      else await secrets.set(ACCOUNTS.auditAnchor, anchorText);
      removeStaging();
      throw error;
    }
  });
  const restored = await host.open();
  // The operator's person id means the same person in the restored database only if it is there
  // with the same email; otherwise the event names them in its details and has no actor id.
  const same = restored.sql.first(qb.selectFrom('people').select('email').where('id', '=', operator.personId));
  restored.audit.append({
    actorId: same?.email === operator.email ? operator.personId : null,
    action: 'backup.restore',
    target: null,
    outcome: 'ok',
    details: {
      summary: `restored from a backup taken at ${entry.record?.takenAt ?? 'an unknown time'}`,
      backup: entry.id,
      takenAt: entry.record?.takenAt ?? null,
      restoredBy: operator.email,
      restoredHeadSeq: head.seq,
      replacedHeadSeq: replacedHead?.seq ?? null,
      replacedHeadHash: replacedHead?.hash ?? null,
      replacedFile: basename(replacedFile),
    },
  });
  await restored.anchor.flush();
  return { head, replacedFile };
}
