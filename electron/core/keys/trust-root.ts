import { ACCOUNTS } from '../secrets/vault-secrets';
import type { Vault } from '../vault/vault';
import { signCertificate, type CertificateBody } from './certificate';
import { CertificateChecker } from './certificate-check';
import { certifiablePeople, currentKeyId, insertCertificate, keyForCertificate, personForCertificate, setTrustRootMirror } from './certificates.repo';
import type { PersonKeys } from './person-key';
import { fromB64, sodium, toB64, wipe } from './sodium';
import { rolesTheTrailDoesNotExplain } from './trail-roles';

/**
 * The trust root (design: keys-and-server.md, "Keys"): an Ed25519 key that certifies
 * administrators, who certify everyone else. Its public half is PINNED in the keychain: the
 * database only mirrors it (trust_root), so a sqlite3 edit cannot swap in a root of its own. Its
 * private half is sealed (crypto_box_seal) to the person key of the administrator who made it.
 *
 * The pin is read once when the vault opens (the checks run inside transactions, which await
 * nothing but the database) and kept per vault object; null means the vault has no root yet (one from before certificates,
 * until its first administrator signs in).
 */
const pins = new WeakMap<object, string | null>();

export async function loadTrustPin(vault: Vault): Promise<string | null> {
  const pin = await vault.secrets.get(ACCOUNTS.trustRootPublic);
  pins.set(vault, pin);
  return pin;
}

/** The pinned root of an open vault (anything holding the vault object: a KeyVault is one). */
export function trustPin(vault: object): string | null {
  return pins.get(vault) ?? null;
}

export function checkerFor(vault: Vault): CertificateChecker | null {
  const pin = trustPin(vault);
  return pin === null ? null : new CertificateChecker(vault.data, vault.vaultId, pin);
}

/**
 * Whether a key may be sealed to: certified by a valid chain (a planted person_keys row is not).
 * A vault with no trust root yet trusts its keys as before, until its first administrator signs in.
 */
export async function keyMayReceive(kv: { data: Vault['data']; vaultId: string }, keyId: number): Promise<boolean> {
  const pin = trustPin(kv);
  if (pin === null) return true;
  const key = await keyForCertificate(kv.data, keyId);
  return key !== undefined && (await new CertificateChecker(kv.data, kv.vaultId, pin).keyCertified(key));
}

export type RootReason = 'new vault' | 'first administrator sign-in' | 'recovery';

/**
 * Makes the trust root and certifies the console roles, signed as the design says: administrators
 * by the root, everyone else by `keys` (the administrator present, certified by the root here).
 * - new vault: the only person is the administrator creating it.
 * - first administrator sign-in of a vault from before certificates: trust on first use. The
 *   roles and keys in the tables are certified as they are, once, audited (trust.root), except the
 *   roles the verified trail does not explain (trail-roles.ts): this is the one moment the vault
 *   trusts its own tables, and after it only certificates count. An administrator whose own role
 *   the trail does not explain makes no root: the next genuine one's sign-in does.
 * - recovery (the kit's ceremony: nobody can open the old root): a new root; only the roles and
 *   keys the old root's chain still proves are carried over, so an edit made meanwhile is not blessed.
 * Keychain first (sealed root, then pin), then one transaction; on failure the keychain is put back.
 */
export async function establishTrustRoot(vault: Vault, keys: PersonKeys, reason: RootReason): Promise<void> {
  const before = { pin: await vault.secrets.get(ACCOUNTS.trustRootPublic), sealed: await vault.secrets.get(ACCOUNTS.trustRootSealed) };
  if (before.pin !== null && reason !== 'recovery') return;
  const unexplained = reason === 'first administrator sign-in' ? await rolesTheTrailDoesNotExplain(vault) : new Set<number>();
  if (unexplained === null || unexplained.has(keys.personId)) return;
  const na = sodium();
  const root = na.crypto_sign_keypair();
  const pin = toB64(root.publicKey);
  const sealed = JSON.stringify({ v: 1, personId: keys.personId, keyId: keys.keyId, sealed: toB64(na.crypto_box_seal(root.privateKey, keys.boxPublic)) });
  try {
    await vault.secrets.set(ACCOUNTS.trustRootSealed, sealed);
    await vault.secrets.set(ACCOUNTS.trustRootPublic, pin);
    const at = vault.clock.now().toISOString();
    await vault.data.transaction(async () => {
      const certified = await certifyAll(vault, { root: root.privateKey, keys, previousPin: reason === 'recovery' ? before.pin : null, unexplained }, at);
      await setTrustRootMirror(vault.data, pin, at, keys.personId);
      await vault.audit.append({ actorId: keys.personId, action: 'trust.root', target: 'vault', outcome: 'ok', details: { reason, signPublic: pin, certified: certified.done, notCarried: certified.skipped } });
    });
    pins.set(vault, pin);
  } catch (error) {
    const put = (account: string, value: string | null) => (value === null ? vault.secrets.delete(account) : vault.secrets.set(account, value)).catch(() => undefined);
    await put(ACCOUNTS.trustRootPublic, before.pin);
    await put(ACCOUNTS.trustRootSealed, before.sealed);
    throw error;
  } finally {
    wipe(root.privateKey);
  }
}

/** The trust root's private half, when these keys are the ones it is sealed to; null otherwise. Wipe it after use. */
export async function openTrustRoot(vault: Vault, keys: PersonKeys): Promise<Uint8Array | null> {
  const stored = await vault.secrets.get(ACCOUNTS.trustRootSealed);
  if (stored === null) return null;
  try {
    const parsed = JSON.parse(stored) as { v?: unknown; sealed?: unknown; keyId?: unknown };
    if (parsed.v !== 1 || parsed.keyId !== keys.keyId || typeof parsed.sealed !== 'string') return null;
    const secret = sodium().crypto_box_seal_open(fromB64(parsed.sealed), keys.boxPublic, keys.boxSecret);
    // Only the root pinned in the keychain counts: a sealed key of another root is of no use.
    return toB64(secret.slice(32)) === trustPin(vault) ? secret : (wipe(secret), null);
  } catch {
    return null;
  }
}

async function certifyAll(
  vault: Vault,
  by: { root: Uint8Array; keys: PersonKeys; previousPin: string | null; unexplained: Set<number> },
  at: string,
): Promise<{ done: number[]; skipped: number[] }> {
  const db = vault.data;
  const previous = by.previousPin === null ? null : new CertificateChecker(db, vault.vaultId, by.previousPin);
  const skipped: number[] = [];
  // Everything is decided against the old chain before the first new certificate is written (a new
  // one would be the "latest" the old chain is then asked about).
  const issue: CertificateBody[] = [];
  for (const personId of await certifiablePeople(db)) {
    const person = await personForCertificate(db, personId);
    if (person === undefined) continue;
    if (by.unexplained.has(personId)) {
      skipped.push(personId);
      continue;
    }
    const keyId = await currentKeyId(db, personId);
    const key = keyId === null ? undefined : await keyForCertificate(db, keyId);
    let fields: Pick<CertificateBody, 'signPublic' | 'enrolmentPublic'> = { signPublic: key?.signPublic ?? null, enrolmentPublic: null };
    if (personId === by.keys.personId) fields = { signPublic: toB64(by.keys.signPublic), enrolmentPublic: null };
    else if (previous !== null) {
      // Recovery: carried over only what the old chain proves, role and key alike.
      const cert = await previous.inForce(personId);
      if (!cert.ok || cert.body.consoleRole !== person.consoleRole || cert.body.email !== person.email) {
        skipped.push(personId);
        continue;
      }
      fields = { signPublic: key !== undefined && (await previous.keyCertified(key)) ? key.signPublic : cert.body.signPublic, enrolmentPublic: cert.body.enrolmentPublic };
    }
    issue.push({ vaultId: vault.vaultId, personId, email: person.email, consoleRole: person.consoleRole, ...fields, issuedAt: at, issuer: person.consoleRole === 'admin' ? 'root' : by.keys.keyId });
  }
  for (const body of issue) await insertCertificate(db, body.personId, signCertificate(body, body.issuer === 'root' ? by.root : by.keys.signSecret), at);
  return { done: issue.map((body) => body.personId), skipped };
}
