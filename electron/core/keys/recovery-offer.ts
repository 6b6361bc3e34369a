import { qb } from '../db/sql';
import type { Operator } from '../handler-types';
import type { Vault } from '../vault/vault';
import { recoveryKeyRow } from './recovery.repo';

/**
 * The recovery kit is offered once per vault (issue 13, "the first administrator sign-in after the
 * upgrade offers the kit"). A new vault's first run is the offer, so vault.init records it here;
 * a vault from before the kit gets it at its first administrator sign-in that has no kit. After
 * that the high compliance finding and the Data page carry on asking, not every sign-in.
 */
export async function recordKitOffered(vault: Vault, personId: number | null): Promise<void> {
  await vault.data.run(qb.insertInto('recovery_kit_offer').values({ id: 1, offered_at: vault.clock.now().toISOString(), offered_to: personId }).onConflict((oc) => oc.doNothing()));
}

/** Whether to offer the kit to this administrator now; records (and audits) the offer when so. */
export async function takeKitOffer(vault: Vault, operator: Pick<Operator, 'personId' | 'consoleRole' | 'mustChangePassphrase'>): Promise<boolean> {
  // One who must first change their passphrase is offered at the sign-in after the change.
  if (operator.consoleRole !== 'admin' || operator.mustChangePassphrase) return false;
  if ((await recoveryKeyRow(vault.data)) !== undefined) return false;
  if ((await vault.data.first(qb.selectFrom('recovery_kit_offer').select('id'))) !== undefined) return false;
  await vault.data.transaction(async () => {
    await recordKitOffered(vault, operator.personId);
    await vault.audit.append({ actorId: operator.personId, action: 'recovery.kit_offered', target: null, outcome: 'ok', details: { why: 'the first administrator sign-in of a vault without a recovery kit' } });
  });
  return true;
}
