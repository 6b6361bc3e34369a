import Database from 'better-sqlite3';
import type { AnchorReading } from '../audit/audit-anchor';
import { verifyStagedTrail } from '../audit/audit-verify';
import type { AuditHead } from '../audit/audit.repo';
import type { Migration } from '../db/migrations';
import { checksum } from '../db/migrator';
import { CoreError } from '../errors';
import { sealMatches, sha256OfFile, type BackupRecord } from './backup-files';

/** What a restore checks a backup against: the live vault, as it is now. */
export interface LiveVault {
  vaultId: string;
  macKeyHex: string;
  /** The live trail, verified against the keychain anchor (the same check as "audit verify"). */
  trail: { ok: true; headSeq: number } | { ok: false; firstBadSeq: number };
  hashAt(seq: number): string | null;
  anchor: AnchorReading;
  migrations: readonly Migration[];
  nativeBinding?: string;
}

function refuse(why: string): never {
  throw new CoreError('backup_invalid', `This backup cannot be restored: ${why}. Nothing was changed.`);
}

/**
 * Checks a copy of a backup (the exact bytes that would be put in place) before anything is
 * replaced. Each refusal names the problem. In order: SQLite's own integrity check; the vault
 * id; the schema (a version this app knows, migrations unchanged); the whole audit chain with
 * this vault's key; the record's head and seal; then that it is an EARLIER STATE of this vault.
 *
 * The earlier-state rule (what a careful reviewer accepts as "a state this vault was in"):
 * - The backup's newest event must be in the live trail with the same hash. Because every hash
 *   covers all the events before it, that proves the whole backup trail is a prefix of the live
 *   one: nothing was inserted, edited or dropped, and the backup is not newer. The restore then
 *   carries every live event after it, so the trail is never rolled back.
 * - Where the live trail is damaged at or before the backup's newest event (the reason people
 *   restore: the backup's good events replace the damaged ones), the keychain anchor must vouch
 *   too: the backup must not go beyond the anchored event, and if it ends exactly there it must
 *   end with the anchored hash. With a damaged trail and no usable anchor it is refused.
 * The MACs prove the events were written with this vault's key; the seal proves the file is the
 * one Custodian wrote.
 */
export async function checkBackupCopy(copyPath: string, record: BackupRecord | null, live: LiveVault): Promise<AuditHead> {
  if (record === null) refuse('its record (the .json file made with it) is missing or unreadable, so it cannot be shown to be a backup Custodian made');
  const rec = record as BackupRecord;
  let db: Database.Database;
  try {
    db = new Database(copyPath, { readonly: true, fileMustExist: true, ...(live.nativeBinding === undefined ? {} : { nativeBinding: live.nativeBinding }) });
  } catch (error) {
    return refuse(`the file cannot be opened as a database (${(error as Error).message})`);
  }
  let head: AuditHead;
  try {
    head = await checkDatabase(db, live);
  } finally {
    db.close();
  }
  if (head.seq !== rec.auditHead.seq || head.hash !== rec.auditHead.hash) {
    refuse(
      `its record names audit head ${rec.auditHead.seq} (${rec.auditHead.hash.slice(0, 12)}…) but the trail it carries ends at event ${head.seq} ` +
        `(${head.hash.slice(0, 12)}…): the file and its record do not belong together`,
    );
  }
  if (rec.vaultId !== live.vaultId || !sealMatches(rec, live.macKeyHex)) {
    refuse("its record's seal does not match this vault's key: the record was edited or made elsewhere");
  }
  if ((await sha256OfFile(copyPath)) !== rec.sha256) refuse('the file was changed after the backup was made (its SHA-256 differs from its record)');
  earlierState(head, live);
  return head;
}

async function checkDatabase(db: Database.Database, live: LiveVault): Promise<AuditHead> {
  let integrity: string[];
  try {
    integrity = (db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[]).map((row) => row.integrity_check);
  } catch (error) {
    return refuse(`the file is damaged (${(error as Error).message})`);
  }
  if (integrity.join() !== 'ok') refuse(`the file is damaged (SQLite integrity check: ${integrity.slice(0, 3).join('; ')})`);
  let vaultId: string | undefined;
  try {
    vaultId = (db.prepare('SELECT vault_id FROM vault WHERE id = 1').get() as { vault_id: string } | undefined)?.vault_id;
  } catch {
    vaultId = undefined;
  }
  if (vaultId === undefined) refuse('it is not a Custodian vault database (no vault id)');
  if (vaultId !== live.vaultId) refuse(`it is a backup of another vault (${String(vaultId)}), not of this one (${live.vaultId})`);
  const applied = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as { version: number; name: string; checksum: string }[];
  for (const row of applied) {
    const shipped = live.migrations.find((migration) => migration.version === row.version);
    if (shipped === undefined) refuse(`it was written by a newer version of Custodian (database version ${row.version}); install that version to restore it`);
    if (checksum((shipped as Migration).sql) !== row.checksum) refuse(`its migration ${row.name} differs from the one this app ships`);
  }
  const trail = await verifyStagedTrail(db, live.macKeyHex, null);
  if (!trail.ok) return refuse(`its audit trail fails at event ${trail.firstBadSeq}: ${trail.problem}`);
  if (trail.headSeq === 0) refuse('its audit trail is empty');
  return { seq: trail.headSeq, hash: trail.headHash };
}

function earlierState(head: AuditHead, live: LiveVault): void {
  const trusted = live.trail.ok ? live.trail.headSeq : live.trail.firstBadSeq - 1;
  const liveHash = live.hashAt(head.seq);
  // A restore keeps every live event after the backup's head, so the backup's trail must be a
  // prefix of the live one: the same hash at its head (which covers every event before it).
  if (liveHash === null) {
    refuse(`it ends at event ${head.seq}, after this vault's newest event (${trusted}), so it is not an earlier state of this vault`);
  }
  if (liveHash !== head.hash) {
    refuse(`its event ${head.seq} differs from event ${head.seq} of this vault's trail, so it is not an earlier state of this vault (its trail is not a prefix of this one)`);
  }
  if (head.seq <= trusted) return;
  if (live.anchor.kind !== 'head') {
    refuse(`this vault's audit trail is damaged from event ${trusted + 1} and the keychain anchor is ${live.anchor.kind === 'none' ? 'missing' : 'damaged'}, so nothing shows the backup is an earlier state`);
  }
  const anchored = (live.anchor as Extract<AnchorReading, { kind: 'head' }>).head;
  if (head.seq > anchored.seq) refuse(`it ends at event ${head.seq}, after the newest event anchored in the keychain (${anchored.seq})`);
  if (head.seq === anchored.seq && head.hash !== anchored.hash) refuse(`its event ${head.seq} does not match the hash anchored in the keychain`);
}
