import { SecretStoreError, type SecretStore } from './secret-store';

/**
 * An in-memory SecretStore for PURE UNIT TESTS ONLY.
 *
 * Never use it in the app, the CLI or integration tests: secrets must live in the OS keychain
 * and a missing keychain must stop with a clear error (ARCHITECTURE.md, Secrets), never fall
 * back to memory. Integration tests get a real, private keychain from scripts/with-keychain.mjs.
 *
 * It rejects empty names and values the way keytar does, so code that passes unit tests does
 * not fail on the real keychain for that reason.
 */
export function createMemoryStore(): SecretStore {
  const entries = new Map<string, string>();
  // NUL cannot appear in a keychain name, so the joined key is unambiguous.
  const key = (service: string, account: string) => `${service}\u0000${account}`;
  const check = (service: string, account: string) => {
    if (!service || !account) throw new SecretStoreError('keychain_error', 'The system keychain refused an entry with an empty name or an empty value.');
  };

  return {
    kind: 'memory',
    async get(service, account) {
      check(service, account);
      return entries.get(key(service, account)) ?? null;
    },
    async set(service, account, value) {
      check(service, account);
      if (!value) throw new SecretStoreError('keychain_error', 'The system keychain refused an entry with an empty name or an empty value.');
      entries.set(key(service, account), value);
    },
    async delete(service, account) {
      check(service, account);
      return entries.delete(key(service, account));
    },
  };
}
