import { AuditAnchor } from '../audit/audit-anchor';
import { verifyAuditTrail } from '../audit/audit-verify';
import type { Vault } from '../vault/vault';

/**
 * Before trust on first use certifies the console roles of a vault from before certificates
 * (trust-root.ts): the people whose operators row the verified trail does not explain (the register
 * replay: a role edited or inserted with sqlite3). Null when the trail itself does not verify: then
 * nothing in the tables can be taken on trust, and no root is made until it does.
 */
export async function rolesTheTrailDoesNotExplain(vault: Vault): Promise<Set<number> | null> {
  await vault.anchor.flush();
  const anchor = await AuditAnchor.read(vault.secrets);
  if (anchor.kind === 'damaged') return null;
  const result = await verifyAuditTrail(vault.data, vault.file?.db ?? null, vault.macKeyHex, anchor.kind === 'head' ? anchor.head : null);
  if (result.ok) return new Set();
  if (result.findings === undefined) return null;
  const people = new Set<number>();
  for (const finding of result.findings) {
    const match = /^operators row of person (\d+) /.exec(finding);
    if (match !== null) people.add(Number(match[1]));
  }
  return people;
}
