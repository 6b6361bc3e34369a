/**
 * The keychain seen by the core. Implementations: the OS keychain through keytar
 * (keytar.store.ts) for the app, the CLI and every integration test; an in-memory
 * map (memory.store.ts) for pure unit tests only.
 *
 * `service` namespaces entries per vault (see vault-secrets.ts); `account` names one
 * secret inside it. Values never appear in an error message.
 */
export interface SecretStore {
  /** A short label for messages: 'os-keychain' or 'memory'. */
  readonly kind: string;
  get(service: string, account: string): Promise<string | null>;
  set(service: string, account: string, value: string): Promise<void>;
  /** Resolves true when an entry was removed, false when there was none. */
  delete(service: string, account: string): Promise<boolean>;
}

export type SecretStoreErrorCode =
  | 'keychain_unavailable' // no D-Bus session / no Secret Service / no keychain at all
  | 'keychain_locked' // the collection is locked and cannot be used without a prompt
  | 'keychain_timeout' // no answer within the timeout (a locked keyring waiting for a prompt)
  | 'keychain_error'; // anything else the keychain reported

export class SecretStoreError extends Error {
  readonly code: SecretStoreErrorCode;
  constructor(code: SecretStoreErrorCode, message: string) {
    super(message);
    this.name = 'SecretStoreError';
    this.code = code;
  }
}
