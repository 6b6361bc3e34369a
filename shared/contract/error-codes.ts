/** Every error code a caller can see. Callers branch on the code; people read the message. */
export const errorCodes = [
  'invalid_input',
  'unknown_method',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'throttled',
  'vault_missing',
  'vault_exists',
  'database_newer',
  'migration_changed',
  'database_error',
  'keychain_unavailable',
  'keychain_locked',
  'keychain_timeout',
  'keychain_error',
  'secret_missing',
  // A social platform or its sign-in refused, failed or did not answer (the message says which and what to do).
  'platform_error',
  // A backup failed a check before a restore (damaged, altered, another vault's, not an earlier state): nothing was changed.
  'backup_invalid',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];
