import { keyById } from '../../keys/keys.repo';
import { checkerFor, keyMayReceive } from '../../keys/trust-root';
import type { Vault } from '../../vault/vault';
import { enrolmentSignatureValid, enrolmentStatement } from './publisher-key';
import { latestEnrolmentEvent, type PublisherRow } from './publisher.repo';

/**
 * Whether a publishers row is one an administrator made: signed by the enrolling person's own
 * key over {vault, public keys, time}. Null when it is; otherwise the problem, naming the row.
 * `signer` is the person key the row names, looked up by the caller (audit verify reads its own
 * connection; a sign-in reads the vault's).
 */
export function signatureProblem(vaultId: string, row: PublisherRow, signer: { personId: number; signPublic: string } | undefined): string | null {
  if (signer === undefined) return `publishers row ${row.id} is signed by a key (${row.signerKeyId}) that does not exist`;
  if (signer.personId !== row.enrolledBy) return `publishers row ${row.id} names person ${row.enrolledBy} as its enroller but is signed with person ${signer.personId}'s key`;
  const statement = enrolmentStatement(vaultId, row, row.enrolledAt);
  if (!enrolmentSignatureValid(signer.signPublic, row.signature, statement)) return `publishers row ${row.id} carries a signature no administrator made`;
  return null;
}

/** The enrolment event's details as publisher-enrol.ts writes them. */
export function enrolmentDetails(details: string): { publisherId: number; signPublic: string } | null {
  try {
    const parsed = JSON.parse(details) as Record<string, unknown>;
    return Number.isSafeInteger(parsed.publisherId) && typeof parsed.signPublic === 'string' ? { publisherId: parsed.publisherId as number, signPublic: parsed.signPublic } : null;
  } catch {
    return null;
  }
}

/**
 * For the current publisher, at each sign-in and pass: its signature, made with a certified key of
 * a person whose certificate in force says administrator, and the trail's latest enrolment must be
 * this row by the same person (a row planted or swapped with sqlite3 is not). The certificate
 * check matters against someone who can also forge the trail's MAC (a same-user program reading
 * the keychain) and signs a row with their own genuine key: only certificates say who administers.
 */
export async function currentPublisherProblem(vault: Vault, row: PublisherRow): Promise<string | null> {
  const { data, vaultId } = vault;
  const signed = signatureProblem(vaultId, row, await keyById(data, row.signerKeyId));
  if (signed !== null) return signed;
  const checker = checkerFor(vault);
  if (checker !== null) {
    const cert = await checker.inForce(row.enrolledBy);
    if (!cert.ok || cert.body.consoleRole !== 'admin') return `publishers row ${row.id} was enrolled by person ${row.enrolledBy}, whom no certificate makes an administrator`;
    if (!(await keyMayReceive(vault, row.signerKeyId))) return `publishers row ${row.id} is signed with a key no administrator certified`;
  }
  const event = await latestEnrolmentEvent(data);
  const details = event === undefined ? null : enrolmentDetails(event.details);
  if (event === undefined || details === null || details.publisherId !== row.id || details.signPublic !== row.signPublic || event.actorId !== row.enrolledBy) {
    return `publishers row ${row.id} is not the publisher the trail last enrolled: it was added or changed outside Custodian`;
  }
  return null;
}
