import type Database from 'better-sqlite3';
import { checkPassphrase } from '../../electron/core/auth/passphrase';
import { signCertificate } from '../../electron/core/keys/certificate';
import { insertCertificate } from '../../electron/core/keys/certificates.repo';
import { personPublicKeys } from '../../electron/core/keys/keys.repo';
import { openPersonKeys, wipePersonKeys } from '../../electron/core/keys/person-key';
import { sodiumReady } from '../../electron/core/keys/sodium';
import { Sql } from '../../electron/core/db/sql';
import { SqliteDb } from '../../electron/core/db/sqlite-db';
import { ACCOUNTS, type VaultSecrets } from '../../electron/core/secrets/vault-secrets';

/**
 * Certifies the console roles the bench's growth wrote straight into the file, as the administrator
 * would have at each person.add: signed with their person key (opened with their passphrase, as at
 * sign-in), so verify's certificate check does its real work on every operator and passes.
 */
export async function certifyGrownOperators(
  db: Database.Database,
  secrets: VaultSecrets,
  admin: { id: number; passphrase: string; vaultId: string; at: string },
): Promise<number> {
  await sodiumReady();
  const port = new SqliteDb(new Sql(db));
  const hash = (db.prepare('SELECT passphrase_hash AS h FROM operators WHERE person_id = ?').get(admin.id) as { h: string }).h;
  const checked = await checkPassphrase(admin.passphrase, hash);
  const stored = await secrets.get(ACCOUNTS.personKey(admin.id));
  const publics = await personPublicKeys(port, admin.id);
  if (!checked.ok || checked.sealingKey === null || stored === null || publics === undefined) throw new Error('the bench administrator has no key to certify with');
  const keys = openPersonKeys(stored, checked.sealingKey, admin.vaultId, admin.id, publics);
  checked.sealingKey.fill(0);
  if (keys === null) throw new Error('the bench administrator’s key did not open');
  const uncertified = db
    .prepare(
      `SELECT o.person_id AS id, p.email, o.console_role AS role FROM operators o JOIN people p ON p.id = o.person_id
       WHERE NOT EXISTS (SELECT 1 FROM console_certificates c WHERE c.person_id = o.person_id)`,
    )
    .all() as { id: number; email: string; role: string }[];
  for (const person of uncertified) {
    const body = { vaultId: admin.vaultId, personId: person.id, email: person.email, consoleRole: person.role, signPublic: null, enrolmentPublic: null, issuedAt: admin.at, issuer: keys.keyId };
    await insertCertificate(port, person.id, signCertificate(body, keys.signSecret), admin.at);
  }
  wipePersonKeys(keys);
  return uncertified.length;
}
