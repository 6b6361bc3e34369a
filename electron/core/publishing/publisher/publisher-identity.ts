import { CoreError } from '../../errors';
import { ACCOUNTS } from '../../secrets/vault-secrets';
import type { Vault } from '../../vault/vault';
import { parsePublisherKey, wipePublisherKeys } from './publisher-key';
import { readKeyFile } from './publisher-key-file';
import type { KeyPlace } from './publisher-enrol';
import { currentPublisherProblem } from './publisher-trust';
import { currentPublisher } from './publisher.repo';

export const NO_PUBLISHER = 'No publisher is enrolled on this computer: an administrator runs custodian scheduler enrol.';

/** The publisher principal of a session: it may run publishing passes only (contract: `publisher`). */
export interface PublisherContext {
  vault: Vault;
  publisherId: number;
}

/**
 * Opens the publisher of this computer: the current enrolment must be one an administrator
 * signed and the trail vouches for, and the key here (keychain or file) must be its private half.
 * Returns the publisher's id; the private halves are not kept (the publisher opens nothing).
 * A planted or swapped row is refused and the refusal audited; a missing key is NO_PUBLISHER.
 */
export async function openPublisher(vault: Vault, place: KeyPlace): Promise<number> {
  const row = await currentPublisher(vault.data);
  if (row === undefined) throw new CoreError('not_found', NO_PUBLISHER);
  const problem = await currentPublisherProblem(vault, row);
  if (problem !== null) {
    await vault.audit.append({ actorId: null, action: 'publisher.sign_in', target: `publisher:${row.id}`, outcome: 'denied', details: { publisherId: row.id, why: problem } });
    throw new CoreError('forbidden', `The enrolled publisher is not trusted: ${problem}. Nothing was published; an administrator runs custodian scheduler enrol (custodian audit verify names what was changed).`);
  }
  const text = place === 'keychain' ? await vault.secrets.get(ACCOUNTS.publisherKey) : readKeyFile(place.keyFile);
  const keys = text === null ? null : parsePublisherKey(text, vault.vaultId, row);
  if (keys === null) throw new CoreError('not_found', NO_PUBLISHER);
  wipePublisherKeys(keys);
  return row.id;
}

/** Re-checked on every call of a publisher session: a re-enrolment or an edited row ends it. */
export async function publisherStillTrusted(vault: Vault, publisherId: number): Promise<boolean> {
  const row = await currentPublisher(vault.data);
  return row !== undefined && row.id === publisherId && (await currentPublisherProblem(vault, row)) === null;
}
