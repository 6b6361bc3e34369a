import { CoreError } from '../errors';
import type { HandlerContext } from '../handler-types';
import type { Vault } from '../vault/vault';
import { signCertificate, type CertificateBody } from './certificate';
import { currentKeyId, insertCertificate, keyForCertificate, personForCertificate } from './certificates.repo';
import type { PersonKeys } from './person-key';
import { checkerFor } from './trust-root';

/** Who signs a certificate: a certified administrator's key, and the trust root when they hold it (for administrators). */
export interface Certifier {
  keys: PersonKeys | null;
  root?: Uint8Array | null;
}

/**
 * Certifies a person's console role as the tables now say it (call inside the transaction that
 * wrote it, after the write), and the key they have, when the certificate in force already
 * proves it. `enrolmentPublic`: the enrolment key of a passphrase an administrator has just set
 * (auth/passphrase.ts); omitted, the one in force is carried over. A vault with no trust root yet
 * (from before certificates) issues nothing: its first administrator's sign-in certifies everyone.
 */
export async function certifyPerson(vault: Vault, certifier: Certifier, personId: number, enrolmentPublic?: string | null, firstKey?: string): Promise<void> {
  const checker = checkerFor(vault);
  if (checker === null) return;
  const { keys } = certifier;
  if (keys === null) {
    throw new CoreError('forbidden', 'Your key is not open in this session, so Custodian cannot certify the change. Sign out, sign in again and repeat it. Nothing was changed.');
  }
  const db = vault.data;
  const own = await checker.inForce(keys.personId);
  const ownKey = await keyForCertificate(db, keys.keyId);
  if (!own.ok || own.body.consoleRole !== 'admin' || ownKey === undefined || !(await checker.keyCertified(ownKey))) {
    throw new CoreError('forbidden', 'Your console role is not certified by an administrator of this vault, so you cannot certify others: ask an administrator to set it again. Nothing was changed.');
  }
  const person = await personForCertificate(db, personId);
  if (person === undefined) throw new Error('certifying a person who is not on the register');
  const previous = await checker.inForce(personId);
  const keyId = await currentKeyId(db, personId);
  const key = keyId === null ? undefined : await keyForCertificate(db, keyId);
  const keyProved = key !== undefined && (await checker.keyCertified(key));
  const carried = previous.ok ? previous.body : null;
  const at = vault.clock.now().toISOString();
  const byRoot = person.consoleRole === 'admin' && certifier.root != null;
  const body: CertificateBody = {
    vaultId: vault.vaultId,
    personId,
    email: person.email,
    consoleRole: person.consoleRole,
    // A key is carried only if the certificate in force proves it: a planted one stays uncertified.
    signPublic: firstKey ?? (keyProved ? key.signPublic : (carried?.signPublic ?? null)),
    enrolmentPublic: enrolmentPublic !== undefined ? enrolmentPublic : (carried?.enrolmentPublic ?? null),
    issuedAt: at,
    issuer: byRoot ? 'root' : keys.keyId,
  };
  await insertCertificate(db, personId, signCertificate(body, byRoot ? (certifier.root as Uint8Array) : keys.signSecret), at);
}

/**
 * The one place an administrator certifies the enrolment key of a passphrase they set (person.add,
 * and an administrator's reset): the key the person makes at their next sign-in is signed with the
 * enrolment key the same passphrase gives, which this certificate binds.
 */
export async function certifyEnrolment(ctx: Pick<HandlerContext, 'vault' | 'keys'>, personId: number, enrolmentPublic: string, root: Uint8Array | null = null): Promise<void> {
  await certifyPerson(ctx.vault, { keys: ctx.keys, root }, personId, enrolmentPublic);
}
