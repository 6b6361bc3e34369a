import { qb } from '../db/sql';
import type { Vault } from '../vault/vault';
import type { PassphraseContext } from './passphrase-strength';

/** The words an attacker tries first against a person's passphrase: their name and email, and the trust's name. */
export async function passphraseContext(vault: Vault, person: { name?: string | null | undefined; email?: string | null | undefined }): Promise<PassphraseContext> {
  return { name: person.name, email: person.email, trustName: (await vault.data.first(qb.selectFrom('trust').select('name')))?.name ?? null };
}
