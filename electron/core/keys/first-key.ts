import { jsonFieldText } from '../db/json-field';
import { qb } from '../db/sql';
import type { Vault } from '../vault/vault';
import { certifyPerson } from './certify';
import { keyForCertificate } from './certificates.repo';
import { genuine, type EventRow } from './grant-trail';
import type { PersonKeys } from './person-key';
import { checkerFor } from './trust-root';

/** Keys looked at and left alone, per vault object: a planted key is looked up once, not on every call. */
const settled = new WeakMap<Vault, Set<number>>();

/**
 * A vault from before certificates: its trust-on-first-use certificates (trust-root.ts) bind no key
 * for the people who had not made one yet, and no enrolment key either (nobody knew their
 * passphrase). Their first key, made at their next sign-in, is certified by the next certified
 * administrator at work, only when the trail vouches that its owner made it: a genuine key.create
 * event (MAC under the keychain key) by that person naming that key. A row planted with sqlite3
 * has no such event, and a certificate that already binds a key or an enrolment key is never
 * widened here: people added since certificates enrol through their passphrase.
 */
export async function certifyFirstKeys(vault: Vault, admin: PersonKeys): Promise<void> {
  const checker = checkerFor(vault);
  if (checker === null) return;
  const own = await checker.inForce(admin.personId);
  const ownKey = await keyForCertificate(vault.data, admin.keyId);
  if (!own.ok || own.body.consoleRole !== 'admin' || ownKey === undefined || !(await checker.keyCertified(ownKey))) return;
  const seen = settled.get(vault) ?? new Set<number>();
  settled.set(vault, seen);
  const candidates = await vault.data.all(
    qb.selectFrom('person_keys').select(['id', 'person_id']).where('retired_at', 'is', null).where('enrolment_signature', 'is', null).where('person_id', '!=', admin.personId),
  );
  for (const candidate of candidates) {
    if (seen.has(candidate.id)) continue;
    seen.add(candidate.id);
    const key = await keyForCertificate(vault.data, candidate.id);
    if (key === undefined || (await checker.keyCertified(key))) continue;
    const cert = await checker.inForce(candidate.person_id);
    if (!cert.ok || cert.body.signPublic !== null || cert.body.enrolmentPublic !== null) continue;
    if (!(await madeByOwner(vault, candidate.person_id, candidate.id))) continue;
    await vault.data.transaction(async () => {
      await certifyPerson(vault, { keys: admin }, candidate.person_id, undefined, key.signPublic);
      await vault.audit.append({
        actorId: admin.personId,
        action: 'key.certify',
        target: `person:${candidate.person_id}`,
        outcome: 'ok',
        details: { keyId: candidate.id, why: 'first key of a person certified on first use after the upgrade' },
      });
    });
  }
}

async function madeByOwner(vault: Vault, personId: number, keyId: number): Promise<boolean> {
  const rows = (await vault.data.all(
    qb
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'key.create')
      .where('outcome', '=', 'ok')
      .where('actor_id', '=', personId)
      .where(jsonFieldText(vault.data.engine, 'details', 'keyId'), '=', String(keyId))
      .orderBy('seq', 'desc')
      .limit(1),
  )) as EventRow[];
  return rows.some((row) => genuine(vault, row));
}
