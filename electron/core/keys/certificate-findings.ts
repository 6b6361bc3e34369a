import { ACCOUNTS } from '../secrets/vault-secrets';
import type { Vault } from '../vault/vault';
import { CertificateChecker } from './certificate-check';
import { certifiablePeople, currentKeyId, hasCertificates, keyForCertificate, personForCertificate, trustRootMirror } from './certificates.repo';

/**
 * What `audit verify` says of certificates, beside the register replay: every person whose console
 * role or current key no valid chain (trust root → administrators → people) certifies, and a
 * database mirror of the root that differs from the pin in the keychain. The pin is read from the
 * keychain now, not from the copy kept since the vault opened.
 */
export async function certificateFindings(vault: Vault): Promise<string[]> {
  const pin = await vault.secrets.get(ACCOUNTS.trustRootPublic);
  if (pin === null) {
    // A vault from before certificates has none until its first administrator signs in; one that has some lost its root.
    return (await hasCertificates(vault.data)) ? ['the trust root is missing from the keychain, so no certificate can be checked'] : [];
  }
  const findings: string[] = [];
  const mirror = await trustRootMirror(vault.data);
  if (mirror !== pin) findings.push('the trust_root row differs from the trust root pinned in the keychain: it was changed outside Custodian');
  const checker = new CertificateChecker(vault.data, vault.vaultId, pin);
  for (const personId of await certifiablePeople(vault.data)) {
    const person = await personForCertificate(vault.data, personId);
    if (person === undefined) continue;
    const cert = await checker.inForce(personId);
    if (person.consoleRole !== null) {
      if (!cert.ok) findings.push(`person ${personId} (${person.email}): console role ${person.consoleRole} is not certified: ${cert.why}`);
      else if (cert.body.consoleRole !== person.consoleRole) {
        findings.push(`person ${personId} (${person.email}): console role ${person.consoleRole} is not certified: the certificate says ${cert.body.consoleRole ?? 'no console role'}`);
      }
    }
    const keyId = await currentKeyId(vault.data, personId);
    const key = keyId === null ? undefined : await keyForCertificate(vault.data, keyId);
    if (key !== undefined && !(await checker.keyCertified(key))) findings.push(`person_keys row ${key.id} of person ${personId} (${person.email}) is not certified by an administrator`);
  }
  return findings;
}
