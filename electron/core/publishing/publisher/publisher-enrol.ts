import { CoreError } from '../../errors';
import type { Operator } from '../../handler-types';
import type { PersonKeys } from '../../keys/person-key';
import { ACCOUNTS } from '../../secrets/vault-secrets';
import type { Vault } from '../../vault/vault';
import { enrolmentStatement, generatePublisherKeys, publisherPublics, serialisePublisherKey, signEnrolment, wipePublisherKeys } from './publisher-key';
import { removeKeyFile, writeNewKeyFile } from './publisher-key-file';
import { currentPublisher, putPublisher } from './publisher.repo';

export type KeyPlace = { keyFile: string } | 'keychain';

export interface Enrolled {
  publisherId: number;
  enrolledAt: string;
  keptIn: 'keychain' | 'file';
  retired: number | null;
}

/**
 * Makes the publisher key and enrols it: the private halves go to their place first (a new 0400
 * file, or the keychain), then one transaction retires the previous publisher and records the new
 * one with the administrator's signature, both audited. If that transaction fails, the file is
 * removed or the keychain entry put back: nothing is left half-enrolled.
 */
export async function enrolPublisher(vault: Vault, operator: Operator, keys: PersonKeys | null, place: KeyPlace, automatic = false): Promise<Enrolled> {
  if (keys === null || keys.keyId === 0) {
    // The signature is what makes a publisher trusted: without their key, nothing can be signed.
    throw new CoreError('forbidden', 'Your key is not open in this session (sign in again with your passphrase), so you cannot sign a publisher. Nothing was enrolled.');
  }
  const publisher = generatePublisherKeys();
  try {
    const enrolledAt = vault.clock.now().toISOString();
    const publics = publisherPublics(publisher);
    const signature = signEnrolment(keys.signSecret, enrolmentStatement(vault.vaultId, publics, enrolledAt));
    const text = serialisePublisherKey(publisher, vault.vaultId);
    const keptIn = place === 'keychain' ? 'keychain' : 'file';
    let undo: () => Promise<void>;
    if (place === 'keychain') {
      const before = await vault.secrets.get(ACCOUNTS.publisherKey);
      await vault.secrets.set(ACCOUNTS.publisherKey, text);
      undo = async () => {
        if (before === null) await vault.secrets.delete(ACCOUNTS.publisherKey);
        else await vault.secrets.set(ACCOUNTS.publisherKey, before);
      };
    } else {
      writeNewKeyFile(place.keyFile, text);
      undo = () => Promise.resolve(removeKeyFile(place.keyFile));
    }
    try {
      // The key is already in the keychain or its file: the transaction awaits the database only.
      return await vault.data.transaction(async (): Promise<Enrolled> => {
        const { publisherId, retired } = await putPublisher(vault.data, { ...publics, enrolledAt, enrolledBy: operator.personId, signerKeyId: keys.keyId, signature, keptIn });
        if (retired !== null) {
          await vault.audit.append({ actorId: operator.personId, action: 'publisher.retire', target: `publisher:${retired}`, outcome: 'ok', details: { publisherId: retired, replacedBy: publisherId } });
        }
        await vault.audit.append({
          actorId: operator.personId,
          action: 'publisher.enrol',
          target: `publisher:${publisherId}`,
          outcome: 'ok',
          // Public keys only: verify and each pass compare the row with what the trail says was enrolled.
          details: { publisherId, signPublic: publics.signPublic, keptIn, replaced: retired, ...(automatic ? { automatic: true } : {}) },
        });
        return { publisherId, enrolledAt, keptIn, retired };
      });
    } catch (error) {
      await undo().catch(() => undefined);
      throw error;
    }
  } finally {
    wipePublisherKeys(publisher);
  }
}

/**
 * The desktop's in-process publishing needs a publisher too. When none is enrolled at all, the
 * first trust-wide administrator to sign in at the window enrols one into this computer's
 * keychain (audited, marked automatic): they are present with their key, a standalone install
 * has no one else to run `scheduler enrol`, and approved posts keep going out as before without
 * a new step. When one is enrolled elsewhere (a headless box), nothing is done: one publisher
 * per vault, and replacing it is a deliberate `scheduler enrol`, never a side effect of a sign-in.
 */
export async function enrolAtWindowSignIn(vault: Vault, operator: Operator, keys: PersonKeys | null): Promise<Enrolled | null> {
  if (operator.consoleRole !== 'admin' || operator.workSchool !== null || operator.mustChangePassphrase || keys === null || keys.keyId === 0) return null;
  if ((await currentPublisher(vault.data)) !== undefined) return null;
  return enrolPublisher(vault, operator, keys, 'keychain', true);
}
