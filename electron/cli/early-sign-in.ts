import Database from 'better-sqlite3';
import { decoyHash, deriveAhead } from '../core/auth/passphrase';
import { databasePath, defaultDataDir } from '../core/vault/data-dir';

/*
 * The sign-in's scrypt (0.6–0.7 s) runs on libuv's thread pool, so the main thread is free
 * while it runs. run-cli.ts imports this small chunk once a signed-in command has parsed and
 * starts the scrypt here, before the runner (the core, libsodium, kysely, zod) is even loaded:
 * loading it and opening the vault then happen during the scrypt instead of before it (issue 14).
 * Nothing is checked, written or audited here: the sign-in does all of that as always and only
 * finds the scrypt's result ready (auth/passphrase.ts, deriveAhead), for the very same
 * passphrase and stored hash. Anything unusual and this does nothing: the sign-in derives itself.
 */

/** The data folder a command works on: --data-dir, else CUSTODIAN_DATA_DIR, else the app's own. */
export function commandDataDir(dataDir: string | undefined, env: NodeJS.ProcessEnv): string {
  return dataDir ?? nonEmpty(env.CUSTODIAN_DATA_DIR) ?? defaultDataDir(env);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/**
 * The operator's stored passphrase hash, read with a read-only connection closed before the
 * vault is opened; undefined for an address that is nobody's (the sign-in then checks the decoy,
 * at the same cost: so is the scrypt begun here). Throws when there is no readable vault.
 */
function storedHash(dataDir: string, email: string): string | undefined {
  const db = new Database(databasePath(dataDir), { readonly: true, fileMustExist: true });
  try {
    // The sign-in's own query (auth/sign-in.ts): an operator is a person with an operators row.
    const row = db
      .prepare('SELECT operators.passphrase_hash AS hash FROM operators INNER JOIN people ON people.id = operators.person_id WHERE people.email = ?')
      .get(email) as { hash: string } | undefined;
    return row?.hash;
  } finally {
    db.close();
  }
}

/**
 * Starts the sign-in's scrypt when the passphrase comes from the environment (a prompt must
 * wait for the command's first call, after its usage errors). Never fails.
 */
export async function beginSignIn(dataDir: string | undefined, email: string | undefined, env: NodeJS.ProcessEnv): Promise<void> {
  const passphrase = nonEmpty(env.CUSTODIAN_PASSPHRASE);
  if (email === undefined || passphrase === undefined) return;
  try {
    deriveAhead(passphrase, storedHash(commandDataDir(dataDir, env), email) ?? (await decoyHash()));
  } catch {
    // No vault yet, a locked or foreign file: the sign-in reports it, deriving for itself.
  }
}
