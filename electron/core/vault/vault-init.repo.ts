import type { AuditHead } from '../audit/audit.repo';
import type { AuditTrail } from '../audit/audit-trail';
import type { Db } from '../db/db.port';
import { qb } from '../db/sql';

export interface NewVault {
  trustName: string;
  adminName: string;
  adminEmail: string;
  passphraseHash: string;
}

/**
 * A new vault's first rows, on either engine: its id, the trust, the first administrator and
 * the trail's first event, vault.init, all in one transaction. Returns the trail's head.
 */
export function writeNewVault(data: Db, audit: AuditTrail, vaultId: string, input: NewVault, at: Date): Promise<AuditHead> {
  const now = at.toISOString();
  return data.transaction(async () => {
    await data.run(qb.insertInto('vault').values({ id: 1, vault_id: vaultId, created_at: now }));
    await data.run(qb.insertInto('trust').values({ id: 1, name: input.trustName }));
    const person = await data.first(
      qb
        .insertInto('people')
        .values({ name: input.adminName, email: input.adminEmail, role: 'core-team', school_id: null, left_on: null, created_at: now })
        .returning('id'),
    );
    if (person === undefined) throw new Error('insert returned no id');
    await data.run(
      qb.insertInto('operators').values({
        person_id: person.id,
        console_role: 'admin',
        passphrase_hash: input.passphraseHash,
        passphrase_changed_at: now,
        failed_attempts: 0,
        locked_until: null,
      }),
    );
    return await audit.append({ actorId: person.id, action: 'vault.init', target: `person:${person.id}`, outcome: 'ok', details: { vaultId, personId: person.id, consoleRole: 'admin' } });
  });
}
