import { qb } from '../db/sql';
import type { Vault } from '../vault/vault';
import { checkerFor } from './trust-root';

export const UNCERTIFIED_ROLE_MESSAGE = 'Your console role is not certified by an administrator of this vault: ask an administrator to set it again.';

/**
 * Why an operator's console role, as the operators table says it, is not certified; null when a
 * valid certificate chain gives exactly that role (or the vault has no trust root yet: one from
 * before certificates, until its first administrator signs in). The role a session acts with is
 * the table's only when its certificate says the same: an UPDATE of operators opens nothing.
 */
export async function roleRefusal(vault: Vault, operator: { personId: number; email: string; consoleRole: string }): Promise<string | null> {
  const checker = checkerFor(vault);
  if (checker === null) return null;
  const cert = await checker.inForce(operator.personId);
  if (!cert.ok) return cert.why;
  if (cert.body.consoleRole !== operator.consoleRole) return `the operators table says ${operator.consoleRole} but the certificate says ${cert.body.consoleRole ?? 'no console role'}`;
  if (cert.body.email !== operator.email) return 'the certificate names another email';
  return null;
}

/**
 * Whether a pending grant's granter could make it: their certificate in force says administrator,
 * or they hold the channel themselves. A grant "by" a person whose role was edited into the
 * operators table completes for nobody, whoever is at work.
 */
export async function granterMayGrant(vault: Vault, grant: { channel_id: number; granted_by: number }): Promise<boolean> {
  const checker = checkerFor(vault);
  if (checker === null) return true;
  const cert = await checker.inForce(grant.granted_by);
  if (cert.ok && cert.body.consoleRole === 'admin') return true;
  const holds = await vault.data.first(
    qb.selectFrom('access_grants').select('id').where('channel_id', '=', grant.channel_id).where('person_id', '=', grant.granted_by).where('revoked_at', 'is', null),
  );
  return holds !== undefined;
}
