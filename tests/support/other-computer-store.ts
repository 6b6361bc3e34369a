import type { SecretStore } from '../../electron/core/secrets/secret-store';

/**
 * "The new computer's keychain" inside the same real OS keychain: every service name is
 * prefixed, so a vault imported with its own vault id does not meet the exporting vault's
 * entries. The code under test cannot tell the difference.
 */
export function otherComputerStore(inner: SecretStore, name: string): SecretStore {
  const service = (s: string) => `${name} / ${s}`;
  return {
    kind: inner.kind,
    get: (s, a) => inner.get(service(s), a),
    set: (s, a, v) => inner.set(service(s), a, v),
    delete: (s, a) => inner.delete(service(s), a),
  };
}
